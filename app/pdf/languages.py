"""Per-passage languages in a tagged PDF.

WeasyPrint 70 writes the document's language (/Lang in the catalog) but not the `lang` of an
element inside it: a French entity left untranslated on an English page would be read with
English rules. This module finds, in the PDF's logical structure, the element holding each
passage marked `lang` in the HTML, and gives it its /Lang (PDF/UA-1 7.2, ISO 32000-1 14.9.2).
Matching is by text, in reading order, so it relies on the PDF only, not on WeasyPrint's
internals; a passage that cannot be found is an error, never a silent omission.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import pikepdf

from app.pdf.structure import Node, comparable, elements


@dataclass(frozen=True)
class Passage:
    """Text in another language than the document's."""

    lang: str
    text: str
    alt: bool = False  # the alternative text of an image, held by a Figure's /Alt


class PassageNotFound(ValueError):
    """A passage of the HTML has no structure element holding exactly its text."""


def passages(root: Element) -> list[Passage]:
    """The outermost elements whose `lang` differs from their parent's, in document order."""
    found: list[Passage] = []

    def visit(element: Element, current: str) -> None:
        lang = element.get("lang") or current
        if lang != current and element.tag == "img":
            found.append(Passage(lang, element.get("alt") or "", alt=True))
        elif lang != current:
            found.append(Passage(lang, "".join(element.itertext())))
            return
        for child in element:
            if isinstance(child.tag, str):
                visit(child, lang)

    visit(root, root.get("lang") or "")
    return found


def holders(nodes: list[Node], text: str, start: int) -> tuple[list[Node], int] | None:
    """The first element from `start` whose text is `text` (or the pieces of an element cut
    by a page break: each page has its own branch of the tree), and where to go on from."""
    for index in range(start, len(nodes)):
        own = comparable(nodes[index].text)
        if own == text:
            return [nodes[index]], nodes[index].end
        if not own or not text.startswith(own):
            continue
        run, rest, at = [nodes[index]], text[len(own):], nodes[index].end
        while rest and at < len(nodes):
            piece = comparable(nodes[at].text)
            if piece and rest.startswith(piece):
                run.append(nodes[at])
                rest, at = rest[len(piece):], nodes[at].end
            elif not piece or piece.startswith(rest[:1]):
                at += 1  # an ancestor, rebuilt on the next page: look inside it
            else:
                break
        if not rest:
            return run, at
    return None


def mark_languages(pdf: pikepdf.Pdf, found: Iterable[Passage]) -> None:
    """Give /Lang to the structure element of each passage.

    :raises PassageNotFound: when a passage's text is held by no structure element.
    """
    nodes, at = elements(pdf), 0
    for passage in found:
        text = comparable(passage.text)
        if not text:
            continue
        if passage.alt:
            figure = next((node for node in nodes if node.tag == "Figure"
                           and comparable(str(node.element.get("/Alt", ""))) == text
                           and "/Lang" not in node.element), None)
            if figure is None:
                raise PassageNotFound(f"no Figure has the {passage.lang} alternative "
                                      f"{passage.text[:60]!r}")
            figure.element.Lang = pikepdf.String(passage.lang)
            continue
        match = holders(nodes, text, at)
        if match is None:
            raise PassageNotFound(f"no structure element holds the {passage.lang} passage "
                                  f"{passage.text[:60]!r}")
        run, at = match
        for node in run:
            node.element.Lang = pikepdf.String(passage.lang)
