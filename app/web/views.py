"""Thin views: home, pages, `/` negotiation and the localized error pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask import Blueprint, Flask, abort, current_app, g, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from app.site import STATIC_PAGES, PageKey
from app.translation.localize import human_size
from app.web import metadata
from app.web.discovery import calendar_bytes
from app.web.i18n import current_language, gettext, language_name, negotiated_language, site
from app.web.policy import ALLOWED_METHODS, local_redirect
from app.web.urls import absolute, calendar_url, page_url

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
def take_language(endpoint, values) -> None:
    g.lang = values.pop("lang")


@bp.url_defaults
def give_language(endpoint, values) -> None:
    if "lang" not in values:
        values["lang"] = g.lang


def switcher(key: PageKey | None) -> list[LanguageOption]:
    """The switcher's entries: every language, linking to this very page where it exists."""
    lang, source = current_language(), current_app.config["LANGUAGES"][0]
    options = []
    for code in current_app.config["LANGUAGES"]:
        # Translators: hidden text of the switcher, in YOUR language: "Read this page in
        # English", "Diese Seite auf Deutsch lesen"; it must contain the language's name.
        hint = site().ui(code).gettext("Lire cette page en français")
        if code != source and hint == "Lire cette page en français":
            hint = None  # not translated yet: better no hint than one in the wrong language
        url = page_url(key, code) if key else None
        options.append(LanguageOption(code, language_name(code), url, code == lang, hint))
    return options


def render_page(key: PageKey | None, template: str, status: int = 200, **context):
    """Render a page of the site with what every page shows (switcher, alternates, footer)."""
    languages = current_app.config["LANGUAGES"]
    options = switcher(key)
    site_url = current_app.config["SITE_URL"].rstrip("/")
    alternates = [(o.code, site_url + o.url) for o in options if o.url]
    if alternates:
        alternates.append(("x-default", site_url + "/"))
    own = next((o.url for o in options if o.current), None)
    links = {kind: page_url(PageKey(kind), current_language()) for kind in STATIC_PAGES}
    if own and status == 200:
        context["meta"] = head_meta(key, context.get("page"), site_url + own,
                                    [o.code for o in options if o.url and not o.current])
    body = render_template(
        template,
        lang=current_language(),
        source_lang=languages[0],
        languages=options,
        alternates=alternates,
        canonical=site_url + own if own and status == 200 else None,
        accessibility={**accessibility(), "url": links["statement"]},
        links=links,
        footer_links=[(links["legal"], gettext("Mentions légales")),
                      (links["sitemap"], gettext("Plan du site"))],
        site_url=site_url,
        # On an error page no other language has "this page": no note, no link.
        switcher_note=gettext("page non traduite") if key else None,
        menu=[(page_url(PageKey(kind), current_language()), label, key == PageKey(kind))
              for kind, label in (("home", gettext("Accueil")),
                                  ("sitemap", gettext("Plan du site")))],
        publisher=current_app.config["PUBLISHER"],
        host=current_app.config["HOSTING"],
        **context,
    )
    return body, status, {"Content-Language": current_language()}


def head_meta(key: PageKey, local, url: str, others: list[str]) -> dict:
    """Description, Open Graph, Twitter card and JSON-LD for a page's head."""
    site_name = str(gettext("Annonces du numérique de l’État"))
    lang = current_language()
    if local is not None:
        title, description = local.title.value, metadata.plain(local.chapeau_html)
    else:
        titles = {"home": site_name, "statement": gettext("Déclaration d’accessibilité"),
                  "legal": gettext("Mentions légales"), "sitemap": gettext("Plan du site")}
        title = str(titles[key.kind])
        description = str(gettext("Communiqués, actualités et événements de l’État sur le "
                                  "numérique."))
    site_url = current_app.config["SITE_URL"].rstrip("/")
    publisher = current_app.config["PUBLISHER"]["name"]
    return {
        "description": description,
        "tags": metadata.social(title, description, url, lang, others, site_name, local),
        "json_ld": metadata.json_ld(local, url, publisher, site_url) if local else None,
    }


def accessibility() -> dict:
    """The setting, defaults filling a partial override, its level in the page language."""
    setting = current_app.config["ACCESSIBILITY"]
    labels = {
        "totalement": gettext("totalement conforme"),
        "partiellement": gettext("partiellement conforme"),
        "non": gettext("non conforme"),
    }
    days = {f"{name}_day": date.fromisoformat(setting[f"{name}_date"])
            for name in ("audit", "statement") if setting.get(f"{name}_date")}
    return {**setting, **days, "label": labels[setting["level"]]}


@bp.get("/")
def home():
    return render_page(PageKey("home"), TEMPLATES["home"],
                       announcements=site().listing(g.lang))


@bp.get("/<slug:slug>/")
def page(slug: str):
    found = site().resolve(g.lang, slug)
    if found is None:
        abort(404)
    key, local = found
    announcements = site().listing(g.lang) if key.kind == "sitemap" else None
    calendar = None
    if local is not None and local.source.event is not None:
        size = len(calendar_bytes(local, absolute(page_url(key, g.lang))))
        calendar = {"url": calendar_url(slug, g.lang), "size": human_size(size, g.lang)}
    return render_page(key, TEMPLATES[key.kind], page=local, announcements=announcements,
                       calendar=calendar)


def root():
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


def handle_error(error: HTTPException):
    """Localized error pages (404, 405, other refusals, 500), never the exception's text;
    a language variant of a real page is redirected."""
    if error.code == 404 and g.get("lang") is None:
        target = canonical_variant(request.path)
        if target and target != request.path:
            g.lang = target.split("/")[1]
            return local_redirect(target, 301)
    g.lang = g.get("lang") or error_language(request.path)
    code = error.code if error.code and 400 <= error.code < 500 else 500
    body, status, headers = render_page(None, "errors/error.html", code, code=code)
    if code == 405:
        headers["Allow"] = ", ".join(ALLOWED_METHODS)
    elif code == 416:  # the length a client needs to ask again
        headers.update((name, value) for name, value in error.get_headers()
                       if name == "Content-Range")
    return body, status, headers


def handle_exception(error: Exception):
    """An unexpected exception: logged with what it takes to debug it, shown as a plain 500."""
    current_app.logger.exception("unhandled %s on %r (%s: %s)", request.method, request.path,
                                 type(error).__name__, error)
    return handle_error(InternalServerError())


def init_app(app: Flask) -> None:
    """Register the routes and the error pages."""
    app.register_blueprint(bp)
    app.add_url_rule("/", "root", root)
    app.register_error_handler(HTTPException, handle_error)
    app.register_error_handler(Exception, handle_exception)
