"""`planet cohort release`: the participants' copies of a seminar, both ways.

- **Offline**: one zip per seminar (``outbox/<seminar>.zip``) to send by e-mail or put on a
  USB stick, with a short READ-ME saying how to hand the work back (named by participant id).
- **Shared machine / JupyterHub**: nbgrader's exchange (``Exchange.root``, the cohort's
  ``course_id``), from which participants fetch the seminar in JupyterLab.

The copies are made by nbgrader from the kit's seminar folder (copied into the cohort's
course folder first, so grading later compares with exactly what was released), and checked
for leaks: no line of an answer, a hidden test or a trainer note may appear in them.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..course import CourseError, generate_release, source_notebooks
from .layout import CohortCourse

READ_ME = """PLANET seminar {seminar}: {title}

1. Unzip this folder and open the notebook(s) in JupyterLab.
2. Work through the exercises; save often.
3. When you are done, send the notebook back to your trainer, named with your participant
   id (in the message you received), for example {example}.ipynb for {notebook}.ipynb.
   Do not rename, delete or re-order the cells: they are graded where they are.
{due}"""


@dataclass
class Released:
    seminar: str
    folder: Path
    notebooks: list[str]
    archive: Path | None = None
    exchange: str | None = None
    warnings: list[str] = field(default_factory=list)


class ReleaseRefused(RuntimeError):
    """Releasing again would change what already handed-in work is graded against."""


def release(cohort: CohortCourse, seminar: str, *, exchange: bool = False, force: bool = False) -> Released:
    """Make the participants' copies of `seminar`, its zip, and (optionally) put it in the exchange."""
    info = cohort.seminar(seminar)
    handed_in = _handed_in(cohort, seminar)
    if handed_in and not force:
        raise ReleaseRefused(
            f"{len(handed_in)} participant(s) have already handed in {seminar} ({', '.join(handed_in[:5])}"
            f"{', ...' if len(handed_in) > 5 else ''}). Releasing again would change what their work is "
            "graded against. Use --force only if the seminar notebooks have not changed.")
    folder = generate_release(seminar, cohort.course_root, source_root=cohort.kit_root, config=cohort.config)
    notebooks = [p.stem for p in sorted(folder.glob("*.ipynb"))]
    out = Released(seminar, folder, notebooks, warnings=leak_warnings(cohort, seminar, folder))
    if out.warnings:
        return out  # never hand out a copy that shows answers
    out.archive = write_archive(cohort, seminar, folder, info.title)
    if exchange:
        out.exchange = to_exchange(cohort, seminar)
    return out


def _handed_in(cohort: CohortCourse, seminar: str) -> list[str]:
    base = cohort.submitted(seminar)
    return sorted(p.parent.name for p in base.glob(f"*/{seminar}") if p.is_dir())


def leak_warnings(cohort: CohortCourse, seminar: str, folder: Path) -> list[str]:
    """The course-integrity leak checks on the fresh copies, as lines for the trainer."""
    import nbformat

    from ..course_integrity import check_release

    out = []
    for source in source_notebooks(seminar, cohort.course_root):
        released = folder / source.name
        if not released.exists():
            continue
        findings = check_release(nbformat.read(str(source), as_version=4),
                                 nbformat.read(str(released), as_version=4), f"{seminar}/{source.name}")
        out += [f"{f.file} [{f.item}]: {f.message} {f.hint}" for f in findings if f.severity == "error"]
    return out


def write_archive(cohort: CohortCourse, seminar: str, folder: Path, title: str) -> Path:
    """outbox/<seminar>.zip: the seminar's folder for participants, with a READ-ME."""
    cohort.outbox.mkdir(exist_ok=True)
    target = cohort.outbox / f"{seminar}.zip"
    notebooks = sorted(folder.glob("*.ipynb"))
    example = cohort.roster.ids[0] if cohort.roster.ids else "p01"
    due_text = cohort.seminar(seminar).extra.get("due")
    readme = READ_ME.format(
        seminar=seminar, title=title or "", example=example + ("" if len(notebooks) == 1 else f"_{notebooks[0].stem}"),
        notebook=notebooks[0].stem if notebooks else "notebook",
        due=f"\nPlease hand it in by {due_text}.\n" if due_text else "")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, f"{seminar}/{path.relative_to(folder)}")
        archive.writestr(f"{seminar}/READ-ME.txt", readme)
    return target


def to_exchange(cohort: CohortCourse, seminar: str) -> str:
    """Put the seminar in nbgrader's exchange; returns the exchange folder."""
    if not cohort.exchange:
        raise CourseError("This cohort has no exchange folder: give one with --exchange DIR "
                          "(a folder every participant's account can write to, e.g. /srv/nbgrader/exchange).")
    result = cohort.api().release_assignment(seminar)
    if not result.get("success"):
        raise CourseError(f"Putting {seminar} in the exchange failed:\n{result.get('log', '')}{result.get('error', '')}")
    return cohort.exchange
