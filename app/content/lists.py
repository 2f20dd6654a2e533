"""Lists as kramdown parses them: items, lazy lines, nesting by indentation, tight items."""

from __future__ import annotations

import re
from functools import lru_cache

from app.content import html_blocks
from app.content.attributes import parse_attributes
from app.content.block_syntax import BLANK, EOB, HR, IAL_BODY, LIST_OL, LIST_UL
from app.content.blocks import Node, Scanner

ITEM_IAL = re.compile(r"^\s*(?:\{:(?!(?:\w[\w-]*)?:|/)((?:\\\}|[^}])+)\})\s*")
ITEM_IAL_CHECK = re.compile(r"^\s*(?:\{:(?!(?:\w[\w-]*)?:|/)(?:(?:\\\}|[^}])+)\})?\s*\n")


@lru_cache(maxsize=64)
def _patterns(indentation: int) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    fours, rest = divmod(indentation, 4)
    content = re.compile(rf"^(?:(?:\t| {{4}}){{{fours}}} {{{rest}}}|(?:\t| {{4}}){{{fours + 1}}})"
                         r".*\S.*\n", re.M)
    lazy = re.compile(rf"(?!^ {{0,{min(indentation, 3)}}}(?:{IAL_BODY}|{html_blocks.LAZY_HTML}))"
                      r".*\S.*\n", re.M)
    return content, lazy, re.compile(rf"^ {{{indentation}}}")


@lru_cache(maxsize=16)
def _marker(ordered: bool, indentation: int) -> re.Pattern[str]:
    spaces = min(3, indentation - 1)
    marker = r"\d+\." if ordered else "[+*-]"
    return re.compile(rf"^( {{0,{spaces}}}{marker})([\t| ].*?\n)", re.M)


def _first_line(indentation: int, content: str) -> tuple[str, int]:
    if ITEM_IAL_CHECK.match(content):
        indentation = 4
    else:
        content = content.expandtabs(4)
        indentation += len(content) - len(content.lstrip(" "))
    return content.lstrip(), indentation


def parse_list(scanner: Scanner) -> None:
    """Read one list at the scanner's position into a ul or ol node (kramdown's parse_list)."""
    ordered = not scanner.check(LIST_UL)
    start = LIST_OL if ordered else LIST_UL
    indentation = 0
    node = Node("ol" if ordered else "ul", scanner.line())
    items: list[tuple[Node, list[str]]] = []
    content = lazy = indent = None
    eob_found = nested = last_blank = False
    while scanner.pos < len(scanner.text):
        line = scanner.line()
        if last_blank and scanner.check(HR):
            break
        if scanner.scan(EOB):
            eob_found = True
            break
        match = scanner.scan(start)
        if match:
            item = Node("li", line)
            value, indentation = _first_line(len(match.group(1)), match.group(2))
            content, lazy, indent = _patterns(indentation)
            found = ITEM_IAL.match(value)
            if found:
                item.attrs.update(parse_attributes(found.group(1)))
                value = value[found.end():]
            start = _marker(ordered, indentation)
            nested = bool(LIST_UL.match(value) or LIST_OL.match(value))
            last_blank = False
            items.append((item, [value]))
            continue
        result = scanner.scan(content) if content else None
        if result is None and not last_blank and lazy is not None:
            result = scanner.scan(lazy)
        if result is not None and items:
            text = re.sub(r"^(\t+)", lambda m: "    " * len(m.group(1)), result.group(0))
            found_indent = indent.match(text) if indent else None
            if found_indent:
                text = text[found_indent.end():]
            starts_list = bool(LIST_UL.match(text) or LIST_OL.match(text))
            chunks = items[-1][1]
            if not nested and found_indent and starts_list:
                chunks.append("")
                nested = True
            elif nested and not found_indent and starts_list:
                text = " " * (indentation + 4) + text
            chunks[-1] += text
            last_blank = False
            continue
        blank = scanner.scan(BLANK)
        if blank and items:
            nested = last_blank = True
            items[-1][1][-1] += blank.group(0)
            continue
        if blank:
            scanner.pos = blank.start()
        break
    scanner.add(node)
    trailing = None
    for index, (item, chunks) in enumerate(items):
        line = item.line
        children: list[Node] = []
        for chunk in chunks:
            children += Scanner(chunk, line, scanner.references, scanner.depth + 1).run()
            line += chunk.count("\n")
        item.children = children
        node.children.append(item)
        if not children:
            continue
        first = children[0]
        if (first.kind == "p" and len(children) >= 2 and children[1].kind == "eob"
                and first.attrs):
            del children[1]
        is_last = index == len(items) - 1
        if first.kind == "p" and (
                len(children) < 2 or children[1].kind != "blank"
                or (is_last and len(children) == 2 and not eob_found)) and (
                not is_last or len(items) == 1 or any(
                    not other.children or other.children[0].kind != "p"
                    or other.children[0].transparent for other, _ in items[:-1])):
            first.transparent = True
        trailing = children.pop() if children[-1].kind == "blank" else None
    if trailing is not None and not eob_found:
        scanner.nodes.append(trailing)
