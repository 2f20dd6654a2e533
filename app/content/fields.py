"""The structured fields of a post: images, files, press contact, event and its facts.

Lenient where Jekyll is: what the State's site builds loads here, with a warning saying what
was done; errors only where a page cannot be shown safely (an unsafe address).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import yaml

from app.content.model import Access, Attachment, Contact, Event, Fact, Image
from app.content.places import COUNTRY, postal_address
from app.content.reader import Reader
from app.content.sanitize import safe_url

DECORATIVE = "image décorative"
UNSAFE = "is not an http(s), mailto or relative address (use https://... or /path)"


def images(reader: Reader) -> tuple[Image, ...]:
    """`une-ou-diaporama`, else the legacy `image` / `image-mise-en-avant` keys, else `une`."""
    found = []
    for node, keys in reader.items("une-ou-diaporama"):
        src = reader.text("image", keys.get("image"))
        if not src:
            if any(not reader.is_null(value) for value in keys.values()):
                reader.problem(node, "une-ou-diaporama: an entry has no image, it is not shown "
                                     "(add image: path)", warning=True)
            continue
        if not safe_url(src):
            reader.problem(node, f"une-ou-diaporama: image {src[:40]!r} is not an http(s) or "
                                 "relative address (use https://... or /path)")
            continue
        alt = reader.text("alternative-textuelle", keys.get("alternative-textuelle"))
        missing = not alt
        if alt.lower().rstrip(". ") == DECORATIVE:
            alt = ""
        caption = reader.text("legende", keys.get("legende"), markdown=True)
        found.append(Image(src, alt, caption, reader.line(node), missing))
    for key in ("image", "image-mise-en-avant"):
        src = reader.text(key)
        if src and not found:
            if not safe_url(src):
                reader.problem(reader.nodes[key], f"{key}: {src[:40]!r} {UNSAFE}")
                continue
            src = src if src.startswith(("/", "http:", "https:")) else "/" + src
            found.append(Image(src, "", "", reader.lines[key], True))
    lead = lead_image(reader)
    if lead is not None and not found:  # the lead image, when the post shows no other
        found.append(lead)
    return tuple(found)


def lead_image(reader: Reader) -> Image | None:
    """`une`: an image path, or (publications) a mapping with an image and its alternative."""
    node = reader.nodes.get("une")
    alt = ""
    if isinstance(node, yaml.MappingNode):
        keys = reader.mapping("une", node)
        src = reader.text("image", keys.get("image"))
        # The State's editor writes both spellings.
        alt = reader.text("alternative-textuelle", keys.get("alternative-textuelle")) or \
            reader.text("alternative-textuel", keys.get("alternative-textuel"))
        reader.problem(node, "une: written as a mapping, its image is read as the lead image "
                             "(or write une: /path)", warning=True)
    else:
        src = reader.text("une")
    if not src:
        return None
    if not safe_url(src):
        reader.problem(node, f"une: {src[:40]!r} {UNSAFE}")
        return None
    return Image(src, "" if alt.lower().rstrip(". ") == DECORATIVE else alt, "",
                 reader.lines["une"], not alt)


def files(reader: Reader) -> tuple[Attachment, ...]:
    """`files` (each `file` or `lien`, with `nom`), then the legacy single `file`."""
    found = []
    for node, keys in reader.items("files"):
        href = reader.text("file", keys.get("file")) or reader.text("lien", keys.get("lien"))
        label = reader.text("nom", keys.get("nom"))
        if not href:
            if label:
                reader.problem(node, f"files: {label!r} has no file nor lien, it is not shown "
                                     "(add file: /path or lien: https://...)", warning=True)
            continue
        if not safe_url(href):
            reader.problem(node, f"files: {href[:40]!r} {UNSAFE}")
            continue
        found.append(Attachment(href, label or Path(href).name, reader.line(node), bool(label)))
    legacy = reader.text("file")
    if legacy and not safe_url(legacy):
        reader.problem(reader.nodes["file"], f"file: {legacy[:40]!r} {UNSAFE}")
    elif legacy and all(item.href != legacy for item in found):
        found.append(Attachment(legacy, Path(legacy).name, reader.lines["file"], False))
    return tuple(found)


def press_release(reader: Reader) -> Attachment | None:
    """`communique_file`: the press release, downloaded from its own labelled link."""
    href = reader.text("communique_file")
    if not href:
        return None
    if not safe_url(href):
        reader.problem(reader.nodes["communique_file"], f"communique_file: {href[:40]!r} {UNSAFE}")
        return None
    return Attachment(href, "Télécharger le communiqué de presse", reader.lines["communique_file"])


def facts(reader: Reader) -> tuple[Fact, ...]:
    """`champs_informations`: labelled facts of an event, a link when `lien` is given."""
    found = []
    for node, keys in reader.items("champs_informations"):
        label = reader.text("intitule", keys.get("intitule"))
        text = reader.text("contenu", keys.get("contenu"))
        href = reader.text("lien", keys.get("lien"))
        if href and not safe_url(href):
            reader.problem(node, f"champs_informations: lien {href[:40]!r} {UNSAFE}")
            href = ""
        if label == "null" and text in ("", "null"):
            continue  # the State's editor writes an unused entry as 'null'
        if label or text or href:
            found.append(Fact(label, text or href, href, reader.line(node)))
    return tuple(found)


def access(reader: Reader) -> tuple[Access, ...]:
    """`acces`: each kind of transport with its lines (`lignes`, each a `nom`)."""
    found = []
    for node, keys in reader.items("acces"):
        kind = reader.text("type", keys.get("type"))
        lines_node = keys.get("lignes")
        names: list[str] = []
        if isinstance(lines_node, yaml.SequenceNode):
            for item in lines_node.value:
                if isinstance(item, yaml.MappingNode):
                    names.append(reader.text("nom", reader.mapping("acces", item).get("nom")))
        names = [name for name in names if name]
        if kind or names:
            found.append(Access(kind, tuple(names), reader.line(node)))
    return tuple(found)


def contact(reader: Reader) -> Contact | None:
    node = reader.nodes.get("contact-presse")
    if reader.is_null(node):
        return None
    if not isinstance(node, yaml.MappingNode):
        if isinstance(node, yaml.ScalarNode) and not node.value.strip():
            return None
        reader.problem(node, "contact-presse: expected name, tel and email lines "
                             "(indent them under the key)")
        return None
    keys = reader.mapping("contact-presse", node)
    name = reader.text("name", keys.get("name"))
    phones = reader.texts("tel", keys.get("tel"))
    email = reader.text("email", keys.get("email"))
    if not (name or phones or email):
        return None
    return Contact(name, phones, email)


def event(reader: Reader) -> Event | None:
    """`event_start_date` (or the legacy `dateEvent` / `event_date`) and where."""
    legacy = next((key for key in ("dateEvent", "event_date") if key in reader.nodes), None)
    start = reader.moment("event_start_date") or (reader.moment(legacy) if legacy else None)
    end = reader.moment("event_end_date")
    if start is None:
        return None
    if end is not None and _as_date(end) < _as_date(start):
        reader.problem(reader.nodes["event_end_date"],
                       "event_end_date: before event_start_date (swap or correct them)")
    address, country = reader.text("adresse"), reader.text("pays").upper() or "FR"
    if not COUNTRY.fullmatch(country):
        reader.problem(reader.nodes["pays"], f"pays: {country!r} is not a two-letter country "
                                             "code (write pays: FR)")
    postal = postal_address(address, country) if address else None
    if address and postal is None:
        reader.problem(reader.nodes["adresse"], f"adresse: no postal code and town in "
                       f"{address!r} (write it as: 1 place de la Porte de Versailles, "
                       "75015 Paris)", warning=True)
    return Event(start, end, reader.text("lieu"), address, reader.text("stand"), postal,
                 reader.flag("gratuit", False))


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
