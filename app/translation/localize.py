"""A page in one language: each segment from the content catalog, or French and marked."""

from __future__ import annotations

from collections.abc import Callable

from app.content.markup import Document, Segment
from app.content.model import Announcement, Attachment
from app.content.rendering import Rendered, Renderer
from app.content.sanitize import safe_url, sanitize
from app.translation.catalogs import ContentCatalog
from app.translation.local_page import (
    LocalAccess,
    LocalFact,
    LocalFile,
    LocalImage,
    LocalizedPage,
    Text,
    human_size,
)
from app.translation.segments import FUZZY_MARK, PLAIN, context
from app.translation.validate import address_problem, foreign_html


def as_text(source: str, translated: str) -> str:
    """A content translation is markdown: HTML its French does not have is shown as typed
    (`i18n check` refuses it too)."""
    if foreign_html(source, translated):
        return translated.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return translated


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
    facts = tuple(LocalFact(text("fact-label", fact.label),
                            Text(fact.text) if fact.text == fact.href else text("fact", fact.text),
                            fact.href)
                  for fact in page.facts)
    access = tuple(LocalAccess(text("access-kind", way.kind),
                               tuple(text("access-line", name) for name in way.lines))
                   for way in page.access)
    # The press release as published: one file, in French, whatever the page's language.
    press_release = None
    if page.press_release:
        size = size_of(page.press_release.href)
        press_release = LocalFile(page.press_release, Text(page.press_release.label),
                                  page.press_release.href, None if lang == source else source,
                                  human_size(size, lang) if size is not None else "")
    tags = tuple(text("tag", tag) for tag in page.tags)
    categories = tuple(text("category", category) for category in page.categories)
    author = text("author", page.author)
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
        facts=facts,
        access=access,
        press_release=press_release,
        tags=tags,
        categories=categories,
        author=author,
    )
