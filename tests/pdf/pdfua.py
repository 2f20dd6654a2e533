"""PDF/UA-1 checks a machine can make with pikepdf, each named after its clause of ISO 14289-1
and its failure conditions in the Matterhorn Protocol (the table is docs/pdf.md)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

import pikepdf

from app.pdf.structure import Node, comparable, elements

# Operators that show something on the page: each must be tagged content or an artifact.
SHOWING = frozenset({"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "S", "s", "B", "B*", "b",
                     "b*", "sh", "BI"})
SUBSET = re.compile(r"/[A-Z]{6}\+")
HEADING = re.compile(r"H([1-6])")


@dataclass(frozen=True)
class Expected:
    """What the PDF of a page must say about itself."""

    lang: str
    title: str
    passages: tuple[tuple[str, str], ...]  # (language, text) of each passage in another one


@dataclass(frozen=True)
class Check:
    """One machine check: its name, ISO 14289-1 clause, Matterhorn failure conditions."""

    name: str
    clause: str
    matterhorn: str
    run: Callable[[pikepdf.Pdf, list[Node], Expected], list[str]]  # the problems found


def marked(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    info = pdf.Root.get("/MarkInfo", pikepdf.Dictionary())
    problems = [] if info.get("/Marked") is True else ["MarkInfo/Marked is not true"]
    return problems + (["MarkInfo/Suspects is true"] if info.get("/Suspects") is True else [])


def structure_root(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    if "/StructTreeRoot" not in pdf.Root:
        return ["no StructTreeRoot in the catalog"]
    return [] if nodes else ["the structure tree is empty"]


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    """The ParentTree's entries (WeasyPrint writes a flat Nums array)."""
    root = pdf.Root.get("/StructTreeRoot", pikepdf.Dictionary())
    nums = root.get("/ParentTree", pikepdf.Dictionary()).get("/Nums", pikepdf.Array())
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def content_tagged(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    problems, parents = [], parent_tree(pdf)
    known = {node.element.objgen for node in nodes}
    for number, page in enumerate(pdf.pages, 1):
        owners = parents.get(int(page.obj.get("/StructParents", -1)), pikepdf.Array())
        stack: list[str] = []  # "artifact", "tagged" or "other" for each open sequence
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BDC", "BMC"):
                properties = operands[1] if name == "BDC" else None
                mcid = (properties.get("/MCID")
                        if isinstance(properties, pikepdf.Dictionary) else None)
                if str(operands[0]) == "/Artifact":
                    if "tagged" in stack:
                        problems.append(f"page {number}: an artifact inside tagged content")
                    stack.append("artifact")
                elif mcid is not None:
                    if "artifact" in stack:
                        problems.append(f"page {number}: tagged content inside an artifact")
                    owner = owners[int(mcid)] if int(mcid) < len(owners) else None
                    if owner is None or owner.objgen not in known:
                        problems.append(f"page {number}: MCID {mcid} is in no element of the "
                                        "structure tree")
                    stack.append("tagged")
                else:
                    stack.append("other")
            elif name == "EMC" and stack:
                stack.pop()
            elif name in SHOWING and not {"tagged", "artifact"} & set(stack):
                problems.append(f"page {number}: {name} is neither tagged nor an artifact")
    return problems


def document_language(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    lang = str(pdf.Root.get("/Lang", ""))
    return [] if lang == expected.lang else [f"/Lang is {lang!r}, not {expected.lang!r}"]


def passage_languages(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    tagged = {(str(node.element.Lang), comparable(node.text))
              for node in nodes if "/Lang" in node.element}
    return [f"no element with /Lang {lang} holds {text[:50]!r}"
            for lang, text in expected.passages if (lang, comparable(text)) not in tagged]


def display_title(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    preferences = pdf.Root.get("/ViewerPreferences", pikepdf.Dictionary())
    return ([] if preferences.get("/DisplayDocTitle") is True
            else ["ViewerPreferences/DisplayDocTitle is not true"])


def xmp(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    if "/Metadata" not in pdf.Root:
        return ["no XMP metadata stream"]
    metadata = pdf.open_metadata()
    problems = []
    if metadata.get("pdfuaid:part") != "1":
        problems.append(f"pdfuaid:part is {metadata.get('pdfuaid:part')!r}, not '1'")
    if metadata.get("dc:title") != expected.title:
        problems.append(f"dc:title is {metadata.get('dc:title')!r}")
    return problems


def links(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    owners = {}  # annotation -> tag of the structure element that holds it
    for node in nodes:
        kids = node.element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                owners[kid.Obj.objgen] = node.tag
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        annotations = page.obj.get("/Annots", pikepdf.Array())
        if len(annotations) and page.obj.get("/Tabs") != "/S":
            problems.append(f"page {number}: annotations, but /Tabs is not /S")
        for annotation in annotations:
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/StructParent" not in annotation or owners.get(annotation.objgen) != "Link":
                problems.append(f"page {number}: a link annotation outside a <Link> element")
            if not str(annotation.get("/Contents", "")).strip():
                problems.append(f"page {number}: a link annotation without Contents")
    return problems


def fonts(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    problems = []
    for page in pdf.pages:
        for font in page.obj.Resources.get("/Font", pikepdf.Dictionary()).values():
            program = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = program.get("/FontDescriptor", pikepdf.Dictionary())
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"{font.BaseFont}: not embedded")
            if not SUBSET.match(str(font.BaseFont)):
                problems.append(f"{font.BaseFont}: embedded whole, not a subset")
            if "/ToUnicode" not in font:
                problems.append(f"{font.BaseFont}: no ToUnicode map")
    return problems


def headings(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    levels = [int(match.group(1)) for node in nodes if (match := HEADING.fullmatch(node.tag))]
    problems = [] if levels[:1] == [1] else [f"the first heading is not H1: {levels[:1]}"]
    return problems + [f"H{before} followed by H{after}"
                       for before, after in pairwise(levels)
                       if after > before + 1]


def figures(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    return ["a Figure without Alt" for node in nodes
            if node.tag == "Figure" and not str(node.element.get("/Alt", "")).strip()]


def tables(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    headers = {str(node.element.ID) for node in nodes if node.tag == "TH" and "/ID" in node.element}
    problems = []
    for node in nodes:
        attributes = node.element.get("/A", pikepdf.Dictionary())
        named = [str(name) for name in attributes.get("/Headers", pikepdf.Array())]
        if node.tag == "TH" and "/ID" not in node.element and "/Scope" not in attributes:
            problems.append(f"a header cell without ID nor Scope: {node.text[:30]!r}")
        if node.tag == "TD" and (not named or not set(named) <= headers):
            problems.append(f"a cell that names no header cell: {node.text[:30]!r}")
    return problems


def bookmarks(pdf: pikepdf.Pdf, nodes: list[Node], expected: Expected) -> list[str]:
    titles: list[str] = []
    with pdf.open_outline() as outline:
        pending = list(reversed(outline.root))
        while pending:
            item = pending.pop()
            titles.append(item.title)
            pending.extend(reversed(item.children))
    heads = [node.text for node in nodes if HEADING.fullmatch(node.tag)]
    if [comparable(t) for t in titles] != [comparable(h) for h in heads] or not titles:
        return [f"bookmarks {titles} are not the headings {heads}"]
    return []


CHECKS = (
    Check("MarkInfo/Marked true (Suspects not true)", "7.1", "01-007", marked),
    Check("StructTreeRoot present", "7.1", "01-005", structure_root),
    Check("every page's content tagged or an artifact", "7.1", "01-003, 01-004, 01-005",
          content_tagged),
    Check("/Lang is the page's language", "7.2", "11-001, 11-006", document_language),
    Check("passages in another language carry their /Lang", "7.2", "11-001",
          passage_languages),
    Check("ViewerPreferences/DisplayDocTitle true", "7.1", "07-001, 07-002", display_title),
    Check("XMP: pdfuaid:part 1, dc:title the title", "5, 7.1", "06-001, 06-002, 06-003",
          xmp),
    Check("links: StructParent in a <Link>, Contents, Tabs /S", "7.18.3, 7.18.5",
          "28-008, 28-009, 28-011, 28-012", links),
    Check("fonts embedded, subset, with ToUnicode", "7.21.4.1, 7.21.7", "31-009, 31-027",
          fonts),
    Check("headings: H1 first, no level skipped", "7.4", "14-002, 14-003", headings),
    Check("every Figure has Alt", "7.3", "13-004", figures),
    Check("table cells name their header cells (Headers and IDs)", "7.5", "15-003, 15-005",
          tables),
    Check("bookmarks are the headings", "7.17", "— (navigation: no machine condition)",
          bookmarks),
)


def run_checks(data: bytes, expected: Expected) -> dict[str, list[str]]:
    """Each check's problems (an empty list: it passes)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        nodes = elements(pdf)
        return {check.name: check.run(pdf, nodes, expected) for check in CHECKS}
