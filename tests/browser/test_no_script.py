"""With JavaScript off, at 320, 768 and 1280 px, every navigation link is there, visible and
reachable: DSFR's scripted controls (mobile menu, translate disclosure) are replaced by plain
HTML that needs none."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

WIDTHS = (320, 768, 1280)
# Links a visitor navigates with: skip links, header (block-mark, service, languages),
# the main menu, the footer.
NAVIGATION = ".fr-skiplinks a, header a, nav a, footer a"


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda width: f"{width}px")
def scriptless(request, browser) -> Iterator[tuple[int, Page]]:
    """A tab with JavaScript disabled, `width` CSS px wide."""
    width = request.param
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield width, page
    context.close()


def unreachable_links(page: Page, width: int) -> list[str]:
    """Navigation links a sighted keyboard or pointer user cannot reach, with why."""
    problems = []
    links = page.locator(NAVIGATION)
    for index in range(links.count()):
        link = links.nth(index)
        name = (link.inner_text() or link.get_attribute("href") or "?").strip()[:40]
        if link.get_attribute("tabindex") == "-1":
            problems.append(f"{name!r}: tabindex=-1")
            continue
        link.focus()  # skip links show on focus only, as DSFR means them to
        box = link.bounding_box()
        if box is None or box["width"] < 1 or box["height"] < 1 or not link.is_visible():
            problems.append(f"{name!r}: not visible")
        elif box["x"] < -0.5 or box["x"] + box["width"] > width + 0.5:
            problems.append(f"{name!r}: outside the {width} px viewport ({box['x']:.0f}"
                            f"..{box['x'] + box['width']:.0f})")
    return problems


def test_every_navigation_link_is_visible_and_reachable_without_javascript(
        scriptless, site_pages):
    width, page = scriptless
    problems = []
    for site_page in site_pages:
        page.goto(site_page.url)
        found = unreachable_links(page, width)
        problems += [f"{site_page.path} [{width} px]: {problem}" for problem in found]
        assert page.locator(NAVIGATION).count() >= 8, f"{site_page.path}: navigation missing"
    assert problems == []


def test_the_language_switcher_works_as_plain_links_without_javascript(
        scriptless, site_pages):
    _, page = scriptless
    page.goto(site_pages[0].url)
    other = page.locator("#langues a[hreflang]").first
    target = other.get_attribute("href")
    other.click()
    page.wait_for_load_state()
    assert page.url.endswith(target)
    assert page.locator("html").get_attribute("lang") == target.split("/")[1]
