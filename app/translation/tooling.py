"""Catalog tooling: extract the templates (POT), merge them into each language, check them."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract, extract_from_dir
from babel.messages.pofile import read_po, unescape, write_po

from app.config import PROJECT_ROOT
from app.content.announcements import content_files
from app.problems import Problem, ProblemsFound, display_path, errors_only
from app.settings import Settings
from app.translation.catalogs import compile_mo
from app.translation.pofiles import DOMAINS, catalog_path, read_catalog
from app.translation.progress import MEMORY_PREFIX, previous_text
from app.translation.validate import Language, validate

WIDTH = 79  # GNU msgmerge's default, so that Babel and gettext wrap alike
COMMENT_TAGS = ("Translators:",)
UI_SOURCES = [
    ("app/**.py", "python"),
    ("templates/**.html", "jinja2.ext:babel_extract"),
]
UI_OPTIONS = {"templates/**.html": {"silent": "false", "trimmed": "true"}}


def languages_of(settings: Settings) -> list[Language]:
    """The translated languages, public or in progress."""
    return [Language(code, code not in settings.in_progress) for code in settings.languages[1:]]


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
            for line, msgid, comments, context in found:
                catalog.add(msgid, None, [(shown, line)], auto_comments=comments,
                            context=context)
    for message in catalog:
        # Content is never %-formatted: "20 % des offres" is plain text, not a format.
        message.flags.discard("python-format")
    return catalog


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


def take_previous(message: Message) -> str | None:
    """Babel reads GNU's `#|` lines as comments: make them the previous msgid again, so that
    writing the catalog keeps them as `#|` lines. Returns the previous msgctxt, if any."""
    previous = previous_text(message)
    context = next((unescape(c[1:].strip()[len("msgctxt "):]) for c in message.user_comments
                    if c[1:].strip().startswith("msgctxt ")), None)
    message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    message.previous_id = [previous] if previous is not None else []
    return context


def revive(catalog: Catalog, contexts: dict[int, str | None]) -> int:
    """A fuzzy entry whose French (and context) came back to the text it was translated from
    is reviewed again (msgmerge keeps it fuzzy): undoing a French edit brings the
    translation back. `contexts`: the previous msgctxt of each entry, by id()."""
    revived = 0
    for message in catalog:
        same_place = contexts.get(id(message)) in (None, message.context)
        if message.id and message.fuzzy and message.previous_id == [message.id] and same_place:
            message.flags.discard("fuzzy")
            message.previous_id = []
            revived += 1
    return revived


MEMORY_NOTE = MEMORY_PREFIX + "{}: the same French is translated there (review it)"


def prefill(catalog: Catalog, contexts: dict[int, str | None]) -> int:
    """Translation memory: a content entry whose exact French is translated on another page
    gets that translation, fuzzy, with a comment saying where it comes from. msgmerge already
    does so for entries it matches (`#| msgctxt` of another page); Babel's catalog does it
    for the others."""
    known: dict[str, tuple[str | None, str]] = {}
    for message in catalog:
        if isinstance(message.id, str) and isinstance(message.string, str) and (
                message.id and message.string and not message.fuzzy):
            known.setdefault(message.id, (message.context, message.string))
    filled = 0
    for message in catalog:
        if not message.id or any(c.startswith(MEMORY_PREFIX) for c in message.user_comments):
            continue
        elsewhere = contexts.get(id(message))
        where: str | None
        if message.fuzzy and message.previous_id == [message.id] and elsewhere not in (
                None, message.context):
            where = elsewhere
        elif not message.string and isinstance(message.id, str) and message.id in known:
            where, message.string = known[message.id]
        else:
            continue
        message.flags.add("fuzzy")
        message.previous_id = []  # the French is the same: no difference to show
        message.user_comments.append(MEMORY_NOTE.format(where))
        filled += 1
    return filled


def merged(po: Path, template: Path, domain: str) -> bytes:
    """`po` merged with `template` by GNU msgmerge (previous text kept, obsolete entries
    revived), then reverted entries revived and, for content, the memory applied."""
    data = subprocess.run(
        [gettext_tool("msgmerge"), "--quiet", "--previous", f"--width={WIDTH}", "-o", "-",
         str(po), str(template)], capture_output=True, check=True).stdout
    catalog = read_po(io.BytesIO(data), domain=domain)
    contexts = {id(message): take_previous(message) for message in catalog}
    changed = revive(catalog, contexts) + (
        prefill(catalog, contexts) if domain == "content" else 0)
    return catalog_bytes(catalog) if changed else data


def update_all(settings: Settings) -> list[str]:
    """Merge each template into each language's catalog; return the catalogs updated.
    Refuses, writing nothing, when a catalog cannot be read (ProblemsFound). A stale catalog is
    what the merge mends, and what a translator fixes after it (untranslated, fuzzy, markup) is
    `check`'s business: neither stops the merge."""
    catalogs = [(lang, domain, catalog_path(settings.translations_dir, lang, domain))
                for lang in settings.languages[1:] for domain in DOMAINS]
    problems = errors_only([problem for lang, domain, po in catalogs
                            for problem in read_catalog(po, lang, domain)[1]])
    if problems:
        raise ProblemsFound(problems)
    results = {po: merged(po, template_path(settings, domain), domain)
               for _lang, domain, po in catalogs}
    for po, data in results.items():
        po.write_bytes(data)
    return [display_path(po) for po in results]


def init_language(settings: Settings, lang: str, contact: str) -> list[str]:
    """Create the catalogs of `lang` from the templates (existing ones are left alone), with
    the headers Poedit and Weblate read."""
    created = []
    name = Locale.parse(lang).get_display_name("en")
    for domain in DOMAINS:
        po = catalog_path(settings.translations_dir, lang, domain)
        if po.exists():
            continue
        with template_path(settings, domain).open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=domain)
        catalog.revision_date = datetime.now(UTC)
        catalog.fuzzy = False
        catalog.language_team = f"{name} <{contact}>"
        catalog.last_translator = f"{name} translators <{contact}>"
        catalog.header_comment = HEADER_COMMENT.format(name=name)
        write_catalog(catalog, po)
        created.append(display_path(po))
    return created


HEADER_COMMENT = ("# {name} translation of the announcements of the French State's digital "
                  "directorate.\n# This file is distributed under the licence etalab-2.0.")


def compile_all(settings: Settings) -> list[Problem]:
    """Validate every catalog, then write the `.mo` files Flask-Babel reads."""
    catalogs, problems = validate(settings.translations_dir, languages_of(settings))
    if errors_only(problems):
        return problems
    for (lang, domain), catalog in catalogs.items():
        compile_mo(catalog, catalog_path(settings.translations_dir, lang, domain))
    return problems


def check_all(settings: Settings) -> list[Problem]:
    """The validation the site runs at start-up, then: the templates match the sources,
    and msgfmt (the reference of gettext tools) agrees."""
    catalogs, problems = validate(settings.translations_dir, languages_of(settings))
    broken = {p.path for p in problems if not p.warning}
    for lang, domain in catalogs:
        po = catalog_path(settings.translations_dir, lang, domain)
        if display_path(po) not in broken:
            problems += msgfmt_problems(po)
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
    return problems


def _entries(catalog: Catalog) -> set[tuple[object, ...]]:
    """What makes a template: ids, contexts, comments and flags; not the `#:` line numbers
    (a comment added to a Python file must not turn CI red), nor dates."""
    return {
        (m.id if isinstance(m.id, str) else tuple(m.id), m.context,
         " ".join(m.auto_comments), tuple(sorted(m.flags)))  # write_po wraps long comments
        for m in catalog if m.id
    }


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
