"""The press release as a PDF in every language: `/<lang>/<slug>/<slug>-<lang>.pdf`.

Made from `templates/print/announcement.html` by WeasyPrint (app/pdf), on the first request of
the page (whose download link says the PDF's size) or of the PDF, then kept for the site's
generation: sizes for every page, bytes for the most recent ones (the page cache keeps the
bytes of every PDF actually requested), and on disk by content when PDF_CACHE_DIR is set
(app/pdf/cache.py). `flask freeze` makes the missing ones first, in parallel (app/export/pdfs.py),
then asks for every page and every PDF, so the static export holds them all.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, g, render_template, url_for
from markupsafe import Markup

from app.pdf.batch import Job, make
from app.pdf.cache import PdfCache, pdf_key
from app.pdf.furniture import PAGE, PAGES, css_counters, css_string
from app.site import STATIC_PREFIX, PageKey, Site
from app.translation.local_page import LocalizedPage, human_size
from app.web.clock import event_over, today
from app.web.current import site
from app.web.i18n import date_long, gettext, language_name
from app.web.metadata import plain
from app.web.urls import absolute, page_url

bp = Blueprint("pdf", __name__, url_prefix="/<lang:lang>")
RECENT = 32  # PDFs kept in memory besides the page cache: the ones just linked from a page
# The day of the HTML a PDF's cache key is made from: the generation date alone never makes
# a new PDF (a PDF taken from the cache says the day it was made).
STAND_IN = date(2000, 1, 1)


@bp.url_value_preprocessor
def take_language(endpoint: str | None, values: dict[str, Any] | None) -> None:
    g.lang = values.pop("lang") if values is not None else None


def file_name(slug: str, lang: str) -> str:
    """The PDF's name without `.pdf`: the slug and the language, so that both languages of
    one announcement can sit side by side in a journalist's downloads."""
    return f"{slug}-{lang}"


def pdf_url(slug: str, lang: str) -> str:
    return url_for("pdf.document", lang=lang, slug=slug, name=file_name(slug, lang))


class Documents:
    """Each announcement's PDF per language for one generation of the site: its size always,
    its bytes while it is among the most recent."""

    def __init__(self, site: Site, recent: int = RECENT, disk: PdfCache | None = None):
        self.site = site
        self.recent = recent
        self.disk = disk  # PDFs kept by content, across processes and restarts
        self.generation = site.generation
        self.sizes: dict[tuple[str, str], int] = {}
        self.keys: dict[tuple[str, str], str] = {}  # cache keys already worked out
        self.bytes: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self.lock = threading.Lock()

    def _current(self) -> None:
        if self.generation != self.site.generation:  # the site reloaded: all is stale
            self.sizes, self.keys, self.bytes = {}, {}, OrderedDict()
            self.generation = self.site.generation

    def get(self, lang: str, slug: str, build: Callable[[], bytes]) -> bytes:
        """The PDF's bytes, built when not kept."""
        key = (lang, slug)
        with self.lock:
            self._current()
            data = self.bytes.get(key)
            if data is not None:
                self.bytes.move_to_end(key)
                return data
        data = build()  # outside the lock: two pages may be built at once
        with self.lock:
            self._current()
            self.sizes[key] = len(data)
            self.bytes[key] = data
            while len(self.bytes) > self.recent:
                self.bytes.popitem(last=False)
        return data

    def on_disk(self, lang: str, slug: str, key: str, size: int) -> None:
        """Note that the PDF is in the disk cache under `key` (the export found or put it
        there): the page gives its size and the PDF is read without working its key out."""
        with self.lock:
            self._current()
            self.sizes[(lang, slug)], self.keys[(lang, slug)] = size, key

    def size(self, lang: str, slug: str, build: Callable[[], bytes]) -> int:
        """The PDF's size in bytes, building it once."""
        with self.lock:
            self._current()
            size = self.sizes.get((lang, slug))
        return size if size is not None else len(self.get(lang, slug, build))


