"""Vietnamese text helpers: one folded key so that typing without diacritics still finds."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """NFC, đ→d, strip combining marks, lowercase, single spaces.

    "Đường Dân vận khéo" → "duong dan van kheo"; "Hoà" and "Hòa" → "hoa".
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def nfc(text: str | None) -> str:
    """Store text composed (NFC), trimmed: Vietnamese typed on old keyboards arrives decomposed."""
    return unicodedata.normalize("NFC", text or "").strip()
