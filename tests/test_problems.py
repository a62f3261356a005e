"""The problem tree: its shape checks, its wording checks and its drawing."""

from __future__ import annotations

import pytest

from planet_lib import problems as pr
from planet_lib.findings import codes
from planet_lib.problems import Problem, ProblemTree, check_problems, check_statement
from planet_lib.workbook.group import Group


def good_tree() -> list[Problem]:
    """A small tree that passes every check: core P1, causes P2-P4, effects P5-P6."""
    return [
        Problem("P1", "Young people take little part in town life", ("P5",), core=True),
        Problem("P2", "Town councils consult young people only at election time", ("P1",)),
        Problem("P3", "Youth clubs close early in the evening", ("P1", "P6")),
        Problem("P4", "Bus connections from the villages end at six", ("P3",)),
        Problem("P5", "Young adults move away to the capital", ()),
        Problem("P6", "Teenagers spend evenings in the street", ()),
    ]


def by_code(found, code):
    return [f for f in found if f.code == code]


def test_a_good_tree_has_no_findings():
    assert check_problems(good_tree()) == []


def test_findings_name_the_file_and_the_card():
    tree = good_tree()
    tree[2].statement = "Lack of youth clubs"
    (found,) = check_problems(tree)
    assert (found.severity, found.code, found.file, found.item) == ("warning", "problems.lack_of", "problems.csv", "P3")
    assert "Lack of youth clubs" in found.message and found.hint


def test_an_empty_file_is_reported_once():
    assert [(f.severity, f.code) for f in check_problems([])] == [("warning", "problems.empty")]


# the core problem ------------------------------------------------------------------------

def test_no_core_problem_is_an_error():
    tree = good_tree()
    tree[0].core = False
    (found,) = by_code(check_problems(tree), "problems.no_core")
    assert found.severity == "error"


def test_several_core_problems_is_an_error_listing_them():
    tree = good_tree()
    tree[3].core = True
    (found,) = by_code(check_problems(tree), "problems.several_cores")
    assert found.severity == "error" and "P1" in found.message and "P4" in found.message
    assert "problems.no_causes" not in codes(check_problems(tree))


def test_a_core_problem_without_causes_is_a_warning():
    tree = [p for p in good_tree() if p.id not in ("P2", "P3", "P4")]
    (found,) = by_code(check_problems(tree), "problems.no_causes")
    assert (found.severity, found.item) == ("warning", "P1")
    assert "problems.no_effects" not in codes(check_problems(tree))


def test_a_core_problem_without_effects_is_a_warning():
    tree = good_tree()
    tree[0].leads_to = ()
    tree = [p for p in tree if p.id != "P5"]
    (found,) = by_code(check_problems(tree), "problems.no_effects")
    assert (found.severity, found.item) == ("warning", "P1")
    assert "problems.no_causes" not in codes(check_problems(tree))


# links -----------------------------------------------------------------------------------

def test_a_cycle_is_an_error_listing_the_cards_in_order():
    tree = good_tree()
    tree[4].leads_to = ("P3",)  # P3 -> P1 -> P5 -> P3
    (found,) = by_code(check_problems(tree), "problems.cycle")
    assert found.severity == "error"
    assert "P3 -> P1 -> P5 -> P3" in found.message or "P1 -> P5 -> P3 -> P1" in found.message


def test_a_card_leading_to_itself_is_a_cycle():
    tree = good_tree()
    tree[3].leads_to = ("P3", "P4")
    (found,) = by_code(check_problems(tree), "problems.cycle")
    assert found.item == "P4" and "leads to itself" in found.message


def test_a_link_to_a_missing_card_is_an_error():
    tree = good_tree()
    tree[3].leads_to = ("P3", "P9")
    (found,) = by_code(check_problems(tree), "problems.unknown_link")
    assert (found.severity, found.item) == ("error", "P4") and "P9" in found.message


def test_a_repeated_id_is_an_error():
    tree = good_tree() + [Problem("P2", "Sports halls are booked by adults", ("P1",))]
    (found,) = by_code(check_problems(tree), "problems.duplicate_id")
    assert (found.severity, found.item) == ("error", "P2")


def test_a_card_linked_to_nothing_is_a_warning():
    tree = good_tree() + [Problem("P7", "Street lights are off after midnight")]
    (found,) = by_code(check_problems(tree), "problems.orphan")
    assert (found.severity, found.item) == ("warning", "P7")


def test_a_card_whose_only_link_is_mistyped_is_not_also_an_orphan():
    tree = good_tree() + [Problem("P7", "Street lights are off after midnight", ("P99",))]
    assert codes(check_problems(tree)) == {"problems.unknown_link"}


def test_a_branch_not_connected_to_the_core_is_a_warning():
    tree = good_tree() + [Problem("P7", "Street lights are off after midnight", ("P8",)),
                          Problem("P8", "Older people stay at home in the evening")]
    (found,) = by_code(check_problems(tree), "problems.detached")
    assert found.severity == "warning" and "P7" in found.message and "P8" in found.message
    assert "problems.orphan" not in codes(check_problems(tree))


# wording -----------------------------------------------------------------------------------

