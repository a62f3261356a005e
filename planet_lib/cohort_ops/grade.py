"""`planet grade`: every hand-in of a seminar graded in parallel, recorded once in the gradebook.

How the work is split, and why the scores equal those of ``nbgrader autograde``:

- **Workers** (one process per core, ``--jobs``) each take a participant's hand-in, restore
  it with nbgrader's own sanitize preprocessors (clear outputs, put back test and given cells
  from the gradebook, revert cell types, add back deleted tests) and run it with nbgrader's
  own `Execute` preprocessor, in a fresh kernel walled off by isolation.py. They only read
  the gradebook.
- **The parent** (this process) is the gradebook's only writer, as SQLite takes one writer
  at a time. For each finished hand-in it runs nbgrader's `Autograde` converter itself, with
  every step as configured except that `Execute` is replaced by `Replay`, which hands over
  the notebook the worker executed (after checking its cells are the very ones nbgrader
  restored). So nbgrader's own code saves the grades, late penalties and the graded copy.

A kernel that dies is run once more, alone, after the others (so that a neighbour's crash
cannot cost a participant points); the second result is final. Each recorded hand-in is
noted in a ledger (ledger.py): running the command again after an interruption grades only
what is not recorded yet, and nbgrader updates grades in place, so each grade is in the
gradebook once.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import multiprocessing
import os
import warnings
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import group_copy, isolation
from .collect import hand_ins
from .execute import Job, Outcome, Settings, font_cache_files, init_worker, run_job
from .gradebook import ensure_default_course
from .layout import CohortCourse
from .ledger import Entry, Ledger, fingerprint

MAX_FILES_BYTES = 50 * 1024 * 1024  # public files copied into each kernel's folder


@dataclass
class Result:
    """One participant's grading."""

    student: str
    status: str  # graded | failed | skipped (already graded)
    score: float | None = None
    max_score: float | None = None
    late_hours: float = 0.0
    notes: list[str] = field(default_factory=list)


@dataclass
class GradingRun:
    seminar: str
    results: dict[str, Result] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # on the roster, nothing handed in
    strangers: list[str] = field(default_factory=list)  # handed in, not on the roster
    isolation: isolation.Isolation | None = None
    jobs: int = 0

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results.values())

    @property
    def late(self) -> list[str]:
        return [s for s, r in self.results.items() if r.status == "graded" and r.late_hours > 0]


class GradingInterrupted(KeyboardInterrupt):
    """Ctrl-C during grading; carries what was recorded before it."""

    def __init__(self, run: GradingRun):
        super().__init__()
        self.run = run


class NotReleased(RuntimeError):
    """The seminar has no notebooks in the gradebook yet."""


class RootRefused(RuntimeError):
    """Grading runs as root but no grading account can be used: participants' code would run as root."""


def grade_seminar(cohort: CohortCourse, seminar: str, *, jobs: int | None = None, force: bool = False,
                  only: list[str] | None = None, limits: isolation.Limits | None = None,
                  timeout: int | None = None, use_accounts: bool = True, progress: bool = False,
                  allow_root: bool = False) -> GradingRun:
    """Grade every hand-in of `seminar` not graded yet (all of them with `force`).

    Participants' code never runs as root: run as root with no grading account usable, it
    raises `RootRefused` before any hand-in runs (`allow_root` is for the kit's own tests).
    """
    cohort.seminar(seminar)
    notebooks = _known_notebooks(cohort, seminar)
    handed = hand_ins(cohort, seminar)
    roster = cohort.roster.ids
    run = GradingRun(seminar, missing=[p for p in roster if p not in handed],
                     strangers=[p for p in handed if p not in roster])
    ledger = Ledger(cohort.state, seminar)
    todo = []
    for student in (p for p in roster if p in handed and (not only or p in only)):
        if not force and ledger.done(student, fingerprint(cohort.submitted(seminar, student))):
            entry = ledger.get(student)
            run.results[student] = Result(student, "skipped", entry.score, entry.max_score, entry.late_hours)
        else:
            todo.append(student)
    if not todo:
        return run
    config = _grading_config(cohort, timeout)
    ensure_default_course(cohort.gradebook_url)
    run.jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    limits = _limits(limits, config, cohort, seminar)
    run.isolation = isolation.plan(run.jobs, cohort.kit_root, [cohort.folder], use_accounts, limits)
    if isolation.as_root() and not run.isolation.with_accounts and not allow_root:
        run.isolation.release()
        raise RootRefused(_root_refusal(run.isolation.reason, use_accounts))
    settings = Settings(config, limits, run.isolation.python, run.isolation.site_dirs,
                        font_cache=font_cache_files())
    work = [_job(cohort, seminar, student, notebooks) for student in todo]
    try:
        _run_all(cohort, seminar, work, settings, run, ledger, progress)
    finally:
        run.isolation.release()
    return run


