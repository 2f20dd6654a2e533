"""`flask content ...` and `flask i18n ...`: they run without the app, so work on broken files."""

from __future__ import annotations

import json

import click
from flask import Config

from app.content.announcements import check_rendering, load_announcements
from app.content.lint import lint
from app.content.rendering import Renderer
from app.problems import Problem
from app.settings import read_config, site_settings
from app.site import reserved_slugs, static_slugs
from app.translation import progress, tooling
from app.translation.catalogs import Catalogs


def settings():
    """The site's settings as `create_app` reads them, without creating the app."""
    config = Config(".")
    read_config(config)
    return site_settings(config)


def report(problems: list[Problem], what: str) -> None:
    """Print every problem, then a count; exit 1 when any is an error."""
    for problem in sorted(problems):
        click.echo(str(problem))
    errors = sum(1 for p in problems if not p.warning)
    warnings = len(problems) - errors
    click.echo(f"{what}: {errors} error(s), {warnings} warning(s)", err=True)
    if errors:
        raise SystemExit(1)


@click.group()
def content() -> None:
    """Check the announcements of content/."""


@content.command("check")
def content_check() -> None:
    """List every problem of every content file as path:line: message; exit 1 on errors."""
    found = settings()
    announcements, problems = load_announcements(
        found.content_dir, found.timezone, found.max_bytes)
    for announcement in announcements:
        problems += lint(announcement)
    problems += check_rendering(announcements, Renderer(found.languages[0]))
    catalogs = Catalogs(found.translations_dir, list(found.languages))
    catalogs.load()  # their own problems are `flask i18n check`'s; the slugs are needed here
    slugs = {lang: static_slugs(catalogs.ui.get(lang, catalogs.ui[catalogs.source]))
             for lang in found.languages}
    problems += reserved_slugs([a.announcement for a in announcements], slugs)
    report(problems, f"{len(announcements)} announcement(s) read")


@click.group()
def i18n() -> None:
    """Translator commands: extract, update, init, compile, check."""


@i18n.command("extract")
def extract() -> None:
    """Regenerate translations/messages.pot and translations/content.pot from the sources."""
    for path, count in tooling.extract_all(settings()):
        click.echo(f"{path}: {count} message(s)")


@i18n.command("update")
def update() -> None:
    """Merge the templates into every language's catalogs (fuzzy + previous text on change)."""
    for path in tooling.update_all(settings()):
        click.echo(f"updated {path}")


@i18n.command("init")
@click.argument("lang")
def init(lang: str) -> None:
    """Start the catalogs of a new language LANG (also add it to LANGUAGES)."""
    for path in tooling.init_language(settings(), lang):
        click.echo(f"created {path}")


@i18n.command("compile")
def compile_catalogs() -> None:
    """Nothing to build: the site reads the .po files; this checks that they compile."""
    report(tooling.compile_check(settings()), "catalogs")


@i18n.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def status(as_json: bool) -> None:
    """Per language: translated, fuzzy, untranslated (entries and words), pages, fuzzy diffs."""
    found = settings()
    announcements, _ = load_announcements(found.content_dir, found.timezone, found.max_bytes)
    result = [progress.language_progress(found, lang, announcements)
              for lang in found.languages[1:]]
    if as_json:
        click.echo(json.dumps(progress.as_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(progress.as_text(result))


@i18n.command("check")
def check() -> None:
    """The CI gate: catalogs parse, templates are current, the interface is fully translated."""
    report(tooling.check_all(settings()), "catalogs")
