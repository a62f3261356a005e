"""The logframe tool: the matrix as the EC templates show it, and the checks trainers rely on."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from planet_lib import Group
from planet_lib import logframe as lf
from planet_lib.budget import BudgetLine
from planet_lib.check import check_group
from planet_lib.logframe import (COLUMNS, LEVEL_LABELS, Assumption, Indicator, Logframe, Statement, activities_row,
                                 assess_assumption, check_logframe, matrix, matrix_figure, styled_matrix)
from planet_lib.schedule import Activity


# A logframe with nothing to report, in both templates; each test breaks one thing. ----------
def good_logframe(template: str = "ec-2004") -> Logframe:
    def ind(text, unit, target, by, source):
        return Indicator(text, unit, "0", target, by, source, baseline_year=2013)

    return Logframe(
        template,
        overall_objectives=[Statement("OO1", "Citizens of the partner towns take part in local decision making", [
            ind("Share of residents who took part in a public consultation", "%", "20", "2014-12",
                "Consultation registers of the five town halls")])],
        specific_objectives=[Statement("SO1", "Municipal officials of the network run participatory projects", [
            ind("Participatory projects started by trained officials", "projects", "10", "2014-06",
                "Council decisions approving the projects")],
            [Assumption("Town councils keep funding citizen participation")])],
        results=[
            Statement("R1", "60 municipal officials trained in Project Cycle Management", [
                ind("Officials who complete the PCM course", "officials", "60", "2013-12",
                    "Signed attendance lists of the seminars")],
                [Assumption("Trained officials stay in their posts for the project duration")]),
            Statement("R2", "Good practices of citizen participation shared among the towns", [
                ind("Good-practice guides published", "guides", "5", "2014-03", "Guides on the network website")],
                [Assumption("Local media report on the events of the network")]),
        ],
        preconditions=["Partnership agreement signed by all five towns"],
    )


def good_activities() -> list[Activity]:
    return [Activity("A1.1", "R1", "Organise a PCM training seminar in Lucca", means="Trainers, venue, interpreters"),
            Activity("A2.1", "R2", "Publish the good-practice guides", means="Editor, printing")]


def good_budget() -> list[BudgetLine]:
    return [BudgetLine("A1.1", "Venue", "services", 2, 600), BudgetLine("A1.1", "Travel", "travel", 10, 250),
            BudgetLine("A2.1", "Printing", "services", 500, 2)]


def check(frame: Logframe, activities=None, budget=None, *, defaults: bool = True):
    if defaults:
        activities = good_activities() if activities is None else activities
        budget = good_budget() if budget is None else budget
    return check_logframe(frame, activities, budget)


def by_code(findings, code):
    return [f for f in findings if f.code == code]


@pytest.mark.parametrize("template", ["ec-2004", "ec-2016"])
def test_the_good_logframe_has_no_findings(template):
    assert check(good_logframe(template)) == []


# The matrix --------------------------------------------------------------------------------
def test_2004_matrix_has_the_template_columns_levels_and_one_row_per_statement():
    table = matrix(good_logframe("ec-2004"), good_activities(), good_budget())
    assert list(table.columns) == ["Level", "Intervention logic", "Objectively verifiable indicators",
                                   "Sources of verification", "Assumptions"]
    assert list(table["Level"]) == ["Overall objectives", "Specific objective (purpose)", "Results", "Results",
                                    "Activities", "Activities", "Activities", "Pre-conditions"]
    assert list(table["Intervention logic"][2:4]) == [
        "R1: 60 municipal officials trained in Project Cycle Management",
        "R2: Good practices of citizen participation shared among the towns"]
    r1 = table.iloc[2]
    assert r1["Objectively verifiable indicators"] == (
        "Officials who complete the PCM course: target 60 officials by 2013-12 (baseline 0 officials in 2013)")
    assert r1["Sources of verification"] == "Signed attendance lists of the seminars"
    assert r1["Assumptions"] == "• Trained officials stay in their posts for the project duration"


def test_2004_activities_row_holds_means_and_costs_and_preconditions_sit_at_the_bottom_of_assumptions():
    table = matrix(good_logframe("ec-2004"), good_activities(), good_budget())
    a11, a21, total, pre = (table.iloc[i] for i in range(4, 8))
    assert a11["Intervention logic"] == "A1.1: Organise a PCM training seminar in Lucca (for R1)"
    assert a11["Objectively verifiable indicators"] == "Means: Trainers, venue, interpreters"
    assert a11["Sources of verification"] == "Costs: 3,700"
    assert a21["Sources of verification"] == "Costs: 1,000"
    assert total["Sources of verification"] == "Costs: 4,700"
    assert list(pre) == ["Pre-conditions", "", "", "", "• Partnership agreement signed by all five towns"]


def test_2016_matrix_has_impact_outcome_outputs_and_baseline_target_columns():
    table = matrix(good_logframe("ec-2016"), good_activities(), good_budget())
    assert tuple(table.columns) == COLUMNS["ec-2016"]
    assert list(dict.fromkeys(table["Level"])) == ["Impact", "Outcome(s)", "Outputs", "Activities", "Pre-conditions"]
    r1 = table.iloc[2]
    assert r1["Indicators"] == "Officials who complete the PCM course"
    assert r1["Baseline (year)"] == "0 officials (2013)"
    assert r1["Target (year)"] == "60 officials (2013-12)"
    a11 = table.iloc[4]
    assert a11["Indicators"] == "Means: Trainers, venue, interpreters"
    assert a11["Sources and means of verification"] == "Costs: 3,700"


def test_2016_matrix_without_preconditions_has_no_preconditions_row():
    frame = good_logframe("ec-2016")
    frame.preconditions = []
    assert "Pre-conditions" not in set(matrix(frame)["Level"])


def test_matrix_numbers_several_indicators_and_keeps_sources_aligned():
    frame = good_logframe()
    frame.results[0].indicators.append(Indicator("Officials who pass the final test", "officials", target="50"))
    cells = matrix(frame).iloc[2]
    assert cells["Objectively verifiable indicators"].splitlines()[1].startswith("2. Officials who pass")
    assert cells["Sources of verification"].splitlines() == ["1. Signed attendance lists of the seminars", "2. –"]


def test_matrix_keeps_one_row_for_an_empty_level():
    frame = good_logframe()
    frame.results = []
    table = matrix(frame)
    assert list(table["Level"]) == ["Overall objectives", "Specific objective (purpose)", "Results", "Activities",
                                    "Pre-conditions"]
    assert table.iloc[2]["Intervention logic"] == ""


def test_level_labels_of_both_templates():
    assert [LEVEL_LABELS["ec-2004"][k] for k in lf.MATRIX_LEVELS] == [
        "Overall objectives", "Specific objective (purpose)", "Results", "Activities"]
    assert [LEVEL_LABELS["ec-2016"][k] for k in lf.MATRIX_LEVELS] == ["Impact", "Outcome(s)", "Outputs", "Activities"]


def test_activities_row_sums_costs_per_activity_and_keeps_costs_of_unknown_activities_in_the_total():
    budget = good_budget() + [BudgetLine("A9", "Taxi", "travel", 1, 80.5)]
    row = activities_row(good_activities(), budget)
    assert [(a.id, a.means, a.cost, a.cost_lines) for a in row.lines] == [
        ("A1.1", "Trainers, venue, interpreters", 3700, 2), ("A2.1", "Editor, printing", 1000, 1)]
    assert row.total == 4780.5
    assert row.unassigned == 80.5
    assert "80.50 for activities not in activities.csv" in matrix(good_logframe(), good_activities(), budget).iloc[6][
        "Sources of verification"]


def test_activities_row_without_budget_shows_no_costs():
    row = activities_row(good_activities(), None)
    assert row.total is None and all(a.cost is None for a in row.lines)
    table = matrix(good_logframe(), good_activities(), None)
    assert list(table["Level"]).count("Activities") == 2  # no total line
    assert table.iloc[4]["Sources of verification"] == ""


def test_styled_matrix_merges_each_level_into_one_coloured_cell_and_wraps_text():
    html = styled_matrix(good_logframe(), good_activities(), good_budget()).to_html()
    assert "white-space: pre-wrap" in html
    assert html.count(">Results</th>") == 1 and 'rowspan="2">Results</th>' in html
    assert 'rowspan="3">Activities</th>' in html
    assert lf.LEVEL_COLOURS["results"] in html
    assert "Costs: 4,700" in html


def test_styled_matrix_escapes_what_people_typed():
    frame = good_logframe()
    frame.results[0].text = "<script>alert(1)</script>"
    html = styled_matrix(frame).to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html


def _figure_cells(fig):
    """Text artists and cell rectangles of the matrix figure, keyed by (row, column)."""
    ax = fig.axes[0]
    texts = {tuple(map(int, t.get_gid().split("-")[1:])): t for t in ax.texts
             if (t.get_gid() or "").startswith("text")}
    boxes = {tuple(map(int, p.get_gid().split("-")[1:])): p for p in ax.patches
             if (p.get_gid() or "").startswith("cell")}
    return texts, boxes


@pytest.mark.parametrize("template", ["ec-2004", "ec-2016"])
def test_matrix_figure_keeps_every_text_inside_its_cell(template):
    frame = good_logframe(template)
    frame.results[1].text = "A very long result statement " * 6  # must wrap, not spill over
    fig = matrix_figure(frame, good_activities(), good_budget())
    renderer = fig.canvas.get_renderer()
    texts, boxes = _figure_cells(fig)
    table = matrix(frame, good_activities(), good_budget())
    non_empty = sum(1 for v in table.to_numpy().ravel() if v) - (len(table) - table["Level"].nunique())
    assert len(texts) == non_empty + len(table.columns)  # body cells (level label once per level) + header
    for key, text in texts.items():
        inner, outer = text.get_window_extent(renderer), boxes[key].get_window_extent(renderer)
        assert outer.x0 <= inner.x0 and inner.x1 <= outer.x1 and outer.y0 <= inner.y0 and inner.y1 <= outer.y1, key
    extents = [t.get_window_extent(renderer) for t in texts.values()]
    assert not any(a.overlaps(b) for i, a in enumerate(extents) for b in extents[i + 1:])
    assert "\n" in texts[(4, 1)].get_text()  # the long result wrapped


def test_matrix_figure_shows_each_level_label_once_and_grows_with_content():
    fig = matrix_figure(good_logframe(), good_activities(), good_budget())
    texts, _ = _figure_cells(fig)
    labels = [t.get_text().replace("\n", " ") for (r, c), t in texts.items() if c == 0 and r > 0]
    assert labels == ["Overall objectives", "Specific objective (purpose)", "Results", "Activities", "Pre-conditions"]
    bigger = good_logframe()
    bigger.results += [Statement(f"R{n}", "Town halls publish their budgets online", []) for n in range(3, 8)]
    assert matrix_figure(bigger).get_size_inches()[1] > matrix_figure(good_logframe()).get_size_inches()[1]


# Completeness --------------------------------------------------------------------------------
@pytest.mark.parametrize("level", ["overall_objectives", "results"])
def test_an_empty_level_is_an_error(level):
    frame = good_logframe()
    setattr(frame, level, [])
    found = by_code(check(frame, activities=[], budget=[]), "logframe.level_empty")
    assert [(f.severity, f.item) for f in found if f.file == "logframe.yaml"] == [("error", level)]


def test_no_activities_is_an_error_and_a_missing_activities_file_only_a_note():
    found = check(good_logframe(), activities=[])
    assert [(f.severity, f.file) for f in by_code(found, "logframe.level_empty")] == [("error", "activities.csv")]
    missing = check(good_logframe(), None, None, defaults=False)
    assert [f.severity for f in by_code(missing, "logframe.activities_not_yet")] == ["info"]
    assert by_code(check(good_logframe()), "logframe.activities_not_yet") == []


def test_statement_without_indicator_is_an_error():
    frame = good_logframe()
    frame.results[1].indicators = []
    found = by_code(check(frame), "logframe.no_indicator")
    assert [(f.severity, f.item) for f in found] == [("error", "R2")]


def test_statement_whose_indicators_have_no_source_is_an_error_and_one_unsourced_indicator_a_warning():
    frame = good_logframe()
    frame.results[0].indicators[0].source = ""
    assert [(f.severity, f.item) for f in by_code(check(frame), "logframe.no_source")] == [("error", "R1")]
    frame = good_logframe()
    frame.results[0].indicators.append(Indicator("Officials who pass the test", "officials", "0", "50", "2013-12",
                                                 baseline_year=2013))
    found = check(frame)
    assert by_code(found, "logframe.no_source") == []
    assert [(f.severity, f.item) for f in by_code(found, "logframe.indicator_no_source")] == [
        ("warning", "R1 indicator 2")]


def test_specific_objective_and_results_need_assumptions_but_overall_objectives_do_not():
    frame = good_logframe()
    frame.results[0].assumptions = []
    frame.specific_objectives[0].assumptions = []
    # OO1 has no assumptions either, and needs none
    assert {f.item for f in by_code(check(frame), "logframe.no_assumptions")} == {"R1", "SO1"}


def test_2004_logframe_needs_preconditions_2016_does_not():
    for template, expected in (("ec-2004", ["warning"]), ("ec-2016", [])):
        frame = good_logframe(template)
        frame.preconditions = []
        assert [f.severity for f in by_code(check(frame), "logframe.no_preconditions")] == expected


def test_activity_without_means_or_costs_is_reported_on_activities_csv():
    activities = good_activities()
    activities[1].means = ""
    budget = [line for line in good_budget() if line.activity != "A1.1"]
    found = check(good_logframe(), activities, budget)
    assert [(f.file, f.item) for f in by_code(found, "logframe.activity_no_means")] == [("activities.csv", "A2.1")]
    assert [(f.file, f.item) for f in by_code(found, "logframe.activity_no_costs")] == [("activities.csv", "A1.1")]


def test_milestones_need_no_costs():
    activities = good_activities() + [Activity("M1", "R1", "Final report submitted", kind="milestone", means="-")]
    assert by_code(check(good_logframe(), activities), "logframe.activity_no_costs") == []


# One purpose ----------------------------------------------------------------------------------
def test_several_specific_objectives_are_an_error_unless_components_are_declared():
    frame = good_logframe()
    frame.specific_objectives.append(copy.deepcopy(frame.specific_objectives[0]))
    frame.specific_objectives[1].id = "SO2"
    found = by_code(check(frame), "logframe.several_specific_objectives")
    assert [(f.severity, f.item) for f in found] == [("error", "SO2")]
    assert "SO1, SO2" in found[0].message
    frame.components = True
    assert by_code(check(frame), "logframe.several_specific_objectives") == []


# Level wording --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["Organise seminars on participation", "To organise seminars on participation",
                                  "Organising seminars on participation", "Train 60 officials", "Running a website"])
def test_results_worded_as_actions_are_activities_listed_as_results(text):
    frame = good_logframe()
    frame.results[0].text = text
    found = by_code(check(frame), "logframe.result_is_activity")
    assert [(f.severity, f.item) for f in found] == [("warning", "R1")]
    assert "activities listed as results" in found[0].message


@pytest.mark.parametrize("text", ["Officials trained in PCM", "Exchange of good practice established",
                                  "Training materials published", "Seminari organizzati in cinque città"])
def test_results_worded_as_achieved_states_pass(text):
    frame = good_logframe()
    frame.results[0].text = text
    assert by_code(check(frame), "logframe.result_is_activity") == []


def test_activities_start_with_a_verb():
    activities = good_activities()
    activities[0].title = "Seminar on the future of the EU"
    found = by_code(check(good_logframe(), activities), "logframe.activity_not_verb")
    assert [(f.severity, f.file, f.item) for f in found] == [("warning", "activities.csv", "A1.1")]


@pytest.mark.parametrize("title", ["Hold a seminar on the future of the EU", "Organising the kick-off meeting",
                                   "To publish a guide for the towns", "Seminario sul futuro dell'Europa",
                                   "Study visit to the town hall of Lodz"])
def test_activity_titles_starting_with_a_verb_or_not_in_english_pass(title):
    activities = good_activities()
    activities[0].title = title
    assert by_code(check(good_logframe(), activities), "logframe.activity_not_verb") == []


def test_milestone_titles_are_states_and_are_not_asked_for_a_verb():
    activities = good_activities() + [Activity("M1", "R1", "Report of the network sent", kind="milestone")]
    assert by_code(check(good_logframe(), activities), "logframe.activity_not_verb") == []


# QQT ------------------------------------------------------------------------------------------
def test_indicator_without_quantity_quality_or_time_names_what_is_missing():
    frame = good_logframe()
    frame.results[0].indicators[0] = Indicator("Awareness raised", source="Survey of residents in 2014")
    frame.results[1].indicators[0] = Indicator("Guides published", "guides", target="many", by="2014-03",
                                               source="Guides on the website")
    found = by_code(check(frame), "logframe.indicator_not_qqt")
    assert [(f.severity, f.item) for f in found] == [("warning", "R1 indicator 1"), ("warning", "R2 indicator 1")]
    # a year in the source is not the time of the indicator
    assert all(f"no {part}" in found[0].message for part in ("quantity", "quality", "time"))
    assert "no quantity" in found[1].message and "quality" not in found[1].message and "time" not in found[1].message


def test_indicator_time_can_be_a_year_in_its_text_and_quality_what_it_counts():
    frame = good_logframe()
    frame.results[0].indicators[0] = Indicator("60 officials trained by June 2013", source="Attendance lists")
    frame.results[1].indicators[0] = Indicator("Number of guides published", target="5", target_year=2014,
                                               source="Guides on the website")
    assert by_code(check(frame), "logframe.indicator_not_qqt") == []
    frame.results[0].indicators[0].text = "Officials trained by June 2013"
    assert [f.item for f in by_code(check(frame), "logframe.indicator_not_qqt")] == ["R1 indicator 1"]


# 2016 baselines and targets ------------------------------------------------------------------
def test_2016_indicator_needs_baseline_and_target_with_their_years():
    frame = good_logframe("ec-2016")
    frame.results[0].indicators[0].baseline_year = None
    frame.results[1].indicators[0].target = ""
    found = check(frame)
    assert [(f.severity, f.item) for f in by_code(found, "logframe.baseline_missing")] == [("error", "R1 indicator 1")]
    assert "year is missing" in by_code(found, "logframe.baseline_missing")[0].message
    assert [(f.severity, f.item) for f in by_code(found, "logframe.target_missing")] == [("error", "R2 indicator 1")]
    frame.template = "ec-2004"
    assert not by_code(check(frame), "logframe.baseline_missing") + by_code(check(frame), "logframe.target_missing")


def test_2016_baseline_year_in_text_or_a_to_be_set_note_is_enough():
    frame = good_logframe("ec-2016")
    frame.results[0].indicators[0].baseline_year = None
    frame.results[0].indicators[0].baseline = "0 in 2013"
    noted = frame.results[1].indicators[0]
    noted.baseline, noted.baseline_year = "To be set by the first progress report", None
    noted.target, noted.target_year, noted.by = "to be defined at contract signature", None, None
    found = check(frame)
    assert by_code(found, "logframe.baseline_missing") == [] and by_code(found, "logframe.target_missing") == []


# Sources of verification ----------------------------------------------------------------------
@pytest.mark.parametrize("source", ["Project reports", "project results", "Reports.", "Documents",
                                    "internal records", "The project reports; documents"])
def test_filler_sources_are_too_vague(source):
    frame = good_logframe()
    frame.results[0].indicators[0].source = source
    found = by_code(check(frame), "logframe.vague_source")
    assert [(f.severity, f.item) for f in found] == [("warning", "R1 indicator 1")]


@pytest.mark.parametrize("source", ["Project reports and signed attendance lists", "Minutes of the town council"])
def test_sources_naming_a_document_pass(source):
    frame = good_logframe()
    frame.results[0].indicators[0].source = source
    assert by_code(check(frame), "logframe.vague_source") == []


# Assumptions ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["The partners will attend all seminars", "Partner towns will send their staff",
                                  "The project will find a venue", "We will recruit trainers",
                                  "The network will publish the guide", "The lead partner keeps the accounts"])
def test_assumptions_about_the_partners_own_actions_are_errors(text):
    frame = good_logframe()
    frame.results[0].assumptions[0].text = text
    found = by_code(check(frame), "logframe.assumption_own_action")
    assert [(f.severity, f.item) for f in found] == [("error", "R1 assumption 1")]


@pytest.mark.parametrize("text", ["Everything goes as planned", "No problems arise", "All goes well"])
def test_generic_assumptions_are_warnings(text):
    frame = good_logframe()
    frame.results[0].assumptions[0].text = text
    found = check(frame)
    assert [(f.severity, f.item) for f in by_code(found, "logframe.assumption_generic")] == [
        ("warning", "R1 assumption 1")]


@pytest.mark.parametrize("text", ["No local elections during the project", "Councils do not cut the budget",
                                  "The ministry will not change the law", "Trainers are not available"])
def test_negative_assumptions_are_warnings(text):
    frame = good_logframe()
    frame.results[0].assumptions[0].text = text
    found = by_code(check(frame), "logframe.assumption_negative")
    assert [(f.severity, f.item) for f in found] == [("warning", "R1 assumption 1")]


def test_positive_outside_assumptions_pass_the_wording_checks():
    frame = good_logframe()
    frame.results[0].assumptions = [Assumption("Social partners will support the reform"),
                                    Assumption("Town councils stay in office until 2014")]
    assert [f for f in check(frame) if f.code.startswith("logframe.assumption_")] == []


@pytest.mark.parametrize("important, likelihood, can_redesign, expected", [
    (False, "possible", None, "exclude"),
    (False, "unlikely", True, "exclude"),
    (True, "certain", None, "exclude"),
    (True, "possible", None, "include"),
    (None, "possible", None, "include"),
    (True, "unlikely", True, "redesign"),
    (True, "unlikely", False, "not_feasible"),
    (True, "unlikely", None, "not_feasible"),
])
def test_assess_assumption_follows_figure_30(important, likelihood, can_redesign, expected):
    assert assess_assumption(important, likelihood, can_redesign) == expected


def test_assess_assumption_refuses_an_unknown_likelihood():
    with pytest.raises(ValueError, match="certain, possible, unlikely"):
        assess_assumption(True, "maybe")


@pytest.mark.parametrize("rating, code, severity", [
    (dict(important=False), "logframe.assumption_can_be_left_out", "info"),
    (dict(important=True, likelihood="certain"), "logframe.assumption_can_be_left_out", "info"),
    (dict(important=True, likelihood="unlikely", can_redesign=True), "logframe.assumption_redesign", "error"),
    (dict(important=True, likelihood="unlikely", can_redesign=False), "logframe.assumption_not_feasible", "error"),
])
def test_rated_assumptions_are_assessed(rating, code, severity):
    frame = good_logframe()
    frame.results[0].assumptions[0] = Assumption("Trained officials stay in their posts", **rating)
    found = [f for f in check(frame) if f.code.startswith("logframe.assumption_")]
    assert [(f.code, f.severity, f.item) for f in found] == [(code, severity, "R1 assumption 1")]


def test_redesign_and_not_feasible_messages_say_what_to_do():
    frame = good_logframe()
    frame.results[0].assumptions = [Assumption("Councils fund the centres", True, "unlikely", True),
                                    Assumption("The law stays unchanged", True, "unlikely", False)]
    redesign, not_feasible = [f for f in check(frame) if f.code.startswith("logframe.assumption_")]
    assert "add activities or results, or reword the purpose" in redesign.hint
    assert "may not be feasible" in not_feasible.message


def test_assumptions_rated_possible_are_kept_without_a_finding():
    frame = good_logframe()
    frame.results[0].assumptions[0] = Assumption("Trained officials stay in their posts", True, "possible")
    assert check(frame) == []


# Vertical logic -------------------------------------------------------------------------------
def test_every_activity_serves_an_existing_result():
    activities = good_activities() + [Activity("A3.1", "R3", "Organise a final conference", means="Venue"),
                                      Activity("A0", "", "Coordinate the network", means="Staff"),
                                      Activity("A0.2", "SO1", "Run the website", means="Web editor")]
    budget = good_budget() + [BudgetLine(a, "x", "", 1, 1) for a in ("A3.1", "A0", "A0.2")]
    found = check(good_logframe(), activities, budget)
    assert [(f.severity, f.file, f.item) for f in by_code(found, "logframe.activity_unknown_result")] == [
        ("error", "activities.csv", "A3.1"), ("error", "activities.csv", "A0.2")]
    assert [f.item for f in by_code(found, "logframe.activity_without_result")] == ["A0"]


def test_every_result_has_activities():
    activities = [a for a in good_activities() if a.result != "R2"]
    found = by_code(check(good_logframe(), activities), "logframe.result_without_activities")
    assert [(f.severity, f.file, f.item) for f in found] == [("error", "logframe.yaml", "R2")]


def test_results_need_a_specific_objective_to_lead_to():
    frame = good_logframe()
    frame.specific_objectives = []
    found = check(frame)
    assert [f.severity for f in by_code(found, "logframe.results_without_purpose")] == ["error"]
    assert by_code(found, "logframe.level_empty") == []  # said once, not twice


def test_ids_are_unique_across_the_logframe():
    frame = good_logframe()
    frame.results[1].id = "SO1"
    assert [f.item for f in by_code(check(frame), "logframe.duplicate_id")] == ["SO1"]


def test_2016_messages_use_the_2016_level_names():
    frame = good_logframe("ec-2016")
    frame.results[1].indicators = []
    assert by_code(check(frame), "logframe.no_indicator")[0].message == "The output R2 has no indicator."


# From the files, through findings(group) ---------------------------------------------------------
LOGFRAME_YAML = """\
template: ec-2004
overall_objectives:
  - id: OO1
    text: Citizens of the partner towns take part in local decision making
    indicators:
      - {text: Residents who took part in a consultation, unit: "%", baseline: "12", target: "20", by: 2014-12,
         source: Consultation registers}
