"""The whole site in memory: announcements, catalogs and every page's address per language."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from babel.support import NullTranslations

from app.content.announcements import ParsedAnnouncement, content_files, load_announcements
from app.content.model import Announcement
from app.content.rendering import Renderer
from app.problems import Problem
from app.settings import Settings
from app.translation.catalogs import Catalogs, ContentCatalog
from app.translation.local_page import LocalizedPage
from app.translation.localize import localize

STATIC_PREFIX = "/static/"
# Pages every language has besides the announcements, in the order of the site map.
STATIC_PAGES = ("statement", "legal", "sitemap")


@dataclass(frozen=True)
class PageKey:
    """What a page is, independently of its language: ('home'|'statement'|..., slug)."""

    kind: str
    slug: str = ""


def static_slugs(ui: NullTranslations) -> dict[str, str]:
    """The address of each fixed page in the language of `ui` (translators may change it)."""
    # Translators: page addresses; lowercase ASCII words joined by hyphens only.
    return {
        "statement": str(ui.pgettext("slug", "accessibilite")),
        # Translators: address of the legal notice; lowercase ASCII words and hyphens only.
        "legal": str(ui.pgettext("slug", "mentions-legales")),
        # Translators: address of the sitemap; lowercase ASCII words and hyphens only.
        "sitemap": str(ui.pgettext("slug", "plan-du-site")),
    }


def reserved_slugs(pages: list[Announcement], slugs: dict[str, dict[str, str]]) -> list[Problem]:
    """Announcements whose slug is the address of a fixed page in some language."""
    fixed = {slug: (lang, kind) for lang, kinds in slugs.items() for kind, slug in kinds.items()}
    return [
        Problem(page.path, page.lines.get("slug", 1),
                f"slug {page.slug!r} is the address of the {fixed[page.slug][1]} page in "
                f"{fixed[page.slug][0]} (add slug: another-name)")
        for page in pages if page.slug in fixed
    ]


# The compiled content catalog of a language: on the site, Flask-Babel's `content` domain
# (given by the web layer: the domain never imports Flask).
ContentTranslations = Callable[[str], NullTranslations]


class Site:
    """Content and catalogs loaded together; a page in a language is built once, then kept."""

    def __init__(self, settings: Settings, content_translations: ContentTranslations):
        self.settings = settings
        self.content_translations = content_translations
        self.source = settings.languages[0]
        self.catalogs = Catalogs(settings.translations_dir, list(settings.languages),
                                 settings.in_progress)
        self.announcements: dict[str, ParsedAnnouncement] = {}
        self.order: list[str] = []
        self.slugs: dict[str, dict[str, str]] = {}
        self.stamps: dict[Path, int] = {}
        self.cache: dict[tuple[str, str], LocalizedPage] = {}
        self.lock = threading.Lock()
        self.renderer = Renderer(self.source)

    def load(self) -> list[Problem]:
        """Read content and catalogs; on any error keep the previous state and return all."""
        settings = self.settings
        stamps = self._stamps()  # before reading: a file saved meanwhile is read again
        announcements, problems = load_announcements(
            settings.content_dir, settings.timezone, settings.max_bytes)
        problems += self.catalogs.load()
        slugs = {lang: static_slugs(self.ui(lang)) for lang in settings.languages}
        problems += reserved_slugs([a.announcement for a in announcements], slugs)
        if any(not p.warning for p in problems):
            return problems
        with self.lock:
            self.announcements = {a.announcement.slug: a for a in announcements}
            self.order = [a.announcement.slug for a in announcements]
            self.slugs = slugs
            self.cache, self.generation = {}, self.generation + 1  # see `generation`
            self.stamps = stamps
        return problems

    def _stamps(self) -> dict[Path, int]:
        files = content_files(self.settings.content_dir)
        return {path: path.stat().st_mtime_ns for path in files}

    def refresh(self) -> list[Problem]:
        """Reload when a content file or a catalog changed (used in debug mode)."""
        if self.catalogs.changed() or self._stamps() != self.stamps:
            return self.load()
        return []

    def translated_ui(self, lang: str, message: str) -> bool:
        """Whether the interface string `message` has a reviewed translation in `lang`."""
        return lang == self.source or message in self.catalogs.done.get(lang, ())

    def ui(self, lang: str) -> NullTranslations:
        """The interface translations of `lang` (the source language needs none)."""
        return self.catalogs.ui.get(lang, self.catalogs.ui[self.source])

    def local(self, slug: str, lang: str) -> LocalizedPage | None:
        """An announcement in `lang`, built on first use; None if there is no such slug."""
        key = (lang, slug)
        found = self.cache.get(key)
        if found is not None:
            return found
        announcement = self.announcements.get(slug)
        if announcement is None:
            return None
        with self.lock:
            # Translators: said after a link that opens a new window, in parentheses.
            note = self.ui(lang).gettext("s’ouvre dans une nouvelle fenêtre")
            catalog = ContentCatalog() if lang == self.source else ContentCatalog(
                self.catalogs.content[lang], self.content_translations(lang))
            found = localize(announcement.announcement, announcement.document, lang, catalog,
                             self.renderer, note, self.settings.translator_preview,
                             self.size_of)
            self.cache[key] = found
        return found

    def size_of(self, href: str) -> int | None:
        """The size of a linked file the site serves itself (/static/...), else None."""
        if not self.settings.files_dir or not href.startswith(STATIC_PREFIX):
            return None
        root = Path(self.settings.files_dir).resolve()
        path = (root / href[len(STATIC_PREFIX):].split("?")[0]).resolve()
        return path.stat().st_size if path.is_relative_to(root) and path.is_file() else None

    def visible(self, local: LocalizedPage) -> bool:
        """Whether visitors may see this page: published (or previewed) and translated."""
        return (local.source.published or self.settings.preview) and local.available

    def listing(self, lang: str) -> list[LocalizedPage]:
        """The announcements shown in `lang`, newest first."""
        return list(self._shown(lang))

    def latest(self, lang: str, count: int) -> list[LocalizedPage]:
        """The `count` newest announcements shown in `lang` (only they are built)."""
        return list(islice(self._shown(lang), count))

    def _shown(self, lang: str) -> Iterator[LocalizedPage]:
        pages = (self.local(slug, lang) for slug in self.order)
        return (page for page in pages if page is not None and self.visible(page))

    def resolve(self, lang: str, slug: str) -> tuple[PageKey, LocalizedPage | None] | None:
        """What `slug` names in `lang`: a fixed page, an announcement, or nothing (None)."""
        for kind, own in self.slugs[lang].items():
            if own == slug:
                return PageKey(kind), None
        local = self.local(slug, lang)
        if local is None or not self.visible(local):
            return None
        return PageKey("announcement", slug), local

    def slug_in(self, key: PageKey, lang: str) -> str | None:
        """The slug of page `key` in `lang` ('' for home), or None where it does not exist."""
        if key.kind == "home":
            return ""
        if key.kind in STATIC_PAGES:
            return self.slugs[lang][key.kind]
        local = self.local(key.slug, lang)
        return key.slug if local is not None and self.visible(local) else None

    # Counts successful loads: whatever was built from an older generation (the page cache of
    # app/cache.py) is stale once it changes. (Declared last: the catalogs' references to the
    # lines above stay put.)
    generation = 0
