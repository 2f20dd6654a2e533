"""Weight of every page on a first visit, and its EcoIndex (the State's eco-design score).

Requests and DOM size are taken in the browser. The development server does not compress,
so the transferred size is what a gzip server would send: each response's headers plus its
body gzipped (level 6, the common server default) when it is text. Run with `-s` to see the
table; it is also written to artifacts/weight.json.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import threading
import warnings

from ecoindex.compute import compute_ecoindex

from .helpers import ARTIFACTS

FIRST_VIEW_BYTES = 14 * 1024  # what the first TCP round trips carry (initcwnd 10)
FIRST_VIEW_REQUESTS = 3  # the page, its stylesheet, its icon
TEXT_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")
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


def transferred(response) -> tuple[int, int]:
    """(bytes on the wire with gzip, raw body bytes) of one response."""
    body = response.body()
    kind = response.headers.get("content-type", "")
    wire = len(gzip.compress(body, compresslevel=6)) if kind.startswith(TEXT_TYPES) else len(
        body)
    return response.request.sizes()["responseHeadersSize"] + wire, len(body)


def measure(browser, site_page) -> dict:
    """A first visit in a fresh context (empty cache): requests, bytes, DOM, scripts."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(site_page.url, wait_until="load")
        page.wait_for_load_state("networkidle")
        wire = raw = 0
        for response in responses:
            size, body = transferred(response)
            wire, raw = wire + size, raw + body
        return {
            "url": site_page.url,
            "path": site_page.path,
            "requests": len(responses),
            "bytes": wire,
            "raw_bytes": raw,
            "dom": page.evaluate("document.getElementsByTagName('*').length"),
            "scripts": page.evaluate(EXECUTABLE_SCRIPTS),
            "data_blocks": page.locator("script").count() - len(page.evaluate(
                EXECUTABLE_SCRIPTS)),
            "script_requests": [r.url for r in responses if r.request.resource_type == "script"],
            "types": [r.request.resource_type for r in responses],
        }
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
    print(f"\n{'page':<32} {'req':>3} {'gzip B':>6} {'raw B':>6} {'dom':>4} {'eco':>4} grade"
          " data-blocks")
    for row in rows:
        print(f"{row['path']:<32} {row['requests']:>3} {row['bytes']:>6} {row['raw_bytes']:>6} "
              f"{row['dom']:>4} {row['ecoindex']:>4} {row['grade']:<5} {row['data_blocks']}")

    for row in rows:
        where = row["url"]
        assert row["types"][0] == "document", where
        assert row["grade"] == "A", f"{where}: EcoIndex {row['ecoindex']} ({row['grade']})"
        assert row["requests"] <= FIRST_VIEW_REQUESTS, f"{where}: {row['types']}"
        assert row["bytes"] <= FIRST_VIEW_BYTES, f"{where}: {row['bytes']} bytes > 14 KB"
        assert not row["script_requests"], f"{where}: JavaScript {row['script_requests']}"
        assert not row["scripts"], f"{where}: <script> element(s) {row['scripts']}"
