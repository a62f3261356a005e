"""The activity schedule: calendar months, the checks of activities.csv and the Gantt chart."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from planet_lib import schedule
from planet_lib.findings import codes
from planet_lib.logframe import Logframe, Statement
from planet_lib.network import Network
from planet_lib.schedule import Activity, check_schedule, gantt, month_label, schedule_frame
from planet_lib.workbook.group import Group

NETWORK = Network("t1", "Towns for Active Citizens", start="2013-03", duration_months=24)
RESULTS = [Statement("R1", "Municipal staff trained in participatory planning"),
           Statement("R2", "Good practice exchanged among the partner towns")]


def task(id, result="R1", start=2, end=4, **kw):
    return Activity(id, result, f"Title of {id}", start, end, "task", **kw)


def event(id, result="R1", start=5, end=5, country="IT", days=3, participants=40, **kw):
    return Activity(id, result, f"Event {id}", start, end, "event", country=country, days=days,
                    participants=participants, **kw)


def milestone(id, result="R1", month=6, end=None, **kw):
    return Activity(id, result, f"Milestone {id}", month, month if end is None else end, "milestone", **kw)


def sound():
    """A schedule that passes every check."""
    return [task("A1.1"), event("A1.2"), task("A2.1", "R2", 3, 10), event("A2.2", "R2", 12, 12, "PL"),
            milestone("M1", "R2", 12)]


def of(found, code):
    return [f for f in found if f.code == code]


# calendar months ---------------------------------------------------------------------------
@pytest.mark.parametrize("start,month,label", [
    ("2013-03", 1, "Mar 2013"), ("2013-03", 10, "Dec 2013"), ("2013-03", 11, "Jan 2014"),
    ("2013-11", 3, "Jan 2014"), ("2014-01", 24, "Dec 2015"), (None, 5, "M5"),
])
def test_month_label_counts_month_one_as_the_start_month(start, month, label):
    assert month_label(start, month) == label


def test_schedule_frame_adds_calendar_months_when_start_is_known():
    frame = schedule_frame(sound(), start="2013-03")
    row = frame.set_index("id").loc["A2.1"]
    assert (row["starts"], row["ends"], row["months"]) == ("May 2013", "Dec 2013", 8)
    assert frame.set_index("id").loc["M1", "months"] == 1
    assert list(frame["id"]) == ["A1.1", "A1.2", "A2.1", "A2.2", "M1"]


def test_schedule_frame_without_start_has_no_calendar_columns_and_keeps_blanks():
    frame = schedule_frame([task("A1", start=None, end=None)])
    assert "starts" not in frame.columns
    assert frame.loc[0, "start_month"] is pd.NA and frame.loc[0, "months"] is pd.NA


# checks: passing -------------------------------------------------------------------------------
def test_a_sound_schedule_has_no_findings():
    assert check_schedule(sound(), NETWORK, result_ids=["R1", "R2"]) == []


def test_empty_schedule_is_one_warning():
    found = check_schedule([], NETWORK)
    assert [(f.severity, f.code) for f in found] == [("warning", "schedule.empty")]


# checks: links to results ------------------------------------------------------------------------
def test_activity_without_result_is_an_error():
    found = check_schedule(sound() + [task("A9", result="")], NETWORK)
    [f] = of(found, "schedule.no_result")
    assert (f.severity, f.file, f.item) == ("error", "activities.csv", "A9")


def test_unknown_result_is_an_error_only_when_the_logframe_is_known():
    activities = sound() + [task("A9", result="R7")]
    [f] = of(check_schedule(activities, NETWORK, result_ids=["R1", "R2"]), "schedule.unknown_result")
    assert (f.severity, f.item) == ("error", "A9") and "R7" in f.message and "R1, R2" in f.message
    assert of(check_schedule(activities, NETWORK, result_ids=None), "schedule.unknown_result") == []


def test_unknown_result_says_when_the_logframe_has_no_results():
    [f] = check_schedule([milestone("M1")], NETWORK, result_ids=[])
    assert f.code == "schedule.unknown_result" and "none yet" in f.message


# checks: months --------------------------------------------------------------------------------
@pytest.mark.parametrize("activity,missing", [
    (task("A9", start=None), "start_month"),
    (task("A9", end=None), "end_month"),
    (event("A9", start=None), "start_month"),
    (milestone("A9", month=None), "start_month"),
])
def test_missing_months_are_errors(activity, missing):
    [f] = of(check_schedule(sound() + [activity], NETWORK), "schedule.missing_month")
    assert (f.severity, f.item) == ("error", "A9") and missing in f.message


def test_an_undated_event_is_told_it_needs_a_date():
    [f] = of(check_schedule(sound() + [event("E9", start=None, end=None)], NETWORK), "schedule.missing_month")
    assert "event must have a date" in f.message


def test_milestone_needs_only_its_start_month():
    ms = Activity("M9", "R1", "Agreement signed", 3, None, "milestone")
    assert check_schedule(sound() + [ms], NETWORK) == []


def test_end_before_start_is_an_error():
    [f] = of(check_schedule(sound() + [task("A9", start=5, end=3)], NETWORK), "schedule.end_before_start")
    assert f.severity == "error" and f.item == "A9"
    assert of(check_schedule(sound() + [task("A9", start=5, end=5)], NETWORK), "schedule.end_before_start") == []


def test_activity_after_the_project_end_names_the_month_and_the_duration():
    [f] = of(check_schedule(sound() + [task("A9", start=20, end=27)], NETWORK), "schedule.outside_project")
    assert f.severity == "error" and "27" in f.message and "24 months" in f.message
    assert of(check_schedule(sound() + [task("A9", start=20, end=24)], NETWORK), "schedule.outside_project") == []


def test_duration_unknown_means_no_outside_check():
    network = Network("t1", "No duration yet")
    assert of(check_schedule(sound() + [task("A9", start=50, end=60)], network), "schedule.outside_project") == []
    assert of(check_schedule(sound() + [task("A9", start=50, end=60)], None), "schedule.outside_project") == []


# checks: milestones and events ---------------------------------------------------------------------
def test_no_milestone_is_a_warning():
    without = [a for a in sound() if a.kind != "milestone"]
    [f] = check_schedule(without, NETWORK)
    assert (f.severity, f.code, f.item) == ("warning", "schedule.no_milestone", None)


def test_milestone_spanning_months_is_a_warning():
    [f] = check_schedule(sound() + [milestone("M9", month=4, end=6)], NETWORK)
    assert (f.severity, f.code, f.item) == ("warning", "schedule.milestone_span", "M9")


def test_event_without_place_days_or_participants_is_one_warning_listing_them():
    bare = event("E9", country="", days=None, participants=0)
    [f] = check_schedule(sound() + [bare], NETWORK)
    assert (f.severity, f.code, f.item) == ("warning", "schedule.event_details", "E9")
    for column in ("'country'", "'days'", "'participants'"):
        assert column in f.message


def test_event_details_name_only_what_is_missing():
    [f] = check_schedule(sound() + [event("E9", days=None)], NETWORK)
    assert "'days'" in f.message and "'country'" not in f.message and "'participants'" not in f.message


def test_tasks_need_no_event_details():
    assert check_schedule(sound() + [task("A9", country="", days=None)], NETWORK) == []


# findings(group) ------------------------------------------------------------------------------------
GROUP_YAML = """\
id: t1
name: Test network
start: 2013-03
duration_months: 12
partners:
  - {municipality: Lucca, country: IT, role: lead}
