"""The allowlist: nothing that runs, redirects or submits reaches a page; text stays."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from app.content.sanitize import sanitize
from tests.helpers import post, soup

NOTE = "s’ouvre dans une nouvelle fenêtre"
NAME = "2024-04-04-annonce.md"
# What must never survive, whatever the spelling: an element, an attribute, a URL scheme.
DANGER = re.compile(r"<(script|iframe|form|style|svg|meta|object|embed|base|link|input)\b"
                    r"|\son\w+\s*=|javascript:|vbscript:|data:", re.IGNORECASE)


def text_of(html: str) -> str:
    return BeautifulSoup(f"<div>{html}</div>", "html.parser").get_text()


ATTACKS = [
    pytest.param('<script>alert("x")</script>Texte', "Texte", id="script"),
    pytest.param('<SCRIPT src="https://evil.example/x.js"></SCRIPT>Texte', "Texte",
                 id="script upper case"),
    pytest.param('<img src="/a.png" alt="Stand" onerror="alert(1)">', "", id="onerror"),
    pytest.param('<p onclick="alert(1)">Cliquez</p>', "Cliquez", id="onclick"),
    pytest.param('<a href="#" ONMOUSEOVER="alert(1)">Survol</a>', "Survol", id="onmouseover"),
    pytest.param('<a href="javascript:alert(1)">Lien</a>', "Lien", id="javascript"),
    pytest.param('<a href="JaVaScRiPt:alert(1)">Lien</a>', "Lien", id="mixed case"),
    pytest.param('<a href="jav&#x09;ascript:alert(1)">Lien</a>', "Lien", id="encoded tab"),
    pytest.param('<a href="&#106;avascript&#58;alert(1)">Lien</a>', "Lien", id="entities"),
    pytest.param('<a href=" javascript:alert(1)">Lien</a>', "Lien", id="leading space"),
    pytest.param('<a href="java\nscript:alert(1)">Lien</a>', "Lien", id="newline"),
    pytest.param('<a href="vbscript:msgbox(1)">Lien</a>', "Lien", id="vbscript"),
    pytest.param('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Lien</a>',
                 "Lien", id="data link"),
    pytest.param('<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="Logo">', "",
                 id="data image"),
    pytest.param('<iframe src="https://evil.example"></iframe>Après', "Après", id="iframe"),
    pytest.param('<form action="https://evil.example"><input name="q">'
                 '<button>Envoyer</button></form>', "Envoyer", id="form"),
    pytest.param("<style>body { display: none }</style>Texte", "Texte", id="style"),
    pytest.param('<p style="background:url(javascript:alert(1))">Texte</p>', "Texte",
                 id="style attribute"),
    pytest.param("<svg><script>alert(1)</script></svg>Texte", "Texte", id="svg script"),
    pytest.param('<svg onload="alert(1)"><circle r="1"/></svg>Texte', "Texte", id="svg onload"),
    pytest.param('<meta http-equiv="refresh" content="0;url=https://evil.example">Texte',
                 "Texte", id="meta refresh"),
    pytest.param('<object data="x.swf"></object><embed src="x.swf">Texte', "Texte",
                 id="object embed"),
    pytest.param('<base href="https://evil.example/">Texte', "Texte", id="base"),
    pytest.param('<link rel="stylesheet" href="https://evil.example/x.css">Texte', "Texte",
                 id="link"),
    pytest.param('<button type="button" onclick="alert(1)">Postuler</button>', "Postuler",
                 id="button"),
    pytest.param('<noscript><p title="</noscript><img src=x onerror=alert(1)>">'
                 "</noscript>", None, id="noscript mutation"),
]


@pytest.mark.parametrize(("html", "text"), ATTACKS)
def test_nothing_that_runs_redirects_or_submits_survives(html, text):
    clean = sanitize(html, NOTE)

    assert not DANGER.search(clean), clean
    if text is not None:
        assert text_of(clean) == text


@pytest.mark.parametrize(("html", "text"), ATTACKS)
def test_nothing_that_runs_survives_in_a_rendered_page(write_content, make_app, html, text):
    folder = write_content({NAME: post(body=f"Avant.\n\n{html}\n\nAprès la ligne.",
                                       front=f"chapeau-text: '{html.replace(chr(39), '')}'\n")})

    page = soup(make_app(folder).test_client().get("/fr/annonce/"))
    article = str(page.select_one("article"))

    assert not DANGER.search(article), article
    assert "Après la ligne." in page.select_one(".announcement__body").get_text()


@pytest.mark.parametrize(
    "href",
    ["https://numerique.gouv.fr/", "http://example.org/a?b=c&d=e",
     "mailto:presse@numerique.gouv.fr", "/fr/accessibilite/", "../fichiers/programme.pdf",
     "programme.pdf", "#contact"],
)
def test_links_keep_web_mail_and_relative_targets(href):
    link = BeautifulSoup(sanitize(f'<a href="{href}">lien</a>', NOTE), "html.parser").a

    assert link["href"] == href


@pytest.mark.parametrize("href", ["ftp://example.org/x", "file:///etc/passwd", "tel:0123"])
def test_links_to_other_schemes_lose_their_target_but_keep_their_text(href):
    clean = sanitize(f'<a href="{href}">le lien</a>', NOTE)

    assert "href" not in clean
    assert text_of(clean) == "le lien"


@pytest.mark.parametrize(
    "html",
    ['<a href="https://a.fr" target="_blank">Programme</a>',
     '<a target="_blank" href="https://a.fr">Programme</a>',
     '<a href="https://a.fr" TARGET="_BLANK" rel="opener">Programme</a>'],
)
def test_a_link_opening_a_new_window_says_so_and_cannot_reach_its_opener(html):
    link = BeautifulSoup(sanitize(html, NOTE), "html.parser").a

    assert link["target"] == "_blank"
    assert set(link["rel"]) == {"noopener", "noreferrer"}
    assert link.get_text() == f"Programme ({NOTE})"


def test_only_links_opening_a_new_window_get_the_note():
    clean = sanitize('<a href="/a" target="_self">Un</a> et '
                     '<a href="/b" target="_blank">deux</a> et <a href="/c">trois</a>', "NOTE")

    assert [(a.get("target"), a.get_text()) for a in
            BeautifulSoup(clean, "html.parser").find_all("a")] == [
        (None, "Un"), ("_blank", "deux (NOTE)"), (None, "trois")]


def test_only_the_classes_of_the_stylesheet_are_kept():
    clean = sanitize('<p class="encadre rouge">Encadré</p><div class="citation">C</div>'
                     '<p class="rouge">Texte</p>', NOTE)

    assert clean == '<p class="encadre">Encadré</p><div class="citation">C</div><p>Texte</p>'


@pytest.mark.parametrize(
    "html",
    ['<p lang="en">Hello</p>', '<img src="/a.png" alt="Stand" width="10" height="20">',
     '<table><tbody><tr><th scope="row">A</th><td colspan="2">B</td></tr></tbody></table>',
     '<figure><img src="/a.png" alt=""><figcaption>Légende</figcaption></figure>',
     '<p>Un<br>deux <strong>gras</strong> <em>italique</em></p>',
     '<ol start="3"><li>trois</li></ol>', '<blockquote><p>Citation</p></blockquote>'],
)
def test_ordinary_content_passes_unchanged(html):
    assert sanitize(html, NOTE) == html


def test_the_new_window_note_from_a_catalog_is_text():
    html = sanitize('<a href="https://x.example" target="_blank">Lien</a>',
                    '<meta http-equiv="refresh" content="0">ouvre & "quitte"')
    assert "<meta" not in html
    assert "(&lt;meta http-equiv=&#34;refresh&#34; content=&#34;0&#34;&gt;ouvre &amp; " in html
