"""The configuration read and checked: defaults, settings.toml, FLASK_* variables; and the
settings the content modules take, read without an app."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import config as defaults
from app.settings.languages import check_language_settings, check_languages
from app.settings.problems import SettingError, decode_error, settings_problems
from app.settings.schema import check_known, check_types, flag
from app.settings.serving import check_hosts, check_translator_preview
from app.settings.statement import check_accessibility

if TYPE_CHECKING:  # the type only: the domain never imports Flask at run time
    from flask import Config


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
        read_config, lambda config: config.update(overrides or {}), check_known,
        check_types, lambda config: check_languages(config["LANGUAGES"]), check_language_settings,
        check_hosts, check_accessibility, check_translator_preview])


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
