"""The templates (POT): interface strings and content segments extracted from the sources,
written only when more than their date changed."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract, extract_from_dir

from app.config import PROJECT_ROOT
from app.content.announcements import content_files
from app.problems import display_path
from app.settings import Settings
from app.translation.gettext_tools import catalog_bytes

COMMENT_TAGS = ("Translators:",)
UI_SOURCES = [
    ("app/**.py", "python"),
    ("templates/**.html", "jinja2.ext:babel_extract"),
]
UI_OPTIONS = {"templates/**.html": {"silent": "false", "trimmed": "true"}}


def new_catalog(domain: str) -> Catalog:
    return Catalog(
        project="annonces",
        version="1.0",
        copyright_holder="Direction interministérielle du numérique",
        msgid_bugs_address="accessibilite@numerique.gouv.fr",
        domain=domain,
        charset="utf-8",
        fuzzy=False,
    )


def template_path(settings: Settings, domain: str) -> Path:
    return Path(settings.translations_dir) / f"{domain}.pot"


def extract_messages() -> Catalog:
    """The interface strings of app/ and templates/."""
    catalog = new_catalog("messages")
    for filename, line, message, comments, context in interface_strings(sources_stamp()):
        catalog.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    return catalog


Found = tuple[tuple[str, int, str | tuple[str, ...], tuple[str, ...], str | None], ...]


def sources_stamp() -> tuple[tuple[str, int, int], ...]:
    """(path, size, time) of every file the interface strings come from."""
    return tuple(sorted((str(path), stat.st_size, stat.st_mtime_ns)
                        for folder, suffix in (("app", "*.py"), ("templates", "*.html"))
                        for path in (PROJECT_ROOT / folder).rglob(suffix)
                        if (stat := path.stat())))


# Babel reads every module and template (about 0.25 s): `i18n check`, `extract` and `update`
# in one process (the test suite calls them hundreds of times) read them once per change.
@lru_cache(maxsize=2)
def interface_strings(stamp: tuple[tuple[str, int, int], ...]) -> Found:
    """What Babel extracts from the sources `stamp` describes."""
    return tuple(
        (filename, line, message, tuple(comments), context)
        for filename, line, message, comments, context in extract_from_dir(
            PROJECT_ROOT, UI_SOURCES, UI_OPTIONS, DEFAULT_KEYWORDS, COMMENT_TAGS,
            strip_comment_tags=True))


def extract_content(settings: Settings) -> Catalog:
    """The segments of every content file, drafts included (translators may start early)."""
    catalog = new_catalog("content")
    for path in content_files(settings.content_dir):
        shown = display_path(path)
        with path.open("rb") as handle:
            found = extract("app.translation.extract:extract_content", handle, DEFAULT_KEYWORDS,
                            COMMENT_TAGS, {"timezone": settings.timezone})
            for line, msgid, comments, context in found:
                catalog.add(msgid, None, [(shown, line)], auto_comments=comments,
                            context=context)
    for message in catalog:
        # Content is never %-formatted: "20 % des offres" is plain text, not a format.
        message.flags.discard("python-format")
    return catalog


CREATION_DATE = re.compile(rb'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)


def write_template(catalog: Catalog, path: Path) -> bool:
    """Write a POT unless only its creation date would change; True when written."""
    data = catalog_bytes(catalog)
    if path.is_file() and CREATION_DATE.sub(b"", path.read_bytes()) == CREATION_DATE.sub(
            b"", data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def extract_all(settings: Settings) -> list[tuple[str, int]]:
    """Write both templates; return each path with its number of messages."""
    written = []
    for catalog in (extract_messages(), extract_content(settings)):
        path = template_path(settings, catalog.domain or "messages")
        write_template(catalog, path)
        written.append((display_path(path), len(catalog)))
    return written
