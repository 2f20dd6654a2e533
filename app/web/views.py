"""Thin views: home, pages, `/` negotiation and the localized error pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, g, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, InternalServerError

from app.problems import ProblemsFound
from app.site import STATIC_PAGES, PageKey
from app.translation.local_page import human_size
from app.web import metadata
from app.web.clock import event_over
from app.web.current import site
from app.web.head import error_meta, feed_link, head_meta
from app.web.i18n import (
    N_,
    current_language,
    gettext,
    language_name,
    negotiated_language,
    source_text,
    translated_in,
)
from app.web.ical import calendar_bytes
from app.web.pdf import download
from app.web.policy import ALLOWED_METHODS, local_redirect
from app.web.typography import typeset
from app.web.urls import absolute, calendar_url, known_page_url, page_url

bp = Blueprint("site", __name__, url_prefix="/<lang:lang>")

# `/FR/`, `/fr-FR/`, `/en_GB/`: a language code with another case or a region.
VARIANT = re.compile(r"/([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*(/.*)?")
TEMPLATES = {
    "home": "pages/home.html",
    "announcement": "pages/announcement.html",
    "statement": "pages/statement.html",
    "legal": "pages/legal.html",
    "sitemap": "pages/sitemap.html",
}


@dataclass(frozen=True)
class LanguageOption:
    """One entry of the language switcher."""

    code: str
    name: str
    url: str | None  # None: this page is not available in that language
    current: bool
    hint: str | None  # "Read this page in English", in that language


@bp.url_value_preprocessor
def take_language(endpoint: str | None, values: dict[str, Any] | None) -> None:
    assert values is not None  # every route of this blueprint has a language
    g.lang = values.pop("lang")


@bp.url_defaults
def give_language(endpoint: str, values: dict[str, Any]) -> None:
    if "lang" not in values:
        values["lang"] = g.lang


def switcher(key: PageKey | None) -> list[LanguageOption]:
    """The switcher's entries: every language, linking to this very page where it exists."""
    lang = current_language()
    options = []
    for code in current_app.config["LANGUAGES"]:
        # Translators: hidden text of the switcher, in YOUR language: "Read this page in
        # English", "Diese Seite auf Deutsch lesen"; it must contain the language's name.
        hint = translated_in(code, N_("Lire cette page en français"))
        # Not translated yet: better no hint than one in the wrong language.
        url = page_url(key, code) if key else None
        options.append(LanguageOption(code, language_name(code), url, code == lang, hint))
    return options


def render_page(key: PageKey | None, template: str, status: int = 200,
                **context: Any) -> tuple[str, int, dict[str, str]]:
    """Render a page of the site with what every page shows (switcher, alternates, footer)."""
    languages = current_app.config["LANGUAGES"]
    options = switcher(key)
    site_url = current_app.config["SITE_URL"].rstrip("/")
    alternates = [(o.code, site_url + o.url) for o in options if o.url]
    if alternates:
        alternates.append(("x-default", site_url + "/"))
    own = next((o.url for o in options if o.current), None)
    links = {kind: page_url(PageKey(kind), current_language()) for kind in STATIC_PAGES}
    if own and key is not None and status == 200:
        context["meta"] = head_meta(key, context.get("page"), site_url + own,
                                    [o.code for o in options if o.url and not o.current])
    elif status >= 400:
        context["meta"] = error_meta(status)
    body = render_template(
        template,
        lang=current_language(),
        source_lang=languages[0],
        languages=options,
        alternates=alternates,
        canonical=site_url + own if own and status == 200 else None,
        accessibility={**accessibility(), "url": links["statement"]},
        links=links,
        # Translators: footer links: the legal notice, then the sitemap.
        footer_links=[(links["legal"], gettext("Mentions légales")),
                      (links["sitemap"], gettext("Plan du site"))],
        site_url=site_url,
        feed=feed_link(current_language()),
        # On an error page no other language has "this page": no note, no link.
        # Translators: in the language switcher, after a language this page is not in.
        switcher_note=gettext("page non traduite") if key else None,
        menu=[(page_url(PageKey(kind), current_language()), label, key == PageKey(kind))
              # Translators: main menu entries: the home page, then the sitemap.
              for kind, label in (("home", gettext("Accueil")),
                                  ("sitemap", gettext("Plan du site")))],
        publisher=in_source(current_app.config["PUBLISHER"], keep=("email",)),
        host=in_source(current_app.config["HOSTING"]),
        **context,
    )
    return typeset(body, current_language()), status, {"Content-Language": current_language()}


