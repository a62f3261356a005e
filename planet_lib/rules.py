"""Programme rule sets: what a network must meet to apply, kept as data, one YAML file each.

Programmes change from one period and call to the next, and trainers know them better than
programmers do.  So each programme's rules live in `data/rulesets/<id>.yaml` (its sources,
its version date, and the facts the sources leave open marked ``uncertain: true``), and a
trainer adds a programme by writing one file: `available_rulesets()` scans the folder.
Set the folder with the PLANET_RULESETS environment variable or the ``folder=`` parameter.

Which countries are EU Member States on a date is in `membership`; checking a network against
a rule set is in `eligibility`.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import InputProblem, ProblemList, WorkbookError
from .workbook.fields import Field, Unusable, amount, ident, text, whole_number, yes_no
from .workbook.mapping import read_fields, read_list, read_text_list, scalar_text

ENV_VAR = "PLANET_RULESETS"
MEMBERSHIP_FILE = "eu-membership.yaml"
SUFFIXES = (".yaml", ".yml")

# The rules the kit can check: name -> what is counted (for messages about the rule set).
RULES = {
    "min_partners": "partner municipalities",
    "min_countries": "partner countries",
    "min_member_states": "partner countries that are EU Member States at the start",
    "min_duration_months": "months of project duration (minimum)",
    "max_duration_months": "months of project duration (maximum)",
    "min_events": "events",
    "min_participants": "invited participants, all events together",
    "min_participants_per_event": "invited participants at each event",
    "max_event_days": "days per event",
    "min_event_countries": "countries where events are held",
    "grant_min": "grant amount (minimum)",
    "grant_max": "grant amount (maximum)",
}
AMOUNT_RULES = ("grant_min", "grant_max")
LIMIT_PAIRS = (("min_duration_months", "max_duration_months"), ("grant_min", "grant_max"))


# the rule set ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    id: str
    title: str


@dataclass(frozen=True)
class Priority:
    """A theme the programme favours; a network's theme should match one."""

    id: str
    title: str
    kind: str = ""  # permanent | annual | european-year ...
    year: int | None = None
    uncertain: bool = False
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Note:
    """A remark on the rules; ``uncertain`` when the sources do not settle the fact."""

    text: str
    uncertain: bool = False
    rule: str = ""  # the rule it qualifies, if any
    sources: tuple[str, ...] = ()


@dataclass
class RuleSet:
    id: str
    title: str
    programme: str
    version: str  # YYYY-MM-DD: when the facts were last compared with the sources
    sources: list[Source]
    rules: dict[str, float | int]
    priorities: list[Priority] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    period: str = ""
    currency: str = "EUR"
    applicant_types: list[str] = field(default_factory=list)
    path: Path | None = None
    extra: dict = field(default_factory=dict)

    def uncertain_note(self, rule: str) -> Note | None:
        """The note that marks `rule` as uncertain, if there is one."""
        return next((n for n in self.notes if n.uncertain and n.rule == rule), None)

    @property
    def uncertain_notes(self) -> list[Note]:
        return [n for n in self.notes if n.uncertain]

    def priority_for(self, theme: str) -> Priority | None:
        """The priority a theme names, by id or title, ignoring case and surrounding spaces."""
        wanted = theme.strip().casefold()
        return next((p for p in self.priorities
                     if wanted in (p.id.casefold(), p.title.strip().casefold())), None)


# finding and loading rule-set files ------------------------------------------------------
def rulesets_folder(folder: str | Path | None = None) -> Path:
    """`folder` if given, else $PLANET_RULESETS, else the kit's `data/rulesets`."""
    if folder is not None:
        return Path(folder)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    from .sample import data_dir

    return data_dir() / "rulesets"


def available_rulesets(folder: str | Path | None = None) -> list[str]:
    """The ids of the rule sets in the folder (one file each, named after the id)."""
    base = rulesets_folder(folder)
    if not base.is_dir():
        return []
    return sorted(p.stem for p in base.iterdir()
                  if p.suffix in SUFFIXES and p.name != MEMBERSHIP_FILE and not p.name.startswith("."))


