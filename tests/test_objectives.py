"""The objective tree: the mirror draft, the checks against the problem tree, the drawing."""

from __future__ import annotations

from planet_lib import objectives as ob
from planet_lib.findings import codes
from planet_lib.objectives import (MIRROR_SHARE_WARNING, REWORD_MARK, Objective, ObjectiveTree, check_objectives,
                                   mirror)
from planet_lib.problems import Problem
from planet_lib.workbook.group import Group


def problems() -> list[Problem]:
    """Core P1; causes P2, P3 (P4 below P3); effects P5, P6."""
    return [
        Problem("P1", "Young people take little part in town life", ("P5",), core=True),
        Problem("P2", "Town councils consult young people only at election time", ("P1",)),
        Problem("P3", "Youth clubs close early in the evening", ("P1", "P6")),
        Problem("P4", "Bus connections from the villages end at six", ("P3",)),
        Problem("P5", "Young adults move away to the capital", ()),
        Problem("P6", "Teenagers spend evenings in the street", ()),
    ]


def objectives() -> list[Objective]:
    """A reworded tree that passes every check: P4 dropped as out of reach, O7 added as intermediate."""
    return [
        Objective("O1", "Young people take an active part in the life of their town", ("O5",), "P1", "A"),
        Objective("O2", "The town council involves young people in decisions all year round", ("O1",), "P2", "A"),
        Objective("O3", "Youth clubs offer evening programmes run with young volunteers", ("O1", "O6"), "P3", "B"),
        Objective("O5", "Young adults see a future for themselves in the region", (), "P5", "A"),
        Objective("O6", "Teenagers have safe places to spend their evenings", (), "P6", "B"),
        Objective("O7", "Young volunteers are trained to lead club activities", ("O3",), "", "B", intermediate=True),
    ]


def by_code(found, code):
    return [f for f in found if f.code == code]


def test_a_good_objective_tree_only_gets_the_mirror_note():
    found = check_objectives(objectives(), problems())
    assert [(f.severity, f.code) for f in found] == [("info", "objectives.mirrored")]
    assert "0 of 6" in found[0].message and found[0].file == "objectives.csv"


def test_without_problems_only_the_objective_checks_run():
    assert check_objectives(objectives()) == []


def test_an_empty_file_is_reported_once():
    assert [(f.severity, f.code) for f in check_objectives([], problems())] == [("warning", "objectives.empty")]


# the mirror draft ---------------------------------------------------------------------------

def test_mirror_turns_each_problem_into_a_draft_to_reword():
    drafts = mirror(problems())
    assert [o.id for o in drafts] == ["O1", "O2", "O3", "O4", "O5", "O6"]
    assert [o.from_problem for o in drafts] == ["P1", "P2", "P3", "P4", "P5", "P6"]
    assert drafts[2].leads_to == ("O1", "O6")
    assert drafts[0].statement == f"{REWORD_MARK} Young people take little part in town life"
    assert not any(o.intermediate for o in drafts)


def test_mirror_makes_valid_unique_ids_and_skips_missing_links():
    drafts = mirror([Problem("core", "A", ("x", "missing")), Problem("x", "B"), Problem("Px", "C"), Problem("x", "D")])
    assert [o.id for o in drafts] == ["O-core", "O-x", "Ox"]
    assert drafts[0].leads_to == ("O-x",)


def test_a_fresh_mirror_fails_until_reworded():
    found = check_objectives(mirror(problems()), problems())
    assert len(by_code(found, "objectives.to_reword")) == 6
    assert all(f.severity == "error" for f in by_code(found, "objectives.to_reword"))
    assert by_code(found, "objectives.mirrored")[0].severity == "warning"


# wording -----------------------------------------------------------------------------------

def test_an_objective_still_marked_to_reword_is_an_error():
    tree = objectives()
    tree[1].statement = "to reword: Town councils consult young people only at election time"
    (found,) = by_code(check_objectives(tree, problems()), "objectives.to_reword")
    assert (found.severity, found.item) == ("error", "O2")
    assert "objectives.negative_wording" not in codes(check_objectives(tree, problems()))


