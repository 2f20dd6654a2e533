"""Hostile requests: each gets the expected status, the header set, no reflection of the
hostile input, and a Location (if any) that is a path of this site.

Requests go through the WSGI environ as a server builds it (PATH_INFO percent-decoded, as
latin-1), not through the test client, which would read `//evil.example/` as a host.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes, urlsplit

import flask
import pytest
import werkzeug.utils
from babel import Locale
from bs4 import BeautifulSoup
from werkzeug.test import EnvironBuilder

from app import create_app
from app.config import PROJECT_ROOT
from app.settings.serving import refuse_debug_in_production, trusted_hosts
from app.web.dsfr import DSFR_FOLDER
from app.web.policy import ALLOWED_METHODS, SECURITY_HEADERS, STATIC_NAME

LANGUAGES = ("fr", "en")
LEAKS = ("Traceback", "Werkzeug", "werkzeug", "Python/", "File \"", str(PROJECT_ROOT))


@dataclass
class Answer:
    """What a WSGI server would send back."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    header: dict[str, str] = field(init=False)

    def __post_init__(self):
        self.header = {name.lower(): value for name, value in self.headers}

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def html(self) -> BeautifulSoup:
        return BeautifulSoup(self.text, "html.parser")


def environ(method: str = "GET", path: str = "/", headers: dict | None = None,
            body: bytes = b"", raw_path_info: str | None = None) -> dict:
    """A WSGI environ as a server builds it: PATH_INFO is the percent-decoded path as latin-1."""
    target, _, query = path.partition("?")
    env = EnvironBuilder(method="GET", path="/", data=body).get_environ()
    env["REQUEST_METHOD"] = method
    env["PATH_INFO"] = (raw_path_info if raw_path_info is not None
                        else unquote_to_bytes(target).decode("latin-1"))
    env["QUERY_STRING"] = query.encode("utf-8").decode("latin-1")
    env["REQUEST_URI"] = env["RAW_URI"] = path
    env["HTTP_HOST"] = "localhost"
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_LENGTH", "CONTENT_TYPE"):
            env[key] = value
        elif value is None:
            env.pop(f"HTTP_{key}", None)
        else:
            env[f"HTTP_{key}"] = value
    return env


def call(app, env: dict, below_cache: bool = False) -> Answer:
    """Run one request through the app as a WSGI server would (or through Flask alone,
    below the page cache and every other WSGI layer)."""
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, headers

    chunks = flask.Flask.wsgi_app(app, env, start_response) if below_cache else app(
        env, start_response)
    try:
        body = b"".join(chunks)
    finally:
        getattr(chunks, "close", lambda: None)()
    return Answer(int(started["status"].split()[0]), started["headers"], body)


def same_site(location: str) -> bool:
    """A path of this site: starts with one slash, no scheme, no host, no backslash."""
    parts = urlsplit(location)
    return (location.startswith("/") and not location.startswith("//") and "\\" not in location
            and not parts.scheme and not parts.netloc and location.isprintable())


def assert_safe(answer: Answer, hostile: tuple[str, ...] = ()) -> None:
    """The header set, no cookie or server version, no leak, no reflection, a local Location."""
    for name, value in SECURITY_HEADERS.items():
        assert answer.header.get(name.lower()) == value, name
    # Pages (HTML: pages, errors, redirects) say their language; nothing else does.
    kind = answer.header.get("content-type")
    if kind is None:  # a 304 or an empty answer: its 200's language, if it had one
        assert answer.header.get("content-language") in (*LANGUAGES, None)
    elif kind.startswith("text/html"):
        assert answer.header.get("content-language") in LANGUAGES
    else:
        assert "content-language" not in answer.header
    assert "set-cookie" not in answer.header
    assert "server" not in answer.header
    if "location" in answer.header:
        assert same_site(answer.header["location"]), answer.header["location"]
    shown = answer.text + "\n".join(f"{n}: {v}" for n, v in answer.headers)
    for leak in (*LEAKS, *hostile):
        assert leak not in shown, leak


