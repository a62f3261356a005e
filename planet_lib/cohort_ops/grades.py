"""Marks: entering a trainer's points for a written answer, and exporting the cohort's grades.

Written (reflective) answers are marked by hand, normally in nbgrader's formgrader (see
docs/trainer-guide-cohort.md); `set_manual_grade` does the same from a script or the
``planet grades set`` command.

The export has one row per participant and seminar, and one per working group and seminar
(from the roster's ``group``). "not submitted" is never shown as 0: a participant who handed
nothing in has no score; one who handed in work that earned nothing has 0. A seminar not
released yet shows "not released yet" rather than "not submitted".
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

from .collect import hand_ins
from .gradebook import submission_or_none
from .layout import GRADES_DIR, CohortCourse
from .ledger import Ledger

NOT_SUBMITTED = "not submitted"
NOT_RELEASED = "not released yet"
NOT_GRADED = "handed in, not graded yet"
FAILED = "could not be graded"
TO_MARK = "to mark by hand"
GRADED = "graded"


class GradeEntryError(ValueError):
    """A manual grade that cannot be entered (unknown cell, points out of range, ...)."""


def set_manual_grade(cohort: CohortCourse, seminar: str, student: str, cell_id: str, points: float,
                     comment: str | None = None) -> tuple[float, float]:
    """Give `points` for one graded cell of a hand-in; returns the hand-in's (score, max score)."""
    from nbgrader.api import MissingEntry

    with cohort.gradebook() as gb:
        notebook = _notebook_of(gb, seminar, cell_id)
        try:
            grade = gb.find_grade(cell_id, notebook, seminar, student)
        except MissingEntry:
            if student not in hand_ins(cohort, seminar):
                raise GradeEntryError(f"{student} has handed in nothing for {seminar}, so there is nothing to "
                                      "mark (check the participant id; collect their hand-in first if it came "
                                      "late).") from None
            raise GradeEntryError(f"{student} has no graded hand-in of {seminar}: grade it first "
                                  f"(planet grade {seminar}).") from None
        if not 0 <= points <= grade.max_score:
            raise GradeEntryError(f"{cell_id} is worth 0 to {grade.max_score:g} points; {points:g} is outside that.")
        grade.manual_score = points
        grade.needs_manual_grade = False
        if comment is not None:
            gb.find_comment(cell_id, notebook, seminar, student).manual_comment = comment
        gb.db.commit()
        sub = gb.find_submission(seminar, student)
        return float(sub.score), float(sub.max_score)


def _notebook_of(gb, seminar: str, cell_id: str) -> str:
    from nbgrader.api import MissingEntry

    try:
        notebooks = [nb.name for nb in gb.find_assignment(seminar).notebooks]
    except MissingEntry:
        raise GradeEntryError(f"{seminar} has not been released in this cohort.") from None
    for notebook in notebooks:
        try:
            gb.find_graded_cell(cell_id, notebook, seminar)
            return notebook
        except MissingEntry:
            continue
    cells = sorted(c.name for nb in gb.find_assignment(seminar).notebooks for c in nb.grade_cells)
    raise GradeEntryError(f"{seminar} has no graded cell {cell_id!r}; its graded cells are: {', '.join(cells)}")


# --- the export ----------------------------------------------------------------------------

@dataclass
class GradeRow:
    participant_id: str
    first_name: str
    last_name: str
    group: str
    seminar: str
    status: str
    score: float | None  # None when there is nothing to score
    max_score: float | None
    late_hours: float | None


def grade_rows(cohort: CohortCourse) -> list[GradeRow]:
    """Every participant's standing in every seminar of the cohort."""
    rows = []
    with cohort.gradebook() as gb:
        for seminar in cohort.seminar_ids:
            handed = hand_ins(cohort, seminar)
            ledger = Ledger(cohort.state, seminar).all()
            maximum = _max_score(gb, seminar)
            released = any(cohort.released(seminar).glob("*.ipynb"))
            for p in cohort.roster.participants:
                sub = submission_or_none(gb, seminar, p.participant_id)
                status, score, late = _standing(sub, p.participant_id in handed, ledger.get(p.participant_id))
                if status == NOT_SUBMITTED and not released:
                    status = NOT_RELEASED
                rows.append(GradeRow(p.participant_id, p.first_name, p.last_name, p.group, seminar, status,
                                     score, maximum, late))
    return rows


