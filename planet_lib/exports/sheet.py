"""Shared helpers for the spreadsheets a working group sends to partners.

Every exported sheet looks the same way (bold shaded header, thin borders, wrapped text
aligned to the top), prints the same way (A4 landscape, one page wide, header rows
repeated on every page, page numbers in the footer) and is saved atomically, so a partner
never opens half a file.  openpyxl is imported inside the functions to keep
`import planet_lib` cheap.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path
from typing import Any

from ..workbook.textfile import write_atomic

HEADER_FILL = "D9E1F2"
LEVEL_FILL = "EDF2F9"
DERIVED_FILL = "F2F2F2"  # cells the kit fills from other files: edit those files instead
DETAILS_FILL = "FFF2CC"
LINE_HEIGHT = 13.0  # points per line of 10-point text
FONT_SIZE = 10
FONT = "Arial"  # on every office suite, or a metric twin of it (Liberation Sans)
# Control characters other than tab and line breaks cannot be stored in an .xlsx file.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def new_workbook():
    """An empty workbook (its default sheet removed), ready for `add_sheet`."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    return wb


def save_workbook(wb, path: str | Path) -> Path:
    """Write the workbook to `path` atomically: built in memory, then renamed into place."""
    buffer = io.BytesIO()
    wb.save(buffer)
    path = Path(path)
    write_atomic(path, buffer.getvalue())
    return path


def put_text(cell, value: str | None) -> None:
    """Store text as text, even when it starts with '=' (which would otherwise be a formula)."""
    value = _ILLEGAL.sub("", value or "")
    if not value:
        cell.value = None
        return
    cell.value = value
    cell.data_type = "s"


def look(cell, *, bold: bool = False, italic: bool = False, fill: str | None = None, border: bool = True,
         number_format: str | None = None, center: bool = False, rotate: int = 0, grey_text: bool = False) -> None:
    """Give one cell the house look: 10-point text, wrapped, top-aligned, thin borders."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    cell.font = Font(name=FONT, size=FONT_SIZE, bold=bold, italic=italic, color="595959" if grey_text else None)
    cell.alignment = Alignment(wrap_text=True, vertical="center" if center else "top",
                               horizontal="center" if center else None, text_rotation=rotate)
    if border:
        thin = Side(style="thin", color="808080")
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    if fill:
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    if number_format:
        cell.number_format = number_format


def title_row(ws, text: str, last_column: int) -> None:
    """Row 1: the sheet's title in large bold type across the printed columns."""
    from openpyxl.styles import Alignment, Font

    cell = ws.cell(1, 1)
    put_text(cell, text)
    cell.font = Font(name=FONT, size=14, bold=True)
    cell.alignment = Alignment(vertical="center")
    ws.row_dimensions[1].height = 24
    if last_column > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_column)


def print_setup(ws, header_rows: str, area: str | None = None) -> None:
    """A4 landscape, one page wide (as many pages tall as needed), header repeated on each page."""
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = header_rows
    if area:
        ws.print_area = area
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddFooter.center.size = 8


def text_lines(value: Any, width: float) -> int:
    """How many lines a wrapped value needs in a column `width` characters wide (an estimate).

    Spreadsheet programs do not re-fit row heights of a file they did not write, so the
    export sets heights itself; proportional fonts fit a little more than `width` characters.
    """
    if value is None or value == "":
        return 1
    per_line = max(1, int(width * 1.1) - 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(value).split("\n"))


def fit_row_heights(ws, first_row: int, last_row: int, widths: dict[int, float],
                    spans: list[tuple[int, int, int, Any]]) -> None:
    """Set each row tall enough for its wrapped text, counting merged cells over their rows.

    `widths` maps column number to width; `spans` lists (column, first row, last row, value)
    for cells merged over several rows, whose text may use the height of all those rows.
    """
    spanned = {(col, row) for col, top, bottom, _ in spans for row in range(top, bottom + 1)}
    heights = {}
    for row in range(first_row, last_row + 1):
        lines = max((text_lines(ws.cell(row, col).value, width) for col, width in widths.items()
                     if (col, row) not in spanned), default=1)
        heights[row] = lines * LINE_HEIGHT + 4
    for col, top, bottom, value in spans:
        needed = text_lines(value, widths.get(col, 10)) * LINE_HEIGHT + 4
        have = sum(heights[r] for r in range(top, bottom + 1))
        if needed > have:
            heights[bottom] += needed - have
    for row, height in heights.items():
        ws.row_dimensions[row].height = height


def money_format() -> str:
    """Thousands separator and two decimals; the spreadsheet shows them in the reader's locale."""
    return "#,##0.00"
