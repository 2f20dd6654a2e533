"""What search engines, feed readers and calendars read: sitemap, robots.txt, Atom, iCalendar."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from xml.etree import ElementTree

from feedgen.feed import FeedGenerator
from flask import Blueprint, Flask, Response, abort, current_app, g
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from app.content.model import instant
from app.site import STATIC_PAGES, PageKey
from app.translation.localize import LocalizedPage
from app.web.i18n import gettext, site
from app.web.metadata import plain
from app.web.urls import absolute, page_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ElementTree.register_namespace("", SITEMAP_NS)
ElementTree.register_namespace("xhtml", XHTML_NS)

bp = Blueprint("discovery", __name__)
by_language = Blueprint("feeds", __name__, url_prefix="/<lang:lang>")


@by_language.url_value_preprocessor
def take_language(endpoint, values) -> None:
    g.lang = values.pop("lang")


def page_keys() -> list[tuple[PageKey, date | datetime | None]]:
    """Every page of the site in source order, with the date it last changed where known."""
    pages = site().listing(current_app.config["LANGUAGES"][0])
    newest = pages[0].source.date if pages else None
    statement = current_app.config["ACCESSIBILITY"].get("statement_date")
    keys = [(PageKey("home"), newest)]
    keys += [(PageKey("announcement", page.source.slug), page.source.date) for page in pages]
    keys += [(PageKey(kind), date.fromisoformat(statement) if kind == "statement" and statement
              else None) for kind in STATIC_PAGES]
    return keys


@bp.get("/sitemap.xml")
def sitemap() -> Response:
    """Every page in every language where it exists, each with its alternates."""
    urlset = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for key, changed in page_keys():
        urls = {lang: page_url(key, lang) for lang in current_app.config["LANGUAGES"]}
        urls = {lang: absolute(path) for lang, path in urls.items() if path}
        for loc in urls.values():
            entry = ElementTree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            ElementTree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = loc
            if changed is not None:
                ElementTree.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = (
                    instant(changed).isoformat())
            for other, href in [*urls.items(), ("x-default", absolute("/"))]:
                ElementTree.SubElement(entry, f"{{{XHTML_NS}}}link", rel="alternate",
                                       hreflang=other, href=href)
    body = ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/xml")


@bp.get("/robots.txt")
def robots() -> Response:
    body = f"User-agent: *\nAllow: /\nSitemap: {absolute('/sitemap.xml')}\n"
    return Response(body, mimetype="text/plain")


@by_language.get("/feed.xml")
def feed() -> Response:
    """An Atom feed of the announcements published in this language."""
    lang, pages = g.lang, site().listing(g.lang)
    home = absolute(page_url(PageKey("home"), lang))
    generator = FeedGenerator()
    generator.id(home)
    generator.title(gettext("Annonces du numérique de l’État").unescape())
    generator.subtitle(gettext("Communiqués, actualités et événements de l’État sur le "
                                    "numérique.").unescape())
    generator.language(lang)
    generator.link(href=home, rel="alternate", type="text/html")
    generator.link(href=absolute(f"/{lang}/feed.xml"), rel="self")
    generator.updated(instant(pages[0].source.date) if pages else datetime(2024, 1, 1,
                                                                        tzinfo=UTC))
    for local in reversed(pages):  # feedgen prepends: add oldest first to list newest first
        url = absolute(page_url(PageKey("announcement", local.source.slug), lang))
        entry = generator.add_entry()
        entry.id(url)
        entry.title(local.title.value)
        entry.link(href=url, rel="alternate", type="text/html", hreflang=lang)
        entry.summary(plain(local.chapeau_html) or local.title.value)
        entry.published(instant(local.source.date))
        entry.updated(instant(local.source.date))
    return Response(generator.atom_str(pretty=True), mimetype="application/atom+xml")


def calendar_bytes(local: LocalizedPage, url: str) -> bytes:
    """The event of an announcement as RFC 5545 iCalendar, in the page's language."""
    event = local.source.event
    calendar = Calendar()
    calendar.add("prodid", "-//DINUM//Annonces du numérique//FR")
    calendar.add("version", "2.0")
    entry = CalendarEvent()
    entry.add("uid", f"{local.source.slug}@{re.sub(r'^https?://', '', absolute(''))}")
    entry.add("dtstamp", instant(local.source.date).astimezone(UTC))
    entry.add("dtstart", event.start)
    end = event.end or event.start
    # All-day events end the day after (DTEND is exclusive in RFC 5545).
    entry.add("dtend", end + timedelta(days=1) if not isinstance(end, datetime) else end)
    entry.add("summary", local.title.value)
    entry.add("description", f"{plain(local.chapeau_html)}\n\n{url}".strip())
    where = ", ".join(part for part in (local.place.value, event.address) if part)
    if event.stand:
        where = gettext("%(place)s, stand %(stand)s", place=where,
                        stand=event.stand).unescape()
    if where:
        entry.add("location", where)
    entry.add("url", url)
    calendar.add_component(entry)
    return calendar.to_ical()


@by_language.get("/<slug:slug>/<slug:name>.ics")
def event_calendar(slug: str, name: str) -> Response:
    """`/en/vivatechnology-2024/vivatechnology-2024.ics`: add the event to a calendar."""
    found = site().resolve(g.lang, slug)
    if found is None or found[1] is None or found[1].source.event is None or name != slug:
        abort(404)
    local = found[1]
    url = absolute(page_url(PageKey("announcement", slug), g.lang))
    response = Response(calendar_bytes(local, url), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return response


def init_app(app: Flask) -> None:
    """Register the sitemap, robots.txt, feeds and calendar files."""
    app.register_blueprint(bp)
    app.register_blueprint(by_language)
