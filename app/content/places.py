"""Where an event takes place: the postal address written in a post, in its parts."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The State's posts write one line: "20 avenue de Ségur 75007 Paris",
# "1 place de la Porte de Versailles, 75015 Paris" (a French postal code has five digits).
ADDRESS = re.compile(r"(?P<street>.*?\S)[\s,]+(?P<code>\d{5})\s+(?P<town>[^\d,]+?)"
                     r"(?:\s*,\s*(?P<country>France))?\s*")
COUNTRY = re.compile(r"[A-Z]{2}")
ONLINE = re.compile(r"\b(?:en ligne|webinaire|visioconférence|online)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PostalAddress:
    """An address in the parts calendars and search engines want (schema.org PostalAddress)."""

    street: str
    postal_code: str
    locality: str
    country: str  # ISO 3166-1 alpha-2

    @property
    def line(self) -> str:
        """The address on one line, as a calendar's LOCATION or a page shows it."""
        return f"{self.street}, {self.postal_code} {self.locality}"


def postal_address(text: str, country: str = "FR") -> PostalAddress | None:
    """The parts of an address written on one line; None when no postal code and town."""
    found = ADDRESS.fullmatch(text.strip())
    if found is None:
        return None
    return PostalAddress(found["street"].rstrip(" ,"), found["code"], found["town"], country)


def is_online(place: str, address: str) -> bool:
    """An event without address whose place says it is online ("Webinaire 100% en ligne")."""
    return not address and bool(ONLINE.search(place))
