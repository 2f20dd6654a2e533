"""Configuration checks and the settings the content modules take, read without an app."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from babel import Locale, UnknownLocaleError

from . import config as defaults
from .site import Settings

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def read_config(target) -> None:
    """Fill a Flask config: defaults from app/config.py, then FLASK_* environment variables."""
    target.from_object(defaults)
    target.from_prefixed_env()


def check_languages(languages: object) -> None:
    """Refuse a LANGUAGES setting that is not a list of known, lowercase language codes.

    :raises ValueError: naming the bad entry and what to write instead.
    """
    if not isinstance(languages, list) or not languages:
        raise ValueError('LANGUAGES must be a list such as ["fr", "en"]')
    for code in languages:
        if not isinstance(code, str) or not LANGUAGE_CODE.fullmatch(code):
            raise ValueError(f"LANGUAGES: {code!r} is not a lowercase language code like 'en'")
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError) as error:
            raise ValueError(f"LANGUAGES: {code!r} is unknown to Babel ({error})") from error
    if len(set(languages)) != len(languages):
        raise ValueError("LANGUAGES: a language is listed twice")


LEVELS = ("totalement", "partiellement", "non")


def check_accessibility(config: dict) -> None:
    """Complete a partial ACCESSIBILITY override with the defaults, and refuse a statement
    that would contradict itself.

    :raises ValueError: naming the field and what to write.
    """
    setting = {**defaults.ACCESSIBILITY, **config["ACCESSIBILITY"]}
    if setting["level"] not in LEVELS:
        raise ValueError(f"ACCESSIBILITY: level {setting['level']!r} is not one of {LEVELS}")
    if setting["level"] != "non" and not setting.get("audit_date"):
        raise ValueError("ACCESSIBILITY: a level other than 'non' needs the audit_date of the "
                         "audit that measured it (RGAA)")
    for name in ("audit_date", "statement_date"):
        if setting.get(name):
            date.fromisoformat(setting[name])
    config["ACCESSIBILITY"] = setting


def check_translator_preview(config: Mapping) -> None:
    """The translator preview shows unreviewed text: never in production.

    :raises ValueError: when it is on outside debug mode.
    """
    if config.get("TRANSLATOR_PREVIEW") and not (config.get("DEBUG") or config.get("TESTING")):
        raise ValueError("TRANSLATOR_PREVIEW shows fuzzy translations: turn it on only with "
                         "debug mode (FLASK_DEBUG=1), never in production")


def site_settings(config: Mapping) -> Settings:
    """The part of the configuration the site's content and catalogs depend on."""
    return Settings(
        languages=tuple(config["LANGUAGES"]),
        content_dir=str(config["CONTENT_DIR"]),
        translations_dir=str(config["TRANSLATIONS_DIR"]),
        preview=bool(config["PREVIEW"]),
        timezone=config["CONTENT_TIMEZONE"],
        max_bytes=int(config["MAX_CONTENT_FILE_BYTES"]),
        translator_preview=bool(config.get("TRANSLATOR_PREVIEW")),
    )
