"""The site of the running app: content, catalogs and addresses, loaded by the factory."""

from __future__ import annotations

from flask import current_app

from app.site import Site


def site() -> Site:
    """The `Site` the factory registered on the current app."""
    loaded: Site = current_app.extensions["site"]
    return loaded
