"""One place builds every URL of a page, in any language (the site's address book)."""

from __future__ import annotations

from flask import current_app, url_for

from app.site import PageKey
from app.web.current import site


def page_url(key: PageKey, lang: str) -> str | None:
    """The path of page `key` in `lang`, or None where it is not available."""
    slug = site().slug_in(key, lang)
    if slug is None:
        return None
    if key.kind == "home":
        return url_for("site.home", lang=lang)
    return url_for("site.page", lang=lang, slug=slug)


def known_page_url(key: PageKey, lang: str) -> str:
    """The path of a page known to exist in `lang` (listed or resolved there just before)."""
    path = page_url(key, lang)
    if path is None:
        raise LookupError(f"{key} has no address in {lang}")
    return path


def absolute(path: str) -> str:
    """An absolute URL from SITE_URL, never from the Host header."""
    origin: str = current_app.config["SITE_URL"]
    return origin.rstrip("/") + path


def calendar_url(slug: str, lang: str) -> str:
    """The .ics file of an event announcement."""
    return url_for("feeds.event_calendar", lang=lang, slug=slug, name=slug)
