"""A group folder and a cohort folder, loaded as typed artefacts and saved back safely.

`Group.load(folder)` reads every artefact the group has (a missing file means the group has
not reached that stage yet: the attribute is `None`) and the settings of the cohort it belongs
to (`cohort_settings`).  Every unusable value in every file is collected into one
`WorkbookError`.  `Group.save(attr)` writes one artefact atomically, keeping row order, extra
columns, comments and what a person typed wherever the value is unchanged.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from .. import budget, cohort as cohort_mod, logframe, network, objectives, problems, schedule, stakeholders, strategy
from ..errors import InputProblem, ProblemList, WorkbookError
from . import convert, yamlfile
from .table import Table, new_table
from .textfile import TextFormat

GROUPS_DIR = "groups"


@dataclass(frozen=True)
class CsvArtefact:
    attr: str
    file: str
    schema: tuple
    model: type
    key: str  # column that identifies a row ("line" for files without ids)


CSV_ARTEFACTS = (
    CsvArtefact("stakeholders", stakeholders.FILE, stakeholders.SCHEMA, stakeholders.Stakeholder, "id"),
    CsvArtefact("problems", problems.FILE, problems.SCHEMA, problems.Problem, "id"),
    CsvArtefact("objectives", objectives.FILE, objectives.SCHEMA, objectives.Objective, "id"),
    CsvArtefact("activities", schedule.FILE, schedule.SCHEMA, schedule.Activity, "id"),
    CsvArtefact("budget", budget.FILE, budget.SCHEMA, budget.BudgetLine, "line"),
)


@dataclass(frozen=True)
class YamlArtefact:
    attr: str
    file: str
    read: Callable[[Any, ProblemList], Any]
    write: Callable[[Any], dict]


def _module_converter(module: str, name: str) -> Callable:
    """`from_data`/`to_data` of a tool module that reads its own YAML file, imported on first use."""
    def call(*args):
        return getattr(importlib.import_module(f"planet_lib.{module}"), name)(*args)
    return call


YAML_ARTEFACTS = (
    YamlArtefact("network", network.FILE, convert.network_from_data, convert.network_to_data),
    YamlArtefact("programming", "programming.yaml", _module_converter("programming", "from_data"),
                 _module_converter("programming", "to_data")),
    YamlArtefact("strategy", strategy.FILE, convert.strategy_from_data, convert.strategy_to_data),
    YamlArtefact("logframe", logframe.FILE, convert.logframe_from_data, convert.logframe_to_data),
    YamlArtefact("dissemination", "dissemination.yaml", _module_converter("dissemination", "from_data"),
                 _module_converter("dissemination", "to_data")),
)


@dataclass
class Group:
    """One working group's workbook: its network and the artefacts of each PCM stage."""

    folder: Path
    network: network.Network | None = None
    programming: Any = None  # programming.Programming: priorities, alignment, SWOT, theme
    stakeholders: list[stakeholders.Stakeholder] | None = None
    problems: list[problems.Problem] | None = None
    objectives: list[objectives.Objective] | None = None
    strategy: strategy.Strategy | None = None
    logframe: logframe.Logframe | None = None
    activities: list[schedule.Activity] | None = None
    budget: list[budget.BudgetLine] | None = None
    dissemination: Any = None  # dissemination.DisseminationPlan
    cohort: cohort_mod.CohortInfo | None = None  # set when loaded as part of a cohort
    _sources: dict[str, Any] = field(default_factory=dict, repr=False)
    notes: list[str] = field(default_factory=list)  # how files were read (encodings guessed)

    @property
    def id(self) -> str:
        return self.network.id if self.network else self.folder.name

    @property
    def programme(self) -> str:
        """The rule-set id that applies: the network's own, else the cohort's."""
        if self.network and self.network.programme:
            return self.network.programme
        return self.cohort.programme if self.cohort else ""

    # loading ---------------------------------------------------------------------------
    @classmethod
    def load(cls, folder: str | Path, shown_prefix: str | None = None,
             parts: Iterable[str] | None = None) -> "Group":
        """Read a group folder; a `WorkbookError` lists every problem of every file read.

        `parts` (artefact names such as ``"problems"``) reads only those files and group.yaml,
        leaving the others None: a live editor then opens the file it edits even while another
        file of the group cannot be read.
        """
        wanted = None if parts is None else {"network", *parts}
        folder = Path(folder).resolve()
        prefix = shown_prefix if shown_prefix is not None else ""
        if not folder.is_dir():
            raise WorkbookError([InputProblem(str(folder), None, None, None,
                                              "this group folder does not exist; check the path")])
        group = cls(folder)
        found: list[InputProblem] = []
        if not (folder / network.FILE).exists():
            found.append(InputProblem(prefix + network.FILE, None, None, None,
                                      "every group folder needs a group.yaml describing its network"))
        for art in CSV_ARTEFACTS:
            path = folder / art.file
            if path.exists() and (wanted is None or art.attr in wanted):
                found += _collect(lambda: group._load_csv(art, path, prefix + art.file))
        for art in YAML_ARTEFACTS:
            path = folder / art.file
            if path.exists() and (wanted is None or art.attr in wanted):
                found += _collect(lambda: group._load_yaml(art, path, prefix + art.file))
        if found:
            raise WorkbookError(found)
        group.cohort = cohort_settings(folder)
        return group

    def _load_csv(self, art: CsvArtefact, path: Path, shown: str) -> None:
        table = Table.read(path, shown)
        found = ProblemList(shown)
        records = table.records(art.schema, found)
        if art.key != "line":
            _check_unique(records, art.key, found)
        found.raise_if_any()
        self._sources[art.attr] = table
        self._note_encoding(shown, table.fmt)
        setattr(self, art.attr, convert.records_to_models(art.model, records))

    def _load_yaml(self, art: YamlArtefact, path: Path, shown: str) -> None:
        data, text, fmt = yamlfile.read(path, shown)
        found = ProblemList(shown)
        if data is None:
            data = {}
        value = art.read(data, found)
        found.raise_if_any()
        self._sources[art.attr] = (text, fmt)
        self._note_encoding(shown, fmt)
        setattr(self, art.attr, value)

    def _note_encoding(self, shown: str, fmt: TextFormat) -> None:
        if fmt.guessed:
            self.notes.append(f"{shown} is not saved as UTF-8; it was read as {fmt.encoding}.")

    # saving ----------------------------------------------------------------------------
    def save(self, attr: str) -> None:
        """Write one artefact (e.g. ``"stakeholders"``) back to its file, atomically."""
        for art in CSV_ARTEFACTS:
            if art.attr == attr:
                return self._save_csv(art)
        for art in YAML_ARTEFACTS:
            if art.attr == attr:
                return self._save_yaml(art)
        raise KeyError(f"no artefact called {attr!r}")

    def _save_csv(self, art: CsvArtefact) -> None:
        models = getattr(self, art.attr) or []
        records = convert.models_to_records(models)
        if art.key == "line":
            next_line = -1
            for r in records:
                if r["line"] is None:
                    r["line"] = next_line
                    next_line -= 1
        table = self._sources.get(art.attr) or new_table(art.file, art.schema)
        table.merge(records, art.schema, key=art.key)
        table.save(self.folder / art.file)
        self._sources[art.attr] = table
        saved = table.records(art.schema, ProblemList(art.file))
        setattr(self, art.attr, convert.records_to_models(art.model, saved))

    def _save_yaml(self, art: YamlArtefact) -> None:
        value = getattr(self, art.attr)
        if value is None:
            raise ValueError(f"there is no {art.attr} to save")
        original, fmt = self._sources.get(art.attr, (None, None))
        if original is not None and _same_as_file(art, original, value):
            return
        text = yamlfile.save(self.folder / art.file, art.write(value), original, fmt)
        self._sources[art.attr] = (text, fmt or TextFormat())


