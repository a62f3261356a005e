"""The dissemination and communication plan (dissemination.yaml): reading, writing, checks, table."""

from __future__ import annotations

import dataclasses
import json
import shutil
import textwrap

import pytest
from ruamel.yaml import YAML

from planet_lib import dissemination as ds
from planet_lib.check import check_group
from planet_lib.dissemination import Audience, ChannelUse, DisseminationPlan, Reach
from planet_lib.errors import ProblemList, WorkbookError
from planet_lib.network import Network
from planet_lib.sample import worked_example
from planet_lib.schedule import Activity
from planet_lib.workbook.group import Group

NETWORK = Network("net", "Test network", start="2013-09", duration_months=20)
ACTIVITIES = [Activity("A1", "R1", "Kick-off seminar", 2, 2, "event"),
              Activity("A2", "R1", "Evening meetings", 9, 19, "task")]


def parse(text: str) -> tuple[DisseminationPlan, ProblemList]:
    problems = ProblemList(ds.FILE)
    return ds.from_data(YAML(typ="safe").load(textwrap.dedent(text)), problems), problems


def audience(**changes) -> Audience:
    base = Audience("residents", "Residents", "Come to the meetings.",
                    [ChannelUse("Local newspapers", (2, 9)), ChannelUse("Posters", ("A2",))],
                    [Reach("Residents at the meetings", "700", "residents", "Attendance lists")])
    return dataclasses.replace(base, **changes)


def plan(*audiences: Audience) -> DisseminationPlan:
    return DisseminationPlan(list(audiences) or [audience()])


def codes(findings) -> list[str]:
    return [f.code for f in findings]


# reading and writing ------------------------------------------------------------------------------
PLAN_YAML = """
    # a comment the kit keeps
    audiences:
      - id: residents
        name: Residents of the towns
        message: Your town's decisions are open to you.
        channels:
          - {channel: Local newspapers, when: [2, 9, 19]}
          - {channel: Posters, when: A2}
          - {channel: Town websites, when: 2014-03}
          - {channel: Radio, when: "3; 6"}
          - Leaflets
        reach: {indicator: Residents at the meetings, target: 700, unit: residents, source: Attendance lists}
      - id: councillors
        name: Councillors
        message: Open meetings make measures easier to defend.
        channels: [{name: Briefing note, timing: 1}]
        reach:
          - {indicator: Councillors at the final conference, target: 25}
          - {indicator: Briefing notes read, target: 40}
        owner: lead town
    budget_line: A3.1
"""


def test_reading_a_plan_with_every_way_of_giving_timing():
    p, problems = parse(PLAN_YAML)
    assert not problems
    residents, councillors = p.audiences
    assert residents.name == "Residents of the towns" and residents.message.startswith("Your town")
    assert [(c.channel, c.when) for c in residents.channels] == [
        ("Local newspapers", (2, 9, 19)), ("Posters", ("A2",)), ("Town websites", ("2014-03",)),
        ("Radio", (3, 6)), ("Leaflets", ())]
    assert residents.reach == [Reach("Residents at the meetings", "700", "residents", "Attendance lists")]
    assert councillors.channels == [ChannelUse("Briefing note", (1,))]
    assert [r.target for r in councillors.reach] == ["25", "40"]
    assert councillors.extra == {"owner": "lead town"} and p.extra == {"budget_line": "A3.1"}


def test_unusable_values_are_reported_with_their_key_path_value_and_what_to_write():
    _plan, problems = parse("""
        audiences:
          - id: two words
            channels:
              - {channel: Radio, when: next spring}
              - {when: 3}
          - just a sentence
    """)
    found = {(p.field, p.seen) for p in problems.items}
    assert ("audiences[1].id", "two words") in found
    assert ("audiences[1].channels[1].when", "next spring") in found
    assert ("audiences[1].channels[2].channel", None) in found
    assert any(p.field == "audiences[2]" for p in problems.items)
    when = next(p for p in problems.items if p.field.endswith("when"))
    assert "project month" in when.expected and "activity id" in when.expected and when.file == ds.FILE


def test_audiences_must_be_a_list():
    _plan, problems = parse("audiences: residents\n")
    assert [(p.field, p.seen) for p in problems.items] == [("audiences", "'residents'")]


def test_to_data_reads_back_to_the_same_plan():
    p, _ = parse(PLAN_YAML)
    again, problems = ds.from_data(ds.to_data(p), ProblemList(ds.FILE)), ProblemList(ds.FILE)
    assert again == p and not problems


