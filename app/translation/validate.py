"""One validation of the catalogs, run by `i18n check`, `i18n compile`, start-up and the
debug reload alike: what one says is broken, all refuse, with the same words."""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

from app.problems import Problem, display_path
from app.translation.pofiles import DOMAINS, catalog_path, read_catalog

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A printf placeholder as Python's % operator reads it: %(name)s, %s, %%, %5.2f...
PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
                         r"(?P<kind>[diouxXeEfFgGcrsa%])?")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# The language mark of kramdown: [texte]{: lang="fr"}; the only attribute list a translation
# may add.
LANGUAGE_MARK = re.compile(r'\[([^\[\]]+)\]\{:\s*lang="([a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)"\s*\}')
ATTRIBUTE_LIST = re.compile(r"\{:[^}]*\}")
LINK_TARGET = re.compile(r"\]\(\s*([^)\s]+)[^)]*\)|\]\[([^\]]*)\]")
CODE_SPAN = re.compile(r"`+[^`]+`+")
EMPHASIS = re.compile(r"\*\*|__|(?<![*\w])\*(?!\s)|(?<![_\w])_(?!\s)")


@dataclass(frozen=True)
class Language:
    """What the validation needs to know of a language: its code and whether it is public."""

    code: str
    public: bool = True


def markup_of(text: str) -> dict[str, list[str]]:
    """The markup a translation must keep: link targets, code spans, emphasis marks.
    Language marks are left out: a translator adds them where a passage stays French."""
    text = LANGUAGE_MARK.sub(r"\1", text)
    return {
        "links": sorted(a or b for a, b in LINK_TARGET.findall(text)),
        "code": sorted(CODE_SPAN.findall(text)),
        "emphasis": sorted(EMPHASIS.findall(text)),
    }


def foreign_html(source: str, translated: str) -> list[str]:
    """Tags of a translation that its source does not have."""
    return sorted(set(HTML_TAG.findall(translated)) - set(HTML_TAG.findall(source)))


def written(catalog: Catalog) -> dict[str, str]:
    """The header fields as written in the file (Babel fills missing ones in)."""
    return getattr(catalog, "written_header", None) or dict(catalog.mime_headers)


# An entry of a catalog: its context and its msgid (with the plural msgid, if any).
EntryKey = tuple[str | None, str | tuple[str, ...]]


def entry_key(message: Message) -> EntryKey:
    return message.context, message.id if isinstance(message.id, str) else tuple(message.id)


def strings(message: Message) -> tuple[str, ...]:
    """The translations of an entry (one, or one per plural form); empty when missing."""
    if message.string is None:
        return ("",)
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def sources(message: Message) -> tuple[str, ...]:
    """The source texts of an entry: the msgid, and the plural msgid if any."""
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def placeholder_problem(source: str, translated: str, plural: bool = False) -> str | None:
    """Why `translated` cannot replace `source` in a `%` format, or None.

    Every interface string goes through `%` (Jinja's newstyle gettext formats them all), so
    a lone % or a %(name) without its conversion letter breaks the page."""
    wanted = {m["name"] for m in PLACEHOLDER.finditer(source) if m["kind"] != "%"}
    found = []
    for match in PLACEHOLDER.finditer(translated):
        shown = match.group()
        if match["kind"] is None:
            return (f"{shown!r} is not a placeholder (write %(name)s as in the French, "
                    "or %% for a percent sign)")
        if match["kind"] != "%" and match["name"] is None and None not in wanted:
            return (f"{shown!r} is read as a placeholder (write %% for a percent sign; "
                    "placeholders must match the French)")
        if match["kind"] != "%":
            found.append(match["name"])
    names = set(found)
    # "One entity" may leave %(num)s out of a singular; an unknown name always breaks.
    missing, extra = (set() if plural else wanted - names), names - wanted
    if missing or extra:
        said = ", ".join([*(f"missing %({n})s" for n in sorted(missing, key=str)),
                          *(f"unknown %({n})s" for n in sorted(extra, key=str))])
        return f"placeholders differ from the French: {said} (use the same placeholders)"
    return None


