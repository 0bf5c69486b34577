"""How long a line of text is when printed, to size the header's columns and the rules under the
motto and the issuer. Measured with Liberation Serif, metric-compatible with Times New Roman."""

import functools
import unicodedata
from pathlib import Path

from django.conf import settings
from PIL import ImageFont

FACES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}


def font_dir() -> Path:
    return Path(getattr(settings, "DANVAN_FONT_DIR", "/usr/share/fonts/truetype/liberation2"))


@functools.cache
def _font(bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_dir() / f"LiberationSerif-{FACES[bold, italic]}.ttf"), 100)


def text_width_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """The printed width of `text` at `size_pt` in Times New Roman (its metric twin)."""
    points = _font(bold, italic).getlength(unicodedata.normalize("NFC", text)) * size_pt / 100
    return points * 25.4 / 72
