"""Reading YAML mappings (group.yaml, cohort.yaml, strategy.yaml, logframe.yaml) by schema.

YAML gives us numbers, dates and lists where a person typed them; the fields' parsers take
text, so scalars are turned into text first and read the same way as CSV cells.  Unknown
keys are kept (returned as `extra`) so that saving never drops what a person added.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

from ..errors import ProblemList
from .fields import Field, Unusable


def scalar_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


def read_fields(data: Any, fields: Iterable[Field], problems: ProblemList,
                where: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Values of `fields` in the mapping `data` at key path `where`, and the unknown keys."""
    fields = list(fields)
    if not isinstance(data, dict):
        problems.add(None, where or None, _short(data), "expected a block of 'key: value' lines")
        return {f.name: f.default for f in fields}, {}
    values: dict[str, Any] = {}
    for f in fields:
        key = f.name if f.name in data else next((a for a in f.aliases if a in data), f.name)
        raw = data.get(key)
        path = f"{where}.{f.name}" if where else f.name
        if isinstance(raw, (dict, list)):
            problems.add(None, path, _short(raw), "expected a single value here, not a list or block")
            values[f.name] = f.default
            continue
        text = scalar_text(raw)
        if f.required and not text.strip():
            problems.add(None, path, None, f"{f.name!r} must be given")
            values[f.name] = f.default
            continue
        try:
            value = f.parse(text)
        except Unusable as exc:
            problems.add(None, path, text, f"expected {exc}")
            value = f.default
        values[f.name] = f.default if value is None and f.default is not None else value
    known = {f.name for f in fields} | {a for f in fields for a in f.aliases}
    extra = {k: v for k, v in data.items() if k not in known}
    return values, extra


def read_list(data: Any, problems: ProblemList, where: str, required: bool = False) -> list:
    if data is None:
        if required:
            problems.add(None, where, None, f"{where!r} must be given as a list (lines starting with '- ')")
        return []
    if not isinstance(data, list):
        problems.add(None, where, _short(data), "expected a list (lines starting with '- ')")
        return []
    return data


def read_text_list(data: Any, problems: ProblemList, where: str) -> list[str]:
    items = read_list(data, problems, where)
    out = []
    for i, item in enumerate(items):
        if isinstance(item, (dict, list)):
            problems.add(None, f"{where}[{i + 1}]", _short(item), "expected a sentence of text")
            continue
        text = scalar_text(item).strip()
        if text:
            out.append(text)
    return out


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
