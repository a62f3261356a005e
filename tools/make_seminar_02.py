"""Write the source notebooks of seminar 2 (identification) into seminars/02_identification/.

Four notebooks, in the order a group works through them:

1. ``01_stakeholders``: the four-column matrix and the importance/influence grid; which box,
   and special measures for box B; the group's own stakeholder analysis (live, then graded).
2. ``02_problem_tree``: problem statements, well and badly worded; the core problem; causes and
   effects linked into a tree; the group's own tree (live, then graded).
3. ``03_objectives_strategy``: the problem tree mirrored and reworded into an objective tree;
   the means-ends check; options scored on weighted criteria; the choice justified.
4. ``04_between_seminars``: consulting local stakeholders, revising the trees, and a clean
   self-check before seminar 3.

Every notebook opens with the "Your group" cells every seminar shares (``tools/seminar_common.py``;
the code cell is a papermill ``parameters`` cell) and the same set-up: ``planet_lib.working_copy``
gives the folder to work on (a participant's own group folder, saved in place; a group of the
kit's ``data/`` is copied into ``WORK_FOLDER`` first), and answers are saved with
``planet_lib.save_checked``. The cells' text lives in ``tools/seminar_02_text.py``; the cell kinds
of docs/authoring-notebooks.md and the writing of the files live in ``tools/notebook_cells.py``
(shared by the three seminars); this script only puts the cells in order.

Run it again after changing either file:  ``.venv/bin/python tools/make_seminar_02.py``
Then check:  ``.venv/bin/python -m pytest tests/test_course_integrity.py -q -k 02_identification``
and ``.venv/bin/python -m pytest tests/test_seminar_02_walkthrough.py -q``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import seminar_02_text as text  # noqa: E402  (the notebooks' content, next to this script)
from notebook_cells import (answer, code, locked, md, test, trainer_notes, write_notebooks,  # noqa: E402
                            written, your_group)

TARGET = HERE.parent / "seminars" / "02_identification"


# --- what opens and closes each of the four notebooks -----------------------------------------

def opening(header: str, helpers: str | None = None) -> list:
    """Header, the "Your group" cell, the shared set-up and this notebook's own helpers."""
    cells = [md("header", header), *your_group(), locked("setup", text.SETUP, hidden=True)]
    if helpers:
        cells.append(locked("helpers", helpers, hidden=True))
    return cells


def closing(notes: str, key_points: str) -> list:
    """Trainer notes, key points and the self-check, the last cell of every notebook."""
    return [trainer_notes("trainer-notes", notes), md("key-points", key_points),
            md("self-check-intro", text.SELF_CHECK_INTRO), locked("self-check", text.SELF_CHECK)]


# --- the four notebooks ----------------------------------------------------------------------

def stakeholders_notebook() -> list:
    t = text.STAKEHOLDERS
    return [
        *opening(t.HEADER),
        md("who-concept", t.WHO_CONCEPT),
        code("who-example", t.WHO_EXAMPLE),
        md("matrix-concept", t.MATRIX_CONCEPT),
        code("matrix-example", t.MATRIX_EXAMPLE),
        md("grid-concept", t.GRID_CONCEPT),
        code("grid-table", t.GRID_TABLE),
        md("grid-example-intro", t.GRID_EXAMPLE_INTRO),
        code("grid-example", t.GRID_EXAMPLE),
        md("quadrant-intro", t.QUADRANT_INTRO),
        code("quadrant-example", t.QUADRANT_EXAMPLE),
        md("exercise-1", t.EXERCISE_1),
        locked("young-voices", t.YOUNG_VOICES),
        answer("boxes-answer", t.BOXES_ANSWER),
        test("boxes-sorted", t.BOXES_SORTED, 1),
        test("boxes-scored", t.BOXES_SCORED, 1),
        md("box-b-concept", t.BOX_B_CONCEPT),
        code("box-b-example", t.BOX_B_EXAMPLE),
        md("exercise-2", t.EXERCISE_2),
        answer("box-b-answer", t.BOX_B_ANSWER),
        test("box-b-covered", t.BOX_B_COVERED, 1),
        test("box-b-concrete", t.BOX_B_CONCRETE, 1),
        md("live-concept", t.LIVE_CONCEPT),
        code("live-editor", t.LIVE_EDITOR),
        md("live-fallback", t.LIVE_FALLBACK),
        code("live-grid", t.LIVE_GRID),
        md("exercise-3", t.EXERCISE_3),
        answer("stakeholders-answer", t.STAKEHOLDERS_ANSWER),
        test("stakeholders-complete", t.STAKEHOLDERS_COMPLETE, 1),
        test("stakeholders-boxes", t.STAKEHOLDERS_BOXES, 1),
        test("stakeholders-saved", t.STAKEHOLDERS_SAVED, 1),
        md("exercise-4", t.EXERCISE_4),
        written("hardest-stakeholder", t.HARDEST_STAKEHOLDER, 2),
        *closing(t.TRAINER_NOTES, t.KEY_POINTS),
    ]


