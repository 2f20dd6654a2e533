"""deploy/nginx.conf with a CDN in front, and re-exports while nginx serves: a real nginx on
127.0.0.1 (tests/export/test_nginx.py's), each point of what a shared cache may keep."""

from __future__ import annotations

import gzip
import threading
import time

import brotli
import pytest

from app.export.freeze import freeze
from app.export.releases import rollback
from tests.export.nginx_server import header

PUBLIC = "public, max-age=300"
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.mark.parametrize(("method", "path", "headers", "status", "cache"), [
    ("GET", "/fr/salon-du-numerique-2024/", {}, 200, PUBLIC),
    ("GET", "/fr", {}, 301, PUBLIC),
    ("GET", "/", {}, 302, "private, no-store"),
    ("GET", "/fr/nope/", {}, 404, "no-store"),
    ("GET", "/nope.css", {}, 404, "no-store"),
    ("GET", "/fr/", {"Host": "evil.example"}, 400, "no-store"),
    ("POST", "/fr/", {"Content-Length": "0"}, 405, "no-store"),
])
def test_only_what_the_export_holds_is_kept_by_a_shared_cache(nginx, method, path, headers,
                                                             status, cache):
    got, answer, _ = nginx.request(path, method, **headers)
    assert got == status
    assert header(answer, "Cache-Control") == cache


def test_a_revalidation_is_public_like_its_page(nginx):
    _, first, _ = nginx.request("/en/")
    status, again, _ = nginx.request("/en/", **{"If-None-Match": header(first, "ETag")})
    assert status == 304
    assert header(again, "Cache-Control") == PUBLIC


@pytest.mark.parametrize("path", ["/fr/index.html.gz", "/sitemap.xml.gz", "/fr/404.html.gz",
                                  "/en/feed.xml.gz", "/fr/salon-du-numerique-2024/index.html.br",
                                  "/static/site.css.br", "/en/404.html.br"])
@pytest.mark.parametrize("coding", [None, "gzip", "br"])
def test_precompressed_twins_are_never_served_under_their_own_name(nginx, path, coding):
    assert (nginx.root / path.lstrip("/")).is_file()  # the twin is there
    headers = {"Accept-Encoding": coding} if coding else {}
    status, answer, body = nginx.request(path, **headers)
    assert status == 404
    assert header(answer, "Content-Type") == "text/html; charset=utf-8"  # the 404 page
    assert header(answer, "Cache-Control") == "no-store"
    lang = "en" if path.startswith("/en/") else "fr"
    page = (nginx.root / lang / "404.html").read_bytes()
    assert {None: bytes, "gzip": gzip.decompress, "br": brotli.decompress}[coding](body) == page


@pytest.mark.parametrize("coding", [None, "gzip", "br", "gzip, br"])
def test_the_404_page_stays_internal_in_every_encoding(nginx, coding):
    headers = {"Accept-Encoding": coding} if coding else {}
    for path in ("/fr/404.html", "/fr/404.html.gz", "/fr/404.html.br", "/en/404.html"):
        status, answer, _ = nginx.request(path, **headers)
        assert status == 404, path
        assert header(answer, "Cache-Control") == "no-store"


def cache_controls(answer: list) -> list[str]:
    return [value for name, value in answer if name.lower() == "cache-control"]


@pytest.mark.parametrize(("path", "headers", "status", "cache"), [
    ("/fr/", {}, 200, PUBLIC),
    ("/fr/", {"If-None-Match": "ETAG"}, 304, PUBLIC),
    ("/fr/", {"Range": "bytes=0-9"}, 206, PUBLIC),
    ("/fr/", {"Host": "evil.example"}, 400, "no-store"),
    ("/fr/nope/", {}, 404, "no-store"),
    ("/fr/", {"Range": "bytes=99999999-"}, 416, "no-store"),
    ("/static/site.css", {"Range": "bytes=99999999-"}, 416, "no-store"),
    ("/en/salon-du-numerique-2024/", {"Range": "bytes=99999999-"}, 416, "no-store"),
])
def test_every_status_sends_one_cache_control_the_right_one(nginx, path, headers, status,
                                                            cache):
    if headers.get("If-None-Match") == "ETAG":
        headers = {"If-None-Match": header(nginx.request(path)[1], "ETag")}
    got, answer, _ = nginx.request(path, **headers)
    assert got == status
    assert cache_controls(answer) == [cache]
    for name in ("Content-Security-Policy", "Strict-Transport-Security", "Content-Language"):
        assert len([n for n, _ in answer if n.lower() == name.lower()]) <= 1, name


@pytest.mark.parametrize(("host", "status"), [
    ("evil.example", 400), ("127.0.0.1.evil.example", 400), ("", 400),
    ("127.0.0.1", 200), ("localhost:8080", 200),
])
def test_a_default_server_refuses_unknown_hosts(nginx, host, status):
    got, answer, body = nginx.request("/fr/", Host=host)
    assert got == status
    if status == 400:
        assert b"Annonces" not in body  # not a page of the site
        assert header(answer, "Cache-Control") == "no-store"


def test_immutable_only_on_the_names_the_export_fingerprints(nginx):
    dated = nginx.root / "static" / "report.20240101.pdf"
    dated.write_bytes(b"%PDF-1.4 dated name, not a fingerprint")
    dated.chmod(0o644)
    try:
        _, answer, _ = nginx.request("/static/report.20240101.pdf")
        assert header(answer, "Cache-Control") == PUBLIC
    finally:
        dated.unlink()
    css = next((nginx.root / "static").glob("site.*.css")).name
    card = next((nginx.root / "en" / "salon-du-numerique-2024").glob("card.*.png")).name
    for path in (f"/static/{css}", f"/en/salon-du-numerique-2024/{card}"):
        status, answer, _ = nginx.request(path)
        assert (status, header(answer, "Cache-Control")) == (200, IMMUTABLE), path
    _, answer, _ = nginx.request("/static/site.css")
    assert header(answer, "Cache-Control") == PUBLIC


def test_a_re_export_under_requests_serves_every_request_and_a_failed_one_changes_nothing(
        nginx, monkeypatch):
    statuses: list[int] = []
    stop = threading.Event()

    def visit():
        while not stop.is_set():
            for path in ("/fr/", "/en/salon-du-numerique-2024/", "/static/site.css"):
                statuses.append(nginx.request(path)[0])

    visitors = [threading.Thread(target=visit) for _ in range(2)]
    for visitor in visitors:
        visitor.start()
    try:
        before = nginx.root.resolve()
        freeze(nginx.app, nginx.root)
        time.sleep(0.2)
    finally:
        stop.set()
        for visitor in visitors:
            visitor.join()
    assert nginx.root.resolve() != before
    assert len(statuses) > 20 and set(statuses) == {200}, statuses[:50]

    live = nginx.root.resolve()
    served = nginx.request("/fr/")[2]

    def fail(*args):
        raise RuntimeError("export failed half-way")

    monkeypatch.setattr("app.export.freeze.compress_text_files", fail)
    with pytest.raises(RuntimeError):
        freeze(nginx.app, nginx.root)
    assert nginx.root.resolve() == live
    assert nginx.request("/fr/") == (200, nginx.request("/fr/")[1], served)
    assert rollback(nginx.root) == before  # one command back to the previous export
    assert nginx.request("/fr/")[0] == 200
