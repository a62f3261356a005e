"""The activity schedule (`activities.csv`): what the network does, when, where and with whom.

Project months count from the start in group.yaml (1 = the first month); `month_label` turns
them into calendar months.  `check_schedule` applies the schedule checks of the PCM method
(every activity linked to a result, dated within the project, milestones present, events with
place, length and participants); `schedule_frame` and `gantt` show the schedule.  Programme
limits (e.g. days per event) belong to the rule sets, not here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, error, warning
from .workbook.fields import Field, choice, country_code, format_number, ident, text, whole_number

FILE = "activities.csv"
KINDS = ("event", "task", "milestone")


def _optional_country(raw: str) -> str:
    return country_code(raw) if raw.strip() else ""


@dataclass
class Activity:
    id: str
    result: str = ""  # the logframe result it serves
    title: str = ""
    start_month: int | None = None  # 1 = first month of the project
    end_month: int | None = None
    kind: str = "task"  # event | task | milestone
    lead: str = ""
    country: str = ""
    days: int | None = None
    participants: int | None = None  # invited participants, for events
    means: str = ""
    line: int | None = None


SCHEMA = (
    Field("id", ident, required=True),
    Field("result", ident, default=""),
    Field("title", text, required=True),
    Field("start_month", whole_number(1, 120), format_number),
    Field("end_month", whole_number(1, 120), format_number),
    Field("kind", choice(*KINDS, blank="task"), default="task"),
    Field("lead", text, default=""),
    Field("country", _optional_country, default=""),
    Field("days", whole_number(0), format_number),
    Field("participants", whole_number(0), format_number),
    Field("means", text, default=""),
)


MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# calendar ------------------------------------------------------------------------------
def calendar_month(start: str, month: int) -> tuple[int, int]:
    """(year, month) of project month `month` for a project starting `start` (YYYY-MM).

    Month 1 is the start month itself, as in `activities.csv`.
    """
    year, first = (int(part) for part in start.split("-")[:2])
    index = year * 12 + (first - 1) + (month - 1)
    return index // 12, index % 12 + 1


def month_label(start: str | None, month: int) -> str:
    """'Mar 2013' for a project month when the start is known, else 'M5'.

    Month names are English and fixed, so labels do not change with the computer's language.
    """
    if not start:
        return f"M{month}"
    year, mon = calendar_month(start, month)
    return f"{MONTH_NAMES[mon - 1]} {year}"


# checks ----------------------------------------------------------------------------------
# Each check looks at one activity and returns its findings; `check_schedule` adds the
# checks about the schedule as a whole (milestones present).

def _no_result(a: Activity, result_ids: set[str] | None) -> list[Finding]:
    if a.result:
        return []
    return [error("schedule.no_result", FILE, a.id,
                  f"Activity {a.id} is not linked to a result: the 'result' column is empty.",
                  "Write the id of the logframe result this activity helps to achieve (e.g. R1).")]


def _unknown_result(a: Activity, result_ids: set[str] | None) -> list[Finding]:
    if not a.result or result_ids is None or a.result in result_ids:
        return []
    known = ", ".join(sorted(result_ids)) if result_ids else "none yet"
    return [error("schedule.unknown_result", FILE, a.id,
                  f"Activity {a.id} serves result {a.result!r}, but logframe.yaml has no result with that id "
                  f"(results there: {known}).",
                  "Use the id of a result listed in logframe.yaml, or add the missing result to the logframe.")]


def _missing_months(a: Activity, duration: int | None) -> list[Finding]:
    if a.kind == "milestone":
        if a.start_month is not None:
            return []
        return [error("schedule.missing_month", FILE, a.id,
                      f"Milestone {a.id} has no month: 'start_month' is empty.",
                      "Write the project month (1 = first month) in which the milestone is reached.")]
    missing = [name for name in ("start_month", "end_month") if getattr(a, name) is None]
    if not missing:
        return []
    what = "Event" if a.kind == "event" else "Activity"
    extra = " An event must have a date." if a.kind == "event" else ""
    return [error("schedule.missing_month", FILE, a.id,
                  f"{what} {a.id} has no {' and no '.join(missing)}.{extra}",
                  "Write the project months when it starts and ends (1 = first month of the project).")]


def _end_before_start(a: Activity, duration: int | None) -> list[Finding]:
    if a.start_month is None or a.end_month is None or a.end_month >= a.start_month:
        return []
    return [error("schedule.end_before_start", FILE, a.id,
                  f"Activity {a.id} ends in month {a.end_month}, before it starts (month {a.start_month}).",
                  "Check the two months: 'end_month' must be the same as or later than 'start_month'.")]


def _outside_project(a: Activity, duration: int | None) -> list[Finding]:
    if not duration:
        return []
    late = [m for m in (a.start_month, a.end_month) if m is not None and m > duration]
    if not late:
        return []
    return [error("schedule.outside_project", FILE, a.id,
                  f"Activity {a.id} runs until month {max(late)}, but the project lasts {duration} months "
                  f"(group.yaml, duration_months).",
                  f"Move the activity into months 1 to {duration}, or change the project duration in group.yaml.")]


def _milestone_span(a: Activity, duration: int | None) -> list[Finding]:
    if a.kind != "milestone" or a.start_month is None or a.end_month is None or a.end_month == a.start_month:
        return []
    return [warning("schedule.milestone_span", FILE, a.id,
                    f"Milestone {a.id} runs from month {a.start_month} to {a.end_month}; a milestone is a point "
                    "in time, not a period.",
                    "Give the milestone the same start and end month, or make it a task if it takes time.")]


def _event_details(a: Activity, duration: int | None) -> list[Finding]:
    if a.kind != "event":
        return []
    missing = []
    if not a.country:
        missing.append("the country where it is held ('country')")
    if not a.days:
        missing.append("how many days it lasts ('days')")
    if not a.participants:
        missing.append("how many participants are invited ('participants')")
    if not missing:
        return []
    return [warning("schedule.event_details", FILE, a.id,
                    f"Event {a.id} does not say " + "; ".join(missing) + ".",
                    "Fill in these columns: programme rules count events by place, length and participants.")]


LINK_CHECKS = (_no_result, _unknown_result)
TIMING_CHECKS = (_missing_months, _end_before_start, _outside_project, _milestone_span, _event_details)


def check_schedule(activities: list[Activity], network=None, result_ids=None) -> list[Finding]:
    """Every schedule finding: links to results, months within the project, milestones, events.

    `result_ids` are the logframe's result ids; when None (no logframe yet) only a missing
    link is reported, not an unknown one.
    """
    ids = set(result_ids) if result_ids is not None else None
    duration = network.duration_months if network is not None else None
    if not activities:
        return [warning("schedule.empty", FILE, None, "activities.csv lists no activities.",
                        "Add one row per activity: id, result, title, start and end month, kind.")]
    out: list[Finding] = []
    for a in activities:
        for check in LINK_CHECKS:
            out += check(a, ids)
        for check in TIMING_CHECKS:
            out += check(a, duration)
    if not any(a.kind == "milestone" for a in activities):
        out.append(warning("schedule.no_milestone", FILE, None,
                           "The schedule has no milestone.",
                           "Add milestones (kind 'milestone') for the moments that show progress, e.g. "
                           "'network agreement signed' or 'final report sent'."))
    return out


def findings(group) -> list[Finding]:
    """The schedule checks for a loaded `Group` (pipeline entry point)."""
    result_ids = [r.id for r in group.logframe.results] if group.logframe is not None else None
    return check_schedule(group.activities or [], group.network, result_ids)


# the table -----------------------------------------------------------------------------
def schedule_frame(activities: list[Activity], start: str | None = None):
    """The schedule as a table, one row per activity, with calendar months when `start` is given."""
    import pandas as pd

    rows = []
    for a in activities:
        row = {"id": a.id, "result": a.result, "title": a.title, "kind": a.kind,
               "start_month": a.start_month, "end_month": a.end_month,
               "months": _length(a), "lead": a.lead, "country": a.country,
               "days": a.days, "participants": a.participants}
        if start:
            row["starts"] = month_label(start, a.start_month) if a.start_month else ""
            row["ends"] = month_label(start, _last_month(a)) if _last_month(a) else ""
        rows.append(row)
    columns = ["id", "result", "title", "kind", "start_month", "end_month", "months", "lead", "country",
               "days", "participants"] + (["starts", "ends"] if start else [])
    frame = pd.DataFrame(rows, columns=columns)
    for name in ("start_month", "end_month", "months", "days", "participants"):
        frame[name] = frame[name].astype("Int64")
    return frame


def _last_month(a: Activity) -> int | None:
    """The month the activity ends; a milestone without an end month ends when it starts."""
    if a.end_month is not None:
        return a.end_month
    return a.start_month if a.kind == "milestone" else None


def _length(a: Activity) -> int | None:
    last = _last_month(a)
    if a.start_month is None or last is None or last < a.start_month:
        return None
    return last - a.start_month + 1


# the Gantt chart -------------------------------------------------------------------------
TASK_COLOUR = "#4C78A8"
EVENT_COLOUR = "#F58518"
MILESTONE_COLOUR = "#222222"
END_COLOUR = "#C0392B"
NO_RESULT = ""


def gantt(activities: list[Activity], network=None, results=None, large_text: bool = False):
    """The activity schedule as a Gantt chart (a matplotlib Figure), grouped by result.

    Tasks are blue bars, events orange hatched bars labelled with their country and month,
    milestones black diamonds; the dashed red line is the end of the project.  Each bar,
    diamond and label carries the activity id as its `gid`, so a test or a notebook can find it.
    `large_text` makes every text bigger, for a projector.
    """
    from matplotlib.figure import Figure

    start = network.start if network is not None else None
    duration = network.duration_months if network is not None else None
    rows = _gantt_rows(activities, results)
    size = 14 if large_text else 9
    height = 1.6 + (0.42 if large_text else 0.3) * max(len(rows), 3)
    fig = Figure(figsize=(14 if large_text else 11, height), layout="constrained")
    ax = fig.add_subplot()
    if not activities:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No activities yet", ha="center", va="center", fontsize=size + 2, transform=ax.transAxes)
        return fig
    span = _span(activities, duration)
    ax.set_xlim(0, span)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # first row on top
    for y, row in enumerate(rows):
        if isinstance(row, Activity):
            _draw_activity(ax, row, y, start, span, size)
        else:
            ax.axhspan(y - 0.5, y + 0.5, color="#EEEEEE", zorder=0)
    _label_rows(ax, rows, size)
    _month_axis(ax, start, span, size)
    _legend(ax, start, duration, size)
    if duration:
        ax.axvline(duration, color=END_COLOUR, linestyle="--", linewidth=1.5, gid="project_end")
    name = network.name if network is not None else ""
    fig.suptitle(f"Activity schedule{': ' + name if name else ''}", fontsize=size + 3)
    return fig


def _gantt_rows(activities: list[Activity], results) -> list:
    """Rows top to bottom: a header per result (id, text) followed by its activities in file order."""
    texts = {r.id: r.text for r in (results or [])}
    order = list(texts) + [a.result for a in activities if a.result and a.result not in texts]
    if any(not a.result for a in activities):
        order.append(NO_RESULT)
    rows: list = []
    for result in dict.fromkeys(order):
        members = [a for a in activities if a.result == result]
        if not members:
            continue
        rows.append((result, _header(result, texts, results is not None)))
        rows += members
    return rows


def _header(result: str, texts: dict[str, str], have_logframe: bool) -> str:
    if result == NO_RESULT:
        return "No result given"
    if result in texts:
        return f"{result}  {_shorten(texts[result], 55)}"
    return f"{result}  (not in the logframe)" if have_logframe else result


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _span(activities: list[Activity], duration: int | None) -> int:
    """Months shown: the project, or more when activities run past its end (so the mistake shows)."""
    months = [m for a in activities for m in (a.start_month, a.end_month) if m is not None]
    return max([duration or 0, *months, 1])


def _draw_activity(ax, a: Activity, y: int, start: str | None, span: int, size: int) -> None:
    from matplotlib.patches import Rectangle

    last = _last_month(a)
    if a.start_month is None or (a.kind != "milestone" and (last is None or last < a.start_month)):
        ax.text(0.2, y, "no valid months given", va="center", fontsize=size - 1, style="italic",
                color="#777777", gid=a.id)
        return
    if a.kind == "milestone":
        ax.plot([a.start_month - 0.5], [y], marker="D", markersize=size, color=MILESTONE_COLOUR,
                linestyle="none", gid=a.id)
        return
    is_event = a.kind == "event"
    ax.add_patch(Rectangle((a.start_month - 1, y - 0.32), last - a.start_month + 1, 0.64,
                           facecolor=EVENT_COLOUR if is_event else TASK_COLOUR,
                           edgecolor="#7A3A00" if is_event else "none",
                           hatch="///" if is_event else None, gid=a.id, zorder=2))
    if is_event:
        _event_label(ax, a, y, start, span, size)


def _event_label(ax, a: Activity, y: int, start: str | None, span: int, size: int) -> None:
    """Place and month next to an event bar, on the side with more room."""
    when = month_label(start, a.start_month) if start else f"month {a.start_month}"
    label = f"{a.country or 'place?'}, {when}"
    room_right = span - a.end_month
    room_left = a.start_month - 1
    if room_right >= room_left:
        ax.text(a.end_month + 0.2, y, label, ha="left", va="center", fontsize=size - 1, gid=f"{a.id}:label")
    else:
        ax.text(a.start_month - 1.2, y, label, ha="right", va="center", fontsize=size - 1, gid=f"{a.id}:label")


def _label_rows(ax, rows: list, size: int) -> None:
    labels = [f"{r.id}  {_shorten(r.title, 45)}" if isinstance(r, Activity) else r[1] for r in rows]
    ax.set_yticks(range(len(rows)), labels, fontsize=size)
    for tick, row in zip(ax.get_yticklabels(), rows):
        if not isinstance(row, Activity):
            tick.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)


def _month_axis(ax, start: str | None, span: int, size: int) -> None:
    """Ticks at the middle of every 1st, 2nd, 3rd, 6th or 12th month, and a line at each month boundary.

    At most 8 calendar labels ('Mar 2013') or 12 short ones ('M5'), so that labels never overlap.
    """
    most = 8 if start else 12
    step = next(s for s in (1, 2, 3, 6, 12, 24) if -(-span // s) <= most)
    months = range(1, span + 1, step)
    ax.set_xticks([m - 0.5 for m in months], [month_label(start, m) for m in months], fontsize=size)
    ax.set_xticks(range(span + 1), minor=True)
    ax.grid(axis="x", which="minor", color="#DDDDDD", linewidth=0.6)
    ax.tick_params(axis="x", which="major", length=0)
    ax.set_axisbelow(True)
    ax.set_xlabel("Project month" if not start else "Month", fontsize=size)
    if span > 6 and ax.get_ylim()[0] > 20:
        ax.tick_params(axis="x", labeltop=True)


def _legend(ax, start: str | None, duration: int | None, size: int) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=TASK_COLOUR, label="task"),
               Patch(facecolor=EVENT_COLOUR, edgecolor="#7A3A00", hatch="///", label="event (place, month)"),
               Line2D([], [], marker="D", color=MILESTONE_COLOUR, linestyle="none", label="milestone")]
    if duration:
        end = f"end of project: month {duration}" + (f" ({month_label(start, duration)})" if start else "")
        handles.append(Line2D([], [], color=END_COLOUR, linestyle="--", label=end))
    ax.figure.legend(handles=handles, loc="outside lower center", ncol=len(handles), fontsize=size - 1,
                     frameon=False)