def _max_score(gb, seminar: str) -> float | None:
    from nbgrader.api import MissingEntry

    try:
        assignment = gb.find_assignment(seminar)
    except MissingEntry:
        return None
    return float(assignment.max_score) if assignment.notebooks else None


def _standing(sub, handed_in: bool, entry) -> tuple[str, float | None, float | None]:
    if sub is None:
        return (NOT_GRADED if handed_in else NOT_SUBMITTED), None, None
    late = round(float(sub.total_seconds_late or 0) / 3600, 2)
    if entry is not None and entry.status == "failed":
        return FAILED, None, late
    status = TO_MARK if sub.needs_manual_grade else GRADED
    return status, float(sub.score), late


def group_rows(rows: list[GradeRow]) -> list[dict]:
    """Per working group and seminar: members, hand-ins, and the scores of those who handed in."""
    groups: dict[tuple[str, str], list[GradeRow]] = {}
    for row in rows:
        groups.setdefault((row.group or "(no group)", row.seminar), []).append(row)
    out = []
    for (group, seminar), members in sorted(groups.items()):
        scores = [r.score for r in members if r.score is not None]
        out.append({
            "group": group, "seminar": seminar, "members": len(members),
            "handed_in": sum(r.status not in (NOT_SUBMITTED, NOT_RELEASED) for r in members),
            "not_submitted": sum(r.status == NOT_SUBMITTED for r in members),
            "to_mark_by_hand": sum(r.status == TO_MARK for r in members),
            "mean_score": round(sum(scores) / len(scores), 2) if scores else None,
            "lowest": min(scores) if scores else None, "highest": max(scores) if scores else None,
            "max_score": members[0].max_score,
        })
    return out


def export(cohort: CohortCourse, out: str | Path | None = None, xlsx: bool = False) -> list[Path]:
    """grades.csv, grades-by-group.csv (and grades.xlsx) in `out` (default <cohort>/grades)."""
    folder = Path(out) if out else cohort.folder / GRADES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    rows = grade_rows(cohort)
    groups = group_rows(rows)
    written = [_csv(folder / "grades.csv", [asdict(r) for r in rows]),
               _csv(folder / "grades-by-group.csv", groups)]
    if xlsx:
        written.append(_xlsx(folder / "grades.xlsx", rows, groups, cohort.seminar_ids))
    return written


def _csv(path: Path, records: list[dict]) -> Path:
    """UTF-8 with a byte-order mark, so spreadsheet programs show accented names right."""
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]) if records else ["participant_id"])
        writer.writeheader()
        for record in records:
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return path


def _xlsx(path: Path, rows: list[GradeRow], groups: list[dict], seminars: list[str]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    wide = book.active
    wide.title = "Participants"
    wide.append(["participant_id", "first_name", "last_name", "group",
                 *[f"{s} {what}" for s in seminars for what in ("points", "status")]])
    by_person: dict[str, dict[str, GradeRow]] = {}
    for row in rows:
        by_person.setdefault(row.participant_id, {})[row.seminar] = row
    for pid, seminars_of in by_person.items():
        first = next(iter(seminars_of.values()))
        cells = [pid, first.first_name, first.last_name, first.group]
        for s in seminars:
            r = seminars_of.get(s)
            cells += [r.score if r else None, r.status if r else NOT_SUBMITTED]
        wide.append(cells)
    for title, records in (("Grades", [asdict(r) for r in rows]), ("Groups", groups)):
        sheet = book.create_sheet(title)
        if records:
            sheet.append(list(records[0]))
            for record in records:
                sheet.append(list(record.values()))
    book.save(path)
    return path
