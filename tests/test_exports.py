"""Exports sent to partners: the logframe matrix (and reading it back), the schedule, the budget, HTML."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from copy import deepcopy
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planet_lib import WorkbookError
from planet_lib.budget import BudgetLine
from planet_lib.cohort import CohortInfo
from planet_lib.exports import (export_budget_xlsx, export_logframe_xlsx, export_schedule_xlsx,
                                export_workbook_xlsx, import_logframe_xlsx, logframe_html)
from planet_lib.logframe import Assumption, Indicator, Logframe, Statement
from planet_lib.network import Network, Partner
from planet_lib.schedule import Activity
from planet_lib.workbook.group import Group

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not on PATH (Debian package libreoffice-calc-nogui): "
                            "the conversion checks need it")


def make_logframe(template: str = "ec-2004") -> Logframe:
    """A small logframe using every field, odd text included (a leading '=', a line break, tags)."""
    return Logframe(
        template,
        overall_objectives=[Statement(
            "O1", "Citizens of Lucca, Kraków, Västerås and Cluj take part in local decisions",
            [Indicator("Turnout in municipal consultations", unit="%", baseline="12", target="20", by="2014-06",
                       source="Municipal registers", baseline_year=2012, target_year=2014)],
            [Assumption("National law keeps public consultations open", True, "possible", None)])],
        specific_objectives=[Statement(
            "S1", "Young people of the four towns run\nyouth councils", [],
            [Assumption("Schools support the councils", None, None, None, extra={"owner": "RO"})])],
        results=[
            Statement("R1", "=Youth councils are set up in each town",
                      [Indicator("4 councils meet monthly by month 12", source="Minutes of meetings"),
                       Indicator("40 members, half of them girls", unit="people", extra={"gender": True}),
                       Indicator("Council budget adopted", target="4 budgets", target_year=2014)],
                      [Assumption("Mayors attend the first meeting", False, "certain", True)],
                      extra={"note": "added by the trainer"}),
            Statement("R2", "Councils of the towns exchange <b>practices</b> & ideas",
                      [Indicator("2 study visits", source="Attendance lists")],
                      [Assumption("Travel stays affordable"), Assumption("Partners keep their staff")]),
        ],
        preconditions=["The partnership agreement is signed", "Co-funding is approved by the councils"],
        components=True,
        extra={"version": 3},
    )


def make_activities() -> list[Activity]:
    return [Activity("A2.1", "R2", "Study visit to Kraków", 9, 9, "event", "Kraków", "PL", 3, 30, "travel, venue"),
            Activity("A1.1", "R1", "Kick-off meeting", 1, 1, "event", "Lucca", "IT", 2, 40, "venue, interpreters"),
            Activity("A1.2", "R1", "Set up the councils", 2, 8, "task", "Lucca", means="trainers"),
            Activity("M1", "R1", "Councils running", 12, 12, "milestone")]


def make_budget() -> list[BudgetLine]:
    return [BudgetLine("A1.1", "Travel", "travel", 20, 300.0), BudgetLine("A1.1", "Venue", "services", 1, 1500.0),
            BudgetLine("A1.2", "Trainers", "staff", 10, 250.5), BudgetLine("A2.1", "Flights", "travel", 30, 210.0),
            BudgetLine("X9", "Printing", "other", 1, 99.0)]


def find(ws, value) -> str:
    """The coordinate of the only cell holding `value`."""
    hits = [c.coordinate for row in ws.iter_rows() for c in row if c.value == value]
    assert len(hits) == 1, f"{value!r} found in {hits}"
    return hits[0]


def cell_below(ws, coordinate: str, rows: int = 1):
    cell = ws[coordinate]
    return ws.cell(cell.row + rows, cell.column)


def edit(path: Path, change) -> None:
    """Change the Logframe sheet with openpyxl, as a partner's spreadsheet program would."""
    wb = load_workbook(path)
    change(wb["Logframe"])
    wb.save(path)


def problems_of(path: Path) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        import_logframe_xlsx(path)
    return [str(p) for p in caught.value.problems]


def office_convert(path: Path, target: str, tmp_path: Path) -> Path:
    """Convert with LibreOffice headless, using a throw-away profile."""
    outdir = tmp_path / "converted"
    profile = tmp_path / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(outdir), str(path)],
                   check=True, capture_output=True, timeout=600)
    return outdir / f"{path.stem}.{target.split(':')[0]}"


