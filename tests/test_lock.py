"""The lock files install what pyproject.toml asks for: bin/lock was run after every change."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ \\]+)", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    """Package -> version pinned in requirements/<name>."""
    text = (ROOT / "requirements" / name).read_text()
    return {canonicalize_name(package): version for package, version in PIN.findall(text)}


def declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    found = [Requirement(line) for line in project["dependencies"]]
    for extra in extras:
        found += [Requirement(line) for line in project["optional-dependencies"][extra]]
    return found


def unlocked(requirements: list[Requirement], locked: dict[str, str]) -> list[str]:
    return [
        f"{requirement} (locked: {locked.get(canonicalize_name(requirement.name), 'missing')})"
        for requirement in requirements
        if canonicalize_name(requirement.name) not in locked
        or locked[canonicalize_name(requirement.name)] not in requirement.specifier
    ]


def test_every_runtime_dependency_is_locked_within_its_range():
    assert unlocked(declared(), pins("runtime.txt")) == [], "run bin/lock"


def test_every_test_dependency_is_locked_within_its_range():
    assert unlocked(declared("test"), pins("test.txt")) == [], "run bin/lock"


def test_the_site_runs_the_same_versions_under_test_as_in_production():
    runtime, test = pins("runtime.txt"), pins("test.txt")
    assert {name: test.get(name) for name in runtime} == runtime


def test_every_pin_carries_hashes_so_pip_refuses_other_files():
    for name in ("bootstrap.txt", "runtime.txt", "test.txt"):
        text = (ROOT / "requirements" / name).read_text()
        hashed = re.findall(r"^\S+==\S+ \\\n +--hash=sha256:[0-9a-f]{64}", text, re.MULTILINE)
        assert len(hashed) == len(PIN.findall(text)) > 0, name


def test_pip_and_setuptools_are_locked_to_be_installed_first():
    assert {"pip", "setuptools"} <= pins("bootstrap.txt").keys()
