"""The application factory: configuration, then each part registers itself."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import BaseConverter

from app import config
from app.export.freeze import init_app as init_freeze
from app.problems import ProblemsFound, errors_only
from app.settings import (
    check_accessibility,
    check_languages,
    check_translator_preview,
    read_config,
    refuse_debug_in_production,
    site_settings,
    trusted_hosts,
)
from app.site import Site
from app.web import discovery, i18n, pdf, policy, views
from app.web.assets import init_app as init_assets
from app.web.page_cache import init_app as init_page_cache


class SlugConverter(BaseConverter):
    """Lowercase ASCII words joined by hyphens: the only shape a slug can have."""

    regex = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def language_converter(languages: list[str]) -> type[BaseConverter]:
    """A converter matching only the configured languages (the routing whitelist)."""
    pattern = "|".join(sorted(languages, key=len, reverse=True))
    return type("LanguageConverter", (BaseConverter,), {"regex": f"(?:{pattern})"})


def create_app(test_config: dict | None = None) -> Flask:
    """Create the site; refuse to start when content or catalogs are broken."""
    app = policy.SiteFlask(__name__, root_path=str(config.PROJECT_ROOT), static_folder="static",
                           template_folder="templates")
    read_config(app.config)
    if test_config:
        app.config.update(test_config)
    refuse_debug_in_production(app.config)
    app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)
    check_languages(app.config["LANGUAGES"])
    check_accessibility(app.config)
    check_translator_preview(app.config)

    site = Site(site_settings(app.config))
    problems = errors_only(site.load())
    if problems:
        raise ProblemsFound(problems)
    app.extensions["site"] = site
    if app.debug:
        app.before_request(lambda: _reload(site))

    app.url_map.converters["lang"] = language_converter(app.config["LANGUAGES"])
    app.url_map.converters["slug"] = SlugConverter
    i18n.init_app(app)
    views.init_app(app)
    discovery.init_app(app)
    pdf.init_app(app)  # the press release as a tagged PDF in every language
    policy.init_app(app)
    init_assets(app)  # fingerprinted static URLs
    init_freeze(app)  # `flask freeze DIR`
    init_page_cache(app)  # last: serves known pages below everything else
    policy.guard(app)  # outermost: refused requests skip the cache and get Flask's error page
    return app


def _reload(site: Site) -> None:
    """In debug mode a saved content file or catalog shows on the next page load."""
    problems = errors_only(site.refresh())
    if problems:
        raise ProblemsFound(problems)
