"""Parallel grading: the scores of sequential `nbgrader autograde`, once per grade, even when stopped.

Also: the limits-only mode says so loudly, a broken hand-in fails alone, the kernel gets none
of the trainer's environment, and the formgrader (hand-marking) is installed and enabled.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from test_cohort_hostile import TEST_CELLS, _edit, _retype, orphaned_kernels, with_tests, without_tests
from test_cohort_kit import (FULL_ANSWER, PARTIAL_ANSWER, SEMINAR, WRONG_ANSWER, make_kit, released, with_answer,
                             write_hand_in)

from planet_lib import course
from planet_lib.cohort_ops import isolation
from planet_lib.cohort_ops.create import new_cohort
from planet_lib.cohort_ops.grade import grade_seminar
from planet_lib.cohort_ops.grades import FAILED, grade_rows
from planet_lib.cohort_ops.ledger import Ledger
from planet_lib.cohort_ops.release import release
from planet_lib.commands.grade import print_summary

pytestmark = [pytest.mark.filterwarnings("ignore:Object of type .* not in session"),
              pytest.mark.filterwarnings("ignore:Cell is missing an id field"),
              pytest.mark.xdist_group(name="cohort-grading")]  # one worker builds the shared cohorts

TRAINER_SECRET = "trainer-token-8d2f"  # an environment variable of the trainer's session
ENV_PRINTER = FULL_ANSWER + "\nimport os\nprint(sorted(os.environ.items()))"


def hand_ins(rel) -> dict:
    return {
        "full": with_answer(rel, FULL_ANSWER),
        "partial": with_answer(rel, PARTIAL_ANSWER),
        "wrong": with_answer(rel, WRONG_ANSWER),
        "blank": rel,
        "crash": with_answer(rel, "raise ValueError('oops')"),
        "deleted": without_tests(with_answer(rel, FULL_ANSWER)),
        "edited": with_tests(with_answer(rel, WRONG_ANSWER), _edit),
        "retyped": with_tests(with_answer(rel, PARTIAL_ANSWER), _retype),
        "env": with_answer(rel, ENV_PRINTER),
    }


IDS = ["full", "partial", "wrong", "blank", "crash", "deleted", "edited", "retyped", "env"]


def make_cohort(folder: Path, kit: Path, ids, name: str):
    roster = folder / f"{name}.csv"
    roster.write_text("participant_id,first_name,last_name,email,municipality,country,group\n" + "".join(
        f"{pid},A,B {i},x{i}@example.org,Town {i},IT,g{i % 2}\n" for i, pid in enumerate(ids)), encoding="utf-8")
    cohort = new_cohort(roster, name, folder / name, kit_root=kit).cohort
    release(cohort, SEMINAR)
    return cohort


def hand_in_all(cohort, cases: dict, folder: Path) -> None:
    for student, nb in cases.items():
        path = write_hand_in(folder / "mail" / cohort.folder.name / student, nb)
        course.place_submission(SEMINAR, student, [path], cohort.course_root, config=cohort.config)


def cell_scores(cohort) -> dict:
    from nbgrader.api import Grade

    with cohort.gradebook() as gb:
        return {(g.student.id, g.name): g.auto_score for g in gb.db.query(Grade).all()}


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The same hand-ins graded by `planet grade` (2 at a time) and by nbgrader one by one."""
    base = tmp_path_factory.mktemp("grading")
    kit = make_kit(base / "kit")
    parallel = make_cohort(base, kit, IDS, "parallel")
    sequential = make_cohort(base, kit, IDS, "sequential")
    cases = hand_ins(released(parallel))
    hand_in_all(parallel, cases, base)
    hand_in_all(sequential, cases, base)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANET_TRAINER_TOKEN", TRAINER_SECRET)
        run = grade_seminar(parallel, SEMINAR, jobs=2)
        for student in cases:  # nbgrader autograde, in this process, one after the other
            course.autograde(SEMINAR, student, sequential.course_root, config=sequential.config)
    return parallel, sequential, run, cases


def test_parallel_grading_gives_the_scores_of_sequential_nbgrader_autograde(both):
    parallel, sequential, run, cases = both
    assert run.count("graded") == len(cases) and run.jobs == 2
    ours, theirs = cell_scores(parallel), cell_scores(sequential)
    assert ours == theirs
    assert len(ours) == 3 * len(cases)
    for student in cases:
        assert course.score(SEMINAR, student, parallel.course_root, config=parallel.config) == \
            course.score(SEMINAR, student, sequential.course_root, config=sequential.config)
    assert course.autograded_score(SEMINAR, "partial", parallel.course_root, config=parallel.config) == (1, 2)
    assert course.autograded_score(SEMINAR, "deleted", parallel.course_root, config=parallel.config) == (2, 2)


