"""The code a maintainer can trust: strictly typed, imports flowing one way (pyproject.toml).

`./bin/test` runs both tools too, with their full output; these tests make every landing
check them, since most run pytest alone.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.config import PROJECT_ROOT

BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True,
                          check=False)


def test_mypy_strict_finds_no_error_in_app():
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_import_contract_is_kept():
    result = run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
