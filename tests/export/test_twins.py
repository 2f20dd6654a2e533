"""Twins and file times of the export, and what a re-export takes from the previous one
(app/export/twins.py, and the share cards of app/web/cards.py)."""

from __future__ import annotations

import gzip
import os

import brotli

from app import create_app
from app.export.freeze import freeze
from app.export.twins import compress_text_files, content_times


def twins_of(path):
    return [path.with_name(path.name + suffix) for suffix in (".gz", ".br")]


def test_a_re_export_of_the_same_site_compresses_nothing_again(tmp_path, monkeypatch):
    live = tmp_path / "site"
    first = freeze(create_app({"TESTING": True}), live)
    previous = live.resolve()

    def fail(data, coding):
        raise AssertionError("compressed again")

    monkeypatch.setattr("app.export.twins.compress", fail)
    second = freeze(create_app({"TESTING": True}), live)  # as the next day's `flask freeze`
    assert first.reused == 0
    assert second.compressed == first.compressed > 20
    assert second.reused >= second.compressed
    page = live / "fr" / "index.html"
    for twin in twins_of(page):  # one file under two names: the previous export's twin
        earlier = previous / twin.relative_to(live)
        assert os.path.samefile(twin, earlier)
        assert twin.stat().st_mtime == page.stat().st_mtime


def test_a_re_export_reads_every_share_card_from_the_previous_one(tmp_path, monkeypatch):
    live = tmp_path / "site"
    first = freeze(create_app({"TESTING": True}), live)
    monkeypatch.setattr("app.web.cards.drawn", lambda texts, folder: b"drawn again")
    export_app = create_app({"TESTING": True})
    second = freeze(export_app, live)
    cards = list(live.rglob("card.*.png"))
    assert first.cards_reused == 0
    assert second.cards_reused == len(cards) >= 4
    monkeypatch.undo()
    served = create_app({"TESTING": True}).test_client()
    for card in cards:
        assert card.read_bytes() == served.get("/" + card.relative_to(live).as_posix()).data
    assert export_app.extensions["kept_cards"] == {}  # the server draws its own again


def test_a_changed_file_gets_new_twins_and_an_unchanged_one_keeps_its_own(tmp_path):
    previous, current = tmp_path / "previous", tmp_path / "current"
    for folder, text in ((previous, "avant " * 50), (current, "après " * 50)):
        folder.mkdir()
        (folder / "changed.html").write_text(text, encoding="utf-8")
        (folder / "same.css").write_text("body { color: #000091 } " * 20, encoding="utf-8")
    compress_text_files(previous)
    assert compress_text_files(current, previous) == (2, 1)
    changed = (current / "changed.html").read_bytes()
    gz, br = twins_of(current / "changed.html")
    assert gzip.decompress(gz.read_bytes()) == changed
    assert brotli.decompress(br.read_bytes()) == changed
    assert not os.path.samefile(gz, previous / "changed.html.gz")
    assert os.path.samefile(current / "same.css.br", previous / "same.css.br")


def test_a_file_too_small_to_compress_stays_without_twins_when_reused(tmp_path):
    previous, current = tmp_path / "previous", tmp_path / "current"
    for folder in (previous, current):
        folder.mkdir()
        (folder / "robots.txt").write_text("x", encoding="utf-8")
    assert compress_text_files(previous) == (0, 0)
    assert compress_text_files(current, previous) == (0, 1)
    assert sorted(path.name for path in current.iterdir()) == ["robots.txt"]


def test_each_file_time_comes_from_its_bytes_and_twins_share_it(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "page.html").write_text("même contenu " * 40, encoding="utf-8")
        compress_text_files(tmp_path / name)
        content_times(tmp_path / name)
    stamp = (tmp_path / "a" / "page.html").stat().st_mtime
    assert (tmp_path / "b" / "page.html").stat().st_mtime == stamp
    assert {twin.stat().st_mtime for twin in twins_of(tmp_path / "b" / "page.html")} == {stamp}
