"""Load test by hand (not run by pytest): does the site stay correct and flat under load?

    .venv/bin/python bench/load.py [--duration 60] [--connections 64] [--server auto]

Starts the site on 127.0.0.1 under the production server (granian with deploy/granian.env
and app.wsgi:application, as bin/deploy runs it) or, when that is missing, Werkzeug's
threaded server; runs wrk (apt-get install wrk; installed here when root and missing) over
a rotating mix of French and English pages, the negotiating `/`, and 404s whose paths never
repeat (nothing may be kept for them); samples the server's resident memory (every process
of its group) every 5 s. Prints requests, the statuses, socket errors, the 5xx (must be 0)
and the memory (first, last, max: must not grow), then stops the server's process group.
Exits 1 when a 5xx was seen or the memory grew.

    .venv/bin/python bench/load.py --mix viral [--rounds 5] [--duration 10] [--against both]

A link shared widely: 90 % the French announcement with random `utm_*` queries, 5 % the
English one, 5 % junk (unknown paths, junk ports in Host, unknown hosts), all asking for
gzip and brotli as browsers do. The same mix against the app (granian) and against nginx
serving the static export (deploy/nginx.conf), both started once, then measured round after
round (app then nginx, nginx then app, ...: a shared machine's speed drifts, so each round
pairs them); prints each round's req/s, p99, 5xx and ratio, each server's totals, statuses
and memory over all rounds, then the median ratio app/nginx (target >= 0.6).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path

from serve import stop, wait_ready  # one way to start and stop servers for every bench script

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"  # never anything else: this script loads only the local machine
PAGES = [
    "/fr/", "/en/", "/fr/vivatechnology-2024/", "/en/vivatechnology-2024/",
    "/fr/accessibilite/", "/en/accessibility/", "/fr/mentions-legales/", "/en/legal-notice/",
    "/fr/plan-du-site/", "/en/site-map/",
]
# Memory may settle after warm-up; more than this over the run is growth.
GROWTH_LIMIT = 0.10
GROWTH_FLOOR_KB = 16 * 1024

LUA = r"""
local threads = {}
local pages = {%(pages)s}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  n = 0
end

function request()
  n = n + 1
  local slot = n %% (#pages + 3)
  if slot < #pages then
    return wrk.format("GET", pages[slot + 1])
  elseif slot == #pages then
    return wrk.format("GET", "/", {["Accept-Language"] = (n %% 2 == 0) and "en" or "fr"})
  elseif slot == #pages + 1 then
    return wrk.format("GET", "/fr/page-inconnue-" .. n .. "-" .. math.random(1e9) .. "/")
  end
  return wrk.format("GET", "/en/unknown-" .. n .. "-" .. math.random(1e9) .. "/")
end

function response(status, headers, body)
  local key = tostring(status)
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("STATUS %%s %%d\n", status, count))
  end
  local e = summary.errors
  io.write(string.format("SUMMARY %%d %%d %%d %%d %%d %%d %%d\n", summary.requests,
    summary.duration, e.connect, e.read, e.write, e.timeout, e.status))
  io.write(string.format("LATENCY %%d %%d %%d\n", latency:percentile(50),
    latency:percentile(99), latency.max))
end
"""


VIRAL_LUA = r"""
local threads = {}
local sources = {"facebook", "twitter", "linkedin", "mastodon", "newsletter", "bluesky"}
local browser = {["Accept-Encoding"] = "gzip, deflate, br, zstd",
                 ["Accept-Language"] = "fr-FR,fr;q=0.9,en;q=0.8"}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  math.randomseed(os.time() + math.random(1e6))
end

