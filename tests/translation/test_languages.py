"""A third language by configuration only, and catalogs reloaded while translating."""

from __future__ import annotations

import os

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from app import create_app
from app.cli import i18n
from tests.helpers import soup

TITLE = "VivaTechnology 2024 : l’État français présent massivement en 2024"
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
def german(site_copy, monkeypatch):
    """A site configured for fr, en, de after `flask i18n init de`, nothing else."""
    monkeypatch.setenv("FLASK_LANGUAGES", '["fr", "en", "de"]')
    result = CliRunner().invoke(i18n, ["init", "de"])
    assert result.exit_code == 0, result.output
    messages = site_copy / "translations/de/LC_MESSAGES/messages.po"
    translate(messages, lambda m: {"Accueil": "Startseite",
                                   "Lire cette page en français": "Diese Seite auf Deutsch lesen"
                                   }.get(m.id))
    return site_copy


def app_client():
    return create_app({"TESTING": True}).test_client()


def test_a_third_language_needs_only_configuration_and_init(german):
    client = app_client()
    home = client.get("/de/")
    assert home.status_code == 200
    page = soup(home)
    assert page.html["lang"] == "de"
    assert home.headers["Content-Language"] == "de"
    assert "Startseite" in page.find("nav", class_="main-menu").get_text()
    names = [item.get_text(" ", strip=True)
             for item in page.find("nav", class_="language-switcher").find_all("li")]
    assert [name.split()[0] for name in names] == ["Français", "English", "Deutsch"]
    assert client.get("/de/accessibilite/").status_code == 200


def test_a_page_is_absent_in_the_third_language_until_its_title_and_chapeau_are(german):
    client = app_client()
    assert client.get("/de/vivatechnology-2024/").status_code == 404
    french = soup(client.get("/fr/vivatechnology-2024/"))
    alternates = {link["hreflang"] for link in french.find_all("link", rel="alternate")}
    assert alternates == {"fr", "en", "x-default"}
    switcher = french.find("nav", class_="language-switcher")
    assert switcher.find("a", hreflang="de") is None
    assert "Deutsch" in switcher.get_text()

    translate(german / "translations/de/LC_MESSAGES/content.po", lambda m: {
        "vivatechnology-2024:title": "VivaTechnology 2024: der französische Staat",
        "vivatechnology-2024:chapeau": "14 Direktionen auf einem gemeinsamen Stand.",
    }.get(m.context))
    client = app_client()
    response = client.get("/de/vivatechnology-2024/")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "VivaTechnology 2024: der französische Staat"
    body = page.find(class_="announcement__body")
    assert {p.get("lang") for p in body.find_all("p")} == {"fr"}
    french = soup(client.get("/fr/vivatechnology-2024/"))
    alternates = {link["hreflang"] for link in french.find_all("link", rel="alternate")}
    assert alternates == {"fr", "en", "de", "x-default"}
    link = french.find("nav", class_="language-switcher").find("a", hreflang="de")
    assert link["href"] == "/de/vivatechnology-2024/"
    assert link.get_text() == "DeutschDiese Seite auf Deutsch lesen"


def test_in_debug_mode_a_saved_catalog_shows_on_the_next_page_load(site_copy):
    client = create_app({"DEBUG": True}).test_client()
    assert soup(client.get("/en/vivatechnology-2024/")).h1.get_text().startswith(
        "VivaTechnology 2024: the French State")
    po = site_copy / "translations/en/LC_MESSAGES/content.po"
    translate(po, lambda m: "A new English title" if m.context.endswith(":title") else None)
    stamp = po.stat().st_mtime_ns + 10**9
    os.utime(po, ns=(stamp, stamp))
    assert soup(client.get("/en/vivatechnology-2024/")).h1.get_text() == "A new English title"


def test_in_debug_mode_a_saved_content_file_shows_on_the_next_page_load(site_copy):
    client = create_app({"DEBUG": True}).test_client()
    path = site_copy / "content/2024-04-04-vivatechnology-2024.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Du 22 au 25 mai 2024", "Du 22 au 25 mai 2024 (modifié)"), encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(stamp, stamp))
    assert "(modifié)" in client.get("/fr/vivatechnology-2024/").get_data(as_text=True)
