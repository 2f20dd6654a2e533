"""Reading a tagged PDF's structure back: each element's text, as poppler reads it."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from app.pdf.render import local_fetcher, render_pdf
from app.pdf.structure import comparable, elements

HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Structure</title>
</head><body><main><h1>A title with a ﬁne ligature</h1>
<p>A paragraph with <a href="https://example.org/">a link</a> and <strong>strong</strong>
words, long enough to wrap on a second line of the page when it is laid out in A4.</p>
<h2>A list</h2><ul><li>First</li><li lang="fr">Deuxième élément</li></ul>
<table><tr><th>Header</th></tr><tr><td>Cell</td></tr></table></main></body></html>"""
ELEMENT = re.compile(r"( *)(\w+)(?: <[^>]*>)?(?: \((?:block|inline)\))?:?")
TEXT = re.compile(r' *"(.*)"')


@pytest.fixture(scope="module")
def pdf_bytes(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("files")
    return render_pdf(HTML, "http://site.test/en/", local_fetcher("http://site.test/", folder))


def poppler_elements(data: bytes, folder: Path) -> list[tuple[str, str]]:
    """(tag, text) of each structure element, depth first, from `pdfinfo -struct-text`."""
    path = folder / "structure.pdf"
    path.write_bytes(data)
    output = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                            text=True, check=True).stdout
    found: list[tuple[str, list[str]]] = []
    open_: list[tuple[int, list[str]]] = []  # (depth, text parts) of the elements still open
    for line in output.splitlines():
        depth = (len(line) - len(line.lstrip())) // 2
        text, element = TEXT.fullmatch(line), ELEMENT.fullmatch(line)
        if text:
            for _, parts in open_:
                parts.append(text.group(1))
        elif element and not line.strip().startswith(("Object", "/")):
            while open_ and open_[-1][0] >= depth:
                open_.pop()
            found.append((element.group(2), []))
            open_.append((depth, found[-1][1]))
    return [(tag, "".join(parts)) for tag, parts in found]


def test_each_element_holds_the_text_poppler_reads_in_it(pdf_bytes, tmp_path):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        ours = [(node.tag, comparable(node.text)) for node in elements(pdf)]
    theirs = [(tag, comparable(text)) for tag, text in poppler_elements(pdf_bytes, tmp_path)]
    assert ours == theirs
    assert ("H1", comparable("A title with a fine ligature")) in ours


def test_elements_come_in_reading_order_with_their_subtree(pdf_bytes):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        nodes = elements(pdf)
    tags = [node.tag for node in nodes]
    assert tags.index("H1") < tags.index("P") < tags.index("H2") < tags.index("L")
    for index, node in enumerate(nodes):
        inside = nodes[index + 1:node.end]
        assert all(other.depth > node.depth for other in inside)
        assert comparable(node.text) == "".join(
            comparable(child.text) for child in node.children) or not node.children


@pytest.mark.parametrize(("html", "pdf"), [
    ("République française", "RÉPUBLIQUE\nFRANÇAISE"),
    ("une ﬁne ligature", "une fine ligature"),
    ("Liberté,\u00a0Égalité", "Liberté, Égalité"),
])
def test_text_is_compared_without_case_spaces_or_ligatures(html, pdf):
    assert comparable(html) == comparable(pdf)


def test_a_pdf_without_structure_has_no_elements():
    document = pikepdf.new()
    document.add_blank_page()
    assert elements(document) == []
