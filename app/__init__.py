"""The application factory: configuration, then each part registers itself."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import BaseConverter

from app import config
from app.export.freeze import init_app as init_freeze
from app.problems import ProblemsFound, errors_only
from app.settings import read_checked, site_settings
from app.settings.languages import served_languages
from app.settings.serving import refuse_debug_in_production
from app.site import Site
from app.web import cards, discovery, errors, i18n, pdf, policy, views
from app.web.assets import init_app as init_assets
from app.web.page_cache import init_app as init_page_cache


class SlugConverter(BaseConverter):
    """Lowercase ASCII words joined by hyphens: the only shape a slug can have."""

    regex = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def language_converter(languages: list[str]) -> type[BaseConverter]:
    """A converter matching only the configured languages (the routing whitelist)."""
    pattern = "|".join(sorted(languages, key=len, reverse=True))
    return type("LanguageConverter", (BaseConverter,), {"regex": f"(?:{pattern})"})


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the site; refuse to start when content or catalogs are broken."""
    app = policy.SiteFlask(__name__, root_path=str(config.PROJECT_ROOT), static_folder="static",
                           template_folder="templates")
    read_checked(app.config, test_config)  # a mistake: `settings.toml:LINE: ...`, no start
    refuse_debug_in_production(app.config)

    site = Site(site_settings(app.config), i18n.content_translations(app))
    problems = errors_only(site.load())
    if problems:
        raise ProblemsFound(problems)
    app.extensions["site"] = site
    # Every language is validated above; visitors get only the public ones (all, in preview).
    app.config["LANGUAGES"] = served_languages(app.config)
    if app.debug:
        app.before_request(lambda: _reload(app, site))

    app.url_map.converters["lang"] = language_converter(app.config["LANGUAGES"])
    app.url_map.converters["slug"] = SlugConverter
    i18n.init_app(app)
    views.init_app(app)
    errors.init_app(app)  # localized error pages
    discovery.init_app(app)
    cards.init_app(app)
    pdf.init_app(app)  # the press release as a tagged PDF in every language
    policy.init_app(app)
    init_assets(app)  # fingerprinted static URLs
    init_freeze(app)  # `flask freeze DIR`
    init_page_cache(app)  # last: the outermost layer (its checks, then pages from memory)
    return app


def _reload(app: Flask, site: Site) -> None:
    """In debug mode a saved content file or catalog shows on the next page load (a broken
    one shows as an error page naming its line, and in the log)."""
    problems = errors_only(site.refresh())
    if problems:
        app.logger.error("not reloaded:\n%s", ProblemsFound(problems))
        raise ProblemsFound(problems)
