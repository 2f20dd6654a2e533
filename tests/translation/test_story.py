"""A translator's whole story with a French edit: the English page never disappears, the
changed passage shows in French (marked) until reviewed, and undoing the edit brings the
translation back. Also: the translation memory and files that stay byte-identical."""

from __future__ import annotations

import shutil

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from app import create_app
from app.cli import i18n
from app.config import PROJECT_ROOT
from tests.helpers import post, soup, spaced

SLUG = "salon"
FRENCH = "Plus de 4 000 offres à pourvoir."
EDITED = "Plus de 4 500 offres à pourvoir."
ENGLISH = {
    "Le salon": "The fair",
    FRENCH: "More than 4,000 positions to fill.",
    "Premier paragraphe.": "First paragraph.",
    "À propos de la DINUM.": "About DINUM.",
}


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A site of one announcement, its English interface as shipped, content untranslated."""
    (tmp_path / "content").mkdir()
    write_post(tmp_path, FRENCH)
    (tmp_path / "translations" / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "translations" / "messages.pot", tmp_path / "translations")
    shutil.copy(PROJECT_ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po",
                tmp_path / "translations" / "en" / "LC_MESSAGES")
    shutil.copy(PROJECT_ROOT / "settings.toml", tmp_path)
    for name in ("CONTENT_DIR", "TRANSLATIONS_DIR"):
        monkeypatch.setenv(f"FLASK_{name}", str(tmp_path / name.split("_")[0].lower()))
    monkeypatch.setenv("FLASK_SETTINGS_FILE", str(tmp_path / "settings.toml"))
    run("extract")
    run("init", "en")  # creates content.po; messages.po is there
    run("update")
    return tmp_path


def write_post(site, chapeau: str) -> None:
    text = post("Le salon", "Premier paragraphe.\n\nÀ propos de la DINUM.",
                front=f"chapeau-text: {chapeau}\n")
    (site / "content" / f"{SLUG}.md").write_text(text, encoding="utf-8")


def run(*args: str) -> str:
    result = CliRunner().invoke(i18n, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def content_po(site):
    return site / "translations" / "en" / "LC_MESSAGES" / "content.po"


def translate(site, strings: dict[str, str], review: bool = True) -> None:
    """What Poedit does: fill in msgstr, and (reviewing) remove the fuzzy flag."""
    with content_po(site).open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id in strings:
            message.string = strings[message.id]
            if review:
                message.flags.discard("fuzzy")
    with content_po(site).open("wb") as handle:
        write_po(handle, catalog, width=79, include_previous=True)


def english_page():
    """The English page as a fresh site serves it: (status, page)."""
    response = create_app({"TESTING": True}).test_client().get(f"/en/{SLUG}/")
    return response.status_code, soup(response)


def chapeau(page):
    block = page.find(class_="announcement__chapeau").p
    return spaced(block.get_text()), block.get("lang")  # French typography's spaces as spaces


def test_an_edit_of_the_french_keeps_the_english_page_until_a_translator_reviews_it(site):
    translate(site, ENGLISH)
    assert english_page()[0] == 200

    write_post(site, EDITED)
    run("extract")
    run("update")
    status, page = english_page()
    assert status == 200
    assert chapeau(page) == (EDITED, "fr")
    assert page.h1.get_text() == "The fair"
    assert "Some parts of this page are not translated yet" in page.get_text()
    home = create_app({"TESTING": True}).test_client().get("/en/")
    assert f"/en/{SLUG}/" in home.get_data(as_text=True)

    translate(site, {EDITED: "More than 4,500 positions to fill."})
    status, page = english_page()
    assert (status, chapeau(page)) == (200, ("More than 4,500 positions to fill.", None))


def test_undoing_the_french_edit_brings_the_translation_back(site):
    translate(site, ENGLISH)
    write_post(site, EDITED)
    run("extract")
    run("update")
    write_post(site, FRENCH)
    run("extract")
    run("update")
    status, page = english_page()
    assert (status, chapeau(page)) == (200, ("More than 4,000 positions to fill.", None))
    with content_po(site).open("rb") as handle:
        assert not [m for m in read_po(handle) if m.fuzzy]


def test_undoing_the_french_edit_after_the_new_text_was_reviewed_brings_the_old_one_back(site):
    translate(site, ENGLISH)
    write_post(site, EDITED)
    run("extract")
    run("update")
    translate(site, {EDITED: "More than 4,500 positions to fill."})
    assert chapeau(english_page()[1]) == ("More than 4,500 positions to fill.", None)
    write_post(site, FRENCH)
    run("extract")
    run("update")
    status, page = english_page()
    assert (status, chapeau(page)) == (200, ("More than 4,000 positions to fill.", None))
    run("extract")
    run("update")
    files = {path: path.read_bytes() for path in (site / "translations").rglob("*.po*")}
    run("extract")
    run("update")
    assert {path: path.read_bytes() for path in files} == files  # and stable after


def test_a_paragraph_deleted_while_its_translation_is_fuzzy_leaves_a_readable_catalog(site):
    translate(site, ENGLISH)
    write_post(site, EDITED)
    run("extract")
    run("update")  # the chapeau's translation is fuzzy, with the previous French
    write_post(site, "")
    run("extract")
    run("update")  # ...and now obsolete: GNU writes `#~| msgid`, which Babel cannot read
    assert english_page()[0] == 200
    assert CliRunner().invoke(i18n, ["check"]).exit_code == 0


def test_the_memory_prefills_a_french_paragraph_translated_on_another_page(site):
    translate(site, ENGLISH)
    text = post("Un autre salon", "À propos de la DINUM.", front="chapeau-text: Encore.\n")
    (site / "content" / "autre.md").write_text(text, encoding="utf-8")
    run("extract")
    run("update")
    with content_po(site).open("rb") as handle:
        catalog = read_po(handle)
    [entry] = [m for m in catalog if m.context == "autre:body"]
    assert (entry.string, entry.fuzzy) == ("About DINUM.", True)
    assert entry.user_comments == [
        f"Pre-filled from {SLUG}:body: the same French is translated there (review it)"]
    assert "1 content entry pre-filled by the translation memory" in run("status")


def test_extract_and_update_without_a_change_leave_every_file_byte_identical(site):
    translate(site, ENGLISH)
    run("update")
    files = {path: path.read_bytes() for path in (site / "translations").rglob("*.po*")}
    run("extract")
    run("update")
    assert {path: path.read_bytes() for path in files} == files


def test_check_ignores_the_line_numbers_of_the_interface_template(site):
    pot = site / "translations" / "messages.pot"
    pot.write_text(pot.read_text(encoding="utf-8").replace("#: app/", "#: app/moved/"),
                   encoding="utf-8")
    result = CliRunner().invoke(i18n, ["check"])
    assert result.exit_code == 0, result.output
