"""Reading one content file: bytes to text, front matter to YAML nodes with file lines, body."""

from __future__ import annotations

import unicodedata

import pytest

from app.content.sources import read_source

LIMIT = 2 * 1024 * 1024
NAME = "2024-04-04-annonce.md"


@pytest.fixture
def read(write_content, tmp_path, monkeypatch):
    """read(text or bytes, max_bytes=...) -> (Source | None, [str(problem), ...])."""
    monkeypatch.chdir(tmp_path)  # paths are then shown as content/<name>

    def read(text: str | bytes, max_bytes: int = LIMIT):
        folder = write_content({NAME: text})
        source, problems = read_source(folder / NAME, max_bytes)
        return source, [str(problem) for problem in problems]

    return read


def test_a_file_splits_into_front_matter_and_body_with_their_lines_in_the_file(read):
    source, problems = read("---\ntitle: Un titre\ndate: 2024-04-04\n---\nPremier.\n\nSecond.\n")

    assert problems == []
    assert source.path == f"content/{NAME}"
    assert [key.value for key, _ in source.front_matter.value] == ["title", "date"]
    assert source.yaml_first_line == 2
    assert source.body == "Premier.\n\nSecond.\n"
    assert source.body_line == 5


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["windows", "old mac"])
def test_other_line_endings_read_like_unix_ones(read, newline):
    text = "---\ntitle: Un titre\n---\nPremier.\n\nSecond.\n"

    source, problems = read(text.replace("\n", newline))

    assert problems == []
    assert source.body == "Premier.\n\nSecond.\n"
    assert source.body_line == 4


def test_a_file_without_final_newline_keeps_its_last_line(read):
    source, problems = read("---\ntitle: Un titre\n---\nDernière ligne")

    assert problems == []
    assert source.body == "Dernière ligne"


def test_a_closing_line_with_trailing_spaces_still_closes_the_front_matter(read):
    source, problems = read("---   \ntitle: Un titre\n---  \nCorps.\n")

    assert problems == []
    assert source.body == "Corps.\n"


def test_decomposed_accents_are_composed_in_front_matter_and_body(read):
    text = "---\ntitle: Été à Noël\n---\nÉlysée, fenêtre.\n"

    source, problems = read(unicodedata.normalize("NFD", text))

    assert problems == []
    assert source.front_matter.value[0][1].value == "Été à Noël"
    assert source.body == "Élysée, fenêtre.\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        pytest.param(b"---\ntitle: Caf\xe9\n---\nx\n", 2, ["not UTF-8", "0xe9"],
                     id="latin-1 in the front matter"),
        pytest.param(b"---\ntitle: T\n---\nun\ndeux\nd\xe9j\xe0\n", 6, ["not UTF-8", "0xe9"],
                     id="latin-1 in the body"),
        pytest.param("", 1, ["empty file"], id="empty"),
        pytest.param(" \n\n\t\n", 1, ["empty file"], id="blank"),
        pytest.param("Un corps sans en-tête.\n", 1, ["no front matter"], id="no front matter"),
        pytest.param("---\ntitle: T\ndate: 2024-04-04\n\nCorps.\n", 1, ["never closed"],
                     id="front matter never closed"),
        pytest.param("---\n---\nCorps.\n", 1, ["front matter is empty"], id="empty front matter"),
        pytest.param("---\n- title\n- date\n---\nx\n", 2, ["key: value"],
                     id="front matter is a list"),
        pytest.param("---\ntitle: T\ndate: 2024-04-04\n\x00\n---\nx\n", 4, ["NUL"], id="NUL byte"),
    ],
)
def test_an_unreadable_file_gives_one_problem_at_its_line(read, text, line, words):
    source, problems = read(text)

    assert source is None
    assert len(problems) == 1
    assert problems[0].startswith(f"content/{NAME}:{line}: ")
    for word in words:
        assert word in problems[0]


def test_a_bom_is_an_error_at_line_1_and_the_rest_of_the_file_is_still_checked(read):
    source, problems = read(b"\xef\xbb\xbf---\ntitle: T\n---\nx\n")

    assert source.body == "x\n"
    assert len(problems) == 1
    assert problems[0].startswith(f"content/{NAME}:1: file starts with a byte order mark")


