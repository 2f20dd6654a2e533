"""Every fact the State's layouts show is on the page, in the page's language, or French marked."""

from __future__ import annotations

import subprocess

from tests.helpers import post, soup, spaced

FRONT = """\
auteur: Service de presse
categories: [Communiqués]
tags: [IA, Accessibilité]
event_start_date: 2099-06-12
lieu: Salon de test
communique_file: /assets/communique-salon.pdf
acces:
  - type: Métro
    lignes:
      - nom: Ligne 12
      - nom: Ligne 8
champs_informations:
  - intitule: Horaires
    contenu: de 9 h à 18 h
  - intitule: Inscription
    contenu: Formulaire en ligne
    lien: https://example.org/inscription
  - contenu: Entrée libre
"""
FACTS = {"salon.md": post(title="Le salon", front=FRONT)}
ENGLISH = {
    ("salon:title", "Le salon"): "The fair",
    ("salon:fact-label", "Horaires"): "Opening hours",
    ("salon:fact", "de 9 h à 18 h"): "9 am to 6 pm",
    ("salon:access-kind", "Métro"): "Underground",
    ("salon:tag", "IA"): "AI",
    ("salon:author", "Service de presse"): "Press office",
}


def facts_of(page) -> dict[str, list[str]]:
    """The event box's list of facts as label -> texts, as a reader hears them."""
    found: dict[str, list[str]] = {}
    label = ""
    for item in page.select(".annonces-event dl > *"):
        if item.name == "dt":
            label = spaced(item.get_text(" ", strip=True))
        else:
            found.setdefault(label, []).append(spaced(item.get_text(" ", strip=True)))
    return found


def test_the_practical_facts_and_the_way_there_are_listed_with_their_links(
        write_content, make_app):
    page = soup(make_app(write_content(FACTS)).test_client().get("/fr/salon/"))

    facts = facts_of(page)
    assert facts["Horaires"] == ["de 9 h à 18 h"]
    assert facts["Inscription"] == ["Formulaire en ligne"]
    assert facts["À savoir"] == ["Entrée libre"]
    assert facts["Comment y aller ?"] == ["Métro : Ligne 12, Ligne 8"]
    link = page.find("a", string="Formulaire en ligne")
    assert link["href"] == "https://example.org/inscription"


def test_the_author_the_categories_and_the_tags_show_under_the_title(write_content, make_app):
    page = soup(make_app(write_content(FACTS)).test_client().get("/fr/salon/"))

    assert spaced(page.select_one(".annonces-author").get_text()) == "Par Service de presse"
    groups = {group["aria-label"]: [tag.get_text(strip=True) for tag in group.select(".fr-tag")]
              for group in page.select("ul.fr-tags-group")}
    assert groups == {"Catégories": ["Communiqués"], "Mots-clés": ["IA", "Accessibilité"]}


def test_the_press_release_as_published_is_offered_beside_the_generated_one(
        write_content, make_app):
    page = soup(make_app(write_content(FACTS)).test_client().get("/fr/salon/"))

    links = page.select(".announcement__download a")
    assert [link.find(string=True, recursive=False).strip() for link in links] == [
        "Télécharger le communiqué", "Télécharger le communiqué tel que publié"]
    assert links[1]["href"] == "/assets/communique-salon.pdf"
    assert "PDF" in links[1].get_text()


def test_in_english_the_facts_are_translated_or_stay_french_marked(write_content, make_app):
    client = make_app(write_content(FACTS), ENGLISH).test_client()
    page = soup(client.get("/en/salon/"))

    facts = facts_of(page)
    assert facts["Opening hours"] == ["9 am to 6 pm"]
    assert page.find("dt", string="Inscription").find_parent("dt") is None
    assert page.find(string="Inscription").parent["lang"] == "fr"
    assert page.find(string="Ligne 12").parent["lang"] == "fr"
    assert spaced(page.select_one(".annonces-author").get_text()) == "By Press office"
    assert [tag.get_text(strip=True) for tag in page.select(".fr-tag")][1:] == [
        "AI", "Accessibilité"]
    assert page.find(string="Accessibilité").parent["lang"] == "fr"
    published = page.select(".announcement__download a")[-1]
    assert published["hreflang"] == "fr"



def test_the_pdf_lists_the_same_facts_and_the_press_release_as_published(
        write_content, make_app, tmp_path):
    client = make_app(write_content(FACTS), SITE_URL="https://annonces.example").test_client()
    pdf = tmp_path / "salon.pdf"
    pdf.write_bytes(client.get("/fr/salon/salon-fr.pdf").data)
    text = spaced(" ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                          capture_output=True, text=True, check=True)
                           .stdout.split()))

    for fact in ("Horaires de 9 h à 18 h", "Comment y aller ? Métro : Ligne 12, Ligne 8",
                 "À savoir Entrée libre", "Le communiqué tel que publié (PDF",
                 "https://annonces.example/assets/communique-salon.pdf"):
        assert fact in text
