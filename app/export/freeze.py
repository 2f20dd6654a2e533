"""`flask --app app freeze DIR`: the whole site as static files, for nginx or any CDN.

Every page in every language (the bytes the app serves for the same URL), the localized 404
pages (`DIR/<lang>/404.html`), static files under both names, sitemap.xml, robots.txt, the
feeds, calendar files, PDFs, share cards and /favicon.ico, and at the root a bilingual
language-choice page (app/export/root_pages.py). Text files get `.gz` and `.br` twins and
every file a time from its content (app/export/twins.py).

The export is written beside the live one and switched to atomically (app/export/releases.py):
a server reading DIR never sees a missing or half-written export, a failed export changes
nothing, and `flask freeze --rollback DIR` goes back to the previous one. What the previous
export already holds is not made again: its share cards (named by what they show) and the
twins of every file whose bytes did not change; PDFs come from their own cache
(app/export/pdfs.py).
"""

from __future__ import annotations

import os
import shutil
import time
import warnings
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

import click
from flask import Flask
from flask.cli import ScriptInfo, pass_script_info

from app.export import nginx
from app.export.freezer import isolated, make_freezer, one_context_per_request
from app.export.pdfs import PdfReport, cache_folder, prepare_pdfs
from app.export.releases import adopt, current, keep_two, new_release, switch
from app.export.releases import rollback as roll_back
from app.export.root_pages import error_pages, language_choice
from app.export.twins import compress_text_files, content_times
from app.pdf.cache import PdfCache
from app.web.cards import KEPT_CARDS, card_files
from app.web.clock import today_in

BUILD_NOTE = "build.txt"  # the day the export was written for


@dataclass(frozen=True)
class Written:
    """What `write_export` put in its folder."""

    urls: tuple[str, ...]
    files: int
    compressed: int  # text files with twins (.gz and .br)
    reused: int  # text files whose twins came from the previous export
    cards_reused: int  # share cards read from the previous export, not drawn
    day: date  # the day the pages were written for
    pdfs: PdfReport


@dataclass(frozen=True)
class Export(Written):
    """What `freeze` wrote, where it is live, and how long it took."""

    destination: Path
    seconds: float


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
        written = write_export(app, release, cache_folder(app, live), previous)
    except BaseException:
        shutil.rmtree(release, ignore_errors=True)
        raise
    finally:
        documents.disk = disk
    switch(live, release)
    keep_two(live, previous)
    PdfCache(written.pdfs.folder).prune(set(written.pdfs.keys))  # only what this export used
    parts = {part.name: getattr(written, part.name) for part in fields(Written)}
    return Export(**parts, destination=live, seconds=time.perf_counter() - started)


def write_export(app: Flask, destination: Path, pdf_cache: Path,
                 previous: Path | None = None) -> Written:
    """Write the whole export into the empty folder `destination`, its PDFs kept in
    `pdf_cache`, taking what it can from the `previous` export."""
    # Every page is written for one day (an event page says whether the event is over).
    fixed = app.config.get("TODAY")
    day = today_in(app.config["CONTENT_TIMEZONE"], fixed)
    app.config["TODAY"] = day.isoformat()
    freezer = make_freezer(app, destination)
    wsgi_app = app.wsgi_app
    kept_cards = app.extensions[KEPT_CARDS]
    # Flask's documented way to add a WSGI layer (mypy sees a method replaced).
    app.wsgi_app = one_context_per_request(wsgi_app)  # type: ignore[method-assign,assignment]
    try:
        pdfs = isolated(prepare_pdfs, app, pdf_cache)  # before the pages that give their size
        kept_cards.update(card_files(previous) if previous else {})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            urls = tuple(sorted(freezer.freeze()))
        error_pages(app, destination)
    finally:
        app.wsgi_app = wsgi_app  # type: ignore[method-assign]
        app.config["TODAY"] = fixed
        cards_reused = kept_cards.used
        kept_cards.clear()
    for warning in caught:
        # `/` is left out on purpose: it negotiates; the root page replaces it.
        if "Nothing frozen for endpoints root." not in str(warning.message):
            warnings.warn_explicit(warning.message, warning.category, warning.filename,
                                   warning.lineno)
    (destination / "index.html").write_bytes(language_choice(app))
    (destination / BUILD_NOTE).write_text(
        f"Built for {day.isoformat()}: pages of events say whether they are over on that day."
        " Build the export again every day (flask --app app freeze).\n", encoding="utf-8")
    compressed, reused = compress_text_files(destination, previous)
    content_times(destination)
    destination.chmod(0o755)  # readable by nginx's workers, as a folder made by mkdir(1)
    files = sum(1 for path in destination.rglob("*") if path.is_file())
    return Written(urls, files, compressed, reused, cards_reused, day, pdfs)


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
               f"({export.compressed} with .gz and .br twins, {export.reused} of them reused "
               f"from the previous export; {export.cards_reused} share cards reused) "
               f"in {current(export.destination)}, now live as {export.destination} "
               f"({export.seconds:.1f} s), built for {export.day.isoformat()} (see {BUILD_NOTE}); "
               f"PDFs: {export.pdfs.reused} reused, {export.pdfs.made} made "
               f"({export.pdfs.workers} processes, {export.pdfs.seconds:.1f} s), "
               f"kept in {export.pdfs.folder}")


def init_app(app: Flask) -> None:
    """Add `flask freeze` and `flask nginx-config` to the app's commands."""
    app.cli.add_command(freeze_command)
    nginx.init_app(app)
