"""What a translator translates of an announcement: its segments, their context and comment."""

from __future__ import annotations

from collections.abc import Iterator

from app.content.markup import Document, Segment
from app.content.model import Announcement

KINDS = {
    "paragraph": "a paragraph",
    "heading": "a heading",
    "list item": "a list item",
    "table cell": "a table cell",
    "quote": "a quotation",
}
# Translator comments (#.) for each field, in English like every translator comment.
FIELDS = {
    "title": "Title of the announcement (plain text; shown in lists and the browser tab)",
    "subtitle": "Subtitle of the announcement (plain text)",
    "chapeau": "Standfirst of the announcement (markdown: keep links and emphasis)",
    "body": "Body of the announcement, {kind} (markdown: keep links, emphasis and code)",
    "image-alt": "Text alternative of an image (say what the image tells; plain text)",
    "image-caption": "Caption of an image (markdown)",
    "file-label": "Name of an attached file, read as the text of its link (plain text)",
    "file": "Address of an attached file: translate it only if the file exists in your "
            "language, as a path on this site of the same format (else leave it empty: the "
            "link leads to the French file)",
    "entity": "Name of an organisation taking part (plain text; mark French names as "
              '[nom]{: lang="fr"})',
    "place": "Place of the event (plain text)",
    "fact-label": "Label of a practical fact of the event, such as \"Horaires\" (plain text)",
    "fact": "A practical fact of the event, such as its opening hours (plain text; when it "
            "is a link, its text)",
    "access-kind": "A way to get to the event, such as \"Métro\" (plain text)",
    "access-line": "A line of public transport to the event (plain text; a name such as "
                   "\"Ligne 12\")",
    "tag": "A keyword of the announcement, shown as a tag (plain text)",
    "category": "A category of the announcement, such as \"Communiqué de presse\" (plain text)",
    "author": "Author of the announcement (plain text; a name: mark French names as "
              '[nom]{: lang="fr"})',
}


def context(page: Announcement, field: str) -> str:
    """The msgctxt of a field of a page: its slug, then the field."""
    return f"{page.slug}:{field}"


def page_segments(page: Announcement, document: Document) -> Iterator[tuple[str, Segment, str]]:
    """Every translatable segment of a page as (msgctxt, segment, translator comment)."""
    lines = page.lines

    def field(name: str, text: str, line: int) -> tuple[str, Segment, str]:
        return context(page, name), Segment(text, line, name), FIELDS[name]

    yield field("title", page.title, lines.get("title", 1))
    if page.subtitle:
        yield field("subtitle", page.subtitle, lines["sous-titre"])
    if page.chapeau:
        yield field("chapeau", page.chapeau, lines["chapeau-text"])
    if page.event and page.event.place:
        yield field("place", page.event.place, lines["lieu"])
    for image in page.images:
        if image.alt:
            yield field("image-alt", image.alt, image.line)
        if image.caption:
            yield field("image-caption", image.caption, image.line)
    for attachment in page.files:
        yield field("file-label", attachment.label, attachment.line)
        yield field("file", attachment.href, attachment.line)
    for entity, line in zip(page.entities, page.entity_lines, strict=True):
        yield field("entity", entity, line)
    for fact in page.facts:
        if fact.label:
            yield field("fact-label", fact.label, fact.line)
        if fact.text != fact.href:  # a bare address is not translated
            yield field("fact", fact.text, fact.line)
    for access in page.access:
        if access.kind:
            yield field("access-kind", access.kind, access.line)
        for name in access.lines:
            yield field("access-line", name, access.line)
    for tag in page.tags:
        yield field("tag", tag, lines.get("tags", 1))
    for category in page.categories:
        yield field("category", category, lines.get("categories", lines.get("categorie", 1)))
    if page.author:
        yield field("author", page.author, lines.get("auteur", 1))
    for segment in document.segments:
        yield context(page, "body"), segment, FIELDS["body"].format(kind=KINDS[segment.kind])


# Fields shown as text (escaped by the templates), not rendered as markdown.
PLAIN = {"title", "subtitle", "place", "entity", "image-alt", "file-label", "file",
         "fact-label", "fact", "access-kind", "access-line", "tag", "category", "author"}
# How a fuzzy translation shows in the translator preview (markdown with inline HTML).
FUZZY_MARK = '<span class="fuzzy"><span class="fuzzy__label">[fuzzy]</span> {}</span>'
