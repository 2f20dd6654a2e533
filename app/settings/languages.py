"""The languages of the site: codes, status (public or in progress), CLDR locales."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from app.problems import display_path
from app.settings.problems import SettingError
from app.settings.schema import flag

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


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
    for code in locales:  # a language not (yet) in LANGUAGES may have its locale ready
        if not _known_code(code):
            raise SettingError(f"LOCALES: {code!r} is not a language code: write a lowercase "
                               "ISO 639 code such as en, then = its locale", "LOCALES", code)
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


def _known_code(code: str) -> bool:
    """Whether `code` is a lowercase language code Babel knows."""
    try:
        return bool(LANGUAGE_CODE.fullmatch(code)) and bool(Locale.parse(code))
    except (UnknownLocaleError, ValueError):
        return False


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


