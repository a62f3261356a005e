"""`planet cohort collect`: hand-ins gathered into the cohort's course folder, both ways.

- **Exchange** (shared machine, JupyterHub): nbgrader's ``collect`` takes what participants
  submitted from JupyterLab; the submitter is their account name, which must be their
  participant id.
- **E-mail** (offline): a folder or a zip of the notebooks participants sent back, each named
  by participant id: ``p07.ipynb`` (a seminar with one notebook), ``p07_<notebook>.ipynb``,
  ``p07-<notebook>.ipynb``, or ``p07/<notebook>.ipynb`` (upper/lower case does not matter).
  nbgrader's ``zip_collect`` does the copying; its file-name plugin is given a pattern made
  from the roster (it must start with ``.*/``: it is matched against the whole path). The time
  of hand-in is the file's modification time as saved from the mail (or as stored in the zip);
  for late work that is the time that counts, so save attachments as they arrive.

Both report files that match nobody, late hand-ins (after the seminar's due date) and
participants with nothing handed in. The first collection of a seminar that takes in hand-ins
also keeps a copy of the groups' folders as they are then: grading runs the notebooks on it
(group_copy.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..course import CourseError
from ..network import FILE as NETWORK_FILE
from .group_copy import take_snapshot
from .layout import CohortCourse


@dataclass
class Collected:
    seminar: str
    handed_in: list[str]  # participant ids with work in the course folder now
    collected: list[str] = field(default_factory=list)  # ids taken in by this run
    unmatched: list[str] = field(default_factory=list)  # files or accounts that match nobody
    late: dict[str, float] = field(default_factory=dict)  # id -> hours late
    missing: list[str] = field(default_factory=list)  # roster ids with nothing handed in
    groups_kept: Path | None = None  # the copy of the groups' folders this run kept for grading


# --- the state of a seminar ----------------------------------------------------------------

def hand_ins(cohort: CohortCourse, seminar: str) -> dict[str, dt.datetime | None]:
    """Participant id -> time of hand-in (UTC), for every hand-in in the course folder."""
    from nbgrader.utils import parse_utc

    out = {}
    for folder in sorted(cohort.submitted(seminar).glob(f"*/{seminar}")):
        stamp = folder / "timestamp.txt"
        when = None
        if stamp.is_file() and stamp.read_text().strip():
            when = parse_utc(stamp.read_text().strip())
            when = when.replace(tzinfo=None) if when.tzinfo is None else \
                when.astimezone(dt.timezone.utc).replace(tzinfo=None)
        out[folder.parent.name] = when
    return out


def status(cohort: CohortCourse, seminar: str, collected=(), unmatched=()) -> Collected:
    """Who handed in, who is late (vs the due date), who has nothing in."""
    times = hand_ins(cohort, seminar)
    due = cohort.due(seminar)
    roster = cohort.roster.ids
    late = {pid: (when - due).total_seconds() / 3600
            for pid, when in times.items() if due and when and when > due}
    strangers = [f"{pid}: handed in from an account that is not on the roster (in course/submitted/{pid}/); "
                 "it is not graded" for pid in times if pid not in roster]
    return Collected(seminar, sorted(p for p in times if p in roster), sorted(collected),
                     [*unmatched, *strangers], late, [p for p in roster if p not in times])


# --- through the exchange ------------------------------------------------------------------

def collect_exchange(cohort: CohortCourse, seminar: str, groups_from: str | Path | None = None) -> Collected:
    _check_groups_from(groups_from)
    before = hand_ins(cohort, seminar)
    cohort.seminar(seminar)
    if not cohort.exchange:
        raise CourseError("This cohort has no exchange folder: give it with --exchange DIR.")
    result = cohort.api().collect(seminar, update=True)
    if not result.get("success"):
        raise CourseError(f"Collecting {seminar} from the exchange failed:\n{result.get('log', '')}"
                          f"{result.get('error', '')}")
    after = hand_ins(cohort, seminar)
    done = status(cohort, seminar, [p for p, t in after.items() if before.get(p, "none") != t])
    done.groups_kept = take_snapshot(cohort, seminar, groups_from) if done.handed_in else None
    return done


# --- from e-mail ---------------------------------------------------------------------------

def collect_files(cohort: CohortCourse, seminar: str, source: str | Path,
                  groups_from: str | Path | None = None) -> Collected:
    """Take in e-mailed notebooks from a folder or a zip; see the module docstring."""
    _check_groups_from(groups_from)
    from nbgrader.utils import capture_log

    source = Path(source)
    if not source.exists():
        raise CourseError(f"{source} does not exist: give the folder or zip holding the notebooks.")
    notebooks = [p.stem for p in sorted(cohort.released(seminar).glob("*.ipynb"))]
    if not notebooks:
        raise CourseError(f"{seminar} has not been released yet (planet cohort release {seminar}).")
    archive = cohort.course_root / "downloaded" / seminar / "archive"
    _fill_archive(source, archive)
    times = {str(p.relative_to(archive)): dt.datetime.fromtimestamp(p.stat().st_mtime, dt.timezone.utc)
             for p in archive.rglob("*") if p.is_file()}
    before = hand_ins(cohort, seminar)
    app = _zip_collect_app(cohort, seminar, notebooks, times)
    with _quiet(app.log):  # its log is kept for an error; the summary says the rest
        result = capture_log(app)
    if not result.get("success"):
        raise CourseError(f"Collecting the e-mailed notebooks failed:\n{result.get('log', '')}{result.get('error', '')}")
    plugin = app.collector_plugin_inst
    after = hand_ins(cohort, seminar)
    collected = [p for p, t in after.items() if before.get(p, "none") != t]
    done = status(cohort, seminar, collected, plugin.unmatched)
    done.groups_kept = take_snapshot(cohort, seminar, groups_from) if done.handed_in else None
    return done


def _check_groups_from(folder: str | Path | None) -> None:
    if folder and not any(p.is_file() for p in Path(folder).glob(f"*/{NETWORK_FILE}")):
        raise CourseError(f"{folder} holds no group folders (no <group>/{NETWORK_FILE}): give the folder where "
                          "the groups work, e.g. /home/shared/planet-2013/groups.")


@contextlib.contextmanager
def _quiet(log: logging.Logger):
    """nbgrader's own log handlers off for a while (capture_log's handler still records)."""
    handlers, propagate = list(log.handlers), log.propagate
    for handler in handlers:
        log.removeHandler(handler)
    log.propagate = False
    try:
        yield
    finally:
        for handler in handlers:
            log.addHandler(handler)
        log.propagate = propagate


def _fill_archive(source: Path, archive: Path) -> None:
    """Copy the hand-ins (a folder, or a zip unpacked) keeping each file's time."""
    if archive.exists():
        shutil.rmtree(archive)
    archive.mkdir(parents=True)
    if source.is_dir():
        shutil.copytree(source, archive, dirs_exist_ok=True)
        return
    with zipfile.ZipFile(source) as packed:
        for info in packed.infolist():
            if info.is_dir() or info.filename.startswith("__MACOSX/"):
                continue
            target = archive / _safe_name(info.filename)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(packed.read(info))
            stamp = dt.datetime(*info.date_time).timestamp()
            os.utime(target, (stamp, stamp))


