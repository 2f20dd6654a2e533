"""The export's file twins and times, for nginx's `gzip_static` and `brotli_static`.

Each text file gets pre-compressed `.gz` and `.br` twins (the bytes the app sends), each when
smaller than the file, and every file a modification time derived from its content, so that
nginx's ETag (time and size) is the same on every server and changes only with the bytes.

Brotli at quality 11 costs about 10 ms a page: a text file whose bytes are the previous
export's keeps that export's twins (hard-linked, not compressed again), so a daily export
compresses only what changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from app.web.variants import compress

# Suffixes of text files, which get a `.gz` and a `.br` twin.
TEXT_SUFFIXES = (".html", ".css", ".js", ".svg", ".xml", ".txt", ".ics", ".json")
# Twin suffix -> content coding: nginx's gzip_static and brotli_static read these names.
TWINS = {".gz": "gzip", ".br": "br"}
EPOCH = 1_000_000_000  # file times: 2001-09-09 plus up to 8.5 years, from the content


def twin(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def link(source: Path, target: Path) -> None:
    """`target` as a second name of `source` (a copy where the file system has no links)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def reuse_twins(path: Path, data: bytes, earlier: Path) -> bool | None:
    """Give `path` the twins of `earlier` when it holds the same bytes: whether it has twins
    then, or None when `earlier` differs (its twins would be wrong)."""
    try:
        if earlier.stat().st_size != len(data) or earlier.read_bytes() != data:
            return None
    except OSError:  # no such file in the previous export
        return None
    twinned = False
    for suffix in TWINS:
        if twin(earlier, suffix).is_file():
            link(twin(earlier, suffix), twin(path, suffix))
            twinned = True
    return twinned


def make_twins(path: Path, data: bytes) -> bool:
    """Write the twins of `path` smaller than it; whether any was."""
    twinned = False
    for suffix, coding in TWINS.items():
        packed = compress(data, coding)
        if len(packed) < len(data):
            twin(path, suffix).write_bytes(packed)
            twinned = True
    return twinned


def compress_text_files(destination: Path, previous: Path | None = None) -> tuple[int, int]:
    """Twins of each text file of `destination`, those of an unchanged file taken from the
    `previous` export: (files that got twins, files whose twins were reused)."""
    count = reused = 0
    for path in sorted(destination.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        data = path.read_bytes()
        kept = None
        if previous is not None:
            kept = reuse_twins(path, data, previous / path.relative_to(destination))
        if kept is None:
            kept = make_twins(path, data)
        else:
            reused += 1
        count += kept
    return count, reused


def content_times(destination: Path) -> None:
    """Each file's time from its bytes (a twin takes its original's, as nginx wants)."""
    for path in destination.rglob("*"):
        if path.is_file() and path.suffix not in TWINS:
            digest = hashlib.sha256(path.read_bytes()).digest()
            stamp = EPOCH + int.from_bytes(digest[:4], "big") % (2**28)
            os.utime(path, (stamp, stamp))
            for suffix in TWINS:
                if twin(path, suffix).is_file():
                    os.utime(twin(path, suffix), (stamp, stamp))
