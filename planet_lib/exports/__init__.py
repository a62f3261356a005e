"""Exports a working group sends to partners: the logframe, the schedule and the budget.

Partners outside the course work in Excel, LibreOffice or Word, not in the kit, so the group's
plan goes out as an .xlsx workbook laid out like the EC forms (printable on A4 landscape) and
as an HTML table that pastes into a Word proposal.  The logframe sheet can be read back
(`import_logframe_xlsx`) after partners edited it, so nobody retypes their changes.

Files are written atomically: a partner's program never sees half a file.  The layouts live
in `logframe_sheet` (matrix), `schedule_sheet` (Gantt chart and budget) and
`html_table` (Word-friendly table); reading back is `logframe_import`.
"""

from __future__ import annotations

from pathlib import Path

from ..budget import BudgetLine
from .html_table import logframe_html
from .logframe_import import import_logframe_xlsx
from ..logframe import Logframe
from ..network import Network
from ..schedule import Activity

__all__ = ["export_logframe_xlsx", "import_logframe_xlsx", "export_schedule_xlsx", "export_budget_xlsx",
           "export_workbook_xlsx", "logframe_html"]


def export_logframe_xlsx(logframe: Logframe, path: str | Path, activities: list[Activity] | None = None,
                         budget: list[BudgetLine] | None = None, title: str | None = None,
                         currency: str = "EUR") -> Path:
    """Write the logframe as the EC matrix in a one-sheet workbook; returns the path written."""
    from . import logframe_sheet, sheet

    wb = sheet.new_workbook()
    logframe_sheet.write_logframe_sheet(wb, logframe, activities, budget, title, currency)
    return sheet.save_workbook(wb, path)


def export_schedule_xlsx(activities: list[Activity], path: str | Path, network: Network | None = None,
                         logframe: Logframe | None = None) -> Path:
    """Write the activity schedule as a Gantt chart (months as columns); returns the path written."""
    from . import schedule_sheet, sheet

    wb = sheet.new_workbook()
    schedule_sheet.write_schedule_sheet(wb, activities, network, logframe)
    return sheet.save_workbook(wb, path)


def export_budget_xlsx(lines: list[BudgetLine], activities: list[Activity] | None, path: str | Path,
                       currency: str = "EUR", logframe: Logframe | None = None) -> Path:
    """Write the budget with live formulas (amount = quantity x unit cost, totals); returns the path."""
    from . import schedule_sheet, sheet

    wb = sheet.new_workbook()
    schedule_sheet.write_budget_sheet(wb, lines, activities, currency, logframe)
    return sheet.save_workbook(wb, path)


def export_workbook_xlsx(group, path: str | Path) -> Path:
    """Write one workbook with the group's Logframe, Schedule and Budget sheets (those it has).

    The currency is the cohort's (EUR when the group was loaded on its own); the title is the
    network's name.
    """
    from . import logframe_sheet, schedule_sheet, sheet

    if group.logframe is None and group.activities is None and group.budget is None:
        raise ValueError(f"group {group.id} has no logframe.yaml, activities.csv or budget.csv yet: "
                         "there is nothing to export")
    currency = group.cohort.currency if group.cohort and group.cohort.currency else "EUR"
    title = group.network.name if group.network else group.id
    wb = sheet.new_workbook()
    if group.logframe is not None:
        logframe_sheet.write_logframe_sheet(wb, group.logframe, group.activities, group.budget,
                                              f"Logical framework: {title}", currency)
    if group.activities is not None:
        schedule_sheet.write_schedule_sheet(wb, group.activities, group.network, group.logframe,
                                              f"Activity schedule: {title}")
    if group.budget is not None:
        schedule_sheet.write_budget_sheet(wb, group.budget, group.activities, currency, group.logframe,
                                            f"Budget: {title}")
    wb.active = 0
    return sheet.save_workbook(wb, path)
