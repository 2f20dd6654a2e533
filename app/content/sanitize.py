"""The allowlist every piece of rendered content passes before it reaches a page."""

from __future__ import annotations

import re

import nh3
from markupsafe import escape

# h1 is let through so that markup.shift_headings can renumber it below the page's own h1.
TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul",
}
ATTRIBUTES = {
    "*": {"lang", "title", "dir"},
    "a": {"href", "hreflang", "target"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
}
# Classes the stylesheet knows; any other class from content is dropped.
CLASSES = {tag: {"encadre", "citation"} for tag in ("p", "div", "blockquote", "figure")}
CLASSES["span"] = {"encadre", "citation", "fuzzy", "fuzzy__label"}  # fuzzy: translator preview
SCHEMES = {"http", "https", "mailto"}
DROPPED_WITH_CONTENT = {"script", "style", "template", "textarea", "select", "title", "noscript"}
NEW_WINDOW = re.compile(r'<a ([^>]*?)target="_blank"([^>]*)>(.*?)</a>', re.DOTALL)


def safe_url(url: str) -> bool:
    """Whether a URL from front matter or a catalog may be a link or image target: http,
    https, mailto or relative, like links in bodies. Browsers skip controls and spaces inside
    a scheme ("java\tscript:"), so they are removed before looking."""
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", url)
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return scheme is None or scheme.group(1).lower() in SCHEMES


def _keep(tag: str, attribute: str, value: str) -> str | None:
    """Keep `target` only as `_blank`, the one value we know how to announce; drop an address
    whose scheme is unsafe once spaces are removed ("java script:"), as safe_url reads it."""
    if attribute == "target":
        return "_blank" if value.strip().lower() == "_blank" else None
    if attribute in ("href", "src") and not safe_url(value):
        return None
    return value


def clean(html: str) -> str:
    """`html` through the allowlist, tags balanced (an unclosed <div> is closed)."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        url_schemes=SCHEMES,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attribute_filter=_keep,
        link_rel=None,
    ).replace(' class=""', "")


def sanitize(html: str, new_window_note: str) -> str:
    """Clean `html` with the allowlist; links opening a window say so in their text (the
    note comes from a catalog: it is text, escaped)."""

    def announce(match: re.Match[str]) -> str:
        before, after, text = match.groups()
        note = f'<span class="new-window"> ({escape(new_window_note)})</span>'
        return f'<a {before}target="_blank" rel="noopener noreferrer"{after}>{text}{note}</a>'

    return NEW_WINDOW.sub(announce, clean(html))