def _root_refusal(reason: str, use_accounts: bool) -> str:
    fix = ("leave out --no-account: run as root, each kernel runs under a planet-grader account"
           if not use_accounts else
           "install the kit in a folder every account may read, such as /opt/planet, with its .venv "
           "inside it (see docs/trainer-guide-cohort.md), or grade as an ordinary user (limits only)")
    return (f"participants' code would run as root ({reason}), so nothing was graded. "
            f"To fix it: {fix}.")


# --- preparing -----------------------------------------------------------------------------

def _known_notebooks(cohort: CohortCourse, seminar: str) -> list[str]:
    from nbgrader.api import MissingEntry

    with cohort.gradebook() as gb:
        try:
            names = [nb.name for nb in gb.find_assignment(seminar).notebooks]
        except MissingEntry:
            names = []
    if not names:
        raise NotReleased(f"{seminar} has not been released in this cohort yet: "
                          f"run 'planet cohort release {seminar}' first.")
    return names


def _grading_config(cohort: CohortCourse, timeout: int | None):
    from traitlets.config import Config

    config = Config(cohort.config)
    if timeout:
        config.Execute.timeout = int(timeout)
    return config


def _limits(limits, config, cohort: CohortCourse, seminar: str) -> isolation.Limits:
    """The CPU backstop is at least one timeout per code cell: the timeouts always act first."""
    import json

    limits = limits or isolation.Limits()
    cells = 0
    for path in cohort.released(seminar).glob("*.ipynb"):
        cells = max(cells, sum(c.get("cell_type") == "code" for c in json.loads(path.read_text())["cells"]))
    timeout = int(config.Execute.get("timeout", 30) or 30)
    return dataclasses.replace(limits, cpu_seconds=max(limits.cpu_seconds, timeout * (cells + 1)))


def _job(cohort: CohortCourse, seminar: str, student: str, notebooks: list[str]) -> Job:
    folder = cohort.submitted(seminar, student)
    handed = {p.stem: str(p) for p in sorted(folder.glob("*.ipynb")) if p.stem in notebooks}
    job = Job(student, seminar, handed, str(cohort.released(seminar)), _public_files(cohort, seminar, folder))
    job.notes = _give_group_copies(cohort, job)
    return job


