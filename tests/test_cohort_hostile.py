"""Hand-ins that misbehave: each scores what it earned, none stops the batch or sees an answer.

One cohort is graded once (module fixture) with a hand-in per misbehaviour. The kit and the
cohort live in a folder every account may read (as a trainer's home folder often is), so the
test also proves that grading closes what holds answers before participants' code runs.
The file-system snooper reads everything it can reach from '/' and searches it for this
run's secret tokens (which exist only in the kit and the cohort), and tries the gradebook,
the kit's seminar notebook and another participant's hand-in by name.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest
from test_cohort_kit import (FULL_ANSWER, PARTIAL_ANSWER, SECRET_HIDDEN, SECRET_NOTES, SECRETS, TOKEN,
                             SEMINAR, WRONG_ANSWER, cell, make_kit, released, with_answer, write_hand_in)

from planet_lib import course
from planet_lib.cohort_ops import isolation
from planet_lib.cohort_ops.create import new_cohort
from planet_lib.cohort_ops.feedback import write_feedback
from planet_lib.cohort_ops.grade import grade_seminar
from planet_lib.cohort_ops.release import release

pytestmark = [
    pytest.mark.filterwarnings("ignore:Object of type .* not in session"),
    pytest.mark.filterwarnings("ignore:Cell is missing an id field"),  # cells nbgrader puts back
    pytest.mark.xdist_group(name="cohort-hostile"),  # one worker grades the hostile cohort once
    pytest.mark.skipif(isolation.why_no_accounts() != "", reason="needs root to run kernels under the grading account"),
]

TIMEOUT = 10  # seconds per cell in this test (the kit's default is 60)
TEST_CELLS = ("cards_one_core", "cards_links")


def snooper(base: Path, cohort: Path) -> str:
    """An answer that also searches the machine for the run's secrets and prints what it finds."""
    targets = [cohort / "course" / "gradebook.db", base / "kit" / "seminars" / SEMINAR / "demo.ipynb",
               cohort / "course" / "seminars" / SEMINAR / "demo.ipynb",
               cohort / "course" / "submitted" / "full" / SEMINAR / "demo.ipynb", cohort / "roster.csv"]
    return FULL_ANSWER + f'''
import os, subprocess, time
subprocess.Popen(["sleep", "600"], start_new_session=True)   # a process left behind
start, seen, hits = time.time(), 0, []
pattern = ({TOKEN[:6]!r} + {TOKEN[6:]!r}).encode()  # this run's token, built so this code does not hold it
skip = {{"/proc", "/sys", "/dev", "/usr", "/lib", "/lib64", "/bin", "/sbin", "/boot", "/etc", "/run",
        "/farm", "/old_root", "/mnt", "/work/.library", "/var/lib", "/var/cache"}}
for top in [{str(base)!r}, "/tmp", "/work", "/home", "/srv", "/opt", "/var", "/"]:
    for root, dirs, files in os.walk(top):
        if root in skip or time.time() - start > {TIMEOUT - 3}:
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if d not in (".venv", "site-packages", "__pycache__")]
        for name in files:
            path = os.path.join(root, name)
            try:
                if os.path.getsize(path) > 5_000_000:
                    continue
                data = open(path, "rb").read()
            except OSError:
                continue
            seen += 1
            at = data.find(pattern)
            if at >= 0:
                hits.append(path)
                print("FOUND", path, data[max(0, at - 200):at + 300])
print("FILES READ", seen, "SECRETS FOUND", len(hits))
for target in {[str(t) for t in targets]!r} + [f"/proc/{{os.getppid()}}/environ"]:
    try:
        print("READ", target, open(target, "rb").read()[:5000])
    except OSError as exc:
        print("DENIED", target, type(exc).__name__)
'''


def without_tests(nb):
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in TEST_CELLS]
    return nb


def with_tests(nb, change):
    nb = copy.deepcopy(nb)
    for grade_id in TEST_CELLS:
        change(cell(nb, grade_id))
    return nb


def _edit(c):
    c.source = "pass"


def _retype(c):
    c.cell_type = "markdown"
    c.pop("outputs", None)
    c.pop("execution_count", None)


def _strip(c):
    c.metadata.pop("nbgrader", None)
    c.source = "pass"


