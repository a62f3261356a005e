"""Graded on a copy: a hand-in that names its group's folder runs against a private copy of it.

The seminar notebooks read and save the workbook in the folder that ``GROUP_FOLDER`` names in
their *Your group* cell. Grading runs every notebook again, so run against the group's live
folder it would read the folder as it is weeks later and write each member's answers back
over what the group saved since (and a grading account may not read it at all). So:

1. the first collection of a seminar that takes in hand-ins keeps a copy of every group's
   folder as it is then (`take_snapshot`), the state the hand-ins were made against;
2. for each hand-in, the group its *Your group* cell names (`named_group`, read from the
   cell's text, never run) is looked up among the cohort's groups, by folder name, so a path
   on a shared hub still finds the group on the trainer's machine;
3. that group's copy goes into the kernel's own working folder (`files_for`), and a line
   added to the *Your group* cell points ``GROUP_FOLDER`` at it (`redirect`); the line is
   taken out again after the run (`undo_redirect`), so the graded notebook holds what the
   participant handed in. The group's own folder is never opened for writing.
"""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

from ..cohort import FILE as COHORT_FILE
from ..workbook.group import GROUPS_DIR
from ..workspace import copy_atomically
from .layout import CohortCourse

SANDBOX_DIR = "planet-grading"  # in the kernel's working folder: cohort.yaml and groups/<name>/
SNAPSHOT_DIR = "groups-at-collection"  # in the course's state folder, one per seminar
INJECTED_NOTE = "added by planet grade: the group's copy"
MAX_GROUP_BYTES = 20 * 1024 * 1024


def snapshot_folder(cohort: CohortCourse, seminar: str) -> Path:
    return cohort.state / SNAPSHOT_DIR / seminar


def take_snapshot(cohort: CohortCourse, seminar: str, source: str | Path | None = None) -> Path | None:
    """Copy the groups folder for `seminar`, once (the first collection with hand-ins keeps it).

    `source` is where the groups work when it is not the cohort's own ``groups/`` (on a hub,
    a shared folder participants can reach). Returns the snapshot's folder when this call made
    it, None when one was there already or there is no groups folder.
    """
    target = snapshot_folder(cohort, seminar)
    groups = Path(source) if source else cohort.folder / GROUPS_DIR
    if target.exists() or not groups.is_dir():
        return None
    copy_atomically(groups, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return target


def named_group(nb: dict) -> str | None:
    """The text ``GROUP_FOLDER`` is set to in the notebook's *Your group* cell, when it is a
    plain string or ``Path("...")``; None when it is not set that way (e.g. the worked example)."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code" or "parameters" not in cell.get("metadata", {}).get("tags", []):
            continue
        source = "".join(cell.get("source", ""))
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return None
        value = None
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "GROUP_FOLDER" for t in node.targets):
                value = _text_of(node.value)
        return value
    return None


def _text_of(node: ast.expr) -> str | None:
    """A path written as "text" or Path("text"); None for anything that would need running."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Path" \
            and len(node.args) == 1 and not node.keywords:
        node = node.args[0]
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def group_source(cohort: CohortCourse, seminar: str, named: str) -> tuple[Path | None, bool]:
    """The folder to copy for the group a hand-in names, and whether it is the collection's
    snapshot (True) or the live folder (False, no snapshot was taken)."""
    name = Path(named.rstrip("/\\").replace("\\", "/")).name
    if not name or name in (".", ".."):
        return None, False
    snapshot = snapshot_folder(cohort, seminar) / name
    if snapshot.is_dir():
        return snapshot, True
    live = cohort.folder / GROUPS_DIR / name
    return (live, False) if live.is_dir() else (None, False)


def files_for(cohort: CohortCourse, folder: Path) -> dict[str, bytes]:
    """The group's files, and the cohort's settings above them, as they go in the kernel's folder."""
    files, size = {}, 0
    base = copy_path(folder)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if ".ipynb_checkpoints" in path.parts:
            continue
        size += path.stat().st_size
        if size > MAX_GROUP_BYTES:
            break
        files[f"{base}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    settings = cohort.folder / COHORT_FILE
    if settings.is_file():
        files[f"{SANDBOX_DIR}/{COHORT_FILE}"] = settings.read_bytes()
    return files


def copy_path(folder: Path) -> str:
    """Where the copy of `folder` is, relative to the kernel's working folder."""
    return f"{SANDBOX_DIR}/{GROUPS_DIR}/{folder.name}"


def redirect(nb, relative: str) -> tuple[int, str] | None:
    """Point GROUP_FOLDER at the copy: one line added at the end of the *Your group* cell.

    Returns the cell's index and its text as handed in, for `undo_redirect`; None when the
    notebook has no *Your group* cell. The cells keep their numbers, so notes about a cell
    name the cell the participant sees.
    """
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            original = cell.source
            cell.source = f"{original}\nGROUP_FOLDER = {json.dumps(relative)}  # {INJECTED_NOTE}"
            return index, original
    return None


def undo_redirect(nb: dict, done: tuple[int, str] | None) -> None:
    """Put the *Your group* cell back as handed in (nb as returned by the run, a plain dict)."""
    if done and nb.get("cells"):
        index, original = done
        nb["cells"][index]["source"] = original
