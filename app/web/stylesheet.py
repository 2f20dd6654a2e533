"""The site's one stylesheet: the vendored DSFR subset, its dark palette for
`prefers-color-scheme`, then our own rules; built once at start-up, served minified.

The DSFR switches to dark only under `[data-fr-theme=dark]`, an attribute its script sets;
the site runs no script, so those rules are copied into `@media (prefers-color-scheme: dark)`
with the attribute replaced by `:root`. Fonts keep their own (fingerprinted) files; the few
icons the components draw are inlined, so that a first view stays within a few requests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import rcssmin  # type: ignore[import-untyped]
import tinycss2  # type: ignore[import-untyped]

from app.web.dsfr import DSFR_FOLDER, DSFR_STYLESHEETS

OWN_STYLESHEET = "site.css"
DARK = re.compile(r"(?::root)?\[data-fr-theme=dark\]")
URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
FONT_FACE = re.compile(r"@font-face\{[^}]*\}")
BANNER = re.compile(r"/\*!.*?\*/", re.S)


class StylesheetError(Exception):
    """A file the stylesheet needs is missing (vendor the DSFR again: bin/vendor-dsfr)."""


# Parsing the DSFR is most of a build: every app of a process (a debug reload after an edit of
# site.css, the test suite's hundreds of sites) parses the same text once.
@lru_cache(maxsize=64)
def dark_rules(css: str) -> str:
    """The rules of `css` that apply under `[data-fr-theme=dark]`, for the dark scheme."""
    out: list[str] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            selectors = _dark_selectors(rule.prelude)
            if selectors:
                out.append(f"@media (prefers-color-scheme:dark){{{selectors}"
                           f"{{{tinycss2.serialize(rule.content)}}}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content:
            condition = tinycss2.serialize(rule.prelude).strip()
            if "color-scheme" in condition or "forced-colors" in condition or "," in condition:
                continue  # already scheme-aware, or a list we would have to distribute
            inner = dark_rules(tinycss2.serialize(rule.content))
            for block in re.findall(r"@media \(prefers-color-scheme:dark\)\{(.*?\})\}", inner):
                out.append(f"@media (prefers-color-scheme:dark) and {condition}{{{block}}}")
    return "".join(out)


def _dark_selectors(prelude: list[Any]) -> str:
    parts: list[list[Any]] = []
    current: list[Any] = []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    found = []
    for part in parts:
        text = tinycss2.serialize(part).strip()
        if DARK.search(text):
            found.append(DARK.sub(":root", text, count=1))
    return ",".join(found)


def inline_svg(path: Path) -> str:
    """An SVG as a `data:` URL (percent-encoded text: smaller than base64 once compressed)."""
    text = path.read_text(encoding="utf-8").strip()
    return '"data:image/svg+xml,' + quote(text, safe=" :/=;,'()<>.-_") + '"'


def rewrite_urls(css: str, folder: Path, static: Path, static_url: Callable[[str], str]) -> str:
    """Vendored fonts -> their fingerprinted URL; icons -> inlined; @font-face of a weight
    we do not ship -> dropped (the browser uses the nearest); other missing files -> none."""

    def font_face(match: re.Match[str]) -> str:
        block = match.group(0)
        woff2 = next((u for u in _urls(block) if u.endswith(".woff2")), None)
        if woff2 is None or not (folder / woff2).resolve().is_file():
            return ""
        return re.sub(r"src:[^;}]*", f'src:url({woff2}) format("woff2")', block, count=1)

    def url(match: re.Match[str]) -> str:
        target = next(g for g in match.groups() if g is not None)
        if target.startswith(("data:", "#")):
            return match.group(0)
        path = (folder / target).resolve()
        if not path.is_file() or not path.is_relative_to(static):
            return "none"
        if path.suffix == ".svg":
            return f"url({inline_svg(path)})"
        return f"url({static_url(path.relative_to(static).as_posix())})"

    return URL.sub(url, FONT_FACE.sub(font_face, css))


def _urls(text: str) -> Iterable[str]:
    for match in URL.finditer(text):
        yield next(g for g in match.groups() if g is not None)


def build(static: Path, static_url: Callable[[str], str]) -> bytes:
    """The whole stylesheet, minified, with the DSFR's licence banner kept once.
    `static_url` names a file of the static folder as the stylesheet (there too) links it."""
    static = static.resolve()
    parts, banner = [], ""
    for name in DSFR_STYLESHEETS:
        path = static / DSFR_FOLDER / name
        if not path.is_file():
            raise StylesheetError(f"{path}: missing (run bin/vendor-dsfr)")
        css = path.read_text(encoding="utf-8")
        banner = banner or (BANNER.search(css) or [""])[0]
        parts.append(rewrite_urls(BANNER.sub("", css), path.parent, static, static_url))
    dsfr = "".join(parts)
    # File by file: most of the DSFR's files (176 KB of its core among them) have one dark
    # rule or none, and a file without the attribute is not parsed at all.
    dark = "".join(dark_rules(part) for part in parts if "[data-fr-theme=dark]" in part)
    own = (static / OWN_STYLESHEET).read_text(encoding="utf-8")
    text: str = rcssmin.cssmin(dsfr + dark + own)
    return (banner + "\n" + text).encode("utf-8")
