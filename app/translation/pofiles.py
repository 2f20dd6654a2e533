"""Reading `.po` files: every way a hand-edited catalog can be broken, named at its line."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser

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


def _bad_lines(text: str) -> Iterator[tuple[int, str]]:
    """(number, line) of each line PO_LINE refuses."""
    for match in BAD_PO_LINE.finditer(text):
        line = match.group()
        if not PO_LINE.fullmatch(line):  # the slow check confirms the fast one
            yield text.count("\n", 0, match.start()) + 1, line


def catalog_path(directory: str | Path, lang: str, domain: str) -> Path:
    """Where the `domain` catalog of `lang` lives (the layout Poedit and Weblate expect)."""
    return Path(directory) / lang / "LC_MESSAGES" / f"{domain}.po"


class _Recording(Catalog):
    """A catalog that notes entries defined twice (Babel merges them silently; msgfmt and
    Weblate refuse them)."""

    def __init__(self, locale: str | None, domain: str) -> None:
        super().__init__(locale=locale, domain=domain)
        self.duplicates: list[Message] = []
        self.written_header: dict[str, str] = {}

    def __setitem__(self, id: str | tuple[str, ...] | list[str], message: Message) -> None:
        if not id:  # Babel fills missing header fields from the locale: keep what is written
            self.written_header = dict(
                line.split(":", 1) for line in str(message.string).splitlines() if ":" in line)
            self.written_header = {k.strip(): v.strip() for k, v in self.written_header.items()}
        if id and self._key_for(id, message.context) in self._messages:
            self.duplicates.append(message)
        super().__setitem__(id, message)


def read_catalog(path: Path, lang: str | None, domain: str) -> tuple[Catalog | None,
                                                                     list[Problem]]:
    """Parse one `.po` file; a broken one gives a problem at its line instead."""
    shown = display_path(path)
    if not path.is_file():
        return None, [Problem(shown, 1, f"missing catalog (run: flask --app app i18n init {lang})")]
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(shown, 1, "the file starts with a byte order mark (BOM): save it "
                              "as UTF-8 without BOM (Poedit and Weblate do)")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, [Problem(shown, line, "not UTF-8 text: save the file as UTF-8")]
    problems = [
        Problem(shown, number, f"not a .po line: {line.strip()[:60]!r} "
                "(close the quotes, escape a quote inside a text as \\\", or start the line "
                "with msgid, msgstr or #)")
        for number, line in _bad_lines(text.replace("\r\n", "\n"))
    ]
    if problems:
        return None, problems
    if "\r\n" in text:
        problems.append(Problem(shown, 1, "Windows line ends (CRLF): harmless, but save with "
                                "LF line ends so that diffs stay readable", warning=True))
    catalog = _Recording(locale=lang, domain=domain)
    try:
        parser = PoFileParser(catalog, abort_invalid=True)
        parser.parse(io.StringIO(text.replace("\r\n", "\n")))
    except PoFileError as error:
        reason = str(error).rsplit(" on ", 1)[0]
        if "num_plurals" in reason:
            reason = ("more plural forms (msgstr[n]) than the nplurals of the Plural-Forms "
                      "header (fix the header, or remove the extra forms)")
        else:
            reason += " (fix the .po syntax)"
        return None, [Problem(shown, error.lineno + 1, reason)]
    except ValueError as error:
        return None, [Problem(shown, 1, f"cannot read catalog: {error} (fix the header)")]
    problems += [
        Problem(shown, message.lineno or 1, f"{message.id!r} is defined twice "
                "(keep one entry, delete the other)")
        for message in catalog.duplicates
    ]
    return (None if catalog.duplicates else catalog), problems


