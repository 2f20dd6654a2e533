"""Frozen-Flask, set up for the export: every URL of the site, each request in a context
of its own.

Frozen-Flask builds every URL while its own request context is active, so each test-client
request would share one application context: `g.lang` (and Flask-Babel's remembered locale)
would leak from one page into the next. While freezing, the app's WSGI callable runs each
request in an empty `contextvars` context, exactly as a server would run it.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from flask import Flask, current_app

from app.site import STATIC_PAGES, PageKey
from app.web.assets import static_folder
from app.web.cards import card_routes
from app.web.current import site
from app.web.pdf import file_name

if TYPE_CHECKING:
    from flask_frozen import Freezer

P = ParamSpec("P")
T = TypeVar("T")


def page_urls() -> Iterator[tuple[str, dict[str, Any]]]:
    """(endpoint, values) of every page, feed, calendar file and PDF in every language, and the
    fingerprinted names of the static files (Frozen-Flask adds their plain names)."""
    yield "discovery.sitemap", {}
    yield "discovery.robots", {}
    yield "favicon", {}
    assets, folder = current_app.extensions["assets"], Path(static_folder(current_app))
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield "static", {"filename": assets.url_name(path.relative_to(folder).as_posix())}
    for name in sorted(assets.built):  # the stylesheet, built from the folder's files
        yield "static", {"filename": name}
        yield "static", {"filename": assets.url_name(name)}
    for lang in current_app.config["LANGUAGES"]:
        yield "site.home", {"lang": lang}
        for kind in STATIC_PAGES:
            yield "site.page", {"lang": lang, "slug": site().slug_in(PageKey(kind), lang)}
        for local in site().listing(lang):
            slug = local.source.slug
            yield "site.page", {"lang": lang, "slug": slug}
            # Right after its page, which made it (for its size) and keeps it for a while.
            yield "pdf.document", {"lang": lang, "slug": slug, "name": file_name(slug, lang)}
            if local.source.event is not None:
                yield "feeds.event_calendar", {"lang": lang, "slug": slug, "name": slug}
        yield "feeds.feed", {"lang": lang}
    for lang in current_app.config["LANGUAGES"]:  # share cards: built in a request of their own
        yield from card_routes(lang)


def isolated(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run `function` with no Flask context active, as a server runs each request."""
    return contextvars.Context().run(function, *args, **kwargs)


def one_context_per_request(wsgi_app: WSGIApplication) -> WSGIApplication:
    """The WSGI layer that runs each request in an empty `contextvars` context."""

    def isolated_app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        return isolated(wsgi_app, environ, start_response)

    return isolated_app


def make_freezer(app: Flask, destination: Path) -> Freezer:
    from flask_frozen import Freezer  # imported here: only the export needs it

    app.config.update(
        FREEZER_DESTINATION=str(destination),
        FREEZER_REMOVE_EXTRA_FILES=False,  # the folder is emptied first (see `prepare`)
        FREEZER_REDIRECT_POLICY="error",  # a page linking to a redirect is a bug
        FREEZER_IGNORE_MIMETYPE_WARNINGS=True,  # feed.xml is Atom, .xml guesses plain XML
        FREEZER_IGNORE_404_NOT_FOUND=False,
    )
    # No URL logging: Frozen-Flask would replay the logged url_for() calls outside the page's
    # request, without the language the page's URL defaults add. `page_urls` lists them all
    # (tests/export/test_freeze.py checks that every link of the export resolves).
    freezer = Freezer(app, with_static_files=True, with_no_argument_rules=False, log_url_for=False)
    freezer.register_generator(page_urls)
    return freezer
