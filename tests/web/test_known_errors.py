"""Error answers kept by the page cache (app/web/known_errors.py): junk paths and junk hosts
reach Flask once, then get Flask's very answer from memory."""

from __future__ import annotations

import pytest
from flask import Flask

from app import create_app
from app.web.known_errors import LIMIT


@pytest.fixture
def fresh():
    return create_app({"TESTING": True})


def counting(app: Flask) -> list[str]:
    """The paths the layer hands to Flask from now on."""
    layer = app.extensions["page_cache"]
    seen: list[str] = []
    flask = layer.app

    def count(environ, start_response):
        seen.append(environ["PATH_INFO"])
        return flask(environ, start_response)

    layer.app = count
    return seen


def flask_answer(path: str, method: str = "GET", **headers):
    """What Flask itself answers, in a new app that kept nothing."""
    app = create_app({"TESTING": True})
    app.wsgi_app = lambda environ, start: Flask.wsgi_app(app, environ, start)
    return app.test_client().open(path, method=method, headers=headers)


def same(response, expected) -> bool:
    drop = {"date"}
    return (response.status, response.get_data()) == (expected.status, expected.get_data()) \
        and [(k, v) for k, v in response.headers if k.lower() not in drop] == \
        [(k, v) for k, v in expected.headers if k.lower() not in drop]


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_unknown_pages_reach_flask_once_per_language_and_get_its_404(fresh, method):
    client, seen = fresh.test_client(), counting(fresh)
    for n in range(30):
        for lang in ("fr", "en"):
            response = client.open(f"/{lang}/page-{n}/", method=method)
            assert response.status_code == 404
            assert response.headers["Content-Language"] == lang
            assert response.headers["Cache-Control"] == "no-store"
    assert seen == ["/fr/page-0/", "/en/page-0/"]
    expected = flask_answer("/en/page-7/", method)
    assert same(client.open("/en/page-99/", method=method), expected)


@pytest.mark.parametrize(("path", "accept", "lang"), [
    ("/fr/", None, "fr"), ("/en/salon-du-numerique-2024/", None, "en"), ("/EN-gb/x", "fr", "en"),
    ("/xx/", "en", "en"), ("/xx/", "fr", "fr"), ("/static/site.css", "en-GB,en", "en"),
])
def test_junk_hosts_reach_flask_once_and_get_its_400_in_the_right_language(fresh, path,
                                                                          accept, lang):
    client, seen = fresh.test_client(), counting(fresh)
    headers = {"Accept-Language": accept} if accept else {}
    for n in range(30):
        response = client.get(path, headers={**headers, "Host": f"x{n}.example"})
        assert response.status_code == 400
        assert response.headers["Content-Language"] == lang
    assert seen == [path]
    expected = flask_answer(path, **headers, Host="evil.example")
    assert same(client.get(path, headers={**headers, "Host": "other.example"}), expected)


def test_what_is_not_junk_is_never_answered_from_the_kept_errors(fresh):
    client = fresh.test_client()
    client.get("/fr/page-inconnue/")
    client.get("/fr/", headers={"Host": "evil.example"})
    assert client.get("/fr/accessibilite/").status_code == 200
    assert client.get("/en/salon-du-numerique-2024/").status_code == 200
    assert client.get("/FR/accessibilite/").status_code == 301
    assert client.get("/fr/page-inconnue").status_code in (301, 308)
    assert client.post("/fr/", headers={"Host": "evil.example"}).status_code in (400, 405)
    assert client.get("/fr/", headers={"Host": "localhost"}).status_code == 200
    assert client.get("/fr/page-inconnue/x.pdf").status_code == 404


def test_the_kept_errors_are_bounded(fresh):
    client, layer = fresh.test_client(), fresh.extensions["page_cache"]
    for n in range(LIMIT * 2):
        response = client.get("/xx/", headers={"Host": "evil.example",
                                               "Accept-Language": f"x-{n}, en"})
        assert response.status_code == 400
        assert len(layer.known_errors.answers) <= LIMIT


def test_in_debug_mode_no_error_is_kept():
    app = create_app({"TESTING": True, "DEBUG": True})
    assert app.extensions["page_cache"].known_errors is None
