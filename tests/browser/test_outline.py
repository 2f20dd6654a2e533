"""What a screen reader gets: landmarks, headings, the language switcher, passage languages.

The outline is read from the browser's accessibility tree (Playwright's aria snapshot); the
`lang` attributes, absent from that tree, are asserted on the elements.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from itertools import pairwise

from babel import Locale
from babel.messages.pofile import read_po
from playwright.sync_api import expect

from tests.helpers import CONTENT_CATALOG, FIXTURE_SITE

from .helpers import ARTIFACTS, KINDS, LiveServer, parse_aria

LANDMARKS = {"banner", "navigation", "main", "contentinfo", "complementary", "search",
             "region", "form"}


def language_name(code: str) -> str:
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def switcher_template(languages, lang, label, ui, linked: bool) -> str:
    """The switcher as a screen reader gets it: the current language as text, every other
    one a link named in its own language ("Read this page in English"), or, on an error
    page, which has no equivalent page, its name as text."""
    lines = [f'- navigation "{label}":', "  - list:"]
    for code in languages:
        if code == lang:
            lines.append(f"    - listitem: {language_name(code)}")
        elif linked:
            hint = ui(code).gettext("Lire cette page en français")
            lines += ["    - listitem:", f'      - link "{hint}"']
        else:  # on an error page no language has an equivalent page: just the names
            lines.append(f"    - listitem: {language_name(code)}")
    return "\n".join(lines)


def check_outline(page, site_page, app) -> dict:
    """Assert the landmarks, headings and switcher of the loaded page; return what was seen."""
    where = site_page.url
    lang, languages = site_page.lang, app.config["LANGUAGES"]
    ui = app.extensions["site"].ui
    snapshot = page.locator("body").aria_snapshot()
    folder = ARTIFACTS / "aria"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{site_page.name}.yml").write_text(snapshot + "\n", encoding="utf-8")
    top = parse_aria(snapshot)
    nodes = [node for root in top for node in root.walk()]

    # Landmarks: everything sits in one; one banner, one main, one contentinfo.
    stray = [node.role for node in top if node.role not in LANDMARKS]
    assert not stray, f"{where}: content outside landmarks: {stray}"
    counts = Counter(node.role for node in top)
    for role in ("banner", "main", "contentinfo"):
        assert counts[role] == 1, f"{where}: {counts[role]} top-level {role}"
    assert [node.role for node in top].index("main") > [node.role for node in top].index(
        "banner"), where

    # Navigations: all named, names distinct, the skip links and the switcher.
    navigations = [node.name for node in nodes if node.role == "navigation"]
    assert all(navigations), f"{where}: unnamed navigation"
    assert len(set(navigations)) == len(navigations), f"{where}: {navigations}"
    label = ui(lang).gettext("Choix de la langue")
    assert ui(lang).gettext("Accès rapide") in navigations, where
    banner = next(node for node in top if node.role == "banner")
    assert any(node.role == "navigation" and node.name == label for node in banner.walk()), (
        f"{where}: no navigation {label!r} in the banner")

    # Headings: one h1, first; no level skipped on the way down.
    levels = [int(node.attrs["level"]) for node in nodes if node.role == "heading"]
    assert levels and levels[0] == 1, f"{where}: headings {levels}"
    assert levels.count(1) == 1, f"{where}: headings {levels}"
    jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert not jumps, f"{where}: heading levels jump {jumps} in {levels}"
    main = next(node for node in top if node.role == "main")
    assert any(node.role == "heading" and node.attrs.get("level") == "1"
               for node in main.walk()), f"{where}: the h1 is not in main"

    # The switcher: its name, its options, the language of each.
    switcher = page.get_by_role("navigation", name=label, exact=True)
    linked = site_page.kind != "404"
    expect(switcher, f"{where}: switcher").to_match_aria_snapshot(
        switcher_template(languages, lang, label, ui, linked))
    expect(switcher.locator("[aria-current='true']"), where).to_have_attribute("lang", lang)
    for code in languages:
        if code == lang:
            continue
        if linked:
            link = switcher.get_by_role("link")
            link = link.and_(page.locator(f"[hreflang='{code}']"))
            message = f"{where}: switcher link to {code}"
            expect(link, message).to_have_attribute("lang", code)
            expect(link, message).to_have_accessible_name(
                ui(code).gettext("Lire cette page en français"))
            expect(link, message).to_have_attribute("rel", "alternate")
        else:
            expect(switcher.locator(f"span[lang='{code}']"), where).to_have_attribute(
                "lang", code)
    expect(page.locator("html"), where).to_have_attribute("lang", lang)
    return {"landmarks": [node.role for node in top], "headings": levels}


def test_outline_of_every_page(site_pages, tab_for, live_server):
    """Home, announcement, statement, legal notice, site map and 404, in every language."""
    page = tab_for("1280x800")
    seen = set()
    for site_page in site_pages:
        page.goto(site_page.url)
        check_outline(page, site_page, live_server.app)
        seen.add((site_page.lang, site_page.kind))
    for lang in live_server.app.config["LANGUAGES"]:
        assert {(lang, kind) for kind in KINDS} <= seen


def test_untranslated_paragraph_is_marked_french(make_app, tmp_path, browser):
    """An English catalog lacking one body paragraph: that paragraph stays in French,
    marked lang="fr", and the page says that parts are untranslated."""
    with CONTENT_CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    entries = {(m.context, m.id): m.string for m in catalog
               if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}
    bodies = [key for key in entries if key[0] and key[0].endswith(":body")]
    plain = [key for key in bodies if not key[1].startswith(("**", "#", "-", "|", ">"))]
    missing = plain[0]
    del entries[missing]
    slug = missing[0].split(":")[0]
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    app = make_app(content, entries)

    french = missing[1].split("\n")[0][:40]
    with LiveServer(app) as server:
        context = browser.new_context()
        try:
            page = context.new_page()
            response = page.goto(server(f"/en/{slug}/"))
            assert response is not None and response.status == 200
            expect(page.locator("html")).to_have_attribute("lang", "en")
            body = page.locator("main .announcement__body")
            segment = body.locator("[lang]").filter(has_text=french)
            expect(segment).to_have_count(1)
            expect(segment).to_have_attribute("lang", "fr")
            expect(body.locator("[lang]")).to_have_count(1)  # the translated ones are not
            expect(page.locator("main")).to_contain_text(app.extensions["site"].ui("en").gettext(
                "Certaines parties de cette page ne sont pas encore traduites : "
                "elles restent en français."))
            pattern = re.sub(r"[^\w ]", ".", french[:20])
            expect(segment).to_match_aria_snapshot(f"- paragraph: /{pattern}/")
        finally:
            context.close()
