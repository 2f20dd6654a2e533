"""How a shared link looks: a card per page and language, absolute URLs, a description each."""

from __future__ import annotations

import io
import json

import PIL
import pytest
from PIL import Image

from app.web import drawing
from tests.helpers import post, soup

SITE = "https://annonces.example.org"
EVENT = post("Salon du numérique", "Texte.", date="2025-05-01 10:00:00 +02:00", front=(
    "chapeau-text: Un salon.\n"
    "event_start_date: 2025-06-10 09:00:00 +02:00\n"
    "event_end_date: 2025-06-11\n"
    "lieu: Paris Expo Porte de Versailles\n"
    "adresse: 1 place de la Porte de Versailles, 75015 Paris\n"
    "stand: B12\n"
    "gratuit: true\n"
    "last_modified_at: 2025-05-20 12:00:00 +02:00\n"))
ENGLISH = {("salon:title", "Salon du numérique"): "Digital fair",
           ("salon:chapeau", "Un salon."): "A fair.",
           ("salon:body", "Texte."): "Text.",
           ("salon:place", "Paris Expo Porte de Versailles"): "Paris Expo Porte de Versailles"}
PAGES = {"fr": ["/fr/", "/fr/salon/", "/fr/accessibilite/", "/fr/mentions-legales/",
                "/fr/plan-du-site/"],
         "en": ["/en/", "/en/salon/", "/en/accessibility/", "/en/legal-notice/",
                "/en/site-map/"]}


@pytest.fixture
def client(write_content, make_app):
    folder = write_content({"2025-05-01-salon.md": EVENT})
    return make_app(folder, ENGLISH, SITE_URL=SITE).test_client()


def meta(page, name: str) -> str | None:
    tag = page.find("meta", property=name) or page.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_has_a_share_card_in_its_language(client, lang):
    for path in PAGES[lang]:
        page = soup(client.get(path))
        image = meta(page, "og:image")
        assert image.startswith(f"{SITE}/{lang}/") and image.endswith(".png"), path
        assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
        assert meta(page, "og:title") in meta(page, "og:image:alt")  # the card shows the title
        assert meta(page, "twitter:card") == "summary_large_image"
        assert meta(page, "twitter:image") == image
        card = client.get(image.removeprefix(SITE))
        assert card.status_code == 200 and card.mimetype == "image/png"
        assert card.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert Image.open(io.BytesIO(card.get_data())).size == (1200, 630)


def test_the_english_card_is_another_picture_than_the_french_one(client):
    cards = [meta(soup(client.get(f"/{lang}/salon/")), "og:image") for lang in ("fr", "en")]
    french, english = (client.get(url.removeprefix(SITE)).get_data() for url in cards)
    assert cards[0] != cards[1] and french != english


def test_a_card_name_that_is_not_the_current_one_is_a_404(client):
    for path in ("/fr/salon/card.0123456789abcdef.png", "/fr/card.0123456789abcdef.png",
                 "/fr/nope/card.0123456789abcdef.png", "/fr/salon/card.abc.png"):
        response = client.get(path)
        assert response.status_code == 404
        assert "immutable" not in response.headers["Cache-Control"]


def test_a_card_is_drawn_once_then_served_from_memory(client):
    url = meta(soup(client.get("/en/salon/")), "og:image").removeprefix(SITE)
    layer = client.application.extensions["page_cache"]
    first = client.get(url)
    renders = layer.renders
    assert client.get(url + "?utm_source=x").get_data() == first.get_data()
    assert layer.renders == renders


def test_an_announcements_own_image_is_shared_instead_of_its_card(write_content, make_app):
    folder = write_content({"2025-05-01-photo.md": post("Une photo", front=(
        "une-ou-diaporama:\n  - image: /uploads/stand.jpg\n"
        "    alternative-textuelle: Le stand de l’État\n"))})
    page = soup(make_app(folder, SITE_URL=SITE).test_client().get("/fr/photo/"))
    assert meta(page, "og:image") == f"{SITE}/uploads/stand.jpg"
    assert meta(page, "og:image:alt") == "Le stand de l’État"
    assert meta(page, "og:image:width") is None  # its size is not known
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["image"] == [f"{SITE}/uploads/stand.jpg"]


def test_every_metadata_url_is_absolute_from_site_url(client):
    for path in PAGES["fr"] + PAGES["en"]:
        page = soup(client.get(path, headers={"Host": "localhost:5000"}))
        for tag in page.find_all("meta"):
            content = tag.get("content", "")
            if tag.get("property", tag.get("name", "")).endswith(("url", "image")):
                assert content.startswith(SITE + "/"), (path, tag)
        script = page.find("script", type="application/ld+json")
        for key, value in walk(json.loads(script.string) if script else {}):
            if key in ("url", "image", "mainEntityOfPage"):
                assert value.startswith(SITE), (path, key, value)


def walk(data, key=None):
    """(key, value) of every string in a JSON document, lists under their key."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from walk(value, name)
    elif isinstance(data, list):
        for value in data:
            yield from walk(value, key)
    elif isinstance(data, str):
        yield key, data


def test_each_page_has_its_own_description_in_its_language(client):
    descriptions = {path: meta(soup(client.get(path)), "description")
                    for path in PAGES["fr"] + PAGES["en"]}
    assert all(descriptions.values())
    assert len(set(descriptions.values())) == len(descriptions)
    assert descriptions["/en/legal-notice/"].startswith("Publisher and host")
    assert descriptions["/fr/mentions-legales/"].startswith("Éditeur et hébergeur")


@pytest.mark.parametrize(("path", "start"), [("/fr/nope/", "La page que vous cherchez"),
                                             ("/en/nope/", "The page you are looking for")])
def test_a_404_page_has_a_description_in_its_language(client, path, start):
    response = client.get(path)
    assert response.status_code == 404
    assert meta(soup(response), "description").startswith(start)


def test_a_card_is_renamed_when_the_libraries_that_draw_it_change(monkeypatch):
    """A card's name is reused for its bytes (cache for a year, exports): another Pillow,
    FreeType or zlib may draw other bytes, so it must give another name."""
    texts, static = ("Salon du numérique", "Annonces", "example.org · DINUM"), "static"
    assert f"pillow {PIL.__version__} freetype " in drawing.libraries()
    before = drawing.card_digest(texts, static)
    monkeypatch.setattr(drawing, "libraries", lambda: "pillow 99.0 freetype 9 raqm 9 zlib 9")
    assert drawing.card_digest(texts, static) != before
