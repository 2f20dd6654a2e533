"""Language negotiation, interface translations, dates and plurals as readers see them."""

from __future__ import annotations

import io
import shutil

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from app import create_app
from app.problems import ProblemsFound
from app.web.i18n import language_name, negotiate
from tests.helpers import UI_CATALOG, post, soup, write_catalog

LANGUAGES = ["fr", "en"]


@pytest.mark.parametrize(("header", "expected"), [
    (None, "fr"),
    ("", "fr"),
    ("en", "en"),
    ("EN", "en"),
    ("en-GB,en;q=0.9", "en"),
    ("en_GB", "en"),
    ("de, en;q=0.5", "en"),
    ("de", "fr"),
    ("fr;q=0.1, en;q=0.9", "en"),
    ("q=abc,,;;", "fr"),
    ("*", "fr"),
    ("en;q=0", "fr"),
    # A regional tag the visitor prefers wins over an exact tag they like less.
    ("en-GB, fr;q=0.9", "en"),
    ("fr-CH, en;q=0.9", "fr"),
    ("de-AT, fr-BE;q=0.8, en;q=0.7", "fr"),
    ("\xe9\xff, en;q=0.5", "en"),
])
def test_negotiate_picks_the_language_the_visitor_prefers(header, expected):
    assert negotiate(header, LANGUAGES) == expected


def test_negotiate_reads_only_the_start_of_a_huge_header():
    header = "de;q=0.9, " * 900 + "en"
    assert negotiate(header, LANGUAGES) == "fr"
    assert negotiate("en, " + header, LANGUAGES) == "en"


@pytest.mark.parametrize(("code", "name"), [("fr", "Français"), ("en", "English"),
                                            ("de", "Deutsch")])
def test_language_name_is_written_in_that_language_as_a_label(code, name):
    assert language_name(code) == name


@pytest.mark.parametrize(("path", "dates"), [
    ("/fr/salon-du-numerique-2024/", [("2024-04-04T16:31:00+02:00", "4 avril 2024"),
                                  ("2024-05-22", "22 mai 2024"),
                                  ("2024-05-25", "25 mai 2024")]),
    # British English (LOCALES: en = "en_GB"), like the translated text ("22 to 25 May").
    ("/en/salon-du-numerique-2024/", [("2024-04-04T16:31:00+02:00", "4 April 2024"),
                                  ("2024-05-22", "22 May 2024"),
                                  ("2024-05-25", "25 May 2024")]),
    ("/fr/", [("2024-04-04T16:31:00+02:00", "4 avril 2024")]),
    ("/en/", [("2024-04-04T16:31:00+02:00", "4 April 2024")]),
])
def test_dates_are_time_elements_written_for_the_page_language(client, path, dates):
    times = soup(client.get(path)).main.find_all("time")
    assert [(t["datetime"], t.get_text()) for t in times] == dates


@pytest.mark.parametrize(("path", "text"), [
    ("/fr/salon-du-numerique-2024/", "Publié le 4 avril 2024"),
    ("/en/salon-du-numerique-2024/", "Published on 4 April 2024"),
])
def test_a_date_inside_a_translated_sentence_stays_a_time_element(client, path, text):
    line = soup(client.get(path)).find(class_="annonces-date")
    assert line.get_text() == text
    assert line.time is not None


@pytest.mark.parametrize(("entities", "lang", "heading"), [
    (1, "fr", "1 entité présente"),
    (2, "fr", "2 entités présentes"),
    (1, "en", "1 entity taking part"),
    (2, "en", "2 entities taking part"),
])
def test_counts_follow_the_plural_rule_of_the_page_language(
        write_content, make_app, entities, lang, heading):
    names = ["DINUM", "ANSSI"][:entities]
    front = "entites:\n" + "".join(f"  - {name}\n" for name in names)
    translations = {("compte:title", "Compte"): "Count", ("compte:body", "Texte."): "Text."}
    translations |= {("compte:entity", name): name for name in names}
    content = write_content({"compte.md": post("Compte", "Texte.", front=front)})
    client = make_app(content, translations).test_client()
    page = soup(client.get(f"/{lang}/compte/"))
    assert page.find("h2", id="entites").get_text() == heading


