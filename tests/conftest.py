"""Fixtures: the shipped site, and factories for sites built from temporary files."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup

from app import create_app
from app.config import PROJECT_ROOT

UI_CATALOG = PROJECT_ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po"
UI_TEMPLATE = PROJECT_ROOT / "translations" / "messages.pot"


@pytest.fixture(scope="session")
def app():
    """The site as shipped: content/ and translations/ of the repository."""
    return create_app({"TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def site_copy(tmp_path, monkeypatch):
    """content/ and translations/ copied, with the environment pointing at the copies."""
    for name in ("content", "translations"):
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name)
    monkeypatch.setenv("FLASK_CONTENT_DIR", str(tmp_path / "content"))
    monkeypatch.setenv("FLASK_TRANSLATIONS_DIR", str(tmp_path / "translations"))
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


def init_catalog(template: Path, path: Path, lang: str) -> None:
    """Start a catalog for `lang` from a template, as `flask i18n init` does."""
    with template.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79)
    path.write_bytes(buffer.getvalue())


def write_catalog(path: Path, lang: str, domain: str, entries: dict, fuzzy=()) -> None:
    """Write a `.po` file whose entries map (msgctxt, msgid) to msgstr."""
    catalog = Catalog(locale=lang, domain=domain, fuzzy=False)
    for (context, msgid), msgstr in entries.items():
        flags = ("fuzzy",) if (context, msgid) in fuzzy else ()
        catalog.add(msgid, msgstr, context=context, flags=flags)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79)
    path.write_bytes(buffer.getvalue())


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


def executable_scripts(page: BeautifulSoup) -> list:
    """Script elements a browser would run (a JSON-LD data block is never run)."""
    return [script for script in page.find_all("script")
            if script.get("type") != "application/ld+json"]


def soup(response) -> BeautifulSoup:
    """Parse a response's HTML."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def spaced(text: str) -> str:
    """Text as a reader hears its words: French typography's no-break spaces as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def post(title: str = "Un titre", body: str = "Un paragraphe.", front: str = "",
         date: str = "2024-04-04 16:31:00 +02:00") -> str:
    """A content file: title, date, then the raw YAML lines of `front`, then `body`."""
    head = f"---\ntitle: {title}\n" + (f"date: {date}\n" if date else "") + front
    if head and not head.endswith("\n"):
        head += "\n"
    return head + "---\n" + body + "\n"


def pytest_configure(config):
    """Hypothesis: the same examples on every CI run (CI=true), so a red run replays."""
    import os

    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
    if os.environ.get("CI"):
        settings.load_profile("ci")
