"""Markdown bodies: cut into translatable segments, then rendered (as pages show them)."""

from __future__ import annotations

import unicodedata

import pytest

from app.content.announcements import load_announcements
from app.content.markup import parse_body
from app.content.rendering import Renderer
from tests.helpers import post, soup, spaced

NAME = "2024-04-04-annonce.md"
NEW_WINDOW = "(s’ouvre dans une nouvelle fenêtre)"


def segments(body: str, first_line: int = 10) -> list[tuple[str, int, str]]:
    return [(s.text, s.line, s.kind) for s in parse_body(body, first_line).segments]


@pytest.fixture
def page_body(write_content, make_app):
    """page_body(body, lang="fr", translations=None) -> the body element of the page shown."""

    def page_body(body: str, lang: str = "fr", translations: dict | None = None):
        folder = write_content({NAME: post(body=body)})
        client = make_app(folder, translations).test_client()
        response = client.get(f"/{lang}/annonce/")
        assert response.status_code == 200
        return soup(response).select_one(".announcement__body")

    return page_body


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("Un.\n\nDeux\nsuite.", [("Un.", 10, "paragraph"),
                                              ("Deux suite.", 12, "paragraph")],
                     id="paragraphs"),
        pytest.param("# Titre\n\n## Sous-titre ##\n\nIntertitre\n----------",
                     [("Titre", 10, "heading"), ("Sous-titre", 12, "heading"),
                      ("Intertitre", 14, "heading")], id="headings"),
        pytest.param("## Titre {#ancre}\nTexte.", [("Titre", 10, "heading"),
                                                   ("Texte.", 11, "paragraph")],
                     id="heading then paragraph without blank line"),
        pytest.param("- un\n- deux\n  suite\n    - sous", [
            ("un", 10, "list item"), ("deux suite", 11, "list item"), ("sous", 13, "list item")],
            id="list items"),
        pytest.param("1. premier\n2. second", [("premier", 10, "list item"),
                                               ("second", 11, "list item")],
                     id="ordered list"),
        pytest.param("- un\n\n  suite du un\n\n- deux", [
            ("un", 10, "list item"), ("suite du un", 12, "list item"), ("deux", 14, "list item")],
            id="loose list"),
        pytest.param("| Entité | Stand |\n|---|:---:|\n| DINUM | J59 |\n| Intérieur |  |",
                     [("Entité", 10, "table cell"), ("Stand", 10, "table cell"),
                      ("DINUM", 12, "table cell"), ("J59", 12, "table cell"),
                      ("Intérieur", 13, "table cell")], id="table cells"),
        pytest.param("> Première\n> suite.\n>\n> Seconde.", [
            ("Première suite.", 10, "quote"), ("Seconde.", 13, "quote")], id="quote paragraphs"),
        pytest.param("Un paragraphe.\n{: .encadre}", [("Un paragraphe.", 10, "paragraph")],
                     id="attribute list is not text"),
        pytest.param("Ligne  \nsuivante.", [("Ligne\nsuivante.", 10, "paragraph")],
                     id="hard line break kept"),
        pytest.param("Un <a\nhref=\"https://a.fr\">lien</a>.", [
            ('Un <a href="https://a.fr">lien</a>.', 10, "paragraph")], id="inline tag split"),
        pytest.param("Lancement 🚀 de 👩‍💻.", [("Lancement 🚀 de 👩‍💻.", 10, "paragraph")],
                     id="emoji"),
        pytest.param("Dernière ligne sans fin", [("Dernière ligne sans fin", 10, "paragraph")],
                     id="no final newline"),
    ],
)
def test_each_paragraph_heading_item_cell_and_quote_is_a_segment_at_its_line(body, expected):
    assert segments(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("```\nfenced = code\n```", id="fenced code"),
        pytest.param("~~~python\nprint('x')\n\nprint('y')\n~~~", id="fence with blank line"),
        pytest.param("    indented code", id="indented code"),
        pytest.param("\tcode after a tab", id="tab-indented code"),
        pytest.param("<div class=\"encadre\">\nTexte brut\n</div>", id="div"),
        pytest.param("<figure>\n<img src=\"/a.png\" alt=\"A\">\n<figcaption>Légende</figcaption>"
                     "\n</figure>", id="figure"),
        pytest.param("<!-- commentaire -->", id="comment"),
        pytest.param("[ref]: https://numerique.gouv.fr", id="link reference definition"),
    ],
)
def test_code_raw_html_and_link_definitions_are_not_segments(body):
    assert segments(f"Avant.\n\n{body}\n\nAprès.") == [
        ("Avant.", 10, "paragraph"), ("Après.", 14 + body.count("\n"), "paragraph")]


