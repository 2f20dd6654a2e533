"""Error answers known before Flask is asked: the 400 of an untrusted Host and the 404 of a
page slug the site does not know, kept from Flask's first such answer.

Junk traffic (unknown paths, junk hosts) never repeats a URL, so no per-URL cache helps; yet
these answers show nothing of the request: Flask's error page depends only on its status, its
language and the method. Through Flask's whole dispatch such a request cost 20 to 30 times a
kept page (350-520 us against 12-19 us in one process; under granian, 3 % of junk in a
shared link's traffic took more server time than the 95 % of page hits), so the layer keeps
each answer under the key of what it depends on:

- an untrusted Host (a GET or HEAD that no other check refuses): the path's first segment
  (the error page speaks the URL's language, even as `/EN-gb/`, else the visitor's) and
  Accept-Language;
- a path Flask's own URL map routes to the announcement view (`/<lang>/<slug>/`) whose slug
  the site does not resolve: the language.

Keys hold the site's generation and day; the store is bounded (cleared when full).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.exceptions import HTTPException
from werkzeug.routing import MapAdapter

from app.site import Site

LIMIT = 256  # keys: a few in practice (languages x methods); never unbounded
PAGE_ENDPOINT = "site.page"  # views.page: answers 404 when the site resolves no such slug

Environ = dict[str, Any]
Key = tuple[Any, ...]


class Answer:
    """A kept error answer: what start_response got, and the body."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes):
        self.status, self.headers, self.body = status, headers, body


class KnownErrors:
    """The kept answers, and the keys of the requests they answer."""

    def __init__(self, site: Site, adapter: MapAdapter | None, limit: int = LIMIT):
        self.site = site
        self.adapter = adapter  # Flask's URL map, to route a path as Flask will
        self.limit = limit
        self.answers: dict[Key, Answer] = {}

    def untrusted(self, environ: Environ, day: Any) -> Key:
        """The key of a GET or HEAD whose only fault is its Host."""
        segment = environ.get("PATH_INFO", "").split("/")[1:2]
        return ("400", environ["REQUEST_METHOD"], tuple(segment),
                environ.get("HTTP_ACCEPT_LANGUAGE"), self.site.generation, day)

    def unknown_page(self, environ: Environ, day: Any) -> Key | None:
        """The key of a page address whose slug the site does not know, else None."""
        if self.adapter is None:
            return None
        try:
            endpoint, values = self.adapter.match(environ.get("PATH_INFO", ""), method="GET")
        except HTTPException:  # no route, or a redirect: Flask decides
            return None
        if endpoint != PAGE_ENDPOINT:
            return None
        try:
            if self.site.resolve(values["lang"], values["slug"]) is not None:
                return None
        except Exception:  # Flask asks again, and answers with its 500 page
            return None
        return ("404", environ["REQUEST_METHOD"], values["lang"], self.site.generation, day)

    def answer(self, key: Key, environ: Environ, start_response: Callable[..., Any],
               flask: Callable[..., Any]) -> list[bytes]:
        """The kept answer of `key`, or Flask's (kept when its status is the expected one)."""
        found = self.answers.get(key)
        if found is None:
            captured: list[Any] = []

            def capture(status: str, headers: list[tuple[str, str]],
                        exc_info: Any = None) -> Callable[[bytes], None]:
                captured[:] = [status, headers]
                return lambda data: None  # Flask never uses write()

            body = flask(environ, capture)
            try:
                data = b"".join(body)
            finally:
                close = getattr(body, "close", None)
                if close is not None:
                    close()
            found = Answer(captured[0], captured[1], data)
            if found.status.startswith(key[0]):
                if len(self.answers) >= self.limit:
                    self.answers = {}
                self.answers[key] = found
        start_response(found.status, list(found.headers))
        return [found.body]
