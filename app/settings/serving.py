"""What the configuration lets a server do: hosts it answers, debug and preview refused in
production."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from app.settings.problems import SettingError
from app.settings.schema import flag


def check_translator_preview(config: Mapping[str, Any]) -> None:
    """The translator preview shows unreviewed text: never in production.

    :raises SettingError: when it is on outside debug mode.
    """
    if flag(config.get("TRANSLATOR_PREVIEW")) and not (flag(config.get("DEBUG"))
                                                       or flag(config.get("TESTING"))):
        raise SettingError("TRANSLATOR_PREVIEW shows fuzzy translations: turn it on only with "
                           "debug mode (FLASK_DEBUG=1), never in production",
                           "TRANSLATOR_PREVIEW")




LOCAL_HOSTS = ("127.0.0.1", "localhost")


def check_hosts(config: MutableMapping[str, Any]) -> None:
    """Replace TRUSTED_HOSTS by the list of names to accept (see `trusted_hosts`)."""
    config["TRUSTED_HOSTS"] = trusted_hosts(config)


def trusted_hosts(config: Mapping[str, Any]) -> list[str]:
    """The Host names to accept: TRUSTED_HOSTS when set (a list, or names separated by
    commas), else the host of SITE_URL plus the local ones.

    :raises SettingError: when the setting is empty or SITE_URL has no host.
    """
    setting = config.get("TRUSTED_HOSTS")
    if setting is None:
        host = urlsplit(str(config["SITE_URL"])).hostname
        if not host:
            raise SettingError(f"SITE_URL {config['SITE_URL']!r} has no host: write it as "
                               "https://example.org", "SITE_URL")
        return list(dict.fromkeys([host, *LOCAL_HOSTS]))
    hosts = setting.split(",") if isinstance(setting, str) else setting
    hosts = [str(host).strip().lower() for host in hosts if str(host).strip()]
    if not hosts:
        raise SettingError('TRUSTED_HOSTS is empty: list the site\'s host names, such as '
                           '["example.org"], or leave it unset', "TRUSTED_HOSTS")
    return hosts


def is_production(config: Mapping[str, Any]) -> bool:
    """Whether this is a production server (PRODUCTION; FLASK_ENV_PRODUCTION is an alias)."""
    return any(str(config.get(name, "")).lower() in ("1", "true", "yes", "on")
               for name in ("PRODUCTION", "ENV_PRODUCTION"))


def refuse_debug_in_production(config: Mapping[str, Any]) -> None:
    """Debug mode serves the Werkzeug console, which runs any code: never in production.
    The production entry point calls this on the app's config before serving.

    :raises RuntimeError: when DEBUG is on and PRODUCTION is set.
    """
    if is_production(config) and config.get("DEBUG"):
        raise RuntimeError("debug mode is on in production: unset FLASK_DEBUG (and never "
                           "pass --debug) where FLASK_PRODUCTION is set")
