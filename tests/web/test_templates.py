"""Templates: every page renders in every language; components, skip links, footer, statement."""

from __future__ import annotations

import re
import tomllib
from datetime import date

import pytest
from flask import g, render_template_string, template_rendered

from app import create_app
from app.config import PROJECT_ROOT
from app.translation.local_page import Text
from tests.helpers import soup, spaced

# The settings operators change (settings.toml), as the site reads them.
SETTINGS = tomllib.loads((PROJECT_ROOT / "settings.toml").read_text(encoding="utf-8"))
TEMPLATES = PROJECT_ROOT / "templates"
SITE_NAME = {"fr": "Annonces du numérique de l’État", "en": "French State digital announcements"}

# Each page or error template, and a request that renders it, in each language.
RENDERINGS = [
    ("pages/home.html", "fr", "GET", "/fr/", 200),
    ("pages/home.html", "en", "GET", "/en/", 200),
    ("pages/announcement.html", "fr", "GET", "/fr/salon-du-numerique-2024/", 200),
    ("pages/announcement.html", "en", "GET", "/en/salon-du-numerique-2024/", 200),
    ("pages/statement.html", "fr", "GET", "/fr/accessibilite/", 200),
    ("pages/statement.html", "en", "GET", "/en/accessibility/", 200),
    ("pages/legal.html", "fr", "GET", "/fr/mentions-legales/", 200),
    ("pages/legal.html", "en", "GET", "/en/legal-notice/", 200),
    ("pages/sitemap.html", "fr", "GET", "/fr/plan-du-site/", 200),
    ("pages/sitemap.html", "en", "GET", "/en/site-map/", 200),
    ("errors/error.html", "fr", "GET", "/fr/unknown-page/", 404),
    ("errors/error.html", "en", "GET", "/en/unknown-page/", 404),
    ("errors/error.html", "fr", "POST", "/fr/", 405),
    ("errors/error.html", "en", "POST", "/en/", 405),
]


def test_every_page_and_error_template_has_a_rendering_in_every_language():
    on_disk = {f"{folder}/{path.name}" for folder in ("pages", "errors")
               for path in (TEMPLATES / folder).glob("*.html")}
    # The static export's bilingual root page: tests/export/test_freeze.py renders it.
    on_disk.discard("pages/choose_language.html")
    covered = {(template, lang) for template, lang, *_ in RENDERINGS}
    assert covered == {(template, lang) for template in on_disk for lang in ("fr", "en")}


@pytest.mark.parametrize(("template", "lang", "method", "path", "status"), RENDERINGS)
def test_every_page_and_error_template_renders_in_every_language(
        app, template, lang, method, path, status):
    rendered = []

    def record(sender, template, context, **extra):
        rendered.append(template.name)

    app.extensions["page_cache"].clear()  # render the page, not its bytes kept in memory
    app.extensions.get("error_pages", {}).clear()  # nor an error page rendered before
    with template_rendered.connected_to(record, app):
        response = app.test_client().open(path, method=method)
    assert response.status_code == status
    assert template in rendered
    page = soup(response)
    assert page.html["lang"] == lang
    assert page.title.get_text().endswith(f" - {SITE_NAME[lang]}")
    assert page.h1.get_text(strip=True)


def test_the_500_page_renders_in_every_language(monkeypatch):
    app = create_app({"TESTING": True})

    def crash(*args):
        raise RuntimeError("crash")

    monkeypatch.setattr(app.extensions["site"], "resolve", crash)
    client = app.test_client()
    titles = {lang: soup(client.get(path)).h1.get_text()
              for lang, path in (("fr", "/fr/mentions-legales/"), ("en", "/en/legal-notice/"))}
    assert titles == {"fr": "Erreur du serveur", "en": "Server error"}


COMPONENTS = sorted((TEMPLATES / "components").glob("*.html"))


@pytest.mark.parametrize("path", COMPONENTS, ids=[path.stem for path in COMPONENTS])
def test_every_component_opens_with_a_comment_documenting_its_parameters(path):
    source = path.read_text(encoding="utf-8")
    name = path.stem
    assert source.startswith(f"{{#- {name}(")
    header = source[:source.index("#}")]
    signature = re.search(rf"{{% macro {name}\(([^)]*)\)", source)
    assert signature, f"{path.name} defines no macro named {name}"
    parameters = [part.split("=")[0].strip() for part in signature.group(1).split(",")
                  if part.strip()]
    for parameter in parameters:
        assert re.search(rf"^\s+{parameter}: \S", header, re.MULTILINE), parameter


