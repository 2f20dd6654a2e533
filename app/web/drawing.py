"""Pictures drawn from the site's identity with Pillow: share cards and the favicon.

Fonts: the DSFR's Marianne when it is vendored under `static/dsfr/<version>/` (Pillow's
FreeType reads its woff2 files), else DejaVu Sans from Debian's fonts-dejavu-core, which
`bin/setup` installs. The same text and fonts always give the same bytes, so a card's name
can be a digest of what it shows (`card_digest`) and be cached for ever.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, features

WIDTH, HEIGHT = 1200, 630  # Open Graph's recommended size (1.91:1)
BLUE, RED, WHITE, GREY = "#000091", "#e1000f", "#ffffff", "#3a3a3a"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
VERSION = "2"  # bump when the drawing changes: every card then gets a new name
TITLE_SIZES = (64, 56, 48, 42, 36)  # the largest whose lines fit
TITLE_HEIGHT = 330
# The favicon's "M" (static/favicon.svg's path on its 32-unit grid).
ICON_M = [(9, 22), (9, 10), (12.2, 10), (16, 17), (19.8, 10), (23, 10), (23, 22), (20, 22),
          (20, 15), (16.8, 21), (14.2, 21), (11, 15), (11, 22)]


@lru_cache(maxsize=4)
def font_files(static_folder: str) -> tuple[Path, Path]:
    """(bold, regular): the vendored Marianne, else DejaVu Sans."""
    folder = Path(static_folder)
    bold = sorted(folder.glob("dsfr/*/**/Marianne-Bold.woff2"))
    regular = sorted(folder.glob("dsfr/*/**/Marianne-Regular.woff2"))
    if bold and regular:
        return bold[-1], regular[-1]
    return DEJAVU / "DejaVuSans-Bold.ttf", DEJAVU / "DejaVuSans.ttf"


@lru_cache(maxsize=4)
def fonts_digest(static_folder: str) -> str:
    digest = hashlib.sha256()
    for path in font_files(static_folder):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def libraries() -> str:
    """What draws and packs a card besides this file: another Pillow, FreeType, text layout
    or zlib may give other bytes for the same texts, so it gives other names."""
    return " ".join(f"{name} {version}" for name, version in (
        ("pillow", PIL.__version__), ("freetype", features.version("freetype2")),
        ("raqm", features.version("raqm")), ("zlib", features.version("zlib"))))


def card_digest(texts: tuple[str, ...], static_folder: str) -> str:
    """16 hex digits naming a card: the same texts, fonts, drawing and libraries give the
    same bytes (a kept card is reused by its name: app/web/cards.py)."""
    material = "\x00".join((VERSION, libraries(), fonts_digest(static_folder), *texts))
    return hashlib.sha256(material.encode()).hexdigest()[:16]


@lru_cache(maxsize=16)
def font_at(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """A font at a size, read once (FreeType's loading costs more than drawing a line)."""
    return ImageFont.truetype(str(path), size)


def wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont,
         width: int) -> list[str]:
    """Lines of `text` no wider than `width` (a word longer than that stands alone)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    return [*lines, current] if current else lines


def card(title: str, site_name: str, footer: str, static_folder: str) -> bytes:
    """A 1200x630 PNG: the flag's colours, the site's name, the page title, the publisher."""
    bold, regular = font_files(static_folder)
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 23, HEIGHT), fill=BLUE)
    draw.rectangle((48, 0, 71, HEIGHT), fill=RED)
    left, width = 120, WIDTH - 200
    draw.text((left, 70), site_name, font=font_at(bold, 36), fill=BLUE)
    for size in TITLE_SIZES:
        title_font = font_at(bold, size)
        lines = wrap(draw, title, title_font, width)
        if len(lines) * size * 1.25 <= TITLE_HEIGHT:
            break
    top = 160
    for line in lines[:int(TITLE_HEIGHT // (size * 1.25))]:
        draw.text((left, top), line, font=title_font, fill=GREY)
        top += int(size * 1.25)
    draw.text((left, HEIGHT - 100), footer, font=font_at(regular, 30),
              fill=BLUE)
    return png(image)


def favicon() -> bytes:
    """`/favicon.ico` (16, 32 and 48 pixels) drawn like static/favicon.svg, for the clients
    that ask for it whatever the page links."""
    scale = 8  # drawn large, then reduced: smooth edges
    image = Image.new("RGBA", (32 * scale, 32 * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 32 * scale - 1, 32 * scale - 1), radius=6 * scale, fill=BLUE)
    draw.polygon([(x * scale, y * scale) for x, y in ICON_M], fill=WHITE)
    icon = image.resize((48, 48), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    icon.save(out, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # zlib's level 6: a card 4 % larger than at level 9 (Pillow's optimize), drawn in a third
    # of the time (18 ms rather than 60 ms for a 1200x630 card).
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()
