"""One announcement as a template shows it in one language: texts marked with their language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from babel.units import format_unit
from markupsafe import Markup

from app.content.markup import marked_text, plain_text
from app.content.model import Announcement, Attachment, Image
from app.content.rendering import Rendered


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
class LocalFact:
    """A practical fact of an event (hours, registration...): label, text, link if any."""

    label: Text
    text: Text
    href: str


@dataclass(frozen=True)
class LocalAccess:
    """A way to get to an event ("Métro") and its lines, in the page language."""

    kind: Text
    lines: tuple[Text, ...]


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
    facts: tuple[LocalFact, ...] = ()  # champs_informations
    access: tuple[LocalAccess, ...] = ()  # acces: how to get there
    press_release: LocalFile | None = None  # communique_file, the file as published
    tags: tuple[Text, ...] = ()
    categories: tuple[Text, ...] = ()
    author: Text = Text("")

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


def human_size(size: int, lang: str) -> str:
    """A file size for people ("1 ko", "245 kB"), at least 1 kB."""
    kilobytes = max(1, round(size / 1024))
    return format_unit(kilobytes, "digital-kilobyte", length="short", locale=lang)
