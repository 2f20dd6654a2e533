"""Does the site hold at 1,000 announcements? One run, figures against targets.

    .venv/bin/python bench/scale.py [--announcements 1000] [--keep DIR]

Generates a synthetic site (the shipped announcement's body and front matter under 1,000
slugs and dates, every one translated into English in its content catalog) in a temporary
folder, then measures, each in a fresh Python process:
  - start-up: imports + create_app + the first request (target <= 3 s);
  - `freeze` of the whole site, 2,000 announcement pages, their 2,000 PDFs and the rest:
    first with an empty PDF cache and no previous export (every PDF, share card and .gz/.br
    twin made), then again with the PDF cache the first one left and the first export live
    (every PDF reused; share cards and twins of unchanged files taken from the previous
    export), which is what a daily export costs (target <= 60 s: the repeated export, and the
    next one after an announcement was edited; the first is printed against it too);
  - resident memory after every page of both languages was requested, the server reading
    the PDFs the export left in the shared cache (PDF_CACHE_DIR) (target <= 250 MB);
  - the press release PDFs of a server without that cache, made lazily then kept: the first
    request of an announcement page (page and PDF) against the next ones, each PDF's size
    (target <= 150 KB);
  - the cost of a request for an announcement, cached bytes through the whole WSGI stack,
    relative to the same request on the shipped one-page site (target <= 1.2x).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = ROOT / ".venv" / "bin" / "python"
SEED = ROOT / "content" / "2024-04-04-vivatechnology-2024.md"

TARGETS = {"startup_s": 3.0, "rss_mb": 250.0, "pdf_kb": 150.0, "freeze_s": 60.0,
           "request_ratio": 1.2}


def generate(folder: Path, count: int) -> None:
    """content/ and translations/ of a synthetic site of `count` announcements."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from app.site import Settings
    from app.translation.pot import extract_content

    content = folder / "content"
    content.mkdir(parents=True)
    seed = SEED.read_text(encoding="utf-8")
    head, _, body = seed.partition("\n---\n")
    first = date(2020, 1, 1)
    for number in range(count):
        day = first + timedelta(days=number)
        front = head.replace("VivaTechnology 2024 : l’État français",
                             f"Annonce {number} : l’État français")
        front = front.replace("date: 2024-04-04 16:31:00 +02:00",
                              f"date: {day.isoformat()} 10:00:00 +02:00")
        text = f"{front}\nslug: annonce-{number:04d}\n---\n" + body.replace(
            "Pour simplifier", f"Pour simplifier (annonce {number})")
        (content / f"{day.isoformat()}-annonce-{number:04d}.md").write_text(text,
                                                                            encoding="utf-8")
    translations = folder / "translations"
    shutil.copytree(ROOT / "translations", translations,
                    ignore=shutil.ignore_patterns("content.po", "content.pot"))
    settings = Settings(languages=("fr", "en"), content_dir=str(content),
                        translations_dir=str(translations), preview=False,
                        timezone="Europe/Paris", max_bytes=2 * 1024 * 1024)
    template = extract_content(settings)
    english = Catalog(locale="en", domain="content", fuzzy=False)
    for message in template:
        if message.id:
            english.add(message.id, f"[en] {message.id}", context=message.context)
    buffer = io.BytesIO()
    write_po(buffer, english, width=79)
    (translations / "en" / "LC_MESSAGES" / "content.po").write_bytes(buffer.getvalue())


def edit_one(folder: Path, number: int) -> None:
    """Change a sentence of announcement `number` (its English translation then lags)."""
    path = next((folder / "content").glob(f"*-annonce-{number:04d}.md"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"(annonce {number})", f"(annonce {number}, modifiée)"),
                    encoding="utf-8")


