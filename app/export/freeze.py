"""`flask --app app freeze DIR`: the whole site as static files, for nginx or any CDN.

Every page in every language (the bytes the app serves for the same URL), the localized 404
pages (`DIR/<lang>/404.html`), static files under both names, sitemap.xml, robots.txt, the
feeds, calendar files, share cards and /favicon.ico, and at the root a bilingual
language-choice page (`/` negotiates in the app; a static host cannot). Each text file (the
404 pages included) gets pre-compressed `.gz` and `.br` twins, the bytes the app sends, for
nginx's `gzip_static` and `brotli_static`, and every file a modification time derived from
its content, so that nginx's ETag (time and size) is the same on every server and changes
only with the bytes.

Frozen-Flask builds every URL while its own request context is active, so each test-client
request would share one application context: `g.lang` (and Flask-Babel's remembered locale)
would leak from one page into the next. While freezing, the app's WSGI callable runs each
request in an empty `contextvars` context, exactly as a server would run it.

The export is written beside the live one and switched to atomically (app/export/releases.py):
a server reading DIR never sees a missing or half-written export, a failed export changes
nothing, and `flask freeze --rollback DIR` goes back to the previous one.
"""

from __future__ import annotations

import contextvars
import hashlib
import os
import shutil
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

import click
from flask import Flask, current_app, render_template, url_for
from flask.cli import ScriptInfo, pass_script_info

from app.export import nginx
from app.export.pdfs import PdfReport, cache_folder, prepare_pdfs
from app.export.releases import ExportError, adopt, current, keep_two, new_release, switch
from app.export.releases import rollback as roll_back
from app.pdf.cache import PdfCache
from app.site import STATIC_PAGES, PageKey
from app.web.assets import static_folder
from app.web.cards import card_routes
from app.web.clock import today_in
from app.web.current import site
from app.web.i18n import language_name
from app.web.pdf import file_name
from app.web.variants import compress

if TYPE_CHECKING:
    from flask_frozen import Freezer

P = ParamSpec("P")
T = TypeVar("T")
# Suffixes of text files, which get a `.gz` and a `.br` twin.
TEXT_SUFFIXES = (".html", ".css", ".js", ".svg", ".xml", ".txt", ".ics", ".json")
# Twin suffix -> content coding: nginx's gzip_static and brotli_static read these names.
TWINS = {".gz": "gzip", ".br": "br"}
# Interface strings of the language-choice page, looked up in each language's catalog.
SITE_NAME = "Annonces du numérique de l’État"
CHOOSE = "Choix de la langue"
BUILD_NOTE = "build.txt"  # the day the export was written for
EPOCH = 1_000_000_000  # file times: 2001-09-09 plus up to 8.5 years, from the content


@dataclass(frozen=True)
class Export:
    """What `freeze` wrote."""

    destination: Path
    urls: tuple[str, ...]
    files: int
    compressed: int  # text files with twins (.gz and .br)
    seconds: float
    day: date  # the day the pages were written for
    pdfs: PdfReport


def page_urls() -> Iterator[tuple[str, dict[str, Any]]]:
    """(endpoint, values) of every page, feed, calendar file and PDF in every language, and the
    fingerprinted names of the static files (Frozen-Flask adds their plain names)."""
    yield "discovery.sitemap", {}
    yield "discovery.robots", {}
    yield "favicon", {}
    assets, folder = current_app.extensions["assets"], Path(static_folder(current_app))
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield "static", {"filename": assets.url_name(path.relative_to(folder).as_posix())}
    for name in sorted(assets.built):  # the stylesheet, built from the folder's files
        yield "static", {"filename": name}
        yield "static", {"filename": assets.url_name(name)}
    for lang in current_app.config["LANGUAGES"]:
        yield "site.home", {"lang": lang}
        for kind in STATIC_PAGES:
            yield "site.page", {"lang": lang, "slug": site().slug_in(PageKey(kind), lang)}
        for local in site().listing(lang):
            slug = local.source.slug
            yield "site.page", {"lang": lang, "slug": slug}
            # Right after its page, which made it (for its size) and keeps it for a while.
            yield "pdf.document", {"lang": lang, "slug": slug, "name": file_name(slug, lang)}
            if local.source.event is not None:
                yield "feeds.event_calendar", {"lang": lang, "slug": slug, "name": slug}
        yield "feeds.feed", {"lang": lang}
    for lang in current_app.config["LANGUAGES"]:  # share cards: built in a request of their own
        yield from card_routes(lang)


