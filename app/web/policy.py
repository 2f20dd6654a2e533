"""What a request may be (host, method, body, static name), the headers every response carries,
and redirects that never leave the site.

The app never sends `Server` nor `Set-Cookie`. Werkzeug's development server adds
`Server: Werkzeug/x Python/y` itself, out of the app's reach: production runs another server
that sends no version (granian sends `server: granian`; nginx in front, `server_tokens off`).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit
from wsgiref.types import WSGIEnvironment

from flask import Flask, Request, Response, abort, current_app, g, request, url_for
from werkzeug.datastructures import Headers
from werkzeug.exceptions import (
    BadRequest,
    MethodNotAllowed,
    RequestEntityTooLarge,
    SecurityError,
)
from werkzeug.routing import MapAdapter, RequestRedirect

from app.web.compiled_templates import COMPILED

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        # Lighthouse (SEO audit) fetches /robots.txt from the page: same origin only.
        "connect-src 'self'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
PAGE_MAX_AGE = 300
# What is written in a language (Content-Language): pages and their PDF, nothing else.
DOCUMENTS = ("text/html", "application/pdf")
# A read-only site: every other method is a 405, whatever the path.
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
# Static file names: words and dots, never a segment that starts with a dot (so no `..`).
# A Host header: a name or an IPv6 address in brackets, then maybe a port.
HOST = re.compile(r"(?P<name>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(?P<port>[0-9]{1,5}))?")
STATIC_NAME = re.compile(r"(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*/)*"
                         r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")


class SiteResponse(Response):
    """Werkzeug drops Content-Language from a 304 (an "entity header" of RFC 2616); RFC 9110
    lets it stay, and every response of this site says its language."""

    def get_wsgi_headers(self, environ: WSGIEnvironment) -> Headers:
        headers = super().get_wsgi_headers(environ)
        if self.status_code == 304 and "Content-Language" in self.headers:
            headers["Content-Language"] = self.headers["Content-Language"]
        return headers


def local_redirect(path: str, code: int) -> Response:
    """A redirect to a path we built ourselves: relative, so the Host header never counts."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        raise ValueError(f"not a local path: {path!r}")
    response = Response(status=code)
    response.headers["Location"] = path
    response.autocorrect_location_header = False
    return response


def trusted_host(header: str, trusted: list[str]) -> bool:
    """Whether a Host header names one of `trusted`, compared without its port: an entry
    with a port (`example.org:8443`) admits that port only; a leading dot admits subdomains.
    (Werkzeug's own check ignores every port; the page cache and Flask both ask this one.)"""
    found = HOST.fullmatch(header)
    if found is None or (found["port"] is not None and int(found["port"]) > 65535):
        return False
    name, port = found["name"].lower().rstrip("."), found["port"]
    for entry in trusted:
        allowed = HOST.fullmatch(entry.lstrip("."))
        if allowed is None or (allowed["port"] is not None and allowed["port"] != port):
            continue
        wanted = allowed["name"].lower().rstrip(".")
        if name == wanted or (entry.startswith(".") and name.endswith("." + wanted)):
            return True
    return False


def request_host(environ: WSGIEnvironment) -> str:
    """The Host a request names, as Werkzeug reads it: the header when sent (even empty),
    else the server's name and port (an HTTP/1.0 request)."""
    if "HTTP_HOST" in environ:
        return str(environ["HTTP_HOST"])
    name, port = environ.get("SERVER_NAME", ""), environ.get("SERVER_PORT", "")
    return name if port in ("", "80", "443") else f"{name}:{port}"


class SiteFlask(Flask):
    """Flask, with this site's response class and a URL adapter even for an untrusted Host."""

    response_class = SiteResponse

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read when the Jinja environment is made, on first use: templates compiled once.
        self.jinja_options = {**self.jinja_options, "bytecode_cache": COMPILED}

    def create_url_adapter(self, request: Request | None) -> MapAdapter | None:
        """An untrusted Host header (TRUSTED_HOSTS) leaves Flask without URL adapter: bind one
        to SITE_URL instead, so that the 400 page (`refuse_untrusted_host`) can still link
        home (links are paths: the host never shows)."""
        try:
            return super().create_url_adapter(request)
        except SecurityError as error:
            assert request is not None  # only a request's Host can be refused
            request.routing_exception = error
            site = urlsplit(self.config["SITE_URL"])
            return self.url_map.bind(site.netloc, script_name=request.root_path or "/",
                                     url_scheme=site.scheme)


