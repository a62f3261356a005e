"""The course-integrity suite: every seminar notebook is fit to release and to grade.

It runs on every source notebook in ``seminars/*/`` (a new seminar notebook is covered as soon
as it is saved there) and on the fixture course in ``tests/fixtures/course/``, so the suite
itself is exercised before the seminars exist. For each notebook:

(a) it passes its own tests with the solutions in place (run top to bottom in a fresh kernel);
(b) it is committed without outputs; its names and cell ids are usable by nbgrader;
(c) its participants' copy is generated and shows no solution, hidden test or trainer note;
(d) no test passes on the blank participants' copy;
(e) a blank submission scores 0 and a fully solved one gets every automatic point;
(f) each exercise's text states the points its graded cells give;
(g) no test cell writes to stderr (nbgrader would score it 0);
and the feedback a participant receives holds no trainer notes.

Each seminar is released and graded once per test session in a scratch course (a temporary
folder), and the notebooks read and write a scratch copy of ``data/`` (``PLANET_DATA``), so
the suite never changes the kit. The last part plants mistakes into copies of the fixture
notebook and shows that the checks report them.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from planet_lib import course
from planet_lib import course_integrity as integrity

FIXTURE_COURSE = Path(__file__).resolve().parent / "fixtures" / "course"
COURSES = (FIXTURE_COURSE, course.KIT_ROOT)
BLANK, SOLVED = "blank", "solved"  # the two test participants

# nbgrader 0.9.6 with SQLAlchemy 2.1 warns on every autograde (upstream, harmless).
pytestmark = pytest.mark.filterwarnings("ignore:Object of type .* not in session")


@dataclass(frozen=True)
class Case:
    root: Path  # the folder holding seminars/
    seminar: str
    path: Path  # the committed source notebook

    @property
    def name(self) -> str:
        return f"{self.seminar}/{self.path.name}"

    @property
    def notebook_id(self) -> str:
        return self.path.stem


def _cases() -> list:
    """One case per source notebook of the fixture course and of the kit."""
    params = []
    for root in COURSES:
        for seminar in course.seminar_ids(root):
            for path in course.source_notebooks(seminar, root):
                params.append(pytest.param(Case(root, seminar, path), id=f"{seminar}/{path.stem}",
                                           marks=pytest.mark.xdist_group(name=seminar)))
    return params


CASES = _cases()


def _read(path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def _show(findings) -> str:
    return "\n".join(str(f) for f in findings)


# --- one release and grading round per seminar and session ---------------------------------

@dataclass
class SeminarRun:
    course_root: Path
    release: Path
    graded_blank: Path
    graded_solved: Path
    feedback_solved: Path

    @property
    def sources(self) -> Path:
        """The scratch course's copy of the seminar's source notebooks."""
        return self.course_root / course.SOURCE_DIRECTORY / self.release.name


def _run_seminar(root: Path, seminar: str, course_root: Path, config) -> SeminarRun:
    """Release a seminar into a scratch course, then grade a blank and a solved submission."""
    release = course.generate_release(seminar, course_root, source_root=root, config=config)
    sources = course.source_notebooks(seminar, course_root)
    solved_dir = course_root / "solved-copies"
    solved_dir.mkdir()
    for source in sources:
        solved = integrity.fill_in_solutions(_read(release / source.name), _read(source))
        nbformat.write(solved, str(solved_dir / source.name))
    course.place_submission(seminar, BLANK, [release / s.name for s in sources], course_root, config=config)
    course.place_submission(seminar, SOLVED, [solved_dir / s.name for s in sources], course_root, config=config)
    graded_blank = course.autograde(seminar, BLANK, course_root, config=config)
    graded_solved = course.autograde(seminar, SOLVED, course_root, config=config)
    feedback = course.generate_feedback(seminar, SOLVED, course_root, config=config)
    return SeminarRun(course_root, release, graded_blank, graded_solved, feedback)


@pytest.fixture(scope="session")
def empty_gradebook(tmp_path_factory, course_config):
    """An empty gradebook, made once by nbgrader and copied into every scratch course.

    nbgrader runs the `alembic` command to set up each new gradebook, which takes seconds;
    a copy of a fresh one is the same file without the wait.
    """
    from nbgrader.api import Gradebook

    from planet_lib.nbgrader_ext import ensure_scripts_on_path

    path = tmp_path_factory.mktemp("gradebook") / "gradebook.db"
    ensure_scripts_on_path()
    Gradebook(f"sqlite:///{path}", course_config.CourseDirectory.course_id).close()
    return path


def _scratch_course(folder: Path, empty_gradebook: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(empty_gradebook, folder / "gradebook.db")
    return folder


@pytest.fixture(scope="session")
def course_config():
    """The kit's nbgrader configuration; each scratch course keeps its own gradebook."""
    config = course.load_config()
    config.CourseDirectory.pop("db_url", None)
    return config


