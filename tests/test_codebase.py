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


def test_every_module_of_the_web_layer_has_its_place_in_the_layers():
    import tomllib

    settings = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(contract["layers"] for contract in settings["tool"]["importlinter"]["contracts"]
                  if contract.get("containers") == ["app.web"])
    placed = {name.strip() for layer in layers for name in layer.split("|")}
    modules = {path.stem for path in (PROJECT_ROOT / "app" / "web").glob("*.py")} - {"__init__"}
    assert modules - placed == set()