def problems_notebook() -> list:
    t = text.PROBLEMS
    return [
        *opening(t.HEADER),
        md("cards-concept", t.CARDS_CONCEPT),
        code("cards-example", t.CARDS_EXAMPLE),
        md("cards-limits", t.CARDS_LIMITS),
        code("cards-worked", t.CARDS_WORKED),
        md("exercise-1", t.EXERCISE_1),
        locked("statements", t.STATEMENTS),
        answer("sort-answer", t.SORT_ANSWER),
        test("sort-complete", t.SORT_COMPLETE, 1),
        test("sort-right", t.SORT_RIGHT, 1),
        md("exercise-2", t.EXERCISE_2),
        answer("rewrite-answer", t.REWRITE_ANSWER),
        test("rewrite-chosen", t.REWRITE_CHOSEN, 1),
        test("rewrite-passes", t.REWRITE_PASSES, 1),
        md("core-concept", t.CORE_CONCEPT),
        code("core-example", t.CORE_EXAMPLE),
        md("links-concept", t.LINKS_CONCEPT),
        code("links-table", t.LINKS_TABLE),
        md("tree-intro", t.TREE_INTRO),
        code("tree-example", t.TREE_EXAMPLE),
        md("in-python", t.IN_PYTHON),
        md("live-concept", t.LIVE_CONCEPT),
        code("live-editor", t.LIVE_EDITOR),
        md("live-fallback", t.LIVE_FALLBACK),
        code("live-tree", t.LIVE_TREE),
        md("exercise-3", t.EXERCISE_3),
        answer("tree-answer", t.TREE_ANSWER),
        test("tree-no-errors", t.TREE_NO_ERRORS, 1),
        test("tree-shape", t.TREE_SHAPE, 1),
        test("tree-tidy", t.TREE_TIDY, 1),
        test("tree-saved", t.TREE_SAVED, 1),
        md("exercise-4", t.EXERCISE_4),
        written("why-core", t.WHY_CORE, 2),
        *closing(t.TRAINER_NOTES, t.KEY_POINTS),
    ]


def objectives_notebook() -> list:
    t = text.OBJECTIVES
    return [
        *opening(t.HEADER, t.HELPERS),
        md("mirror-concept", t.MIRROR_CONCEPT),
        code("mirror-example", t.MIRROR_EXAMPLE),
        md("reword-concept", t.REWORD_CONCEPT),
        code("objective-tree-example", t.OBJECTIVE_TREE_EXAMPLE),
        md("logic-concept", t.LOGIC_CONCEPT),
        md("exercise-1", t.EXERCISE_1),
        locked("generations", t.GENERATIONS),
        code("generations-trees", t.GENERATIONS_TREES),
        answer("broken-link-answer", t.BROKEN_LINK_ANSWER),
        test("broken-link-found", t.BROKEN_LINK_FOUND, 1),
        md("live-concept", t.LIVE_CONCEPT),
        code("live-editor", t.LIVE_EDITOR),
        md("live-fallback", t.LIVE_FALLBACK),
        code("live-tree", t.LIVE_TREE),
        md("exercise-2", t.EXERCISE_2),
        code("draft", t.DRAFT),
        answer("objectives-answer", t.OBJECTIVES_ANSWER),
        test("objectives-no-errors", t.OBJECTIVES_NO_ERRORS, 1),
        test("objectives-wording", t.OBJECTIVES_WORDING, 1),
        test("objectives-origin", t.OBJECTIVES_ORIGIN, 1),
        test("objectives-links", t.OBJECTIVES_LINKS, 1),
        md("strategy-concept", t.STRATEGY_CONCEPT),
        code("scores-example", t.SCORES_EXAMPLE),
        code("scores-figure", t.SCORES_FIGURE),
        md("choice-intro", t.CHOICE_INTRO),
        code("choice-example", t.CHOICE_EXAMPLE),
        md("strategy-in-python", t.IN_PYTHON),
        md("exercise-3", t.EXERCISE_3),
        answer("strategy-answer", t.STRATEGY_ANSWER),
        test("strategy-no-errors", t.STRATEGY_NO_ERRORS, 1),
        test("strategy-complete", t.STRATEGY_COMPLETE, 1),
        test("strategy-saved", t.STRATEGY_SAVED, 1),
        md("exercise-4", t.EXERCISE_4),
        written("why-strategy", t.WHY_STRATEGY, 3),
        *closing(t.TRAINER_NOTES, t.KEY_POINTS),
    ]


def between_notebook() -> list:
    t = text.BETWEEN
    return [
        *opening(t.HEADER, t.HELPERS),
        md("whom-concept", t.WHOM_CONCEPT),
        code("by-box", t.BY_BOX),
        md("print-concept", t.PRINT_CONCEPT),
        code("print", t.PRINT),
        md("exercise-1", t.EXERCISE_1),
        answer("consulted-answer", t.CONSULTED_ANSWER),
        test("consulted-known", t.CONSULTED_KNOWN, 1),
        test("consulted-learned", t.CONSULTED_LEARNED, 1),
        md("revise-concept", t.REVISE_CONCEPT),
        md("exercise-2", t.EXERCISE_2),
        answer("new-cards-answer", t.NEW_CARDS_ANSWER),
        test("new-cards-no-errors", t.NEW_CARDS_NO_ERRORS, 1),
        test("new-cards-fit", t.NEW_CARDS_FIT, 1),
        test("new-cards-saved", t.NEW_CARDS_SAVED, 1),
        md("exercise-3", t.EXERCISE_3),
        answer("new-objectives-answer", t.NEW_OBJECTIVES_ANSWER),
        test("new-objectives-no-errors", t.NEW_OBJECTIVES_NO_ERRORS, 1),
        test("new-objectives-fit", t.NEW_OBJECTIVES_FIT, 1),
        md("exercise-4", t.EXERCISE_4),
        written("what-changed", t.WHAT_CHANGED, 2),
        md("ready-concept", t.READY_CONCEPT),
        code("ready", t.READY),
        *closing(t.TRAINER_NOTES, t.KEY_POINTS),
    ]


NOTEBOOKS = {
    "01_stakeholders": stakeholders_notebook,
    "02_problem_tree": problems_notebook,
    "03_objectives_strategy": objectives_notebook,
    "04_between_seminars": between_notebook,
}


def main(target: Path = TARGET) -> None:
    write_notebooks(target, {name: cells() for name, cells in NOTEBOOKS.items()})


if __name__ == "__main__":
    main()
