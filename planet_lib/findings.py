"""What a check tells a group: one `Finding` per thing to fix or to know.

Every check in the kit returns findings of this one shape, so that `planet check`, the
notebooks' test cells, the graders and the group reports say the same thing the same way.
`code` is a stable dotted name (``problems.lack_of``): tests, graders and trainers refer to
findings by it, so a code is never renamed once released.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    severity: str  # error | warning | info
    code: str
    file: str  # relative to the group folder
    item: str | None  # the id or row the finding is about
    message: str  # what is wrong, in plain words
    hint: str  # what to do about it

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    def to_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        item = f" [{self.item}]" if self.item else ""
        return f"{self.severity.upper()} {self.code}{item}: {self.message} -> {self.hint}"


def error(code: str, file: str, item: object, message: str, hint: str) -> Finding:
    return Finding("error", code, file, _item(item), message, hint)


def warning(code: str, file: str, item: object, message: str, hint: str) -> Finding:
    return Finding("warning", code, file, _item(item), message, hint)


def info(code: str, file: str, item: object, message: str, hint: str) -> Finding:
    return Finding("info", code, file, _item(item), message, hint)


def _item(item: object) -> str | None:
    return None if item is None else str(item)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def codes(findings: Iterable[Finding]) -> set[str]:
    """The codes present, handy in notebook test cells: ``assert "x.y" not in codes(fs)``."""
    return {f.code for f in findings}


def as_frame(findings: Iterable[Finding]):
    """Findings as a DataFrame for display in a notebook."""
    import pandas as pd

    rows = [f.to_dict() for f in findings]
    return pd.DataFrame(rows, columns=["severity", "code", "file", "item", "message", "hint"])
