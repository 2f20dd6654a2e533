"""The export's PDFs: made once, reused by every later export while their page is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.export.freeze import freeze
from tests.helpers import post

ANNOUNCEMENTS = {
    f"2025-0{n}-01-annonce-{n}.md": post(f"Annonce numéro {n}", f"Le texte de l’annonce {n}.",
                                         front=f"slug: annonce-{n}\n"
                                         "event_start_date: 2025-06-02\n")
    for n in (1, 2, 3)
}


def pdfs(export: Path) -> dict[str, bytes]:
    return {path.relative_to(export).as_posix(): path.read_bytes()
            for path in sorted(export.rglob("*.pdf"))}


@pytest.fixture
def site(write_content, make_app):
    folder = write_content(ANNOUNCEMENTS)
    return folder, make_app(folder, TODAY="2026-01-05")


def test_a_second_export_reuses_every_pdf_and_writes_the_same_files(site, tmp_path):
    _, app = site
    first = freeze(app, tmp_path / "site")
    assert (first.pdfs.made, first.pdfs.reused) == (3, 0)  # French only: no translation
    assert first.pdfs.folder == tmp_path / "site.pdf-cache"
    written = pdfs(tmp_path / "site")
    assert set(written) == {f"fr/annonce-{n}/annonce-{n}-fr.pdf" for n in (1, 2, 3)}
    second = freeze(app, tmp_path / "site")
    assert (second.pdfs.made, second.pdfs.reused) == (0, 3)
    assert pdfs(tmp_path / "site") == written


def test_an_edited_announcement_alone_gets_a_new_pdf_and_the_old_one_is_dropped(site,
                                                                               make_app,
                                                                               tmp_path):
    folder, app = site
    freeze(app, tmp_path / "site")
    before = pdfs(tmp_path / "site")
    (folder / "2025-02-01-annonce-2.md").write_text(
        post("Annonce numéro 2", "Un texte corrigé.",
             front="slug: annonce-2\nevent_start_date: 2025-06-02\n"),
        encoding="utf-8")
    again = freeze(make_app(folder, TODAY="2026-01-05"), tmp_path / "site")
    assert (again.pdfs.made, again.pdfs.reused) == (1, 2)
    after = pdfs(tmp_path / "site")
    assert [name for name in after if after[name] != before[name]] == [
        "fr/annonce-2/annonce-2-fr.pdf"]
    assert len(list((tmp_path / "site.pdf-cache").rglob("*.pdf"))) == 3


def test_a_later_day_reuses_the_pdf_which_keeps_the_day_it_was_made(site, make_app, tmp_path):
    folder, app = site
    freeze(app, tmp_path / "site")
    before = pdfs(tmp_path / "site")
    later = freeze(make_app(folder, TODAY="2026-01-06"), tmp_path / "site")
    assert later.pdfs.made == 0
    assert pdfs(tmp_path / "site") == before


def test_the_cache_folder_can_be_set_and_is_shared_with_the_server(site, make_app, tmp_path):
    folder, _ = site
    shared = tmp_path / "shared-cache"
    served = make_app(folder, TODAY="2026-01-05", PDF_CACHE_DIR=str(shared))
    pdf = served.test_client().get("/fr/annonce-1/annonce-1-fr.pdf").data
    assert [path.read_bytes() for path in shared.rglob("*.pdf")] == [pdf]
    export = freeze(make_app(folder, TODAY="2026-01-05", PDF_CACHE_DIR=str(shared)),
                    tmp_path / "site")
    assert (export.pdfs.made, export.pdfs.reused, export.pdfs.folder) == (2, 1, shared)
    assert pdfs(tmp_path / "site")["fr/annonce-1/annonce-1-fr.pdf"] == pdf