function request()
  local r = math.random(100)
  if r <= 90 then
    return wrk.format("GET", "/fr/vivatechnology-2024/?utm_source=" ..
      sources[math.random(#sources)] .. "&utm_medium=social&utm_campaign=c" ..
      math.random(1e6), browser)
  elseif r <= 95 then
    return wrk.format("GET", "/en/vivatechnology-2024/", browser)
  elseif r <= 97 then
    return wrk.format("GET", "/fr/page-" .. math.random(1e9) .. "/", browser)
  elseif r <= 99 then
    return wrk.format("GET", "/fr/vivatechnology-2024/", {
      ["Host"] = "127.0.0.1:" .. math.random(1024, 65535),
      ["Accept-Encoding"] = "gzip, br"})
  end
  return wrk.format("GET", "/fr/", {["Host"] = "x" .. math.random(1e9) .. ".example"})
end
""" + LUA[LUA.index("function response"):].replace("%%", "%")


def need_wrk() -> str:
    """wrk's path, installed from Debian when root and missing."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is missing: apt-get install wrk (as root)")
    print("installing wrk...", file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
                   check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
                   stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or sys.exit("wrk did not install")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def env_file(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()
             if "=" in line and not line.lstrip().startswith("#"))
    return {name.strip(): value.strip().strip('"') for name, value in pairs}


def server_command(choice: str, port: int) -> tuple[str, list[str], dict[str, str]]:
    """(name, command, environment) of the server: production-like when available."""
    env = {**os.environ, "FLASK_PRODUCTION": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("FLASK_DEBUG", None)
    granian = VENV / "granian"
    production = (ROOT / "app" / "wsgi.py").is_file() and granian.is_file()
    if choice == "granian" or (choice == "auto" and production):
        settings = ROOT / "deploy" / "granian.env"
        if settings.is_file():
            env.update(env_file(settings))
        env.update(GRANIAN_HOST=HOST, GRANIAN_PORT=str(port), GRANIAN_INTERFACE="wsgi")
        return "granian", [str(granian), "--working-dir", str(ROOT), "app.wsgi:application"], env
    code = ("from werkzeug.serving import run_simple; from app import create_app; "
            f"run_simple({HOST!r}, {port}, create_app(), threaded=True)")
    return "werkzeug (threaded)", [sys.executable, "-c", code], env


def group_rss_kb(group: int) -> int:
    """Resident memory of every process of a process group, in KiB (from /proc)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[2]) != group:  # field 5, pgrp
                continue
            status = (entry / "status").read_text()
        except (OSError, ValueError):
            continue
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        total += int(found.group(1)) if found else 0
    return total


def sample(group: int, every: float, samples: list[int], finished: threading.Event) -> None:
    while True:
        samples.append(group_rss_kb(group))
        if finished.wait(every):
            return


def parse(output: str) -> dict:
    statuses = {int(k): int(v) for k, v in re.findall(r"^STATUS (\d+) (\d+)$", output, re.M)}
    summary = re.search(r"^SUMMARY (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.M)
    latency = re.search(r"^LATENCY (\d+) (\d+) (\d+)$", output, re.M)
    if not summary or not latency:
        sys.exit(f"wrk gave no summary:\n{output}")
    requests, duration, connect, read, write, timeout, _ = map(int, summary.groups())
    return {"statuses": statuses, "requests": requests, "seconds": duration / 1e6,
            "socket_errors": {"connect": connect, "read": read, "write": write,
                              "timeout": timeout},
            "latency_ms": [int(value) / 1000 for value in latency.groups()]}


def report(server: str, result: dict, samples: list[int]) -> bool:
    """Print the figures; True when the run is clean (no 5xx, flat memory)."""
    statuses = result["statuses"]
    ok = sum(n for code, n in statuses.items() if 200 <= code < 400)
    not_found = statuses.get(404, 0)
    server_errors = sum(n for code, n in statuses.items() if code >= 500)
    other = sum(n for code, n in statuses.items()
                if code >= 400 and code != 404 and code < 500)
    print(f"server: {server} on {HOST}")
    print(f"requests: {result['requests']} in {result['seconds']:.1f} s "
          f"({result['requests'] / result['seconds']:.0f}/s)")
    print(f"latency: p50 {result['latency_ms'][0]:.1f} ms, p99 {result['latency_ms'][1]:.1f} ms,"
          f" max {result['latency_ms'][2]:.1f} ms")
    print("statuses: " + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items())))
    print(f"2xx/3xx: {ok}, 404 (expected): {not_found}, other 4xx: {other}, "
          f"5xx: {server_errors}")
    print("socket errors: " + ", ".join(f"{k} {v}" for k, v in result["socket_errors"].items()))
    first, last, peak = samples[0], samples[-1], max(samples)
    grew = last - first > max(first * GROWTH_LIMIT, GROWTH_FLOOR_KB)
    print(f"memory (RSS of the server's processes, {len(samples)} samples): "
          f"first {first / 1024:.1f} MiB, last {last / 1024:.1f} MiB, max {peak / 1024:.1f} MiB"
          f" -> {'GREW' if grew else 'flat'}")
    print(f"5xx: {server_errors} -> {'FAIL' if server_errors else 'ok'}")
    return not server_errors and not grew


def need_nginx() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not found:
        sys.exit("nginx is missing: apt-get install nginx (bin/setup --test installs it)")
    return found


def start_nginx(port: int, prefix: Path) -> subprocess.Popen:
    """nginx serving a fresh export of the site with deploy/nginx.conf, in its own group."""
    sys.path.insert(0, str(ROOT))
    from app import create_app
    from app.export.freeze import freeze
    from app.export.nginx import render

    app = create_app({"PRODUCTION": True})
    freeze(app, prefix / "site")
    config = prefix / "nginx.conf"
    config.write_text(render(prefix / "site", f"{HOST}:{port}", app.config["LANGUAGES"],
                             hosts=app.config["TRUSTED_HOSTS"]), encoding="utf-8")
    return subprocess.Popen([need_nginx(), "-p", str(prefix), "-c", str(config), "-e",
                             "stderr", "-g", "daemon off;"], start_new_session=True,
                            # Never a pipe nobody reads: nginx logs each 404 to stderr and
                            # would block once the pipe is full.
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_wrk(wrk: str, base: str, script_text: str, args, group: int) -> tuple[dict, list]:
    """wrk with a Lua script against `base`, sampling the group's memory meanwhile."""
    samples: list[int] = []
    finished = threading.Event()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(script_text)
    sampler = threading.Thread(target=sample, args=(group, args.every, samples, finished))
    sampler.start()
    try:
        run = subprocess.run(
            [wrk, "--threads", str(args.threads), "--connections", str(args.connections),
             "--duration", f"{args.duration}s", "--timeout", "5s", "--latency", "--script",
             script.name, base + "/"],
            capture_output=True, text=True, timeout=args.duration + 60, check=False)
    finally:
        finished.set()
        sampler.join()
        os.unlink(script.name)
    if run.returncode != 0:
        sys.exit(f"wrk failed ({run.returncode}): {run.stderr.strip()}")
    samples.append(group_rss_kb(group))
    return parse(run.stdout), samples


def start_target(target: str, args) -> tuple[str, subprocess.Popen, str, Path]:
    """(name, process, base URL, prefix folder) of the app or nginx, started and warm."""
    port = free_port()
    prefix = Path(tempfile.mkdtemp(prefix="annonces-load-"))
    prefix.chmod(0o755)  # nginx workers run as nobody when started as root
    if target == "app":
        name, command, env = server_command(args.server, port)
        process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        name, process = "nginx (static export)", start_nginx(port, prefix)
    base = f"http://{HOST}:{port}"
    wait_ready(base + "/fr/", process)
    for path in ("/fr/vivatechnology-2024/", "/en/vivatechnology-2024/"):
        with urllib.request.urlopen(base + path, timeout=10) as response:
            response.read()
    return name, process, base, prefix


def merged(results: list[dict]) -> dict:
    """The rounds of one server as one run: summed counts, the worst p99 and max."""
    statuses: dict[int, int] = {}
    for result in results:
        for code, count in result["statuses"].items():
            statuses[code] = statuses.get(code, 0) + count
    errors = {name: sum(r["socket_errors"][name] for r in results)
              for name in results[0]["socket_errors"]}
    return {"statuses": statuses, "requests": sum(r["requests"] for r in results),
            "seconds": sum(r["seconds"] for r in results), "socket_errors": errors,
            "latency_ms": [statistics.median(r["latency_ms"][0] for r in results),
                           max(r["latency_ms"][1] for r in results),
                           max(r["latency_ms"][2] for r in results)]}


def viral(args, wrk: str) -> int:
    """The viral mix against the app and nginx, round after round (app, nginx, then nginx,
    app: the shared machine's speed drifts, so each round pairs them); each round's figures
    and ratio, then each server's totals and the median ratio."""
    targets = ["app", "nginx"] if args.against == "both" else [args.against]
    servers: dict[str, tuple[str, subprocess.Popen, str, Path]] = {}
    results: dict[str, list[dict]] = {target: [] for target in targets}
    samples: dict[str, list[int]] = {target: [] for target in targets}
    ratios = []
    try:
        for target in targets:
            servers[target] = start_target(target, args)
        for round_ in range(1, args.rounds + 1):
            rates = {}
            for target in (targets if round_ % 2 else targets[::-1]):
                _, process, base, _ = servers[target]
                result, memory = run_wrk(wrk, base, VIRAL_LUA, args, process.pid)
                results[target].append(result)
                samples[target].extend(memory)
                rates[target] = result["requests"] / result["seconds"]
                server_errors = sum(n for code, n in result["statuses"].items() if code >= 500)
                print(f"round {round_}, {target}: {rates[target]:.0f} req/s, "
                      f"p99 {result['latency_ms'][1]:.1f} ms, 5xx {server_errors}", flush=True)
            if len(rates) == 2:
                ratios.append(rates["app"] / rates["nginx"])
                print(f"round {round_}: app / nginx = {ratios[-1]:.2f}", flush=True)
    finally:
        for _, process, _, prefix in servers.values():
            stop(process)
            shutil.rmtree(prefix, ignore_errors=True)
    clean = True
    for target in targets:
        print(f"== viral mix against {target}, {args.rounds} rounds of {args.duration} s")
        clean = report(servers[target][0], merged(results[target]), samples[target]) and clean
    if ratios:
        ratio = statistics.median(ratios)
        print(f"app / nginx, median of {len(ratios)} rounds = {ratio:.2f} "
              f"(rounds: {', '.join(f'{r:.2f}' for r in ratios)}; "
              f"target >= 0.6: {'met' if ratio >= 0.6 else 'NOT met'})")
    return 0 if clean else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=None,
                        help="seconds of load (60; with --mix viral, 10 per round)")
    parser.add_argument("--rounds", type=int, default=5,
                        help="with --mix viral: rounds of app then nginx (5; the median ratio)")
    parser.add_argument("--connections", type=int, default=64, help="open connections (64)")
    parser.add_argument("--threads", type=int, default=min(4, os.cpu_count() or 1),
                        help="wrk threads")
    parser.add_argument("--server", choices=["auto", "granian", "werkzeug"], default="auto")
    parser.add_argument("--every", type=float, default=5.0, help="memory sampling period (s)")
    parser.add_argument("--mix", choices=["pages", "viral"], default="pages",
                        help="pages: every page, / and 404s; viral: a shared link's traffic")
    parser.add_argument("--against", choices=["both", "app", "nginx"], default="both",
                        help="with --mix viral: which servers to load, one after the other")
    args = parser.parse_args()
    if args.duration is None:
        args.duration = 10 if args.mix == "viral" else 60
    if not 1 <= args.rounds <= 50:
        parser.error("--rounds must be between 1 and 50")
    if not 1 <= args.duration <= 3600:
        parser.error("--duration must be between 1 and 3600 seconds")
    wrk = need_wrk()
    if args.mix == "viral":
        return viral(args, wrk)
    port = free_port()
    name, command, env = server_command(args.server, port)
    base = f"http://{HOST}:{port}"
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples: list[int] = []
    finished = threading.Event()
    try:
        wait_ready(base + "/fr/", process)
        for path in PAGES:  # warm up: every page rendered once before measuring
            with urllib.request.urlopen(base + path, timeout=10) as response:
                response.read()
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(LUA % {"pages": ", ".join(f'"{p}"' for p in PAGES)})
        sampler = threading.Thread(target=sample,
                                   args=(process.pid, args.every, samples, finished))
        sampler.start()
        try:
            run = subprocess.run(
                [wrk, "--threads", str(args.threads), "--connections", str(args.connections),
                 "--duration", f"{args.duration}s", "--timeout", "5s", "--script",
                 script.name, base + "/"],
                capture_output=True, text=True, timeout=args.duration + 60, check=False)
        finally:
            finished.set()
            sampler.join()
            os.unlink(script.name)
        if run.returncode != 0:
            sys.exit(f"wrk failed ({run.returncode}): {run.stderr.strip()}")
        samples.append(group_rss_kb(process.pid))
        return 0 if report(name, parse(run.stdout), samples) else 1
    finally:
        stop(process)


if __name__ == "__main__":
    sys.exit(main())
