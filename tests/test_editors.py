"""The live editors without a browser: drive the widgets as a person would, then read the files.

Widget values are set (`box.value = ...`, as the browser does when a person leaves a box) and
buttons clicked (`button.click()`); the assertions are about the workbook files on disk.
"""

from __future__ import annotations

import html
import signal
import textwrap
from pathlib import Path

import pytest

from planet_lib.editors import LogframeEditor, ObjectiveEditor, ProblemEditor, StakeholderEditor
from planet_lib.editors.base import NEW
from planet_lib.workbook.group import Group

GROUP_YAML = """\
id: gtest
name: Test towns
programme: efc-2007-2013-m1-2
start: 2013-09
duration_months: 18
partners:
  - {municipality: Ystad, country: SE, role: lead}
  - {municipality: Turda, country: RO, role: partner}
"""
STAKEHOLDERS = """\
id,name,category,characteristics,interests,capacity,motivation,importance,influence,actions
S1,Town hall,public authority,Seven officers,Wants calm meetings,Budget,High,5,5,Work closely
S2,Youth club,civil society,"Volunteers, 40 members",Be heard,Social media,High,4,1,Evening meetings
"""
PROBLEMS = """\
id,statement,leads_to,core
P1,Young people leave the towns,,
P2,Few young people take part in town decisions,P1,yes
P3,Council meetings take place during school hours,P2,
"""
OBJECTIVES = """\
id,statement,leads_to,from_problem,cluster,intermediate
O2,More young people take part in town decisions,,P2,,
O3,Council meetings take place after school hours,O2,P3,,
"""
LOGFRAME = """\
# a comment the editor must keep
template: ec-2004
overall_objectives:
  - id: OO1
    text: Young people stay in the towns
specific_objectives:
  - id: SO1
    text: Young people take part in town decisions
results:
  - id: R1
    text: Youth councils meet every month in each town
    indicators:
      - text: Youth council meetings held
        unit: meetings
        baseline: "0 (2013)"
        target: "24"
        by: 2014-12
        source: Minutes published on each town's website
    assumptions:
      - Schools keep afternoons free for civic activities
preconditions:
  - The grant is awarded
"""


