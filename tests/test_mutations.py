"""Hostile or careless mutations of content and catalogs: each is refused at start with
`path:line`, or neutralised in the output; never a 500.

Covered elsewhere, not repeated here:
- python tags, aliases, anchors, the size limit, duplicated keys, YAML syntax errors, refused
  at check and at start: content/test_sources.py, content/test_front_matter.py,
  test_cli_content.py (BROKEN);
- `title: no` / `0123` / `yes` read as written: content/test_front_matter.py::test_a_title_...;
- raw-HTML XSS vectors (script, onerror, javascript: and its encoded spellings, data:,
  iframe, style, form, svg script, meta refresh, ...) in a body and a chapeau, unit and
  rendered: content/test_sanitize.py (ATTACKS);
- `<script>` and `onerror` in a content translation: translation/test_localize.py;
- HTML in an interface msgstr shown as text: web/test_i18n.py;
- a renamed placeholder in an interface msgstr stops the site: translation/test_catalogs.py.
What is added: tags in the places the loader might not look, an alias bomb, a 20 MB file,
duplicated keys below the top level, YAML surprises end to end, markdown-syntax XSS, every
ATTACKS vector in a content translation, template syntax in content, and the `%` hazards of
interface translations.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from app import create_app
from app.problems import ProblemsFound
from tests.content.test_sanitize import ATTACKS
from tests.helpers import UI_CATALOG, executable_scripts, post, soup

SLUG = "annonce"
DANGER = re.compile(r"(javascript|vbscript|data|file):")
NAME = f"2024-04-04-{SLUG}.md"


def refused(make_app, folder, translations=None) -> str:
    """The message the site refuses to start with."""
    with pytest.raises(ProblemsFound) as raised:
        make_app(folder, translations)
    return str(raised.value)


def article(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    return soup(response)


ACTIVE = ("script", "iframe", "frame", "form", "style", "svg", "math", "meta", "object",
          "embed", "base", "link", "input", "button")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "xlink:href", "poster")


def assert_inert(page) -> None:
    """Nothing in the page runs, redirects or submits: no active element, no event handler or
    style attribute, no URL with a scheme that runs (as a browser reads it: unescaped, with
    control characters and spaces dropped)."""
    assert executable_scripts(page) == []
    article = page.select_one("article") or page.main
    assert article.find_all(ACTIVE) == [], str(article)
    for element in article.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), str(element)
            assert name.lower() != "style", str(element)
            if name.lower() in URL_ATTRIBUTES:
                url = re.sub(r"[\x00-\x20]", "", str(value)).lower()
                assert not DANGER.match(url), str(element)


# Tags in places the loader might not look: it must refuse them all, and never run them.
@pytest.mark.parametrize(("front", "line"), [
    pytest.param("? !!python/object/apply:os.system ['touch pwned']\n: x\n", 4, id="on a key"),
    pytest.param("tags: [a, !!python/object/apply:os.system ['touch pwned']]\n", 4,
                 id="in a flow list"),
    pytest.param("contact-presse:\n  nom: !!python/object/new:os.system [touch pwned]\n", 5,
                 id="in a mapping"),
    pytest.param("chapeau-text: !<tag:yaml.org,2002:python/object/apply:os.system> "
                 "['touch pwned']\n", 4, id="verbatim tag"),
])
def test_a_python_tag_anywhere_is_refused_at_its_line_and_never_run(
        write_content, make_app, monkeypatch, tmp_path, front, line):
    ran = []
    monkeypatch.setattr(os, "system", lambda command: ran.append(command) or 0)
    message = refused(make_app, write_content({NAME: post(front=front)}))
    assert re.search(rf"{NAME}:{line}: .*tag", message), message
    assert ran == []


def test_a_python_tag_on_the_whole_front_matter_is_refused_at_line_2(write_content, make_app):
    text = "---\n!!python/object/apply:os.system ['touch pwned']\n---\nCorps.\n"
    message = refused(make_app, write_content({NAME: text}))
    assert f"{NAME}:2: " in message


BOMB = "".join(
    [f"a0: &a0 [{', '.join(['lol'] * 9)}]\n"]
    + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10)]
)


def test_a_billion_laughs_is_refused_at_its_first_alias_before_any_expansion(write_content,
                                                                             make_app):
    folder = write_content({NAME: f"---\ntitle: T\n{BOMB}---\nCorps.\n"})
    message = refused(make_app, folder)
    assert f"{NAME}:4: " in message  # the first alias (*a0): nothing was expanded
    assert "aliases are not supported" in message


def test_a_20_mb_file_is_refused_at_start_without_being_read(write_content, make_app,
                                                             monkeypatch):
    folder = write_content({"2024-04-04-enorme.md": post(body="x" * (20 * 1024 * 1024))})
    read, read_bytes = [], Path.read_bytes

    def counting_read_bytes(path: Path) -> bytes:
        read.append(path.name)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting_read_bytes)
    message = refused(make_app, folder)
    assert "2024-04-04-enorme.md" not in read
    assert re.search(r"2024-04-04-enorme\.md:1: file is \d+ bytes, more than 2097152", message)


@pytest.mark.parametrize(("front", "line", "key"), [
    pytest.param("contact-presse:\n  name: A\n  name: B\n", 6, "name", id="in a mapping"),
    pytest.param("files:\n  - file: /a.pdf\n    nom: A\n    nom: B\n", 7, "nom",
                 id="in a list entry"),
    pytest.param("title: Autre\n", 4, "title", id="the title twice"),
])
def test_a_duplicated_key_below_the_top_or_of_the_title_is_refused(
        write_content, make_app, front, line, key):
    message = refused(make_app, write_content({NAME: post(front=front)}))
    assert re.search(rf"{NAME}:{line}: .*{key}", message), message


# YAML 1.1 reads these as booleans, octal numbers or dates: the site shows them as written.
SURPRISES = post(
    "no", "Corps.",
    front=("chapeau-text: 0123\nsous-titre: yes\nlieu: 1.50\n"
           "event_start_date: 2024-05-22\ntags: [no, 0123, on]\npublished: yes\n"),
)


@pytest.mark.parametrize(("lang", "translations"), [
    ("fr", {}),
    ("en", {(f"{SLUG}:title", "no"): "no", (f"{SLUG}:chapeau", "0123"): "0123"}),
])
def test_yaml_surprises_show_as_written_and_published_yes_publishes(
        write_content, make_app, lang, translations):
    client = make_app(write_content({NAME: SURPRISES}), translations).test_client()
    page = article(client, f"/{lang}/{SLUG}/")
    assert page.h1.get_text(strip=True) == "no"
    text = page.main.get_text(" ", strip=True)
    for shown in ("0123", "yes", "1.50"):
        assert shown in text
    for hidden in ("False", "True", "83", "None"):
        assert hidden not in text.split()


@pytest.mark.parametrize(("value", "served"), [
    ("yes", True), ("on", True), ("no", False), ("off", False),
])
def test_published_yes_no_on_off_decide_whether_a_page_is_served(
        write_content, make_app, value, served):
    client = make_app(write_content({NAME: post(front=f"published: {value}\n")})).test_client()
    assert client.get(f"/fr/{SLUG}/").status_code == (200 if served else 404)


@pytest.mark.parametrize("value", ["0", "1", "2024-04-04", "[yes]", "'peut-être'"])
def test_published_anything_else_is_refused_at_its_line(write_content, make_app, value):
    message = refused(make_app, write_content({NAME: post(front=f"published: {value}\n")}))
    assert f"{NAME}:4: published: expected true or false" in message


# Markdown syntax, not raw HTML: links, images and autolinks with dangerous targets.
MARKDOWN_ATTACKS = [
    pytest.param("[Lien](javascript:alert(1))", id="link"),
    pytest.param("[Lien](JaVaScRiPt:alert(1))", id="link mixed case"),
    pytest.param("[Lien](jav&#x09;ascript:alert(1))", id="link encoded tab"),
    pytest.param("[Lien](&#106;avascript:alert(1))", id="link entity"),
    pytest.param("[Lien](&#x6A;&#x61;vascript&#58;alert(1))", id="link hex entities"),
    pytest.param("[Lien](%6Aavascript:alert(1))", id="link percent-encoded"),
    pytest.param("[Lien](<javascript:alert(1)>)", id="link in brackets"),
    pytest.param("[Lien][r]\n\n[r]: javascript:alert(1)", id="reference link"),
    pytest.param("<javascript:alert(1)>", id="autolink"),
    pytest.param("![Image](javascript:alert(1))", id="image"),
    pytest.param("[Lien](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                 id="data link"),
    pytest.param("![Image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
                 id="data image"),
    pytest.param("[Lien](vbscript:msgbox(1))", id="vbscript"),
    pytest.param('Texte\n{: onclick="alert(1)" }', id="attribute list"),
    pytest.param('[Lien](https://ok.example){: onmouseover="alert(1)" }',
                 id="attribute list on a link"),
    pytest.param("[Lien](https://ok.example \"x\\\" onmouseover=\\\"alert(1)\")",
                 id="title breaking out"),
]


@pytest.mark.parametrize("attack", MARKDOWN_ATTACKS)
@pytest.mark.parametrize("where", ["body", "chapeau"])
def test_a_markdown_attack_is_neutralised_in_french(write_content, make_app, attack, where):
    body, front = ("Avant.\n\n" + attack + "\n\nAprès.", "") if where == "body" else (
        "Corps.", "chapeau-text: |\n  " + attack.replace("\n", "\n  ") + "\n")
    client = make_app(write_content({NAME: post(body=body, front=front)})).test_client()
    assert_inert(article(client, f"/fr/{SLUG}/"))


TRANSLATED = post("Titre", "Premier paragraphe.", front="chapeau-text: Le chapeau.\n")
HEAD = {(f"{SLUG}:title", "Titre"): "Title", (f"{SLUG}:chapeau", "Le chapeau."): "Standfirst."}


@pytest.mark.parametrize("attack", [*MARKDOWN_ATTACKS, *(
    pytest.param(attack.values[0], id=f"html {attack.id}") for attack in ATTACKS)])
@pytest.mark.parametrize("field", ["body", "chapeau"])
def test_every_attack_in_a_content_translation_is_neutralised(
        write_content, make_app, attack, field):
    """Translators are not trusted more than authors: the validation refuses the catalog at
    its line (as `i18n check` does), or what it lets through is inert."""
    key = ((f"{SLUG}:body", "Premier paragraphe.") if field == "body"
           else (f"{SLUG}:chapeau", "Le chapeau."))
    try:
        client = make_app(write_content({NAME: TRANSLATED}), HEAD | {key: attack}).test_client()
    except ProblemsFound as error:
        assert re.search(r"content\.po:\d+: ", str(error)), str(error)
        return
    for path in (f"/en/{SLUG}/", "/en/"):
        assert_inert(article(client, path))


# Text fields are text: markup in them is shown, escaped, in both languages.
@pytest.mark.parametrize(("front", "msgctxt", "msgid"), [
    ("title: '<script>alert(1)</script>'\n", "title", "<script>alert(1)</script>"),
    ("lieu: '<img src=x onerror=alert(1)>'\nevent_start_date: 2024-05-22\n", "place",
     "<img src=x onerror=alert(1)>"),
    ("une-ou-diaporama:\n  - image: /static/a.png\n"
     "    alternative-textuelle: '\"><script>alert(1)</script>'\n", "image-alt",
     "\"><script>alert(1)</script>"),
    ("files:\n  - file: /a.pdf\n    nom: '<svg onload=alert(1)>'\n", "file-label",
     "<svg onload=alert(1)>"),
])
def test_markup_in_a_text_field_or_its_translation_is_shown_as_text(
        write_content, make_app, front, msgctxt, msgid):
    text = post("Titre", "Corps.", front="chapeau-text: Le chapeau.\n" + front)
    if front.startswith("title:"):
        text = "---\n" + front + "date: 2024-04-04\nchapeau-text: Le chapeau.\n---\nCorps.\n"
    # The translation keeps the markup of its French (any other markup is refused at start).
    translations = {**HEAD, (f"{SLUG}:{msgctxt}", msgid): msgid + " (en)"}
    if msgctxt == "title":
        del translations[(f"{SLUG}:title", "Titre")]
    client = make_app(write_content({NAME: text}), translations).test_client()
    for path in (f"/fr/{SLUG}/", f"/en/{SLUG}/", "/fr/", "/en/"):
        page = article(client, path)
        assert executable_scripts(page) == []
        assert page.find_all(onerror=True) == page.find_all(onload=True) == []


@pytest.mark.parametrize("syntax", ["{{ config }}", "{{ 7*7 }}", "{% raw %}x{% endraw %}",
                                    "{{ request.environ }}", "%(title)s %s %%"])
def test_template_syntax_in_content_and_translations_is_shown_literally(
        write_content, make_app, syntax):
    """Content is never rendered as a template, nor %-formatted."""
    text = post("Titre", f"Avant {syntax} après.", front=f"chapeau-text: 'Chapeau {syntax}'\n")
    translations = {**HEAD, (f"{SLUG}:chapeau", f"Chapeau {syntax}"): f"Standfirst {syntax}",
                    (f"{SLUG}:body", f"Avant {syntax} après."): f"Before {syntax} after."}
    del translations[(f"{SLUG}:chapeau", "Le chapeau.")]
    client = make_app(write_content({NAME: text}), translations).test_client()
    for path, shown in ((f"/fr/{SLUG}/", f"Avant {syntax} après."),
                        (f"/en/{SLUG}/", f"Before {syntax} after.")):
        main = article(client, path).main.get_text()
        assert shown in main
        assert "49" not in main
        assert "SECRET_KEY" not in main
        assert "wsgi" not in main


# Interface catalogs: the % hazards of Python formatting.
def ui_catalog(replace: dict[str, str]) -> str:
    """The English interface catalog with some text replaced."""
    text = UI_CATALOG.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


def app_with_ui(make_app, write_content, tmp_path, replace: dict[str, str]):
    """A site whose English interface catalog has `replace` applied; the catalog's path."""
    folder = write_content({NAME: TRANSLATED})
    make_app(folder, HEAD)  # writes the catalogs
    po = tmp_path / "translations/en/LC_MESSAGES/messages.po"
    po.write_text(ui_catalog(replace), encoding="utf-8")
    return lambda: create_app({"TESTING": True, "CONTENT_DIR": str(folder),
                               "TRANSLATIONS_DIR": str(tmp_path / "translations")}), po


