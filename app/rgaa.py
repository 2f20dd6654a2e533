"""The RGAA compliance matrix (docs/rgaa.md): statuses per criterion, and the level they give."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROW = re.compile(r"\| (\d+\.\d+) (.*?) \| (C|NC|NA) \| (.*) \|")


@dataclass(frozen=True)
class Criterion:
    """One row of the matrix."""

    id: str
    title: str
    status: str  # "C", "NC" or "NA"
    evidence: str
    line: int


def read_matrix(path: str | Path) -> list[Criterion]:
    """Every criterion row of the matrix file, in order."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        match = ROW.fullmatch(line.strip())
        if match:
            identifier, title, status, evidence = match.groups()
            rows.append(Criterion(identifier, title, status, evidence, number))
    return rows


def results(criteria: list[Criterion]) -> dict[str, Any]:
    """Counts, rate and level as RGAA defines them: the share of applicable criteria met."""
    counts = {status: sum(1 for c in criteria if c.status == status)
              for status in ("C", "NC", "NA")}
    applicable = counts["C"] + counts["NC"]
    rate = round(100 * counts["C"] / applicable) if applicable else 100
    level = "totalement" if rate == 100 else "partiellement" if rate >= 50 else "non"
    return {"counts": counts, "rate": rate, "level": level,
            "non_compliant": [f"{c.id} {c.title}" for c in criteria if c.status == "NC"]}
