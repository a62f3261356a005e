"""The dissemination and communication plan (`dissemination.yaml`): who hears what, how, when.

A network of towns is funded to share what it does beyond the people in the room, so a
proposal says, for each audience, the message it wants them to take away, the channels that
carry it (press, websites, seminars, leaflets), when each channel is used, and how the network
will know it reached them: an indicator with a number as target.

```yaml
audiences:
  - id: residents
    name: Residents of the seven towns
    message: Environmental decisions in your town are open to you.
    channels:
      - {channel: Posters in each neighbourhood, when: A2.2}     # an activity id
      - {channel: Local newspapers, when: [2, 9, 19]}             # project months
      - {channel: Town websites, when: 2014-03}                   # a calendar month
    reach: {indicator: Residents at the evening meetings, target: 700, unit: residents,
            source: Attendance lists}
```

Timing (`when`) is a project month (1 = the start month), a calendar month YYYY-MM, or the id
of an activity in activities.csv; several are separated by ';' or written as a list.

The checks: every audience has a message and at least one channel; every timing falls inside
the project and names a known activity; every audience has a reach indicator whose target is a
number.  The only thing read in the texts is whether a target holds a digit, so the checks work
the same in every language; they do not judge the wording of messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import ProblemList
from .findings import Finding, error, warning
from .workbook.fields import ID_PATTERN, Field, Unusable, ident, text, year_month
from .workbook.mapping import read_fields, read_list, scalar_text
from .workbook.yamlfile import keyed, mapping_to_save

FILE = "dissemination.yaml"

Timing = int | str  # a project month, a calendar month 'YYYY-MM', or an activity id


@dataclass
class ChannelUse:
    """One channel used for one audience, and when."""

    channel: str
    when: tuple[Timing, ...] = ()
    extra: dict = field(default_factory=dict)


@dataclass
class Reach:
    """How the network will measure that it reached an audience."""

    indicator: str = ""
    target: str = ""  # as typed; the check asks for a number in it
    unit: str = ""
    source: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Audience:
    id: str
    name: str = ""
    message: str = ""
    channels: list[ChannelUse] = field(default_factory=list)
    reach: list[Reach] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass
class DisseminationPlan:
    audiences: list[Audience] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


# reading and writing -----------------------------------------------------------------------
_SPLIT = re.compile(r"\s*[;,]\s*")
_MONTH_WORDS = "a project month (e.g. 6), a month written YYYY-MM (e.g. 2014-03) or an activity id (e.g. A2.1)"


def timing(raw: str) -> tuple[Timing, ...]:
    """Read `when`: project months, calendar months and activity ids, separated by ';'."""
    out: list[Timing] = []
    for part in (p for p in _SPLIT.split(raw.strip()) if p):
        if part.isdigit():
            out.append(int(part))
        elif re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", part):
            out.append(year_month(part))
        elif ID_PATTERN.match(part):
            out.append(part)
        else:
            raise Unusable(_MONTH_WORDS + "; several separated by ';'")
    return tuple(out)


def format_timing(values: tuple[Timing, ...]) -> str:
    return "; ".join(str(v) for v in values)


AUDIENCE_FIELDS = (Field("id", ident, required=True), Field("name", text, default="", aliases=("audience",)),
                   Field("message", text, default=""))
CHANNEL_FIELDS = (Field("channel", text, required=True, aliases=("name",)),
                  Field("when", timing, format_timing, default=(), aliases=("timing",)))
REACH_FIELDS = (Field("indicator", text, default=""), Field("target", text, default=""),
                Field("unit", text, default=""), Field("source", text, default=""))


def from_data(data: Any, problems: ProblemList) -> DisseminationPlan:
    """The plan in a parsed dissemination.yaml; unusable values are added to `problems`."""
    _values, extra = read_fields(data, (), problems, "")
    data = data if isinstance(data, dict) else {}
    audiences = [_audience(item, problems, f"audiences[{i}]")
                 for i, item in enumerate(read_list(data.get("audiences"), problems, "audiences"), start=1)]
    extra.pop("audiences", None)
    return DisseminationPlan(audiences, extra)


def _audience(item: Any, problems: ProblemList, where: str) -> Audience:
    values, extra = read_fields(item, AUDIENCE_FIELDS, problems, where)
    item = item if isinstance(item, dict) else {}
    channels = []
    for i, raw in enumerate(read_list(item.get("channels"), problems, f"{where}.channels"), start=1):
        if not isinstance(raw, dict):
            raw = {"channel": scalar_text(raw)}
        raw = _when_as_text(raw)
        cv, cextra = read_fields(raw, CHANNEL_FIELDS, problems, f"{where}.channels[{i}]")
        channels.append(ChannelUse(cv["channel"] or "", tuple(cv["when"] or ()), cextra))
    reach_data = item.get("reach")
    reach = []
    for i, raw in enumerate(read_list([reach_data] if isinstance(reach_data, dict) else reach_data, problems,
                                      f"{where}.reach"), start=1):
        rv, rextra = read_fields(raw, REACH_FIELDS, problems, f"{where}.reach[{i}]")
        reach.append(Reach(extra=rextra, **rv))
    for key in ("channels", "reach"):
        extra.pop(key, None)
    return Audience(values["id"] or "", values["name"], values["message"], channels, reach, extra)


def _when_as_text(raw: dict) -> dict:
    """A YAML list of times (`when: [2, 9, 19]`) read like the text '2; 9; 19'."""
    key = "when" if "when" in raw else "timing"
    value = raw.get(key)
    if isinstance(value, list) and not any(isinstance(v, (dict, list)) for v in value):
        return {**raw, key: "; ".join(scalar_text(v) for v in value)}
    return raw


def to_data(plan: DisseminationPlan) -> dict:
    """The plan as the mapping written to dissemination.yaml (extra keys kept).

    Saving changes only what changed in the file: audiences are matched by id, channels by
    name and several reach indicators by indicator (the file's order kept: the readers give
    it no meaning; comments stay with each entry), a key written under another
    name the reader accepts (`audience:`, `timing:`, a channel's `name:`) keeps that name, a
    timing written on one line (`when: 2; 9`) stays so while it reads the same, and a key
    written blank (`reach:`) stays.
    """
    return {"audiences": keyed([_audience_to_data(a) for a in plan.audiences], "id"), **plan.extra}


def _aliases(fields: tuple[Field, ...]) -> dict[str, tuple[str, ...]]:
    return {f.name: f.aliases for f in fields if f.aliases}


def _audience_to_data(a: Audience) -> dict:
    channels = keyed([_channel_to_data(c) for c in a.channels], "channel", "name")
    reach = [_reach_to_data(r) for r in a.reach]
    known = {"id": a.id, "name": a.name, "message": a.message, "channels": channels,
             "reach": reach[0] if len(reach) == 1 else keyed(reach, "indicator") if reach else None}
    return mapping_to_save(known, a.extra, always=("id", "name", "message", "channels"),
                           aliases=_aliases(AUDIENCE_FIELDS))


def _channel_to_data(c: ChannelUse) -> dict:
    return mapping_to_save({"channel": c.channel, "when": list(c.when)}, c.extra,
                           aliases=_aliases(CHANNEL_FIELDS), reads={"when": _read_timing})


def _read_timing(value: Any) -> tuple[Timing, ...]:
    """What the reader makes of a `when:` value, as typed in the file or as saved."""
    return timing(scalar_text(_when_as_text({"when": value})["when"]))


def _reach_to_data(r: Reach) -> dict:
    return mapping_to_save({"indicator": r.indicator, "target": r.target, "unit": r.unit, "source": r.source},
                           r.extra)


# timing ----------------------------------------------------------------------------------
def project_months(when: Timing, start: str | None, activities: list | None) -> tuple[int, int] | None:
    """The first and last project month of one timing, or None when it cannot be worked out."""
    if isinstance(when, int):
        return when, when
    if re.fullmatch(r"\d{4}-\d{2}", when):
        if not start:
            return None
        month = _months_between(start, when) + 1
        return month, month
    activity = next((a for a in activities or () if a.id == when), None)
    if activity is None or activity.start_month is None:
        return None
    return activity.start_month, activity.end_month or activity.start_month


def _months_between(start: str, month: str) -> int:
    (y0, m0), (y1, m1) = ((int(p) for p in s.split("-")[:2]) for s in (start, month))
    return (y1 * 12 + m1) - (y0 * 12 + m0)


def timing_label(when: Timing, start: str | None = None, activities: list | None = None) -> str:
    """'month 6 (Feb 2014)', 'Mar 2014 (month 7)' or 'A2.2 (months 9-19)': readable without the files."""
    from .schedule import month_label

    span = project_months(when, start, activities)
    if isinstance(when, int):
        return f"month {when}" + (f" ({month_label(start, when)})" if start and when >= 1 else "")
    if re.fullmatch(r"\d{4}-\d{2}", when):
        year, month = (int(p) for p in when.split("-"))
        shown = f"{('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')[month - 1]} {year}"
        return shown + (f" (month {span[0]})" if span else "")
    if span is None:
        return when
    first, last = span
    return f"{when} (month {first})" if first == last else f"{when} (months {first}-{last})"


# checks ------------------------------------------------------------------------------------
_NUMBER = re.compile(r"\d")


def findings(group) -> list[Finding]:
    """The dissemination checks for a group (pipeline entry point)."""
    if group.dissemination is None:
        return []
    return check_dissemination(group.dissemination, group.network, group.activities)


def check_dissemination(plan: DisseminationPlan, network=None, activities: list | None = None) -> list[Finding]:
    """Every audience reached with a message, through a channel, in time, measurably.

    `network` gives the project's start and duration (timing is not checked without it);
    `activities` is the list from activities.csv, or None when the group has none yet (then
    activity ids in timings are not checked).
    """
    if not plan.audiences:
        return [error("dissemination.no_audiences", FILE, None, "The plan lists no audience.",
                      "Under audiences:, add one entry per group of people the network wants to reach "
                      "(e.g. residents, councillors, schools), each with a message, channels and a reach target.")]
    out = _duplicate_audiences(plan)
    for a in plan.audiences:
        out += _message(a) + _channels(a) + _timing(a, network, activities) + _reach(a)
    return out


def _who(a: Audience) -> str:
    return f"Audience {a.id}" + (f" ({a.name})" if a.name else "")


def _duplicate_audiences(plan: DisseminationPlan) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for a in plan.audiences:
        if a.id in seen:
            out.append(error("dissemination.duplicate_audience", FILE, a.id,
                             f"The audience id {a.id} is used more than once.",
                             "Give each audience its own id, or merge the two entries."))
        seen.add(a.id)
    return out


def _message(a: Audience) -> list[Finding]:
    if a.message.strip():
        return []
    return [error("dissemination.no_message", FILE, a.id, f"{_who(a)} has no message.",
                  "Write under message: the one thing this audience should know or do after hearing from the "
                  "network, in words they use.")]


def _channels(a: Audience) -> list[Finding]:
    if not a.channels:
        return [error("dissemination.no_channel", FILE, a.id, f"{_who(a)} has no channel, so nothing reaches them.",
                      "List under channels: how the message reaches them (e.g. local newspaper, town website, "
                      "a seminar), each with when: it is used.")]
    return [warning("dissemination.no_timing", FILE, a.id,
                    f"{_who(a)}: the channel {c.channel!r} has no timing.",
                    f"Add when: to the channel: {_MONTH_WORDS}.")
            for c in a.channels if not c.when]


def _timing(a: Audience, network, activities: list | None) -> list[Finding]:
    start = network.start if network is not None else None
    duration = network.duration_months if network is not None else None
    known = None if activities is None else {act.id for act in activities}
    out = []
    for c in a.channels:
        for when in c.when:
            out += _one_timing(a, c, when, start, duration, known, activities)
    return out


def _one_timing(a: Audience, c: ChannelUse, when: Timing, start, duration, known, activities) -> list[Finding]:
    is_activity = isinstance(when, str) and not re.fullmatch(r"\d{4}-\d{2}", when)
    if is_activity and known is not None and when not in known:
        listed = ", ".join(sorted(known)) or "none yet"
        return [error("dissemination.unknown_activity", FILE, a.id,
                      f"{_who(a)}: the channel {c.channel!r} is timed by activity {when!r}, which is not in "
                      f"activities.csv (activities there: {listed}).",
                      "Use the id of an activity in activities.csv, or a project month (e.g. 6).")]
    span = project_months(when, start, activities)
    if span is None or duration is None:
        return []
    first, last = span
    if first >= 1 and last <= duration:
        return []
    return [error("dissemination.outside_project", FILE, a.id,
                  f"{_who(a)}: the channel {c.channel!r} is used at {timing_label(when, start, activities)}, "
                  f"outside the project's {duration} months.",
                  f"Choose a time from month 1 to month {duration}; dissemination after the end is not paid "
                  "by the grant (say how it continues in the text of the proposal instead).")]


def _reach(a: Audience) -> list[Finding]:
    measured = [r for r in a.reach if r.indicator.strip()]
    if not measured:
        return [warning("dissemination.no_reach", FILE, a.id,
                        f"{_who(a)} has no reach indicator: the network cannot show it reached them.",
                        "Add reach: with an indicator (what you will count), a target (a number), a unit and "
                        "a source (where the number comes from).")]
    return [warning("dissemination.reach_not_measurable", FILE, a.id,
                    f"{_who(a)}: the reach indicator {r.indicator!r} has "
                    + (f"the target {r.target!r}, which is not a number." if r.target.strip() else "no target."),
                    "Write the target as a number (e.g. target: 700, unit: residents), so it can be counted.")
            for r in measured if not _NUMBER.search(r.target)]


# tables ------------------------------------------------------------------------------------
PLAN_COLUMNS = ("Audience", "Message", "Channels and timing", "Reach: indicator and target")


def plan_table(plan: DisseminationPlan, network=None, activities: list | None = None):
    """The plan as a DataFrame, one row per audience, for reports and notebooks."""
    import pandas as pd

    start = network.start if network is not None else None
    rows = []
    for a in plan.audiences:
        channels = "\n".join(f"{c.channel}: " + (", ".join(timing_label(w, start, activities) for w in c.when)
                                                 or "no timing yet") for c in a.channels)
        reach = "\n".join(_reach_text(r) for r in a.reach if r.indicator or r.target)
        rows.append([a.name or a.id, a.message, channels, reach])
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS), dtype=object)


def _reach_text(r: Reach) -> str:
    target = " ".join(p for p in (r.target, r.unit) if p)
    text = r.indicator + (f": {target}" if target else "")
    return text + (f" (source: {r.source})" if r.source else "")


def styled_plan(plan: DisseminationPlan, network=None, activities: list | None = None):
    """The plan table as a pandas Styler: wrapped text, empty cells shaded, every text HTML-escaped."""
    frame = plan_table(plan, network, activities)
    return (frame.style.hide(axis="index")
            .format(escape="html")
            .set_caption("Dissemination and communication plan")
            .set_table_styles([
                {"selector": "", "props": "border-collapse: collapse; font-size: 0.95em;"},
                {"selector": "caption", "props": "caption-side: top; font-weight: bold; text-align: left;"},
                {"selector": "th, td", "props": "border: 1px solid #888; padding: 0.4em 0.6em; vertical-align: top;"
                                                " text-align: left; white-space: pre-wrap; max-width: 22em;"},
                {"selector": "thead th", "props": "background-color: #dbe4f0;"},
            ])
            .map(lambda value: "" if str(value).strip() else "background-color: #fff1b8;"))
