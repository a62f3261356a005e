"""Indicative programming (`programming.yaml`): what each town brings, and the theme the network picks.

Before a network identifies problems, it agrees on what it is for.  The programming phase of
the cycle asks three questions, one block of `programming.yaml` each:

- ``municipalities``: per partner town, its local priorities (short texts) and its local
  context (population, main local issue, existing twinning links, local partners, resources),
  and how far each local agenda meets each programme priority: an ``alignment`` score from
  0 (no link) to 2 (a direct match) per programme priority;
- ``swot``: the network's strengths and weaknesses (internal: the towns control them) and its
  opportunities and threats (external: the towns do not);
- ``theme``: the programme priority the network chooses, and why.

The programme's priorities come from the rule set (`rules.load_ruleset(...).priorities`).
Here: the model and file format (`from_data`, `to_data`, and `unreadable` to test a value
built in code before saving it); tables (`context_table`, `alignment_matrix`, and
`rules_table`, `priorities_table`, `sources_table` for showing a programme); `suggest_theme`;
the figures (`alignment_figure`, `swot_figure`, `cycle_figure`, drawn by
`programming_figures`); the checks (`check_programming`, `check_swot`, `check_theme`,
`findings`, in `programming_checks`).

A priority the alignment block does not mention counts as 0 (no link), so a town writes only
the priorities its agenda touches.  The wording checks of the SWOT read English only (see
`programming_checks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import ProblemList
from .workbook.fields import Field, Unusable, text, whole_number
from .workbook.mapping import read_fields, read_list, scalar_text
from .workbook.yamlfile import keyed, mapping_to_save

FILE = "programming.yaml"

SWOT_QUADRANTS = ("strengths", "weaknesses", "opportunities", "threats")
INTERNAL = ("strengths", "weaknesses")  # the towns control them
EXTERNAL = ("opportunities", "threats")  # the towns do not

SCORES = {0: "no link", 1: "some link", 2: "a direct match"}
"""Alignment scores: how far a town's local priorities meet one programme priority."""

CONTEXT_FIELDS = ("population", "main_issue", "twinning_links", "local_partners", "resources")
"""The local context every partner town describes."""

PCM_PHASES = ("Programming", "Identification", "Formulation", "Implementation", "Evaluation & Audit")
"""The five phases of the cycle in the EC PCM Guidelines (2004)."""

COURSE_STAGES = {
    "Programming": "Seminar 1",
    "Identification": "Seminar 2",
    "Formulation": "Seminar 3",
    "Implementation": "after the course, if funded",
    "Evaluation & Audit": "after the course",
}
"""Where the course meets each phase: the default labels of `cycle_figure`."""


# the model ---------------------------------------------------------------------------------
@dataclass
class MunicipalityProfile:
    """One partner town: its local agenda, its context, and its fit with the programme."""

    municipality: str
    country: str = ""
    priorities: list[str] = field(default_factory=list)  # short texts
    population: int | None = None
    main_issue: str = ""
    twinning_links: list[str] = field(default_factory=list)  # towns it is already twinned with
    local_partners: list[str] = field(default_factory=list)  # associations, schools, firms ...
    resources: str = ""  # staff, rooms, co-financing the town can bring
    alignment: dict[str, int | None] = field(default_factory=dict)  # priority id -> 0, 1 or 2
    extra: dict = field(default_factory=dict)


@dataclass
class Swot:
    """Strengths and weaknesses (internal), opportunities and threats (external)."""

    strengths: list[str] = field(default_factory=list)
    weaknesses: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)
    threats: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def quadrant(self, name: str) -> list[str]:
        return getattr(self, name)


@dataclass
class ThemeChoice:
    """The programme priority the network chooses as its theme (an id), and why."""

    priority: str = ""
    why: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Programming:
    municipalities: list[MunicipalityProfile] = field(default_factory=list)
    swot: Swot = field(default_factory=Swot)
    theme: ThemeChoice = field(default_factory=ThemeChoice)
    extra: dict = field(default_factory=dict)

    def municipality(self, name: str) -> MunicipalityProfile | None:
        """The profile of a town, by name (case and extra spaces ignored)."""
        wanted = same_town(name)
        return next((m for m in self.municipalities if same_town(m.municipality) == wanted), None)

    def put(self, profile: MunicipalityProfile) -> None:
        """Add a town's profile, or replace the one with the same name: one entry per town."""
        for i, m in enumerate(self.municipalities):
            if same_town(m.municipality) == same_town(profile.municipality):
                self.municipalities[i] = profile
                return
        self.municipalities.append(profile)


