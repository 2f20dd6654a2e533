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

from app.content.typography import smarten

WRAPPER = re.compile(r"\A\s*<div>\s*<p>|</p>\s*</div>\s*\Z")
# GFM's escapable characters; Python-Markdown alone would show the backslash before ~ : | ...
GFM_ESCAPES = list("\\`*_{}[]()>#+-.!:|\"'$=~<")


class Inline:
    """Renders segments; one Markdown instance, one conversion at a time."""

    def __init__(self) -> None:
        self.md = markdown.Markdown(extensions=["attr_list"])
        self.md.ESCAPED_CHARS = GFM_ESCAPES
        self.lock = threading.Lock()

    def render(self, text: str, references: dict[str, tuple[str, str]]) -> str:
        """HTML of `text` (inline markdown; "\\n" is a hard line break), typography applied."""
        text = smarten(text).replace("\n", "  \n")
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
        return WRAPPER.sub("", html)
