"""Reading the Logframe sheet back, so a group that edited the spreadsheet keeps its work.

`import_logframe_xlsx` reads the sheet that `export_logframe_xlsx` wrote (also after it was
opened and saved in Excel or LibreOffice): the template from the header, each level from the
merged level cells, each statement from its ID, and on every row one indicator and one
assumption.  A row without an ID continues the statement above it, so partners may insert
rows for more indicators or assumptions.  What cannot be read is reported all at once as a
`WorkbookError` naming the sheet, the cell (e.g. B7) and what was expected there.

Not read back: the title row, and the grey Activities rows (activities, means, costs), which
come from activities.csv and budget.csv.  The pre-conditions below the 'Pre-conditions' cell
are read.  Keys the kit does not know come back from the hidden 'PLANET kit data' sheet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InputProblem, ProblemList, WorkbookError
from .logframe_sheet import (ACTIVITIES, ASSUMPTION_KEYS, COLUMNS, FIRST_ROW, INDICATOR_KEYS, KIT_SHEET,
                               LEVEL_LABELS, PRECONDITIONS, SHEET, Column, header_cells)
from ..logframe import ASSUMPTION_FIELDS, INDICATOR_FIELDS, LEVELS, Assumption, Indicator, Logframe, Statement
from ..workbook.fields import Unusable, ident, text, yes_no
from ..workbook.mapping import scalar_text

UNKNOWN_LEVEL = "?"
_FIELDS = {f"indicator.{f.name}": f for f in INDICATOR_FIELDS} | {f"assumption.{f.name}": f for f in ASSUMPTION_FIELDS}


def _norm(value: Any) -> str:
    return " ".join(scalar_text(value).split()).casefold()


LEVEL_NAMES = {_norm(label): key for labels in LEVEL_LABELS.values() for key, label in labels.items()} | {
    "overall objective": "overall_objectives", "specific objectives": "specific_objectives",
    "results": "results", "impact": "overall_objectives", "outcome": "specific_objectives",
    "outcomes": "specific_objectives", "outputs": "results"}


def import_logframe_xlsx(path: str | Path) -> Logframe:
    """The logframe in an exported (and possibly edited) workbook; `WorkbookError` if unusable."""
    path = Path(path)
    wb = open_workbook(path)
    ws = find_sheet(wb, path.name)
    found = ProblemList(path.name)
    template = read_template(ws, found)
    found.raise_if_any()
    frame = SheetReader(ws, COLUMNS[template], found).read(template)
    apply_kit_data(wb, frame, found)
    found.raise_if_any()
    return frame


def open_workbook(path: Path):
    from openpyxl import load_workbook

    try:
        return load_workbook(path)
    except OSError as exc:
        expected = f"the file cannot be opened ({exc.strerror or exc})"
    except Exception:  # a damaged or non-xlsx file fails in many ways inside openpyxl
        expected = ("the file cannot be read as an Excel workbook. Save it from your spreadsheet "
                    "program as 'Excel 2007-365 (.xlsx)' and try again")
    raise WorkbookError([InputProblem(path.name, None, None, None, expected)])


def find_sheet(wb, shown: str):
    """The sheet called 'Logframe' (any capitals), else the only visible sheet."""
    for ws in wb.worksheets:
        if ws.title.strip().casefold() == SHEET.casefold():
            return ws
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    if len(visible) == 1:
        return visible[0]
    names = ", ".join(repr(ws.title) for ws in visible)
    raise WorkbookError([InputProblem(
        shown, None, None, None,
        f"a sheet called '{SHEET}' holding the logframe; the workbook has {names}. "
        f"Rename the logframe sheet to '{SHEET}'")])


# the header tells the template ---------------------------------------------------------------
def header_mismatches(ws, columns: tuple[Column, ...]) -> list[tuple[str, Any, str]]:
    return [(ws.cell(r, c).coordinate, ws.cell(r, c).value, caption)
            for r, c, caption in header_cells(columns) if _norm(ws.cell(r, c).value) != _norm(caption)]


def read_template(ws, found: ProblemList) -> str:
    """ec-2004 or ec-2016, from the header rows; mismatching header cells are reported."""
    misses = {template: header_mismatches(ws, columns) for template, columns in COLUMNS.items()}
    best = min(misses, key=lambda t: len(misses[t]))
    for coordinate, seen, caption in misses[best]:
        wanted = f"the header '{caption}'" if caption else "an empty header cell"
        found.add(f"sheet '{ws.title}', cell {coordinate}", None, seen,
                  f"{wanted} ({best} logframe). Keep the header rows and the order of the columns as exported")
    return best


# the matrix ------------------------------------------------------------------------------------
class SheetReader:
    """Walks the rows below the header, level by level and statement by statement."""

    def __init__(self, ws, columns: tuple[Column, ...], found: ProblemList):
        self.ws = ws
        self.columns = columns
        self.found = found
        self.number = {c.key: i for i, c in enumerate(columns, start=1)}
        self.levels: dict[str, list[Statement]] = {key: [] for key in LEVELS}
        self.preconditions: list[str] = []
        self.level: str | None = None
        self.current: Statement | None = None
        self.in_preconditions = False
        self.saw_preconditions = False
        self.stray: list[tuple[int, str]] = []  # text typed in the Activities' Assumptions cells

    def read(self, template: str) -> Logframe:
        for r in range(FIRST_ROW, self.ws.max_row + 1):
            cells = {c.key: self.ws.cell(r, i).value for i, c in enumerate(self.columns, start=1)}
            self.enter_level(r, cells)
            if self.level in (None, UNKNOWN_LEVEL):
                continue
            if self.level == ACTIVITIES:
                self.activities_row(r, cells)
            else:
                self.statement_row(r, cells)
        self.report_stray_assumptions()
        return Logframe(template, preconditions=self.preconditions, **self.levels)

    def where(self, r: int, key: str) -> str:
        return f"sheet '{self.ws.title}', cell {self.ws.cell(r, self.number[key]).coordinate}"

    def caption(self, key: str) -> str:
        col = self.columns[self.number[key] - 1]
        return f"{col.caption}: {col.sub}" if col.sub else (col.caption or "level")

    def enter_level(self, r: int, cells: dict[str, Any]) -> None:
        label = scalar_text(cells["level"]).strip()
        if not label:
            if self.level is None and _has_content(cells):
                self.found.add(self.where(r, "level"), None, None,
                               "a level name such as 'Expected results': the first row of the matrix starts a level")
                self.level = UNKNOWN_LEVEL
            return
        key = LEVEL_NAMES.get(_norm(label))
        if key is None:
            names = ", ".join(f"'{n}'" for n in dict.fromkeys(LEVEL_LABELS["ec-2004"].values()))
            self.found.add(self.where(r, "level"), None, label, f"a level name: one of {names} (or their 2016 names)")
            key = UNKNOWN_LEVEL
        if key != self.level:
            self.current = None
            self.in_preconditions = False
        self.level = key

    def statement_row(self, r: int, cells: dict[str, Any]) -> None:
        typed_id = scalar_text(cells["id"]).strip()
        wording = text(scalar_text(cells["text"]))
        if typed_id:
            sid = self.parse(r, "id", cells, ident) or typed_id
            if not wording:
                self.found.add(self.where(r, "text"), "Intervention logic", None,
                               f"the wording of statement {sid}: a statement with an ID needs its text")
            self.current = Statement(sid, wording)
            self.levels[self.level].append(self.current)
        elif wording:
            self.found.add(self.where(r, "id"), "ID", None,
                           "an ID for the statement written on this row (e.g. R3): each statement needs its own ID")
            return
        elif self.current is None:
            if _has_content(cells):
                self.found.add(self.where(r, "id"), "ID", None,
                               "an ID and a statement: this row has indicators or assumptions but no statement "
                               "above it at this level")
            return
        indicator = self.indicator(r, cells)
        if indicator is not None:
            self.current.indicators.append(indicator)
        assumption = self.assumption(r, cells)
        if assumption is not None:
            self.current.assumptions.append(assumption)

    def indicator(self, r: int, cells: dict[str, Any]) -> Indicator | None:
        values = self.fields(r, cells, INDICATOR_KEYS, "indicator")
        return None if values is None else Indicator(**values)

    def assumption(self, r: int, cells: dict[str, Any]) -> Assumption | None:
        values = self.fields(r, cells, ASSUMPTION_KEYS, "assumption")
        if values is None:
            return None
        return Assumption(values["text"], values["important"], values["likelihood"] or None, values["can_redesign"])

    def fields(self, r: int, cells: dict[str, Any], keys: tuple[str, ...], kind: str) -> dict[str, Any] | None:
        """The parsed fields of the indicator (or assumption) on row `r`; None when the row has none."""
        if all(scalar_text(cells[k]).strip() == "" for k in keys):
            return None
        if scalar_text(cells[kind]).strip() == "":
            self.found.add(self.where(r, kind), self.caption(kind), None,
                           f"the {kind}'s wording: this row has {kind} details but no {kind}")
            return None
        values = {}
        for key in keys:
            name = "text" if key == kind else key
            values[name] = self.parse(r, key, cells, _FIELDS[f"{kind}.{name}"].parse)
        return values

    def parse(self, r: int, key: str, cells: dict[str, Any], parser) -> Any:
        try:
            return parser(scalar_text(cells[key]))
        except Unusable as exc:
            self.found.add(self.where(r, key), self.caption(key), scalar_text(cells[key]), str(exc))
            return None

    def activities_row(self, r: int, cells: dict[str, Any]) -> None:
        """Only the pre-conditions are read here; activities, means and costs have their own files."""
        value = text(scalar_text(cells["assumption"]))
        if _norm(value) == _norm(PRECONDITIONS):
            self.in_preconditions = self.saw_preconditions = True
        elif value and self.in_preconditions:
            self.preconditions.append(value)
        elif value:
            self.stray.append((r, value))

    def report_stray_assumptions(self) -> None:
        """Text above 'Pre-conditions' has no home in the kit; without that cell, nothing can be placed."""
        if not self.saw_preconditions:
            column = self.ws.cell(FIRST_ROW, self.number["assumption"]).column_letter
            self.found.add(f"sheet '{self.ws.title}', column {column}", None, None,
                           f"a cell reading '{PRECONDITIONS}' in the Assumptions column of the Activities rows, "
                           "with the pre-conditions listed below it")
            return
        for r, value in self.stray:
            self.found.add(self.where(r, "assumption"), "Assumptions", value,
                           "nothing here: the kit keeps no assumptions on the Activities rows. Move this text to "
                           f"the Assumptions of the result it affects, or below '{PRECONDITIONS}' if it must hold "
                           "before the project starts")


def _has_content(cells: dict[str, Any]) -> bool:
    return any(scalar_text(v).strip() for k, v in cells.items() if k != "level")


# what the matrix cannot show ----------------------------------------------------------------
def apply_kit_data(wb, frame: Logframe, found: ProblemList) -> None:
    """Put back the components flag and unknown keys kept in the hidden sheet (absent: none)."""
    if KIT_SHEET not in wb.sheetnames:
        return
    ws = wb[KIT_SHEET]
    for r in range(2, ws.max_row + 1):
        key = scalar_text(ws.cell(r, 1).value).strip()
        raw = scalar_text(ws.cell(r, 2).value)
        where = f"sheet '{KIT_SHEET}', cell B{r}"
        if key in ("", "format"):
            continue
        if key == "components":
            try:
                frame.components = yes_no(raw)
            except Unusable as exc:
                found.add(where, key, raw, str(exc))
            continue
        try:
            extra = json.loads(raw)
        except ValueError:
            extra = None
        if not isinstance(extra, dict):
            found.add(where, key, raw, "data written by the kit; this hidden sheet must not be edited. "
                                       "Export the logframe again, or delete this row")
            continue
        target = _owner(frame, key)
        if target is not None:
            target.extra = extra


def _owner(frame: Logframe, key: str):
    """The model object a kit-data key such as 'results/R1/indicators/2' belongs to, if it is still there."""
    parts = key.split("/")
    if parts == ["logframe"]:
        return frame
    if len(parts) < 2 or parts[0] not in LEVELS:
        return None
    statement = next((s for s in frame.level(parts[0]) if s.id == parts[1]), None)
    if statement is None or len(parts) == 2:
        return statement
    if len(parts) != 4 or parts[2] not in ("indicators", "assumptions") or not parts[3].isdigit():
        return None
    items = statement.indicators if parts[2] == "indicators" else statement.assumptions
    n = int(parts[3])
    return items[n - 1] if 1 <= n <= len(items) else None
