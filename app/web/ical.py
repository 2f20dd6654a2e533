"""The iCalendar file (RFC 5545) of an announcement's event, in the page's language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from app.content.model import Event, instant
from app.translation.local_page import LocalizedPage
from app.web.current import kept
from app.web.i18n import gettext
from app.web.metadata import language_tag, last_changed, plain


def sequence(local: LocalizedPage) -> int:
    """RFC 5545 SEQUENCE: minutes from publication to the last change (`last_modified_at`),
    so it grows with each later change, the same in every language, without stored state."""
    if local.source.updated is None:
        return 0
    return max(0, int((last_changed(local) - instant(local.source.date)).total_seconds() // 60))


CALENDARS_KEPT = 4096  # files of a site generation (1.5 KB each); never unbounded


def calendar_bytes(local: LocalizedPage, event: Event, url: str) -> bytes:
    """The calendar file of an announcement, made once per site generation: its page says
    its size, then the file itself is asked for (an export asks for both, every time)."""
    return kept("calendars", (local.lang, local.source.slug, url), CALENDARS_KEPT,
                lambda: make_calendar(local, event, url))


def make_calendar(local: LocalizedPage, event: Event, url: str) -> bytes:
    """The event of an announcement as RFC 5545 iCalendar, in the page's language.

    One UID per event, in every language: it is one event, and a calendar that imports both
    files keeps one entry. The language is a LANGUAGE parameter on the texts, and PRODID
    names it too."""
    lang = local.lang
    texts = {"LANGUAGE": language_tag(lang)}
    calendar = Calendar()
    calendar.add("prodid", f"-//DINUM//Annonces du numérique//{lang.upper()}")
    calendar.add("version", "2.0")
    entry = CalendarEvent()
    entry.add("uid", f"{local.source.slug}@{urlsplit(current_app.config['SITE_URL']).hostname}")
    entry.add("sequence", sequence(local))
    entry.add("dtstamp", last_changed(local).astimezone(UTC))
    if local.source.updated is not None:
        entry.add("last-modified", last_changed(local).astimezone(UTC))
    entry.add("dtstart", event.start)
    end = event.end or event.start
    # All-day events end the day after (DTEND is exclusive in RFC 5545).
    entry.add("dtend", end + timedelta(days=1) if not isinstance(end, datetime) else end)
    entry.add("summary", local.title.value, parameters=texts)
    entry.add("description", f"{plain(local.chapeau_html)}\n\n{url}".strip(),
              parameters=texts)
    address = event.postal.line if event.postal else event.address
    where = ", ".join(part for part in (local.place.value, address) if part)
    if event.stand:
        # Translators: the location of an event in a calendar file (.ics): place, stand number.
        where = gettext("%(place)s, stand %(stand)s", place=where,
                        stand=event.stand).striptags()
    if where:
        entry.add("location", where, parameters=texts)
    entry.add("url", url)
    calendar.add_component(entry)
    data: bytes = calendar.to_ical()
    return data
