"""Share cards (`/<lang>/<slug>/card.<digest>.png`, `/<lang>/card.<digest>.png` for home) and
`/favicon.ico`, drawn once, kept by the page cache and frozen into the export.

A card's name holds the digest of what it shows (`drawing.card_digest`): a changed title
gives a new URL, so a card is cached for a year (`immutable`); an old or made-up digest is a
404. Each language has its own card, in its own words.
"""

from __future__ import annotations

import contextvars
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, abort, current_app, g, url_for
from werkzeug.routing import BaseConverter

from app.site import STATIC_PAGES, PageKey
from app.translation.local_page import LocalizedPage
from app.web import drawing
from app.web.current import site
from app.web.i18n import gettext
from app.web.titles import page_title

IMMUTABLE = "public, max-age=31536000, immutable"
KEPT_CARDS = "kept_cards"  # app.extensions key of the cards an export can read, not draw
CARD_FILE = re.compile(r"card\.([0-9a-f]{16})\.png")


class DigestConverter(BaseConverter):
    """The 16 hex digits of a card's name."""

    regex = r"[0-9a-f]{16}"


bp = Blueprint("cards", __name__, url_prefix="/<lang:lang>")


@bp.url_value_preprocessor
def take_language(endpoint: str | None, values: dict[str, Any] | None) -> None:
    assert values is not None  # every route of this blueprint has a language
    g.lang = values.pop("lang")


@dataclass(frozen=True)
class CardTexts:
    """What a card shows, in the page's language."""

    title: str
    site_name: str
    footer: str

    def digest(self) -> str:
        return drawing.card_digest((self.title, self.site_name, self.footer),
                                   static_folder())


def static_folder() -> str:
    return str(current_app.static_folder)


def card_texts(key: PageKey, local: LocalizedPage | None) -> CardTexts:
    """The card of page `key` (its title), in the current language."""
    host = urlsplit(current_app.config["SITE_URL"]).hostname or ""
    publisher = current_app.config["PUBLISHER"]["name"]
    # Translators: the site's name, drawn on the share image of every page.
    site_name = gettext("Annonces du numérique de l’État").striptags()
    return CardTexts(page_title(key, local), site_name, f"{host} · {publisher}")


def card_route(key: PageKey, local: LocalizedPage | None,
               lang: str) -> tuple[str, dict[str, Any]]:
    """(endpoint, values) of the card of page `key` in `lang` (the current language)."""
    digest = card_texts(key, local).digest()
    if key.kind == "home":
        return "cards.home_card", {"lang": lang, "digest": digest}
    slug = site().slug_in(key, lang)
    assert slug is not None  # a page of this language (it is being shown or exported)
    return "cards.page_card", {"lang": lang, "slug": slug, "digest": digest}


def card_url(key: PageKey, local: LocalizedPage | None, lang: str) -> str:
    """The path of the card of page `key` in `lang` (its digest in its name)."""
    endpoint, values = card_route(key, local, lang)
    return url_for(endpoint, **values)


def card_routes(lang: str) -> list[tuple[str, dict[str, Any]]]:
    """Every card of `lang`, for the export: built in a request of that language of its own,
    outside the caller's context (Flask-Babel remembers a request's locale)."""
    request = current_app.test_request_context(f"/{lang}/")

    def build() -> list[tuple[str, dict[str, Any]]]:
        with request:
            g.lang = lang
            keys: list[tuple[PageKey, LocalizedPage | None]] = [
                (PageKey(kind), None) for kind in ("home", *STATIC_PAGES)]
            keys += [(PageKey("announcement", local.source.slug), local)
                     for local in site().listing(lang)]
            return [card_route(key, local, lang) for key, local in keys]

    return contextvars.Context().run(build)


class KeptCards(dict[str, Path]):
    """Files of cards already drawn, by digest (an earlier export's, while exporting): a
    card's name says what it shows, so a file of that name holds its bytes."""

    used = 0

    def read(self, digest: str) -> bytes | None:
        path = self.get(digest)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:  # gone since: drawn again
            return None
        self.used += 1
        return data

    def clear(self) -> None:
        super().clear()
        self.used = 0


def card_files(folder: Path) -> dict[str, Path]:
    """digest -> file of every card in an exported `folder`."""
    return {match.group(1): path for path in folder.rglob("card.*.png")
            if (match := CARD_FILE.fullmatch(path.name))}


@lru_cache(maxsize=64)
def drawn(texts: CardTexts, static_folder: str) -> bytes:
    """The card's bytes (a few, for the export and the first requests after a start)."""
    return drawing.card(texts.title, texts.site_name, texts.footer, static_folder)


def send_card(key: PageKey, local: LocalizedPage | None, digest: str) -> Response:
    texts = card_texts(key, local)
    if texts.digest() != digest:
        abort(404)
    kept = current_app.extensions[KEPT_CARDS].read(digest)
    data = kept if kept is not None else drawn(texts, static_folder())
    response = Response(data, mimetype="image/png")
    response.headers["Cache-Control"] = IMMUTABLE
    return response


@bp.get("/card.<digest:digest>.png")
def home_card(digest: str) -> Response:
    return send_card(PageKey("home"), None, digest)


@bp.get("/<slug:slug>/card.<digest:digest>.png")
def page_card(slug: str, digest: str) -> Response:
    found = site().resolve(g.lang, slug)
    if found is None:
        abort(404)
    return send_card(found[0], found[1], digest)


@lru_cache(maxsize=1)
def favicon_bytes() -> bytes:
    return drawing.favicon()


def favicon() -> Response:
    """`/favicon.ico`: asked for by browsers and crawlers whatever the page links."""
    response = Response(favicon_bytes(), mimetype="image/x-icon")
    response.headers["Cache-Control"] = "public, max-age=300"  # as static files' plain names
    return response


def init_app(app: Flask) -> None:
    """Register the card routes and `/favicon.ico`."""
    app.url_map.converters["digest"] = DigestConverter
    app.extensions[KEPT_CARDS] = KeptCards()
    app.register_blueprint(bp)
    app.add_url_rule("/favicon.ico", "favicon", favicon)
