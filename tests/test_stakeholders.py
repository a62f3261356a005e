"""Stakeholder analysis: the grid boxes, the matrix, the grid figure and the checks."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from planet_lib.findings import codes
from planet_lib.stakeholders import (
    HIGH, MATRIX_COLUMNS, QUADRANTS, Stakeholder, by_quadrant, check_stakeholders, filled, findings,
    grid_figure, matrix, quadrant, styled_matrix,
)
from planet_lib.workbook.group import Group


def full(sid: str, importance: int | None, influence: int | None, **changes) -> Stakeholder:
    """A stakeholder with every analysis field filled, then `changes` applied."""
    values = dict(name=f"Stakeholder {sid}", category="association", characteristics="200 members",
                  interests="wants safer streets", capacity="volunteers", motivation="high",
                  importance=importance, influence=influence, actions="invite to the seminars")
    values.update(changes)
    return Stakeholder(sid, **values)


def good_list() -> list[Stakeholder]:
    return [full("S1", 5, 5), full("S2", 4, 1), full("S3", 1, 1)]


# quadrants -------------------------------------------------------------------------------
@pytest.mark.parametrize("importance, influence, box", [
    (5, 5, "A"), (HIGH, HIGH, "A"),
    (5, 1, "B"), (HIGH, HIGH - 1, "B"),
    (1, 5, "C"), (HIGH - 1, HIGH, "C"),
    (1, 1, "D"), (HIGH - 1, HIGH - 1, "D"),
])
def test_quadrant_puts_each_score_pair_in_its_box(importance, influence, box):
    assert quadrant(Stakeholder("S1", "x", importance=importance, influence=influence)) == box


def test_middle_score_counts_as_high():
    assert HIGH == 3
    assert quadrant(Stakeholder("S1", "x", importance=3, influence=3)) == "A"


@pytest.mark.parametrize("importance, influence", [(None, 3), (3, None), (None, None)])
def test_quadrant_is_none_until_both_scores_are_given(importance, influence):
    assert quadrant(Stakeholder("S1", "x", importance=importance, influence=influence)) is None


def test_quadrants_say_what_each_box_asks_for():
    assert list(QUADRANTS) == ["A", "B", "C", "D"]
    assert "close working" in QUADRANTS["A"]
    assert "protect their interests" in QUADRANTS["B"]
    assert "risk" in QUADRANTS["C"] and "monitor" in QUADRANTS["C"]
    assert "little attention" in QUADRANTS["D"]


def test_by_quadrant_keeps_file_order_and_collects_the_unplaced():
    people = [full("S1", 5, 5), full("S2", 1, 1), full("S3", 4, 4), full("S4", None, 2)]
    boxes = by_quadrant(people)
    assert [s.id for s in boxes["A"]] == ["S1", "S3"]
    assert [s.id for s in boxes["D"]] == ["S2"]
    assert boxes["B"] == [] and boxes["C"] == []
    assert [s.id for s in boxes[None]] == ["S4"]


# the matrix --------------------------------------------------------------------------------
def test_matrix_has_the_four_ec_columns_and_one_row_per_stakeholder():
    people = [full("S1", 5, 5, name="Comune di Lucca"), Stakeholder("S2", "Youth club")]
    frame = matrix(people)
    assert list(frame.columns) == list(MATRIX_COLUMNS) and len(MATRIX_COLUMNS) == 4
    assert list(frame.index) == ["Comune di Lucca", "Youth club"]
    row = frame.loc["Comune di Lucca"]
    assert row.iloc[0] == "association\n200 members"
    assert row.iloc[1] == "wants safer streets"
    assert row.iloc[2] == "Capacity: volunteers\nMotivation: high"
    assert row.iloc[3] == "invite to the seminars"
    assert list(frame.loc["Youth club"]) == ["", "", "", ""]


def test_matrix_shows_only_the_capacity_or_motivation_that_is_given():
    frame = matrix([Stakeholder("S1", "a", motivation="keen")])
    assert frame.iloc[0, 2] == "Motivation: keen"


def test_matrix_of_no_stakeholders_is_empty_but_keeps_its_columns():
    frame = matrix([])
    assert len(frame) == 0 and list(frame.columns) == list(MATRIX_COLUMNS)


def test_styled_matrix_renders_wrapped_large_text_with_caption():
    html = styled_matrix(good_list()).to_html()
    assert "Stakeholder analysis matrix" in html
    for heading in MATRIX_COLUMNS:
        assert heading in html
    assert "white-space: pre-wrap" in html
    size = int(re.search(r"font-size: (\d+)px", html).group(1))
    assert size >= 16


def test_styled_matrix_escapes_what_participants_typed():
    people = [full("S1", 5, 5, name="<script>alert(1)</script>", interests="a < b & c")]
    html = styled_matrix(people).to_html()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "a &lt; b &amp; c" in html


def test_styled_matrix_shades_empty_and_placeholder_cells_only():
    people = [full("S1", 5, 5), full("S2", 4, 1, interests="", actions="n/a")]
    html = styled_matrix(people).to_html()
    shaded = set()
    for selectors, body in re.findall(r"([^{}]*)\{([^}]*)\}", html):
        if "background-color" in body:
            shaded |= set(re.findall(r"row(\d+)_col(\d+)", selectors))
    assert shaded == {("1", "1"), ("1", "3")}


# the grid figure -----------------------------------------------------------------------------
def labels(fig, prefix: str) -> list:
    return [t for t in fig.findobj(lambda a: (a.get_gid() or "").startswith(prefix))]


def by_gid(fig, gid: str):
    found = fig.findobj(lambda a: a.get_gid() == gid)
    return found[0] if found else None


def extent(fig, artist):
    return artist.get_window_extent(fig.canvas.get_renderer())


def assert_no_overlaps(fig, artists):
    boxes = [(a.get_gid() or a.get_text(), extent(fig, a)) for a in artists]
    for (name_a, a), (name_b, b) in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), f"{name_a!r} overlaps {name_b!r}"


def crowd(n: int) -> list[Stakeholder]:
    return [full(f"X{i}", 4, 4, name=f"Association of retired teachers and friends of the library {i}")
            for i in range(n)]


def test_grid_has_one_labelled_point_per_placed_stakeholder():
    people = good_list() + [full("S4", None, 3), full("S5", 2, 5)]
    fig = grid_figure(people)
    points = by_gid(fig, "stakeholder-points")
    assert len(points.get_offsets()) == 4
    assert sorted(t.get_gid() for t in labels(fig, "stakeholder:")) == [
        "stakeholder:S1", "stakeholder:S2", "stakeholder:S3", "stakeholder:S5"]
    for t in labels(fig, "stakeholder:"):
        assert t.get_text().startswith(t.get_gid().split(":")[1])


def test_grid_axes_are_labelled_influence_across_and_importance_up():
    ax = grid_figure(good_list()).axes[0]
    assert ax.get_xlabel().startswith("Influence")
    assert ax.get_ylabel().startswith("Importance")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "2", "3", "4", "5"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1", "2", "3", "4", "5"]


def test_grid_labels_the_four_boxes_with_their_meaning():
    fig = grid_figure(good_list())
    for box, meaning in QUADRANTS.items():
        text = " ".join(by_gid(fig, f"quadrant:{box}").get_text().split())
        assert text == f"{box}: {meaning}"


def test_each_point_and_label_sits_in_its_own_box_and_cell():
    people = [full("S1", 5, 5), full("S2", 5, 1), full("S3", 1, 5), full("S4", 1, 1),
              full("S5", 3, 3), full("S6", 2, 2)]
    fig = grid_figure(people)
    ax = fig.axes[0]
    fig.canvas.draw()
    offsets = by_gid(fig, "stakeholder-points").get_offsets()
    for s, (x, y), text in zip(people, offsets, labels(fig, "stakeholder:")):
        x0, y0, x1, y1 = by_gid(fig, f"box:{quadrant(s)}").get_paths()[0].get_extents().extents
        assert x0 <= x <= x1 and y0 <= y <= y1, s.id
        assert s.influence - 0.5 < x < s.influence + 0.5
        cell_left = ax.transData.transform((s.influence - 0.5, 0))[0]
        cell_right = ax.transData.transform((s.influence + 0.5, 0))[0]
        box = extent(fig, text)
        assert cell_left <= box.x0 and box.x1 <= cell_right, s.id


def test_higher_scores_sit_further_up_and_right():
    people = [full(f"S{i}{j}", i, j) for i in range(1, 6) for j in range(1, 6)]
    fig = grid_figure(people)
    offsets = by_gid(fig, "stakeholder-points").get_offsets()
    place = {(s.importance, s.influence): (x, y) for s, (x, y) in zip(people, offsets)}
    for i in range(1, 5):
        assert place[(i, 3)][1] < place[(i + 1, 3)][1]
        assert place[(3, i)][0] < place[(3, i + 1)][0]


def test_stakeholders_sharing_a_cell_are_stacked_in_file_order_without_overlap():
    people = crowd(8) + [full("S1", 5, 4), full("S2", 3, 4)]
    fig = grid_figure(people)
    fig.canvas.draw()
    stacked = [by_gid(fig, f"stakeholder:X{i}") for i in range(8)]
    tops = [extent(fig, t).y1 for t in stacked]
    assert tops == sorted(tops, reverse=True)
    assert_no_overlaps(fig, labels(fig, "stakeholder:") + labels(fig, "quadrant:"))
    axes_box = fig.axes[0].get_window_extent()
    for t in labels(fig, "stakeholder:"):
        box = extent(fig, t)
        assert axes_box.x0 <= box.x0 and box.x1 <= axes_box.x1
        assert axes_box.y0 <= box.y0 and box.y1 <= axes_box.y1


def test_points_do_not_sit_on_any_label():
    fig = grid_figure(crowd(5) + good_list())
    fig.canvas.draw()
    points = by_gid(fig, "stakeholder-points")
    centres = fig.axes[0].transData.transform(points.get_offsets())
    for text in labels(fig, "stakeholder:") + labels(fig, "quadrant:"):
        box = extent(fig, text)
        for x, y in centres:
            assert not (box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1), text.get_gid()


def test_long_names_are_cut_to_fit_and_keep_the_id():
    long_name = "The very long official name of the regional association of municipalities " * 3
    fig = grid_figure([full("R7", 4, 2, name=long_name)])
    text = by_gid(fig, "stakeholder:R7").get_text()
    assert text.startswith("R7 ") and text.endswith("…")
    assert text.count("\n") <= 1


@pytest.mark.parametrize("large_text", [False, True])
def test_all_text_is_inside_the_figure_and_nothing_overlaps(large_text):
    people = good_list() + crowd(4) + [full("S9", None, None, name="Local press")]
    fig = grid_figure(people, large_text=large_text)
    fig.canvas.draw()
    ax = fig.axes[0]
    texts = (labels(fig, "stakeholder:") + labels(fig, "quadrant:") + [by_gid(fig, "unplaced-note")]
             + [ax.title, ax.xaxis.label, ax.yaxis.label])
    assert_no_overlaps(fig, texts)
    figure_box = fig.bbox
    for t in texts + ax.get_xticklabels() + ax.get_yticklabels():
        box = extent(fig, t)
        assert figure_box.x0 <= box.x0 and box.x1 <= figure_box.x1, t.get_text()
        assert figure_box.y0 <= box.y0 and box.y1 <= figure_box.y1, t.get_text()


def test_large_text_uses_bigger_type():
    normal, large = grid_figure(good_list()), grid_figure(good_list(), large_text=True)
    size = lambda fig: by_gid(fig, "stakeholder:S1").get_fontsize()
    assert size(large) > size(normal) >= 10
    # bigger compared with the figure too, which is what counts once it is scaled to the screen
    assert size(large) / large.get_size_inches()[0] > size(normal) / normal.get_size_inches()[0]


def test_unplaced_stakeholders_are_listed_under_the_plot():
    people = good_list() + [full("S4", None, 3, name="Parish"), full("S5", 2, None, name="Museum")]
    fig = grid_figure(people)
    fig.canvas.draw()
    note = by_gid(fig, "unplaced-note")
    text = " ".join(note.get_text().split())
    assert "S4 Parish" in text and "S5 Museum" in text and "S1" not in text
    assert extent(fig, note).y1 < fig.axes[0].get_tightbbox(fig.canvas.get_renderer()).y0


def test_no_note_when_everyone_is_placed():
    assert by_gid(grid_figure(good_list()), "unplaced-note") is None


def test_grid_of_no_stakeholders_says_so():
    fig = grid_figure([])
    assert len(by_gid(fig, "stakeholder-points").get_offsets()) == 0
    assert "No stakeholders" in by_gid(fig, "unplaced-note").get_text()


def test_dollar_signs_in_names_are_shown_as_typed():
    fig = grid_figure([full("S1", 4, 4, name=r"Fund $\alpha{$ Ltd")])
    fig.canvas.draw()  # would fail if the name were read as a formula
    assert "$" in by_gid(fig, "stakeholder:S1").get_text()


def test_grid_is_the_same_every_time():
    people = crowd(5) + good_list()
    first, second = grid_figure(people), grid_figure(people)
    assert (by_gid(first, "stakeholder-points").get_offsets().tolist()
            == by_gid(second, "stakeholder-points").get_offsets().tolist())


# checks ------------------------------------------------------------------------------------
def test_a_complete_analysis_has_no_findings():
    assert check_stakeholders(good_list()) == []


@pytest.mark.parametrize("field, columns", [
    ("characteristics", {"characteristics": ""}),
    ("interests", {"interests": "  "}),
    ("capacity or motivation", {"capacity": "", "motivation": ""}),
    ("actions", {"actions": ""}),
])
def test_missing_analysis_field_is_reported(field, columns):
    people = good_list()
    people[0] = full("S1", 5, 5, line=2, **columns)
    found = check_stakeholders(people)
    assert [(f.code, f.severity, f.file, f.item) for f in found] == [
        ("stakeholders.missing_field", "warning", "stakeholders.csv", "S1")]
    assert f"'{field}'" in found[0].message and "line 2" in found[0].message
    assert field in found[0].hint


@pytest.mark.parametrize("present", [{"capacity": ""}, {"motivation": ""}])
def test_capacity_or_motivation_alone_is_enough(present):
    people = good_list()
    people[0] = full("S1", 5, 5, **present)
    assert check_stakeholders(people) == []


def test_all_missing_fields_of_one_stakeholder_come_in_one_finding():
    people = good_list() + [Stakeholder("S4", "Tourists", importance=1, influence=1)]
    found = [f for f in check_stakeholders(people) if f.code == "stakeholders.missing_field"]
    assert len(found) == 1 and found[0].item == "S4"
    for field in ("characteristics", "interests", "capacity or motivation", "actions"):
        assert f"'{field}'" in found[0].message


@pytest.mark.parametrize("placeholder", ["-", "n/a", "N/A.", "none", "TBD", "?", "..."])
def test_placeholders_count_as_empty(placeholder):
    assert not filled(placeholder)
    people = good_list()
    people[0] = full("S1", 5, 5, interests=placeholder)
    assert codes(check_stakeholders(people)) == {"stakeholders.missing_field"}


@pytest.mark.parametrize("value", ["yes", "Nonetheless keen", "x-ray clinic", "brak"])
def test_real_answers_count_as_filled(value):
    assert filled(value)


@pytest.mark.parametrize("importance, influence, missing", [
    (None, 3, "importance is empty"), (3, None, "influence is empty"),
    (None, None, "importance and influence are empty"),
])
def test_stakeholder_not_on_the_grid_is_reported(importance, influence, missing):
    people = good_list() + [full("S4", importance, influence)]
    found = [f for f in check_stakeholders(people) if f.code == "stakeholders.not_placed"]
    assert [(f.severity, f.item) for f in found] == [("warning", "S4")]
    assert missing in found[0].message
    assert "1 (low) to 5 (high)" in found[0].hint


def test_box_b_stakeholder_without_action_is_reported_once():
    people = good_list()
    people[1] = full("S2", 4, 1, actions="none")
    found = check_stakeholders(people)
    assert [(f.code, f.severity, f.item) for f in found] == [
        ("stakeholders.box_b_without_action", "warning", "S2")]
    assert "box B" in found[0].message and "protect their interests" in found[0].hint


def test_missing_action_outside_box_b_is_a_missing_field():
    people = good_list()
    people[0] = full("S1", 5, 5, actions="")
    assert codes(check_stakeholders(people)) == {"stakeholders.missing_field"}


@pytest.mark.parametrize("count", [0, 1, 2])
def test_fewer_than_three_stakeholders_is_reported(count):
    found = [f for f in check_stakeholders(good_list()[:count]) if f.code == "stakeholders.too_few"]
    assert [(f.severity, f.item, f.file) for f in found] == [("warning", None, "stakeholders.csv")]
    assert ("no stakeholders" if count == 0 else f"only {count} stakeholder") in found[0].message


def test_three_stakeholders_are_enough():
    assert "stakeholders.too_few" not in codes(check_stakeholders(good_list()))


def test_nobody_in_box_a_is_reported():
    people = [full("S1", 4, 1), full("S2", 1, 4), full("S3", 1, 1)]
    found = check_stakeholders(people)
    assert [(f.code, f.severity, f.item) for f in found] == [("stakeholders.no_box_a", "warning", None)]


def test_no_box_a_is_not_reported_when_nobody_is_placed_yet():
    people = [full(f"S{i}", None, None) for i in range(3)]
    assert codes(check_stakeholders(people)) == {"stakeholders.not_placed"}


# the group and the file ----------------------------------------------------------------------
GROUP_YAML = """\
id: t1
name: Test network
start: 2013-03
duration_months: 18
partners:
  - {municipality: Lucca, country: IT, role: lead}
