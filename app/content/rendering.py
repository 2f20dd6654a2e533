"""Rendering segmented bodies: Python-Markdown per block, the source language marked."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

import markdown

from app.content.markup import EXTENSIONS, TAG, Document, Segment
from app.content.sanitize import clean


@dataclass(frozen=True)
class Rendered:
    """HTML of a body or a field, and how many of its segments fell back to the source."""

    html: str
    fallbacks: int


Choose = Callable[[Segment], "tuple[str, bool]"]


class Renderer:
    """Turns documents into HTML. Markdown instances are stateful: one conversion at a time
    (pages render their body on first use, from any request thread)."""

    def __init__(self, source_lang: str):
        self.source_lang = source_lang
        self.md = markdown.Markdown(extensions=EXTENSIONS)
        self.lock = threading.Lock()

    def convert(self, text: str) -> str:
        with self.lock:
            self.md.reset()
            return self.md.convert(text)

    def _mark(self, html: str) -> str:
        """Put the source language on the first element of a rendered block."""
        return re.sub(r"^(\s*<[A-Za-z][A-Za-z0-9]*)", rf'\1 lang="{self.source_lang}"', html,
                      count=1)

    def render_text(self, text: str, fallback: bool) -> str:
        """Render a one-segment field (chapeau, caption) as HTML, marked when it fell back."""
        html = self.convert(text)
        return self._mark(html) if fallback else html

    def render_document(self, document: Document, choose: Choose) -> Rendered:
        """Render every block, asking `choose` for each segment's text and fallback state."""
        pieces: list[str] = []
        fallbacks = 0
        for block in document.blocks:
            if block.kind == "code":
                pieces.append(self.convert(block.parts[0]))
                continue
            if block.kind == "html":
                # Balanced on its own: an unclosed <div> must not swallow the next blocks
                # (nor close the lang="fr" wrapper below early).
                html = clean(self.convert(block.parts[0]))
                has_text = TAG.sub("", html).strip()
                foreign = has_text and choose(Segment("", 0, "html"))[1]
                if foreign:
                    fallbacks += 1
                    html = f'<div lang="{self.source_lang}">{html}</div>'
                pieces.append(html)
                continue
            chosen = {id(s): choose(s) for s in block.segments}
            fallbacks += sum(1 for _, fell in chosen.values() if fell)
            whole = len(chosen) == 1 and next(iter(chosen.values()))[1]
            source = []
            for part in block.parts:
                if isinstance(part, str):
                    source.append(part)
                    continue
                text, fell = chosen[id(part)]
                text = text.replace("\n", "  \n")
                if fell and not whole:
                    text = f'<span lang="{self.source_lang}">{text}</span>'
                source.append(text)
            markdown_text = "".join(source)
            if document.references:
                markdown_text += "\n\n" + document.references
            html = self.convert(markdown_text)
            pieces.append(self._mark(html) if whole else html)
        return Rendered(shift_headings("\n".join(pieces)), fallbacks)


def shift_headings(html: str, top: int = 2) -> str:
    """Renumber headings under the page's h1: the first is `top`, and a heading is never more
    than one level below the one before it, whatever levels the author (or raw HTML) used."""
    open_levels: list[tuple[int, int]] = []  # (level written, level given), outermost first
    current = [top]

    def renumber(match: re.Match) -> str:
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
