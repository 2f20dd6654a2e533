"""Reading one content file: bytes to text, front matter to YAML nodes with file lines, body."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from frontmatter.default_handlers import YAMLHandler

from app.problems import Problem, display_path

# python-frontmatter finds and splits the front matter (its YAML handler's `---` lines); we
# compose the YAML ourselves, since its `load` gives values without their file lines.
SPLITTER = YAMLHandler()


# Characters no text shows (tab and line breaks aside): they break XML feeds and exports.
CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Source:
    """A content file split into its front matter (YAML nodes) and its markdown body."""

    path: str
    front_matter: yaml.MappingNode
    yaml_first_line: int  # file line of the first YAML line
    body: str
    body_line: int  # file line of the first body line


# The tags plain YAML values resolve to; `!!python/...` also starts with the YAML prefix.
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}"
              for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


class _Composer(yaml.SafeLoader):
    """A safe YAML loader that refuses aliases, so no alias bomb can expand, and anchors."""

    anchor_mark: yaml.error.Mark | None = None

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # PyYAML's stubs leave it out
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases are not supported (write the value out)",
                event.start_mark,  # type: ignore[arg-type]  # the pure-Python loader's Mark
            )
        if getattr(event, "anchor", None) is not None and self.anchor_mark is None:
            self.anchor_mark = event.start_mark
        return super().compose_node(parent, index)

    def get_single_node(self) -> yaml.Node | None:
        node: yaml.Node | None = super().get_single_node()
        if self.anchor_mark is not None:  # reported after any alias, the graver mistake
            raise yaml.composer.ComposerError(
                None, None, "YAML anchors are not supported (remove the &name)",
                self.anchor_mark,
            )
        return node


# libyaml, when PyYAML was built with it: some 15 times faster (1,000 files: 0.3 s instead of
# 4 s). It cannot refuse aliases while composing, so they are looked for in its events
# first; on any error the pure-Python `_Composer` reads the text again for its exact message.
_FastLoader = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    """The front matter's YAML node (no alias, no anchor), fast when libyaml is there."""
    if _FastLoader is not None:
        try:
            # Anchors and aliases need & and *: without either, no need to look for them.
            if ("&" not in text and "*" not in text) or not any(
                    isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)
                    is not None for event in yaml.parse(text, Loader=_FastLoader)):
                return yaml.compose(text, Loader=_FastLoader)
        except yaml.YAMLError:
            pass
    loader = _Composer(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _foreign_tag(node: yaml.Node) -> yaml.Node | None:
    """The first node below `node` with a tag other than a plain value's (e.g. !!python/...)."""
    if node.tag not in PLAIN_TAGS:
        return node
    children = []
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    return next((found for child in children if (found := _foreign_tag(child))), None)


def read_source(path: Path, max_bytes: int) -> tuple[Source | None, list[Problem]]:
    """Read `path`; return its Source (None if unreadable) and every problem found."""
    shown = display_path(path)
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(shown, line, message))

    size = path.stat().st_size
    if size > max_bytes:
        problem(1, f"file is {size} bytes, more than {max_bytes} "
                   "(keep attachments out of content/)")
        return None, problems
    raw = path.read_bytes()
    if raw.startswith(codecs.BOM_UTF8):
        problem(1, "file starts with a byte order mark (save it as UTF-8 without BOM)")
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        problem(line, f"not UTF-8: byte 0x{byte:02x} (save the file as UTF-8)")
        return None, problems
    if not text.strip():
        problem(1, "empty file (write a front matter with a title and a date, or delete it)")
        return None, problems
    # Decomposed accents (from some editors) would break lookups and sorting.
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problem(line, "NUL byte in the text (remove it)")
        return None, problems
    control = CONTROL.search(text)
    if control:
        line = text[: control.start()].count("\n") + 1
        problem(line, f"control character U+{ord(control.group()):04X} in the text, invisible "
                      "and refused by feeds (remove it)")
        return None, problems

    if not SPLITTER.detect(text):
        problem(1, "no front matter (start the file with a line '---', the keys, then '---')")
        return None, problems
    try:
        yaml_text, body = SPLITTER.split(text)
    except ValueError:  # one boundary only: nothing to split on
        problem(1, "front matter is never closed (add a line '---' after the last key)")
        return None, problems
    # Lines from the offsets. python-frontmatter's boundary may or may not take its line
    # break: the part that starts with the rest of a `---` line drops that line break.
    yaml_start, body_start = text.find(yaml_text, 3), len(text) - len(body)
    if text[yaml_start - 1] != "\n" and yaml_text.startswith("\n"):
        yaml_text, yaml_start = yaml_text[1:], yaml_start + 1
    if text[body_start - 1] != "\n" and body.startswith("\n"):
        body, body_start = body[1:], body_start + 1
    yaml_line = text.count("\n", 0, yaml_start) + 1
    body_line = text.count("\n", 0, body_start) + 1

    try:
        node = _compose(yaml_text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = yaml_line + (mark.line if mark else 0)
        reason = error.problem or error.context or "invalid YAML"
        problem(line, f"front matter is not valid YAML: {reason} "
                      "(check quotes, colons and indentation)")
        return None, problems
    except yaml.YAMLError as error:
        problem(yaml_line, f"front matter is not valid YAML: {error} (check the syntax)")
        return None, problems
    except RecursionError:
        problem(yaml_line, "front matter nests lists or mappings too deeply (flatten it)")
        return None, problems
    if node is None:
        problem(1, "front matter is empty (add at least a title)")
        return None, problems
    if not isinstance(node, yaml.MappingNode):
        problem(yaml_line, "front matter is not a list of 'key: value' lines (write key: value)")
        return None, problems
    for key_node, value_node in node.value:
        tagged = _foreign_tag(key_node) or _foreign_tag(value_node)
        if tagged is not None:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "key"
            tag = tagged.tag.replace("tag:yaml.org,2002:", "!!")
            problem(yaml_line + tagged.start_mark.line,
                    f"{key}: unsupported YAML tag {tag} (remove the tag)")
            return None, problems

    source = Source(shown, node, yaml_line, body, body_line)
    return source, problems
