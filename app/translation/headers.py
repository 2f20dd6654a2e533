"""A catalog's header: a Plural-Forms gettext can evaluate, the Language, real translator
fields."""

from __future__ import annotations

import gettext
import re

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural

from app.problems import Problem
from app.translation.entries import strings, written


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
