"""The page cache (app/web/page_cache.py): bytes rendered once, strong ETags, 304, HEAD,
compression, and what must never be kept."""

from __future__ import annotations

import gzip
import hashlib
import os

import brotli
import pytest
from flask import Flask, template_rendered

from app import create_app
from app.web.page_cache import MARK, storable
from app.web.policy import SECURITY_HEADERS, trusted_host
from app.web.variants import Entry, accepted, choose_coding, compress, matches
from tests.helpers import soup

PAGES = ["/fr/", "/en/", "/fr/salon-du-numerique-2024/", "/en/salon-du-numerique-2024/",
         "/fr/accessibilite/", "/en/legal-notice/", "/sitemap.xml", "/robots.txt",
         "/en/feed.xml", "/fr/salon-du-numerique-2024/salon-du-numerique-2024.ics",
         "/en/salon-du-numerique-2024/salon-du-numerique-2024-en.pdf"]
# What a 304 repeats from its 200 (RFC 9110 15.4.5, and security.md).
REPEATED = [*SECURITY_HEADERS, "Content-Language", "Cache-Control", "ETag", "Vary"]


@pytest.fixture
def fresh():
    """A new app, its cache empty."""
    return create_app({"TESTING": True})


def below_cache(app: Flask, path: str, **headers):
    """The response Flask itself gives, without the layer (the bytes the cache must keep)."""
    client = app.test_client()
    layer = app.wsgi_app
    app.wsgi_app = lambda environ, start: Flask.wsgi_app(app, environ, start)
    try:
        return client.get(path, headers=headers)
    finally:
        app.wsgi_app = layer


def etag_of(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()}"'


