"""Static files under fingerprinted names: `/static/site.<hash16>.css`, cached for a year.

Templates call `static_url("site.css")`, which gives the name with the first 16 hex digits of
the file's sha256: a changed file gets a new URL, so the old one may be cached forever
(`immutable`). Sixteen digits, so that no date or version in a file name (`report.20240101.pdf`)
looks like a fingerprint to nginx. The plain name keeps working, with the short cache of pages.
A fingerprint that is not the file's current one is a 404: an immutable URL never serves other
bytes. The ETag is the file's sha256 too, the same on every server (not its time and size).

`style.css` is built, not stored: the vendored DSFR subset and `site.css`, minified
(app/web/stylesheet.py). Text files (CSS, SVG) are compressed once, in memory, with the page
cache's codings, and served in the best one the browser accepts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, Response, current_app, request, send_from_directory, url_for

from app.web.dsfr import DSFR_FOLDER
from app.web.stylesheet import build as build_stylesheet
from app.web.variants import CODINGS, choose_coding, compress

IMMUTABLE = "public, max-age=31536000, immutable"
PLAIN = "public, max-age=300"
DIGITS = 16
FINGERPRINTED = re.compile(
    rf"(?P<stem>.+)\.(?P<digest>[0-9a-f]{{{DIGITS}}})(?P<suffix>\.[A-Za-z0-9]+)")
# Served compressed: text that is not already (fonts and PNG images are).
TEXT_TYPES = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml; charset=utf-8"}
STYLESHEET = "style.css"
Stamps = tuple[tuple[str, int], ...]  # (path, mtime_ns) of the files a built one depends on


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
    """Fingerprints of the static folder's files, computed once (again on change in debug),
    and the files built from them (`built`: name -> function of this object giving bytes)."""

    def __init__(self, folder: str | Path, watch: bool = False,
                 built: dict[str, Callable[[Assets], bytes]] | None = None):
        self.folder = Path(folder)
        self.watch = watch
        self.built = built or {}
        self.known: dict[str, tuple[int, str]] = {}  # name -> (mtime_ns, digest)
        self.made: dict[str, tuple[Stamps, bytes, str]] = {}  # built name -> (stamps, bytes, sha)
        self.packed: dict[tuple[str, str], bytes] = {}  # (sha256, coding) -> compressed bytes

    def _stamps(self) -> Stamps:
        """What a built file depends on: every file of the folder, by time (debug only)."""
        if not self.watch:
            return ()
        return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in self.folder.rglob("*")
                            if p.is_file()))

    def built_bytes(self, filename: str) -> bytes:
        stamps = self._stamps()
        found = self.made.get(filename)
        if found is None or found[0] != stamps:
            data = self.built[filename](self)
            found = (stamps, data, hashlib.sha256(data).hexdigest())
            self.made[filename] = found
        return found[1]

    def digest(self, filename: str) -> str | None:
        """The fingerprint in a file's name, None if the static folder has no such file."""
        found = self.sha256(filename)
        return found[:DIGITS] if found else None

    def etag(self, filename: str) -> str | None:
        """The file's ETag: its sha256, the same on every server."""
        return self.sha256(filename)

    def sha256(self, filename: str) -> str | None:
        if filename in self.built:
            self.built_bytes(filename)
            return self.made[filename][2]
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


    def text(self, filename: str) -> bytes | None:
        """The bytes of a text file (built or stored) to compress; None for other files."""
        if filename in self.built:
            return self.built_bytes(filename)
        if Path(filename).suffix in TEXT_TYPES and self.sha256(filename) is not None:
            return (self.folder / filename).read_bytes()
        return None

    def modified(self, filename: str) -> float | None:
        """When a stored file last changed (a built one has no such date)."""
        return None if filename in self.built else (self.folder / filename).stat().st_mtime

    def encoded(self, data: bytes, sha256: str, coding: str) -> bytes:
        """`data` in `coding`, compressed once per content (deterministic bytes)."""
        key = (sha256, coding)
        if key not in self.packed:
            packed = compress(data, coding)
            self.packed[key] = packed if len(packed) < len(data) else data
        return self.packed[key]


def static_url(filename: str) -> str:
    """Template helper: the fingerprinted URL of a static file."""
    return url_for("static", filename=current_app.extensions["assets"].url_name(filename))


def static_folder(app: Flask) -> str:
    """The app's static folder (the factory always sets one)."""
    if app.static_folder is None:
        raise RuntimeError("the app has no static folder")
    return app.static_folder


def send_text(assets: Assets, filename: str, data: bytes) -> Response:
    """A text file from memory, compressed as the browser accepts; ranges are for files."""
    coding = choose_coding(request.headers.get("Accept-Encoding"), CODINGS)
    sha256 = assets.sha256(filename) or hashlib.sha256(data).hexdigest()
    body = data if coding == "identity" else assets.encoded(data, sha256, coding)
    response = Response(body, content_type=TEXT_TYPES.get(Path(filename).suffix, "text/plain"))
    response.vary.add("Accept-Encoding")
    if body is not data:
        response.headers["Content-Encoding"] = coding
        sha256 = f"{sha256}-{coding}"  # another representation, another strong validator
    response.set_etag(sha256)
    modified = assets.modified(filename)
    if modified is not None:
        response.last_modified = datetime.fromtimestamp(int(modified), UTC)
    response.make_conditional(request)
    return response


def send_static(filename: str) -> Response:
    """The `static` endpoint: fingerprinted names for a year, plain ones like pages."""
    assets: Assets = current_app.extensions["assets"]
    real, immutable = assets.resolve(filename)
    data = None if "Range" in request.headers and real not in assets.built else assets.text(real)
    if data is not None:
        response = send_text(assets, real, data)
    else:
        etag = assets.etag(real)
        response = send_from_directory(static_folder(current_app), real,
                                       etag=etag if etag is not None else True)
    response.headers["Cache-Control"] = IMMUTABLE if immutable else PLAIN
    response.headers.pop("Expires", None)
    return response


def init_app(app: Flask) -> Assets:
    """Serve the static folder through `send_static`; give templates `static_url`."""
    assets = Assets(static_folder(app), watch=app.debug,
                    built={STYLESHEET: lambda own: build_stylesheet(own.folder, own.url_name)})
    app.extensions["assets"] = assets
    app.view_functions["static"] = send_static
    app.jinja_env.globals.update(static_url=static_url, dsfr=DSFR_FOLDER)
    return assets
