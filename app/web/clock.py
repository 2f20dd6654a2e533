"""The day pages are written for: what an event page says depends on it (past or coming).

The content's timezone decides when a day starts (CONTENT_TIMEZONE); the TODAY setting
(an ISO date) fixes the day, for tests and for an export built for a given day.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from app.content.model import Event


def today_in(timezone: str, fixed: str | date | None = None) -> date:
    """Today in `timezone`, unless a day is `fixed`."""
    if isinstance(fixed, date):
        return fixed
    if fixed:
        return date.fromisoformat(fixed)
    return datetime.now(ZoneInfo(timezone)).date()


def today() -> date:
    """Today for the app being served."""
    config = current_app.config
    return today_in(config["CONTENT_TIMEZONE"], config.get("TODAY"))


def event_over(event: Event | None) -> bool:
    """Whether an event's last day is before today: its pages then say so and offer no
    calendar link (the calendar file stays at its address)."""
    if event is None:
        return False
    last = event.end or event.start
    if isinstance(last, datetime):
        last = last.date()
    return bool(last < today())
