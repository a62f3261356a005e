"""nbgrader add-ons of the kit: keep trainer notes out of what participants receive.

A seminar's source notebook holds, next to the exercises, markdown cells for the trainer:
timing tips, what to watch for, debrief questions and marking rubrics. They are tagged
`trainer-notes` (cell metadata ``tags``) and `RemoveTrainerNotes` drops them when nbgrader
generates the participants' copies, so they never reach a participant.
`ensure_scripts_on_path` lets nbgrader find the `alembic` command it needs for a new gradebook.

This module is imported by ``nbgrader_config.py``; it imports nbgrader at module level on
purpose and is never imported by ``import planet_lib``.
"""

from __future__ import annotations

import os
import shutil
import sysconfig

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from .course_integrity import TRAINER_NOTES_TAG, carries_marks_or_answer


class TrainerNotesError(ValueError):
    """A cell is tagged as trainer notes but is also an exercise, answer or test cell."""


class RemoveTrainerNotes(NbGraderPreprocessor):
    """Drop every cell tagged `trainer-notes` from the participants' copy.

    It runs before nbgrader locks cells and saves them to the gradebook, so a trainer note
    is never stored as a source cell and cannot come back at autograding or in feedback.
    A tagged cell that is also an answer, test or task cell stops the release: dropping it
    silently would change the marks.
    """

    tag = Unicode(TRAINER_NOTES_TAG, help="The cell tag that marks trainer notes.").tag(config=True)

    def preprocess(self, nb, resources):
        kept = []
        for index, cell in enumerate(nb.cells):
            if self.tag not in cell.get("metadata", {}).get("tags", []):
                kept.append(cell)
            elif carries_marks_or_answer(cell):
                raise TrainerNotesError(
                    f"Cell {index + 1} is tagged '{self.tag}' but is also an answer, test or task cell. "
                    f"Remove the '{self.tag}' tag, or move the trainer notes into a separate markdown cell."
                )
        nb.cells = kept
        return nb, resources


def with_trainer_notes_removed(preprocessors) -> list:
    """nbgrader's generate_assignment preprocessors with `RemoveTrainerNotes` added early.

    It goes right after `IncludeHeaderFooter` (so notes in a shared header or footer go too)
    and before `LockCells`/`SaveCells`; reading nbgrader's own list keeps the rest of the
    pipeline as upstream ships it.
    """
    steps = [p for p in preprocessors if p is not RemoveTrainerNotes]
    names = [p.__name__ for p in steps]
    at = names.index("IncludeHeaderFooter") + 1 if "IncludeHeaderFooter" in names else 0
    return steps[:at] + [RemoveTrainerNotes] + steps[at:]


def ensure_scripts_on_path() -> None:
    """Let nbgrader find the `alembic` command installed next to this Python.

    nbgrader runs ``alembic`` as a command when it creates a new gradebook; without this, a
    first release fails with "No such file or directory: 'alembic'" whenever the kit's
    environment is used without being activated (``.venv/bin/nbgrader ...``).
    """
    scripts = sysconfig.get_path("scripts")
    if shutil.which("alembic") is None and os.path.isfile(os.path.join(scripts, "alembic")):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")
