"""Working through seminar 2 as a participant leaves a complete, clean identification workbook.

The four notebooks of ``seminars/02_identification`` are run once each, in course order and
with their model answers, the way a participant works through them: on a group that has just
finished seminar 1, i.e. a copy of the worked example's folder holding its network
(``group.yaml``) and nothing else. The notebooks must run top to bottom, write only into their
working copy, and leave there the four files of the identification stage with no errors.

The kernels read a scratch copy of ``data/`` (``PLANET_DATA``), as in the course-integrity
suite, and the test checks that neither that copy nor the group folder changed.
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
    group_folder: Path  # the participant's group folder, as after seminar 1
    working_copy: Path  # where the notebooks saved their answers
    data: Path  # the scratch copy of data/ the kernels read
    data_before: dict[str, str]
    group_before: dict[str, str]


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
    group_folder = base / "groups" / GROUP
    group_folder.mkdir(parents=True)
    shutil.copy(data / "sample-cohort" / "groups" / GROUP / "group.yaml", group_folder)
    run_folder, work, executed = base / "run", base / "work", base / "executed"
    run_folder.mkdir()
    executed.mkdir()
    found = Walkthrough(group_folder, work / GROUP, data, _fingerprint(data), _fingerprint(group_folder))
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
    not_started = {f.file for f in check_group(walkthrough.group_folder) if f.code == "stage.not_started"}
    assert set(IDENTIFICATION_FILES) <= not_started


def test_the_working_copy_holds_every_identification_file(walkthrough):
    missing = [name for name in IDENTIFICATION_FILES if not (walkthrough.working_copy / name).is_file()]
    assert missing == [], f"The notebooks did not write {missing} into {walkthrough.working_copy}"
    group = Group.load(walkthrough.working_copy)
    assert len(group.stakeholders) >= 5 and group.strategy.selected


def test_the_identification_files_have_no_errors_or_warnings(walkthrough):
    found = [f for f in check_group(walkthrough.working_copy)
             if f.file in IDENTIFICATION_FILES and f.severity in ("error", "warning")]
    assert found == [], "\n".join(str(f) for f in found)


def test_the_revisions_between_seminars_are_in_the_workbook(walkthrough):
    """Part 4 adds a problem card and its objective, and lists the objective under its option."""
    group = Group.load(walkthrough.working_copy)
    assert "P15" in {p.id for p in group.problems}
    o16 = next(o for o in group.objectives if o.id == "O16")
    assert (o16.from_problem, o16.cluster) == ("P15", "opt-b")
    assert "O16" in next(o for o in group.strategy.options if o.id == "opt-b").objectives


def test_the_group_folder_and_the_sample_data_are_unchanged(walkthrough):
    assert _fingerprint(walkthrough.group_folder) == walkthrough.group_before
    assert _fingerprint(walkthrough.data) == walkthrough.data_before
