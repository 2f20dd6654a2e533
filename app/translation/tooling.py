"""Catalog tooling: extract the templates (POT), merge them into each language, check them."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract, extract_from_dir
from babel.messages.pofile import read_po, write_po

from app.config import PROJECT_ROOT
from app.content.announcements import content_files
from app.problems import Problem, display_path
from app.settings import Settings
from app.translation.catalogs import DOMAINS, catalog_path, read_catalog

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
            found = extract("app.translation.extract:extract_content", handle, DEFAULT_KEYWORDS,
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
    """Catalogs parse and compile; headers are complete; templates are current; every
    interface string is translated; content translations keep the French markup."""
    problems = compile_check(settings)
    for lang in settings.languages[1:]:
        for domain in DOMAINS:
            po = catalog_path(settings.translations_dir, lang, domain)
            if po.exists():
                problems += header_problems(po) + msgfmt_problems(po)
        po = catalog_path(settings.translations_dir, lang, "content")
        catalog = read_catalog(po, lang, "content")[0]
        if catalog is not None:
            problems += content_problems(po, catalog)
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


LINK_TARGET = re.compile(r"\]\(\s*([^)\s]+)[^)]*\)|\]\[([^\]]*)\]")
CODE_SPAN = re.compile(r"`+[^`]+`+")
EMPHASIS = re.compile(r"\*\*|__|(?<![*\w])\*(?!\s)|(?<![_\w])_(?!\s)")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
HEADER_FIELDS = ("Language", "Plural-Forms")


def markup_of(text: str) -> dict[str, list[str]]:
    """The markup a translation must keep: link targets, code spans, emphasis marks."""
    return {
        "links": sorted(a or b for a, b in LINK_TARGET.findall(text)),
        "code": sorted(CODE_SPAN.findall(text)),
        "emphasis": sorted(EMPHASIS.findall(text)),
    }


def content_problems(path: Path, catalog: Catalog) -> list[Problem]:
    """Markup parity and no new HTML, for each reviewed translation of a content catalog."""
    shown, problems = display_path(path), []
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        line = message.lineno or 1
        source, translated = markup_of(message.id), markup_of(message.string)
        for kind, marks in source.items():
            if marks != translated[kind]:
                problems.append(Problem(shown, line, f"{kind} differ from the French: "
                                        f"{marks} vs {translated[kind]} (keep the same {kind})"))
        added = set(HTML_TAG.findall(message.string)) - set(HTML_TAG.findall(message.id))
        if added:
            problems.append(Problem(shown, line, f"HTML in the translation: "
                                    f"{sorted(added)} (write text and markdown only)"))
    return problems


def header_problems(path: Path) -> list[Problem]:
    """The header fields gettext tools need to read a catalog right."""
    head = path.read_text(encoding="utf-8", errors="replace").split("\n\n", 1)[0]
    return [
        Problem(display_path(path), 1, f"header has no {name} field (add \"{name}: ...\\n\")")
        for name in HEADER_FIELDS
        if f'"{name}: ' not in head
    ]


def msgfmt_problems(path: Path) -> list[Problem]:
    """GNU msgfmt --check, the reference every gettext tool agrees with (when installed)."""
    tool = shutil.which("msgfmt")
    if not tool:
        return []
    run = subprocess.run([tool, "--check", "-o", os.devnull, str(path)],
                         capture_output=True, text=True)
    problems = []
    for line in run.stderr.splitlines():
        match = re.match(r"(.+?):(\d+): (.*)", line)
        if match and not match.group(3).startswith("warning"):
            problems.append(Problem(display_path(path), int(match.group(2)),
                                    f"msgfmt: {match.group(3)} (fix the entry)"))
    if run.returncode and not problems:
        problems.append(Problem(display_path(path), 1, f"msgfmt failed: {run.stderr.strip()}"))
    return problems
