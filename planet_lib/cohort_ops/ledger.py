"""What grading has finished, so that a stopped run can simply be run again.

For every participant and seminar, a small file in ``course/.planet/graded/<seminar>/``
records that the grades of exactly this hand-in (a fingerprint of its files) are in the
gradebook. It is removed before a hand-in's grades are written and written after they all
are: after an interruption a hand-in is either fully recorded with its file, or is graded
again. nbgrader updates a grade in place (one row per participant, notebook and cell), so
grading again never duplicates anything.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..workbook.textfile import write_atomic


@dataclass
class Entry:
    fingerprint: str
    status: str  # graded | failed
    notes: list[str] = field(default_factory=list)
    score: float | None = None
    max_score: float | None = None
    late_hours: float = 0.0


def fingerprint(folder: Path) -> str:
    """A hash of every file of a hand-in (names and contents, the hand-in time included)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


class Ledger:
    def __init__(self, state_folder: Path, seminar: str):
        self.folder = Path(state_folder) / "graded" / seminar

    def _path(self, student: str) -> Path:
        return self.folder / f"{student}.json"

    def get(self, student: str) -> Entry | None:
        try:
            return Entry(**json.loads(self._path(student).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def forget(self, student: str) -> None:
        self._path(student).unlink(missing_ok=True)

    def write(self, student: str, entry: Entry) -> None:
        write_atomic(self._path(student), json.dumps(asdict(entry), indent=1).encode("utf-8"))

    def done(self, student: str, current: str) -> bool:
        entry = self.get(student)
        return entry is not None and entry.status == "graded" and entry.fingerprint == current

    def all(self) -> dict[str, Entry]:
        out = {}
        for path in sorted(self.folder.glob("*.json")):
            entry = self.get(path.stem)
            if entry is not None:
                out[path.stem] = entry
        return out
