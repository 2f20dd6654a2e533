"""Typography of the rendered page, by the language of each text: French spaces in French.

French puts a narrow no-break space (U+202F) before `; ! ?` and inside « », a no-break space
(U+00A0) before `:`, after `n°` and between thousands (`4 000`); English puts no space
before punctuation. Applied once to the finished HTML of a page (titles, chapeaux, bodies and
interface strings alike), to text only: never to tags and their attributes, nor inside
`code`, `pre`, `kbd`, `samp`, `script`, `style`, nor to a URL or an e-mail address written in
the text. Feeds and JSON-LD are built from the source text and keep it plain.

Written by hand: typography libraries (typogrify, smartypants) do English quotes and dashes,
not the French spacing rules, and none follows `lang` through the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NNBSP, NBSP = "\u202f", "\u00a0"
SPACES = " \u00a0\u202f"
KEPT = "\ue000"  # stands for a URL, an address or a time while the rules run
# What may stand before French punctuation: anything but a space, an opening sign or
# punctuation itself (so "?!" stays together).
BEFORE = r"(?<=[^\s\u00a0\u202f;:!?«(\[])"
# Elements whose text is never changed.
VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "var"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|<[^>]*>|[^<]+", re.S)
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*?)(/?)>", re.S)
LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
# URLs, e-mail addresses and times stay as written.
UNTOUCHABLE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+|www\.\S+|mailto:\S+|[\w.+-]+@[\w-]+\.[\w.-]+"
                         r"|\b\d{1,2}:\d{2}\b")
HIDDEN = re.compile(f"{UNTOUCHABLE.pattern}|{KEPT}")


@dataclass(frozen=True)
class Rules:
    """A language's typography: its rules, and the signs without which none applies (one
    search instead of seven substitutions: most text nodes of a page are words or spaces)."""

    signs: re.Pattern[str]
    rules: tuple[tuple[re.Pattern[str], str], ...]


FRENCH = Rules(re.compile(rf"[;!?:«»°]|\d[ {NBSP}{NNBSP}]\d"), (
    # word or closing sign, optional space, then ; ! ? (not inside "?!" runs twice)
    (re.compile(rf"{BEFORE}[{SPACES}]*([;!?])(?=[\s{SPACES}»)\]!?]|$)"), NNBSP + r"\1"),
    (re.compile(rf"{BEFORE}[{SPACES}]+([;!?])"), NNBSP + r"\1"),
    (re.compile(rf"{BEFORE}[{SPACES}]*:(?=[\s{SPACES}]|$)"), NBSP + ":"),
    (re.compile(rf"«[{SPACES}]*"), "«" + NNBSP),
    (re.compile(rf"[{SPACES}]*»"), NNBSP + "»"),
    (re.compile(rf"\b([nN]°)[{SPACES}]*(?=\w)"), r"\1" + NBSP),
    (re.compile(rf"(?<![\d,.])(\d{{1,3}})[ {NBSP}{NNBSP}](?=\d{{3}}(?![\d,]))"), r"\1" + NBSP),
))
ENGLISH = Rules(re.compile(rf"[{SPACES}][;:!?]"), (
    (re.compile(rf"{BEFORE}[{SPACES}]+([;:!?])(?=[\s{SPACES})\]”’]|$)"), r"\1"),
))


def rules_for(lang: str | None) -> Rules | None:
    """The rules of a language: French, English, or none (text left as written)."""
    primary = (lang or "").split("-")[0].lower()
    return FRENCH if primary == "fr" else ENGLISH if primary == "en" else None


def fix_text(text: str, lang: str | None) -> str:
    """One run of text in `lang`, with URLs, addresses and times left as they are."""
    rules = rules_for(lang)
    if rules is None or not rules.signs.search(text):
        return text
    kept: list[str] = []

    def hide(match: re.Match[str]) -> str:
        kept.append(match.group())
        return KEPT

    # Each kept run becomes one private-use character, a "word" for the rules, then returns
    # in order (the rules never add or remove one). A KEPT already in the text is hidden
    # too, and returns as itself.
    masked = HIDDEN.sub(hide, text)
    if not kept:
        return _apply(text, rules)
    pieces = iter(kept)
    return re.sub(KEPT, lambda _: next(pieces), _apply(masked, rules))


def _apply(text: str, rules: Rules) -> str:
    for pattern, replacement in rules.rules:
        text = pattern.sub(replacement, text)
    return text


def typeset(html: str, lang: str) -> str:
    """The page with every text node typeset for the language it is in."""
    out: list[str] = []
    stack: list[tuple[str, str | None, bool]] = []  # (element, lang, verbatim)
    current: str | None = lang
    verbatim = False
    for token in TOKEN.findall(html):
        if not token.startswith("<"):
            out.append(token if verbatim else fix_text(token, current))
            continue
        out.append(token)
        tag = TAG.fullmatch(token)
        if tag is None:
            continue  # comment, doctype
        closing, name, attributes, selfclosing = tag.groups()
        name = name.lower()
        if closing:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    break
        elif name not in VOID and not selfclosing:
            found = LANG.search(attributes)
            if found:
                current_lang = next(g for g in found.groups() if g is not None)
            else:
                current_lang = stack[-1][1] if stack else lang
            inherited = stack[-1][2] if stack else False
            stack.append((name, current_lang, name in VERBATIM or inherited))
        current = stack[-1][1] if stack else lang
        verbatim = stack[-1][2] if stack else False
    return "".join(out)
