"""Default settings; every one can be overridden from the environment as FLASK_<NAME>."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Languages of the site, source language first. Each non-source language needs
# translations/<lang>/LC_MESSAGES/{messages,content}.po (see TRANSLATING in README).
LANGUAGES = ["fr", "en"]
CONTENT_DIR = str(PROJECT_ROOT / "content")
TRANSLATIONS_DIR = str(PROJECT_ROOT / "translations")
# Canonical origin of the site: absolute URLs are built from it, never from the Host header.
SITE_URL = "http://127.0.0.1:5000"
# Where files linked as /static/... live, so that links can say their size ("PDF, 245 ko").
FILES_DIR = str(PROJECT_ROOT / "static")
# Serve drafts (published: false) with a visible banner.
PREVIEW = False
# Show fuzzy translations, marked, so translators judge them in place (debug mode only).
TRANSLATOR_PREVIEW = False
# Timezone assumed for dates written without an offset.
CONTENT_TIMEZONE = "Europe/Paris"
# Largest content file accepted; anything bigger is a mistake (an attachment, a dump).
MAX_CONTENT_FILE_BYTES = 2 * 1024 * 1024

# One source of truth for the accessibility statement and the footer label. The level
# ("totalement", "partiellement" or "non" conforme) follows from the RGAA matrix when it is
# None; without an audit, RGAA requires "non". audit_by None means the team's self-assessment.
RGAA_MATRIX = str(PROJECT_ROOT / "docs" / "rgaa.md")
ACCESSIBILITY = {
    "level": None,
    "audit_date": "2026-11-28",
    "audit_by": None,
    "statement_date": "2026-11-28",
    "standard": "RGAA 4.1",
    "non_compliant": [],
    "derogations": [],
    "contact_email": "accessibilite@numerique.gouv.fr",
    "contact_address": "DINUM, 20 avenue de Ségur, 75007 Paris",
}

# Legal notice: who publishes and who hosts the site.
PUBLISHER = {
    "name": "Direction interministérielle du numérique (DINUM)",
    "address": "20 avenue de Ségur, 75007 Paris",
    "director": "Directeur interministériel du numérique",
    "email": "contact@numerique.gouv.fr",
}
# Who hosts the site, for the legal notice (set it where the site is deployed).
HOSTING = {
    "name": "Direction interministérielle du numérique (DINUM)",
    "address": "20 avenue de Ségur, 75007 Paris",
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
