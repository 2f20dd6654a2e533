"""Sitemap, robots.txt, Atom feeds and the calendar file, each parsed and checked against
the page it describes, in every language."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from icalendar import Calendar

from app import create_app
from app.web import ical
from tests.helpers import post, soup, spaced
from tests.web import test_sharing as sharing

SITE = "http://127.0.0.1:5000"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml",
      "a": "http://www.w3.org/2005/Atom"}
PAGES = {
    "fr": ["/fr/", "/fr/salon-du-numerique-2024/", "/fr/accessibilite/", "/fr/mentions-legales/",
           "/fr/plan-du-site/"],
    "en": ["/en/", "/en/salon-du-numerique-2024/", "/en/accessibility/", "/en/legal-notice/",
           "/en/site-map/"],
}
W3C_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z))?")


@pytest.fixture(scope="module")
def sitemap(app):
    response = app.test_client().get("/sitemap.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    return ElementTree.fromstring(response.data)


def test_the_sitemap_lists_every_page_in_every_language_once(sitemap):
    locs = [url.findtext("s:loc", namespaces=NS) for url in sitemap.findall("s:url", NS)]
    expected = [SITE + path for lang in PAGES for path in PAGES[lang]]
    assert sorted(locs) == sorted(expected)
    assert len(locs) == len(set(locs))


def test_each_sitemap_entry_names_all_its_alternates_and_x_default(sitemap, client):
    for url in sitemap.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        links = {link.get("hreflang"): link.get("href")
                 for link in url.findall("x:link", NS) if link.get("rel") == "alternate"}
        assert links["x-default"] == SITE + "/"
        assert loc in links.values()
        page = soup(client.get(loc.removeprefix(SITE)))
        head = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")
                if not link.get("type")}  # the language versions, not the feed
        assert links == head, loc


def test_sitemap_dates_come_from_the_content_in_w3c_format(sitemap):
    entries = {url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
               for url in sitemap.findall("s:url", NS)}
    assert entries[SITE + "/fr/salon-du-numerique-2024/"] == "2024-04-04T16:31:00+02:00"
    assert entries[SITE + "/en/accessibility/"].startswith("2026-11-28")
    assert all(W3C_DATETIME.fullmatch(value) for value in entries.values() if value)


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    assert f"Sitemap: {SITE}/sitemap.xml" in response.get_data(as_text=True).splitlines()


@pytest.mark.parametrize(("lang", "title"), [
    ("fr", "Salon du numérique 2024 : l’État français présent massivement en 2024"),
    ("en", "Digital Fair 2024: the French State out in force in 2024"),
])
def test_each_language_has_its_atom_feed(client, lang, title):
    response = client.get(f"/{lang}/feed.xml")
    assert response.mimetype == "application/atom+xml"
    feed = ElementTree.fromstring(response.data)
    # The language's CLDR locale (settings.toml, LOCALES), as everywhere.
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == {"fr": "fr-FR",
                                                                       "en": "en-GB"}[lang]
    entries = feed.findall("a:entry", NS)
    assert [e.findtext("a:title", namespaces=NS) for e in entries] == [title]
    entry = entries[0]
    # One id per announcement, the same in every language's feed.
    assert entry.findtext("a:id", namespaces=NS) == (
        "tag:127.0.0.1,2024-04-04:salon-du-numerique-2024")
    assert entry.find("a:link", NS).get("href") == f"{SITE}/{lang}/salon-du-numerique-2024/"
    assert entry.findtext("a:published", namespaces=NS) == "2024-04-04T16:31:00+02:00"
    page = soup(client.get(f"/{lang}/salon-du-numerique-2024/"))
    chapeau = spaced(page.find(class_="announcement__chapeau").get_text(" ", strip=True))
    assert entry.findtext("a:summary", namespaces=NS) == chapeau


def test_a_feed_lists_only_pages_published_in_its_language(write_content, make_app):
    folder = write_content({"a.md": post("Traduite", front="chapeau-text: C.\n"),
                            "b.md": post("Pas traduite", front="chapeau-text: D.\n")})
    client = make_app(folder, {("a:title", "Traduite"): "Translated",
                               ("a:chapeau", "C."): "S."}).test_client()
    titles = [e.findtext("a:title", namespaces=NS) for e in
              ElementTree.fromstring(client.get("/en/feed.xml").data).findall("a:entry", NS)]
    assert titles == ["Translated"]


@pytest.mark.parametrize(("lang", "summary", "label"), [
    ("fr", "Salon du numérique 2024 : l’État français présent massivement en 2024",
     "Ajouter l’événement à mon agenda (iCalendar, 1 ko)"),
    ("en", "Digital Fair 2024: the French State out in force in 2024",
     "Add the event to my calendar (iCalendar, 1 kB)"),
])
def test_the_event_can_be_added_to_a_calendar_in_the_page_language(before_the_event, lang,
                                                                   summary, label):
    client = before_the_event.test_client()
    page = soup(client.get(f"/{lang}/salon-du-numerique-2024/"))
    link = page.find(class_="event__calendar").a
    assert " ".join(link.get_text().split()) == label
    response = client.get(link["href"])
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    calendar = Calendar.from_ical(response.data)
    assert str(calendar["VERSION"]) == "2.0"
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == summary
    assert event.decoded("DTSTART") == date(2024, 5, 22)
    assert event.decoded("DTEND") == date(2024, 5, 26)  # exclusive: the 25th is included
    assert str(event["LOCATION"]) == ("Paris Expo Porte de Versailles, 1 place de la Porte de "
                                      "Versailles, 75015 Paris, stand J59")
    assert str(event["URL"]) == f"{SITE}/{lang}/salon-du-numerique-2024/"
    assert str(event["UID"]) == "salon-du-numerique-2024@127.0.0.1"  # one per event, any language
    assert str(calendar["PRODID"]).endswith(f"//{lang.upper()}")


def test_the_calendar_file_is_made_once_for_its_page_and_its_download(monkeypatch):
    made = []
    original = ical.make_calendar
    monkeypatch.setattr(ical, "make_calendar", lambda *args: made.append(args) or original(*args))
    client = create_app({"TESTING": True, "TODAY": "2024-05-01"}).test_client()
    link = soup(client.get("/en/salon-du-numerique-2024/")).find(class_="event__calendar").a
    size = len(client.get(link["href"]).data)
    assert len(made) == 1
    assert size > 500


@pytest.mark.parametrize(("lang", "sentence"), [
    ("fr", "Cet événement a eu lieu du 22 mai 2024 au 25 mai 2024."),
    ("en", "This event took place from 22 May 2024 to 25 May 2024."),
])
def test_a_past_event_says_so_and_drops_its_calendar_link_not_its_file(client, lang, sentence):
    page = soup(client.get(f"/{lang}/salon-du-numerique-2024/"))
    event = page.find(id="evenement").parent
    assert sentence in spaced(" ".join(event.get_text().split()))
    assert event.find("a", type="text/calendar") is None
    calendar = client.get(f"/{lang}/salon-du-numerique-2024/salon-du-numerique-2024.ics")
    assert calendar.status_code == 200  # links already shared keep working


def test_a_page_is_written_again_when_the_day_changes(app_for_day):
    app = app_for_day("2024-05-25")
    client = app.test_client()
    during = client.get("/fr/salon-du-numerique-2024/")
    assert "Ajouter l’événement" in during.get_data(as_text=True)
    app.config["TODAY"] = "2024-05-26"
    after = client.get("/fr/salon-du-numerique-2024/")
    assert "Cet événement a eu lieu" in after.get_data(as_text=True)
    assert "Ajouter l’événement" not in after.get_data(as_text=True)
    assert after.headers["ETag"] != during.headers["ETag"]


def test_a_post_without_event_has_no_calendar(write_content, make_app):
    client = make_app(write_content({"a.md": post()})).test_client()
    assert client.get("/fr/a/a.ics").status_code == 404
    assert soup(client.get("/fr/a/")).find(class_="event__calendar") is None


# RFC 4287 rules the W3C feed validator checks, on fixture content.
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")
EXAMPLE = "https://annonces.example.org"


@pytest.fixture
def feeds_site(write_content, make_app):
    folder = write_content({
        "2025-05-01-salon.md": sharing.EVENT,
        "2025-03-01-ancienne.md": post("Ancienne annonce", front="chapeau-text: Avant.\n",
                                       date="2025-03-01"),
    })
    return make_app(folder, sharing.ENGLISH, SITE_URL=EXAMPLE).test_client()


def absolute_iri(value: str | None) -> bool:
    return bool(value) and urlsplit(value).scheme in ("https", "http", "tag") and " " not in value


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_feed_follows_rfc_4287(feeds_site, lang):
    feed = ElementTree.fromstring(feeds_site.get(f"/{lang}/feed.xml").data)
    assert feed.tag == f"{ATOM}feed" and feed.get(XML_LANG) == {"fr": "fr-FR", "en": "en-GB"}[lang]
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert absolute_iri(feed.findtext(f"{ATOM}id"))
    assert RFC3339.fullmatch(feed.findtext(f"{ATOM}updated"))
    author = feed.find(f"{ATOM}author")  # 4.1.1: the feed's author covers every entry
    assert author is not None and author.findtext(f"{ATOM}name")
    links = {link.get("rel", "alternate"): link for link in feed.findall(f"{ATOM}link")}
    assert links["self"].get("href") == f"{EXAMPLE}/{lang}/feed.xml"
    assert links["alternate"].get("href") == f"{EXAMPLE}/{lang}/"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == (2 if lang == "fr" else 1)
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert absolute_iri(entry.findtext(f"{ATOM}id"))
        assert RFC3339.fullmatch(entry.findtext(f"{ATOM}updated"))
        assert entry.findtext(f"{ATOM}summary")
        alternates = [link for link in entry.findall(f"{ATOM}link")
                      if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1
    # No relative reference anywhere (there is no xml:base to resolve one).
    assert not any(element.get("{http://www.w3.org/XML/1998/namespace}base")
                   for element in feed.iter())
    for element in feed.iter(f"{ATOM}link"):
        assert urlsplit(element.get("href")).scheme == "https", element.get("href")
    assert max(e.findtext(f"{ATOM}updated") for e in entries) == feed.findtext(f"{ATOM}updated")


def test_an_entry_keeps_its_id_in_every_language_and_says_its_last_change(feeds_site):
    ids, updated = {}, {}
    for lang in ("fr", "en"):
        feed = ElementTree.fromstring(feeds_site.get(f"/{lang}/feed.xml").data)
        entry = feed.find(f"{ATOM}entry")  # the newest: the fair
        ids[lang] = entry.findtext(f"{ATOM}id")
        updated[lang] = entry.findtext(f"{ATOM}updated")
    assert ids["fr"] == ids["en"] == "tag:annonces.example.org,2025-05-01:salon"
    assert updated["fr"] == updated["en"] == "2025-05-20T12:00:00+02:00"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_links_its_languages_feed(feeds_site, lang):
    for path in (f"/{lang}/", f"/{lang}/salon/", f"/{lang}/nope/"):
        head = soup(feeds_site.get(path)).head
        feeds = head.find_all("link", rel="alternate", type="application/atom+xml")
        # Absolute, as every hreflang link must be (Lighthouse's SEO `hreflang` audit).
        assert [(link["hreflang"], link["href"]) for link in feeds] == [
            (lang, f"{EXAMPLE}/{lang}/feed.xml")], path
    visible = soup(feeds_site.get(f"/{lang}/")).find("main").find(
        "a", type="application/atom+xml")
    assert visible["href"] == f"/{lang}/feed.xml" and visible.get_text(strip=True)


def test_the_calendar_has_one_uid_per_event_a_growing_sequence_and_its_language(
        write_content, make_app):
    def calendars(front_change: str = ""):
        text = sharing.EVENT.replace("last_modified_at: 2025-05-20 12:00:00 +02:00\n",
                                     front_change)
        client = make_app(write_content({"2025-05-01-salon.md": text}), sharing.ENGLISH,
                          SITE_URL=EXAMPLE).test_client()
        return {lang: Calendar.from_ical(client.get(f"/{lang}/salon/salon.ics").data)
                for lang in ("fr", "en")}

    first = calendars()
    later = calendars("last_modified_at: 2025-05-22 08:00:00 +02:00\n")
    for lang in ("fr", "en"):
        event = first[lang].walk("VEVENT")[0]
        assert str(event["UID"]) == "salon@annonces.example.org"
        assert event["SUMMARY"].params["LANGUAGE"] == {"fr": "fr-FR", "en": "en-GB"}[lang]
        assert str(first[lang]["PRODID"]) == f"-//DINUM//Annonces du numérique//{lang.upper()}"
        assert str(event["LOCATION"]) == ("Paris Expo Porte de Versailles, 1 place de la Porte "
                                          "de Versailles, 75015 Paris, stand B12")
        assert int(later[lang].walk("VEVENT")[0]["SEQUENCE"]) > int(event["SEQUENCE"]) == 0
    assert first["fr"].walk("VEVENT")[0]["SEQUENCE"] == first["en"].walk("VEVENT")[0]["SEQUENCE"]


@pytest.fixture(scope="module")
def before_the_event():
    """The shipped site on a day before its event (2024-05-22 to 25)."""
    return create_app({"TESTING": True, "TODAY": "2024-05-01"})


@pytest.fixture
def app_for_day():
    return lambda day: create_app({"TESTING": True, "TODAY": day})