def documents() -> Documents:
    """The PDFs kept for this app (sizes and bytes), registered by `init_app`."""
    kept: Documents = current_app.extensions["pdf_documents"]
    return kept


def running_footer(url: str, generated: date) -> dict[str, Markup]:
    """The CSS `content` of the footer on every page: where and when the PDF comes from, and
    "Page N of M", in the current language (plain text: margin boxes hold no markup)."""
    # Translators: footer of every page of the PDF: when and from which web page it was made.
    origin = gettext("Document généré le %(date)s à partir de la page %(url)s. Langue : "
                     "%(language)s.", date=date_long(generated), url=url,
                     language=language_name(g.lang))
    # Translators: page number in the footer of every page of the PDF ("Page 2 of 3").
    number = gettext("Page %(page)s sur %(pages)s", page=PAGE, pages=PAGES)
    return {"origin": Markup(css_string(origin.striptags())),
            "number": Markup(css_counters(number.striptags()))}


def print_html(local: LocalizedPage, generated: date) -> str:
    """The print template of an announcement, in the current language, made on `generated`."""
    lang, source = g.lang, current_app.config["LANGUAGES"][0]
    url = absolute(page_url(PageKey("announcement", local.source.slug), lang) or "")

    def address(href: str) -> str:
        return absolute(href) if href.startswith("/") else href

    files = [(file, address(file.href)) for file in local.files]
    published = local.press_release
    return render_template("print/announcement.html", page=local, lang=lang,
                           source_lang=source, files=files,
                           press_release=(published, address(published.href)) if published
                           else None,
                           description=plain(local.chapeau_html),
                           publisher=current_app.config["PUBLISHER"],
                           footer=running_footer(url, generated),
                           event_past=event_over(local.source.event))


def source_key(local: LocalizedPage) -> str:
    """The cache key of the PDF of `local` in the current language (app/pdf/cache.py)."""
    return pdf_key(print_html(local, STAND_IN), absolute(pdf_url(local.source.slug, g.lang)))


def job(local: LocalizedPage, key: str) -> Job:
    """What makes the PDF of `local` in the current language, today, in any process."""
    site_url = current_app.config["SITE_URL"].rstrip("/")
    return Job(key, print_html(local, today()), absolute(pdf_url(local.source.slug, g.lang)),
               site_url + STATIC_PREFIX, str(current_app.config["FILES_DIR"]))


def build(local: LocalizedPage) -> Callable[[], bytes]:
    """What makes the PDF of `local` in the current language, or reads it from the disk."""

    def made() -> bytes:
        disk = documents().disk
        if disk is None:
            return make(job(local, ""))[1]
        key = documents().keys.get((g.lang, local.source.slug)) or source_key(local)
        data = disk.get(key)
        if data is None:
            data = make(job(local, key))[1]
            disk.put(key, data)
        return data

    return made


def download(local: LocalizedPage) -> dict[str, str] | None:
    """The page's download link: where, in which language, and how big; None when the PDF
    cannot be made (the page is still served, without the link, and the log says why)."""
    lang, slug = g.lang, local.source.slug
    try:
        size = documents().size(lang, slug, build(local))
    except Exception:
        current_app.logger.exception("the PDF of /%s/%s/ could not be made", lang, slug)
        return None
    return {"url": pdf_url(slug, lang), "lang": lang, "size": human_size(size, lang)}


@bp.get("/<slug:slug>/<slug:name>.pdf")
def document(slug: str, name: str) -> Response:
    """`/en/vivatechnology-2024/vivatechnology-2024-en.pdf`: the press release to download."""
    found = site().resolve(g.lang, slug)
    if found is None or found[1] is None or name != file_name(slug, g.lang):
        abort(404)
    data = documents().get(g.lang, slug, build(found[1]))
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def init_app(app: Flask) -> None:
    """Register the PDF route and its store."""
    folder = app.config.get("PDF_CACHE_DIR")
    app.extensions["pdf_documents"] = Documents(app.extensions["site"],
                                                disk=PdfCache(folder) if folder else None)
    app.register_blueprint(bp)
