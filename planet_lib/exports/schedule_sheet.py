"""The activity schedule as a Gantt chart, and the budget with live formulas, as spreadsheet sheets.

The schedule lists activities by result with one column per project month: tasks are shaded
blue over the months they run, events orange with a dot, milestones marked with a diamond in
their month.  Months after the planned end of the project (when the network's duration is
known) have grey month numbers, so an activity running past the end stands out.

The budget keeps the arithmetic in the spreadsheet: each line's amount is the formula
quantity x unit cost, and the totals per activity, per result and for the whole budget are
SUBTOTAL formulas, which skip the other totals inside their range; partners who change a
quantity see every total follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import sheet
from ..budget import BudgetLine
from .logframe_sheet import activities_in_order, money_format
from ..logframe import Logframe
from ..network import Network
from ..schedule import Activity

SCHEDULE_SHEET = "Schedule"
BUDGET_SHEET = "Budget"
TASK_FILL = "4472C4"
EVENT_FILL = "ED7D31"
MILESTONE_MARK = "\u25c6"  # ◆
EVENT_MARK = "\u25cf"  # ●
AFTER_END_FILL = "BFBFBF"
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SCHEDULE_COLUMNS = (("ID", 7), ("Activity", 36), ("Kind", 9), ("Lead", 14), ("Where", 6),
                    ("Start month", 6), ("End month", 6))
BUDGET_COLUMNS = (("Activity", 10), ("Item", 40), ("Category", 18), ("Quantity", 10),
                  ("Unit cost", 14), ("Amount", 16))


@dataclass
class ResultGroup:
    """The activities (or budget lines) serving one result, with the words for its total."""

    label: str
    total_words: str
    activities: list[Activity] = field(default_factory=list)


def result_label(result_id: str, logframe: Logframe | None) -> str:
    if not result_id:
        return "Not linked to a result"
    found = next((r for r in logframe.results if r.id == result_id), None) if logframe else None
    return f"{result_id}: {found.text}" if found else f"Result {result_id}"


def by_result(activities: list[Activity], logframe: Logframe | None) -> list[ResultGroup]:
    ordered = activities_in_order(activities, logframe or Logframe())
    groups: dict[str, ResultGroup] = {}
    for act in ordered:
        total = f"Total {act.result}" if act.result else "Total not linked to a result"
        groups.setdefault(act.result, ResultGroup(result_label(act.result, logframe), total)).activities.append(act)
    return list(groups.values())


def month_label(start: str | None, month: int) -> str:
    """'Mar 2013' for project month `month` of a project starting `start` (YYYY-MM)."""
    if not start:
        return ""
    year, first = (int(part) for part in start.split("-"))
    index = first - 1 + month - 1
    return f"{MONTH_NAMES[index % 12]} {year + index // 12}"


def schedule_months(activities: list[Activity], network: Network | None) -> int:
    """Columns needed: the project duration, stretched to show activities that run past it."""
    ends = [m for a in activities for m in (a.start_month, a.end_month) if m]
    planned = network.duration_months if network and network.duration_months else 0
    return max([planned, *ends, 1])


# schedule -------------------------------------------------------------------------------------
def write_schedule_sheet(wb, activities: list[Activity], network: Network | None = None,
                         logframe: Logframe | None = None, title: str | None = None):
    """Add the 'Schedule' sheet: activities by result, months as columns, shaded as a Gantt chart."""
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(SCHEDULE_SHEET)
    months = schedule_months(activities, network)
    first_month = len(SCHEDULE_COLUMNS) + 1
    last_col = first_month + months - 1
    sheet.title_row(ws, title or (f"Activity schedule: {network.name}" if network else "Activity schedule"),
                    last_col)
    write_schedule_header(ws, months, network)
    row = 4
    for group in by_result(activities, logframe):
        heading = ws.cell(row, 1)
        sheet.put_text(heading, group.label)
        for c in range(1, last_col + 1):
            sheet.look(ws.cell(row, c), bold=True, fill=sheet.LEVEL_FILL)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
        row += 1
        for act in group.activities:
            write_activity_row(ws, row, act, months)
            row += 1
    row = write_legend(ws, row + 1, network)
    for i, (_, width) in enumerate(SCHEDULE_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for c in range(first_month, last_col + 1):
        ws.column_dimensions[get_column_letter(c)].width = 3.6
    ws.row_dimensions[2].height = 48 if network and network.start else 16
    ws.freeze_panes = f"{get_column_letter(first_month)}4"
    sheet.print_setup(ws, "2:3", f"A1:{get_column_letter(last_col)}{row}")
    return ws


def write_schedule_header(ws, months: int, network: Network | None) -> None:
    first_month = len(SCHEDULE_COLUMNS) + 1
    planned = network.duration_months if network and network.duration_months else months
    start = network.start if network else None
    for i, (caption, _) in enumerate(SCHEDULE_COLUMNS, start=1):
        sheet.put_text(ws.cell(2, i), caption)
        sheet.look(ws.cell(2, i), bold=True, fill=sheet.HEADER_FILL, center=True)
        sheet.look(ws.cell(3, i), bold=True, fill=sheet.HEADER_FILL, center=True)
        ws.merge_cells(start_row=2, start_column=i, end_row=3, end_column=i)
    for m in range(1, months + 1):
        c = first_month + m - 1
        fill = AFTER_END_FILL if m > planned else sheet.HEADER_FILL
        sheet.put_text(ws.cell(2, c), month_label(start, m))
        sheet.look(ws.cell(2, c), fill=fill, center=True, rotate=90 if start else 0)
        ws.cell(3, c).value = m
        sheet.look(ws.cell(3, c), bold=True, fill=fill, center=True)
    if not start:
        sheet.put_text(ws.cell(2, first_month), "Project month")
        ws.merge_cells(start_row=2, start_column=first_month, end_row=2, end_column=first_month + months - 1)


def write_activity_row(ws, row: int, act: Activity, months: int) -> None:
    """One activity: its facts on the left, its months shaded (or marked) on the right."""
    from openpyxl.styles import Font, PatternFill

    values = (act.id, act.title, act.kind, act.lead, act.country, act.start_month, act.end_month)
    for i, value in enumerate(values, start=1):
        cell = ws.cell(row, i)
        if isinstance(value, int):
            cell.value = value
        else:
            sheet.put_text(cell, value)
        sheet.look(cell, center=i > 2)
    first_month = len(SCHEDULE_COLUMNS) + 1
    start = act.start_month or act.end_month
    end = act.end_month or act.start_month
    for m in range(1, months + 1):
        cell = ws.cell(row, first_month + m - 1)
        sheet.look(cell, center=True)
        if not start or not start <= m <= end:
            continue
        if act.kind == "milestone":
            if m == end:
                cell.value = MILESTONE_MARK
                cell.font = Font(name=sheet.FONT, size=sheet.FONT_SIZE, bold=True, color="C00000")
            continue
        colour = EVENT_FILL if act.kind == "event" else TASK_FILL
        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
        if act.kind == "event":
            cell.value = EVENT_MARK
            cell.font = Font(name=sheet.FONT, size=sheet.FONT_SIZE, color="FFFFFF")
    ws.row_dimensions[row].height = sheet.text_lines(act.title, SCHEDULE_COLUMNS[1][1]) * sheet.LINE_HEIGHT + 4


def write_legend(ws, row: int, network: Network | None) -> int:
    """Explain the marks below the chart; returns the last row used."""
    from openpyxl.styles import PatternFill

    entries = [(TASK_FILL, "", "task: shaded over the months it runs"),
               (EVENT_FILL, EVENT_MARK, "event (meeting, conference, visit): the months it is held"),
               (None, MILESTONE_MARK, "milestone: the month it is reached")]
    if network and network.duration_months:
        entries.append((AFTER_END_FILL, "", f"month after the planned end (month {network.duration_months})"))
    for fill, mark, words in entries:
        key = ws.cell(row, 1)
        key.value = mark or None
        sheet.look(key, center=True)
        if fill:
            key.fill = PatternFill("solid", start_color=fill, end_color=fill)
        sheet.put_text(ws.cell(row, 2), words)
        sheet.look(ws.cell(row, 2), border=False, grey_text=True)
        row += 1
    return row - 1


# budget ---------------------------------------------------------------------------------------
def budget_groups(lines: list[BudgetLine], activities: list[Activity] | None,
                  logframe: Logframe | None) -> list[tuple[ResultGroup | None, list[tuple[str, str, list]]]]:
    """Budget lines grouped by result, then by activity, in the schedule's order.

    Activities without lines are kept (their total is 0: a gap to fill), except milestones,
    which usually cost nothing; lines of an activity
    that is not in the list come last.  Without activities, lines are grouped by activity only.
    """
    by_activity: dict[str, list[BudgetLine]] = {}
    for line in lines:
        by_activity.setdefault(line.activity, []).append(line)
    groups = []
    listed = set()
    if activities is not None:
        for group in by_result(activities, logframe):
            entries = [(a.id, a.title, by_activity.get(a.id, [])) for a in group.activities
                       if a.id in by_activity or a.kind != "milestone"]
            listed.update(a.id for a in group.activities)
            groups.append((group, entries))
    rest = [(aid, "", found) for aid, found in by_activity.items() if aid not in listed]
    if rest:
        unlisted = ResultGroup("Cost lines of activities not in the activity list", "Total of unlisted activities")
        groups.append((unlisted if activities is not None else None, rest))
    return groups


def write_budget_sheet(wb, lines: list[BudgetLine], activities: list[Activity] | None = None,
                       currency: str = "EUR", logframe: Logframe | None = None, title: str | None = None):
    """Add the 'Budget' sheet: cost lines with amount formulas and SUBTOTAL totals."""
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(BUDGET_SHEET)
    width = len(BUDGET_COLUMNS)
    sheet.title_row(ws, title or "Budget", width)
    for i, (caption, col_width) in enumerate(BUDGET_COLUMNS, start=1):
        words = f"{caption} ({currency})" if caption in ("Unit cost", "Amount") and currency else caption
        sheet.put_text(ws.cell(2, i), words)
        sheet.look(ws.cell(2, i), bold=True, fill=sheet.HEADER_FILL, center=True)
        ws.column_dimensions[get_column_letter(i)].width = col_width
    money = money_format(currency)
    row = 3
    for group, entries in budget_groups(lines, activities, logframe):
        top = row
        if group is not None:
            row = heading_row(ws, row, group.label, sheet.LEVEL_FILL)
        for activity_id, activity_title, found in entries:
            row = write_activity_lines(ws, row, activity_id, activity_title, found, money)
        if group is not None:
            row = total_row(ws, row, group.total_words, top, row - 1, money)
    total_row(ws, row, "Total budget", 3, row - 1, money, strong=True)
    ws.freeze_panes = "A3"
    sheet.print_setup(ws, "2:2", f"A1:{get_column_letter(width)}{row}")
    return ws


def write_activity_lines(ws, row: int, activity_id: str, activity_title: str, found: list[BudgetLine],
                         money: str) -> int:
    """An activity's heading, its cost lines (amount = quantity x unit cost) and its total."""
    top = row
    row = heading_row(ws, row, f"{activity_id}: {activity_title}" if activity_title else activity_id, None)
    for line in found:
        cells = (line.activity, line.item, line.category, line.quantity, line.unit_cost, f"=D{row}*E{row}")
        for i, value in enumerate(cells, start=1):
            cell = ws.cell(row, i)
            if isinstance(value, str) and i < 6:
                sheet.put_text(cell, value)
            else:
                cell.value = value
            sheet.look(cell, number_format=money if i >= 5 else None)
        row += 1
    if not found:
        for i in range(1, 7):
            sheet.look(ws.cell(row, i), italic=True, grey_text=True)
        sheet.put_text(ws.cell(row, 2), "(no cost lines yet)")
        row += 1
    return total_row(ws, row, f"Total {activity_id}", top + 1, row - 1, money)


def heading_row(ws, row: int, words: str, fill: str | None) -> int:
    sheet.put_text(ws.cell(row, 1), words)
    for i in range(1, len(BUDGET_COLUMNS) + 1):
        sheet.look(ws.cell(row, i), bold=True, fill=fill)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(BUDGET_COLUMNS))
    return row + 1


def total_row(ws, row: int, words: str, first: int, last: int, money: str, strong: bool = False) -> int:
    """A total of the amounts in rows first..last; SUBTOTAL skips the totals nested inside."""
    sheet.put_text(ws.cell(row, 2), words)
    amount = ws.cell(row, 6)
    amount.value = f"=SUBTOTAL(9,F{first}:F{max(first, last)})"
    for i in range(1, len(BUDGET_COLUMNS) + 1):
        sheet.look(ws.cell(row, i), bold=True, fill=sheet.HEADER_FILL if strong else sheet.DERIVED_FILL,
                   number_format=money if i == 6 else None)
    return row + 1
