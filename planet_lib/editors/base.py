"""What every live editor shares: a workbook file written at once, and never overwritten blindly.

In a live seminar the trainer projects JupyterLab and the group builds its analysis together.
Three promises make that safe:

- Every committed change (a button press, or leaving a text box after typing in it) is
  written to the group workbook at once through `Group.save`, which writes atomically and
  keeps what people typed elsewhere in the file.  A kernel restart loses nothing.
- Before writing, the editor compares the file on disk with the version it loaded (by
  content, so a file saved again unchanged by a spreadsheet program is not a "change").  If
  someone changed it meanwhile, the editor reloads it and says so, and the change is not
  written: nothing typed outside the editor is overwritten silently.
- What a person types is read with the same field parsers as the workbook files
  (`planet_lib.workbook.fields`); unusable input is refused with a message and never written.

The editors are a thin layer: the rules come from the library's models and checks.
"""

from __future__ import annotations

import hashlib
import html
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable

import ipywidgets as w

from ..errors import WorkbookError
from ..figure_view import readable_figure, text_px_for
from ..workbook.fields import Field, Unusable
from ..workbook.group import CSV_ARTEFACTS, YAML_ARTEFACTS, Group
from .look import MESSAGE_MARKS, STYLE, button, figure_output

NEW = "__new__"
"""The choice in a list that stands for "a new item, not saved yet"."""


class Refused(ValueError):
    """A change the editor will not write; each problem says what to type instead."""

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(" ".join(self.problems))


# Reading what people type ---------------------------------------------------------------------
def parse_fields(fields: Iterable[Field], typed: dict[str, Any], labels: dict[str, str] | None = None) -> dict:
    """The values typed for `fields`, read by the workbook's own parsers; every problem at once.

    Only the fields present in `typed` are read.  Raises `Refused` listing each unusable value.
    """
    labels = labels or {}
    values, problems = {}, []
    for f in fields:
        if f.name not in typed:
            continue
        raw = "" if typed[f.name] is None else str(typed[f.name])
        label = labels.get(f.name, f.name)
        if f.required and not raw.strip():
            problems.append(f"'{label}' must be filled in.")
            continue
        try:
            value = f.parse(raw)
        except Unusable as exc:
            problems.append(f"'{label}': found '{raw.strip()}'; expected {exc}.")
            continue
        values[f.name] = f.default if value is None and f.default is not None else value
    if problems:
        raise Refused(problems)
    return values


def unknown_ids(wanted: Iterable[str], known: Iterable[str], what: str, field: str) -> None:
    """Refuse links to ids that do not exist, naming the ids that do."""
    known = list(known)
    missing = [i for i in wanted if i not in known]
    if not missing:
        return
    there = ", ".join(known) if known else "none yet"
    names = ", ".join(missing)
    raise Refused(f"'{field}': there is no {what} {names}. Use ids that exist ({there}), "
                  "or add that one first.")