@pytest.mark.parametrize(
    "wrapped",
    [
        "L’État recrute des professionnels\nde la tech sur un stand unique.",
        "L’État recrute\ndes professionnels de la tech\nsur un stand unique.",
        "L’État recrute des professionnels de la tech sur un stand unique.   ",
        "L’État recrute des \n  professionnels de la tech sur un stand unique.",
    ],
)
def test_rewrapping_the_french_keeps_the_segment_text(wrapped):
    expected = "L’État recrute des professionnels de la tech sur un stand unique."

    assert [s[0] for s in segments(wrapped)] == [expected]
    assert [s[0] for s in segments("- " + wrapped.replace("\n", "\n  "))] == [expected]
    assert [s[0] for s in segments("> " + wrapped.replace("\n", "\n> "))] == [expected]


def test_segment_lines_are_lines_of_the_file(write_content):
    lines = [
        "---", "title: Un titre", "date: 2024-04-04", "chapeau-text: Un chapeau", "  replié.",
        "---", "", "Premier paragraphe", "sur deux lignes.", "", "## Intertitre", "",
        "- premier élément", "- second élément", "", "| Cellule |", "|---|", "| Valeur |", "",
        "> Citation", "", "```", "code", "```", "", "Dernier paragraphe.",
    ]
    folder = write_content({NAME: "\n".join(lines)})

    announcements, problems = load_announcements(folder, "Europe/Paris", 1 << 20)

    assert problems == []
    found = announcements[0].document.segments
    assert [(s.text, s.line) for s in found] == [
        ("Premier paragraphe sur deux lignes.", 8), ("Intertitre", 11),
        ("premier élément", 13), ("second élément", 14), ("Cellule", 16), ("Valeur", 18),
        ("Citation", 20), ("Dernier paragraphe.", 26)]
    for segment in found:
        assert segment.text.split()[0] in lines[segment.line - 1]


def test_decomposed_accents_give_composed_segments(write_content):
    folder = write_content({NAME: post(body=unicodedata.normalize(
        "NFD", "Été à Noël.\n\n- Élysée\n\n| Entité |\n|---|\n| Ministère |"))})

    announcements, _ = load_announcements(folder, "Europe/Paris", 1 << 20)

    assert [s.text for s in announcements[0].document.segments] == [
        "Été à Noël.", "Élysée", "Entité", "Ministère"]


def test_link_reference_definitions_resolve_in_every_block():
    document = parse_body("Voir [le site][dinum].\n\n[dinum]: https://numerique.gouv.fr\n\n"
                          "- Et [ici][autre].\n\n[autre]: <https://beta.gouv.fr> \"Beta\"", 1)

    html = Renderer("fr").render_document(document, lambda s: (s.text, False)).html

    assert '<a href="https://numerique.gouv.fr">le site</a>' in html
    assert '<a href="https://beta.gouv.fr" title="Beta">ici</a>' in html
    assert "[dinum]" not in html


