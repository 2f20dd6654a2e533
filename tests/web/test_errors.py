"""Error pages (app/web/errors.py): localized 404, 405 and 500 pages, rendered once, and a
language variant of a real page redirected to its canonical address."""

from __future__ import annotations

import logging

import pytest
from flask import template_rendered

from app import create_app
from tests.helpers import soup

SITE_NAME = {"fr": "Annonces du numérique de l’État", "en": "French State digital announcements"}
OTHER = {"fr": "en", "en": "fr"}
NOT_FOUND = {"fr": "Page introuvable", "en": "Page not found"}


@pytest.mark.parametrize("path", ["/xx/", "/und/", "/root/", "/favicon.ico/", "/de/"])
@pytest.mark.parametrize(("accept", "lang"), [(None, "fr"), ("en", "en"), ("de, en;q=0.1", "en")])
def test_an_unknown_first_segment_is_a_404_in_the_visitors_language(client, path, accept, lang):
    headers = {"Accept-Language": accept} if accept else {}
    response = client.get(path, headers=headers)
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == lang
    assert page.h1.get_text() == NOT_FOUND[lang]
    assert response.headers["Content-Language"] == lang


@pytest.mark.parametrize(("path", "target"), [
    ("/FR/", "/fr/"),
    ("/fr-FR/", "/fr/"),
    ("/en_GB/", "/en/"),
    ("/en-gb/", "/en/"),
    ("/EN/", "/en/"),
    ("/EN/salon-du-numerique-2024/", "/en/salon-du-numerique-2024/"),
    ("/fr-FR/mentions-legales/", "/fr/mentions-legales/"),
    ("/En-Us/accessibility/", "/en/accessibility/"),
])
def test_a_language_variant_redirects_once_to_the_canonical_prefix(trusting_client, path,
                                                                   target):
    response = trusting_client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 301
    assert response.headers["Location"] == target
    followed = trusting_client.get(target)
    assert followed.status_code == 200


@pytest.mark.parametrize("path", [
    "/EN/accessibilite/", "/FR/unknown-page/", "/EN/mentions-legales/",
])
def test_a_language_variant_of_a_missing_page_is_a_404_not_a_redirect(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(("path", "lang"), [
    ("/fr/unknown-page/", "fr"),
    ("/en/unknown-page/", "en"),
    ("/en/accessibilite/", "en"),
    ("/fr/accessibility/", "fr"),
])
def test_an_unknown_page_is_a_404_in_the_language_of_its_url(client, path, lang):
    response = client.get(path, headers={"Accept-Language": OTHER[lang]})
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == lang
    assert page.title.get_text() == f"{NOT_FOUND[lang]} - {SITE_NAME[lang]}"


@pytest.mark.parametrize(("path", "lang", "title"), [
    ("/fr/", "fr", "Méthode non autorisée"),
    ("/en/accessibility/", "en", "Method not allowed"),
    ("/en/salon-du-numerique-2024/", "en", "Method not allowed"),
])
def test_a_post_is_refused_with_a_localized_405_and_an_allow_header(client, path, lang, title):
    response = client.post(path)
    assert response.status_code == 405
    assert soup(response).html["lang"] == lang
    assert soup(response).h1.get_text() == title
    allowed = {method.strip() for method in response.headers["Allow"].split(",")}
    assert "GET" in allowed
    assert "POST" not in allowed


@pytest.mark.parametrize(("path", "lang", "title"), [
    ("/fr/salon-du-numerique-2024/", "fr", "Erreur du serveur"),
    ("/en/accessibility/", "en", "Server error"),
])
def test_a_crash_is_a_localized_500_that_is_logged_not_shown(
        monkeypatch, caplog, path, lang, title):
    app = create_app({"TESTING": True})

    def crash(*args):
        raise RuntimeError("secret detail of the crash")

    monkeypatch.setattr(app.extensions["site"], "resolve", crash)
    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        response = app.test_client().get(path)
    assert response.status_code == 500
    page = soup(response)
    assert page.html["lang"] == lang
    assert page.h1.get_text() == title
    text = response.get_data(as_text=True)
    assert "Traceback" not in text
    assert "secret detail" not in text
    logged = [record for record in caplog.records if record.exc_info]
    assert len(logged) == 1
    assert path in logged[0].getMessage()
    assert "secret detail of the crash" in str(logged[0].exc_info[1])


def test_an_error_page_is_rendered_once_per_language_and_stays_the_same():
    fresh = create_app({"TESTING": True})
    client = fresh.test_client()
    rendered = []

    def record(sender, template, context, **extra):
        rendered.append(template.name)

    with template_rendered.connected_to(record, fresh):
        first = client.get("/fr/une-page-inconnue/")
        for n in range(20):
            assert client.get(f"/fr/page-{n}/").get_data() == first.get_data()
        english = client.get("/en/unknown/")
        bad_host = client.get("/fr/", headers={"Host": "evil.example"})
    assert first.status_code == 404 and english.status_code == 404
    assert bad_host.status_code == 400
    assert rendered.count("errors/error.html") == 3  # fr 404, en 404, fr 400
    assert soup(english).html["lang"] == "en"
