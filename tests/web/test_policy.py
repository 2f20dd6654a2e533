"""Headers on every response, and redirects that never leave the site."""

from __future__ import annotations

import pytest

from app import create_app
from app.web.policy import PAGE_MAX_AGE, SECURITY_HEADERS, local_redirect

# (method, path, status): one request for each status the site answers with.
RESPONSES = [
    ("GET", "/fr/", 200),
    ("GET", "/en/accessibility/", 200),
    ("GET", "/FR/", 301),
    ("GET", "/fr", 301),
    ("GET", "/", 302),
    ("GET", "/xx/", 404),
    ("GET", "/en/unknown-page/", 404),
    ("POST", "/fr/", 405),
]


@pytest.fixture
def crashing_client(monkeypatch):
    """A site whose page lookup raises, for the 500 page."""
    app = create_app({"TESTING": True})

    def crash(*args):
        raise RuntimeError("crash")

    monkeypatch.setattr(app.extensions["site"], "resolve", crash)
    return app.test_client()


@pytest.mark.parametrize(("method", "path", "status"), RESPONSES)
def test_every_status_carries_the_security_headers_and_no_cookie(client, method, path, status):
    response = client.open(path, method=method)
    assert response.status_code == status
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    assert "Set-Cookie" not in response.headers


def test_a_500_carries_the_security_headers_too(crashing_client):
    response = crashing_client.get("/fr/accessibilite/")
    assert response.status_code == 500
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


@pytest.mark.parametrize(("path", "headers", "lang"), [
    ("/fr/", {}, "fr"),
    ("/en/legal-notice/", {"Accept-Language": "fr"}, "en"),
    ("/en/unknown-page/", {"Accept-Language": "fr"}, "en"),
    ("/xx/", {"Accept-Language": "en"}, "en"),
    ("/xx/", {}, "fr"),
])
def test_content_language_is_the_language_the_page_is_written_in(client, path, headers, lang):
    assert client.get(path, headers=headers).headers["Content-Language"] == lang


@pytest.mark.parametrize(("path", "cache"), [
    ("/", "private, no-store"),
    ("/fr/", f"public, max-age={PAGE_MAX_AGE}"),
    ("/en/salon-du-numerique-2024/", f"public, max-age={PAGE_MAX_AGE}"),
    ("/xx/", "no-store"),  # an error is never kept by a CDN
])
def test_pages_may_be_cached_but_the_negotiating_root_may_not(client, path, cache):
    assert client.get(path).headers["Cache-Control"] == cache


@pytest.mark.parametrize("path", [
    "/", "/fr", "/en", "/FR/", "/en-gb/", "/fr/accessibilite", "/en//",
    "/EN/salon-du-numerique-2024/",
])
def test_every_redirect_is_relative_whatever_the_host_header(trusting_client, path):
    response = trusting_client.get(path, headers={"Host": "evil.example",
                                                  "X-Forwarded-Host": "evil.example"})
    assert 300 <= response.status_code < 400
    location = response.headers["Location"]
    assert location.startswith("/")
    assert not location.startswith("//")
    assert "evil" not in location


@pytest.mark.parametrize(("path", "status"), [("/fr/", 200), ("/en/accessibility/", 200),
                                            ("/", 302)])
def test_the_root_and_pages_answer_head_requests(client, path, status):
    response = client.head(path)
    assert response.status_code == status
    assert response.get_data() == b""


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "fr/", ""])
def test_local_redirect_refuses_anything_but_a_path_of_this_site(target):
    with pytest.raises(ValueError, match="not a local path"):
        local_redirect(target, 302)


def test_local_redirect_keeps_the_path_as_given():
    response = local_redirect("/en/", 301)
    assert response.status_code == 301
    assert response.headers["Location"] == "/en/"
