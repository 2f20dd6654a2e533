"""Real posts of numerique.gouv.fr, and one post per rule, render as the State's Jekyll does.

Jekyll's own converter (kramdown, GFM input, the site's settings) renders every post of
tests/fixtures/jekyll/ in one Ruby process; ours must give the same visible text, blocks,
headings, links and images, modulo the intended differences of docs/rendering.md.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.content.front_matter import load_page
from app.content.rendering import Renderer
from tests.jekyll.parity import differences, jekyll_html, our_html

CORPUS = Path(__file__).parents[1] / "fixtures" / "jekyll"
POSTS = sorted(path for path in CORPUS.rglob("*")
               if path.suffix in (".md", ".markdown") and path.parent != CORPUS)
REAL = [path for path in POSTS if path.parent.name != "rules"]


@pytest.fixture(scope="module")
def jekyll() -> dict[str, dict[str, str]]:
    return jekyll_html(POSTS)


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer("fr")


def test_the_corpus_has_real_posts_of_every_folder_with_their_source_and_licence():
    text = (CORPUS / "index.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    assert len(REAL) >= 60
    assert {row["file"] for row in rows} == {str(p.relative_to(CORPUS)) for p in REAL}
    assert {row["source"].split("/")[0] for row in rows} == {
        "_communiques", "_actualites", "_evenements", "_publications"}
    assert all(len(row["commit"]) == 40 and row["licence"] == "etalab-2.0" for row in rows)


@pytest.mark.parametrize("path", POSTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_post_renders_as_jekyll_renders_it(path, jekyll, renderer):
    ours, theirs = our_html(path, renderer), jekyll[str(path)]

    assert differences(ours["body"], theirs["body"]) == []
    assert differences(ours["chapeau"], theirs["chapeau"]) == []


@pytest.mark.parametrize("path", REAL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_real_post_loads_warnings_allowed(path):
    page, problems = load_page(path, "Europe/Paris", 1 << 21)

    assert [str(p) for p in problems if not p.warning] == []
    assert page is not None