def write_group(folder, dissemination: str | None = None, activities: bool = True):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "group.yaml").write_text(textwrap.dedent("""
        id: g-test
        name: Test network
        start: 2013-09
        duration_months: 20
        partners:
          - {municipality: Lucca, country: IT, role: lead}
          - {municipality: Kraków, country: PL}
    """), encoding="utf-8")
    if activities:
        (folder / "activities.csv").write_text(
            "id,result,title,start_month,end_month,kind\nA1,R1,Kick-off seminar,2,2,event\n"
            "A2,R1,Evening meetings,9,19,task\n", encoding="utf-8")
    if dissemination is not None:
        (folder / ds.FILE).write_text(textwrap.dedent(dissemination), encoding="utf-8")
    return folder


def test_a_group_loads_its_plan_and_a_bad_value_is_a_workbook_error(tmp_path):
    group = Group.load(write_group(tmp_path / "ok", PLAN_YAML))
    assert [a.id for a in group.dissemination.audiences] == ["residents", "councillors"]
    with pytest.raises(WorkbookError) as caught:
        Group.load(write_group(tmp_path / "bad", "audiences:\n  - {id: r, channels: [{channel: TV, when: next spring}]}\n"))
    (problem,) = caught.value.problems
    assert (problem.file, problem.field, problem.seen) == ("dissemination.yaml", "audiences[1].channels[1].when",
                                                           "next spring")


def test_saving_keeps_comments_and_writes_a_change(tmp_path):
    folder = write_group(tmp_path / "g", PLAN_YAML)
    group = Group.load(folder)
    before = (folder / ds.FILE).read_text(encoding="utf-8")
    group.save("dissemination")
    assert (folder / ds.FILE).read_text(encoding="utf-8") == before  # unchanged: not rewritten
    group.dissemination.audiences[0].message = "A new message."
    group.save("dissemination")
    text = (folder / ds.FILE).read_text(encoding="utf-8")
    assert "# a comment the kit keeps" in text
    assert Group.load(folder).dissemination == group.dissemination


def test_the_check_pipeline_runs_the_dissemination_checks(tmp_path):
    folder = write_group(tmp_path / "g", "audiences:\n  - {id: r, name: Residents}\n")
    assert {"dissemination.no_message", "dissemination.no_channel"} <= set(codes(check_group(folder)))


# checks: each has a failing and a passing case ---------------------------------------------------
def test_a_complete_plan_has_no_finding():
    assert ds.check_dissemination(plan(), NETWORK, ACTIVITIES) == []


def test_no_audiences():
    assert codes(ds.check_dissemination(DisseminationPlan([]), NETWORK, ACTIVITIES)) == ["dissemination.no_audiences"]


def test_duplicate_audience_ids():
    found = ds.check_dissemination(plan(audience(), audience()), NETWORK, ACTIVITIES)
    assert codes(found) == ["dissemination.duplicate_audience"] and found[0].severity == "error"
    assert ds.check_dissemination(plan(audience(), audience(id="other")), NETWORK, ACTIVITIES) == []


def test_an_audience_needs_a_message():
    found = ds.check_dissemination(plan(audience(message="  ")), NETWORK, ACTIVITIES)
    assert codes(found) == ["dissemination.no_message"]
    assert (found[0].severity, found[0].file, found[0].item) == ("error", "dissemination.yaml", "residents")


def test_an_audience_needs_a_channel():
    found = ds.check_dissemination(plan(audience(channels=[])), NETWORK, ACTIVITIES)
    assert codes(found) == ["dissemination.no_channel"] and found[0].severity == "error"


def test_a_channel_without_timing_is_a_warning():
    found = ds.check_dissemination(plan(audience(channels=[ChannelUse("Radio")])), NETWORK, ACTIVITIES)
    assert codes(found) == ["dissemination.no_timing"] and found[0].severity == "warning"
    assert "'Radio'" in found[0].message


@pytest.mark.parametrize("when", [0, 21, "2013-08", "2015-05"])
def test_timing_outside_the_project(when):
    found = ds.check_dissemination(plan(audience(channels=[ChannelUse("Radio", (when,))])), NETWORK, ACTIVITIES)
    assert codes(found) == ["dissemination.outside_project"] and found[0].severity == "error"
    assert "20 months" in found[0].message


@pytest.mark.parametrize("when", [1, 20, "2013-09", "2015-04", "A2"])
def test_timing_inside_the_project(when):
    assert ds.check_dissemination(plan(audience(channels=[ChannelUse("Radio", (when,))])), NETWORK, ACTIVITIES) == []


def test_an_activity_outside_the_project_is_flagged_through_its_months():
    late = ACTIVITIES + [Activity("A9", "R1", "Late fair", 19, 22, "event")]
    found = ds.check_dissemination(plan(audience(channels=[ChannelUse("Fair", ("A9",))])), NETWORK, late)
    assert codes(found) == ["dissemination.outside_project"] and "months 19-22" in found[0].message


