"""Lighthouse (npm, pinned in node/package-lock.json) on every page, mobile and desktop:
100 in accessibility, best practices and SEO. Performance is measured apart
(bench/lighthouse.py, median of 3 runs): on a shared machine it is too noisy to assert.

A 404 page is a 404 on purpose: Lighthouse's SEO category counts that status against it
(`http-status-code`), so on error pages that one audit alone is let through.
"""

from __future__ import annotations

import json

from .helpers import ARTIFACTS, run_node

CATEGORIES = ("accessibility", "best-practices", "seo")
ERROR_PAGE_AUDITS = ("http-status-code",)


def test_lighthouse_scores_100_on_every_page_mobile_and_desktop(site_pages):
    urls = {page.url: page for page in site_pages}
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
        failing = run["failing"]
        if urls[run["url"]].status == 404:
            failing = [a for a in failing if not a.startswith(ERROR_PAGE_AUDITS)]
        else:
            problems += [f"{where}: {name} {score}" for name, score in run["scores"].items()
                         if score != 1]
        problems += [f"{where}: {audit}" for audit in failing]
    assert not problems, "\n".join(problems)
