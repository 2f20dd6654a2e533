"""Head metadata: description, Open Graph, Twitter card and JSON-LD match the page."""

from __future__ import annotations

import json

import pytest

from tests.helpers import soup, spaced

URLS = {"fr": "http://127.0.0.1:5000/fr/salon-du-numerique-2024/",
        "en": "http://127.0.0.1:5000/en/salon-du-numerique-2024/"}


def meta(page, key: str) -> list[str]:
    return [tag["content"] for tag in page.find_all("meta")
            if tag.get("property") == key or tag.get("name") == key]


@pytest.mark.parametrize(("lang", "locale", "other"), [("fr", "fr_FR", "en_GB"),
                                                        ("en", "en_GB", "fr_FR")])
def test_open_graph_describes_the_page_in_its_language(client, lang, locale, other):
    page = soup(client.get(f"/{lang}/salon-du-numerique-2024/"))
    # The page is typeset (French no-break spaces); metadata keeps the plain text.
    title = spaced(page.h1.get_text())
    chapeau = spaced(page.find(class_="announcement__chapeau").get_text(" ", strip=True))
    assert meta(page, "og:title") == [title]
    assert meta(page, "twitter:title") == [title]
    assert meta(page, "og:description") == [chapeau]
    assert meta(page, "description") == [chapeau]
    assert meta(page, "og:locale") == [locale]
    assert meta(page, "og:locale:alternate") == [other]
    assert meta(page, "og:url") == [URLS[lang]]
    assert meta(page, "og:type") == ["article"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_json_ld_gives_the_article_and_the_event_in_the_page_language(client, lang):
    page = soup(client.get(f"/{lang}/salon-du-numerique-2024/"))
    blocks = page.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    article, event = json.loads(blocks[0].string)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == spaced(page.h1.get_text())
    assert article["inLanguage"] == {"fr": "fr-FR", "en": "en-GB"}[lang]
    assert article["url"] == URLS[lang]
    assert article["datePublished"] == "2024-04-04T16:31:00+02:00"
    assert event["@type"] == "Event"
    assert (event["startDate"], event["endDate"]) == ("2024-05-22", "2024-05-25")
    assert event["location"]["name"] == "Paris Expo Porte de Versailles"
    assert event["inLanguage"] == {"fr": "fr-FR", "en": "en-GB"}[lang]


def test_json_ld_cannot_close_its_block(write_content, make_app):
    from tests.helpers import post
    folder = write_content({"a.md": post("Titre </script><script>alert(1)</script>")})
    page = soup(make_app(folder).test_client().get("/fr/a/"))
    block = page.find("script", type="application/ld+json")
    assert "</script>" not in block.string
    assert json.loads(block.string)["headline"].startswith("Titre </script>")


def test_the_csp_stays_strict_with_json_ld(client):
    response = client.get("/fr/salon-du-numerique-2024/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src" not in policy
    assert "unsafe-inline" not in policy
    assert "default-src 'none'" in policy


def test_other_pages_have_website_metadata(client):
    page = soup(client.get("/en/accessibility/"))
    assert meta(page, "og:type") == ["website"]
    assert meta(page, "og:title") == ["Accessibility statement"]
    assert page.find("script", type="application/ld+json") is None
