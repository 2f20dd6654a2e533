"""Lighthouse's performance score of every page type, mobile and desktop: median of 3 runs.

    .venv/bin/python bench/lighthouse.py [--runs 3]

Serves the site with the production server (granian, as bin/deploy runs it) on a free port
of 127.0.0.1, runs node/lighthouse.mjs (npm lighthouse pinned in node/package-lock.json, on
Debian's chromium) over one page of each type in both languages, and prints each page's four
scores (performance: median of the runs; the others: their lowest). Target: performance 100,
never below 95. Not a test: on a shared 2-core machine performance is too noisy to assert
(tests/browser/test_lighthouse.py asserts the other three categories at 100).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serve import free_port, server_command, start, stop, wait_ready  # noqa: E402

PAGES = ("/fr/", "/fr/vivatechnology-2024/", "/fr/accessibilite/", "/fr/mentions-legales/",
         "/fr/plan-du-site/", "/en/", "/en/vivatechnology-2024/", "/en/accessibility/",
         "/en/legal-notice/", "/en/site-map/")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    port = free_port()
    command, env = server_command("granian", "app.wsgi:application", port, 1)
    server = start(command, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base + "/fr/", server)
        done = subprocess.run(
            ["node", str(ROOT / "node" / "lighthouse.mjs"), ",".join(CATEGORIES),
             str(args.runs), *(base + page for page in PAGES)],
            cwd=ROOT / "node", capture_output=True, text=True, check=True,
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
    finally:
        stop(server)
    runs = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    print(f"{'page':<28} {'form':<8} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}  (median of "
          f"{args.runs} for perf, lowest for the others; failed runs apart)")
    worst, failed = 100.0, []
    for page in PAGES:
        for form in ("mobile", "desktop"):
            mine = [run for run in runs if run["url"].endswith(page) and run["formFactor"] == form]
            # A run Lighthouse could not finish (runtimeError: a page that did not paint in
            # time on a loaded machine) has no scores: it is reported, not counted as 0.
            failed += [f"{page} {form}: {run['error']}" for run in mine if run.get("error")]
            mine = [run for run in mine if not run.get("error")]
            if not mine:
                print(f"{page:<28} {form:<8} {'n/a':>5}")
                continue
            scores = {name: [round(100 * (run["scores"].get(name) or 0)) for run in mine]
                      for name in CATEGORIES}
            performance = statistics.median(scores["performance"])
            worst = min(worst, performance)
            print(f"{page:<28} {form:<8} {performance:>5.0f} "
                  + " ".join(f"{min(scores[name]):>5}" for name in CATEGORIES[1:])
                  + (f"  ({len(mine)} runs)" if len(mine) < args.runs else ""))
    print(f"lowest median performance: {worst:.0f} (target 100, never below 95)")
    print(f"failed runs: {len(failed)} of {len(runs)}")
    for line in failed:
        print("  " + line)

if __name__ == "__main__":
    main()
