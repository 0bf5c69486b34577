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


NARROW_WIDTH = 340
"""A phone's chart: drawn at about the width it is shown at (a 390 px screen), so 13-unit labels stay
about 13 px, where the wide chart shrunk to a phone would print them at 6 px."""


def bar_chart_figure(*, title: str, categories: list[str], series: list[Series]) -> str:
    """The chart for a page: the wide drawing and the phone's one, the stylesheet shows one of them."""
    wide = bar_chart_svg(title=title, categories=categories, series=series, css_class="chart-wide")
    narrow = bar_chart_svg(
        title=title, categories=categories, series=series, width=NARROW_WIDTH, narrow=True, css_class="chart-narrow"
    )
    return wide + narrow


def bar_chart_svg(
    *,
    title: str,
    categories: list[str],
    series: list[Series],
    width: int = 720,
    font: str = "Liberation Sans",
    narrow: bool = False,
    css_class: str = "",
) -> str:
    """An accessible SVG (role="img", a <title>, the figures written beside the bars). `narrow`: each
    category's name on its own lines above its bars, the bars the whole width (for a phone)."""
    bar_height, gap, top = 16, 14, 44
    label_width = 0 if narrow else 210
    label_lines = [_wrap(c, 44 if narrow else 30) for c in categories]
    label_space = [len(lines) * 15 + 2 if narrow else 0 for lines in label_lines]
    legend_height = 26 * (2 if narrow and len(series) > 2 else 1)
    group_height = bar_height * len(series) + gap
    height = top + group_height * max(len(categories), 1) + sum(label_space) + legend_height + 10
    plot_width = width - label_width - (60 if narrow else 70)
    biggest = max([v for s in series for v in s.values] + [1])
    classes = f" class={quoteattr(css_class)}" if css_class else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label={quoteattr(title)} font-family={quoteattr(font)} font-size="13"{classes}>',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="0" y="20" font-size="15" font-weight="bold" fill="#1d1d1f">{escape(title)}</text>',
    ]
    for index, lines in enumerate(label_lines):
        y0 = top + index * group_height + sum(label_space[: index + 1])
        if narrow:
            for n, line in enumerate(lines):
                label_y = y0 - label_space[index] + 11 + n * 15
                parts.append(f'<text x="0" y="{label_y}" fill="#1d1d1f">{escape(line)}</text>')
        first = y0 + (bar_height * len(series)) / 2 - (len(lines) - 1) * 7 + 4
        for n, line in enumerate(lines if not narrow else []):
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
        f'y2="{top + group_height * max(len(categories), 1) + sum(label_space) - gap + 4}" stroke="#5f6368"/>'
    )
    legend_y = height - legend_height + 8
    x = label_width
    for s_index, s in enumerate(series):
        color = PALETTE[s_index % len(PALETTE)]
        step = 26 + 8 * len(s.name)
        if narrow and x + step > width and x > 0:  # the legend goes on to a second line on a phone
            x, legend_y = 0, legend_y + 22
        parts.append(f'<rect x="{x}" y="{legend_y}" width="12" height="12" fill="{color}"/>')
        parts.append(f'<text x="{x + 16}" y="{legend_y + 11}" fill="#1d1d1f">{escape(s.name)}</text>')
        x += step
    parts.append("</svg>")
    return "".join(parts)


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    import cairosvg

    return bytes(cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale))
