"""The course as nbgrader sees it: seminars, releases, validation, grading and scores.

The three seminar folders under ``seminars/`` are nbgrader assignments; ``nbgrader_config.py``
at the kit's root says so. These helpers drive nbgrader through its Python API (one process,
no start-up cost per command) for the course-integrity tests and the trainer's commands.

A *course root* is the folder where nbgrader keeps ``release/``, ``submitted/``,
``autograded/``, ``feedback/`` and ``gradebook.db``. By default it is the kit itself; the
tests use a temporary one so that nothing they do touches a real course.

nbgrader is imported inside the functions: ``import planet_lib`` stays cheap.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRECTORY = "seminars"  # the same as CourseDirectory.source_directory in nbgrader_config.py
CONFIG_FILE = "nbgrader_config"
PORTABLE_ID = re.compile(r"^[A-Za-z0-9_-]+$")  # nbgrader uses ids in paths and patterns


class CourseError(RuntimeError):
    """An nbgrader step failed; the message carries nbgrader's own log."""


# --- configuration -------------------------------------------------------------------------

def load_config(root: str | Path | None = None):
    """The course configuration, read the way the ``nbgrader`` command reads it.

    ``<root>/nbgrader_config.py`` (default: the kit's) over any ``nbgrader_config.py`` in the
    Jupyter config folders (``~/.jupyter``, the environment's, the system's), so a hub-wide
    exchange set-up still applies. An error in a config file is raised, not logged and skipped.
    """
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Application

    root = Path(root or KIT_ROOT).resolve()
    if not (root / f"{CONFIG_FILE}.py").is_file():
        raise CourseError(f"There is no {CONFIG_FILE}.py in {root}: is this the course kit's folder?")
    app = Application()
    app.raise_config_file_errors = True
    app.load_config_file(CONFIG_FILE, path=[str(root), *jupyter_config_path()])
    return app.config


def _course_config(course_root, config):
    """``config`` (or the kit's) pointed at ``course_root`` when one is given."""
    from traitlets.config import Config

    cfg = Config(config if config is not None else load_config())
    if course_root is not None:
        cfg.CourseDirectory.root = str(Path(course_root).resolve())
    return cfg


def _course_directory(cfg):
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=cfg)


def _api(cfg):
    from nbgrader.apps.api import NbGraderAPI

    from .nbgrader_ext import ensure_scripts_on_path

    ensure_scripts_on_path()
    return NbGraderAPI(coursedir=_course_directory(cfg), config=cfg)


def _succeeded(result: dict, what: str) -> None:
    if not result.get("success"):
        raise CourseError(f"{what} failed.\n{result.get('log', '')}\n{result.get('error', '')}".rstrip())


# --- what the course holds -----------------------------------------------------------------

def seminar_ids(root: str | Path | None = None) -> list[str]:
    """The seminar (assignment) folders under ``<root>/seminars``, in course order."""
    source = Path(root or KIT_ROOT) / SOURCE_DIRECTORY
    if not source.is_dir():
        return []
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))


def source_notebooks(seminar: str, root: str | Path | None = None) -> list[Path]:
    """The source notebooks of one seminar: ``*.ipynb`` directly inside its folder."""
    folder = Path(root or KIT_ROOT) / SOURCE_DIRECTORY / seminar
    return sorted(p for p in folder.glob("*.ipynb") if p.is_file())


# --- nbgrader steps ------------------------------------------------------------------------

def generate_release(seminar: str, course_root: str | Path | None = None, *,
                     source_root: str | Path | None = None, config=None) -> Path:
    """Make the participants' copies of one seminar; returns ``<course root>/release/<seminar>``.

    With ``source_root`` (a folder holding ``seminars/``) the seminar's source folder is
    copied into the course root first, so a release can be made from the kit into a scratch
    course without touching the kit.
    """
    cfg = _course_config(course_root, config)
    coursedir = _course_directory(cfg)
    root = Path(coursedir.root)
    if source_root is not None and Path(source_root).resolve() != root:
        _copy_sources(Path(source_root) / SOURCE_DIRECTORY / seminar,
                      root / coursedir.source_directory / seminar)
    _succeeded(_api(cfg).generate_assignment(seminar, force=True, create=True), f"Releasing {seminar}")
    return root / coursedir.release_directory / seminar


