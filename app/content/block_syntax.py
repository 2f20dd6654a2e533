"""kramdown's block-level syntax as expressions (parser/kramdown/*.rb, GFM's set), in the
order kramdown tries them; app/content/blocks.py applies them."""

from __future__ import annotations

import re

from app.content import html_blocks

OPT = " {0,3}"
BLANK = re.compile(r"(?:^[ \t\f\r\v]*\n)+", re.M)
INDENT = re.compile(r"^(?:\t| {4})", re.M)
CODE_MATCH = re.compile(r"(?:(?:^[ \t]*\n)?(?:^(?:\t| {4})[ \t]*\S.*\n)+)+", re.M)
FENCE_START = re.compile(rf"^{OPT}[~`]{{3,}}", re.M)
FENCE_OPEN = re.compile(rf"^{OPT}(`{{3,}}+|~{{3,}}+)[^\n]*\n", re.M)
QUOTE_START = re.compile(rf"^{OPT}> ?", re.M)
ATX = re.compile(r"^(#{1,6})[\t ]+(.*)\n", re.M)
HR = re.compile(rf"^{OPT}([*_-])[ \t]*\1[ \t]*\1[*_ \t-]*\n", re.M)
LIST_UL = re.compile(rf"^({OPT}[+*-])([\t| ].*?\n)", re.M)
LIST_OL = re.compile(rf"^({OPT}\d+\.)([\t| ].*?\n)", re.M)
DEF_START = re.compile(rf"^{OPT}:[\t| ].*?\n", re.M)
SETEXT = re.compile(rf"^{OPT}([^ \t].*)\n([-=])[-=]*[ \t\r\f\v]*\n", re.M)
IAL_BODY = r"\{:(?!:|/)((?:\\\}|[^}\n])+)\}[ \t]*\n"
IAL_START = re.compile(rf"^{OPT}{IAL_BODY}", re.M)
ALD_START = re.compile(rf"^{OPT}\{{:\w[\w-]*:(?:\\\}}|[^}}\n])+\}}[ \t]*\n", re.M)
EXT_START = re.compile(rf"^{OPT}(?:\{{::\w+[^\n]*?\}}|\{{:/\w*\}})[ \t]*\n", re.M)
EOB = re.compile(r"^\^[ \t]*\n", re.M)
# kramdown also takes "[Note]: a sentence" and "[^1]: a note" for definitions and hides them;
# a definition here needs a target without spaces (docs/rendering.md, intended differences).
LINK_DEF = re.compile(
    rf"^{OPT}\[(?!\^)([^\n\]]+)\]:[ \t]*(?:<([^>\s]*)>|(\S+))"
    r"""(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?(["'])(.+?)\4)?[ \t]*?\n""", re.M)
LINE = re.compile(r"^.*?\n", re.M)
PARAGRAPH_START = re.compile(rf"^{OPT}[^ \t].*?\n", re.M)
TABLE_LINE = re.compile(r"(?:\||.*?[^\\\n]\|).*?\n")
TABLE_START = re.compile(rf"^{OPT}(?=\S)(?:\||.*?[^\\\n]\|).*?\n", re.M)
TABLE_SEP = re.compile(r"^[+|: \t-]*?-[+|: \t-]*?[ \t]*\n", re.M)
LAZY_END = re.compile(
    rf"(?:^[ \t\f\r\v]*\n)|^{OPT}{IAL_BODY}|^\^[ \t]*\n|^{OPT}{html_blocks.LAZY_HTML}|\Z", re.M)
PARAGRAPH_END = re.compile(
    rf"{LAZY_END.pattern}|{LIST_UL.pattern}|{LIST_OL.pattern}|{ATX.pattern}|{DEF_START.pattern}"
    rf"|{QUOTE_START.pattern}|{FENCE_START.pattern}", re.M)
