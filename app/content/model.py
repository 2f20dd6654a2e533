"""Announcements as the site knows them: frozen dataclasses, no reading, no checking."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from app.content.places import PostalAddress

# The `date` type, by another name: inside Announcement, `date` is a field.
Day = date

@dataclass(frozen=True)
class Image:
    """An image of `une-ou-diaporama`; an empty `alt` means decorative."""

    src: str
    alt: str
    caption: str
    line: int
    missing_alt: bool = False  # no alternative-textuelle at all: shown as decorative, warned

    @property
    def decorative(self) -> bool:
        return not self.alt


@dataclass(frozen=True)
class Attachment:
    """A linked file with the label to show for it."""

    href: str
    label: str
    line: int
    labelled: bool = True  # False when the label is only the file name (no `nom`)

    @property
    def kind(self) -> str:
        """The format shown beside the link ("PDF"), from the file name."""
        return Path(self.href.split("?")[0]).suffix.lstrip(".").upper()


@dataclass(frozen=True)
class Fact:
    """A labelled fact of an event (`champs_informations`: hours, registration...), maybe a link."""

    label: str
    text: str
    href: str
    line: int


@dataclass(frozen=True)
class Access:
    """How to get to an event (`acces`): a kind of transport and its lines."""

    kind: str
    lines: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Contact:
    """The press contact."""

    name: str
    phones: tuple[str, ...]
    email: str


@dataclass(frozen=True)
class Event:
    """What, when and where for an event post."""

    start: date | datetime
    end: date | datetime | None
    place: str
    address: str
    stand: str
    postal: PostalAddress | None = None  # the address in its parts, when it has them
    free: bool = False  # free entry (`gratuit: true`)


@dataclass(frozen=True)
class Announcement:
    """One announcement, as written in French in content/."""

    path: str
    slug: str
    title: str
    date: datetime | date | None  # None: undated (Jekyll builds it), listed after dated posts
    published: bool
    chapeau: str
    body: str
    body_line: int
    lines: dict[str, int] = field(default_factory=dict)
    subtitle: str = ""
    author: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    files: tuple[Attachment, ...] = ()
    contact: Contact | None = None
    event: Event | None = None
    entities: tuple[str, ...] = ()
    entity_lines: tuple[int, ...] = ()
    unknown: dict[str, object] = field(default_factory=dict)
    facts: tuple[Fact, ...] = ()  # champs_informations
    access: tuple[Access, ...] = ()  # acces
    press_release: Attachment | None = None  # communique_file: the press release to download
    updated: Day | datetime | None = None  # last change (`last_modified_at`), when said

    @property
    def sort_key(self) -> datetime:
        """Comparable moment, so that date-only and timed posts sort together."""
        return instant(self.date).astimezone(UTC)


def instant(value: date | datetime | None) -> datetime:
    """A timezone-aware moment; a date alone counts as its midnight UTC, no date as 1970."""
    if value is None:
        return datetime(1970, 1, 1, tzinfo=UTC)
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(), UTC)

