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

The cells' text lives in ``tools/seminar_01_text.py``, written as calls on a ``Book``; the cell
kinds of docs/authoring-notebooks.md and the writing of the files live in ``tools/notebook_cells.py``
(shared by the three seminars; fixed cell ids, so writing the notebooks again gives the same
files). This script only hands the one to the other.

Run it again after changing either file:  ``.venv/bin/python tools/make_seminar_01.py``
Then check:  ``.venv/bin/python -m pytest tests/test_course_integrity.py -q -k 01_programming``
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import notebook_cells  # noqa: E402  (the cell kinds every seminar shares, next to this script)
import seminar_01_text as text  # noqa: E402  (the notebooks' content, next to this script)

TARGET = HERE.parent / "seminars" / "01_programming"
NOTEBOOKS = (
    ("01_project_cycle", text.project_cycle),
    ("02_network_priorities", text.network_priorities),
    ("03_between_seminars", text.between_seminars),
)


def _cell_id(grade_id: str) -> str:
    """Seminar 1's text names graded cells by their grade id; the cell id has '-' for '_'."""
    return grade_id.replace("_", "-")


class Book:
    """The cells of one notebook, added in order by a function of `seminar_01_text`.

    Seminar 1's text is written as calls on a book (`b.md(source, cell_id)`,
    `b.test(grade_id, points, source)`, ...); each method adds one cell kind of `notebook_cells`.
    """

    def __init__(self):
        self.cells = []

    def md(self, source: str, cell_id: str):
        self.cells.append(notebook_cells.md(cell_id, source))

    def code(self, source: str, cell_id: str):
        self.cells.append(notebook_cells.code(cell_id, source))

    def your_group(self):
        self.cells.extend(notebook_cells.your_group())

    def locked(self, grade_id: str, source: str):
        self.cells.append(notebook_cells.locked(_cell_id(grade_id), source))

    def answer(self, grade_id: str, source: str):
        self.cells.append(notebook_cells.answer(_cell_id(grade_id), source))

    def test(self, grade_id: str, points: int, source: str):
        self.cells.append(notebook_cells.test(_cell_id(grade_id), source, points))

    def manual(self, grade_id: str, points: int, source: str):
        self.cells.append(notebook_cells.written(_cell_id(grade_id), source, points))

    def trainer(self, source: str, cell_id: str):
        self.cells.append(notebook_cells.trainer_notes(cell_id, source))


def cells_of(fill) -> list:
    """The cells a function of `seminar_01_text` adds to an empty book."""
    book = Book()
    fill(book)
    return book.cells


def main(target: Path = TARGET) -> None:
    notebook_cells.write_notebooks(target, {name: cells_of(fill) for name, fill in NOTEBOOKS})


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET)
