"""Configuration checks and the settings the content modules take, read without an app."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from app import config as defaults
from app.problems import display_path
from app.rgaa import read_matrix, results
from app.settings_problems import SettingError, check_types, decode_error, settings_problems

if TYPE_CHECKING:  # the type only: the domain never imports Flask at run time
    from flask import Config

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
    in_progress: tuple[str, ...] = ()  # languages checked and previewable, not yet public


def flag(value: object) -> bool:
    """A boolean setting; FLASK_PREVIEW=False or off arrives as a string, and means off."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def settings_file() -> Path:
    """The settings file: settings.toml at the project root, or FLASK_SETTINGS_FILE."""
    return Path(os.environ.get("FLASK_SETTINGS_FILE") or defaults.SETTINGS_FILE)


def read_config(target: Config) -> None:
    """Fill a Flask config: defaults from app/config.py, then the settings file, then
    FLASK_* environment variables."""
    target.from_object(defaults)
    path = settings_file()
    try:
        target.from_file(str(path.resolve()), load=tomllib.load, text=False)
    except tomllib.TOMLDecodeError as error:
        raise decode_error(path, error) from error
    except OSError as error:
        raise SettingError(f"cannot read the settings ({error.strerror}): restore the file, "
                           "or set FLASK_SETTINGS_FILE", "") from error
    # A partial ACCESSIBILITY override (environment, tests) completes the file's, not the
    # bare defaults.
    target["ACCESSIBILITY_FROM_FILE"] = dict(target["ACCESSIBILITY"])
    target.from_prefixed_env()
    target["SETTINGS_FILE"] = str(path)
    if isinstance(target.get("LANGUAGES"), str) and "FLASK_LANGUAGES" in os.environ:
        # FLASK_LANGUAGES=fr,en as well as JSON; in the file, a text is a mistake
        target["LANGUAGES"] = [code.strip() for code in target["LANGUAGES"].split(",")]


def read_checked(target: Config, overrides: Mapping[str, Any] | None = None) -> None:
    """Read the configuration (then `overrides`) and check every setting.

    :raises SettingsProblems: the first mistake, as `settings.toml:LINE: message`.
    """
    settings_problems(target, settings_file(), [
        read_config, lambda config: config.update(overrides or {}), check_types,
        lambda config: check_languages(config["LANGUAGES"]), check_language_settings,
        check_hosts, check_accessibility, check_translator_preview])


def check_languages(languages: object) -> None:
    """Refuse a LANGUAGES setting that is not a list of known, lowercase language codes.

    :raises SettingError: naming the bad entry and what to write instead.
    """
    if not isinstance(languages, list) or not languages:
        raise SettingError('LANGUAGES must be a list such as ["fr", "en"]', "LANGUAGES")
    for code in languages:
        if not isinstance(code, str) or not LANGUAGE_CODE.fullmatch(code):
            raise SettingError(f"LANGUAGES: {code!r} is not a lowercase language code like "
                               "'en'", "LANGUAGES")
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError) as error:
            raise SettingError(f"LANGUAGES: {code!r} is unknown to Babel ({error}): write an "
                               "ISO 639 code such as 'de'", "LANGUAGES") from error
    if len(set(languages)) != len(languages):
        raise SettingError("LANGUAGES: a language is listed twice: keep one", "LANGUAGES")


STATUSES = ("in progress",)
LANGUAGES_LINE = re.compile(r"^LANGUAGES\s*=\s*\[[^\]\n]*\]", re.MULTILINE)


def add_language(path: Path, lang: str) -> bool:
    """Add `lang` to the settings file, in progress; False when it is there already.

    A line edit (the stdlib reads TOML but does not write it, and a rewrite would lose the
    comments); the result is read back to be sure it says what we meant."""
    text = path.read_text(encoding="utf-8")
    settings = tomllib.loads(text)
    if lang in settings.get("LANGUAGES", []):
        return False
    languages = [*settings["LANGUAGES"], lang]
    text = LANGUAGES_LINE.sub(lambda _: "LANGUAGES = [" + ", ".join(
        f'"{code}"' for code in languages) + "]", text, count=1)
    status = f'{lang} = "in progress"'
    if re.search(r"^\[LANGUAGE_STATUS\]", text, re.MULTILINE):
        text = re.sub(r"^\[LANGUAGE_STATUS\][^\n]*\n", lambda m: m.group() + status + "\n",
                      text, count=1, flags=re.MULTILINE)
    else:
        text += f"\n[LANGUAGE_STATUS]\n{status}\n"
    written = tomllib.loads(text)
    if written["LANGUAGES"] != languages or written["LANGUAGE_STATUS"].get(lang) != (
            "in progress"):
        raise ValueError(f"{display_path(path)}: could not add {lang}: add it to LANGUAGES "
                         f'and {status} under [LANGUAGE_STATUS] by hand')
    path.write_text(text, encoding="utf-8")
    return True


