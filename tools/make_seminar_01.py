"""Write the source notebooks of seminar 1 (programming) into seminars/01_programming/.

Three notebooks, in the order a group works through them:

1. ``01_project_cycle``: the five phases of the cycle and where each seminar sits; the
   programme's rules, priorities and sources, read from the rule set; a draft network tested
   against the rules and fixed.
2. ``02_network_priorities``: partner profiles; each town's local priorities scored against the
   programme priorities (the alignment heatmap); a SWOT (internal vs external); the theme,
   chosen with a reason; a reflection graded by hand.
3. ``03_between_seminars``: homework: each member's town profile and first stakeholders,
   saved in the group workbook, and the self-check before seminar 2.

Every notebook opens with the "Your group" cells every seminar shares (``tools/seminar_common.py``)
and opens its workbook with ``planet_lib.working_copy``: a participant's own group folder is
saved in place, so what seminar 1 saves is there for seminar 2; a group of the kit's ``data/``
is copied into ``WORK_FOLDER`` first. Answers are saved with ``planet_lib.save_checked``.

The cells' text lives in ``tools/seminar_01_text.py``; this script only knows the cell kinds
of docs/authoring-notebooks.md and writes the files (with fixed cell ids, so writing them again
gives the same files).

Run it again after changing either file:  ``.venv/bin/python tools/make_seminar_01.py``
Then check:  ``.venv/bin/python -m pytest tests/test_course_integrity.py -q -k 01_programming``
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import seminar_01_text as text  # noqa: E402  (the notebooks' content, next to this script)

TARGET = HERE.parent / "seminars" / "01_programming"
NOTEBOOKS = (
    ("01_project_cycle", text.project_cycle),
    ("02_network_priorities", text.network_priorities),
    ("03_between_seminars", text.between_seminars),
)


def nbgrader(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    """nbgrader cell metadata, schema version 3 (what the Create Assignment toolbar writes)."""
    meta = {"schema_version": 3, "grade_id": grade_id, "grade": grade, "solution": solution, "locked": locked}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


class Book:
    """The cells of one notebook, added in order; a cell's id is its grade id with '-' for '_'."""

    def __init__(self):
        self.cells = []

    def md(self, source: str, cell_id: str):
        """Text anyone reads: concepts, exercise statements, key points."""
        self.cells.append(new_markdown_cell(source.strip("\n"), id=cell_id))

    def code(self, source: str, cell_id: str):
        """A worked example or a step participants run as it is (never graded)."""
        self.cells.append(new_code_cell(source.strip("\n"), id=cell_id))

    def your_group(self, intro: str, source: str):
        """The "Your group" cells every seminar shares; the code cell is tagged for papermill."""
        self.md(intro, "your-group-intro")
        self.cells.append(new_code_cell(source.strip("\n"), id="your-group", metadata={"tags": ["parameters"]}))

    def locked(self, grade_id: str, source: str):
        """Given code (set-up, practice data), put back as it was when grading."""
        self._add(new_code_cell, grade_id, source, nbgrader(grade_id, locked=True))

    def answer(self, grade_id: str, source: str):
        """An autograded answer: the solution region becomes `raise NotImplementedError()`."""
        self._add(new_code_cell, grade_id, source, nbgrader(grade_id, solution=True))

    def test(self, grade_id: str, points: int, source: str):
        """An autograded test cell worth `points`."""
        self._add(new_code_cell, grade_id, source, nbgrader(grade_id, grade=True, locked=True, points=points))

    def manual(self, grade_id: str, points: int, source: str):
        """A written answer graded by hand (the source holds the model answer)."""
        self._add(new_markdown_cell, grade_id, source, nbgrader(grade_id, grade=True, solution=True, points=points))

    def trainer(self, source: str, cell_id: str):
        """Trainer notes: removed from participants' copies by the kit's nbgrader configuration."""
        self.cells.append(new_markdown_cell(source.strip("\n"), id=cell_id, metadata={"tags": ["trainer-notes"]}))

    def _add(self, make, grade_id, source, metadata):
        self.cells.append(make(source.strip("\n"), id=grade_id.replace("_", "-"), metadata=metadata))

    def notebook(self) -> nbformat.NotebookNode:
        nb = new_notebook(cells=self.cells)
        nb.metadata = {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        }
        nbformat.validate(nb)
        return nb


def main(target: Path = TARGET) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name, fill in NOTEBOOKS:
        book = Book()
        fill(book)
        nbformat.write(book.notebook(), str(target / f"{name}.ipynb"))
        print(f"wrote {target / name}.ipynb")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET)
