"""The site's outer WSGI layer: one list of checks, then known pages answered from memory.

Every request first meets `CHECKS`, in order; the first that objects sends it to Flask, whose
hooks answer with the localized error page (405 for a method other than GET and HEAD, 413 for
a body, 400 for an untrusted Host) or, for a range, with 206/416. Nothing refused ever reaches
a view that renders a page. The 400 of an untrusted Host and the 404 of an unknown page slug
are kept from Flask's first answer (app/web/known_errors.py): junk costs a lookup.

A request that passes is a GET or HEAD of a path: its page is rendered once (by Flask, without
the query string: our pages read none), then its bytes are answered from memory below Flask's
dispatch. The cache key is the path and the negotiated content coding, nothing else: the
query string and the Host header never change what is served, nor cause a render. Strong ETag
from the content (sha256), 304 on If-None-Match, HEAD without a body, gzip (and brotli when
installed) chosen by Accept-Encoding, parsed with Werkzeug's parsers.

Only responses Flask marks as cacheable are kept: a 200 to GET or HEAD of an endpoint of
`CACHEABLE` (pages, cards, sitemap, robots.txt, feeds, calendar files, PDFs), marked with a
private header this layer always removes. `/` (negotiated), error pages, redirects and static
files are never kept, so the number of entries is bounded by the number of real pages. An
entry belongs to a generation of the site (`Site.generation`) and to a day (an event page
says whether the event is over: every entry is dropped when the day changes, in the
content's timezone); in debug mode each request first lets the site reload a changed file,
retiring older entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from flask import Flask, Response, request
from werkzeug.routing import MapAdapter

from app.site import Site
from app.web.clock import today_in
from app.web.known_errors import KnownErrors
from app.web.policy import request_host, trusted_host
from app.web.variants import Entry, choose_coding, matches

MARK = "X-Annonces-Cacheable"
CACHEABLE = frozenset({
    "site.home", "site.page", "cards.home_card", "cards.page_card", "favicon",
    "discovery.sitemap", "discovery.robots", "feeds.feed", "feeds.event_calendar",
    "pdf.document",
})
READ_METHODS = ("GET", "HEAD")  # case-sensitive, as HTTP methods are (RFC 9110 9.1)

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
Environ = dict[str, Any]
Headers = list[tuple[str, str]]


def other_method(environ: Environ, trusted: list[str]) -> bool:
    """Anything but GET and HEAD (OPTIONS, POST, a lowercase `get`): Flask answers it."""
    return environ.get("REQUEST_METHOD") not in READ_METHODS


def has_body(environ: Environ, trusted: list[str]) -> bool:
    length = environ.get("CONTENT_LENGTH")
    return bool(length and length != "0") or "HTTP_TRANSFER_ENCODING" in environ


def asks_a_range(environ: Environ, trusted: list[str]) -> bool:
    return "HTTP_RANGE" in environ


def untrusted_host(environ: Environ, trusted: list[str]) -> bool:
    return not trusted_host(request_host(environ), trusted)


# The one list of checks: a request any of them objects to goes to Flask.
CHECKS = (other_method, has_body, asks_a_range, untrusted_host)


def unmarked(headers: Headers) -> Headers:
    return [(k, v) for k, v in headers if k != MARK]


def storable(status: str, headers: Headers) -> bool:
    """A 200 that Flask marked cacheable, depends on no request header, sets no cookie."""
    if not status.startswith("200"):
        return False
    names = {k.lower(): v for k, v in headers}
    if MARK.lower() not in names or "set-cookie" in names:
        return False
    vary = {v.strip().lower() for v in names.get("vary", "").split(",") if v.strip()}
    if vary - {"accept-encoding"}:
        return False
    cache_control = names.get("cache-control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class PageCache:
    """The WSGI layer around Flask's own `wsgi_app`."""

    def __init__(self, app: WSGIApp, site: Site, trusted: list[str], *, debug: bool = False,
                 max_entries: int = 100_000, today: Callable[[], date] | None = None,
                 routes: MapAdapter | None = None):
        self.app = app
        self.site = site
        self.trusted = trusted
        self.debug = debug
        self.max_entries = max_entries  # a safety net: real pages are far fewer
        # Pages say whether an event is over: their bytes belong to a day, kept for that day.
        self.today = today
        self.day = today() if today is not None else None
        self.entries: dict[str, Entry] = {}
        self.generation = site.generation
        self._codings: dict[str, str] = {}
        self.renders = 0  # pages Flask rendered for this layer (tests and benchmarks read it)
        # In debug mode an error page lists the problems of the files saved: never kept.
        self.known_errors = None if debug else KnownErrors(site, routes)

    def __len__(self) -> int:
        return len(self.entries)

    def clear(self) -> None:
        """Forget every page and error answer (the next request of each renders it again)."""
        self.entries = {}
        if self.known_errors is not None:
            self.known_errors.answers = {}

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        refused = [check for check in CHECKS if check(environ, self.trusted)]
        if refused:
            if refused == [untrusted_host] and self.known_errors is not None:
                return self.known_errors.answer(self.known_errors.untrusted(environ, self.day),
                                                environ, start_response, self._pass)
            return self._pass(environ, start_response)
        if self.debug and self._stale():
            return self._pass(environ, start_response)
        if self.today is not None and self.today() != self.day:
            self.day = self.today()
            self.entries = {}  # a new day: every page is written again
        key = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        head = environ["REQUEST_METHOD"] == "HEAD"
        entry = self.entries.get(key)
        if entry is not None and entry.generation == self.site.generation:
            return self._serve(entry, environ, start_response, head)
        if self.known_errors is not None:
            unknown = self.known_errors.unknown_page(environ, self.day)
            if unknown is not None:
                return self.known_errors.answer(unknown, environ, start_response, self._pass)
        return self._fill(key, environ, start_response, head)

    def _stale(self) -> bool:
        """Debug mode: reload changed files; True when they are broken (Flask shows why)."""
        return any(not problem.warning for problem in self.site.refresh())

    def _coding(self, header: str | None) -> str:
        if header is None:
            return "identity"
        coding = self._codings.get(header)
        if coding is None:
            coding = choose_coding(header)
            if len(self._codings) < 256:  # a few headers in practice; never unbounded
                self._codings[header] = coding
        return coding

    def _serve(self, entry: Entry, environ: Environ, start_response: StartResponse,
               head: bool) -> Iterable[bytes]:
        variant = entry.variant(self._coding(environ.get("HTTP_ACCEPT_ENCODING")))
        condition = environ.get("HTTP_IF_NONE_MATCH")
        if condition is not None and matches(condition, variant.etag):
            start_response("304 Not Modified", list(variant.not_modified))
            return []
        start_response(entry.status, list(variant.headers))
        return [] if head else [variant.body]

    def _pass(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        """Flask answers; the private mark never leaves."""

        def strip(status: str, headers: Headers, exc_info: Any = None) -> Any:
            return start_response(status, unmarked(headers), exc_info)

        return self.app(environ, strip)

    def _render(self, environ: Environ) -> tuple[str, Headers, Any, Iterable[bytes]]:
        """Flask's GET of the path, without the query string (no page reads one)."""
        captured: list[Any] = []

        def capture(status: str, headers: Headers, exc_info: Any = None) -> Callable[[bytes], None]:
            captured[:] = [status, headers, exc_info]
            return lambda data: None  # Flask never uses write()

        body = self.app({**environ, "REQUEST_METHOD": "GET", "QUERY_STRING": ""}, capture)
        if not captured:  # an application that starts the response lazily
            body = [b"".join(body)]
        self.renders += 1
        return captured[0], captured[1], captured[2], body

    def _fill(self, key: str, environ: Environ, start_response: StartResponse,
              head: bool) -> Iterable[bytes]:
        """Let Flask render the page; keep the bytes when it says they may be kept."""
        generation = self.site.generation
        status, headers, exc_info, body = self._render(environ)
        if not storable(status, headers):  # a redirect, an error, a static file: as is
            start_response(status, unmarked(headers), exc_info)
            if head:
                _close(body)
                return []
            return body
        try:
            data = b"".join(body)
        finally:
            _close(body)
        entry = Entry(status, headers, data, generation)
        self._store(key, entry)
        return self._serve(entry, environ, start_response, head)

    def _store(self, key: str, entry: Entry) -> None:
        current = self.site.generation
        if current != self.generation:  # the site reloaded: drop every older page
            self.entries = {}
            self.generation = current
        if entry.generation == current and len(self.entries) < self.max_entries:
            self.entries[key] = entry


def _close(body: Iterable[bytes]) -> None:
    close = getattr(body, "close", None)
    if close is not None:
        close()


def marker(endpoints: frozenset[str]) -> Callable[[Response], Response]:
    """An after-request hook marking a 200 of `endpoints` for the layer (which strips it)."""

    def mark(response: Response) -> Response:
        if (response.status_code == 200 and request.endpoint in endpoints
                and request.method in READ_METHODS):
            response.headers[MARK] = "1"
        return response

    return mark


def init_app(app: Flask) -> PageCache:
    """Wrap the app's WSGI callable (call it last: it is the outermost layer)."""
    layer = PageCache(app.wsgi_app, app.extensions["site"], app.config["TRUSTED_HOSTS"],
                      debug=app.debug,
                      today=lambda: today_in(app.config["CONTENT_TIMEZONE"],
                                             app.config.get("TODAY")),
                      # Flask's own routes, bound to no host: where a path leads, as Flask sees it.
                      routes=app.url_map.bind("localhost", script_name="/"))
    app.after_request(marker(CACHEABLE))
    app.wsgi_app = layer  # type: ignore[method-assign]
    app.extensions["page_cache"] = layer
    return layer