@pytest.mark.parametrize("path", PAGES)
def test_a_page_has_a_strong_etag_the_sha256_of_its_bytes(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["ETag"] == etag_of(response.get_data())
    assert not response.headers["ETag"].startswith("W/")
    assert response.headers["Content-Length"] == str(len(response.get_data()))


@pytest.mark.parametrize("path", PAGES)
def test_the_cache_keeps_exactly_the_bytes_flask_renders(fresh, path):
    served = [fresh.test_client().get(path) for _ in range(2)]
    rendered = below_cache(fresh, path)
    assert served[0].get_data() == served[1].get_data() == rendered.get_data()
    assert served[0].headers["Content-Type"] == rendered.headers["Content-Type"]


def test_the_etag_is_the_same_for_two_instances_and_differs_between_languages():
    first, second = (create_app({"TESTING": True}).test_client() for _ in range(2))
    for path in ("/fr/salon-du-numerique-2024/", "/en/salon-du-numerique-2024/", "/en/"):
        assert first.get(path).headers["ETag"] == second.get(path).headers["ETag"]
    tags = {first.get(path).headers["ETag"]
            for path in ("/fr/salon-du-numerique-2024/", "/en/salon-du-numerique-2024/")}
    assert len(tags) == 2
    assert first.get("/fr/").headers["ETag"] != first.get("/en/").headers["ETag"]


def test_a_page_is_rendered_once_then_served_from_memory(fresh):
    rendered = []

    def record(sender, template, context, **extra):
        rendered.append(template.name)

    client = fresh.test_client()
    with template_rendered.connected_to(record, fresh):
        bodies = {client.get("/en/salon-du-numerique-2024/").get_data() for _ in range(5)}
        client.head("/en/salon-du-numerique-2024/")
        client.get("/en/salon-du-numerique-2024/", headers={"Accept-Encoding": "gzip"})
    assert len(bodies) == 1
    # Once, with its PDF made once for the size its download link says.
    assert rendered == ["print/announcement.html", "pages/announcement.html"]
    assert "/en/salon-du-numerique-2024/" in fresh.extensions["page_cache"].entries


@pytest.mark.parametrize("path", ["/fr/", "/en/salon-du-numerique-2024/", "/sitemap.xml"])
@pytest.mark.parametrize("coding", [None, "gzip", "br"])
def test_if_none_match_gives_a_304_with_the_same_headers(client, path, coding):
    headers = {"Accept-Encoding": coding} if coding else {}
    full = client.get(path, headers=headers)
    tag = full.headers["ETag"]
    for condition in (tag, f"W/{tag}", f'"other", {tag}', "*"):
        answer = client.get(path, headers={**headers, "If-None-Match": condition})
        assert answer.status_code == 304
        assert answer.get_data() == b""
        for name in REPEATED:
            assert answer.headers.get(name) == full.headers.get(name), name
        assert "Content-Length" not in answer.headers or answer.headers["Content-Length"] == "0"
    assert client.get(path, headers={**headers, "If-None-Match": '"other"'}).status_code == 200


def test_a_304_comes_from_flask_on_the_first_request_too(fresh):
    tag = create_app({"TESTING": True}).test_client().get("/fr/").headers["ETag"]
    answer = fresh.test_client().get("/fr/", headers={"If-None-Match": tag})
    assert answer.status_code == 304
    assert answer.headers["Content-Language"] == "fr"


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("first", ["GET", "HEAD"])
def test_head_is_get_without_the_body(path, first):
    client = create_app({"TESTING": True}).test_client()
    answers = {method: client.open(path, method=method) for method in (first, "GET", "HEAD")}
    head, get = answers["HEAD"], answers["GET"]
    assert head.status_code == get.status_code == 200
    assert head.get_data() == b""
    assert list(head.headers) == list(get.headers)
    assert head.headers["Content-Length"] == str(len(get.get_data()))


@pytest.mark.parametrize(("header", "coding"), [
    ("gzip", "gzip"),
    ("br", "br"),
    ("gzip, deflate, br, zstd", "br"),
    ("gzip;q=1, br;q=0.5", "gzip"),
    ("br;q=0, gzip", "gzip"),
    ("x-gzip", "gzip"),
    ("*", "br"),
    ("*;q=0.5, br;q=0", "gzip"),
    ("identity", None),
    ("gzip;q=0", None),
    ("gzip;q=0.4, identity;q=0.9", None),
    ("identity;q=0, *;q=0", None),  # nothing acceptable: identity anyway
    ("gzip;q=junk", None),
    ("", None),
    ("deflate, compress", None),
])
def test_the_representation_follows_accept_encoding(client, header, coding):
    plain = client.get("/en/salon-du-numerique-2024/").get_data()
    response = client.get("/en/salon-du-numerique-2024/", headers={"Accept-Encoding": header})
    assert response.headers.get("Content-Encoding") == coding
    assert response.headers["Vary"] == "Accept-Encoding"
    body = response.get_data()
    assert response.headers["Content-Length"] == str(len(body))
    decoded = {None: bytes, "gzip": gzip.decompress, "br": brotli.decompress}[coding](body)
    assert decoded == plain
    if coding:
        assert len(body) < len(plain) / 2
        assert response.headers["ETag"] != etag_of(plain)  # another representation


def test_compressed_bytes_are_the_same_on_every_instance():
    tags = set()
    for _ in range(2):
        compress.cache_clear()  # each instance compresses, as each worker process does
        client = create_app({"TESTING": True}).test_client()
        for coding in ("gzip", "br"):
            response = client.get("/fr/", headers={"Accept-Encoding": coding})
            tags.add((coding, response.headers["ETag"],
                      hashlib.sha256(response.get_data()).hexdigest()))
    assert len(tags) == 2


def test_a_tiny_body_is_not_compressed(client):
    response = client.get("/robots.txt", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in response.headers
    assert response.headers["Vary"] == "Accept-Encoding"


def test_the_negotiating_root_is_never_kept(fresh):
    client = fresh.test_client()
    for language in ("en", "fr", "en"):
        response = client.get("/", headers={"Accept-Language": language})
        assert response.status_code == 302
        assert response.headers["Location"] == f"/{language}/"
        assert response.headers["Cache-Control"] == "private, no-store"
        assert "ETag" not in response.headers
    assert "/" not in fresh.extensions["page_cache"].entries


HOSTILE = ["/xx/", "/FR/", "/fr", "/en/nope/", "/fr/salon-du-numerique-2024", "/fr//",
           "/EN/salon-du-numerique-2024/", "/fr/../en/", "/fr/%00/", "/static/nope.css",
           "/fr/feed.xml/", "/favicon.ico/", "/en/salon-du-numerique-2024/x.ics",
           *(f"/fr/page-{n}/" for n in range(200))]


def test_hostile_paths_are_never_stored(fresh):
    client = fresh.test_client()
    cache = fresh.extensions["page_cache"]
    for path in HOSTILE:
        assert client.get(path).status_code != 200
        client.head(path)
    assert len(cache) == 0
    for path in ("/fr/?q=1", "/en/salon-du-numerique-2024/?utm_source=x"):
        assert client.get(path).status_code == 200
    assert set(cache.entries) == {"/fr/", "/en/salon-du-numerique-2024/"}  # the query is no key
    for path in PAGES + PAGES:
        client.get(path, headers={"Accept-Language": "en", "User-Agent": "x"})
    assert sorted(cache.entries) == sorted(PAGES)


def test_error_pages_are_in_the_visitor_language_and_never_kept_by_the_layer(fresh):
    client = fresh.test_client()
    french = client.get("/xx/", headers={"Accept-Language": "fr"})
    english = client.get("/xx/", headers={"Accept-Language": "en"})
    assert (french.status_code, english.status_code) == (404, 404)
    assert french.headers["Content-Language"] == "fr"
    assert english.headers["Content-Language"] == "en"
    assert "ETag" not in english.headers


def test_the_private_mark_never_leaves(client):
    for method, path in [("GET", "/fr/"), ("HEAD", "/fr/"), ("OPTIONS", "/fr/"),
                         ("GET", "/fr/?x=1"), ("GET", "/static/site.css"), ("GET", "/xx/")]:
        with client.open(path, method=method) as response:
            assert MARK not in response.headers


def test_a_response_setting_a_cookie_or_varying_otherwise_is_not_kept():
    def entry_for(headers):
        return storable("200 OK", [(MARK, "1"), *headers])

    assert entry_for([("Content-Type", "text/html")])
    assert not storable("404 NOT FOUND", [(MARK, "1")])
    assert not storable("304 NOT MODIFIED", [(MARK, "1")])
    assert not storable("200 OK", [("Content-Type", "text/html")])  # not marked
    assert not entry_for([("Set-Cookie", "a=b")])
    assert not entry_for([("Vary", "Accept-Language")])
    assert not entry_for([("Vary", "Accept-Encoding, Cookie")])
    assert entry_for([("Vary", "Accept-Encoding")])
    assert not entry_for([("Cache-Control", "private, max-age=60")])
    assert not entry_for([("Cache-Control", "no-store")])


def test_a_reloaded_site_retires_the_cached_pages(fresh):
    client = fresh.test_client()
    site = fresh.extensions["site"]
    first = client.get("/fr/").headers["ETag"]
    generation = site.generation
    site.load()
    assert site.generation == generation + 1
    rendered = []
    with template_rendered.connected_to(lambda *a, **k: rendered.append(1), fresh):
        assert client.get("/fr/").headers["ETag"] == first
    assert rendered == [1]


def touch(path) -> None:
    stamp = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(stamp, stamp))


def test_in_debug_mode_the_cache_follows_content_changes(site_copy):
    app = create_app({"DEBUG": True})
    client = app.test_client()
    before = client.get("/fr/salon-du-numerique-2024/")
    assert client.get("/fr/salon-du-numerique-2024/").headers["ETag"] == before.headers["ETag"]
    path = site_copy / "content/2024-04-04-salon-du-numerique-2024.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Du 22 au 25 mai 2024", "Du 22 au 25 mai 2024 (modifié)"), encoding="utf-8")
    touch(path)
    after = client.get("/fr/salon-du-numerique-2024/")
    assert "(modifié)" in after.get_data(as_text=True)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert after.headers["ETag"] == etag_of(after.get_data())
    # A client holding the old tag gets the new page, not a 304.
    stale = client.get("/fr/salon-du-numerique-2024/",
                       headers={"If-None-Match": before.headers["ETag"]})
    assert stale.status_code == 200


