"""Lighthouse (npm, pinned in node/package-lock.json) on every page, mobile and desktop:
100 in accessibility, best practices and SEO. Performance is measured apart
(bench/lighthouse.py, median of 3 runs): on a shared machine it is too noisy to assert.

Lighthouse refuses to audit a page answered with an error status ("unable to reliably load
the page ... Status code: 404"): the 404 pages are left to axe, pa11y and the Nu checker.
"""

from __future__ import annotations

import json

from .helpers import ARTIFACTS, run_node

CATEGORIES = ("accessibility", "best-practices", "seo")


def test_lighthouse_scores_100_on_every_page_mobile_and_desktop(site_pages):
    urls = {page.url: page for page in site_pages if page.status == 200}
    runs = run_node("lighthouse.mjs", ",".join(CATEGORIES), "1", *urls)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "lighthouse.json").write_text(json.dumps(runs, indent=2) + "\n",
                                               encoding="utf-8")
    assert {(run["url"], run["formFactor"]) for run in runs} == {
        (url, form) for url in urls for form in ("mobile", "desktop")}
    problems = []
    for run in runs:
        where = f"{run['url']} ({run['formFactor']})"
        if run["error"]:
            problems.append(f"{where}: {run['error']}")
            continue
        problems += [f"{where}: {name} {score}" for name, score in run["scores"].items()
                     if score != 1]
        problems += [f"{where}: {audit}" for audit in run["failing"]]
    assert not problems, "\n".join(problems)