def next_id(prefix: str, ids: Iterable[str]) -> str:
    """The id after the highest `<prefix><number>` in use (S12 after S11), to save typing."""
    numbers = [int(i[len(prefix):]) for i in ids if i.startswith(prefix) and i[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


# The group folder, as one editor sees it --------------------------------------------------------
def artefact_file(attr: str) -> str:
    """The file name of an artefact of the group workbook (``"stakeholders"`` -> stakeholders.csv)."""
    for art in (*CSV_ARTEFACTS, *YAML_ARTEFACTS):
        if art.attr == attr:
            return art.file
    raise KeyError(f"no artefact called {attr!r}")


def fingerprint(path: Path) -> str | None:
    """What the file says (a hash of its bytes), or None when it does not exist.

    Content, not the modification time: a clock or a copy can leave the time unchanged, and a
    spreadsheet program saving the same content again is not a change anyone made.
    """
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


class Workbook:
    """A group folder loaded with `Group.load`: one artefact written, a few more watched.

    Only those files (and group.yaml) are read, so a file of the group that cannot be read
    blocks only the editors that show it.
    """

    def __init__(self, folder: str | Path, writes: str, reads: Iterable[str] = ()):
        self.folder = Path(folder)
        self.writes = writes
        self.watched = (writes, *reads)
        self.group: Group | None = None
        self.error = ""  # why the folder cannot be edited, in plain words
        self._seen: dict[str, str | None] = {}
        self.reload()

    def path(self, attr: str | None = None) -> Path:
        return self.folder / artefact_file(attr or self.writes)

    @property
    def file(self) -> str:
        return artefact_file(self.writes)

    def reload(self) -> None:
        """Read the folder again; an unreadable workbook leaves `group` None and `error` set."""
        seen = {attr: fingerprint(self.path(attr)) for attr in self.watched}
        try:
            self.group, self.error = Group.load(self.folder, parts=self.watched), ""
        except WorkbookError as exc:
            self.group, self.error = None, str(exc)
        self._seen = seen

    def changed_outside(self) -> list[str]:
        """The watched artefacts whose file differs from the version loaded."""
        return [attr for attr in self.watched if fingerprint(self.path(attr)) != self._seen.get(attr)]

    def save(self, value: Any) -> None:
        """Write the new value of the edited artefact (atomically, through `Group.save`)."""
        setattr(self.group, self.writes, value)
        self.group.save(self.writes)
        self._seen[self.writes] = fingerprint(self.path())


class Editor:
    """The frame of an editor: title, Reload button, messages, findings and a picture.

    A subclass sets ARTEFACT (the workbook attribute it writes), READS (others it shows),
    TITLE and KIND (and SCROLLING_PICTURE for a picture too wide to shrink), builds its form in
    `_form()` and redraws in `_show()`.
    """

    ARTEFACT = ""
    READS: tuple[str, ...] = ()
    TITLE = ""
    KIND = ""
    SCROLLING_PICTURE = False
    """True: the picture is rendered so its text is 16 px (22 px with large_text) and shown at that
    size in a box that scrolls, instead of being shrunk to the width of the notebook."""

    def __init__(self, folder: str | Path, large_text: bool = False):
        self.large_text = large_text
        self.book = Workbook(folder, self.ARTEFACT, self.READS)
        self.message = ""  # the last message shown, as plain text
        self.figure = None  # the last Figure drawn
        self._filling = False
        self._armed: str | None = None  # the item a first click on Remove asked about
        self._wanted: str | None = None  # the item to show after a saved change
        self.status = w.HTML()
        self.status.add_class("planet-status")
        self.card_findings = w.HTML(layout=w.Layout(width="40%", min_width="16em"))
        self.card_findings.add_class("planet-findings")
        self.picture = w.Output()
        self.picture.add_class("planet-picture")
        self.reload_button = button("Reload from the files", "reload", self.reload)
        title = w.HTML(f"<h3>{html.escape(self.TITLE)} — {html.escape(self.book.folder.name)} "
                       f"<small>({html.escape(self.book.file)})</small></h3>")
        form = w.VBox(self._form(), layout=w.Layout(width="58%", min_width="20em"))
        body = w.HBox([form, self.card_findings], layout=w.Layout(flex_flow="row wrap", width="100%"))
        self.widget = w.VBox([w.HTML(STYLE), title, w.HBox([self.reload_button]), self.status, body,
                              *self._below()])
        self.widget.add_class("planet-editor")
        self.widget.add_class(f"planet-{self.KIND}-editor")
        if large_text:
            self.widget.add_class("planet-large")
        self.refresh()
        if self.book.error:
            self.say("refused", self.book.error)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    # for subclasses ------------------------------------------------------------------------
    def _form(self) -> list:
        raise NotImplementedError

    def _below(self) -> list:
        """What goes under the form: the picture, unless a subclass shows more."""
        return [self.picture]

    def _show(self) -> None:
        """Fill the form and redraw from `self.book.group`."""
        raise NotImplementedError

    # what every editor does ------------------------------------------------------------------
    @property
    def group(self) -> Group | None:
        return self.book.group

    @contextmanager
    def filling(self):
        """Set widget values from the workbook without taking them as typed changes."""
        before, self._filling = self._filling, True
        try:
            yield
        finally:
            self._filling = before

    def refresh(self) -> None:
        with self.filling():
            self._show()

    def reload(self) -> None:
        """Read the workbook files again (the Reload button): picks up edits made elsewhere."""
        self.book.reload()
        self._armed = None
        self.refresh()
        if self.book.error:
            self.say("refused", self.book.error)
        else:
            self.say("notice", f"Read {self.book.file} again from the group folder.")

    def say(self, kind: str, text: str) -> None:
        """Show one message: kind 'saved', 'refused' or 'notice'."""
        self.message = text
        body = html.escape(text).replace("\n", "<br>")
        self.status.value = f"<span class='planet-msg-{kind}'>{MESSAGE_MARKS[kind]} {body}</span>"

    def pick_up_outside_edits(self) -> list[str]:
        """Reload when a watched file changed on disk; returns the files that had changed."""
        changed = self.book.changed_outside()
        if changed:
            self.book.reload()
            self._armed = None
            self.refresh()
            files = ", ".join(artefact_file(a) for a in changed)
            if self.book.error:
                self.say("refused", self.book.error)
            else:
                self.say("notice", f"{files} changed outside this editor (for example in a spreadsheet "
                                   "or another notebook); the editor now shows what the files say.")
        return [artefact_file(a) for a in changed]

    def commit(self, what: str, change: Callable[[Group], Any], show: str | None = None) -> bool:
        """Make one change and write it at once; False (with a message) when it is not written.

        `change(group)` returns the new value of the artefact, or raises `Refused`; it must not
        modify the loaded artefact in place, so a refused change leaves nothing half done.
        `show`: the item the form shows once the change is saved (drawn once, not twice).
        """
        self._armed = None
        changed = self.pick_up_outside_edits()
        if self.book.file in changed:
            self.say("notice", f"{self.book.file} was changed outside this editor since it was opened. "
                               f"It has been read again so that change is kept, and your change ({what}) "
                               "was NOT saved: check the form and make it again.")
            return False
        if self.group is None:
            self.say("refused", self.book.error or "The group folder cannot be read.")
            return False
        try:
            value = change(self.group)
        except Refused as exc:
            self.say("refused", "Not saved: " + " ".join(exc.problems))
            return False
        try:
            self.book.save(value)
        except (OSError, WorkbookError) as exc:
            self.book.reload()
            self.refresh()
            self.say("refused", f"Not saved: {self.book.file} could not be written ({exc}). If the file is "
                                "open in a spreadsheet program, close it there and try again.")
            return False
        self._wanted = show
        try:
            self.refresh()
        except Exception as exc:  # the change is saved; say so even if a picture cannot be drawn
            self.say("notice", f"Saved in {self.book.file}: {what}. The picture could not be redrawn "
                               f"({exc.__class__.__name__}: {exc}); press 'Reload from the files'.")
            return True
        finally:
            self._wanted = None
        self.say("saved", f"Saved in {self.book.file}: {what}.")
        return True

    def confirm_remove(self, item: str, remove_button) -> bool:
        """A first click on Remove only asks; the second click on the same item removes it."""
        if self._armed == item:
            self._armed = None
            return True
        self._armed = item
        remove_button.description = f"Click again to remove {item}"
        self.say("notice", f"Click the remove button again to remove {item} from {self.book.file}.")
        return False

    def show_figure(self, fig, description: str) -> None:
        """Show `fig` in the picture area (and keep it as `self.figure`); `description` is its alt text.

        With `SCROLLING_PICTURE` the picture keeps a readable size and scrolls (see
        `planet_lib.figure_view`); otherwise it is a plain PNG that the page shrinks to its width.
        """
        self.figure = fig
        if self.SCROLLING_PICTURE:
            shown = readable_figure(fig, description, text_px_for(self.large_text)).output()
        else:
            shown = figure_output(fig, description)
        self.picture.outputs = (shown,)
