"""Reading the front matter of one content file into an `Announcement`, problems with lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.content import fields
from app.content.model import Announcement
from app.content.reader import Reader
from app.content.sources import Source, read_source
from app.content.values import (
    DATE_PREFIX,
    SLUG,
    slug_from_filename,
)
from app.problems import Problem


def build_page(source: Source, path: Path, zone: str) -> tuple[Announcement | None, list[Problem]]:
    """Turn a Source into a Announcement, checking every field."""
    reader = Reader(source, zone)
    reader.index()
    title = reader.text("title")
    if not title:
        reader.problem(reader.nodes.get("title"), "title: missing (add title: 'Your title')")

    when = reader.moment("date")
    if reader.is_null(reader.nodes.get("date")):
        match = DATE_PREFIX.match(path.name)
        if match:
            try:
                when = date(*(int(part) for part in match.groups()))
            except ValueError:
                reader.problem(None, f"date: file name starts with an impossible date "
                                     f"({match.group(0)[:-1]!r}; correct it)")
        else:
            reader.problem(None, "date: missing, the post is listed as undated after the dated "
                                 "ones (add date: YYYY-MM-DD HH:MM:SS +02:00)", warning=True)

    slug = reader.text("slug") or slug_from_filename(path)
    if not SLUG.fullmatch(slug):
        node = reader.nodes.get("slug")
        reader.problem(node, f"slug: {slug!r} is not lowercase ASCII words joined by hyphens "
                             "(add slug: my-announcement)")

    entities = reader.items_with_lines("entites")
    page = Announcement(
        path=source.path,
        slug=slug,
        title=title,
        date=when,
        published=reader.flag("published", True),
        chapeau=reader.text("chapeau-text", markdown=True),
        body=source.body,
        body_line=source.body_line,
        lines=reader.lines,
        subtitle=reader.text("sous-titre"),
        author=reader.text("auteur"),
        categories=reader.texts("categories") or reader.texts("categorie"),
        tags=reader.texts("tags"),
        images=fields.images(reader),
        files=fields.files(reader),
        contact=fields.contact(reader),
        event=fields.event(reader),
        facts=fields.facts(reader),
        access=fields.access(reader),
        press_release=fields.press_release(reader),
        entities=tuple(text for text, _ in entities),
        entity_lines=tuple(line for _, line in entities),
        unknown=reader.unknown(),
        updated=reader.moment("last_modified_at"),
    )
    if any(not p.warning for p in reader.problems):
        return None, reader.problems
    return page, reader.problems


def load_page(path: Path, zone: str, max_bytes: int) -> tuple[Announcement | None, list[Problem]]:
    """Read one content file; return its Announcement (None when broken) and every problem."""
    source, problems = read_source(path, max_bytes)
    if source is None:
        return None, problems
    page, more = build_page(source, path, zone)
    problems += more
    if any(not p.warning for p in problems):
        return None, problems
    return page, problems