def test_negative_problem_wording_left_in_an_objective_is_a_warning():
    tree = objectives()
    tree[2].statement = "Youth clubs have poor evening programmes and low attendance"
    (found,) = by_code(check_objectives(tree), "objectives.negative_wording")
    assert (found.severity, found.item) == ("warning", "O3")
    assert "poor" in found.message and "low" in found.message


def test_a_reduced_bad_thing_is_positive_wording():
    tree = objectives()
    tree[2].statement = "Youth unemployment in the twinned towns is reduced"
    assert "objectives.negative_wording" not in codes(check_objectives(tree))


# where objectives come from -------------------------------------------------------------------

def test_an_objective_without_problem_or_intermediate_mark_is_a_warning():
    tree = objectives()
    tree[-1].intermediate = False
    (found,) = by_code(check_objectives(tree), "objectives.no_problem")
    assert (found.severity, found.item) == ("warning", "O7")


def test_an_objective_rewording_a_missing_problem_is_an_error():
    tree = objectives()
    tree[1].from_problem = "P22"
    (found,) = by_code(check_objectives(tree, problems()), "objectives.unknown_problem")
    assert (found.severity, found.item) == ("error", "O2") and "P22" in found.message
    assert "objectives.unknown_problem" not in codes(check_objectives(tree))  # nothing to compare with


def test_no_objective_for_the_core_problem_is_a_warning():
    tree = [o for o in objectives() if o.id != "O1"]
    for o in tree:
        o.leads_to = tuple(t for t in o.leads_to if t != "O1")
    tree[0].leads_to = ("O5",)
    (found,) = by_code(check_objectives(tree, problems()), "objectives.no_core_objective")
    assert found.severity == "warning" and "P1" in found.message


# links -----------------------------------------------------------------------------------

def test_a_link_that_does_not_follow_the_problem_tree_is_a_warning():
    tree = objectives()
    tree[3].leads_to = ("O6",)  # O5 -> O6, but P5 does not lead to P6
    (found,) = by_code(check_objectives(tree, problems()), "objectives.link_not_in_problems")
    assert (found.severity, found.item) == ("warning", "O5")
    assert "P5" in found.message and "P6" in found.message


def test_a_link_skipping_a_dropped_problem_follows_the_problem_tree():
    drafts = mirror(problems())
    for o in drafts:
        o.statement = o.statement.replace(REWORD_MARK, "Now:")
    drafts = [o for o in drafts if o.id != "O3"]
    drafts[2].leads_to = ("O1",)  # O4 -> O1 while P4 -> P3 -> P1
    assert "objectives.link_not_in_problems" not in codes(check_objectives(drafts, problems()))


def test_links_from_or_to_intermediate_objectives_are_not_judged():
    tree = objectives()
    tree[-1].leads_to = ("O3", "O5")
    assert "objectives.link_not_in_problems" not in codes(check_objectives(tree, problems()))


def test_a_cycle_is_an_error_listing_the_objectives():
    tree = objectives()
    tree[3].leads_to = ("O2",)  # O2 -> O1 -> O5 -> O2
    (found,) = by_code(check_objectives(tree), "objectives.cycle")
    assert found.severity == "error"
    loops = ("O2 -> O1 -> O5 -> O2", "O1 -> O5 -> O2 -> O1", "O5 -> O2 -> O1 -> O5")
    assert any(loop in found.message for loop in loops)


def test_an_objective_leading_to_itself_is_a_cycle():
    tree = objectives()
    tree[0].leads_to = ("O1", "O5")
    (found,) = by_code(check_objectives(tree), "objectives.cycle")
    assert found.item == "O1" and "leads to itself" in found.message
    assert "objectives.cycle" not in codes(check_objectives(objectives()))


def test_a_link_to_a_missing_objective_is_an_error():
    tree = objectives()
    tree[1].leads_to = ("O1", "O9")
    (found,) = by_code(check_objectives(tree), "objectives.unknown_link")
    assert (found.severity, found.item) == ("error", "O2") and "O9" in found.message


