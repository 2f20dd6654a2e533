"""The running footer: drawn in the page margins, an artifact, never part of the structure."""

from __future__ import annotations

import io
import subprocess

import pikepdf
import pytest

from app.pdf.furniture import PAGE, PAGES, css_counters, css_string, mark_furniture
from app.pdf.render import local_fetcher, render_pdf
from app.pdf.structure import comparable, elements
from tests.pdf.pdfua import Expected, run_checks

CONTENT_CHECK = "every page's content tagged or an artifact"
HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Footer</title>
<style>@page { @bottom-left { content: "Made from the page https://site.test/en/a/"; }
@bottom-right { content: "Page " counter(page) " of " counter(pages); } }</style></head>
<body><h1>Footer</h1>""" + "<p>A paragraph long enough to fill a line of the page.</p>" * 40 + """
</body></html>"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("furniture")


@pytest.fixture(scope="module")
def weasyprints_own(folder) -> bytes:
    """The PDF as WeasyPrint 70 writes it, before any post-processing."""
    from weasyprint import HTML as Document

    return Document(string=HTML, base_url="http://site.test/en/a/",
                    url_fetcher=local_fetcher("http://site.test/", folder)).write_pdf(
        pdf_variant="pdf/ua-1")


@pytest.fixture(scope="module")
def ours(folder) -> bytes:
    return render_pdf(HTML, "http://site.test/en/a/", local_fetcher("http://site.test/", folder))


def test_weasyprint_leaves_the_margin_text_neither_tagged_nor_an_artifact(weasyprints_own):
    problems = run_checks(weasyprints_own, Expected("en", "Footer", ()))[CONTENT_CHECK]
    assert problems and all("is in no element of the structure tree" in p for p in problems)


def test_the_margin_text_becomes_a_pagination_artifact_on_every_page(weasyprints_own):
    with pikepdf.open(io.BytesIO(weasyprints_own)) as pdf:
        pages = len(pdf.pages)
        assert mark_furniture(pdf) == 2 * pages  # two margin boxes a page
        output = io.BytesIO()
        pdf.save(output)
    assert pages == 2
    assert run_checks(output.getvalue(), Expected("en", "Footer", ()))[CONTENT_CHECK] == []
    with pikepdf.open(output) as pdf:
        for page in pdf.pages:
            artifacts = [operands for operands, operator in pikepdf.parse_content_stream(page)
                         if str(operator) == "BDC" and operands[0] == "/Artifact"]
            assert sum(1 for operands in artifacts
                       if operands[1].get("/Type") == "/Pagination") == 2


def test_the_footer_is_printed_on_each_page_but_is_in_no_structure_element(ours, folder):
    path = folder / "ours.pdf"
    path.write_bytes(ours)
    for number in (1, 2):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(path),
                               "-"], capture_output=True, text=True, check=True).stdout
        assert f"Page {number} of 2" in text
        assert "Made from the page https://site.test/en/a/" in text
    with pikepdf.open(io.BytesIO(ours)) as pdf:
        structure = comparable(" ".join(node.text for node in elements(pdf)))
    assert comparable("A paragraph long enough") in structure
    assert comparable("Page 1 of 2") not in structure
    assert comparable("Made from the page") not in structure


@pytest.mark.parametrize(("text", "css"), [
    (f"Page {PAGE} of {PAGES}", '"Page " counter(page) " of " counter(pages)'),
    (f"Seite {PAGE} von {PAGES}", '"Seite " counter(page) " von " counter(pages)'),
    (f"{PAGE}/{PAGES}", 'counter(page) "/" counter(pages)'),
    ("", '""'),
])
def test_a_translated_page_number_keeps_the_translators_order(text, css):
    assert css_counters(text) == css


def test_a_translation_cannot_end_the_css_string_nor_the_style_element():
    written = css_string('Say "hi" \\ </style><script>')
    assert written == '"Say \\"hi\\" \\\\ \\3c /style>\\3c script>"'
    assert "</" not in written
