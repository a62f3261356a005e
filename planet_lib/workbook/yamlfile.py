"""YAML files of the workbook, read strictly and written back with their comments.

ruamel.yaml reads YAML 1.2, so a country code `NO` stays the text "NO" and is not turned
into `false`; it refuses duplicate keys instead of silently keeping the last one; and its
round-trip mode keeps a person's comments, key order and quoting when the kit saves a change.

Saving changes only what changed in meaning:

- a key the person left out is not added while it holds what a reader assumes anyway
  (nothing, or a default such as a partner's role "partner", see `mapping_to_save`), and a
  key the person wrote is not dropped;
- a key is kept under the other name the reader accepts when the file uses it (`audience:`
  for `name:`), see `mapping_to_save(aliases=...)`;
- a value is not retyped while it reads the same (`21` is not turned into '21', `yes` into
  `true`; with the reader's own reading, `when: 2; 9` is not turned into a list nor
  `population: 18 000` into 18000, see `mapping_to_save(reads=...)`);
- the entries of a list are matched by what names them (a partner by its municipality, see
  `keyed`), so removing one takes its comments with it and the others keep theirs; new
  entries are added at the end.  A list of plain texts is matched text by text and follows
  the new order; a list of blocks not marked with `keyed` is matched by place.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Callable

from ..errors import InputProblem, WorkbookError
from .mapping import scalar_text
from .textfile import TextFormat, encode, read_text, write_atomic


def _yaml(kind: str):
    from ruamel.yaml import YAML

    from . import yamllists

    y = YAML(typ=kind, pure=(kind == "rt"))
    y.allow_duplicate_keys = False
    if kind == "rt":
        y.Emitter = yamllists.Emitter
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


# what the converters say about the data to save ---------------------------------------------
class _ToSave(dict):
    """A mapping to save that knows what a reader assumes, the other names it accepts and how it reads."""

    defaults: dict[str, Any] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    reads: dict[str, Callable[[Any], Any]] = {}

    def may_leave_out(self, key: str) -> bool:
        return key in self.defaults and _reads_same(self[key], self.defaults[key])

    def read_the_same(self, key: str, old: Any) -> bool:
        """The reader of `key` makes the same of the file's `old` value as of the new one."""
        if key not in self.reads:
            return False
        new = _reading(self.reads[key], self[key])
        return new is not _UNREADABLE and _reading(self.reads[key], old) == new

    def written_like(self, key: str, old: Any) -> Any:
        """The new value of `key`, on one line where the file wrote it on one line and the reader allows."""
        new = self[key]
        if key not in self.reads or not isinstance(new, list) or not _scalar(old) or old is None:
            return new
        if len(new) == 1 and _scalar(new[0]):
            return new[0]
        line = "; ".join(scalar_text(v) for v in new)
        reading = _reading(self.reads[key], new)
        return line if reading is not _UNREADABLE and _reading(self.reads[key], line) == reading else new


def with_defaults(data: dict, defaults: dict[str, Any]) -> dict:
    """`data` to save, where a key holding its value in `defaults` is written only if the person wrote it.

    `defaults` gives, for each key, the value a reader assumes when the key is missing (a
    partner's role is "partner" unless it says otherwise).  Saving never adds such a key to
    a mapping that leaves it out, and never drops it from one that writes it.  New list items
    follow what their neighbours in the file do (see `_resolve`); a new file writes the
    defaults that say something (role: partner) and leaves out the empty ones.
    """
    out = _ToSave(data)
    out.defaults = dict(defaults)
    out.aliases = dict(getattr(data, "aliases", {}))
    out.reads = dict(getattr(data, "reads", {}))
    return out


def mapping_to_save(known: dict, extra: dict | None = None, *, defaults: dict | None = None,
                    always: tuple[str, ...] = (), aliases: dict[str, tuple[str, ...]] | None = None,
                    reads: dict[str, Callable[[Any], Any]] | None = None) -> dict:
    """`known` keys then the person's `extra` keys; empty values and `defaults` may be left out.

    `defaults` gives the value each key's reader assumes when the key is missing (a criterion's
    weight is 1); an empty value may be left out too, except under the keys in `always`, which
    a new file shows even empty, as a place to fill in.  A person's own keys (`extra`) are
    never left out.  `aliases` gives the other names the reader accepts for a key
    (`{"name": ("audience",)}`): a file that uses one keeps it.  `reads` gives, for a key whose
    reader accepts several forms, how it reads the file's value (a YAML value in, the model's
    value out, raising ValueError when it cannot): the file's value is kept while it reads the
    same as the new one (`when: 2; 9` for [2, 9]), and a changed list stays on one line where
    the file wrote one line.
    """
    empties = {k: v for k, v in known.items() if k not in always and _empty(v)}
    out = with_defaults({**known, **(extra or {})}, {**(defaults or {}), **empties})
    out.aliases = {k: tuple(v) for k, v in (aliases or {}).items() if v}
    out.reads = dict(reads or {})
    return out


