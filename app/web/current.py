"""The site of the running app: content, catalogs and addresses, loaded by the factory."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app

from app.site import Site

T = TypeVar("T")


def site() -> Site:
    """The `Site` the factory registered on the current app."""
    loaded: Site = current_app.extensions["site"]
    return loaded


def kept(store: str, key: Hashable, limit: int, make: Callable[[], T]) -> T:
    """`make()`, made once per site generation and kept in `app.extensions[store]` under
    `key`; the store is emptied when it holds `limit` entries (never unbounded)."""
    entries: dict[Any, Any] = current_app.extensions.setdefault(store, {})
    full_key = (site().generation, key)
    if full_key not in entries:
        if len(entries) >= limit:
            entries.clear()
        entries[full_key] = make()
    found: T = entries[full_key]
    return found
