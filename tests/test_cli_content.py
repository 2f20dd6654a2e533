"""`flask content check` and the factory on broken content: every problem at once, as
`path:line: message`, never a traceback; the site refuses to start on what the check refuses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import content
from app.problems import ProblemsFound
from tests.helpers import post

PROJECT = Path(__file__).resolve().parent.parent
FLASK = Path(sys.executable).parent / "flask"
LIMIT = 2 * 1024 * 1024

# name, file, line of the problem, words of its message.
BROKEN = [
    pytest.param("yaml.md", "---\ntitle: T\ndate: 2024-04-04\nchapeau-text: 'L'État agit'\n"
                 "---\nx\n", 4, ["front matter is not valid YAML"], id="YAML syntax error"),
    pytest.param("bom.md", "\ufeff" + post(), 1, ["byte order mark"], id="BOM"),
    pytest.param("ouvert.md", "---\ntitle: T\ndate: 2024-04-04\n\nLe corps.\n", 1,
                 ["front matter is never closed"], id="no closing line"),
    pytest.param("date.md", post(date="2024-02-30"), 3, ["date: not a date ('2024-02-30'"],
                 id="date that is not a date"),
    pytest.param("sans-titre.md", "---\ndate: 2024-04-04\n---\nx\n", 1, ["title: missing"],
                 id="missing title"),
    pytest.param("titre-vide.md", post(title=""), 2, ["title: missing"], id="empty title"),
    pytest.param("latin1.md", "---\ntitle: T\ndate: 2024-04-04\n---\nUn.\n\nD\xe9j\xe0.\n"
                 .encode("latin-1"), 7, ["not UTF-8", "0xe9"], id="non-UTF-8 bytes"),
    pytest.param("vide.md", "", 1, ["empty file"], id="empty file"),
    pytest.param("double.md", post(front="auteur: A\nauteur: B\n"), 5,
                 ["auteur: written twice, first at line 4"], id="duplicated key"),
    pytest.param("alias.md", post(front="auteur: &qui DINUM\nsous-titre: *qui\n"), 5,
                 ["aliases are not supported"], id="alias"),
    pytest.param("ancre.md", post(front="auteur: &qui DINUM\n"), 4,
                 ["anchors are not supported"], id="anchor"),
    pytest.param("python.md", post(front="auteur: !!python/object/apply:os.system "
                                         "['echo pwned']\n"), 4,
                 ["auteur: unsupported YAML tag !!python/object/apply:os.system"],
                 id="python tag"),
    pytest.param("gros.md", post(body="x" * LIMIT), 1, [f"more than {LIMIT}"],
                 id="over the size limit"),
]


@pytest.fixture
def check(tmp_path, monkeypatch):
    """check() runs `flask content check` on tmp_path/content from tmp_path."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FLASK_CONTENT_DIR", str(tmp_path / "content"))
    for name in ("FLASK_MAX_CONTENT_FILE_BYTES", "FLASK_CONTENT_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)

    def check():
        return CliRunner().invoke(content, ["check"])

    return check


def test_valid_content_passes_the_check(write_content, check):
    write_content({"2024-04-04-annonce.md": post(), "2024-05-01-autre.md": post(date="")})

    result = check()

    assert result.exit_code == 0
    assert result.stdout == ""
    assert "2 announcement(s) read: 0 error(s), 0 warning(s)" in result.stderr


def test_unknown_keys_are_listed_as_warnings_and_the_check_passes(write_content, check):
    write_content({"annonce.md": post(front="layout: post\nauteur:\n")})

    result = check()

    assert result.exit_code == 0
    assert result.stdout == ("content/annonce.md:4: warning: layout: unknown key, kept but not "
                             "used by the site (remove it, or ignore this warning)\n")
    assert "1 announcement(s) read: 0 error(s), 1 warning(s)" in result.stderr


@pytest.mark.parametrize(("name", "text", "line", "words"), BROKEN)
def test_the_check_reports_a_broken_file_at_its_line_and_fails(
        write_content, check, name, text, line, words):
    write_content({name: text, "bonne.md": post()})

    result = check()

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # the exit code, not a crash
    reported = [row for row in result.stdout.splitlines() if row.startswith(f"content/{name}:")]
    assert len(reported) == 1, result.stdout
    assert reported[0].startswith(f"content/{name}:{line}: ")
    for word in words:
        assert word in reported[0]
    assert "1 announcement(s) read: 1 error(s)" in result.stderr


@pytest.mark.parametrize(("name", "text", "line", "words"), BROKEN)
def test_the_site_refuses_to_start_on_a_broken_file(
        write_content, make_app, tmp_path, monkeypatch, name, text, line, words):
    monkeypatch.chdir(tmp_path)
    folder = write_content({name: text, "bonne.md": post()})

    with pytest.raises(ProblemsFound) as raised:
        make_app(folder)

    rows = str(raised.value).splitlines()
    assert len(rows) == 1
    assert rows[0].startswith(f"content/{name}:{line}: ")
    for word in words:
        assert word in rows[0]


def write_all_broken(write_content) -> Path:
    return write_content({
        "bonne.md": post(),
        "date.md": post(date="2024-02-30"),
        "vide.md": "",
        "yaml.md": "---\ntitle: T\ndate: 2024-04-04\nchapeau-text: 'L'État agit'\n---\nx\n",
        "latin1.md": "---\ntitle: Caf\xe9\n---\nx\n".encode("latin-1"),
        "inconnue.md": post(front="layout: post\n"),
    })


EXPECTED = [
    ("content/date.md:3: ", "date: not a date ('2024-02-30'"),
    ("content/inconnue.md:4: ", "warning: layout: unknown key"),
    ("content/latin1.md:2: ", "not UTF-8: byte 0xe9"),
    ("content/vide.md:1: ", "empty file"),
    ("content/yaml.md:4: ", "front matter is not valid YAML"),
]


def test_the_check_prints_every_problem_of_every_file_in_one_run(write_content, check):
    write_all_broken(write_content)

    result = check()

    assert result.exit_code == 1
    rows = result.stdout.splitlines()
    assert len(rows) == len(EXPECTED)
    for row, (start, words) in zip(rows, EXPECTED, strict=True):
        assert row.startswith(start)
        assert words in row
    assert "2 announcement(s) read: 4 error(s), 1 warning(s)" in result.stderr


def test_the_flask_command_prints_every_problem_without_traceback(write_content, tmp_path):
    folder = write_all_broken(write_content)
    env = {**os.environ, "FLASK_CONTENT_DIR": str(folder)}

    done = subprocess.run([str(FLASK), "--app", "app", "content", "check"], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)

    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    rows = done.stdout.splitlines()
    # Outside the working directory, paths are shown absolute.
    assert [row.split(": ", 1)[0] for row in rows] == [
        f"{tmp_path / start.rstrip(': ')}" for start, _ in EXPECTED]
    assert "2 announcement(s) read: 4 error(s), 1 warning(s)" in done.stderr


def test_the_site_refuses_to_start_listing_every_error_but_no_warning(
        write_content, make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = write_all_broken(write_content)

    with pytest.raises(ProblemsFound) as raised:
        make_app(folder)

    rows = str(raised.value).splitlines()
    errors = [expected for expected in EXPECTED if "warning" not in expected[1]]
    assert len(rows) == len(errors)
    for row, (start, words) in zip(rows, errors, strict=True):
        assert row.startswith(start)
        assert words in row


def test_paths_outside_the_working_directory_are_shown_absolute(write_content, make_app):
    folder = write_content({"vide.md": ""})

    with pytest.raises(ProblemsFound) as raised:
        make_app(folder)

    assert str(raised.value) == (f"{folder / 'vide.md'}:1: empty file "
                                 "(write a front matter with a title and a date, or delete it)")


def test_the_size_limit_comes_from_the_configuration(write_content, check, monkeypatch):
    text = post(body="x" * 200)
    write_content({"annonce.md": text})
    monkeypatch.setenv("FLASK_MAX_CONTENT_FILE_BYTES", "100")

    result = check()

    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"content/annonce.md:1: file is {len(text.encode())} bytes, more than 100")


def test_a_draft_and_a_warning_do_not_stop_the_site(write_content, make_app):
    folder = write_content({"annonce.md": post(front="published: false\nlayout: post\n")})

    app = make_app(folder)

    assert app.test_client().get("/fr/annonce/").status_code == 404
    assert make_app(folder, PREVIEW=True).test_client().get("/fr/annonce/").status_code == 200


def test_a_slug_taken_by_a_fixed_page_is_an_error_at_its_line(write_content, monkeypatch):
    from click.testing import CliRunner

    from app.cli import content
    folder = write_content({"a.md": "---\ntitle: Test\ndate: 2024-01-01\nslug: accessibility\n"
                                    "---\nCorps.\n"})
    monkeypatch.setenv("FLASK_CONTENT_DIR", str(folder))
    result = CliRunner().invoke(content, ["check"])
    assert result.exit_code == 1
    assert "a.md:4: slug 'accessibility' is the address of the statement page in en" in (
        result.output)
