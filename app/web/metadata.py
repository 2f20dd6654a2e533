"""Metadata for the page head: Open Graph, Twitter cards and JSON-LD, in the page's language."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import current_app

from app.content.model import Event, instant
from app.content.places import is_online
from app.translation.local_page import LocalizedPage


def plain(fragment: str) -> str:
    """Text of an HTML fragment (a rendered chapeau), for descriptions."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def og_locale(lang: str) -> str:
    """Open Graph wants language_TERRITORY: the language's locale in settings (en_GB)."""
    locale: str = current_app.config["LOCALES"][lang]
    return locale


def language_tag(lang: str) -> str:
    """The BCP 47 tag of the language's locale (en-GB), for JSON-LD and feeds."""
    return og_locale(lang).replace("_", "-")


def iso(value: date | datetime) -> str:
    """The machine-readable form of a date, for `<time datetime>` and structured data."""
    return value.isoformat()


@dataclass(frozen=True)
class ShareImage:
    """The picture a share shows: an absolute URL, its text alternative, its size if known."""

    url: str
    alt: str
    width: int | None = None
    height: int | None = None


JSON = dict[str, Any]


def organization(publisher: str, site_url: str) -> JSON:
    return {"@type": "GovernmentOrganization", "name": publisher, "url": site_url}


def postal_address(event: Event) -> JSON | str:
    """schema.org PostalAddress from the address's parts; the text when it has none."""
    if event.postal is None:
        return event.address
    return {"@type": "PostalAddress", "streetAddress": event.postal.street,
            "postalCode": event.postal.postal_code,
            "addressLocality": event.postal.locality,
            "addressCountry": event.postal.country}


def event_item(local: LocalizedPage, url: str, image: ShareImage, publisher: JSON,
               registration: str | None) -> JSON:
    """schema.org Event with Google's required and recommended properties (docs/)."""
    page, event = local.source, local.source.event
    assert event is not None  # called for event posts only
    online = is_online(event.place, event.address)
    if online:
        location: JSON = {"@type": "VirtualLocation", "url": registration or url}
    else:
        location = {"@type": "Place", "name": local.place.value or local.title.value}
        if event.address:
            location["address"] = postal_address(event)
    item: JSON = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": local.title.value,
        "description": plain(local.chapeau_html) or local.title.value,
        "startDate": iso(event.start),
        "endDate": iso(event.end or event.start),
        "eventAttendanceMode": "https://schema.org/" + (
            "OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"),
        "eventStatus": "https://schema.org/EventScheduled",
        "location": location,
        "image": [image.url],
        "organizer": publisher,
        "inLanguage": language_tag(local.lang),
        "url": url,
    }
    if event.free or registration:
        offer: JSON = {"@type": "Offer", "url": registration or url,
                 "availability": "https://schema.org/InStock",
                       **({"validFrom": iso(page.date)} if page.date else {})}
        if event.free:
            offer.update(price=0, priceCurrency="EUR")
        item["offers"] = offer
    return item


def registration_link(local: LocalizedPage, site_url: str) -> str | None:
    """The event's registration link, absolute: the first `champs_informations` entry with a
    `lien` (the State's posts put their registration there: "Modalités: Inscription
    obligatoire et gratuite" and the ticketing link), or None."""
    for fact in local.facts:
        if fact.href.startswith(("https://", "http://")):
            return fact.href
        if fact.href.startswith("/") and not fact.href.startswith("//"):
            return site_url.rstrip("/") + fact.href
    return None


def json_ld(local: LocalizedPage, url: str, image: ShareImage, publisher: str, site_url: str,
            registration: str | None = None) -> str:
    """NewsArticle (and Event when the post has event fields) as a JSON-LD data block.

    A `<script type="application/ld+json">` block is data, never executed: the CSP needs no
    script-src for it. `<`, `>` and `&` are escaped so that no text can close the block.
    """
    page = local.source
    author = organization(publisher, site_url)
    modified = page.updated or page.date
    article: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": local.title.value,
        "description": plain(local.chapeau_html) or local.title.value,
        "image": [image.url],
        **({"datePublished": iso(page.date)} if page.date else {}),
        **({"dateModified": iso(modified)} if modified else {}),
        "inLanguage": language_tag(local.lang),
        "url": url,
        "mainEntityOfPage": url,
        "publisher": author,
        "author": author,
    }
    items = [article]
    if page.event:
        items.append(event_item(local, url, image, author, registration))
    text = json.dumps(items if len(items) > 1 else article, ensure_ascii=False,
                      separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def social(title: str, description: str, url: str, lang: str, others: list[str],
           site_name: str, image: ShareImage,
           local: LocalizedPage | None) -> list[tuple[str, str, str]]:
    """Open Graph and Twitter card tags as (attribute, name, content) triples; every URL
    absolute (share previews resolve no relative URL)."""
    tags = [
        ("property", "og:site_name", site_name),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:type", "article" if local else "website"),
        ("property", "og:url", url),
        ("property", "og:locale", og_locale(lang)),
        *(("property", "og:locale:alternate", og_locale(other)) for other in others),
        ("property", "og:image", image.url),
        ("property", "og:image:alt", image.alt),
    ]
    if image.width and image.height:
        tags += [("property", "og:image:type", "image/png"),
                 ("property", "og:image:width", str(image.width)),
                 ("property", "og:image:height", str(image.height))]
    tags += [
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image.url),
        ("name", "twitter:image:alt", image.alt),
    ]
    if local and local.source.date:
        tags.append(("property", "article:published_time", iso(local.source.date)))
        if local.source.updated:
            tags.append(("property", "article:modified_time", iso(local.source.updated)))
    return tags


def last_changed(local: LocalizedPage) -> datetime:
    """When an announcement last changed: `last_modified_at`, else its publication."""
    return instant(local.source.updated or local.source.date)
