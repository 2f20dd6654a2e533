"""An entry of a catalog as the checks read it: its key, sources and translations; the
header as written; and what the checks know of a language."""

from __future__ import annotations

from dataclasses import dataclass

from babel.messages.catalog import Catalog, Message


@dataclass(frozen=True)
class Language:
    """What the validation needs to know of a language: its code and whether it is public."""

    code: str
    public: bool = True


def written(catalog: Catalog) -> dict[str, str]:
    """The header fields as written in the file (Babel fills missing ones in)."""
    return getattr(catalog, "written_header", None) or dict(catalog.mime_headers)


# An entry of a catalog: its context and its msgid (with the plural msgid, if any).
EntryKey = tuple[str | None, str | tuple[str, ...]]


def entry_key(message: Message) -> EntryKey:
    return message.context, message.id if isinstance(message.id, str) else tuple(message.id)


def strings(message: Message) -> tuple[str, ...]:
    """The translations of an entry (one, or one per plural form); empty when missing."""
    if message.string is None:
        return ("",)
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def sources(message: Message) -> tuple[str, ...]:
    """The source texts of an entry: the msgid, and the plural msgid if any."""
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)