def _same_as_file(art: YamlArtefact, original: str, value: Any) -> bool:
    """True when the file already says exactly this: then it is left alone, byte for byte."""
    try:
        return art.read(yamlfile.parse(original, art.file) or {}, ProblemList(art.file)) == value
    except WorkbookError:
        return False


def _collect(load: Callable[[], None]) -> list[InputProblem]:
    try:
        load()
    except WorkbookError as exc:
        return exc.problems
    return []


def _check_unique(records: list[dict], key: str, found: ProblemList) -> None:
    first: dict[str, int] = {}
    for r in records:
        value = r.get(key)
        if not value:
            continue
        if value in first:
            found.add(f"line {r['line']}", key, value,
                      f"each {key} may be used once, but it is also on line {first[value]}; give this row a new {key}")
        else:
            first[value] = r["line"]


@dataclass
class Cohort:
    """A run of the course: its settings, its roster and its groups."""

    folder: Path
    info: cohort_mod.CohortInfo
    participants: list[cohort_mod.Participant]
    groups: list[Group]

    @classmethod
    def load(cls, folder: str | Path) -> "Cohort":
        folder = Path(folder)
        found: list[InputProblem] = []
        info = None
        participants: list[cohort_mod.Participant] = []
        try:
            data, _text, _fmt = yamlfile.read(folder / cohort_mod.FILE, cohort_mod.FILE)
            problems_ = ProblemList(cohort_mod.FILE)
            info = convert.cohort_from_data(data or {}, problems_)
            found += problems_.items
        except WorkbookError as exc:
            found += exc.problems
        roster = folder / cohort_mod.ROSTER_FILE
        if roster.exists():
            try:
                table = Table.read(roster, cohort_mod.ROSTER_FILE)
                problems_ = ProblemList(cohort_mod.ROSTER_FILE)
                records = table.records(cohort_mod.ROSTER_SCHEMA, problems_)
                _check_unique(records, "participant_id", problems_)
                found += problems_.items
                participants = convert.records_to_models(cohort_mod.Participant, records)
            except WorkbookError as exc:
                found += exc.problems
        groups = []
        for sub in group_folders(folder):
            try:
                groups.append(Group.load(sub, f"{GROUPS_DIR}/{sub.name}/"))
            except WorkbookError as exc:
                found += exc.problems
        if found:
            raise WorkbookError(found)
        for g in groups:
            g.cohort = info
        return cls(folder, info, participants, groups)

    def group(self, group_id: str) -> Group:
        for g in self.groups:
            if g.folder.name == group_id or g.id == group_id:
                return g
        raise KeyError(f"no group {group_id!r} in {self.folder}; groups are: "
                       + ", ".join(g.folder.name for g in self.groups))