specific_objectives:
  - id: SO1
    text: Municipal officials of the network run participatory projects
    indicators:
      - {text: Participatory projects started, unit: projects, target: "10", by: 2014-06, source: Council decisions}
    assumptions:
      - Town councils keep funding citizen participation
results:
  - id: R1
    text: Organise seminars
    indicators:
      - {text: Officials trained, unit: officials, target: "60", by: 2013-12, source: Project reports}
    assumptions:
      - text: The partners will attend
      - {text: Trained officials stay in their posts, important: yes, likelihood: unlikely, can_redesign: no}
preconditions:
  - Partnership agreement signed
"""
ACTIVITIES_CSV = "id,result,title,means\nA1.1,R1,Organise a PCM seminar in Lucca,Trainers\nA1.2,R7,Seminar on the EU,\n"
BUDGET_CSV = "activity,item,category,quantity,unit_cost\nA1.1,Venue,services,2,600\n"
GROUP_YAML = ("id: t1\nname: Test network\ntheme: Participation\nstart: 2013-03\nduration_months: 18\n"
              "partners:\n  - {municipality: Lucca, country: IT, role: lead}\n"
              "  - {municipality: Kraków, country: PL}\n")


def test_findings_of_a_group_read_from_its_files(tmp_path: Path):
    folder = tmp_path / "t1"
    folder.mkdir()
    for name, content in {"group.yaml": GROUP_YAML, "logframe.yaml": LOGFRAME_YAML,
                          "activities.csv": ACTIVITIES_CSV, "budget.csv": BUDGET_CSV}.items():
        (folder / name).write_text(content, encoding="utf-8")
    group = Group.load(folder)
    found = lf.findings(group)
    assert {(f.code, f.file, f.item) for f in found} == {
        ("logframe.result_is_activity", "logframe.yaml", "R1"),
        ("logframe.vague_source", "logframe.yaml", "R1 indicator 1"),
        ("logframe.assumption_own_action", "logframe.yaml", "R1 assumption 1"),
        ("logframe.assumption_not_feasible", "logframe.yaml", "R1 assumption 2"),
        ("logframe.activity_no_means", "activities.csv", "A1.2"),
        ("logframe.activity_not_verb", "activities.csv", "A1.2"),
    }
    # said once, by the schedule and budget checks that own those files
    everything = {(f.code, f.item) for f in check_group(group)}
    assert {("schedule.unknown_result", "A1.2"), ("budget.no_cost_lines", "A1.2")} <= everything
    assert not any(code.startswith(("logframe.activity_no_costs", "logframe.activity_unknown_result"))
                   for code, _item in everything)
    assert lf.from_group(group) == (group.logframe, group.activities, group.budget)
    assert matrix(*lf.from_group(group)).iloc[3]["Sources of verification"] == "Costs: 1,200"


def test_findings_of_a_group_without_logframe_are_empty(tmp_path: Path):
    folder = tmp_path / "t1"
    folder.mkdir()
    (folder / "group.yaml").write_text(GROUP_YAML, encoding="utf-8")
    assert lf.findings(Group.load(folder)) == []


def test_an_ec_2004_indicator_without_target_is_reported_and_one_with_target_is_not():
    frame = Logframe("ec-2004", specific_objectives=[Statement("SO1", "Citizens take part", [
        Indicator("Three open meetings held per town", unit="meetings", by="2014-06", source="Minutes")])])
    assert [f.item for f in check_logframe(frame) if f.code == "logframe.no_target"] == ["SO1 indicator 1"]
    frame.specific_objectives[0].indicators[0].target = "21 meetings"
    assert not [f for f in check_logframe(frame) if f.code == "logframe.no_target"]


def test_milestones_need_no_means():
    from planet_lib.logframe_checks import _activities_present

    found = _activities_present([Activity("M1", "R1", "Toolkit published", kind="milestone"),
                                 Activity("A1", "R1", "Write the toolkit", kind="task")], None)
    assert [f.item for f in found if f.code == "logframe.activity_no_means"] == ["A1"]
