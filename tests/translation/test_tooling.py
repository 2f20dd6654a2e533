"""Catalog round trips: what a translator's tools do to the catalogs never loses a translation."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from app.cli import i18n
from app.translation.progress import previous_text

POST = "2024-04-04-salon-du-numerique-2024.md"
EDITED = "telles sont les expertises"


@pytest.fixture
def workspace(site_copy):
    """A copy of content/ and translations/ that the i18n commands work on."""
    return site_copy


def run(*args: str) -> str:
    result = CliRunner().invoke(i18n, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def cycle() -> None:
    run("extract")
    run("update")


def catalog(workspace: Path, lang: str = "en", domain: str = "content"):
    with (workspace / "translations" / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as f:
        return read_po(f)


def translations(workspace: Path) -> dict:
    return {(m.context, m.id): m.string for m in catalog(workspace) if m.id and not m.fuzzy}


def edit(workspace: Path, old: str, new: str) -> None:
    path = workspace / "content" / POST
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def assert_msgfmt_clean(workspace: Path) -> None:
    for po in (workspace / "translations").rglob("*.po"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)


def test_a_cycle_without_source_changes_changes_no_translation(workspace):
    before = translations(workspace)
    cycle()
    assert translations(workspace) == before
    assert_msgfmt_clean(workspace)


def test_an_edited_paragraph_becomes_fuzzy_and_keeps_the_previous_french(workspace):
    cycle()
    edit(workspace, EDITED, "voilà les expertises")
    cycle()
    fuzzy = [m for m in catalog(workspace) if m.fuzzy]
    assert len(fuzzy) == 1
    assert EDITED in previous_text(fuzzy[0])
    assert "voilà les expertises" in fuzzy[0].id
    assert fuzzy[0].string.startswith("**To simplify")
    assert_msgfmt_clean(workspace)


def test_rewrapping_a_paragraph_changes_nothing(workspace):
    before = translations(workspace)
    edit(workspace, "l’action publique, l’État", "l’action publique,\nl’État")
    cycle()
    assert translations(workspace) == before
    assert not [m for m in catalog(workspace) if m.fuzzy]


def test_a_deleted_then_restored_paragraph_gets_its_translation_back(workspace):
    before = translations(workspace)
    path = workspace / "content" / POST
    original = path.read_text(encoding="utf-8")
    path.write_text(original[: original.index("Du 22 au")], encoding="utf-8")
    cycle()
    assert len(translations(workspace)) == len(before) - 1
    assert "Du 22 au" in (workspace / "translations/en/LC_MESSAGES/content.po").read_text()
    path.write_text(original, encoding="utf-8")
    cycle()
    assert translations(workspace) == before
    assert_msgfmt_clean(workspace)


def test_renaming_a_file_moves_the_references_and_keeps_the_translations(workspace):
    before = translations(workspace)
    (workspace / "content" / POST).rename(workspace / "content" / "salon-du-numerique-2024.md")
    cycle()
    assert translations(workspace) == before
    references = {loc[0] for m in catalog(workspace) for loc in m.locations}
    assert references == {"content/salon-du-numerique-2024.md"} or all(
        ref.endswith("salon-du-numerique-2024.md") and POST not in ref for ref in references)


def test_status_counts_words_and_never_counts_fuzzy_as_done(workspace):
    edit(workspace, EDITED, "voilà les expertises")
    cycle()
    report = json.loads(run("status", "--json"))
    content = report[0]["domains"]["content"]
    assert report[0]["lang"] == "en"
    assert content["entries"] == {"translated": 28, "fuzzy": 1, "untranslated": 0}
    assert content["words"]["fuzzy"] == 66
    page = report[0]["pages"][0]
    assert page["slug"] == "salon-du-numerique-2024"
    assert page["published"] is True
    assert 0 < page["percent"] < 100
    assert EDITED in report[0]["fuzzy"][0]["previous"]


def test_the_catalogs_pass_the_check():
    result = CliRunner().invoke(i18n, ["check"])
    assert result.exit_code == 0, result.output


def check_output() -> tuple[int, str]:
    result = CliRunner().invoke(i18n, ["check"])
    return result.exit_code, result.output


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


UI = "translations/en/LC_MESSAGES/messages.po"
CONTENT = "translations/en/LC_MESSAGES/content.po"


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    (UI, 'msgstr "Skip to content"', 'msgstr ""',
     r"messages\.po:\d+: untranslated: 'Aller au contenu'"),
    (UI, 'msgid "Aller au contenu"', '#, fuzzy\nmsgid "Aller au contenu"',
     r"messages\.po:\d+: fuzzy: 'Aller au contenu'"),
    (UI, 'msgstr "Published on %(date)s"', 'msgstr "Published on %(day)s"',
     r"messages\.po:\d+: .*placeholders"),
    (UI, '"Plural-Forms: ', '"X-Plural: ', r"messages\.po:1: header has no Plural-Forms field"),
    (CONTENT, 'msgstr "Digital Fair 2024: the French State out in force in 2024"',
     'msgstr "<b>Digital Fair</b> 2024"', r"content\.po:\d+: HTML in the translation"),
    (CONTENT, '"**To simplify', '"To simplify',
     r"content\.po:\d+: emphasis differ from the French"),
    (CONTENT, 'msgstr "Paris Expo Porte de Versailles"', 'msgstr "Paris Expo',
     r"content\.po:\d+: "),
    ("translations/messages.pot", 'msgid "Aller au contenu"', 'msgid "Aller au contenu !"',
     r"messages\.pot:1: out of date with the sources"),
])
def test_check_fails_on_each_bad_catalog_with_its_line(workspace, file, old, new, expected):
    replace_in(workspace / file, old, new)
    code, output = check_output()
    assert code == 1, output
    assert re.search(expected, output), output


def test_check_reports_but_accepts_untranslated_and_fuzzy_content(workspace):
    edit(workspace, EDITED, "voilà les expertises")
    cycle()
    code, output = check_output()
    assert code == 0, output


def test_status_counts_a_catalog_built_by_the_test(workspace):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po
    catalog = Catalog(locale="en", domain="content")
    catalog.add("Un titre de trois mots", "A three word title",
                context="salon-du-numerique-2024:title")
    catalog.add("Deux mots", "Two words", context="salon-du-numerique-2024:body", flags=("fuzzy",))
    catalog.add("Cinq mots restent à traduire", "", context="salon-du-numerique-2024:body")
    with (workspace / CONTENT).open("wb") as handle:
        write_po(handle, catalog)
    report = json.loads(run("status", "--json"))[0]
    content = report["domains"]["content"]
    assert content["entries"] == {"translated": 1, "fuzzy": 1, "untranslated": 1}
    assert content["words"] == {"translated": 5, "fuzzy": 2, "untranslated": 5}
    page = report["pages"][0]
    assert (page["percent"], page["published"]) == (41.7, False)  # 5 of 12 words, no chapeau
    assert report["fuzzy"][0]["current"] == "Deux mots"


def test_update_merges_a_new_interface_string_into_a_catalog_that_lacks_it(workspace):
    pot = workspace / "translations" / "messages.pot"
    pot.write_text(pot.read_text(encoding="utf-8")
                   + '\nmsgid "Une chaîne toute neuve"\nmsgstr ""\n', encoding="utf-8")
    run("update")
    assert "Une chaîne toute neuve" in [m.id for m in catalog(workspace, domain="messages")]
    code, output = check_output()
    assert code == 1 and "Une chaîne toute neuve" in output, output
