"""`planet grade` against plain sequential `nbgrader autograde`, on 35 hand-ins of one seminar.

Target: at most 0.6 of the sequential time on 2 cores, with identical scores.

Two cohorts get the same 35 hand-ins (full, partial, blank and misbehaving ones) of the same
seminar, with the same nbgrader configuration (the kit's, pointed at each cohort):
- baseline: nbgrader's own autograde through its Python API (NbGraderAPI.autograde, in this
  process, no command start-up), one hand-in after the other;
- planet: the `planet grade SEMINAR --jobs N` command, as a trainer runs it (its start-up
  included).
Both run in this run, on this machine; peak memory is the largest sum of resident memory of
the grading process and all its children (workers, kernels), sampled every 0.2 s.

Scores are compared cell by cell as nbgrader counts them (a grade nbgrader could not compute
counts 0). Where nbgrader gives up on a hand-in (a notebook that ends its own Python) it says
so and records nothing; planet records 0 for the tests that did not run: both count 0.

Run: .venv/bin/python benchmarks/grade.py [--seminar 01_programming] [--jobs 2] [--timeout 10]
(default seminar: 01_programming if the kit has it, else the fixture course's 00_demo).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

import nbformat
import psutil

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

from planet_lib import course  # noqa: E402
from planet_lib.cohort_ops.create import new_cohort  # noqa: E402
from planet_lib.cohort_ops.release import release  # noqa: E402
from planet_lib.course_integrity import fill_in_solutions  # noqa: E402

N = 35
MIX = ["full"] * 14 + ["partial"] * 8 + ["blank"] * 6 + [
    "endless-loop", "crash", "self-exit", "huge-output", "deleted-tests", "edited-tests", "snooper"]


def main() -> None:
    args = _arguments()
    warnings.filterwarnings("ignore")
    kit_source = KIT if course.source_notebooks(args.seminar) else KIT / "tests" / "fixtures" / "course"
    with tempfile.TemporaryDirectory(prefix="planet-bench-") as tmp:
        tmp = Path(tmp)
        kit = tmp / "kit"
        shutil.copytree(kit_source / "seminars" / args.seminar, kit / "seminars" / args.seminar)
        roster = tmp / "roster.csv"
        roster.write_text("participant_id,first_name,last_name,email,municipality,country,group\n" + "".join(
            f"b{i:02d},Name,Surname {i},b{i}@example.org,Town {i},IT,g{i % 5}\n" for i in range(1, N + 1)))
        cohorts = {}
        for name in ("sequential", "planet"):
            cohort = new_cohort(roster, f"bench {name}", tmp / name, kit_root=kit).cohort
            cohort.config.Execute.timeout = args.timeout
            release(cohort, args.seminar)
            cohorts[name] = cohort
        hand_ins = make_hand_ins(cohorts["planet"], args.seminar)
        for cohort in cohorts.values():
            place(cohort, args.seminar, hand_ins, tmp)
        print(f"seminar {args.seminar} ({', '.join(course.source_notebooks(args.seminar, kit) and [p.name for p in course.source_notebooks(args.seminar, kit)])}), "
              f"{N} hand-ins: " + ", ".join(f"{MIX.count(k)} {k}" for k in dict.fromkeys(MIX)))
        print(f"cell timeout {args.timeout} s for both; {os.cpu_count()} cores; load average "
              f"{os.getloadavg()[0]:.1f} at start")
        with kernels_quiet():  # nbgrader's kernels write their start-up warnings to this terminal
            base_s, base_mb = measured(lambda: sequential(cohorts["sequential"], args.seminar))
        ours_s, ours_mb = measured(lambda: planet(cohorts["planet"], args.seminar, args.jobs, args.timeout))
        same, differences = compare(cohorts["sequential"], cohorts["planet"])
    print()
    print(f"{'':34}{'time':>10}{'peak memory':>14}")
    print(f"{'nbgrader autograde, sequential':34}{base_s:9.1f}s{base_mb:11.0f} MB   (baseline, in-process API)")
    print(f"{'planet grade --jobs ' + str(args.jobs):34}{ours_s:9.1f}s{ours_mb:11.0f} MB   (the command, start-up included)")
    ratio = ours_s / base_s
    print(f"ratio planet / sequential: {ratio:.2f} (target <= 0.60: {'met' if ratio <= 0.6 else 'NOT met'}); "
          f"scores identical: {'yes' if same else 'NO'}")
    for line in differences:
        print(f"  differs: {line}")


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = "01_programming" if course.source_notebooks("01_programming") else "00_demo"
    parser.add_argument("--seminar", default=default)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=10, help="seconds per cell, for both")
    return parser.parse_args()


# --- the hand-ins --------------------------------------------------------------------------

def make_hand_ins(cohort, seminar: str) -> dict[str, dict[str, nbformat.NotebookNode]]:
    """participant id -> {notebook file name: notebook}, following MIX."""
    sources = {p.name: nbformat.read(str(p), as_version=4) for p in course.source_notebooks(seminar, cohort.kit_root)}
    releases = {name: nbformat.read(str(cohort.released(seminar) / name), as_version=4) for name in sources}
    out = {}
    for i, kind in enumerate(MIX, start=1):
        out[f"b{i:02d}"] = {name: one(kind, releases[name], sources[name], first=(name == min(sources)))
                            for name in sources}
    return out


def one(kind: str, rel, src, first: bool):
    full = fill_in_solutions(rel, src)
    if kind == "blank" or (kind in ("endless-loop", "crash", "self-exit", "edited-tests") and not first):
        return copy.deepcopy(rel)
    if kind == "partial":
        return _half(rel, full)
    nb = copy.deepcopy(full)
    answer = next((c for c in nb.cells if c.cell_type == "code" and _meta(c).get("solution")), None)
    if kind == "endless-loop" and answer is not None:
        answer.source = "while True:\n    pass"
    elif kind == "crash" and answer is not None:
        answer.source = "raise RuntimeError('broken')"
    elif kind == "self-exit" and answer is not None:
        answer.source = "import os\nos._exit(1)"
    elif kind == "huge-output" and answer is not None:
        answer.source += "\nfor i in range(200_000):\n    print('x' * 60, i)"
    elif kind == "deleted-tests":
        nb.cells = [c for c in nb.cells if not (_meta(c).get("grade") and not _meta(c).get("solution"))]
    elif kind == "edited-tests":
        nb = copy.deepcopy(rel)
        for c in nb.cells:
            if _meta(c).get("grade") and not _meta(c).get("solution") and c.cell_type == "code":
                c.source = "pass"
    elif kind == "snooper" and answer is not None:
        answer.source += ("\nimport os\nfor p in ['/etc/passwd', os.path.expanduser('~')]:\n"
                          "    print(p, os.path.exists(p))")
    return nb


def _half(rel, full):
    """Every other answer cell filled in."""
    nb = copy.deepcopy(rel)
    answers = [i for i, c in enumerate(nb.cells) if _meta(c).get("solution")]
    for i in answers[::2]:
        nb.cells[i] = copy.deepcopy(full.cells[i])
    return nb


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def place(cohort, seminar: str, hand_ins: dict, tmp: Path) -> None:
    for student, notebooks in hand_ins.items():
        folder = tmp / "mail" / cohort.folder.name / student
        folder.mkdir(parents=True)
        paths = []
        for name, nb in notebooks.items():
            nbformat.write(nb, str(folder / name))
            paths.append(folder / name)
        course.place_submission(seminar, student, paths, cohort.course_root, config=cohort.config)


# --- the two ways --------------------------------------------------------------------------

def sequential(cohort, seminar: str) -> None:
    """nbgrader's autograde, one hand-in after another, through its Python API."""
    api = course._api(course._course_config(cohort.course_root, cohort.config))
    for student in cohort.roster.ids:
        api.autograde(seminar, student, force=True, create=True)  # failures are nbgrader's to report


