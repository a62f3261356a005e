"""CSV files of the workbook: read into records, written back without disturbing a person's work.

A `Table` keeps the file exactly as read (header text, column order, extra columns, row
order, blank rows, delimiter, encoding).  `Table.records()` turns rows into typed values by a
schema of `Field`s; `Table.merge()` writes changed records back into the rows, keeping the
text a person typed wherever the value did not change.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field as _dc_field
from pathlib import Path
from typing import Any, Iterable

from ..errors import ProblemList
from .fields import Field, Unusable
from .textfile import TextFormat, encode, read_text, write_atomic

DELIMITERS = (",", ";", "\t")


def normalise_header(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


@dataclass
class Row:
    line: int  # line in the file where the row starts (the header is line 1)
    cells: list[str]
    raw: str | None = None  # the row's text exactly as read, written back while unchanged
    original: list[str] | None = None

    @property
    def blank(self) -> bool:
        return not any(c.strip() for c in self.cells)


@dataclass
class Table:
    """One CSV file as a person saved it."""

    name: str  # shown in messages, e.g. "groups/g1/problems.csv"
    header: list[str]
    rows: list[Row]
    delimiter: str = ","
    fmt: TextFormat = _dc_field(default_factory=TextFormat)
    header_raw: str | None = None
    header_original: list[str] | None = None

    # reading -----------------------------------------------------------------------
    @classmethod
    def read(cls, path: Path, shown_as: str) -> "Table":
        text, fmt = read_text(path, shown_as)
        return cls.parse(text, shown_as, fmt)

    @classmethod
    def parse(cls, text: str, shown_as: str, fmt: TextFormat | None = None) -> "Table":
        fmt = fmt or TextFormat()
        problems = ProblemList(shown_as)
        delimiter = _sniff_delimiter(text)
        lines = _physical_lines(text)
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        records: list[Row] = []
        try:
            start = 1
            for cells in reader:
                raw = "".join(lines[start - 1:reader.line_num])
                records.append(Row(start, cells, raw, list(cells)))
                start = reader.line_num + 1
        except csv.Error as exc:
            problems.add(f"line {reader.line_num}", None, None,
                         f"the line cannot be read as CSV ({exc}); check for a stray quote mark (\")")
            problems.raise_if_any()
        if not records or not any(c.strip() for c in records[0].cells):
            problems.add("line 1", None, None, "the first line must hold the column names")
            problems.raise_if_any()
        header = records[0].cells
        return cls(shown_as, header, records[1:], delimiter, fmt, records[0].raw, list(header))

    def column_index(self) -> dict[str, int]:
        return {normalise_header(h): i for i, h in enumerate(self.header)}

    def records(self, schema: Iterable[Field], problems: ProblemList) -> list[dict[str, Any]]:
        """Typed values of every non-blank row; unusable values go to `problems`."""
        schema = list(schema)
        index = self._check_header(schema, problems)
        out: list[dict[str, Any]] = []
        for row in self.rows:
            if row.blank:
                continue
            if len(row.cells) > len(self.header) and any(c.strip() for c in row.cells[len(self.header):]):
                problems.add(f"line {row.line}", None, self.delimiter.join(row.cells[len(self.header):]),
                             f"this row has more cells than there are column names ({len(self.header)}); "
                             "remove the extra cells or add a column name")
            values: dict[str, Any] = {"line": row.line}
            for f in schema:
                col = index.get(f.name)
                raw = row.cells[col] if col is not None and col < len(row.cells) else ""
                values[f.name] = _parse_cell(f, raw, row.line, problems)
            out.append(values)
        return out

    def _check_header(self, schema: list[Field], problems: ProblemList) -> dict[str, int]:
        seen: dict[str, int] = {}
        for i, h in enumerate(self.header):
            key = normalise_header(h)
            if key and key in seen:
                problems.add("line 1", h, h, "each column name may appear only once; rename or remove one")
            seen.setdefault(key, i)
        index: dict[str, int] = {}
        for f in schema:
            for name in (f.name, *f.aliases):
                if name in seen:
                    index[f.name] = seen[name]
                    break
            else:
                if f.required:
                    problems.add("line 1", f.name, None,
                                 f"the column {f.name!r} is missing; add it to the first line")
        return index

    # writing -----------------------------------------------------------------------
    def merge(self, records: list[dict[str, Any]], schema: Iterable[Field], key: str = "id") -> None:
        """Put `records` into the rows: same key -> same row, kept order, typed text kept.

        Rows whose key no longer appears are removed (the person deleted them through the
        kit); new records are appended at the end; columns the kit does not know are kept.
        """
        schema = list(schema)
        for f in schema:
            if normalise_header(f.name) not in self.column_index() and any(
                    f.format(r.get(f.name)) not in ("", "None") for r in records if r.get(f.name) is not None):
                self.header.append(f.name)
        index = self.column_index()
        width = len(self.header)
        key_col = index.get(key)
        by_key = {r[key]: r for r in records}
        kept: list[Row] = []
        placed: set[str] = set()
        for row in self.rows:
            if row.blank:
                kept.append(row)
                continue
            if key == "line":
                row_key = row.line
            else:
                row_key = row.cells[key_col].strip() if key_col < len(row.cells) else ""
            if row_key not in by_key or row_key in placed:
                continue
            placed.add(row_key)
            kept.append(self._updated(row, by_key[row_key], schema, index, width))
        next_line = (self.rows[-1].line + 1) if self.rows else 2
        for r in records:
            if r[key] in placed:
                continue
            kept.append(self._updated(Row(next_line, [""] * width), r, schema, index, width))
            next_line += 1
            placed.add(r[key])
        self.rows = kept

    @staticmethod
    def _updated(row: Row, record: dict[str, Any], schema: list[Field],
                 index: dict[str, int], width: int) -> Row:
        cells = list(row.cells) + [""] * max(0, width - len(row.cells))
        for f in schema:
            col = index.get(f.name)
            if col is None:
                continue
            value = record.get(f.name)
            try:
                unchanged = f.parse(cells[col]) == value
            except Unusable:
                unchanged = False
            if not unchanged:
                cells[col] = "" if value is None else f.format(value)
        return Row(row.line, cells, row.raw, row.original)

    def to_text(self) -> str:
        """The file's text: rows a person typed and the kit did not change come back verbatim."""
        pieces = [self._line(self.header, self.header_raw, self.header_original)]
        pieces += [self._line(r.cells, r.raw, r.original) for r in self.rows]
        newline = self.fmt.newline
        text = ""
        for i, piece in enumerate(pieces):
            if text and not text.endswith(("\n", "\r")):
                text += newline
            text += piece
        if not self.fmt.final_newline:
            text = text.rstrip("\r\n")
        elif not text.endswith(("\n", "\r")):
            text += newline
        return text

    def _line(self, cells: list[str], raw: str | None, original: list[str] | None) -> str:
        if raw is not None and original == cells:
            return raw
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=self.delimiter, lineterminator=self.fmt.newline).writerow(cells)
        return out.getvalue()

    def save(self, path: Path) -> None:
        write_atomic(path, encode(self.to_text(), self.fmt))


def _parse_cell(f: Field, raw: str, line: int, problems: ProblemList) -> Any:
    if f.required and not raw.strip():
        problems.add(f"line {line}", f.name, None, f"{f.name!r} must not be empty")
        return f.default
    try:
        value = f.parse(raw)
    except Unusable as exc:
        problems.add(f"line {line}", f.name, raw, f"expected {exc}")
        return f.default
    return f.default if value is None and f.default is not None else value


def _physical_lines(text: str) -> list[str]:
    """Lines with their own line ends, split the way spreadsheet programs end lines."""
    return re.findall(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$", text)


def _sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the one that splits it into the most names."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def new_table(name: str, schema: Iterable[Field], delimiter: str = ",") -> Table:
    return Table(name, [f.name for f in schema], [], delimiter, TextFormat())
