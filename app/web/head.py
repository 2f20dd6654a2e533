"""What a page's head says about it: description, share tags and card, JSON-LD, its feed."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for

from app.site import PageKey
from app.translation.local_page import LocalizedPage
from app.web import metadata
from app.web.cards import card_url
from app.web.drawing import HEIGHT, WIDTH
from app.web.i18n import current_language, gettext
from app.web.titles import SITE_NAME, error_description, page_description, page_title
from app.web.urls import absolute


def share_image(key: PageKey, local: LocalizedPage | None) -> metadata.ShareImage:
    """An announcement's own first image (not decorative) when it has one, else its card."""
    images = [image for image in (local.images if local else ())
              if not image.image.decorative]
    if images:
        src = images[0].image.src
        return metadata.ShareImage(absolute(src) if src.startswith("/") else src,
                                   images[0].alt.value)
    title, site_name = page_title(key, local), gettext(SITE_NAME).striptags()
    alt = title if key.kind == "home" else f"{title} – {site_name}"
    return metadata.ShareImage(absolute(card_url(key, local, current_language())), alt,
                               WIDTH, HEIGHT)


def feed_link(lang: str) -> dict[str, str]:
    """The Atom feed of the page's language, for `<link rel="alternate">` and the page."""
    return {"url": url_for("feeds.feed", lang=lang), "lang": lang,
            # Translators: the news feed's name in feed readers (Atom: a format).
            "title": gettext("Fil des annonces (Atom)").striptags()}


def head_meta(key: PageKey, local: LocalizedPage | None, url: str,
              others: list[str]) -> dict[str, Any]:
    """Description, Open Graph, Twitter card and JSON-LD for a page's head."""
    site_name = gettext(SITE_NAME).striptags()
    lang = current_language()
    title, description = page_title(key, local), page_description(key, local)
    image = share_image(key, local)
    site_url = current_app.config["SITE_URL"].rstrip("/")
    publisher = current_app.config["PUBLISHER"]["name"]
    return {
        "description": description,
        "tags": metadata.social(title, description, url, lang, others, site_name, image,
                                local),
        "json_ld": (metadata.json_ld(local, url, image, publisher, site_url,
                                     metadata.registration_link(local, site_url))
                    if local else None),
    }


def error_meta(code: int) -> dict[str, Any]:
    """An error page's head: its description only (nothing to share, no canonical URL)."""
    return {"description": error_description(code), "tags": [], "json_ld": None}
