"""A third language by configuration only, and catalogs reloaded while translating."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from app import create_app
from app.cli import i18n
from tests.helpers import soup

TITLE = "Salon du numérique 2024 : l’État français présent massivement en 2024"
CHAPEAU_START = "14 directions engagées"


def translate(path, choose) -> None:
    """Fill entries of a catalog: choose(message) returns a msgstr or None."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id and choose(message):
            message.string = choose(message)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=79)


@pytest.fixture
def german(site_copy):
    """A site after `flask i18n init de`, nothing else: no Python, no environment."""
    result = CliRunner().invoke(i18n, ["init", "de"])
    assert result.exit_code == 0, result.output
    messages = site_copy / "translations/de/LC_MESSAGES/messages.po"
    translate(messages, lambda m: {"Accueil": "Startseite",
                                   "Lire cette page en français": "Diese Seite auf Deutsch lesen"
                                   }.get(m.id))
    return site_copy


def app_client(**config):
    return create_app({"TESTING": True, **config}).test_client()


def publish(site: Path, lang: str) -> None:
    """What a translator does once the interface is complete: one line of settings.toml."""
    path = site / "settings.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(f'{lang} = "in progress"\n', ""),
                    encoding="utf-8")


def test_init_adds_the_language_to_the_settings_file_in_progress(german):
    settings = tomllib.loads((german / "settings.toml").read_text(encoding="utf-8"))
    assert settings["LANGUAGES"] == ["fr", "en", "de"]
    assert settings["LANGUAGE_STATUS"] == {"de": "in progress"}
    status = CliRunner().invoke(i18n, ["status"])
    assert "== de ==" in status.output
    check = CliRunner().invoke(i18n, ["check"])
    assert check.exit_code == 0, check.output
    assert re.search(r"de/LC_MESSAGES/messages\.po:\d+: warning: \d+ interface strings are not "
                     "translated yet", check.output), check.output


def test_a_language_in_progress_is_offered_to_no_visitor(german):
    client = app_client()
    assert client.get("/de/").status_code == 404
    assert client.get("/", headers={"Accept-Language": "de"}).headers["Location"] == "/fr/"
    french = soup(client.get("/fr/"))
    assert "Deutsch" not in french.find("nav", class_="language-switcher").get_text()
    assert french.find("link", hreflang="de") is None
    assert "/de/" not in client.get("/sitemap.xml").get_data(as_text=True)
    assert client.get("/de/feed.xml").status_code == 404


def test_a_previewed_language_marks_every_untranslated_interface_string_as_french(german):
    page = soup(app_client(PREVIEW=True).get("/de/"))
    assert page.html["lang"] == "de"
    assert page.find("nav", class_="main-menu").a.get_text() == "Startseite"
    for text in ("Aller au contenu", "Plan du site", "Mentions légales"):
        element = page.body.find(string=text).parent
        assert element.name == "span" and element["lang"] == "fr", element
    assert page.find("nav", class_="skip-links")["aria-label"] == "Accès rapide"


def test_a_published_language_is_offered_everywhere(german):
    publish(german, "de")
    check = CliRunner().invoke(i18n, ["check"])
    assert check.exit_code == 1  # public: its interface must be complete
    assert "untranslated: 'Aller au contenu'" in check.output
    translate(german / "translations/de/LC_MESSAGES/messages.po",
              lambda m: m.id)  # every entry, plural forms included
    check = CliRunner().invoke(i18n, ["check"])
    assert check.exit_code == 0, check.output
    client = app_client()
    assert client.get("/de/").status_code == 200
    assert client.get("/", headers={"Accept-Language": "de"}).headers["Location"] == "/de/"


