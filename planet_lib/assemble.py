"""Assembling a cohort: every group's report from one template notebook, then the cohort showcase.

papermill runs `dissemination/group_report.ipynb` once per group with the group as a parameter,
so trainers change every report by editing one notebook.  Groups run in parallel processes
(papermill inside each worker, not its command line, to pay its start-up once per worker).

The output folder holds one pack per group, `groups/<group>/`: the executed notebook, the
HTML report (without code), the partners' spreadsheet, `summary.json` and `manifest.json`.
Nothing there is ever half written:

- a pack is built in a temporary folder (`groups/.tmp-...`) and renamed into place once
  complete; its `manifest.json` (written last) records its status and a digest of its inputs;
- a report that fails still gets its pack, with the executed notebook showing the error and
  a manifest saying `failed`; the other groups go on;
- the top `manifest.json` (the run's completion marker) is removed when a run starts work and
  written again only at its very end, so an interrupted run never looks finished.

A rerun skips a group whose inputs did not change: its workbook files, `cohort.yaml`, the
template notebook, its rule set file, the EU membership file and the kit's version.  The
showcase reruns when any pack or its own template changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .report import SUMMARY_FILE
from .report_html import write_json
from .report_pack import (SHOWCASE_HTML, Job, Outcome, clean_leftovers, first_line, ignore_interrupts, run_job,
                          templates_folder)
from .showcase import GROUP_MANIFEST, PACKS_DIR

MANIFEST = "manifest.json"
GROUP_TEMPLATE = "group_report.ipynb"
SHOWCASE_TEMPLATE = "cohort_showcase.ipynb"


def default_output(cohort: Path) -> Path:
    """`build/<cohort folder name>` under the current folder (`build/` is ignored by git)."""
    return Path("build") / Path(cohort).name


# digests of inputs -----------------------------------------------------------------------
def _digest_files(paths: list[tuple[str, Path]], extra: str = "") -> str:
    h = hashlib.sha256(extra.encode())
    for name, path in paths:
        h.update(b"\0" + name.encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()


def _workbook_files(group_folder: Path) -> list[tuple[str, Path]]:
    """Every file of a group folder (hidden files, editor lock files and sub-folders excepted)."""
    return [(p.name, p) for p in sorted(group_folder.iterdir())
            if p.is_file() and not p.name.startswith((".", "~$"))]


def _programme(group_folder: Path, cohort: Path) -> str:
    """The rule-set id the group uses ('' when it cannot be read: the report will say why)."""
    from .errors import WorkbookError
    from .workbook import yamlfile

    for path in (group_folder / "group.yaml", cohort / "cohort.yaml"):
        try:
            data, _text, _fmt = yamlfile.read(path, path.name)
        except (WorkbookError, OSError):
            continue
        if isinstance(data, dict) and data.get("programme"):
            return str(data["programme"])
    return ""


def _ruleset_files(group_folder: Path, cohort: Path) -> list[tuple[str, Path]]:
    from .rules import MEMBERSHIP_FILE, SUFFIXES, rulesets_folder

    folder = rulesets_folder()
    programme = _programme(group_folder, cohort)
    found = [folder / f"{programme}{s}" for s in SUFFIXES if programme and (folder / f"{programme}{s}").exists()]
    return [(f"rules/{p.name}", p) for p in found + [folder / MEMBERSHIP_FILE]]


def group_digest(cohort: Path, group_folder: Path, template: Path) -> str:
    """What a group's report depends on, as one hash."""
    from . import __version__

    files = ([("template", template), ("cohort.yaml", cohort / "cohort.yaml")]
             + _workbook_files(group_folder) + _ruleset_files(group_folder, cohort))
    return _digest_files(files, f"planet {__version__}")


