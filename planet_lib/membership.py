"""Which countries are EU Member States on a given date, kept as data, not code.

Accessions and withdrawals happen (Croatia joined on 2013-07-01, the United Kingdom left on
2020-02-01), and programmes count Member States at the project's start.  The dates live in
`data/rulesets/eu-membership.yaml` next to the rule sets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputProblem, ProblemList, WorkbookError
from .rules import MEMBERSHIP_FILE, _iso_date, rulesets_folder
from .workbook.fields import Field, country_code, text
from .workbook.mapping import read_fields, read_list, scalar_text

# EU membership -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Membership:
    code: str
    name: str
    joined: dt.date
    left: dt.date | None = None
    aliases: tuple[str, ...] = ()

    def on(self, day: dt.date) -> bool:
        return self.joined <= day and (self.left is None or day < self.left)


def as_date(value: str | dt.date) -> dt.date:
    """A date from a date, 'YYYY-MM-DD' or 'YYYY-MM' (read as the first day of the month)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text_ = str(value).strip()
    try:
        if len(text_) <= 7:
            year, month = text_.split("-")
            return dt.date(int(year), int(month), 1)
        return dt.date.fromisoformat(text_)
    except ValueError:
        raise ValueError(f"{value!r} is not a date; write YYYY-MM or YYYY-MM-DD") from None


def membership_file(folder: str | Path | None = None) -> Path:
    """The membership data of the rule-set folder, else the kit's own."""
    own = rulesets_folder(folder) / MEMBERSHIP_FILE
    if own.is_file():
        return own
    from .sample import data_dir

    return data_dir() / "rulesets" / MEMBERSHIP_FILE


def load_membership(folder: str | Path | None = None) -> dict[str, Membership]:
    """Member-state records by country code (aliases such as UK and EL included)."""
    path = membership_file(folder)
    if not path.is_file():
        raise WorkbookError([InputProblem(str(path), None, None, None, "the EU membership file is missing")])
    return _membership(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _membership(path: str, _stamp: int) -> dict[str, Membership]:
    from .workbook.yamlfile import read

    data, _text, _fmt = read(Path(path), path)
    problems = ProblemList(path)
    fields = (Field("code", country_code, required=True), Field("name", text, default=""),
              Field("joined", _iso_date, required=True), Field("left", lambda r: _iso_date(r) if r.strip() else None))
    raw = read_list(data.get("members") if isinstance(data, dict) else None, problems, "members", required=True)
    table: dict[str, Membership] = {}
    for i, item in enumerate(raw, start=1):
        values, _ = read_fields(item, fields, problems, f"members[{i}]")
        aliases = tuple(scalar_text(a).upper() for a in read_list(
            item.get("aliases") if isinstance(item, dict) else None, problems, f"members[{i}].aliases"))
        if values["code"] and values["joined"]:
            left = dt.date.fromisoformat(values["left"]) if values["left"] else None
            record = Membership(values["code"], values["name"], dt.date.fromisoformat(values["joined"]), left, aliases)
            for code in (record.code, *aliases):
                table[code] = record
    problems.raise_if_any()
    return table


def is_member_state(code: str, on_date: str | dt.date, folder: str | Path | None = None) -> bool:
    """Whether the country was an EU Member State on that date (a YYYY-MM month: its first day)."""
    record = load_membership(folder).get(code.strip().upper())
    return record is not None and record.on(as_date(on_date))
