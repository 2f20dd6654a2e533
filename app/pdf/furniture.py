"""Page furniture: the running footer drawn in CSS page-margin boxes, marked as an artifact.

WeasyPrint 70 draws a margin box's text inside marked content with an MCID, and builds
structure elements for it that it leaves out of the tree (an artifact in the tree is PDF 2.0
only): the page then holds content that is neither in the structure nor an artifact, which
PDF/UA-1 forbids (7.1; Matterhorn 01-003, 01-004). `mark_furniture` turns each such sequence
into an `/Artifact` of type `/Pagination` (ISO 32000-1 14.8.2.2) and drops its ParentTree entry:
assistive technologies skip it, a reader hears the footer's text nowhere, as with any
running footer.
"""

from __future__ import annotations

import pikepdf
import tinycss2.serializer  # type: ignore[import-untyped]

PAGINATION = pikepdf.Dictionary(Type=pikepdf.Name.Pagination)
# Stand-ins for the counters in a translated "Page %(page)s of %(pages)s": private-use
# characters no translation holds.
PAGE, PAGES = "\ue000", "\ue001"


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that is safe inside an HTML `<style>` element."""
    escaped: str = tinycss2.serializer.serialize_string_value(text)
    return '"' + escaped.replace("<", "\\3c ") + '"'


def css_counters(text: str) -> str:
    """A CSS `content` value for `text` with PAGE and PAGES as the page counters:
    'Page \ue000 of \ue001' -> '"Page " counter(page) " of " counter(pages)'."""
    parts: list[str] = []
    for index, piece in enumerate(text.split(PAGE)):
        if index:
            parts.append("counter(page)")
        for inner, chunk in enumerate(piece.split(PAGES)):
            if inner:
                parts.append("counter(pages)")
            if chunk:
                parts.append(css_string(chunk))
    return " ".join(parts) or '""'


def in_tree(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """The structure elements reachable from the StructTreeRoot (object numbers)."""
    found: set[tuple[int, int]] = set()
    pending = [pdf.Root.get("/StructTreeRoot", pikepdf.Dictionary()).get("/K")]
    while pending:
        kids = pending.pop()
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and kid.objgen not in found:
                found.add(kid.objgen)
                pending.append(kid.get("/K"))
    return found


def mark_furniture(pdf: pikepdf.Pdf) -> int:
    """Make every marked-content sequence owned by no element of the structure tree an
    artifact; return how many were changed."""
    known = in_tree(pdf)
    root = pdf.Root.get("/StructTreeRoot", pikepdf.Dictionary())
    nums = root.get("/ParentTree", pikepdf.Dictionary()).get("/Nums", pikepdf.Array())
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    changed = 0
    for page in pdf.pages:
        owners = parents.get(int(page.obj.get("/StructParents", -1)))
        if not isinstance(owners, pikepdf.Array):
            continue
        instructions = list(pikepdf.parse_content_stream(page))
        rewritten = False
        for index, instruction in enumerate(instructions):
            if (not isinstance(instruction, pikepdf.ContentStreamInstruction)
                    or str(instruction.operator) != "BDC"
                    or not isinstance(instruction.operands[1], pikepdf.Dictionary)):
                continue
            mcid = instruction.operands[1].get("/MCID")
            if mcid is None or int(mcid) >= len(owners):
                continue
            owner = owners[int(mcid)]
            if isinstance(owner, pikepdf.Dictionary) and owner.objgen in known:
                continue
            instructions[index] = pikepdf.ContentStreamInstruction(
                [pikepdf.Name.Artifact, PAGINATION], pikepdf.Operator("BDC"))
            owners[int(mcid)] = None  # an artifact has no parent
            changed, rewritten = changed + 1, True
        if rewritten:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
    return changed
