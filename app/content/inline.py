"""Inline markdown of one segment, rendered by Python-Markdown without its block parser.

Blocks come from app/content/blocks.py (kramdown's rules); Python-Markdown's block parser would
cut a segment again ("1. " or "# " at its start). So a segment is put in a paragraph element
and only the tree processors (inline patterns, attribute lists) and post-processors run.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as etree

import markdown

from app.content import html_blocks
from app.content.attributes import parse_attributes
from app.content.language_marks import LanguageMarks
from app.content.typography import code_span_end, smarten

WRAPPER = re.compile(r"\A\s*<div>\s*<p>|</p>\s*</div>\s*\Z")
# kramdown shows a block-level tag inside a paragraph as text (autolinks are not tags).
BLOCK_TAG = re.compile(rf"<(?=/?{html_blocks.NOT_SPAN}[A-Za-z])(?![^<>\s]*[:@][^<>\s]*>)")
# A span attribute list after an element. Python-Markdown's attr_list takes everything up to the
# last "}" of the line and lets emphasis eat attributes, so lists are read here: the allowlist
# keeps only target="_blank" of them, carried by a mark to the link before it.
SPAN_IAL = re.compile(r"(?<=[)*_`>])\{:((?:\\\}|[^}\n])*)\}")
MARK = "\x02"
NEW_WINDOW = re.compile(rf"<a ([^>]*)>((?:(?!</a>).)*)</a>{MARK}", re.S)


MAX_NESTING, MAX_LINKS = 8, 500
ESCAPE = re.compile(r"\\.")


def _escape_lone_brackets(text: str) -> str:
    """Escape every "[" that cannot start a link: none closes it, it is nested deeper than any
    post nests links, or it is one of too many. Python-Markdown's link pattern takes time in the
    square of their number (a line of "[" took minutes); escaped, they show the same."""
    opened: list[int] = []
    lone: list[int] = []
    index = 0
    while index < len(text):
        if text[index] == "`":
            index = code_span_end(text, index)
            continue
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == "[":
            (lone if len(opened) >= MAX_NESTING else opened).append(index)
        elif text[index] == "]" and opened:
            opened.pop()
        index += 1
    lone += opened
    if text.count("[") - len(lone) > MAX_LINKS:
        lone = [i for i, char in enumerate(text) if char == "[" and (i == 0 or text[i - 1] != "\\")]
    pieces, last = [], 0
    for position in sorted(lone):
        pieces += [text[last:position], "\\"]
        last = position
    return "".join(pieces) + text[last:]


def _span_ial(match: re.Match[str]) -> str:
    return MARK if parse_attributes(match.group(1)).get("target") == "_blank" else ""


# GFM's escapable characters; Python-Markdown alone would show the backslash before ~ : | ...
GFM_ESCAPES = list("\\`*_{}[]()>#+-.!:|\"'$=~<")


class Inline:
    """Renders segments; one Markdown instance, one conversion at a time."""

    def __init__(self) -> None:
        self.md = markdown.Markdown(extensions=[LanguageMarks()])
        self.md.ESCAPED_CHARS = GFM_ESCAPES
        self.lock = threading.Lock()

    def render(self, text: str, references: dict[str, tuple[str, str]]) -> str:
        """HTML of `text` (inline markdown; "\\n" is a hard line break), typography applied."""
        text = SPAN_IAL.sub(_span_ial, BLOCK_TAG.sub("&lt;", smarten(text)))
        text = _escape_lone_brackets(text)
        text = text.replace("\n", "  \n")
        with self.lock:
            md = self.md
            md.reset()
            md.references.update(references)
            root = etree.Element("div")
            etree.SubElement(root, "p").text = text
            for processor in md.treeprocessors:
                root = processor.run(root) or root
            html = md.serializer(root)
            for post in md.postprocessors:
                html = post.run(html)
        return NEW_WINDOW.sub(r'<a \1 target="_blank">\2</a>', WRAPPER.sub("", html)) \
            .replace(MARK, "")
