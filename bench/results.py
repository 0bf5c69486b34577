"""RESULTS.md's generated blocks: each tool rewrites the lines between its `<!-- name:start -->` and
`<!-- name:end -->` markers; the notes people write around them stay."""

from pathlib import Path


def replace_block(path: Path, marker: str, body: str, *, title: str = "") -> None:
    """Replace the block between the `marker` lines of the results file, or add it at the end (under
    `title` as a heading, when given)."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    block = f"{start}\n{body}\n{end}"
    text = path.read_text() if path.exists() else "# Benchmark results\n\n"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        heading = f"## {title}\n\n" if title else ""
        text = text.rstrip() + f"\n\n{heading}" + block + "\n"
    path.write_text(text)
