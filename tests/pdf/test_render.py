"""HTML to a tagged PDF: only the site's own files go in, and the PDF/UA checks hold."""

from __future__ import annotations

import base64
import io

import pikepdf
import pytest

from app.pdf.render import local_fetcher, local_path, render_pdf
from app.pdf.structure import elements
from tests.pdf.pdfua import Expected, run_checks

SITE = "http://site.test"
# A 1x1 PNG: an image the PDF must embed and tag as a figure with its alternative.
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                         "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
DOCUMENT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>A complete document</title></head><body>
<header><p lang="fr">République française</p></header>
<main><h1>A complete document</h1><p>With <a href="https://example.org/">a link</a>.</p>
<img src="/static/pixel.png" alt="A single pixel" style="width: 20px">
<h2>Part</h2><ul><li>One</li><li><span lang="fr">Deux</span></li></ul>
<h3>Detail</h3><table><tr><th>Day</th><th>Room</th></tr><tr><td>Monday</td><td>B12</td></tr>
</table></main></body></html>"""


@pytest.fixture
def files(tmp_path):
    (tmp_path / "pixel.png").write_bytes(PIXEL)
    (tmp_path.parent / "secret.txt").write_text("not for PDFs")
    return tmp_path


def render(html: str, files) -> bytes:
    return render_pdf(html, f"{SITE}/en/page/", local_fetcher(f"{SITE}/static/", files))


@pytest.mark.parametrize(("url", "allowed"), [
    (f"{SITE}/static/pixel.png", True),
    (f"{SITE}/static/pixel.png?v=1", True),
    (f"{SITE}/static/../secret.txt", False),
    (f"{SITE}/static/%2e%2e/secret.txt", False),
    (f"{SITE}/static/missing.png", False),
    ("https://elsewhere.example/static/pixel.png", False),
    ("file:///etc/passwd", False),
])
def test_only_files_under_the_static_folder_are_read(files, url, allowed):
    found = local_path(url, f"{SITE}/static/", files.resolve())
    assert (found == (files / "pixel.png").resolve()) if allowed else found is None


def test_the_fetcher_refuses_the_network_and_reads_data_urls(files):
    fetcher = local_fetcher(f"{SITE}/static/", files)
    with pytest.raises(ValueError, match="only the site's own files"):
        fetcher.fetch("https://example.org/image.png")
    for url, content in ((f"{SITE}/static/pixel.png", PIXEL), ("data:text/plain,hi", b"hi")):
        response = fetcher.fetch(url)
        assert response.read() == content
        response.close()


def test_a_remote_image_is_left_out_and_the_pdf_is_still_made(files, caplog):
    data = render(DOCUMENT.replace("/static/pixel.png", "https://example.org/x.png"), files)
    assert data.startswith(b"%PDF-")
    assert "only the site's own files" in caplog.text


def test_a_local_image_is_a_figure_with_its_alternative(files):
    with pikepdf.open(io.BytesIO(render(DOCUMENT, files))) as pdf:
        figures = [node for node in elements(pdf) if node.tag == "Figure"]
        assert [str(node.element.Alt) for node in figures] == ["A single pixel"]


def test_every_pdf_ua_check_holds_for_a_complete_document(files):
    expected = Expected("en", "A complete document",
                        (("fr", "République française"), ("fr", "Deux")))
    problems = run_checks(render(DOCUMENT, files), expected)
    assert problems == {name: [] for name in problems}


def test_the_checks_fail_on_an_untagged_pdf(files):
    from weasyprint import HTML

    untagged = HTML(string=DOCUMENT, base_url=f"{SITE}/en/page/",
                    url_fetcher=local_fetcher(f"{SITE}/static/", files)).write_pdf()
    expected = Expected("en", "A complete document", (("fr", "Deux"),))
    failing = {name for name, found in run_checks(untagged, expected).items() if found}
    assert failing >= {"MarkInfo/Marked true (Suspects not true)", "StructTreeRoot present",
                       "every page's content tagged or an artifact",
                       "XMP: pdfuaid:part 1, dc:title the title",
                       "passages in another language carry their /Lang",
                       "ViewerPreferences/DisplayDocTitle true"}
