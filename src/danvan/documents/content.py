"""What a document says, without how it looks: the content the apps hand to the writer.

A report, a decision, a Tờ trình or a biên bản is a `Document`: a `Header` (issuer, number,
place and date), then blocks in order — `Text` (each with a role the layout knows how to set),
`Table`, `Picture`, `PageBreak`, `Signature`. The writers in `danvan.documents.word` and
`danvan.documents.pdf` lay it out by a `Layout`; nothing here names a font, a size or a margin.
"""

from dataclasses import dataclass, field
from typing import Any

# The roles a paragraph can have (see `word.ROLES` for how each is set):
#   title      "BÁO CÁO", "QUYẾT ĐỊNH", "TỜ TRÌNH" — the kind of document, bold capitals, centred
#   subject    the trích yếu under the title, bold, centred
#   rule       the short line under the trích yếu
#   authority  "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ..." — who decides, bold, centred
#   basis      "Căn cứ ...", "Xét đề nghị của ..." — italic, indented
#   decide     "QUYẾT ĐỊNH:" — bold, centred
#   heading    "I. KẾT QUẢ THỰC HIỆN" — bold, indented
#   body       running text, justified, indented
#   article    "Điều 1. ..." — the `lead` bold, then running text
#   placeholder a marked place for people to write — italic, highlighted
#   caption    under a picture — italic, small, centred
#   table_title "Bảng 1. ..." — bold, centred
#   annex_title "DANH SÁCH ..." — bold, centred
#   annex_note "(Kèm theo Quyết định số ...)" — italic, centred
#   group      "I. TẬP THỂ" — bold, left
ROLES = (
    "title",
    "subject",
    "rule",
    "authority",
    "basis",
    "decide",
    "heading",
    "body",
    "article",
    "placeholder",
    "caption",
    "table_title",
    "annex_title",
    "annex_note",
    "group",
)


@dataclass
class Header:
    """The top of the first page: issuer on the left, national name (or the Party's) and date on the right."""

    issuer: list[str]  # the issuing body, in bold ("ỦY BAN NHÂN DÂN", "TỈNH PHÚ THỌ")
    number: str  # the whole line: "Số: 12/QĐ-UBND", "Số 12-QĐ/ĐU"
    place_date: str  # "Phú Thọ, ngày 05 tháng 02 năm 2026"
    superior: list[str] = field(default_factory=list)  # the body above it, not bold ("ĐẢNG BỘ TỈNH PHÚ THỌ")


@dataclass
class Text:
    text: str
    role: str = "body"
    lead: str = ""  # bold words before the text ("Điều 1. ")


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]  # strings, or numbers (written the Vietnamese way)
    title: str = ""
    weights: list[float] | None = None  # relative column widths; equal when None
    numeric: bool = False  # numbers right-aligned, the last row a bold total
    small: bool = True  # the small size of the layout (12 pt) rather than the body's


@dataclass
class Picture:
    png: bytes  # for Word
    svg: str  # for PDF (built and escaped by its maker)
    width_mm: float
    caption: str = ""


@dataclass
class PageBreak:
    pass


@dataclass
class Signature:
    signer: list[str]  # "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    name: str = ""
    note: str = ""  # "(Ký, ghi rõ họ tên, đóng dấu)"
    recipients: list[str] = field(default_factory=list)  # without the leading "- "


Block = Text | Table | Picture | PageBreak | Signature


@dataclass
class Document:
    header: Header
    blocks: list[Block]
    title: str = ""  # the file's title (PDF metadata)
    draft: bool = False  # "DỰ THẢO" on every page


@dataclass
class Certificate:
    """One page of a certificate (Giấy khen, Bằng khen ...)."""

    recipient: str
    lines: list[str]  # position, unit
    reason: str
    qr_data_uri: str
    decision: str  # "Quyết định số 12/QĐ-UBND ngày 05/02/2026"
    code: str  # the certificate's code, checked on the public verification page
    verify_url: str


@dataclass
class Certificates:
    """A decision's certificates, one page each, in one file."""

    title: str  # "GIẤY KHEN"
    issuer: list[str]  # bold
    place_date: str
    signer: list[str]
    name: str
    pages: list[Certificate]
    document_title: str = ""
    superior: list[str] = field(default_factory=list)
