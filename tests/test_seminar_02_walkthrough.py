"""Working through seminar 2 as a participant leaves a complete, clean identification workbook.

The four notebooks of ``seminars/02_identification`` are run once each, in course order and
with their model answers, the way a participant works through them: on their own group's folder
in a cohort (``<cohort>/groups/g1-green-towns``, with the sample cohort's ``cohort.yaml``), as
it is after seminar 1: the worked example's network (``group.yaml``) and nothing else. As the
kit's convention says (``planet_lib.working_copy``), an own group is worked on in place: the
notebooks must run top to bottom, save into the group folder itself (so that seminar 3 finds the
work there), copy nothing into the work folder, and leave the four files of the identification
stage with no errors.

The kernels read a scratch copy of ``data/`` (``PLANET_DATA``), as in the course-integrity
suite, and the test checks that this copy did not change.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from planet_lib import Group, check_group, course

SEMINAR = "02_identification"
IDENTIFICATION_FILES = ("stakeholders.csv", "problems.csv", "objectives.csv", "strategy.yaml")
GROUP = "g1-green-towns"


@dataclass
class Walkthrough:
    group_folder: Path  # the participant's own group folder, where the notebooks save
    work_folder: Path  # WORK_FOLDER of the notebooks: only copies of sample groups would go there
    data: Path  # the scratch copy of data/ the kernels read
    data_before: dict[str, str]
    group_before: dict[str, str]  # the group folder as after seminar 1
    not_started_before: set[str]  # the files the self-check reported as not started, before the seminar


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory) -> Walkthrough:
    """Run the four notebooks once, in order, on a group that has only its network."""
    import papermill

    base = tmp_path_factory.mktemp("seminar-02")
    data = base / "data"
    shutil.copytree(course.KIT_ROOT / "data", data)
    group_folder = base / "cohort" / "groups" / GROUP
    group_folder.mkdir(parents=True)
    shutil.copy(data / "sample-cohort" / "cohort.yaml", base / "cohort")
    shutil.copy(data / "sample-cohort" / "groups" / GROUP / "group.yaml", group_folder)
    run_folder, work, executed = base / "run", base / "work", base / "executed"
    run_folder.mkdir()
    executed.mkdir()
    not_started = {f.file for f in check_group(group_folder) if f.code == "stage.not_started"}
    found = Walkthrough(group_folder, work, data, _fingerprint(data), _fingerprint(group_folder), not_started)
    notebooks = course.source_notebooks(SEMINAR)
    assert [n.stem for n in notebooks] == ["01_stakeholders", "02_problem_tree", "03_objectives_strategy",
                                           "04_between_seminars"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANET_DATA", str(data))
        for notebook in notebooks:
            papermill.execute_notebook(
                str(notebook), str(executed / notebook.name),
                parameters={"GROUP_FOLDER": str(group_folder), "WORK_FOLDER": str(work)},
                cwd=str(run_folder), kernel_name="python3", progress_bar=False, log_output=False)
    return found


def test_the_group_starts_with_no_identification_files(walkthrough):
    """The control: before the seminar, the group has none of the files the notebooks write."""
    assert sorted(walkthrough.group_before) == ["group.yaml"]
    assert set(IDENTIFICATION_FILES) <= walkthrough.not_started_before


def test_the_group_folder_holds_every_identification_file(walkthrough):
    missing = [name for name in IDENTIFICATION_FILES if not (walkthrough.group_folder / name).is_file()]
    assert missing == [], f"The notebooks did not write {missing} into {walkthrough.group_folder}"
    group = Group.load(walkthrough.group_folder)
    assert len(group.stakeholders) >= 5 and group.strategy.selected


def test_the_identification_files_have_no_errors_or_warnings(walkthrough):
    found = [f for f in check_group(walkthrough.group_folder)
             if f.file in IDENTIFICATION_FILES and f.severity in ("error", "warning")]
    assert found == [], "\n".join(str(f) for f in found)


def test_the_revisions_between_seminars_are_in_the_workbook(walkthrough):
    """Part 4 adds a problem card and its objective, and lists the objective under its option."""
    group = Group.load(walkthrough.group_folder)
    assert "P15" in {p.id for p in group.problems}
    o16 = next(o for o in group.objectives if o.id == "O16")
    assert (o16.from_problem, o16.cluster) == ("P15", "opt-b")
    assert "O16" in next(o for o in group.strategy.options if o.id == "opt-b").objectives


def test_an_own_group_is_worked_on_in_place_and_the_sample_data_is_unchanged(walkthrough):
    assert not walkthrough.work_folder.exists(), "An own group folder must not be copied into WORK_FOLDER"
    assert _fingerprint(walkthrough.group_folder)["group.yaml"] == walkthrough.group_before["group.yaml"]
    assert _fingerprint(walkthrough.data) == walkthrough.data_before
