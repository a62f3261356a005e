"""HTML pieces of the reports: blocks that notebooks display and nbconvert exports as they are.

Everything a participant typed goes through `esc`; figures are embedded as PNG images, so an
exported page is complete on its own (it can be mailed or put on a USB key).
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
from pathlib import Path
from typing import Any


class Block:
    """A piece of report: HTML that Jupyter displays and nbconvert exports as it is."""

    def __init__(self, html_text: str):
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html

    def __add__(self, other: "Block") -> "Block":
        return Block(self.html + other.html)

    def __repr__(self) -> str:
        return f"Block({len(self.html)} characters of HTML)"


def esc(value: Any) -> str:
    """Text a participant typed, made safe to put in HTML."""
    return html.escape("" if value is None else str(value))


def not_yet_done(title: str, file: str) -> Block:
    """The grey box for a stage the group has not reached: information, not a fault."""
    return Block(f'<div class="planet-not-done" style="border:1px dashed #999;background:#f4f4f4;color:#444;'
                 f'padding:0.8em 1em;margin:0.5em 0;border-radius:4px;">'
                 f'<strong>Not yet done.</strong> {esc(title)}: the group has no <code>{esc(file)}</code> yet.</div>')


def figure_block(fig, alt: str, dpi: int = 96) -> Block:
    """A matplotlib Figure as an embedded PNG image, with a text alternative for screen readers."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return Block(f'<figure style="margin:0.8em 0;"><img src="data:image/png;base64,{data}" alt="{esc(alt)}" '
                 f'style="max-width:100%;height:auto;"></figure>')


def table_block(styler_or_frame) -> Block:
    """A pandas Styler (or DataFrame) as an HTML table."""
    if hasattr(styler_or_frame, "to_html") and hasattr(styler_or_frame, "data"):
        return Block(styler_or_frame.to_html())
    return Block(styler_or_frame.to_html(escape=True, na_rep=""))


def paragraph(text: str) -> Block:
    return Block(f"<p>{esc(text)}</p>")


_CELL = "border:1px solid #888;padding:4px 8px;text-align:left;vertical-align:top;"


def html_table(header: list[str], rows: list[list[str]], row_colours: list[str] | None = None,
               css_class: str = "planet-table") -> str:
    """A bordered, left-aligned table; `rows` hold HTML already escaped (use `esc`)."""
    head = "".join(f'<th style="{_CELL}background:#dbe4f0;">{esc(h)}</th>' for h in header)
    body = "".join(
        f'<tr style="background:{(row_colours or [])[i] if i < len(row_colours or []) else "white"};">'
        + "".join(f'<td style="{_CELL}">{cell}</td>' for cell in row) + "</tr>"
        for i, row in enumerate(rows))
    return (f'<table class="{esc(css_class)}" style="border-collapse:collapse;margin:0.5em 0;">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def write_json(path: Path, data: Any) -> None:
    """Write JSON atomically: a reader sees the old file or the new one, never half of one."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