def same_town(name: str) -> str:
    """A town name for comparing: case and extra spaces do not matter."""
    return " ".join(name.split()).casefold()


# reading and writing the file ----------------------------------------------------------------
def population(raw: str) -> int | None:
    """Inhabitants, written as people write them: 18000, 18 000, 18.000, 18,000 or 18'000."""
    value = raw.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{1,3}(?:[ .,'][0-9]{3})*|[0-9]+", value):
        raise Unusable("a whole number of inhabitants such as 18000")
    number = int(re.sub(r"[ .,']", "", value))
    if number < 1:
        raise Unusable("a whole number of inhabitants of at least 1")
    return number


_SCORE = whole_number(0, 2)

MUNICIPALITY_FIELDS = (
    Field("municipality", text, required=True),
    Field("country", text, default=""),
    Field("population", population),
    Field("main_issue", text, default=""),
    Field("resources", text, default=""),
)
_MUNICIPALITY_LISTS = ("priorities", "twinning_links", "local_partners")
THEME_FIELDS = (Field("priority", text, default="", aliases=("id",)), Field("why", text, default=""))


def from_data(data: Any, problems: ProblemList) -> Programming:
    """The programming read from the file's data; unusable values go into `problems`."""
    data = data if isinstance(data, dict) else _not_a_block(data, problems)
    towns = [_municipality(item, problems, f"municipalities[{i}]")
             for i, item in enumerate(read_list(data.get("municipalities"), problems, "municipalities"), start=1)]
    swot = _swot(data.get("swot"), problems)
    theme_data = data.get("theme")
    if isinstance(theme_data, str):  # `theme: active-citizenship` on one line
        theme_data = {"priority": theme_data}
    theme_values, theme_extra = read_fields(theme_data or {}, THEME_FIELDS, problems, "theme")
    extra = {k: v for k, v in data.items() if k not in ("municipalities", "swot", "theme")}
    return Programming(towns, swot, ThemeChoice(theme_values["priority"], theme_values["why"], theme_extra), extra)


def _not_a_block(data: Any, problems: ProblemList) -> dict:
    if data is not None:
        problems.add(None, None, scalar_text(data)[:60],
                     "expected the blocks 'municipalities:', 'swot:' and 'theme:'")
    return {}


def _municipality(item: Any, problems: ProblemList, where: str) -> MunicipalityProfile:
    values, extra = read_fields(item, MUNICIPALITY_FIELDS, problems, where)
    item = item if isinstance(item, dict) else {}
    lists = {name: _entries(item.get(name), problems, f"{where}.{name}") for name in _MUNICIPALITY_LISTS}
    alignment = _alignment(item.get("alignment"), problems, f"{where}.alignment")
    for key in (*_MUNICIPALITY_LISTS, "alignment"):
        extra.pop(key, None)
    return MunicipalityProfile(values["municipality"] or "", values["country"], lists["priorities"],
                               values["population"], values["main_issue"], lists["twinning_links"],
                               lists["local_partners"], values["resources"], alignment, extra)


def _entries(data: Any, problems: ProblemList, where: str) -> list[str]:
    """A list of short texts; one line of text separated by ';' is read as a list too."""
    if isinstance(data, (str, int, float)) and not isinstance(data, bool):
        return [part.strip() for part in scalar_text(data).split(";") if part.strip()]
    out = []
    for i, entry in enumerate(read_list(data, problems, where), start=1):
        if isinstance(entry, (dict, list)):
            problems.add(None, f"{where}[{i}]", repr(entry)[:60], "expected a short text")
        elif scalar_text(entry).strip():
            out.append(scalar_text(entry).strip())
    return out


def _alignment(data: Any, problems: ProblemList, where: str) -> dict[str, int | None]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.add(None, where, scalar_text(data)[:60],
                     "expected one 'priority-id: score' line per programme priority (scores 0, 1 or 2)")
        return {}
    scores: dict[str, int | None] = {}
    for key, value in data.items():
        try:
            if isinstance(value, (dict, list)):
                raise Unusable("a whole number from 0 to 2")
            scores[str(key)] = _SCORE(scalar_text(value))
        except Unusable as exc:
            problems.add(None, f"{where}.{key}", scalar_text(value)[:60],
                         f"expected {exc} (0 no link, 1 some link, 2 a direct match)")
    return scores


def _swot(data: Any, problems: ProblemList) -> Swot:
    if data is None:
        return Swot()
    if not isinstance(data, dict):
        problems.add(None, "swot", scalar_text(data)[:60],
                     "expected the lists 'strengths:', 'weaknesses:', 'opportunities:' and 'threats:'")
        return Swot()
    quadrants = {name: _entries(data.get(name), problems, f"swot.{name}") for name in SWOT_QUADRANTS}
    extra = {k: v for k, v in data.items() if k not in SWOT_QUADRANTS}
    return Swot(**quadrants, extra=extra)


def to_data(programming: Programming) -> dict:
    """The file's data for a programming, in the order a person reads it.

    Saving changes only what changed in the file: towns are matched by name (the file's
    order kept, its comments with each town), a key written blank (`population:`) stays, the
    theme written as `id:` keeps that name, and a list written on one line (`priorities:
    Traffic; Schools`) or a population written with separators (`18 000`) stays as written
    while it reads the same.
    """
    data: dict[str, Any] = {"municipalities": keyed([_municipality_to_data(m) for m in programming.municipalities],
                                                    "municipality")}
    swot = programming.swot
    data["swot"] = mapping_to_save({name: list(swot.quadrant(name)) for name in SWOT_QUADRANTS}, swot.extra,
                                   always=SWOT_QUADRANTS, reads=dict.fromkeys(SWOT_QUADRANTS, _read_entries))
    theme = programming.theme
    data["theme"] = mapping_to_save({"priority": theme.priority, "why": theme.why}, theme.extra,
                                    always=("priority", "why"), aliases={"priority": ("id",)})
    data.update(programming.extra)
    return data


def _municipality_to_data(m: MunicipalityProfile) -> dict:
    known = {"municipality": m.municipality, "country": m.country, "population": m.population,
             "main_issue": m.main_issue, "priorities": list(m.priorities), "twinning_links": list(m.twinning_links),
             "local_partners": list(m.local_partners), "resources": m.resources, "alignment": dict(m.alignment)}
    reads = dict.fromkeys(_MUNICIPALITY_LISTS, _read_entries) | {"population": _read_population}
    return mapping_to_save(known, m.extra, always=("municipality",), reads=reads)


def _read_entries(value: Any) -> list[str]:
    """What the reader makes of a list of short texts, as typed in the file or as saved."""
    return _entries(value, ProblemList(FILE), "")


def _read_population(value: Any) -> int | None:
    """What the reader makes of `population:` (18 000, 18.000 and 18000 are the same town)."""
    if isinstance(value, (dict, list)):
        raise Unusable("a whole number of inhabitants")
    return population(scalar_text(value))


def unreadable(programming: Programming) -> list:
    """What the file reader would refuse if this programming were saved (`InputProblem` list).

    A programming built in code can hold values the file cannot (a score of 3, a population
    written as words): check before saving, so a group's file never becomes unreadable.
    """
    problems = ProblemList(FILE)
    from_data(to_data(programming), problems)
    return problems.items


# tables ------------------------------------------------------------------------------------
def context_table(programming: Programming):
    """One row per town: its local priorities and local context, for reading side by side."""
    import pandas as pd

    rows = [{"municipality": m.municipality, "country": m.country,
             "population": pd.NA if m.population is None else m.population,
             "main local issue": m.main_issue, "local priorities": "\n".join(m.priorities),
             "twinning links": ", ".join(m.twinning_links), "local partners": ", ".join(m.local_partners),
             "resources": m.resources} for m in programming.municipalities]
    columns = ["municipality", "country", "population", "main local issue", "local priorities",
               "twinning links", "local partners", "resources"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["population"] = frame["population"].astype("Int64")
    return frame.set_index("municipality")


def priority_ids(ruleset) -> dict[str, str]:
    """Every way a priority may be named (its id or title, any case) -> its id."""
    names = {}
    for p in ruleset.priorities:
        names[p.id.casefold()] = p.id
        names[p.title.strip().casefold()] = p.id
    return names


def alignment_matrix(programming: Programming, ruleset):
    """Scores 0-2 as a DataFrame: one row per town, one column per programme priority (its id).

    A priority a town does not mention counts as 0; keys that name no priority of the rule
    set are left out (`check_programming` reports them).
    """
    import pandas as pd

    names = priority_ids(ruleset)
    columns = [p.id for p in ruleset.priorities]
    rows = []
    for m in programming.municipalities:
        row = dict.fromkeys(columns, 0)
        for key, score in m.alignment.items():
            pid = names.get(str(key).strip().casefold())
            if pid is not None and score is not None:
                row[pid] = score
        rows.append(row)
    index = pd.Index([m.municipality for m in programming.municipalities], name="municipality", dtype=object)
    frame = pd.DataFrame(rows, index=index, columns=pd.Index(columns, name="priority"), dtype="int64")
    return frame


def suggest_theme(programming: Programming, ruleset):
    """The programme priority with the highest total alignment over all towns (a `Priority`).

    Ties go to the priority listed first in the rule set; None when nobody scored anything.
    """
    if not ruleset.priorities:
        return None
    totals = alignment_matrix(programming, ruleset).sum(axis=0)
    if totals.empty or totals.max() <= 0:
        return None
    best = totals.idxmax()  # first of equal totals, in rule-set order
    return next(p for p in ruleset.priorities if p.id == best)


def rules_table(ruleset):
    """The programme's rules as a table: what is counted, the limit, and what the sources leave open."""
    import pandas as pd

    from .rules import AMOUNT_RULES, RULES

    rows = []
    for name, limit in ruleset.rules.items():
        note = ruleset.uncertain_note(name)
        amount = f"{ruleset.currency} {limit:,.0f}" if name in AMOUNT_RULES else f"{limit:g}"
        bound = "at least" if name.startswith("min") or name == "grant_min" else "at most"
        sources = sorted({s for n in ruleset.notes if n.rule == name for s in n.sources})
        rows.append({"rule": name, "what is counted": RULES.get(name, name), "limit": f"{bound} {amount}",
                     "settled?": "uncertain: " + note.text if note else "yes",
                     "sources": ", ".join(sources)})
    return pd.DataFrame(rows, columns=["rule", "what is counted", "limit", "settled?", "sources"])


def priorities_table(ruleset):
    """The programme's priorities: id (what a group writes), title, kind, year, and sources."""
    import pandas as pd

    rows = [{"id": p.id, "title": p.title, "kind": p.kind, "year": pd.NA if p.year is None else p.year,
             "settled?": "uncertain" if p.uncertain else "yes", "sources": ", ".join(p.sources)}
            for p in ruleset.priorities]
    frame = pd.DataFrame(rows, columns=["id", "title", "kind", "year", "settled?", "sources"])
    frame["year"] = frame["year"].astype("Int64")
    return frame


def sources_table(ruleset):
    """Where the rule set's facts come from: source id and title."""
    import pandas as pd

    return pd.DataFrame([{"id": s.id, "title": s.title} for s in ruleset.sources], columns=["id", "title"])


# figures (drawn by programming_figures) -------------------------------------------------------
def alignment_figure(programming: Programming, ruleset, large_text: bool = False):
    """The alignment matrix as a heatmap Figure, with totals and the suggested theme framed."""
    from .programming_figures import alignment_figure as draw

    return draw(programming, ruleset, large_text)


def swot_figure(programming: Programming | Swot, large_text: bool = False):
    """The SWOT as a 2x2 grid Figure (internal on top, external below), text wrapped to fit."""
    from .programming_figures import swot_figure as draw

    return draw(programming.swot if isinstance(programming, Programming) else programming, large_text)


def cycle_figure(current: str | None = "Programming", stages: dict[str, str] | None = None):
    """The five phases of the project cycle as a wheel; `current` is highlighted, `stages` label them."""
    from .programming_figures import cycle_figure as draw

    return draw(current, COURSE_STAGES if stages is None else stages)


# checks (in programming_checks) ------------------------------------------------------------
def check_programming(programming: Programming, network=None, ruleset=None) -> list:
    """Every programming check; with the network (group.yaml) and the programme's rule set when given."""
    from . import programming_checks

    return programming_checks.check_programming(programming, network, ruleset)


def check_swot(swot: Swot) -> list:
    """The SWOT checks alone: two entries per quadrant, no repeats, each entry on its side."""
    from . import programming_checks

    return programming_checks.swot_findings(swot)


def check_theme(programming: Programming, network=None, ruleset=None) -> list:
    """The theme checks alone: chosen, a programme priority, with a reason, the same as in group.yaml."""
    from . import programming_checks

    return programming_checks.theme_findings(programming, network, ruleset)


def findings(group) -> list:
    """The programming findings of a group, for the `planet check` pipeline."""
    from . import programming_checks

    return programming_checks.findings(group)
