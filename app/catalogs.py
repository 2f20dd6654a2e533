"""Catalog tooling: extract the templates (POT), merge them into each language, check them."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract, extract_from_dir
from babel.messages.pofile import read_po, write_po

from .config import PROJECT_ROOT
from .pages import content_files
from .problems import Problem, display_path
from .site import Settings
from .translation import DOMAINS, catalog_path, read_catalog

WIDTH = 79  # GNU msgmerge's default, so that Babel and gettext wrap alike
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
    found = extract_from_dir(
        PROJECT_ROOT, UI_SOURCES, UI_OPTIONS, DEFAULT_KEYWORDS, COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, line, message, comments, context in found:
        catalog.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    return catalog


def extract_content(settings: Settings) -> Catalog:
    """The segments of every content file, drafts included (translators may start early)."""
    catalog = new_catalog("content")
    for path in content_files(settings.content_dir):
        shown = display_path(path)
        with path.open("rb") as handle:
            found = extract("app.extract:extract_content", handle, DEFAULT_KEYWORDS,
                            COMMENT_TAGS, {"timezone": settings.timezone})
            for line, message, comments, context in found:
                catalog.add(message, None, [(shown, line)], auto_comments=comments,
                            context=context)
    for message in catalog:
        # Content is never %-formatted: "20 % des offres" is plain text, not a format.
        message.flags.discard("python-format")
    return catalog


def write_catalog(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_previous=True)
    path.write_bytes(buffer.getvalue())


def extract_all(settings: Settings) -> list[tuple[str, int]]:
    """Write both templates; return each path with its number of messages."""
    written = []
    for catalog in (extract_messages(), extract_content(settings)):
        path = template_path(settings, catalog.domain)
        write_catalog(catalog, path)
        written.append((display_path(path), len(catalog)))
    return written


def msgmerge() -> str:
    """The path of GNU msgmerge, which keeps previous text and revives obsolete entries."""
    found = shutil.which("msgmerge")
    if not found:
        raise SystemExit("msgmerge not found: install GNU gettext (apt-get install gettext)")
    return found


def update_all(settings: Settings) -> list[str]:
    """Merge each template into each language's catalog; return the catalogs updated."""
    tool, updated = msgmerge(), []
    for lang in settings.languages[1:]:
        for domain in DOMAINS:
            po = catalog_path(settings.translations_dir, lang, domain)
            if not po.exists():
                raise SystemExit(f"{display_path(po)}: missing (run flask i18n init {lang})")
            subprocess.run(
                [tool, "--quiet", "--previous", "--update", "--backup=none",
                 f"--width={WIDTH}", str(po), str(template_path(settings, domain))],
                check=True,
            )
            updated.append(display_path(po))
    return updated


def init_language(settings: Settings, lang: str) -> list[str]:
    """Create the catalogs of `lang` from the templates; existing ones are left alone."""
    created = []
    for domain in DOMAINS:
        po = catalog_path(settings.translations_dir, lang, domain)
        if po.exists():
            continue
        with template_path(settings, domain).open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=domain)
        catalog.revision_date = datetime.now(UTC)
        catalog.fuzzy = False
        write_catalog(catalog, po)
        created.append(display_path(po))
    return created


def compile_check(settings: Settings) -> list[Problem]:
    """Parse every catalog as the site does."""
    problems = []
    for lang in settings.languages[1:]:
        for domain in DOMAINS:
            problems += read_catalog(
                catalog_path(settings.translations_dir, lang, domain), lang, domain)[1]
    return problems


def check_all(settings: Settings) -> list[Problem]:
    """Catalogs parse; templates are current; every interface string is translated."""
    problems = compile_check(settings)
    current = {"messages": extract_messages(), "content": extract_content(settings)}
    for domain, fresh in current.items():
        path = template_path(settings, domain)
        shown = display_path(path)
        if not path.exists():
            problems.append(Problem(shown, 1, "missing (run flask --app app i18n extract)"))
            continue
        with path.open("rb") as handle:
            stored = read_po(handle)
        if _entries(stored) != _entries(fresh):
            problems.append(Problem(shown, 1, "out of date with the sources "
                                    "(run flask --app app i18n extract, then update)"))
    for lang in settings.languages[1:]:
        po = catalog_path(settings.translations_dir, lang, "messages")
        catalog = read_catalog(po, lang, "messages")[0]
        if catalog is None:
            continue
        for message in catalog:
            if not message.id:
                continue
            if message.fuzzy or not message.string:
                state = "fuzzy" if message.fuzzy else "untranslated"
                problems.append(Problem(display_path(po), message.lineno or 1,
                                        f"{state}: {message.id!r} (translate it and "
                                        "remove the fuzzy flag)"))
    return problems


def _entries(catalog: Catalog) -> set:
    """What makes a template: ids, contexts, references and comments, not dates."""
    return {
        (m.id if isinstance(m.id, str) else tuple(m.id), m.context, tuple(m.locations),
         " ".join(m.auto_comments))  # write_po wraps long comments into several
        for m in catalog if m.id
    }
