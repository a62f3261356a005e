"""Lists in a saved YAML file: which entry of the file each new entry continues, and its comments.

Matching (`plan`): an entry continues the file's entry with the same key (a partner's
municipality, a plain text itself); one whose key changed continues the file's entry that
stood in the same place, between the same matched neighbours, when the two agree on
something else they both say (a renamed town still has its country).  The rest of the
file's entries are removed and the rest of the new ones added.

Comments: ruamel.yaml keeps the comment lines written *above* an entry at the end of the entry before
it (the lines above the first entry at the list's key).  Removing a partner would then take
the next partner's comment with it, and adding one would put its neighbour's comment above
it.  So before entries are removed, added or moved, the lines above each entry are taken off
(`detach`) and, once the list is rebuilt, put back above the same entries (`attach`).

A comment line after an entry belongs to that entry when it is indented at least as deep as
the entry's text (it is inside the entry); otherwise it belongs to what follows, together
with the blank lines before it.  A comment at the end of an entry's line (`# joined in
2012`) always stays with its entry.

This module reads and writes ruamel.yaml's comment tokens directly; `Emitter` works around
a ruamel.yaml bug that joined two lines of a file when saving it (see `Emitter`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.events import MappingEndEvent
from ruamel.yaml.tokens import CommentToken

from .mapping import scalar_text

Lines = list[str]


class Emitter(RoundTripEmitter):
    """ruamel.yaml's writer, with one fix.

    In a list with a comment above its first entry, an entry written on one line in braces
    with a comment after it (`- {municipality: Lucca, role: lead}   # the lead`) made
    ruamel.yaml 0.19 join the next entry's first two lines (`- municipality: Graz country: AT`),
    which no longer reads.  After such a comment a new line has begun, so nothing is held back.
    """

    def expect_flow_mapping_key(self) -> None:
        ends_with_comment = isinstance(self.event, MappingEndEvent) and bool(
            self.event.comment and self.event.comment[0])
        super().expect_flow_mapping_key()
        if ends_with_comment:
            self.no_newline = False


def is_block(node: Any) -> bool:
    """A list or mapping written over several lines, which can hold comment lines inside it."""
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


# taking the lines above each entry off, and putting them back -------------------------------
def detach(seq: CommentedSeq, parent: Any, key: Any) -> tuple[list[Lines], Lines]:
    """The comment lines above each entry of `seq`, and those after its last one, taken out of it.

    `parent[key]` is `seq` (the lines above the first entry are kept there); with no parent
    (a list inside a list) they are left where they are.
    """
    if not is_block(seq):
        return [[] for _ in seq], []
    column = _content_column(seq)
    leads = []
    above = _take_first_lead(parent, key)
    for i in range(len(seq)):
        leads.append(above + _take_pre(seq, i))
        above = _take_below(seq, i, column)
    return leads, above + _take_end(seq)


def attach(seq: CommentedSeq, parent: Any, key: Any, leads: list[Lines], trailer: Lines) -> None:
    """Put `leads[i]` above entry i of `seq` and `trailer` after its last entry."""
    if leads and leads[0]:
        _put_first_lead(parent, key, leads[0])
    for i in range(1, len(seq)):
        if i < len(leads) and leads[i]:
            _append(_end_of_entry(seq, i - 1), leads[i])
    if not len(seq):
        seq.fa.set_flow_style()  # `partners: []` on the key's line, with the key's comment after it
    if trailer:
        if len(seq):
            _append(_end_of_entry(seq, len(seq) - 1), trailer)
        elif isinstance(parent, CommentedMap):
            _append(_Slot(parent.ca.items, key, 2, seq), trailer)


def entry_comments(seq: CommentedSeq) -> list[Any]:
    """The comment kept with each entry itself (after a one-line entry), to move with it."""
    return [seq.ca.items.get(i) for i in range(len(seq))]


def set_entries(seq: CommentedSeq, entries: list, comments: list) -> None:
    """Replace the entries of `seq` by `entries`, each with its own end-of-line comment."""
    list.__delitem__(seq, slice(None))
    seq.ca.items.clear()
    list.extend(seq, entries)
    for i, comment in enumerate(comments):
        if comment is not None:
            seq.ca.items[i] = comment


def onto_first_line(comment: Any, before: Any, after: Any) -> Any:
    """The comment kept with an entry that was one line (`- Meetings held  # why`) and is now a block.

    It goes to the block's first line; what is returned stays with the entry's place in the list.
    """
    if comment is None or comment[0] is None or is_block(before) or not is_block(after) \
            or not isinstance(after, CommentedMap) or is_block(next(iter(after.values()))):
        return comment
    slots = after.ca.items.setdefault(next(iter(after)), [None, None, None, None])
    if slots[2] is not None:
        return comment
    slots[2] = comment[0]
    return None


# which entry of the file is which -------------------------------------------------------------
def plan(old: list, new: list, names: tuple[str, ...], keep_file_order: bool,
         alike: Callable[[Any, Any], bool]) -> list[tuple[int | None, int]]:
    """(file entry or None, new entry) in the order to write them; file entries left out are dropped.

    An entry's key is its value under the first of `names` it has, or its text when it is a
    plain text; other entries are matched by place.  `alike(file entry, new entry)` tells
    whether an entry whose key changed may be the same entry renamed.  With
    `keep_file_order` the matched entries keep the file's order and new ones go last;
    otherwise all follow `new`.
    """
    found = _match(old, new, names)
    found |= _renamed(found, old, new, alike)
    if not keep_file_order:
        return [(found.get(j), j) for j in range(len(new))]
    in_file = {i: j for j, i in found.items()}
    return [(i, in_file[i]) for i in range(len(old)) if i in in_file] + \
        [(None, j) for j in range(len(new)) if j not in found]


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list, tuple))


def _key(entry: Any, place: int, names: tuple[str, ...]) -> Any:
    if _is_scalar(entry):
        return scalar_text(entry).strip()
    name = next((n for n in names if isinstance(entry, dict) and n in entry), None)
    if name is not None and _is_scalar(entry[name]):
        return scalar_text(entry[name]).strip()
    return ("place", place)


def _match(old: list, new: list, names: tuple[str, ...]) -> dict[int, int]:
    """For each new entry (by place), the file entry it continues; keys found twice are matched in order."""
    waiting: dict[Any, list[int]] = {}
    for i, entry in enumerate(old):
        waiting.setdefault(_key(entry, i, names), []).append(i)
    found = {}
    for j, entry in enumerate(new):
        candidates = waiting.get(_key(entry, j, names))
        if candidates:
            found[j] = candidates.pop(0)
    return found


def _renamed(found: dict[int, int], old: list, new: list, alike: Callable[[Any, Any], bool]) -> dict[int, int]:
    """New entries taken as renamed file entries: the same place between matched neighbours, and alike."""
    matched = set(found.values())
    free: dict[int, list[int]] = {}
    for i in range(len(old)):
        if i not in matched:
            free.setdefault(max((m for m in matched if m < i), default=-1), []).append(i)
    out = {}
    for j in range(len(new)):
        if j in found:
            continue
        after = max((k for k in found if k < j), default=None)
        same_place = free.get(-1 if after is None else found[after], [])
        i = next((i for i in same_place if alike(old[i], new[j])), None)
        if i is not None:
            same_place.remove(i)
            out[j] = i
    return out


# where ruamel.yaml keeps the lines after an entry ---------------------------------------------
@dataclass
class _Slot:
    """One place of a comment token: `items[index][pos]` of a node's comment attribute."""

    items: dict
    index: Any
    pos: int
    value: Any = None  # the node written on that line; a flow list or mapping keeps the same token

    def get(self) -> CommentToken | None:
        found = self.items.get(self.index)
        return found[self.pos] if found is not None and len(found) > self.pos else None

    def set(self, token: CommentToken | None) -> None:
        old = self.get()
        self.items.setdefault(self.index, [None, None, None, None])[self.pos] = token
        mirror = getattr(getattr(self.value, "ca", None), "comment", None)
        if mirror and old is not None and mirror[0] is old:
            mirror[0] = token


