"""`flask --app app nginx-config DIR`: deploy/nginx.conf filled in for an export in DIR."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from app.config import PROJECT_ROOT

TEMPLATE = PROJECT_ROOT / "deploy" / "nginx.conf"
HOST_NAME = re.compile(r"\.?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?|\[[0-9a-f:.]+\]")
LOCAL_HOSTS = ("127.0.0.1", "localhost")
LISTEN = re.compile(r"(?:\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}|[0-9]{1,5}")


def server_names(hosts: list[str]) -> str:
    """TRUSTED_HOSTS as nginx `server_name`s: ports dropped (nginx matches names only), a
    leading dot kept (`.example.org`: the name and its subdomains, as in TRUSTED_HOSTS)."""
    names = []
    for host in hosts:
        name = re.sub(r":[0-9]+$", "", host.strip().lower())
        if not HOST_NAME.fullmatch(name):
            raise ValueError(f"trusted host {host!r} is not a host name")
        names.append(name)
    return " ".join(dict.fromkeys(names))


def render(root: str | Path, listen: str, languages: list[str],
           template: Path = TEMPLATE, hosts: list[str] | None = None) -> str:
    """The configuration serving the export in `root` on `listen` (`127.0.0.1:8080`) to the
    host names `hosts` (TRUSTED_HOSTS; others get a 400). `root` is kept as given, never
    resolved: it is the link that `flask freeze` switches from one export to the next."""
    root = Path(os.path.abspath(root))
    if not LISTEN.fullmatch(listen):
        raise ValueError(f"listen address {listen!r}: write host:port, such as 127.0.0.1:8080")
    if re.search(r'[\s;{}"\'$\\]', str(root)):
        raise ValueError(f"export folder {root}: no spaces, quotes, braces, $ or ; please")
    for code in languages:  # the LANGUAGES setting is checked at start-up; be sure anyway
        if not re.fullmatch(r"[a-z]{2,3}", code):
            raise ValueError(f"language {code!r} is not a lowercase language code")
    mapping = "\n".join(f"        ~*^{code}$ {code};" for code in languages)
    values = {
        "@ROOT@": str(root),
        "@LISTEN@": listen,
        "@LANGUAGES@": "|".join(sorted(languages, key=len, reverse=True)),
        "@DEFAULT_LANGUAGE@": languages[0],
        "@LANGUAGE_MAP@": mapping,
        "@SERVER_NAMES@": server_names(hosts or list(LOCAL_HOSTS)),
    }
    text = template.read_text(encoding="utf-8")
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


@click.command("nginx-config")
@click.argument("root", type=click.Path(file_okay=False, path_type=Path))
@click.option("--listen", default="127.0.0.1:8080", show_default=True,
              help="Address and port nginx listens on.")
@with_appcontext
def nginx_config_command(root: Path, listen: str) -> None:
    """Print deploy/nginx.conf filled in for the export in ROOT (`flask freeze ROOT`)."""
    try:
        click.echo(render(root, listen, current_app.config["LANGUAGES"],
                          hosts=current_app.config["TRUSTED_HOSTS"]), nl=False)
    except ValueError as error:
        raise click.ClickException(str(error)) from error


def init_app(app: Flask) -> None:
    app.cli.add_command(nginx_config_command)