def test_headings_start_below_the_page_title_and_never_skip_a_level(page_body):
    body = page_body("# Premier\n\nTexte.\n\n## Second\n\n#### Quatrième\n\n<h1>Brut</h1>\n\n"
                     "<h5>Brut h5</h5>")

    assert [(h.name, h.get_text()) for h in body.find_all(["h1", "h2", "h3", "h4", "h5"])] == [
        ("h2", "Premier"), ("h3", "Second"), ("h4", "Quatrième"), ("h2", "Brut"),
        ("h3", "Brut h5")]


def test_an_attribute_list_after_a_paragraph_keeps_its_class(page_body):
    body = page_body("Un encadré.\n{: .encadre}\n\nUn paragraphe.")

    assert [(p.get("class"), p.get_text()) for p in body.find_all("p")] == [
        (["encadre"], "Un encadré."), (None, "Un paragraphe.")]


@pytest.mark.parametrize(
    ("body", "selector", "text"),
    [
        pytest.param("Un encadré.\n\n{: .encadre}", "p", "Un encadré.",
                     id="paragraph, blank line"),
        pytest.param("Une citation.\n{: .citation role=\"presentation\" }", "p.citation",
                     "Une citation.", id="citation on a paragraph"),
        pytest.param("> Une citation.\n{: .citation role=\"presentation\" }",
                     "blockquote.citation", "Une citation.", id="citation on a quote"),
        pytest.param("> Une citation.\n\n{: .citation role=\"presentation\" }",
                     "blockquote", "Une citation.", id="quote, blank line"),
        pytest.param("## Intertitre\n{: .encadre}", "h2", "Intertitre", id="heading"),
        pytest.param("Intertitre\n==========\n{: .encadre}", "h2", "Intertitre",
                     id="underlined heading"),
        pytest.param("- un\n- deux\n\n{: .encadre}", "ul", "un\ndeux", id="list"),
        pytest.param("| a |\n|---|\n| b |\n\n{: .encadre}", "table", "a\nb", id="table"),
    ],
)
def test_an_attribute_list_never_shows_as_text(page_body, body, selector, text):
    shown = page_body(body)

    assert shown.select_one(selector).get_text("\n", strip=True) == text
    assert "{:" not in shown.get_text()
    assert "role" not in str(shown)


def test_a_link_opening_a_new_window_says_so_on_french_pages(page_body):
    link = page_body('Voir [le programme](https://vivatech.com){:target="_blank"}.').find("a")

    assert link["href"] == "https://vivatech.com"
    assert link["target"] == "_blank"
    assert link.get_text() == f"le programme {NEW_WINDOW}"
    assert "noopener" in link["rel"]


def test_a_link_opening_a_new_window_says_so_in_the_page_language(page_body):
    body = 'Voir [le programme](https://vivatech.com){:target="_blank"}.'

    link = page_body(body, "en", {("annonce:title", "Un titre"): "A title"}).find("a")

    assert link.get_text() == "le programme (opens in a new window)"


def test_a_link_in_the_same_window_says_nothing_more(page_body):
    link = page_body("Voir [le programme](https://vivatech.com).").find("a")

    assert link.get_text() == "le programme"
    assert not link.has_attr("target")


@pytest.mark.parametrize(
    "tag",
    ["<div class=\"encadre\">", "<div>", "<div class=\"encadre\">\nUn texte brut."],
)
def test_an_unclosed_div_keeps_the_rest_of_the_post_as_raw_text_as_jekyll_does(page_body, tag):
    body = page_body(f"{tag}\n\nUn **gras** et un [lien](/fr/).\n\n- un élément")

    assert "Un **gras** et un [lien](/fr/)." in body.get_text()
    assert "- un élément" in body.get_text()
    assert body.find("div") is not None


