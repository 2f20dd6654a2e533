"""`i18n update`: each template merged into each language by GNU msgmerge, reverted edits
revived, the translation memory applied."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, unescape

from app.problems import ProblemsFound, display_path, errors_only
from app.settings import Settings
from app.translation.gettext_tools import WIDTH, catalog_bytes, gettext_tool
from app.translation.pofiles import DOMAINS, catalog_path, read_catalog
from app.translation.pot import template_path
from app.translation.progress import MEMORY_PREFIX, previous_text


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


def keep_replaced(before: Catalog, after: Catalog) -> int:
    """A reviewed translation whose French changed stays in the file as an obsolete entry
    (`#~`). msgmerge hands it to the new French as a fuzzy draft and keeps no copy: once the
    translator reviews the draft, undoing the French edit would find nothing to bring back."""
    present = {_key(m) for m in [*after, *after.obsolete.values()] if m.id}
    kept = 0
    for message in before:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and all(strings) and not message.fuzzy and _key(message) not in present:
            after.obsolete[_key(message)] = Message(
                message.id, message.string, context=message.context,
                auto_comments=message.auto_comments, flags=message.flags)
            kept += 1
    return kept


OBSOLETE_PREVIOUS = re.compile(rb"^#~\|.*\n", re.MULTILINE)


def _key(message: Message) -> str | tuple[str, str]:
    """An entry's key in a Babel catalog: its msgid (the singular), with its msgctxt."""
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return msgid if message.context is None else (msgid, message.context)


def merged(po: Path, template: Path, domain: str) -> bytes:
    """`po` merged with `template` by GNU msgmerge (previous text kept, obsolete entries
    revived), then reverted entries revived, replaced translations kept and, for content,
    the memory applied."""
    with po.open("rb") as handle:
        before = read_po(handle, domain=domain)
    data = subprocess.run(
        [gettext_tool("msgmerge"), "--quiet", "--previous", f"--width={WIDTH}", "-o", "-",
         str(po), str(template)], capture_output=True, check=True).stdout
    # GNU keeps the previous French of an entry it makes obsolete (`#~| msgid`), which Babel
    # cannot read (the site would refuse the catalog); an obsolete entry has no use for it.
    data = OBSOLETE_PREVIOUS.sub(b"", data)
    catalog = read_po(io.BytesIO(data), domain=domain)
    contexts = {id(message): take_previous(message) for message in catalog}
    changed = revive(catalog, contexts) + keep_replaced(before, catalog) + (
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
