"""Metadata for the page head: Open Graph, Twitter cards and JSON-LD, in the page's language."""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime

from babel.core import get_global

from app.translation.localize import LocalizedPage


def plain(fragment: str) -> str:
    """Text of an HTML fragment (a rendered chapeau), for descriptions."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def og_locale(lang: str) -> str:
    """Open Graph wants language_TERRITORY: the most likely territory, from CLDR."""
    likely = get_global("likely_subtags").get(lang, lang)
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else lang


def iso(value: date | datetime) -> str:
    """The machine-readable form of a date, for `<time datetime>` and structured data."""
    return value.isoformat()


def json_ld(local: LocalizedPage, url: str, publisher: str, site_url: str) -> str:
    """NewsArticle (and Event when the post has event fields) as a JSON-LD data block.

    A `<script type="application/ld+json">` block is data, never executed: the CSP needs no
    script-src for it. `<`, `>` and `&` are escaped so that no text can close the block.
    """
    page, lang = local.source, local.lang
    organization = {"@type": "GovernmentOrganization", "name": publisher, "url": site_url}
    description = plain(local.chapeau_html)
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": local.title.value,
        "description": description,
        **({"datePublished": iso(page.date)} if page.date else {}),
        "inLanguage": lang,
        "url": url,
        "mainEntityOfPage": url,
        "publisher": organization,
        "author": organization,
    }
    images = [image for image in local.images if not image.image.decorative]
    if images:
        article["image"] = [site_url + image.image.src if image.image.src.startswith("/")
                            else image.image.src for image in images]
    items = [article]
    if page.event:
        event = page.event
        place = {"@type": "Place", "name": local.place.value or local.title.value}
        if event.address:
            place["address"] = event.address
        items.append({
            "@context": "https://schema.org",
            "@type": "Event",
            "name": local.title.value,
            "description": description,
            "startDate": iso(event.start),
            "endDate": iso(event.end or event.start),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": place,
            "organizer": organization,
            "inLanguage": lang,
            "url": url,
        })
    text = json.dumps(items if len(items) > 1 else article, ensure_ascii=False,
                      separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def social(title: str, description: str, url: str, lang: str, others: list[str],
           site_name: str, local: LocalizedPage | None) -> list[tuple[str, str, str]]:
    """Open Graph and Twitter card tags as (attribute, name, content) triples."""
    tags = [
        ("property", "og:site_name", site_name),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:type", "article" if local else "website"),
        ("property", "og:url", url),
        ("property", "og:locale", og_locale(lang)),
        *(("property", "og:locale:alternate", og_locale(other)) for other in others),
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    if local and local.source.date:
        tags.append(("property", "article:published_time", iso(local.source.date)))
        images = [image for image in local.images if not image.image.decorative]
        if images:
            tags += [("property", "og:image", images[0].image.src),
                     ("property", "og:image:alt", images[0].alt.value),
                     ("name", "twitter:image:alt", images[0].alt.value)]
    return tags