def _copy_sources(source: Path, target: Path) -> None:
    if not source.is_dir():
        raise CourseError(f"There is no seminar folder {source}.")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))


def place_submission(seminar: str, student_id: str, notebooks, course_root: str | Path | None = None, *,
                     config=None) -> Path:
    """Put notebooks where nbgrader expects a collected submission; returns that folder.

    Stands in for the JupyterHub exchange (``nbgrader collect``) in tests and for trainers
    who gather notebooks by e-mail.
    """
    if not PORTABLE_ID.match(student_id):
        raise CourseError(f"Participant id {student_id!r} may use only letters, digits, '_' and '-'.")
    coursedir = _course_directory(_course_config(course_root, config))
    folder = Path(coursedir.format_path(coursedir.submitted_directory, student_id, seminar))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for notebook in notebooks:
        shutil.copy2(notebook, folder / Path(notebook).name)
    return folder


def autograde(seminar: str, student_id: str, course_root: str | Path | None = None, *, config=None) -> Path:
    """Grade one submission in this process; returns ``<course root>/autograded/<student>/<seminar>``."""
    cfg = _course_config(course_root, config)
    coursedir = _course_directory(cfg)
    _succeeded(_api(cfg).autograde(seminar, student_id, force=True, create=True),
               f"Grading {seminar} for {student_id}")
    return Path(coursedir.format_path(coursedir.autograded_directory, student_id, seminar))


def generate_feedback(seminar: str, student_id: str, course_root: str | Path | None = None, *,
                      config=None) -> Path:
    """Write the feedback pages of one graded submission; returns their folder."""
    cfg = _course_config(course_root, config)
    coursedir = _course_directory(cfg)
    _succeeded(_api(cfg).generate_feedback(seminar, student_id, force=True),
               f"Writing feedback on {seminar} for {student_id}")
    return Path(coursedir.format_path(coursedir.feedback_directory, student_id, seminar))


def validate(notebook_path: str | Path, invert: bool = False, *, config=None) -> dict:
    """Run a notebook top to bottom in a fresh kernel and return nbgrader's complaints.

    ``{}`` means all is well. Normally that is: every test passes (use it on source notebooks,
    whose solutions are in place). With ``invert=True`` it means: no test passes (use it on a
    participant's blank copy, to prove the tests really need an answer).
    """
    from nbgrader.validator import Validator

    cfg = config if config is not None else load_config()
    return Validator(config=cfg, invert=invert).validate(str(Path(notebook_path).resolve()))


# --- the gradebook -------------------------------------------------------------------------

def score(seminar: str, student_id: str, course_root: str | Path | None = None, *,
          notebook: str | None = None, config=None) -> tuple[float, float]:
    """(points scored, points available) for a submission, or one notebook of it.

    Manually graded answers count 0 until a trainer has marked them.
    """
    with _gradebook(course_root, config) as gb:
        sub = _submission(gb, seminar, student_id, notebook)
        return float(sub.score), float(sub.max_score)


def autograded_score(seminar: str, student_id: str, course_root: str | Path | None = None, *,
                     notebook: str | None = None, config=None) -> tuple[float, float]:
    """(points scored, points available) on the automatically graded tests only."""
    with _gradebook(course_root, config) as gb:
        sub = _submission(gb, seminar, student_id, notebook)
        return float(sub.code_score), float(sub.max_code_score)


def _gradebook(course_root, config):
    from nbgrader.api import Gradebook

    from .nbgrader_ext import ensure_scripts_on_path

    ensure_scripts_on_path()
    coursedir = _course_directory(_course_config(course_root, config))
    return Gradebook(coursedir.db_url, coursedir.course_id)


def _submission(gb, seminar, student_id, notebook):
    if notebook is None:
        return gb.find_submission(seminar, student_id)
    return gb.find_submission_notebook(notebook, seminar, student_id)