def test_in_debug_mode_the_cache_follows_catalog_changes(site_copy):
    client = create_app({"DEBUG": True}).test_client()
    before = client.get("/en/salon-du-numerique-2024/").get_data(as_text=True)
    po = site_copy / "translations/en/LC_MESSAGES/content.po"
    text = po.read_text(encoding="utf-8")
    title = "Digital Fair 2024: the French State"
    assert title in text and title in before
    po.write_text(text.replace(title, "A changed title"), encoding="utf-8")
    touch(po)
    after = client.get("/en/salon-du-numerique-2024/").get_data(as_text=True)
    assert "A changed title" in after


def test_outside_debug_mode_the_pages_stay_as_rendered(site_copy):
    client = create_app({"TESTING": True}).test_client()
    before = client.get("/fr/salon-du-numerique-2024/").get_data()
    path = site_copy / "content/2024-04-04-salon-du-numerique-2024.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Du 22", "Dès le 22"),
                    encoding="utf-8")
    touch(path)
    assert client.get("/fr/salon-du-numerique-2024/").get_data() == before


@pytest.mark.parametrize(("header", "expected"), [
    ("gzip, br;q=0.5", {"gzip": 1.0, "br": 0.5}),
    ("GZIP ; q=0.2 , *", {"gzip": 0.2, "*": 1.0}),
    ("br;q=2", {}),  # an impossible q-value: the item is dropped, never made acceptable
    ("br;q=-1", {}),
    ("x" * 190 + ", br;q=0, gzip", {"br": 0.0, "gzip": 1.0}),  # a long header stays whole
    (",,;q=1,", {}),
    ("gzip;" + "a" * 10_000, {"gzip": 1.0}),
])
def test_accept_encoding_parsing(header, expected):
    assert accepted(header) == expected


def test_the_coding_choice_needs_no_brotli():
    assert choose_coding("br, gzip", ("gzip",)) == "gzip"
    assert choose_coding("br", ("gzip",)) == "identity"
    assert choose_coding(None) == "identity"


