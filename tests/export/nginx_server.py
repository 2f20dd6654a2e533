"""A real nginx on 127.0.0.1 serving an export: started in its own process group, stopped
with it (tests/export/conftest.py starts one for the package)."""

from __future__ import annotations

import http.client
import shutil
from pathlib import Path


def nginx_binary() -> str | None:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


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