# the logframe round trip -------------------------------------------------------------------
@pytest.mark.parametrize("template", ["ec-2004", "ec-2016"])
def test_logframe_export_then_import_gives_the_same_logframe(tmp_path, template):
    frame = make_logframe(template)
    path = export_logframe_xlsx(frame, tmp_path / "logframe.xlsx", make_activities(), make_budget(), "Youth")
    assert import_logframe_xlsx(path) == frame


def test_an_empty_logframe_round_trips(tmp_path):
    frame = Logframe("ec-2016")
    assert import_logframe_xlsx(export_logframe_xlsx(frame, tmp_path / "l.xlsx")) == frame


def test_export_does_not_change_the_logframe_given(tmp_path):
    frame = make_logframe()
    before = deepcopy(frame)
    export_logframe_xlsx(frame, tmp_path / "l.xlsx", make_activities(), make_budget())
    assert frame == before


def test_text_starting_with_equals_is_stored_as_text_not_formula(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx")
    ws = load_workbook(path)["Logframe"]
    cell = ws[find(ws, "=Youth councils are set up in each town")]
    assert cell.data_type == "s"


def test_edits_made_in_the_spreadsheet_are_read_back(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx", make_activities(), make_budget())

    def change(ws):
        ws[find(ws, "Travel stays affordable")].value = "Travel costs stay affordable"
        ws[find(ws, "Minutes of meetings")].value = "Signed minutes of council meetings"
        # R1 has three indicators and one assumption: its second row has a free Assumptions cell.
        cell_below(ws, find(ws, "Mayors attend the first meeting")).value = "Parents agree"
        ws[find(ws, "Co-funding is approved by the councils")].value = "Co-funding is approved"
        target_year = ws[find(ws, "Target year")].column
        ws.cell(ws[find(ws, "Council budget adopted")].row, target_year).value = 2015
    edit(path, change)

    frame = import_logframe_xlsx(path)
    r1, r2 = frame.results
    assert [a.text for a in r2.assumptions] == ["Travel costs stay affordable", "Partners keep their staff"]
    assert r1.indicators[0].source == "Signed minutes of council meetings"
    assert [a.text for a in r1.assumptions] == ["Mayors attend the first meeting", "Parents agree"]
    assert r1.indicators[2].target_year == 2015
    assert frame.preconditions == ["The partnership agreement is signed", "Co-funding is approved"]


def test_a_row_without_id_continues_the_statement_above(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx")

    def change(ws):
        ws.unmerge_cells("B9:B10")  # R2's cells, as a partner who unmerged or inserted a row leaves them
        ws.unmerge_cells("C9:C10")
        ws["D10"].value = "Councils publish minutes online"
        ws["E10"].value = "Town websites"
    edit(path, change)

    indicators = import_logframe_xlsx(path).results[1].indicators
    assert [(i.text, i.source) for i in indicators] == [("2 study visits", "Attendance lists"),
                                                         ("Councils publish minutes online", "Town websites")]


# what a person sees -----------------------------------------------------------------------
def merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_levels_and_statements_are_merged_cells(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx", make_activities(), make_budget())
    ws = load_workbook(path)["Logframe"]
    results = ws[find(ws, "Expected results")]
    assert results.coordinate == "A6"
    # R1 spans 3 rows (three indicators), R2 two rows (two assumptions): the level spans all 5.
    assert {"A6:A10", "B6:B8", "C6:C8", "B9:B10", "C9:C10"} <= merged(ws)
    assert ws["B6"].value == "R1" and ws["B9"].value == "R2"
    assert "A1:F1" in merged(ws)  # the title across the printed columns
    assert ws["C4"].alignment.wrap_text and ws["C4"].border.left.style == "thin"
    assert ws["C2"].font.b


def test_2004_and_2016_headers_follow_the_ec_forms(tmp_path):
    old = load_workbook(export_logframe_xlsx(make_logframe("ec-2004"), tmp_path / "a.xlsx"))["Logframe"]
    new = load_workbook(export_logframe_xlsx(make_logframe("ec-2016"), tmp_path / "b.xlsx"))["Logframe"]
    assert [old.cell(2, c).value for c in range(2, 7)] == [
        "ID", "Intervention logic", "Objectively verifiable indicators", "Sources of verification", "Assumptions"]
    assert [old.cell(r, 1).value for r in (4, 5, 6)] == ["Overall objectives", "Specific objective",
                                                          "Expected results"]
    assert [new.cell(2, c).value for c in range(3, 11)] == [
        "Intervention logic", "Indicators", "Baseline (year)", None, "Target (year)", None,
        "Sources of verification", "Assumptions"]
    assert [new.cell(3, c).value for c in range(5, 9)] == ["value", "year", "value", "year"]
    assert {"E2:F2", "G2:H2"} <= merged(new)
    assert new["A4"].value == "Impact (Overall objective)"


def test_activities_row_holds_means_and_costs_and_preconditions_sit_below(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx", make_activities(), make_budget())
    ws = load_workbook(path)["Logframe"]
    means, costs = ws[find(ws, "Means")], ws[find(ws, "Costs")]
    assert (means.column_letter, costs.column_letter) == ("D", "E")
    kickoff = ws[find(ws, "Kick-off meeting")].row
    assert ws.cell(kickoff, 4).value == "venue, interpreters"
    assert ws.cell(kickoff, 5).value == pytest.approx(20 * 300 + 1500)
    assert ws.cell(ws[find(ws, "Set up the councils")].row, 5).value == pytest.approx(2505)
    assert ws.cell(ws[find(ws, "Total costs")].row, 5).value == pytest.approx(6000 + 1500 + 2505 + 6300 + 99)
    assert ws[find(ws, "(not in the activity list)")].offset(0, -1).value == "X9"
    # Activities follow the order of the results they serve.
    assert ws[find(ws, "A1.1")].row < ws[find(ws, "A2.1")].row
    label = ws[find(ws, "Pre-conditions")]
    assert label.column_letter == "F" and label.row > ws[find(ws, "Total costs")].row
    assert cell_below(ws, label.coordinate).value == "The partnership agreement is signed"
    assert "Change them there" in ws[find(ws, "Activities")].comment.text


def test_details_columns_are_labelled_and_left_out_of_the_print_area(tmp_path):
    ws = load_workbook(export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx"))["Logframe"]
    assert ws["G2"].value == "Indicator details (not printed)"
    assert [ws.cell(3, c).value for c in range(7, 16)] == [
        "Unit", "Baseline", "Baseline year", "Target", "Target year", "Target date (YYYY-MM)",
        "Important? (yes/no)", "Will it hold? (certain/possible/unlikely)", "Can the project be redesigned? (yes/no)"]
    assert re.fullmatch(r"'?Logframe'?!\$A\$1:\$F\$\d+", ws.print_area)
    widths = {letter: ws.column_dimensions[letter].width for letter in "ABCDEFN"}
    assert widths["B"] <= 8 and min(widths[c] for c in "CDEF") >= 25 and widths["N"] >= 20
    assert [ws.column_dimensions[c].outline_level for c in "FGO"] == [0, 1, 1]  # details fold away
    choices = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert choices == {'"yes,no"', '"certain,possible,unlikely"'}


@pytest.mark.parametrize("export", ["logframe", "schedule", "budget"])
def test_every_sheet_prints_on_a4_landscape_one_page_wide(tmp_path, export):
    path = tmp_path / f"{export}.xlsx"
    if export == "logframe":
        export_logframe_xlsx(make_logframe(), path, make_activities(), make_budget())
    elif export == "schedule":
        export_schedule_xlsx(make_activities(), path)
    else:
        export_budget_xlsx(make_budget(), make_activities(), path)
    ws = load_workbook(path).worksheets[0]
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
    assert ws.print_title_rows in ("$2:$3", "$2:$2")
    assert ws["A1"].value and ws["A1"].font.b  # the title row


def test_rows_are_tall_enough_for_long_wrapped_text(tmp_path):
    frame = make_logframe()
    frame.results[1].text = "Councils exchange practices " * 12
    ws = load_workbook(export_logframe_xlsx(frame, tmp_path / "l.xlsx"))["Logframe"]
    top = ws[find(ws, "R2")].row
    # about 336 characters in a 40-wide column: at least 8 lines of 13 points over the statement's rows
    assert sum(ws.row_dimensions[r].height for r in (top, top + 1)) >= 8 * 13


def test_file_is_replaced_whole_and_no_temporary_file_is_left(tmp_path):
    path = tmp_path / "l.xlsx"
    path.write_text("an old file")
    export_logframe_xlsx(make_logframe(), path)
    assert [p.name for p in tmp_path.iterdir()] == ["l.xlsx"]
    assert import_logframe_xlsx(path) == make_logframe()


# reading back what cannot be used ------------------------------------------------------------
def test_a_file_that_is_not_a_workbook_is_refused_in_plain_words(tmp_path):
    path = tmp_path / "logframe.xlsx"
    path.write_text("id,text\nR1,hello\n")
    [problem] = problems_of(path)
    assert "logframe.xlsx" in problem and "Excel 2007-365 (.xlsx)" in problem


def test_a_changed_header_is_named_by_sheet_and_cell(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx")
    edit(path, lambda ws: ws.__setitem__("D2", "Indicators of success"))
    [problem] = problems_of(path)
    assert "sheet 'Logframe', cell D2" in problem
    assert "'Objectively verifiable indicators'" in problem and "Indicators of success" in problem


def test_unreadable_values_are_all_reported_with_their_cells(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx")

    def change(ws):
        row = ws[find(ws, "Turnout in municipal consultations")].row
        ws.cell(row, ws[find(ws, "Target year")].column).value = "soon"
        ws.cell(row, ws[find(ws, "Will it hold? (certain/possible/unlikely)")].column).value = "maybe"
        ws.cell(row, ws[find(ws, "Target date (YYYY-MM)")].column).value = "June"
        ws[find(ws, "R2")].value = "R 2"
    edit(path, change)

    problems = problems_of(path)
    assert len(problems) == 4
    text = "\n".join(problems)
    assert "cell K4" in text and "whole number from 1990 to 2100" in text
    assert "cell N4" in text and "'certain' or 'possible' or 'unlikely'" in text
    assert "cell L4" in text and "YYYY-MM" in text
    assert "cell B9" in text and "an id made of letters" in text


def test_a_new_statement_without_an_id_is_refused(tmp_path):
    frame = make_logframe()
    path = export_logframe_xlsx(frame, tmp_path / "l.xlsx")

    def change(ws):
        ws.unmerge_cells("B9:B10")
        ws.unmerge_cells("C9:C10")
        ws["C10"].value = "Councils write a joint charter"
    edit(path, change)
    [problem] = problems_of(path)
    assert "cell B10" in problem and "an ID for the statement" in problem


def test_indicator_details_without_an_indicator_are_refused(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx")
    edit(path, lambda ws: ws.__setitem__("G10", "km"))  # a unit on R2's second row, which has no indicator
    [problem] = problems_of(path)
    assert "cell D10" in problem and "no indicator" in problem


def test_text_in_the_activities_assumptions_is_not_lost_silently(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx", make_activities())

    def change(ws):
        ws.cell(ws[find(ws, "Kick-off meeting")].row, 6).value = "Venues stay open"
    edit(path, change)
    [problem] = problems_of(path)
    assert "Venues stay open" in problem and "below 'Pre-conditions'" in problem


def test_a_missing_preconditions_cell_is_reported(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx")
    edit(path, lambda ws: ws.__setitem__(find(ws, "Pre-conditions"), None))
    [problem] = problems_of(path)
    assert "column F" in problem and "'Pre-conditions'" in problem


def test_an_unknown_level_name_is_named_by_cell(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx")
    edit(path, lambda ws: ws.__setitem__("A6", "Deliverables"))
    [problem] = problems_of(path)
    assert "cell A6" in problem and "'Expected results'" in problem


def test_a_workbook_without_a_logframe_sheet_is_refused(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx")
    wb = load_workbook(path)
    wb["Logframe"].title = "Matrix"
    wb.create_sheet("Notes")
    wb.save(path)
    [problem] = problems_of(path)
    assert "'Logframe'" in problem and "'Matrix'" in problem


def test_a_copied_matrix_without_the_hidden_sheet_still_reads(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "l.xlsx")
    wb = load_workbook(path)
    del wb["PLANET kit data"]
    wb.save(path)
    frame = import_logframe_xlsx(path)
    assert frame.results[0].indicators[0].text == "4 councils meet monthly by month 12"
    assert frame.components is False and frame.results[0].extra == {}


# schedule and budget --------------------------------------------------------------------------
def test_schedule_shades_months_and_marks_events_and_milestones(tmp_path):
    network = Network("t1", "Youth network", start="2013-03", duration_months=10,
                      partners=[Partner("Lucca", "IT", "lead")])
    ws = load_workbook(export_schedule_xlsx(make_activities(), tmp_path / "s.xlsx", network))["Schedule"]
    first = 8  # columns A-G describe the activity; months start in H
    assert [ws.cell(3, c).value for c in range(first, first + 12)] == list(range(1, 13))  # M1 ends in month 12
    assert ws.cell(2, first).value == "Mar 2013" and ws.cell(2, first + 11).value == "Feb 2014"
    assert ws.cell(3, first + 10).fill.start_color.rgb.endswith("BFBFBF")  # month 11 is after the end

    def months(title: str, test) -> list[int]:
        row = ws[find(ws, title)].row
        return [m for m in range(1, 13) if test(ws.cell(row, first + m - 1))]

    shaded = lambda c: c.fill.fill_type == "solid"  # noqa: E731
    assert months("Set up the councils", shaded) == list(range(2, 9))
    assert months("Kick-off meeting", shaded) == [1]
    assert months("Kick-off meeting", lambda c: c.value == "\u25cf") == [1]
    assert months("Councils running", lambda c: c.value == "\u25c6") == [12]
    assert months("Councils running", shaded) == []
    assert ws[find(ws, "Result R1")].row < ws[find(ws, "Kick-off meeting")].row < ws[find(ws, "Result R2")].row


def test_schedule_without_a_network_counts_months_up_to_the_last_activity(tmp_path):
    ws = load_workbook(export_schedule_xlsx(make_activities(), tmp_path / "s.xlsx"))["Schedule"]
    assert ws["H2"].value == "Project month" and "H2:S2" in merged(ws)
    assert ws.cell(3, 8 + 11).value == 12 and ws.cell(3, 8 + 12).value is None
    assert ws["A1"].value == "Activity schedule"


def test_budget_amounts_and_totals_are_formulas(tmp_path):
    ws = load_workbook(export_budget_xlsx(make_budget(), make_activities(), tmp_path / "b.xlsx",
                                          currency="PLN"))["Budget"]
    travel = ws[find(ws, "Travel")].row
    assert ws.cell(travel, 6).value == f"=D{travel}*E{travel}"
    assert ws["E2"].value == "Unit cost (PLN)" and "PLN" in ws.cell(travel, 6).number_format
    totals = {ws.cell(r, 2).value: ws.cell(r, 6).value for r in range(3, ws.max_row + 1)
              if str(ws.cell(r, 2).value).startswith("Total")}
    assert set(totals) == {"Total A1.1", "Total A1.2", "Total R1", "Total A2.1", "Total R2", "Total X9",
                           "Total of unlisted activities", "Total budget"}
    assert all(str(f).startswith("=SUBTOTAL(9,F") for f in totals.values())
    values = evaluate_amounts(ws)
    by_label = {ws.cell(r, 2).value: v for r, v in values.items()}
    assert by_label["Total A1.1"] == pytest.approx(7500)
    assert by_label["Total R1"] == pytest.approx(7500 + 2505)
    assert by_label["Total budget"] == pytest.approx(7500 + 2505 + 6300 + 99)


def evaluate_amounts(ws) -> dict[int, float]:
    """Work out column F as a spreadsheet would: products, and SUBTOTAL(9, ...) skipping other SUBTOTALs."""
    values = {}
    for r in range(3, ws.max_row + 1):
        formula = str(ws.cell(r, 6).value or "")
        if m := re.fullmatch(r"=D(\d+)\*E(\d+)", formula):
            values[r] = (ws.cell(int(m[1]), 4).value or 0) * (ws.cell(int(m[2]), 5).value or 0)
    for r in range(3, ws.max_row + 1):
        if m := re.fullmatch(r"=SUBTOTAL\(9,F(\d+):F(\d+)\)", str(ws.cell(r, 6).value or "")):
            values[r] = sum(values.get(i, 0) for i in range(int(m[1]), int(m[2]) + 1)
                            if not str(ws.cell(i, 6).value).startswith("=SUBTOTAL"))
    return values


def test_budget_lists_activities_without_cost_lines_but_not_milestones(tmp_path):
    lines = [line for line in make_budget() if line.activity != "A1.2"]
    ws = load_workbook(export_budget_xlsx(lines, make_activities(), tmp_path / "b.xlsx"))["Budget"]
    assert ws[find(ws, "A1.2: Set up the councils")].offset(1, 1).value == "(no cost lines yet)"
    assert all(ws.cell(r, 1).value != "M1: Councils running" for r in range(1, ws.max_row + 1))


def test_one_workbook_holds_logframe_schedule_and_budget(tmp_path):
    network = Network("t1", "Youth network", start="2013-03", duration_months=12)
    group = Group(tmp_path, network=network, logframe=make_logframe(), activities=make_activities(),
                  budget=make_budget(), cohort=CohortInfo("Course 2013", currency="SEK"))
    path = export_workbook_xlsx(group, tmp_path / "youth.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Logframe", "PLANET kit data", "Schedule", "Budget"]
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == ["Logframe", "Schedule", "Budget"]
    assert wb["Logframe"]["A1"].value == "Logical framework: Youth network"
    assert '"SEK"' in wb["Logframe"].cell(wb["Logframe"][find(wb["Logframe"], "Kick-off meeting")].row,
                                          5).number_format
    assert import_logframe_xlsx(path) == make_logframe()


def test_a_group_with_nothing_to_export_is_told_so(tmp_path):
    with pytest.raises(ValueError, match="nothing to export"):
        export_workbook_xlsx(Group(tmp_path, network=Network("t1", "Youth")), tmp_path / "x.xlsx")


# HTML for Word ---------------------------------------------------------------------------------
def test_html_escapes_text_and_has_no_script():
    frame = make_logframe()
    frame.results[0].text = "<script>alert('x')</script> councils"
    page = logframe_html(frame, make_activities(), make_budget(), title="Youth & towns")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; councils" in page
    assert "&lt;b&gt;practices&lt;/b&gt; &amp; ideas" in page
    assert "<title>Youth &amp; towns</title>" in page
    assert "<style" not in page.lower() and "class=" not in page


def test_html_levels_span_their_rows_in_the_ec_layout():
    page = logframe_html(make_logframe(), make_activities(), make_budget())
    body = page.split("<tbody>")[1]
    rows = body.count("<tr>")
    spans = [int(n) for n in re.findall(r'<th rowspan="(\d+)"', body)]
    assert len(spans) == 4 and sum(spans) == rows  # every row belongs to exactly one level
    assert spans[2] == 5  # results: R1 three rows, R2 two rows
    assert re.search(r'<td rowspan="3"[^>]*><b>R1</b>', body)
    assert "Objectively verifiable indicators" in page and "Sources of verification" in page
    last_row = body.split("<tr>")[-1]
    assert "Pre-conditions" in last_row and "Co-funding is approved by the councils" in last_row
    assert "7,500.00 EUR" in page and "16,404.00 EUR" in page


def test_html_2016_shows_baseline_and_target_with_their_years():
    page = logframe_html(make_logframe("ec-2016"))
    assert "Baseline (year)" in page and "Target (year)" in page
    assert "<td style=\"border:1px solid #808080;padding:4px;vertical-align:top;text-align:left\">12 (2012)</td>" \
        in page
    assert "Impact (Overall objective)" in page


def test_importing_the_exports_does_not_load_openpyxl():
    code = "import sys, planet_lib.exports; print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# with LibreOffice --------------------------------------------------------------------------------
@needs_office
def test_libreoffice_turns_the_logframe_into_an_a4_landscape_pdf(tmp_path):
    path = export_logframe_xlsx(make_logframe(), tmp_path / "logframe.xlsx", make_activities(), make_budget())
    pdf = office_convert(path, "pdf", tmp_path)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes and all(abs(float(w) - 842) < 2 and abs(float(h) - 595) < 2 for w, h in boxes)


@needs_office
def test_a_logframe_saved_again_by_libreoffice_reads_back_the_same(tmp_path):
    frame = make_logframe("ec-2016")
    path = export_logframe_xlsx(frame, tmp_path / "logframe.xlsx", make_activities(), make_budget())
    resaved = office_convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path)
    assert import_logframe_xlsx(resaved) == frame


@needs_office
def test_libreoffice_computes_the_budget_totals(tmp_path):
    path = export_budget_xlsx(make_budget(), make_activities(), tmp_path / "budget.xlsx")
    text = office_convert(path, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path).read_text(encoding="utf-8")
    rows = {row[1]: row[5] for row in csv.reader(io.StringIO(text)) if len(row) >= 6}
    shown = {label: float(re.sub(r"[^\d.]", "", value)) for label, value in rows.items() if label.startswith("Total")}
    assert shown["Total A1.1"] == pytest.approx(7500)
    assert shown["Total R1"] == pytest.approx(7500 + 2505)
    assert shown["Total budget"] == pytest.approx(7500 + 2505 + 6300 + 99)
