"""Contract: the RGAA matrix covers the official method, and the level shown follows from it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from app import create_app
from app.config import PROJECT_ROOT
from app.rgaa import read_matrix, results
from tests.helpers import soup, spaced

# The official method, committed with its source and licence (docs/rgaa-4.1/README.md).
OFFICIAL = PROJECT_ROOT / "docs" / "rgaa-4.1" / "criteres.json"
MATRIX = PROJECT_ROOT / "docs" / "rgaa.md"
REFERENCE = re.compile(r"(tests/[\w/]+\.py)::(\w+)")


def official_ids() -> list[str]:
    data = json.loads(OFFICIAL.read_text(encoding="utf-8"))
    return [f"{topic['number']}.{item['criterium']['number']}"
            for topic in data["topics"] for item in topic["criteria"]]


def test_every_official_criterion_has_exactly_one_row():
    ids = [c.id for c in read_matrix(MATRIX)]
    assert len(official_ids()) == 106
    assert sorted(ids) == sorted(official_ids())


def test_every_criterion_has_a_status_and_evidence():
    for criterion in read_matrix(MATRIX):
        assert criterion.status in {"C", "NC", "NA"}
        assert len(criterion.evidence.strip()) > 10, criterion.id


def test_every_test_named_as_evidence_exists():
    named = {match for c in read_matrix(MATRIX) for match in REFERENCE.findall(c.evidence)}
    assert named
    for path, name in named:
        source = (PROJECT_ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\(", source, re.MULTILINE), f"{path}::{name}"


def test_the_footer_and_the_statement_show_the_level_the_matrix_gives(client):
    level = results(read_matrix(MATRIX))["level"]
    label = {"totalement": "totalement conforme", "partiellement": "partiellement conforme",
             "non": "non conforme"}[level]
    page = soup(client.get("/fr/accessibilite/"))
    statement = page.footer.find("a", href="/fr/accessibilite/")
    assert spaced(statement.get_text()) == f"Accessibilité : {label}"
    assert f"Ce site est {label}" in " ".join(page.main.get_text().split())


def test_a_non_compliant_criterion_lowers_the_level_and_is_listed(tmp_path: Path):
    text = MATRIX.read_text(encoding="utf-8")
    text = re.sub(r"(\| 3\.2 [^|]*\| )C( \|)", r"\1NC\2", text, count=1)
    matrix = tmp_path / "rgaa.md"
    matrix.write_text(text, encoding="utf-8")
    client = create_app({"TESTING": True, "RGAA_MATRIX": str(matrix)}).test_client()
    page = soup(client.get("/fr/accessibilite/"))
    statement = page.footer.find("a", href="/fr/accessibilite/")
    assert spaced(statement.get_text()) == "Accessibilité : partiellement conforme"
    listed = [li.get_text() for li in page.main.find_all("li")]
    assert any(item.startswith("3.2 ") and "contraste" in item for item in listed)
