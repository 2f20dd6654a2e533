"""Thin views: home, pages and `/` negotiation (error pages: app/web/errors.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, g, render_template
from flask.typing import ResponseReturnValue

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
from app.web.policy import local_redirect
from app.web.typography import typeset
from app.web.urls import absolute, calendar_url, known_page_url, page_url

bp = Blueprint("site", __name__, url_prefix="/<lang:lang>")

HOME_LATEST = 20  # announcements on the home page: ten rows of two cards
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
    """The newest announcements; when there are more, a link to the site map, which lists
    them all (a home page of 1,000 cards weighed 726 KB and took a second to make)."""
    latest = site().latest(g.lang, HOME_LATEST + 1)
    every = page_url(PageKey("sitemap"), g.lang) if len(latest) > HOME_LATEST else None
    return render_page(PageKey("home"), TEMPLATES["home"], announcements=latest[:HOME_LATEST],
                       all_announcements=every)


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


def init_app(app: Flask) -> None:
    """Register the routes."""
    app.register_blueprint(bp)
    app.add_url_rule("/", "root", root)
    app.jinja_env.filters["iso"] = metadata.iso  # <time datetime>, machine-readable dates
