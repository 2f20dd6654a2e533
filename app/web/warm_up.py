"""A worker's pages made before it serves: the home page, the fixed pages and the newest
announcements of every language, rendered and compressed once (app/wsgi.py, in each worker).

Otherwise a worker renders a page on its first request: the home page in ~0.7 s (templates
compiled), an announcement in ~1.4 s (its PDF is made for the size the page states). Under a
shared link's traffic that request held the worker's one thread while the connections queued
behind it waited (p99 4.4 s in the first round of `bench/load.py --mix viral`), and the
worker's memory grew while serving, from 59 to 106 MiB, which reads as a leak. Warmed, a
worker's first visitor waits as the next one, and its memory is its working size from the
start.
"""

from __future__ import annotations

import gc

from flask import Flask, url_for

from app.site import STATIC_PAGES, PageKey
from app.web.urls import page_url

NEWEST = 10  # announcements per language: the ones being shared; older ones render on demand
CODINGS = ("br", "gzip")  # what browsers accept: each page's compressed bytes made too


def paths(app: Flask, newest: int = NEWEST) -> list[str]:
    """The addresses to make: per language, home, fixed pages, newest announcements."""
    site = app.extensions["site"]
    found = []
    with app.test_request_context("/"):
        for lang in app.config["LANGUAGES"]:
            found.append(url_for("site.home", lang=lang))
            found += [path for kind in STATIC_PAGES
                      if (path := page_url(PageKey(kind), lang)) is not None]
            found += [url_for("site.page", lang=lang, slug=local.source.slug)
                      for local in site.listing(lang)[:newest]]
    return found


def warm_up(app: Flask, newest: int = NEWEST) -> list[str]:
    """Request each path of `paths` in each coding (the page cache keeps them), then leave
    what start-up made to the garbage collector's permanent generation (never scanned again:
    shorter pauses while serving). The paths made."""
    made = paths(app, newest)
    client = app.test_client()
    for path in made:
        for coding in CODINGS:
            client.get(path, headers={"Accept-Encoding": coding}).close()
    gc.collect()
    gc.freeze()
    return made
