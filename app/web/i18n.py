"""Flask-Babel wiring: the language comes from the URL (a whitelist); `/` alone negotiates."""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale
from babel.dates import format_date
from flask import Flask, current_app, g, request
from flask_babel import Babel, Domain
from markupsafe import Markup, escape
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from app.web.current import site

# Django caps Accept-Language after a DoS advisory; a longer header is cut, never parsed whole.
ACCEPT_LANGUAGE_LIMIT = 500


def negotiate(header: str | None, languages: list[str]) -> str:
    """The best configured language for an Accept-Language header (the first by default)."""
    accept = parse_accept_header((header or "")[:ACCEPT_LANGUAGE_LIMIT], LanguageAccept)
    # Not `best_match`: it prefers any exact tag to a better-rated regional one, so
    # "fr-CH, en;q=0.9" would give English. Take the best-rated tag we have, by its language.
    for tag, quality in accept:
        primary = tag.replace("_", "-").split("-")[0].lower()
        if quality > 0 and primary in languages:
            return primary
    return languages[0]


def negotiated_language() -> str:
    """The visitor's language from Accept-Language, kept for this response (which then
    varies with that header)."""
    g.negotiated = True
    g.lang = negotiate(request.headers.get("Accept-Language"), current_app.config["LANGUAGES"])
    return g.lang


def current_language() -> str:
    """The language of this response: the URL's when it has one, else the negotiated one."""
    lang = g.get("lang")
    return negotiated_language() if lang is None else lang


class SiteDomain(Domain):
    """Flask-Babel's domain, fed from our in-memory catalogs instead of `.mo` files."""

    def get_translations(self):
        return site().ui(current_language())


def _format(translated: str, source: str, variables: dict) -> Markup:
    """Translations are text: escape them, and never let a bad placeholder break a page."""
    try:
        return escape(translated) % variables if variables else escape(translated)
    except (KeyError, ValueError, TypeError):
        current_app.logger.error("bad placeholder in the translation of %r", source)
        return escape(source) % variables if variables else escape(source)


def gettext(message: str, **variables) -> Markup:
    return _format(site().ui(current_language()).gettext(message), message, variables)


def pgettext(context: str, message: str, **variables) -> Markup:
    translated = site().ui(current_language()).pgettext(context, message)
    return _format(translated, message, variables)


def ngettext(singular: str, plural: str, n: int, **variables) -> Markup:
    lang = current_language()
    variables.setdefault("num", n)
    if lang == current_app.config["LANGUAGES"][0]:
        # French says "0 annonce": the source language follows its own plural rule.
        chosen = singular if Locale.parse(lang).plural_form(n) == "one" else plural
    else:
        chosen = site().ui(lang).ngettext(singular, plural, n)
    return _format(chosen, singular, variables)


def date_long(value: date | datetime) -> str:
    """A date written out for the current language ("4 avril 2024", "April 4, 2024")."""
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, "long", locale=current_language())


def mailto(address: str) -> Markup:
    """A link that writes to `address`, showing the address itself."""
    return Markup('<a href="mailto:{0}">{0}</a>').format(address)


def language_name(code: str) -> str:
    """A language's name in that language, capitalised as a label ("Français", "English")."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def init_app(app: Flask) -> None:
    """Wire Flask-Babel and the template helpers."""
    babel = Babel(app, locale_selector=current_language, configure_jinja=False)
    babel.domain_instance = SiteDomain()
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(
        gettext=gettext, ngettext=ngettext, pgettext=pgettext, newstyle=False)
    app.jinja_env.filters.update(date_long=date_long)
    app.jinja_env.globals.update(mailto=mailto)
