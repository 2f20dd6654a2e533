"""One validation of the catalogs, run by `i18n check`, `i18n compile`, start-up and the
debug reload alike: what one says is broken, all refuse, with the same words."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog

from app.problems import Problem, display_path
from app.translation.content_rules import content_problems
from app.translation.entries import EntryKey, Language, entry_key
from app.translation.headers import header_problems, plural_problems
from app.translation.interface_rules import interface_problems
from app.translation.pofiles import DOMAINS, catalog_path, read_catalog


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
