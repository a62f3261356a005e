"""The kinds of cell a seminar notebook is made of, marked for nbgrader, and the writing of the files.

`make_seminar_01.py`, `make_seminar_02.py` and `make_seminar_03.py` build every notebook from
these cells, so the three seminars mark their cells in one way: the way the table "Marking
cells" of docs/authoring-notebooks.md describes, which is what releasing and grading with
nbgrader expect. What the cells *say* lives in the `seminar_0N_text.py` modules and in
`seminar_common.py`; this module only knows the cell kinds.

Every cell gets a fixed id, given by the generator, so writing the notebooks again gives the same
files byte for byte and a diff of `seminars/` shows only what really changed. A cell's nbgrader
grade id is its cell id with "_" for "-" (`boxes-answer` is graded as `boxes_answer`), so the
one name finds the cell both in the notebook and in nbgrader's gradebook.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from seminar_common import YOUR_GROUP, YOUR_GROUP_INTRO


def grade_id(cell_id: str) -> str:
    """The nbgrader grade id of a cell: its cell id with "_" for "-"."""
    return cell_id.replace("-", "_")


def nbgrader(cell_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    """nbgrader cell metadata, schema version 3 (what the Create Assignment toolbar writes)."""
    meta = {"schema_version": 3, "grade_id": grade_id(cell_id), "grade": grade, "solution": solution,
            "locked": locked}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def md(cell_id: str, source: str):
    """Text anyone reads: concepts, exercise statements, key points."""
    return new_markdown_cell(source.strip(), id=cell_id)


def code(cell_id: str, source: str):
    """A worked example or a step participants run as it is (live parts included: never graded)."""
    return new_code_cell(source.strip(), id=cell_id)


def your_group() -> list:
    """The two "Your group" cells every seminar opens with, word for word (`seminar_common.py`).

    The code cell is the one cell a participant edits (which workbook), so it carries no nbgrader
    metadata; its `parameters` tag lets papermill pass `GROUP_FOLDER` and `WORK_FOLDER` to it.
    """
    return [md("your-group-intro", YOUR_GROUP_INTRO),
            new_code_cell(YOUR_GROUP.strip(), id="your-group", metadata={"tags": ["parameters"]})]


def locked(cell_id: str, source: str, hidden: bool = False):
    """Given code (set-up, practice data), put back as it was when grading.

    `hidden` folds the code away in JupyterLab, for helpers a participant need not read.
    """
    meta = nbgrader(cell_id, locked=True)
    if hidden:
        meta["jupyter"] = {"source_hidden": True}
    return new_code_cell(source.strip(), id=cell_id, metadata=meta)


def answer(cell_id: str, source: str):
    """An autograded answer: participants get the solution region as `raise NotImplementedError()`."""
    return new_code_cell(source.strip(), id=cell_id, metadata=nbgrader(cell_id, solution=True))


def test(cell_id: str, source: str, points: int):
    """An autograded test cell worth `points`; its hidden region is put back only when grading."""
    meta = nbgrader(cell_id, grade=True, locked=True, points=points)
    return new_code_cell(source.strip(), id=cell_id, metadata=meta)


def written(cell_id: str, source: str, points: int):
    """A written answer graded by hand; the source holds the model answer."""
    meta = nbgrader(cell_id, grade=True, solution=True, points=points)
    return new_markdown_cell(source.strip(), id=cell_id, metadata=meta)


def trainer_notes(cell_id: str, source: str):
    """Notes for the trainer: removed from participants' copies by the kit's nbgrader configuration."""
    return new_markdown_cell(source.strip(), id=cell_id, metadata={"tags": ["trainer-notes"]})


def notebook(cells: list) -> nbformat.NotebookNode:
    """A notebook of these cells, without outputs; checked against the notebook format before it is written."""
    nb = new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    nbformat.validate(nb)
    return nb


def write_notebooks(target: Path, notebooks: dict) -> None:
    """Write each notebook (name -> its cells) into the seminar folder `target`.

    The `.keep` file that held the folder in git while it was empty is removed: the notebooks
    hold it now.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name, cells in notebooks.items():
        path = target / f"{name}.ipynb"
        nbformat.write(notebook(cells), str(path))
        print(f"wrote {path}")
    (target / ".keep").unlink(missing_ok=True)