"""

CSV = """\
id,name,category,characteristics,interests,capacity,motivation,importance,influence,actions
S1,Comune di Lucca,authority,lead partner,safer streets,staff,high,5,5,co-lead the network
S2,Youth council,association,30 members,a voice,,keen,4,1,
S3,Local press,media,two papers,news,reach,low,,,report events
"""


def test_findings_reads_the_group_and_names_file_rows(tmp_path: Path):
    folder = tmp_path / "t1"
    folder.mkdir()
    (folder / "group.yaml").write_text(GROUP_YAML, encoding="utf-8")
    (folder / "stakeholders.csv").write_text(CSV, encoding="utf-8")
    found = findings(Group.load(folder))
    assert [(f.code, f.item) for f in found] == [
        ("stakeholders.box_b_without_action", "S2"), ("stakeholders.not_placed", "S3")]
    assert "line 3" in found[0].message and "line 4" in found[1].message


def test_findings_is_empty_when_the_stage_is_not_started(tmp_path: Path):
    folder = tmp_path / "t1"
    folder.mkdir()
    (folder / "group.yaml").write_text(GROUP_YAML, encoding="utf-8")
    assert findings(Group.load(folder)) == []


def test_importing_the_module_does_not_load_pandas_or_matplotlib():
    code = ("import sys, planet_lib.stakeholders, planet_lib.stakeholder_grid; "
            "print('pandas' in sys.modules, 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
