"""Known pages served below Flask: a thin WSGI layer in the spirit of WhiteNoise.

A page is rendered once per path (the language is the path's first segment), then its bytes
are answered from memory without Flask's dispatch: strong ETag from the content (sha256),
304 on If-None-Match, HEAD without a body, gzip (and brotli when installed) chosen by
Accept-Encoding. Anything else goes to Flask.

Only responses Flask marks as cacheable are kept: a 200 to GET or HEAD of an endpoint of
`CACHEABLE` (pages, sitemap, robots.txt, feeds, calendar files, PDFs), marked with a private header
this layer always removes. Static files stay with Flask (ranges, If-Modified-Since). `/`
(negotiated), error pages and redirects are never kept, so the number of entries is bounded by
the number of real pages: a hostile URL is a 404 or a redirect and stores nothing.

What Flask checks before a view runs is never skipped: a request with a body, a Range, a query
string, or a Host header that Flask has not accepted yet goes to Flask. An entry belongs to a
generation of the site (`Site.generation`, bumped by every successful `Site.load()`) and to a
day (an event page says whether the event is over: every entry is dropped when the day
changes, in the content's timezone); in debug
mode each request first lets the site reload a changed content file or catalog, which retires
every older entry.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Iterable
from datetime import date

from flask import Flask, request

from app.site import Site
from app.web.clock import today_in

try:  # optional: without it, gzip alone
    import brotli
except ImportError:  # pragma: no cover - brotli is a dependency, but the layer does without
    brotli = None

MARK = "X-Annonces-Cacheable"
CACHEABLE = frozenset({
    "site.home", "site.page",
    "discovery.sitemap", "discovery.robots", "feeds.feed", "feeds.event_calendar",
    "pdf.document",
})
# Headers recomputed per representation, or that would be wrong when replayed later.
DROPPED = frozenset({"content-length", "etag", "vary", "content-encoding", "last-modified",
                     "expires", "date", "accept-ranges", MARK.lower()})
# What a 304 leaves out of the 200's headers (RFC 9110 15.4.5: no representation metadata
# beyond the validators and caching fields; Content-Language is kept on purpose).
NOT_IN_304 = frozenset({"content-length", "content-type", "content-encoding"})
COMPRESSIBLE = ("text/", "application/xml", "application/atom+xml", "application/json",
                "application/javascript", "image/svg+xml")
MIN_COMPRESSED_SIZE = 256  # smaller bodies gain nothing from a content coding
ACCEPT_ENCODING_LIMIT = 200  # longer headers are cut, never parsed whole
CODINGS = ("br", "gzip") if brotli is not None else ("gzip",)

StartResponse = Callable[..., object]


class Variant:
    """One representation of a page: its bytes and the headers of its 200 and 304."""

    __slots__ = ("body", "etag", "headers", "not_modified")

    def __init__(self, body: bytes, etag: str, headers: list[tuple[str, str]]):
        self.body = body
        self.etag = etag
        self.headers = headers
        self.not_modified = [(k, v) for k, v in headers if k.lower() not in NOT_IN_304]


class Entry:
    """A page's bytes, identity first, compressed on the first request that accepts it."""

    __slots__ = ("compressible", "digest", "generation", "headers", "status", "variants")

    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes,
                 generation: int):
        self.status = status
        self.generation = generation
        self.headers = [(k, v) for k, v in headers if k.lower() not in DROPPED]
        content_type = next((v for k, v in self.headers if k.lower() == "content-type"), "")
        self.compressible = (content_type.startswith(COMPRESSIBLE)
                             and len(body) >= MIN_COMPRESSED_SIZE)
        self.digest = hashlib.sha256(body).hexdigest()
        self.variants = {"identity": self._variant(body, "identity", f'"{self.digest}"')}

    def _variant(self, body: bytes, coding: str, etag: str) -> Variant:
        headers = [*self.headers, ("Vary", "Accept-Encoding"), ("ETag", etag)]
        if coding != "identity":
            headers.append(("Content-Encoding", coding))
        headers.append(("Content-Length", str(len(body))))
        return Variant(body, etag, headers)

    def variant(self, coding: str) -> Variant:
        """The representation in `coding`; identity when compressing does not pay."""
        found = self.variants.get(coding)
        if found is None:
            identity = self.variants["identity"]
            found = identity
            if self.compressible:
                body = compress(identity.body, coding)
                if len(body) < len(identity.body):
                    # Another representation, another strong validator (RFC 9110 8.8.3).
                    found = self._variant(body, coding, f'"{self.digest}-{coding}"')
            self.variants[coding] = found  # a race compresses twice, harmlessly
        return found


def compress(body: bytes, coding: str) -> bytes:
    """Deterministic bytes: the same on every worker and after a restart."""
    if coding == "br":
        return brotli.compress(body, quality=11)
    return gzip.compress(body, compresslevel=9, mtime=0)


def accepted(header: str) -> dict[str, float]:
    """Accept-Encoding as {coding: q}; a malformed q-value makes its coding unacceptable."""
    found: dict[str, float] = {}
    for item in header[:ACCEPT_ENCODING_LIMIT].split(","):
        name, _, parameters = item.partition(";")
        name = name.strip().lower()
        if not name:
            continue
        quality = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        found["gzip" if name == "x-gzip" else name] = quality
    return found


def choose_coding(header: str | None, codings: tuple[str, ...] = CODINGS) -> str:
    """The content coding to send: the best-rated one we have, brotli before gzip on a tie;
    identity when none is acceptable, or when identity is explicitly rated higher."""
    if not header:  # absent: no preference; empty: the client wants no coding
        return "identity"
    ratings = accepted(header)
    anything = ratings.get("*")
    best, best_q = "identity", 0.0
    for coding in codings:
        quality = ratings.get(coding, anything if anything is not None else 0.0)
        if quality > best_q:
            best, best_q = coding, quality
    if best != "identity" and ratings.get("identity", 0.0) > best_q:
        return "identity"
    return best