class _Keyed(list):
    """Entries of a list to save, matched with the file's entries by the key that names them."""

    names: tuple[str, ...] = ()
    ordered: bool = False


def keyed(entries: list, *names: str, ordered: bool = False) -> list:
    """`entries` to save, each matched with the file's entry that has the same value under `names`.

    The key of an entry is its value under the first of `names` it has (a partner's
    municipality); an entry written on one line as plain text (`- Meetings held`) is its own
    key.  A matched entry keeps its place and its comments; an entry whose key changed but
    that stays between the same neighbours is taken as renamed and keeps them too; the file's
    other entries are removed with their comments, and new ones are added at the end.
    With `ordered`, the file's entries follow the order of `entries` (for lists whose order
    means something, such as numbered indicators); otherwise they keep the file's order.
    """
    out = _Keyed(entries)
    out.names = names
    out.ordered = ordered
    return out


# reading the same ---------------------------------------------------------------------------
def _left_out(data: dict, key: str) -> bool:
    """A key the file does not have, whose new value reads the same as having no key at all."""
    if isinstance(data, _ToSave) and data.may_leave_out(key):
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


_UNREADABLE = object()


def _reading(reads: Callable[[Any], Any], value: Any) -> Any:
    try:
        return reads(_plain(value))
    except (ValueError, TypeError):  # a value the reader refuses reads like no other value
        return _UNREADABLE


def _scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list, tuple))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


