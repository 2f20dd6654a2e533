"""Flask-Babel wiring: the language comes from the URL (a whitelist); `/` alone negotiates.

Interface strings come from the compiled `messages` catalogs through Flask-Babel's domain,
announcements from the compiled `content` catalogs through the `content` domain,
dates are written by Flask-Babel in each language's CLDR locale (settings.toml, LOCALES).
Every translation is text: escaped before it reaches a page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import flask_babel
from babel import Locale
from babel.support import NullTranslations
from flask import Flask, current_app, g, request
from flask_babel import Babel, Domain, force_locale, get_translations
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
    lang = negotiate(request.headers.get("Accept-Language"), current_app.config["LANGUAGES"])
    g.lang = lang
    return lang


def current_language() -> str:
    """The language of this response: the URL's when it has one, else the negotiated one."""
    lang: str | None = g.get("lang")
    return negotiated_language() if lang is None else lang


def content_translations(app: Flask) -> Callable[[str], NullTranslations]:
    """The compiled content catalog of a language, read through Flask-Babel's `content`
    domain. In an app context of its own: a page is also built outside a request (export,
    tests) and for another language than the request's (the switcher's addresses)."""

    def read(lang: str) -> NullTranslations:
        with app.app_context(), force_locale(locale_of(lang)):
            found: NullTranslations = app.extensions["translation_domains"][
                "content"].get_translations()
            return found

    return read


class SiteDomain(Domain):  # type: ignore[misc]  # Flask-Babel ships no types
    """Flask-Babel's domain (compiled `.mo` files), whose cache is dropped when the site
    reloads its catalogs (debug mode): a saved `.po` shows on the next page."""

    generation = -1

    def get_translations_cache(self, ctx: object) -> dict[object, NullTranslations]:
        if self.generation != site().generation:
            self.cache: dict[object, NullTranslations] = {}
            self.generation = site().generation
        return self.cache


def locale_of(lang: str) -> str:
    """The CLDR locale of a language (en -> en_GB), from the LOCALES setting."""
    locale: str = current_app.config["LOCALES"][lang]
    return locale


def select_locale() -> str:
    """Flask-Babel's locale selector: the locale of this response's language."""
    return locale_of(current_language())


def _text(message: str, translate: Callable[[NullTranslations], str]) -> Markup:
    """The translation as text (escaped). An interface string left in the source language
    says so (a language in progress, previewed): a German voice must not read French."""
    lang, source = current_language(), site().source
    if lang == source:
        return escape(message)
    if not site().translated_ui(lang, message):
        return Markup('<span lang="{}">').format(source) + escape(message) + Markup("</span>")
    return escape(translate(get_translations()))


def _source_plural(singular: str, plural: str, n: int) -> str:
    """French says "0 annonce": the source language follows its own plural rule."""
    return singular if Locale.parse(site().source).plural_form(n) == "one" else plural


def gettext(message: str, **variables: object) -> Markup:
    """An interface string in the page's language, formatted with `variables` (escaped).
    Every string is a `%` format, as in templates: write %% for a percent sign."""
    return template_gettext(message) % variables


def pgettext(context: str, message: str, **variables: object) -> Markup:
    return template_pgettext(context, message) % variables


def ngettext(singular: str, plural: str, n: int, **variables: object) -> Markup:
    return template_ngettext(singular, plural, n) % {"num": n, **variables}


# Jinja's newstyle gettext calls these without the variables, then formats the result.
def template_gettext(message: str) -> Markup:
    return _text(message, lambda catalog: catalog.ugettext(message))


def template_pgettext(context: str, message: str) -> Markup:
    return _text(message, lambda catalog: catalog.upgettext(context, message))


def template_ngettext(singular: str, plural: str, n: int) -> Markup:
    if current_language() == site().source or not site().translated_ui(current_language(),
                                                                        singular):
        return _text(_source_plural(singular, plural, n), lambda catalog: "")
    return _text(singular, lambda catalog: catalog.ungettext(singular, plural, n))


def source_text(value: str) -> Markup:
    """Text written in the source language (a setting: a name, an address), marked with its
    language on a page in another language."""
    if current_language() == site().source:
        return escape(value)
    return Markup('<span lang="{}">{}</span>').format(site().source, value)


def N_(message: str) -> str:  # the name gettext tools look for
    """Mark a string for extraction where it is translated later (in another language)."""
    return message


def translated_in(lang: str, message: str) -> Markup | None:
    """`message` in another language than the page's, or None while it is untranslated."""
    if not site().translated_ui(lang, message):
        return None
    with force_locale(locale_of(lang)):
        return escape(get_translations().ugettext(message))


def date_long(value: date | datetime) -> str:
    """A date written out in the page's locale ("4 avril 2024", "4 April 2024")."""
    day = value.date() if isinstance(value, datetime) else value
    written: str = flask_babel.format_date(day, "long")
    return written


def mailto(address: str) -> Markup:
    """A link that writes to `address`, showing the address itself."""
    return Markup('<a href="mailto:{0}">{0}</a>').format(address)


def language_name(code: str) -> str:
    """A language's name in that language, capitalised as a label ("Français", "English")."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def init_app(app: Flask) -> None:
    """Wire Flask-Babel (one domain per catalog) and the template helpers."""
    directory = app.config["TRANSLATIONS_DIR"]
    babel = Babel(app, locale_selector=select_locale, configure_jinja=False,
                  default_translation_directories=directory,
                  default_timezone=app.config["CONTENT_TIMEZONE"])
    domains = {name: SiteDomain(directory, name) for name in ("messages", "content")}
    babel.domain_instance = domains["messages"]
    app.extensions["translation_domains"] = domains
    app.jinja_env.add_extension("jinja2.ext.i18n")
    # newstyle: Jinja formats every string with its variables, escaped (our callables
    # return the translation already escaped, so it is text, never markup).
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]  # the extension's
        gettext=template_gettext, ngettext=template_ngettext, pgettext=template_pgettext,
        newstyle=True)
    app.jinja_env.filters.update(date_long=date_long)
    app.jinja_env.globals.update(mailto=mailto)
