"""The localized error pages (404, 405, other refusals, 500), never an exception's text,
and the redirection of a language variant of a real page (`/FR/x/`, `/en-GB/x/`)."""

from __future__ import annotations

import re

from flask import Flask, current_app, g, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, InternalServerError

from app.problems import ProblemsFound
from app.web.current import kept, site
from app.web.i18n import current_language, negotiated_language
from app.web.policy import ALLOWED_METHODS, local_redirect
from app.web.views import render_page

# `/FR/`, `/fr-FR/`, `/en_GB/`: a language code with another case or a region.
VARIANT = re.compile(r"/([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*(/.*)?")


def canonical_variant(path: str) -> str | None:
    """For `/FR/x/` or `/en-GB/x/`, the canonical path of an existing page, else None."""
    match = VARIANT.fullmatch(path)
    if not match:
        return None
    code, rest = match.group(1).lower(), match.group(2) or "/"
    if code not in current_app.config["LANGUAGES"]:
        return None
    if rest in ("/", ""):
        return f"/{code}/"
    slug = re.fullmatch(r"/([a-z0-9]+(?:-[a-z0-9]+)*)/?", rest)
    if slug and site().resolve(code, slug.group(1)) is not None:
        return f"/{code}/{slug.group(1)}/"
    return None


def error_language(path: str) -> str:
    """An error page speaks the URL's language (even as `/EN-gb/`), else the visitor's."""
    match = VARIANT.fullmatch(path)
    if match and match.group(1).lower() in current_app.config["LANGUAGES"]:
        return match.group(1).lower()
    return negotiated_language()


ERROR_PAGES_KEPT = 64  # (code, language) pairs: a few in practice; never unbounded


def error_page(code: int) -> tuple[str, int, dict[str, str]]:
    """The error page of `code` in the current language. It shows nothing of the request, so
    it is rendered once per site generation and kept: a flood of junk URLs or hosts costs a
    lookup, not a render (a render is what a page costs; 5 % of junk traffic doubled the
    server's work). Not in debug mode, where it lists the problems of the files saved."""
    problems = g.get("problems")
    if problems:
        return render_page(None, "errors/error.html", code, code=code, problems=problems)
    body, status, headers = kept(
        "error_pages", (code, current_language()), ERROR_PAGES_KEPT,
        lambda: render_page(None, "errors/error.html", code, code=code, problems=None))
    return body, status, dict(headers)


def handle_error(error: HTTPException) -> ResponseReturnValue:
    """Localized error pages (404, 405, other refusals, 500), never the exception's text;
    a language variant of a real page is redirected."""
    if error.code == 404 and g.get("lang") is None:
        target = canonical_variant(request.path)
        if target and target != request.path:
            g.lang = target.split("/")[1]
            return local_redirect(target, 301)
    g.lang = g.get("lang") or error_language(request.path)
    code = error.code if error.code and 400 <= error.code < 500 else 500
    body, status, headers = error_page(code)
    if code == 405:
        headers["Allow"] = ", ".join(ALLOWED_METHODS)
    elif code == 416:  # the length a client needs to ask again
        headers.update((name, value) for name, value in error.get_headers()
                       if name == "Content-Range")
    return body, status, headers


def handle_exception(error: Exception) -> ResponseReturnValue:
    """An unexpected exception: logged with what it takes to debug it, shown as a plain 500.
    In debug mode, a content file or catalog saved broken shows its `path:line: message`."""
    if isinstance(error, ProblemsFound) and current_app.debug:
        g.problems = [str(problem) for problem in error.problems]  # logged by the reload
        return handle_error(InternalServerError())
    current_app.logger.exception("unhandled %s on %r (%s: %s)", request.method, request.path,
                                 type(error).__name__, error)
    return handle_error(InternalServerError())


def init_app(app: Flask) -> None:
    """Answer every refusal and every unexpected exception with a localized error page."""
    app.register_error_handler(HTTPException, handle_error)
    app.register_error_handler(Exception, handle_exception)