def isolated(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run `function` with no Flask context active, as a server runs each request."""
    return contextvars.Context().run(function, *args, **kwargs)


def one_context_per_request(wsgi_app: WSGIApplication) -> WSGIApplication:
    """The WSGI layer that runs each request in an empty `contextvars` context."""

    def isolated_app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        return isolated(wsgi_app, environ, start_response)

    return isolated_app


def make_freezer(app: Flask, destination: Path) -> Freezer:
    from flask_frozen import Freezer  # imported here: only the export needs it

    app.config.update(
        FREEZER_DESTINATION=str(destination),
        FREEZER_REMOVE_EXTRA_FILES=False,  # the folder is emptied first (see `prepare`)
        FREEZER_REDIRECT_POLICY="error",  # a page linking to a redirect is a bug
        FREEZER_IGNORE_MIMETYPE_WARNINGS=True,  # feed.xml is Atom, .xml guesses plain XML
        FREEZER_IGNORE_404_NOT_FOUND=False,
    )
    # No URL logging: Frozen-Flask would replay the logged url_for() calls outside the page's
    # request, without the language the page's URL defaults add. `page_urls` lists them all
    # (tests/export/test_freeze.py checks that every link of the export resolves).
    freezer = Freezer(app, with_static_files=True, with_no_argument_rules=False, log_url_for=False)
    freezer.register_generator(page_urls)
    return freezer


def error_pages(app: Flask, destination: Path) -> list[Path]:
    """`DIR/<lang>/404.html`: the app's own 404 page in each language."""
    written = []
    for lang in app.config["LANGUAGES"]:
        response = isolated(app.test_client().get, f"/{lang}/404.html")
        if response.status_code != 404:
            raise ExportError(f"/{lang}/404.html answered {response.status_code}, not 404")
        path = destination / lang / "404.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(response.get_data())
        written.append(path)
    return written


def language_choice(app: Flask) -> bytes:
    """The export's root page: each language's choice, in that language."""

    def render() -> bytes:
        with app.test_request_context("/"):
            choices = []
            for code in app.config["LANGUAGES"]:
                ui = site().ui(code)
                choices.append({
                    "code": code,
                    "name": language_name(code),
                    "url": url_for("site.home", lang=code),
                    "site_name": ui.gettext(SITE_NAME),
                    "choose": ui.gettext(CHOOSE),
                })
            return render_template("pages/choose_language.html", lang=choices[0]["code"],
                                   choices=choices).encode()

    return isolated(render)


def compress_text_files(destination: Path) -> int:
    """`.gz` and `.br` twins of each text file, each when smaller than the file (nginx
    `gzip_static` and `brotli_static`): the number of files that got a twin."""
    count = 0
    for path in sorted(destination.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            data = path.read_bytes()
            twinned = False
            for suffix, coding in TWINS.items():
                packed = compress(data, coding)
                if len(packed) < len(data):
                    path.with_name(path.name + suffix).write_bytes(packed)
                    twinned = True
            count += twinned
    return count


def content_times(destination: Path) -> None:
    """Each file's time from its bytes (a twin takes its original's, as nginx wants)."""
    for path in destination.rglob("*"):
        if path.is_file() and path.suffix not in TWINS:
            digest = hashlib.sha256(path.read_bytes()).digest()
            stamp = EPOCH + int.from_bytes(digest[:4], "big") % (2**28)
            os.utime(path, (stamp, stamp))
            for suffix in TWINS:
                twin = path.with_name(path.name + suffix)
                if twin.is_file():
                    os.utime(twin, (stamp, stamp))


def freeze(app: Flask, destination: str | Path) -> Export:
    """Export `app` beside the live export `destination`, then switch to it atomically
    (releases.py); on any failure the new folder is deleted and `destination` is untouched."""
    started = time.perf_counter()
    live = Path(os.path.abspath(destination))
    adopt(live)
    previous = current(live)
    release = new_release(live)
    documents = app.extensions["pdf_documents"]
    disk = documents.disk
    try:
        urls, files, compressed, day, pdfs = write_export(app, release, cache_folder(app, live))
    except BaseException:
        shutil.rmtree(release, ignore_errors=True)
        raise
    finally:
        documents.disk = disk
    switch(live, release)
    keep_two(live, previous)
    PdfCache(pdfs.folder).prune(set(pdfs.keys))  # only what this export used stays
    return Export(live, urls, files, compressed, time.perf_counter() - started, day, pdfs)


def write_export(app: Flask, destination: Path, pdf_cache: Path,
                 ) -> tuple[tuple[str, ...], int, int, date, PdfReport]:
    """Write the whole export into the empty folder `destination`, its PDFs kept in
    `pdf_cache`: (URLs, files, text files with twins, the day its pages were written for, the
    PDFs' report)."""
    # Every page is written for one day (an event page says whether the event is over).
    fixed = app.config.get("TODAY")
    day = today_in(app.config["CONTENT_TIMEZONE"], fixed)
    app.config["TODAY"] = day.isoformat()
    freezer = make_freezer(app, destination)
    wsgi_app = app.wsgi_app
    # Flask's documented way to add a WSGI layer (mypy sees a method replaced).
    app.wsgi_app = one_context_per_request(wsgi_app)  # type: ignore[method-assign,assignment]
    try:
        pdfs = isolated(prepare_pdfs, app, pdf_cache)  # before the pages that give their size
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            urls = tuple(sorted(freezer.freeze()))
        error_pages(app, destination)
    finally:
        app.wsgi_app = wsgi_app  # type: ignore[method-assign]
        app.config["TODAY"] = fixed
    for warning in caught:
        # `/` is left out on purpose: it negotiates; the root page below replaces it.
        if "Nothing frozen for endpoints root." not in str(warning.message):
            warnings.warn_explicit(warning.message, warning.category, warning.filename,
                                   warning.lineno)
    (destination / "index.html").write_bytes(language_choice(app))
    (destination / BUILD_NOTE).write_text(
        f"Built for {day.isoformat()}: pages of events say whether they are over on that day."
        " Build the export again every day (flask --app app freeze).\n", encoding="utf-8")
    compressed = compress_text_files(destination)
    content_times(destination)
    destination.chmod(0o755)  # readable by nginx's workers, as a folder made by mkdir(1)
    files = sum(1 for path in destination.rglob("*") if path.is_file())
    return urls, files, compressed, day, pdfs


@click.command("freeze")
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path))
@click.option("--rollback", is_flag=True,
              help="Point DESTINATION back at the export it replaced (no new export).")
@pass_script_info
def freeze_command(info: ScriptInfo, destination: Path, rollback: bool) -> None:
    """Write the whole site as static files for DESTINATION (for nginx or a CDN): built
    beside it in DESTINATION.exports/, then switched to in one step; the previous export is
    kept for --rollback."""
    if rollback:
        target = roll_back(Path(os.path.abspath(destination)))
        click.echo(f"{destination} -> {target}")
        return
    export = freeze(info.load_app(), destination)
    click.echo(f"{len(export.urls)} URLs, {export.files} files "
               f"({export.compressed} with .gz and .br twins) "
               f"in {current(export.destination)}, now live as {export.destination} "
               f"({export.seconds:.1f} s), built for {export.day.isoformat()} (see {BUILD_NOTE}); "
               f"PDFs: {export.pdfs.reused} reused, {export.pdfs.made} made "
               f"({export.pdfs.workers} processes, {export.pdfs.seconds:.1f} s), "
               f"kept in {export.pdfs.folder}")


def init_app(app: Flask) -> None:
    """Add `flask freeze` and `flask nginx-config` to the app's commands."""
    app.cli.add_command(freeze_command)
    nginx.init_app(app)