@pytest.mark.parametrize("statement", [
    "Lack of youth clubs",
    "Young people lack meeting places",
    "Absence of a youth council",
    "Not enough buses at weekends",
    "Insufficient number of cycle lanes",
    "There is no youth information centre",
    "No youth council in the town",
    "Missing cycle lanes",
])
def test_the_absence_of_a_solution_is_flagged(statement):
    assert check_statement(statement) == ["problems.lack_of"]


@pytest.mark.parametrize("statement", [
    "Young people's views are not heard in town decisions",
    "No one attends the public consultations",
    "Young people no longer vote in local elections",
    "Cyclists are injured on the ring road",
])
def test_an_existing_negative_situation_is_not_flagged(statement):
    assert check_statement(statement) == []


@pytest.mark.parametrize("statement", [
    "Improved bus service to the villages",
    "More young people in the town council",
    "Better cooperation between the twinned towns",
    "Cooperation between the twinned towns is strengthened",
])
def test_a_positive_statement_is_flagged(statement):
    assert check_statement(statement) == ["problems.positive_wording"]


@pytest.mark.parametrize("statement", [
    "More young people leave the town",
    "Increased traffic noise in the old town",
    "Better paid jobs are not available to young people",
])
def test_a_bad_situation_starting_with_a_positive_word_is_not_flagged(statement):
    assert "problems.positive_wording" not in check_statement(statement)


@pytest.mark.parametrize("statement", [
    "Young people leave the town; older people feel lonely",
    "Traffic congestion in the centre and air pollution in the old town",
    "Youth clubs close early as well as sports halls",
])
def test_two_problems_on_one_card_are_flagged(statement):
    assert check_statement(statement) == ["problems.two_problems"]


@pytest.mark.parametrize("statement", [
    "Poor roads and bridges in the villages",
    "Distrust between the town council and local youth organisations",
    "Weak cooperation of schools and youth organisations in the twinned towns",
    "Municipal information on waste and energy is written in technical jargon",
])
def test_one_problem_with_and_inside_is_not_flagged(statement):
    assert check_statement(statement) == []


def test_statements_in_other_languages_are_not_judged():
    assert check_statement("Mancanza di piste ciclabili") == []
    assert check_statement("Brak ścieżek rowerowych") == []


def test_wording_findings_are_warnings_with_a_hint():
    tree = good_tree()
    tree[1].statement = "Improved consultation of young people"
    tree[4].statement = "Young adults move away; house prices rise"
    found = check_problems(tree)
    assert {(f.code, f.item, f.severity) for f in found} == {
        ("problems.positive_wording", "P2", "warning"), ("problems.two_problems", "P5", "warning")}
    assert all(f.hint for f in found)


# the tree and the pipeline ------------------------------------------------------------------

def test_problem_tree_answers_core_causes_and_effects():
    tree = ProblemTree(good_tree())
    assert tree.core.id == "P1"
    assert [p.id for p in tree.causes()] == ["P2", "P3"]
    assert [p.id for p in tree.causes(direct=False)] == ["P2", "P3", "P4"]
    assert [p.id for p in tree.effects()] == ["P5"]
    assert [p.id for p in tree.effects(of="P3")] == ["P1", "P6"]
    assert [p.id for p in tree.effects(of="P4", direct=False)] == ["P1", "P3", "P5", "P6"]


def test_problem_tree_has_no_core_unless_exactly_one_is_marked():
    tree = good_tree()
    tree[2].core = True
    assert ProblemTree(tree).core is None and ProblemTree(tree).causes() == []


def test_draw_shows_every_card_and_link_with_the_core_highlighted():
    fig = ProblemTree(good_tree()).draw()
    ax = fig.axes[0]
    cards = {a.get_gid()[5:]: a for a in ax.patches if (a.get_gid() or "").startswith("card:")}
    links = {a.get_gid()[5:] for a in ax.patches if (a.get_gid() or "").startswith("link:")}
    assert set(cards) == {f"P{i}" for i in range(1, 7)}
    assert links == {"P1->P5", "P2->P1", "P3->P1", "P3->P6", "P4->P3"}
    core_colour = tuple(cards["P1"].get_facecolor())
    assert all(tuple(a.get_facecolor()) != core_colour for i, a in cards.items() if i != "P1")
    # causes below the core, effects above it (y grows upwards)
    y = {i: a.get_bbox().y0 for i, a in cards.items()}
    assert y["P4"] < y["P3"] < y["P1"] < y["P5"]


def test_findings_of_a_group_read_its_problems(tmp_path):
    assert pr.findings(Group(tmp_path)) == []
    tree = good_tree()
    tree[0].core = False
    assert codes(pr.findings(Group(tmp_path, problems=tree))) == {"problems.no_core"}


def test_findings_of_a_group_loaded_from_files(tmp_path):
    (tmp_path / "group.yaml").write_text(
        "id: g1\nname: Young towns\npartners:\n  - {municipality: Kerava, country: FI, role: lead}\n",
        encoding="utf-8")
    (tmp_path / "problems.csv").write_text(
        "id,statement,leads_to,core\n"
        "P1,Young people take little part in town life,P5,yes\n"
        "P2,Lack of youth clubs,P1;P9,\n"
        "P5,Young adults move away to the capital,,\n", encoding="utf-8")
    found = pr.findings(Group.load(tmp_path))
    assert {(f.code, f.item) for f in found} == {("problems.unknown_link", "P2"), ("problems.lack_of", "P2")}
