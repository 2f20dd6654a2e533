"""A page in one language: each segment from the content catalog, or French and marked."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from babel.units import format_unit
from markupsafe import Markup

from app.content.markup import Document, Segment, marked_text, plain_text
from app.content.model import Announcement, Attachment, Image
from app.content.rendering import Rendered, Renderer
from app.content.sanitize import safe_url, sanitize
from app.translation.catalogs import ContentCatalog
from app.translation.validate import address_problem, foreign_html

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
    for segment in document.segments:
        yield context(page, "body"), segment, FIELDS["body"].format(kind=KINDS[segment.kind])


# Fields shown as text (escaped by the templates), not rendered as markdown.
PLAIN = {"title", "subtitle", "place", "entity", "image-alt", "file-label", "file"}
# How a fuzzy translation shows in the translator preview (markdown with inline HTML).
FUZZY_MARK = '<span class="fuzzy"><span class="fuzzy__label">[fuzzy]</span> {}</span>'


@dataclass(frozen=True)
class Text:
    """A piece of text and, when it fell back to the source, the language it is in."""

    raw: str  # as written, language marks included
    lang: str | None = None
    fuzzy: bool = False  # a translation to review, shown only in the translator preview

    @property
    def value(self) -> str:
        """Plain text, for attributes and metadata."""
        return plain_text(self.raw)

    @property
    def html(self) -> Markup:
        """Escaped text, its language marks ([texte]{: lang="fr"}) as spans."""
        return marked_text(self.raw)


@dataclass(frozen=True)
class LocalImage:
    image: Image
    alt: Text
    caption_html: str


@dataclass(frozen=True)
class LocalFile:
    """A linked file: its label in the page language, the file in that language if any."""

    attachment: Attachment
    label: Text
    href: str
    hreflang: str | None  # set when the file is in another language than the page
    size: str = ""  # "245 ko", when the file is served by the site and its size known

    @property
    def details(self) -> str:
        """Format and size, as said beside the link ("PDF, 245 ko")."""
        return ", ".join(part for part in (self.attachment.kind, self.size) if part)


@dataclass(frozen=True)
class LocalizedPage:
    """What a template needs to show one announcement in one language.

    The body is rendered on first use: lists of announcements (home, site map) show only
    titles and chapeaus, and a site of 1,000 announcements starts without rendering 1,000
    bodies per language."""

    source: Announcement  # the French announcement this page translates
    lang: str
    title: Text
    subtitle: Text
    chapeau_html: str
    place: Text
    images: tuple[LocalImage, ...]
    files: tuple[LocalFile, ...]
    entities: tuple[Text, ...]
    available: bool  # title and chapeau translated: the page exists in this language
    # Renders the body: (its sanitized HTML and fallbacks, the page's fuzzy translations shown).
    render_body: Callable[[], tuple[Rendered, int]] = field(compare=False, repr=False,
                                                            default=lambda: (Rendered("", 0), 0))
    head_fallbacks: int = 0  # untranslated segments outside the body

    @cached_property
    def _body(self) -> tuple[Rendered, int]:
        return self.render_body()

    @property
    def body_html(self) -> str:
        return self._body[0].html

    @property
    def fallbacks(self) -> int:
        """Segments left in the source language, body included."""
        return self.head_fallbacks + self._body[0].fallbacks

    @property
    def fuzzy(self) -> int:
        """Translations to review shown (translator preview only)."""
        return self._body[1]


def as_text(source: str, translated: str) -> str:
    """A content translation is markdown: HTML its French does not have is shown as typed
    (`i18n check` refuses it too)."""
    if foreign_html(source, translated):
        return translated.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return translated


def human_size(size: int, lang: str) -> str:
    """A file size for people ("1 ko", "245 kB"), at least 1 kB."""
    kilobytes = max(1, round(size / 1024))
    return format_unit(kilobytes, "digital-kilobyte", length="short", locale=lang)


def localize(
    page: Announcement,
    document: Document,
    lang: str,
    catalog: ContentCatalog,
    renderer: Renderer,
    new_window_note: str,
    preview: bool = False,
    size_of: Callable[[str], int | None] = lambda href: None,
) -> LocalizedPage:
    """Build the page in `lang`; untranslated segments stay in the source language, marked.

    With `preview` (translators only), fuzzy translations are shown, marked as such.
    """
    source = renderer.source_lang
    missing = 0
    fuzzy: set[tuple[str, str]] = set()

    def choose_in(name: str) -> Callable[[Segment], tuple[str, bool]]:
        def choose(segment: Segment) -> tuple[str, bool]:
            if lang == source:
                return segment.text, False
            if segment.kind == "html":
                return "", True
            found = catalog.get(context(page, name), segment.text)
            if found:
                return (found if name in PLAIN else as_text(segment.text, found)), False
            draft = catalog.get_fuzzy(context(page, name), segment.text) if preview else None
            if draft:
                fuzzy.add((name, segment.text))
                return FUZZY_MARK.format(draft if name in PLAIN else as_text(segment.text,
                                                                              draft)), False
            return segment.text, True
        return choose

    def text(name: str, value: str) -> Text:
        nonlocal missing
        if not value:
            return Text("")
        found, fell = choose_in(name)(Segment(value, 0, name))
        missing += fell
        if (name, value) in fuzzy:
            return Text(catalog.get_fuzzy(context(page, name), value) or value, None, True)
        return Text(found, source if fell else None)

    def block(name: str, value: str) -> str:
        nonlocal missing
        if not value:
            return ""
        found, fell = choose_in(name)(Segment(value, 0, name))
        missing += fell
        return sanitize(renderer.render_text(found, fell), new_window_note)

    def linked(attachment: Attachment) -> LocalFile:
        """The file in the page's language when a translated address exists."""
        label = text("file-label", attachment.label)
        translated = lang != source and catalog.get(context(page, "file"), attachment.href)
        if translated and (not safe_url(translated)
                           or address_problem(attachment.href, translated)):
            translated = None  # refused by `i18n check` too: the French file is linked
        href = translated or attachment.href
        size = size_of(href)
        shown = human_size(size, lang) if size is not None else ""
        if lang == source or translated:
            return LocalFile(attachment, label, href, None, shown)
        return LocalFile(attachment, label, href, source, shown)

    def render_body() -> tuple[Rendered, int]:
        body = renderer.render_document(document, choose_in("body"))
        return Rendered(sanitize(body.html, new_window_note), body.fallbacks), len(fuzzy)

    title = text("title", page.title)
    chapeau_html = block("chapeau", page.chapeau)
    # The page exists once its title and chapeau were translated, even if the French changed
    # since (fuzzy): a shared URL never breaks because of a French edit.
    available = lang == source or all(catalog.known(context(page, name), value)
                    for name, value in (("title", page.title), ("chapeau", page.chapeau))
                    if value)
    subtitle = text("subtitle", page.subtitle)
    place = text("place", page.event.place if page.event else "")
    images = tuple(
        LocalImage(image, text("image-alt", image.alt), block("image-caption", image.caption))
        for image in page.images
    )
    files = tuple(linked(attachment) for attachment in page.files)
    entities = tuple(text("entity", entity) for entity in page.entities)
    return LocalizedPage(
        source=page,
        lang=lang,
        title=title,
        subtitle=subtitle,
        chapeau_html=chapeau_html,
        place=place,
        images=images,
        files=files,
        entities=entities,
        available=available,
        render_body=render_body,
        head_fallbacks=missing,
    )