def planet(cohort, seminar: str, jobs: int, timeout: int) -> None:
    done = subprocess.run([sys.executable, "-m", "planet_lib.cli", "grade", seminar, "--cohort", str(cohort.folder),
                           "--jobs", str(jobs), "--timeout", str(timeout)], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"planet grade failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    print(done.stdout.strip())


@contextlib.contextmanager
def kernels_quiet():
    saved = os.dup(2)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def measured(work) -> tuple[float, float]:
    """Wall seconds and peak MB of resident memory of this process and all its children."""
    me = psutil.Process()
    peak = [0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            total = 0
            try:
                processes = [me, *me.children(recursive=True)]
            except psutil.Error:
                processes = [me]
            for process in processes:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total)
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    return seconds, peak[0] / 1e6


def compare(baseline, ours) -> tuple[bool, list[str]]:
    from nbgrader.api import Grade

    def points(cohort):
        with cohort.gradebook() as gb:
            return {(g.student.id, g.notebook.name, g.name): float(g.auto_score or 0) for g in gb.db.query(Grade).all()
                    if g.cell.cell_type == "code"}

    theirs, mine = points(baseline), points(ours)
    keys = sorted(set(theirs) | set(mine))
    differences = [f"{k}: nbgrader {theirs.get(k)} / planet {mine.get(k)}" for k in keys if theirs.get(k, 0) != mine.get(k, 0)]
    return not differences, differences


if __name__ == "__main__":
    main()
