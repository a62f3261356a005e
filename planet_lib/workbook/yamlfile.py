"""YAML files of the workbook, read strictly and written back with their comments.

ruamel.yaml reads YAML 1.2, so a country code `NO` stays the text "NO" and is not turned
into `false`; it refuses duplicate keys instead of silently keeping the last one; and its
round-trip mode keeps a person's comments, key order and quoting when the kit saves a change.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..errors import InputProblem, WorkbookError
from .textfile import TextFormat, encode, read_text, write_atomic


def _yaml(kind: str):
    from ruamel.yaml import YAML

    y = YAML(typ=kind, pure=(kind == "rt"))
    y.allow_duplicate_keys = False
    if kind == "rt":
        y.preserve_quotes = True
        y.indent(mapping=2, sequence=4, offset=2)
        y.width = 4096
    return y


def parse(text: str, shown_as: str) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return _yaml("safe").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}" if mark is not None else None
        what = (exc.problem or exc.context or "not valid YAML").strip()
        if "duplicate key" in str(exc):
            what = "a key appears twice in the same block; keep only one"
        raise WorkbookError([InputProblem(
            shown_as, where, None, None,
            f"{what}. Check the indentation and that each 'key: value' is on its own line")]) from None
    except YAMLError as exc:
        raise WorkbookError([InputProblem(shown_as, None, None, None, f"not valid YAML ({exc})")]) from None


def read(path: Path, shown_as: str) -> tuple[Any, str, TextFormat]:
    """The data, the text as read (for round-trip saving) and how it was stored."""
    text, fmt = read_text(path, shown_as)
    return parse(text, shown_as), text, fmt


def dump(data: Any, original: str | None = None) -> str:
    """YAML text for `data`, reusing `original`'s comments and layout where keys agree."""
    y = _yaml("rt")
    if original:
        tree = y.load(original)
        if isinstance(tree, dict) and isinstance(data, dict):
            _update(tree, data)
            data = tree
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


def _update(tree: Any, data: Any) -> None:
    """Write `data` into the round-trip `tree`, touching only what changed."""
    for key in list(tree.keys()):
        if key not in data:
            del tree[key]
    for key, value in data.items():
        old = tree.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            _update(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            _update_list(old, value)
        elif _plain(old) != value or key not in tree:
            tree[key] = value


def _update_list(old: list, new: list) -> None:
    """Update shared items in place (keeping their comments and quoting), then add or drop the rest."""
    for i, item in enumerate(new[:len(old)]):
        if isinstance(old[i], dict) and isinstance(item, dict):
            _update(old[i], item)
        elif isinstance(old[i], list) and isinstance(item, list):
            _update_list(old[i], item)
        elif _plain(old[i]) != item:
            old[i] = item
    del old[len(new):]
    old.extend(new[len(old):])


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def save(path: Path, data: Any, original: str | None = None, fmt: TextFormat | None = None) -> str:
    """Write `data` atomically; returns the text written (the new `original`)."""
    text = dump(data, original)
    fmt = fmt or TextFormat()
    on_disk = text.replace("\n", fmt.newline) if fmt.newline != "\n" else text
    write_atomic(path, encode(on_disk, fmt))
    return text
