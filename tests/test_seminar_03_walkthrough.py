"""Seminar 3 worked through for one sample group: the workbook it leaves, and what the group sends.

The four source notebooks of ``seminars/03_formulation`` run once each, in course order, with
their solutions (as a participant who gets everything right), on a participant's own group
folder in a cohort (``<cohort>/groups/g1-green-towns`` beside the sample cohort's
``cohort.yaml``), as seminar 2 left it: the worked example's network, programming and
identification files, and no logframe, schedule or budget yet. As the kit's convention says
(``planet_lib.working_copy``), an own group is worked on in place, so seminar 3 carries on from
seminar 2's files. The kernels read a scratch copy of ``data/`` (``PLANET_DATA``, as the
course-integrity suite does).

The live parts (the projected logframe editor) are not graded and papermill cannot type into
them: after notebook 1 the test writes what the worked example's group built there, its
logframe, schedule and budget, into the group folder. Then:

- notebook 1 drafted the logframe from the group's objectives placed at their levels;
- the group folder passes every check of the kit and the sample cohort's rule set;
- it holds what the exercises saved (rated assumptions, the planned event and its costs);
- the proposal pack and the Word table exist, open with openpyxl and hold the final workbook;
- nothing was copied into the work folder (only the practice drafts are there) and the sample
  data itself is unchanged.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import nbformat
import pytest

from planet_lib import Cohort, Group, check_eligibility, check_group, import_logframe_xlsx, load_ruleset
from planet_lib.budget import total
from planet_lib.course import KIT_ROOT
from planet_lib.findings import errors
from planet_lib.sample import SAMPLE_NAME, WORKED_EXAMPLE

SEMINAR = KIT_ROOT / "seminars" / "03_formulation"
NOTEBOOKS = ("01_logframe", "02_indicators_assumptions", "03_workplan_budget", "04_proposal_pack")
GROUP = WORKED_EXAMPLE
PLANNED_EVENT = "A2.5"  # the event the solution of notebook 3, exercise 2 adds
PACK_SHEETS = ("Logframe", "Schedule", "Budget")
AFTER_SEMINAR_2 = ("group.yaml", "programming.yaml", "stakeholders.csv", "problems.csv", "objectives.csv",
                   "strategy.yaml")
BUILT_LIVE = ("logframe.yaml", "activities.csv", "budget.csv")  # in the editor of notebook 1


def _run(notebook: Path, output: Path, folder: Path, parameters: dict) -> None:
    import papermill

    papermill.execute_notebook(str(notebook), str(output), parameters=parameters, cwd=str(folder),
                               kernel_name="python3", progress_bar=False, log_output=False)


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory):
    """Run the four notebooks once, in order, on a group folder as seminar 2 left it; returns the folders."""
    root = tmp_path_factory.mktemp("seminar-03")
    data = root / "data"
    shutil.copytree(KIT_ROOT / "data", data)
    folder = root / "notebooks"
    folder.mkdir()
    original = data / SAMPLE_NAME / "groups" / GROUP
    before = _fingerprints(data / SAMPLE_NAME)
    group = root / "cohort" / "groups" / GROUP
    group.mkdir(parents=True)
    shutil.copy(data / SAMPLE_NAME / "cohort.yaml", root / "cohort")
    for name in AFTER_SEMINAR_2:
        shutil.copy(original / name, group)
    parameters = {"GROUP_FOLDER": str(group), "WORK_FOLDER": str(folder / "my-workbook")}
    drafted = None
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANET_DATA", str(data))  # the kernels inherit it
        for name in NOTEBOOKS:
            _run(SEMINAR / f"{name}.ipynb", folder / f"{name}.ipynb", folder, parameters)
            if name == "01_logframe":
                drafted = Group.load(group).logframe
                for built in BUILT_LIVE:
                    shutil.copy(original / built, group)
        yield {"data": data, "folder": folder, "work": group, "work_folder": folder / "my-workbook",
               "drafted": drafted, "sample": data / SAMPLE_NAME, "before": before}


def _fingerprints(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _outputs(notebook: Path, kind: str) -> list[str]:
    nb = nbformat.read(str(notebook), as_version=4)
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == kind or out.get("name") == kind:
                found.append(f"{cell.get('id')}: {out.get('ename') or out.get('text', '')[:200]}")
    return found


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_each_notebook_runs_top_to_bottom_with_its_solutions(walkthrough, name):
    executed = walkthrough["folder"] / f"{name}.ipynb"
    assert _outputs(executed, "error") == []
    test_cells = {c.get("id") for c in nbformat.read(str(executed), as_version=4).cells
                  if c.get("metadata", {}).get("nbgrader", {}).get("grade") and c.cell_type == "code"}
    assert [line for line in _outputs(executed, "stderr") if line.split(":")[0] in test_cells] == []


def test_notebook_1_drafted_the_logframe_from_the_objectives_at_their_levels(walkthrough):
    drafted = walkthrough["drafted"]
    assert drafted is not None, "Notebook 1 wrote no logframe.yaml into the group folder"
    objectives = {o.id: o.statement for o in Group.load(walkthrough["work"]).objectives}
    assert [s.text for s in drafted.specific_objectives] == [objectives["O4"]]
    assert [s.text for s in drafted.results] == [objectives[i] for i in ("O9", "O8", "O12")]


def test_the_workbook_passes_every_check(walkthrough):
    found = check_group(walkthrough["work"])
    assert errors(found) == [], "\n".join(str(f) for f in errors(found))


def test_the_plan_meets_the_sample_cohorts_rule_set(walkthrough):
    group = Group.load(walkthrough["work"])
    programme = Cohort.load(walkthrough["data"] / SAMPLE_NAME).info.programme
    found = check_eligibility(group.network, group.activities, load_ruleset(programme), grant=total(group.budget))
    assert found == [], "\n".join(str(f) for f in found)


def test_the_workbook_holds_what_the_exercises_saved(walkthrough):
    group = Group.load(walkthrough["work"])
    assumptions = [a for s in group.logframe.specific_objectives + group.logframe.results for a in s.assumptions]
    assert assumptions and all(a.important is True and a.likelihood == "possible" for a in assumptions)
    event = next(a for a in group.activities if a.id == PLANNED_EVENT)
    assert (event.kind, event.country, event.days, event.participants) == ("event", "ES", 2, 36)
    assert sum(line.amount for line in group.budget if line.activity == PLANNED_EVENT) == 5840


def test_the_proposal_pack_opens_and_holds_the_final_workbook(walkthrough):
    from openpyxl import load_workbook

    pack = walkthrough["work"] / f"{GROUP}-proposal-pack.xlsx"
    book = load_workbook(pack)
    assert [name for name in PACK_SHEETS if name in book.sheetnames] == list(PACK_SHEETS)
    schedule_text = {str(cell.value) for row in book["Schedule"].iter_rows() for cell in row if cell.value}
    budget_text = {str(cell.value) for row in book["Budget"].iter_rows() for cell in row if cell.value}
    assert any(PLANNED_EVENT in text for text in schedule_text)
    assert "Meeting hall (days)" in budget_text
    read_back = import_logframe_xlsx(pack)
    final = Group.load(walkthrough["work"]).logframe
    assert [(s.id, s.text) for s in read_back.results] == [(s.id, s.text) for s in final.results]
    assert ([(a.text, a.likelihood) for s in read_back.results for a in s.assumptions]
            == [(a.text, a.likelihood) for s in final.results for a in s.assumptions])


def test_the_word_table_is_written(walkthrough):
    page = (walkthrough["work"] / "logframe.html").read_text(encoding="utf-8")
    assert "<table" in page and "Green Towns, Active Citizens" in page


def test_the_group_was_worked_on_in_place_and_the_sample_data_is_left_as_it_was(walkthrough):
    assert sorted(p.name for p in walkthrough["work_folder"].iterdir()) == ["practice"]  # no copy of the group
    assert _fingerprints(walkthrough["sample"]) == walkthrough["before"]
