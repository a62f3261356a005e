"""Where a cohort keeps its things, and the nbgrader set-up that goes with it.

```
<cohort>/                 private to its owner (participants' personal data, marks)
  cohort.yaml             name, course_id, programme, currency, kit, exchange,
                          seminars: [{id, title, due}]
  roster.csv              the roster as given (see roster.py)
  groups/<group>/         the working groups' workbooks (group.yaml made from the roster)
  course/                 the nbgrader course folder of this cohort: gradebook.db, seminars/
                          (the kit's seminar notebooks as released), release/, submitted/,
                          autograded/, feedback/, downloaded/ (e-mailed notebooks)
  outbox/                 what goes to participants: <seminar>.zip, feedback/<seminar>/<id>.html
  grades/                 grades.csv, grades-by-group.csv, grades.xlsx
```

Each cohort has its own gradebook; the seminar notebooks stay in the kit (``kit`` in
cohort.yaml, the kit's own folder by default) and a cohort copies them into its course
folder when it releases a seminar, so grading always compares with what was released.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .. import cohort as cohort_mod
from ..course import KIT_ROOT, load_config
from ..errors import InputProblem, ProblemList, UsageError, WorkbookError
from ..workbook import convert, yamlfile

COURSE_DIR = "course"
OUTBOX_DIR = "outbox"
GRADES_DIR = "grades"
STATE_DIR = ".planet"  # inside the course folder: what the planet commands remember


@dataclass
class CohortCourse:
    """A cohort folder made by `planet cohort new`, with its nbgrader course."""

    folder: Path
    info: cohort_mod.CohortInfo
    exchange_for_this_run: str | None = None  # --exchange DIR, over the one cohort.yaml names

    @classmethod
    def load(cls, folder: str | Path) -> "CohortCourse":
        folder = Path(folder).resolve()
        if not (folder / cohort_mod.FILE).is_file():
            raise WorkbookError([InputProblem(
                str(folder), None, None, None,
                f"this is not a cohort folder (there is no {cohort_mod.FILE}); give the folder "
                "'planet cohort new' made, with --cohort or by running the command inside it")],
                "The cohort folder")
        data, _text, _fmt = yamlfile.read(folder / cohort_mod.FILE, cohort_mod.FILE)
        problems = ProblemList(cohort_mod.FILE)
        info = convert.cohort_from_data(data or {}, problems)
        if not info.course_id:
            problems.add(None, "course_id", None, "a cohort needs a course_id (letters, digits, '_', '-')")
        problems.raise_if_any()
        return cls(folder, info)

    # places ------------------------------------------------------------------------------
    @property
    def course_root(self) -> Path:
        return self.folder / COURSE_DIR

    @property
    def outbox(self) -> Path:
        return self.folder / OUTBOX_DIR

    @property
    def state(self) -> Path:
        return self.course_root / STATE_DIR

    @property
    def kit_root(self) -> Path:
        """The folder holding the seminars/ this cohort releases (the kit by default)."""
        kit = self.info.extra.get("kit")
        return Path(kit) if kit else KIT_ROOT

    @property
    def gradebook_url(self) -> str:
        return f"sqlite:///{self.course_root / 'gradebook.db'}"

    @property
    def exchange_in_file(self) -> str | None:
        """The exchange folder cohort.yaml names, if any."""
        return self.info.extra.get("exchange") or None

    @property
    def exchange(self) -> str | None:
        """The exchange folder this run uses."""
        return self.exchange_for_this_run or self.exchange_in_file

    def use_exchange(self, folder: str | Path | None) -> None:
        """Use this exchange folder for this run (instead of cohort.yaml's)."""
        if folder:
            self.exchange_for_this_run = str(Path(folder).resolve())
            self.__dict__.pop("config", None)

    def remember_exchange(self, folder: str | Path) -> None:
        """Write the exchange folder into cohort.yaml (which names none yet), so that later
        commands find it without --exchange DIR; the rest of the file stays as it is."""
        path = self.folder / cohort_mod.FILE
        data, text, fmt = yamlfile.read(path, cohort_mod.FILE)
        updated = dict(data or {})
        updated["exchange"] = str(Path(folder).resolve())
        yamlfile.save(path, updated, text, fmt)
        self.info.extra["exchange"] = updated["exchange"]

    def submitted(self, seminar: str = "", student: str = "") -> Path:
        base = self.course_root / "submitted"
        return base / student / seminar if student else base

    def released(self, seminar: str) -> Path:
        return self.course_root / "release" / seminar

    # seminars ----------------------------------------------------------------------------
    @property
    def seminar_ids(self) -> list[str]:
        return [s.id for s in self.info.seminars]

    def seminar(self, seminar_id: str) -> cohort_mod.Seminar:
        for s in self.info.seminars:
            if s.id == seminar_id:
                return s
        import difflib

        known = ", ".join(self.seminar_ids) or "none"
        near = difflib.get_close_matches(seminar_id, self.seminar_ids, n=1)
        hint = f" (did you mean {near[0]}?)" if near else ""
        raise UsageError(f"there is no seminar {seminar_id!r} in this cohort{hint}. Its seminars are: {known}.")

    def due(self, seminar_id: str) -> dt.datetime | None:
        """The seminar's due date as nbgrader keeps it (UTC, without a time zone)."""
        raw = self.seminar(seminar_id).extra.get("due")
        return parse_due(str(raw)) if raw else None

    # the roster --------------------------------------------------------------------------
    @cached_property
    def roster(self):
        from .roster import read_roster

        return read_roster(self.folder / cohort_mod.ROSTER_FILE)

    # nbgrader ----------------------------------------------------------------------------
    @cached_property
    def config(self):
        """The kit's nbgrader configuration pointed at this cohort's course and gradebook."""
        from traitlets.config import Config

        kit_config = self.kit_root if (self.kit_root / "nbgrader_config.py").is_file() else None
        cfg = Config(load_config(kit_config))
        cfg.CourseDirectory.root = str(self.course_root)
        cfg.CourseDirectory.db_url = self.gradebook_url
        cfg.CourseDirectory.course_id = self.info.course_id
        # Deleted test cells come back when grading (nbgrader leaves them out by default).
        cfg.OverwriteCells.add_missing_cells = True
        if self.exchange:
            cfg.Exchange.root = self.exchange
        return cfg

    def coursedir(self, seminar: str = "", student: str = "*"):
        from nbgrader.coursedir import CourseDirectory

        coursedir = CourseDirectory(config=self.config)
        if seminar:
            coursedir.assignment_id = seminar
        coursedir.student_id = student
        return coursedir

    def api(self):
        from nbgrader.apps.api import NbGraderAPI

        from ..nbgrader_ext import ensure_scripts_on_path

        ensure_scripts_on_path()
        return NbGraderAPI(coursedir=self.coursedir(), config=self.config)

    def gradebook(self):
        from nbgrader.api import Gradebook

        return Gradebook(self.gradebook_url, self.info.course_id)


def parse_due(text: str) -> dt.datetime:
    """'2013-03-01' (the end of that day) or '2013-03-01 12:00', in this machine's time zone,
    as a UTC time without zone (how nbgrader stores due dates)."""
    text = text.strip().replace("T", " ")
    try:
        if len(text) == 10:
            local = dt.datetime.strptime(text, "%Y-%m-%d").replace(hour=23, minute=59, second=59)
        else:
            local = dt.datetime.strptime(text[:16], "%Y-%m-%d %H:%M")
    except ValueError:
        raise ValueError(f"{text!r} is not a date like 2013-03-01 or 2013-03-01 12:00") from None
    return local.astimezone(dt.timezone.utc).replace(tzinfo=None)


def find_cohort(folder: str | Path | None) -> CohortCourse:
    """The cohort of `--cohort`, or the one the command is run in."""
    return CohortCourse.load(folder if folder is not None else Path.cwd())
