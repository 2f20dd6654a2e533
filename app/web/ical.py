"""The iCalendar file (RFC 5545) of an announcement's event, in the page's language."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from app.content.front_matter import instant
from app.translation.localize import LocalizedPage
from app.web.i18n import gettext
from app.web.metadata import plain
from app.web.urls import absolute


def calendar_bytes(local: LocalizedPage, url: str) -> bytes:
    """The event of an announcement as RFC 5545 iCalendar, in the page's language."""
    event = local.source.event
    calendar = Calendar()
    calendar.add("prodid", "-//DINUM//Annonces du numérique//FR")
    calendar.add("version", "2.0")
    entry = CalendarEvent()
    entry.add("uid", f"{local.source.slug}@{re.sub(r'^https?://', '', absolute(''))}")
    entry.add("dtstamp", instant(local.source.date).astimezone(UTC))
    entry.add("dtstart", event.start)
    end = event.end or event.start
    # All-day events end the day after (DTEND is exclusive in RFC 5545).
    entry.add("dtend", end + timedelta(days=1) if not isinstance(end, datetime) else end)
    entry.add("summary", local.title.value)
    entry.add("description", f"{plain(local.chapeau_html)}\n\n{url}".strip())
    where = ", ".join(part for part in (local.place.value, event.address) if part)
    if event.stand:
        # Translators: the location of an event in a calendar file (.ics): place, stand number.
        where = gettext("%(place)s, stand %(stand)s", place=where,
                        stand=event.stand).striptags()
    if where:
        entry.add("location", where)
    entry.add("url", url)
    calendar.add_component(entry)
    return calendar.to_ical()
