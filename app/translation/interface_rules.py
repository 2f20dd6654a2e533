"""What an interface translation must be: placeholders kept, text only, page addresses as
slugs, complete in a public language."""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog, Message

from app.problems import Problem
from app.translation.content_rules import foreign_html
from app.translation.entries import EntryKey, Language, entry_key, sources, strings

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A printf placeholder as Python's % operator reads it: %(name)s, %s, %%, %5.2f...
PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
                         r"(?P<kind>[diouxXeEfFgGcrsa%])?")


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