def _end_of_entry(seq: CommentedSeq, i: int) -> _Slot:
    entry = seq[i]
    if is_block(entry):
        return _last_slot(entry)
    return _Slot(seq.ca.items, i, 0, entry)


def _last_slot(node: CommentedMap | CommentedSeq) -> _Slot:
    """The token after the last line of a block: that of its last value, however deep."""
    index, pos = (next(reversed(node)), 2) if isinstance(node, CommentedMap) else (len(node) - 1, 0)
    child = node[index]
    if is_block(child):
        return _last_slot(child)
    return _Slot(node.ca.items, index, pos, child)


def _content_column(seq: CommentedSeq) -> int | None:
    """The column where the entries' text starts (after '- '), as read from the file."""
    columns = [where[1] for where in getattr(seq.lc, "data", {}).values()]
    return min(columns) if columns else None


# the lines of a token --------------------------------------------------------------------------
def _split(value: str) -> tuple[str, Lines]:
    """The comment at the end of the line (or '') and the whole lines after it."""
    if not value.endswith("\n"):
        value += "\n"
    end_of_line, _, rest = value.partition("\n")
    return end_of_line, rest.split("\n")[:-1]


def _joined(end_of_line: str, lines: Lines) -> str | None:
    if not end_of_line and not lines:
        return None
    return end_of_line + "\n" + "".join(line + "\n" for line in lines)