def run(code: str, env: dict) -> dict:
    """Run a measurement in a fresh interpreter; it prints one JSON object."""
    result = subprocess.run([str(PYTHON), "-c", textwrap.dedent(code)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"measurement failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


STARTUP = """
import time
started = time.perf_counter()
from app import create_app
app = create_app({"PRODUCTION": True})
response = app.test_client().get("/fr/")
assert response.status_code == 200, response.status_code
elapsed = time.perf_counter() - started
import json
print(json.dumps({"startup_s": elapsed}))
"""

MEMORY = """
import json
from app import create_app
app = create_app({"PRODUCTION": True})
site = app.extensions["site"]
client = app.test_client()
paths = [f"/{lang}/" for lang in ("fr", "en")]
paths += [f"/{lang}/{slug}/" for lang in ("fr", "en") for slug in site.order]
for path in paths:
    assert client.get(path).status_code == 200, path
for path in paths[:50]:
    client.get(path, headers={"Accept-Encoding": "gzip, br"})
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
rss = int(status["VmRSS"].split()[0]) / 1024
peak = int(status["VmHWM"].split()[0]) / 1024
print(json.dumps({"rss_mb": rss, "peak_mb": peak, "pages": len(paths),
                  "cached": len(app.extensions["page_cache"])}))
"""

PDFS = """
import json, statistics, time
from app import create_app
app = create_app({"PRODUCTION": True})
client = app.test_client()
slugs = app.extensions["site"].order[:%(count)d]
started = time.perf_counter()
client.get(f"/fr/{slugs[0]}/")
warm = time.perf_counter() - started  # WeasyPrint's import and fonts: once per process
first, again, pdf, sizes = [], [], [], []
for slug in slugs[1:]:
    for timings, path in ((first, f"/fr/{slug}/"), (again, f"/fr/{slug}/"),
                          (pdf, f"/fr/{slug}/{slug}-fr.pdf")):
        started = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, path
    sizes.append(len(response.data))
print(json.dumps({"warm_s": warm, "first_ms": statistics.median(first) * 1e3,
                  "again_ms": statistics.median(again) * 1e3,
                  "pdf_ms": statistics.median(pdf) * 1e3, "pdf_kb": max(sizes) / 1024,
                  "count": len(sizes)}))
"""

FREEZE = """
import json, time
from app import create_app
from app.export.freeze import freeze
app = create_app({"PRODUCTION": True})
started = time.perf_counter()
export = freeze(app, %(destination)r)
elapsed = time.perf_counter() - started
pages = sum(1 for url in export.urls if url.endswith("/"))
pdfs = sum(1 for url in export.urls if url.endswith(".pdf"))
print(json.dumps({"freeze_s": elapsed, "urls": len(export.urls), "pages": pages,
                  "pdfs": pdfs, "files": export.files, "made": export.pdfs.made,
                  "reused": export.pdfs.reused, "workers": export.pdfs.workers,
                  "pdf_s": export.pdfs.seconds, "compressed": export.compressed,
                  "twins_reused": export.reused, "cards_reused": export.cards_reused}))
"""

REQUEST = """
import json, time
from werkzeug.test import EnvironBuilder
from app import create_app
app = create_app({"PRODUCTION": True})
path = app.extensions["site"].order[%(index)d]
path = f"/fr/{path}/"
environ = EnvironBuilder(path=path, headers={"Host": "localhost"}).get_environ()
def start_response(status, headers, exc_info=None):
    assert status.startswith("200"), status
for _ in range(100):
    b"".join(app(dict(environ), start_response))
timings = []
for _ in range(7):
    started = time.perf_counter()
    for _ in range(%(count)d):
        b"".join(app(dict(environ), start_response))
    timings.append((time.perf_counter() - started) / %(count)d)
print(json.dumps({"request_us": min(timings) * 1e6, "path": path}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--announcements", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="generate the site into this folder")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="annonces-scale-"))
    try:
        generate(folder, args.announcements)
        env = {**os.environ, "FLASK_CONTENT_DIR": str(folder / "content"),
               "FLASK_TRANSLATIONS_DIR": str(folder / "translations"),
               "FLASK_PRODUCTION": "1"}
        for name in ("FLASK_DEBUG", "FLASK_PDF_CACHE_DIR"):
            env.pop(name, None)
        shared = {**env, "FLASK_PDF_CACHE_DIR": str(folder / "pdf-cache")}
        shipped = {**os.environ, "FLASK_PRODUCTION": "1"}
        for name in ("FLASK_DEBUG", "FLASK_CONTENT_DIR", "FLASK_TRANSLATIONS_DIR"):
            shipped.pop(name, None)

        print(f"synthetic site: {args.announcements} announcements x 2 languages in {folder}")
        startups = [run(STARTUP, env)["startup_s"] for _ in range(3)]
        small_startup = run(STARTUP, shipped)["startup_s"]
        frozen = run(FREEZE % {"destination": str(folder / "export")}, shared)
        again = run(FREEZE % {"destination": str(folder / "export")}, shared)
        edit_one(folder, args.announcements // 2)  # the next day: one announcement edited
        edited = run(FREEZE % {"destination": str(folder / "export")}, shared)
        memory = run(MEMORY, shared)
        pdfs = run(PDFS % {"count": min(21, args.announcements)}, env)
        big, small = [], []
        for _ in range(3):  # alternate: the machine's speed drifts
            big.append(run(REQUEST % {"index": args.announcements // 2, "count": 20000},
                           env)["request_us"])
            small.append(run(REQUEST % {"index": 0, "count": 20000}, shipped)["request_us"])
        figures = {
            "startup_s": statistics.median(startups),
            "rss_mb": memory["rss_mb"],
            "pdf_kb": pdfs["pdf_kb"],
            "freeze_s": max(again["freeze_s"], edited["freeze_s"]),
            "request_ratio": statistics.median(big) / statistics.median(small),
        }
        print(f"start-up (imports + create_app + first request): "
              f"{figures['startup_s']:.2f} s (median of 3; one-page site {small_startup:.2f} s)")
        print(f"resident memory after {memory['pages']} pages requested "
              f"({memory['cached']} cached): {memory['rss_mb']:.0f} MB "
              f"(peak {memory['peak_mb']:.0f} MB)")
        print(f"PDF, made on the first request of its page: page and PDF "
              f"{pdfs['first_ms']:.0f} ms, the page again {pdfs['again_ms']:.1f} ms, the PDF "
              f"then {pdfs['pdf_ms']:.1f} ms (medians of {pdfs['count']}; WeasyPrint's import "
              f"and fonts {pdfs['warm_s']:.1f} s once); largest PDF {pdfs['pdf_kb']:.0f} KB")
        print(f"freeze: {frozen['urls']} URLs ({frozen['pages']} pages, {frozen['pdfs']} PDFs), "
              f"{frozen['files']} files")
        for name, figure in (("first (empty PDF cache)", frozen), ("again (cache kept)", again),
                             ("one announcement edited", edited)):
            print(f"  {name:24} {figure['freeze_s']:6.1f} s = "
                  f"{figure['freeze_s'] / TARGETS['freeze_s']:.2f}x the budget; PDFs "
                  f"{figure['made']} made in {figure['workers']} processes, "
                  f"{figure['reused']} reused, {figure['pdf_s']:.1f} s; twins of "
                  f"{figure['twins_reused']} unchanged text files and "
                  f"{figure['cards_reused']} share cards taken from the previous export")
        print(f"request, cached announcement: {statistics.median(big):.1f} us vs "
              f"{statistics.median(small):.1f} us on the one-page site: "
              f"{figures['request_ratio']:.2f}x")
        labels = {"startup_s": "start-up <= 3 s", "rss_mb": "memory <= 250 MB",
                  "pdf_kb": "PDF <= 150 KB", "freeze_s": "daily freeze <= 60 s",
                  "request_ratio": "request cost <= 1.2x"}
        for key, target in TARGETS.items():
            print(f"  {labels[key]:22} {'holds' if figures[key] <= target else 'FAILS'}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
