"""The export's pages that are no page of the app: the root's language choice (`/`
negotiates in the app; a static host cannot) and the localized 404 pages."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, render_template, url_for

from app.export.freezer import isolated
from app.export.releases import ExportError
from app.web.current import site
from app.web.i18n import language_name
from app.web.titles import SITE_NAME

# Interface string of the language-choice page, looked up in each language's catalog.
CHOOSE = "Choix de la langue"


def error_pages(app: Flask, destination: Path) -> list[Path]:
    """`DIR/<lang>/404.html`: the app's own 404 page in each language."""
    written = []
    for lang in app.config["LANGUAGES"]:
        response = isolated(app.test_client().get, f"/{lang}/404.html")
        if response.status_code != 404:
            raise ExportError(f"/{lang}/404.html answered {response.status_code}, not 404")
        path = destination / lang / "404.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(response.get_data())
        written.append(path)
    return written


def language_choice(app: Flask) -> bytes:
    """The export's root page: each language's choice, in that language."""

    def render() -> bytes:
        with app.test_request_context("/"):
            choices = []
            for code in app.config["LANGUAGES"]:
                ui = site().ui(code)
                choices.append({
                    "code": code,
                    "name": language_name(code),
                    "url": url_for("site.home", lang=code),
                    "site_name": ui.gettext(SITE_NAME),
                    "choose": ui.gettext(CHOOSE),
                })
            return render_template("pages/choose_language.html", lang=choices[0]["code"],
                                   choices=choices).encode()

    return isolated(render)
