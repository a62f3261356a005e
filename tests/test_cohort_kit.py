"""Shared by the cohort tests: a scratch kit with secrets that exist nowhere else, and hand-ins.

The scratch kit is the fixture course's demo seminar (tests/fixtures/course) with one line
added to its answer, its hidden tests and its trainer notes, each carrying a token made for
this test run. Finding a token anywhere a participant can see proves a leak; since the
tokens are nowhere else on the machine, a hostile submission can only find them by reading
the cohort's or the kit's files.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import nbformat
import pytest

from planet_lib.course_integrity import fill_in_solutions

FIXTURE_SEMINAR = Path(__file__).resolve().parent / "fixtures" / "course" / "seminars" / "00_demo"
SAMPLE_ROSTER = Path(__file__).resolve().parents[1] / "data" / "sample-cohort" / "roster.csv"
SEMINAR = "00_demo"
TOKEN = uuid.uuid4().hex[:12]
SECRET_SOLUTION = f"planet-secret-solution-{TOKEN}"
SECRET_HIDDEN = f"planet-secret-hidden-{TOKEN}"
SECRET_NOTES = f"planet-secret-notes-{TOKEN}"
SECRETS = (SECRET_SOLUTION, SECRET_HIDDEN, SECRET_NOTES)
SECRET_PREFIX = "planet-secret-"

pytestmark = pytest.mark.filterwarnings("ignore:Object of type .* not in session")


def make_kit(folder: Path) -> Path:
    """A kit folder holding seminars/00_demo with this run's secret lines; returns the folder."""
    target = folder / "seminars" / SEMINAR
    shutil.copytree(FIXTURE_SEMINAR, target)
    nb = nbformat.read(str(target / "demo.ipynb"), as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id == "cards_answer":
            cell.source = cell.source.replace("### END SOLUTION",
                                              f'solution_note = "{SECRET_SOLUTION}"\n### END SOLUTION')
        elif grade_id == "cards_links":
            cell.source = cell.source.replace("### END HIDDEN TESTS",
                                              f'assert "{SECRET_HIDDEN}", "{SECRET_HIDDEN} must hold"\n'
                                              "### END HIDDEN TESTS")
        elif "trainer-notes" in cell.metadata.get("tags", []):
            cell.source += f"\n- Secret for trainers only: {SECRET_NOTES}"
    nbformat.write(nb, str(target / "demo.ipynb"))
    return folder


def released(cohort) -> nbformat.NotebookNode:
    return nbformat.read(str(cohort.released(SEMINAR) / "demo.ipynb"), as_version=4)


def source(kit: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(kit / "seminars" / SEMINAR / "demo.ipynb"), as_version=4)


# --- hand-ins ------------------------------------------------------------------------------

FULL_ANSWER = '''problems = [
    Problem("p1", "Young people leave the partner towns", core=True),
    Problem("p2", "Few local jobs for young graduates", leads_to=("p1",)),
    Problem("p3", "Poor bus links between the partner towns", leads_to=("p1",)),
]'''
# One core problem (first test passes) but a cause pointing nowhere (the hidden test fails).
PARTIAL_ANSWER = '''problems = [
    Problem("p1", "Young people leave the partner towns", core=True),
    Problem("p2", "Few local jobs for young graduates", leads_to=("p9",)),
    Problem("p3", "Poor bus links between the partner towns", leads_to=("p1",)),
]'''
# Two core problems: fails the first test; the second one's hidden part fails too.
WRONG_ANSWER = '''problems = [
    Problem("p1", "Young people leave", core=True),
    Problem("p2", "Few jobs", core=True),
    Problem("p3", "Poor buses", leads_to=("p9",)),
]'''


def cell(nb, grade_id: str):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def with_answer(release_nb, code: str, written: str | None = None):
    """The participants' copy with `code` as the answer to exercise 1 (and a written answer)."""
    nb = copy.deepcopy(release_nb)
    cell(nb, "cards_answer").source = code
    if written is not None:
        cell(nb, "why_core").source = written
    return nb


def solved(release_nb, kit: Path):
    return fill_in_solutions(release_nb, source(kit))


def write_hand_in(folder: Path, nb) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.ipynb"
    nbformat.write(nb, str(path))
    return path


def planet(*args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """The `planet` command, as a trainer runs it."""
    return subprocess.run([sys.executable, "-m", "planet_lib.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


# --- tests of the helpers themselves -------------------------------------------------------

def test_the_scratch_kit_carries_each_secret_once(tmp_path):
    kit = make_kit(tmp_path)
    text = (kit / "seminars" / SEMINAR / "demo.ipynb").read_text()
    assert all(text.count(secret) >= 1 for secret in SECRETS)
    assert SECRET_HIDDEN not in FIXTURE_SEMINAR.joinpath("demo.ipynb").read_text()