@pytest.fixture(scope="session")
def scratch_data(tmp_path_factory):
    """A copy of data/ that the notebooks' kernels use instead of the kit's (PLANET_DATA)."""
    target = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(course.KIT_ROOT / "data", target)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANET_DATA", str(target))
        yield target


@pytest.fixture(scope="session")
def seminar_run(tmp_path_factory, course_config, scratch_data, empty_gradebook):
    """The release and grading round of a case's seminar, made on first use."""
    done: dict = {}

    def get(case: Case) -> SeminarRun:
        key = (case.root, case.seminar)
        if key not in done:
            try:
                root = _scratch_course(tmp_path_factory.mktemp(case.seminar), empty_gradebook)
                done[key] = _run_seminar(case.root, case.seminar, root, course_config)
            except course.CourseError as exc:
                done[key] = exc
        if isinstance(done[key], Exception):
            raise done[key]
        return done[key]

    return get


# --- (a) the source runs and passes its own tests ------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_source_passes_its_own_tests(case, seminar_run, course_config):
    run = seminar_run(case)
    failures = course.validate(run.sources / case.path.name, config=course_config)
    assert failures == {}, f"{case.name} fails its own tests with the solutions in place:\n{failures}"


# --- (b) committed clean -------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_source_is_committed_without_outputs(case):
    found = integrity.check_no_outputs(_read(case.path), case.name)
    assert found == [], _show(found)


@pytest.mark.parametrize("case", CASES)
def test_source_names_ids_and_trainer_notes_are_well_formed(case):
    nb = _read(case.path)
    found = [*integrity.check_names(case.name), *integrity.check_grade_ids(nb, case.name),
             *integrity.check_trainer_notes_cells(nb, case.name)]
    assert found == [], _show(found)


# --- (c) the participants' copy ------------------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_release_shows_no_solution_hidden_test_or_trainer_note(case, seminar_run):
    run = seminar_run(case)
    released = run.release / case.path.name
    assert released.is_file(), f"{case.name} is missing from the participants' copies"
    found = integrity.check_release(_read(case.path), _read(released), case.name)
    assert found == [], _show(found)


# --- (d) the blank copy passes no test -----------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_blank_copy_passes_no_test(case, seminar_run, course_config):
    run = seminar_run(case)
    passing = course.validate(run.release / case.path.name, invert=True, config=course_config)
    assert passing == {}, f"In {case.name} these tests pass without any answer:\n{passing}"


# --- (e) grading: blank scores 0, solved gets every automatic point ------------------------

@pytest.mark.parametrize("case", CASES)
def test_blank_submission_scores_zero(case, seminar_run, course_config):
    run = seminar_run(case)
    scored, available = course.score(case.seminar, BLANK, run.course_root, notebook=case.notebook_id,
                                     config=course_config)
    assert scored == 0, f"A blank {case.name} scores {scored:g} of {available:g}"


@pytest.mark.parametrize("case", CASES)
def test_solved_submission_gets_every_automatic_point(case, seminar_run, course_config):
    run = seminar_run(case)
    scored, available = course.autograded_score(case.seminar, SOLVED, run.course_root,
                                                notebook=case.notebook_id, config=course_config)
    failing = _failing_test_cells(_read(run.graded_solved / case.path.name))
    assert (scored, failing) == (available, []), (
        f"The solved {case.name} gets {scored:g} of {available:g} automatic points; failing: {failing}")


def _failing_test_cells(graded_nb) -> list[str]:
    out = []
    for cell in graded_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            error = next((o for o in cell.outputs if o.output_type == "error"), None)
            if error is not None:
                out.append(f"{meta.get('grade_id')}: {error.ename}: {error.evalue}")
    return out


# --- (f) points ----------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_exercise_text_states_the_points_of_its_graded_cells(case):
    found = integrity.check_points(_read(case.path), case.name)
    assert found == [], _show(found)