@dataclass(frozen=True)
class Case:
    """One hostile request and what the site must answer."""

    id: str
    path: str
    status: int
    location: str | None = None
    method: str = "GET"
    headers: dict = field(default_factory=dict)
    hostile: tuple[str, ...] = ()
    raw: str | None = None  # PATH_INFO as given, bypassing percent-decoding


LONG = "a" * 10_240
CASES = [
    # Encoded traversal, anywhere in the path.
    Case("static-dotdot", "/static/../app/config.py", 404, hostile=("SITE_URL", "PROJECT_ROOT")),
    Case("static-encoded-dotdot", "/static/%2e%2e/app/config.py", 404, hostile=("SITE_URL",)),
    Case("static-encoded-slash", "/static/..%2fapp%2fconfig.py", 404, hostile=("SITE_URL",)),
    Case("static-encoded-both", "/static/%2e%2e%2fapp%2fconfig.py", 404, hostile=("SITE_URL",)),
    Case("static-half-encoded", "/static/.%2e/.%2e/app/config.py", 404, hostile=("SITE_URL",)),
    Case("static-backslash", "/static/%2e%2e%5capp%5cconfig.py", 404, hostile=("SITE_URL",)),
    Case("static-dotfile", "/static/.gitignore", 404),
    Case("root-dotdot", "/%2e%2e/%2e%2e/etc/passwd", 404, hostile=("root:", "passwd")),
    Case("lang-dotdot", "/fr/..%2f..%2fapp%2fconfig.py/", 404, hostile=("SITE_URL", "config.py")),
    Case("lang-encoded-dotdot", "/fr/%2e%2e%2f%2e%2e%2fapp/", 404, hostile=("%2e", "../")),
    Case("page-dotdot", "/fr/salon-du-numerique-2024/%2e%2e/%2e%2e/", 404),
    Case("translations-dotdot", "/en/%2e%2e%2f%2e%2e%2ftranslations%2fen/", 404,
         hostile=("msgid", "translations")),
    # NUL and invalid UTF-8.
    Case("nul-in-lang", "/fr/%00/", 404, hostile=("\x00",)),
    Case("nul-after-static", "/static/site.css%00", 404),
    Case("nul-as-lang", "/%00/", 404),
    Case("byte-ff", "/fr/%ff/", 404, hostile=("\ufffd", "%ff")),
    Case("overlong-slash", "/%c0%af/", 404, hostile=("\ufffd",)),
    Case("overlong-dotdot", "/static/%c0%ae%c0%ae/app/config.py", 404, hostile=("SITE_URL",)),
    # Very long paths.
    Case("long-slug", f"/fr/{LONG}/", 404, hostile=(LONG[:100],)),
    Case("long-segment", f"/{LONG}/", 404, hostile=(LONG[:100],)),
    Case("long-static", f"/static/{LONG}.css", 404, hostile=(LONG[:100],)),
    # CR/LF: no header splitting, no cookie.
    Case("crlf-cookie", "/fr/%0d%0aSet-Cookie:x/", 404, hostile=("Set-Cookie:x", "\r\n")),
    Case("crlf-location", "/fr%0d%0aLocation:%20//evil.example", 404, hostile=("evil.example",)),
    Case("crlf-in-variant", "/FR/%0d%0aSet-Cookie:x/", 404, hostile=("Set-Cookie:x",)),
    Case("crlf-root", "/%0d%0aSet-Cookie:x", 404, hostile=("Set-Cookie:x",)),
    # Script in the path or the query.
    Case("script-raw", "/<script>alert(1)</script>/", 404, hostile=("<script", "alert(1)")),
    Case("script-encoded", "/fr/%3Cscript%3E/", 404, hostile=("<script", "%3Cscript")),
    Case("script-attribute", "/fr/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E/", 404,
         hostile=("onerror", "alert(1)")),
    Case("script-query", "/fr/?q=%3Cscript%3Ealert(1)%3C/script%3E", 200,
         hostile=("alert(1)", "%3Cscript")),
    Case("script-query-404", "/xx/?<script>alert(1)</script>", 404, hostile=("alert(1)",)),
    # Case and region variants of a language: one redirect to the canonical path.
    Case("upper", "/FR/", 301, "/fr/"),
    Case("capitalised", "/Fr/", 301, "/fr/"),
    Case("region", "/fr-FR/", 301, "/fr/"),
    Case("underscore", "/fr_fr/", 301, "/fr/"),
    Case("mixed-region", "/EN-gb/", 301, "/en/"),
    Case("region-page", "/EN-gb/accessibility/", 301, "/en/accessibility/"),
    Case("variant-missing-page", "/FR/%3Cscript%3E/", 404, hostile=("<script",)),
    Case("variant-other-language-slug", "/EN/accessibilite/", 404),
    # Unknown languages and words that look like locales.
    Case("und", "/und/", 404),
    Case("root-locale", "/root/", 404),
    Case("xx", "/xx/", 404),
    Case("script-region", "/zh-Hant-TW/", 404, hostile=("Hant", "zh")),
    Case("full-width", "/%EF%BD%86%EF%BD%92/", 404, hostile=("ｆｒ",)),
    Case("locale-dotdot", "/..%2f..%2fen/", 404),
    Case("percent-encoded-fr", "/%66%72/", 200),
    # Double slashes and backslashes: never a protocol-relative Location.
    Case("leading-double", "//fr/", 301, "/fr/"),
    Case("trailing-double", "/fr//", 301, "/fr/"),
    Case("page-double", "/fr//salon-du-numerique-2024/", 301, "/fr/salon-du-numerique-2024/"),
    Case("protocol-relative", "//evil.example/", 404, hostile=("evil.example",)),
    Case("triple", "///evil.example/", 404, hostile=("evil.example",)),
    Case("backslash-host", "/%5cevil.example/", 404, hostile=("evil.example",)),
    Case("raw-backslash-host", "/", 404, raw="/\\evil.example/", hostile=("evil.example",)),
    Case("tab-host", "/%09/evil.example/", 404, hostile=("evil.example",)),
    Case("lang-then-host", "/fr//evil.example", 404, hostile=("evil.example",)),
    Case("missing-slash", "/en/accessibility", 301, "/en/accessibility/"),
    Case("missing-slash-query", "/fr?next=//evil.example", 301, "/fr/", hostile=("evil",)),
    # Methods: GET, HEAD and OPTIONS only, whatever the path.
    *[Case(f"{method.lower()}-{name}", path, 405, method=method)
      for method in ("POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "PROPFIND", "FOO")
      for name, path in (("page", "/fr/salon-du-numerique-2024/"), ("static", "/static/site.css"),
                         ("root", "/"), ("unknown", "/xx/"))],
    Case("method-script", "/fr/", 405, method="X<script>", hostile=("<script", "<SCRIPT")),
    Case("options", "/fr/", 200, method="OPTIONS"),
    Case("head", "/en/", 200, method="HEAD"),
    # Conditional and range headers with junk.
    Case("inm-junk-static", "/static/site.css", 200, headers={"If-None-Match": "junk"}),
    Case("ims-junk-static", "/static/site.css", 200, headers={"If-Modified-Since": "junk"}),
    Case("range-junk-static", "/static/site.css", 416, headers={"Range": "bytes=junk"},
         hostile=("junk",)),
    Case("range-past-end", "/static/site.css", 416, headers={"Range": "bytes=99999999-"}),
    Case("inm-junk-page", "/fr/", 200, headers={"If-None-Match": "junk<script>"},
         hostile=("junk",)),
    Case("ims-junk-page", "/fr/", 200, headers={"If-Modified-Since": "yesterday<script>"},
         hostile=("yesterday",)),
    Case("range-junk-page", "/fr/", 200, headers={"Range": "bytes=junk"}, hostile=("junk",)),
    Case("if-range-junk", "/static/site.css", 200, headers={"If-Range": "junk"}),
    # Accept-Language junk: the root still sends visitors somewhere on this site.
    Case("al-bad-q", "/", 302, "/fr/", headers={"Accept-Language": "en;q=abc, de;q=-1"}),
    Case("al-huge-q", "/", 302, "/fr/", headers={"Accept-Language": "en;q=1e999, de;q=0.5"}),
    Case("al-nan-q", "/", 302, "/fr/", headers={"Accept-Language": "en;q=nan"}),
    Case("al-empty-items", "/", 302, "/fr/", headers={"Accept-Language": ",,;;q=,"}),
    Case("al-8kb", "/", 302, "/fr/", headers={"Accept-Language": "de-" * 2800 + ", en"}),
    Case("al-latin-1", "/", 302, "/fr/",
         headers={"Accept-Language": b"\xe9\xff\xfe;q=0.9".decode("latin-1")}),
    Case("al-script-404", "/xx/", 404,
         headers={"Accept-Language": "<script>alert(1)</script>"}, hostile=("alert(1)",)),
    Case("al-traversal", "/", 302, "/fr/", headers={"Accept-Language": "../../etc/passwd"}),
    Case("al-crlf", "/", 302, "/fr/", headers={"Accept-Language": "en\r\nSet-Cookie: x"},
         hostile=("Set-Cookie",)),
    # Host header attacks: untrusted hosts get a 400, forwarded hosts are ignored.
    Case("host-evil", "/fr/", 400, headers={"Host": "evil.example"}, hostile=("evil",)),
    Case("host-evil-port", "/fr/", 400, headers={"Host": "evil.example:8080"},
         hostile=("evil",)),
    Case("host-empty", "/fr/", 400, headers={"Host": ""}),
    Case("host-suffix", "/en/", 400, headers={"Host": "localhost.evil.example"},
         hostile=("evil",)),
    Case("host-userinfo", "/fr", 400, headers={"Host": "localhost@evil.example"},
         hostile=("evil",)),
    Case("host-redirect", "/fr", 400, headers={"Host": "evil.example"}, hostile=("evil",)),
    Case("host-root", "/", 400, headers={"Host": "evil.example"}, hostile=("evil",)),
    Case("host-static", "/static/site.css", 400, headers={"Host": "evil.example"},
         hostile=("evil",)),
    Case("host-404", "/xx/", 400, headers={"Host": "evil.example"}, hostile=("evil",)),
    Case("host-post", "/fr/", 400, method="POST", headers={"Host": "evil.example"},
         hostile=("evil",)),
    Case("host-local-port", "/fr/", 200, headers={"Host": "127.0.0.1:5000"}),
    Case("forwarded-host", "/fr", 301, "/fr/",
         headers={"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https",
                  "Forwarded": "host=evil.example;proto=https"}, hostile=("evil",)),
    Case("forwarded-host-page", "/en/salon-du-numerique-2024/", 200,
         headers={"X-Forwarded-Host": "evil.example", "X-Forwarded-Prefix": "/evil"},
         hostile=("evil",)),
    Case("forwarded-host-root", "/", 302, "/fr/",
         headers={"X-Forwarded-Host": "evil.example"}, hostile=("evil",)),
    # A very long header is no reason to fail.
    Case("header-16kb", "/fr/", 200, headers={"X-Padding": "a" * 16_384}),
    Case("cookie-16kb", "/en/", 200, headers={"Cookie": "a=" + "b" * 16_384}),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_hostile_request_gets_its_status_the_headers_and_no_echo(site, case):
    answer = call(site, environ(case.method, case.path, case.headers, raw_path_info=case.raw))
    assert answer.status == case.status
    assert answer.header.get("location") == case.location
    assert_safe(answer, case.hostile)
    if case.method == "HEAD":
        assert answer.body == b""


@pytest.mark.parametrize(("method", "path", "lang"), [
    ("POST", "/fr/", "fr"), ("DELETE", "/en/accessibility/", "en"), ("PROPFIND", "/en/", "en"),
    ("PATCH", "/static/site.css", "fr"),
])
def test_an_unsupported_method_is_a_localized_405_with_the_allow_header(site, method, path, lang):
    answer = call(site, environ(method, path))
    assert answer.status == 405
    assert answer.header["allow"] == "GET, HEAD, OPTIONS"
    assert answer.html().html["lang"] == lang
    assert answer.header["content-language"] == lang
    assert answer.html().h1.get_text() == {"fr": "Méthode non autorisée",
                                          "en": "Method not allowed"}[lang]


@pytest.mark.parametrize("path", ["/fr/", "/static/site.css", "/"])
def test_options_lists_exactly_the_three_methods(site, path):
    answer = call(site, environ("OPTIONS", path))
    assert answer.status == 200
    assert answer.header["allow"] == ", ".join(ALLOWED_METHODS)
    assert_safe(answer)


@pytest.mark.parametrize(("method", "headers", "body"), [
    ("POST", {"Content-Type": "application/x-www-form-urlencoded"}, b"a=" + b"x" * 20_000),
    ("GET", {}, b"x" * 20_000),
    ("PUT", {}, b"x" * 1_000_000),
    ("POST", {"Transfer-Encoding": "chunked"}, b""),
])
def test_a_body_over_the_limit_is_refused_with_413_before_anything_reads_it(
        site, method, headers, body):
    env = environ(method, "/en/", headers, body=body)
    reads = []
    stream = env["wsgi.input"]
    env["wsgi.input"] = type("Spy", (), {
        "read": lambda self, *a: reads.append(a) or stream.read(*a),
        "readline": lambda self, *a: reads.append(a) or stream.readline(*a),
    })()
    answer = call(site, env)
    assert answer.status == 413
    assert reads == []
    assert_safe(answer)
    assert answer.html().html["lang"] == "en"
    assert answer.html().h1.get_text() == "Request refused"


def test_the_body_limit_is_small(site):
    assert site.config["MAX_CONTENT_LENGTH"] <= 64 * 1024
    small = call(site, environ("GET", "/fr/", body=b"x" * 100))
    assert small.status == 200


@pytest.mark.parametrize("below_cache", [False, True], ids=["served", "flask"])
@pytest.mark.parametrize("path", ["/static/site.css",
                                  f"/static/{DSFR_FOLDER}/favicon/favicon.svg"])
def test_a_static_file_revalidated_is_a_304_with_the_header_set(site, path, below_cache):
    first = call(site, environ("GET", path), below_cache)
    assert first.status == 200
    assert_safe(first)
    validators = [{"If-None-Match": first.header["etag"]}]
    if "last-modified" in first.header:
        validators.append({"If-Modified-Since": first.header["last-modified"]})
    elif below_cache:
        pytest.fail("Flask's static files carry Last-Modified")
    for header in validators:
        answer = call(site, environ("GET", path, header), below_cache)
        assert answer.status == 304
        assert answer.body == b""
        assert_safe(answer)


STATE_SITES = {f"https://www.{host}/" for host in (
    "info.gouv.fr", "service-public.fr", "legifrance.gouv.fr", "data.gouv.fr")}


@pytest.mark.parametrize(("path", "lang", "title"), [
    ("/fr/", "fr", "Requête refusée"),
    ("/en/accessibility/", "en", "Request refused"),
    ("/xx/", "fr", "Requête refusée"),
])
def test_an_untrusted_host_is_a_localized_400_not_a_500(site, path, lang, title):
    answer = call(site, environ("GET", path, {"Host": "evil.example"}))
    assert answer.status == 400
    page = answer.html()
    assert page.html["lang"] == lang
    assert page.h1.get_text() == title
    links = [a["href"] for a in page.find_all("a") if not a["href"].startswith("#")
             and a["href"] not in STATE_SITES]  # the State's footer links, fixed
    assert links
    assert all(same_site(href) for href in links)
    assert_safe(answer, ("evil",))


@pytest.mark.parametrize(("config", "env", "expected"), [
    ({}, {}, ["127.0.0.1", "localhost"]),
    ({"SITE_URL": "https://annonces.example.org/"}, {},
     ["annonces.example.org", "127.0.0.1", "localhost"]),
    ({}, {"FLASK_TRUSTED_HOSTS": '["a.example", ".b.example"]'}, ["a.example", ".b.example"]),
    ({}, {"FLASK_TRUSTED_HOSTS": "a.example, B.example"}, ["a.example", "b.example"]),
])
def test_trusted_hosts_default_to_site_url_and_local_names(monkeypatch, config, env, expected):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = create_app({"TESTING": True, **config})
    assert app.config["TRUSTED_HOSTS"] == expected


@pytest.mark.parametrize(("host", "status"), [
    ("annonces.example.org", 200), ("annonces.example.org:443", 200), ("127.0.0.1:8000", 200),
    ("localhost", 200), ("example.org", 400), ("evil.annonces.example.org", 400),
])
def test_only_the_configured_hosts_are_served(host, status):
    app = create_app({"TESTING": True, "SITE_URL": "https://annonces.example.org"})
    answer = call(app, environ("GET", "/fr/", {"Host": host}))
    assert answer.status == status
    assert_safe(answer)
    if status == 200:
        canonical = answer.html().find("link", rel="canonical")["href"]
        assert canonical == "https://annonces.example.org/fr/"


@pytest.mark.parametrize("setting", [[], "", " , "])
def test_an_empty_trusted_hosts_setting_is_refused(setting):
    with pytest.raises(ValueError, match="TRUSTED_HOSTS is empty"):
        trusted_hosts({"TRUSTED_HOSTS": setting, "SITE_URL": "https://example.org"})


@pytest.mark.parametrize(("config", "refused"), [
    ({"PRODUCTION": True, "DEBUG": True}, True),
    ({"ENV_PRODUCTION": "1", "DEBUG": True}, True),
    ({"PRODUCTION": "true", "DEBUG": 1}, True),
    ({"PRODUCTION": True, "DEBUG": False}, False),
    ({"PRODUCTION": False, "DEBUG": True}, False),
    ({"PRODUCTION": "0", "DEBUG": True}, False),
])
def test_debug_mode_is_refused_in_production(config, refused):
    if refused:
        with pytest.raises(RuntimeError, match="debug mode is on in production"):
            refuse_debug_in_production(config)
    else:
        refuse_debug_in_production(config)


@pytest.mark.parametrize("variables", [
    {"FLASK_PRODUCTION": "1", "FLASK_DEBUG": "1"},
    {"FLASK_ENV_PRODUCTION": "1", "FLASK_DEBUG": "true"},
])
def test_the_site_refuses_to_start_in_debug_mode_on_a_production_server(monkeypatch, variables):
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(RuntimeError, match="debug mode is on in production"):
        create_app()


def test_a_production_server_starts_without_debug_mode(monkeypatch):
    monkeypatch.setenv("FLASK_PRODUCTION", "1")
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    assert create_app().debug is False


@pytest.mark.parametrize(("path", "lang"), [("/fr/salon-du-numerique-2024/", "fr"),
                                            ("/en/legal-notice/", "en")])
def test_a_crash_logs_method_path_and_traceback_and_shows_none_of_them(
        monkeypatch, caplog, path, lang):
    app = create_app({"TESTING": True})

    def crash(*args):
        raise LookupError("internal detail /srv/secret.yaml")

    monkeypatch.setattr(app.extensions["site"], "resolve", crash)
    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        answer = call(app, environ("GET", path))
    assert answer.status == 500
    assert answer.html().html["lang"] == lang
    assert_safe(answer, ("internal detail", "secret.yaml", "LookupError"))
    [record] = [r for r in caplog.records if r.exc_info]
    message = record.getMessage()
    assert "GET" in message
    assert path in message
    assert "LookupError" in message
    assert record.exc_info[2] is not None  # the traceback, for the log handler to print


def test_a_logged_path_cannot_forge_log_lines(monkeypatch, caplog):
    app = create_app({"TESTING": True})

    @app.before_request
    def crash():
        raise RuntimeError("boom")

    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        answer = call(app, environ("GET", "/fr/x%0d%0aforged-line/"))
    assert answer.status == 500
    [record] = caplog.records
    assert "\n" not in record.getMessage()
    assert "forged-line" in record.getMessage()


def test_locale_parsing_only_ever_sees_configured_languages(monkeypatch, site):
    """Whitelist first, then Babel (CVE-2021-42771 loaded files from a `../` locale)."""
    seen = []
    parse = Locale.parse

    def spy(cls, identifier, *args, **kwargs):
        seen.append(str(identifier))
        return parse(identifier, *args, **kwargs)

    monkeypatch.setattr(Locale, "parse", classmethod(spy))
    for case in CASES:
        call(site, environ(case.method, case.path, case.headers, raw_path_info=case.raw))
    assert seen
    assert set(seen) <= set(LANGUAGES) | {"fr_FR", "en_GB"}  # and their locales in settings


def test_the_static_folder_only_ever_sees_plain_names(monkeypatch, site):
    seen = []
    original = werkzeug.utils.send_from_directory

    def spy(directory, path, environ, **kwargs):
        seen.append(path)
        return original(directory, path, environ, **kwargs)

    monkeypatch.setattr(werkzeug.utils, "send_from_directory", spy)
    for case in CASES:
        call(site, environ(case.method, case.path, case.headers, raw_path_info=case.raw))
    assert "site.css" in seen
    assert all(STATIC_NAME.fullmatch(name) for name in seen)


# Every status the site answers with, static files included.
STATUSES = [
    ("GET", "/fr/", {}, 200, "fr"),
    ("GET", "/static/site.css", {}, 200, None),
    ("GET", "/sitemap.xml", {}, 200, None),
    ("GET", "/en/feed.xml", {}, 200, None),
    ("GET", "/fr", {}, 301, "fr"),
    ("GET", "/en", {}, 301, "en"),
    ("GET", "//en/", {}, 301, "en"),
    ("GET", "/EN/", {}, 301, "en"),
    ("GET", "/", {"Accept-Language": "en"}, 302, "en"),
    ("GET", "/en/unknown-page/", {}, 404, "en"),
    ("GET", "/static/nope.css", {}, 404, "fr"),
    ("POST", "/en/", {}, 405, "en"),
    ("GET", "/en/", {"Host": "evil.example"}, 400, "en"),
    ("GET", "/static/site.css", {"Range": "bytes=5-1"}, 416, "fr"),
    ("HEAD", "/en/", {}, 200, "en"),
    ("OPTIONS", "/en/", {}, 200, "en"),
]


@pytest.mark.parametrize(("method", "path", "headers", "status", "lang"), STATUSES)
def test_every_status_says_its_language_and_carries_the_header_set(
        site, method, path, headers, status, lang):
    answer = call(site, environ(method, path, headers))
    assert answer.status == status
    assert answer.header.get("content-language") == lang
    assert_safe(answer)
    if method == "HEAD":
        assert answer.body == b""


@pytest.mark.parametrize(("path", "accept", "lang"), [
    ("/xx/", "en", "en"), ("/xx/", "fr", "fr"), ("/", "en", "en"),
])
def test_a_negotiated_response_varies_with_accept_language(site, path, accept, lang):
    answer = call(site, environ("GET", path, {"Accept-Language": accept}))
    assert answer.header["content-language"] == lang
    assert "Accept-Language" in answer.header["vary"]


def test_a_response_whose_language_is_in_its_url_does_not_vary(site):
    answer = call(site, environ("GET", "/en/unknown-page/", {"Accept-Language": "fr"}))
    assert "vary" not in answer.header


# Concurrency: one app, many threads, languages alternating.
MIX = [("/fr/", "fr"), ("/en/", "en"), ("/fr/mentions-legales/", "fr"),
       ("/en/legal-notice/", "en"), ("/fr/page-inconnue/", "fr"), ("/en/unknown-page/", "en")]


def test_concurrent_requests_never_leak_a_language_into_another_response(site):
    """8 threads x 200 requests on one app, every other one below the page cache (so that
    Flask renders it), each asking in the other language's Accept-Language."""
    threads, rounds = 8, 200
    failures: list[str] = []
    barrier = threading.Barrier(threads)

    def worker(offset: int) -> None:
        barrier.wait()
        for n in range(rounds):
            path, lang = MIX[(n + offset) % len(MIX)]
            other = "fr" if lang == "en" else "en"
            answer = call(site, environ("GET", path, {"Accept-Language": other}),
                          below_cache=n % 2 == 0)
            html_lang = re.search(r'<html lang="([^"]*)"', answer.text)
            shown = (answer.header.get("content-language"), html_lang and html_lang[1])
            if shown != (lang, lang):
                failures.append(f"{path}: {shown}")

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    assert failures == []
