"""The JSON-LD of an event announcement against the table of schema.org's and Google's
required and recommended properties in docs/structured-data.md (the table is the contract)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest

from app.config import PROJECT_ROOT
from tests.helpers import post, soup
from tests.web.test_sharing import ENGLISH, EVENT, SITE

TABLE = PROJECT_ROOT / "docs" / "structured-data.md"
ROW = re.compile(r"^\| (\w+) \| ([\w.]+) \| ([\w.]+) \| (@?\w+) \|$", re.MULTILINE)
CURRENCIES = {"EUR"}


def rows() -> list[tuple[str, str, str, str]]:
    found = [row for row in ROW.findall(TABLE.read_text(encoding="utf-8"))
             if row[0] != "Type"]  # the header
    assert len(found) > 20, "the table of docs/structured-data.md was not read"
    return found


def values(item, path: str) -> list:
    """Every value at `path` (`a.b`), through lists."""
    found = [item]
    for name in path.split("."):
        found = [v for value in found
                 for v in (value if isinstance(value, list) else [value])]
        found = [value[name] for value in found if isinstance(value, dict) and name in value]
    return [v for value in found for v in (value if isinstance(value, list) else [value])]


def is_date(text) -> bool:
    try:
        (datetime if "T" in text else date).fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return True


KINDS = {
    "text": lambda v: isinstance(v, str) and bool(v.strip()),
    "date": is_date,
    "url": lambda v: isinstance(v, str) and v.startswith(SITE),
    "schema": lambda v: isinstance(v, str) and re.fullmatch(r"https://schema\.org/[A-Z]\w+", v),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "currency": lambda v: v in CURRENCIES,
    "country": lambda v: isinstance(v, str) and re.fullmatch(r"[A-Z]{2}", v),
}


@pytest.fixture
def items(write_content, make_app):
    """lang -> {@type: item} of the JSON-LD of an event announcement."""
    client = make_app(write_content({"2025-05-01-salon.md": EVENT}), ENGLISH,
                      SITE_URL=SITE).test_client()
    found = {}
    for lang in ("fr", "en"):
        data = json.loads(soup(client.get(f"/{lang}/salon/")).find(
            "script", type="application/ld+json").string)
        found[lang] = {item["@type"]: item for item in data}
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_json_ld_has_every_property_of_the_table(items, lang):
    for kind, path, level, expected in rows():
        found = values(items[lang][kind], path)
        assert found, f"{kind}.{path} ({level}) is missing"
        for value in found:
            if expected.startswith("@"):
                assert isinstance(value, dict) and value.get("@type") == expected[1:], (
                    f"{kind}.{path}: not a {expected[1:]}")
            else:
                assert KINDS[expected](value), f"{kind}.{path}: {value!r} is not {expected}"


def test_the_event_says_where_in_the_parts_a_map_needs(items):
    address = items["en"]["Event"]["location"]["address"]
    assert address == {"@type": "PostalAddress",
                       "streetAddress": "1 place de la Porte de Versailles",
                       "postalCode": "75015", "addressLocality": "Paris", "addressCountry": "FR"}
    assert items["en"]["Event"]["offers"]["price"] == 0  # gratuit: true


def test_an_event_without_free_entry_or_registration_offers_nothing(write_content, make_app):
    client = make_app(write_content({"2025-05-01-salon.md": EVENT.replace(
        "gratuit: true\n", "")}), SITE_URL=SITE).test_client()
    data = json.loads(soup(client.get("/fr/salon/")).find(
        "script", type="application/ld+json").string)
    assert "offers" not in data[1]


REGISTRATION = ("champs_informations:\n"
                "- intitule: Horaires\n"
                "  contenu: 18h30-21h30\n"
                "- intitule: Modalités\n"
                "  contenu: Inscription obligatoire et gratuite\n"
                "  lien: https://billets.example.org/e/salon-42\n")


def event_of(client, path: str) -> dict:
    return json.loads(soup(client.get(path)).find("script", type="application/ld+json").string)[1]


def test_a_registration_link_is_the_offer_url_with_its_price_when_free(write_content,
                                                                      make_app):
    client = make_app(write_content({"2025-05-01-salon.md": EVENT.replace(
        "gratuit: true\n", "gratuit: true\n" + REGISTRATION)}), SITE_URL=SITE).test_client()
    assert event_of(client, "/fr/salon/")["offers"] == {
        "@type": "Offer", "url": "https://billets.example.org/e/salon-42",
        "availability": "https://schema.org/InStock", "validFrom": "2025-05-01T10:00:00+02:00",
        "price": 0, "priceCurrency": "EUR"}


def test_a_registration_link_without_free_entry_offers_no_price(write_content, make_app):
    client = make_app(write_content({"2025-05-01-salon.md": EVENT.replace(
        "gratuit: true\n", REGISTRATION.replace("https://billets.example.org", ""))}),
        SITE_URL=SITE).test_client()
    offer = event_of(client, "/fr/salon/")["offers"]
    assert offer["url"] == f"{SITE}/e/salon-42"  # a site path, made absolute
    assert "price" not in offer


def test_the_table_names_only_types_and_kinds_the_test_knows():
    for kind, _, level, expected in rows():
        assert kind in ("NewsArticle", "Event")
        assert level in ("required", "recommended", "schema.org")
        assert expected.startswith("@") or expected in KINDS


def test_a_webinar_without_address_is_an_online_event(write_content, make_app):
    webinar = post("Webinaire API", front=("chapeau-text: En ligne.\n"
                                           "event_start_date: 2025-06-10 10:00:00 +02:00\n"
                                           "lieu: Webinaire 100% en ligne\n"))
    client = make_app(write_content({"2025-05-01-webinaire.md": webinar}),
                      SITE_URL=SITE).test_client()
    event = json.loads(soup(client.get("/fr/webinaire/")).find(
        "script", type="application/ld+json").string)[1]
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {"@type": "VirtualLocation", "url": f"{SITE}/fr/webinaire/"}