"""
ACTIVITIES_CSV = """\
id,result,title,start_month,end_month,kind,lead,country,days,participants,means
A1,R1,Kick-off meeting,1,1,event,Lucca,IT,2,40,venue
A2,R3,Survey of citizens,2,14,task,Lucca,,,,
M1,R1,Network agreement signed,2,2,milestone,,,,,
"""
LOGFRAME_YAML = """\
template: ec-2004
results:
  - {id: R1, text: Municipal staff trained}
"""


def load(tmp_path, with_logframe):
    folder = tmp_path / "t1"
    folder.mkdir()
    (folder / "group.yaml").write_text(GROUP_YAML)
    (folder / "activities.csv").write_text(ACTIVITIES_CSV)
    if with_logframe:
        (folder / "logframe.yaml").write_text(LOGFRAME_YAML)
    return Group.load(folder)


def test_findings_of_a_loaded_group_checks_results_against_the_logframe(tmp_path):
    found = schedule.findings(load(tmp_path, with_logframe=True))
    assert {(f.code, f.item) for f in found} == {("schedule.unknown_result", "A2"), ("schedule.outside_project", "A2")}


def test_findings_without_a_logframe_do_not_judge_result_ids(tmp_path):
    found = schedule.findings(load(tmp_path, with_logframe=False))
    assert codes(found) == {"schedule.outside_project"}


def test_findings_of_a_group_with_no_network_duration(tmp_path):
    group = Group(folder=tmp_path, activities=sound(), logframe=Logframe(results=RESULTS))
    assert schedule.findings(group) == []


# the Gantt chart --------------------------------------------------------------------------------------
def bars(fig):
    return {p.get_gid(): p for p in fig.axes[0].patches if isinstance(p, Rectangle) and p.get_gid()}


def diamonds(fig):
    return {line.get_gid(): line for line in fig.axes[0].lines if line.get_marker() == "D"}


def texts(fig):
    return {t.get_gid(): t for t in fig.axes[0].texts if t.get_gid()}


def row_of(fig, activity_id):
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    return next(i for i, label in enumerate(labels) if label.startswith(activity_id + "  "))


def test_gantt_draws_one_bar_per_task_and_event_at_its_months():
    fig = gantt(sound(), NETWORK, RESULTS)
    drawn = bars(fig)
    assert set(drawn) == {"A1.1", "A1.2", "A2.1", "A2.2"}
    bar = drawn["A2.1"]  # months 3 to 10: from the start of month 3 to the end of month 10
    assert (bar.get_x(), bar.get_width()) == (2, 8)
    assert bar.get_y() + bar.get_height() / 2 == row_of(fig, "A2.1")


def test_events_are_drawn_differently_from_tasks():
    drawn = bars(gantt(sound(), NETWORK, RESULTS))
    assert drawn["A1.2"].get_facecolor() != drawn["A1.1"].get_facecolor()
    assert drawn["A1.2"].get_hatch() and not drawn["A1.1"].get_hatch()


def test_milestones_are_diamonds_in_their_month():
    [ms] = diamonds(gantt(sound(), NETWORK, RESULTS)).values()
    assert ms.get_gid() == "M1" and list(ms.get_xdata()) == [11.5]


def test_event_labels_give_place_and_calendar_month():
    labels = texts(gantt(sound(), NETWORK, RESULTS))
    assert labels["A1.2:label"].get_text() == "IT, Jul 2013"
    assert labels["A2.2:label"].get_text() == "PL, Feb 2014"


def test_event_label_without_start_gives_the_project_month():
    labels = texts(gantt(sound(), None, RESULTS))
    assert labels["A1.2:label"].get_text() == "IT, month 5"


def test_rows_are_grouped_under_result_headers_in_logframe_order():
    activities = [task("A2.1", "R2"), task("A1.1", "R1"), task("A0", "")]
    fig = gantt(activities, NETWORK, RESULTS)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["R1  Municipal staff trained in participatory planning", "A1.1  Title of A1.1",
                      "R2  Good practice exchanged among the partner towns", "A2.1  Title of A2.1",
                      "No result given", "A0  Title of A0"]
    bold = [t.get_fontweight() for t in fig.axes[0].get_yticklabels()]
    assert bold[0] == "bold" and bold[1] != "bold"


def test_result_missing_from_the_logframe_is_labelled_so():
    labels = [t.get_text() for t in gantt([task("A1", "R7")], NETWORK, RESULTS).axes[0].get_yticklabels()]
    assert labels[0] == "R7  (not in the logframe)"


def test_month_axis_uses_calendar_labels_from_the_start():
    fig = gantt(sound(), NETWORK, RESULTS)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["Mar 2013", "Jun 2013", "Sep 2013", "Dec 2013", "Mar 2014", "Jun 2014", "Sep 2014", "Dec 2014"]
    assert list(ax.get_xticks()) == [0.5, 3.5, 6.5, 9.5, 12.5, 15.5, 18.5, 21.5]
    assert ax.get_xlim() == (0, 24)


def test_month_axis_without_start_counts_months():
    short = Network("t1", "n", duration_months=10)
    labels = [t.get_text() for t in gantt(sound(), short, RESULTS).axes[0].get_xticklabels()]
    assert labels == [f"M{m}" for m in range(1, 13)]  # the schedule runs to month 12, past the end


def test_project_end_is_marked_and_later_activities_stay_visible():
    fig = gantt(sound() + [task("A9", start=20, end=27)], NETWORK, RESULTS)
    [end] = [line for line in fig.axes[0].lines if line.get_gid() == "project_end"]
    assert list(end.get_xdata()) == [24, 24]
    assert fig.axes[0].get_xlim()[1] == 27
    legend_texts = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "end of project: month 24 (Feb 2015)" in legend_texts


def test_activity_without_months_is_listed_and_says_so():
    fig = gantt(sound() + [task("A9", start=None)], NETWORK, RESULTS)
    assert "A9" not in bars(fig)
    assert texts(fig)["A9"].get_text() == "no valid months given"


def test_no_activities_gives_a_message_not_an_empty_chart():
    fig = gantt([], NETWORK, RESULTS)
    assert [t.get_text() for t in fig.axes[0].texts] == ["No activities yet"]


# readability: texts that must not collide -------------------------------------------------------------
def render(fig):
    """Lay the figure out as it will be saved, and return the renderer that measures texts."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def boxes(fig, items):
    renderer = fig.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in items if t.get_text()]


