"""Which settings exist, and the type of each: a misspelt or mistyped one is refused."""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

from app.settings.problems import SettingError

# Every setting the file may hold, with the type it must have: a wrong one would fail far
# from its line. Booleans may be strings ("off") or numbers, as the environment gives them.
TYPES: dict[str, tuple[type, ...]] = {
    "LANGUAGES": (list,), "LANGUAGE_STATUS": (dict,), "LOCALES": (dict,),
    "ACCESSIBILITY": (dict,), "PUBLISHER": (dict,), "HOSTING": (dict,), "SITE_URL": (str,),
    "CONTENT_DIR": (str,), "TRANSLATIONS_DIR": (str,), "FILES_DIR": (str,),
    "PDF_CACHE_DIR": (str,),
    "CONTENT_TIMEZONE": (str,), "RGAA_MATRIX": (str,), "TRUSTED_HOSTS": (list, str),
    "MAX_CONTENT_FILE_BYTES": (int,), "MAX_CONTENT_LENGTH": (int,),
    "PREVIEW": (bool, str, int), "TRANSLATOR_PREVIEW": (bool, str, int),
    "PRODUCTION": (bool, str, int),
}
TYPE_NAMES = {list: 'a list such as ["fr", "en"]', dict: "a [table] of name = value lines",
              str: 'a quoted text such as "https://example.org"', int: "a whole number",
              bool: "true or false"}
REQUIRED = ("LANGUAGES", "SITE_URL")
# The fields of the tables whose fields are names (LANGUAGE_STATUS and LOCALES are keyed by
# language, checked with the languages). What the statement and the legal notice show.
FIELDS: dict[str, tuple[str, ...]] = {
    "ACCESSIBILITY": ("level", "audit_date", "audit_by", "statement_date", "standard",
                      "non_compliant", "derogations", "contact_email", "contact_address"),
    "PUBLISHER": ("name", "address", "director", "email"),
    "HOSTING": ("name", "address"),
}


def flag(value: object) -> bool:
    """A boolean setting; FLASK_PREVIEW=False or off arrives as a string, and means off."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def check_types(config: MutableMapping[str, Any]) -> None:
    """Refuse a missing required setting or a value of the wrong type.

    :raises SettingError: naming the setting and the type to write.
    """
    for key in REQUIRED:
        if key not in config:
            raise SettingError(f"{key} is missing: add it (see the comments of settings.toml "
                               "in the repository)", key)
    for key, types in TYPES.items():
        value = config.get(key)
        wrong_bool = isinstance(value, bool) and bool not in types  # True is an int too
        if value is not None and (wrong_bool or not isinstance(value, types)):
            raise SettingError(f"{key}: {value!r} is not {TYPE_NAMES[types[0]]}", key)


def check_known(config: Mapping[str, Any]) -> None:
    """Refuse a name of the settings file that is no setting (`languges`, `[LOCALE]`, a
    field of a table): Flask's config would keep it, or drop it if in lowercase, silently,
    and the site would run on the default.

    :raises SettingError: naming the unknown name and the closest known one.
    """
    with Path(config["SETTINGS_FILE"]).open("rb") as handle:
        written = tomllib.load(handle)
    for key, value in written.items():
        if key not in TYPES:
            raise SettingError(f"{key!r} is not a setting{_closest(key, TYPES)} (fix the "
                               "name: settings are in capitals, listed in README.md, "
                               "Configuration)", key)
        if key in FIELDS and isinstance(value, dict):
            for name in value:
                if name not in FIELDS[key]:
                    raise SettingError(
                        f"{key}: {name!r} is not a field of [{key}]"
                        f"{_closest(name, FIELDS[key])} (its fields: "
                        f"{', '.join(FIELDS[key])})", key, name)


def _closest(name: str, known: Mapping[str, object] | tuple[str, ...]) -> str:
    """': did you mean X?' for the known name closest to a misspelt one, else ''."""
    options = {option.lower(): option for option in known}
    found = difflib.get_close_matches(name.lower(), list(options), n=1, cutoff=0.6)
    return f": did you mean {options[found[0]]}?" if found else ""
