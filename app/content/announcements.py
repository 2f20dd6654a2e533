"""All announcements of content/, loaded and checked together, newest first."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.content.front_matter import load_page
from app.content.markup import Document, parse_body
from app.content.model import Announcement
from app.content.rendering import Renderer
from app.problems import Problem, display_path

SUFFIXES = {".md", ".markdown"}


@dataclass(frozen=True)
class ParsedAnnouncement:
    """An announcement and its body cut into segments."""

    announcement: Announcement
    document: Document


def content_files(directory: str | Path) -> list[Path]:
    """Every content file below `directory`, in a stable order."""
    root = Path(directory)
    return sorted(
        path for path in root.rglob("*")
        if path.suffix.lower() in SUFFIXES and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )


def load_announcements(
    directory: str | Path, zone: str, max_bytes: int
) -> tuple[list[ParsedAnnouncement], list[Problem]]:
    """Load every file; return the announcements (newest first) and all problems found."""
    problems: list[Problem] = []
    if not Path(directory).is_dir():
        shown = display_path(directory)
        return [], [Problem(shown, 0, "content folder not found (set FLASK_CONTENT_DIR)")]
    by_slug: dict[str, Announcement] = {}
    announcements = []
    for path in content_files(directory):
        document = None
        try:
            page, found = load_page(path, zone, max_bytes)
            if page is not None:
                document = parse_body(page.body, page.body_line)
        except Exception as error:  # a bug of ours must not hide the other files' problems
            shown = display_path(path)
            page, found = None, [Problem(shown, 1, f"cannot read: {error!r} (report this bug)")]
        problems += found
        if page is None or document is None:
            continue
        if page.slug in by_slug:
            other = by_slug[page.slug]
            line = page.lines.get("slug", 1)
            problems.append(Problem(page.path, line, f"slug {page.slug!r} is also the slug of "
                                    f"{other.path} (rename one file or add slug: other-name)"))
            continue
        by_slug[page.slug] = page
        announcements.append(ParsedAnnouncement(page, document))
    announcements.sort(key=lambda a: (a.announcement.sort_key, a.announcement.slug), reverse=True)
    return announcements, problems


class RenderingTooSlow(Exception):
    """A body took longer than the time bound of `flask content check`."""


@contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Stop the work inside after `seconds` (a timer signal: the main thread of a command
    only; elsewhere, as in a server thread, no bound is set)."""
    if threading.current_thread() is not threading.main_thread() or \
            not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise RenderingTooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_rendering(announcements: list[ParsedAnnouncement], renderer: Renderer,
                    slow_seconds: float = 2.0, limit_seconds: float = 20.0) -> list[Problem]:
    """Render every body and chapeau once, so a post that cannot render (or renders slowly) is
    found by `flask content check` before a visitor finds it; a file gets `limit_seconds`."""
    problems = []
    for parsed in announcements:
        page = parsed.announcement
        started = time.perf_counter()
        try:
            with time_bound(limit_seconds):
                renderer.render_document(parsed.document, lambda segment: (segment.text, False))
                if page.chapeau:
                    renderer.render_text(page.chapeau, False)
        except RenderingTooSlow:
            problems.append(Problem(page.path, page.body_line, f"takes more than "
                                    f"{limit_seconds:g} s to render, stopped (split its longest "
                                    "paragraphs, or report this bug with the file)"))
            continue
        except Exception as error:  # a bug of ours: said with the file, never a traceback
            problems.append(Problem(page.path, page.body_line, f"cannot be rendered: {error!r} "
                                    "(report this bug, with the file)"))
            continue
        spent = time.perf_counter() - started
        if spent > slow_seconds:
            problems.append(Problem(page.path, page.body_line, f"takes {spent:.1f} s to render "
                                    "(split its longest paragraphs)", warning=True))
    return problems
