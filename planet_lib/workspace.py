"""Where a seminar notebook works, and how it saves: one convention for every seminar.

`working_copy(group_folder, work_folder)` decides which folder a notebook reads and writes:

- a group folder inside the kit's data folder (`planet_lib.sample.data_dir()`, for example the
  worked example of the sample cohort) is never written to.  The first run copies it into
  `<work_folder>/<group name>`; later runs reuse that copy as it is (it is never overwritten), so
  what one notebook saves the next one reads.  The cohort's cohort.yaml is copied beside it, so
  the copy keeps its cohort's currency and programme (see `workbook.group.cohort_settings`);
- any other folder is a participant's own group, in their cohort's `groups/` folder: it is
  worked on where it is, so what seminar 1 saves is there for seminar 2, and so on.

`save_checked(group, attr)` is the "safe save" of the notebooks: the artefact is first written
into a scratch copy of the workbook and read back with the kit's own reader; only when that
works is it saved for real, so a typing slip in a notebook never leaves a file the group cannot
open.  It returns the problems in plain words (empty when saved).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .errors import WorkbookError
from .network import FILE as NETWORK_FILE
from .sample import data_dir
from .workbook.group import CSV_ARTEFACTS, YAML_ARTEFACTS, Group, cohort_file, read_cohort_info

DEFAULT_WORK_FOLDER = "my-workbook"
ARTEFACTS = tuple(art.attr for art in CSV_ARTEFACTS + YAML_ARTEFACTS)


# the folder a notebook works on -------------------------------------------------------------
def working_copy(group_folder: str | Path, work_folder: str | Path = DEFAULT_WORK_FOLDER) -> Path:
    """The folder of the group workbook to read and save: a copy of a sample group, or the group itself.

    Raises ValueError when `work_folder` lies inside the kit's data folder (it must stay as it
    is), and FileNotFoundError when `group_folder` holds no group workbook (no group.yaml).
    """
    source = Path(group_folder).expanduser().resolve()
    work = Path(work_folder).expanduser().resolve()
    data = data_dir().resolve()
    if work.is_relative_to(data):
        raise ValueError(f"The work folder {work} is inside the kit's data folder ({data}), which is never "
                         "changed: choose another folder (WORK_FOLDER in the 'Your group' cell).")
    if not (source / NETWORK_FILE).is_file():
        raise FileNotFoundError(f"There is no group workbook in {source} (no {NETWORK_FILE}): check the group "
                                "folder (GROUP_FOLDER in the 'Your group' cell).")
    if not source.is_relative_to(data):
        return source
    copy = work / source.name
    _check_same_cohort(source, copy)
    if not copy.exists():
        copy_atomically(source, copy)
    _keep_cohort_settings(source, copy)
    return copy


def copy_atomically(source: Path, target: Path, ignore=None) -> None:
    """Copy a folder so that `target` appears whole or not at all (a run stopped half-way leaves no half copy).

    `ignore` is as for `shutil.copytree`.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        shutil.copytree(source, partial / source.name, ignore=ignore)
        (partial / source.name).rename(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def _check_same_cohort(source: Path, copy: Path) -> None:
    """A work folder holds copies from one cohort only: with another cohort's settings beside it,
    a copy would be read with the wrong currency and programme."""
    original, kept = cohort_file(source), cohort_file(copy)
    if not (original.is_file() and kept.is_file()) or kept.read_bytes() == original.read_bytes():
        return
    if _cohort_name(kept) != _cohort_name(original):
        raise ValueError(f"The work folder {copy.parent} already holds groups of the cohort "
                         f"'{_cohort_name(kept)}', and {source.name} belongs to '{_cohort_name(original)}': "
                         "choose another work folder (WORK_FOLDER in the 'Your group' cell) for this cohort.")


def _keep_cohort_settings(source: Path, copy: Path) -> None:
    """Put the source's cohort.yaml beside the copy, unless one is there already."""
    original, kept = cohort_file(source), cohort_file(copy)
    if original.is_file() and not kept.exists():
        shutil.copy2(original, kept)


def _cohort_name(path: Path) -> str:
    try:
        return read_cohort_info(path).name
    except WorkbookError:
        return "(cohort.yaml cannot be read)"


# saving safely ------------------------------------------------------------------------------
def save_checked(group: Group, attr: str) -> list[str]:
    """Save `group.<attr>` (e.g. "stakeholders") into the group's folder, if it reads back.

    The rest of the workbook is read again from the folder first, so that what others saved
    meanwhile (another member, a live editor) stays.  Returns the problems in plain words,
    each naming the file and the place; an empty list means the artefact is saved, and
    `group.<attr>` then holds it as saved.  An unknown `attr` raises KeyError.
    """
    if attr not in ARTEFACTS:
        raise KeyError(f"no artefact called {attr!r}; the artefacts are: {', '.join(ARTEFACTS)}")
    value = getattr(group, attr)
    problems = _shape_problems(value)
    if problems:
        return problems
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / group.folder.name
        _copy_workbook_files(group.folder, trial)
        problems = _write(trial, attr, value) or _read_back(trial)
    if problems:
        return problems
    saved = Group.load(group.folder)
    setattr(saved, attr, value)
    try:
        saved.save(attr)
    except OSError as exc:  # a read-only folder, a full disk: nothing the value can fix
        return [f"{group.folder}: the file could not be written ({exc.strerror or exc}); save in a folder you "
                "may write to, or ask your trainer."]
    setattr(group, attr, getattr(saved, attr))
    group._sources[attr] = saved._sources[attr]  # a later group.save(attr) merges into the file as saved
    return []


def _shape_problems(value: Any) -> list[str]:
    """Lists of ids written as plain text, e.g. leads_to="P5" instead of leads_to=("P5",).

    The file would take the text, but the checks a notebook runs on the same objects would read
    "P5" letter by letter: refuse it, and say how to write it.
    """
    if not isinstance(value, list):
        return []
    found = []
    for item in value:
        if not dataclasses.is_dataclass(item):
            continue
        for f in dataclasses.fields(item):
            given = getattr(item, f.name)
            if isinstance(f.default, tuple) and isinstance(given, str):
                ids = tuple(part for part in re.split(r"[;,\s]+", given) if part)
                found.append(f"{getattr(item, 'id', '?')}: {f.name} is written as text ({given!r}); write it as "
                             f"a tuple of ids in brackets, {f.name}={ids!r} (with a comma after a single id).")
    return found


def _copy_workbook_files(folder: Path, target: Path) -> None:
    """The files of a group folder (not its sub-folders, which the workbook does not use)."""
    target.mkdir(parents=True)
    for path in folder.iterdir():
        if path.is_file():
            shutil.copy2(path, target / path.name)


def _write(folder: Path, attr: str, value: Any) -> list[str]:
    """Save one artefact into `folder`; the problems if that cannot be done."""
    try:
        group = Group.load(folder)
        setattr(group, attr, value)
        group.save(attr)
    except WorkbookError as exc:
        return [str(p) for p in exc.problems]
    except (ValueError, TypeError, AttributeError) as exc:  # a value of the wrong kind, e.g. a number as text
        return [f"{attr}: {exc}"]
    return []


def _read_back(folder: Path) -> list[str]:
    try:
        Group.load(folder)
    except WorkbookError as exc:
        return [str(p) for p in exc.problems]
    return []
