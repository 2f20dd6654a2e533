"""Raw HTML blocks as kramdown reads them (parse_block_html off, Jekyll's default).

A block starts with a block-level tag at the start of a line and runs to its matching end tag,
its content kept raw; the rest of the end tag's line is read again as markdown.
"""

from __future__ import annotations

import re

UNAME = r"[A-Za-z_:][\w:.-]*"
SPAN = (
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn",
    "em", "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc",
    "rp", "rt", "rtc", "ruby", "samp", "select", "small", "span", "strong", "sub", "sup",
    "tt", "u", "var",
)
VOID = {
    "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
}
NOT_SPAN = rf"(?!(?:{'|'.join(SPAN)}|script)\b)"
LAZY_HTML = rf"(?:</{NOT_SPAN}{UNAME}\s*>|<{NOT_SPAN}{UNAME})"
ATTRIBUTE = rf"""\s+{UNAME}(?:\s*=\s*(?:\w+|"[^"]*"|'[^']*'))?"""
TAG = re.compile(rf"<({UNAME})((?:{ATTRIBUTE})*)\s*(/)?>", re.S)
CLOSE = re.compile(rf"</({UNAME})\s*>")
COMMENT = re.compile(r"<!--.*?-->", re.S)
INSTRUCTION = re.compile(r"<\?.*?\?>", re.S)
START = re.compile(rf"^ {{0,3}}(?=<(?:{UNAME}|!--|/))", re.M)
NEXT = re.compile(rf"<(?:{UNAME}|/|!--|\?)")
TRAILING = re.compile(r"[ \t]*\n")



def _raw_end(text: str, pos: int, name: str) -> int:
    """Where the element `name` opened before `pos` ends: after its end tag, or the text's end."""
    open_names = [name.lower()]
    while open_names:
        found = NEXT.search(text, pos)
        if found is None:
            return len(text)
        pos = found.start()
        for pattern in (COMMENT, INSTRUCTION):
            match = pattern.match(text, pos)
            if match:
                pos = match.end()
                break
        else:
            tag = TAG.match(text, pos)
            close = None if tag else CLOSE.match(text, pos)
            if tag:
                pos = tag.end()
                if not tag.group(3) and tag.group(1).lower() not in VOID:
                    open_names.append(tag.group(1).lower())
            elif close:
                pos = close.end()
                if close.group(1).lower() == open_names[-1]:
                    open_names.pop()
            else:
                pos += 1
    return pos


def block(text: str, pos: int) -> tuple[int, str] | None:
    """The end and raw text of an HTML block starting at `pos`, or None when none starts there."""
    start = START.match(text, pos)
    if start is None:
        return None
    at = start.end()
    comment = COMMENT.match(text, at)
    if comment:
        end = comment.end()
    else:
        tag = TAG.match(text, at)
        if tag is None or tag.group(1).lower() in SPAN:
            return None
        end = tag.end()
        if not tag.group(3) and tag.group(1).lower() not in VOID:
            # Never closed, it runs to the end of the post, as in kramdown (text kept, raw).
            end = _raw_end(text, end, tag.group(1))
    raw = text[at:end]
    trailing = TRAILING.match(text, end)
    return (trailing.end() if trailing else end), raw
