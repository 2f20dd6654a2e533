"""Catalogs at run time: validated, compiled to `.mo` for Flask-Babel, content indexed by key."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import NullTranslations, Translations

from app.problems import Problem
from app.translation.pofiles import DOMAINS, catalog_path
from app.translation.validate import Language, validate


@dataclass(frozen=True)
class ContentIndex:
    """Where each content segment of a language stands, from its validated `.po`: reviewed,
    or fuzzy (to review) with its draft.

    The reviewed text itself is read from the compiled `.mo` through Flask-Babel's `content`
    domain. The `.mo` cannot say the rest: msgfmt and Babel leave fuzzy entries out of it (so
    a fuzzy title would make the page vanish), and gettext answers a missing entry with the
    French itself (so "VivaTech" translated as "VivaTech" would look untranslated). Both come
    from the `.po` read at the same load as the `.mo` is written, as for interface strings."""

    reviewed: frozenset[tuple[str, str]] = frozenset()
    drafts: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> ContentIndex:
        reviewed: set[tuple[str, str]] = set()
        drafts: dict[tuple[str, str], str] = {}
        for message in catalog:
            if not isinstance(message.id, str) or not isinstance(message.string, str) or (
                    not message.id or not message.string):
                continue  # content entries are singular: a plural one is not ours
            key = (message.context or "", message.id)
            if message.fuzzy:
                drafts[key] = message.string
            else:
                reviewed.add(key)
        return cls(frozenset(reviewed), drafts)


@dataclass(frozen=True)
class ContentCatalog:
    """The content translations of one language: reviewed text from the compiled catalog
    (on the site, Flask-Babel's `content` domain), the state of each entry from its index."""

    index: ContentIndex = field(default_factory=ContentIndex)
    translations: NullTranslations = field(default_factory=NullTranslations)

    def get(self, context: str, text: str) -> str | None:
        """The reviewed translation of `text`, or None (untranslated or fuzzy)."""
        if (context, text) not in self.index.reviewed:
            return None
        translated: str = self.translations.upgettext(context, text)
        return translated

    def known(self, context: str, text: str) -> bool:
        """Whether `text` has a translation, reviewed or fuzzy (to review)."""
        return (context, text) in self.index.reviewed or (context, text) in self.index.drafts

    def get_fuzzy(self, context: str, text: str) -> str | None:
        """A translation still to review (shown only in the translator preview)."""
        return self.index.drafts.get((context, text))


def compiled(catalog: Catalog) -> bytes:
    """A catalog as `.mo` bytes; fuzzy entries are left out, as msgfmt does."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_mo(catalog: Catalog, po: Path) -> bool:
    """Write the `.mo` Flask-Babel reads beside its `.po`, when it differs; True if written."""
    data, mo = compiled(catalog), po.with_suffix(".mo")
    if mo.is_file() and mo.read_bytes() == data:
        return False
    mo.write_bytes(data)
    return True


def done_ids(catalog: Catalog) -> set[str]:
    """The msgids (singular) whose translation is complete and reviewed."""
    done: set[str] = set()
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and all(strings) and not message.fuzzy:
            done.add(message.id if isinstance(message.id, str) else message.id[0])
    return done


class Catalogs:
    """Every language's catalogs: validated, compiled for Flask-Babel, reloadable."""

    def __init__(self, directory: str, languages: list[str], in_progress: tuple[str, ...] = ()):
        self.directory = Path(directory)
        self.source = languages[0]
        self.languages = [Language(code, code not in in_progress) for code in languages[1:]]
        # The interface in memory, for what is needed outside a request (page addresses).
        self.ui: dict[str, NullTranslations] = {self.source: NullTranslations()}
        self.done: dict[str, set[str]] = {}  # reviewed interface msgids, per language
        self.content: dict[str, ContentIndex] = {self.source: ContentIndex()}
        self.stamps: dict[Path, int] = {}

    def files(self) -> list[Path]:
        paths = [catalog_path(self.directory, language.code, domain)
                 for language in self.languages for domain in DOMAINS]
        return [self.directory / "messages.pot", *paths]

    def load(self, write: bool = True) -> list[Problem]:
        """Validate and compile every catalog; return the problems (the previous state is
        kept on error). Stamps are taken first: a file saved meanwhile is read again."""
        stamps = self._stamps()
        catalogs, problems = validate(self.directory, self.languages)
        if any(not problem.warning for problem in problems):
            return problems  # stamps unchanged: the next request validates again
        ui, content = dict(self.ui), dict(self.content)
        for language in self.languages:
            lang = language.code
            messages, texts = catalogs[lang, "messages"], catalogs[lang, "content"]
            ui[lang] = Translations(io.BytesIO(compiled(messages)), domain="messages")
            self.done[lang] = done_ids(messages)
            content[lang] = ContentIndex.from_catalog(texts)
            if write:
                for domain, catalog in (("messages", messages), ("content", texts)):
                    compile_mo(catalog, catalog_path(self.directory, lang, domain))
        self.ui, self.content, self.stamps = ui, content, stamps
        return problems

    def _stamps(self) -> dict[Path, int]:
        return {path: path.stat().st_mtime_ns for path in self.files() if path.exists()}

    def changed(self) -> bool:
        """Whether a catalog was saved since the last load (for reloading in debug mode)."""
        return self._stamps() != self.stamps
