"""What a content translation may contain: the markup of its French, language marks, no
HTML; a translated file address stays on the site, in the same format."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from babel.messages.catalog import Catalog

from app.problems import Problem

HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# The language mark of kramdown: [texte]{: lang="fr"}; the only attribute list a translation
# may add.
LANGUAGE_MARK = re.compile(r'\[([^\[\]]+)\]\{:\s*lang="([a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)"\s*\}')
ATTRIBUTE_LIST = re.compile(r"\{:[^}]*\}")
LINK_TARGET = re.compile(r"\]\(\s*([^)\s]+)[^)]*\)|\]\[([^\]]*)\]")
CODE_SPAN = re.compile(r"`+[^`]+`+")
EMPHASIS = re.compile(r"\*\*|__|(?<![*\w])\*(?!\s)|(?<![_\w])_(?!\s)")


def markup_of(text: str) -> dict[str, list[str]]:
    """The markup a translation must keep: link targets, code spans, emphasis marks.
    Language marks are left out: a translator adds them where a passage stays French."""
    # Each expression is tried only on a text holding the signs it needs: a start-up checks
    # every entry of every catalog (40,000 texts for 1,000 announcements).
    if "{:" in text:
        text = LANGUAGE_MARK.sub(r"\1", text)
    links = LINK_TARGET.findall(text) if "](" in text or "][" in text else []
    return {
        "links": sorted(a or b for a, b in links),
        "code": sorted(CODE_SPAN.findall(text)) if "`" in text else [],
        "emphasis": sorted(EMPHASIS.findall(text)) if "*" in text or "_" in text else [],
    }


def foreign_html(source: str, translated: str) -> list[str]:
    """Tags of a translation that its source does not have."""
    if "<" not in translated:
        return []
    return sorted(set(HTML_TAG.findall(translated)) - set(HTML_TAG.findall(source)))


def address_problem(source: str, translated: str) -> str | None:
    """A translated file address stays on the site and keeps the format of the French."""
    parts = urlsplit(translated)
    if parts.scheme or parts.netloc or not translated.startswith("/"):
        return (f"the address {translated!r} leaves the site (give a path on this site "
                "starting with /, or leave the msgstr empty)")
    if PurePosixPath(parts.path).suffix.lower() != PurePosixPath(
            urlsplit(source).path).suffix.lower():
        return (f"the address {translated!r} is not in the format of the French file, "
                f"{PurePosixPath(urlsplit(source).path).suffix or 'none'} (link the same "
                "kind of file, or leave the msgstr empty)")
    return None


def content_problems(catalog: Catalog, shown: str) -> list[Problem]:
    """Markup parity, no HTML, only language marks, addresses on the site."""
    problems = []
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if not isinstance(message.id, str) or not isinstance(message.string, str):
            continue  # content entries are singular: a plural one is not ours
        line, source, translated = message.lineno or 1, message.id, message.string
        if (message.context or "").endswith(":file"):
            found = address_problem(source, translated)
            if found:
                problems.append(Problem(shown, line, found))
            continue
        before, after = markup_of(source), markup_of(translated)
        for kind, marks in before.items():
            if marks != after[kind]:
                problems.append(Problem(shown, line, f"{kind} differ from the French: "
                                        f"{marks} vs {after[kind]} (keep the same {kind})"))
        tags = foreign_html(source, translated)
        if tags:
            problems.append(Problem(shown, line, f"HTML in the translation: {tags} (write "
                                    "markdown; mark French words as [mot]{: lang=\"fr\"})"))
        extra = ATTRIBUTE_LIST.findall(LANGUAGE_MARK.sub("", translated))
        if len(extra) > len(ATTRIBUTE_LIST.findall(source)):
            problems.append(Problem(shown, line, f"attribute list {extra[0]!r}: only the "
                                    'language mark [mot]{: lang="fr"} may be added'))
    return problems
