"""The logframe as a standalone HTML table that pastes into a Word proposal.

Word keeps inline styles but drops style sheets and scripts, so every cell carries its own
`style` attribute and there is no script at all.  The rows are those of the spreadsheet
(`logframe_sheet.matrix_levels`): level names span their rows (rowspan), each statement
spans its indicator rows, and the pre-conditions sit in the bottom cell of the Assumptions
column, as in the EC form.  Every piece of text is HTML-escaped.
"""

from __future__ import annotations

import html
from typing import Any, Callable

from ..budget import BudgetLine
from .logframe_sheet import PRECONDITIONS, Block, matrix_levels, template_of
from ..logframe import Logframe
from ..schedule import Activity

TABLE_STYLE = "border-collapse:collapse;width:100%;font-family:Arial,Helvetica,sans-serif;font-size:10pt"
CELL_STYLE = "border:1px solid #808080;padding:4px;vertical-align:top;text-align:left"
HEAD_STYLE = CELL_STYLE + ";background:#D9E1F2;font-weight:bold"
LEVEL_STYLE = CELL_STYLE + ";background:#EDF2F9;font-weight:bold"
DERIVED_STYLE = CELL_STYLE + ";background:#F2F2F2"
NOTE_STYLE = "color:#595959;font-size:9pt"


def esc(value: Any) -> str:
    """Escaped text with line breaks kept."""
    return "" if value is None else html.escape(str(value), quote=True).replace("\n", "<br>")


def money(value: Any, currency: str) -> str:
    if not isinstance(value, (int, float)):
        return esc(value)
    return esc(f"{value:,.2f} {currency}".strip())


def with_year(value: str, year: int | None) -> str:
    return f"{esc(value)} ({year})" if year else esc(value)


def indicator_2004(row: dict[str, Any]) -> str:
    """The 2004 matrix has one indicator column: baseline, target, date and unit go under the text."""
    details = []
    if row.get("baseline"):
        details.append("baseline " + with_year(row["baseline"], row.get("baseline_year")))
    if row.get("target"):
        details.append("target " + with_year(row["target"], row.get("target_year")))
    if row.get("by"):
        details.append("by " + esc(row["by"]))
    if row.get("unit"):
        details.append("unit: " + esc(row["unit"]))
    text = esc(row.get("indicator"))
    return text + (f'<br><span style="{NOTE_STYLE}">{"; ".join(details)}</span>' if details and text else "")


def indicator_2016(row: dict[str, Any]) -> str:
    details = [part for part in ("by " + esc(row["by"]) if row.get("by") else "",
                                 "unit: " + esc(row["unit"]) if row.get("unit") else "") if part]
    text = esc(row.get("indicator"))
    return text + (f'<br><span style="{NOTE_STYLE}">{"; ".join(details)}</span>' if details and text else "")


def html_columns(template: str, currency: str) -> list[tuple[str, Callable[[dict], str]]]:
    """Caption and cell maker of each column right of the intervention logic."""
    source = ("Sources of verification", lambda r: money(r.get("source"), currency))
    assumption = ("Assumptions", lambda r: esc(r.get("assumption")))
    if template == "ec-2016":
        return [("Indicators", indicator_2016),
                ("Baseline (year)", lambda r: with_year(r.get("baseline", ""), r.get("baseline_year"))),
                ("Target (year)", lambda r: with_year(r.get("target", ""), r.get("target_year"))),
                source, assumption]
    return [("Objectively verifiable indicators", indicator_2004), source, assumption]


def logic_cell(block: Block) -> str:
    if block.kind in ("heading", "total"):
        return f"<b>{esc(block.text)}</b>" if block.text else ""
    if block.id and block.text:
        return f"<b>{esc(block.id)}</b>&nbsp; {esc(block.text)}"
    return esc(block.id or block.text)


def block_rows(block: Block, columns: list, currency: str) -> list[str]:
    """The <td> cells of each table row of a block (the level cell is added by the caller)."""
    span = f' rowspan="{len(block.rows)}"' if len(block.rows) > 1 else ""
    style = CELL_STYLE if block.kind == "statement" else DERIVED_STYLE
    if block.kind == "preconditions":
        items = "".join(f"<br>{esc(p)}" for p in (r.get("assumption") for r in block.rows[1:]) if p)
        return [f'<td colspan="{len(columns)}" style="{DERIVED_STYLE}"></td>'
                f'<td style="{CELL_STYLE}"><b>{esc(PRECONDITIONS)}</b>{items}</td>']
    rows = []
    for n, values in enumerate(block.rows):
        cells = [f'<td{span} style="{style}">{logic_cell(block)}</td>'] if n == 0 else []
        for _caption, make in columns:
            inner = make(values)
            if inner and block.kind in ("heading", "total"):
                inner = f"<b>{inner}</b>"
            cells.append(f'<td style="{style}">{inner}</td>')
        rows.append("".join(cells))
    return rows


def logframe_html(logframe: Logframe, activities: list[Activity] | None = None,
                  budget: list[BudgetLine] | None = None, title: str | None = None, currency: str = "EUR") -> str:
    """A complete HTML page holding the logframe matrix in the EC layout."""
    template = template_of(logframe)
    columns = html_columns(template, currency)
    heading = title or "Logical framework"
    lines = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             f"<title>{esc(heading)}</title>", "</head>", '<body style="font-family:Arial,Helvetica,sans-serif">',
             f'<h1 style="font-size:14pt">{esc(heading)}</h1>', f'<table style="{TABLE_STYLE}">',
             "<thead><tr>" + f'<th style="{HEAD_STYLE}"></th>' + f'<th style="{HEAD_STYLE}">Intervention logic</th>'
             + "".join(f'<th style="{HEAD_STYLE}">{esc(caption)}</th>' for caption, _ in columns) + "</tr></thead>",
             "<tbody>"]
    for level in matrix_levels(logframe, activities, budget):
        rows = [r for block in level.blocks for r in block_rows(block, columns, currency)]
        label = f'<th rowspan="{len(rows)}" style="{LEVEL_STYLE}">{esc(level.label)}</th>'
        lines += [f"<tr>{label if n == 0 else ''}{r}</tr>" for n, r in enumerate(rows)]
    lines += ["</tbody>", "</table>", "</body>", "</html>", ""]
    return "\n".join(lines)
