"""The logframe as the EC matrix, laid out for a spreadsheet (and shared with the HTML export).

The sheet follows the EC grant-application logframe: one row block per level (overall
objectives, specific objective, expected results, activities; or impact, outcome, outputs,
activities for the 2016+ template), the level's name in a merged cell on the left, and one
row block per statement with its ID and intervention logic merged over the block.  Each row of a
block holds one indicator (with its source of verification) and one assumption, so every
value has a cell of its own and `import_logframe_xlsx` can read the sheet back exactly.

Indicator fields the EC matrix does not show (unit, target date, the Figure 30 rating of
assumptions; baseline and target for the 2004 template) sit in clearly labelled "details"
columns right of the matrix, outside the print area.  The Activities rows are filled from
`activities.csv` (Means) and `budget.csv` (Costs): they are shaded grey, and edits there are
not read back, because those files are the source (see the workbook contract).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from . import sheet
from ..budget import BudgetLine
from ..logframe import LEVELS, Assumption, Indicator, Logframe, Statement
from ..schedule import Activity

SHEET = "Logframe"
KIT_SHEET = "PLANET kit data"  # hidden: what the matrix cannot show (keys the kit does not know)
KIT_FORMAT = "planet-logframe-xlsx 1"
HEADER_ROWS = (2, 3)
FIRST_ROW = 4
PRECONDITIONS = "Pre-conditions"
ACTIVITIES = "activities"
INDICATOR_DETAILS = "Indicator details (not printed)"
ASSUMPTION_DETAILS = "Assumption rating, PCM Guidelines Figure 30 (not printed)"


@dataclass(frozen=True)
class Column:
    """One column of the matrix: `caption` on the first header row, `sub` on the second.

    Neighbouring columns with the same caption share one merged caption cell; a column without
    `sub` has its caption merged over both header rows.
    """

    key: str
    caption: str
    sub: str = ""
    width: float = 12
    printed: bool = True


_DETAILS_COMMON = (
    Column("unit", INDICATOR_DETAILS, "Unit", 12, False),
    Column("by", INDICATOR_DETAILS, "Target date (YYYY-MM)", 12, False),
    Column("important", ASSUMPTION_DETAILS, "Important? (yes/no)", 12, False),
    Column("likelihood", ASSUMPTION_DETAILS, "Will it hold? (certain/possible/unlikely)", 22, False),
    Column("can_redesign", ASSUMPTION_DETAILS, "Can the project be redesigned? (yes/no)", 22, False),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "ec-2004": (
        Column("level", "", "", 15),
        Column("id", "ID", "", 6),
        Column("text", "Intervention logic", "", 40),
        Column("indicator", "Objectively verifiable indicators", "", 36),
        Column("source", "Sources of verification", "", 28),
        Column("assumption", "Assumptions", "", 32),
        _DETAILS_COMMON[0],
        Column("baseline", INDICATOR_DETAILS, "Baseline", 14, False),
        Column("baseline_year", INDICATOR_DETAILS, "Baseline year", 9, False),
        Column("target", INDICATOR_DETAILS, "Target", 14, False),
        Column("target_year", INDICATOR_DETAILS, "Target year", 9, False),
        *_DETAILS_COMMON[1:],
    ),
    "ec-2016": (
        Column("level", "", "", 15),
        Column("id", "ID", "", 6),
        Column("text", "Intervention logic", "", 34),
        Column("indicator", "Indicators", "", 30),
        Column("baseline", "Baseline (year)", "value", 12),
        Column("baseline_year", "Baseline (year)", "year", 7),
        Column("target", "Target (year)", "value", 12),
        Column("target_year", "Target (year)", "year", 7),
        Column("source", "Sources of verification", "", 24),
        Column("assumption", "Assumptions", "", 28),
        *_DETAILS_COMMON,
    ),
}

LEVEL_LABELS: dict[str, dict[str, str]] = {
    "ec-2004": {"overall_objectives": "Overall objectives", "specific_objectives": "Specific objective",
                "results": "Expected results", ACTIVITIES: "Activities"},
    "ec-2016": {"overall_objectives": "Impact (Overall objective)",
                "specific_objectives": "Outcome(s) (Specific objective(s))",
                "results": "Outputs", ACTIVITIES: "Activities"},
}

INDICATOR_KEYS = ("indicator", "unit", "baseline", "baseline_year", "target", "target_year", "by", "source")
ASSUMPTION_KEYS = ("assumption", "important", "likelihood", "can_redesign")
YEAR_KEYS = ("baseline_year", "target_year")
DERIVED_NOTE = ("Activities, Means and Costs are filled from activities.csv and budget.csv. "
                "Change them there: edits in these grey cells are not read back.")


@dataclass
class Block:
    """Rows sharing one ID and intervention-logic cell.

    kind: statement | activity | heading (the Means / Costs captions) | total | preconditions
    """

    kind: str
    id: str = ""
    text: str = ""
    rows: list[dict[str, Any]] = field(default_factory=lambda: [{}])


@dataclass
class LevelRows:
    key: str  # overall_objectives | specific_objectives | results | activities
    label: str
    blocks: list[Block]


# what goes in the matrix ---------------------------------------------------------------------
def yes_no_blank(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def indicator_cells(ind: Indicator) -> dict[str, Any]:
    return {"indicator": ind.text, "unit": ind.unit, "baseline": ind.baseline, "baseline_year": ind.baseline_year,
            "target": ind.target, "target_year": ind.target_year, "by": ind.by or "", "source": ind.source}


def assumption_cells(a: Assumption) -> dict[str, Any]:
    return {"assumption": a.text, "important": yes_no_blank(a.important), "likelihood": a.likelihood or "",
            "can_redesign": yes_no_blank(a.can_redesign)}


def statement_block(s: Statement) -> Block:
    """One row per indicator or assumption, whichever list is longer (at least one row)."""
    rows = []
    for i in range(max(1, len(s.indicators), len(s.assumptions))):
        row: dict[str, Any] = {}
        if i < len(s.indicators):
            row.update(indicator_cells(s.indicators[i]))
        if i < len(s.assumptions):
            row.update(assumption_cells(s.assumptions[i]))
        rows.append(row)
    return Block("statement", s.id, s.text, rows)


def activities_in_order(activities: list[Activity], logframe: Logframe) -> list[Activity]:
    """Activities grouped by the result they serve, in the logframe's order of results.

    Results the logframe does not list follow in natural order (R2 before R10); activities
    without a result come last.  Within a result, activities keep their order.
    """
    order = {r.id: i for i, r in enumerate(logframe.results)}

    def key(act: Activity):
        natural = [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", act.result)]
        return (order.get(act.result, len(order)), not act.result, natural)

    return sorted(activities, key=key)


def activity_blocks(logframe: Logframe, activities: list[Activity] | None,
                    budget: list[BudgetLine] | None) -> list[Block]:
    """The Activities rows: a Means / Costs caption, one row per activity, the total, pre-conditions."""
    costs: dict[str, float] = defaultdict(float)
    for line in budget or []:
        costs[line.activity] += line.amount
    blocks = [Block("heading", rows=[{"indicator": "Means", "source": "Costs"}])]
    listed = set()
    for act in activities_in_order(activities or [], logframe):
        listed.add(act.id)
        cost = costs.get(act.id, 0.0) if budget is not None else None
        blocks.append(Block("activity", act.id, act.title, [{"indicator": act.means, "source": cost}]))
    for activity_id, cost in costs.items():
        if activity_id not in listed:
            text = "(not in the activity list)" if activities is not None else ""
            blocks.append(Block("activity", activity_id, text, [{"source": cost}]))
    if len(blocks) == 1:
        blocks.append(Block("activity"))
    if budget is not None:
        blocks.append(Block("total", text="Total costs", rows=[{"source": sum(costs.values())}]))
    rows = [{"assumption": PRECONDITIONS}] + [{"assumption": p} for p in logframe.preconditions or [""]]
    blocks.append(Block("preconditions", rows=rows))
    return blocks


def matrix_levels(logframe: Logframe, activities: list[Activity] | None = None,
                  budget: list[BudgetLine] | None = None) -> list[LevelRows]:
    """The matrix as levels of row blocks, the same for the spreadsheet and the HTML table."""
    labels = LEVEL_LABELS[template_of(logframe)]
    levels = []
    for key in LEVELS:
        blocks = [statement_block(s) for s in logframe.level(key)] or [Block("statement")]
        levels.append(LevelRows(key, labels[key], blocks))
    levels.append(LevelRows(ACTIVITIES, labels[ACTIVITIES], activity_blocks(logframe, activities, budget)))
    return levels


def template_of(logframe: Logframe) -> str:
    return logframe.template if logframe.template in COLUMNS else "ec-2004"


def money_format(currency: str) -> str:
    return f'{sheet.money_format()} "{currency.replace(chr(34), "")}"' if currency else sheet.money_format()


# writing the sheet -----------------------------------------------------------------------------
def write_logframe_sheet(wb, logframe: Logframe, activities: list[Activity] | None = None,
                         budget: list[BudgetLine] | None = None, title: str | None = None,
                         currency: str = "EUR"):
    """Add the 'Logframe' sheet (and the hidden kit-data sheet) to the workbook `wb`."""
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    columns = COLUMNS[template_of(logframe)]
    printed = sum(1 for c in columns if c.printed)
    ws = wb.create_sheet(SHEET)
    sheet.title_row(ws, title or "Logical framework", printed)
    write_header(ws, columns)
    spans: list[tuple] = []
    row = FIRST_ROW
    for level in matrix_levels(logframe, activities, budget):
        top = row
        for block in level.blocks:
            row = write_block(ws, columns, block, row, spans, money_format(currency))
        label_cell = ws.cell(top, 1)
        sheet.put_text(label_cell, level.label)
        sheet.look(label_cell, bold=True, fill=sheet.LEVEL_FILL)
        merge_down(ws, 1, top, row - 1, spans, level.label)
        if level.key == ACTIVITIES:
            label_cell.comment = Comment(DERIVED_NOTE, "PLANET kit", width=260, height=90)
    last = row - 1
    widths = {i: c.width for i, c in enumerate(columns, start=1)}
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
        if not c.printed:  # an outline group: partners can fold the details away
            ws.column_dimensions[get_column_letter(i)].outline_level = 1
    header_heights(ws, columns)
    sheet.fit_row_heights(ws, FIRST_ROW, last, widths, spans)
    add_choices(ws, columns, last)
    ws.freeze_panes = f"C{FIRST_ROW}"
    sheet.print_setup(ws, f"{HEADER_ROWS[0]}:{HEADER_ROWS[1]}", f"A1:{get_column_letter(printed)}{last}")
    write_kit_data(wb, logframe)
    return ws


def header_cells(columns: tuple[Column, ...]) -> list[tuple[int, int, str]]:
    """(row, column, caption) of every header cell that holds a caption; the import checks these."""
    top, sub = HEADER_ROWS
    starts = {first for first, _ in caption_runs(columns)}
    cells = []
    for i, col in enumerate(columns, start=1):
        if not col.sub or i in starts:
            cells.append((top, i, col.caption))
        if col.sub:
            cells.append((sub, i, col.sub))
    return cells


def write_header(ws, columns: tuple[Column, ...]) -> None:
    """The two header rows: a caption over both rows, or a shared caption above sub-captions."""
    top, sub = HEADER_ROWS
    for i, col in enumerate(columns, start=1):
        fill = sheet.HEADER_FILL if col.printed else sheet.DETAILS_FILL
        for r in (top, sub):
            sheet.look(ws.cell(r, i), bold=True, fill=fill, center=True)
    for r, i, caption in header_cells(columns):
        sheet.put_text(ws.cell(r, i), caption)
    for i, col in enumerate(columns, start=1):
        if not col.sub:
            ws.merge_cells(start_row=top, start_column=i, end_row=sub, end_column=i)
    for first, last in caption_groups(columns):
        ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)


def header_heights(ws, columns: tuple[Column, ...]) -> None:
    """Tall enough for the shared captions (over their merged width) and the sub-captions."""
    top = max(sheet.text_lines(columns[first - 1].caption, sum(c.width for c in columns[first - 1:last]))
              for first, last in caption_runs(columns))
    sub = max(sheet.text_lines(c.sub, c.width) for c in columns if c.sub)
    single = max(sheet.text_lines(c.caption, c.width) for c in columns if not c.sub)
    heights = [top * sheet.LINE_HEIGHT + 4, sub * sheet.LINE_HEIGHT + 4]
    heights[1] += max(0, single * sheet.LINE_HEIGHT + 4 - sum(heights))
    for row, height in zip(HEADER_ROWS, heights):
        ws.row_dimensions[row].height = height


def caption_runs(columns: tuple[Column, ...]) -> list[tuple[int, int]]:
    """(first, last) column numbers of each run of neighbouring sub-captioned columns sharing a caption."""
    runs: list[tuple[int, int]] = []
    for i, col in enumerate(columns, start=1):
        if not col.sub:
            continue
        if runs and runs[-1][1] == i - 1 and columns[i - 2].caption == col.caption:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def caption_groups(columns: tuple[Column, ...]) -> list[tuple[int, int]]:
    """The runs of more than one column: their caption cell is merged across them."""
    return [run for run in caption_runs(columns) if run[1] > run[0]]


def write_block(ws, columns: tuple[Column, ...], block: Block, row: int, spans: list, money: str) -> int:
    """Write one block from `row`; returns the first row after it."""
    for offset, values in enumerate(block.rows):
        r = row + offset
        for i, col in enumerate(columns, start=1):
            if col.key == "level":
                continue
            if col.key in ("id", "text"):
                value = getattr(block, col.key) if offset == 0 else None
            else:
                value = values.get(col.key)
            write_cell(ws.cell(r, i), col, value, block, money)
    bottom = row + len(block.rows) - 1
    if block.kind == "preconditions":
        last_left = next(i for i, c in enumerate(columns, start=1) if c.key == "assumption") - 1
        ws.merge_cells(start_row=row, start_column=2, end_row=bottom, end_column=last_left)
    else:
        merge_down(ws, 2, row, bottom, spans, block.id)
        merge_down(ws, 3, row, bottom, spans, block.text)
    return bottom + 1


def write_cell(cell, col: Column, value: Any, block: Block, money: str) -> None:
    editable = block.kind == "statement" or (block.kind == "preconditions" and col.key == "assumption")
    bold = block.kind in ("heading", "total") or (block.kind == "preconditions" and value == PRECONDITIONS)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.value = value
        fmt = "0" if col.key in YEAR_KEYS else money
    else:
        sheet.put_text(cell, value)
        fmt = ("0" if col.key in YEAR_KEYS else "@") if editable else None
    sheet.look(cell, bold=bold, fill=None if editable else sheet.DERIVED_FILL, number_format=fmt)


def merge_down(ws, column: int, top: int, bottom: int, spans: list, value: Any) -> None:
    if bottom > top:
        ws.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)
        spans.append((column, top, bottom, value))


def add_choices(ws, columns: tuple[Column, ...], last_row: int) -> None:
    """Drop-down lists for the rating columns, so partners type values the kit can read."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = {"important": '"yes,no"', "can_redesign": '"yes,no"', "likelihood": '"certain,possible,unlikely"'}
    for i, col in enumerate(columns, start=1):
        if col.key in lists:
            rule = DataValidation(type="list", formula1=lists[col.key], allow_blank=True)
            rule.add(f"{get_column_letter(i)}{FIRST_ROW}:{get_column_letter(i)}{last_row}")
            ws.add_data_validation(rule)


