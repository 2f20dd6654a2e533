"""Static files under fingerprinted names (app/web/assets.py)."""

from __future__ import annotations

import hashlib
import io
import os

import pytest

from app import create_app
from app.config import PROJECT_ROOT
from app.web.assets import IMMUTABLE, Assets, fingerprinted_name
from app.web.dsfr import DSFR_FOLDER
from app.web.policy import SECURITY_HEADERS
from tests.helpers import soup

STATIC = PROJECT_ROOT / "static"
ICON = f"{DSFR_FOLDER}/favicon/favicon.svg"


def digest(name: str) -> str:
    return hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:16]


@pytest.mark.parametrize("path", ["/fr/", "/en/salon-du-numerique-2024/", "/en/nope/"])
def test_pages_link_the_fingerprinted_stylesheet_and_icon(app, client, path):
    page = soup(client.get(path))
    built = app.extensions["assets"].built_bytes("style.css")
    assert page.find("link", rel="stylesheet")["href"] == (
        f"/static/style.{hashlib.sha256(built).hexdigest()[:16]}.css")
    assert page.find("link", rel="icon")["href"] == (
        f"/static/{ICON.removesuffix('.svg')}.{digest(ICON)}.svg")


@pytest.mark.parametrize("name", ["site.css", ICON])
def test_a_fingerprinted_name_is_cached_for_a_year_and_the_plain_one_still_works(client, name):
    stem, suffix = name.rsplit(".", 1)
    with client.get(f"/static/{stem}.{digest(name)}.{suffix}") as long_lived:
        assert long_lived.status_code == 200
        assert long_lived.headers["Cache-Control"] == IMMUTABLE
        assert "Expires" not in long_lived.headers
        for header, value in SECURITY_HEADERS.items():
            assert long_lived.headers[header] == value
        assert long_lived.get_data() == (STATIC / name).read_bytes()
    with client.get(f"/static/{name}") as plain:
        assert plain.status_code == 200
        assert "immutable" not in plain.headers["Cache-Control"]
        assert plain.get_data() == (STATIC / name).read_bytes()


@pytest.mark.parametrize("path", ["/static/site.0000000000000000.css",
                                  "/static/site.0123abcd0123abcd.css",
                                  "/static/nope.1234567812345678.css"])
def test_a_fingerprint_that_is_not_the_current_one_is_a_404(client, path):
    with client.get(path) as response:
        assert response.status_code == 404
        assert "immutable" not in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize(("name", "expected"), [
    ("site.css", "site.abcdef12.css"),
    ("css/print.min.css", "css/print.min.abcdef12.css"),
    ("LICENSE", "LICENSE.abcdef12"),
    (".hidden", ".hidden.abcdef12"),
])
def test_fingerprinted_names(name, expected):
    assert fingerprinted_name(name, "abcdef12") == expected


def test_in_debug_mode_a_changed_file_gets_a_new_name(tmp_path):
    (tmp_path / "a.css").write_text("a {}", encoding="utf-8")
    watched, fixed = Assets(tmp_path, watch=True), Assets(tmp_path)
    first = watched.url_name("a.css")
    assert fixed.url_name("a.css") == first
    (tmp_path / "a.css").write_text("b {}", encoding="utf-8")
    stamp = (tmp_path / "a.css").stat().st_mtime_ns + 10**9
    os.utime(tmp_path / "a.css", ns=(stamp, stamp))
    assert watched.url_name("a.css") != first
    assert fixed.url_name("a.css") == first
    assert watched.resolve(first) == (first, False)  # the old name is no longer this file
    assert watched.resolve(watched.url_name("a.css")) == ("a.css", True)


def test_names_outside_the_folder_or_missing_are_not_fingerprinted(tmp_path):
    (tmp_path / "inner").mkdir()
    (tmp_path / "secret.css").write_text("x", encoding="utf-8")
    assets = Assets(tmp_path / "inner")
    assert assets.url_name("../secret.css") == "../secret.css"
    assert assets.url_name("missing.css") == "missing.css"
    assert assets.digest("missing.css") is None


@pytest.mark.parametrize("name", ["site.css", "favicon.svg"])
def test_a_static_etag_is_the_files_sha256_the_same_on_every_server(name):
    expected = f'"{hashlib.sha256((STATIC / name).read_bytes()).hexdigest()}"'
    for _ in range(2):  # two servers (their file times may differ: the tag does not)
        with create_app({"TESTING": True}).test_client().get(f"/static/{name}") as response:
            assert response.headers["ETag"] == expected
            assert "Content-Language" not in response.headers  # a stylesheet has no language


def test_favicon_ico_is_served_like_the_svg_icon(client):
    from PIL import Image

    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype == "image/x-icon"
        icon = Image.open(io.BytesIO(response.get_data()))
        assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]
        assert icon.convert("RGB").getpixel((2, 16)) == (0, 0, 145)  # the blue of the SVG
