"""`flask content check` warns on content that hurts accessibility, at the line to fix."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from app.cli import content
from tests.helpers import post

CASES = [
    ("capital title", post(title="VIVATECH 2024 L’ÉTAT EST LÀ"),
     ":2: warning: title: written in capitals"),
    ("capital chapeau", post(front="chapeau-text: LE CHAPEAU EST TOUT EN CAPITALES"),
     ":4: warning: chapeau-text: written in capitals"),
    ("image without alt", post(front="une-ou-diaporama:\n  - image: /a.png"),
     ":5: warning: une-ou-diaporama: image without alternative-textuelle"),
    ("file without label", post(front="files:\n  - file: /cp.pdf"),
     ":5: warning: files: file without nom"),
    ("vague link", post(body="Pour en savoir plus, [cliquez ici](https://x.fr)."),
     ":5: warning: link text 'cliquez ici' says nothing out of context"),
    ("vague English link", post(body="Read [here](https://x.fr)."),
     ":5: warning: link text 'here' says nothing"),
    ("markdown image without alt", post(body="Voir ![](/c.png)"),
     ":5: warning: image without alternative text"),
    ("html image without alt", post(body='<p><img src="/d.png"></p>'),
     ":5: warning: image without alternative text"),
    ("link without scheme", post(body="Voir [le salon](vivatechnology.com)."),
     ":5: warning: link to 'vivatechnology.com' has no scheme"),
    ("html link without scheme", post(body='Voir <a href="www.example.org/a">le salon</a>.'),
     ":5: warning: link to 'www.example.org/a' has no scheme"),
    ("heading jump", post(body="## Titre\n\n#### Trop bas"),
     ":7: warning: heading level 4 after level 2"),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_content_check_warns_at_the_line_and_still_succeeds(name, text, expected,
                                                            write_content, monkeypatch):
    folder = write_content({"post.md": text})
    monkeypatch.setenv("FLASK_CONTENT_DIR", str(folder))
    result = CliRunner().invoke(content, ["check"])
    assert result.exit_code == 0, result.output
    assert expected in result.output


@pytest.mark.parametrize("text", [
    post(title="VivaTechnology 2024 : l’État présent avec la DINUM"),
    post(front="une-ou-diaporama:\n  - image: /a.png\n    alternative-textuelle: Image décorative"),
    post(front="files:\n  - file: /cp.pdf\n    nom: Communiqué de presse"),
    post(body="Lire [le communiqué de presse](https://x.fr)."),
    post(body="## Titre\n\n### Sous-titre\n\n## Autre"),
])
def test_accessible_content_gets_no_warning(text, write_content, monkeypatch):
    monkeypatch.setenv("FLASK_CONTENT_DIR", str(write_content({"post.md": text})))
    result = CliRunner().invoke(content, ["check"])
    assert "warning:" not in result.output


def test_a_real_announcement_has_no_accessibility_warning():
    result = CliRunner().invoke(content, ["check"])
    assert result.exit_code == 0
    assert "warning:" not in result.output
