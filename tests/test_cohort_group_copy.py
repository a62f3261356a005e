"""Grading runs a hand-in that names its group's folder on a copy, never on the folder itself.

A scratch seminar (00_group) opens the workbook its *Your group* cell names, as the kit's
seminars do, saves a file into it, and a graded test checks the workbook was found. Three
participants hand it in by e-mail: one names their group's folder by its path on a shared
hub (a path that does not exist on the grading machine), one keeps the worked example, one
names a folder that is no group of the cohort.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from test_cohort_kit import SAMPLE_ROSTER, planet

from planet_lib.cohort_ops import group_copy
from planet_lib.cohort_ops.grade import grade_seminar
from planet_lib.cohort_ops.layout import CohortCourse

pytestmark = [pytest.mark.filterwarnings("ignore:Object of type .* not in session"),
              pytest.mark.filterwarnings("ignore:Cell is missing an id field"),
              pytest.mark.filterwarnings("ignore:Passing unrecognized arguments"),
              pytest.mark.xdist_group(name="cohort-group-copy")]

SEMINAR = "00_group"
HUB = "/home/shared/planet-2013/groups"
YOUR_GROUP = 'from planet_lib import worked_example\n\nGROUP_FOLDER = worked_example()\nWORK_FOLDER = "my-workbook"'
SAVED = "saved by the graded run"


def _meta(grade_id: str, points: int = 0) -> dict:
    meta = {"grade": bool(points), "grade_id": grade_id, "locked": True, "schema_version": 3, "solution": False}
    if points:
        meta["points"] = points
    return {"nbgrader": meta}


def make_kit(folder: Path) -> Path:
    nb = new_notebook(cells=[
        new_markdown_cell("# Which workbook does grading open?"),
        new_code_cell(YOUR_GROUP, metadata={"tags": ["parameters"]}),
        new_code_cell("from planet_lib import working_copy\n\nWORKBOOK = working_copy(GROUP_FOLDER, WORK_FOLDER)\n"
                      f'(WORKBOOK / "saved.txt").write_text("{SAVED}")', metadata=_meta("setup")),
        new_code_cell('assert (WORKBOOK / "group.yaml").is_file(), "no workbook"', metadata=_meta("opened", 1)),
    ], metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}})
    target = folder / "seminars" / SEMINAR
    target.mkdir(parents=True)
    nbformat.write(nb, str(target / "group.ipynb"))
    return folder


def hand_in(released: Path, folder: Path, group_line: str | None) -> None:
    nb = nbformat.read(str(released / "group.ipynb"), as_version=4)
    if group_line:
        nb.cells[1].source = nb.cells[1].source.replace("GROUP_FOLDER = worked_example()", group_line)
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(folder / "group.ipynb"))


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("group-copy")
    kit = make_kit(base / "kit")
    made = planet("cohort", "new", str(SAMPLE_ROSTER), "--name", "Group copy test", "--out", str(base / "cohort"),
                  "--seminars-from", str(kit))
    assert made.returncode == 0, made.stdout + made.stderr
    cohort = CohortCourse.load(base / "cohort")
    assert planet("cohort", "release", SEMINAR, "--cohort", str(cohort.folder)).returncode == 0
    group = sorted((cohort.folder / "groups").iterdir())[0]
    before = tree_hash(group)
    mail = base / "mail"
    released = cohort.released(SEMINAR)
    hand_in(released, mail / "p01", f'GROUP_FOLDER = "{HUB}/{group.name}"')
    hand_in(released, mail / "p02", None)
    hand_in(released, mail / "p03", 'GROUP_FOLDER = "/home/shared/somewhere-else"')
    (base / "empty").mkdir()
    early = planet("cohort", "collect", SEMINAR, "--cohort", str(cohort.folder), "--from", str(base / "empty"))
    assert not group_copy.snapshot_folder(cohort, SEMINAR).exists(), early.stdout  # nothing in: nothing kept
    collected = planet("cohort", "collect", SEMINAR, "--cohort", str(cohort.folder), "--from", str(mail))
    (group / "later.txt").write_text("saved by the group after the deadline")
    run = grade_seminar(cohort, SEMINAR, jobs=2, timeout=60)
    (group / "later.txt").unlink()  # the tests may run in any order: each compares with `before`
    return cohort, group, before, collected, run


def test_collecting_keeps_a_copy_of_the_groups_folders(graded):
    cohort, group, before, collected, _run = graded
    assert "Kept a copy of the groups' folders" in collected.stdout
    kept = group_copy.snapshot_folder(cohort, SEMINAR) / group.name
    assert (kept / "group.yaml").is_file() and not (kept / "later.txt").exists()


def test_a_hand_in_naming_its_group_is_graded_on_the_copy_kept_at_collection(graded):
    cohort, group, before, _collected, run = graded
    result = run.results["p01"]
    assert (result.status, result.score) == ("graded", 1)
    assert not any("as it is now" in note for note in result.notes)


def test_the_groups_own_folder_and_the_kept_copy_are_not_written(graded):
    cohort, group, before, _collected, _run = graded
    assert tree_hash(group) == before
    assert not (group_copy.snapshot_folder(cohort, SEMINAR) / group.name / "saved.txt").exists()


def test_the_graded_notebook_keeps_the_your_group_cell_as_handed_in(graded):
    cohort, group, _before, _collected, _run = graded
    graded_nb = json.loads((cohort.course_root / "autograded" / "p01" / SEMINAR / "group.ipynb").read_text())
    source = "".join(graded_nb["cells"][1]["source"])
    assert f'GROUP_FOLDER = "{HUB}/{group.name}"' in source
    assert group_copy.INJECTED_NOTE not in source


def test_the_worked_example_is_graded_as_before(graded):
    assert (graded[-1].results["p02"].status, graded[-1].results["p02"].score) == ("graded", 1)


def test_a_folder_that_is_no_group_is_reported_and_earns_nothing(graded):
    result = graded[-1].results["p03"]
    assert result.score == 0
    assert any("not a group of this cohort" in note for note in result.notes)


def test_without_a_kept_copy_the_live_folder_is_copied_and_the_trainer_told(graded):
    cohort, group, before, _collected, _run = graded
    kept = group_copy.snapshot_folder(cohort, SEMINAR)
    shutil.move(kept, kept.with_name("set-aside"))
    try:
        run = grade_seminar(cohort, SEMINAR, jobs=1, timeout=60, force=True, only=["p01"])
    finally:
        shutil.move(kept.with_name("set-aside"), kept)
    assert run.results["p01"].score == 1
    assert any("as it is now" in note for note in run.results["p01"].notes)
    assert tree_hash(group) == before


@pytest.mark.parametrize("source, expected", [
    (YOUR_GROUP, None),
    ('GROUP_FOLDER = "/hub/groups/g1-green-towns"\nWORK_FOLDER = "w"', "/hub/groups/g1-green-towns"),
    ('GROUP_FOLDER = "a"\nGROUP_FOLDER = "b"', "b"),
    ('GROUP_FOLDER = "a"\nGROUP_FOLDER = some_call()', None),
    ('from pathlib import Path\nGROUP_FOLDER = Path("/hub/groups/g2")', "/hub/groups/g2"),
    ('import pathlib\nGROUP_FOLDER = pathlib.Path(r"C:\\Users\\ana\\g3")', "C:\\Users\\ana\\g3"),
    ('GROUP_FOLDER = Path("/a", "b")', None),
    ("GROUP_FOLDER = (", None),
])
def test_the_group_named_is_read_from_the_cell_text_never_run(source, expected):
    nb = {"cells": [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": source}]}
    assert group_copy.named_group(nb) == expected


def test_a_windows_path_finds_the_group_by_its_last_folder(graded):
    cohort, group = graded[0], graded[1]
    found, kept = group_copy.group_source(cohort, SEMINAR, f"C:\\Users\\ana\\groups\\{group.name}")
    assert (found, kept) == (group_copy.snapshot_folder(cohort, SEMINAR) / group.name, True)


def test_a_notebook_without_a_your_group_cell_names_no_group():
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "source": 'GROUP_FOLDER = "/x/g1"'}]}
    assert group_copy.named_group(nb) is None


def test_collecting_says_what_it_did_without_nbgraders_log(graded):
    collected = graded[3]
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert "ZipCollectApp" not in collected.stderr and "Collected 3 hand-in(s)" in collected.stdout


def test_groups_working_elsewhere_are_kept_from_there(graded, tmp_path):
    cohort, group = graded[0], graded[1]
    shared = tmp_path / "shared-groups"
    shutil.copytree(group, shared / group.name)
    (shared / group.name / "stakeholders.csv").write_text("id,name\nS1,Town council\n", encoding="utf-8")
    kept = group_copy.take_snapshot(cohort, "99_later", source=shared)
    assert (kept / group.name / "stakeholders.csv").read_text(encoding="utf-8").startswith("id,name")
    assert group_copy.group_source(cohort, "99_later", f"{HUB}/{group.name}") == (kept / group.name, True)


def test_a_groups_folder_without_groups_is_refused_before_anything_is_collected(graded, tmp_path):
    cohort = graded[0]
    done = planet("cohort", "collect", SEMINAR, "--cohort", str(cohort.folder), "--from", str(tmp_path),
                  "--groups-from", str(tmp_path / "nowhere"))
    assert done.returncode == 2 and "holds no group folders" in done.stderr and "Traceback" not in done.stderr


def test_a_mistyped_seminar_is_named_with_the_nearest_one(graded):
    cohort = graded[0]
    done = planet("grade", "00_grup", "--cohort", str(cohort.folder))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "no seminar '00_grup' in this cohort (did you mean 00_group?)" in done.stderr
    assert "workbook" not in done.stderr


def test_an_exchange_given_at_release_is_kept_in_cohort_yaml(graded, tmp_path):
    cohort = graded[0]
    settings = cohort.folder / "cohort.yaml"
    before = settings.read_text(encoding="utf-8")
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    done = planet("cohort", "release", SEMINAR, "--cohort", str(cohort.folder), "--exchange", str(exchange),
                  "--force")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Kept in cohort.yaml" in done.stdout
    after = settings.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n")) and f"exchange: {exchange}" in after  # added, nothing else changed
    assert CohortCourse.load(cohort.folder).exchange == str(exchange)
