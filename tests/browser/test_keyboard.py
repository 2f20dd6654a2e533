"""Keyboard only: skip link, focus into main, the language switcher, a visible focus everywhere."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .helpers import SCHEMES, contrast, page_key, parse_rgb

FOCUSABLE = ("a[href], button:not([disabled]), input:not([disabled]), select, textarea, "
             "summary, [tabindex]:not([tabindex='-1'])")
ACTIVE_IS_IN = "selector => !!document.activeElement?.closest(selector)"


def press_tab_until(page, locator, limit: int) -> bool:
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return True
        page.keyboard.press("Tab")
    return locator.evaluate("el => el === document.activeElement")


def test_keyboard_journey(site_pages, tab_for, live_server):
    """On every page: Tab, the skip link; Enter, focus in main; Tabs on, the switcher;
    Enter, the same page in the other language."""
    page = tab_for("1280x800")
    app = live_server.app
    for site_page in site_pages:
        where = site_page.url
        page.goto(site_page.url)

        page.keyboard.press("Tab")
        skip = page.locator('a[href="#contenu"]')
        expect(skip, f"{where}: first Tab").to_be_focused()
        box = skip.bounding_box()
        assert box and box["width"] > 10 and box["height"] > 10, f"{where}: skip link hidden"

        page.keyboard.press("Enter")
        main = page.locator("main#contenu")
        expect(main, f"{where}: Enter on the skip link").to_be_focused()
        assert page.evaluate("document.querySelector('main').matches(':focus')"), where
        expect(page).to_have_url(site_page.url + "#contenu")

        # The next Tab goes on from main, not from the top of the page.
        page.keyboard.press("Tab")
        assert page.evaluate(ACTIVE_IS_IN, "main, footer"), f"{where}: Tab after skip link"

        count = page.locator(FOCUSABLE).count()
        switch = page.locator("#langues a[hreflang]")
        if site_page.kind == "404":  # no equivalent page: the switcher says so, no link
            expect(switch).to_have_count(0)
            expect(page.locator("#langues .language-switcher__unavailable")).not_to_have_count(0)
            continue
        expect(switch).to_have_count(len(app.config["LANGUAGES"]) - 1)
        assert press_tab_until(page, switch.first, count + 3), f"{where}: switcher unreachable"
        other = switch.first.get_attribute("hreflang")
        href = switch.first.evaluate("link => link.href")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page, f"{where}: switcher").to_have_url(href)
        expect(page.locator("html"), f"{where} -> {href}").to_have_attribute("lang", other)
        target = page.url.removeprefix(live_server.url)
        assert target.startswith(f"/{other}/"), f"{where} -> {page.url}"
        assert page_key(app, other, target) == page_key(app, site_page.lang, site_page.path), (
            f"{where} -> {page.url}: not the same page")


def test_skip_link_to_the_language_switcher(site_pages, tab_for):
    """The second skip link leads the keyboard straight to the switcher."""
    page = tab_for("1280x800")
    for site_page in site_pages:
        if site_page.kind == "404":
            continue
        page.goto(site_page.url)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        expect(page.locator('a[href="#langues"]'), site_page.url).to_be_focused()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        expect(page.locator("#langues a[hreflang]").first, site_page.url).to_be_focused()


# Each focusable element: its index, and the look of its focus ring.
RING = """focusable => {
  const all = [...document.querySelectorAll(focusable)];
  const ring = el => {
    const s = getComputedStyle(el);
    return {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
            outlineColor: s.outlineColor, boxShadow: s.boxShadow,
            width: el.getBoundingClientRect().width, height: el.getBoundingClientRect().height,
            html: el.outerHTML.slice(0, 100)};
  };
  const background = el => {
    for (let node = el; node; node = node.parentElement) {
      const color = getComputedStyle(node).backgroundColor;
      if (color !== "rgba(0, 0, 0, 0)" && color !== "transparent") return color;
    }
    return "rgb(255, 255, 255)";
  };
  const active = document.activeElement;
  return {count: all.length, index: all.indexOf(active), ring: ring(active),
          background: background(active.parentElement || active),
          unfocused: all.map(ring)};
}"""


def ring_visible(focused: dict, before: dict, background: str) -> str | None:
    """None when the focus is visible: a solid enough outline or a box shadow that the
    element did not have before, at 3:1 against the background; else why not."""
    outline = focused["outlineStyle"] not in ("none", "hidden") and focused["outlineWidth"] >= 2
    changed = any(focused[k] != before[k] for k in ("outlineStyle", "outlineWidth",
                                                     "outlineColor", "boxShadow"))
    shadow = focused["boxShadow"] not in ("none", before["boxShadow"])
    if not changed:
        return "looks the same focused and unfocused"
    if not (outline or shadow):
        return f"no visible ring (outline {focused['outlineStyle']} {focused['outlineWidth']}px)"
    if outline:
        ratio = contrast(parse_rgb(focused["outlineColor"]), parse_rgb(background))
        if ratio < 3:
            return f"outline {focused['outlineColor']} on {background}: {ratio:.2f}:1 < 3:1"
    if focused["width"] < 1 or focused["height"] < 1:
        return "element invisible when focused"
    return None


@pytest.mark.parametrize("scheme", SCHEMES)
def test_focus_is_visible_on_every_focusable_element(scheme, site_pages, tab_for):
    """Tab through each page (so :focus-visible applies): every element gets a ring."""
    page = tab_for("1280x800", scheme)
    problems = []
    for site_page in site_pages:
        page.goto(site_page.url)
        state = page.evaluate(RING, FOCUSABLE)
        unfocused, reached = state["unfocused"], set()
        for _ in range(state["count"]):
            page.keyboard.press("Tab")
            state = page.evaluate(RING, FOCUSABLE)
            index = state["index"]
            assert index >= 0, f"{site_page.url}: Tab focused a non-focusable element"
            reached.add(index)
            why = ring_visible(state["ring"], unfocused[index], state["background"])
            if why:
                problems.append(f"{site_page.url} [{scheme}] {state['ring']['html']}: {why}")
        missed = [unfocused[i]["html"] for i in range(len(unfocused)) if i not in reached]
        assert not missed, f"{site_page.url}: not reached by Tab: {missed}"
    assert not problems, "\n".join(problems)