def plural_problems(catalog: Catalog, shown: str, lang: str) -> list[Problem]:
    """A Plural-Forms header gettext can evaluate, that agrees with itself and the entries."""
    header = written(catalog).get("Plural-Forms")
    if not header:
        return [Problem(shown, 1, 'header has no Plural-Forms field (add "Plural-Forms: '
                        f'{get_plural(lang).plural_forms}\\n")')]
    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*", header)
    expected = get_plural(lang).plural_forms
    if not match:
        return [Problem(shown, 1, f"Plural-Forms {header!r} cannot be read (write: "
                        f"{expected})")]
    count = int(match[1])
    try:
        rule = gettext.c2py(match[2])
        values = {rule(n) for n in range(1000)}
    except (ValueError, SyntaxError, ZeroDivisionError):
        return [Problem(shown, 1, f"Plural-Forms: the formula {match[2]!r} is not valid "
                        f"(write: {expected})")]
    problems = []
    if not values <= set(range(count)):
        problems.append(Problem(shown, 1, f"Plural-Forms: the formula gives form "
                                f"{max(values)} but nplurals is {count} (write: {expected})"))
    for message in catalog:
        if isinstance(message.id, tuple) and len(strings(message)) != count:
            problems.append(Problem(shown, message.lineno or 1, f"{len(strings(message))} "
                                    f"plural forms where the header says {count} "
                                    "(one msgstr[n] per form)"))
    return problems


def address_problem(source: str, translated: str) -> str | None:
    """A translated file address stays on the site and keeps the format of the French."""
    parts = urlsplit(translated)
    if parts.scheme or parts.netloc or not translated.startswith("/"):
        return (f"the address {translated!r} leaves the site (give a path on this site "
                "starting with /, or leave the msgstr empty)")
    if PurePosixPath(parts.path).suffix.lower() != PurePosixPath(
            urlsplit(source).path).suffix.lower():
        return (f"the address {translated!r} is not in the format of the French file, "
                f"{PurePosixPath(urlsplit(source).path).suffix or 'none'} (link the same "
                "kind of file, or leave the msgstr empty)")
    return None


def interface_problems(catalog: Catalog, shown: str, language: Language,
                       template: set[EntryKey] | None) -> list[Problem]:
    """Placeholders, HTML, page addresses, completeness of an interface catalog."""
    problems: list[Problem] = []
    todo: list[Message] = []  # untranslated in a language in progress: one warning
    for message in catalog:
        if not message.id:
            continue
        line = message.lineno or 1
        done = all(strings(message)) and not message.fuzzy
        if not done and not language.public:
            todo.append(message)
            continue
        if not done:
            state = "fuzzy" if message.fuzzy and all(strings(message)) else "untranslated"
            what = "review it, then remove the fuzzy flag" if state == "fuzzy" else "translate it"
            problems.append(Problem(shown, line, f"{state}: {sources(message)[0]!r} ({what})"))
            continue
        ids = sources(message)
        for index, translated in enumerate(strings(message)):
            source = ids[min(index, len(ids) - 1)]
            found = placeholder_problem(source, translated, plural=len(ids) > 1)
            if found:
                problems.append(Problem(shown, line, found))
            tags = foreign_html(source, translated)
            if tags:
                problems.append(Problem(shown, line, f"HTML in the translation: {tags} "
                                        "(write text only: it is shown as typed)"))
        if message.context == "slug" and not SLUG.fullmatch(strings(message)[0]):
            problems.append(Problem(shown, line, f"the page address {strings(message)[0]!r} "
                                    "must be lowercase ASCII words joined by hyphens (write "
                                    "it like accessibility-statement)"))
    if todo:
        problems.append(Problem(shown, todo[0].lineno or 1, f"{len(todo)} interface strings are "
                                f"not translated yet, the first here ({sources(todo[0])[0]!r}); "
                                "the language stays in progress until they are", warning=True))
    if template is not None:
        missing = template - {entry_key(m) for m in catalog if m.id}
        if missing:
            first = sorted(missing, key=str)[0][1]
            problems.append(Problem(shown, 1, f"stale: {len(missing)} interface string(s) of "
                                    f"messages.pot are missing, such as {first!r} "
                                    "(run flask --app app i18n update)",
                                    warning=not language.public))
    return problems


