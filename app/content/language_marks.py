"""Language marks in content: `[texte]{: lang="fr"}`, a passage in another language."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import markdown
from markdown.inlinepatterns import InlineProcessor
from markupsafe import Markup, escape

# kramdown's span attribute list for a language: [texte]{: lang="fr"}.
LANGUAGE_MARK = r'\[([^\[\]]+)\]\{:\s*lang="([a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)"\s*\}'


class LanguageMark(InlineProcessor):
    """`[texte]{: lang="fr"}` becomes `<span lang="fr">texte</span>`: Python-Markdown's
    attr_list needs an element to attach to, and a bracketed passage alone is none."""

    def handleMatch(  # type: ignore[override]  # InlineProcessor takes (m, data)
            self, match: re.Match[str], data: str) -> tuple[ElementTree.Element, int, int]:
        element = ElementTree.Element("span", lang=match.group(2))
        element.text = match.group(1)
        return element, match.start(0), match.end(0)


class LanguageMarks(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Before links (160): "[texte]" would otherwise be read as a reference.
        md.inlinePatterns.register(LanguageMark(LANGUAGE_MARK, md), "language_mark", 175)


def plain_text(text: str) -> str:
    """A plain field (title, entity, alt text) without its language marks."""
    return re.sub(LANGUAGE_MARK, r"\1", text)


def marked_text(text: str) -> Markup:
    """A plain field as HTML: the text escaped, its language marks as spans."""
    pieces, end = [], 0
    for match in re.finditer(LANGUAGE_MARK, text):
        pieces.append(escape(text[end:match.start()]))
        pieces.append(Markup('<span lang="{}">{}</span>').format(match[2], match[1]))
        end = match.end()
    pieces.append(escape(text[end:]))
    return Markup("").join(pieces)
