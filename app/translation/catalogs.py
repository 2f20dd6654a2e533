"""Catalogs: the UI and content translations of every language, read from the `.po` files."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from app.problems import Problem, display_path

DOMAINS = ("messages", "content")
# One .po line: blank, a comment, a keyword with a string, or a string continuing the previous.
PO_STRING = r'"(?:[^"\\]|\\.)*"'
PO_LINE = re.compile(
    rf'\s*(?:#.*|(?:#~\s*)?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{PO_STRING}'
    rf'|(?:#~\s*)?{PO_STRING})?\s*'
)


# PO_LINE for a whole file at once: a line that is not one (so a catalog of 20,000 entries is
# checked in one pass of the regex engine, not 150,000 calls). Whitespace stops at the newline;
# the string is PO_STRING unrolled (no alternation per character: 4 times faster).
_SPACE, _STRING = r"[^\S\n]", r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
BAD_PO_LINE = re.compile(
    rf'^(?!{_SPACE}*(?:#.*|(?:#~{_SPACE}*)?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)'
    rf'{_SPACE}+{_STRING}|(?:#~{_SPACE}*)?{_STRING})?{_SPACE}*$).*', re.MULTILINE)


def syntax_problems(path: Path) -> list[Problem]:
    """Lines Babel's lenient parser would accept but msgfmt rejects (an unclosed quote...)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return [
        Problem(display_path(path), number, f"not a .po line: {line.strip()[:60]!r} "
                "(close the quotes, or start the line with msgid, msgstr or #)")
        for number, line in _bad_lines(text)
    ]


def _bad_lines(text: str) -> Iterator[tuple[int, str]]:
    """(number, line) of each line PO_LINE refuses."""
    for match in BAD_PO_LINE.finditer(text):
        line = match.group()
        if not PO_LINE.fullmatch(line):  # the slow check confirms the fast one
            yield text.count("\n", 0, match.start()) + 1, line


def catalog_path(directory: str | Path, lang: str, domain: str) -> Path:
    """Where the `domain` catalog of `lang` lives (the layout Poedit and Weblate expect)."""
    return Path(directory) / lang / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(path: Path, lang: str, domain: str) -> tuple[Catalog | None, list[Problem]]:
    """Parse one `.po` file; a broken one gives a problem at its line instead."""
    shown = display_path(path)
    if not path.is_file():
        return None, [Problem(shown, 1, f"missing catalog (run: flask --app app i18n init {lang})")]
    problems = syntax_problems(path)
    if problems:
        return None, problems
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=domain, abort_invalid=True)
    except PoFileError as error:
        reason = str(error).rsplit(" on ", 1)[0]
        return None, [Problem(shown, error.lineno + 1, f"{reason} (fix the .po syntax)")]
    except (UnicodeDecodeError, ValueError) as error:
        return None, [Problem(shown, 1, f"cannot read catalog: {error} (save it as UTF-8)")]
    problems = []
    # Content is never %-formatted, so only interface strings have placeholders to check.
    checked = catalog.check() if domain == "messages" else ()
    for message, errors in checked:
        problems += [
            Problem(shown, message.lineno or 1, f"{error} (use the same placeholders as msgid)")
            for error in errors
        ]
    return catalog, problems


@dataclass(frozen=True)
class ContentCatalog:
    """Translations of content segments, keyed by (context, French text)."""

    translated: dict[tuple[str, str], str] = field(default_factory=dict)
    fuzzy: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> ContentCatalog:
        translated, fuzzy = {}, {}
        for message in catalog:
            if not message.id or not isinstance(message.string, str) or not message.string:
                continue
            key = (message.context or "", message.id)
            (fuzzy if message.fuzzy else translated)[key] = message.string
        return cls(translated, fuzzy)

    def get(self, context: str, text: str) -> str | None:
        """The reviewed translation of `text`, or None (untranslated or fuzzy)."""
        return self.translated.get((context, text))

    def get_fuzzy(self, context: str, text: str) -> str | None:
        """A translation still to review (shown only in the translator preview)."""
        return self.fuzzy.get((context, text))


def ui_translations(catalog: Catalog) -> Translations:
    """Compile a UI catalog in memory; fuzzy entries are left out, as msgfmt does."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain="messages")


def stale_problems(catalog: Catalog, expected: set, path: Path) -> list[Problem]:
    """An interface catalog missing entries of the template would show French silently."""
    missing = expected - {(m.context, m.id) for m in catalog if m.id}
    if not missing:
        return []
    first = sorted(missing, key=str)[0][1]
    return [Problem(display_path(path), 1, f"stale: {len(missing)} interface string(s) of "
                    f"messages.pot are missing, such as {first!r} "
                    "(run flask --app app i18n update)")]


class Catalogs:
    """Every language's catalogs, loaded together and reloadable when the files change."""

    def __init__(self, directory: str, languages: list[str]):
        self.directory = Path(directory)
        self.source = languages[0]
        self.languages = languages
        self.ui: dict[str, NullTranslations] = {self.source: NullTranslations()}
        self.content: dict[str, ContentCatalog] = {self.source: ContentCatalog()}
        self.stamps: dict[Path, float] = {}

    def files(self) -> list[Path]:
        return [
            catalog_path(self.directory, lang, domain)
            for lang in self.languages[1:]
            for domain in DOMAINS
        ]

    def interface_ids(self) -> set | None:
        """The entries of the interface template, to tell a stale catalog (None: no template)."""
        template = self.directory / "messages.pot"
        if not template.is_file():
            return None
        with template.open("rb") as handle:
            return {(m.context, m.id) for m in read_po(handle) if m.id}

    def load(self) -> list[Problem]:
        """Read every catalog; return the problems (the previous state is kept on error)."""
        problems: list[Problem] = []
        ui, content = dict(self.ui), dict(self.content)
        expected = self.interface_ids()
        for lang in self.languages[1:]:
            messages, found = read_catalog(catalog_path(self.directory, lang, "messages"),
                                           lang, "messages")
            problems += found
            texts, found = read_catalog(catalog_path(self.directory, lang, "content"),
                                        lang, "content")
            problems += found
            if messages is not None and expected is not None:
                problems += stale_problems(messages, expected,
                                           catalog_path(self.directory, lang, "messages"))
            if messages is not None:
                ui[lang] = ui_translations(messages)
            if texts is not None:
                content[lang] = ContentCatalog.from_catalog(texts)
        if not problems:
            self.ui, self.content = ui, content
        self.stamps = self._stamps()
        return problems

    def _stamps(self) -> dict[Path, float]:
        return {path: path.stat().st_mtime_ns for path in self.files() if path.exists()}

    def changed(self) -> bool:
        """Whether a catalog was saved since the last load (for reloading in debug mode)."""
        return self._stamps() != self.stamps
