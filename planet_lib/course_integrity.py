"""Course-integrity checks: what a seminar notebook author must get right for nbgrader.

Plain functions on notebooks (``nbformat`` nodes or plain dicts), so the test suite runs them
on every seminar notebook and on deliberately broken copies. Each returns `Finding` objects;
``file`` is the notebook's path inside ``seminars/`` and ``item`` the cell's ``grade_id`` or
"cell N" (counting from 1, as Jupyter shows them).

What is secret, collected from the source notebook:
- solution text: the lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION``, or the
  whole cell when an answer cell has no such markers;
- hidden tests: the lines between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``;
- mark schemes: the lines between ``### BEGIN MARK SCHEME`` and ``### END MARK SCHEME``;
- trainer notes: every line of a cell tagged ``trainer-notes``.
A released copy leaks when one of those lines, compared with spacing tidied, is a whole line
of the released copy. Lines with fewer than 8 visible characters or without a letter (a
closing bracket, ``x = 1``) are too common to tell anything and are skipped. So a line that
is both in a solution and, on purpose, somewhere visible (say in the worked example) is
reported: move it out of the solution region.

Limits (English only): points are read from "(2 points)" / "(1 point)" in the exercise text,
and an untagged trainer note is recognised by a first line such as "Trainer notes",
"Notes for trainers" or "Instructor notes". Notes written in other languages are not
recognised: tag them.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from .findings import Finding, error

TRAINER_NOTES_TAG = "trainer-notes"
SECRET_REGIONS = {  # kind -> (begin marker, end marker), as nbgrader spells them
    "solution": ("BEGIN SOLUTION", "END SOLUTION"),
    "hidden test": ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"),
    "mark scheme": ("BEGIN MARK SCHEME", "END MARK SCHEME"),
}
LEAK_CODES = {
    "solution": "course.solution_in_release",
    "hidden test": "course.hidden_test_in_release",
    "mark scheme": "course.mark_scheme_in_release",
    "trainer notes": "course.trainer_notes_in_release",
}
MIN_SECRET_CHARS = 8
POINTS = re.compile(r"\((\d+(?:\.\d+)?)\s+points?\)", re.IGNORECASE)
TRAINER_NOTE_TITLE = re.compile(
    r"^(?:(?:trainer|instructor|facilitator)s?['’]?\s+notes?"
    r"|notes?\s+for\s+(?:the\s+)?(?:trainer|instructor|facilitator)s?"
    r"|for\s+(?:the\s+)?trainers?(?:\s+only)?)\b",
    re.IGNORECASE,
)
PORTABLE_ID = re.compile(r"^[A-Za-z0-9_-]+$")


# --- reading cells -------------------------------------------------------------------------

def _text(value) -> str:
    """Notebook text fields may be a string or a list of lines."""
    return "".join(value) if isinstance(value, list) else (value or "")


def _source(cell) -> str:
    return _text(cell.get("source", ""))


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_trainer_notes(cell) -> bool:
    return TRAINER_NOTES_TAG in cell.get("metadata", {}).get("tags", [])


def carries_marks_or_answer(cell) -> bool:
    """An answer, test or task cell: dropping it would change the grading."""
    meta = _nbgrader(cell)
    return bool(meta.get("grade") or meta.get("solution") or meta.get("task"))


def is_graded(cell) -> bool:
    """A cell that earns points: a test cell, a manually graded answer or a task."""
    meta = _nbgrader(cell)
    return bool(meta.get("grade") or meta.get("task"))


def _item(cell, index: int) -> str:
    return _nbgrader(cell).get("grade_id") or f"cell {index + 1}"


def _tidy(line: str) -> str:
    return " ".join(line.split())


def _telling(line: str) -> bool:
    """Long enough and wordy enough that finding it elsewhere means something."""
    return len(line.replace(" ", "")) >= MIN_SECRET_CHARS and any(ch.isalpha() for ch in line)


def region_lines(text: str, begin: str, end: str) -> list[str]:
    """Lines strictly inside begin/end marker lines (nbgrader's rule: the marker is a substring)."""
    inside, out = False, []
    for line in text.split("\n"):
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            out.append(line)
    return out


# --- what is secret ------------------------------------------------------------------------

def secret_lines(nb) -> dict[str, set[str]]:
    """Every telling line a participant must not see, by kind (see the module docstring)."""
    found: dict[str, set[str]] = {kind: set() for kind in LEAK_CODES}
    for cell in nb["cells"]:
        text = _source(cell)
        for kind, (begin, end) in SECRET_REGIONS.items():
            found[kind].update(region_lines(text, begin, end))
        if _nbgrader(cell).get("solution") and SECRET_REGIONS["solution"][0] not in text:
            found["solution"].update(text.split("\n"))
        if is_trainer_notes(cell):
            found["trainer notes"].update(text.split("\n"))
    return {kind: {_tidy(line) for line in lines if _telling(_tidy(line))} for kind, lines in found.items()}


# --- the source notebook -------------------------------------------------------------------

def check_source(nb, name: str) -> list[Finding]:
    """What must hold of a committed source notebook, without running it."""
    return [*check_names(name), *check_no_outputs(nb, name), *check_grade_ids(nb, name),
            *check_trainer_notes_cells(nb, name), *check_points(nb, name)]


def check_names(name: str) -> list[Finding]:
    """Seminar folder and notebook names become nbgrader ids, used in paths and patterns."""
    path = Path(name)
    out = []
    for label, value in (("seminar folder", path.parent.name), ("notebook name", path.stem)):
        if value and not PORTABLE_ID.match(value):
            out.append(error("course.id_not_portable", name, None,
                             f"The {label} '{value}' has characters nbgrader cannot use in ids.",
                             "Use only letters, digits, '_' and '-' (no spaces or accents)."))
    return out


def check_no_outputs(nb, name: str) -> list[Finding]:
    """Outputs in a committed source would show the answers' results and bloat the history."""
    out = []
    for index, cell in enumerate(nb["cells"]):
        if cell.get("cell_type") == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            out.append(error("course.outputs_committed", name, _item(cell, index),
                             "This cell was saved with its outputs or run number.",
                             "Clear all outputs (Edit > Clear Outputs of All Cells) and save before committing."))
    return out


def check_grade_ids(nb, name: str) -> list[Finding]:
    out = []
    for index, cell in enumerate(nb["cells"]):
        grade_id = _nbgrader(cell).get("grade_id")
        if grade_id is not None and not PORTABLE_ID.match(str(grade_id)):
            out.append(error("course.id_not_portable", name, f"cell {index + 1}",
                             f"The cell id '{grade_id}' has characters nbgrader cannot use in ids.",
                             "Use only letters, digits, '_' and '-' in the cell's ID (nbgrader toolbar)."))
    return out


def check_trainer_notes_cells(nb, name: str) -> list[Finding]:
    """A trainer-notes cell is dropped from the release: it must not carry marks or an answer."""
    out = []
    for index, cell in enumerate(nb["cells"]):
        if is_trainer_notes(cell) and carries_marks_or_answer(cell):
            out.append(error("course.trainer_notes_graded", name, _item(cell, index),
                             "This cell is tagged trainer-notes but is also an answer, test or task cell.",
                             "Keep trainer notes in their own markdown cell with no nbgrader type."))
    return out


def check_points(nb, name: str) -> list[Finding]:
    """Each exercise's text states its points, and they add up to its graded cells' points.

    An exercise starts at a markdown cell saying "(N points)" and takes every graded cell
    after it, up to the next markdown cell that states points or starts with a heading.
    """
    out: list[Finding] = []
    exercise = None  # (index, cell, stated points, [(item, points)])

    def close():
        if exercise is not None:
            index, cell, stated, graded = exercise
            total = sum(points for _, points in graded)
            if abs(total - stated) > 1e-9:
                parts = ", ".join(f"{item} {points:g}" for item, points in graded) or "none"
                out.append(error("course.points_mismatch", name, f"cell {index + 1}",
                                 f"The exercise text says {stated:g} points but its graded cells give "
                                 f"{total:g} ({parts}).",
                                 "Make the '(N points)' in the text equal the sum of the points of the "
                                 "exercise's test and answer cells."))

    for index, cell in enumerate(nb["cells"]):
        if is_trainer_notes(cell):
            continue
        if is_graded(cell):
            points = float(_nbgrader(cell).get("points", 0) or 0)
            if exercise is None:
                out.append(error("course.points_not_stated", name, _item(cell, index),
                                 f"This cell is worth {points:g} points but no exercise text above it says so.",
                                 "Write the points in the exercise's markdown, e.g. 'Exercise 2 (3 points)'."))
            else:
                exercise[3].append((_item(cell, index), points))
        elif cell.get("cell_type") == "markdown" and not _nbgrader(cell).get("solution"):
            text = _source(cell)
            stated = POINTS.search(text)
            if stated or text.lstrip().startswith("#"):
                close()
                exercise = (index, cell, float(stated.group(1)), []) if stated else None
    close()
    return out


# --- the participants' copy ----------------------------------------------------------------

def check_release(source_nb, release_nb, name: str) -> list[Finding]:
    """Nothing secret of the source notebook is in the participants' copy."""
    return [*check_markers(release_nb, name), *check_leaked_lines(source_nb, release_nb, name),
            *check_trainer_notes_left(release_nb, name)]


def check_markers(release_nb, name: str) -> list[Finding]:
    out = []
    markers = [m for pair in SECRET_REGIONS.values() for m in pair]
    for index, cell in enumerate(release_nb["cells"]):
        hit = next((m for m in markers if m in _source(cell)), None)
        if hit:
            out.append(error("course.marker_in_release", name, _item(cell, index),
                             f"The participants' copy still contains the marker '### {hit}'.",
                             "Put solution and hidden-test markers only in answer and test cells, in "
                             "BEGIN/END pairs, exactly as nbgrader spells them."))
    return out


def check_leaked_lines(source_nb, release_nb, name: str) -> list[Finding]:
    out = []
    secrets = secret_lines(source_nb)
    for index, cell in enumerate(release_nb["cells"]):
        lines = [_tidy(line) for line in _source(cell).split("\n")]
        for kind, secret in secrets.items():
            leaked = next((line for line in lines if line in secret), None)
            if leaked:
                out.append(error(LEAK_CODES[kind], name, _item(cell, index),
                                 f"The participants' copy shows a line of the {kind}: {leaked!r}.",
                                 f"Keep {kind} text only inside its region or cell; if the line is meant to "
                                 "be visible elsewhere, take it out of the region or reword one of the two."))
    return out


def check_trainer_notes_left(release_nb, name: str) -> list[Finding]:
    """A trainer-notes cell, tagged or (by its title) forgotten untagged, in the participants' copy."""
    out = []
    for index, cell in enumerate(release_nb["cells"]):
        if is_trainer_notes(cell):
            out.append(error("course.trainer_notes_in_release", name, _item(cell, index),
                             "A cell tagged trainer-notes is in the participants' copy.",
                             "Release with the kit's nbgrader_config.py, which removes these cells."))
        elif cell.get("cell_type") == "markdown" and TRAINER_NOTE_TITLE.match(_title(_source(cell))):
            out.append(error("course.trainer_notes_untagged", name, _item(cell, index),
                             "This cell looks like trainer notes but is not tagged, so participants get it.",
                             "Add the tag 'trainer-notes' to the cell (View > Cell Toolbar > Tags)."))
    return out


def _title(text: str) -> str:
    first = next((line for line in text.split("\n") if line.strip()), "")
    return first.strip().lstrip("#>*_ ").strip()


# --- the graded copy -----------------------------------------------------------------------

def check_no_stderr(graded_nb, name: str) -> list[Finding]:
    """Test cells must not write to stderr: nbgrader scores such a cell 0 even when it passes."""
    out = []
    for index, cell in enumerate(graded_nb["cells"]):
        if cell.get("cell_type") != "code" or not _nbgrader(cell).get("grade"):
            continue
        stream = next((o for o in cell.get("outputs", [])
                       if o.get("output_type") == "stream" and o.get("name") == "stderr"), None)
        if stream:
            text = _text(stream.get("text", ""))
            out.append(error("course.test_writes_stderr", name, _item(cell, index),
                             f"This test cell writes to stderr, so nbgrader gives it 0 points: {text.strip()[:120]!r}.",
                             "Silence warnings, logging and progress bars in the test (or in the code it calls)."))
    return out


# --- a participant who gets everything right -----------------------------------------------

def fill_in_solutions(release_nb, source_nb):
    """The participants' copy with every answer cell filled in from the source: what a
    participant who gets everything right hands in (trainer notes and hidden tests stay out).
    """
    begin, end = SECRET_REGIONS["solution"]
    answers = {
        _nbgrader(c).get("grade_id"): "\n".join(line for line in _source(c).split("\n")
                                                if begin not in line and end not in line)
        for c in source_nb["cells"] if _nbgrader(c).get("solution")
    }
    solved = copy.deepcopy(release_nb)
    for cell in solved["cells"]:
        grade_id = _nbgrader(cell).get("grade_id")
        if _nbgrader(cell).get("solution") and grade_id in answers:
            cell["source"] = answers[grade_id]
    return solved