@pytest.mark.parametrize(
    ("html", "selector"),
    [
        pytest.param("<div\n  class=\"encadre\">\nTexte encadré\n</div>", "div.encadre",
                     id="div"),
        pytest.param("<figure\n  class=\"encadre\">\n<img src=\"/a.png\"\n  alt=\"Stand\">\n"
                     "<figcaption>Texte encadré</figcaption>\n</figure>", "figure figcaption",
                     id="figure"),
    ],
)
def test_a_block_tag_split_across_lines_is_still_that_block(page_body, html, selector):
    body = page_body(f"{html}\n\nEnsuite **gras**.")

    assert body.select_one(selector).get_text(strip=True) == "Texte encadré"
    assert [p.get_text().strip() for p in body.find_all("p")] == ["Ensuite gras."]
    assert "<" not in body.get_text()


def test_a_figure_in_raw_html_keeps_its_image_and_caption(page_body):
    body = page_body("<figure>\n<img src=\"/img/stand.jpg\" alt=\"Le stand\">\n"
                     "<figcaption>Le stand J59</figcaption>\n</figure>")

    assert body.select_one("figure img")["alt"] == "Le stand"
    assert body.select_one("figure figcaption").get_text() == "Le stand J59"


def test_a_button_in_raw_html_leaves_its_label_as_text(page_body):
    body = page_body('Pour postuler : <button type="button" onclick="go()">Postuler</button>.')

    assert body.find("button") is None
    assert spaced(body.find("p").get_text()) == "Pour postuler : Postuler."


def test_line_breaks_in_raw_html_and_markdown_are_kept(page_body):
    body = page_body("Ligne un<br>ligne deux<br/>ligne trois  \nligne quatre.")

    assert len(body.find_all("br")) == 3
    assert [text.strip() for text in body.find("p").strings] == [
        "Ligne un", "ligne deux", "ligne trois", "ligne quatre."]


def test_decomposed_accents_tabs_and_emoji_show_as_written(page_body):
    body = page_body(unicodedata.normalize("NFD", "Été\tà Noël 🎄.\n\n\tcode\tindenté"))

    assert body.find("p").get_text().split() == ["Été", "à", "Noël", "🎄."]
    assert body.find("pre").get_text().split() == ["code", "indenté"]


def test_a_body_without_final_newline_shows_its_last_paragraph(write_content, make_app):
    folder = write_content({NAME: "---\ntitle: Un titre\ndate: 2024-04-04\n---\nFin **nette**"})

    body = soup(make_app(folder).test_client().get("/fr/annonce/")).select_one(
        ".announcement__body")

    assert body.find("p").get_text() == "Fin nette"


def test_reference_links_work_on_the_page(page_body):
    body = page_body("Voir [le site][dinum] et [la presse][].\n\n"
                     "[dinum]: https://numerique.gouv.fr\n[la presse]: /fr/presse/")

    assert [(a["href"], a.get_text()) for a in body.find_all("a")] == [
        ("https://numerique.gouv.fr", "le site"), ("/fr/presse/", "la presse")]
    assert "[dinum]" not in body.get_text()


def test_a_sentence_shaped_like_a_link_definition_stays_where_it_is_once(page_body):
    body = page_body("Premier.\n\n[Mise à jour]: le 12 mai, le salon est reporté.\n\n"
                     "Deuxième.\n\n[^1]: La note.")
    text = body.get_text()
    assert text.count("le salon est reporté") == 1
    assert text.count("La note.") == 1
    assert text.index("Premier") < text.index("reporté") < text.index("Deuxième")


def test_a_closed_div_marks_only_itself_french_on_a_translated_page(page_body):
    translations = {("annonce:title", "Un titre"): "A title",
                    ("annonce:body", "Après le bloc."): "After the block."}
    body = page_body('<div class="encadre">\n<p>Texte brut</p>\n</div>\n\nAprès le bloc.',
                     lang="en", translations=translations)
    after = body.find(string=lambda s: "After the block." in s).parent
    assert after.find_parent(lang="fr") is None
    assert body.find(string=lambda s: "Texte brut" in s).find_parent(lang="fr") is not None