def check_language_settings(config: dict[str, Any]) -> None:
    """LANGUAGE_STATUS names configured languages; LOCALES gets one CLDR locale per
    language (the most likely one when not set: de -> de_DE).

    :raises SettingError: naming the setting and what to write.
    """
    languages = config["LANGUAGES"]
    for code, status in (config.get("LANGUAGE_STATUS") or {}).items():
        if code not in languages[1:] or status not in STATUSES:
            raise SettingError(f"LANGUAGE_STATUS: {code} = {status!r}: write "
                               f'{code} = "in progress" for a translated language of '
                               "LANGUAGES, or delete the line", "LANGUAGE_STATUS", code)
    locales = dict(config.get("LOCALES") or {})
    for code in languages:
        locale = locales.get(code) or _likely(code)
        try:
            parsed = Locale.parse(locale)
        except (UnknownLocaleError, ValueError) as error:
            raise SettingError(f"LOCALES: {code} = {locale!r} is not a CLDR locale: write "
                               "one such as en_GB", "LOCALES", code) from error
        if parsed.language != code:
            raise SettingError(f"LOCALES: {code} = {locale!r} is a locale of another language: "
                               f"write one of {code}, such as {_likely(code)}", "LOCALES", code)
        locales[code] = str(parsed)
    config["LOCALES"] = locales


def _likely(code: str) -> str:
    """The most likely territory of a language in CLDR (de -> de_DE)."""
    likely = get_global("likely_subtags").get(code, code).split("_")
    return f"{likely[0]}_{likely[-1]}" if len(likely) > 1 else code


def served_languages(config: dict[str, Any]) -> list[str]:
    """The languages visitors get: all but those in progress, unless previewing."""
    if flag(config.get("PREVIEW")):
        return list(config["LANGUAGES"])
    status = config.get("LANGUAGE_STATUS") or {}
    return [code for code in config["LANGUAGES"] if status.get(code) != "in progress"]


LEVELS = ("totalement", "partiellement", "non")


def check_accessibility(config: dict[str, Any]) -> None:
    """Complete a partial ACCESSIBILITY override with the defaults, and refuse a statement
    that would contradict itself.

    :raises SettingError: naming the field and what to write.
    """
    setting = {**defaults.ACCESSIBILITY, **config.get("ACCESSIBILITY_FROM_FILE", {}),
               **config["ACCESSIBILITY"]}
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
        raise SettingError(f"ACCESSIBILITY: level {setting['level']!r} is not one of "
                           f"{LEVELS}", "ACCESSIBILITY", "level")
    if setting["level"] != "non" and not setting.get("audit_date"):
        raise SettingError("ACCESSIBILITY: a level other than 'non' needs the audit_date of "
                           "the audit that measured it (RGAA)", "ACCESSIBILITY", "level")
    for name in ("audit_date", "statement_date"):
        if setting.get(name):
            try:
                date.fromisoformat(str(setting[name]))
            except ValueError:
                raise SettingError(f"ACCESSIBILITY: {name} {setting[name]!r} is not a date: "
                                   'write it as "2026-11-28"', "ACCESSIBILITY", name) from None
    config["ACCESSIBILITY"] = setting


def check_translator_preview(config: Mapping[str, Any]) -> None:
    """The translator preview shows unreviewed text: never in production.

    :raises SettingError: when it is on outside debug mode.
    """
    if flag(config.get("TRANSLATOR_PREVIEW")) and not (flag(config.get("DEBUG"))
                                                       or flag(config.get("TESTING"))):
        raise SettingError("TRANSLATOR_PREVIEW shows fuzzy translations: turn it on only with "
                           "debug mode (FLASK_DEBUG=1), never in production",
                           "TRANSLATOR_PREVIEW")


def site_settings(config: Mapping[str, Any]) -> Settings:
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
        in_progress=tuple(code for code, status in (config.get("LANGUAGE_STATUS") or {}).items()
                          if status == "in progress"),
    )


LOCAL_HOSTS = ("127.0.0.1", "localhost")


def check_hosts(config: MutableMapping[str, Any]) -> None:
    """Replace TRUSTED_HOSTS by the list of names to accept (see `trusted_hosts`)."""
    config["TRUSTED_HOSTS"] = trusted_hosts(config)


def trusted_hosts(config: Mapping[str, Any]) -> list[str]:
    """The Host names to accept: TRUSTED_HOSTS when set (a list, or names separated by
    commas), else the host of SITE_URL plus the local ones.

    :raises SettingError: when the setting is empty or SITE_URL has no host.
    """
    setting = config.get("TRUSTED_HOSTS")
    if setting is None:
        host = urlsplit(str(config["SITE_URL"])).hostname
        if not host:
            raise SettingError(f"SITE_URL {config['SITE_URL']!r} has no host: write it as "
                               "https://example.org", "SITE_URL")
        return list(dict.fromkeys([host, *LOCAL_HOSTS]))
    hosts = setting.split(",") if isinstance(setting, str) else setting
    hosts = [str(host).strip().lower() for host in hosts if str(host).strip()]
    if not hosts:
        raise SettingError('TRUSTED_HOSTS is empty: list the site\'s host names, such as '
                           '["example.org"], or leave it unset', "TRUSTED_HOSTS")
    return hosts


def is_production(config: Mapping[str, Any]) -> bool:
    """Whether this is a production server (PRODUCTION; FLASK_ENV_PRODUCTION is an alias)."""
    return any(str(config.get(name, "")).lower() in ("1", "true", "yes", "on")
               for name in ("PRODUCTION", "ENV_PRODUCTION"))


def refuse_debug_in_production(config: Mapping[str, Any]) -> None:
    """Debug mode serves the Werkzeug console, which runs any code: never in production.
    The production entry point calls this on the app's config before serving.

    :raises RuntimeError: when DEBUG is on and PRODUCTION is set.
    """
    if is_production(config) and config.get("DEBUG"):
        raise RuntimeError("debug mode is on in production: unset FLASK_DEBUG (and never "
                           "pass --debug) where FLASK_PRODUCTION is set")
