"""Browser fixtures: the site on a live server, the crawled pages, one chromium per session.

The browser is Debian's chromium (/usr/bin/chromium, installed by `bin/setup --test`): these
tests fail, never skip, when it is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from app import create_app

from .helpers import (
    CHROMIUM,
    CHROMIUM_MISSING,
    LAUNCH_ARGS,
    VIEWPORTS,
    LiveServer,
    SitePage,
    crawl,
)


@pytest.fixture(scope="session")
def live_server(site_settings) -> Iterator[LiveServer]:
    """The fixture site served on 127.0.0.1 (free port) from a thread, for the session."""
    with LiveServer(create_app({"TESTING": True, **site_settings})) as server:
        yield server


@pytest.fixture(scope="session")
def crawled(live_server) -> tuple[list[SitePage], list[str]]:
    return crawl(live_server)


@pytest.fixture(scope="session")
def site_pages(crawled) -> list[SitePage]:
    """Every page of the site in every language (found by crawling), and the 404 pages."""
    return crawled[0]


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright) -> Iterator[Browser]:
    """One headless chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.fail(CHROMIUM_MISSING, pytrace=False)
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS,
                                         headless=True)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def context_for(browser) -> Iterator[Callable[..., BrowserContext]]:
    """context_for(viewport, scheme): one shared context per viewport and colour scheme."""
    contexts: dict[tuple[str, str], BrowserContext] = {}

    def get(viewport: str, scheme: str = "light") -> BrowserContext:
        key = (viewport, scheme)
        if key not in contexts:
            contexts[key] = browser.new_context(**VIEWPORTS[viewport], color_scheme=scheme)
        return contexts[key]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="session")
def tab_for(context_for) -> Callable[..., Page]:
    """tab_for(viewport, scheme): the one page (tab) of that shared context."""
    tabs: dict[tuple[str, str], Page] = {}

    def get(viewport: str, scheme: str = "light") -> Page:
        key = (viewport, scheme)
        if key not in tabs or tabs[key].is_closed():
            tabs[key] = context_for(viewport, scheme).new_page()
            tabs[key].set_default_timeout(10_000)
        return tabs[key]

    return get
