"""The block structure of a body as kramdown's GFM parser (Jekyll's default) finds it.

A port of kramdown 2.4's block parsers, in their order and with their expressions, because the
State's posts were written for that parser: Python-Markdown's block rules differ (no list or
quote after a paragraph line, attribute lists not separating blocks...). Inline markup is left
to Python-Markdown, segment by segment (app/content/inline.py).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from app.content import block_syntax as syntax
from app.content import html_blocks
from app.content.attributes import parse_attributes

# Quotes and lists nested deeper than any post nests them are read as text: no recursion limit.
MAX_DEPTH = 32


@dataclass
class Node:
    """A block: its kind, its raw text or children, the attributes of its IALs, its line."""

    kind: str  # p, text, h, blockquote, ul, ol, li, table, tr, th, td, code, html, hr, blank, eob
    line: int
    text: str = ""
    children: list[Node] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    level: int = 0
    transparent: bool = False  # a paragraph shown without <p> (a tight list item)
    ial_eob: bool = False  # an end-of-block marker left by an attribute list


class Scanner:
    """kramdown's block parsing loop over one text (a body, a quote, a list item)."""

    def __init__(self, text: str, line: int, references: dict[str, tuple[str, str]],
                 depth: int = 0):
        self.text, self.pos, self.first_line, self.depth = text, 0, line, depth
        self.references = references
        self.nodes: list[Node] = []
        self.pending: dict[str, str] | None = None  # an IAL waiting for the next block
        self.cuts: list[int] = []  # where a line break was added after an HTML block

    def line(self, pos: int | None = None) -> int:
        pos = self.pos if pos is None else pos
        return self.first_line + self.text.count("\n", 0, pos) - bisect.bisect(self.cuts, pos)

    def check(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        return pattern.match(self.text, self.pos)

    def scan(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        match = pattern.match(self.text, self.pos)
        if match:
            self.pos = match.end()
        return match

    def add(self, node: Node) -> Node:
        if self.pending is not None and node.kind not in ("blank", "eob"):
            node.attrs.update(self.pending)
            self.pending = None
        self.nodes.append(node)
        return node

    def boundary(self) -> bool:
        last = self.nodes[-1] if self.nodes else None
        return (last is None or last.kind == "blank" or (last.kind == "eob" and not last.ial_eob)
                or self.pending is not None)

    def run(self) -> list[Node]:
        parsers = (self.blank, self.code, self.fence, self.quote, self.atx, self.rule,
                   self.list, self.html, self.setext, self.table, self.link_def,
                   self.extension, self.eob, self.paragraph)
        while self.pos < len(self.text):
            if not any(parser() for parser in parsers):
                # kramdown's fallback: the rest of the line is text outside any paragraph
                end = self.text.find("\n", self.pos) + 1 or len(self.text)
                last = self.nodes[-1] if self.nodes else None
                if last is not None and last.kind == "text":
                    last.text += "\n" + self.text[self.pos:end].strip()
                else:
                    self.add(Node("text", self.line(), self.text[self.pos:end].strip()))
                self.pos = end
        return self.nodes

    def blank(self) -> bool:
        match = self.scan(syntax.BLANK)
        if match:
            if self.nodes and self.nodes[-1].kind == "blank":
                self.nodes[-1].text += match.group(0)
            else:
                self.nodes.append(Node("blank", self.line(match.start()), match.group(0)))
        return bool(match)

    def code(self) -> bool:
        if not self.check(syntax.INDENT):
            return False
        line = self.line()
        match = self.scan(syntax.CODE_MATCH)
        if not match:
            return False
        self.add(Node("code", line, syntax.INDENT.sub("", match.group(0))))
        return True

    def fence(self) -> bool:
        if not self.check(syntax.FENCE_START):
            return False
        opening = self.check(syntax.FENCE_OPEN)
        if not opening:
            return False
        fence = opening.group(1)
        closing = re.compile(rf"^{syntax.OPT}{re.escape(fence)}{fence[0]}*[ \t]*(?:\n|\Z)", re.M)
        end = closing.search(self.text, opening.end())
        if end is None:
            return False
        self.add(Node("code", self.line(), self.text[opening.end():end.start()]))
        self.pos = end.end()
        return True

    def quote(self) -> bool:
        if not self.check(syntax.QUOTE_START) or self.depth >= MAX_DEPTH:
            return False
        line, start = self.line(), self.pos
        self.scan(syntax.LINE)
        while not self.check(syntax.LAZY_END):
            self.scan(syntax.LINE)
        inner = syntax.QUOTE_START.sub("", self.text[start:self.pos])
        node = self.add(Node("blockquote", line))
        node.children = Scanner(inner, line, self.references, self.depth + 1).run()
        return True

    def atx(self) -> bool:
        match = self.check(syntax.ATX)
        if not match:
            return False
        text = re.sub(r"[\t ]+\{#[A-Za-z_:][\w:.-]*\}\Z", "", match.group(2).rstrip())
        text = re.sub(r"[\t ]#+\Z", "", text).rstrip()
        if not text:
            return False
        line = self.line()
        self.pos = match.end()
        self.add(Node("h", line, text, level=len(match.group(1))))
        return True

    def setext(self) -> bool:
        match = self.check(syntax.SETEXT)
        if not match or not self.boundary():
            return False
        text = re.sub(r"[\t ]+\{#[A-Za-z_:][\w:.-]*\}\Z", "", match.group(1).rstrip())
        if not text:
            return False
        line = self.line()
        self.pos = match.end()
        self.add(Node("h", line, text, level=2 if match.group(2) == "-" else 1))
        return True

    def rule(self) -> bool:
        match = self.scan(syntax.HR)
        if match:
            self.add(Node("hr", self.line(match.start())))
        return bool(match)

    def list(self) -> bool:
        from app.content.lists import parse_list  # lists parse their items with a Scanner

        listed = self.check(syntax.LIST_UL) or self.check(syntax.LIST_OL)
        if not listed or self.depth >= MAX_DEPTH:
            return False
        parse_list(self)
        return True

    def html(self) -> bool:
        found = html_blocks.block(self.text, self.pos)
        if found is None:
            return False
        end, raw = found
        self.add(Node("html", self.line(), raw))
        self.pos = end
        if 0 < end < len(self.text) and self.text[end - 1] != "\n":
            # kramdown's scanner reads the rest of the end tag's line as if it started a line
            # (its "^" matches where the scanner stands): a line break makes Python's do too.
            self.text = self.text[:end] + "\n" + self.text[end:]
            self.cuts.append(end)
            self.pos = end + 1
        return True

    def table(self) -> bool:
        if not self.check(syntax.TABLE_START) or not self.boundary():
            return False
        from app.content.tables import parse_table

        parse_table(self)
        return True

    def link_def(self) -> bool:
        match = self.scan(syntax.LINK_DEF)
        if match:
            name, url = match.group(1).lower(), match.group(2) or match.group(3) or ""
            self.references.setdefault(name, (url.strip(), match.group(5) or ""))
            self.nodes.append(Node("eob", self.line(match.start())))
        return bool(match)

    def extension(self) -> bool:
        if self.scan(syntax.ALD_START) or self.scan(syntax.EXT_START):
            self.nodes.append(Node("eob", self.line()))
            return True
        match = self.scan(syntax.IAL_START)
        if not match:
            return False
        attrs = parse_attributes(match.group(1))
        last = self.nodes[-1] if self.nodes else None
        if last is not None and last.kind != "blank" and (last.kind != "eob" or last.text):
            last.attrs.update(attrs)
            if not self.check(syntax.IAL_START):
                self.nodes.append(Node("eob", self.line(), ial_eob=True))
        else:
            self.pending = {**(self.pending or {}), **attrs}
        return True

    def eob(self) -> bool:
        match = self.scan(syntax.EOB)
        if match:
            self.nodes.append(Node("eob", self.line(match.start())))
        return bool(match)

    def paragraph(self) -> bool:
        if not self.check(syntax.PARAGRAPH_START):
            return False
        line, start = self.line(), self.pos
        self.scan(syntax.LINE)
        while not self.check(syntax.PARAGRAPH_END) and self.scan(syntax.LINE):
            pass
        text = self.text[start:self.pos].rstrip()
        last = self.nodes[-1] if self.nodes else None
        if last is not None and last.kind == "p":
            joiner = "  \n" if self.text[max(0, start - 3):start] == "  \n" else "\n"
            last.text += joiner + text
        else:
            self.add(Node("p", line, text.lstrip()))
        return True


def parse_blocks(text: str, line: int) -> tuple[list[Node], dict[str, tuple[str, str]]]:
    """The blocks of `text` (its first line is `line` in the file) and its link definitions."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n"
    references: dict[str, tuple[str, str]] = {}
    return clean(Scanner(text, line, references).run()), references


def clean(nodes: list[Node]) -> list[Node]:
    """kramdown's tree update: markers and blank lines dropped, recursively."""
    kept = [node for node in nodes if node.kind not in ("blank", "eob")]
    for node in kept:
        node.children = clean(node.children)
    return kept