def content_problems(catalog: Catalog, shown: str) -> list[Problem]:
    """Markup parity, no HTML, only language marks, addresses on the site."""
    problems = []
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if not isinstance(message.id, str) or not isinstance(message.string, str):
            continue  # content entries are singular: a plural one is not ours
        line, source, translated = message.lineno or 1, message.id, message.string
        if (message.context or "").endswith(":file"):
            found = address_problem(source, translated)
            if found:
                problems.append(Problem(shown, line, found))
            continue
        before, after = markup_of(source), markup_of(translated)
        for kind, marks in before.items():
            if marks != after[kind]:
                problems.append(Problem(shown, line, f"{kind} differ from the French: "
                                        f"{marks} vs {after[kind]} (keep the same {kind})"))
        tags = foreign_html(source, translated)
        if tags:
            problems.append(Problem(shown, line, f"HTML in the translation: {tags} (write "
                                    "markdown; mark French words as [mot]{: lang=\"fr\"})"))
        extra = ATTRIBUTE_LIST.findall(LANGUAGE_MARK.sub("", translated))
        if len(extra) > len(ATTRIBUTE_LIST.findall(source)):
            problems.append(Problem(shown, line, f"attribute list {extra[0]!r}: only the "
                                    'language mark [mot]{: lang="fr"} may be added'))
    return problems


PLACEHOLDER_HEADERS = ("FULL NAME", "EMAIL@ADDRESS", "LL@li.org")


def header_problems(catalog: Catalog, shown: str, lang: str) -> list[Problem]:
    """The Language header (harmless when missing: the folder says it) and the placeholder
    values of a template's header: warnings."""
    problems = [
        Problem(shown, 1, f"header {name}: {value!r} is a placeholder (write the team's or your "
                "name and address, as Poedit and Weblate do)", warning=True)
        for name, value in written(catalog).items()
        if name in ("Last-Translator", "Language-Team") and any(
            mark in value for mark in PLACEHOLDER_HEADERS)
    ]
    return problems + language_problems(catalog, shown, lang)


def language_problems(catalog: Catalog, shown: str, lang: str) -> list[Problem]:
    found = written(catalog).get("Language")
    if not found:
        return [Problem(shown, 1, f'header has no Language field (add "Language: {lang}\\n")',
                        warning=True)]
    if Locale.parse(found.replace("-", "_")).language != lang:
        return [Problem(shown, 1, f"header says Language: {found} in the folder of {lang} "
                        f'(write "Language: {lang}\\n")', warning=True)]
    return []


def template_ids(directory: Path) -> set[EntryKey] | None:
    """The entries of messages.pot, to tell a stale interface catalog (None: no template)."""
    template = directory / "messages.pot"
    if not template.is_file():
        return None
    catalog = read_catalog(template, None, "messages")[0]
    return None if catalog is None else {entry_key(m) for m in catalog if m.id}


def validate(directory: str | Path, languages: Iterable[Language]) -> tuple[
        dict[tuple[str, str], Catalog], list[Problem]]:
    """Every catalog of every language, read and checked; one broken catalog never hides the
    others' problems. Returns the catalogs that could be read, and all problems."""
    directory = Path(directory)
    expected = template_ids(directory)
    catalogs, problems = {}, []
    for language in languages:
        for domain in DOMAINS:
            path = catalog_path(directory, language.code, domain)
            catalog, found = read_catalog(path, language.code, domain)
            problems += found
            if catalog is None:
                continue
            shown = display_path(path)
            problems += header_problems(catalog, shown, language.code)
            problems += plural_problems(catalog, shown, language.code)
            if domain == "messages":
                problems += interface_problems(catalog, shown, language, expected)
            else:
                problems += content_problems(catalog, shown)
            catalogs[language.code, domain] = catalog
    return catalogs, problems
