"""Where the seminar notebooks work (`working_copy`) and how they save (`save_checked`).

Every test builds a small kit data folder in tmp_path and points PLANET_DATA at it, so the
kit's own data/ is never read or changed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from planet_lib.logframe import Assumption, Logframe, Statement
from planet_lib.problems import Problem
from planet_lib.stakeholders import Stakeholder
from planet_lib.workbook.group import Group
from planet_lib.workspace import save_checked, working_copy

COHORT_YAML = "name: Course 2013\ncourse_id: c2013\nprogramme: efc-2007-2013-m1-2\ncurrency: PLN\n"
GROUP_YAML = ("id: g1\nname: Green towns\nstart: 2013-03\nduration_months: 12\n"
              "partners:\n  - {municipality: Lucca, country: IT, role: lead}\n"
              "  - {municipality: Kielce, country: PL}\n")
STAKEHOLDERS_CSV = ("id,name,category,importance,influence\n"
                    "S1,Town hall,public authority,5,5\nS2,Residents,citizens,4,2\n")
PROBLEMS_CSV = "id,statement,leads_to,core\nP1,Few residents take part,,yes\nP2,Meetings in office hours,P1,\n"


def write_group(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "group.yaml").write_text(GROUP_YAML, encoding="utf-8")
    (folder / "stakeholders.csv").write_text(STAKEHOLDERS_CSV, encoding="utf-8")
    (folder / "problems.csv").write_text(PROBLEMS_CSV, encoding="utf-8")
    return folder


def write_cohort(folder: Path, cohort_yaml: str = COHORT_YAML, group: str = "g1") -> Path:
    """A cohort folder with one group; returns the group folder."""
    folder.mkdir(parents=True)
    (folder / "cohort.yaml").write_text(cohort_yaml, encoding="utf-8")
    return write_group(folder / "groups" / group)


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """The kit's data folder for this test, holding a sample cohort with one group."""
    folder = tmp_path / "kit-data"
    write_cohort(folder / "sample-cohort")
    monkeypatch.setenv("PLANET_DATA", str(folder))
    return folder


@pytest.fixture
def sample_group(data) -> Path:
    return data / "sample-cohort" / "groups" / "g1"


# working_copy: a group of the kit's data is copied -----------------------------------------------
def test_a_sample_group_is_copied_into_the_work_folder(sample_group, tmp_path):
    copy = working_copy(sample_group, tmp_path / "work")
    assert copy == (tmp_path / "work" / "g1").resolve()
    assert fingerprint(copy) == fingerprint(sample_group)
    assert sorted(p.name for p in copy.parent.iterdir()) == ["cohort.yaml", "g1"]  # no half-made copy left


def test_the_copy_keeps_its_cohorts_currency_and_programme(sample_group, tmp_path):
    group = Group.load(working_copy(sample_group, tmp_path / "work"))
    assert group.network.programme == ""  # group.yaml names no programme
    assert (group.cohort.currency, group.programme) == ("PLN", "efc-2007-2013-m1-2")


def test_a_copy_is_reused_and_never_overwritten(sample_group, tmp_path):
    copy = working_copy(sample_group, tmp_path / "work")
    (copy / "stakeholders.csv").write_text(STAKEHOLDERS_CSV + "S3,Local paper,media,2,4\n", encoding="utf-8")
    assert working_copy(sample_group, tmp_path / "work") == copy
    assert "S3" in (copy / "stakeholders.csv").read_text(encoding="utf-8")


def test_saving_into_the_copy_leaves_the_sample_group_as_it_was(sample_group, tmp_path):
    before = fingerprint(sample_group.parent.parent)
    group = Group.load(working_copy(sample_group, tmp_path / "work"))
    group.stakeholders[0].name = "Town council"
    assert save_checked(group, "stakeholders") == []
    assert fingerprint(sample_group.parent.parent) == before


def test_the_work_folder_may_be_relative_to_where_the_notebook_runs(sample_group, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert working_copy(sample_group) == tmp_path / "my-workbook" / "g1"


def test_a_work_folder_inside_the_kits_data_is_refused(sample_group, data):
    with pytest.raises(ValueError, match="inside the kit's data folder"):
        working_copy(sample_group, data / "my-workbook")
    assert not (data / "my-workbook").exists()


def test_one_work_folder_takes_copies_of_one_cohort_only(sample_group, data, tmp_path):
    other = write_cohort(data / "other-cohort", COHORT_YAML.replace("Course 2013", "Course 2020"), group="g7")
    working_copy(sample_group, tmp_path / "work")
    with pytest.raises(ValueError, match="Course 2020"):
        working_copy(other, tmp_path / "work")
    assert not (tmp_path / "work" / "g7").exists()
    same = write_cohort(data / "same-cohort", COHORT_YAML + "# a comment\n", group="g8")
    assert working_copy(same, tmp_path / "work").name == "g8"  # same cohort name: accepted


# working_copy: a participant's own group is worked on in place -----------------------------------
def test_a_group_outside_the_kits_data_is_worked_on_in_place(data, tmp_path):
    own = write_cohort(tmp_path / "planet-2013", COHORT_YAML.replace("PLN", "SEK"))
    assert working_copy(own, tmp_path / "work") == own.resolve()
    assert not (tmp_path / "work").exists()
    group = Group.load(own)
    assert (group.cohort.currency, group.programme) == ("SEK", "efc-2007-2013-m1-2")


def test_a_folder_without_a_group_workbook_is_refused(data, tmp_path):
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "empty", tmp_path / "missing", data / "sample-cohort"):
        with pytest.raises(FileNotFoundError, match="no group.yaml"):
            working_copy(folder, tmp_path / "work")