# --- (g) stderr ----------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_no_test_cell_writes_to_stderr(case, seminar_run):
    run = seminar_run(case)
    found = integrity.check_no_stderr(_read(run.graded_solved / case.path.name), case.name)
    assert found == [], _show(found)


# --- feedback ------------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_feedback_holds_no_trainer_notes(case, seminar_run):
    run = seminar_run(case)
    page = run.feedback_solved / f"{case.notebook_id}.html"
    assert page.is_file(), f"no feedback page for {case.name}"
    leaked = _trainer_note_lines_in(_read(case.path), page.read_text(encoding="utf-8"))
    assert leaked == [], f"The feedback on {case.name} shows trainer notes: {leaked}"


def _trainer_note_lines_in(source_nb, page: str) -> list[str]:
    """Trainer-note lines (markdown signs dropped) found in the visible text of an HTML page."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    lines = {line.lstrip("#>*-+ ").replace("**", "").replace("`", "")
             for line in integrity.secret_lines(source_nb)["trainer notes"]}
    return sorted(line for line in lines if len(line) >= integrity.MIN_SECRET_CHARS and line in text)


# --- the checks catch planted mistakes -----------------------------------------------------

DEMO = FIXTURE_COURSE / "seminars" / "00_demo" / "demo.ipynb"


def _cell(nb, cell_id):
    return next(c for c in nb.cells if c.get("id") == cell_id)


def _plant_solution_line_outside_markers(nb):
    answer = _cell(nb, "cards-answer")
    line = next(x for x in answer.source.split("\n") if '"p2"' in x)
    answer.source = line + "\n" + answer.source


def _plant_hidden_tests_in_visible_cell(nb):
    hidden = integrity.region_lines(_cell(nb, "cards-links").source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
    nb.cells.insert(6, nbformat.v4.new_code_cell("\n".join(hidden), id="planted"))


def _plant_untagged_trainer_note(nb):
    _cell(nb, "trainer-notes").metadata["tags"] = []


def _plant_rubric_in_exercise_text(nb):
    rubric = next(x for x in _cell(nb, "trainer-notes").source.split("\n") if "Rubric" in x)
    _cell(nb, "exercise-2").source += "\n\n" + rubric


PLANTED_LEAKS = [
    pytest.param(_plant_solution_line_outside_markers, "course.solution_in_release", "cards_answer",
                 id="solution-line-outside-markers"),
    pytest.param(_plant_hidden_tests_in_visible_cell, "course.hidden_test_in_release", "cell 7",
                 id="hidden-tests-in-visible-cell"),
    pytest.param(_plant_untagged_trainer_note, "course.trainer_notes_untagged", "cell 9",
                 id="trainer-note-without-tag"),
    pytest.param(_plant_rubric_in_exercise_text, "course.trainer_notes_in_release", "cell 7",
                 id="rubric-copied-into-exercise"),
]


def _planted_course(tmp_path, plant) -> tuple[Path, nbformat.NotebookNode]:
    """A copy of the fixture course whose demo notebook carries one planted mistake."""
    source_root = tmp_path / "source"
    shutil.copytree(FIXTURE_COURSE / "seminars", source_root / "seminars")
    nb = _read(DEMO)
    plant(nb)
    nbformat.write(nb, str(source_root / "seminars" / "00_demo" / "demo.ipynb"))
    return source_root, nb


@pytest.mark.parametrize("plant, code, item", PLANTED_LEAKS)
def test_release_check_reports_a_planted_leak(plant, code, item, tmp_path, course_config, empty_gradebook):
    source_root, planted = _planted_course(tmp_path, plant)
    root = _scratch_course(tmp_path / "course", empty_gradebook)
    release = course.generate_release("00_demo", root, source_root=source_root, config=course_config)
    found = integrity.check_release(planted, _read(release / "demo.ipynb"), "00_demo/demo.ipynb")
    assert (code, item) in {(f.code, f.item) for f in found}, _show(found)


def test_the_unplanted_fixture_is_clean():
    """The control for the planted cases: the same checks find nothing in the fixture itself."""
    nb = _read(DEMO)
    assert integrity.check_source(nb, "00_demo/demo.ipynb") == []
    assert integrity.secret_lines(nb)["solution"] and integrity.secret_lines(nb)["hidden test"]


def test_tests_that_pass_without_an_answer_or_write_to_stderr_are_caught(tmp_path, course_config, scratch_data,
                                                                        empty_gradebook):
    def plant(nb):
        free = nbformat.v4.new_code_cell("assert True", id="free-point", metadata={"nbgrader": {
            "schema_version": 3, "grade_id": "free_point", "grade": True, "solution": False, "locked": True,
            "points": 1}})
        noisy = _cell(nb, "cards-one-core")
        noisy.source = "import sys\nprint('checking the cards', file=sys.stderr)\n" + noisy.source
        nb.cells.insert(6, free)

    source_root, planted = _planted_course(tmp_path, plant)
    root = _scratch_course(tmp_path / "course", empty_gradebook)
    release = course.generate_release("00_demo", root, source_root=source_root, config=course_config)
    passing = course.validate(release / "demo.ipynb", invert=True, config=course_config)
    assert [cell["source"] for cell in passing.get("passed", [])] == ["assert True"]

    solved = integrity.fill_in_solutions(_read(release / "demo.ipynb"), planted)
    nbformat.write(solved, str(tmp_path / "demo.ipynb"))
    course.place_submission("00_demo", SOLVED, [tmp_path / "demo.ipynb"], root, config=course_config)
    graded = course.autograde("00_demo", SOLVED, root, config=course_config)
    found = integrity.check_no_stderr(_read(graded / "demo.ipynb"), "00_demo/demo.ipynb")
    assert [(f.code, f.item) for f in found] == [("course.test_writes_stderr", "cards_one_core")]
    scored, available = course.autograded_score("00_demo", SOLVED, root, config=course_config)
    assert scored == available - 1  # the noisy test lost its point although it passed


def test_feedback_check_sees_trainer_notes_when_a_submission_carries_them(tmp_path, course_config, scratch_data,
                                                                         empty_gradebook):
    """The control for the feedback test: a submission that still has the notes (the trainer's
    own source notebook) shows them in feedback, and the check notices."""
    root = _scratch_course(tmp_path / "course", empty_gradebook)
    course.generate_release("00_demo", root, source_root=FIXTURE_COURSE, config=course_config)
    course.place_submission("00_demo", "trainer", [DEMO], root, config=course_config)
    course.autograde("00_demo", "trainer", root, config=course_config)
    page = course.generate_feedback("00_demo", "trainer", root, config=course_config) / "demo.html"
    assert _trainer_note_lines_in(_read(DEMO), page.read_text(encoding="utf-8"))


# --- the checks on source notebooks, failing cases (no nbgrader run needed) ----------------

def test_outputs_in_a_committed_source_are_reported():
    nb = _read(DEMO)
    _cell(nb, "setup").execution_count = 3
    _cell(nb, "cards-answer").outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
    found = integrity.check_no_outputs(nb, "00_demo/demo.ipynb")
    assert [(f.code, f.item) for f in found] == [("course.outputs_committed", "setup"),
                                                 ("course.outputs_committed", "cards_answer")]


def test_points_that_do_not_add_up_or_are_not_stated_are_reported():
    nb = _read(DEMO)
    _cell(nb, "cards-links").metadata["nbgrader"]["points"] = 2  # exercise 1 now gives 3, says 2
    _cell(nb, "exercise-2").source = "## Exercise 2: why this core problem?\n\nSay why."  # no points
    found = integrity.check_points(nb, "00_demo/demo.ipynb")
    assert [(f.code, f.item) for f in found] == [("course.points_mismatch", "cell 3"),
                                                 ("course.points_not_stated", "why_core")]
    assert "says 2 points but its graded cells give 3" in found[0].message


def test_a_graded_cell_tagged_as_trainer_notes_is_reported():
    nb = _read(DEMO)
    _cell(nb, "why-core").metadata["tags"] = ["trainer-notes"]
    found = integrity.check_trainer_notes_cells(nb, "00_demo/demo.ipynb")
    assert [(f.code, f.item) for f in found] == [("course.trainer_notes_graded", "why_core")]


def test_names_nbgrader_cannot_use_are_reported():
    nb = _read(DEMO)
    _cell(nb, "cards-answer").metadata["nbgrader"]["grade_id"] = "cards answer"
    assert [f.code for f in integrity.check_grade_ids(nb, "x/y.ipynb")] == ["course.id_not_portable"]
    assert [f.message for f in integrity.check_names("04 café/demo.ipynb")] == [
        "The seminar folder '04 café' has characters nbgrader cannot use in ids."]
    assert integrity.check_names("04_cafe/demo-1.ipynb") == []