@pytest.mark.parametrize(("condition", "result"), [
    ('"abc"', True), ('W/"abc"', True), ('"x", "abc"', True), ("*", True), ('"abcd"', False),
    ("abc", True), ("", False),  # Werkzeug reads an unquoted tag as that tag
])
def test_if_none_match_uses_the_weak_comparison(condition, result):
    assert matches(condition, "abc") is result


def test_an_entry_drops_headers_that_would_be_wrong_when_replayed():
    entry = Entry("200 OK", [("Content-Type", "text/html"), ("Date", "x"), ("Expires", "y"),
                             ("Content-Length", "3"), ("ETag", '"old"'), (MARK, "1")],
                  b"abc", 1)
    names = [name for name, _ in entry.variant("gzip").headers]
    assert names == ["Content-Type", "Vary", "ETag", "Content-Length"]


# One cache key per page: its path and the negotiated coding, nothing else.

@pytest.mark.parametrize("query", ["?utm_source=x", "?fbclid=IwAR0abc&utm_medium=social",
                                   "?", "?utm_campaign=%3Cscript%3E"])
def test_a_query_string_gets_the_cached_bytes_and_etag_of_its_page(fresh, query):
    client, layer = fresh.test_client(), fresh.extensions["page_cache"]
    plain = client.get("/en/salon-du-numerique-2024/", headers={"Accept-Encoding": "br"})
    renders = layer.renders
    shared = client.get("/en/salon-du-numerique-2024/" + query, headers={"Accept-Encoding": "br"})
    assert shared.status_code == 200
    assert shared.headers["ETag"] == plain.headers["ETag"]
    assert shared.headers["Content-Encoding"] == "br"
    assert shared.get_data() == plain.get_data()
    assert layer.renders == renders
    page = soup(client.get("/en/salon-du-numerique-2024/" + query))
    assert page.find("link", rel="canonical")["href"].endswith("/en/salon-du-numerique-2024/")


def test_a_first_request_with_a_query_keeps_the_page_under_its_path(fresh):
    client, layer = fresh.test_client(), fresh.extensions["page_cache"]
    first = client.get("/fr/?utm_source=x")
    assert set(layer.entries) == {"/fr/"}
    assert client.get("/fr/").headers["ETag"] == first.headers["ETag"]


def test_junk_ports_in_the_host_never_cause_a_render(fresh):
    client, layer = fresh.test_client(), fresh.extensions["page_cache"]
    etag = client.get("/fr/").headers["ETag"]
    renders = layer.renders
    for port in range(20000, 20300):
        response = client.get("/fr/", headers={"Host": f"127.0.0.1:{port}"})
        assert (response.status_code, response.headers["ETag"]) == (200, etag)
    assert client.get("/fr/", headers={"Host": "localhost"}).headers["ETag"] == etag
    assert layer.renders == renders


@pytest.mark.parametrize(("host", "status"), [
    ("example.org:8443", 200), ("example.org", 400),
    ("example.org:8080", 400), ("evil.example:8443", 400), ("example.org:99999", 400),
])
def test_a_port_is_admitted_only_as_configured(host, status):
    client = create_app({"TESTING": True, "TRUSTED_HOSTS": ["example.org:8443"]}).test_client()
    for _ in range(2):  # rendered, then from memory: the same answer
        assert client.get("/fr/", headers={"Host": host}).status_code == status


@pytest.mark.parametrize(("header", "trusted", "result"), [
    ("127.0.0.1:5000", ["127.0.0.1"], True), ("localhost.", ["localhost"], True),
    ("a.gouv.fr", [".gouv.fr"], True), ("gouv.fr", [".gouv.fr"], True),
    ("evilgouv.fr", [".gouv.fr"], False), ("[::1]:80", ["[::1]"], True),
    ("", ["localhost"], False), ("localhost ", ["localhost"], False),
    ("a@localhost", ["localhost"], False),
])
def test_trusted_hosts_compare_names_without_ports(header, trusted, result):
    assert trusted_host(header, trusted) is result


@pytest.mark.parametrize("method", ["get", "Get", "head", "POST", "PURGE"])
def test_a_method_the_site_refuses_never_renders_a_page(fresh, method):
    client, layer = fresh.test_client(), fresh.extensions["page_cache"]
    rendered = []

    def record(sender, template, context, **extra):
        rendered.append(template.name)

    with template_rendered.connected_to(record, fresh):
        response = client.open("/fr/salon-du-numerique-2024/", method=method)
    assert response.status_code == 405
    assert rendered == ["errors/error.html"]
    assert len(layer) == 0


def test_a_long_accept_encoding_is_read_whole(fresh):
    long = "x" * 190 + ", br;q=0, gzip"
    response = fresh.test_client().get("/fr/", headers={"Accept-Encoding": long})
    assert response.headers["Content-Encoding"] == "gzip"
