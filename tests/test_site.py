"""The site in memory: what each address names, drafts, and the settings it is built from."""

from __future__ import annotations

import pytest

from app import create_app
from app.site import PageKey
from tests.helpers import post, soup, spaced

DRAFT = post("Un brouillon", "Texte du brouillon.", date="2024-06-01",
             front="published: false\nchapeau-text: Chapeau du brouillon.\n")
PUBLISHED = post("Une annonce", "Texte.", date="2024-05-01")
TRANSLATIONS = {
    ("brouillon:title", "Un brouillon"): "A draft",
    ("brouillon:chapeau", "Chapeau du brouillon."): "Draft standfirst.",
    ("brouillon:body", "Texte du brouillon."): "Draft text.",
    ("annonce:title", "Une annonce"): "An announcement",
    ("annonce:body", "Texte."): "Text.",
}
BANNER = {
    "fr": "Brouillon : cette annonce n’est pas publiée, elle n’est visible qu’en "
          "prévisualisation.",
    "en": "Draft: this announcement is not published; it is only visible in preview.",
}


@pytest.fixture
def drafts(write_content):
    return write_content({"brouillon.md": DRAFT, "annonce.md": PUBLISHED})


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_draft_is_a_404_and_absent_from_home_without_preview(drafts, make_app, lang):
    client = make_app(drafts, TRANSLATIONS).test_client()
    assert client.get(f"/{lang}/brouillon/").status_code == 404
    home = client.get(f"/{lang}/").get_data(as_text=True)
    assert f"/{lang}/brouillon/" not in home
    assert f"/{lang}/annonce/" in home


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_draft_is_served_with_a_visible_banner_in_preview(drafts, make_app, lang):
    client = make_app(drafts, TRANSLATIONS, PREVIEW=True).test_client()
    response = client.get(f"/{lang}/brouillon/")
    assert response.status_code == 200
    banner = soup(response).main.find(class_="notice--warning")
    assert spaced(banner.get_text(strip=True)) == BANNER[lang]
    assert f"/{lang}/brouillon/" in client.get(f"/{lang}/").get_data(as_text=True)


def test_a_published_page_shows_no_draft_banner_in_preview(drafts, make_app):
    client = make_app(drafts, TRANSLATIONS, PREVIEW=True).test_client()
    page = soup(client.get("/fr/annonce/"))
    assert page.main.find(class_="notice--warning") is None


@pytest.mark.parametrize(("lang", "slug", "key"), [
    ("fr", "accessibilite", PageKey("statement")),
    ("en", "accessibility", PageKey("statement")),
    ("fr", "mentions-legales", PageKey("legal")),
    ("en", "legal-notice", PageKey("legal")),
    ("fr", "plan-du-site", PageKey("sitemap")),
    ("en", "site-map", PageKey("sitemap")),
    ("fr", "salon-du-numerique-2024", PageKey("announcement", "salon-du-numerique-2024")),
    ("en", "salon-du-numerique-2024", PageKey("announcement", "salon-du-numerique-2024")),
])
def test_resolve_names_what_a_slug_is_in_a_language(app, lang, slug, key):
    assert app.extensions["site"].resolve(lang, slug)[0] == key


@pytest.mark.parametrize(("lang", "slug"), [
    ("en", "accessibilite"),
    ("fr", "site-map"),
    ("fr", "unknown-page"),
])
def test_resolve_finds_nothing_for_another_languages_slug_or_an_unknown_one(app, lang, slug):
    assert app.extensions["site"].resolve(lang, slug) is None


@pytest.mark.parametrize(("key", "lang", "slug"), [
    (PageKey("home"), "en", ""),
    (PageKey("statement"), "en", "accessibility"),
    (PageKey("legal"), "fr", "mentions-legales"),
    (PageKey("announcement", "salon-du-numerique-2024"), "en", "salon-du-numerique-2024"),
    (PageKey("announcement", "no-such-page"), "fr", None),
])
def test_slug_in_gives_each_page_its_address_in_a_language(app, key, lang, slug):
    assert app.extensions["site"].slug_in(key, lang) == slug


def test_the_listing_is_newest_first(write_content, make_app):
    content = write_content({
        "b.md": post("B", date="2024-02-01"),
        "c.md": post("C", date="2024-03-01 09:00:00 +02:00"),
        "a.md": post("A", date="2024-01-01"),
    })
    site = make_app(content).extensions["site"]
    assert [page.source.slug for page in site.listing("fr")] == ["c", "b", "a"]


@pytest.fixture
def flask_env(monkeypatch):
    """Set FLASK_* variables for one test, with none leaking in from the shell."""
    for name in ("LANGUAGES", "PREVIEW", "SITE_URL"):  # CONTENT_DIR: the fixture site
        monkeypatch.delenv(f"FLASK_{name}", raising=False)
    return monkeypatch.setenv


def test_settings_are_read_from_flask_environment_variables(flask_env, write_content):
    flask_env("FLASK_LANGUAGES", '["fr","en"]')
    flask_env("FLASK_PREVIEW", "true")
    flask_env("FLASK_SITE_URL", "https://annonces.example.org")
    flask_env("FLASK_CONTENT_DIR", str(write_content({"brouillon.md": DRAFT})))
    app = create_app({"TESTING": True})
    assert app.config["LANGUAGES"] == ["fr", "en"]
    client = app.test_client()
    response = client.get("/fr/brouillon/")
    assert response.status_code == 200
    canonical = soup(response).head.find("link", rel="canonical")["href"]
    assert canonical == "https://annonces.example.org/fr/brouillon/"
    assert client.get("/fr/salon-du-numerique-2024/").status_code == 404


def test_the_language_list_from_the_environment_decides_the_routes(flask_env):
    flask_env("FLASK_LANGUAGES", '["fr"]')
    client = create_app({"TESTING": True}).test_client()
    assert client.get("/fr/").status_code == 200
    assert client.get("/en/").status_code == 404
    assert client.get("/", headers={"Accept-Language": "en"}).headers["Location"] == "/fr/"


@pytest.mark.parametrize("languages", [
    "fr,en", "fr", [], ["FR", "en"], ["fr", "english"], ["fr", "xx"], ["fr", 1],
    ["fr", "en", "fr"], {"fr": 1},
])
def test_a_languages_setting_that_is_not_a_list_of_known_codes_is_refused(languages):
    with pytest.raises(ValueError, match="LANGUAGES"):
        create_app({"TESTING": True, "LANGUAGES": languages})


def test_languages_from_the_environment_may_be_json_or_comma_separated(flask_env):
    flask_env("FLASK_LANGUAGES", "fr, en")
    assert create_app({"TESTING": True}).config["LANGUAGES"] == ["fr", "en"]


def test_a_languages_value_from_the_environment_that_is_no_list_is_refused(flask_env):
    flask_env("FLASK_LANGUAGES", "fr en")
    with pytest.raises(ValueError, match=r"LANGUAGES: 'fr en' is not a lowercase language code"):
        create_app({"TESTING": True})


@pytest.mark.parametrize("value", ["False", "false", "off", "no", "0"])
def test_preview_off_from_the_environment_keeps_drafts_hidden(value, write_content,
                                                             monkeypatch):
    from app import create_app
    from tests.helpers import post
    folder = write_content({"brouillon.md": post(front="published: false\n")})
    monkeypatch.setenv("FLASK_CONTENT_DIR", str(folder))
    monkeypatch.setenv("FLASK_PREVIEW", value)
    client = create_app({"TESTING": True}).test_client()
    assert client.get("/fr/brouillon/").status_code == 404
