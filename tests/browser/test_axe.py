"""axe-core on every page, at every viewport, in both colour schemes: no violation.

Tags: WCAG 2.0, 2.1 and 2.2 A/AA rules and axe's best practices. The same visit takes the
screenshots of each page at 320 and 1280 px (artifacts/screenshots/, to look at).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers import ARTIFACTS, AXE_TAGS, CHROMIUM, CHROMIUM_MISSING, KINDS, SCHEMES, VIEWPORTS

SCREENSHOTS = ARTIFACTS / "screenshots"
SCREENSHOT_VIEWPORTS = ("320x640", "1280x800")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


def describe(violation: dict, where: str) -> str:
    lines = [f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}",
             f"    {violation['helpUrl']}"]
    for node in violation["nodes"]:
        lines.append(f"    target {', '.join(map(str, node['target']))}")
        lines.append(f"      html {node['html'][:300]}")
        lines.append(f"      why  {node.get('failureSummary', '').replace(chr(10), ' ')}")
    return "\n".join(lines)


def test_chromium_is_installed():
    """Said once as a failure (every browser test also errors with the same message)."""
    if not CHROMIUM.exists():
        pytest.fail(CHROMIUM_MISSING, pytrace=False)


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_axe_violation(viewport, scheme, site_pages, tab_for, axe):
    page = tab_for(viewport, scheme)
    problems, checked = [], []
    for site_page in site_pages:
        where = f"{site_page.url} [{viewport}, {scheme}]"
        response = page.goto(site_page.url)
        assert response is not None and response.status == site_page.status, where
        # The scheme really applies: the page's own colours follow the media query.
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (
            scheme == "dark"), where
        results = axe.run(page, options=AXE_OPTIONS).response
        assert results["testEngine"]["name"] == "axe-core", where
        problems += [describe(violation, where) for violation in results["violations"]]
        checked.append(site_page.kind)
        if viewport in SCREENSHOT_VIEWPORTS:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"{site_page.name}-{viewport}-{scheme}.png",
                            full_page=True)
    assert not problems, f"{len(problems)} axe violation(s):\n" + "\n".join(problems)
    assert set(KINDS) <= set(checked)
