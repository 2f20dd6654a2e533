"""Configuration checks and the settings the content modules take, read without an app."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from app import config as defaults
from app.rgaa import read_matrix, results

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class Settings:
    """What the site needs from the configuration."""

    languages: tuple[str, ...]
    content_dir: str
    translations_dir: str
    preview: bool
    timezone: str
    max_bytes: int
    translator_preview: bool = False
    files_dir: str = ""  # where files linked as /static/... are, to tell their size


def flag(value: object) -> bool:
    """A boolean setting; FLASK_PREVIEW=False or off arrives as a string, and means off."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def read_config(target) -> None:
    """Fill a Flask config: defaults from app/config.py, then FLASK_* environment variables."""
    target.from_object(defaults)
    target.from_prefixed_env()
    if isinstance(target.get("LANGUAGES"), str):  # FLASK_LANGUAGES=fr,en as well as JSON
        target["LANGUAGES"] = [code.strip() for code in target["LANGUAGES"].split(",")]


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
    matrix = Path(config.get("RGAA_MATRIX") or defaults.RGAA_MATRIX)
    if matrix.is_file():
        found = results(read_matrix(matrix))
        setting["results"] = found
        if setting["level"] is None and setting.get("audit_date"):
            setting["level"] = found["level"]
        setting["non_compliant"] = setting["non_compliant"] or found["non_compliant"]
    if setting["level"] is None:
        setting["level"] = "non"  # no matrix or no audit date: no audit, RGAA says "non"
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
    if flag(config.get("TRANSLATOR_PREVIEW")) and not (flag(config.get("DEBUG"))
                                                       or flag(config.get("TESTING"))):
        raise ValueError("TRANSLATOR_PREVIEW shows fuzzy translations: turn it on only with "
                         "debug mode (FLASK_DEBUG=1), never in production")


def site_settings(config: Mapping) -> Settings:
    """The part of the configuration the site's content and catalogs depend on."""
    return Settings(
        languages=tuple(config["LANGUAGES"]),
        content_dir=str(config["CONTENT_DIR"]),
        translations_dir=str(config["TRANSLATIONS_DIR"]),
        preview=flag(config["PREVIEW"]),
        timezone=config["CONTENT_TIMEZONE"],
        max_bytes=int(config["MAX_CONTENT_FILE_BYTES"]),
        translator_preview=flag(config.get("TRANSLATOR_PREVIEW")),
        files_dir=str(config.get("FILES_DIR") or defaults.FILES_DIR),
    )


LOCAL_HOSTS = ("127.0.0.1", "localhost")


def trusted_hosts(config: Mapping) -> list[str]:
    """The Host names to accept: TRUSTED_HOSTS when set (a list, or names separated by
    commas), else the host of SITE_URL plus the local ones.

    :raises ValueError: when the setting is empty or SITE_URL has no host.
    """
    setting = config.get("TRUSTED_HOSTS")
    if setting is None:
        host = urlsplit(str(config["SITE_URL"])).hostname
        if not host:
            raise ValueError(f"SITE_URL {config['SITE_URL']!r} has no host: write it as "
                             "https://example.org")
        return list(dict.fromkeys([host, *LOCAL_HOSTS]))
    hosts = setting.split(",") if isinstance(setting, str) else setting
    hosts = [str(host).strip().lower() for host in hosts if str(host).strip()]
    if not hosts:
        raise ValueError('TRUSTED_HOSTS is empty: list the site\'s host names, such as '
                         '["example.org"], or leave it unset')
    return hosts


def is_production(config: Mapping) -> bool:
    """Whether this is a production server (PRODUCTION; FLASK_ENV_PRODUCTION is an alias)."""
    return any(str(config.get(name, "")).lower() in ("1", "true", "yes", "on")
               for name in ("PRODUCTION", "ENV_PRODUCTION"))


def refuse_debug_in_production(config: Mapping) -> None:
    """Debug mode serves the Werkzeug console, which runs any code: never in production.
    The production entry point calls this on the app's config before serving.

    :raises RuntimeError: when DEBUG is on and PRODUCTION is set.
    """
    if is_production(config) and config.get("DEBUG"):
        raise RuntimeError("debug mode is on in production: unset FLASK_DEBUG (and never "
                           "pass --debug) where FLASK_PRODUCTION is set")
