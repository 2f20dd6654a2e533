"""How fast the site is served, against nginx and against Flask's own floor, in one run.

    .venv/bin/python bench/serve.py [--rounds 3] [--duration 10] [--server granian|gunicorn]

On 127.0.0.1, with wrk (installed with apt-get when run as root and missing), it measures
requests/s and p99 latency of
  (a) nginx serving the static export (deploy/nginx.conf, `flask freeze`),
  (b) the app's announcement page under the production server (deploy/granian.env, as
      bin/deploy runs it),
  (c) bench/minimal.py, one Flask route returning a constant, under the same server,
round after round (a, b, c, a, b, c, ...: the machine's speed drifts, so each round pairs them),
and prints the medians and the ratios b/c (target >= 1.0) and b/a (stretch >= 0.35).
Every server runs in its own process group, stopped as a group at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV = ROOT / ".venv" / "bin"
PAGE = "/fr/vivatechnology-2024/"
GRANIAN_ENV = ROOT / "deploy" / "granian.env"


@dataclass
class Result:
    requests: float  # per second
    p99_ms: float


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def need(program: str, package: str) -> str:
    """The path of `program`, installed from Debian when root and missing."""
    found = shutil.which(program) or shutil.which(program, path="/usr/sbin:/usr/local/sbin")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit(f"{program} is missing: apt-get install {package} (as root)")
    print(f"installing {package}...", file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", package],
                   check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
                   stdout=subprocess.DEVNULL)
    return shutil.which(program) or shutil.which(program, path="/usr/sbin")


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip().strip('"')
    return values


def server_command(server: str, target: str, port: int, workers: int | None) -> tuple:
    """(command, environment) of the production server for a WSGI target on a port."""
    env = {**os.environ, "FLASK_PRODUCTION": "1"}
    env.pop("FLASK_DEBUG", None)
    if server == "granian":
        env.update(read_env_file(GRANIAN_ENV))
        env.update(GRANIAN_HOST="127.0.0.1", GRANIAN_PORT=str(port))
        if workers:
            env["GRANIAN_WORKERS"] = str(workers)
        return [str(VENV / "granian"), "--working-dir", str(ROOT), target], env
    if server == "gunicorn":
        command = [str(VENV / "gunicorn"), "--chdir", str(ROOT), "-k", "gthread",
                   "--workers", str(workers or os.cpu_count()), "--threads", "4",
                   "--bind", f"127.0.0.1:{port}", "--log-level", "warning", target]
        return command, env
    raise SystemExit(f"unknown server {server!r}")


def start(command: list[str], env: dict | None = None, cwd: Path = ROOT) -> subprocess.Popen:
    return subprocess.Popen(command, env=env, cwd=cwd, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop(process: subprocess.Popen) -> None:
    """The whole process group: granian workers can outlive their parent."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # stragglers of the group


def wait_ready(url: str, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


LATENCY_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(binary: str, url: str, duration: int, connections: int, threads: int) -> Result:
    output = subprocess.run(
        [binary, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s*([\d.]+)", output)[1])
    value, unit = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{url}: {errors[1]} error responses\n{output}")
    return Result(rate, float(value) * LATENCY_UNITS[unit])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--server", default="granian", choices=["granian", "gunicorn"])
    parser.add_argument("--workers", type=int, default=None,
                        help="server workers (default: the production setting)")
    args = parser.parse_args()

    wrk_binary = need("wrk", "wrk")
    nginx_binary = need("nginx", "nginx")
    from app import create_app
    from app.export.freeze import freeze
    from app.export.nginx import render

    prefix = Path(tempfile.mkdtemp(prefix="annonces-bench-"))
    prefix.chmod(0o755)  # nginx workers run as nobody when started as root
    processes = []
    try:
        app = create_app({"PRODUCTION": True})
        freeze(app, prefix / "site")
        ports = {name: free_port() for name in ("nginx", "app", "minimal")}
        config = prefix / "nginx.conf"
        config.write_text(render(prefix / "site", f"127.0.0.1:{ports['nginx']}",
                                 app.config["LANGUAGES"]), encoding="utf-8")
        nginx = start([nginx_binary, "-p", str(prefix), "-c", str(config), "-e", "stderr",
                       "-g", "daemon off;"])
        processes.append(nginx)
        for name, target in (("app", "app.wsgi:application"),
                             ("minimal", "bench.minimal:application")):
            command, env = server_command(args.server, target, ports[name], args.workers)
            processes.append(start(command, env))
        urls = {"a": f"http://127.0.0.1:{ports['nginx']}{PAGE}",
                "b": f"http://127.0.0.1:{ports['app']}{PAGE}",
                "c": f"http://127.0.0.1:{ports['minimal']}/"}
        for process, url in zip(processes, urls.values(), strict=True):
            wait_ready(url, process)
        for url in urls.values():  # warm up: the page renders once, then is kept
            wrk(wrk_binary, url, 1, args.connections, args.threads)

        results: dict[str, list[Result]] = {key: [] for key in urls}
        labels = {"a": "nginx, static export", "b": f"app page, {args.server}",
                  "c": f"minimal Flask, {args.server}"}
        print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, "
              f"{args.rounds} rounds, page {PAGE}, {os.cpu_count()} CPUs")
        for round_number in range(1, args.rounds + 1):
            for key, url in urls.items():
                result = wrk(wrk_binary, url, args.duration, args.connections, args.threads)
                results[key].append(result)
                print(f"  round {round_number} ({key}) {labels[key]:28} "
                      f"{result.requests:9.0f} req/s  p99 {result.p99_ms:7.2f} ms", flush=True)

        def median(key: str, field: str) -> float:
            return statistics.median(getattr(r, field) for r in results[key])

        print("medians:")
        for key in urls:
            print(f"  ({key}) {labels[key]:28} {median(key, 'requests'):9.0f} req/s  "
                  f"p99 {median(key, 'p99_ms'):7.2f} ms")
        paired_bc = statistics.median(b.requests / c.requests
                                      for b, c in zip(results["b"], results["c"], strict=True))
        paired_ba = statistics.median(b.requests / a.requests
                                      for b, a in zip(results["b"], results["a"], strict=True))
        print(f"(b)/(c) = {paired_bc:.2f}  (target >= 1.0: "
              f"{'met' if paired_bc >= 1.0 else 'NOT met'})")
        print(f"(b)/(a) = {paired_ba:.2f}  (stretch >= 0.35: "
              f"{'met' if paired_ba >= 0.35 else 'not met'})")
        print("(ratios: median over the rounds of each round's ratio)")
    finally:
        for process in processes:
            stop(process)
        shutil.rmtree(prefix, ignore_errors=True)


if __name__ == "__main__":
    main()
