"""French typography at render time (app/web/typography.py)."""

from __future__ import annotations

import pytest

from app.web.typography import fix_text, typeset

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(("text", "expected"), [
    ("VivaTechnology 2024 : l’État", f"VivaTechnology 2024{NBSP}: l’État"),
    ("Quoi ? Vraiment ! Oui ; non", f"Quoi{NNBSP}? Vraiment{NNBSP}! Oui{NNBSP}; non"),
    ("Quoi? Oui! Bon; fin:", f"Quoi{NNBSP}? Oui{NNBSP}! Bon{NNBSP}; fin{NBSP}:"),
    ("Quoi ?! Hein", f"Quoi{NNBSP}?! Hein"),
    ("« France Expérimentation »)", f"«{NNBSP}France Expérimentation{NNBSP}»)"),
    ("«Choisir le service public»", f"«{NNBSP}Choisir le service public{NNBSP}»"),
    ("stand n°J59, circulaire n° 6411-SG", f"stand n°{NBSP}J59, circulaire n°{NBSP}6411-SG"),
    ("Plus de 4 000 offres, 12 345 678 €", f"Plus de 4{NBSP}000 offres, 12{NBSP}345{NBSP}678 €"),
    ("du 22 au 25 mai 2024", "du 22 au 25 mai 2024"),
    ("Voir https://ex.fr/a?b=1:2 : ici", f"Voir https://ex.fr/a?b=1:2{NBSP}: ici"),
    ("le protocole http:// et mailto:x@y.fr ?", f"le protocole http:// et mailto:x@y.fr{NNBSP}?"),
    ("Ouvert de 10:00 à 18:30 !", f"Ouvert de 10:00 à 18:30{NNBSP}!"),
    ("Bravo 🎉 ! « 😀 »", f"Bravo 🎉{NNBSP}! «{NNBSP}😀{NNBSP}»"),
    ("écrire à presse@numerique.gouv.fr ?", f"écrire à presse@numerique.gouv.fr{NNBSP}?"),
])
def test_french_text_gets_french_spaces(text, expected):
    assert fix_text(text, "fr") == expected


def test_a_private_use_character_beside_an_address_stays_as_written():
    """The rules hide addresses behind U+E000: one already in the text comes back as itself."""
    assert fix_text("voir \ue000 www.ex.fr !", "fr") == f"voir \ue000 www.ex.fr{NNBSP}!"
    assert fix_text("\ue000 a@b.fr", "fr") == "\ue000 a@b.fr"


def test_text_already_set_right_is_unchanged():
    text = f"Titre{NBSP}: «{NNBSP}oui{NNBSP}»{NNBSP}! 4{NBSP}000 n°{NBSP}5"
    assert fix_text(text, "fr") == text


@pytest.mark.parametrize(("text", "expected"), [
    ("Hello ! How are you ? Note : fine ; ok", "Hello! How are you? Note: fine; ok"),
    ("At 10:00: 4,000 offers", "At 10:00: 4,000 offers"),
    ("See https://a.example/?q=1 ?", "See https://a.example/?q=1?"),
])
def test_english_text_gets_no_space_before_punctuation(text, expected):
    assert fix_text(text, "en") == expected


def test_only_text_changes_never_tags_attributes_or_code():
    html = ('<p title="a : b" data-x="n° 1">Titre : <a href="https://x.fr/?a=b:c">lien ?</a>'
            ' <code>a : b ?</code><pre>x ! y</pre><!-- c : d --> fin !</p>')
    assert typeset(html, "fr") == (
        f'<p title="a : b" data-x="n° 1">Titre{NBSP}: <a href="https://x.fr/?a=b:c">'
        f'lien{NNBSP}?</a> <code>a : b ?</code><pre>x ! y</pre><!-- c : d --> fin{NNBSP}!</p>')


def test_each_passage_follows_its_own_language():
    html = '<p>Oui ! <span lang="en">Yes !</span> <em lang="fr">Si : non</em></p><br>Et toi ?'
    assert typeset(html, "en") == (
        f'<p>Oui! <span lang="en">Yes!</span> <em lang="fr">Si{NBSP}: non</em></p><br>Et toi?')
    assert typeset(html, "fr") == (
        f'<p>Oui{NNBSP}! <span lang="en">Yes!</span> <em lang="fr">Si{NBSP}: non</em></p>'
        f'<br>Et toi{NNBSP}?')


def test_json_ld_in_a_script_keeps_the_plain_text():
    html = '<script type="application/ld+json">{"name": "Viva : 2024 !"}</script><p>a !</p>'
    assert typeset(html, "fr") == (
        f'<script type="application/ld+json">{{"name": "Viva : 2024 !"}}</script>'
        f'<p>a{NNBSP}!</p>')


def test_pages_are_typeset_in_their_language(client):
    french = client.get("/fr/salon-du-numerique-2024/").get_data(as_text=True)
    assert f"4{NBSP}000" in french
    assert f"n°{NBSP}J59" in french
    english = client.get("/en/accessibility/").get_data(as_text=True)
    assert " :" not in english.split("<body>", 1)[1].replace("<", "\n<")