def showcase_digest(cohort: Path, out: Path, template: Path, groups: list[str]) -> str:
    """What the showcase depends on: its template, cohort.yaml and every pack's manifest and summary."""
    from . import __version__

    files = [("template", template), ("cohort.yaml", cohort / "cohort.yaml")]
    for g in groups:
        pack = out / PACKS_DIR / g
        files += [(f"{g}/{GROUP_MANIFEST}", pack / GROUP_MANIFEST), (f"{g}/{SUMMARY_FILE}", pack / SUMMARY_FILE)]
    return _digest_files(files, f"planet {__version__}")


def read_manifest(path: Path) -> dict | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_current(pack: Path, digest: str) -> bool:
    """True when the pack was built successfully from exactly these inputs and has all its files."""
    manifest = read_manifest(pack / GROUP_MANIFEST)
    if not manifest or manifest.get("status") != "ok" or manifest.get("inputs") != digest:
        return False
    return all((pack / name).is_file() for name in manifest.get("files", []))

# the whole run ---------------------------------------------------------------------------
@dataclass
class Assembly:
    """What a run did."""

    cohort: str
    out: str
    groups: list[Outcome] = field(default_factory=list)
    showcase: Outcome | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.groups + ([self.showcase] if self.showcase else []) if o.status == "failed"]

    def to_dict(self) -> dict:
        return {"cohort": self.cohort, "output": self.out, "seconds": self.seconds,
                "groups": [asdict(o) for o in self.groups],
                "showcase": asdict(self.showcase) if self.showcase else None,
                "failed": [o.name for o in self.failed]}


def select_groups(cohort: Path, names: list[str] | None) -> list[Path]:
    """The group folders to assemble: all of the cohort's, or the ones named (an unknown name is an error)."""
    from .errors import InputProblem, WorkbookError
    from .workbook.group import group_folders

    folders = group_folders(cohort)
    if not names:
        return folders
    known = {f.name: f for f in folders}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise WorkbookError([InputProblem(f"{cohort}/groups", None, None, n,
                                          "the name of a group folder: " + ", ".join(known)) for n in unknown])
    return [known[n] for n in dict.fromkeys(names)]


def check_cohort_folder(cohort: Path) -> None:
    """Refuse, with a plain message, a folder that is not a cohort or whose cohort.yaml is unusable."""
    from .errors import InputProblem, ProblemList, WorkbookError
    from .workbook import convert, yamlfile
    from .workbook.group import is_cohort

    if not cohort.is_dir() or not is_cohort(cohort):
        raise WorkbookError([InputProblem(str(cohort), None, None, None,
                                          "a cohort folder, with a cohort.yaml and a groups/ folder")])
    data, _text, _fmt = yamlfile.read(cohort / "cohort.yaml", "cohort.yaml")
    problems = ProblemList("cohort.yaml")
    convert.cohort_from_data(data or {}, problems)
    problems.raise_if_any()


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def assemble(cohort: str | Path, out: str | Path | None = None, groups: list[str] | None = None,
             jobs: int | None = None, force: bool = False, progress: bool = True,
             templates: str | Path | None = None) -> Assembly:
    """Build the report of each group (all, or those named) and the showcase into `out`."""
    started = time.perf_counter()
    cohort = Path(cohort).resolve()
    check_cohort_folder(cohort)
    out = Path(out or default_output(cohort)).resolve()
    templates = Path(templates) if templates else templates_folder()
    group_template, showcase_template = templates / GROUP_TEMPLATE, templates / SHOWCASE_TEMPLATE
    chosen = select_groups(cohort, groups)
    all_groups = [f.name for f in select_groups(cohort, None)]
    (out / PACKS_DIR).mkdir(parents=True, exist_ok=True)
    clean_leftovers(out)

    result = Assembly(str(cohort), str(out))
    todo = []
    for folder in chosen:
        digest = group_digest(cohort, folder, group_template)
        pack = out / PACKS_DIR / folder.name
        if not force and is_current(pack, digest):
            result.groups.append(Outcome(folder.name, "skipped", str(pack)))
        else:
            todo.append(Job("group", folder.name, str(cohort), str(out), str(group_template), digest))
    previous = read_manifest(out / MANIFEST) or {}
    if not todo and not force and _showcase_current(previous, cohort, out, showcase_template, all_groups):
        result.showcase = Outcome("showcase", "skipped", str(out / SHOWCASE_HTML))
        result.seconds = round(time.perf_counter() - started, 2)
        return result
    (out / MANIFEST).unlink(missing_ok=True)  # from here until the end, the output is not complete
    todo.sort(key=lambda job: -_workbook_size(Path(job.cohort) / "groups" / job.name))  # longest first
    pool = _pool(max(1, min(jobs or default_jobs(), len(todo))))
    try:
        result.groups += _run(pool, todo, progress)
        result.groups.sort(key=lambda o: all_groups.index(o.name))
        digest = showcase_digest(cohort, out, showcase_template, all_groups)
        showcase = Job("showcase", "showcase", str(cohort), str(out), str(showcase_template), digest)
        result.showcase = _run(pool, [showcase], False)[0]
    except BaseException:  # Ctrl-C: stop now; what is published stays complete, the rest is rebuilt next time
        _stop(pool)
        raise
    pool.shutdown()
    _write_run_manifest(out, cohort, all_groups, result, digest)
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def _showcase_current(previous: dict, cohort: Path, out: Path, template: Path, groups: list[str]) -> bool:
    shown = previous.get("showcase") or {}
    return (previous.get("complete") is True and shown.get("status") == "built"
            and shown.get("inputs") == showcase_digest(cohort, out, template, groups)
            and (out / SHOWCASE_HTML).is_file())


