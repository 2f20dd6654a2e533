"""Helpers shared by the test modules: content files, catalogs, parsed pages, free ports."""

from __future__ import annotations

import io
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from babel.support import Translations
from bs4 import BeautifulSoup

from app.config import PROJECT_ROOT
from app.translation.catalogs import ContentCatalog, ContentIndex, compiled

UI_CATALOG = PROJECT_ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po"
UI_TEMPLATE = PROJECT_ROOT / "translations" / "messages.pot"

# The tests' own announcement (tests/fixtures/site), derived from the shipped one: editors
# change content/ and its content.po freely, the tests never read them.
FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site"
SLUG = "salon-du-numerique-2024"
SOURCE = f"2024-04-04-{SLUG}.md"
TITLE = {"fr": "Salon du numérique 2024 : l’État français présent massivement en 2024",
         "en": "Digital Fair 2024: the French State out in force in 2024"}
CONTENT_CATALOG = FIXTURE_SITE / "translations" / "en" / "LC_MESSAGES" / "content.po"


def assemble_site(root: Path) -> dict[str, str]:
    """The fixture site in `root`: its content and content catalogs, with the repository's
    interface catalogs (interface strings are not editorial); returns the app's settings."""
    shutil.copytree(FIXTURE_SITE / "content", root / "content")
    shutil.copytree(FIXTURE_SITE / "translations", root / "translations")
    shutil.copy(UI_TEMPLATE, root / "translations" / "messages.pot")
    for folder in (root / "translations").glob("*/LC_MESSAGES"):
        shutil.copy(PROJECT_ROOT / "translations" / folder.parent.name / "LC_MESSAGES"
                    / "messages.po", folder / "messages.po")
    return {"CONTENT_DIR": str(root / "content"), "TRANSLATIONS_DIR": str(root / "translations")}


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


def content_catalog(entries: dict, fuzzy=()) -> ContentCatalog:
    """A content catalog as the site reads it: the index of its `.po`, its compiled `.mo`."""
    catalog = Catalog(locale="en", domain="content", fuzzy=False)
    for (context, msgid), msgstr in entries.items():
        flags = ("fuzzy",) if (context, msgid) in fuzzy else ()
        catalog.add(msgid, msgstr, context=context, flags=flags)
    return ContentCatalog(ContentIndex.from_catalog(catalog),
                          Translations(io.BytesIO(compiled(catalog)), domain="content"))


def executable_scripts(page: BeautifulSoup) -> list:
    """Script elements a browser would run (a JSON-LD data block is never run)."""
    return [script for script in page.find_all("script")
            if script.get("type") != "application/ld+json"]


def soup(response) -> BeautifulSoup:
    """Parse a response's HTML."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def post(title: str = "Un titre", body: str = "Un paragraphe.", front: str = "",
         date: str = "2024-04-04 16:31:00 +02:00") -> str:
    """A content file: title, date, then the raw YAML lines of `front`, then `body`."""
    head = f"---\ntitle: {title}\n" + (f"date: {date}\n" if date else "") + front
    if head and not head.endswith("\n"):
        head += "\n"
    return head + "---\n" + body + "\n"




def free_port() -> int:
    """A TCP port nobody listens on, on 127.0.0.1, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def spaced(text: str) -> str:
    """Text as a reader hears its words: French typography's no-break spaces as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def wait_listening(port: int, process: subprocess.Popen, seconds: float = 10) -> None:
    """Return once something listens on 127.0.0.1:`port`; fail with the server's own words
    if it exits first, or after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = process.stderr.read() if process.stderr else ""
            raise RuntimeError(f"{process.args[0]} exited: {said!r}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{process.args[0]} did not start listening on {port}")


def stop_group(process: subprocess.Popen) -> None:
    """Stop a server started with start_new_session and its workers: the whole group."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    for stream in (process.stdout, process.stderr):
        if stream:
            stream.close()