def accessibility() -> dict[str, Any]:
    """The setting, defaults filling a partial override, its level in the page language."""
    setting = current_app.config["ACCESSIBILITY"]
    labels = {
        # Translators: the site's RGAA compliance level, inserted in "Accessibilité : %(level)s"
        # and "Ce site est %(level)s avec le référentiel...".
        "totalement": gettext("totalement conforme"),
        # Translators: RGAA compliance level, as above: "partially compliant".
        "partiellement": gettext("partiellement conforme"),
        # Translators: RGAA compliance level, as above: "not compliant".
        "non": gettext("non conforme"),
    }
    days = {f"{name}_day": date.fromisoformat(setting[f"{name}_date"])
            for name in ("audit", "statement") if setting.get(f"{name}_date")}
    french = in_source(setting, ("contact_address", "non_compliant", "derogations", "audit_by"))
    return {**setting, **french, **days, "label": labels[setting["level"]]}


def in_source(setting: dict[str, Any], only: tuple[str, ...] = (), keep: tuple[str, ...] = (),
              ) -> dict[str, Any]:
    """Settings written in French (names, addresses, gaps), marked as French on a page in
    another language (RGAA 8.7): an English voice must not read "Direction interministérielle"
    with English sounds."""
    def mark(value: object) -> object:
        if isinstance(value, list):
            return [mark(item) for item in value]
        return source_text(value) if isinstance(value, str) else value
    return {name: value if name in keep or (only and name not in only) else mark(value)
            for name, value in setting.items()}


@bp.get("/")
def home() -> ResponseReturnValue:
    return render_page(PageKey("home"), TEMPLATES["home"],
                       announcements=site().listing(g.lang))


@bp.get("/<slug:slug>/")
def page(slug: str) -> ResponseReturnValue:
    found = site().resolve(g.lang, slug)
    if found is None:
        abort(404)
    key, local = found
    announcements = site().listing(g.lang) if key.kind == "sitemap" else None
    calendar = None
    pdf = download(local) if local is not None else None
    if local is not None and local.source.event is not None:
        url = absolute(known_page_url(key, g.lang))
        size = len(calendar_bytes(local, local.source.event, url))
        calendar = {"url": calendar_url(slug, g.lang), "size": human_size(size, g.lang)}
    return render_page(key, TEMPLATES[key.kind], page=local, announcements=announcements,
                       calendar=calendar, pdf=pdf,
                       event_past=event_over(local.source.event if local else None))



def root() -> Response:
    """`/`: send each visitor to their language; never cached, since it depends on them."""
    response = local_redirect(f"/{negotiated_language()}/", 302)
    response.headers["Vary"] = "Accept-Language"
    response.headers["Cache-Control"] = "private, no-store"
    return response


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
    kept = current_app.extensions.setdefault("error_pages", {})
    key = (code, current_language(), site().generation)
    found = kept.get(key)
    if found is None:
        found = render_page(None, "errors/error.html", code, code=code, problems=None)
        if len(kept) >= ERROR_PAGES_KEPT:
            kept.clear()
        kept[key] = found
    body, status, headers = found
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
    """Register the routes and the error pages."""
    app.register_blueprint(bp)
    app.add_url_rule("/", "root", root)
    app.register_error_handler(HTTPException, handle_error)
    app.register_error_handler(Exception, handle_exception)
    app.jinja_env.filters["iso"] = metadata.iso  # <time datetime>, machine-readable dates
