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


# Vietnamese dictionary order ----------------------------------------------------------------------
# The one rule for sorting names (units, people, fields) as a Vietnamese reader expects: letters in the
# order of the alphabet, where ă and â follow a, đ follows d, ê follows e, ô and ơ follow o, ư follows u;
# then, for words spelled alike, the tones: none, huyền, sắc, hỏi, ngã, nặng; then lower case first.

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}  # huyền, sắc, hỏi, ngã, nặng
_SHAPES = {"\u0306", "\u0302", "\u031b"}  # breve (ă), circumflex (â ê ô), horn (ơ ư): part of the letter


def collation_key(text: str | None) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A sort key in Vietnamese dictionary order: `sorted(names, key=collation_key)`.

    "Đông" sorts after "Dương" and before "Em"; "Ấp" after "An"; "Hòa" after "Hoa" and before "Hóa";
    numbers by their value ("Khu 2" before "Khu 10"), before any letter; other characters (spaces,
    punctuation, letters of other alphabets) by their code point, before the Vietnamese letters.
    """
    text = unicodedata.normalize("NFC", text or "")
    letters: list[int] = []
    tones: list[int] = []
    for number, char in _PIECES.findall(text):
        if number:
            letters.append(int(number) - _NUMBERS_FIRST)
            tones.append(0)
            continue
        decomposed = unicodedata.normalize("NFD", char.lower())
        shape = "".join(m for m in decomposed[1:] if m in _SHAPES)
        letter = "đ" if decomposed[0] == "đ" else unicodedata.normalize("NFC", decomposed[0] + shape)
        rank = _LETTER_RANK.get(letter)
        letters.append(_LETTERS_AFTER + rank if rank is not None else ord(letter[0]))
        tones.append(next((_TONES[m] for m in decomposed[1:] if m in _TONES), 0))
    return tuple(letters), tuple(tones), text.swapcase()


_PIECES = re.compile(r"(\d+)|(.)", re.DOTALL)
_NUMBERS_FIRST = 10**30
_LETTERS_AFTER = 0x110000  # above every code point


# Names in running text ----------------------------------------------------------------------------
# A unit's name begins with its administrative word ("Tỉnh Phú Thọ", "Xã Đông Hòa"); mid-sentence that
# word is written in lower case ("của tỉnh Phú Thọ": Nghị định 30/2020, Phụ lục II, mục II.2.a), and an
# office that signs is named by its title and body ("Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ"), not by the unit.

ADMINISTRATIVE_WORDS = (
    *("Thành phố", "Tỉnh", "Xã", "Phường", "Đặc khu", "Huyện", "Quận", "Thị xã", "Thị trấn"),
    *("Thôn", "Bản", "Ấp", "Tổ dân phố"),  # below the commune: "thôn Đoàn Kết" too
)
_ADMINISTRATIVE = re.compile(r"^(" + "|".join(ADMINISTRATIVE_WORDS) + r")\s+", re.IGNORECASE)

# The names of bodies as a sentence writes them (their own capitals kept).
BODY_WORDS = (
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Ban Thường vụ",
    "Ban Chấp hành Trung ương",
    "Ban Chỉ đạo",
    "Ban Dân vận",
    "Đảng ủy",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Mặt trận Tổ quốc Việt Nam",
    "Thủ tướng Chính phủ",
    "Chính phủ",
)


def place_name(unit_name: str) -> str:
    """ "Tỉnh Phú Thọ" → "Phú Thọ"; "Thành phố Hà Nội" → "Hà Nội": the place without its administrative word."""
    return _ADMINISTRATIVE.sub("", unit_name).strip()


def in_sentence(unit_name: str) -> str:
    """ "Tỉnh Phú Thọ" → "tỉnh Phú Thọ": the administrative word in lower case mid-sentence."""
    match = _ADMINISTRATIVE.match(unit_name)
    if match:
        return match.group(1).lower() + unit_name[len(match.group(1)) :]
    return unit_name


def office_in_sentence(authority: str, unit_name: str) -> str:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ" → "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ"; "BAN THƯỜNG VỤ
    TỈNH ỦY PHÚ THỌ" → "Ban Thường vụ Tỉnh ủy Phú Thọ": the office that signs, as a sentence names it (the
    authority line of a decision is written in capitals). The unit's name, in running text, when no
    authority is written."""
    if not authority.strip():
        return in_sentence(unit_name)
    text = " ".join(authority.split()).lower()
    for words in BODY_WORDS:
        text = text.replace(words.lower(), words)
    place = place_name(unit_name)
    if place:
        text = text.replace(place.lower(), place)
    return text[:1].upper() + text[1:]