def _workbook_size(folder: Path) -> int:
    return sum(p.stat().st_size for _name, p in _workbook_files(folder))


def _pool(workers: int):
    """Worker processes for the reports ('spawn' everywhere: the same on Linux, macOS and Windows).

    Workers ignore Ctrl-C: the main process decides what stops (see `_stop`).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=ignore_interrupts)


def _stop(pool) -> None:
    """Cancel the reports not started and end the workers; their unfinished packs stay hidden."""
    import multiprocessing

    pool.shutdown(wait=False, cancel_futures=True)
    for worker in multiprocessing.active_children():
        worker.terminate()


def _run(pool, jobs: list[Job], progress: bool) -> list[Outcome]:
    """Run the jobs in the pool's workers, with a progress bar on a terminal."""
    if not jobs:
        return []
    from concurrent.futures import as_completed

    from tqdm.auto import tqdm

    futures = {pool.submit(run_job, job): job for job in jobs}
    outcomes = []
    bar = tqdm(total=len(jobs), desc="Assembling reports", unit="group", file=sys.stderr,
               disable=None if progress else True)
    try:
        for future in as_completed(futures):
            outcomes.append(_outcome_of(future, futures[future]))
            bar.update(1)
    finally:
        bar.close()
    return outcomes


def _outcome_of(future, job: Job) -> Outcome:
    """The job's outcome; a worker that crashed outright counts as a failed group."""
    try:
        return future.result()
    except Exception as exc:
        return Outcome(job.name, "failed", "", {"cell": None, "ename": type(exc).__name__,
                                                "evalue": first_line(str(exc)) or "the worker process stopped"})


def _write_run_manifest(out: Path, cohort: Path, groups: list[str], result: Assembly, showcase_inputs: str) -> None:
    """The run's completion marker, written last: every pack's status and inputs, and the showcase's."""
    from . import __version__

    packs = {}
    for g in groups:
        manifest = read_manifest(out / PACKS_DIR / g / GROUP_MANIFEST) or {"status": "missing"}
        packs[g] = {"status": manifest.get("status"), "inputs": manifest.get("inputs"), "folder": f"{PACKS_DIR}/{g}"}
    showcase = result.showcase
    write_json(out / MANIFEST, {
        "complete": True, "cohort": str(cohort), "kit_version": __version__,
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S"), "groups": packs,
        "showcase": {"status": showcase.status if showcase else "missing", "inputs": showcase_inputs,
                     "file": SHOWCASE_HTML},
    })
