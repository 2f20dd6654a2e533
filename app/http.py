"""Response headers every response carries, and redirects that never leave the site."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, g, request
from werkzeug.routing import RequestRedirect

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; "
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


def local_redirect(path: str, code: int) -> Response:
    """A redirect to a path we built ourselves: relative, so the Host header never counts."""
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"not a local path: {path!r}")
    response = Response(status=code)
    response.headers["Location"] = path
    response.autocorrect_location_header = False
    return response


def redirect_slash():
    """`/fr` -> `/fr/`: Werkzeug would build the target from the Host header; we do not."""
    error = request.routing_exception
    if isinstance(error, RequestRedirect):
        path = urlsplit(error.new_url).path
        return local_redirect(path, 301)
    return None


def add_headers(response: Response) -> Response:
    """Security headers on every response; the language and caching of pages."""
    response.headers.update(SECURITY_HEADERS)
    lang = g.get("lang")
    if lang and "Content-Language" not in response.headers:
        response.headers["Content-Language"] = lang
    if "Cache-Control" not in response.headers and response.status_code in (200, 301, 404):
        response.headers["Cache-Control"] = f"public, max-age={PAGE_MAX_AGE}"
    return response


def init_app(app: Flask) -> None:
    """Install the redirect guard and the header hook."""
    app.before_request(redirect_slash)
    app.after_request(add_headers)