# new content ------------------------------------------------------------------------------
def _resolve(value: Any, neighbours: list | tuple = ()) -> Any:
    """New content as YAML nodes: keys with default values kept or left out, and named, as `neighbours` do.

    A default is left out when more neighbouring items leave the key out than write it with
    that value, and written when more write it; when the neighbours do not tell (a new file,
    a tie), it is written if it says something (role: partner) and left out if it is empty.
    A key with another accepted name is written under the name most neighbours use.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, list):
        return CommentedSeq(_resolve(v) for v in value)
    if not isinstance(value, dict):
        return value
    out = CommentedMap()
    for key, v in value.items():
        if isinstance(value, _ToSave) and value.may_leave_out(key) and \
                _style_leaves_out(key, value.defaults[key], neighbours):
            continue
        out[_spelling(value, key, neighbours)] = _resolve(v)
    return out


def _style_leaves_out(key: str, default: Any, neighbours: list | tuple) -> bool:
    blocks = [n for n in neighbours if isinstance(n, dict)]
    leave_out = sum(key not in n for n in blocks)
    write = sum(key in n and (_reads_same(n[key], default) or _empty(n[key])) for n in blocks)
    if leave_out != write:
        return leave_out > write
    return _says_nothing(default)


def _spelling(value: dict, key: str, neighbours: list | tuple) -> str:
    names = (key, *getattr(value, "aliases", {}).get(key, ()))
    blocks = [n for n in neighbours if isinstance(n, dict)]
    return max(names, key=lambda name: sum(name in n for n in blocks))  # ties: the first, `key`


# merging into the file as typed -------------------------------------------------------------
def _update(tree: Any, data: Any) -> None:
    """Write `data` into the round-trip `tree`, touching only what changed.

    Keys the person left out stay out while the new value is what a reader assumes for a
    missing key (nothing, or a default given with `with_defaults`); keys the person wrote stay,
    as typed, while they read the same, under the name they wrote.
    """
    data = _spelled_as_in(tree, data)
    for key in list(tree.keys()):
        if key not in data and not _ignored_spelling(tree, data, key):
            del tree[key]
    for key, value in data.items():
        if key not in tree:
            if not _left_out(data, key):
                tree[key] = _resolve(value)
            continue
        old = tree[key]
        if isinstance(data, _ToSave) and data.read_the_same(key, old):
            continue
        if isinstance(old, dict) and isinstance(value, dict):
            _update(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            _update_list(old, value, tree, key)
        elif not (_reads_same(old, value) or _blank_for_default(data, key, old)):
            tree[key] = _resolve(data.written_like(key, old) if isinstance(data, _ToSave) else value)


def _spelled_as_in(tree: dict, data: dict) -> dict:
    """`data` with each key the file writes under another accepted name renamed to that name."""
    aliases = getattr(data, "aliases", {})
    names = {key: next(a for a in others if a in tree) for key, others in aliases.items()
             if key in data and key not in tree and any(a in tree for a in others)}
    if not names:
        return data
    out = _ToSave({names.get(k, k): v for k, v in data.items()})
    out.defaults = {names.get(k, k): v for k, v in data.defaults.items()}
    out.reads = {names.get(k, k): v for k, v in data.reads.items()}
    out.aliases = {k: v for k, v in aliases.items() if k not in names}
    return out


def _ignored_spelling(tree: dict, data: dict, key: str) -> bool:
    """A second name for a key the file also writes under its own name: the reader ignores it, saving keeps it."""
    return any(key in others and name in tree for name, others in getattr(data, "aliases", {}).items())


def _blank_for_default(data: dict, key: str, old: Any) -> bool:
    """A key written blank (`role:`) reads as its default, so it stays blank while the value is that default."""
    return _empty(old) and isinstance(data, _ToSave) and data.may_leave_out(key)


def _update_list(old: list, new: list, parent: Any = None, key: Any = None) -> None:
    """Match the file's entries with the new ones (see `keyed`), update, drop and add them.

    Each kept entry is updated in place (keeping its comments and quoting); the comment lines
    above an entry and the comment after a one-line entry move with it (see `yamllists`).
    `parent[key]` is the list, where the lines above its first entry are kept.
    """
    from . import yamllists

    neighbours = list(old)
    leads, trailer = yamllists.detach(old, parent, key)
    comments = yamllists.entry_comments(old)
    entries, moved_leads, moved_comments = [], [], []
    names, keep_file_order = getattr(new, "names", ()), isinstance(new, _Keyed) and not new.ordered
    for i, j in yamllists.plan(old, new, names, keep_file_order, lambda a, b: _alike(a, b, names)):
        if i is None:
            entries.append(_resolve(new[j], neighbours))
            moved_leads.append([])
            moved_comments.append(None)
            continue
        entry = _merged(old[i], new[j], neighbours)
        moved_leads.append(_without_leading_blanks(leads[i]) if i and not entries else leads[i])
        moved_comments.append(yamllists.onto_first_line(comments[i], old[i], entry))
        entries.append(entry)
    yamllists.set_entries(old, entries, moved_comments)
    yamllists.attach(old, parent, key, moved_leads, trailer)


def _alike(old: Any, new: Any, names: tuple[str, ...]) -> bool:
    """Entries that agree on a value besides their keys, as the reader reads it, or have nothing else to compare.

    Such an entry whose key changed in the same place is taken as renamed (a town renamed
    keeps its country), not as one removed and another added.
    """
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return True
    new = _spelled_as_in(old, new)
    said = [k for k in new if k in old and k not in names and not (_empty(old[k]) and _empty(new[k]))]
    return not said or any(_reads_same(old[k], new[k]) or (isinstance(new, _ToSave) and new.read_the_same(k, old[k]))
                           for k in said)


def _merged(entry: Any, item: Any, neighbours: list) -> Any:
    """The file's `entry` carrying the new `item`: changed in place where it can be."""
    if isinstance(entry, dict) and isinstance(item, dict):
        _update(entry, item)
        return entry
    if isinstance(entry, list) and isinstance(item, list):
        _update_list(entry, item)
        return entry
    if _reads_same(entry, item):
        return entry
    fresh = _resolve(_short_form(item) if _scalar(entry) else item, neighbours)
    if isinstance(entry, str) and type(entry) is not str and type(fresh) is str:
        fresh = type(entry)(fresh)  # the same quoting as before
    return fresh


def _short_form(item: Any) -> Any:
    """An entry that says nothing but its first value, written as that value alone (`- Meetings held`)."""
    if not isinstance(item, dict) or not item:
        return item
    said = [k for k in item if not _left_out(item, k)]
    first = next(iter(item))
    return item[first] if said == [first] and _scalar(item[first]) else item


def _without_leading_blanks(lines: list[str]) -> list[str]:
    """Lines above an entry that moved to the top of its list start with no blank line."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    return lines


def save(path: Path, data: Any, original: str | None = None, fmt: TextFormat | None = None) -> str:
    """Write `data` atomically; returns the text written (the new `original`)."""
    text = dump(data, original)
    fmt = fmt or TextFormat()
    on_disk = text.replace("\n", fmt.newline) if fmt.newline != "\n" else text
    write_atomic(path, encode(on_disk, fmt))
    return text
