"""The pinned DSFR (the State's design system, npm `@gouvfr/dsfr`) and the subset the site uses.

bin/vendor-dsfr copies that subset from the package (node/package-lock.json) into
static/dsfr/<version>/, byte for byte; tests/web/test_stylesheet.py checks it. Nothing here
imports anything: the script runs with any Python.
"""

from __future__ import annotations

# The pinned DSFR (npm @gouvfr/dsfr, node/package-lock.json) and the subset the site uses,
# copied byte for byte into static/dsfr/<version>/ by bin/vendor-dsfr.
DSFR_VERSION = "1.15.3"
DSFR_FOLDER = f"dsfr/{DSFR_VERSION}"
# The DSFR stylesheets the templates use ("main": without the legacy-browser part), in the
# DSFR's own order, core first.
DSFR_STYLESHEETS = (
    "core/core.main.min.css",
    "scheme/scheme.min.css",
    *(f"component/{name}/{name}.main.min.css" for name in (
        "skiplink", "logo", "link", "button", "navigation", "translate", "header", "footer",
        "callout", "alert", "tag", "card")),
)
# Everything vendored, as paths in the package (`dist/` is dropped in static/dsfr/<version>/).
DSFR_FILES = (
    "LICENSE.md",
    "doc/legal/cgu.md",
    *(f"dist/{name}" for name in DSFR_STYLESHEETS),
    # Two weights: regular and bold (titles). Medium (500) falls back to regular, light
    # (300) too: a third font file would cost 58 KB on every first visit.
    *(f"dist/fonts/Marianne-{weight}.woff2" for weight in ("Regular", "Bold")),
    "dist/favicon/favicon.svg",
    "dist/favicon/apple-touch-icon.png",
    # The icons the components we use draw (inlined in the stylesheet).
    *(f"dist/icons/{name}.svg" for name in (
        "system/download-line", "arrows/arrow-right-line", "editor/translate-2",
        "system/fr--info-fill", "system/fr--warning-fill", "system/external-link-line")),
)


def vendored_name(package_path: str) -> str:
    """Where a package file lives under static/dsfr/<version>/ (`dist/` dropped)."""
    return package_path.removeprefix("dist/")