def test_a_bom_is_reported_along_with_the_other_problems_of_the_file(read):
    source, problems = read(b"\xef\xbb\xbf---\ntitle: T\n---\nx\n\xff\n")

    assert source is None
    assert [p.split(": ", 1)[0] for p in problems] == [f"content/{NAME}:1", f"content/{NAME}:5"]
    assert "byte order mark" in problems[0]
    assert "not UTF-8: byte 0xff" in problems[1]


def test_an_unclosed_front_matter_never_leaks_yaml_into_the_body(read):
    source, problems = read("---\ntitle: T\nchapeau-text: Un chapeau.\n\nLe corps.\n")

    assert source is None
    assert problems == [f"content/{NAME}:1: front matter is never closed "
                        "(add a line '---' after the last key)"]


@pytest.mark.parametrize(
    ("front", "line"),
    [
        pytest.param("title: T\ndate: 2024-04-04\nchapeau-text: 'L'État agit'\n", 4,
                     id="apostrophe inside single quotes"),
        pytest.param("title: T\nauteur: Jean: Dupont\n", 3, id="second colon"),
        pytest.param("title: T\n  date: 2024-04-04\nauteur: X\n", 3, id="bad indentation"),
        pytest.param("title: T\ndate: 2024-04-04\ntags:\n\t- a\n", 5, id="tab indentation"),
        pytest.param("title: T\ndate: 2024-04-04\ntags: [a, b\nauteur: X\n", 5,
                     id="unclosed bracket"),
    ],
)
def test_a_yaml_syntax_error_is_reported_at_its_line_in_the_file(read, front, line):
    source, problems = read(f"---\n{front}---\nCorps.\n")

    assert source is None
    assert len(problems) == 1
    assert problems[0].startswith(f"content/{NAME}:{line}: front matter is not valid YAML: ")


@pytest.mark.parametrize(
    ("front", "line", "word"),
    [
        pytest.param("title: &titre T\nauteur: *titre\n", 3, "aliases", id="alias"),
        pytest.param("title: T\nbase: &base {a: 1}\nautre:\n  <<: *base\n", 5, "aliases",
                     id="merge key"),
        pytest.param("title: T\nauteur: &auteur Jean\n", 3, "anchors", id="anchor alone"),
    ],
)
def test_yaml_aliases_and_anchors_are_refused_at_their_line(read, front, line, word):
    source, problems = read(f"---\n{front}---\nx\n")

    assert source is None
    assert len(problems) == 1
    assert problems[0].startswith(f"content/{NAME}:{line}: ")
    assert f"YAML {word} are not supported" in problems[0]


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        pytest.param("title: !!python/object/apply:os.system ['echo pwned']\n", 2,
                     "title: unsupported YAML tag !!python/object/apply:os.system",
                     id="object apply on the title"),
        pytest.param("title: !!python/name:os.system\n", 2,
                     "title: unsupported YAML tag !!python/name:os.system", id="name on the title"),
        pytest.param("title: !!python/str T\n", 2, "title: unsupported YAML tag !!python/str",
                     id="str that reads as text"),
        pytest.param("title: T\nmachin: !!python/object/apply:os.system ['ls']\n", 3,
                     "machin: unsupported YAML tag !!python/object/apply:os.system",
                     id="on an unknown key"),
        pytest.param("title: T\nfiles:\n  - file: !!python/object/apply:os.system ['ls']\n", 4,
                     "files: unsupported YAML tag !!python/object/apply:os.system",
                     id="nested in a list"),
        pytest.param("title: T\ntags: !!set {a}\n", 3, "tags: unsupported YAML tag !!set",
                     id="set"),
    ],
)
def test_a_yaml_tag_other_than_plain_values_is_refused_at_its_line(read, front, line, message):
    source, problems = read(f"---\n{front}---\nx\n")

    assert source is None
    assert problems == [f"content/{NAME}:{line}: {message} (remove the tag)"]


def test_a_file_over_the_size_limit_is_refused_without_being_read(read):
    source, problems = read("---\ntitle: T\n---\n" + "x" * 200, max_bytes=100)

    assert source is None
    assert len(problems) == 1
    assert problems[0].startswith(f"content/{NAME}:1: file is 217 bytes, more than 100")


def test_a_file_at_the_size_limit_is_read(read):
    text = "---\ntitle: T\n---\n" + "x" * 83

    source, problems = read(text, max_bytes=100)

    assert len(text.encode()) == 100
    assert problems == []
    assert source is not None
