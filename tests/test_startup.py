"""What keeps a site of 1,000 announcements starting in seconds (bench/scale.py measures it):
libyaml for front matter, one regex pass over each catalog, bodies rendered on first use."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from app import create_app
from app.content.rendering import Renderer
from app.content.sources import _compose, _Composer
from app.translation.pofiles import PO_LINE, _bad_lines
from tests.helpers import FIXTURE_SITE, SLUG


def slow_bad_lines(text: str) -> list[tuple[int, str]]:
    return [(number, line) for number, line in enumerate(text.split("\n"), start=1)
            if not PO_LINE.fullmatch(line)]


PIECES = ['"', "\\", "#", "~", " ", "\t", "\x0b", "\u2028", "\r", "\x85", "msgid", "msgstr",
          "msgctxt", "msgid_plural", "msgstr[0]", "[", "]", "a", "é", "\n", '\\"', '"a"', "#~ "]


def test_the_one_pass_catalog_check_finds_exactly_the_lines_the_line_check_refuses():
    generator = random.Random(20261128)
    for _ in range(20_000):
        text = "".join(generator.choice(PIECES) for _ in range(generator.randint(0, 14)))
        assert list(_bad_lines(text)) == slow_bad_lines(text), repr(text)


def test_real_catalogs_have_no_bad_line(site_settings):
    for path in Path(site_settings["TRANSLATIONS_DIR"]).rglob("*.po"):
        text = path.read_text(encoding="utf-8")
        assert list(_bad_lines(text)) == slow_bad_lines(text) == []


def nodes(node):
    """A comparable form of a YAML node tree."""
    if isinstance(node, yaml.ScalarNode):
        return node.tag, node.value, node.start_mark.line, node.style or None  # "" = None
    return node.tag, node.start_mark.line, [
        tuple(nodes(part) for part in pair) if isinstance(pair, tuple) else nodes(pair)
        for pair in node.value]


FRONT_MATTERS = [
    *[path.read_text(encoding="utf-8").split("---\n")[1]
      for path in (FIXTURE_SITE / "content").glob("*.md")],
    "title: a & b\ndate: 2024-01-01\ntags: [x, '*y']\n",
    "title: 'x'\nn: 0123\nflag: no\nwhen: 2024-04-04 16:31:00 +02:00\n",
]


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_libyaml_composes_the_same_nodes_as_the_python_loader(text):
    loader = _Composer(text)
    try:
        expected = loader.get_single_node()
    finally:
        loader.dispose()
    assert nodes(_compose(text)) == nodes(expected)


@pytest.mark.parametrize(("text", "message"), [
    ("a: &x 1\nb: *x\n", "YAML aliases are not supported"),
    ("a: &x 1\n", "YAML anchors are not supported"),
    ("a: [1\n", "expected ',' or ']'"),
])
def test_refusals_keep_the_python_loader_messages(text, message):
    with pytest.raises(yaml.YAMLError, match=message.replace("[", r"\[")):
        _compose(text)


def test_lists_of_announcements_render_no_body(monkeypatch):
    app = create_app({"TESTING": True})
    calls = []
    original = Renderer.render_document

    def spy(self, document, choose):
        calls.append(document)
        return original(self, document, choose)

    monkeypatch.setattr(Renderer, "render_document", spy)
    client = app.test_client()
    for path in ("/fr/", "/en/", "/fr/plan-du-site/", "/en/feed.xml"):
        assert client.get(path).status_code == 200
    assert calls == []
    page = client.get(f"/en/{SLUG}/").get_data(as_text=True)
    assert len(calls) == 1
    assert "Digital Fair" in page
