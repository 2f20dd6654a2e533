"""The accessibility statement's settings, completed from the RGAA matrix."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from app import config as defaults
from app.rgaa import read_matrix, results
from app.settings.problems import SettingError

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


