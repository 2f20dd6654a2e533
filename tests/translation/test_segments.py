"""A translator gets every text fact of a page as one entry, with its line and a comment."""

from __future__ import annotations

from app.translation.extract import extract_content
from tests.helpers import post

FRONT = """\
auteur: Service de presse
categories: [Communiqués]
tags: [IA]
champs_informations:
  - intitule: Horaires
    contenu: de 9 h à 18 h
  - intitule: Site
    contenu: https://example.org/salon
    lien: https://example.org/salon
acces:
  - type: Métro
    lignes:
      - nom: Ligne 12
"""


def entries(tmp_path, text: str) -> dict[tuple[str, str], tuple[int, str]]:
    path = tmp_path / "salon.md"
    path.write_text(text, encoding="utf-8")
    with path.open("rb") as source:
        return {pair: (line, comment) for line, _, pair, (comment,)
                in extract_content(source, {}, [], {})}


def test_facts_access_tags_categories_and_author_are_entries_at_their_lines(tmp_path):
    found = entries(tmp_path, post(title="Le salon", front=FRONT))

    assert {pair: line for pair, (line, _) in found.items() if pair[0] != "salon:title"} == {
        ("salon:author", "Service de presse"): 4,
        ("salon:category", "Communiqués"): 5,
        ("salon:tag", "IA"): 6,
        ("salon:fact-label", "Horaires"): 8,
        ("salon:fact", "de 9 h à 18 h"): 8,
        ("salon:fact-label", "Site"): 10,
        ("salon:access-kind", "Métro"): 14,
        ("salon:access-line", "Ligne 12"): 14,
        ("salon:body", "Un paragraphe."): 18,
    }


def test_a_bare_address_is_not_given_to_translate_and_every_entry_says_what_it_is(tmp_path):
    found = entries(tmp_path, post(title="Le salon", front=FRONT))

    assert ("salon:fact", "https://example.org/salon") not in found
    assert "opening hours" in found[("salon:fact", "de 9 h à 18 h")][1]
    assert "keyword" in found[("salon:tag", "IA")][1]
