"""Exports side by side, switched atomically, the previous one kept for a rollback.

`flask freeze DIR` writes each export into a new folder of `DIR.exports/` and then points
`DIR` (a symbolic link) at it with one `rename(2)`: a server reading `DIR` sees the old
export or the new one, never a half-written or empty folder. An export that fails is deleted
and `DIR` is left as it was. The export that was live before stays, for `flask freeze
--rollback DIR`; older ones are deleted.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import click

# A previous export has these at its root: only such a folder is taken over.
EXPORT_MARKS = ("index.html", "robots.txt", "sitemap.xml")


class ExportError(click.ClickException):
    """The export cannot be written where asked."""


def releases(live: Path) -> Path:
    """`site` -> `site.exports`, beside it (same file system: the switch is a rename)."""
    return live.with_name(live.name + ".exports")


def is_export(folder: Path) -> bool:
    return all((folder / name).is_file() for name in EXPORT_MARKS)


def adopt(live: Path) -> None:
    """Make `live` a link: a folder holding an export of the time before links is moved into
    the releases (one rename, then the link: the only moment `live` is missing)."""
    if live.is_symlink() or not live.exists():
        return
    if not live.is_dir():
        raise ExportError(f"{live} is not a folder")
    if any(live.iterdir()) and not is_export(live):
        raise ExportError(f"{live} is not empty and holds no previous export: "
                          "give an empty or new folder")
    if not any(live.iterdir()):
        live.rmdir()
        return
    target = releases(live) / "adopted"
    target.parent.mkdir(parents=True, exist_ok=True)
    os.rename(live, target)
    live.symlink_to(target.relative_to(live.parent))


def new_release(live: Path) -> Path:
    """An empty folder for the next export, named by time so that names sort by age."""
    folder = releases(live) / f"{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 10**9:09d}"
    folder.mkdir(parents=True)
    return folder


def current(live: Path) -> Path | None:
    return live.resolve() if live.is_symlink() else None


def switch(live: Path, release: Path) -> None:
    """Point `live` at `release` atomically (a new link renamed over the old one)."""
    temporary = live.with_name(f".{live.name}.switch-{os.getpid()}")
    if temporary.is_symlink():
        temporary.unlink()
    temporary.symlink_to(release.relative_to(live.parent))
    os.replace(temporary, live)


def keep_two(live: Path, previous: Path | None) -> None:
    """Delete every release but the live one and the one it replaced."""
    keep = {current(live), previous}
    for folder in releases(live).iterdir():
        if folder.resolve() in keep:
            continue
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder)
        else:
            folder.unlink()


def rollback(live: Path) -> Path:
    """Point `live` back at the export it replaced; return that export's folder."""
    now = current(live)
    folder = releases(live)
    others = sorted(p for p in folder.iterdir() if p.is_dir() and p.resolve() != now) \
        if folder.is_dir() else []
    if now is None or not others:
        raise ExportError(f"{live}: no previous export to go back to")
    switch(live, others[-1])
    return others[-1]
