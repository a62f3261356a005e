"""The nbgrader set-up: the seminars are the assignments, a first run needs no editing, the
gradebook and course folder can be moved by configuration, and trainer notes are dropped from
participants' copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from planet_lib import course

FIXTURE_COURSE = Path(__file__).resolve().parent / "fixtures" / "course"
KIT_SEMINARS = ["01_programming", "02_identification", "03_formulation"]


@pytest.fixture
def no_planet_env(monkeypatch):
    """The configuration as a trainer gets it on a first run: none of the PLANET_* settings."""
    for name in ("PLANET_COURSE_ROOT", "PLANET_DB_URL", "PLANET_COURSE_ID"):
        monkeypatch.delenv(name, raising=False)


def _course_directory(config):
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=config)


# --- nbgrader_config.py --------------------------------------------------------------------

def test_first_run_defaults(no_planet_env):
    config = course.load_config()
    coursedir = _course_directory(config)
    assert Path(coursedir.root) == course.KIT_ROOT
    assert coursedir.source_directory == course.SOURCE_DIRECTORY == "seminars"
    assert coursedir.course_id == "planet"
    assert coursedir.db_url == f"sqlite:///{course.KIT_ROOT / 'gradebook.db'}"
    assert {".keep", ".ipynb_checkpoints", "__pycache__", "feedback"} <= set(coursedir.ignore)
    assert config.Execute.timeout == 60


def test_course_folder_gradebook_and_course_id_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANET_COURSE_ROOT", str(tmp_path))
    monkeypatch.setenv("PLANET_DB_URL", "postgresql://grader@db.example.org/planet")
    monkeypatch.setenv("PLANET_COURSE_ID", "planet-2013")
    coursedir = _course_directory(course.load_config())
    assert (Path(coursedir.root), coursedir.db_url, coursedir.course_id) == (
        tmp_path, "postgresql://grader@db.example.org/planet", "planet-2013")


def test_gradebook_follows_the_course_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("PLANET_DB_URL", raising=False)
    monkeypatch.setenv("PLANET_COURSE_ROOT", str(tmp_path))
    assert _course_directory(course.load_config()).db_url == f"sqlite:///{tmp_path / 'gradebook.db'}"


def test_a_local_config_file_wins_over_the_kit_defaults(tmp_path, no_planet_env):
    shutil.copy(course.KIT_ROOT / "nbgrader_config.py", tmp_path)
    (tmp_path / "nbgrader_config_local.py").write_text(
        'c.CourseDirectory.db_url = "mysql://grader@localhost/planet"\nc.Execute.timeout = 120\n')
    config = course.load_config(tmp_path)
    coursedir = _course_directory(config)
    assert (Path(coursedir.root), coursedir.db_url, config.Execute.timeout) == (
        tmp_path, "mysql://grader@localhost/planet", 120)


def test_a_folder_without_the_config_file_is_refused(tmp_path):
    with pytest.raises(course.CourseError, match="There is no nbgrader_config.py"):
        course.load_config(tmp_path)


def test_a_broken_config_file_is_reported_not_skipped(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("c.CourseDirectory.root = undefined_name\n")
    with pytest.raises(NameError):
        course.load_config(tmp_path)


def test_trainer_notes_are_removed_before_cells_are_locked_and_saved():
    from nbgrader.converters import GenerateAssignment

    from planet_lib.nbgrader_ext import RemoveTrainerNotes

    upstream = GenerateAssignment.class_traits()["preprocessors"].default()
    ours = course.load_config().GenerateAssignment.preprocessors
    assert [p for p in ours if p is not RemoveTrainerNotes] == upstream
    names = [p.__name__ for p in ours]
    assert names.index("IncludeHeaderFooter") < names.index("RemoveTrainerNotes") < names.index("LockCells")
    assert names.index("RemoveTrainerNotes") < names.index("SaveCells")


# --- RemoveTrainerNotes --------------------------------------------------------------------

def _notebook(*cells):
    return new_notebook(cells=list(cells))


def test_remove_trainer_notes_drops_only_tagged_cells():
    from planet_lib.nbgrader_ext import RemoveTrainerNotes

    nb = _notebook(new_markdown_cell("Exercise 1 (2 points)"),
                   new_markdown_cell("Trainer notes: 10 minutes", metadata={"tags": ["trainer-notes"]}),
                   new_code_cell("x = 1", metadata={"tags": ["parameters"]}))
    out, _ = RemoveTrainerNotes().preprocess(nb, {})
    assert [c.source for c in out.cells] == ["Exercise 1 (2 points)", "x = 1"]


def test_remove_trainer_notes_refuses_to_drop_a_graded_cell():
    from planet_lib.nbgrader_ext import RemoveTrainerNotes, TrainerNotesError

    graded = new_markdown_cell("Answer", metadata={"tags": ["trainer-notes"], "nbgrader": {
        "schema_version": 3, "grade_id": "why", "grade": True, "solution": True, "locked": False, "points": 2}})
    with pytest.raises(TrainerNotesError, match="Cell 2 is tagged 'trainer-notes' but is also an answer"):
        RemoveTrainerNotes().preprocess(_notebook(new_markdown_cell("Question"), graded), {})


# --- what the course holds -----------------------------------------------------------------

def test_the_three_seminars_are_the_kit_assignments():
    assert course.seminar_ids() == KIT_SEMINARS
    assert all(course.PORTABLE_ID.match(s) for s in course.seminar_ids())


def test_source_notebooks_are_the_notebooks_directly_in_the_seminar_folder(tmp_path):
    folder = tmp_path / "seminars" / "02_identification"
    (folder / ".ipynb_checkpoints").mkdir(parents=True)
    (folder / "sub").mkdir()
    for name in ("b.ipynb", "a.ipynb", ".ipynb_checkpoints/a-checkpoint.ipynb", "sub/c.ipynb", "notes.md", ".keep"):
        (folder / name).write_text("{}")
    assert [p.name for p in course.source_notebooks("02_identification", tmp_path)] == ["a.ipynb", "b.ipynb"]
    assert course.seminar_ids(tmp_path) == ["02_identification"]
    assert course.seminar_ids(tmp_path / "nowhere") == []


def test_a_participant_id_nbgrader_cannot_use_is_refused(tmp_path):
    with pytest.raises(course.CourseError, match="letters, digits"):
        course.place_submission("00_demo", "anna maria", [], tmp_path, config=course.load_config())


# --- a first run with the nbgrader command -------------------------------------------------

def test_first_release_with_the_nbgrader_command_needs_no_editing(tmp_path):
    """A trainer's first `nbgrader generate_assignment`, from a fresh course folder, with the
    kit's environment not activated (its scripts are not on PATH)."""
    shutil.copy(course.KIT_ROOT / "nbgrader_config.py", tmp_path)
    seminar = tmp_path / "seminars" / "00_demo"
    shutil.copytree(FIXTURE_COURSE / "seminars" / "00_demo", seminar)
    (seminar / ".keep").write_text("")
    (seminar / ".ipynb_checkpoints").mkdir()
    (seminar / ".ipynb_checkpoints" / "demo-checkpoint.ipynb").write_text("{}")
    (seminar / "stakeholders-example.csv").write_text("id,name\ns1,Town council\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANET_")}
    env["PATH"] = "/usr/bin:/bin"

    done = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", "00_demo"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)

    assert done.returncode == 0, done.stdout + done.stderr
    release = tmp_path / "release" / "00_demo"
    assert sorted(p.name for p in release.iterdir()) == ["demo.ipynb", "stakeholders-example.csv"]
    assert (tmp_path / "gradebook.db").is_file()
    released = nbformat.read(str(release / "demo.ipynb"), as_version=4)
    assert not [c for c in released.cells if "trainer-notes" in c.metadata.get("tags", [])]
    assert "Trainer notes" not in "".join(c.source for c in released.cells)
