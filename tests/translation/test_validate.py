"""One validation: for every broken catalog, `i18n check` and the site's start-up say the same
`path:line: message`, or the case is harmless and only a warning. Never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel.messages.catalog import Catalog
from click.testing import CliRunner

from app import create_app
from app.cli import i18n
from app.content.markup import marked_text
from app.content.rendering import Renderer
from app.problems import ProblemsFound
from app.translation.validate import content_problems

UI = "translations/en/LC_MESSAGES/messages.po"
CONTENT = "translations/en/LC_MESSAGES/content.po"
FILE_ENTRY = ('\nmsgctxt "salon-du-numerique-2024:file"\nmsgid "/static/programme.pdf"\n'
              'msgstr "{}"\n')
SECOND_HOME = '\nmsgid "Accueil"\nmsgstr "Start"\n'


def change(site, file: str, old: str | None, new: str) -> None:
    """Edit a catalog as a translator would: replace `old` once, or append `new`."""
    path = site / file
    data = path.read_bytes()
    if old is None:
        data += new.encode()
    elif old == "BOM":
        data = b"\xef\xbb\xbf" + data
    elif old == "CRLF":
        data = data.replace(b"\n", b"\r\n")
    else:
        assert old.encode() in data, old
        data = data.replace(old.encode(), new.encode(), 1)
    path.write_bytes(data)


# (case, file, old, new, what check and start-up say)
BROKEN = [
    ("slug translated as words", UI, 'msgstr "accessibility"',
     'msgstr "Accessibility statement"',
     r"messages\.po:\d+: the page address 'Accessibility statement' must be lowercase"),
    ("broken Plural-Forms", UI, "plural=(n != 1);", "plural=(n != 1;",
     r"messages\.po:1: Plural-Forms: the formula '\(n != 1' is not valid"),
    ("inconsistent Plural-Forms", UI, "nplurals=2;", "nplurals=1;",
     r"messages\.po:\d+: more plural forms \(msgstr\[n\]\) than the nplurals"),
    ("%(x) without conversion", UI, 'msgstr "Accessibility: %(level)s"',
     'msgstr "Accessibility: %(level)"', r"messages\.po:\d+: '%\(level\)' is not a placeholder"),
    ("renamed placeholder", UI, 'msgstr "Accessibility: %(level)s"',
     'msgstr "Accessibility: %(niveau)s"',
     r"messages\.po:\d+: placeholders differ from the French: missing %\(level\)s, "
     r"unknown %\(niveau\)s"),
    ("lone %", UI, 'msgstr "Home"', 'msgstr "100 % Home"',
     r"messages\.po:\d+: '% ' is not a placeholder \(write %\(name\)s as in the French, "
     r"or %% for a percent sign\)"),
    ("BOM", UI, "BOM", "", r"messages\.po:1: the file starts with a byte order mark"),
    ("unescaped quote", UI, 'msgstr "Home"', 'msgstr "Ho"me"',
     r"messages\.po:\d+: not a \.po line: 'msgstr \"Ho\"me\"'"),
    ("duplicate msgid", UI, None, SECOND_HOME,
     r"messages\.po:\d+: 'Accueil' is defined twice"),
    ("HTML in an interface msgstr", UI, 'msgstr "Home"',
     'msgstr "<meta http-equiv=refresh content=0>Home"',
     r"messages\.po:\d+: HTML in the translation"),
    ("HTML in a content msgstr", CONTENT,
     'msgstr "Digital Fair 2024: the French State out in force in 2024"',
     'msgstr "<b>Digital Fair</b> 2024"', r"content\.po:\d+: HTML in the translation"),
    ("file address off the site", CONTENT, None,
     FILE_ENTRY.format("https://evil.example/programme.pdf"),
     r"content\.po:\d+: the address 'https://evil\.example/programme\.pdf' leaves the site"),
    ("file address in another format", CONTENT, None,
     FILE_ENTRY.format("/static/programme.exe"),
     r"content\.po:\d+: the address '/static/programme\.exe' is not in the format of the "
     r"French file, \.pdf"),
]
HARMLESS = [
    ("CRLF line ends", UI, "CRLF", "", r"messages\.po:1: warning: Windows line ends"),
    ("missing Language header", UI, '"Language: en\\n"\n', "",
     r"messages\.po:1: warning: header has no Language field"),
]


def check() -> tuple[int, str]:
    result = CliRunner().invoke(i18n, ["check"])
    return result.exit_code, result.output


@pytest.mark.parametrize(("case", "file", "old", "new", "said"), BROKEN,
                         ids=[case[0] for case in BROKEN])
def test_check_and_start_up_refuse_a_broken_catalog_with_the_same_words(
        site_copy, case, file, old, new, said):
    change(site_copy, file, old, new)
    code, output = check()
    assert code == 1, output
    assert "Traceback" not in output
    [line] = [line for line in output.splitlines() if re.search(said, line)] or [output]
    assert re.fullmatch(r"\S+:\d+: .+\(.+\)", line), line  # path:line: message (what to do)
    with pytest.raises(ProblemsFound) as refused:
        create_app({"TESTING": True})
    assert line in str(refused.value).splitlines(), str(refused.value)
    compiled = CliRunner().invoke(i18n, ["compile"])
    assert compiled.exit_code == 1 and line in compiled.output.splitlines()


@pytest.mark.parametrize(("case", "file", "old", "new", "said"), HARMLESS,
                         ids=[case[0] for case in HARMLESS])
def test_a_harmless_mistake_is_only_a_warning_and_the_site_starts(
        site_copy, case, file, old, new, said):
    change(site_copy, file, old, new)
    code, output = check()
    assert code == 0, output
    assert re.search(said, output), output
    page = create_app({"TESTING": True}).test_client().get("/en/")
    assert page.status_code == 200
    assert "Home" in page.get_data(as_text=True)


def test_one_broken_language_never_hides_the_problems_of_another(site_copy, monkeypatch):
    german = site_copy / "translations" / "de"
    german.mkdir()
    (german / "LC_MESSAGES").mkdir()
    for domain in ("messages", "content"):
        source = site_copy / "translations" / "en" / "LC_MESSAGES" / f"{domain}.po"
        (german / "LC_MESSAGES" / f"{domain}.po").write_text(
            source.read_text(encoding="utf-8").replace("Language: en", "Language: de"),
            encoding="utf-8")
    monkeypatch.setenv("FLASK_LANGUAGES", '["fr", "en", "de"]')
    change(site_copy, UI, "BOM", "")
    change(site_copy, "translations/de/LC_MESSAGES/messages.po", 'msgstr "Home"',
           'msgstr "Ho"me"')
    change(site_copy, "translations/de/LC_MESSAGES/content.po",
           'msgstr "Digital Fair 2024: the French State out in force in 2024"',
           'msgstr "<b>x</b>"')
    code, output = check()
    assert code == 1
    for said in (r"en/LC_MESSAGES/messages\.po:1: the file starts with a byte order mark",
                 r"de/LC_MESSAGES/messages\.po:\d+: not a \.po line",
                 r"de/LC_MESSAGES/content\.po:\d+: HTML in the translation"):
        assert re.search(said, output), output


def test_status_and_update_refuse_a_catalog_they_cannot_read_and_write_nothing(site_copy):
    change(site_copy, UI, 'msgstr "Home"', 'msgstr "Ho"me"')
    before = {path: path.read_bytes() for path in (site_copy / "translations").rglob("*.po")}
    for command in ("status", "update"):
        result = CliRunner().invoke(i18n, [command])
        assert result.exit_code == 1, result.output
        assert re.search(r"messages\.po:\d+: not a \.po line", result.output), result.output
        assert "Traceback" not in result.output
    assert {path: path.read_bytes() for path in before} == before


@pytest.mark.parametrize(("msgstr", "said"), [
    ('The brand “[Choisir le service public]{: lang="fr"}”.', None),
    ('The brand “*Choisir le service public*{: lang="fr"}”.', "emphasis differ"),
    ('The brand “<span lang="fr">Choisir le service public</span>”.', "HTML in the translation"),
    ('The brand “[Choisir le service public]{: onclick="x()"}”.', "attribute list"),
])
def test_the_language_mark_is_the_one_markup_a_translation_may_add(msgstr, said):
    catalog = Catalog(locale="en", domain="content")
    catalog.add("La marque « Choisir le service public ».", msgstr, context="p:body")
    found = [str(problem) for problem in content_problems(catalog, "content.po")]
    assert (found == []) if said is None else (said in found[0]), found


def test_the_language_mark_renders_a_span_in_text_and_in_markdown():
    assert Renderer("fr").convert('Brand [Choisir le *service* public]{: lang="fr"}.') == (
        '<p>Brand <span lang="fr">Choisir le <em>service</em> public</span>.</p>')
    assert marked_text('A [Direction & co]{: lang="fr"} <b>') == (
        'A <span lang="fr">Direction &amp; co</span> &lt;b&gt;')


def test_check_and_status_count_an_untranslated_plural_alike(site_copy):
    po = site_copy / UI
    text = po.read_text(encoding="utf-8")
    start = text.index('msgid "%(num)s entité présente"')
    end = text.index("\n\n", start)
    entry = re.sub(r'msgstr\[(\d)\] "[^"]*"', r'msgstr[\1] ""', text[start:end])
    po.write_text(text[:start] + entry + text[end:], encoding="utf-8")
    code, output = check()
    assert code == 1 and "untranslated: '%(num)s entité présente'" in output, output
    counts = CliRunner().invoke(i18n, ["status", "--json"]).output
    assert '"untranslated": 1' in counts.split('"content"')[0], counts


def test_a_site_that_refuses_to_start_says_why_without_a_traceback(site_copy):
    change(site_copy, UI, 'msgstr "Home"', 'msgstr "Ho"me"')
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "run", "--port",
                             "0"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert re.search(r"^Error: .*messages\.po:\d+: not a \.po line", result.stderr,
                     re.MULTILINE), result.stderr
    assert "Traceback" not in result.stderr
