"""Static files under fingerprinted names: `/static/site.<hash16>.css`, cached for a year.

Templates call `static_url("site.css")`, which gives the name with the first 16 hex digits of
the file's sha256: a changed file gets a new URL, so the old one may be cached forever
(`immutable`). Sixteen digits, so that no date or version in a file name (`report.20240101.pdf`)
looks like a fingerprint to nginx. The plain name keeps working, with the short cache of pages.
A fingerprint that is not the file's current one is a 404: an immutable URL never serves other
bytes. The ETag is the file's sha256 too, the same on every server (not its time and size).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from flask import Flask, Response, current_app, send_from_directory, url_for

IMMUTABLE = "public, max-age=31536000, immutable"
PLAIN = "public, max-age=300"
DIGITS = 16
FINGERPRINTED = re.compile(
    rf"(?P<stem>.+)\.(?P<digest>[0-9a-f]{{{DIGITS}}})(?P<suffix>\.[A-Za-z0-9]+)")


def fingerprint(path: Path) -> str:
    """The file's whole sha256 (names use its first DIGITS digits)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprinted_name(filename: str, digest: str) -> str:
    """`css/site.css` -> `css/site.<digest>.css` (a name without suffix gets it at the end)."""
    folder, _, name = filename.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    named = f"{stem}.{digest}.{suffix}" if dot and stem else f"{name}.{digest}"
    return f"{folder}/{named}" if folder else named


class Assets:
    """Fingerprints of the static folder's files, computed once (again on change in debug)."""

    def __init__(self, folder: str | Path, watch: bool = False):
        self.folder = Path(folder)
        self.watch = watch
        self.known: dict[str, tuple[int, str]] = {}  # name -> (mtime_ns, digest)

    def digest(self, filename: str) -> str | None:
        """The fingerprint in a file's name, None if the static folder has no such file."""
        found = self.sha256(filename)
        return found[:DIGITS] if found else None

    def etag(self, filename: str) -> str | None:
        """The file's ETag: its sha256, the same on every server."""
        return self.sha256(filename)

    def sha256(self, filename: str) -> str | None:
        found = self.known.get(filename)
        if found is not None and not self.watch:
            return found[1]
        path = self.folder / filename
        try:
            if not path.resolve().is_relative_to(self.folder.resolve()) or not path.is_file():
                return None
            stamp = path.stat().st_mtime_ns
        except (OSError, ValueError):
            return None
        if found is None or found[0] != stamp:
            found = (stamp, fingerprint(path))
            self.known[filename] = found
        return found[1]

    def url_name(self, filename: str) -> str:
        """The name to link to: fingerprinted when the file exists."""
        digest = self.digest(filename)
        return fingerprinted_name(filename, digest) if digest else filename

    def resolve(self, requested: str) -> tuple[str, bool]:
        """(file to send, immutable?) for a requested name, fingerprinted or plain."""
        match = FINGERPRINTED.fullmatch(requested)
        if match:
            plain = match["stem"] + match["suffix"]
            if self.digest(plain) == match["digest"]:
                return plain, True
        return requested, False


def static_url(filename: str) -> str:
    """Template helper: the fingerprinted URL of a static file."""
    return url_for("static", filename=current_app.extensions["assets"].url_name(filename))


def static_folder(app: Flask) -> str:
    """The app's static folder (the factory always sets one)."""
    if app.static_folder is None:
        raise RuntimeError("the app has no static folder")
    return app.static_folder


def send_static(filename: str) -> Response:
    """The `static` endpoint: fingerprinted names for a year, plain ones like pages."""
    real, immutable = current_app.extensions["assets"].resolve(filename)
    etag = current_app.extensions["assets"].etag(real)
    response = send_from_directory(static_folder(current_app), real,
                                   etag=etag if etag is not None else True)
    response.headers["Cache-Control"] = IMMUTABLE if immutable else PLAIN
    response.headers.pop("Expires", None)
    return response


def init_app(app: Flask) -> Assets:
    """Serve the static folder through `send_static`; give templates `static_url`."""
    assets = Assets(static_folder(app), watch=app.debug)
    app.extensions["assets"] = assets
    app.view_functions["static"] = send_static
    app.jinja_env.globals["static_url"] = static_url
    return assets