# Named examples of components: (call, language, expected HTML after whitespace is folded).
EXAMPLES = [
    ('text(Text("Bonjour", "fr"))', "en", '<span lang="fr">Bonjour</span>'),
    ('text(Text("Hello"))', "en", "Hello"),
    ('text(Text("<b>x</b>"))', "en", "&lt;b&gt;x&lt;/b&gt;"),
    ('notice("Attention", "warning")', "fr",
     '<div class="fr-alert fr-alert--warning fr-alert--sm notice notice--warning"> <p>Attention</p>'
     ' </div>'),
    ("time(day)", "fr", '<time datetime="2024-04-04">4 avril 2024</time>'),
    ("time(day)", "en", '<time datetime="2024-04-04">4 April 2024</time>'),
    ('skip_links("Accès rapide", [("#contenu", "Aller au contenu")])', "fr",
     '<div class="fr-skiplinks"> <nav class="fr-container skip-links" aria-label="Accès rapide">'
     ' <ul class="fr-skiplinks__list"> <li><a class="fr-link" href="#contenu">Aller au contenu</a>'
     '</li> </ul> </nav> </div>'),
]


@pytest.mark.parametrize(("call", "lang", "expected"), EXAMPLES)
def test_component_examples_render_as_documented(app, call, lang, expected):
    macro = call.split("(")[0]
    source = f'{{% from "components/{macro}.html" import {macro} %}}{{{{ {call} }}}}'
    with app.test_request_context(f"/{lang}/"):
        g.lang = lang
        html = render_template_string(source, Text=Text, day=date(2024, 4, 4))
    assert " ".join(html.split()) == expected


FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}


def first_focusable(body):
    for tag in body.find_all(True):
        if tag.get("tabindex") == "-1":
            continue
        if (tag.name == "a" and tag.has_attr("href")) or tag.name in FOCUSABLE - {"a"}:
            return tag
        if tag.has_attr("tabindex"):
            return tag
    return None


SKIP_LINKS = {
    "fr": ("Accès rapide", ["Aller au contenu", "Aller au choix de la langue", "Aller au menu",
                            "Aller au pied de page"]),
    "en": ("Quick access", ["Skip to content", "Skip to language selection", "Skip to menu",
                            "Skip to footer"]),
}


@pytest.mark.parametrize(("path", "lang"), [
    ("/fr/", "fr"), ("/en/", "en"),
    ("/fr/salon-du-numerique-2024/", "fr"), ("/en/salon-du-numerique-2024/", "en"),
    ("/fr/accessibilite/", "fr"), ("/en/legal-notice/", "en"),
    ("/fr/unknown-page/", "fr"), ("/en/unknown-page/", "en"),
])
def test_skip_links_come_first_in_the_page_language_and_lead_to_the_content(
        client, path, lang):
    page = soup(client.get(path))
    first = first_focusable(page.body)
    assert first["href"] == "#contenu"
    assert first.get_text() == SKIP_LINKS[lang][1][0]
    nav = first.find_parent("nav")
    assert nav["aria-label"] == SKIP_LINKS[lang][0]
    assert [a.get_text() for a in nav.find_all("a")] == SKIP_LINKS[lang][1]
    for link in nav.find_all("a"):
        assert page.find(id=link["href"][1:]) is not None, link["href"]


# The State's footer links, the same in every language, then the site's own.
STATE_SITES = [(host, f"https://www.{host}/") for host in (
    "info.gouv.fr", "service-public.fr", "legifrance.gouv.fr", "data.gouv.fr")]
FOOTERS = {
    "fr": [("Accessibilité : totalement conforme", "/fr/accessibilite/"),
           ("Mentions légales", "/fr/mentions-legales/"),
           ("Plan du site", "/fr/plan-du-site/")],
    "en": [("Accessibility: fully compliant", "/en/accessibility/"),
           ("Legal notice", "/en/legal-notice/"),
           ("Site map", "/en/site-map/")],
}


