"""`flask --app app freeze DIR`: the whole site as static files, for nginx or any CDN.

Every page in every language (the bytes the app serves for the same URL), the localized 404
pages (`DIR/<lang>/404.html`), static files under both names, sitemap.xml, robots.txt, the
feeds and calendar files, and at the root a bilingual language-choice page (`/` negotiates in
the app; a static host cannot). Each text file gets a pre-compressed `.gz` twin for nginx's
`gzip_static`, and every file a modification time derived from its content, so that nginx's
ETag (time and size) is the same on every server and changes only with the bytes.

Frozen-Flask builds every URL while its own request context is active, so each test-client
request would share one application context: `g.lang` (and Flask-Babel's remembered locale)
would leak from one page into the next. Each page is built in an empty `contextvars` context,
exactly as a server would build it.
"""

from __future__ import annotations

import contextvars
import gzip
import hashlib
import os
import shutil
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
from flask import Flask, current_app, render_template, url_for
from flask.cli import with_appcontext

from app.export import nginx
from app.site import STATIC_PAGES, PageKey
from app.web.i18n import language_name, site

# Suffixes of text files, which get a `.gz` twin.
TEXT_SUFFIXES = (".html", ".css", ".js", ".svg", ".xml", ".txt", ".ics", ".json")
# A previous export has these at its root: only such a folder is emptied before writing.
EXPORT_MARKS = ("index.html", "robots.txt", "sitemap.xml")
# Interface strings of the language-choice page, looked up in each language's catalog.
SITE_NAME = "Annonces du numérique de l’État"
CHOOSE = "Choix de la langue"
EPOCH = 1_000_000_000  # file times: 2001-09-09 plus up to 8.5 years, from the content


class ExportError(click.ClickException):
    """The export cannot be written where asked."""


@dataclass(frozen=True)
class Export:
    """What `freeze` wrote."""

    destination: Path
    urls: tuple[str, ...]
    files: int
    compressed: int
    seconds: float


def page_urls() -> Iterator[tuple[str, dict]]:
    """(endpoint, values) of every page, feed and calendar file in every language, and the
    fingerprinted names of the static files (Frozen-Flask adds their plain names)."""
    yield "discovery.sitemap", {}
    yield "discovery.robots", {}
    assets, folder = current_app.extensions["assets"], Path(current_app.static_folder)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield "static", {"filename": assets.url_name(path.relative_to(folder).as_posix())}
    for lang in current_app.config["LANGUAGES"]:
        yield "site.home", {"lang": lang}
        for kind in STATIC_PAGES:
            yield "site.page", {"lang": lang, "slug": site().slug_in(PageKey(kind), lang)}
        for local in site().listing(lang):
            slug = local.source.slug
            yield "site.page", {"lang": lang, "slug": slug}
            if local.source.event is not None:
                yield "feeds.event_calendar", {"lang": lang, "slug": slug, "name": slug}
        yield "feeds.feed", {"lang": lang}


def isolated(function, *args):
    """Run `function` with no Flask context active, as a server runs each request."""
    return contextvars.Context().run(function, *args)


def make_freezer(app: Flask, destination: Path):
    from flask_frozen import Freezer  # imported here: only the export needs it

    class IsolatedFreezer(Freezer):
        def _build_one(self, url, last_modified=None):
            return isolated(super()._build_one, url, last_modified)

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
    freezer = IsolatedFreezer(app, with_static_files=True, with_no_argument_rules=False,
                              log_url_for=False)
    freezer.register_generator(page_urls)
    return freezer


def prepare(destination: Path) -> None:
    """Create the folder, or empty a previous export; never touch another non-empty folder."""
    if destination.exists() and not destination.is_dir():
        raise ExportError(f"{destination} is not a folder")
    if destination.is_dir() and any(destination.iterdir()):
        if not all((destination / name).is_file() for name in EXPORT_MARKS):
            raise ExportError(f"{destination} is not empty and holds no previous export: "
                              "give an empty or new folder")
        for child in destination.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    destination.mkdir(parents=True, exist_ok=True)


def error_pages(app: Flask, destination: Path) -> list[Path]:
    """`DIR/<lang>/404.html`: the app's own 404 page in each language."""
    written = []
    for lang in app.config["LANGUAGES"]:
        response = isolated(lambda lang=lang: app.test_client().get(f"/{lang}/404.html"))
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
    """A `.gz` twin of each text file, when it is smaller (nginx `gzip_static on`)."""
    count = 0
    for path in sorted(destination.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            data = path.read_bytes()
            packed = gzip.compress(data, compresslevel=9, mtime=0)
            if len(packed) < len(data):
                path.with_name(path.name + ".gz").write_bytes(packed)
                count += 1
    return count


def content_times(destination: Path) -> None:
    """Each file's time from its bytes (a `.gz` takes its original's, as nginx wants)."""
    for path in destination.rglob("*"):
        if path.is_file() and path.suffix != ".gz":
            digest = hashlib.sha256(path.read_bytes()).digest()
            stamp = EPOCH + int.from_bytes(digest[:4], "big") % (2**28)
            os.utime(path, (stamp, stamp))
            twin = path.with_name(path.name + ".gz")
            if twin.is_file():
                os.utime(twin, (stamp, stamp))


def freeze(app: Flask, destination: str | Path) -> Export:
    """Write the export of `app` into `destination` (new, empty or a previous export)."""
    started = time.perf_counter()
    destination = Path(destination).resolve()
    prepare(destination)
    freezer = make_freezer(app, destination)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        urls = tuple(sorted(freezer.freeze()))
    for warning in caught:
        # `/` is left out on purpose: it negotiates; the root page below replaces it.
        if "Nothing frozen for endpoints root." not in str(warning.message):
            warnings.warn_explicit(warning.message, warning.category, warning.filename,
                                   warning.lineno)
    error_pages(app, destination)
    (destination / "index.html").write_bytes(language_choice(app))
    compressed = compress_text_files(destination)
    content_times(destination)
    files = sum(1 for path in destination.rglob("*") if path.is_file())
    return Export(destination, urls, files, compressed, time.perf_counter() - started)


@click.command("freeze")
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def freeze_command(destination: Path) -> None:
    """Write the whole site as static files into DESTINATION (for nginx or a CDN)."""
    export = freeze(current_app._get_current_object(), destination)
    click.echo(f"{len(export.urls)} URLs, {export.files} files ({export.compressed} .gz) "
               f"in {export.destination} ({export.seconds:.1f} s)")


def init_app(app: Flask) -> None:
    """Add `flask freeze` and `flask nginx-config` to the app's commands."""
    app.cli.add_command(freeze_command)
    nginx.init_app(app)
