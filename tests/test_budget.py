"""The budget: totals on a hand-computed example, the checks of budget.csv and the budget figure."""

from __future__ import annotations

import pytest
from matplotlib.patches import Rectangle

from planet_lib import budget
from planet_lib.budget import (BudgetLine, check_budget, event_costs, figure, format_money, shares, summary_frame,
                               total, totals_by_activity, totals_by_category, totals_by_result)
from planet_lib.cohort import CohortInfo
from planet_lib.logframe import Statement
from planet_lib.schedule import Activity
from planet_lib.workbook.group import Group

ACTIVITIES = [
    Activity("A1", "R1", "Kick-off meeting", 1, 1, "event", country="IT", days=2, participants=40),
    Activity("A2", "R1", "Survey of citizens", 2, 5, "task"),
    Activity("A3", "R2", "Seminar on participation", 6, 6, "event", country="PL", days=3, participants=35),
    Activity("M1", "R2", "Network agreement signed", 6, 6, "milestone"),
]
# By hand: A1 = 20*250 + 40*80 = 5000 + 3200 = 8200; A2 = 10*400 = 4000;
# A3 = 15*230 + 2*500 + 2*700.5 = 3450 + 1000 + 1401 = 5851; total 18051.
LINES = [
    BudgetLine("A1", "Flights", "travel", 20, 250),
    BudgetLine("A1", "Hotel nights", "accommodation", 40, 80),
    BudgetLine("A2", "Survey expert", "staff", 10, 400),
    BudgetLine("A3", "Flights", "travel", 15, 230),
    BudgetLine("A3", "Meeting room", "venue", 2, 500),
    BudgetLine("A3", "Interpreters", "staff", 2, 700.5),
]
RESULTS = [Statement("R1", "Municipal staff trained"), Statement("R2", "Good practice exchanged")]


def of(found, code):
    return [f for f in found if f.code == code]


# totals ------------------------------------------------------------------------------------------
def test_totals_on_the_hand_computed_example():
    assert total(LINES) == 18051
    assert totals_by_activity(LINES) == {"A1": 8200, "A2": 4000, "A3": 5851}
    assert totals_by_result(LINES, ACTIVITIES) == {"R1": 12200, "R2": 5851}
    assert totals_by_category(LINES) == {"travel": 8450, "staff": 5401, "accommodation": 3200, "venue": 1000}
    assert list(totals_by_category(LINES)) == ["travel", "staff", "accommodation", "venue"]  # largest first


def test_shares_are_percent_of_the_total():
    by_category = shares(LINES)
    assert by_category["venue"] == pytest.approx(100 * 1000 / 18051)
    assert sum(by_category.values()) == pytest.approx(100)
    assert shares(LINES, ACTIVITIES, by="result")["R1"] == pytest.approx(100 * 12200 / 18051)
    assert shares([BudgetLine("A1", "Free room", "venue", 1, 0)]) == {"venue": 0.0}
    with pytest.raises(ValueError):
        shares(LINES, by="result")


def test_event_costs_per_participant():
    costs = {e.activity: e for e in event_costs(LINES, ACTIVITIES)}
    assert set(costs) == {"A1", "A3"}  # only events
    assert costs["A1"].per_participant == 8200 / 40
    assert costs["A3"].cost == 5851 and costs["A3"].per_participant == pytest.approx(167.17, abs=0.01)


def test_event_without_participants_or_costs():
    events = [Activity("E1", "R1", "Open day", 2, 2, "event", participants=None)]
    [cost] = event_costs([], events)
    assert (cost.cost, cost.per_participant) == (0, None)


def test_missing_numbers_count_as_zero_and_unknown_activities_are_kept_apart():
    lines = LINES + [BudgetLine("A2", "Printing", "other", None, 100), BudgetLine("X9", "Taxi", "travel", 1, 50)]
    assert total(lines) == 18101
    assert totals_by_result(lines, ACTIVITIES) == {"R1": 12200, "R2": 5851, "(unknown activity)": 50}


def test_activity_without_result_and_line_without_category_have_their_own_group():
    activities = [Activity("A1", "", "Untitled", 1, 1, "task")]
    lines = [BudgetLine("A1", "Paper", "", 2, 5)]
    assert totals_by_result(lines, activities) == {"(no result)": 10}
    assert totals_by_category(lines) == {"(no category)": 10}


def test_summary_frame_by_result_has_categories_totals_shares_and_a_total_row():
    frame = summary_frame(LINES, ACTIVITIES, currency="PLN")
    assert list(frame.index) == ["R1", "R2", "Total"]
    assert list(frame.columns) == ["travel", "staff", "accommodation", "venue", "total", "share_%"]
    assert frame.loc["R2", "staff"] == 1401 and frame.loc["R1", "venue"] == 0
    assert frame.loc["Total", "total"] == 18051 and frame.loc["Total", "share_%"] == pytest.approx(100)
    assert frame.attrs["currency"] == "PLN"