def _give_group_copies(cohort: CohortCourse, job: Job) -> list[str]:
    """Each notebook that names a group of the cohort runs on a copy of it (group_copy.py)."""
    notes = []
    for name, path in job.notebooks.items():
        try:
            named = group_copy.named_group(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # an unreadable hand-in is reported when it is restored
        if not named:
            continue
        source, snapshot = group_copy.group_source(cohort, job.seminar, named)
        if source is None:
            notes.append(f"{name}: GROUP_FOLDER names {named}, which is not a group of this cohort, "
                         "so its set-up cell may find no workbook")
            continue
        job.files.update(group_copy.files_for(cohort, source))
        job.group_copies[name] = group_copy.copy_path(source)
        if not snapshot:
            notes.append(f"{name}: run on a copy of {source.name} as it is now "
                         "(no copy was kept when the seminar was collected)")
    return notes


def _public_files(cohort: CohortCourse, seminar: str, handed: Path) -> dict[str, bytes]:
    """The seminar's released files (not notebooks) over the participant's own extra files."""
    files, size = {}, 0
    for base in (handed, cohort.released(seminar)):
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            rel = str(path.relative_to(base))
            if path.suffix == ".ipynb" or rel == "timestamp.txt" or ".ipynb_checkpoints" in rel:
                continue
            size += path.stat().st_size
            if size <= MAX_FILES_BYTES:
                files[rel] = path.read_bytes()
    return files


# --- running -------------------------------------------------------------------------------

def _run_all(cohort, seminar, work: list[Job], settings: Settings, run: GradingRun, ledger: Ledger,
             progress: bool) -> None:
    from tqdm import tqdm

    bar = tqdm(total=len(work), desc=f"Grading {seminar}", unit="hand-in", disable=None if progress else True)
    retry: list[Job] = []

    def finished(job: Job, outcomes: dict[str, Outcome], final: bool) -> None:
        if not final and any(o.kernel_died for o in outcomes.values()):
            retry.append(job)
            return
        run.results[job.student] = record(cohort, seminar, job.student, outcomes, ledger, job.notes)
        bar.update(1)
        bar.set_postfix(graded=run.count("graded"), failed=run.count("failed"))

    try:
        _pool_run(work, settings, run, finished, final=False, workers=run.jobs)
        for job in list(retry):  # alone this time, so no neighbour can disturb it
            _pool_run([job], settings, run, finished, final=True, workers=1)
    except KeyboardInterrupt:
        raise GradingInterrupted(run) from None
    finally:
        bar.close()


def _pool_run(work: list[Job], settings: Settings, run: GradingRun, finished, final: bool, workers: int) -> None:
    context = multiprocessing.get_context("spawn")
    slots = context.Queue()
    for account in (run.isolation.accounts[:workers] if run.isolation else []):
        slots.put((account.name, account.uid, account.gid))
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker,
                               initargs=(settings, slots, bool(run.isolation and run.isolation.with_accounts)))
    futures = {pool.submit(run_job, job): job for job in work}
    pending = set(futures)
    try:
        while pending:
            done, pending = wait(pending, timeout=_stall_limit(settings, work), return_when=FIRST_COMPLETED)
            if not done:  # a worker is stuck beyond every time limit: stop the workers, retry alone
                _kill_workers(pool, run)
                continue
            for future in done:
                finished(futures[future], _outcomes(future, futures[future]), final)
        pool.shutdown(wait=True)
    except BaseException:
        _stop_pool(pool, run)
        raise


def _outcomes(future, job: Job) -> dict[str, Outcome]:
    try:
        return future.result()
    except BrokenProcessPool:
        return {nb: Outcome({}, kernel_died=True, error="the grading worker stopped") for nb in job.notebooks}
    except Exception as exc:  # noqa: BLE001  (a worker failure is one participant's, not the batch's)
        return {nb: Outcome({}, error=f"the grading worker failed ({type(exc).__name__}: {exc})")
                for nb in job.notebooks}


def _stall_limit(settings: Settings, work: list[Job]) -> float:
    """Longest a hand-in may take with every cell at its time limit, plus start-up room."""
    per_notebook = settings.limits.cpu_seconds  # at least one timeout per code cell
    return per_notebook * max(len(job.notebooks) for job in work) + 300


def _kill_workers(pool: ProcessPoolExecutor, run: GradingRun) -> None:
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()
    for account in (run.isolation.accounts if run.isolation else []):
        isolation.stop_processes_of(account)