def test_a_group_on_its_own_or_with_an_unreadable_cohort_has_no_cohort_settings(tmp_path):
    alone = write_group(tmp_path / "alone" / "g1")
    assert Group.load(alone).cohort is None
    broken = write_cohort(tmp_path / "broken", "name: [unclosed\n")
    assert Group.load(broken).cohort is None  # reported when the cohort is loaded, not here


# save_checked --------------------------------------------------------------------------------------
@pytest.fixture
def own(tmp_path) -> Path:
    return write_group(tmp_path / "groups" / "g1")


def test_a_readable_change_is_saved_and_the_group_holds_it_as_saved(own):
    group = Group.load(own)
    group.stakeholders.append(Stakeholder("S3", "Local paper", category="media", importance=2, influence=4))
    assert save_checked(group, "stakeholders") == []
    assert [s.id for s in Group.load(own).stakeholders] == ["S1", "S2", "S3"]
    assert group.stakeholders[-1].line == 4  # as read back from the file


def test_a_value_the_file_cannot_hold_is_not_saved_and_the_problem_is_named(own):
    before = fingerprint(own)
    group = Group.load(own)
    group.stakeholders[1].importance = 7
    problems = save_checked(group, "stakeholders")
    assert len(problems) == 1
    assert "stakeholders.csv" in problems[0] and "importance" in problems[0] and "1 to 5" in problems[0]
    assert fingerprint(own) == before


def test_ids_written_as_text_instead_of_a_tuple_are_refused_with_the_way_to_write_them(own):
    before = fingerprint(own)
    group = Group.load(own)
    group.problems[1].leads_to = "P1"
    (problem,) = save_checked(group, "problems")
    assert problem.startswith("P2: leads_to") and "leads_to=('P1',)" in problem
    assert fingerprint(own) == before
    group.problems[1].leads_to = ("P1",)
    assert save_checked(group, "problems") == []


def test_a_yaml_artefact_is_checked_the_same_way(own):
    group = Group.load(own)
    unsure = Assumption("Councils stay in office", likelihood="maybe")
    group.logframe = Logframe(specific_objectives=[Statement("SO1", "Residents take part", assumptions=[unsure])])
    (problem,) = save_checked(group, "logframe")
    assert "logframe.yaml" in problem and "likelihood" in problem
    assert not (own / "logframe.yaml").exists()
    group.logframe.specific_objectives[0].assumptions[0].likelihood = "possible"
    assert save_checked(group, "logframe") == []
    assert Group.load(own).logframe.specific_objectives[0].assumptions[0].likelihood == "possible"


def test_a_wrong_kind_of_value_is_a_problem_not_a_crash(own):
    group = Group.load(own)
    group.stakeholders = [("S1", "Town hall")]  # a row typed as a tuple, not a Stakeholder
    (problem,) = save_checked(group, "stakeholders")
    assert problem.startswith("stakeholders:")
    group.logframe = None
    assert "no logframe to save" in save_checked(group, "logframe")[0]


def test_what_others_saved_meanwhile_stays(own):
    mine, theirs = Group.load(own), Group.load(own)
    theirs.problems.append(Problem("P3", "Agendas are not published", ("P1",)))
    assert save_checked(theirs, "problems") == []
    mine.stakeholders[0].name = "Town council"
    assert save_checked(mine, "stakeholders") == []
    saved = Group.load(own)
    assert [p.id for p in saved.problems] == ["P1", "P2", "P3"] and saved.stakeholders[0].name == "Town council"


def test_an_unknown_artefact_is_a_mistake_in_the_notebook(own):
    with pytest.raises(KeyError, match="stakeholders"):
        save_checked(Group.load(own), "stakeholder")


def test_a_folder_that_cannot_be_written_is_a_problem_not_a_crash(own):
    import os

    if os.geteuid() == 0:
        pytest.skip("root may write into read-only folders")
    group = Group.load(own)
    group.stakeholders[0].name = "Town council"
    own.chmod(0o555)
    for path in own.iterdir():
        path.chmod(0o444)
    try:
        (problem,) = save_checked(group, "stakeholders")
    finally:
        own.chmod(0o755)
        for path in own.iterdir():
            path.chmod(0o644)
    assert "could not be written" in problem
    assert Group.load(own).stakeholders[0].name == "Town hall"
