"""The production server (bin/deploy: granian with deploy/granian.env, app/wsgi.py)."""

from __future__ import annotations

import http.client
import importlib
import os
import re
import selectors
import subprocess
import time

import pytest

from app.config import PROJECT_ROOT
from app.web.policy import SECURITY_HEADERS
from tests.helpers import free_port, stop_group, wait_listening

GRANIAN = PROJECT_ROOT / ".venv" / "bin" / "granian"
SETTINGS = PROJECT_ROOT / "deploy" / "granian.env"


def settings() -> dict[str, str]:
    found = {}
    for line in SETTINGS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            found[name] = value
    return found


def test_the_entry_point_never_runs_in_debug_mode(monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.delenv("FLASK_PRODUCTION", raising=False)
    import app.wsgi
    module = importlib.reload(app.wsgi)
    assert module.application.debug is False
    assert module.application.config["PRODUCTION"] is True


def test_the_server_listens_on_the_loopback_port_8000_by_default():
    found = settings()
    assert found["GRANIAN_HOST"] == "127.0.0.1"
    assert found["GRANIAN_PORT"] == "8000"
    assert found["GRANIAN_INTERFACE"] == "wsgi"
    deploy = (PROJECT_ROOT / "bin" / "deploy").read_text(encoding="utf-8")
    assert os.access(PROJECT_ROOT / "bin" / "deploy", os.X_OK)
    assert "exec .venv/bin/granian app.wsgi:application" in deploy
    assert "unset FLASK_DEBUG" in deploy



def get(port: int, path: str, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def production():
    """granian as bin/deploy runs it, on a free port, stopped as a process group."""
    if not GRANIAN.exists():
        pytest.fail("granian is a dependency: run bin/setup")
    port = free_port()
    env = {**os.environ, **settings(), "GRANIAN_PORT": str(port), "FLASK_PRODUCTION": "1",
           "FLASK_DEBUG": "1",  # debug asked for, and refused by app/wsgi.py
           "GRANIAN_LOG_LEVEL": "info"}  # it says when each worker has started
    process = subprocess.Popen([str(GRANIAN), "app.wsgi:application"], cwd=PROJECT_ROOT,
                               env=env, start_new_session=True, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    try:
        wait_listening(port, process, seconds=30)
        # granian 2.8 never stops a worker still starting when asked to stop (the stop then
        # waits for SIGKILL): the tests start once every worker has.
        workers_started(process, int(env["GRANIAN_WORKERS"]))
        yield port
    finally:
        stop_group(process)


def workers_started(process: subprocess.Popen, workers: int, seconds: float = 60) -> None:
    """Read granian's log until it says that each of its `workers` has started."""
    assert process.stdout is not None
    deadline, said = time.monotonic() + seconds, b""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while (said.count(b"Started worker-") < workers
               and selector.select(max(0, deadline - time.monotonic()))):
            chunk = os.read(process.stdout.fileno(), 4096)  # unbuffered: select sees the rest
            if not chunk:
                break  # granian exited
            said += chunk
    if said.count(b"Started worker-") < workers:
        pytest.fail(f"granian did not start its {workers} workers", pytrace=False)


def test_the_production_server_serves_cached_pages_with_the_header_set(production):
    status, headers, body = get(production, "/en/salon-du-numerique-2024/")
    assert status == 200
    headers = {name.lower(): value for name, value in headers.items()}
    for name, value in SECURITY_HEADERS.items():
        assert headers[name.lower()] == value
    assert re.fullmatch(r'"[0-9a-f]{64}"', headers["etag"])
    assert not re.search(r"\d", headers.get("server", ""))  # no version
    status, _, body = get(production, "/en/salon-du-numerique-2024/",
                          **{"If-None-Match": headers["etag"]})
    assert (status, body) == (304, b"")


def test_the_production_server_has_no_debugger(production):
    status, _, body = get(production, "/fr/?__debugger__=yes&cmd=resource&f=debugger.js")
    assert b"Werkzeug" not in body
    status, _, body = get(production, "/console")
    assert status == 404
    assert b"Werkzeug" not in body
