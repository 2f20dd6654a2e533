"""Catalogs written and checked as GNU gettext does: one wrapping for every tool, msgfmt's
verdict."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from app.problems import Problem, display_path

WIDTH = 79  # GNU msgmerge's default, so that Babel and gettext wrap alike


def gettext_tool(name: str) -> str:
    """The path of a GNU gettext program (msgmerge, msgcat)."""
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install GNU gettext (apt-get install gettext)")
    return found


def gnu_format(data: bytes) -> bytes:
    """A catalog as GNU msgcat writes it: the one wrapping of init, extract and update
    (msgmerge's), so that no tool rewraps what another wrote."""
    return subprocess.run([gettext_tool("msgcat"), f"--width={WIDTH}", "-"], input=data,
                          capture_output=True, check=True).stdout


def catalog_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_previous=True)
    return gnu_format(buffer.getvalue())


def write_catalog(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(catalog_bytes(catalog))


def msgfmt_problems(path: Path) -> list[Problem]:
    """GNU msgfmt --check, the reference every gettext tool agrees with."""
    run = subprocess.run([gettext_tool("msgfmt"), "--check", "-o", os.devnull, str(path)],
                         capture_output=True, text=True)
    problems = []
    for line in run.stderr.splitlines():
        match = re.match(r"(.+?):(\d+):(?:\d+:)? (.*)", line)
        if match and not match.group(3).startswith("warning"):
            problems.append(Problem(display_path(path), int(match.group(2)),
                                    f"msgfmt: {match.group(3)} (fix the entry)"))
    if run.returncode and not problems:
        problems.append(Problem(display_path(path), 1, f"msgfmt failed: {run.stderr.strip()}"))
    return problems