# id -> (hand-in made from the participants' copy, automatic points it earned, a note to expect)
def hand_ins(rel, base: Path, cohort: Path) -> dict:
    return {
        "full": (with_answer(rel, FULL_ANSWER), 2, None),
        "blank": (copy.deepcopy(rel), 0, "handed in as released, with no answer written"),
        "partial": (with_answer(rel, PARTIAL_ANSWER), 1, None),
        "endless-loop": (with_answer(rel, "while True:\n    pass"), 0, "ran longer than"),
        "crash": (with_answer(rel, "raise RuntimeError('my code is broken')"), 0, None),
        "segfault": (with_answer(rel, "import ctypes\nctypes.string_at(0)"), 0, "Python stopped in cell 4"),
        "self-exit": (with_answer(rel, "import os\nos._exit(1)"), 0, "Python stopped in cell 4"),
        "self-kill": (with_answer(rel, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"), 0,
                      "Python stopped in cell 4"),
        "sys-exit": (with_answer(rel, "import sys\nsys.exit(3)"), 0, None),
        "exits-later": (with_answer(rel, FULL_ANSWER + "\nimport os\n"
                                    "get_ipython().events.register('pre_run_cell', lambda *a: os._exit(0))"), 0,
                        "Python stopped in cell 5"),
        # nbgrader's Execute records the error of the reply when the kernel shows none
        "hidden-errors": (with_answer(rel, "get_ipython()._showtraceback = lambda *args, **kwargs: None"), 0, None),
        "huge-output": (with_answer(rel, FULL_ANSWER + "\nfor i in range(300_000):\n    print('x' * 80, i)"),
                        2, "output cut"),
        "deleted-tests": (without_tests(with_answer(rel, FULL_ANSWER)), 2, "were deleted"),
        "deleted-tests-wrong": (without_tests(with_answer(rel, WRONG_ANSWER)), 0, "were deleted"),
        "edited-tests": (with_tests(with_answer(rel, WRONG_ANSWER), _edit), 0, "were edited"),
        "retyped-tests": (with_tests(with_answer(rel, WRONG_ANSWER), _retype), 0, "re-typed (code to markdown)"),
        "stripped-tests": (with_tests(with_answer(rel, WRONG_ANSWER), _strip), 0, "lost their grading marks"),
        "memory-hog": (with_answer(rel, "hog = bytearray(6 * 1024 ** 3)\n" + FULL_ANSWER), 0, None),
        "many-processes": (with_answer(rel, FULL_ANSWER + '''
import subprocess
started = []
for i in range(150):
    try:
        started.append(subprocess.Popen(["sleep", "60"]))
    except OSError:
        break
print("STARTED", len(started))'''), 2, None),
        "snooper": (with_answer(rel, snooper(base, cohort)), 2, None),
    }


@pytest.fixture(scope="module")
def graded():
    """The hostile cohort, graded once; removed afterwards."""
    base = Path(tempfile.mkdtemp(prefix="planet-hostile-", dir="/tmp"))
    os.chmod(base, 0o755)  # readable by every account, like many home folders
    try:
        kit = make_kit(base / "kit")
        cohort_dir = base / "cohort"
        roster = base / "roster.csv"
        made = _make_cohort(base, kit, roster, cohort_dir)
        cohort = made.cohort
        release(cohort, SEMINAR)
        rel = released(cohort)
        cases = hand_ins(rel, base, cohort_dir)
        for student, (nb, _, _) in cases.items():
            path = write_hand_in(base / "mail" / student, nb)
            course.place_submission(SEMINAR, student, [path], cohort.course_root, config=cohort.config)
        run = grade_seminar(cohort, SEMINAR, jobs=2, timeout=TIMEOUT)
        if not run.isolation.with_accounts:  # then the walls under test are not there: say why
            pytest.skip(f"kernels could not run under a grading account here: {run.isolation.reason}")
        yield cohort, run, cases, base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _make_cohort(base, kit, roster, cohort_dir):
    ids = CASES
    roster.write_text("participant_id,first_name,last_name,email,municipality,country,group\n" + "".join(
        f"{pid},Hand,In {i},h{i}@example.org,Town {i},IT,g{i % 3}\n" for i, pid in enumerate(ids)), encoding="utf-8")
    return new_cohort(roster, "Hostile hand-ins", cohort_dir, kit_root=kit)


def orphaned_kernels() -> list[str]:
    """Grading kernels whose grading process is gone (adopted by init), and the snooper's
    'sleep 600' (every process of an account is stopped after each notebook)."""
    import psutil

    out = []
    for process in psutil.process_iter(["ppid", "cmdline", "username"]):
        command = " ".join(process.info["cmdline"] or [])
        if process.info["ppid"] == 1 and "_kernel_launcher.py" in command:
            out.append(command)
        elif command == "sleep 600" and (process.info["username"] or "").startswith("planet-grader"):
            out.append(command)
    return out


def _scores(cohort, student):
    return course.autograded_score(SEMINAR, student, cohort.course_root, config=cohort.config)


def _graded_nb(cohort, student):
    return nbformat.read(str(cohort.course_root / "autograded" / student / SEMINAR / "demo.ipynb"), as_version=4)


def _outputs_text(nb) -> str:
    out = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            out.append(" ".join(str(o.get(k, "")) for k in ("text", "ename", "evalue", "data")))
    return "\n".join(out)


CASES = ["full", "blank", "partial", "endless-loop", "crash", "segfault", "self-exit", "self-kill", "sys-exit",
         "exits-later", "hidden-errors", "huge-output", "deleted-tests", "deleted-tests-wrong", "edited-tests",
         "retyped-tests", "stripped-tests", "memory-hog", "many-processes", "snooper"]


@pytest.mark.parametrize("student", CASES)
def test_each_hand_in_scores_what_it_earned_and_no_more(graded, student):
    cohort, run, cases, _ = graded
    _, earned, note = cases[student]
    result = run.results[student]
    assert result.status == "graded", result.notes
    assert _scores(cohort, student) == (earned, 2.0)
    if note:
        assert any(note in n for n in result.notes), result.notes


def test_only_the_blank_hand_in_is_said_to_have_no_answer(graded):
    _, run, cases, _ = graded
    said = {s for s, r in run.results.items() if any("no answer written" in n for n in r.notes)}
    assert said == {"blank"}


def test_the_whole_batch_was_graded_and_nothing_of_it_keeps_running(graded):
    _, run, cases, _ = graded
    assert sorted(run.results) == sorted(cases) and run.count("failed") == 0
    assert run.isolation.with_accounts
    assert orphaned_kernels() == []  # and the snooper's 'sleep' was stopped with its account's processes


def test_restored_test_cells_are_back_in_the_graded_copy(graded):
    cohort = graded[0]
    for student in ("deleted-tests", "edited-tests", "retyped-tests", "stripped-tests"):
        nb = _graded_nb(cohort, student)
        restored = cell(nb, "cards_links")
        assert restored.cell_type == "code" and SECRET_HIDDEN in restored.source


def test_a_huge_output_is_cut_and_the_graded_copy_stays_small(graded):
    cohort = graded[0]
    path = cohort.course_root / "autograded" / "huge-output" / SEMINAR / "demo.ipynb"
    assert path.stat().st_size < 2_500_000
    text = _outputs_text(_graded_nb(cohort, "huge-output"))
    assert len(text) < 200_000 and "299999" not in text


def test_memory_and_process_limits_hold(graded):
    cohort = graded[0]
    assert "MemoryError" in _outputs_text(_graded_nb(cohort, "memory-hog"))
    text = _outputs_text(_graded_nb(cohort, "many-processes"))
    started = int(text.split("STARTED")[1].split()[0])
    assert started < isolation.Limits().processes


def test_the_snooper_read_the_machine_but_found_no_secret(graded):
    cohort, _, _, base = graded
    text = _outputs_text(_graded_nb(cohort, "snooper"))
    assert "SECRETS FOUND 0" in text
    files_read = int(text.split("FILES READ")[1].split()[0])
    assert files_read > 0  # it really did read what it could
    assert f"DENIED {cohort.course_root / 'gradebook.db'}" in text
    assert f"DENIED {base / 'kit' / 'seminars' / SEMINAR / 'demo.ipynb'}" in text
    assert f"DENIED {cohort.course_root / 'submitted' / 'full' / SEMINAR / 'demo.ipynb'}" in text
    assert f"DENIED {cohort.folder / 'roster.csv'}" in text
    assert "environ" in text and "READ /proc" not in text


def test_no_graded_copy_shows_a_secret_in_what_the_code_printed(graded):
    cohort, _, cases, _ = graded
    for student in cases:
        text = _outputs_text(_graded_nb(cohort, student))
        assert not any(secret in text for secret in SECRETS), student


def test_grading_closed_the_kit_seminars_to_the_grading_account(graded):
    _, run, _, base = graded
    seminars = base / "kit" / "seminars"
    assert any(str(seminars) in change for change in run.isolation.changes)
    assert not any(isolation.can_reach(a, seminars / SEMINAR / "demo.ipynb") for a in run.isolation.accounts)
    assert not run.isolation.exposed


def test_feedback_pages_show_no_hidden_test_answer_note_or_printed_output(graded):
    cohort, _, cases, _ = graded
    done = write_feedback(cohort, SEMINAR)
    assert sorted(done.pages) == sorted(cases) and not done.withheld
    for student, page in done.pages.items():
        text = page.read_text(encoding="utf-8")
        assert not any(secret in text for secret in SECRETS), student
        assert "BEGIN HIDDEN TESTS" not in text and "Every leads_to must name" not in text, student
        assert "Rubric, exercise 2" not in text and "Trainer notes" not in text, student
        assert SECRET_NOTES not in text
    snooped = done.pages["snooper"].read_text(encoding="utf-8")
    assert not re.search(r"FILES READ \d", snooped) and "DENIED /" not in snooped
    assert "xxxxxxxxxx" not in done.pages["huge-output"].read_text(encoding="utf-8")
    partial = done.pages["partial"].read_text(encoding="utf-8")
    assert "Passed: 1 of 1 point(s)." in partial and "checks you cannot see did not pass" in partial


def test_a_page_that_would_show_a_hidden_line_is_withheld(graded):
    from planet_lib.cohort_ops.feedback import FeedbackRun, _publish, _secrets

    cohort = graded[0]
    write_feedback(cohort, SEMINAR)
    page = cohort.course_root / "feedback" / "blank" / SEMINAR / "demo.html"
    hidden = (f'<span class="k">assert</span> <span class="s2">&quot;{SECRET_HIDDEN}&quot;</span><span class="p">,</span>'
              f' <span class="s2">&quot;{SECRET_HIDDEN} must hold&quot;</span>')  # a hidden line, highlighted
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", f"<pre>{hidden}</pre></body>"))
    run = FeedbackRun(SEMINAR)
    _publish(cohort, SEMINAR, "blank", _secrets(cohort, SEMINAR), run)
    assert "blank" in run.withheld and "blank" not in run.pages and not page.exists()
