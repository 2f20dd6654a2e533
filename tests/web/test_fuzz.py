"""Property-based fuzzing of raw paths, methods and headers through the WSGI environ.

Whatever arrives: never a 5xx, the header set always, a HEAD body always empty, a Location
always a path of this site. Environs are built by hand (PATH_INFO as the latin-1 string a
server passes, percent-decoded or not) and given to the whole WSGI stack, page cache included.
200 examples a property while developing, 2,000 under CI=true, derandomized (conftest.py).
"""

from __future__ import annotations

from urllib.parse import quote_from_bytes

from hypothesis import given
from hypothesis import strategies as st

from app.web.i18n import negotiate
from tests.web.test_security import assert_safe, call, environ

LATIN_1 = st.characters(min_codepoint=0, max_codepoint=255)
HEADER_TEXT = st.text(LATIN_1, max_size=300)
# Segments that mean something to the site, or to an attacker.
SEGMENTS = st.sampled_from([
    "", "fr", "en", "FR", "En", "fr-FR", "en_GB", "de", "xx", "und", "root", "zh-Hant-TW",
    "ｆｒ", "static", "site.css", "favicon.svg", "site.0123abcd.css", "sitemap.xml",
    "robots.txt", "feed.xml", "salon-du-numerique-2024", "accessibilite", "accessibility",
    "mentions-legales", "legal-notice", "plan-du-site", "site-map", "..", ".", "%2e%2e",
    "..%2f", "%00", "\x00", "%ff", "\xff", "%c0%af", "\\", "evil.example", "<script>",
    "%0d%0aSet-Cookie:x", "\r\n", "\t", "a" * 300, "?", "#", ";", "%", "%%", "%zz",
])
STRUCTURED = st.builds(
    lambda lead, parts, tail: lead + "/".join(parts) + tail,
    st.sampled_from(["/", "//", "///", "/\\", "\\"]),
    st.lists(SEGMENTS, max_size=5),
    st.sampled_from(["", "/", "//", "?q=1", "/?next=//evil.example"]),
)
PATHS = st.one_of(
    STRUCTURED,
    st.text(LATIN_1, max_size=120).map(lambda text: "/" + text),
    st.binary(max_size=80).map(lambda raw: "/" + quote_from_bytes(raw, safe="/")),
)
METHODS = st.one_of(
    st.sampled_from(["GET", "GET", "GET", "HEAD", "HEAD", "OPTIONS", "POST", "PUT", "DELETE",
                     "PATCH", "TRACE", "CONNECT", "PROPFIND"]),
    st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=12),
)
HOSTS = st.one_of(
    st.sampled_from(["localhost", "127.0.0.1:5000", "localhost:80", "evil.example",
                     "evil.example:8080", "", "localhost.evil.example", "[::1]", "LOCALHOST"]),
    HEADER_TEXT,
)
HEADERS = st.fixed_dictionaries({}, optional={
    "Host": HOSTS,
    "Accept-Language": st.one_of(
        HEADER_TEXT,
        st.lists(st.sampled_from(["fr", "en", "de", "en-GB", "*", "fr;q=0.5", "en;q=x",
                                  "en;q=1e9", ";q=", ",", "zh-Hant-TW"]), max_size=8)
        .map(", ".join)),
    "If-None-Match": st.one_of(HEADER_TEXT, st.just("*"), st.just('W/"x", "y"')),
    "If-Modified-Since": st.one_of(HEADER_TEXT, st.just("Sat, 01 Jan 2000 00:00:00 GMT")),
    "Range": st.one_of(HEADER_TEXT, st.sampled_from(["bytes=0-10", "bytes=-5", "bytes=5-1",
                                                     "bytes=0-0,2-3", "bytes=99999999-"])),
    "Accept-Encoding": HEADER_TEXT,
    "Cookie": HEADER_TEXT,
    "X-Forwarded-Host": HEADER_TEXT,
    "X-Forwarded-Proto": st.sampled_from(["https", "javascript", ""]),
    "Content-Length": st.sampled_from(["0", "1", "20000", "-1", "abc", "99999999999999"]),
    "Transfer-Encoding": st.sampled_from(["chunked", "gzip", ""]),
})


def check(site, method: str, path: str, headers: dict, raw: bool) -> None:
    """One request: no 5xx, the header set, an empty HEAD body, a same-site Location."""
    env = environ(method, path, headers)
    if raw:  # the path as sent, not percent-decoded (its UTF-8 bytes where not latin-1)
        target = path.partition("?")[0]
        try:
            env["PATH_INFO"] = target.encode("latin-1").decode("latin-1")
        except UnicodeEncodeError:
            env["PATH_INFO"] = target.encode("utf-8").decode("latin-1")
    answer = call(site, env)
    assert answer.status < 500, (method, path, headers)
    assert_safe(answer)
    if env["REQUEST_METHOD"].upper() == "HEAD":
        assert answer.body == b""


@given(method=METHODS, path=PATHS, headers=HEADERS, raw=st.booleans())
def test_any_request_gets_the_header_set_and_never_a_server_error(site, method, path, headers,
                                                                    raw):
    check(site, method, path, headers, raw)


@given(path=STRUCTURED, lang=st.sampled_from(["fr", "en"]))
def test_a_page_read_by_head_or_get_answers_alike_without_a_body_for_head(site, path, lang):
    get = call(site, environ("GET", path, {"Accept-Language": lang}))
    head = call(site, environ("HEAD", path, {"Accept-Language": lang}))
    assert head.status == get.status
    assert head.body == b""
    assert head.header.get("location") == get.header.get("location")
    assert head.header.get("content-language") == get.header.get("content-language")


@given(header=st.one_of(HEADER_TEXT, st.tuples(HEADER_TEXT, st.integers(1, 200)).map(
    lambda repeated: repeated[0] * repeated[1])))
def test_negotiation_always_picks_a_site_language(header):
    assert negotiate(header, ["fr", "en"]) in ("fr", "en")
    assert negotiate(header, ["en", "fr", "de"]) in ("fr", "en", "de")
