"""`i18n init | compile | check`: a new language's catalogs, the `.mo` files, the CI gate."""

from __future__ import annotations

from datetime import UTC, datetime

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from app.problems import Problem, display_path, errors_only
from app.settings import Settings
from app.translation.catalogs import compile_mo
from app.translation.gettext_tools import msgfmt_problems, write_catalog
from app.translation.pofiles import DOMAINS, catalog_path
from app.translation.pot import extract_content, extract_messages, template_path
from app.translation.validate import Language, validate


def languages_of(settings: Settings) -> list[Language]:
    """The translated languages, public or in progress."""
    return [Language(code, code not in settings.in_progress) for code in settings.languages[1:]]


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