def test_summary_frame_by_activity_lists_uncosted_activities_as_zero():
    frame = summary_frame(LINES[:2], ACTIVITIES, by="activity")
    assert list(frame.index) == ["A1", "A2", "A3", "Total"]  # milestone M1 is not a cost item
    assert frame.loc["A2", "total"] == 0 and frame.loc["A1", "total"] == 8200


@pytest.mark.parametrize("value,text", [(12500, "EUR 12,500"), (1401.5, "EUR 1,401.50"), (0, "EUR 0")])
def test_format_money(value, text):
    assert format_money(value) == text


# checks -------------------------------------------------------------------------------------------
def test_a_complete_budget_has_no_findings():
    assert check_budget(LINES, ACTIVITIES) == []


def test_task_or_event_without_cost_lines_is_an_error_but_a_milestone_is_not():
    found = check_budget([line for line in LINES if line.activity != "A3"], ACTIVITIES)
    [f] = found
    assert (f.severity, f.code, f.file, f.item) == ("error", "budget.no_cost_lines", "budget.csv", "A3")


def test_cost_line_for_an_unknown_activity_is_an_error():
    found = check_budget(LINES + [BudgetLine("A33", "Taxi", "travel", 1, 40, line=8)], ACTIVITIES)
    [f] = found
    assert (f.severity, f.code, f.item) == ("error", "budget.unknown_activity", "A33")
    assert "line 8" in f.message and "'A33'" in f.message


def test_without_a_schedule_links_are_not_checked():
    assert check_budget(LINES + [BudgetLine("A33", "Taxi", "travel", 1, 40)], None) == []


@pytest.mark.parametrize("quantity,unit_cost,missing", [(None, 40, "quantity"), (2, None, "unit_cost"),
                                                        (None, None, "quantity and no unit_cost")])
def test_missing_quantity_or_unit_cost_is_an_error(quantity, unit_cost, missing):
    [f] = check_budget(LINES + [BudgetLine("A2", "Printing", "other", quantity, unit_cost, line=9)], ACTIVITIES)
    assert (f.severity, f.code, f.item) == ("error", "budget.missing_amount", "line 9")
    assert missing in f.message and "Printing" in f.message


def test_zero_amount_is_a_warning():
    [f] = check_budget(LINES + [BudgetLine("A2", "Printing", "other", 0, 40, line=9)], ACTIVITIES)
    assert (f.severity, f.code, f.item) == ("warning", "budget.zero_amount", "line 9")


def test_empty_category_is_a_warning_and_unsaved_lines_are_named_by_activity():
    [f] = check_budget(LINES + [BudgetLine("A2", "Printing", "", 1, 40)], ACTIVITIES)
    assert (f.severity, f.code, f.item) == ("warning", "budget.no_category", "A2")


def test_empty_budget_is_a_warning_and_every_activity_is_uncosted():
    found = check_budget([], ACTIVITIES)
    assert [(f.severity, f.code) for f in found][0] == ("warning", "budget.empty")
    assert {f.item for f in of(found, "budget.no_cost_lines")} == {"A1", "A2", "A3"}


GROUP_YAML = "id: t1\nname: Test network\nstart: 2013-03\nduration_months: 12\n" \
             "partners:\n  - {municipality: Lucca, country: IT, role: lead}\n"
ACTIVITIES_CSV = "id,result,title,start_month,end_month,kind\n" \
                 "A1,R1,Kick-off meeting,1,1,event\nA2,R1,Survey,2,5,task\nM1,R1,Agreement signed,2,2,milestone\n"
BUDGET_CSV = "activity,item,category,quantity,unit_cost\nA1,Flights,travel,20,250\nA9,Taxi,,1,40\n"


def write_group(tmp_path, with_activities=True):
    folder = tmp_path / "t1"
    folder.mkdir()
    (folder / "group.yaml").write_text(GROUP_YAML)
    (folder / "budget.csv").write_text(BUDGET_CSV)
    if with_activities:
        (folder / "activities.csv").write_text(ACTIVITIES_CSV)
    return Group.load(folder)


def test_findings_of_a_loaded_group_point_at_file_lines_and_activities(tmp_path):
    found = budget.findings(write_group(tmp_path))
    assert {(f.code, f.item) for f in found} == {("budget.unknown_activity", "A9"), ("budget.no_cost_lines", "A2"),
                                                 ("budget.no_category", "line 3")}
    assert {f.file for f in found} == {"budget.csv"}


