"""Putting a hand-in back in shape before it runs, exactly as ``nbgrader autograde`` does.

nbgrader's "sanitize" step clears outputs, puts back the kernel, restores every locked cell
(tests with their hidden part, given code) from the gradebook, reverts cell-type changes and,
with ``OverwriteCells.add_missing_cells``, adds back deleted test cells. Grading workers run
that same step (nbgrader's own preprocessors, the cohort's configuration, the gradebook read
but never written) and note for the trainer what was put back.
"""

from __future__ import annotations

from pathlib import Path


def sanitize_steps(config) -> list:
    """nbgrader's sanitize preprocessors as this configuration sets them."""
    from nbgrader.converters import Autograde

    steps = config.Autograde.get("sanitize_preprocessors") if "Autograde" in config else None
    steps = steps or Autograde.class_traits()["sanitize_preprocessors"].default()
    return [step(config=config) if isinstance(step, type) else step for step in steps]


def restore(path: Path, config, seminar: str, student: str, notebook: str):
    """The hand-in as nbgrader would run it (hidden tests in place), read from `path`."""
    import nbformat
    from nbconvert.exporters.exporter import ResourcesDict

    nb = nbformat.read(str(path), as_version=4)
    resources = ResourcesDict()
    resources.update({
        "unique_key": notebook, "output_files_dir": f"{notebook}_files",
        "nbgrader": {"student": student, "assignment": seminar, "notebook": notebook,
                     "db_url": config.CourseDirectory.db_url},
        "metadata": {"name": notebook, "path": str(path.parent)},
    })
    for step in sanitize_steps(config):
        nb, resources = step(nb, resources)
    return nb


def what_was_put_back(path: Path, release_path: Path) -> list[str]:
    """Notes on the test and given cells a participant deleted, edited or re-typed, and on a
    notebook handed in with no answer written."""
    import nbformat

    try:
        handed = nbformat.read(str(path), as_version=4)
        released = nbformat.read(str(release_path), as_version=4)
    except (OSError, ValueError):
        return []
    mine = {_grade_id(c): c for c in handed.cells if _grade_id(c)}
    found: dict[str, list[str]] = {}
    for cell in released.cells:
        meta = cell.metadata.get("nbgrader", {})
        cell_id = meta.get("grade_id")
        if not cell_id or not (meta.get("locked") or meta.get("grade")):
            continue
        theirs = mine.get(cell_id)
        if theirs is None:
            kind = "deleted" if meta.get("grade") else "deleted given"
        elif theirs.cell_type != cell.cell_type:
            kind = f"re-typed ({cell.cell_type} to {theirs.cell_type})"
        elif meta.get("locked") and theirs.source != cell.source:
            kind = "edited"
        else:
            continue
        found.setdefault(kind, []).append(cell_id)
    notes = [_note(kind, ids, path.name) for kind, ids in found.items()]
    return notes + _unanswered(handed, released, path.name)


def _unanswered(handed, released, name: str) -> list[str]:
    """A note when no answer cell differs from the released notebook (opened, never answered)."""
    answers = {_grade_id(c): c.source for c in released.cells
               if _grade_id(c) and c.metadata.get("nbgrader", {}).get("solution")}
    mine = {_grade_id(c): c.source for c in handed.cells if _grade_id(c) in answers}
    if answers and all(mine.get(cell_id, text) == text for cell_id, text in answers.items()):
        return [f"{name}: handed in as released, with no answer written"]
    return []


def _note(kind: str, ids: list[str], name: str) -> str:
    cells = ", ".join(f"'{i}'" for i in ids)
    if kind == "deleted given":
        return (f"{name}: given cell(s) {cells} were deleted; nbgrader does not put such cells back, so the "
                "cells that need them fail: ask for the notebook again, or restore them and grade again")
    if kind == "deleted":
        return f"{name}: test cell(s) {cells} were deleted (or lost their grading marks) and were put back"
    if kind == "edited":
        return f"{name}: test or given cell(s) {cells} were edited; the originals were put back"
    return f"{name}: cell(s) {cells} were {kind}; changed back"


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