@pytest.mark.parametrize(("path", "lang"), [
    ("/fr/", "fr"), ("/en/", "en"), ("/fr/salon-du-numerique-2024/", "fr"),
    ("/en/site-map/", "en"), ("/xx/", "fr"), ("/en/unknown-page/", "en"),
])
def test_the_footer_states_the_accessibility_level_and_links_the_legal_pages(
        client, path, lang):
    footer = soup(client.get(path)).footer
    links = [(spaced(a.get_text()), a["href"]) for a in footer.find_all("a")]
    assert links == [*STATE_SITES, *FOOTERS[lang]]


STATEMENT = {
    "fr": ("/fr/accessibilite/", [
        "s’applique au site http://127.0.0.1:5000.",
        "Ce site est totalement conforme avec le référentiel général d’amélioration de "
        "l’accessibilité (RGAA 4.1).",
        "Cette déclaration a été établie le 28 novembre 2026.",
        "Aucun contenu non accessible n’est connu à ce jour.",
        "contactez-nous pour être orienté vers une alternative accessible",
        "vous pouvez saisir le Défenseur des droits",
    ], ["État de conformité", "Contenus non accessibles",
        "Établissement de cette déclaration d’accessibilité",
        "Retour d’information et contact", "Voies de recours"]),
    "en": ("/en/accessibility/", [
        "applies to the site http://127.0.0.1:5000.",
        "This site is fully compliant with the French accessibility standard",
        "This statement was prepared on 28 November 2026.",
        "No non-accessible content is known to date.",
        "contact us to be directed to an accessible alternative",
        "refer the matter to the Défenseur des droits",
    ], ["Compliance status", "Non-accessible content",
        "Preparation of this accessibility statement", "Feedback and contact", "Remedies"]),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_statement_gives_level_date_scope_gaps_contact_and_remedies(client, lang):
    path, sentences, sections = STATEMENT[lang]
    main = soup(client.get(path)).main
    text = " ".join(main.get_text().split())
    for sentence in sentences:
        assert sentence in text
    assert [h2.get_text() for h2 in main.find_all("h2")] == sections
    assert main.find("time", datetime="2026-11-28") is not None
    hrefs = [a["href"] for a in main.find_all("a")]
    assert f"mailto:{SETTINGS['ACCESSIBILITY']['contact_email']}" in hrefs
    assert "https://formulaire.defenseurdesdroits.fr/" in hrefs


@pytest.mark.parametrize("setting", [
    {**SETTINGS['ACCESSIBILITY'], "level": "partiellement", "audit_date": "2026-10-01",
     "audit_by": "Access42"},
    {"level": "partiellement", "audit_date": "2026-10-01"},
])
@pytest.mark.parametrize(("lang", "statement", "footer", "sentence"), [
    ("fr", "/fr/accessibilite/", "Accessibilité : partiellement conforme",
     "Ce site est partiellement conforme avec"),
    ("en", "/en/accessibility/", "Accessibility: partially compliant",
     "This site is partially compliant with"),
])
def test_the_footer_and_the_statement_share_the_one_accessibility_level(
        setting, lang, statement, footer, sentence):
    client = create_app({"TESTING": True, "ACCESSIBILITY": setting}).test_client()
    response = client.get(statement)
    assert response.status_code == 200
    page = soup(response)
    assert spaced(page.footer.find("a", href=statement).get_text()) == footer
    assert sentence in " ".join(page.main.get_text().split())
    home = soup(client.get(f"/{lang}/"))
    assert spaced(home.footer.find("a", href=statement).get_text()) == footer


@pytest.mark.parametrize("setting", [{"level": "bof"}, {"level": "totalement", "audit_date": None}])
def test_an_accessibility_setting_that_contradicts_itself_is_refused(setting):
    with pytest.raises(ValueError, match="ACCESSIBILITY"):
        create_app({"TESTING": True, "ACCESSIBILITY": setting})


@pytest.mark.parametrize(("path", "sentence"), [
    ("/fr/accessibilite/", "Audit réalisé le 1 octobre 2026 par Access42."),
    ("/en/accessibility/", "Audit carried out on 1 October 2026 by Access42."),
])
def test_the_statement_names_the_audit_when_there_is_one(path, sentence):
    setting = {**SETTINGS['ACCESSIBILITY'], "level": "partiellement", "audit_date": "2026-10-01",
               "audit_by": "Access42"}
    client = create_app({"TESTING": True, "ACCESSIBILITY": setting}).test_client()
    text = " ".join(soup(client.get(path)).main.get_text().split())
    assert sentence in text
    assert "No compliance audit" not in text
    assert "Aucun audit" not in text
