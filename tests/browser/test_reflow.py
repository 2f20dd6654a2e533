"""Reflow (RGAA 10.11, WCAG 1.4.10), text at 200 % (1.4.4) and text spacing (10.12, 1.4.12)."""

from __future__ import annotations

import pytest

from .helpers import VIEWPORTS

# The WCAG 1.4.12 text-spacing bookmarklet, as a constructed style sheet (the site's CSP
# refuses inline <style>, not adopted style sheets).
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
APPLY_SPACING = """css => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const p = document.querySelector("main p") || document.querySelector("p");
  const style = getComputedStyle(p);
  return parseFloat(style.letterSpacing) / parseFloat(style.fontSize);
}"""

# Horizontal scroll, and the elements sticking out of the viewport (to say what overflows).
OVERFLOW = """() => {
  const root = document.documentElement, width = root.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width > 1 && (box.right > width + 0.5 || box.left < -0.5))
      out.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}` +
               `${el.className ? "." + String(el.className).split(" ").join(".") : ""}` +
               ` [${Math.round(box.left)}..${Math.round(box.right)}]`);
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, out: out.slice(0, 8)};
}"""

# Elements that cut their content: overflow hidden/clip with more content than room.
# The DSFR fr-sr-only pattern (1x1 px, clipped on purpose) is the only exception.
CLIPPED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("body, body *")) {
    const style = getComputedStyle(el);
    const clips = v => v === "hidden" || v === "clip";
    if (!clips(style.overflowX) && !clips(style.overflowY)) continue;
    if (el.closest(".fr-sr-only")) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 && box.height <= 1 && style.clipPath !== "none") continue;
    const cut = (clips(style.overflowY) && el.scrollHeight > el.clientHeight) ||
                (clips(style.overflowX) && el.scrollWidth > el.clientWidth);
    if (cut)
      found.push(`${el.tagName.toLowerCase()}.${String(el.className)} (content ` +
                 `${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}` +
                 `): ${el.outerHTML.slice(0, 120)}`);
  }
  return found;
}"""


def horizontal_scroll(page) -> str | None:
    """None when the page fits its viewport's width, else what sticks out."""
    found = page.evaluate(OVERFLOW)
    if found["scrollWidth"] <= found["clientWidth"]:
        return None
    return (f"scrollWidth {found['scrollWidth']} > clientWidth {found['clientWidth']}; "
            f"sticking out: {', '.join(found['out']) or '?'}")


@pytest.mark.parametrize("viewport", ["320x640", "zoom200"])
def test_no_horizontal_scroll(viewport, site_pages, tab_for):
    """320 CSS px wide (reflow), and 1280x800 at 200 % zoom (640x400 at scale 2)."""
    page = tab_for(viewport)
    problems = []
    for site_page in site_pages:
        page.goto(site_page.url)
        assert page.evaluate("innerWidth") == VIEWPORTS[viewport]["viewport"]["width"]
        problem = horizontal_scroll(page)
        if problem:
            problems.append(f"{site_page.url} [{viewport}]: {problem}")
    assert not problems, "\n".join(problems)


def test_zoom_is_twice_the_pixels(tab_for, site_pages):
    """The 200 % viewport really is a zoom: two device pixels per CSS pixel."""
    page = tab_for("zoom200")
    page.goto(site_pages[0].url)
    assert page.evaluate("devicePixelRatio") == 2
    assert page.evaluate("[innerWidth, innerHeight]") == [640, 400]


@pytest.mark.parametrize("viewport", ["320x640", "1280x800"])
def test_text_spacing_clips_nothing(viewport, site_pages, tab_for):
    page = tab_for(viewport)
    problems = []
    for site_page in site_pages:
        where = f"{site_page.url} [{viewport}, text spacing]"
        page.goto(site_page.url)
        ratio = page.evaluate(APPLY_SPACING, TEXT_SPACING)
        assert ratio == pytest.approx(0.12, abs=0.005), f"{where}: spacing not applied"
        problem = horizontal_scroll(page)
        if problem:
            problems.append(f"{where}: {problem}")
        problems += [f"{where}: clipped {text}" for text in page.evaluate(CLIPPED)]
    assert not problems, "\n".join(problems)
