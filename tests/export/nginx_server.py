"""A real nginx on 127.0.0.1 serving an export: started in its own process group, stopped
with it (tests/export/conftest.py starts one for the package)."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path


def nginx_binary() -> str | None:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def wait_for(port: int, process: subprocess.Popen, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {process.stderr.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx did not start listening")


def stop(process: subprocess.Popen) -> None:
    """Stop nginx and its workers: the whole process group."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    for stream in (process.stdout, process.stderr):
        if stream:
            stream.close()


class Server:
    """The running nginx, the export it serves and the app it came from."""

    def __init__(self, port: int, root: Path, app):
        self.port, self.root, self.app = port, root, app

    def request(self, path: str, method: str = "GET", **headers) -> tuple:
        """(status, headers as a list of pairs, body) of one request."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()


def header(headers: list, name: str) -> str | None:
    values = [value for key, value in headers if key.lower() == name.lower()]
    return ", ".join(values) if values else None
