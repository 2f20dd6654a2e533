"""Translation progress: counts and words per language and domain, per page, fuzzy entries."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import unescape

from app.content.announcements import ParsedAnnouncement
from app.problems import display_path
from app.settings import Settings
from app.translation.pofiles import DOMAINS, catalog_path, read_catalog

WORD = re.compile(r"\w+")
# The start of the comment `i18n update` writes on an entry filled by the translation memory.
MEMORY_PREFIX = "Pre-filled from "


def previous_text(message: Message) -> str | None:
    """The French before it changed, from GNU's `#| msgid` lines (Babel keeps them as
    comments starting with '|')."""
    pieces, inside = [], False
    for comment in message.user_comments:
        if not comment.startswith("|"):
            continue
        line = comment[1:].strip()
        if line.startswith("msgid "):
            inside, line = True, line[len("msgid "):]
        elif not line.startswith('"'):
            inside = False
        if inside:
            pieces.append(unescape(line))
    return "".join(pieces) if pieces else None


def words_source(message: Message) -> str:
    """The source text of an entry (the singular form for plurals)."""
    return message.id if isinstance(message.id, str) else message.id[0]


def words(message: Message) -> int:
    """Source words of an entry (the singular form for plurals)."""
    return len(WORD.findall(words_source(message)))


def state(message: Message) -> str:
    """'translated', 'fuzzy' or 'untranslated'; fuzzy never counts as done."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    if not all(strings):
        return "untranslated"
    return "fuzzy" if message.fuzzy else "translated"


@dataclass
class Counts:
    """Entries and source words in each state."""

    entries: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))

    def add(self, message: Message) -> None:
        self.entries[state(message)] += 1
        self.words[state(message)] += words(message)

    @property
    def percent(self) -> float:
        total = sum(self.words.values())
        return round(100 * self.words["translated"] / total, 1) if total else 100.0


STATES: tuple[str, ...] = ("translated", "fuzzy", "untranslated")


@dataclass
class PageProgress:
    slug: str
    percent: float
    published: bool


@dataclass
class FuzzyEntry:
    path: str
    line: int
    context: str | None
    previous: str | None
    current: str


@dataclass
class LanguageProgress:
    lang: str
    domains: dict[str, Counts]
    pages: list[PageProgress]
    fuzzy: list[FuzzyEntry]
    prefilled: int = 0  # fuzzy entries the translation memory filled in, to review


def language_progress(settings: Settings, lang: str,
                      announcements: list[ParsedAnnouncement]) -> LanguageProgress:
    """Everything a translator of `lang` needs to know about where they stand."""
    domains, fuzzy, catalogs = {}, [], {}
    for domain in DOMAINS:
        path = catalog_path(settings.translations_dir, lang, domain)
        catalog = read_catalog(path, lang, domain)[0] or Catalog(locale=lang)
        catalogs[domain] = catalog
        counts = domains[domain] = Counts()
        for message in catalog:
            if not message.id:
                continue
            counts.add(message)
            if message.fuzzy:
                fuzzy.append(FuzzyEntry(display_path(path), message.lineno or 0,
                                        message.context, previous_text(message),
                                        words_source(message)))
    pages = [page_progress(catalogs["content"], a) for a in announcements]
    prefilled = sum(1 for m in catalogs["content"] if m.fuzzy and any(
        c.startswith(MEMORY_PREFIX) for c in m.user_comments))
    return LanguageProgress(lang, domains, pages, fuzzy, prefilled)


def page_progress(catalog: Catalog, announcement: ParsedAnnouncement) -> PageProgress:
    """Share of a page's words translated, and whether the page exists in that language."""
    page, counts, done = announcement.announcement, Counts(), set()
    for message in catalog:
        if message.context and message.context.split(":")[0] == page.slug:
            counts.add(message)
            if state(message) != "untranslated":  # fuzzy counts: the page exists
                done.add(message.context.split(":")[1])
    needed = {"title"} | ({"chapeau"} if page.chapeau else set())
    return PageProgress(page.slug, counts.percent, page.published and needed <= done)


def as_json(progress: list[LanguageProgress]) -> list[dict[str, Any]]:
    return [asdict(item) for item in progress]


def as_text(progress: list[LanguageProgress]) -> str:
    """A report readable in a terminal."""
    out = []
    for item in progress:
        out.append(f"== {item.lang} ==")
        for domain, counts in item.domains.items():
            e, w = counts.entries, counts.words
            out.append(
                f"  {domain:9} {counts.percent:5.1f} % of words | translated {e['translated']} "
                f"({w['translated']} words), fuzzy {e['fuzzy']} ({w['fuzzy']} words), "
                f"untranslated {e['untranslated']} ({w['untranslated']} words)")
        if item.prefilled:
            out.append(f"  {item.prefilled} content entr{'y' if item.prefilled == 1 else 'ies'}"
                       " pre-filled by the translation memory (fuzzy: review them)")
        for page in item.pages:
            shown = "published" if page.published else "not published in this language"
            out.append(f"  page {page.slug}: {page.percent:.1f} % of words, {shown}")
        for entry in item.fuzzy:
            out.append(f"  fuzzy {entry.path}:{entry.line} [{entry.context or ''}]")
            out.append(f"    was: {entry.previous or '(no previous text recorded)'}")
            out.append(f"    now: {entry.current}")
    return "\n".join(out)