def _is_comment(line: str) -> bool:
    return line.strip().startswith("#")


def _divide(lines: Lines, column: int | None) -> tuple[Lines, Lines]:
    """The lines that stay with the entry above (inside it) and those that belong below."""
    if column is None:
        return [], lines
    outside = next((k for k, line in enumerate(lines)
                    if _is_comment(line) and len(line) - len(line.lstrip()) < column), len(lines))
    inside = [k for k in range(outside) if _is_comment(lines[k])]
    cut = inside[-1] + 1 if inside else 0
    return lines[:cut], lines[cut:]


def _take_below(seq: CommentedSeq, i: int, column: int | None) -> Lines:
    """The lines after entry i that belong below it; those inside it are kept after its last line."""
    slot = _end_of_entry(seq, i)
    token = slot.get()
    end_of_line, lines = _split(token.value) if token is not None else ("", [])
    keep, below = _divide(lines + _take_ends(seq[i]), column)
    value = _joined(end_of_line, keep)
    if token is not None:
        _store(slot, token, value)
    elif value is not None:
        slot.set(CommentToken(value, CommentMark(0), None))
    return below


def _take_ends(entry: Any) -> Lines:
    """Lines ruamel.yaml keeps at the end of the blocks an entry ends with (after a `[list]` on one line)."""
    blocks = []
    while is_block(entry):
        blocks.append(entry)
        entry = entry[next(reversed(entry))] if isinstance(entry, CommentedMap) else entry[-1]
    lines: Lines = []
    for block in reversed(blocks):
        lines += _take_end(block)
    return lines


def _take_end(node: Any) -> Lines:
    end = getattr(getattr(node, "ca", None), "end", None)
    if not end:
        return []
    lines = [line for token in end for line in _token_lines(token)]
    node.ca.end = []
    return lines


def _take_pre(seq: CommentedSeq, i: int) -> Lines:
    """Lines ruamel.yaml keeps with the entry below them (after an entry ending in a `[list]`)."""
    slots = seq.ca.items.get(i)
    if not slots or len(slots) < 2 or not slots[1]:
        return []
    lines = [line for token in slots[1] for line in _token_lines(token)]
    slots[1] = None
    return lines


def _store(slot: _Slot, token: CommentToken, value: str | None) -> None:
    if value is None:
        slot.set(None)
    else:
        token.value = value


def _append(slot: _Slot, lines: Lines) -> None:
    token = slot.get()
    if token is None:
        slot.set(CommentToken(_joined("", lines), CommentMark(0), None))
        return
    end_of_line, old = _split(token.value)
    token.value = _joined(end_of_line, old + lines)


# the lines above the first entry, kept at the list's key ----------------------------------------
def _take_first_lead(parent: Any, key: Any) -> Lines:
    if not isinstance(parent, CommentedMap):
        return []
    slots = parent.ca.items.get(key)
    if slots is None:
        return []
    lines: Lines = []
    on_key_line = slots[2]
    if on_key_line is not None:  # `partners:   # comment` followed by comment lines
        end_of_line, after = _split(on_key_line.value)
        lines += after
        if after:
            _store(_Slot(parent.ca.items, key, 2, parent[key]), on_key_line, _joined(end_of_line, []))
    above = slots[3] if len(slots) > 3 else None
    if above:
        for token in above:
            lines += _token_lines(token)
        slots[3] = None
        own = getattr(getattr(parent[key], "ca", None), "comment", None)
        if own and len(own) > 1 and own[1] is above:  # the list's own record of the same lines
            own[1] = None
    return lines


def _token_lines(token: CommentToken) -> Lines:
    """A comment written on lines of its own: its lines, with the indentation it was read with."""
    value = token.value if token.value.endswith("\n") else token.value + "\n"
    lines = value.split("\n")[:-1]
    if lines and lines[0]:
        lines[0] = " " * token.column + lines[0]
    return lines


def _put_first_lead(parent: Any, key: Any, lines: Lines) -> None:
    if not isinstance(parent, CommentedMap):
        return
    slots = parent.ca.items.setdefault(key, [None, None, None, None])
    if slots[2] is not None:
        _append(_Slot(parent.ca.items, key, 2, parent[key]), lines)
        return
    token = CommentToken("".join(line + "\n" for line in lines), CommentMark(0), None)
    if slots[3] is None:
        slots[3] = [token]
    else:
        slots[3].append(token)
