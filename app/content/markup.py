"""Markdown bodies cut into translatable segments, each with its line in the file."""

from __future__ import annotations

import re
from dataclasses import dataclass

import markdown

FENCE = re.compile(r"\s{0,3}(`{3,}|~{3,})")
IAL_LINE = re.compile(r"\s*\{:[^}]*\}\s*")
# A link definition as Python-Markdown reads one: [id]: url "optional title" (no footnotes;
# "[Note]: a sentence" is text, not a definition).
REF_DEF = re.compile(r"\s{0,3}\[(?!\^)[^\]]+\]:\s*<?[^\s>]+>?"
                     r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*""")
ATX = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")
TRAILING_IAL = re.compile(r"(.*?)(\s*\{:?[^{}]*\})?\s*")
SETEXT = re.compile(r"\s{0,3}(=+|-+)\s*")
LIST_ITEM = re.compile(r"(\s*)([-*+]|\d{1,9}[.)])(\s+)(\S.*)")
QUOTE = re.compile(r"\s{0,3}>\s?(.*)")
TABLE_RULE = re.compile(r"\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*")
CELL_SPLIT = re.compile(r"(?<!\\)\|")
HTML_START = re.compile(r"\s{0,3}<(/?)([A-Za-z][A-Za-z0-9-]*)|\s{0,3}<!--")
TAG = re.compile(r"<[^>]*>")
LIQUID_BASEURL = re.compile(r"\{\{\s*site\.baseurl\s*\}\}")
EXTENSIONS = ["attr_list", "tables", "fenced_code", "def_list", "sane_lists"]


@dataclass(frozen=True)
class Segment:
    """One translatable unit: its normalised French text and where it starts."""

    text: str
    line: int
    kind: str


@dataclass(frozen=True)
class Block:
    """Markdown of one block: literal pieces and segment slots, in order."""

    kind: str  # "text", "html" or "code"
    parts: tuple[str | Segment, ...]
    line: int = 0  # first line in the file, for blocks without segments

    @property
    def segments(self) -> list[Segment]:
        return [part for part in self.parts if isinstance(part, Segment)]


@dataclass(frozen=True)
class Document:
    """A body cut into blocks, with its link definitions kept apart."""

    blocks: tuple[Block, ...]
    references: str

    @property
    def segments(self) -> list[Segment]:
        return [segment for block in self.blocks for segment in block.segments]


def join_lines(lines: list[str]) -> str:
    """Fold soft line breaks into spaces, so rewrapping never changes a segment."""
    pieces = []
    for index, line in enumerate(lines):
        hard = line.endswith("  ") and index < len(lines) - 1
        pieces.append(line.strip() + ("\n" if hard else " "))
    return "".join(pieces).strip(" ")


def _raw_blocks(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Group lines into blocks separated by blank lines; a fence stays whole."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    fence = None
    for number, line in lines:
        if fence:
            current.append((number, line))
            if line.strip().startswith(fence):
                blocks.append(current)
                current, fence = [], None
            continue
        opening = FENCE.match(line)
        if opening:
            if current:
                blocks.append(current)
            current, fence = [(number, line)], opening.group(1)[:3]
        elif not line.strip():
            if current:
                blocks.append(current)
            current = []
        elif ATX.fullmatch(line.strip()) and not LIST_ITEM.match(line):
            if current:
                blocks.append(current)
            blocks.append([(number, line)])
            current = []
        else:
            current.append((number, line))
    if current:
        blocks.append(current)
    return _merge_lists(blocks)


def _merge_lists(blocks: list[list[tuple[int, str]]]) -> list[list[tuple[int, str]]]:
    """Join the paragraphs of a loose list, separated by blank lines, into one block."""
    merged: list[list[tuple[int, str]]] = []
    for block in blocks:
        first = block[0][1]
        previous = merged[-1] if merged else None
        continues = previous and LIST_ITEM.match(previous[0][1]) and (
            LIST_ITEM.match(first) or (first.startswith("  ") and not FENCE.match(first))
        )
        if continues:
            previous.append((block[0][0], ""))
            previous.extend(block)
        else:
            merged.append(block)
    return merged


def _paragraph(lines: list[tuple[int, str]], kind: str = "paragraph") -> list[str | Segment]:
    text_lines = [line for _, line in lines if not IAL_LINE.fullmatch(line)]
    ials = [line.strip() for _, line in lines if IAL_LINE.fullmatch(line)]
    first = next(number for number, line in lines if not IAL_LINE.fullmatch(line))
    parts: list[str | Segment] = [Segment(join_lines(text_lines), first, kind)]
    parts += ["\n" + ial for ial in ials]
    return parts


def _heading(number: int, line: str) -> list[str | Segment]:
    marks, text = ATX.fullmatch(line.strip()).groups()
    text, ial = TRAILING_IAL.fullmatch(text).groups()
    return [marks + " ", Segment(text.strip(), number, "heading"), ial or ""]


def _list(lines: list[tuple[int, str]]) -> list[str | Segment]:
    """Items and their paragraphs; indentation is rewritten in steps of four spaces,
    which Python-Markdown needs for nesting where kramdown accepts less."""
    parts: list[str | Segment] = []
    pending: list[tuple[int, str]] = []
    indents: list[int] = []
    prefix = ""
    after_blank = False

    def flush() -> None:
        if pending:
            parts.extend([prefix, *_paragraph(pending, "list item"), "\n"])
            pending.clear()

    for number, line in lines:
        item = LIST_ITEM.fullmatch(line)
        if item:
            was_paragraph = pending and not prefix.rstrip().endswith(tuple("-*+.)"))
            flush()
            if was_paragraph:
                parts.append("\n")  # Python-Markdown starts no list right after a paragraph
            indent, marker, _, text = item.groups()
            while indents and indents[-1] >= len(indent):
                indents.pop()
            prefix = "    " * len(indents) + marker + " "
            indents.append(len(indent))
            pending.append((number, text))
            after_blank = False
        elif not line.strip():
            flush()
            parts.append("\n")
            after_blank = True
        elif after_blank:
            prefix = "    " * len(indents)
            pending.append((number, line.strip()))
            after_blank = False
        else:
            pending.append((number, line.strip()))
    flush()
    return parts


def _quote(lines: list[tuple[int, str]]) -> list[str | Segment]:
    parts: list[str | Segment] = []
    inner: list[tuple[int, str]] = []
    trailing = [line.strip() for _, line in lines if IAL_LINE.fullmatch(line)]

    def flush() -> None:
        if inner:
            parts.extend(["> ", *_paragraph(inner, "quote"), "\n"])
            inner.clear()

    for number, line in lines:
        if IAL_LINE.fullmatch(line):
            continue
        match = QUOTE.fullmatch(line)
        text = match.group(1) if match else line
        if not text.strip():
            flush()
            parts.append(">\n")
        else:
            inner.append((number, text))
    flush()
    return parts + [ial + "\n" for ial in trailing]


def _table(lines: list[tuple[int, str]]) -> list[str | Segment]:
    parts: list[str | Segment] = []
    for index, (number, line) in enumerate(lines):
        if index == 1:
            parts.append(line.strip() + "\n")
            continue
        cells = CELL_SPLIT.split(line.strip().strip("|"))
        parts.append("|")
        for cell in cells:
            text = cell.strip()
            parts += [" ", Segment(text, number, "table cell"), " |"] if text else ["  |"]
        parts.append("\n")
    return parts


def _attach(block: Block, ials: list[str]) -> Block:
    """Write attribute lists after a paragraph or a quote, where Python-Markdown reads them.

    After a heading, a list or a table they would show as text, and the allowlist keeps
    no class there anyway: they are dropped.
    """
    kinds = {segment.kind for segment in block.segments}
    if not kinds or not kinds <= {"paragraph", "quote"}:
        return block
    parts = list(block.parts)
    while parts and isinstance(parts[-1], str) and parts[-1].endswith("\n"):
        parts[-1] = parts[-1][:-1]  # a blank line would end the quote before the IAL
        if not parts[-1]:
            parts.pop()
    return Block("text", (*parts, *("\n" + ial for ial in ials)))


def _is_html(line: str) -> bool:
    match = HTML_START.match(line)
    if not match:
        return False
    return match.group(2) is None or match.group(2).lower() in BLOCK_TAGS


BLOCK_TAGS = set(markdown.Markdown().block_level_elements)


def parse_body(body: str, first_line: int) -> Document:
    """Cut a markdown body into blocks and segments; `first_line` is its line in the file."""
    body = LIQUID_BASEURL.sub("", body.expandtabs(4))
    numbered = [(first_line + i, line.rstrip("\n")) for i, line in enumerate(body.split("\n"))]
    blocks: list[Block] = []
    references: list[str] = []
    for raw in _raw_blocks(numbered):
        lines = [(n, line) for n, line in raw if not IAL_LINE.fullmatch(line)]
        ials = [(n, line) for n, line in raw if IAL_LINE.fullmatch(line)]
        first = lines[0][1] if lines else ""
        if not lines:
            # A block attribute list standing alone belongs to the block before it.
            if blocks and blocks[-1].kind == "text":
                blocks[-1] = _attach(blocks[-1], [line.strip() for _, line in ials])
            continue
        if FENCE.match(first) or all(line.startswith("    ") for _, line in lines):
            blocks.append(Block("code", ("\n".join(line for _, line in raw),)))
        elif all(REF_DEF.fullmatch(line) for _, line in lines):
            references += [line for _, line in lines]
        elif REF_DEF.fullmatch(first) and not LIST_ITEM.fullmatch(first):
            while lines and REF_DEF.fullmatch(lines[0][1]):
                references.append(lines.pop(0)[1])
            blocks.append(Block("text", tuple(_paragraph(ials + lines))))
        elif _is_html(first):
            html = "\n".join(line for _, line in raw)
            # Python-Markdown wraps a block in <p> when its first tag is cut across lines.
            html = TAG.sub(lambda match: " ".join(match.group(0).split()), html)
            blocks.append(Block("html", (html,), raw[0][0]))
        elif len(lines) == 1 and ATX.fullmatch(first.strip()):
            blocks.append(Block("text", tuple(_heading(*lines[0]))))
        elif len(lines) >= 2 and SETEXT.fullmatch(lines[-1][1]) and "|" not in first:
            parts = [*_paragraph(lines[:-1], "heading"), "\n" + lines[-1][1].strip()]
            blocks.append(Block("text", tuple(parts)))  # an IAL after "===" would show as text
        elif len(lines) >= 2 and "|" in first and TABLE_RULE.fullmatch(lines[1][1]):
            blocks.append(Block("text", tuple(_table(lines))))
        elif LIST_ITEM.fullmatch(first):
            blocks.append(Block("text", tuple(_list(raw))))
        elif QUOTE.fullmatch(first):
            blocks.append(Block("text", tuple(_quote(raw))))
        else:
            blocks.append(Block("text", tuple(_paragraph(ials + lines))))
    return Document(tuple(blocks), "\n".join(references))