def matches(if_none_match: str, etag: str) -> bool:
    """If-None-Match against our tag, with the weak comparison RFC 9110 asks for."""
    if if_none_match.strip() == "*":
        return True
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag == etag:
            return True
    return False


def storable(status: str, headers: list[tuple[str, str]]) -> bool:
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


def unmarked(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in headers if k != MARK]


class PageCache:
    """The WSGI layer around `app.wsgi_app`."""

    def __init__(self, app: Callable, site: Site, *, debug: bool = False,
                 max_entries: int = 100_000, today: Callable[[], date] | None = None):
        self.app = app
        # Pages say whether an event is over: their bytes belong to a day, kept for that day.
        self.today = today
        self.day = today() if today is not None else None
        self.site = site
        self.debug = debug
        self.max_entries = max_entries  # a safety net: real pages are far fewer
        self.entries: dict[str, Entry] = {}
        self.generation = site.generation
        self._codings: dict[str, str] = {}
        # Host headers Flask answered a page to (TRUSTED_HOSTS): a page is served from memory
        # only to those; any other Host goes to Flask, which refuses it or adds it here.
        self.hosts: set[str] = set()

    def __len__(self) -> int:
        return len(self.entries)

    def clear(self) -> None:
        """Forget every page (the next request of each renders it again)."""
        self.entries = {}

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        if ((method == "GET" or method == "HEAD") and not environ.get("QUERY_STRING")
                and not environ.get("HTTP_RANGE") and not _has_body(environ)):
            if self.debug and self._stale():
                return self._pass(environ, start_response)
            if self.today is not None and self.today() != self.day:
                self.day = self.today()
                self.entries = {}  # a new day: every page is written again
            key = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
            entry = self.entries.get(key)
            if (entry is not None and entry.generation == self.site.generation
                    and environ.get("HTTP_HOST") in self.hosts):
                return self._serve(entry, environ, start_response, method == "HEAD")
            return self._fill(key, environ, start_response, method == "HEAD")
        return self._pass(environ, start_response)

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

    def _serve(self, entry: Entry, environ: dict, start_response: StartResponse,
               head: bool) -> Iterable[bytes]:
        variant = entry.variant(self._coding(environ.get("HTTP_ACCEPT_ENCODING")))
        condition = environ.get("HTTP_IF_NONE_MATCH")
        if condition is not None and matches(condition, variant.etag):
            start_response("304 Not Modified", list(variant.not_modified))
            return []
        start_response(entry.status, list(variant.headers))
        return [] if head else [variant.body]

    def _pass(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        """Flask answers; the private mark never leaves."""

        def strip(status, headers, exc_info=None):
            return start_response(status, unmarked(headers), exc_info)

        return self.app(environ, strip)

    def _fill(self, key: str, environ: dict, start_response: StartResponse,
              head: bool) -> Iterable[bytes]:
        """Let Flask answer; keep the bytes when it says they may be kept."""
        generation = self.site.generation
        captured: list = []

        def capture(status, headers, exc_info=None):
            captured[:] = [status, headers, exc_info]
            return lambda data: None  # Flask never uses write()

        body = self.app(environ, capture)
        if not captured:  # an application that starts the response lazily
            body = [b"".join(body)]
        status, headers, exc_info = captured
        if not storable(status, headers):
            start_response(status, unmarked(headers), exc_info)
            return body
        if head:  # a HEAD has no body to keep: ask for the page itself, once
            _close(body)
            captured.clear()
            body = self.app({**environ, "REQUEST_METHOD": "GET"}, capture)
            if not captured:
                body = [b"".join(body)]
            status, headers, exc_info = captured
            if not storable(status, headers):
                _close(body)
                start_response(status, unmarked(headers), exc_info)
                return []
        try:
            data = b"".join(body)
        finally:
            _close(body)
        entry = Entry(status, headers, data, generation)
        self._store(key, entry, environ.get("HTTP_HOST"))
        return self._serve(entry, environ, start_response, head)

    def _store(self, key: str, entry: Entry, host: str | None) -> None:
        if host is not None and len(self.hosts) < 64:  # a few spellings; never unbounded
            self.hosts.add(host)
        current = self.site.generation
        if current != self.generation:  # the site reloaded: drop every older page
            self.entries = {}
            self.generation = current
        if entry.generation == current and len(self.entries) < self.max_entries:
            self.entries[key] = entry


def _has_body(environ: dict) -> bool:
    length = environ.get("CONTENT_LENGTH")
    return bool(length and length != "0") or "HTTP_TRANSFER_ENCODING" in environ


def _close(body: Iterable[bytes]) -> None:
    close = getattr(body, "close", None)
    if close is not None:
        close()


def marker(endpoints: frozenset[str]) -> Callable:
    """An after-request hook marking a 200 of `endpoints` for the layer (which strips it)."""

    def mark(response):
        if (response.status_code == 200 and request.endpoint in endpoints
                and request.method in ("GET", "HEAD")):
            response.headers[MARK] = "1"
        return response

    return mark


def init_app(app: Flask) -> PageCache:
    """Wrap the app's WSGI callable (call it last: it serves below everything else)."""
    layer = PageCache(app.wsgi_app, app.extensions["site"], debug=app.debug,
                      today=lambda: today_in(app.config["CONTENT_TIMEZONE"],
                                             app.config.get("TODAY")))
    app.after_request(marker(CACHEABLE))
    app.wsgi_app = layer
    app.extensions["page_cache"] = layer
    return layer
