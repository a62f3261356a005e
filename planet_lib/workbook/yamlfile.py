"""YAML files of the workbook, read strictly and written back with their comments.

ruamel.yaml reads YAML 1.2, so a country code `NO` stays the text "NO" and is not turned
into `false`; it refuses duplicate keys instead of silently keeping the last one; and its
round-trip mode keeps a person's comments, key order and quoting when the kit saves a change.

Saving changes only what changed in meaning: a key the person left out is not added while it
holds what a reader assumes anyway (nothing, or a default such as a partner's role "partner",
see `with_defaults`), a key the person wrote is not dropped, and a value is not retyped while it
reads the same (`21` is not turned into '21', nor `yes` into `true`).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..errors import InputProblem, WorkbookError
from .mapping import scalar_text
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
    tree = y.load(original) if original else None
    if isinstance(tree, dict) and isinstance(data, dict):
        _update(tree, data)
        data = tree
    else:
        data = _resolve(data)
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


# what a reader assumes --------------------------------------------------------------------
class _WithDefaults(dict):
    """A mapping to save that knows which of its values a reader would assume anyway."""

    defaults: dict[str, Any]

    def may_leave_out(self, key: str) -> bool:
        return key in self.defaults and _reads_same(self[key], self.defaults[key])


def with_defaults(data: dict, defaults: dict[str, Any]) -> dict:
    """`data` to save, where a key holding its value in `defaults` is written only if the person wrote it.

    `defaults` gives, for each key, the value a reader assumes when the key is missing (a
    partner's role is "partner" unless it says otherwise).  Saving never adds such a key to
    a mapping that leaves it out, and never drops it from one that writes it.  New list items
    follow what their neighbours in the file do (see `_resolve`); a new file writes the
    defaults that say something (role: partner) and leaves out the empty ones.
    """
    out = _WithDefaults(data)
    out.defaults = dict(defaults)
    return out


def _left_out(data: dict, key: str) -> bool:
    """A key the file does not have, whose new value reads the same as having no key at all."""
    if isinstance(data, _WithDefaults) and data.may_leave_out(key):
        return True
    return _empty(data[key])


def _empty(value: Any) -> bool:
    """No value at all: what a reader makes of a missing key (an empty block counts too)."""
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    return value is None or value == "" or value == []


def _says_nothing(value: Any) -> bool:
    return value is False or _empty(value)


def _reads_same(old: Any, new: Any) -> bool:
    """True when the readers make the same of `old` (as typed in the file) and `new`.

    The readers take every single value as its text (`mapping.scalar_text`), so `21`/'21',
    `yes`/True and a blank/'' read the same: what a person typed is kept as they typed it.
    A one-line short form (`- Town websites` for `- channel: Town websites`) reads the same as
    the block it stands for while that block says nothing else.
    """
    if _empty(old) and _empty(new):
        return True
    if _scalar(old) and _scalar(new):
        return scalar_text(old) == scalar_text(new)
    if _scalar(old) and isinstance(new, dict):
        said = [v for k, v in new.items() if not _left_out(new, k)]
        return len(said) == 1 and _scalar(said[0]) and scalar_text(old) == scalar_text(said[0])
    return _plain(old) == new


def _scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list, tuple))


def _resolve(value: Any, neighbours: list | tuple = ()) -> Any:
    """Plain data for new content: keys with default values kept or left out as `neighbours` do.

    A default is left out when more neighbouring items leave the key out than write it with
    that value, and written when more write it; when the neighbours do not tell (a new file,
    a tie), it is written if it says something (role: partner) and left out if it is empty.
    """
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, v in value.items():
        if isinstance(value, _WithDefaults) and value.may_leave_out(key) and \
                _style_leaves_out(key, value.defaults[key], neighbours):
            continue
        out[key] = _resolve(v)
    return out


def _style_leaves_out(key: str, default: Any, neighbours: list | tuple) -> bool:
    blocks = [n for n in neighbours if isinstance(n, dict)]
    leave_out = sum(key not in n for n in blocks)
    write = sum(key in n and (_reads_same(n[key], default) or _empty(n[key])) for n in blocks)
    if leave_out != write:
        return leave_out > write
    return _says_nothing(default)


# merging into the file as typed -------------------------------------------------------------
def _update(tree: Any, data: Any) -> None:
    """Write `data` into the round-trip `tree`, touching only what changed.

    Keys the person left out stay out while the new value is what a reader assumes for a
    missing key (nothing, or a default given with `with_defaults`); keys the person wrote stay,
    as typed, while they read the same.
    """
    for key in list(tree.keys()):
        if key not in data:
            del tree[key]
    for key, value in data.items():
        if key not in tree:
            if not _left_out(data, key):
                tree[key] = _resolve(value)
            continue
        old = tree[key]
        if isinstance(old, dict) and isinstance(value, dict):
            _update(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            _update_list(old, value)
        elif not (_reads_same(old, value) or _blank_for_default(data, key, old)):
            tree[key] = _resolve(value)


def _blank_for_default(data: dict, key: str, old: Any) -> bool:
    """A key written blank (`role:`) reads as its default, so it stays blank while the value is that default."""
    return _empty(old) and isinstance(data, _WithDefaults) and data.may_leave_out(key)


def _update_list(old: list, new: list) -> None:
    """Update shared items in place (keeping their comments and quoting), then add or drop the rest."""
    neighbours = list(old)
    for i, item in enumerate(new[:len(old)]):
        if isinstance(old[i], dict) and isinstance(item, dict):
            _update(old[i], item)
        elif isinstance(old[i], list) and isinstance(item, list):
            _update_list(old[i], item)
        elif not _reads_same(old[i], item):
            old[i] = _resolve(item, neighbours)
    added = new[len(old):]
    del old[len(new):]
    old.extend(_resolve(item, neighbours) for item in added)


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
