"""Differential comparison of our rendering with Jekyll's (kramdown GFM), for tests and reports.

Each intended difference listed in docs/rendering.md is applied here, and only here.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from app.content.markup import parse_body
from app.content.rendering import Renderer
from app.content.sanitize import SCHEMES, sanitize
from app.content.sources import read_source

RENDER_RB = Path(__file__).with_name("render.rb")
NOTE = "s’ouvre dans une nouvelle fenêtre"
BLOCKS = ("p", "li", "ul", "ol", "blockquote", "td", "th", "pre", "hr", "table")
SPACES = re.compile(r"[\s\u00a0\u202f]+")


@dataclass
class Facts:
    """What a reader gets from rendered HTML: text, blocks, headings, links, images."""

    text: str
    blocks: Counter = field(default_factory=Counter)
    headings: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)


def facts(html: str, ours: bool) -> Facts:
    """The comparable facts of `html`; the kramdown side gets our intended differences."""
    soup = BeautifulSoup(html, "html.parser")
    for note in soup.select("span.new-window"):
        note.decompose()  # intended: links opening a window say so
    found = Facts(SPACES.sub(" ", soup.get_text(" ")).strip())
    found.blocks = Counter(element.name for element in soup.find_all(BLOCKS))
    found.headings = [SPACES.sub(" ", h.get_text(" ")).strip()
                      for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    found.links = [a["href"] for a in soup.find_all("a", href=True) if safe(a["href"])]
    found.images = [(img.get("src", ""), img.get("alt", "")) for img in soup.find_all("img")
                    if safe(img.get("src", ""))]
    return found


def safe(url: str) -> bool:
    scheme = re.match(r"\s*([A-Za-z][A-Za-z0-9+.-]*):", url)
    return scheme is None or scheme.group(1).lower() in SCHEMES


def differences(ours: str, theirs: str) -> list[str]:
    """What differs between our HTML and Jekyll's, in words; empty when they agree."""
    # Intended: raw HTML passes the allowlist (unknown elements unwrapped, scripts and the like
    # dropped with their content, unsafe links removed, tags balanced as a browser does).
    mine, jekyll = facts(ours, True), facts(sanitize(theirs, NOTE), False)
    found = []
    if mine.text != jekyll.text:
        at = next((i for i, (a, b) in enumerate(zip(mine.text, jekyll.text, strict=False))
                   if a != b), min(len(mine.text), len(jekyll.text)))
        found.append(f"text differs at {at}: ours {mine.text[max(0, at - 40):at + 40]!r} / "
                     f"jekyll {jekyll.text[max(0, at - 40):at + 40]!r}")
    for name, a, b in (("blocks", mine.blocks, jekyll.blocks),
                       ("headings", mine.headings, jekyll.headings),
                       ("links", mine.links, jekyll.links),
                       ("images", mine.images, jekyll.images)):
        if a != b:
            found.append(f"{name}: ours {a} / jekyll {b}")
    return found


def jekyll_html(paths: list[Path]) -> dict[str, dict[str, str]]:
    """Body and chapeau of each post as Jekyll renders them (one Ruby process for all)."""
    out = subprocess.run(["ruby", str(RENDER_RB), *map(str, paths)], check=True,
                         capture_output=True, text=True, timeout=300)
    return json.loads(out.stdout)


def our_html(path: Path, renderer: Renderer) -> dict[str, str]:
    """Body and chapeau of a post as the site renders them in French."""
    source, _ = read_source(path, 1 << 30)
    assert source is not None, path
    body = renderer.render_document(parse_body(source.body, source.body_line),
                                    lambda segment: (segment.text, False))
    chapeau = ""
    for key, value in source.front_matter.value:
        if key.value == "chapeau-text" and getattr(value, "value", None):
            from app.content.values import clean_markdown
            chapeau = sanitize(renderer.render_text(clean_markdown(value.value), False), NOTE)
    return {"body": sanitize(body.html, NOTE), "chapeau": chapeau}
