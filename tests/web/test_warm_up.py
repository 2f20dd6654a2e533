"""A worker's pages made before it serves (app/web/warm_up.py)."""

from __future__ import annotations

from app import create_app
from app.web.warm_up import paths, warm_up


def test_a_warmed_site_serves_its_main_pages_without_rendering_them():
    app = create_app({"TESTING": True})
    layer = app.extensions["page_cache"]
    made = warm_up(app)
    newest = {f"/{lang}/{app.extensions['site'].listing(lang)[0].source.slug}/"
              for lang in ("fr", "en")}
    assert {"/fr/", "/en/", "/fr/accessibilite/", "/en/legal-notice/", *newest} <= set(made)
    renders = layer.renders
    client = app.test_client()
    for path in made:
        for coding in ("br", "gzip", "identity"):
            response = client.get(path, headers={"Accept-Encoding": coding})
            assert response.status_code == 200, path
    assert layer.renders == renders


def test_only_the_newest_announcements_are_made():
    app = create_app({"TESTING": True})
    newest = f"/fr/{app.extensions['site'].listing('fr')[0].source.slug}/"
    assert newest in paths(app, newest=1)
    assert newest not in paths(app, newest=0)
    assert "/fr/plan-du-site/" in paths(app, newest=0)