def _stop_pool(pool: ProcessPoolExecutor, run: GradingRun) -> None:
    """Stop the workers now (they end their kernels), then anything left under the accounts."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
    for account in (run.isolation.accounts if run.isolation else []):
        isolation.stop_processes_of(account)


# --- recording (the only gradebook writer) -------------------------------------------------

def record(cohort: CohortCourse, seminar: str, student: str, outcomes: dict[str, Outcome],
           ledger: Ledger, notes: list[str] = ()) -> Result:
    """Save one hand-in's grades through nbgrader's Autograde; returns what was recorded."""
    notes = [*notes, *(note for o in outcomes.values() for note in o.notes)]
    errors = [o.error for o in outcomes.values() if o.error]
    executed = {name: o.notebook for name, o in outcomes.items() if not o.error}
    ledger.forget(student)
    result = _autograde(cohort, seminar, student, Replay(executed, {n: o.error for n, o in outcomes.items()}))
    notes += _nbgrader_notes(result.get("log", ""))
    status = "graded" if result.get("success") and not errors else "failed"
    if status == "failed":
        notes += errors or [_failure(result)]
    score, max_score, late = _scores(cohort, seminar, student)
    entry = Entry(fingerprint(cohort.submitted(seminar, student)), status, notes,
                  score if status == "graded" else None, max_score, late)
    ledger.write(student, entry)
    return Result(student, status, entry.score, max_score, late, notes)


class Replay:
    """Stands in for nbgrader's Execute: gives back the notebook a worker executed."""

    enabled = True

    def __init__(self, executed: dict[str, dict], errors: dict[str, str]):
        self.executed, self.errors = executed, errors

    def __call__(self, nb, resources):
        import nbformat

        name = resources["nbgrader"]["notebook"]
        if name not in self.executed:
            raise RuntimeError(self.errors.get(name) or f"{name} was not run")
        done = nbformat.from_dict(self.executed[name])
        if [c.source for c in done.cells] != [c.source for c in nb.cells]:
            raise RuntimeError(f"{name}: the notebook run differs from the one nbgrader restored; grade it again")
        return done, resources


def _autograde(cohort: CohortCourse, seminar: str, student: str, replay: Replay) -> dict:
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute
    from nbgrader.utils import capture_log

    app = Autograde(coursedir=cohort.coursedir(seminar, student), config=cohort.config)
    app.log = _quiet_log()
    app.force = True
    app.create_student = True
    app.autograde_preprocessors = [replay if step is Execute else step for step in app.autograde_preprocessors]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Object of type .* not in session")  # nbgrader + SQLAlchemy 2
        return capture_log(app)


def _quiet_log() -> logging.Logger:
    """nbgrader's messages go to the captured log, not to the trainer's terminal."""
    log = logging.getLogger("planet.grade.nbgrader")
    log.propagate = False
    log.setLevel(logging.INFO)
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    return log


def _nbgrader_notes(log: str) -> list[str]:
    notes = []
    for line in log.splitlines():
        if "No submitted file:" in line:
            notes.append(f"{Path(line.split('No submitted file:')[-1].strip()).name} was not handed in: scored 0")
    return notes


def _failure(result: dict) -> str:
    log = result.get("log", "") + result.get("error", "")
    if "No notebooks found" in log:
        return "none of the handed-in files is a notebook of this seminar (check the file names)"
    errors = [line for line in log.splitlines() if "Error" in line or "[ERROR]" in line]
    return "nbgrader could not grade it: " + (errors[-1].strip() if errors else "see the log")


def _scores(cohort: CohortCourse, seminar: str, student: str) -> tuple[float | None, float | None, float]:
    from .gradebook import submission_or_none

    with cohort.gradebook() as gb:
        sub = submission_or_none(gb, seminar, student)
        if sub is None:
            return None, None, 0.0
        return float(sub.score), float(sub.max_score), float(sub.total_seconds_late or 0) / 3600
