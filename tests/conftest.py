"""Fixtures: the tests' own site (tests/fixtures/site), and factories for sites built from
temporary files. The shipped content/ is read by one smoke test only (test_shipped.py)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import create_app
from app.config import PROJECT_ROOT
from tests.helpers import UI_CATALOG, UI_TEMPLATE, assemble_site, init_catalog, write_catalog


@pytest.fixture(scope="session", autouse=True)
def site_settings(tmp_path_factory) -> Iterator[dict[str, str]]:
    """The fixture site, assembled once; every app of the session serves it unless a test says
    otherwise: through the environment, so do servers started as subprocesses (granian, flask)."""
    settings = assemble_site(tmp_path_factory.mktemp("site"))
    names = {f"FLASK_{name}": value for name, value in settings.items()}
    before = {name: os.environ.get(name) for name in names}
    os.environ.update(names)
    yield settings
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def app(site_settings):
    """The fixture site: one announcement with an event, entities and an English catalog."""
    return create_app({"TESTING": True, **site_settings})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def site(app):
    """The fixture site, for tests that call its WSGI callable with raw environs."""
    return app


@pytest.fixture(scope="session")
def trusting_client():
    """A site told to trust evil.example (a careless TRUSTED_HOSTS): even then the Host
    header never reaches a URL."""
    return create_app({"TESTING": True,
                       "TRUSTED_HOSTS": ["evil.example", "localhost"]}).test_client()


@pytest.fixture
def site_copy(tmp_path, monkeypatch):
    """The fixture site and settings.toml copied, with the environment pointing at the
    copies."""
    assemble_site(tmp_path)
    shutil.copy(PROJECT_ROOT / "settings.toml", tmp_path / "settings.toml")
    monkeypatch.setenv("FLASK_CONTENT_DIR", str(tmp_path / "content"))
    monkeypatch.setenv("FLASK_TRANSLATIONS_DIR", str(tmp_path / "translations"))
    monkeypatch.setenv("FLASK_SETTINGS_FILE", str(tmp_path / "settings.toml"))
    return tmp_path


@pytest.fixture
def write_content(tmp_path):
    """Write content files into a temporary content folder; return the folder."""
    folder = tmp_path / "content"
    folder.mkdir(exist_ok=True)

    def write(files: dict[str, str | bytes]) -> Path:
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return folder

    return write


@pytest.fixture
def make_app(tmp_path):
    """Build an app over temporary content, with the shipped UI catalog and given content
    translations: make_app(content_dir, {(msgctxt, msgid): msgstr}, fuzzy={...}, **config)."""

    def make(content_dir: Path, translations: dict | None = None, fuzzy=(), **config):
        folder = tmp_path / "translations"
        folder.mkdir(exist_ok=True)
        shutil.copy(UI_TEMPLATE, folder / "messages.pot")
        languages = config.get("LANGUAGES", ["fr", "en"])
        for lang in languages[1:]:
            target = folder / lang / "LC_MESSAGES"
            target.mkdir(parents=True, exist_ok=True)
            if lang == "en":
                shutil.copy(UI_CATALOG, target / "messages.po")
            else:  # a new language: every interface entry, none translated yet
                init_catalog(UI_TEMPLATE, target / "messages.po", lang)
            write_catalog(target / "content.po", lang, "content", translations or {}, fuzzy)
        settings = {"TESTING": True, "CONTENT_DIR": str(content_dir),
                    "TRANSLATIONS_DIR": str(folder), **config}
        return create_app(settings)

    return make


def pytest_configure(config):
    """Hypothesis: 200 examples a property while developing; under CI=true, 2,000, the same
    on every run (derandomized), so that a red run replays."""
    import os

    from hypothesis import HealthCheck, settings

    relaxed = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile("dev", max_examples=200, **relaxed)
    settings.register_profile("ci", max_examples=2000, derandomize=True, database=None,
                              print_blob=True, **relaxed)
    settings.load_profile("ci" if os.environ.get("CI", "").lower() in ("true", "1") else "dev")
