"""The stylesheet: the vendored DSFR as published, its dark palette without script, served
minified and compressed (app/web/stylesheet.py, app/web/assets.py, bin/vendor-dsfr)."""

from __future__ import annotations

import gzip
import json
import re

import brotli
import pytest

from app.config import PROJECT_ROOT
from app.web.dsfr import DSFR_FILES, DSFR_FOLDER, DSFR_VERSION, vendored_name
from app.web.stylesheet import build, dark_rules

# The pinned package, installed from node/package-lock.json by bin/setup --test (npm ci,
# which checks the tarball against the lock's integrity hash).
PACKAGE = PROJECT_ROOT / "node" / "node_modules" / "@gouvfr" / "dsfr"
VENDORED = PROJECT_ROOT / "static" / DSFR_FOLDER


def test_the_pinned_package_is_installed_at_the_vendored_version():
    assert (PACKAGE / "package.json").is_file(), "run bin/setup --test (npm ci in node/)"
    assert json.loads((PACKAGE / "package.json").read_text())["version"] == DSFR_VERSION
    lock = json.loads((PROJECT_ROOT / "node" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/@gouvfr/dsfr"]["version"] == DSFR_VERSION


def test_every_vendored_file_is_the_packages_byte_for_byte_and_nothing_else_is_there():
    expected = {vendored_name(name): name for name in DSFR_FILES}
    present = {p.relative_to(VENDORED).as_posix() for p in VENDORED.rglob("*") if p.is_file()}
    assert present == set(expected), "run bin/vendor-dsfr"
    for name, in_package in expected.items():
        assert (VENDORED / name).read_bytes() == (PACKAGE / in_package).read_bytes(), name


def test_the_licence_and_terms_of_use_travel_with_the_files():
    assert "etalab" in (VENDORED / "LICENSE.md").read_text(encoding="utf-8").lower()
    assert "Modalités d’utilisation" in (VENDORED / "doc/legal/cgu.md").read_text(
        encoding="utf-8")


def test_the_dark_palette_is_copied_under_prefers_color_scheme():
    css = (":root{--a:#fff}:root[data-fr-theme=dark]{--a:#000}"
           ".x,[data-fr-theme=dark] .logo{color:red}"
           "@media (min-width:48em){[data-fr-theme=dark] .logo{width:1px}}"
           "@media (prefers-color-scheme:dark) and (forced-colors:active){.y{color:red}}")
    assert dark_rules(css) == (
        "@media (prefers-color-scheme:dark){:root{--a:#000}}"
        "@media (prefers-color-scheme:dark){:root .logo{color:red}}"
        "@media (prefers-color-scheme:dark) and (min-width:48em){:root .logo{width:1px}}")


@pytest.fixture(scope="module")
def stylesheet() -> str:
    return build(PROJECT_ROOT / "static", lambda name: name).decode()


def test_the_stylesheet_has_the_dsfr_dark_palette_for_a_dark_preference(stylesheet):
    palette = (VENDORED / "scheme/scheme.min.css").read_text(encoding="utf-8")
    background = re.search(r"--grey-1000-50:(#[0-9a-f]+)", palette)
    assert background is not None
    dark = re.findall(r"@media \(prefers-color-scheme:dark\)\{:root\{([^}]*)\}", stylesheet)
    assert any(f"--grey-1000-50:{background.group(1)}" in block for block in dark)


def test_the_stylesheet_links_only_vendored_fonts_and_inlines_its_icons(stylesheet):
    urls = re.findall(r"url\(([^)\"']+)\)", stylesheet)
    assert urls, "the fonts"
    for url in urls:
        assert url.endswith(".woff2") and (PROJECT_ROOT / "static" / url).is_file(), url
    assert "data:image/svg+xml" in stylesheet


def test_the_stylesheet_is_minified_and_ends_with_the_sites_own_rules(stylesheet):
    assert "\n" not in stylesheet.split("*/", 1)[1].strip()
    assert ".annonces-main{" in stylesheet
    assert stylesheet.count("SPDX-License-Identifier: Etalab-2.0") == 1


def test_pages_link_the_built_stylesheet_which_is_served_compressed(client):
    page = client.get("/fr/").get_data(as_text=True)
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', page)[1]
    assert re.fullmatch(r"/static/style\.[0-9a-f]{16}\.css", href)
    plain = client.get(href)
    assert plain.headers["Content-Type"].startswith("text/css")
    assert "immutable" in plain.headers["Cache-Control"]
    for coding, decode in (("gzip", gzip.decompress), ("br", brotli.decompress)):
        packed = client.get(href, headers={"Accept-Encoding": coding})
        assert packed.headers["Content-Encoding"] == coding
        assert "Accept-Encoding" in packed.headers["Vary"]
        assert decode(packed.get_data()) == plain.get_data()
        assert len(packed.get_data()) < len(plain.get_data()) / 4
    again = client.get(href, headers={"If-None-Match": plain.headers["ETag"]})
    assert again.status_code == 304


def test_svg_files_are_served_compressed(client):
    page = client.get("/fr/").get_data(as_text=True)
    href = re.search(r'<link rel="icon" href="([^"]+\.svg)"', page)[1]
    packed = client.get(href, headers={"Accept-Encoding": "gzip"})
    assert packed.status_code == 200
    assert packed.headers["Content-Encoding"] == "gzip"
