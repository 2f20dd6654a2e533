"""All announcements of a content folder, loaded and checked together, newest first."""

from __future__ import annotations

import pytest

from app.content.announcements import content_files, load_announcements
from tests.helpers import post

ZONE = "Europe/Paris"
LIMIT = 2 * 1024 * 1024


@pytest.fixture
def load(write_content, tmp_path, monkeypatch):
    """load({name: text}) -> (announcements, [str(problem), ...]), paths as content/<name>."""
    monkeypatch.chdir(tmp_path)

    def load(files: dict[str, str | bytes]):
        announcements, problems = load_announcements(write_content(files), ZONE, LIMIT)
        return announcements, [str(problem) for problem in problems]

    return load


def test_announcements_come_newest_first_and_drafts_are_kept(load):
    announcements, problems = load({
        "2023-12-31-ancienne.md": post(date=""),
        "2024-04-04-brouillon.md": post(date="2024-04-04 16:31:00 +02:00",
                                        front="published: false\n"),
        "2024-06-01-recente.md": post(date="2024-06-01T08:00:00Z"),
        "2024-05-01-milieu.md": post(date="2024-05-01"),
    })

    assert problems == []
    assert [(a.announcement.slug, a.announcement.published) for a in announcements] == [
        ("recente", True), ("milieu", True), ("brouillon", False), ("ancienne", True)]


def test_moments_written_with_different_offsets_are_ordered_as_instants(load):
    announcements, _ = load({
        "paris.md": post(date="2024-04-04 01:00:00 +02:00"),  # 2024-04-03 23:00 UTC
        "utc.md": post(date="2024-04-03T23:30:00Z"),
        "montreal.md": post(date="2024-04-03 21:00:00 -04:00"),  # 2024-04-04 01:00 UTC
    })

    assert [a.announcement.slug for a in announcements] == ["montreal", "utc", "paris"]


def test_each_announcement_carries_its_body_cut_into_segments_at_file_lines(load):
    announcements, _ = load({"2024-04-04-annonce.md": post(body="Premier.\n\nSecond.")})

    assert [(s.text, s.line) for s in announcements[0].document.segments] == [
        ("Premier.", 5), ("Second.", 7)]


def test_two_files_with_one_slug_are_an_error_naming_both_paths(load):
    announcements, problems = load({
        "2024-04-04-salon.md": post(),
        "2024-05-05-Salon.markdown": post(),
        "autre.md": post(front="slug: salon\n"),
    })

    assert [a.announcement.slug for a in announcements] == ["salon"]
    assert len(problems) == 2
    for problem, line in zip(problems, [1, 4], strict=True):
        assert problem.startswith(("content/2024-05-05-Salon.markdown:", "content/autre.md:"))
        assert f":{line}: slug 'salon' is also the slug of content/2024-04-04-salon.md" in problem


def test_a_broken_file_does_not_hide_the_others_or_their_problems(load):
    announcements, problems = load({
        "bonne.md": post(),
        "sans-titre.md": "---\ndate: 2024-04-04\n---\nx\n",
        "vide.md": "",
        "inconnue.md": post(front="layout: post\n"),
    })

    assert sorted(a.announcement.slug for a in announcements) == ["bonne", "inconnue"]
    assert sorted(problems) == [
        "content/inconnue.md:4: warning: layout: unknown key, kept but not used by the site "
        "(remove it, or ignore this warning)",
        "content/sans-titre.md:1: title: missing (add title: 'Your title')",
        "content/vide.md:1: empty file (write a front matter with a title and a date, "
        "or delete it)",
    ]


def test_a_missing_content_folder_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    announcements, problems = load_announcements(tmp_path / "nulle-part", ZONE, LIMIT)

    assert announcements == []
    assert [str(p) for p in problems] == [
        "nulle-part:0: content folder not found (set FLASK_CONTENT_DIR)"]


def test_content_files_are_markdown_files_below_the_folder_outside_hidden_folders(write_content):
    folder = write_content({
        "a.md": "x", "b.markdown": "x", "C.MD": "x", "2024/d.md": "x", "notes.txt": "x",
        "image.png": b"\x89PNG", ".brouillons/e.md": "x", "2024/.cache/f.md": "x",
    })
    (folder / "dossier.md").mkdir()

    assert [p.relative_to(folder).as_posix() for p in content_files(folder)] == [
        "2024/d.md", "C.MD", "a.md", "b.markdown"]
