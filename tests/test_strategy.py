"""Strategy analysis: weighted scoring of options, the checks, and the comparison chart."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from planet_lib import strategy as st
from planet_lib.objectives import Objective
from planet_lib.strategy import Criterion, Option, Strategy
from planet_lib.workbook.group import Group


def strategy(**changes) -> Strategy:
    """Three options; A is best (25), B second (21), C last (12); B is the one selected, with a reason."""
    base = Strategy(
        criteria=[Criterion("cost", 2, "Low cost"), Criterion("feasibility", 1), Criterion("relevance", 3)],
        options=[Option("A", "Youth exchange", ["O1"], {"cost": 3, "feasibility": 4, "relevance": 5}),
                 Option("B", "Town councils", ["O2", "O3"], {"cost": 5, "feasibility": 2, "relevance": 3}),
                 Option("C", "", [], {"cost": 1, "feasibility": 1, "relevance": 3})],
        selected="B", justification="Partner councils have already committed staff.")
    return dataclasses.replace(base, **changes)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


# scoring ------------------------------------------------------------------------------------------
def test_score_table_has_scores_and_weighted_totals():
    table = st.score_table(strategy())
    assert list(table.index) == ["A", "B", "C"]
    assert list(table.columns) == ["option name", "cost", "feasibility", "relevance", "weighted total"]
    assert table.loc["A", "cost"] == 3 and table.loc["B", "option name"] == "Town councils"
    assert table["weighted total"].tolist() == [2 * 3 + 4 + 3 * 5, 2 * 5 + 2 + 3 * 3, 2 * 1 + 1 + 3 * 3]


def test_a_missing_score_shows_as_empty_and_adds_nothing():
    s = strategy()
    del s.options[0].scores["relevance"]
    table = st.score_table(s)
    assert table.loc["A", "relevance"] is pd.NA
    assert table.loc["A", "weighted total"] == 10


def test_ranking_puts_the_best_first_and_keeps_ties_in_file_order():
    assert [o.id for o in st.ranking(strategy())] == ["A", "B", "C"]
    tied = strategy(options=[Option("X", scores={"cost": 1}), Option("Y", scores={"cost": 2}),
                             Option("Z", scores={"cost": 1})])
    assert [o.id for o in st.ranking(tied)] == ["Y", "X", "Z"]


def test_selected_option():
    assert st.selected_option(strategy()).id == "B"
    assert st.selected_option(strategy(selected="")) is None
    assert st.selected_option(strategy(selected="Q")) is None


# checks ---------------------------------------------------------------------------------------------
def test_a_complete_strategy_has_no_findings():
    objectives = [Objective("O1", "x", cluster="A"), Objective("O2", "y", cluster="B"), Objective("O3", "z")]
    assert st.check_strategy(strategy(), objectives) == []


def test_one_option_is_not_a_comparison():
    found = st.check_strategy(strategy(options=strategy().options[:1], selected="A"))
    assert [(f.code, f.severity) for f in found] == [("strategy.few_options", "warning")]


def test_every_missing_score_is_an_error_on_its_option():
    s = strategy()
    s.options[1].scores.pop("cost")
    s.options[2].scores = {}
    found = [f for f in st.check_strategy(s) if f.code == "strategy.missing_score"]
    assert [(f.item, f.severity) for f in found] == [("B", "error")] + [("C", "error")] * 3
    assert "cost" in found[0].message


def test_a_score_for_an_unknown_criterion_is_flagged():
    s = strategy()
    s.options[0].scores["costs"] = 4
    found = st.check_strategy(s)
    assert [(f.code, f.item) for f in found] == [("strategy.unknown_criterion", "A")]


@pytest.mark.parametrize("weight", [0, -1, None])
def test_weights_must_be_positive(weight):
    s = strategy()
    s.criteria[1].weight = weight
    found = st.check_strategy(s)
    assert [(f.code, f.item, f.severity) for f in found] == [("strategy.weight_not_positive", "feasibility", "error")]


def test_no_criteria_is_an_error():
    assert "strategy.no_criteria" in codes(st.check_strategy(strategy(criteria=[])))


def test_duplicate_ids_are_errors():
    s = strategy()
    s.options.append(Option("A", scores={"cost": 1, "feasibility": 1, "relevance": 1}))
    s.criteria.append(Criterion("cost", 1))
    assert [(f.code, f.item) for f in st.check_strategy(s)] == [("strategy.duplicate_id", "A"),
                                                               ("strategy.duplicate_id", "cost")]


def test_the_selection_must_name_an_option():
    found = st.check_strategy(strategy(selected="D"))
    assert [(f.code, f.severity, f.item) for f in found] == [("strategy.unknown_selection", "error", "D")]
    assert "A, B, C" in found[0].message


def test_no_selection_asks_to_choose_one():
    found = st.check_strategy(strategy(selected=""))
    assert [(f.code, f.severity) for f in found] == [("strategy.no_selection", "warning")]


def test_choosing_a_lower_scoring_option_needs_a_justification():
    found = st.check_strategy(strategy(justification="  "))
    assert [(f.code, f.severity, f.item) for f in found] == [("strategy.selection_not_best", "warning", "B")]
    assert "21" in found[0].message and "25" in found[0].message
    assert st.check_strategy(strategy(selected="A", justification="")) == []


def test_an_option_tied_for_best_needs_no_justification():
    s = strategy(justification="")
    s.options[1].scores = dict(s.options[0].scores)
    assert st.check_strategy(s) == []


def test_option_objectives_must_exist_in_the_objective_tree():
    objectives = [Objective("O1", "x"), Objective("O2", "y")]
    found = st.check_strategy(strategy(), objectives)
    assert [(f.code, f.severity, f.item) for f in found] == [("strategy.unknown_objective", "error", "B")]
    assert "O3" in found[0].message


def test_objectives_are_not_compared_before_the_objective_tree_exists():
    assert st.check_strategy(strategy(), None) == []


def test_an_option_and_the_objective_tree_must_agree_on_clusters():
    objectives = [Objective("O1", "x", cluster="B"), Objective("O2", "y", cluster="B"), Objective("O3", "z")]
    found = st.check_strategy(strategy(), objectives)
    assert [(f.code, f.severity, f.item) for f in found] == [("strategy.cluster_mismatch", "warning", "A")]


def test_findings_of_a_group(tmp_path):
    assert st.findings(Group(tmp_path)) == []
    g = Group(tmp_path, strategy=strategy(), objectives=[Objective("O1", "x")])
    assert codes(st.findings(g)) == ["strategy.unknown_objective", "strategy.unknown_objective"]


def test_a_strategy_read_from_file_is_checked(tmp_path):
    (tmp_path / "group.yaml").write_text("id: g\nname: G\npartners:\n  - {municipality: Lucca, country: IT}\n",
                                         encoding="utf-8")
    (tmp_path / "strategy.yaml").write_text(
        "criteria:\n  - {id: cost, weight: 2}\n  - {id: impact, weight: 1}\n"
        "options:\n  - id: A\n    scores: {cost: 2, impact: 5}\n  - id: B\n    scores: {cost: 4}\n"
        "selected: A\n", encoding="utf-8")
    found = st.findings(Group.load(tmp_path))
    assert [(f.code, f.item) for f in found] == [("strategy.missing_score", "B")]
    assert all(f.file == "strategy.yaml" for f in found)


# the chart ---------------------------------------------------------------------------------------------
def bars(fig):
    """The stacked segments (the outline around the selected bar excluded)."""
    return [p for p in fig.axes[0].patches if p.get_fill()]


def row(patch) -> int:
    return round(patch.get_y() + patch.get_height() / 2)


def test_figure_stacks_each_criterions_contribution():
    s = strategy()
    fig = st.figure(s)
    segments = bars(fig)
    assert len(segments) == len(s.options) * len(s.criteria)
    widths_by_row: dict[int, float] = {}
    for p in segments:
        widths_by_row[row(p)] = widths_by_row.get(row(p), 0) + p.get_width()
    totals = st.totals(s)
    # the best option is on the top row
    assert widths_by_row == {2: totals["A"], 1: totals["B"], 0: totals["C"]}
    ax = fig.axes[0]
    labels = {round(y): t.get_text() for y, t in zip(ax.get_yticks(), ax.get_yticklabels())}
    assert labels == {2: "A: Youth exchange", 1: "B: Town councils (selected)", 0: "C"}
    legend_texts = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend_texts == ["Low cost (x2)", "feasibility (x1)", "relevance (x3)"]


def test_figure_highlights_the_selected_option():
    fig = st.figure(strategy())
    ax = fig.axes[0]
    outlines = [p for p in ax.patches if not p.get_fill()]
    assert len(outlines) == 1
    assert math.isclose(outlines[0].get_width(), 21) and row(outlines[0]) == 1
    weights = {t.get_text(): t.get_fontweight() for t in ax.get_yticklabels()}
    assert weights["B: Town councils (selected)"] == "bold" and weights["A: Youth exchange"] == "normal"


def test_figure_without_a_selection_outlines_nothing():
    ax = st.figure(strategy(selected="")).axes[0]
    assert [p for p in ax.patches if not p.get_fill()] == []


def test_figure_labels_do_not_overlap_the_bars_or_each_other():
    fig = st.figure(strategy())
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    total_labels = [t for t in ax.texts if t.get_text().strip()]
    assert [t.get_text().strip() for t in total_labels] == ["25", "21", "12"]
    boxes = [t.get_window_extent(renderer) for t in total_labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
    # each total is written just right of the end of its own bar, inside the plot
    bar_end: dict[int, float] = {}
    for p in bars(fig):
        bar_end[row(p)] = max(bar_end.get(row(p), 0), p.get_window_extent(renderer).x1)
    for text, box in zip(total_labels, boxes):
        assert box.x0 >= bar_end[round(text.get_position()[1])] - 0.5
        assert box.x1 <= ax.get_window_extent(renderer).x1
    legend_box = fig.legends[0].get_window_extent(renderer)
    assert not legend_box.overlaps(ax.get_window_extent(renderer))
    assert not legend_box.overlaps(ax.xaxis.label.get_window_extent(renderer))


def test_figure_of_an_empty_strategy_says_so():
    fig = st.figure(Strategy())
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["No options or criteria to compare yet."] and not fig.axes[0].patches
