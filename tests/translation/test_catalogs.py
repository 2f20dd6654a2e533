"""Catalogs read at start-up: a broken, missing or stale catalog stops the site; a save
during a read is never lost (file stamps are taken before reading)."""

from __future__ import annotations

import os

import pytest

from app import site as site_module
from app.problems import ProblemsFound
from app.translation import catalogs
from tests.helpers import post, soup


def test_a_missing_catalog_stops_the_site(write_content, make_app, tmp_path):
    folder = write_content({"a.md": post()})
    make_app(folder)
    (tmp_path / "translations/en/LC_MESSAGES/content.po").unlink()
    with pytest.raises(ProblemsFound, match=r"content.po:1: missing catalog \(run: flask"):
        _rebuild(folder, tmp_path)


def _rebuild(folder, tmp_path):
    from app import create_app
    return create_app({"TESTING": True, "CONTENT_DIR": str(folder),
                       "TRANSLATIONS_DIR": str(tmp_path / "translations")})


def test_an_interface_catalog_missing_template_entries_is_stale(write_content, make_app,
                                                                 tmp_path):
    folder = write_content({"a.md": post()})
    make_app(folder)
    po = tmp_path / "translations/en/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgid "Menu principal"')
    po.write_text(text[:start] + text[text.index("\n\n", start) + 2:], encoding="utf-8")
    with pytest.raises(ProblemsFound, match=r"messages.po:1: stale: 1 interface string"):
        _rebuild(folder, tmp_path)


def test_a_syntax_error_in_a_catalog_names_its_line(write_content, make_app, tmp_path):
    folder = write_content({"a.md": post()})
    make_app(folder)
    po = tmp_path / "translations/en/LC_MESSAGES/content.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    lines.insert(5, 'msgstr "oops')
    po.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ProblemsFound, match=r"content.po:6: "):
        _rebuild(folder, tmp_path)


def test_a_renamed_placeholder_in_a_ui_translation_stops_the_site(write_content, make_app,
                                                                   tmp_path):
    folder = write_content({"a.md": post()})
    make_app(folder)
    po = tmp_path / "translations/en/LC_MESSAGES/messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Published on %(date)s"', 'msgstr "Published on %(day)s"'), encoding="utf-8")
    with pytest.raises(ProblemsFound, match="placeholders"):
        _rebuild(folder, tmp_path)


def _save(path, old: str, new: str) -> None:
    """A translator's save: the text changed, and a later file time."""
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(stamp, stamp))


def test_a_catalog_saved_while_the_site_reads_it_shows_on_the_next_request(
        write_content, make_app, tmp_path, monkeypatch):
    folder = write_content({"a.md": post("Un titre")})
    client = make_app(folder, {("a:title", "Un titre"): "First title"}, DEBUG=True).test_client()
    po = tmp_path / "translations/en/LC_MESSAGES/content.po"
    read = catalogs.validate
    saves = ["Third title"]

    def read_then_saved_meanwhile(*args, **kwargs):
        """The site reads the catalog; the translator's next save lands before it is done."""
        found = read(*args, **kwargs)
        if saves:
            _save(po, 'msgstr "Second title"', f'msgstr "{saves.pop()}"')
        return found

    monkeypatch.setattr(catalogs, "validate", read_then_saved_meanwhile)
    _save(po, 'msgstr "First title"', 'msgstr "Second title"')
    client.get("/en/a/")  # reads the second title, while the third is saved
    assert soup(client.get("/en/a/")).h1.get_text() == "Third title"  # that save is not lost


def test_a_content_file_saved_while_the_site_reads_it_shows_on_the_next_request(
        write_content, make_app, monkeypatch):
    folder = write_content({"a.md": post("Un titre", "Version 1.")})
    client = make_app(folder, DEBUG=True).test_client()
    read = site_module.load_announcements
    saves = ["Version 3."]

    def read_then_saved_meanwhile(*args, **kwargs):
        found = read(*args, **kwargs)
        if saves:
            _save(folder / "a.md", "Version 2.", saves.pop())
        return found

    monkeypatch.setattr(site_module, "load_announcements", read_then_saved_meanwhile)
    _save(folder / "a.md", "Version 1.", "Version 2.")
    client.get("/fr/a/")  # reads version 2, while version 3 is saved
    assert "Version 3." in soup(client.get("/fr/a/")).main.get_text()
