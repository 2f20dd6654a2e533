"""Rendering a segmented body to HTML, block by block, the source language marked where used."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from app.content.inline import Inline
from app.content.markup import Block, Document, Segment, parse_body
from app.content.sanitize import clean

TAG = re.compile(r"<[^>]*>")
CONTAINERS = {"blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr"}


@dataclass(frozen=True)
class Rendered:
    """HTML of a body or a field, and how many of its segments fell back to the source."""

    html: str
    fallbacks: int


Choose = Callable[[Segment], "tuple[str, bool]"]


class Renderer:
    """Turns documents into HTML: the structure from the blocks, each segment through Inline."""

    def __init__(self, source_lang: str):
        self.source_lang = source_lang
        self.inline = Inline()

    def convert(self, text: str) -> str:
        """Markdown of a field to HTML, nothing marked."""
        return self.render_text(text, False)

    def render_text(self, text: str, fallback: bool) -> str:
        """Render a field (chapeau, caption) as HTML, marked when it fell back."""
        return self._render(parse_body(text, 0), lambda s: (s.text, fallback)).html

    def render_document(self, document: Document, choose: Choose) -> Rendered:
        """Render every block, asking `choose` for each segment's text and fallback state."""
        return self._render(document, choose)

    def _render(self, document: Document, choose: Choose) -> Rendered:
        references = dict(document.references)
        fallbacks = 0

        def attributes(block: Block, fell: bool) -> str:
            found = f' class="{html.escape(block.classes)}"' if block.classes else ""
            return found + (f' lang="{self.source_lang}"' if fell else "")

        def render(block: Block) -> str:
            nonlocal fallbacks
            if block.kind == "code":
                return f"<pre><code>{html.escape(block.raw)}</code></pre>"
            if block.kind == "hr":
                return "<hr>"
            if block.kind == "html":
                # Balanced on its own: an unclosed <div> must not swallow the next blocks.
                cleaned = clean(block.raw)
                if TAG.sub("", cleaned).strip() and choose(Segment("", block.line, "html"))[1]:
                    fallbacks += 1
                    return f'<div lang="{self.source_lang}">{cleaned}</div>'
                return cleaned
            if block.kind in CONTAINERS:
                first = block.children[0] if block.children else None
                if block.kind == "li" and first is not None and first.transparent:
                    # Each child is rendered once: rendering twice doubles per nesting level.
                    text, fell = inline(first)
                    rest = "\n".join(render(child) for child in block.children[1:])
                    return f"<li{attributes(block, fell)}>{text}{rest}</li>"
                inner = "\n".join(render(child) for child in block.children)
                return f"<{block.kind}{attributes(block, False)}>\n{inner}\n</{block.kind}>"
            text, fell = inline(block)
            if block.kind == "text":
                return f'<span lang="{self.source_lang}">{text}</span>' if fell else text
            tag = f"h{block.level}" if block.kind == "h" else block.kind
            return f"<{tag}{attributes(block, fell)}>{text}</{tag}>"

        def inline(block: Block) -> tuple[str, bool]:
            nonlocal fallbacks
            if block.segment is None:
                return "", False
            text, fell = choose(block.segment)
            fallbacks += fell
            return self.inline.render(text, references), fell

        body = "\n".join(render(block) for block in document.blocks)
        return Rendered(shift_headings(body), fallbacks)


def shift_headings(html: str, top: int = 2) -> str:
    """Renumber headings under the page's h1: the first is `top`, and a heading is never more
    than one level below the one before it, whatever levels the author (or raw HTML) used."""
    open_levels: list[tuple[int, int]] = []  # (level written, level given), outermost first
    current = [top]

    def renumber(match: re.Match[str]) -> str:
        closing, level = match.group(1), int(match.group(2))
        if closing:
            return f"</h{current[0]}"
        while open_levels and open_levels[-1][0] > level:
            open_levels.pop()
        if open_levels and open_levels[-1][0] == level:
            given = open_levels.pop()[1]
        else:
            given = open_levels[-1][1] + 1 if open_levels else top
        given = min(6, given)
        open_levels.append((level, given))
        current[0] = given
        return f"<h{given}"

    return re.sub(r"<(/?)h([1-6])\b", renumber, html)
