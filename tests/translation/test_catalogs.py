"""Catalogs read at start-up: a broken, missing or stale catalog stops the site."""

from __future__ import annotations

import pytest

from app.problems import ProblemsFound
from tests.helpers import post


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
