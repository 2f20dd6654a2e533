"""deploy/nginx.conf serving the static export: a real nginx on 127.0.0.1, started once for
tests/export/ (conftest.py) in its own process group and stopped at the end.

nginx comes from `bin/setup --test` (root on Debian): without it these tests fail, never skip
(as the browser tests do without chromium)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest

from app import create_app
from app.export.freeze import BUILD_NOTE
from app.export.nginx import render
from app.web.policy import SECURITY_HEADERS
from tests.export.nginx_server import header

UNPACK = {"gzip": gzip.decompress, "br": brotli.decompress}


def frozen_urls(root: Path) -> list[str]:
    urls = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and path.suffix not in (".gz", ".br") \
                and relative not in ("index.html", BUILD_NOTE) \
                and path.name != "404.html":
            urls.append("/" + re.sub(r"(^|/)index\.html$", r"\1", relative))
    return urls


def test_every_page_is_served_with_the_bytes_and_headers_the_app_gives(nginx):
    client = nginx.app.test_client()
    urls = frozen_urls(nginx.root)
    assert len(urls) >= 20
    for url in urls:
        status, headers, body = nginx.request(url)
        with client.get(url) as expected:
            assert status == expected.status_code == 200, url
            assert body == expected.get_data(), url
            for name in ("Content-Type", "Content-Language", "Cache-Control",
                         "Content-Disposition", *SECURITY_HEADERS):
                if name == "Content-Disposition" and not url.endswith((".ics", ".pdf")):
                    continue
                assert header(headers, name) == expected.headers.get(name), (url, name)


STATUSES = [
    ("/fr/", {}, 200),
    ("/static/site.css", {}, 200),
    ("/fr", {}, 301),
    ("/", {}, 302),
    ("/en/nope/", {}, 404),
    ("/xx/", {}, 404),
    ("/fr/404.html", {}, 404),
]


@pytest.mark.parametrize(("path", "headers", "status"), STATUSES)
def test_every_status_carries_the_security_headers_and_no_version(nginx, path, headers, status):
    got, answer, _ = nginx.request(path, **headers)
    assert got == status
    for name, value in SECURITY_HEADERS.items():
        assert header(answer, name) == value, name
    assert header(answer, "Server") == "nginx"
    assert header(answer, "Set-Cookie") is None
    if header(answer, "Content-Type").startswith("text/html"):  # pages only, as the app
        assert header(answer, "Content-Language") in ("fr", "en")
    else:
        assert header(answer, "Content-Language") is None


def test_a_revalidated_page_is_a_304_with_the_same_headers(nginx):
    status, first, _ = nginx.request("/en/salon-du-numerique-2024/")
    assert status == 200
    status, again, body = nginx.request("/en/salon-du-numerique-2024/",
                                        **{"If-None-Match": header(first, "ETag")})
    assert (status, body) == (304, b"")
    for name in (*SECURITY_HEADERS, "Content-Language", "Cache-Control", "ETag"):
        assert header(again, name) == header(first, name), name


def test_the_etag_is_the_one_of_the_export_file_whose_time_comes_from_its_bytes(nginx):
    _, headers, _ = nginx.request("/fr/")
    stat = (nginx.root / "fr" / "index.html").stat()
    assert header(headers, "ETag") == f'"{int(stat.st_mtime):x}-{stat.st_size:x}"'


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_language_folder_has_its_own_404_page(nginx, lang):
    for path in (f"/{lang}/nope/", f"/{lang}/nope.html", f"/{lang}/404.html"):
        status, headers, body = nginx.request(path, **{"Accept-Language": "de"})
        assert status == 404
        assert body == (nginx.root / lang / "404.html").read_bytes()
        assert header(headers, "Content-Language") == lang
        assert f'<html lang="{lang}"' in body.decode()


@pytest.mark.parametrize(("accept", "lang"), [("en-GB,en;q=0.9", "en"), ("fr", "fr"),
                                              (None, "fr"), ("de", "fr")])
def test_a_path_outside_the_languages_gets_the_404_in_the_visitor_language(nginx, accept, lang):
    headers = {"Accept-Language": accept} if accept else {}
    status, answer, body = nginx.request("/nothing/here", **headers)
    assert status == 404
    assert body == (nginx.root / lang / "404.html").read_bytes()
    assert "Accept-Language" in header(answer, "Vary")


ACCEPT = [
    None, "", "en", "EN", "en-US,en;q=0.9", "fr-CH, fr;q=0.9, en;q=0.8", "de-DE,de;q=0.9,en;q=0.8",
    "de", "en;q=0, fr", "en;q=0.0, de", "es, en-GB;q=0.5", "*", "en_GB", "zz-" * 100 + "en",
    "fr;q=0.9, en;q=0.8", "en\tfoo",
]


@pytest.mark.parametrize("accept", ACCEPT)
def test_the_root_redirects_like_the_app(nginx, accept):
    headers = {"Accept-Language": accept} if accept is not None else {}
    status, answer, _ = nginx.request("/", **headers)
    expected = nginx.app.test_client().get("/", headers=headers)
    assert status == expected.status_code == 302
    assert header(answer, "Location") == expected.headers["Location"]
    assert header(answer, "Cache-Control") == "private, no-store"
    assert header(answer, "Vary") == "Accept-Language"
    assert header(answer, "Content-Language") == expected.headers["Content-Language"]


def test_a_folder_without_its_slash_is_redirected_to_a_path_never_to_the_host(nginx):
    status, headers, _ = nginx.request("/en/salon-du-numerique-2024", Host="localhost:1234")
    assert status == 301
    assert header(headers, "Location") == "/en/salon-du-numerique-2024/"


@pytest.mark.parametrize("path", ["/fr/", "/en/salon-du-numerique-2024/", "/sitemap.xml",
                                  "/en/feed.xml", "/static/site.css"])
@pytest.mark.parametrize(("accept", "coding"), [("gzip", "gzip"), ("gzip, br", "br"),
                                                ("br", "br"), ("br;q=0, gzip", "gzip")])
def test_precompressed_files_are_served_to_who_accepts_them(nginx, path, accept, coding):
    status, plain_headers, plain = nginx.request(path)
    status, headers, packed = nginx.request(path, **{"Accept-Encoding": accept})
    assert status == 200
    assert header(headers, "Content-Encoding") == coding
    assert header(plain_headers, "Content-Encoding") is None
    assert UNPACK[coding](packed) == plain
    assert header(headers, "Content-Type") == header(plain_headers, "Content-Type")
    assert header(headers, "Content-Length") == str(len(packed))
    assert "Accept-Encoding" in header(headers, "Vary")
    assert "Accept-Encoding" in header(plain_headers, "Vary")


@pytest.mark.parametrize("coding", ["gzip", "br"])
@pytest.mark.parametrize(("path", "lang"), [("/fr/nope/", "fr"), ("/en/nope.html", "en"),
                                            ("/nothing/here", "fr")])
def test_the_404_page_is_served_compressed_and_never_kept(nginx, coding, path, lang):
    status, headers, packed = nginx.request(path, **{"Accept-Encoding": coding})
    assert status == 404
    assert header(headers, "Content-Encoding") == coding
    assert UNPACK[coding](packed) == (nginx.root / lang / "404.html").read_bytes()
    assert header(headers, "Cache-Control") == "no-store"
    assert header(headers, "Content-Language") == lang


def test_static_files_under_a_fingerprint_are_immutable_the_plain_ones_not(nginx):
    link = re.search(r'href="(/static/style\.[0-9a-f]{16}\.css)"',
                     (nginx.root / "fr" / "index.html").read_text(encoding="utf-8"))[1]
    _, fingerprinted, body = nginx.request(link)
    assert header(fingerprinted, "Cache-Control") == "public, max-age=31536000, immutable"
    _, plain, plain_body = nginx.request("/static/style.css")
    assert header(plain, "Cache-Control") == "public, max-age=300"
    assert body == plain_body


def test_head_is_get_without_the_body(nginx):
    _, got, body = nginx.request("/en/")
    _, head, nothing = nginx.request("/en/", method="HEAD")
    assert nothing == b""
    assert len(body) > 0
    drop = {"date"}
    assert [(k, v) for k, v in head if k.lower() not in drop] == [
        (k, v) for k, v in got if k.lower() not in drop]


def test_the_export_root_page_is_served(nginx):
    status, _, body = nginx.request("/index.html")
    assert status == 200
    assert body == (nginx.root / "index.html").read_bytes()


def test_the_rendered_configuration_has_no_placeholder_left(tmp_path):
    text = render(tmp_path, "127.0.0.1:8080", ["fr", "en", "de"])
    assert not re.search(r"@[A-Z_]+@", text)
    assert "listen 127.0.0.1:8080;" in text
    assert f"root {tmp_path.resolve()};" in text
    assert "(?<asked>fr|en|de)" in text
    assert "server_tokens off;" in text


@pytest.mark.parametrize(("root", "listen"), [("/srv/site", "0.0.0.0:80; evil"),
                                              ("/srv/my site", "127.0.0.1:80"),
                                              ("/srv/site;", "80")])
def test_the_configuration_refuses_what_would_break_it(root, listen):
    with pytest.raises(ValueError):
        render(root, listen, ["fr", "en"])


def test_the_configuration_command_names_the_modules_nginx_lacks(tmp_path):
    runner = create_app({"TESTING": True}).test_cli_runner()
    result = runner.invoke(args=["nginx-config", str(tmp_path / "site"),
                                 "--modules", str(tmp_path)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert ("apt-get install libnginx-mod-http-brotli-static "
            "libnginx-mod-http-headers-more-filter") in result.output
    result = runner.invoke(args=["nginx-config", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;" in result.output
