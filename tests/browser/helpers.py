"""Shared pieces of the browser tests: live server, crawler, viewports, report helpers."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import yaml
from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

from app.config import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = "chromium not found: run bin/setup --test as root"
# Playwright adds the headless and sandbox flags itself; these keep the browser off the network.
LAUNCH_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
]
ARTIFACTS = PROJECT_ROOT / "artifacts"

# Name -> new_context() options. 200 % zoom: half the CSS pixels of 1280x800, at scale 2.
VIEWPORTS = {
    "320x640": {"viewport": {"width": 320, "height": 640}},
    "1280x800": {"viewport": {"width": 1280, "height": 800}},
    "zoom200": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}
SCHEMES = ("light", "dark")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# The address of a page that does not exist, per language ("page-inexistante" by default).
MISSING = {"fr": "page-inexistante", "en": "missing-page"}
# Every page type the site has; the crawl must find each one in every language.
KINDS = ("home", "announcement", "statement", "legal", "sitemap", "404")


class QuietHandler(WSGIRequestHandler):
    """No access log on the test output (errors are still logged)."""

    def log_request(self, code="-", size="-") -> None:
        pass


class LiveServer:
    """A Flask app served on 127.0.0.1, on a free port, from a background thread."""

    def __init__(self, app: Flask):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True,
                                  request_handler=QuietHandler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True,
                                       name=f"live-server-{self.server.server_port}")

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    def __call__(self, path: str) -> str:
        return urljoin(self.url, path)


@dataclass
class SitePage:
    """One page found by the crawl, with its served HTML."""

    url: str
    path: str
    lang: str
    kind: str
    status: int
    html: str = field(repr=False)

    @property
    def name(self) -> str:
        """A short, file-name-safe identifier: `fr-home`, `en-announcement-slug`, ..."""
        slug = self.path.strip("/").split("/")[1:] or [""]
        tail = slug[0] if self.kind == "announcement" else ""
        return "-".join(part for part in (self.lang, self.kind, tail) if part)


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(html: str) -> list[str]:
    parser = LinkParser()
    parser.feed(html)
    return parser.hrefs


def fetch(url: str) -> tuple[int, str, str]:
    """GET `url` without following redirects: (status, content type, body)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            kind = response.headers.get_content_type()
            return response.status, kind, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        with error:
            kind = error.headers.get_content_type()
            return error.code, kind, error.read().decode("utf-8", "replace")


def page_kind(app: Flask, lang: str, path: str, status: int) -> str:
    """What a path is, asked of the site itself (never from the look of the URL)."""
    if status == 404:
        return "404"
    if path == f"/{lang}/":
        return "home"
    slug = path.strip("/").split("/")[1]
    found = app.extensions["site"].resolve(lang, slug)
    return found[0].kind if found else "unknown"


def page_key(app: Flask, lang: str, path: str) -> tuple[str, str] | None:
    """(kind, announcement slug) of a path: the same on a page's versions in all languages."""
    if path == f"/{lang}/":
        return ("home", "")
    parts = path.strip("/").split("/")
    if len(parts) != 2:
        return None
    found = app.extensions["site"].resolve(lang, parts[1])
    return (found[0].kind, found[0].slug) if found else None


def crawl(server: LiveServer) -> tuple[list[SitePage], list[str]]:
    """Every HTML page reachable from each language's home through links that stay under
    /<lang>/, then a missing page per language. Returns the pages and the broken links
    (other documents linked under /<lang>/, feeds or files, are only checked to answer)."""
    languages = server.app.config["LANGUAGES"]
    host = urlsplit(server.url).netloc
    pages: list[SitePage] = []
    broken: list[str] = []
    for lang in languages:
        queue, seen = [f"/{lang}/"], {f"/{lang}/"}
        while queue:
            path = queue.pop(0)
            status, kind, html = fetch(server(path))
            if status != 200:
                broken.append(f"{path}: HTTP {status}")
                continue
            if kind != "text/html":
                continue
            pages.append(SitePage(server(path), path, lang, page_kind(server.app, lang, path,
                                                                       status), status, html))
            for href in links_of(html):
                target = urlsplit(urldefrag(urljoin(server(path), href)).url)
                if target.scheme != "http" or target.netloc != host:
                    continue
                if target.path.startswith(f"/{lang}/") and target.path not in seen:
                    seen.add(target.path)
                    queue.append(target.path)
        missing = f"/{lang}/{MISSING.get(lang, 'page-inexistante')}/"
        status, _, html = fetch(server(missing))
        if status != 404:
            broken.append(f"{missing}: HTTP {status}, expected 404")
        pages.append(SitePage(server(missing), missing, lang, "404", status, html))
    return pages, broken


def one_per_kind(pages: list[SitePage]) -> list[SitePage]:
    """The first page of each (language, kind)."""
    chosen: dict[tuple[str, str], SitePage] = {}
    for page in pages:
        chosen.setdefault((page.lang, page.kind), page)
    return list(chosen.values())


# Aria snapshots: `- role "name" [attr=value]: children`, as YAML.
NODE = re.compile(r'^(?P<role>[a-z]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?P<attrs>(?: \[[^\]]*\])*)$')


@dataclass
class AriaNode:
    role: str
    name: str
    attrs: dict[str, str]
    children: list[AriaNode]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def parse_aria(snapshot: str) -> list[AriaNode]:
    """An aria snapshot (Playwright's YAML) as a tree of nodes; text and /url are dropped."""

    def node(key: str, value) -> AriaNode | None:
        match = NODE.match(key.strip())
        if not match or key.startswith("/"):
            return None
        attrs = dict(
            [*part.split("=", 1), "true"][:2]
            for part in re.findall(r"\[([^\]]*)\]", match.group("attrs") or "")
        )
        name = (match.group("name") or "").replace('\\"', '"')
        return AriaNode(match.group("role"), name, attrs, nodes(value))

    def nodes(items) -> list[AriaNode]:
        found = []
        for item in items if isinstance(items, list) else []:
            if isinstance(item, str):
                parsed = node(item, None)
            elif isinstance(item, dict):
                (key, value), = item.items()
                parsed = node(str(key), value)
            else:
                parsed = None
            if parsed:
                found.append(parsed)
        return found

    return nodes(yaml.safe_load(snapshot))


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: tuple[float, float, float], two: tuple[float, float, float]) -> float:
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def parse_rgb(css: str) -> tuple[float, float, float]:
    """`rgb(1, 2, 3)` or `rgba(1, 2, 3, 1)` as a triple."""
    numbers = re.findall(r"[\d.]+", css)
    return float(numbers[0]), float(numbers[1]), float(numbers[2])


NODE_TOOLS = PROJECT_ROOT / "node"
NODE_MISSING = "node tools missing: run bin/setup --test (npm ci in node/)"


def run_node(script: str, *arguments: str, timeout: float = 600) -> list[dict]:
    """Run one of node/*.mjs (Lighthouse, pa11y) on Debian's chromium; its JSON lines."""
    if shutil.which("node") is None or not (NODE_TOOLS / "node_modules").is_dir():
        raise AssertionError(NODE_MISSING)
    done = subprocess.run(["node", str(NODE_TOOLS / script), *arguments], cwd=NODE_TOOLS,
                          env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
                          capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise AssertionError(f"node {script} failed ({done.returncode}): {done.stderr[-2000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
