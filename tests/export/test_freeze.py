"""The static export (`flask --app app freeze DIR`, app/export/freeze.py)."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import brotli
import pytest
from bs4 import BeautifulSoup
from flask import g, has_app_context

from app import create_app
from app.export.freeze import BUILD_NOTE, freeze
from app.export.freezer import isolated
from app.export.releases import ExportError, releases
from app.export.releases import rollback as roll_back
from app.web.clock import today_in
from app.web.dsfr import DSFR_FOLDER
from app.web.variants import compress

LANGUAGES = ("fr", "en")
SITE = "http://127.0.0.1:5000"
# Interface text of each language, which the other language's pages never show.
UI = {"fr": ("Aller au contenu", "Annonces du numérique de l’État"),
      "en": ("Skip to content", "French State digital announcements")}


@pytest.fixture(scope="module")
def export(tmp_path_factory, export_app) -> Path:
    destination = tmp_path_factory.mktemp("export") / "site"
    freeze(export_app, destination)
    return destination


@pytest.fixture(scope="module")
def served():
    """A separate app, as a server runs it."""
    return create_app({"TESTING": True}).test_client()


def url_of(path: Path, root: Path) -> str:
    """The URL a frozen file answers: `en/x/index.html` -> `/en/x/`."""
    relative = path.relative_to(root).as_posix()
    return "/" + re.sub(r"(^|/)index\.html$", r"\1", relative)


def frozen_pages(root: Path) -> list[Path]:
    """Every frozen URL (not the root choice page, the 404 pages or the .gz and .br twins)."""
    return sorted(path for path in root.rglob("*")
                  if path.is_file() and path.suffix not in (".gz", ".br")
                  and path.relative_to(root).as_posix() not in ("index.html", BUILD_NOTE)
                  and path.name != "404.html")


def page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_frozen_file_is_byte_identical_to_what_the_app_serves(export, served):
    checked = 0
    for path in frozen_pages(export):
        with served.get(url_of(path, export)) as response:
            assert response.status_code == 200, url_of(path, export)
            assert response.get_data() == path.read_bytes(), url_of(path, export)
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_every_language_is_frozen(export, served, lang):
    urls = {url_of(path, export) for path in frozen_pages(export)}
    sitemap = served.get("/sitemap.xml").get_data(as_text=True)
    listed = {url.removeprefix("http://127.0.0.1:5000")
              for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    assert {url for url in listed if url.startswith(f"/{lang}/")} <= urls
    assert {f"/{lang}/", f"/{lang}/feed.xml",
            f"/{lang}/salon-du-numerique-2024/salon-du-numerique-2024.ics"} <= urls
    assert {"/sitemap.xml", "/robots.txt", "/static/site.css", "/static/style.css",
            f"/static/{DSFR_FOLDER}/favicon/favicon.svg"} <= urls


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pages_of_a_language_speak_only_that_language(export, lang):
    other = next(code for code in LANGUAGES if code != lang)
    pages = [path for path in (export / lang).rglob("*.html")]
    assert len(pages) >= 6
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert page(path).html["lang"] == lang, path
        assert all(phrase in text for phrase in UI[lang]), path
        assert not any(phrase in text for phrase in UI[other]), path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_localized_404_page_is_the_one_the_app_serves(export, served, lang):
    missing = served.get(f"/{lang}/no-such-page/")
    assert missing.status_code == 404
    frozen = export / lang / "404.html"
    assert frozen.read_bytes() == missing.get_data()
    assert page(frozen).html["lang"] == lang


def test_the_root_is_a_bilingual_language_choice_without_script_or_redirect(export):
    root = page(export / "index.html")
    assert root.html["lang"] == "fr"
    assert len(root.find_all("h1")) == 1
    assert root.find("script") is None
    assert root.find("meta", attrs={"http-equiv": True}) is None
    assert root.find("style") is None and root.find(style=True) is None
    links = {a["href"]: a for a in root.find("main").find_all("a")}
    assert set(links) == {"/fr/", "/en/"}
    for code, name in (("fr", "Français"), ("en", "English")):
        assert links[f"/{code}/"]["lang"] == code
        assert links[f"/{code}/"]["hreflang"] == code
        assert links[f"/{code}/"].get_text() == name
    assert {span["lang"] for span in root.h1.find_all("span", lang=True)} == {"fr", "en"}
    assert root.h1.find("span", lang="en").get_text() == "Language selection"
    assert root.find("link", rel="stylesheet")["href"].startswith("/static/style.")


def test_every_link_of_the_export_resolves_to_a_file_of_the_export(export):
    checked = set()
    for path in export.rglob("*.html"):
        for element in page(path).find_all(["a", "link", "img", "script"]):
            target = element.get("href") or element.get("src")
            if not target or not target.startswith("/") or target.startswith("//"):
                continue
            target = target.split("#")[0]
            file = export / target.lstrip("/")
            if target.endswith("/"):
                file = file / "index.html"
            assert file.is_file(), f"{path}: {target}"
            checked.add(target)
    assert any(re.fullmatch(r"/static/style\.[0-9a-f]{16}\.css", target) for target in checked)


def test_the_export_states_the_day_it_was_written_for(export, export_app):
    day = today_in(export_app.config["CONTENT_TIMEZONE"])
    note = (export / BUILD_NOTE).read_text(encoding="utf-8")
    assert note.startswith(f"Built for {day.isoformat()}:")


def test_an_export_for_a_day_before_the_event_offers_its_calendar(tmp_path):
    destination = tmp_path / "site"
    freeze(create_app({"TESTING": True, "TODAY": "2024-05-01"}), destination)
    page = (destination / "fr" / "salon-du-numerique-2024" / "index.html").read_text(
        encoding="utf-8")
    assert "Ajouter l’événement à mon agenda" in page
    assert "Built for 2024-05-01" in (destination / BUILD_NOTE).read_text(encoding="utf-8")


def test_text_files_have_gzip_and_brotli_twins_with_the_same_time(export):
    twins = 0
    for path in export.rglob("*"):
        if path.suffix in (".html", ".css", ".xml", ".svg", ".ics") and path.is_file():
            for suffix, unpack in ((".gz", gzip.decompress), (".br", brotli.decompress)):
                twin = path.with_name(path.name + suffix)
                assert twin.is_file(), twin
                assert unpack(twin.read_bytes()) == path.read_bytes()
                assert twin.stat().st_mtime == path.stat().st_mtime
            twins += 1
    assert twins >= 20


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_404_page_is_precompressed_too(export, lang):
    page = (export / lang / "404.html").read_bytes()
    assert gzip.decompress((export / lang / "404.html.gz").read_bytes()) == page
    assert brotli.decompress((export / lang / "404.html.br").read_bytes()) == page


def test_a_page_twin_holds_the_bytes_the_app_sends_compressed(export, served):
    for coding, suffix in (("br", ".br"), ("gzip", ".gz")):
        response = served.get("/en/", headers={"Accept-Encoding": coding})
        assert response.headers["Content-Encoding"] == coding
        assert response.get_data() == (export / "en" / f"index.html{suffix}").read_bytes()


def test_two_exports_are_identical_down_to_the_file_times(export, tmp_path):
    again = tmp_path / "again"
    compress.cache_clear()  # compressed again, as a later `flask freeze` process does
    freeze(create_app({"TESTING": True}), again)
    files = sorted(p.relative_to(export) for p in export.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (export / name).read_bytes() == (again / name).read_bytes()
        assert (export / name).stat().st_mtime == (again / name).stat().st_mtime


def test_a_previous_export_is_replaced_and_another_folder_refused(export_app, tmp_path):
    app = export_app
    target = tmp_path / "site"
    freeze(app, target)
    (target / "fr" / "stale.html").write_text("old", encoding="utf-8")
    freeze(app, target)
    assert not (target / "fr" / "stale.html").exists()
    other = tmp_path / "other"
    other.mkdir()
    (other / "precious.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(ExportError, match="not empty"):
        freeze(app, other)
    assert (other / "precious.txt").read_text(encoding="utf-8") == "keep"


def test_each_page_is_built_in_a_context_of_its_own(tmp_path):
    """Frozen-Flask builds inside one request context: g (and Flask-Babel's remembered
    locale) would carry over from one page to the next."""
    app = create_app({"TESTING": True})
    carried = []

    @app.after_request
    def spy(response):
        carried.append(g.get("previous"))
        g.previous = response.status_code
        return response

    freeze(app, tmp_path / "site")
    assert len(carried) > 20
    assert set(carried) == {None}


def test_isolated_runs_without_the_current_context(export_app):
    with export_app.test_request_context("/en/"):
        assert has_app_context()
        assert isolated(has_app_context) is False


def test_the_command_writes_the_export(export_app, tmp_path):
    app = export_app
    result = app.test_cli_runner().invoke(args=["freeze", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "URLs" in result.output
    assert (tmp_path / "out" / "en" / "salon-du-numerique-2024" / "index.html").is_file()
    assert (tmp_path / "out" / "en" / "404.html").is_file()


def test_a_re_export_is_switched_to_in_one_step_and_the_previous_kept_for_a_rollback(
        export_app, tmp_path):
    app = export_app
    live = tmp_path / "site"
    first = freeze(app, live)
    first_folder = live.resolve()
    second = freeze(app, live)
    assert live.is_symlink() and live.resolve() != first_folder
    assert (live / "fr" / "index.html").is_file()
    assert first.destination == second.destination == live
    assert sorted(releases(live).iterdir()) == sorted([first_folder, live.resolve()])
    assert roll_back(live) == first_folder
    assert live.resolve() == first_folder
    freeze(app, live)  # the live one and the one it replaced: never more than two
    assert len(list(releases(live).iterdir())) == 2


def test_a_failed_export_leaves_the_live_one_untouched(export_app, tmp_path, monkeypatch):
    app = export_app
    live = tmp_path / "site"
    freeze(app, live)
    before = {path: path.read_bytes() for path in live.rglob("*") if path.is_file()}
    target = live.resolve()

    def fail(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr("app.export.freeze.compress_text_files", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        freeze(app, live)
    assert live.resolve() == target
    assert {path: path.read_bytes() for path in live.rglob("*") if path.is_file()} == before
    assert list(releases(live).iterdir()) == [target]  # the half-written one is gone


def test_an_export_of_the_time_before_links_is_taken_over(export_app, tmp_path):
    app = export_app
    old = tmp_path / "old"
    freeze(app, old)
    live = tmp_path / "site"
    shutil.copytree(old.resolve(), live)  # a real folder, as `flask freeze` used to write
    freeze(app, live)
    assert live.is_symlink()
    assert len(list(releases(live).iterdir())) == 2
    assert roll_back(live).name == "adopted"


def test_share_cards_and_the_favicon_are_in_the_export(export):
    for lang in ("fr", "en"):
        for path in (export / lang).rglob("*.html"):
            if path.name == "404.html":
                continue
            image = page(path).find("meta", property="og:image")["content"]
            card = export / image.removeprefix(SITE).lstrip("/")
            assert card.is_file(), f"{path}: {image}"
            assert re.fullmatch(r"card\.[0-9a-f]{16}\.png", card.name)
            assert card.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (export / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
