"""A kept page and its representations: identity, gzip, brotli; strong ETags; the coding a
request accepts (Accept-Encoding) and whether it already has our bytes (If-None-Match)."""

from __future__ import annotations

import gzip
import hashlib
from functools import lru_cache

from werkzeug.http import parse_accept_header, parse_etags

try:  # optional: without it, gzip alone
    import brotli
except ImportError:  # pragma: no cover - brotli is a dependency, but the layer does without
    brotli = None

# Headers recomputed per representation, or that would be wrong when replayed later.
DROPPED = frozenset({"content-length", "etag", "vary", "content-encoding", "last-modified",
                     "expires", "date", "accept-ranges", "x-annonces-cacheable"})
# What a 304 leaves out of the 200's headers (RFC 9110 15.4.5: no representation metadata
# beyond the validators and caching fields; Content-Language is kept on purpose).
NOT_IN_304 = frozenset({"content-length", "content-type", "content-encoding"})
COMPRESSIBLE = ("text/", "application/xml", "application/atom+xml", "application/json",
                "application/javascript", "image/svg+xml")
MIN_COMPRESSED_SIZE = 256  # smaller bodies gain nothing from a content coding
# A longer Accept-Encoding is no browser's: served identity (always acceptable) unparsed.
ACCEPT_ENCODING_LIMIT = 1024
CODINGS = ("br", "gzip") if brotli is not None else ("gzip",)


class Variant:
    """One representation of a page: its bytes and the headers of its 200 and 304."""

    __slots__ = ("body", "etag", "headers", "not_modified")

    def __init__(self, body: bytes, etag: str, headers: list[tuple[str, str]]):
        self.body = body
        self.etag = etag  # unquoted
        self.headers = headers
        self.not_modified = [(k, v) for k, v in headers if k.lower() not in NOT_IN_304]


class Entry:
    """A page's bytes, identity first, compressed on the first request that accepts it."""

    __slots__ = ("compressible", "digest", "generation", "headers", "status", "variants")

    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes,
                 generation: int):
        self.status = status
        self.generation = generation
        self.headers = [(k, v) for k, v in headers if k.lower() not in DROPPED]
        content_type = next((v for k, v in self.headers if k.lower() == "content-type"), "")
        self.compressible = (content_type.startswith(COMPRESSIBLE)
                             and len(body) >= MIN_COMPRESSED_SIZE)
        self.digest = hashlib.sha256(body).hexdigest()
        self.variants = {"identity": self._variant(body, "identity", self.digest)}

    def _variant(self, body: bytes, coding: str, etag: str) -> Variant:
        headers = [*self.headers, ("Vary", "Accept-Encoding"), ("ETag", f'"{etag}"')]
        if coding != "identity":
            headers.append(("Content-Encoding", coding))
        headers.append(("Content-Length", str(len(body))))
        return Variant(body, etag, headers)

    def variant(self, coding: str) -> Variant:
        """The representation in `coding`; identity when compressing does not pay."""
        found = self.variants.get(coding)
        if found is None:
            identity = self.variants["identity"]
            found = identity
            if self.compressible:
                body = compress(identity.body, coding)
                if len(body) < len(identity.body):
                    # Another representation, another strong validator (RFC 9110 8.8.3).
                    found = self._variant(body, coding, f"{self.digest}-{coding}")
            self.variants[coding] = found  # a race compresses twice, harmlessly
        return found


# Brotli at quality 11 is most of an export's time: a re-export in the same process (the
# tests, an operator's second `freeze` from a shell) compresses only the files that changed.
@lru_cache(maxsize=256)
def compress(body: bytes, coding: str) -> bytes:
    """Deterministic bytes: the same on every worker and after a restart."""
    if coding == "br":
        return bytes(brotli.compress(body, quality=11))
    return gzip.compress(body, compresslevel=9, mtime=0)


def accepted(header: str) -> dict[str, float]:
    """Accept-Encoding as {coding: q} for the codings we have, identity and `*`, as Werkzeug
    parses it (a malformed q-value drops its item: that coding is then not acceptable)."""
    parsed = parse_accept_header(header)
    listed = {value.lower(): quality for value, quality in reversed(list(parsed))}
    if "gzip" not in listed and "x-gzip" in listed:
        listed["gzip"] = listed["x-gzip"]
    return {name: quality for name, quality in listed.items()
            if name in (*CODINGS, "identity", "*")}


def choose_coding(header: str | None, codings: tuple[str, ...] = CODINGS) -> str:
    """The content coding to send: the best-rated one we have, brotli before gzip on a tie;
    identity when none is acceptable, or when identity is explicitly rated higher."""
    if not header or len(header) > ACCEPT_ENCODING_LIMIT:
        return "identity"  # absent: no preference; empty: no coding wanted
    ratings = accepted(header)
    anything = ratings.get("*")
    best, best_q = "identity", 0.0
    for coding in codings:
        quality = ratings.get(coding, anything if anything is not None else 0.0)
        if quality > best_q:
            best, best_q = coding, quality
    if best != "identity" and ratings.get("identity", 0.0) > best_q:
        return "identity"
    return best


def matches(if_none_match: str, etag: str) -> bool:
    """If-None-Match against our (unquoted) tag, with the weak comparison of RFC 9110."""
    return parse_etags(if_none_match).contains_weak(etag)
