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
    """Notes on the test and given cells a participant deleted, edited or re-typed."""
    import nbformat

    try:
        handed = nbformat.read(str(path), as_version=4)
        released = nbformat.read(str(release_path), as_version=4)
    except (OSError, ValueError):
        return []
    mine = {_grade_id(c): c for c in handed.cells if _grade_id(c)}
    notes = []
    for cell in released.cells:
        meta = cell.metadata.get("nbgrader", {})
        cell_id = meta.get("grade_id")
        if not cell_id or not (meta.get("locked") or meta.get("grade")):
            continue
        theirs = mine.get(cell_id)
        if theirs is None:
            notes.append(_deleted_note(cell_id, meta))
        elif theirs.cell_type != cell.cell_type:
            notes.append(f"cell '{cell_id}' was changed from {cell.cell_type} to {theirs.cell_type}; changed back")
        elif meta.get("locked") and theirs.source != cell.source:
            notes.append(f"cell '{cell_id}' (a test or given cell) was edited; the original was put back")
    return notes


def _deleted_note(cell_id: str, meta: dict) -> str:
    if meta.get("grade"):
        return f"cell '{cell_id}' was deleted (or lost its grading marks) and was put back"
    return (f"cell '{cell_id}' (given code) was deleted; nbgrader does not put such cells back, so the "
            "cells that need it fail: ask for the notebook again, or restore the cell and grade again")


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
