"""Content never makes a traceback: any markdown loads and renders, no text is lost, hostile
lines stay linear, control characters are refused with their line."""

from __future__ import annotations

import json
import subprocess
import sys

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.content.announcements import check_rendering, load_announcements
from app.content.markup import parse_body
from app.content.rendering import Renderer
from app.content.sanitize import sanitize
from tests.helpers import post


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
MARKUP = ["\n", "\n\n", "> ", "* ", "- ", "1. ", "## ", "{: .citation}", "{:target=_\"blank\"}",
          '{:target="_blank"}', "**", "*", "_", "[", "]", "](/x)", "|", "---", "<div>", "</div>",
          "<br>", "`", "\\", "'", '"', "...", "<<", ">>", "    ", "```", "<p>", "</p>",
          "<figure>", "</figure>", "=", ":", "!", "&amp;", "<span>", "</span>"]
RENDERER = Renderer("fr")


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS + MARKUP), max_size=60))
def test_any_markdown_renders_without_error_and_keeps_every_word(tokens):
    body = " ".join(tokens)
    document = parse_body(body, 5)
    html = RENDERER.render_document(document, lambda s: (s.text, False)).html
    shown = soup(html).get_text(" ")

    for word in {token for token in tokens if token in WORDS}:
        assert word in shown, (body, html)



YAML_BITS = ["title: x", "date: 2024-02-30", "chapeau-text: |", "  > {: .a}", "files:",
             "  - nom: a", "    lien: vivatechnology.com", "une:", "  image: /a.png",
             "tags: [a, b", "champs_informations:", "  - intitule: null", "acces: 3",
             "event_start_date: demain", "- x", ": :", "'", "\t", "contact-presse: [a]"]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(YAML_BITS + WORDS), max_size=12),
       st.lists(st.sampled_from(WORDS + MARKUP), max_size=40))
def test_any_file_loads_and_renders_or_says_why_never_raising(front, tokens):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "annonce.md"
        path.write_text("---\n" + "\n".join(front) + "\n---\n" + " ".join(tokens),
                        encoding="utf-8")
        announcements, problems = load_announcements(folder, "Europe/Paris", 1 << 20)
    assert all(problem.line >= 1 and problem.message for problem in problems)
    problems = check_rendering(announcements, RENDERER)
    assert [problem for problem in problems if not problem.warning] == []


HOSTILE = ["[" * 100_000, "<" + "a" * 100_000, "{:" + "x" * 100_000, "'" * 100_000,
           "a\"" * 50_000, "*" * 100_000, "| " * 50_000, "> " * 50_000, "`" * 100_000,
           "\\" * 100_000, "_a" * 50_000, "[a](" * 25_000, "<div>" * 20_000,
           "</div>x" * 14_000, "&a" * 50_000, "{: .a}\n" * 14_000, "* a\n" * 25_000,
           "<a " * 33_000, "<img " * 20_000, "](" * 50_000]


def test_our_expressions_stay_linear_on_a_hostile_100_kb_line():
    """Block parsing, typography, attribute lists and content warnings on 100 KB lines, in a
    child process that a quadratic expression would keep far beyond its time limit."""
    script = (
        "import json, sys\n"
        "from app.content.markup import parse_body\n"
        "from app.content.typography import smarten\n"
        "from app.content.attributes import parse_attributes\n"
        "from app.content.lint import vague_links, SCHEMELESS, HTML_IMG, MD_IMAGE_NO_ALT\n"
        "for text in json.load(sys.stdin):\n"
        "    for segment in parse_body(text, 1).segments:\n"
        "        smarten(segment.text); vague_links(segment.text)\n"
        "        SCHEMELESS.findall(segment.text); HTML_IMG.findall(segment.text)\n"
        "        MD_IMAGE_NO_ALT.search(segment.text)\n"
        "    parse_attributes(text)\n")
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(HOSTILE).encode(),
                          timeout=600, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()[-500:]


def test_deeply_nested_quotes_and_lists_are_read_without_recursion_error():
    for body in ("> " * 5_000 + "fin", "".join("  " * i + "* a\n" for i in range(40))):
        document = parse_body(body, 1)
        RENDERER.render_document(document, lambda s: (s.text, False))


def test_a_control_character_is_refused_with_its_line(write_content):
    folder = write_content({"annonce.md": post(body="Un texte\navec un \x02 caché.")})

    announcements, problems = load_announcements(folder, "Europe/Paris", 1 << 20)

    assert announcements == []
    assert [p.line for p in problems] == [6]
    assert "control character U+0002" in problems[0].message


def test_a_body_that_cannot_render_is_a_problem_at_its_file(write_content, monkeypatch):
    folder = write_content({"annonce.md": post(body="Un **texte**.")})
    announcements, _ = load_announcements(folder, "Europe/Paris", 1 << 20)

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(RENDERER.inline, "render", broken)
    problems = check_rendering(announcements, RENDERER)

    assert [(p.line, p.warning) for p in problems] == [(announcements[0].announcement.body_line,
                                                        False)]
    assert "cannot be rendered: ValueError('boom')" in problems[0].message


def test_an_inline_style_or_script_never_hides_the_rest_of_the_paragraph():
    for tag in ("style", "textarea", "title", "script"):
        body = f"Avant <{tag}>x</{tag}> après la balise, et la suite."
        html = RENDERER.render_document(parse_body(body, 1), lambda s: (s.text, False)).html
        shown = soup(sanitize(html, "note")).get_text()
        assert "après la balise, et la suite." in shown, (tag, html)


def test_a_body_that_renders_too_long_is_stopped_and_named_with_its_file(write_content,
                                                                        monkeypatch):
    folder = write_content({"annonce.md": post(body="Un **texte**.")})
    announcements, _ = load_announcements(folder, "Europe/Paris", 1 << 20)

    def endless(text, references):
        while True:
            pass

    monkeypatch.setattr(RENDERER.inline, "render", endless)
    problems = check_rendering(announcements, RENDERER, limit_seconds=0.2)

    assert [(p.path.endswith("content/annonce.md"), p.line, p.warning) for p in problems] == [
        (True, announcements[0].announcement.body_line, False)]
    assert "takes more than 0.2 s to render, stopped" in problems[0].message