LONE_PERCENT = {'msgstr "Error code: %(code)s"': 'msgstr "100% error code: %(code)s"'}
RENAMED = {'msgstr "Error code: %(code)s"': 'msgstr "Error code: %(status)s"'}


def line_of(path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


@pytest.mark.parametrize("replace", [LONE_PERCENT, RENAMED], ids=["lone %", "renamed"])
def test_a_bad_placeholder_in_an_interface_translation_is_refused_at_its_line(
        write_content, make_app, tmp_path, replace):
    start, po = app_with_ui(make_app, write_content, tmp_path, replace)
    with pytest.raises(ProblemsFound) as raised:
        start()
    message = str(raised.value)
    msgid = line_of(po, 'msgid "Code d’erreur : %(code)s"')
    assert re.search(rf"messages\.po:{msgid}: .*placeholders", message), message


@pytest.mark.parametrize(("old", "new", "path"), [
    ('msgstr "Page not found"', 'msgstr "<script>alert(1)</script>Page not found"',
     "/en/page-inconnue/"),
    ('msgstr "Error code: %(code)s"', 'msgstr "<img src=x onerror=alert(1)> %(code)s"',
     "/en/page-inconnue/"),
    ('msgstr "Method not allowed"', 'msgstr "<script>alert(1)</script>"', "/en/"),
])
def test_html_in_an_error_page_translation_is_refused_at_its_line(
        write_content, make_app, tmp_path, old, new, path):
    start, po = app_with_ui(make_app, write_content, tmp_path, {old: new})
    with pytest.raises(ProblemsFound) as raised:
        start()
    assert re.search(rf"messages\.po:{line_of(po, new) - 1}: HTML in the translation",
                     str(raised.value)), str(raised.value)
