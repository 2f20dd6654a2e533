"""pa11y (npm, pinned in node/package-lock.json) with HTML_CodeSniffer, WCAG 2 AA: no error on
any page, in any language."""

from __future__ import annotations

from .helpers import run_node


def test_pa11y_finds_no_wcag2aa_error_on_any_page(site_pages):
    results = run_node("pa11y.mjs", *(page.url for page in site_pages))
    assert [result["url"] for result in results] == [page.url for page in site_pages]
    problems = [f"{result['url']}: {issue['code']} {issue['selector']}: {issue['message']}"
                for result in results for issue in result["issues"]]
    assert not problems, "\n".join(problems)
