"""The logical structure of a tagged PDF read back: each element with the text it holds.

pikepdf gives the objects but no text extraction; the text of a structure element is the
text of its marked-content sequences (MCIDs), decoded with each font's ToUnicode map. Written
for the PDFs WeasyPrint makes (Type 0 fonts, Identity-H, two-byte codes), and checked against
poppler's `pdfinfo -struct-text` in the tests.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pikepdf

HEX = re.compile(rb"<([0-9a-fA-F]+)>")
TEXT_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})


@dataclass
class Node:
    """A structure element, its position in reading order and the text under it."""

    element: pikepdf.Dictionary
    tag: str  # "P", "H1", "Link"...
    depth: int
    end: int = 0  # index after the last descendant, in the list `elements` returns
    text: str = ""
    children: list[Node] = field(default_factory=list)


def to_unicode(font: pikepdf.Object) -> dict[bytes, str]:
    """A font's ToUnicode CMap as {character code: text} (bfchar and bfrange entries)."""
    stream = font.get("/ToUnicode")
    if not isinstance(stream, pikepdf.Stream):
        return {}
    data = stream.read_bytes()
    table: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        codes = HEX.findall(block)
        for source, target in zip(codes[::2], codes[1::2], strict=True):
            table[bytes.fromhex(source.decode())] = bytes.fromhex(target.decode()).decode(
                "utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.strip().splitlines():
            codes = HEX.findall(line)
            if len(codes) != 3:
                continue  # the array form: not written by WeasyPrint
            low, high, target = (int(code, 16) for code in codes)
            width = len(codes[0]) // 2
            for offset in range(high - low + 1):
                table[(low + offset).to_bytes(width, "big")] = chr(target + offset)
    return table


def marked_texts(page: pikepdf.Page) -> dict[int, str]:
    """The text shown in each marked-content sequence of a page, by MCID."""
    fonts = {str(name): to_unicode(font)
             for name, font in page.obj.Resources.get("/Font", pikepdf.Dictionary()).items()}
    texts: dict[int, list[str]] = {}
    open_ids: list[int | None] = []
    table: dict[bytes, str] = {}
    for instruction in pikepdf.parse_content_stream(page):
        operands, name = instruction.operands, str(instruction.operator)
        if name == "BDC":
            properties = operands[1]
            mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            open_ids.append(int(mcid) if mcid is not None else (open_ids or [None])[-1])
        elif name == "BMC":
            open_ids.append((open_ids or [None])[-1])
        elif name == "EMC" and open_ids:
            open_ids.pop()
        elif name == "Tf":
            table = fonts.get(str(operands[0]), {})
        elif name in TEXT_OPERATORS and open_ids and open_ids[-1] is not None:
            shown = operands[0] if name == "TJ" else [operands[-1]]
            for item in shown:
                if isinstance(item, pikepdf.String):
                    raw = bytes(item)
                    texts.setdefault(open_ids[-1], []).append(
                        "".join(table.get(raw[i:i + 2], "") for i in range(0, len(raw), 2)))
    return {mcid: "".join(parts) for mcid, parts in texts.items()}


def elements(pdf: pikepdf.Pdf) -> list[Node]:
    """Every structure element in reading order (depth first), each with its text."""
    pages: dict[tuple[int, int], int] = {
        page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    texts: dict[int, dict[int, str]] = {}
    found: list[Node] = []

    def content(page: pikepdf.Object | None, mcid: int) -> str:
        index = pages.get(page.objgen) if isinstance(page, pikepdf.Dictionary) else None
        if index is None:
            return ""
        if index not in texts:
            texts[index] = marked_texts(pdf.pages[index])
        return texts[index].get(mcid, "")

    def walk(element: pikepdf.Dictionary, depth: int) -> Node:
        node = Node(element, str(element.S)[1:], depth)
        found.append(node)
        kids = element.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        parts = []
        for kid in items:
            if isinstance(kid, int):
                parts.append(content(element.get("/Pg"), kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                parts.append(content(kid.get("/Pg", element.get("/Pg")), int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                child = walk(kid, depth + 1)
                node.children.append(child)
                parts.append(child.text)
        node.text = "".join(parts)
        node.end = len(found)
        return node

    root = pdf.Root.get("/StructTreeRoot")
    if root is not None:
        kids = root.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid, 0)
    return found


def comparable(text: str) -> str:
    """Text as compared across HTML and PDF: compatibility forms, no case, no spaces (CSS
    may change case, line breaks drop spaces, fonts use ligatures)."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())