def test_the_kernel_gets_none_of_the_trainers_environment(both):
    parallel, sequential, _, _ = both

    def printed(cohort) -> str:
        nb = nbformat.read(str(cohort.course_root / "autograded" / "env" / SEMINAR / "demo.ipynb"), as_version=4)
        return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))

    assert "HOME" in printed(parallel) and TRAINER_SECRET not in printed(parallel)
    assert TRAINER_SECRET in printed(sequential)  # plain nbgrader hands it to participants' code


def test_a_second_run_skips_what_is_graded_and_regrades_a_new_hand_in(both, tmp_path):
    parallel, _, _, cases = both
    again = grade_seminar(parallel, SEMINAR, jobs=2)
    assert again.count("skipped") == len(cases) and again.count("graded") == 0
    newer = write_hand_in(tmp_path / "newer", with_answer(released(parallel), FULL_ANSWER))
    course.place_submission(SEMINAR, "wrong", [newer], parallel.course_root, config=parallel.config)
    third = grade_seminar(parallel, SEMINAR, jobs=2)
    assert third.results["wrong"].status == "graded" and third.count("skipped") == len(cases) - 1
    assert course.autograded_score(SEMINAR, "wrong", parallel.course_root, config=parallel.config) == (2, 2)
    assert len(cell_scores(parallel)) == 3 * len(cases)


def test_a_broken_hand_in_fails_alone_and_is_reported(both, tmp_path):
    parallel = both[0]
    broken = parallel.submitted(SEMINAR, "crash") / "demo.ipynb"
    broken.write_text("{ this is not a notebook")
    run = grade_seminar(parallel, SEMINAR, jobs=2)
    assert run.results["crash"].status == "failed"
    assert any("could not be read" in note for note in run.results["crash"].notes)
    assert run.count("skipped") >= 7
    assert {r.participant_id: r.status for r in grade_rows(parallel)}["crash"] == FAILED