def test_a_page_is_absent_in_the_third_language_until_its_title_and_chapeau_are(german):
    client = app_client(PREVIEW=True)
    assert client.get("/de/salon-du-numerique-2024/").status_code == 404
    french = soup(client.get("/fr/salon-du-numerique-2024/"))
    alternates = {link["hreflang"] for link in french.find_all("link", rel="alternate")}
    assert alternates == {"fr", "en", "x-default"}
    switcher = french.find("nav", class_="language-switcher")
    assert switcher.find("a", hreflang="de") is None
    assert "Deutsch" in switcher.get_text()

    translate(german / "translations/de/LC_MESSAGES/content.po", lambda m: {
        "salon-du-numerique-2024:title": "Digitalmesse 2024: der französische Staat",
        "salon-du-numerique-2024:chapeau": "14 Direktionen auf einem gemeinsamen Stand.",
    }.get(m.context))
    client = app_client(PREVIEW=True)
    response = client.get("/de/salon-du-numerique-2024/")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "Digitalmesse 2024: der französische Staat"
    body = page.find(class_="announcement__body")
    assert {p.get("lang") for p in body.find_all("p")} == {"fr"}
    french = soup(client.get("/fr/salon-du-numerique-2024/"))
    alternates = {link["hreflang"] for link in french.find_all("link", rel="alternate")}
    assert alternates == {"fr", "en", "de", "x-default"}
    link = french.find("nav", class_="language-switcher").find("a", hreflang="de")
    assert link["href"] == "/de/salon-du-numerique-2024/"
    assert link.get_text() == "DeutschDiese Seite auf Deutsch lesen"


def test_in_debug_mode_a_saved_catalog_shows_on_the_next_page_load(site_copy):
    client = create_app({"DEBUG": True}).test_client()
    assert soup(client.get("/en/salon-du-numerique-2024/")).h1.get_text().startswith(
        "Digital Fair 2024: the French State")
    po = site_copy / "translations/en/LC_MESSAGES/content.po"
    translate(po, lambda m: "A new English title" if m.context.endswith(":title") else None)
    stamp = po.stat().st_mtime_ns + 10**9
    os.utime(po, ns=(stamp, stamp))
    assert soup(client.get("/en/salon-du-numerique-2024/")).h1.get_text() == "A new English title"


def test_in_debug_mode_a_saved_content_file_shows_on_the_next_page_load(site_copy):
    client = create_app({"DEBUG": True}).test_client()
    path = site_copy / "content/2024-04-04-salon-du-numerique-2024.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Du 22 au 25 mai 2024", "Du 22 au 25 mai 2024 (modifié)"), encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(stamp, stamp))
    assert "(modifié)" in client.get("/fr/salon-du-numerique-2024/").get_data(as_text=True)


def save(path, old: str, new: str) -> None:
    """A translator's save: the text changed, and a later file time."""
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(stamp, stamp))


def test_in_debug_mode_a_saved_interface_catalog_is_recompiled_for_the_next_page(site_copy):
    client = create_app({"DEBUG": True}).test_client()
    assert soup(client.get("/en/")).find("nav", class_="main-menu").a.get_text() == "Home"
    save(site_copy / "translations/en/LC_MESSAGES/messages.po", 'msgstr "Home"',
         'msgstr "Front page"')
    assert soup(client.get("/en/")).find("nav", class_="main-menu").a.get_text() == "Front page"


def test_in_debug_mode_a_catalog_saved_broken_shows_its_line_on_the_page_and_in_the_log(
        site_copy, caplog):
    app = create_app({"DEBUG": True})
    client = app.test_client()
    po = site_copy / "translations/en/LC_MESSAGES/messages.po"
    save(po, 'msgstr "Home"', 'msgstr "Ho"me"')
    line = po.read_text(encoding="utf-8").split("\n").index('msgstr "Ho"me"') + 1
    for _ in range(2):  # the error stays until the file is fixed
        response = client.get("/en/")
        assert response.status_code == 500
        problems = soup(response).find("ul", class_="problems")
        assert problems["lang"] == "en"
        assert re.search(rf"messages\.po:{line}: not a \.po line", problems.get_text())
    assert re.search(rf"messages\.po:{line}: not a \.po line", caplog.text)
    save(po, 'msgstr "Ho"me"', 'msgstr "Home"')
    assert client.get("/en/").status_code == 200
