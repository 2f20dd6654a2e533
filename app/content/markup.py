"""Markdown bodies cut into blocks and translatable segments, each with its line in the file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.content.blocks import Node, parse_blocks
from app.content.language_marks import marked_text, plain_text

LIQUID_BASEURL = re.compile(r"\{\{\s*site\.baseurl\s*\}\}")
HARD_BREAK = re.compile(r"(?: {2,}|\\)$")
# The kind of text a segment is, by the element that holds it (for translators' comments).
__all__ = ["Block", "Document", "Segment", "marked_text", "parse_body", "plain_text"]
KINDS = {"p": "paragraph", "text": "paragraph", "h": "heading", "td": "table cell",
         "th": "table cell"}


@dataclass(frozen=True)
class Segment:
    """One translatable unit: its normalised French text and where it starts."""

    text: str
    line: int
    kind: str


@dataclass(frozen=True)
class Block:
    """A block of the body: its kind, its own segment or its children, its attributes."""

    kind: str  # p, text, h, blockquote, ul, ol, li, table, thead, tbody, tr, th, td, code, html, hr
    line: int
    segment: Segment | None = None
    children: tuple[Block, ...] = ()
    classes: str = ""
    level: int = 0
    raw: str = ""  # the text of a code or HTML block
    transparent: bool = False  # a paragraph shown without <p>: a tight list item

    @property
    def segments(self) -> list[Segment]:
        found = [self.segment] if self.segment else []
        return found + [segment for child in self.children for segment in child.segments]

    def walk(self) -> Iterator[Block]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Document:
    """A body cut into blocks, with its link definitions kept apart."""

    blocks: tuple[Block, ...]
    references: tuple[tuple[str, tuple[str, str]], ...] = ()

    @property
    def segments(self) -> list[Segment]:
        return [segment for block in self.blocks for segment in block.segments]

    def walk(self) -> Iterator[Block]:
        for block in self.blocks:
            yield from block.walk()


def join_lines(text: str) -> str:
    """Fold soft line breaks into spaces, so rewrapping never changes a segment; a hard break
    (two spaces or a backslash at the end of a line) stays as a newline."""
    lines = text.split("\n")
    pieces = []
    for index, line in enumerate(lines):
        hard = index < len(lines) - 1 and HARD_BREAK.search(line)
        line = line[:-1] if hard and line.endswith("\\") else line
        pieces.append(line.strip() + ("\n" if hard else " "))
    return "".join(pieces).strip(" ")


def _block(node: Node, container: str) -> Block:
    classes = node.attrs.get("class", "")
    if node.kind in KINDS:
        kind = KINDS[node.kind]
        if kind == "paragraph" and container in ("quote", "list item"):
            kind = container
        text = join_lines(node.text)
        segment = Segment(text, node.line, kind) if text.strip() else None
        return Block(node.kind, node.line, segment, classes=classes, level=node.level,
                     transparent=node.transparent)
    inner = {"blockquote": "quote", "li": "list item"}.get(node.kind, container)
    children = tuple(_block(child, inner) for child in node.children)
    return Block(node.kind, node.line, None, children, classes, node.level, node.text)


def parse_body(body: str, first_line: int) -> Document:
    """Cut a markdown body into blocks and segments; `first_line` is its line in the file."""
    nodes, references = parse_blocks(LIQUID_BASEURL.sub("", body), first_line)
    blocks = tuple(_block(node, "") for node in nodes)
    return Document(blocks, tuple(sorted(references.items())))
