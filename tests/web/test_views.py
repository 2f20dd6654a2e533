"""Routes: every page in both languages, the switcher's targets, `/` and redirects (errors:
test_errors.py)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from app import create_app
from app.web import i18n
from tests.helpers import post, soup, spaced

SITE_NAME = {"fr": "Annonces du numérique de l’État", "en": "French State digital announcements"}
VIVA_FR = "Salon du numérique 2024 : l’État français présent massivement en 2024"
VIVA_EN = "Digital Fair 2024: the French State out in force in 2024"

# (path, its language, the page part of <title>, the same page in the other language)
PAGES = [
    ("/fr/", "fr", "Accueil", "/en/"),
    ("/en/", "en", "Home", "/fr/"),
    ("/fr/salon-du-numerique-2024/", "fr", VIVA_FR, "/en/salon-du-numerique-2024/"),
    ("/en/salon-du-numerique-2024/", "en", VIVA_EN, "/fr/salon-du-numerique-2024/"),
    ("/fr/accessibilite/", "fr", "Déclaration d’accessibilité", "/en/accessibility/"),
    ("/en/accessibility/", "en", "Accessibility statement", "/fr/accessibilite/"),
    ("/fr/mentions-legales/", "fr", "Mentions légales", "/en/legal-notice/"),
    ("/en/legal-notice/", "en", "Legal notice", "/fr/mentions-legales/"),
    ("/fr/plan-du-site/", "fr", "Plan du site", "/en/site-map/"),
    ("/en/site-map/", "en", "Site map", "/fr/plan-du-site/"),
]
PATHS = [path for path, *_ in PAGES]
OTHER = {"fr": "en", "en": "fr"}
NOT_FOUND = {"fr": "Page introuvable", "en": "Page not found"}


def heading_levels(page) -> list[int]:
    return [int(tag.name[1]) for tag in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def switcher(page):
    return page.find("nav", id="langues")


@pytest.mark.parametrize(("path", "lang", "title", "other"), PAGES)
def test_every_page_answers_in_the_language_of_its_url(client, path, lang, title, other):
    response = client.get(path)
    assert response.status_code == 200
    assert soup(response).html["lang"] == lang
    assert response.headers["Content-Language"] == lang


@pytest.mark.parametrize(("path", "lang", "title", "other"), PAGES)
def test_every_page_title_names_the_page_then_the_site_in_its_language(
        client, path, lang, title, other):
    page = soup(client.get(path))
    assert spaced(page.title.get_text()) == f"{title} - {SITE_NAME[lang]}"


@pytest.mark.parametrize("path", PATHS)
def test_every_page_has_one_h1_banner_main_and_contentinfo(client, path):
    page = soup(client.get(path))
    assert len(page.find_all("h1")) == 1
    assert len(page.find_all("header")) == 1
    assert page.header.parent is page.body
    mains = page.find_all("main")
    assert len(mains) == 1
    assert mains[0]["id"] == "contenu"
    assert mains[0]["tabindex"] == "-1"
    assert len(page.find_all("footer")) == 1
    assert page.footer.parent is page.body


@pytest.mark.parametrize("path", PATHS)
def test_every_page_headings_start_at_h1_and_never_skip_a_level(client, path):
    levels = heading_levels(soup(client.get(path)))
    assert levels[0] == 1
    jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert jumps == []


@pytest.mark.parametrize(("path", "lang", "title", "other"), PAGES)
def test_the_switcher_links_to_the_same_page_in_the_other_language(
        client, path, lang, title, other):
    links = switcher(soup(client.get(path))).find_all("a")
    assert [link["href"] for link in links] == [other]
    followed = client.get(other)
    assert followed.status_code == 200
    assert soup(followed).html["lang"] == OTHER[lang]


@pytest.mark.parametrize(("path", "label"), [
    ("/fr/", "Choix de la langue"),
    ("/en/", "Language selection"),
])
def test_the_switcher_is_a_navigation_named_in_the_page_language(client, path, label):
    assert switcher(soup(client.get(path)))["aria-label"] == label


@pytest.mark.parametrize(("path", "name"), [
    ("/fr/accessibilite/", "Français"),
    ("/en/accessibility/", "English"),
])
def test_the_switcher_shows_the_current_language_as_text_not_a_link(client, path, name):
    nav = switcher(soup(client.get(path)))
    current = nav.find(attrs={"aria-current": "true"})
    assert current.get_text(strip=True) == name
    assert current.name != "a"
    assert current.find_parent("a") is None
    assert name not in [link.get_text(strip=True) for link in nav.find_all("a")]


@pytest.mark.parametrize(("path", "lang", "name", "hint"), [
    ("/fr/", "en", "English", "Read this page in English"),
    ("/en/", "fr", "Français", "Lire cette page en français"),
    ("/fr/mentions-legales/", "en", "English", "Read this page in English"),
])
def test_the_switcher_links_speak_their_target_language(client, path, lang, name, hint):
    link = switcher(soup(client.get(path))).find("a")
    assert link["lang"] == lang
    assert link["hreflang"] == lang
    assert link["rel"] == ["alternate"]
    assert link.find(class_="fr-sr-only").get_text() == hint
    assert link.find(attrs={"aria-hidden": "true"}).get_text() == name


@pytest.mark.parametrize(("path", "lang", "title", "other"), PAGES)
def test_the_head_lists_each_language_version_x_default_and_the_canonical(
        app, client, path, lang, title, other):
    head = soup(client.get(path)).head
    origin = app.config["SITE_URL"].rstrip("/")
    alternates = {link["hreflang"]: link["href"]
                  for link in head.find_all("link", rel="alternate") if not link.get("type")}
    assert alternates == {lang: origin + path, OTHER[lang]: origin + other,
                          "x-default": origin + "/"}
    assert head.find("link", rel="canonical")["href"] == origin + path


@pytest.mark.parametrize("site_url", ["https://example.org", "https://example.org/"])
@pytest.mark.parametrize(("path", "other"), [
    ("/fr/", "/en/"),
    ("/en/accessibility/", "/fr/accessibilite/"),
    ("/fr/salon-du-numerique-2024/", "/en/salon-du-numerique-2024/"),
])
def test_absolute_urls_come_from_site_url_never_from_the_host_header(site_url, path, other):
    client = create_app({"TESTING": True, "SITE_URL": site_url,
                         "TRUSTED_HOSTS": ["evil.example"]}).test_client()
    response = client.get(path, headers={"Host": "evil.example"})
    head = soup(response).head
    assert head.find("link", rel="canonical")["href"] == "https://example.org" + path
    hrefs = sorted(link["href"] for link in head.find_all("link", rel="alternate")
                   if not link.get("type"))  # the language versions, not the feed
    assert hrefs == sorted(["https://example.org" + path, "https://example.org" + other,
                            "https://example.org/"])
    assert "evil.example" not in response.get_data(as_text=True)


LATIN_1 = b"\xe9\xe8\xff;q=0.9, en;q=0.5".decode("latin-1")


@pytest.mark.parametrize(("accept", "target"), [
    (None, "/fr/"),
    ("en", "/en/"),
    ("en-GB,en;q=0.9", "/en/"),
    ("de, en;q=0.5", "/en/"),
    ("de", "/fr/"),
    ("fr;q=0.1, en;q=0.9", "/en/"),
    ("q=abc,,;;", "/fr/"),
    ("en-GB, fr;q=0.9", "/en/"),
    ("fr-CH, en;q=0.9", "/fr/"),
    (LATIN_1, "/en/"),
])
def test_root_sends_each_visitor_to_their_language(trusting_client, accept, target):
    environ = {"HTTP_ACCEPT_LANGUAGE": accept} if accept is not None else {}
    response = trusting_client.get("/", environ_base=environ, headers={"Host": "evil.example"})
    assert response.status_code == 302
    assert response.headers["Location"] == target
    assert response.headers["Vary"] == "Accept-Language"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(("accept", "targets"), [
    ("de;q=0.9, " * 800 + "en", {"/fr/", "/en/"}),
    ("en, " + "x-" * 4000, {"/en/"}),
])
def test_root_parses_only_the_start_of_a_huge_accept_language_header(client, accept, targets,
                                                                      monkeypatch):
    assert len(accept) > 8000
    parsed, parse = [], i18n.parse_accept_header

    def counting_parse(value: str, cls: type) -> object:
        parsed.append(len(value))
        return parse(value, cls)

    monkeypatch.setattr(i18n, "parse_accept_header", counting_parse)
    response = client.get("/", headers={"Accept-Language": accept})
    assert parsed == [i18n.ACCEPT_LANGUAGE_LIMIT]
    assert response.status_code == 302
    assert response.headers["Location"] in targets


@pytest.mark.parametrize(("path", "target"), [
    ("/fr", "/fr/"),
    ("/en", "/en/"),
    ("/en/accessibility", "/en/accessibility/"),
    ("/fr/salon-du-numerique-2024", "/fr/salon-du-numerique-2024/"),
])
def test_a_missing_trailing_slash_redirects_to_a_relative_location(trusting_client, path,
                                                                   target):
    response = trusting_client.get(path, headers={"Host": "evil.example"})
    assert response.status_code in (301, 308)
    assert response.headers["Location"] == target


NEWS = {
    "2024-01-10-ancienne.md": post("Ancienne annonce", "Texte.", date="2024-01-10",
                                   front="chapeau-text: Chapeau ancien.\n"),
    "2024-06-01-recente.md": post("Annonce récente", "Texte.", date="2024-06-01",
                                  front="chapeau-text: Chapeau récent.\n"),
    "2024-03-15-milieu.md": post("Annonce du milieu", "Texte.", date="2024-03-15",
                                 front="chapeau-text: Chapeau du milieu.\n"),
}
NEWS_EN = {
    ("ancienne:title", "Ancienne annonce"): "Old announcement",
    ("ancienne:chapeau", "Chapeau ancien."): "Old standfirst.",
    ("ancienne:body", "Texte."): "Text.",
    ("recente:title", "Annonce récente"): "Recent announcement",
    ("recente:chapeau", "Chapeau récent."): "Recent standfirst.",
    ("recente:body", "Texte."): "Text.",
    ("milieu:title", "Annonce du milieu"): "Middle announcement",
    ("milieu:chapeau", "Chapeau du milieu."): "Middle standfirst.",
    ("milieu:body", "Texte."): "Text.",
}


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", [("Annonce récente", "/fr/recente/", "1 juin 2024", "Chapeau récent."),
            ("Annonce du milieu", "/fr/milieu/", "15 mars 2024", "Chapeau du milieu."),
            ("Ancienne annonce", "/fr/ancienne/", "10 janvier 2024", "Chapeau ancien.")]),
    ("en", [("Recent announcement", "/en/recente/", "1 June 2024", "Recent standfirst."),
            ("Middle announcement", "/en/milieu/", "15 March 2024", "Middle standfirst."),
            ("Old announcement", "/en/ancienne/", "10 January 2024", "Old standfirst.")]),
])
def test_home_lists_announcements_newest_first_with_title_date_chapeau_and_link(
        write_content, make_app, lang, expected):
    client = make_app(write_content(NEWS), NEWS_EN).test_client()
    main = soup(client.get(f"/{lang}/")).main
    summaries = main.find_all("article")
    shown = [(item.h3.get_text(strip=True), item.h3.a["href"], item.time.get_text(),
              item.find(class_="fr-card__desc").get_text(strip=True))
             for item in summaries]
    assert shown == expected
    # Under the list's heading, each summary one level down.
    assert heading_levels(main) == [1, 2, 3, 3, 3]
    for _, href, _, _ in shown:
        assert client.get(href).status_code == 200


@pytest.mark.parametrize(("lang", "label", "site_map"), [
    ("fr", "Toutes les annonces, dans le plan du site", "/fr/plan-du-site/"),
    ("en", "All announcements, in the site map", "/en/site-map/"),
])
def test_home_shows_the_twenty_newest_and_links_to_the_site_map_which_lists_them_all(
        write_content, make_app, lang, label, site_map):
    posts = {f"2024-01-{day:02d}-annonce-{day}.md": post(
        f"Annonce {day}", "Texte.", date=f"2024-01-{day:02d}", front="chapeau-text: C.\n")
        for day in range(1, 23)}
    english = {(f"annonce-{day}:{field}", text): f"{text} (en)" for day in range(1, 23)
               for field, text in (("title", f"Annonce {day}"), ("chapeau", "C."),
                                   ("body", "Texte."))}
    client = make_app(write_content(posts), english).test_client()
    main = soup(client.get(f"/{lang}/")).main
    titles = [item.h3.get_text(strip=True) for item in main.find_all("article")]
    assert [title.split(" (")[0] for title in titles] == [
        f"Annonce {day}" for day in range(22, 2, -1)]  # the 20 newest, newest first
    more = main.find("a", string=label)
    assert more["href"] == site_map
    listed = soup(client.get(site_map)).main.get_text()
    assert all(f"Annonce {day}" in listed for day in range(1, 23))


def test_home_has_no_link_to_more_when_it_shows_them_all(write_content, make_app):
    client = make_app(write_content(NEWS), NEWS_EN).test_client()
    main = soup(client.get("/fr/")).main
    assert main.find("a", string="Toutes les annonces, dans le plan du site") is None


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", {"/fr/", "/fr/salon-du-numerique-2024/", "/fr/accessibilite/",
            "/fr/mentions-legales/", "/fr/plan-du-site/"}),
    ("en", {"/en/", "/en/salon-du-numerique-2024/", "/en/accessibility/",
            "/en/legal-notice/", "/en/site-map/"}),
])
def test_the_site_map_links_every_page_of_its_language(client, lang, expected):
    sitemap = {"fr": "/fr/plan-du-site/", "en": "/en/site-map/"}[lang]
    links = {a["href"] for a in soup(client.get(sitemap)).main.find_all("a")}
    assert links == expected
    for href in links:
        assert client.get(href).status_code == 200
