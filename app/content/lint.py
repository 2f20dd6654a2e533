"""Accessibility warnings on content: what an author can fix before a screen reader trips on it."""

from __future__ import annotations

import re

from app.content.announcements import ParsedAnnouncement
from app.problems import Problem

WORD = re.compile(r"[^\W\d_]{2,}")
VAGUE = {"ici", "cliquez ici", "cliquer ici", "here", "click here", "lien", "link"}
MD_LINK = re.compile(r"(?<!!)\[([^\[\]\n]*)\]\(")
HTML_LINK = re.compile(r"<a\b[^<>]*>((?:(?!<a\b).)*?)</a>", re.DOTALL | re.IGNORECASE)
MD_IMAGE_NO_ALT = re.compile(r"!\[\s*\]\(")
HTML_IMG = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
# A link target that looks like a host name but has no scheme (href="vivatechnology.com").
SCHEMELESS = re.compile(r"""(?:\]\(|href=["'])((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\."""
                        r"""(?:fr|com|org|net|eu|io|gouv\.fr)(?:/[^\s)"']*)?)[)"']""")


def shouting(text: str) -> bool:
    """Mostly capitals: hard to read, and some screen readers spell such words out."""
    words = WORD.findall(text)
    capitals = [word for word in words if word.isupper()]
    return len(words) >= 3 and len(capitals) * 2 > len(words)


def vague_links(text: str) -> list[str]:
    texts = MD_LINK.findall(text) + [TAG.sub("", t) for t in HTML_LINK.findall(text)]
    return [t.strip() for t in texts if t.strip().lower().rstrip(".!") in VAGUE]


def lint(announcement: ParsedAnnouncement) -> list[Problem]:
    """Warnings for one announcement, each at its line."""
    page, document = announcement.announcement, announcement.document
    found: list[Problem] = []

    def warn(line: int, message: str) -> None:
        found.append(Problem(page.path, line, message, warning=True))

    for key, value in (("title", page.title), ("chapeau-text", page.chapeau)):
        if value and shouting(value):
            warn(page.lines.get(key, 1), f"{key}: written in capitals (write it in sentence "
                                         "case; capitals can come from the style sheet)")
    for image in page.images:
        if image.missing_alt:
            warn(image.line, "une-ou-diaporama: image without alternative-textuelle (describe "
                             "it, or write alternative-textuelle: Image décorative)")
    for attachment in page.files:
        if not attachment.labelled:
            warn(attachment.line, "files: file without nom (add nom: a label saying what the "
                                  "file is)")
    previous = 0  # the first heading may have any level: headings are shifted under the h1
    for block in document.walk():
        texts = [(block.segment.line, block.segment.text)] if block.segment else []
        if block.kind == "html":
            texts = [(block.line, block.raw)]
        for line, text in texts:
            line = line or page.body_line
            for vague in vague_links(text):
                warn(line, f"link text {vague!r} says nothing out of context (name the "
                           "destination in the link)")
            if MD_IMAGE_NO_ALT.search(text) or any(
                    "alt=" not in tag.lower() for tag in HTML_IMG.findall(text)):
                warn(line, "image without alternative text (describe it, or give it an empty "
                           "alt only if it is decorative)")
            for target in SCHEMELESS.findall(text):
                warn(line, f"link to {target!r} has no scheme: a browser reads it as a page of "
                           f"this site (write https://{target})")
        if block.kind == "h" and block.segment:
            if previous and block.level > previous + 1:
                warn(block.line, f"heading level {block.level} after level {previous} (do not "
                                 "skip levels)")
            previous = block.level
    return found