def overlapping(extents):
    return [(a, b) for i, a in enumerate(extents) for b in extents[i + 1:] if a.overlaps(b)]


def big_schedule(results=5, per_result=7):
    out = []
    for r in range(1, results + 1):
        for i in range(1, per_result + 1):
            start = (3 * i + r) % 20 + 1
            maker = event if i % 3 == 0 else task
            out.append(maker(f"A{r}.{i}", f"R{r}", start, start + i % 4))
        out.append(milestone(f"M{r}", f"R{r}", 4 * r))
    return out


@pytest.mark.parametrize("duration", [12, 24, 36])
@pytest.mark.parametrize("large_text", [False, True])
def test_month_labels_never_overlap(duration, large_text):
    network = Network("t1", "n", start="2013-03", duration_months=duration)
    fig = gantt(big_schedule(2, 3), network, RESULTS, large_text=large_text)
    render(fig)
    assert overlapping(boxes(fig, fig.axes[0].get_xticklabels())) == []


@pytest.mark.parametrize("large_text", [False, True])
def test_forty_activities_have_readable_rows_and_event_labels_clear_of_their_bars(large_text):
    activities = big_schedule()
    assert len(activities) == 40
    results = [Statement(f"R{r}", f"Result {r}: partner towns involve citizens in decisions") for r in range(1, 6)]
    fig = gantt(activities, NETWORK, results, large_text=large_text)
    renderer = render(fig)
    assert overlapping(boxes(fig, fig.axes[0].get_yticklabels())) == []
    drawn, labels = bars(fig), texts(fig)
    figure_box = fig.bbox
    for a in activities:
        if a.kind != "event":
            continue
        label = labels[f"{a.id}:label"].get_window_extent(renderer)
        assert not label.overlaps(drawn[a.id].get_window_extent(renderer))
        assert figure_box.x0 <= label.x0 and label.x1 <= figure_box.x1


def test_large_text_makes_text_bigger():
    small = gantt(sound(), NETWORK, RESULTS)
    large = gantt(sound(), NETWORK, RESULTS, large_text=True)
    assert large.axes[0].get_yticklabels()[0].get_fontsize() > small.axes[0].get_yticklabels()[0].get_fontsize()
