"""`flask content ...` and `flask i18n ...`: they run without the app, so work on broken files."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import Config

from app.content.announcements import check_rendering, load_announcements
from app.content.lint import lint
from app.content.rendering import Renderer
from app.problems import Problem, ProblemsFound, display_path, errors_only
from app.settings import Settings, read_checked, site_settings
from app.settings.languages import add_language, check_languages
from app.site import reserved_slugs, static_slugs
from app.translation import merge, pot, progress, tooling
from app.translation.catalogs import Catalogs
from app.translation.pofiles import DOMAINS, catalog_path, read_catalog


def read_settings() -> Config:
    """The configuration as `create_app` reads it (settings.toml, FLASK_*), without the app."""
    config = Config(".")
    read_checked(config)  # a mistake: `settings.toml:LINE: ...` and exit 1, as `flask run`
    return config


def settings() -> Settings:
    """The site's settings as `create_app` reads them, without creating the app."""
    return site_settings(read_settings())


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
    catalogs = Catalogs(found.translations_dir, list(found.languages), found.in_progress)
    catalogs.load(write=False)  # their problems are `i18n check`'s; the slugs are needed here
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
    for path, count in pot.extract_all(settings()):
        click.echo(f"{path}: {count} message(s)")


@i18n.command("update")
def update() -> None:
    """Merge the templates into every language's catalogs (fuzzy + previous text on change)."""
    try:
        updated = merge.update_all(settings())
    except ProblemsFound as error:
        report(error.problems, "catalogs not updated, nothing written")
        return
    for path in updated:
        click.echo(f"updated {path}")


@i18n.command("init")
@click.argument("lang")
def init(lang: str) -> None:
    """Start a new language LANG: its catalogs, and LANG in settings.toml, in progress."""
    config = read_settings()
    try:
        check_languages([*config["LANGUAGES"], lang] if lang not in config["LANGUAGES"]
                        else config["LANGUAGES"])
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    for path in tooling.init_language(site_settings(config), lang,
                                       config["ACCESSIBILITY"]["contact_email"]):
        click.echo(f"created {path}")
    if add_language(Path(config["SETTINGS_FILE"]), lang):
        click.echo(f"{display_path(config['SETTINGS_FILE'])}: added {lang}, in progress "
                   f"(delete its line under [LANGUAGE_STATUS] to make it public)")


@i18n.command("compile")
def compile_catalogs() -> None:
    """Validate every catalog as the site does, then write the .mo files the site reads."""
    report(tooling.compile_all(settings()), "catalogs")


@i18n.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def status(as_json: bool) -> None:
    """Per language: translated, fuzzy, untranslated (entries and words), pages, fuzzy diffs."""
    found = settings()
    problems = errors_only([
        problem for lang in found.languages[1:] for domain in DOMAINS
        for problem in read_catalog(catalog_path(found.translations_dir, lang, domain), lang,
                                    domain)[1]])
    if problems:
        report(problems, "catalogs that cannot be counted")
    announcements, _ = load_announcements(found.content_dir, found.timezone, found.max_bytes)
    result = [progress.language_progress(found, lang, announcements)
              for lang in found.languages[1:]]
    if as_json:
        click.echo(json.dumps(progress.as_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(progress.as_text(result))


@i18n.command("check")
def check() -> None:
    """The CI gate: the validation of start-up, templates current, msgfmt agrees."""
    report(tooling.check_all(settings()), "catalogs")
