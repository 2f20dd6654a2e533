"""Tables as kramdown reads them: rows of pipe-separated cells, a separator line makes a head."""

from __future__ import annotations

import re

from app.content.block_syntax import TABLE_LINE
from app.content.blocks import Node, Scanner
from app.content.typography import code_span_end

SEPARATOR = re.compile(r"^([+|: \t-]*?-[+|: \t-]*?)[ \t]*\n", re.M)
FOOTER = re.compile(r"^[+|: \t=]*?=[+|: \t=]*?[ \t]*\n", re.M)
ROW = re.compile(r"^(.*?)[ \t]*\n", re.M)
PIPE = re.compile(r"(?<!\\)\|")


def _cells(row: str, leading_pipe: bool) -> list[str]:
    # Pipes inside code spans do not separate cells.
    pieces, index = [], 0
    while (tick := row.find("`", index)) != -1:
        end = code_span_end(row, tick)
        pieces += [row[index:tick], row[tick:end].replace("|", "\0")]
        index = end
    protected = "".join(pieces) + row[index:]
    cells = [cell.replace("\0", "|").replace("\\|", "|") for cell in PIPE.split(protected)]
    if leading_pipe and cells and not cells[0].strip():
        cells.pop(0)
    if cells and not cells[-1].strip():
        cells.pop()
    return [cell.strip() for cell in cells]


def parse_table(scanner: Scanner) -> None:
    """Read one table at the scanner's position (kramdown's parse_table)."""
    table = Node("table", scanner.line())
    first = TABLE_LINE.match(scanner.text, scanner.pos)
    leading_pipe = bool(first and re.match(r"\s*\|", first.group(0)))
    scanner.scan(SEPARATOR)
    rows: list[Node] = []
    head_done = False
    while scanner.pos < len(scanner.text) and TABLE_LINE.match(scanner.text, scanner.pos):
        if scanner.scan(SEPARATOR):
            if rows and not head_done:
                table.children.append(Node("thead", table.line, children=rows))
                head_done = True
            elif rows:
                table.children.append(Node("tbody", table.line, children=rows))
            rows = []
            continue
        if scanner.scan(FOOTER):
            continue
        line = scanner.line()
        match = scanner.scan(ROW)
        if match is None:
            break
        cells = _cells(match.group(1), leading_pipe)
        rows.append(Node("tr", line, children=[Node("td", line, cell) for cell in cells]))
    if rows:
        table.children.append(Node("tbody", table.line, children=rows))
    for section in table.children:
        if section.kind == "thead":
            for row in section.children:
                for cell in row.children:
                    cell.kind = "th"
    scanner.add(table)