def test_findings_of_a_group_without_a_schedule_check_only_the_lines(tmp_path):
    found = budget.findings(write_group(tmp_path, with_activities=False))
    assert [(f.code, f.item) for f in found] == [("budget.no_category", "line 3")]


def test_currency_comes_from_the_cohort_else_euro(tmp_path):
    group = Group(folder=tmp_path)
    assert budget.currency_of(group) == "EUR"
    group.cohort = CohortInfo("Course 2013", currency="PLN")
    assert budget.currency_of(group) == "PLN"


# the figure ---------------------------------------------------------------------------------------
def segments(ax):
    return {p.get_gid(): p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid()}


def test_figure_stacks_categories_per_result_up_to_the_total():
    fig = figure(LINES, ACTIVITIES, currency="PLN", results=RESULTS)
    main, side = fig.axes
    bars = segments(main)
    assert len(bars) == 2 * 4  # two results x four categories
    r1 = [bars[f"{c}@R1"] for c in ("travel", "staff", "accommodation", "venue")]
    assert [b.get_height() for b in r1] == [5000, 4000, 3200, 0]
    assert [b.get_y() for b in r1] == [0, 5000, 9000, 12200]  # each category sits on the one below
    assert {b.get_x() + b.get_width() / 2 for b in r1} == {0}
    totals = {t.get_gid(): t for t in main.texts}
    assert totals["total:R1"].get_text().strip() == "PLN 12,200" and totals["total:R1"].get_position() == (0, 12200)
    assert totals["total:R2"].get_text().strip() == "PLN 5,851"
    assert [t.get_text() for t in main.get_xticklabels()] == ["R1\nMunicipal staff trained",
                                                              "R2\nGood practice exchanged"]
    assert "PLN 18,051" in fig._suptitle.get_text()


def test_share_chart_names_each_category_in_its_bar_colour():
    fig = figure(LINES, ACTIVITIES)
    main, side = fig.axes
    assert [t.get_text() for t in side.get_yticklabels()] == ["travel", "staff", "accommodation", "venue"]
    assert [t.get_text() for t in side.texts] == ["47%", "30%", "18%", "6%"]
    assert [p.get_width() for p in side.patches] == pytest.approx([100 * v / 18051 for v in (8450, 5401, 3200, 1000)])
    assert side.patches[0].get_facecolor() == segments(main)["travel@R1"].get_facecolor()


def test_figure_without_schedule_shows_one_bar_per_activity():
    main, _side = figure(LINES).axes
    assert sorted({gid.split("@")[1] for gid in segments(main)}) == ["A1", "A2", "A3"]


def test_figure_without_lines_says_so():
    fig = figure([])
    assert [t.get_text() for t in fig.axes[0].texts] == ["No cost lines yet"]


def test_figure_texts_do_not_overlap():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    many = [Activity(f"A{i}", f"R{i % 6}", "x", 1, 1, "task") for i in range(12)]
    lines = [BudgetLine(f"A{i}", "x", f"category {i % 5}", 1, 1000 * (i + 1)) for i in range(12)]
    level = [BudgetLine(f"A{i}", "x", "travel", 1, 25000.5) for i in range(25)]  # equal totals side by side
    for fig in (figure(LINES, ACTIVITIES, results=RESULTS), figure(lines, many), figure(lines), figure(level)):
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        for ax in fig.axes:
            for group in (ax.texts, ax.get_xticklabels(), ax.get_yticklabels()):
                extents = [t.get_window_extent(renderer) for t in group if t.get_text()]
                assert not [(a, b) for i, a in enumerate(extents) for b in extents[i + 1:] if a.overlaps(b)]


def test_three_long_result_texts_are_wrapped_under_their_bars_without_overlapping():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    texts = ["Environment officers of the seven towns apply a shared set of participatory methods",
             "Each town holds open meetings at times residents can attend, on evenings and at weekends",
             "The seven towns exchange working practice on citizen participation with their partners"]
    results = [Statement(f"R{n}", text) for n, text in enumerate(texts, start=1)]
    activities = [Activity(f"A{n}", f"R{n}", "Work", 1, 2, "task") for n in (1, 2, 3)]
    lines = [BudgetLine(f"A{n}", "Staff", "staff", 1, 1000 * n) for n in (1, 2, 3)]
    for large_text in (False, True):
        fig = figure(lines, activities, results=results, large_text=large_text)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        labels = fig.axes[0].get_xticklabels()
        assert [t.get_text().split("\n")[0] for t in labels] == ["R1", "R2", "R3"]
        # wrapped on several lines under each bar, not cut to one line or turned upright
        assert all(t.get_text().count("\n") >= 2 and t.get_rotation() == 0 for t in labels)
        boxes = [t.get_window_extent(canvas.get_renderer()) for t in labels]
        assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]
