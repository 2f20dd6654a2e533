"""Typed access to a post's front matter: YAML nodes read as texts, dates and flags, with their
file lines, each mistake a problem at its line."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import yaml

from app.content.sources import Source
from app.content.values import clean_markdown, clean_text, parse_moment
from app.problems import Problem

TRUE = {"true", "yes", "on"}
FALSE = {"false", "no", "off"}


class _Top(Enum):
    """The default of `node`: read the top-level key, not a node the caller gives."""

    TOP = "top"


TOP = _Top.TOP

# Keys of the State's Jekyll posts that this site reads (others are kept and listed).
KNOWN_KEYS = {
    "title", "date", "published", "chapeau-text", "categories", "categorie", "tags",
    "une-ou-diaporama", "une", "files", "file", "contact-presse", "auteur", "sous-titre",
    "event_start_date", "event_end_date", "lieu", "adresse", "slug",
    # Our own additions for what an announcement states: its stand and the entities present,
    # the country of its address (FR when not given), free entry, the last change (the name
    # of Jekyll's jekyll-last-modified-at plugin).
    "stand", "entites", "pays", "gratuit", "last_modified_at",
    # What the State's layouts show besides: event facts, access, the press release, legacy
    # image keys and event date.
    "champs_informations", "acces", "communique_file", "image", "image-mise-en-avant",
    "dateEvent", "event_date",
}



class Reader:
    """Reads the front-matter nodes of one file, collecting problems with file lines."""

    def __init__(self, source: Source, zone: str):
        self.source = source
        self.zone = zone
        self.problems: list[Problem] = []
        self.nodes: dict[str, yaml.Node] = {}
        self.lines: dict[str, int] = {}

    def line(self, node: yaml.Node) -> int:
        return self.source.yaml_first_line + node.start_mark.line

    def problem(self, node: yaml.Node | None, message: str, warning: bool = False) -> None:
        line = self.line(node) if node is not None else 1
        self.problems.append(Problem(self.source.path, line, message, warning))

    def index(self) -> None:
        for key_node, value_node in self.source.front_matter.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problem(key_node, "a key is not a name (write key: value)")
                continue
            if key in self.nodes:
                first = self.lines[key]
                self.problem(key_node, f"{key}: written twice, first at line {first} "
                                       "(keep one)")
                continue
            self.nodes[key] = value_node
            self.lines[key] = self.line(key_node)

    @staticmethod
    def is_null(node: yaml.Node | None) -> bool:
        return node is None or (
            isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")
        )

    def text(self, key: str, node: yaml.Node | _Top | None = TOP, markdown: bool = False,
             ) -> str:
        """A string field; numbers, booleans and dates count as their written text."""
        node = self.nodes.get(key) if node is TOP else node
        if self.is_null(node):
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{key}: expected text, found a list or a mapping "
                               "(write it on one line, quoted if needed)")
            return ""
        if node.tag.startswith("tag:yaml.org,2002:") and node.tag.endswith((":binary", ":set")):
            self.problem(node, f"{key}: unsupported YAML tag {node.tag} (remove the tag)")
            return ""
        if not node.tag.startswith("tag:yaml.org,2002:"):
            self.problem(node, f"{key}: unsupported YAML tag {node.tag} (remove the tag)")
            return ""
        return clean_markdown(node.value) if markdown else clean_text(node.value)

    def texts(self, key: str, node: yaml.Node | _Top | None = TOP) -> tuple[str, ...]:
        """A list of strings, or one string standing for a list of one."""
        node = self.nodes.get(key) if node is TOP else node
        if self.is_null(node):
            return ()
        if isinstance(node, yaml.SequenceNode):
            values = (self.text(key, item) for item in node.value)
            return tuple(v for v in values if v)
        value = self.text(key, node)
        return (value,) if value else ()

    def items_with_lines(self, key: str) -> list[tuple[str, int]]:
        """A list of strings, each with its own line (for catalog references)."""
        node = self.nodes.get(key)
        if not isinstance(node, yaml.SequenceNode):
            return [(text, self.lines.get(key, 1)) for text in self.texts(key)]
        found = ((self.text(key, item), self.line(item)) for item in node.value)
        return [(text, line) for text, line in found if text]

    def items(self, key: str) -> list[tuple[yaml.Node, dict[str, yaml.Node]]]:
        """A list of mappings, each as its node and its sub-keys."""
        node = self.nodes.get(key)
        if self.is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{key}: expected a list of entries starting with '- ' "
                               "(indent each entry under the key)")
            return []
        result: list[tuple[yaml.Node, dict[str, yaml.Node]]] = []
        for item in node.value:
            if self.is_null(item):
                continue
            if not isinstance(item, yaml.MappingNode):
                self.problem(item, f"{key}: each entry must be 'name: value' lines "
                                   "(see the other posts)")
                continue
            result.append((item, self.mapping(key, item)))
        return result

    def mapping(self, parent: str, node: yaml.MappingNode) -> dict[str, yaml.Node]:
        """The sub-keys of a mapping; a key written twice is an error, as at the top."""
        keys: dict[str, yaml.Node] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, f"{parent}: a key must be a name (write name: value)")
                continue
            name = str(key_node.value)
            if name in keys:
                self.problem(key_node, f"{parent}: {name}: written twice, first at line "
                                       f"{lines[name]} (keep one)")
                continue
            keys[name], lines[name] = value_node, self.line(key_node)
        return keys

    def moment(self, key: str) -> date | datetime | None:
        node = self.nodes.get(key)
        if self.is_null(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{key}: not a date (write YYYY-MM-DD HH:MM:SS +02:00)")
            return None
        try:
            return parse_moment(node.value, self.zone)
        except ValueError:
            self.problem(node, f"{key}: not a date ({node.value.strip()!r}; "
                               "write YYYY-MM-DD HH:MM:SS +02:00)")
            return None

    def flag(self, key: str, default: bool) -> bool:
        node = self.nodes.get(key)
        if self.is_null(node):
            return default
        value = node.value.strip().lower() if isinstance(node, yaml.ScalarNode) else None
        if value in TRUE or value in FALSE:
            return value in TRUE
        self.problem(node, f"{key}: expected true or false (write {key}: true or {key}: false)")
        return default

    def unknown(self) -> dict[str, object]:
        kept = {}
        for key, node in self.nodes.items():
            if key in KNOWN_KEYS:
                continue
            try:
                kept[key] = yaml.SafeLoader("").construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError):  # e.g. foo: 2024-02-30, foo: !!int abc
                kept[key] = None
            # At the key's line: a list value starts on the line below.
            self.problems.append(Problem(
                self.source.path, self.lines[key], f"{key}: unknown key, kept but not used "
                "by the site (remove it, or ignore this warning)", warning=True))
        return kept
