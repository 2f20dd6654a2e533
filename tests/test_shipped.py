"""The one test that reads the shipped content/: every shipped announcement answers, whatever it
says (what it says is checked by `flask content check` and `flask i18n check` in ./bin/test)."""

from __future__ import annotations

from app import create_app
from app.config import PROJECT_ROOT


def test_every_shipped_announcement_answers_in_every_language_it_is_published_in():
    app = create_app({"TESTING": True, "CONTENT_DIR": str(PROJECT_ROOT / "content"),
                      "TRANSLATIONS_DIR": str(PROJECT_ROOT / "translations")})
    site, client = app.extensions["site"], app.test_client()
    french = [page.source.slug for page in site.listing("fr")]
    assert french, "content/ has no published announcement"
    for lang in app.config["LANGUAGES"]:
        assert client.get(f"/{lang}/").status_code == 200
        for page in site.listing(lang):
            path = f"/{lang}/{page.source.slug}/"
            assert client.get(path).status_code == 200, path
