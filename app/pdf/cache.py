"""PDFs kept on disk by what they are made from, so that a build reuses every unchanged one.

The key is a SHA-256 of the print HTML (rendered for a fixed stand-in day, so that the
generation date alone never invalidates a PDF), the URL it is rendered at, and the renderer:
WeasyPrint's and pikepdf's versions and the source of this package (a change in how PDFs are
post-processed makes new ones). A PDF taken from the cache says the day it was made, which
is true: the same content on a later day would give the same PDF but for that date.
Written atomically (a temporary file renamed), so that processes sharing the folder (server
workers, an export) never read half a file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path

SUFFIX = ".pdf"


@cache
def renderer() -> str:
    """What makes the PDFs besides their HTML: library versions and this package's code."""
    digest = hashlib.sha256()
    for package in ("weasyprint", "pikepdf"):
        digest.update(f"{package} {version(package)}\n".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\n" + source.read_bytes())
    return digest.hexdigest()


def pdf_key(html: str, base_url: str) -> str:
    """The cache key of the PDF of `html` rendered at `base_url`."""
    digest = hashlib.sha256(renderer().encode())
    for part in (base_url, html):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


class PdfCache:
    """A folder of PDFs named by their key (`ab/abcdef....pdf`)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / (key + SUFFIX)

    def get(self, key: str) -> bytes | None:
        """The PDF kept under `key`, or None."""
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def __contains__(self, key: str) -> bool:
        return self.path(key).is_file()

    def size(self, key: str) -> int:
        """The size in bytes of the PDF kept under `key`."""
        return self.path(key).stat().st_size

    def put(self, key: str, data: bytes) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def prune(self, keep: set[str]) -> int:
        """Delete every PDF whose key is not in `keep` (content gone or changed, another
        renderer); return how many."""
        removed = 0
        for path in self.folder.glob(f"*/*{SUFFIX}"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