def test_an_unreleased_seminar_cannot_be_graded(tmp_path):
    kit = make_kit(tmp_path / "kit")
    roster = tmp_path / "roster.csv"
    roster.write_text("participant_id,country\np01,IT\n")
    cohort = new_cohort(roster, "unreleased", tmp_path / "c", kit_root=kit).cohort
    done = subprocess.run([sys.executable, "-m", "planet_lib.cli", "grade", SEMINAR, "--cohort", str(cohort.folder)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 2 and "planet cohort release 00_demo" in done.stderr


# --- interrupted and run again -------------------------------------------------------------

SLOW = "import time\ntime.sleep(3)\n" + FULL_ANSWER


@pytest.fixture
def slow_cohort(tmp_path):
    kit = make_kit(tmp_path / "kit")
    ids = ["s1", "s2", "s3", "s4", "s5"]
    cohort = make_cohort(tmp_path, kit, ids, "slow")
    hand_in_all(cohort, {pid: with_answer(released(cohort), SLOW) for pid in ids}, tmp_path)
    return cohort, ids


def test_grading_interrupted_and_run_again_records_every_grade_once(slow_cohort):
    from nbgrader.api import Grade, SubmittedAssignment

    cohort, ids = slow_cohort
    ledger = Ledger(cohort.state, SEMINAR)
    grading = subprocess.Popen([sys.executable, "-m", "planet_lib.cli", "grade", SEMINAR, "--cohort",
                                str(cohort.folder), "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    deadline = time.time() + 600
    while not ledger.all() and time.time() < deadline and grading.poll() is None:
        time.sleep(0.2)
    os.killpg(grading.pid, signal.SIGINT)  # Ctrl-C in the trainer's terminal
    out, err = grading.communicate(timeout=120)
    recorded = sorted(ledger.all())
    assert grading.returncode == 130, out + err
    assert "Interrupted" in err and 1 <= len(recorded) < len(ids)
    assert orphaned_kernels() == []  # no kernel left running

    again = grade_seminar(cohort, SEMINAR, jobs=2)
    assert sorted(s for s, r in again.results.items() if r.status == "skipped") == recorded
    assert again.count("graded") == len(ids) - len(recorded) and again.count("failed") == 0
    with cohort.gradebook() as gb:
        assert sorted(s.student.id for s in gb.db.query(SubmittedAssignment).all()) == ids
        assert gb.db.query(Grade).count() == 3 * len(ids)
        assert all(g.auto_score == g.max_score for g in gb.db.query(Grade).all() if g.name in TEST_CELLS)


# --- without an account --------------------------------------------------------------------

def test_grading_without_an_account_says_so_and_still_grades(both):
    parallel = both[0]
    run = grade_seminar(parallel, SEMINAR, only=["partial"], force=True, use_accounts=False, allow_root=True)
    assert not run.isolation.with_accounts and "switched off" in run.isolation.reason
    assert run.results["partial"].status == "graded"
    assert course.autograded_score(SEMINAR, "partial", parallel.course_root, config=parallel.config) == (1, 2)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print_summary(run)
    assert "WARNING: participants' code ran under YOUR account" in out.getvalue()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can be refused")
def test_as_root_without_an_account_nothing_runs_and_the_fix_is_given(both):
    parallel = both[0]
    graded_copy = parallel.course_root / "autograded" / "partial" / SEMINAR / "demo.ipynb"
    before = graded_copy.stat().st_mtime_ns
    done = subprocess.run([sys.executable, "-m", "planet_lib.cli", "grade", SEMINAR, "--cohort", str(parallel.folder),
                           "--only", "partial", "--force", "--no-account"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "participants' code would run as root" in done.stderr and "leave out --no-account" in done.stderr
    assert "Traceback" not in done.stderr and graded_copy.stat().st_mtime_ns == before


# --- isolation parts -----------------------------------------------------------------------

def test_can_reach_follows_every_folder_down_from_the_root(tmp_path):
    account = isolation.Account("nobody-test", 65533, 65533)
    folder = tmp_path / "open"
    folder.mkdir()
    (folder / "file.txt").write_text("x")
    os.chmod(tmp_path, 0o755)
    os.chmod(folder, 0o755)
    os.chmod(folder / "file.txt", 0o644)
    reachable = all(isolation.can_reach(account, p, 1, set()) for p in Path(tmp_path).parents)
    assert isolation.can_reach(account, folder / "file.txt", groups=set()) == reachable
    os.chmod(folder, 0o750)
    assert not isolation.can_reach(account, folder / "file.txt", groups=set())
    os.chmod(folder, 0o755)
    os.chmod(folder / "file.txt", 0o640)
    assert not isolation.can_reach(account, folder / "file.txt", groups=set())


@pytest.mark.skipif(isolation.why_no_accounts() != "", reason="needs root")
def test_closing_a_folder_removes_others_access_and_reports_it(tmp_path):
    account = isolation.ensure_accounts(1)[0]
    open_dir = Path(__import__("tempfile").mkdtemp(prefix="planet-close-", dir="/tmp"))
    try:
        os.chmod(open_dir, 0o755)
        secret = open_dir / "seminars"
        secret.mkdir(mode=0o755)
        os.chmod(secret, 0o755)
        changes, still = isolation.close_to([account], [secret])
        assert len(changes) == 1 and "755 -> 750" in changes[0] and still == []
        assert not isolation.can_reach(account, secret)
        assert isolation.close_to([account], [secret]) == ([], [])  # already closed: nothing to do
    finally:
        import shutil

        shutil.rmtree(open_dir)


def test_limits_count_processes_only_under_an_account():
    limits = isolation.Limits(memory_mb=1024, cpu_seconds=100)
    assert limits.rlimits(True)["NPROC"] == 64 and "NPROC" not in limits.rlimits(False)
    assert limits.rlimits(False)["AS"] == 1024 * 1024 * 1024 and limits.rlimits(False)["CPU"] == [100, 105]


def test_each_parallel_kernel_has_its_own_account():
    assert isolation.account_names(3) == ["planet-grader", "planet-grader-2", "planet-grader-3"]


@pytest.mark.skipif(isolation.why_no_accounts() != "", reason="needs root")
def test_two_grading_runs_at_once_never_share_an_account():
    first, first_locks = isolation.reserve_accounts(1)
    second, second_locks = isolation.reserve_accounts(1)
    try:
        assert first[0].uid != second[0].uid
    finally:
        for handle in first_locks + second_locks:
            handle.close()


# --- hand-marking in the formgrader --------------------------------------------------------

def test_the_formgrader_is_installed_and_enabled_for_jupyter():
    jupyter = Path(sys.executable).with_name("jupyter")
    done = subprocess.run([str(jupyter), "server", "extension", "list"], capture_output=True, text=True, timeout=300)
    listing = done.stdout + done.stderr
    line = next((l for l in listing.splitlines() if "nbgrader.server_extensions.formgrader" in l and "enabled" in l),
                None)
    assert line is not None, listing
