"""kramdown's typography on markdown text: smart quotes and typographic symbols.

kramdown applies them while it parses spans; here they are applied to a segment's markdown before
Python-Markdown reads it, skipping what kramdown would not touch (code, tags, link targets,
attribute lists, entities, escaped characters). The rules and their order are kramdown's
(parser/kramdown/smart_quotes.rb, typographic_symbol.rb); for French text too, since that is
what the State's site shows.
"""

from __future__ import annotations

import re

PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
CLOSE = r"[^ \\\t\r\n\[{(-]"
LEFT, RIGHT = {"'": "‘", '"': "“"}, {"'": "’", '"': "”"}
# (expression at the scanner's position, what each group becomes: "keep", "left", "right")
RULES = [
    (re.compile(r"""(["'])(?=[_*]{1,2}\S)"""), ("left",)),
    (re.compile(rf"""(["'])(?={PUNCT}(?!\.\.)\B)"""), ("right",)),
    (re.compile(r"""(\s?)(")(')(?=\w)"""), ("keep", "left", "left")),
    (re.compile(r"""(\s?)(')(")(?=\w)"""), ("keep", "left", "left")),
    (re.compile(r"""(\s?)(')(?=\d\ds)"""), ("keep", "right")),
    (re.compile(r"""(\s)(['"])(?=\w)"""), ("keep", "left")),
    (re.compile(rf"""({CLOSE})(['"])"""), ("keep", "right")),
    (re.compile(r"""(["'])(?=\s|s\b|$)"""), ("right",)),
    (re.compile(r"""(.?)(')""", re.S), ("keep", "left")),
    (re.compile(r"""(.?)(")""", re.S), ("keep", "left")),
]
SYMBOLS = [("---", "—"), ("--", "–"), ("...", "…"), ("\\<<", "&lt;&lt;"), ("\\>>", "&gt;&gt;"),
           ("<< ", "«\u00a0"), (" >>", "\u00a0»"), ("<<", "«"), (">>", "»")]
# Spans kramdown reads as something else than text: copied as they are.
UNTOUCHED = re.compile(
    r"<[A-Za-z/!][^<>\n]*>"  # tag, comment or autolink
    r"|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"  # target
    r"|\]\[[^\]\n]*\]"  # reference
    r"|(?:(?<=[)*_`>])|(?<=[^\\]\]))\{:[^{}\n]*\}"  # attribute list (after text: shown)
    r"|&#?\w{1,32};"  # entity
    r"|\\[\\`*_{}\[\]()#+\-.!:|\"'$=~<>]"  # escaped character (GFM's set)
)
# Characters that start another span in kramdown: a quote after them has no character before it.
SPAN_MARKS = set("*_[]<>`!{}")
# A run of characters none of the rules above can start at: copied in one step (a loop over
# every character costs milliseconds per paragraph). A space starts " >>" only.
PLAIN_RUN = re.compile(r"""(?:[^`<\]{&\\\-.>'" ]| (?!>>))+""")


def _quote(text: str, start: int) -> tuple[str, int]:
    """The first rule matching at `start` (a quote, or the character before it): its output
    and where it ends. The last rules match any quote, so one always applies."""
    for pattern, roles in RULES:
        match = pattern.match(text, start)
        if match is None:
            continue
        pieces = []
        for group, role in enumerate(roles, start=1):
            value = match.group(group)
            pieces.append(value if role == "keep" else (LEFT if role == "left" else RIGHT)[value])
        return "".join(pieces), match.end()
    return text[start], start + 1


BACKTICKS = re.compile(r"`+")


def code_span_end(text: str, index: int) -> int:
    """Where the code span opened by the backticks at `index` ends; after the backticks
    themselves when no run of the same length closes it (then they are text)."""
    run = BACKTICKS.match(text, index)
    assert run is not None
    closing = re.compile(rf"(?<!`)`{{{len(run.group())}}}(?!`)")
    found = closing.search(text, run.end())
    return found.end() if found else run.end()


def smarten(text: str) -> str:
    """`text` with kramdown's smart quotes and typographic symbols."""
    out: list[str] = []
    index, plain_before = 0, False  # plain_before: the previous character is text of its own
    while index < len(text):
        if text[index] == "`":
            end = code_span_end(text, index)
            out.append(text[index:end])
            index, plain_before = end, False
            continue
        untouched = UNTOUCHED.match(text, index)
        if untouched:
            out.append(untouched.group(0))
            index, plain_before = untouched.end(), False
            continue
        symbol = next((pair for pair in SYMBOLS if text.startswith(pair[0], index)), None)
        if symbol:
            out.append(symbol[1])
            index, plain_before = index + len(symbol[0]), False
            continue
        run = PLAIN_RUN.match(text, index)
        if run:
            out.append(run.group())
            index, plain_before = run.end(), run.group()[-1] not in SPAN_MARKS
            continue
        char = text[index]
        if char in "'\"":
            start = index - 1 if plain_before and text[index - 1] != "\\" else index
            if start < index:  # the character before the quote is the rule's to rewrite
                out[-1] = out[-1][:-1]
            replaced, index = _quote(text, start)
            out.append(replaced)
            plain_before = False
            continue
        out.append(char)
        plain_before = char not in SPAN_MARKS
        index += 1
    return "".join(out)