def load_ruleset(id_or_path: str | Path, folder: str | Path | None = None) -> RuleSet:
    """A rule set by id (looked up in the folder) or by the path of its file."""
    path = _ruleset_path(id_or_path, folder)
    stat = path.stat()
    return copy.deepcopy(_load_ruleset_file(str(path.resolve()), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=32)
def _load_ruleset_file(path: str, _mtime_ns: int, _size: int) -> RuleSet:
    """Read a rule-set file once per version of it: a cohort check asks for it once per group."""
    from .workbook.yamlfile import read

    data, _text, _fmt = read(Path(path), path)
    return ruleset_from_data(data, path, expected_id=Path(path).stem, path=Path(path))


def _ruleset_path(id_or_path: str | Path, folder: str | Path | None) -> Path:
    given = Path(id_or_path)
    if isinstance(id_or_path, Path) or given.suffix in SUFFIXES or len(given.parts) > 1:
        if not given.is_file():
            raise WorkbookError([InputProblem(str(given), None, None, None, "this rule-set file does not exist")])
        return given
    base = rulesets_folder(folder)
    for suffix in SUFFIXES:
        if (base / f"{id_or_path}{suffix}").is_file():
            return base / f"{id_or_path}{suffix}"
    known = ", ".join(available_rulesets(folder)) or "none"
    raise WorkbookError([InputProblem(str(base), None, "programme", str(id_or_path),
                                      f"the id of a rule set in this folder: {known}")])


_TOP_FIELDS = (
    Field("id", ident, required=True),
    Field("title", text, required=True),
    Field("programme", text, required=True),
    Field("period", text, default=""),
    Field("currency", text, default="EUR"),
)


def _iso_date(raw: str) -> str:
    try:
        return dt.date.fromisoformat(raw.strip()).isoformat()
    except ValueError:
        raise Unusable("a date written YYYY-MM-DD, e.g. 2026-11-27") from None


_VERSION = Field("version", _iso_date, required=True)
_SOURCE_FIELDS = (Field("id", ident, required=True), Field("title", text, required=True))
_PRIORITY_FIELDS = (Field("id", ident, required=True), Field("title", text, required=True),
                    Field("kind", text, default=""), Field("year", whole_number(1950, 2100)),
                    Field("uncertain", yes_no, default=False))
_NOTE_FIELDS = (Field("text", text, required=True), Field("uncertain", yes_no, default=False),
                Field("rule", text, default=""))
_KNOWN_KEYS = {"id", "title", "programme", "period", "currency", "version", "sources", "rules",
               "priorities", "deadlines", "notes", "applicant_types"}


def ruleset_from_data(data: Any, shown: str, expected_id: str | None = None,
                      path: Path | None = None) -> RuleSet:
    """Read and check a rule set's data; every problem is reported at once (WorkbookError)."""
    problems = ProblemList(shown)
    data = data if data is not None else {}
    values, _ = read_fields(data, _TOP_FIELDS + (_VERSION,), problems, "")
    data = data if isinstance(data, dict) else {}
    if expected_id and values["id"] and values["id"] != expected_id:
        problems.add(None, "id", values["id"], f"the same id as the file name: {expected_id}")
    sources = _read_sources(data.get("sources"), problems)
    source_ids = {s.id for s in sources}
    rules = _read_rules(data.get("rules"), problems)
    priorities = [_read_priority(item, source_ids, problems, f"priorities[{i}]")
                  for i, item in enumerate(read_list(data.get("priorities"), problems, "priorities"), start=1)]
    notes = [_read_note(item, source_ids, problems, f"notes[{i}]")
             for i, item in enumerate(read_list(data.get("notes"), problems, "notes"), start=1)]
    deadlines = read_text_list(data.get("deadlines"), problems, "deadlines")
    applicant_types = read_text_list(data.get("applicant_types"), problems, "applicant_types")
    problems.raise_if_any()
    extra = {k: v for k, v in data.items() if k not in _KNOWN_KEYS}
    return RuleSet(values["id"], values["title"], values["programme"], values["version"], sources, rules,
                   priorities, deadlines, notes, values["period"] or "", values["currency"] or "EUR",
                   applicant_types, path, extra)


def _read_sources(data: Any, problems: ProblemList) -> list[Source]:
    items = read_list(data, problems, "sources", required=True)
    if data is not None and not items:
        problems.add(None, "sources", None,
                     "at least one source {id, title}: a rule set must say where its facts come from")
    sources = []
    for i, item in enumerate(items, start=1):
        values, _ = read_fields(item, _SOURCE_FIELDS, problems, f"sources[{i}]")
        sources.append(Source(values["id"] or "", values["title"] or ""))
    return sources


def _source_refs(item: Any, known: set[str], problems: ProblemList, where: str) -> tuple[str, ...]:
    """The source ids an entry cites; each must be listed under `sources`."""
    raw = item.get("sources") if isinstance(item, dict) else None
    refs = tuple(scalar_text(r) for r in read_list(raw, problems, f"{where}.sources"))
    for ref in refs:
        if ref not in known:
            problems.add(None, f"{where}.sources", ref,
                         f"one of the source ids listed under 'sources': {', '.join(sorted(known)) or 'none yet'}")
    return refs


def _read_priority(item: Any, sources: set[str], problems: ProblemList, where: str) -> Priority:
    values, _ = read_fields(item, _PRIORITY_FIELDS, problems, where)
    return Priority(values["id"] or "", values["title"] or "", values["kind"] or "", values["year"],
                    bool(values["uncertain"]), _source_refs(item, sources, problems, where))


def _read_note(item: Any, sources: set[str], problems: ProblemList, where: str) -> Note:
    if not isinstance(item, dict):  # a plain sentence is a settled remark
        return Note(scalar_text(item).strip())
    values, _ = read_fields(item, _NOTE_FIELDS, problems, where)
    rule = values["rule"] or ""
    if rule and rule not in RULES:
        problems.add(None, f"{where}.rule", rule, f"one of the rules the kit knows: {', '.join(RULES)}")
    return Note(values["text"] or "", bool(values["uncertain"]), rule, _source_refs(item, sources, problems, where))


def _read_rules(data: Any, problems: ProblemList) -> dict[str, float | int]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.add(None, "rules", scalar_text(data)[:60], "a block of 'rule: number' lines")
        return {}
    rules: dict[str, float | int] = {}
    for key, value in data.items():
        key = str(key)
        if key not in RULES:
            problems.add(None, "rules", key, f"one of the rules the kit knows: {', '.join(RULES)}")
            continue
        parse = amount if key in AMOUNT_RULES else whole_number(0, blank_ok=False)
        try:
            number = parse(scalar_text(value)) if not isinstance(value, (dict, list)) else None
            if number is None:
                raise Unusable("a number (remove the line to leave the rule out)")
        except Unusable as exc:
            problems.add(None, f"rules.{key}", scalar_text(value), f"expected {exc}")
            continue
        rules[key] = number
    for low, high in LIMIT_PAIRS:
        if low in rules and high in rules and rules[low] > rules[high]:
            problems.add(None, f"rules.{low}", scalar_text(data[low]),
                         f"a value no larger than {high} ({scalar_text(data[high])})")
    return rules



def __getattr__(name: str):
    """`rules.check_eligibility` and `rules.is_member_state`, which live in their own modules."""
    if name == "check_eligibility":
        from .eligibility import check_eligibility
        return check_eligibility
    if name == "is_member_state":
        from .membership import is_member_state
        return is_member_state
    raise AttributeError(f"module 'planet_lib.rules' has no attribute {name!r}")
