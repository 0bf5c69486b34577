"""A small server-side bar chart: SVG for the page (no JavaScript), PNG for Word (through cairosvg).

Horizontal grouped bars, since Vietnamese category names are long. Every label is escaped;
colours are presentation attributes, so the strict CSP (no inline style) is kept.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from danvan.core.formatting import vn_number

PALETTE = ["#a4161a", "#f2a541", "#1e6f9f", "#3b8b3b", "#6d4c9f"]


@dataclass
class Series:
    name: str
    values: list[int]


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines[:3] or [""]


def bar_chart_svg(
    *, title: str, categories: list[str], series: list[Series], width: int = 720, font: str = "Liberation Sans"
) -> str:
    """An accessible SVG (role="img", a <title>, the figures written beside the bars)."""
    label_width, bar_height, gap, top = 210, 16, 14, 44
    legend_height = 26
    group_height = bar_height * len(series) + gap
    height = top + group_height * max(len(categories), 1) + legend_height + 10
    plot_width = width - label_width - 70
    biggest = max([v for s in series for v in s.values] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label={quoteattr(title)} font-family={quoteattr(font)} font-size="13">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="0" y="20" font-size="15" font-weight="bold" fill="#1d1d1f">{escape(title)}</text>',
    ]
    for index, category in enumerate(categories):
        y0 = top + index * group_height
        lines = _wrap(category, 30)
        first = y0 + (bar_height * len(series)) / 2 - (len(lines) - 1) * 7 + 4
        for n, line in enumerate(lines):
            parts.append(
                f'<text x="{label_width - 8}" y="{first + n * 14:.1f}" text-anchor="end" fill="#1d1d1f">'
                f"{escape(line)}</text>"
            )
        for s_index, s in enumerate(series):
            value = s.values[index] if index < len(s.values) else 0
            length = plot_width * value / biggest
            y = y0 + s_index * bar_height
            color = PALETTE[s_index % len(PALETTE)]
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height - 3}" fill="{color}">'
                f"<title>{escape(s.name)}: {escape(vn_number(value))}</title></rect>"
            )
            parts.append(
                f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height - 5}" fill="#1d1d1f">'
                f"{escape(vn_number(value))}</text>"
            )
    parts.append(
        f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" '
        f'y2="{top + group_height * max(len(categories), 1) - gap + 4}" stroke="#5f6368"/>'
    )
    legend_y = height - legend_height + 8
    x = label_width
    for s_index, s in enumerate(series):
        color = PALETTE[s_index % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="{legend_y}" width="12" height="12" fill="{color}"/>')
        parts.append(f'<text x="{x + 16}" y="{legend_y + 11}" fill="#1d1d1f">{escape(s.name)}</text>')
        x += 26 + 8 * len(s.name)
    parts.append("</svg>")
    return "".join(parts)


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    import cairosvg

    return bytes(cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale))
