"""Passages in another language get their own /Lang in the PDF's structure."""

from __future__ import annotations

import io
from xml.etree.ElementTree import fromstring

import pikepdf
import pytest

from app.pdf.languages import Passage, PassageNotFound, mark_languages, passages
from app.pdf.render import local_fetcher, render_pdf
from app.pdf.structure import comparable, elements

FRENCH = ("Ce long paragraphe est resté en français, personne ne l’a encore traduit ; "
          "il continue assez longtemps pour passer d’une page à la suivante. ") * 6
FILLER = "<p>An English paragraph that fills the first page of the document.</p>" * 20


def render(body: str, tmp_path) -> bytes:
    html = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title>'
            f"</head><body><h1>Title</h1>{body}</body></html>")
    return render_pdf(html, "http://site.test/", local_fetcher("http://site.test/", tmp_path))


def languages_of(data: bytes) -> list[tuple[str, str]]:
    """(language, text) of each element that has a /Lang, in reading order."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [(str(node.element.Lang), node.text) for node in elements(pdf)
                if "/Lang" in node.element]


def test_passages_are_the_outermost_elements_in_another_language():
    root = fromstring('<html lang="en"><body><p lang="en">Same</p>'
                      '<p lang="fr">Un <em lang="fr">mot</em> <span lang="de">Wort</span></p>'
                      '<ul><li><span lang="fr">Direction</span></li></ul></body></html>')
    assert passages(root) == [Passage("fr", "Un mot Wort"), Passage("fr", "Direction")]


def test_a_french_phrase_in_an_english_paragraph_gets_its_language(tmp_path):
    data = render('<p>The <span lang="fr">Direction du numérique</span> said so.</p>', tmp_path)
    assert languages_of(data) == [("fr", "Direction du numérique")]


def test_a_passage_cut_by_a_page_break_gets_its_language_on_both_pages(tmp_path):
    data = render(f'{FILLER}<p lang="fr">{FRENCH}</p><p>The end.</p>', tmp_path)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2
    found = languages_of(data)
    assert len(found) == 2  # one piece on each page
    assert {lang for lang, _ in found} == {"fr"}
    assert comparable("".join(text for _, text in found)) == comparable(FRENCH)


def test_an_image_whose_alternative_stayed_in_french_is_a_figure_in_french(tmp_path):
    pixel = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>"
    data = render(f'<p><img src="{pixel}" alt="Plan du salon" lang="fr"></p>', tmp_path)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        figures = [node.element for node in elements(pdf) if node.tag == "Figure"]
        assert [(str(figure.Alt), str(figure.Lang)) for figure in figures] == [
            ("Plan du salon", "fr")]


def test_english_text_keeps_the_documents_language(tmp_path):
    data = render('<p>Plain English.</p><p lang="fr">Du français.</p>', tmp_path)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == "en"
        english = [node for node in elements(pdf) if "English" in node.text]
        assert english and all("/Lang" not in node.element for node in english)


def test_a_passage_the_pdf_does_not_hold_is_an_error_not_a_silent_omission(tmp_path):
    data = render("<p>Only English here.</p>", tmp_path)
    with pikepdf.open(io.BytesIO(data)) as pdf, pytest.raises(PassageNotFound,
                                                               match="Absent du document"):
        mark_languages(pdf, [Passage("fr", "Absent du document")])


def test_the_same_passage_twice_is_marked_twice(tmp_path):
    data = render('<p lang="fr">Bonjour</p><p>Hello</p><p lang="fr">Bonjour</p>', tmp_path)
    assert [lang for lang, _ in languages_of(data)] == ["fr", "fr"]
