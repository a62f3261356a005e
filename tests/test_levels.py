"""Objectives placed at the levels of the logframe: the `levels.*` checks, the draft, the drawing."""

from __future__ import annotations

import pytest

from planet_lib.levels import check_levels, draft_logframe, ends_of, selected_objectives
from planet_lib.objectives import Objective, ObjectiveTree
from planet_lib.problems import Problem
from planet_lib.strategy import Criterion, Option, Strategy

# The tree, means below ends:          O5           O6
#                                       |            |
#                                      O1 (core) ----+--- O3 (option B)
#                                       |
#                                      O2 (option A)
#                                       |
#                                      O4 (cluster A, not listed in the option)
PROBLEMS = [Problem("P1", "Few residents take part in decisions", ("P5",), core=True),
            Problem("P2", "Meetings are held in office hours", ("P1",)),
            Problem("P3", "Nobody explains the council's agenda", ("P1", "P6")),
            Problem("P4", "Officers have no training in public meetings", ("P2",)),
            Problem("P5", "Local policy ignores residents' needs", ()),
            Problem("P6", "Rumours replace information", ())]


def objectives() -> list[Objective]:
    return [Objective("O1", "Residents take part in local decisions", ("O5",), "P1"),
            Objective("O2", "Meetings are held when residents can come", ("O1",), "P2", "opt-a"),
            Objective("O3", "The council explains its agenda", ("O1", "O6"), "P3", "opt-b"),
            Objective("O4", "Officers are trained to run public meetings", ("O2",), "P4", "opt-a"),
            Objective("O5", "Local policy meets residents' needs", (), "P5"),
            Objective("O6", "Residents get reliable information", (), "P6")]


def strategy(selected: str = "opt-a") -> Strategy:
    return Strategy(criteria=[Criterion("cost", 1.0)],
                    options=[Option("opt-a", "Open meetings", ["O2"], {"cost": 4}),
                             Option("opt-b", "Clear agendas", ["O3"], {"cost": 3})],
                    selected=selected)


GOOD = {"overall_objectives": ["O5"], "specific_objectives": ["O1"], "results": ["O2", "O4"]}


def check(levels, objectives_=None, strategy_=None):
    return check_levels(levels, objectives() if objectives_ is None else objectives_,
                        strategy() if strategy_ is None else strategy_, PROBLEMS)


def test_objectives_placed_as_the_tree_and_the_strategy_say_pass_every_check():
    assert check(GOOD) == []


def test_a_means_of_the_core_objective_inside_the_strategy_may_be_the_specific_objective():
    aiming_lower = {"overall_objectives": ["O1"], "specific_objectives": ["O2"], "results": ["O4"]}
    assert check(aiming_lower) == []


@pytest.mark.parametrize("objectives_, strategy_", [([], strategy()), (objectives(), strategy(selected=""))],
                         ids=["no objective tree", "no selected option"])
def test_not_ready_without_objectives_or_a_selected_strategy(objectives_, strategy_):
    (found,) = check_levels(GOOD, objectives_, strategy_, PROBLEMS)
    assert (found.severity, found.code, found.file) == ("error", "levels.not_ready", "strategy.yaml")
    assert check_levels(GOOD, objectives_, None, PROBLEMS)[0].code == "levels.not_ready"


# each code: a failing case (the passing case is GOOD above) -----------------------------------
CASES = [
    ("levels.empty", {**GOOD, "results": []}, "results"),
    ("levels.unknown", {**GOOD, "results": ["O2", "O9"]}, "O9"),
    ("levels.twice", {**GOOD, "overall_objectives": ["O5", "O2"]}, "O2"),
    ("levels.one_purpose", {**GOOD, "specific_objectives": ["O1", "O3"]}, "specific_objectives"),
    ("levels.purpose_unclear", {**GOOD, "specific_objectives": []}, "overall_objectives"),
    ("levels.purpose_off_strategy", {"overall_objectives": ["O1"], "specific_objectives": ["O3"],
                                     "results": []}, "O3"),
    ("levels.overall_not_above", {**GOOD, "overall_objectives": ["O5", "O6"]}, "O6"),
    ("levels.result_not_below", {**GOOD, "results": ["O2", "O6"]}, "O6"),
    ("levels.result_not_selected", {**GOOD, "results": ["O2", "O3"]}, "O3"),
]