def test_timing_by_an_unknown_activity():
    channels = [ChannelUse("Posters", ("A7",))]
    found = ds.check_dissemination(plan(audience(channels=channels)), NETWORK, ACTIVITIES)
    assert codes(found) == ["dissemination.unknown_activity"] and "A1, A2" in found[0].message
    # without activities.csv yet, activity ids cannot be checked: no finding
    assert ds.check_dissemination(plan(audience(channels=channels)), NETWORK, None) == []


def test_without_a_duration_months_are_not_checked():
    network = Network("net", "Test", start=None, duration_months=None)
    assert ds.check_dissemination(plan(audience(channels=[ChannelUse("Radio", (40,))])), network, None) == []


def test_an_audience_needs_a_reach_indicator():
    for reach in ([], [Reach("", "700")]):
        found = ds.check_dissemination(plan(audience(reach=reach)), NETWORK, ACTIVITIES)
        assert codes(found) == ["dissemination.no_reach"] and found[0].severity == "warning"


@pytest.mark.parametrize("target", ["", "many", "a lot of people"])
def test_a_reach_target_must_be_a_number(target):
    found = ds.check_dissemination(plan(audience(reach=[Reach("Visitors", target)])), NETWORK, ACTIVITIES)
    assert codes(found) == ["dissemination.reach_not_measurable"]


@pytest.mark.parametrize("target", ["700", "at least 700", "1.500", "25%"])
def test_a_reach_target_with_a_number_is_measurable(target):
    assert ds.check_dissemination(plan(audience(reach=[Reach("Visitors", target)])), NETWORK, ACTIVITIES) == []


# timing labels and the table -------------------------------------------------------------------------
def test_timing_labels_say_when_in_calendar_and_project_months():
    assert ds.timing_label(6, "2013-09") == "month 6 (Feb 2014)"
    assert ds.timing_label("2014-03", "2013-09") == "Mar 2014 (month 7)"
    assert ds.timing_label("A2", "2013-09", ACTIVITIES) == "A2 (months 9-19)"
    assert ds.timing_label("A1", "2013-09", ACTIVITIES) == "A1 (month 2)"
    assert ds.timing_label(6) == "month 6" and ds.timing_label("A7", None, ACTIVITIES) == "A7"


def test_plan_table_has_one_row_per_audience():
    table = ds.plan_table(plan(audience(), audience(id="young", name="", channels=[ChannelUse("Radio")], reach=[])),
                          NETWORK, ACTIVITIES)
    assert list(table.columns) == list(ds.PLAN_COLUMNS) and len(table) == 2
    first, second = table.to_dict("records")
    assert first["Channels and timing"] == ("Local newspapers: month 2 (Oct 2013), month 9 (May 2014)\n"
                                            "Posters: A2 (months 9-19)")
    assert first["Reach: indicator and target"] == "Residents at the meetings: 700 residents (source: Attendance lists)"
    assert second["Audience"] == "young" and second["Channels and timing"] == "Radio: no timing yet"


def test_styled_plan_escapes_what_people_typed_and_shades_gaps():
    html = ds.styled_plan(plan(audience(message="<script>alert(1)</script>", reach=[])), NETWORK, ACTIVITIES).to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("background-color: #fff1b8") == 1  # the empty reach cell


# the seminar's exercise notebook ---------------------------------------------------------------------
def test_the_exercise_notebook_runs_and_saves_a_clean_plan(tmp_path):
    """Run as participants will (default: a copy of the worked example), with no error and a saved plan."""
    import papermill

    from planet_lib.assemble import templates_folder

    folder = tmp_path / "group"
    shutil.copytree(worked_example(), folder)
    (folder / ds.FILE).unlink(missing_ok=True)
    notebook = templates_folder() / "dissemination_exercise.ipynb"
    source = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in source["cells"] if "".join(c["source"]).strip().endswith('group_folder = ""'))
    cell["source"] = "".join(cell["source"]).replace('group_folder = ""', f"group_folder = {str(folder)!r}")
    edited = tmp_path / "exercise.ipynb"
    edited.write_text(json.dumps(source), encoding="utf-8")
    nb = papermill.execute_notebook(str(edited), str(tmp_path / "run.ipynb"), progress_bar=False, cwd=str(tmp_path))
    assert not nb.metadata.papermill.exception
    saved = Group.load(folder).dissemination
    assert saved is not None and [a.id for a in saved.audiences] == ["residents"]
    assert ds.check_dissemination(saved, Group.load(folder).network, Group.load(folder).activities) == []
