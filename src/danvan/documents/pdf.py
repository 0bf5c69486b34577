"""A `Document` (and a decision's `Certificates`) as PDF through WeasyPrint, laid out by the same
`Layout` as the Word file: page, margins, header, signature block and page numbers from page 2."""

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from danvan.documents.content import Certificates, Document, PageBreak, Picture, Signature, Table, Text
from danvan.documents.layouts import Layout
from danvan.documents.metrics import font_dir, text_width_mm
from danvan.documents.word import header_widths, text_width


def _blocks(content: Document) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for block in content.blocks:
        if isinstance(block, Text):
            out.append({"kind": "text", "b": block})
        elif isinstance(block, Table):
            total = sum(block.weights) if block.weights else 0
            widths = [round(100 * w / total, 2) for w in block.weights] if block.weights else []
            out.append({"kind": "table", "b": block, "widths": widths, "last": len(block.rows) - 1})
        elif isinstance(block, Picture):
            # the SVG is built and escaped by its maker (reports.charts)
            svg = mark_safe(block.svg.replace("Liberation Sans", "Liberation Serif"))  # noqa: S308
            out.append({"kind": "picture", "b": block, "svg": svg})
        elif isinstance(block, PageBreak):
            out.append({"kind": "break"})
        elif isinstance(block, Signature):
            out.append({"kind": "signature", "b": block})
    return out


def _context(layout: Layout) -> dict[str, Any]:
    motto = layout.get("motto") or ""
    return {
        "l": layout.rules,
        "font_dir": font_dir().as_uri(),
        "motto_rule_mm": round(text_width_mm(motto, layout["motto_size"], bold=True), 1) if motto else 0,
        "national_rule_mm": round(text_width_mm(layout["national_name"], layout["national_name_size"], bold=True), 1),
    }


def write_pdf(layout: Layout, content: Document) -> bytes:
    from weasyprint import HTML

    longest = max((text_width_mm(line, layout["header_size"], bold=True) for line in content.header.issuer), default=0)
    html = render_to_string(
        "documents/document.html",
        {
            **_context(layout),
            "c": content,
            "blocks": _blocks(content),
            "issuer_rule_mm": round(longest * 0.4, 1),
            "header_widths": header_widths(layout, content.header),
            "rule_mm": round(text_width(layout) / 3, 1),
        },
    )
    return bytes(HTML(string=html, base_url=str(font_dir())).write_pdf())


def write_certificates(layout: Layout, certificates: Certificates) -> bytes:
    from weasyprint import HTML

    html = render_to_string("documents/certificates.html", {**_context(layout), "c": certificates})
    return bytes(HTML(string=html, base_url=str(font_dir())).write_pdf())
