"""Default settings; every one can be overridden from the environment as FLASK_<NAME>."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Settings that operators and translators change (languages, locales, site URL, the
# accessibility statement, the legal notice) are in settings.toml at the project root.
SETTINGS_FILE = str(PROJECT_ROOT / "settings.toml")
# Languages whose catalogs are being written ({"de": "in progress"}), and the CLDR locale of
# each language; both in settings.toml.
LANGUAGE_STATUS: dict[str, str] = {}
LOCALES: dict[str, str] = {}
CONTENT_DIR = str(PROJECT_ROOT / "content")
TRANSLATIONS_DIR = str(PROJECT_ROOT / "translations")
# Where files linked as /static/... live, so that links can say their size ("PDF, 245 ko").
FILES_DIR = str(PROJECT_ROOT / "static")
# A folder where PDFs are kept by what they are made from (app/pdf/cache.py), shared by the
# server's processes and across restarts; None: each process keeps its own in memory only.
# `flask freeze DIR` uses DIR.pdf-cache beside the export when this is None.
PDF_CACHE_DIR: str | None = None
# Serve drafts (published: false) with a visible banner.
PREVIEW = False
# Show fuzzy translations, marked, so translators judge them in place (debug mode only).
TRANSLATOR_PREVIEW = False
# Timezone assumed for dates written without an offset.
CONTENT_TIMEZONE = "Europe/Paris"
# Largest content file accepted; anything bigger is a mistake (an attachment, a dump).
MAX_CONTENT_FILE_BYTES = 2 * 1024 * 1024

# The accessibility statement: settings.toml fills it in; these are the values a partial
# setting leaves. The level ("totalement", "partiellement" or "non" conforme) follows from the
# RGAA matrix when it is None; without an audit, RGAA requires "non".
RGAA_MATRIX = str(PROJECT_ROOT / "docs" / "rgaa.md")
ACCESSIBILITY: dict[str, object] = {
    "level": None,
    "audit_date": None,
    "audit_by": None,
    "statement_date": None,
    "standard": "RGAA 4.1",
    "non_compliant": [],
    "derogations": [],
}

# Host names the site answers to (the Host header); any other gets a 400. None: the host of
# SITE_URL plus 127.0.0.1 and localhost. A leading dot admits subdomains (".example.org").
TRUSTED_HOSTS = None
# Largest request body accepted, in bytes: the site is read-only, a bigger body gets a 413
# before anything reads it.
MAX_CONTENT_LENGTH = 16 * 1024
# True on production servers (FLASK_PRODUCTION=1): the site then refuses to start in debug
# mode, whose Werkzeug console runs any code.
PRODUCTION = False
