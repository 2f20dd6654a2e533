"""kramdown's attribute lists (`{: .class #id key="value"}`): what they set, as a dict."""

from __future__ import annotations

import re

NAME = r"\w[\w-]*"
KEY_VALUE = rf"({NAME})=(\"|')((?:\\\}}|\\\2|[^}}\2])*?)\2"
ID_OR_CLASS = r"#[A-Za-z][\w:-]*|\.[^\s.#]+"
ANY = re.compile(rf"(?:\A|\s)(?:{KEY_VALUE}|({NAME})|((?:{ID_OR_CLASS})+))(?=\s|\Z)")


def parse_attributes(text: str) -> dict[str, str]:
    """The attributes an IAL's content sets; references to ALDs and malformed parts are dropped."""
    found: dict[str, str] = {}
    for key, _, value, _ref, names in ANY.findall(text):
        if key:
            found[key] = value
        elif names:
            for name in re.findall(ID_OR_CLASS, names):
                if name.startswith("."):
                    found["class"] = f"{found.get('class', '')} {name[1:]}".strip()
                else:
                    found["id"] = name[1:]
    return found