def group_folders(cohort_folder: Path) -> list[Path]:
    base = Path(cohort_folder) / GROUPS_DIR
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


def is_cohort(folder: Path) -> bool:
    return (Path(folder) / cohort_mod.FILE).exists()


def cohort_file(group_folder: Path) -> Path:
    """Where the settings of a group's cohort are kept (the file need not exist).

    A group of a cohort sits in the cohort's `groups/` folder, below its cohort.yaml; a working
    copy of a group (`planet_lib.workspace.working_copy`) has its cohort's cohort.yaml beside it.
    """
    parent = Path(group_folder).parent
    return (parent.parent if parent.name == GROUPS_DIR else parent) / cohort_mod.FILE


def read_cohort_info(path: Path) -> cohort_mod.CohortInfo:
    """The settings in one cohort.yaml; a `WorkbookError` lists what cannot be used."""
    data, _text, _fmt = yamlfile.read(Path(path), cohort_mod.FILE)
    found = ProblemList(cohort_mod.FILE)
    info = convert.cohort_from_data(data or {}, found)
    found.raise_if_any()
    return info


def cohort_settings(group_folder: Path) -> cohort_mod.CohortInfo | None:
    """The settings (currency, programme, ...) of the cohort a group folder belongs to, if any.

    None for a group on its own, and when its cohort.yaml cannot be read: that file's problems
    are reported when the cohort itself is loaded (`Cohort.load`, `planet check <cohort>`), and
    one group's work is never blocked by them.
    """
    path = cohort_file(group_folder)
    if not path.is_file():
        return None
    try:
        return read_cohort_info(path)
    except WorkbookError:
        return None