def test_a_repeated_id_is_an_error():
    tree = objectives() + [Objective("O2", "Young people chair a youth forum", ("O1",), "P2")]
    (found,) = by_code(check_objectives(tree), "objectives.duplicate_id")
    assert (found.severity, found.item) == ("error", "O2")


def test_an_objective_linked_to_nothing_is_a_warning():
    tree = objectives() + [Objective("O8", "Street lights stay on at night", (), "", intermediate=True)]
    (found,) = by_code(check_objectives(tree), "objectives.orphan")
    assert (found.severity, found.item) == ("warning", "O8")


# mirrored objectives ----------------------------------------------------------------------

def test_the_share_of_copied_objectives_is_a_note_below_the_threshold():
    tree = objectives()
    tree[3].statement = "Young adults do not move away to the capital"  # the problem's words, one added
    (found,) = by_code(check_objectives(tree, problems()), "objectives.mirrored")
    assert found.severity == "info"
    assert "1 of 6" in found.message and "O5" in found.message


def test_the_share_of_copied_objectives_is_a_warning_above_the_threshold():
    tree = objectives()
    statements = {p.id: p.statement for p in problems()}
    for o in tree[:4]:
        o.statement = statements[o.from_problem].replace("Young", "Many young")
    (found,) = by_code(check_objectives(tree, problems()), "objectives.mirrored")
    assert 4 / 6 > MIRROR_SHARE_WARNING
    assert found.severity == "warning" and "4 of 6" in found.message


def test_a_blanket_copy_of_the_problem_tree_is_a_warning_even_when_reworded():
    drafts = mirror(problems())
    for o, text in zip(drafts, ["Young people shape town life", "Councils work with youth all year",
                                "Clubs open in the evening", "Buses run late", "Young adults settle here",
                                "Teenagers have safe evening venues"]):
        o.statement = text
    (found,) = by_code(check_objectives(drafts, problems()), "objectives.mirrored")
    assert found.severity == "warning" and "one-for-one copy" in found.message
    drafts[3].intermediate, drafts[3].from_problem = True, ""  # one objective rethought: no longer a blanket copy
    (found,) = by_code(check_objectives(drafts, problems()), "objectives.mirrored")
    assert found.severity == "info"


# the tree and the pipeline ---------------------------------------------------------------------

def test_the_core_objective_rewords_the_core_problem():
    assert ObjectiveTree(objectives(), problems()).core.id == "O1"
    assert ObjectiveTree(objectives()).core is None


def test_draw_highlights_the_core_objective_and_dashes_intermediate_ones():
    fig = ObjectiveTree(objectives(), problems()).draw()
    ax = fig.axes[0]
    cards = {a.get_gid()[5:]: a for a in ax.patches if (a.get_gid() or "").startswith("card:")}
    links = {a.get_gid()[5:] for a in ax.patches if (a.get_gid() or "").startswith("link:")}
    assert set(cards) == {o.id for o in objectives()}
    assert links == {f"{o.id}->{t}" for o in objectives() for t in o.leads_to}
    core = tuple(cards["O1"].get_facecolor())
    assert [i for i, a in cards.items() if tuple(a.get_facecolor()) == core] == ["O1"]
    assert [i for i, a in cards.items() if a.get_linestyle() != cards["O1"].get_linestyle()] == ["O7"]
    y = {i: a.get_bbox().y0 for i, a in cards.items()}
    assert y["O7"] < y["O3"] < y["O1"] < y["O5"]  # means below, ends above


def test_findings_of_a_group_use_its_problems(tmp_path):
    tree = objectives()
    tree[1].from_problem = "P22"
    assert ob.findings(Group(tmp_path)) == []
    assert "objectives.unknown_problem" not in codes(ob.findings(Group(tmp_path, objectives=tree)))
    found = ob.findings(Group(tmp_path, objectives=tree, problems=problems()))
    assert "objectives.unknown_problem" in codes(found)
