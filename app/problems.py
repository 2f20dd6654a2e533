"""Problems found in content or catalogs, reported as `path:line: message (what to do)`."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a look) at a line of a file."""

    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        label = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {label}{self.message}"


class ProblemsFound(click.ClickException):
    """Raised when content or catalogs are broken; the message lists every problem. A click
    error, so that `flask run` refusing to start prints the lines, not a traceback."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        lines = [str(p) for p in self.problems]
        super().__init__("\n".join(lines))


def display_path(path: str | os.PathLike[str]) -> str:
    """Return `path` relative to the working directory when it lies below it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(_resolved(os.getcwd())))
    except ValueError:
        return str(path)


@functools.lru_cache(maxsize=8)
def _resolved(directory: str) -> Path:
    """The working directory, resolved once rather than for each of 1,000 content files."""
    return Path(directory).resolve()


def errors_only(problems: list[Problem]) -> list[Problem]:
    """Return the problems that must stop the site, leaving warnings out."""
    return [p for p in problems if not p.warning]