def _safe_name(name: str) -> str:
    """A path inside the archive folder (no '..' or absolute paths from a hostile zip)."""
    parts = [p for p in Path(name).parts if p not in ("..", "/", "\\") and not p.endswith(":")]
    return os.path.join(*parts) if parts else "unnamed"


def id_pattern(ids: list[str]) -> str:
    """FileNameCollectorPlugin.named_regexp for ids: '.*/' first, as nbgrader matches whole paths."""
    alternatives = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return rf".*/(?P<student_id>(?i:{alternatives}))(?:[_\-. ]+(?P<file_id>[^/]*?))?\.ipynb$"


def _zip_collect_app(cohort: CohortCourse, seminar: str, notebooks: list[str], times: dict):
    from nbgrader.apps.zipcollectapp import ZipCollectApp
    from nbgrader.plugins import FileNameCollectorPlugin

    ids = cohort.roster.ids
    by_lower = {i.lower(): i for i in ids}

    class RosterCollector(FileNameCollectorPlugin):
        """nbgrader's file-name collector, knowing the roster and the seminar's notebooks."""

        unmatched: list[str] = []

        def collect(self, submitted_file):
            rel = os.path.relpath(submitted_file, self.parent._format_collect_path(self.parent.extracted_directory))
            if not submitted_file.endswith(".ipynb"):
                self.unmatched.append(f"{rel}: not a notebook, skipped")
                return None
            student, notebook = self._who_and_what(submitted_file, rel)
            if student is None:
                self.unmatched.append(f"{rel}: the name matches no participant id on the roster")
                return None
            if notebook is None:
                self.unmatched.append(f"{rel}: {student}'s file, but which notebook is it? Name it "
                                      f"{student}_<notebook>.ipynb with one of: {', '.join(notebooks)}")
                return None
            return {"student_id": student, "file_id": notebook, "timestamp": _time_of(rel, times)}

        def _who_and_what(self, path: str, rel: str):
            folders = [by_lower[p.lower()] for p in Path(rel).parts[:-1] if p.lower() in by_lower]
            stem = Path(rel).stem
            if folders:
                return folders[-1], _notebook_named(stem, notebooks)
            found = self._match(path)
            if not found:
                return None, None
            rest = found.get("file_id") or ""
            return by_lower[found["student_id"].lower()], _notebook_named(rest, notebooks)

    RosterCollector.unmatched = []
    app = ZipCollectApp(config=cohort.config)
    app.coursedir = cohort.coursedir(seminar)
    app.force = True
    app.collector_plugin = RosterCollector
    app.config.FileNameCollectorPlugin.named_regexp = id_pattern(ids)
    app.config.ExtractorPlugin.force = True
    return app


def _time_of(rel: str, times: dict) -> dt.datetime:
    """A file's time; for a file unpacked from a participant's own zip, that zip's time."""
    if rel in times:
        return times[rel]
    parts = Path(rel).parts
    for i in range(len(parts) - 1, 0, -1):
        packed = os.path.join(*parts[:i]) + ".zip"
        if packed in times:
            return times[packed]
    return dt.datetime.now(dt.timezone.utc)


def _notebook_named(text: str, notebooks: list[str]) -> str | None:
    """Which of the seminar's notebooks a name means; with one notebook, any name means it."""
    plain = text.strip(" _-.").lower()
    for notebook in notebooks:
        if plain == notebook.lower():
            return notebook
    return notebooks[0] if len(notebooks) == 1 else None
