"""Configuration checks and the settings the content modules take, read without an app."""

from __future__ import annotations

import re
from collections.abc import Mapping

from babel import Locale, UnknownLocaleError

from . import config
from .site import Settings

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def read_config(target) -> None:
    """Fill a Flask config: defaults from app/config.py, then FLASK_* environment variables."""
    target.from_object(config)
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


def site_settings(config: Mapping) -> Settings:
    """The part of the configuration the site's content and catalogs depend on."""
    return Settings(
        languages=tuple(config["LANGUAGES"]),
        content_dir=str(config["CONTENT_DIR"]),
        translations_dir=str(config["TRANSLATIONS_DIR"]),
        preview=bool(config["PREVIEW"]),
        timezone=config["CONTENT_TIMEZONE"],
        max_bytes=int(config["MAX_CONTENT_FILE_BYTES"]),
    )
