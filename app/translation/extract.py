"""Babel extractor for content files: front-matter fields and one entry per markdown block."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from app.content.front_matter import build_page
from app.content.markup import parse_body
from app.content.sources import read_source
from app.translation.segments import page_segments

NO_LIMIT = 1 << 40


def extract_content(fileobj: IO[bytes], keywords: Mapping[str, object],
                    comment_tags: Collection[str], options: Mapping[str, Any],
                    ) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Yield (line, 'pgettext', (msgctxt, msgid), [comment]) for each segment of a post.

    Broken files yield nothing here; `flask content check` reports them.
    """
    path = Path(fileobj.name)
    source, _ = read_source(path, NO_LIMIT)
    if source is None:
        return
    page, _ = build_page(source, path, options.get("timezone", "Europe/Paris"))
    if page is None:
        return
    document = parse_body(page.body, page.body_line)
    for msgctxt, segment, comment in page_segments(page, document):
        yield segment.line, "pgettext", (msgctxt, segment.text), [comment]
