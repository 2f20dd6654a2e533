"""What search engines, feed readers and calendars read: sitemap, robots.txt, Atom, iCalendar."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

from feedgen.feed import FeedGenerator
from flask import Blueprint, Flask, Response, abort, current_app, g, url_for

from app.content.model import instant
from app.site import STATIC_PAGES, PageKey
from app.translation.local_page import LocalizedPage
from app.web.current import site
from app.web.i18n import gettext
from app.web.ical import calendar_bytes
from app.web.metadata import language_tag, last_changed, plain
from app.web.urls import absolute, known_page_url, page_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ElementTree.register_namespace("xhtml", XHTML_NS)

bp = Blueprint("discovery", __name__)
by_language = Blueprint("feeds", __name__, url_prefix="/<lang:lang>")


@by_language.url_value_preprocessor
def take_language(endpoint: str | None, values: dict[str, Any] | None) -> None:
    assert values is not None  # every route of this blueprint has a language
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
        paths = {lang: page_url(key, lang) for lang in current_app.config["LANGUAGES"]}
        urls = {lang: absolute(path) for lang, path in paths.items() if path}
        for loc in urls.values():
            entry = ElementTree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            ElementTree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = loc
            if changed is not None:
                ElementTree.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = (
                    instant(changed).isoformat())
            for other, href in [*urls.items(), ("x-default", absolute("/"))]:
                ElementTree.SubElement(entry, f"{{{XHTML_NS}}}link", rel="alternate",
                                       hreflang=other, href=href)
    # ElementTree's prefixes are global and WeasyPrint's import takes the empty one for
    # itself: claim it again for each sitemap (`default_namespace=` refuses the plain
    # attribute names of xhtml:link).
    ElementTree.register_namespace("", SITEMAP_NS)
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
    home = absolute(known_page_url(PageKey("home"), lang))
    generator = FeedGenerator()
    generator.id(absolute(url_for("feeds.feed", lang=lang)))
    # Translators: the name of the Atom feed in feed readers: the site's name.
    generator.title(gettext("Annonces du numérique de l’État").striptags())
    # Translators: the description of the Atom feed in feed readers.
    generator.subtitle(gettext("Communiqués, actualités et événements de l’État sur le "
                                    "numérique.").striptags())
    generator.language(language_tag(lang))  # xml:lang on the feed
    # RFC 4287 4.1.1: an author for the feed, which its entries inherit.
    generator.author({"name": current_app.config["PUBLISHER"]["name"],
                      "uri": absolute("/")})
    generator.link(href=home, rel="alternate", type="text/html", hreflang=lang)
    generator.link(href=absolute(url_for("feeds.feed", lang=lang)), rel="self",
                   type="application/atom+xml")
    changes = [last_changed(local) for local in pages]
    generator.updated(max(changes) if changes else instant(date(2024, 1, 1)))
    for local in reversed(pages):  # feedgen prepends: add oldest first to list newest first
        url = absolute(known_page_url(PageKey("announcement", local.source.slug), lang))
        entry = generator.add_entry()
        entry.id(entry_id(local))
        entry.title(local.title.value)
        entry.link(href=url, rel="alternate", type="text/html", hreflang=lang)
        entry.summary(plain(local.chapeau_html) or local.title.value)
        entry.published(instant(local.source.date))
        entry.updated(last_changed(local))
    return Response(generator.atom_str(pretty=True), mimetype="application/atom+xml")


def entry_id(local: LocalizedPage) -> str:
    """A tag URI (RFC 4151) naming the announcement, the same in every language's feed and
    whatever its URL becomes: `tag:example.org,2024-04-04:vivatechnology-2024`."""
    host = urlsplit(current_app.config["SITE_URL"]).hostname
    return f"tag:{host},{instant(local.source.date).date().isoformat()}:{local.source.slug}"


@by_language.get("/<slug:slug>/<slug:name>.ics")
def event_calendar(slug: str, name: str) -> Response:
    """`/en/vivatechnology-2024/vivatechnology-2024.ics`: add the event to a calendar."""
    found = site().resolve(g.lang, slug)
    local = found[1] if found is not None else None
    event = local.source.event if local is not None else None
    if local is None or event is None or name != slug:
        abort(404)
    url = absolute(known_page_url(PageKey("announcement", slug), g.lang))
    response = Response(calendar_bytes(local, event, url), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return response


def init_app(app: Flask) -> None:
    """Register the sitemap, robots.txt, feeds and calendar files."""
    app.register_blueprint(bp)
    app.register_blueprint(by_language)