def ui_app(tmp_path, change: dict[str, str], fuzzy: tuple[str, ...] = (), **config):
    """The shipped site with some English interface strings replaced (and maybe fuzzy)."""
    folder = tmp_path / "translations" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with UI_CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for msgid, msgstr in change.items():
        catalog[msgid].string = msgstr
        if msgid in fuzzy:
            catalog[msgid].flags.add("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    (folder / "messages.po").write_bytes(buffer.getvalue())
    shutil.copy(UI_CATALOG.with_name("content.po"), folder / "content.po")
    return create_app({"TESTING": True, "TRANSLATIONS_DIR": str(tmp_path / "translations"),
                       **config})


@pytest.mark.parametrize("msgid", ["Accueil", "Aller au contenu", "Lire cette page en français",
                                   "Accessibilité : %(level)s"])
def test_a_script_in_an_interface_translation_stops_the_site_at_its_line(tmp_path, msgid):
    with pytest.raises(ProblemsFound, match=r"messages\.po:\d+: HTML in the translation"):
        ui_app(tmp_path, {msgid: "<script>alert(1)</script>" + msgid.replace("é", "e")})


@pytest.mark.parametrize(("msgid", "path"), [
    ("Accueil", "/en/"),
    ("Aller au contenu", "/en/accessibility/"),
    ("Accessibilité : %(level)s", "/en/"),
])
def test_an_interface_translation_is_text_wherever_it_is_shown(tmp_path, msgid, path):
    translated = "R&D <3 &amp; co" + (" %(level)s" if "%(level)s" in msgid else "")
    client = ui_app(tmp_path, {msgid: translated}).test_client()
    page = soup(client.get(path))
    assert translated.replace(" %(level)s", " fully compliant") in page.get_text()


def test_a_fuzzy_interface_translation_is_never_shown(tmp_path):
    """In a language in progress (previewed); in a public one it stops the site."""
    client = ui_app(tmp_path, {"Accueil": "Guessed home"}, fuzzy=("Accueil",),
                    LANGUAGE_STATUS={"en": "in progress"}, PREVIEW=True).test_client()
    page = soup(client.get("/en/"))
    assert "Guessed home" not in page.get_text()
    assert page.title.get_text().startswith("Accueil - ")
    with pytest.raises(ProblemsFound, match=r"messages\.po:\d+: fuzzy: 'Accueil'"):
        ui_app(tmp_path / "public", {"Accueil": "Guessed home"}, fuzzy=("Accueil",))


def test_an_untranslated_switcher_hint_is_left_out_rather_than_shown_in_french(tmp_path):
    languages = ["fr", "en", "de"]
    folder = tmp_path / "translations"
    shutil.copytree(UI_CATALOG.parent.parent, folder / "en")
    for domain in ("messages", "content"):
        write_catalog(folder / "de" / "LC_MESSAGES" / f"{domain}.po", "de", domain, {})
    app = create_app({"TESTING": True, "LANGUAGES": languages, "PREVIEW": True,
                      "LANGUAGE_STATUS": {"de": "in progress"}, "TRANSLATIONS_DIR": str(folder)})
    links = soup(app.test_client().get("/fr/mentions-legales/")).find("nav", id="langues")("a")
    assert {link["lang"]: link.get_text() for link in links} == {
        "en": "EnglishRead this page in English",
        "de": "Deutsch",
    }


def test_announcements_are_read_from_the_compiled_content_catalog_flask_babel_serves(
        write_content, make_app, tmp_path):
    folder = write_content({"a.md": post("Un titre")})
    client = make_app(folder, {("a:title", "Un titre"): "A title"}).test_client()
    compiled = Catalog(locale="en", domain="content")
    compiled.add("Un titre", "The title of the .mo", context="a:title")
    with (tmp_path / "translations/en/LC_MESSAGES/content.mo").open("wb") as handle:
        write_mo(handle, compiled)  # what Flask-Babel reads, unlike the .po beside it
    assert soup(client.get("/en/a/")).h1.get_text() == "The title of the .mo"


def test_a_translation_that_is_the_french_itself_is_english_not_a_french_passage(
        write_content, make_app):
    folder = write_content({"a.md": post("VivaTech", "Un paragraphe.")})
    client = make_app(folder, {("a:title", "VivaTech"): "VivaTech",
                               ("a:body", "Un paragraphe."): "A paragraph."}).test_client()
    page = soup(client.get("/en/a/"))
    assert page.h1.get_text() == "VivaTech"
    assert page.h1.find_parent(lang="fr") is None and page.h1.find(lang="fr") is None
    assert "not translated yet" not in page.main.get_text()
