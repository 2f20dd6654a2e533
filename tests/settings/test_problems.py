"""A mistake in settings.toml stops the site and every command with `settings.toml:LINE:
message (what to do)`, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from app import config, create_app
from app.cli import content, i18n
from app.settings.problems import SettingsProblems
from app.settings.schema import TYPES

PROJECT = config.PROJECT_ROOT
FLASK = Path(sys.executable).parent / "flask"
GOOD = 'LANGUAGES = ["fr", "en"]\nSITE_URL = "https://example.org"\n'

# A name that is no setting: Flask's config would keep it (or drop it, in lowercase) silently.
TYPOS = [
    pytest.param(GOOD + 'languges = ["fr", "en", "de"]\n', 3,
                 "'languges' is not a setting: did you mean LANGUAGES? (fix the name",
                 id="misspelt setting in lowercase"),
    pytest.param('LANGUGES = ["fr", "en"]\nLANGUAGES = ["fr", "en"]\nSITE_URL = "https://a.fr"\n',
                 1, "'LANGUGES' is not a setting: did you mean LANGUAGES?",
                 id="misspelt setting"),
    pytest.param(GOOD + '\n[LOCALE]\nen = "en_GB"\n', 4,
                 "'LOCALE' is not a setting: did you mean LOCALES?", id="misspelt table"),
    pytest.param(GOOD + 'SECRET = "x"\n', 3, "'SECRET' is not a setting (fix the name",
                 id="unknown setting"),
    pytest.param(GOOD + '\n[ACCESSIBILITY]\ncontact_mail = "a@b.fr"\n', 5,
                 "ACCESSIBILITY: 'contact_mail' is not a field of [ACCESSIBILITY]: did you "
                 "mean contact_email? (its fields: level, ", id="misspelt field of a table"),
    pytest.param(GOOD + '\n[LOCALES]\nenglish = "en_GB"\n', 5,
                 "LOCALES: 'english' is not a language code: write a lowercase ISO 639 code",
                 id="locale of no language code"),
]

# settings file, line of the mistake, words of the message.
BROKEN = [
    pytest.param('LANGUAGES = ["fr", "en"\nSITE_URL = "https://example.org"\n', 2,
                 "at column 1 (fix the TOML syntax", id="TOML syntax error"),
    pytest.param(GOOD + 'PREVIEW = yes\n', 3, "Invalid value at column 11 (fix the TOML",
                 id="unquoted text"),
    pytest.param('SITE_URL = "https://example.org"\nLANGUAGES = "fr, en"\n', 2,
                 "LANGUAGES: 'fr, en' is not a list such as [\"fr\", \"en\"]",
                 id="LANGUAGES not a list"),
    pytest.param('SITE_URL = "https://example.org"\n', 1, "LANGUAGES is missing: add it",
                 id="LANGUAGES missing"),
    pytest.param('SITE_URL = "https://example.org"\nLANGUAGES = ["fr", "EN"]\n', 2,
                 "LANGUAGES: 'EN' is not a lowercase language code", id="uppercase code"),
    pytest.param('SITE_URL = "https://example.org"\nLANGUAGES = ["fr", "xx"]\n', 2,
                 "LANGUAGES: 'xx' is unknown to Babel", id="unknown language"),
    pytest.param(GOOD + '\n[LANGUAGE_STATUS]\nen = "done"\n', 5,
                 "LANGUAGE_STATUS: en = 'done': write en = \"in progress\"",
                 id="unknown language status"),
    pytest.param(GOOD + '\n[LANGUAGE_STATUS]\nde = "in progress"\n', 5,
                 "LANGUAGE_STATUS: de = 'in progress'", id="status of no configured language"),
    pytest.param(GOOD + 'LANGUAGE_STATUS = "en"\n', 3,
                 "LANGUAGE_STATUS: 'en' is not a [table]", id="status not a table"),
    pytest.param(GOOD + '\n[LOCALES]\nfr = "fr_FR"\nen = "en_XX"\n', 6,
                 "LOCALES: en = 'en_XX' is not a CLDR locale: write one such as en_GB",
                 id="bad locale"),
    pytest.param(GOOD + '\n[LOCALES]\nen = "fr_FR"\n', 5,
                 "LOCALES: en = 'fr_FR' is a locale of another language", id="locale of another"),
    pytest.param(GOOD + '\n[ACCESSIBILITY]\nlevel = "total"\naudit_date = "2026-11-28"\n', 5,
                 "ACCESSIBILITY: level 'total' is not one of", id="unknown accessibility level"),
    pytest.param(GOOD + '\n[ACCESSIBILITY]\naudit_date = "2026-02-30"\n', 5,
                 "ACCESSIBILITY: audit_date '2026-02-30' is not a date", id="audit date"),
    pytest.param('LANGUAGES = ["fr", "en"]\nSITE_URL = "example.org"\n', 2,
                 "SITE_URL 'example.org' has no host", id="SITE_URL without scheme"),
    pytest.param(GOOD + "TRUSTED_HOSTS = []\n", 3, "TRUSTED_HOSTS is empty",
                 id="no trusted host"),
    pytest.param(GOOD + "MAX_CONTENT_FILE_BYTES = \"2 Mo\"\n", 3,
                 "MAX_CONTENT_FILE_BYTES: '2 Mo' is not a whole number", id="size as text"),
    pytest.param(GOOD + "TRANSLATOR_PREVIEW = true\n", 3,
                 "TRANSLATOR_PREVIEW shows fuzzy translations", id="preview in production"),
    *TYPOS,
]


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    """Write a settings file the site and the commands read, from the temporary folder."""
    monkeypatch.chdir(tmp_path)
    for name in ("LANGUAGES", "SITE_URL", "PREVIEW", "TRANSLATOR_PREVIEW", "DEBUG"):
        monkeypatch.delenv(f"FLASK_{name}", raising=False)
    path = tmp_path / "settings.toml"
    monkeypatch.setenv("FLASK_SETTINGS_FILE", str(path))

    def write(text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.mark.parametrize(("text", "line", "words"), BROKEN)
def test_the_site_refuses_to_start_naming_the_line_of_the_mistake(settings_file, text, line,
                                                                  words):
    settings_file(text)
    with pytest.raises(SettingsProblems) as refused:
        create_app()
    assert str(refused.value).startswith(f"settings.toml:{line}: ")
    assert words in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(("text", "line", "words"), BROKEN[:3] + BROKEN[6:8] + TYPOS[:1])
@pytest.mark.parametrize("command", [[content, "check"], [i18n, "check"], [i18n, "status"],
                                     [i18n, "extract"], [i18n, "compile"]],
                         ids=["content check", "i18n check", "i18n status", "i18n extract",
                              "i18n compile"])
def test_every_command_prints_the_same_line_and_exits_1(settings_file, text, line, words,
                                                        command):
    settings_file(text)
    with pytest.raises(SettingsProblems) as refused:
        create_app()
    group, name = command
    result = CliRunner().invoke(group, [name])
    assert result.exit_code == 1
    assert result.output == f"Error: {refused.value}\n"


def test_a_wrong_value_from_the_environment_names_its_variable(settings_file, monkeypatch):
    settings_file(GOOD)
    monkeypatch.setenv("FLASK_LANGUAGES", '["fr", "english"]')
    with pytest.raises(SettingsProblems, match=r"^settings.toml:1: LANGUAGES: 'english' .* "
                       r"\(set by the environment variable FLASK_LANGUAGES\)$"):
        create_app()


def test_flask_run_refuses_to_start_with_the_line_and_no_traceback(settings_file, tmp_path):
    settings_file(BROKEN[6].values[0])
    env = {**os.environ, "FLASK_SETTINGS_FILE": str(tmp_path / "settings.toml")}
    done = subprocess.run([str(FLASK), "--app", "app", "run", "--port", "0"], cwd=PROJECT,
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.strip().endswith(
        f"Error: {tmp_path / 'settings.toml'}:5: LANGUAGE_STATUS: en = 'done': write "
        'en = "in progress" for a translated language of LANGUAGES, or delete the line')


def test_the_shipped_settings_file_and_the_readme_name_every_setting_and_no_other():
    table = re.findall(r"^\| `([A-Z_]+)`(?:, `([A-Z_]+)`)? \|",
                       (PROJECT / "README.md").read_text(encoding="utf-8"), re.MULTILINE)
    documented = {name for row in table for name in row if name}
    assert documented == set(TYPES)
    defaults = {name for name in dir(config) if name.isupper()} - {"PROJECT_ROOT", "SETTINGS_FILE"}
    assert defaults <= set(TYPES)  # a new default is a setting the file may hold, typed
    with (PROJECT / "settings.toml").open("rb") as handle:
        assert set(tomllib.load(handle)) <= set(TYPES)