# what the matrix cannot show ------------------------------------------------------------------
def kit_data(logframe: Logframe) -> list[tuple[str, str]]:
    """Key / JSON pairs for the hidden sheet: the components flag and any keys the kit does not know."""
    pairs = [("format", KIT_FORMAT), ("components", "yes" if logframe.components else "no")]
    if logframe.extra:
        pairs.append(("logframe", _json(logframe.extra)))
    for level in LEVELS:
        for s in logframe.level(level):
            base = f"{level}/{s.id}"
            if s.extra:
                pairs.append((base, _json(s.extra)))
            pairs += [(f"{base}/indicators/{n}", _json(i.extra)) for n, i in enumerate(s.indicators, 1) if i.extra]
            pairs += [(f"{base}/assumptions/{n}", _json(a.extra)) for n, a in enumerate(s.assumptions, 1) if a.extra]
    return pairs


def _json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def write_kit_data(wb, logframe: Logframe) -> None:
    ws = wb.create_sheet(KIT_SHEET)
    ws.sheet_state = "hidden"
    sheet.put_text(ws.cell(1, 1), "Kept by the PLANET kit so that it can read the Logframe sheet back. "
                                  "Please do not edit.")
    for r, (key, value) in enumerate(kit_data(logframe), start=2):
        sheet.put_text(ws.cell(r, 1), key)
        sheet.put_text(ws.cell(r, 2), value)