def make_group(folder: Path, **files: str) -> Path:
    """A tiny group folder: group.yaml plus the files given (name without extension -> text)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "group.yaml").write_text(GROUP_YAML, encoding="utf-8")
    names = {"stakeholders": "stakeholders.csv", "problems": "problems.csv", "objectives": "objectives.csv",
             "logframe": "logframe.yaml"}
    for name, text in files.items():
        (folder / names[name]).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def folder(tmp_path):
    return make_group(tmp_path / "gtest", stakeholders=STAKEHOLDERS, problems=PROBLEMS, objectives=OBJECTIVES,
                      logframe=LOGFRAME)


def gids(fig) -> set[str]:
    return {a.get_gid() for a in fig.findobj() if a.get_gid()}


def png_of(editor) -> str:
    return editor.picture.outputs[0]["data"]["image/png"]


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


# Stakeholders ------------------------------------------------------------------------------------
def test_adding_a_stakeholder_through_the_form_writes_the_row_and_redraws_the_grid(folder):
    editor = StakeholderEditor(folder)
    before = png_of(editor)
    assert editor.choice.value == NEW and editor.fields["id"].value == "S3"  # the next free id, typed for you
    editor.fields["name"].value = "Local newspaper"
    editor.fields["interests"].value = "Stories with local faces"
    editor.fields["importance"].value = "2"
    editor.fields["influence"].value = "4"
    assert lines(folder / "stakeholders.csv")[-1].startswith("S2,")  # nothing written before Add
    editor.add_button.click()
    assert lines(folder / "stakeholders.csv")[-1] == "S3,Local newspaper,,,Stories with local faces,,,2,4,"
    assert "stakeholder:S3" in gids(editor.figure)
    assert png_of(editor) != before
    assert editor.choice.value == "S3"  # the new stakeholder stays in the form, to be completed


def test_changing_a_box_saves_at_once_and_keeps_the_other_rows_as_typed(folder):
    editor = StakeholderEditor(folder)
    editor.choice.value = "S2"
    assert editor.fields["name"].value == "Youth club" and editor.fields["id"].disabled
    editor.fields["influence"].value = "3"
    editor.fields["actions"].value = "Two seats per town at each seminar"
    assert lines(folder / "stakeholders.csv")[1:] == [
        "S1,Town hall,public authority,Seven officers,Wants calm meetings,Budget,High,5,5,Work closely",
        'S2,Youth club,civil society,"Volunteers, 40 members",Be heard,Social media,High,4,3,'
        "Two seats per town at each seminar"]
    assert editor.message == "Saved in stakeholders.csv: S2: possible actions = 'Two seats per town at each seminar'."


def test_removing_a_stakeholder_takes_a_second_click(folder):
    editor = StakeholderEditor(folder)
    editor.choice.value = "S1"
    editor.remove_button.click()
    assert "S1,Town hall" in (folder / "stakeholders.csv").read_text(encoding="utf-8")
    assert "again" in editor.remove_button.description
    editor.remove_button.click()
    assert [line.split(",")[0] for line in lines(folder / "stakeholders.csv")] == ["id", "S2"]
    assert editor.choice.value == NEW and "stakeholder:S1" not in gids(editor.figure)


@pytest.mark.parametrize("typed, field", [
    ({"id": "S 3", "name": "Library"}, "'Id'"),
    ({"id": "S3", "name": ""}, "'Name' must be filled in"),
    ({"id": "S3", "name": "Library", "importance": "7"}, "'Importance': found '7'; expected a whole number from 1 to 5"),
    ({"id": "S3", "name": "Library", "influence": "0"}, "'Influence'"),
    ({"id": "S1", "name": "Library"}, "S1 is already used"),
])
def test_unusable_stakeholders_are_refused_with_a_message_and_never_written(folder, typed, field):
    editor = StakeholderEditor(folder)
    before = (folder / "stakeholders.csv").read_bytes()
    assert editor.add(**typed) is False
    assert field in editor.message and editor.message.startswith("Not saved")
    assert "planet-msg-refused" in editor.status.value
    assert (folder / "stakeholders.csv").read_bytes() == before


def test_a_column_the_file_does_not_have_is_refused(folder):
    editor = StakeholderEditor(folder)
    before = (folder / "stakeholders.csv").read_bytes()
    assert editor.edit("S1", importanse="4") is False
    assert "has no column importanse" in editor.message
    assert (folder / "stakeholders.csv").read_bytes() == before


def test_a_score_outside_1_to_5_cannot_even_be_chosen(folder):
    from traitlets import TraitError

    editor = StakeholderEditor(folder)
    with pytest.raises(TraitError):
        editor.fields["importance"].value = "7"


def test_a_refused_add_keeps_what_was_typed_in_the_form(folder):
    editor = StakeholderEditor(folder)
    editor.fields["id"].value = "S 9"
    editor.fields["name"].value = "Library"
    editor.fields["interests"].value = "Reading rooms"
    editor.add_button.click()
    assert editor.message.startswith("Not saved")
    assert (editor.fields["name"].value, editor.fields["interests"].value) == ("Library", "Reading rooms")
    editor.fields["id"].value = "S9"
    editor.add_button.click()
    assert lines(folder / "stakeholders.csv")[-1] == "S9,Library,,,Reading rooms,,,,,"


def test_an_edit_made_outside_is_read_again_and_never_overwritten(folder):
    editor = StakeholderEditor(folder)
    editor.choice.value = "S1"
    outside = (folder / "stakeholders.csv").read_text(encoding="utf-8") + "S7,Schools,education,,,,,3,3,\n"
    (folder / "stakeholders.csv").write_text(outside, encoding="utf-8")
    editor.fields["name"].value = "Town hall of Ystad"
    assert (folder / "stakeholders.csv").read_text(encoding="utf-8") == outside  # nothing overwritten
    assert "changed outside this editor" in editor.message and "NOT saved" in editor.message
    assert "Town hall of Ystad" in editor.message  # what the person typed, to type it again
    assert "S7" in [value for _label, value in editor.choice.options]
    assert editor.fields["name"].value == "Town hall"  # the form shows the file again
    editor.fields["name"].value = "Town hall of Ystad"  # the same change, made again, is saved
    text = (folder / "stakeholders.csv").read_text(encoding="utf-8")
    assert "S1,Town hall of Ystad," in text and "S7,Schools" in text


def test_the_reload_button_picks_up_an_edit_made_outside(folder):
    editor = StakeholderEditor(folder)
    with open(folder / "stakeholders.csv", "a", encoding="utf-8") as f:
        f.write("S8,Local radio,media,,,,,2,4,\n")
    editor.reload_button.click()
    assert "S8" in [value for _label, value in editor.choice.options]
    assert "stakeholder:S8" in gids(editor.figure)


def test_choosing_another_stakeholder_also_picks_up_outside_edits(folder):
    editor = StakeholderEditor(folder)
    with open(folder / "stakeholders.csv", "a", encoding="utf-8") as f:
        f.write("S8,Local radio,media,,,,,2,4,\n")
    editor.choice.value = "S2"
    assert "S8" in [value for _label, value in editor.choice.options]
    assert "changed outside" in editor.message


def test_an_unreadable_workbook_is_shown_and_not_edited(tmp_path):
    folder = make_group(tmp_path / "g", stakeholders=STAKEHOLDERS.replace(",5,5,", ",9,5,"))
    before = (folder / "stakeholders.csv").read_bytes()
    editor = StakeholderEditor(folder)
    assert "stakeholders.csv, line 2" in editor.message and "1 to 5" in editor.message
    assert editor.add_button.disabled
    assert editor.add(id="S3", name="Library") is False
    assert (folder / "stakeholders.csv").read_bytes() == before


def test_a_file_broken_outside_is_reported_and_left_alone(folder):
    editor = StakeholderEditor(folder)
    broken = STAKEHOLDERS.replace(",4,1,", ",high,1,")
    (folder / "stakeholders.csv").write_text(broken, encoding="utf-8")
    editor.choice.value = "S1"
    assert "stakeholders.csv, line 3" in editor.message and "planet-msg-refused" in editor.status.value
    assert editor.picture.outputs == ()  # no grid that the file no longer says
    assert editor.add(id="S3", name="Library") is False
    assert (folder / "stakeholders.csv").read_text(encoding="utf-8") == broken
    (folder / "stakeholders.csv").write_text(STAKEHOLDERS, encoding="utf-8")  # fixed in the spreadsheet
    editor.reload_button.click()
    assert editor.add(id="S3", name="Library")


def test_a_missing_file_is_created_by_the_first_add(tmp_path):
    folder = make_group(tmp_path / "g")
    editor = StakeholderEditor(folder)
    assert editor.fields["id"].value == "S1"
    assert editor.add(id="S1", name="Town hall", importance="5", influence="5")
    assert Group.load(folder).stakeholders[0].name == "Town hall"


def test_large_text_makes_bigger_type_and_a_bigger_grid(folder):
    normal, large = StakeholderEditor(folder), StakeholderEditor(folder, large_text=True)
    assert "planet-large" in large.widget._dom_classes and "planet-large" not in normal.widget._dom_classes
    style = large.widget.children[0].value
    assert ".planet-large" in style and "--jp-widgets-font-size: 20px" in style
    assert large.figure.get_size_inches()[0] > normal.figure.get_size_inches()[0]
    font = max(t.get_fontsize() for t in large.figure.findobj(lambda a: (a.get_gid() or "").startswith("stakeholder:")))
    assert font > max(t.get_fontsize() for t in normal.figure.findobj(
        lambda a: (a.get_gid() or "").startswith("stakeholder:")))


def test_the_findings_next_to_a_stakeholder_are_the_library_checks(folder):
    editor = StakeholderEditor(folder)
    editor.add(id="S3", name="Residents")  # no scores, no analysis: the checks say so
    assert editor.choice.value == "S3"
    shown = editor.card_findings.value
    assert "About S3" in shown and "is not on the importance/influence grid" in shown
    editor.choice.value = "S1"
    assert "is not on the importance/influence grid" not in editor.card_findings.value


# Problem and objective cards ----------------------------------------------------------------------
def test_adding_a_problem_card_with_a_link_writes_it_and_redraws_the_tree(folder):
    editor = ProblemEditor(folder)
    before = png_of(editor)
    editor.fields["statement"].value = "Young people do not read the town's notices"
    editor.fields["leads_to"].value = "P2"
    editor.add_button.click()
    assert lines(folder / "problems.csv")[-1] == "P4,Young people do not read the town's notices,P2,"
    assert {"card:P4", "link:P4->P2"} <= gids(editor.figure)
    assert png_of(editor) != before


def test_a_link_to_a_card_that_does_not_exist_is_refused(folder):
    editor = ProblemEditor(folder)
    before = (folder / "problems.csv").read_bytes()
    editor.fields["statement"].value = "Young people do not read the town's notices"
    editor.fields["leads_to"].value = "P2;P9"
    editor.add_button.click()
    assert "there is no problem card P9" in editor.message and "P1, P2, P3" in editor.message
    editor.choice.value = "P3"
    editor.fields["leads_to"].value = "P99"
    assert "there is no problem card P99" in editor.message
    editor.fields["leads_to"].value = "P2, P1 x"  # not a list of ids at all
    assert "'Leads to (effects)': found 'P2, P1 x'" in editor.message
    assert (folder / "problems.csv").read_bytes() == before


def test_marking_the_core_problem_unmarks_the_previous_one(folder):
    editor = ProblemEditor(folder)
    editor.choice.value = "P1"
    editor.fields["core"].value = True
    cores = {p.id for p in Group.load(folder).problems if p.core}
    assert cores == {"P1"}
    assert "card:P1" in gids(editor.figure) and "[core]" in dict((v, k) for k, v in editor.choice.options)["P1"]


def test_removing_a_card_removes_the_links_to_it(folder):
    editor = ProblemEditor(folder)
    editor.choice.value = "P2"
    editor.remove_button.click()
    editor.remove_button.click()
    assert lines(folder / "problems.csv")[1:] == ["P1,Young people leave the towns,,",
                                                  "P3,Council meetings take place during school hours,,"]


def test_the_wording_check_shows_next_to_a_new_card_before_it_is_added(folder):
    editor = ProblemEditor(folder)
    before = (folder / "problems.csv").read_bytes()
    editor.fields["statement"].value = "Lack of a youth council"
    assert "absence of a solution" in editor.card_findings.value
    assert (folder / "problems.csv").read_bytes() == before
    editor.fields["statement"].value = "Young people's views are not heard in town decisions"
    assert "absence of a solution" not in editor.card_findings.value


def test_the_findings_next_to_a_card_follow_the_card(folder):
    editor = ProblemEditor(folder)
    editor.choice.value = "P3"
    editor.fields["statement"].value = "There is no youth council"
    shown = editor.card_findings.value
    assert "About P3" in shown and "absence of a solution" in shown
    assert lines(folder / "problems.csv")[-1] == "P3,There is no youth council,P2,"


def test_an_objective_must_reword_a_problem_that_exists(folder):
    editor = ObjectiveEditor(folder)
    before = (folder / "objectives.csv").read_bytes()
    editor.fields["id"].value = "O1"
    editor.fields["statement"].value = "Young people stay in the towns"
    editor.fields["from_problem"].value = "P7"
    editor.add_button.click()
    assert "there is no problem card P7" in editor.message
    assert (folder / "objectives.csv").read_bytes() == before
    editor.fields["from_problem"].value = "P1"
    editor.add_button.click()
    assert lines(folder / "objectives.csv")[-1] == "O1,Young people stay in the towns,,P1,,"
    editor.choice.value = "O2"
    editor.fields["leads_to"].value = "O1"
    assert "link:O2->O1" in gids(editor.figure)


def test_the_objective_tree_can_start_as_a_draft_of_the_problem_tree(tmp_path):
    folder = make_group(tmp_path / "g", problems=PROBLEMS)
    editor = ObjectiveEditor(folder)
    assert not editor.mirror_button.disabled
    editor.mirror_button.click()
    saved = Group.load(folder).objectives
    assert [(o.id, o.from_problem) for o in saved] == [("O1", "P1"), ("O2", "P2"), ("O3", "P3")]
    assert "3 errors" in editor.card_findings.value  # each draft objective is still to reword
    editor.choice.value = "O2"
    assert "still marked 'TO REWORD:'" in html.unescape(editor.card_findings.value)
    assert editor.mirror_button.disabled


# Logframe ---------------------------------------------------------------------------------------
def test_adding_an_indicator_through_the_form_writes_logframe_yaml(folder):
    editor = LogframeEditor(folder)
    editor.level_choice.value = "results"
    editor.statement_choice.value = "R1"
    assert editor.statement_fields["text"].value == "Youth councils meet every month in each town"
    boxes = editor.indicator_fields
    boxes["text"].value = "Young people attending the youth councils"
    boxes["unit"].value = "young people"
    boxes["baseline"].value = "0 (2013)"
    boxes["target"].value = "150"
    boxes["by"].value = "March 2015"
    boxes["source"].value = "Attendance lists of the youth councils"
    editor.add_indicator_button.click()
    assert "expected a month written YYYY-MM" in editor.message
    assert boxes["text"].value == "Young people attending the youth councils"  # the typing is kept
    boxes["by"].value = "2015-3"
    editor.add_indicator_button.click()
    r1 = Group.load(folder).logframe.results[0]
    added = r1.indicators[1]
    assert (added.text, added.unit, added.baseline, added.target, added.by, added.source) == (
        "Young people attending the youth councils", "young people", "0 (2013)", "150", "2015-03",
        "Attendance lists of the youth councils")
    text = (folder / "logframe.yaml").read_text(encoding="utf-8")
    assert text.startswith("# a comment the editor must keep")
    assert "Young people attending the youth councils" in editor.matrix.value
    assert editor.indicator_choice.value == 2


def test_a_month_not_written_yyyy_mm_is_refused(folder):
    editor = LogframeEditor(folder)
    editor.select("results", "R1")
    before = (folder / "logframe.yaml").read_bytes()
    editor.indicator_choice.value = 1
    editor.indicator_fields["by"].value = "December 2014"
    assert "'Target by': found 'December 2014'; expected a month written YYYY-MM" in editor.message
    assert editor.add_indicator("results", "R1", text="Meetings", by="2014-13") is False
    assert editor.add_indicator("results", "R1", text="", target="3") is False
    assert "'Indicator' must be filled in" in editor.message
    assert (folder / "logframe.yaml").read_bytes() == before


def test_editing_a_statement_saves_it_and_redraws_matrix_and_findings(folder):
    editor = LogframeEditor(folder)
    editor.select("results", "R1")
    editor.statement_fields["text"].value = "Organise youth council meetings"
    assert Group.load(folder).logframe.results[0].text == "Organise youth council meetings"
    assert "Organise youth council meetings" in editor.matrix.value
    assert "is worded as an action" in html.unescape(editor.card_findings.value)  # logframe.result_is_activity
    assert "Every finding of the logframe checks" in editor.all_findings.value


def test_statements_assumptions_and_indicators_can_be_added_and_removed(folder):
    editor = LogframeEditor(folder)
    editor.select("results")
    assert editor.statement_fields["id"].value == "R2"
    editor.statement_fields["text"].value = "Each town has a youth delegate on its council"
    editor.add_statement_button.click()
    assert editor.statement_choice.value == "R2"
    editor.assumption_text.value = "Councils keep their current rules of procedure"
    editor.add_assumption_button.click()
    editor.select("results", "R1")
    editor.indicator_choice.value = 1
    editor.remove_indicator_button.click()
    editor.remove_indicator_button.click()
    frame = Group.load(folder).logframe
    assert [r.id for r in frame.results] == ["R1", "R2"]
    assert frame.results[1].assumptions[0].text == "Councils keep their current rules of procedure"
    assert frame.results[0].indicators == []
    assert editor.add_statement("results", "SO1", "Something") is False and "already used" in editor.message


def test_a_logframe_is_started_when_there_is_none(tmp_path):
    folder = make_group(tmp_path / "g")
    editor = LogframeEditor(folder)
    editor.select("specific_objectives")
    assert editor.statement_fields["id"].value == "SO1"
    editor.statement_fields["text"].value = "Young people take part in town decisions"
    editor.add_statement_button.click()
    assert Group.load(folder).logframe.specific_objectives[0].text == "Young people take part in town decisions"


def test_an_outside_edit_of_the_logframe_is_never_overwritten(folder):
    editor = LogframeEditor(folder)
    editor.select("results", "R1")
    editor.assumption_choice.value = 1
    outside = (folder / "logframe.yaml").read_text(encoding="utf-8").replace("Youth councils meet", "Councils meet")
    (folder / "logframe.yaml").write_text(outside, encoding="utf-8")
    editor.assumption_text.value = "Schools stay open in the afternoon"
    assert (folder / "logframe.yaml").read_text(encoding="utf-8") == outside
    assert "NOT saved" in editor.message
    assert editor.statement_fields["text"].value == "Councils meet every month in each town"


# A kernel killed right after an edit -------------------------------------------------------------
def test_killing_the_kernel_right_after_an_edit_loses_nothing(folder):
    """A real kernel runs the editor; it is killed (SIGKILL) as soon as the edit returns."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        code = textwrap.dedent(f"""
            from planet_lib.editors import StakeholderEditor
            editor = StakeholderEditor({str(folder)!r})
            editor.choice.value = "S2"
            editor.fields["actions"].value = "Keep two seats per town for young delegates"
            editor.fields["id"].value = "S4"   # nothing: the id of a saved stakeholder cannot change
            editor.start_new()
            editor.fields["name"].value = "Parents' associations"
            editor.add_button.click()
            """)
        reply = client.execute_interactive(code, timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        manager.signal_kernel(signal.SIGKILL)  # no clean shutdown, no chance to flush anything
    finally:
        client.stop_channels()
        if manager.is_alive():
            manager.shutdown_kernel(now=True)
    rows = {s.id: s for s in Group.load(folder).stakeholders}
    assert rows["S2"].actions == "Keep two seats per town for young delegates"
    assert rows["S3"].name == "Parents' associations"
    assert "S4" not in rows


def test_a_broken_file_the_editor_does_not_show_does_not_block_it(tmp_path):
    folder = make_group(tmp_path / "g", stakeholders=STAKEHOLDERS)
    (folder / "budget.csv").write_text("activity,item,category,quantity,unit_cost\n"
                                       "A1.1,Travel,travel,many,290\n", encoding="utf-8")
    before = (folder / "budget.csv").read_bytes()
    editor = StakeholderEditor(folder)
    assert editor.book.error == "" and not editor.add_button.disabled
    assert editor.add(id="S3", name="Library")
    assert "S3" in (folder / "stakeholders.csv").read_text(encoding="utf-8")
    assert (folder / "budget.csv").read_bytes() == before
