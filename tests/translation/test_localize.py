"""A page in English: translated segments, French fallbacks marked, untranslatable pages absent."""

from __future__ import annotations

import pytest

from app.content.announcements import load_announcements
from app.content.rendering import Renderer
from app.problems import ProblemsFound
from app.translation.localize import localize
from tests.helpers import content_catalog, post, soup

NOTICE = "Some parts of this page are not translated yet"
PARTIAL = post("Titre partiel", "Premier paragraphe.\n\nSecond paragraphe.",
               front="chapeau-text: Le chapeau.\n")
HEAD = {
    ("partiel:title", "Titre partiel"): "Partial title",
    ("partiel:chapeau", "Le chapeau."): "The standfirst.",
}
FIRST = {("partiel:body", "Premier paragraphe."): "First paragraph."}
SECOND = {("partiel:body", "Second paragraphe."): "Second paragraph."}


def main_of(client, path: str):
    response = client.get(path)
    assert response.status_code == 200
    return soup(response).main


def test_the_shipped_announcement_is_wholly_english(client):
    main = main_of(client, "/en/salon-du-numerique-2024/")
    # Only the French names the translator marked (RGAA 8.7): [..]{: lang="fr"}.
    assert {(e.name, e["lang"], e.get_text()) for e in main.find_all(lang=True)} == {
        ("span", "fr", "France Expérimentation"), ("span", "fr", "Choisir le service public")}
    assert NOTICE not in main.get_text()
    assert "l’État" not in main.get_text()


@pytest.mark.parametrize(("translations", "expected"), [
    (HEAD, [("Premier paragraphe.", "fr"), ("Second paragraphe.", "fr")]),
    (HEAD | FIRST, [("First paragraph.", None), ("Second paragraphe.", "fr")]),
    (HEAD | SECOND, [("Premier paragraphe.", "fr"), ("Second paragraph.", None)]),
])
def test_untranslated_paragraphs_stay_french_marked_and_announced(
        write_content, make_app, translations, expected):
    client = make_app(write_content({"partiel.md": PARTIAL}), translations).test_client()
    main = main_of(client, "/en/partiel/")
    body = main.find(class_="announcement__body")
    assert [(p.get_text(), p.get("lang")) for p in body.find_all("p")] == expected
    assert main.h1.get_text() == "Partial title"
    assert main.h1.find(lang=True) is None
    assert NOTICE in main.get_text()


def test_a_fully_translated_page_has_no_notice_and_no_french(write_content, make_app):
    translations = HEAD | FIRST | SECOND
    client = make_app(write_content({"partiel.md": PARTIAL}), translations).test_client()
    main = main_of(client, "/en/partiel/")
    assert main.find_all(lang=True) == []
    assert NOTICE not in main.get_text()


MIXED = post(
    "Mélange", "- Premier point\n- Second point\n\n## Un intertitre\n\nTexte.",
    front=("sous-titre: Un sous-titre\nentites:\n  - DINUM\n  - ANSSI\n"
           "une-ou-diaporama:\n  - image: /static/photo.png\n"
           "    alternative-textuelle: Une photo du stand\n    legende: Le stand J59\n"
           "files:\n  - file: /static/dossier.pdf\n    nom: Dossier de presse\n"),
)
MIXED_EN = {
    ("melange:title", "Mélange"): "Mixture",
    ("melange:body", "Premier point"): "First point",
    ("melange:entity", "DINUM"): "Digital directorate",
}


@pytest.mark.parametrize(("selector", "text"), [
    (".announcement__subtitle span", "Un sous-titre"),
    (".announcement__body li:nth-of-type(2)", "Second point"),
    (".announcement__body h2", "Un intertitre"),
    (".announcement__body p", "Texte."),
    (".entities li:nth-of-type(2) span", "ANSSI"),
    ("figure img", ""),
    ("figcaption p", "Le stand J59"),
    (".files a span", "Dossier de presse"),
])
def test_every_kind_of_untranslated_field_is_marked_french(
        write_content, make_app, selector, text):
    client = make_app(write_content({"melange.md": MIXED}), MIXED_EN).test_client()
    found = main_of(client, "/en/melange/").select_one(selector)
    assert found["lang"] == "fr"
    assert found.get_text() == text


@pytest.mark.parametrize(("selector", "text"), [
    (".announcement__body li:nth-of-type(1)", "First point"),
    (".entities li:nth-of-type(1)", "Digital directorate"),
])
def test_translated_fields_next_to_french_ones_carry_no_lang(
        write_content, make_app, selector, text):
    client = make_app(write_content({"melange.md": MIXED}), MIXED_EN).test_client()
    found = main_of(client, "/en/melange/").select_one(selector)
    assert found.get_text() == text
    assert found.find_all(lang=True) == []
    assert not found.has_attr("lang")


