"""Weight of every page on a first and a repeat visit, and its EcoIndex (the State's
eco-design score).

Bytes are what Chromium actually received (CDP `encodedDataLength`: headers and the body as
the server compressed it), requests what went to the network. Run with `-s` to see the table;
it is also written to artifacts/weight.json.
"""

from __future__ import annotations

import asyncio
import json
import threading
import warnings

from ecoindex.compute import compute_ecoindex

from .helpers import ARTIFACTS

HTML_BYTES = 14 * 1024  # the page itself, compressed: what the first round trips carry
FIRST_VIEW_BYTES = 250 * 1024  # the page, its stylesheet, the Marianne weights, the icon
FIRST_VIEW_REQUESTS = 8
REPEAT_VIEW_BYTES = 14 * 1024  # everything but the page is fingerprinted and immutable
# <script> elements a browser would run: no type, a JavaScript MIME type, or a module.
# Data blocks (JSON-LD: type="application/ld+json") are not JavaScript and never run.
EXECUTABLE_SCRIPTS = r"""() => [...document.querySelectorAll("script")].filter(script => {
  const type = (script.getAttribute("type") ?? "").trim().toLowerCase();
  return type === "" || type === "module" ||
         /^(text|application)\/(x-)?(java|ecma)script$|^text\/(jscript|livescript)$/.test(type);
}).map(script => script.outerHTML.slice(0, 80))"""


def ecoindex(dom: int, requests: int, size_kb: float):
    """compute_ecoindex is a coroutine; Playwright's sync API already runs an event loop in
    this thread, so it runs in its own thread and loop."""
    found = {}

    def run():
        with warnings.catch_warnings():
            # ecoindex-compute 5.10 calls its own deprecated get_ecoindex internally.
            warnings.filterwarnings("ignore", category=DeprecationWarning,
                                    message=".*compute_ecoindex.*")
            found["result"] = asyncio.run(compute_ecoindex(nodes=dom, size=size_kb,
                                                           requests=requests))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return found["result"]


class Network:
    """What went over the network for one tab, from Chromium's own accounting (CDP)."""

    def __init__(self, page):
        self.requests: dict[str, dict] = {}
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        session.on("Network.responseReceived", self._response)
        session.on("Network.loadingFinished", self._finished)

    def _response(self, event) -> None:
        response = event["response"]
        if response["url"].startswith("data:"):
            return  # inlined in the stylesheet: no request
        self.requests[event["requestId"]] = {
            "type": event["type"].lower(), "url": response["url"],
            "encoding": {k.lower(): v for k, v in response["headers"].items()}.get(
                "content-encoding", ""),
            "cached": response.get("fromDiskCache", False) or response.get(
                "fromPrefetchCache", False), "bytes": 0}

    def _finished(self, event) -> None:
        if event["requestId"] in self.requests:
            self.requests[event["requestId"]]["bytes"] = event["encodedDataLength"]

    def reset(self) -> list[dict]:
        seen = [r for r in self.requests.values() if not r["cached"]]
        self.requests = {}
        return seen


def measure(browser, site_page) -> dict:
    """A first visit in a fresh context (empty cache), then a repeat visit of the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        network = Network(page)
        page.goto(site_page.url, wait_until="load")
        page.wait_for_load_state("networkidle")
        first = network.reset()
        row = {
            "url": site_page.url,
            "path": site_page.path,
            "requests": len(first),
            "bytes": sum(r["bytes"] for r in first),
            "html_bytes": sum(r["bytes"] for r in first if r["type"] == "document"),
            "dom": page.evaluate("document.getElementsByTagName('*').length"),
            "scripts": page.evaluate(EXECUTABLE_SCRIPTS),
            "script_requests": [r["url"] for r in first if r["type"] == "script"],
            "types": [r["type"] for r in first],
            "uncompressed_text": [r["url"] for r in first if (
                r["type"] == "stylesheet" or r["url"].split("?")[0].endswith(".svg"))
                and r["encoding"] not in ("br", "gzip", "zstd")],
        }
        page.goto("about:blank")
        page.goto(site_page.url, wait_until="load")
        page.wait_for_load_state("networkidle")
        repeat = network.reset()
        row.update(repeat_requests=len(repeat), repeat_bytes=sum(r["bytes"] for r in repeat))
        return row
    finally:
        context.close()


def test_weight_and_ecoindex(site_pages, browser):
    rows = []
    for site_page in site_pages:
        row = measure(browser, site_page)
        score = ecoindex(row["dom"], row["requests"], row["bytes"] / 1024)
        row.update(ecoindex=score.score, grade=score.grade.value, ges=score.ges,
                   water=score.water)
        rows.append(row)

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "weight.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"\n{'page':<32} {'req':>3} {'first B':>7} {'html B':>6} {'again B':>7} {'dom':>4}"
          f" {'eco':>4} grade")
    for row in rows:
        print(f"{row['path']:<32} {row['requests']:>3} {row['bytes']:>7} {row['html_bytes']:>6} "
              f"{row['repeat_bytes']:>7} {row['dom']:>4} {row['ecoindex']:>4} {row['grade']}")

    for row in rows:
        where = row["url"]
        assert row["types"][0] == "document", where
        assert row["grade"] == "A", f"{where}: EcoIndex {row['ecoindex']} ({row['grade']})"
        assert row["html_bytes"] <= HTML_BYTES, f"{where}: HTML {row['html_bytes']} bytes"
        assert row["requests"] <= FIRST_VIEW_REQUESTS, f"{where}: {row['types']}"
        assert row["bytes"] <= FIRST_VIEW_BYTES, f"{where}: {row['bytes']} bytes > 250 KB"
        assert row["repeat_bytes"] <= REPEAT_VIEW_BYTES, f"{where}: again {row['repeat_bytes']}"
        assert not row["uncompressed_text"], f"{where}: sent uncompressed"
        assert not row["script_requests"], f"{where}: JavaScript {row['script_requests']}"
        assert not row["scripts"], f"{where}: <script> element(s) {row['scripts']}"
