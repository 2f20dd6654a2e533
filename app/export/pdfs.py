"""The export's PDFs: each unchanged one reused from the cache, the missing ones made first,
in parallel processes, before the pages that link to them are written.

A PDF takes about 0.3 s of WeasyPrint on one core, so 2,000 of them cannot be made within the
export's budget; they are made once, kept by what they are made from (app/pdf/cache.py), and
every later export reads them back. The cache lives beside the export (`DIR.pdf-cache`),
or in PDF_CACHE_DIR, and keeps only what the last export used.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, g

from app.pdf.batch import Job, make_all, workers_for
from app.pdf.cache import PdfCache
from app.web.current import site
from app.web.pdf import job, source_key


@dataclass(frozen=True)
class PdfReport:
    """What the export did with its PDFs."""

    folder: Path
    reused: int
    made: int
    workers: int
    seconds: float
    keys: frozenset[str]


def cache_folder(app: Flask, live: Path) -> Path:
    """PDF_CACHE_DIR, or `DIR.pdf-cache` beside the export (outside `DIR.exports`, whose
    old folders are deleted)."""
    folder = app.config.get("PDF_CACHE_DIR")
    return Path(folder) if folder else live.with_name(live.name + ".pdf-cache")


def pending(app: Flask, lang: str, cache: PdfCache) -> list[tuple[str, str, Job | None]]:
    """(slug, key, what makes it when the cache does not hold it) of the PDF of every
    announcement in `lang`."""
    found: list[tuple[str, str, Job | None]] = []
    with app.test_request_context(f"/{lang}/"):
        g.lang = lang
        for local in site().listing(lang):
            key = source_key(local)
            found.append((local.source.slug, key, None if key in cache else job(local, key)))
    return found


def prepare_pdfs(app: Flask, folder: Path) -> PdfReport:
    """Put every PDF of the site in the cache in `folder`, making the missing ones in
    parallel, and make the app read them from there."""
    started = time.perf_counter()
    cache = PdfCache(folder)
    documents = app.extensions["pdf_documents"]
    found = {lang: pending(app, lang, cache) for lang in app.config["LANGUAGES"]}
    jobs = [job for each in found.values() for _, _, job in each if job is not None]
    sizes = {}
    for key, data in make_all(jobs):
        cache.put(key, data)
        sizes[key] = len(data)
    for lang, each in found.items():
        for slug, key, _ in each:
            documents.on_disk(lang, slug, key, sizes.get(key) or cache.size(key))
    documents.disk = cache
    keys = frozenset(key for each in found.values() for _, key, _ in each)
    return PdfReport(cache.folder, len(keys) - len(jobs), len(jobs), workers_for(len(jobs)),
                     time.perf_counter() - started, keys)