@pytest.mark.parametrize("missing", ["partiel:title", "partiel:chapeau"])
def test_a_page_without_its_title_or_chapeau_translated_does_not_exist_in_english(
        write_content, make_app, missing):
    translations = {key: value for key, value in (HEAD | FIRST | SECOND).items()
                    if key[0] != missing}
    client = make_app(write_content({"partiel.md": PARTIAL}), translations).test_client()
    assert client.get("/en/partiel/").status_code == 404
    assert "/en/partiel/" not in client.get("/en/").get_data(as_text=True)
    assert "/en/partiel/" not in client.get("/en/site-map/").get_data(as_text=True)
    page = soup(client.get("/fr/partiel/"))
    switcher = page.find("nav", id="langues")
    assert switcher.find_all("a") == []
    unavailable = switcher.find(class_="language-switcher__unavailable")
    assert unavailable.find(lang="en").get_text() == "English"
    assert "page non traduite" in unavailable.get_text()
    assert page.head.find("link", hreflang="en") is None


@pytest.mark.parametrize("fuzzy", [("partiel:body", "Premier paragraphe."),
                                   ("partiel:title", "Titre partiel"),
                                   ("partiel:chapeau", "Le chapeau.")])
def test_a_fuzzy_translation_is_never_shown_and_the_page_stays(write_content, make_app, fuzzy):
    """A fuzzy title or chapeau (the French changed) keeps the page: shared URLs work."""
    translations = HEAD | FIRST | SECOND
    client = make_app(write_content({"partiel.md": PARTIAL}), translations,
                      fuzzy={fuzzy}).test_client()
    response = client.get("/en/partiel/")
    assert response.status_code == 200
    assert translations[fuzzy] not in response.get_data(as_text=True)
    assert soup(response).main.find(string=fuzzy[1]).parent.find_parent(lang="fr") or (
        soup(response).main.find(string=fuzzy[1]).parent.get("lang") == "fr")


def test_a_fuzzy_paragraph_stays_french_and_marked(write_content, make_app):
    fuzzy = ("partiel:body", "Premier paragraphe.")
    client = make_app(write_content({"partiel.md": PARTIAL}), HEAD | FIRST | SECOND,
                      fuzzy={fuzzy}).test_client()
    first = main_of(client, "/en/partiel/").find(class_="announcement__body").p
    assert (first.get_text(), first["lang"]) == ("Premier paragraphe.", "fr")


@pytest.mark.parametrize(("key", "msgstr"), [
    (("partiel:title", "Titre partiel"), "<script>alert(1)</script>Partial title"),
    (("partiel:chapeau", "Le chapeau."), "<script>alert(1)</script>The standfirst."),
    (("partiel:body", "Premier paragraphe."), "First <script>alert(1)</script>paragraph."),
    (("partiel:body", "Second paragraphe."), '<img src=x onerror="alert(1)">Second.'),
])
def test_a_script_in_a_content_translation_is_refused_and_never_becomes_a_script(
        write_content, make_app, key, msgstr):
    translations = HEAD | FIRST | SECOND | {key: msgstr}
    folder = write_content({"partiel.md": PARTIAL})
    with pytest.raises(ProblemsFound, match=r"content\.po:\d+: HTML in the translation"):
        make_app(folder, translations)
    # Behind the check, the page shows it as text (a catalog is text, never markup).
    [announcement], _ = load_announcements(folder, "Europe/Paris", 10**6)
    local = localize(announcement.announcement, announcement.document, "en",
                     content_catalog(translations), Renderer("fr"), "new window")
    html = local.chapeau_html + local.body_html + str(local.title.html)
    assert "<script" not in html and "<img" not in html
    assert msgstr.replace("<", "&lt;").split("&lt;")[1][:6] in html


PERCENT = post("Vingt pour cent", "Plus de 20 % des offres.",
               front="chapeau-text: 20 % des offres sont ouvertes.\n")
PERCENT_EN = {
    ("pourcent:title", "Vingt pour cent"): "Twenty per cent",
    ("pourcent:chapeau", "20 % des offres sont ouvertes."): "20 % of offers are open.",
    ("pourcent:body", "Plus de 20 % des offres."): "More than 20 % of offers.",
}


@pytest.mark.parametrize(("path", "texts"), [
    ("/fr/pourcent/", ["20 % des offres sont ouvertes.", "Plus de 20 % des offres."]),
    ("/en/pourcent/", ["20 % of offers are open.", "More than 20 % of offers."]),
])
def test_a_percent_sign_in_content_renders_in_both_languages(
        write_content, make_app, path, texts):
    client = make_app(write_content({"pourcent.md": PERCENT}), PERCENT_EN).test_client()
    text = main_of(client, path).get_text()
    for expected in texts:
        assert expected in text