def refuse_untrusted_host() -> None:
    """An untrusted Host header (TRUSTED_HOSTS) is a 400 before anything else; with a port,
    only a port the setting names (Werkzeug compares names only)."""
    if isinstance(request.routing_exception, SecurityError):
        raise request.routing_exception
    if not trusted_host(request_host(request.environ), current_app.config["TRUSTED_HOSTS"]):
        raise BadRequest()


def refuse_body() -> None:
    """A body larger than MAX_CONTENT_LENGTH, or of unknown length, is refused unread."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if "Transfer-Encoding" in request.headers or (
            limit is not None and (request.content_length or 0) > limit):
        raise RequestEntityTooLarge()


def refuse_methods() -> None:
    """GET, HEAD and OPTIONS only, on every path (before routing can answer otherwise).
    Methods are case-sensitive (RFC 9110 9.1): Werkzeug upper-cases them, so a `get` would
    reach the view; the method as received is what counts."""
    if request.environ.get("REQUEST_METHOD") not in ALLOWED_METHODS:
        raise MethodNotAllowed(valid_methods=list(ALLOWED_METHODS))


def refuse_static_names() -> None:
    """Only plain file names reach the static folder."""
    if request.endpoint == "static" and not STATIC_NAME.fullmatch(
            (request.view_args or {}).get("filename", "")):
        abort(404)


def redirect_to_canonical_path() -> Response | None:
    """`/fr` -> `/fr/`, `/fr//` and `//fr/` -> `/fr/`: Werkzeug would build the target from
    the Host header; we build it from the route that matched."""
    error = request.routing_exception
    if isinstance(error, RequestRedirect):
        target = "/" + urlsplit(error.new_url).path.lstrip("/")
        if target.split("/")[1] in current_app.config["LANGUAGES"]:
            g.lang = target.split("/")[1]
        return local_redirect(target, 301)
    # request.path drops the extra leading slashes that routing ignored: look at the raw one.
    if request.url_rule is not None and request.endpoint is not None and request.environ.get(
            "PATH_INFO", "").startswith("//"):
        values = dict(request.view_args or {})
        if "lang" in request.url_rule.arguments:
            values["lang"] = g.lang
        return local_redirect(url_for(request.endpoint, **values), 301)
    return None


def add_headers(response: Response) -> Response:
    """Security headers on every response; its language when it is a page (HTML: pages,
    error pages, redirects; the PDF of a page), never on a stylesheet, an image, a sitemap or
    a feed (whose entries say their language in xml:lang); the caching of pages."""
    response.headers.update(SECURITY_HEADERS)
    # The site sets neither; a server version helps attackers, a cookie would track visitors.
    response.headers.remove("Server")
    response.headers.remove("Set-Cookie")
    if "Content-Language" not in response.headers and response.mimetype in DOCUMENTS:
        response.headers["Content-Language"] = g.get("lang") or current_app.config["LANGUAGES"][0]
    if g.get("negotiated"):
        response.vary.add("Accept-Language")
    if "Allow" in response.headers or response.status_code == 405:
        response.headers["Allow"] = ", ".join(ALLOWED_METHODS)
    if "Cache-Control" not in response.headers:
        # A CDN may keep what every visitor gets alike; never an error, which may be one
        # visitor's (a 400 for their Host, a 404 while a page is being published).
        if response.status_code in (200, 301):
            response.headers["Cache-Control"] = f"public, max-age={PAGE_MAX_AGE}"
        elif response.status_code >= 400:
            response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Install the request guards (first, before any other hook) and the header hook."""
    guards = [refuse_untrusted_host, refuse_body, refuse_methods, refuse_static_names,
              redirect_to_canonical_path]
    hooks = app.before_request_funcs.setdefault(None, [])
    hooks[:0] = guards
    app.after_request(add_headers)