@pytest.mark.parametrize("code, levels, item", CASES, ids=[c[0] for c in CASES])
def test_each_misplacement_is_an_error_naming_the_objective_or_level(code, levels, item):
    found = [f for f in check(levels) if f.code == code]
    assert found, f"{code} not reported for {levels}"
    assert found[0].item == item and found[0].severity == "error" and found[0].file == "objectives.csv"
    assert found[0].message and found[0].hint
    assert not [f for f in check(GOOD) if f.code == code]


def test_without_one_specific_objective_neither_other_level_can_be_judged():
    found = check({**GOOD, "specific_objectives": []})
    assert sorted((f.code, f.item) for f in found) == [
        ("levels.empty", "specific_objectives"), ("levels.purpose_unclear", "overall_objectives"),
        ("levels.purpose_unclear", "results")]


def test_an_objective_placed_twice_is_judged_only_where_it_was_placed_first():
    found = check({**GOOD, "overall_objectives": ["O5", "O2"]})
    assert [(f.code, f.item) for f in found] == [("levels.twice", "O2"), ("levels.overall_not_above", "O2")]


def test_the_strategy_owns_the_objectives_it_lists_and_those_of_its_cluster():
    assert selected_objectives(strategy(), objectives()) == {"O2", "O4"}
    assert selected_objectives(strategy("opt-b"), objectives()) == {"O3"}
    assert selected_objectives(strategy(""), objectives()) == set()
    assert selected_objectives(None, objectives()) == set()


def test_the_ends_of_an_objective_follow_its_arrows_upwards():
    assert ends_of(objectives(), "O4") == {"O2", "O1", "O5"}
    assert ends_of(objectives(), "O5") == set()


def test_the_draft_logframe_puts_each_statement_at_its_level_numbered():
    frame = draft_logframe(GOOD, objectives())
    assert frame.template == "ec-2004"
    assert [(s.id, s.text) for s in frame.overall_objectives] == [("OO1", "Local policy meets residents' needs")]
    assert [(s.id, s.text) for s in frame.specific_objectives] == [("SO1", "Residents take part in local decisions")]
    assert [s.id for s in frame.results] == ["R1", "R2"]
    assert frame.results[1].text == "Officers are trained to run public meetings"


# the objective tree with the selected strategy in amber ---------------------------------------
def amber_cards(fig) -> list[str]:
    ax = fig.axes[0]
    cards = {p.get_gid()[5:]: p for p in ax.patches if (p.get_gid() or "").startswith("card:")}
    plain = tuple(cards["O6"].get_facecolor())  # O6 is in no strategy and is not the core
    return sorted(i for i, p in cards.items() if tuple(p.get_facecolor()) != plain)


def caption(fig) -> str:
    return next(t.get_text() for t in fig.axes[0].texts if t.get_gid() == "caption")


def test_the_tree_highlights_the_selected_strategy_when_asked():
    tree = ObjectiveTree(objectives(), PROBLEMS)
    fig = tree.draw(highlight=selected_objectives(strategy(), objectives()))
    assert amber_cards(fig) == ["O2", "O4"]
    assert "Amber: the objectives of the selected strategy" in " ".join(caption(fig).split())
    assert amber_cards(tree.draw()) == ["O1"]  # by default: the core objective
    assert "core problem" in caption(tree.draw())
    assert amber_cards(tree.draw(highlight=["O3"], highlight_label="option B")) == ["O3"]
