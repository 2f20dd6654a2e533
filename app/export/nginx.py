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
# Where Debian's packages put nginx's dynamic modules, and the ones the template loads
# (deploy/nginx.conf says why), with the Debian package of each.
MODULES = Path("/usr/lib/nginx/modules")
MODULE_PACKAGES = {
    "ngx_http_brotli_static_module.so": "libnginx-mod-http-brotli-static",
    "ngx_http_headers_more_filter_module.so": "libnginx-mod-http-headers-more-filter",
}


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


def missing_modules(modules: Path) -> list[str]:
    """The Debian packages of the modules the template loads that `modules` lacks."""
    return [package for name, package in MODULE_PACKAGES.items()
            if not (modules / name).is_file()]


def render(root: str | Path, listen: str, languages: list[str],
           template: Path = TEMPLATE, hosts: list[str] | None = None,
           modules: Path = MODULES) -> str:
    """The configuration serving the export in `root` on `listen` (`127.0.0.1:8080`) to the
    host names `hosts` (TRUSTED_HOSTS; others get a 400), loading nginx's modules from the
    folder `modules`. `root` is kept as given, never resolved: it is the link that
    `flask freeze` switches from one export to the next."""
    root = Path(os.path.abspath(root))
    if not LISTEN.fullmatch(listen):
        raise ValueError(f"listen address {listen!r}: write host:port, such as 127.0.0.1:8080")
    for folder, what in ((root, "export folder"), (Path(os.path.abspath(modules)), "modules")):
        if re.search(r'[\s;{}"\'$\\]', str(folder)):
            raise ValueError(f"{what} {folder}: no spaces, quotes, braces, $ or ; please")
    for code in languages:  # the LANGUAGES setting is checked at start-up; be sure anyway
        if not re.fullmatch(r"[a-z]{2,3}", code):
            raise ValueError(f"language {code!r} is not a lowercase language code")
    mapping = "\n".join(f"        ~*^{code}$ {code};" for code in languages)
    values = {
        "@ROOT@": str(root),
        "@MODULES@": os.path.abspath(modules),
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
@click.option("--modules", default=MODULES, show_default=True, type=click.Path(path_type=Path),
              help="Folder of nginx's dynamic modules (brotli_static, headers-more).")
@with_appcontext
def nginx_config_command(root: Path, listen: str, modules: Path) -> None:
    """Print deploy/nginx.conf filled in for the export in ROOT (`flask freeze ROOT`)."""
    missing = missing_modules(modules)
    if missing:
        raise click.ClickException(
            f"{modules}: nginx modules missing; on Debian: apt-get install {' '.join(missing)}"
            " (or give their folder with --modules)")
    try:
        click.echo(render(root, listen, current_app.config["LANGUAGES"],
                          hosts=current_app.config["TRUSTED_HOSTS"], modules=modules), nl=False)
    except ValueError as error:
        raise click.ClickException(str(error)) from error


def init_app(app: Flask) -> None:
    app.cli.add_command(nginx_config_command)
