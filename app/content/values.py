"""Plain front-matter values: text, markdown, dates and slugs as the State's posts write them."""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})-")
DATE_TEXT = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?"
)
# Letters NFKD does not decompose, which would vanish from a slug ("cœur" -> "cur").
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def slug_from_filename(path: Path) -> str:
    """Derive the slug: Jekyll date prefix dropped, lowercase ASCII words joined by hyphens."""
    stem = DATE_PREFIX.sub("", path.stem, count=1)
    decomposed = unicodedata.normalize("NFKD", stem.translate(LIGATURES))
    # Accents go; any other non-ASCII character (’, «) separates words like ' or < does.
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "-".join(re.findall(r"[a-z0-9]+", bare.lower()))


def clean_text(value: str) -> str:
    """Plain text from a front-matter string: entities decoded, whitespace folded."""
    return re.sub(r"[ \t\n\r]+", " ", html.unescape(value)).strip()


def clean_markdown(value: str) -> str:
    """Markdown from a front-matter string: trailing spaces and soft line breaks folded.

    Single-quoted YAML keeps `\\n` as two characters; the State's posts mean a line break.
    """
    value = value.replace("\\n", "\n")
    paragraphs = re.split(r"\n[ \t]*\n", value.strip())
    return "\n\n".join(" ".join(line.strip() for line in p.split("\n")) for p in paragraphs)


def parse_moment(text: str, zone: str) -> date | datetime:
    """Parse a Jekyll date; naive times are read in `zone`.

    :raises ValueError: when `text` is not a real date.
    """
    match = DATE_TEXT.fullmatch(text.strip())
    if not match:
        raise ValueError
    year, month, day, hour, minute, second, offset = match.groups()
    day_value = date(int(year), int(month), int(day))
    if hour is None and offset is None:
        return day_value
    moment = datetime.combine(day_value, time(int(hour or 0), int(minute or 0), int(second or 0)))
    if offset is None:
        return moment.replace(tzinfo=ZoneInfo(zone))
    if offset == "Z":
        return moment.replace(tzinfo=UTC)
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return moment.replace(tzinfo=timezone(sign * delta))

