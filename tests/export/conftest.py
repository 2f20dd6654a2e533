"""Export fixtures: one app whose exports the tests compare, one nginx serving its export."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from app import create_app
from app.export.freeze import freeze
from app.export.nginx import render
from tests.export.nginx_server import Server, nginx_binary
from tests.helpers import free_port, stop_group, wait_listening


@pytest.fixture(scope="package")
def export_app():
    """The fixture site, exported by several tests (each export to a folder of its own)."""
    return create_app({"TESTING": True})


@pytest.fixture(scope="package")
def nginx(export_app):
    """One nginx for test_nginx.py and test_cdn.py, serving an export of the fixture site (a
    test that re-exports under it ends on a rollback to this export)."""
    binary = nginx_binary()
    if binary is None:
        pytest.fail("nginx is not installed (bin/setup --test installs it as root on Debian, "
                    "or: apt-get install nginx)", pytrace=False)
    # World-readable: started as root, nginx reads files as `nobody`.
    prefix = Path(tempfile.mkdtemp(prefix="annonces-nginx-"))
    prefix.chmod(0o755)
    app = export_app
    freeze(app, prefix / "site")
    port = free_port()
    config = prefix / "nginx.conf"
    config.write_text(render(prefix / "site", f"127.0.0.1:{port}", app.config["LANGUAGES"]),
                      encoding="utf-8")
    command = [binary, "-p", str(prefix), "-c", str(config), "-e", "stderr"]
    checked = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"], start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_listening(port, process)
        yield Server(port, prefix / "site", app)
    finally:
        stop_group(process)
        shutil.rmtree(prefix, ignore_errors=True)
