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
# Serve drafts (published: false) with a visible banner.
PREVIEW = False
# Show fuzzy translations, marked, so translators judge them in place (debug mode only).
TRANSLATOR_PREVIEW = False
# Timezone assumed for dates written without an offset.
CONTENT_TIMEZONE = "Europe/Paris"
# Largest content file accepted; anything bigger is a mistake (an attachment, a dump).
MAX_CONTENT_FILE_BYTES = 2 * 1024 * 1024

# One source of truth for the accessibility statement and the footer label.
# level: "totalement", "partiellement" or "non" (conforme). Without an audit, RGAA
# requires "non".
ACCESSIBILITY = {
    "level": "non",
    "audit_date": None,
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
HOST = {
    "name": "Hébergeur à préciser lors du déploiement",
    "address": "",
}
