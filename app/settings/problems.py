"""Settings mistakes reported as `settings.toml:LINE: message (what to do)`, never a traceback."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any

from app.problems import Problem, ProblemsFound, display_path


class SettingError(ValueError):
    """A wrong setting: the message says what to write; `key` (and `sub`, a key of its
    table) say where it is, so the report can name the line of settings.toml."""

    def __init__(self, message: str, key: str, sub: str | None = None, line: int | None = None):
        super().__init__(message)
        self.key, self.sub, self.line = key, sub, line


class SettingsProblems(ProblemsFound, ValueError):
    """The settings are wrong: `flask run` and every command print the line and stop. A
    ValueError too, as the checks it reports always raised."""


def decode_error(path: Path, error: tomllib.TOMLDecodeError) -> SettingError:
    """A TOML syntax error as a setting error at its line (tomllib puts the line and column
    in its message only: '... (at line 3, column 9)')."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
    reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
    where = f" at column {found[2]}" if found else ""
    line = int(found[1]) if found else len(path.read_text(encoding="utf-8").splitlines()) or 1
    return SettingError(f"{reason}{where} (fix the TOML syntax: text in quotes, lists in "
                        "[brackets], one name = value per line)", "", line=line)


def setting_line(path: Path, key: str, sub: str | None = None) -> int:
    """The line of settings.toml where `key` (or `sub` in the [key] table) is set; 1 when
    it is not in the file (a default, the environment)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    table, header = None, 0
    for number, text in enumerate(lines, 1):
        if found := re.match(r"\s*\[\s*([\w-]+)\s*\]", text):
            table = found[1]
            if table == key:
                header = number
        elif (found := re.match(r'\s*"?([\w-]+)"?\s*=', text)) and (
                (table, found[1]) in ((None, key), (key, sub))):
            return number
    return header or 1


def settings_problems(config: MutableMapping[str, Any], path: Path,
                      checks: Iterable[Callable[[Any], object]]) -> None:
    """Run the checks of `config` in turn; turn the first one refused into a problem at
    its line of the settings file.

    :raises SettingsProblems: `settings.toml:LINE: message`.
    """
    for check in checks:
        try:
            check(config)
        except SettingError as error:
            raise as_problems(path, error) from None


def as_problems(path: Path, error: SettingError) -> SettingsProblems:
    """The error as the one problem of the settings, with the variable that set it, if any."""
    message = str(error)
    variable = f"FLASK_{error.key}"
    if error.key and variable in os.environ:
        message += f" (set by the environment variable {variable})"
    line = error.line or setting_line(path, error.key, error.sub)
    return SettingsProblems([Problem(display_path(path), line, message)])