@pytest.mark.parametrize(("translations", "fallbacks", "available"), [
    ({}, 4, False),
    (HEAD, 2, True),
    (HEAD | FIRST, 1, True),
    (HEAD | FIRST | SECOND, 0, True),
])
def test_a_local_page_counts_its_french_fallbacks(
        write_content, make_app, translations, fallbacks, available):
    site = make_app(write_content({"partiel.md": PARTIAL}), translations).extensions["site"]
    local = site.local("partiel", "en")
    assert (local.fallbacks, local.available) == (fallbacks, available)
    assert site.local("partiel", "fr").fallbacks == 0


FILES = post("Avec fichiers", "Texte.", front=(
    "chapeau-text: Le chapeau.\n"
    "files:\n  - file: /fichiers/cp.pdf\n    nom: Communiqué de presse\n"
    "  - file: /fichiers/programme.pdf\n    nom: Programme\n"))
FILE_HEAD = {
    ("avec-fichiers:title", "Avec fichiers"): "With files",
    ("avec-fichiers:chapeau", "Le chapeau."): "The standfirst.",
    ("avec-fichiers:body", "Texte."): "Text.",
    ("avec-fichiers:file-label", "Communiqué de presse"): "Press release",
    ("avec-fichiers:file-label", "Programme"): "Programme",
    ("avec-fichiers:file", "/fichiers/cp.pdf"): "/fichiers/press-release.pdf",
}


def test_a_file_links_to_its_translation_or_to_the_french_file_with_hreflang(
        write_content, make_app):
    client = make_app(write_content({"avec-fichiers.md": FILES}), FILE_HEAD).test_client()
    links = main_of(client, "/en/avec-fichiers/").find(class_="files").find_all("a")
    assert [(a["href"], a.get("hreflang")) for a in links] == [
        ("/fichiers/press-release.pdf", None), ("/fichiers/programme.pdf", "fr")]
    assert [" ".join(a.get_text().split()) for a in links] == [
        "Press release (PDF)", "Programme (PDF)"]
    assert NOTICE not in main_of(client, "/en/avec-fichiers/").get_text()
    french = main_of(client, "/fr/avec-fichiers/").find(class_="files").find_all("a")
    assert [(a["href"], a.get("hreflang")) for a in french] == [
        ("/fichiers/cp.pdf", None), ("/fichiers/programme.pdf", None)]


def test_the_translator_preview_shows_fuzzy_translations_marked(write_content, make_app):
    fuzzy = {("partiel:body", "Premier paragraphe.")}
    translations = HEAD | FIRST | SECOND
    folder = write_content({"partiel.md": PARTIAL})
    visitors = make_app(folder, translations, fuzzy=fuzzy).test_client()
    body = main_of(visitors, "/en/partiel/").find(class_="announcement__body")
    assert body.p.get_text() == "Premier paragraphe."
    assert body.p["lang"] == "fr"

    translators = make_app(folder, translations, fuzzy=fuzzy,
                           TRANSLATOR_PREVIEW=True).test_client()
    main = main_of(translators, "/en/partiel/")
    marked = main.find(class_="announcement__body").find(class_="fuzzy")
    assert marked.get_text() == "[fuzzy] First paragraph."
    assert marked.find_parent(lang="fr") is None
    assert "Translator preview" in main.get_text()


def test_the_translator_preview_is_refused_outside_debug_mode(write_content, make_app):
    with pytest.raises(ValueError, match="TRANSLATOR_PREVIEW"):
        make_app(write_content({"partiel.md": PARTIAL}), TRANSLATOR_PREVIEW=True, TESTING=False)


def test_a_file_served_by_the_site_says_its_size_in_the_page_language(
        write_content, make_app, tmp_path):
    files = tmp_path / "files"
    (files / "fichiers").mkdir(parents=True)
    (files / "fichiers" / "cp.pdf").write_bytes(b"%PDF" + b"x" * 250_000)
    text = post("Avec fichiers", "Texte.", front=(
        "chapeau-text: Le chapeau.\n"
        "files:\n  - file: /static/fichiers/cp.pdf\n    nom: Communiqué de presse\n"
        "  - file: /static/../../etc/passwd\n    nom: Ailleurs\n"))
    head = {("avec-fichiers:title", "Avec fichiers"): "With files",
            ("avec-fichiers:chapeau", "Le chapeau."): "The standfirst."}
    client = make_app(write_content({"avec-fichiers.md": text}), head,
                      FILES_DIR=str(files)).test_client()
    french = main_of(client, "/fr/avec-fichiers/").find(class_="files").find_all("a")
    assert [" ".join(a.get_text().split()) for a in french] == [
        "Communiqué de presse (PDF, 244 ko)", "Ailleurs"]
    english = main_of(client, "/en/avec-fichiers/").find(class_="files").a
    assert " ".join(english.get_text().split()) == "Communiqué de presse (PDF, 244 kB)"
