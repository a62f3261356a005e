"""Graph helpers, layout and drawing shared by the problem tree and the objective tree."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from planet_lib import trees
from planet_lib.tree_layout import LARGE, NORMAL, layout_tree, tree_rows


@dataclass
class C:
    id: str
    statement: str = "Young people leave the town"
    leads_to: tuple[str, ...] = ()


def links_of(*pairs: str) -> dict[str, tuple[str, ...]]:
    """Links from 'A>B' strings; every id mentioned becomes a card."""
    links: dict[str, list[str]] = {}
    for pair in pairs:
        a, b = pair.split(">")
        links.setdefault(a, []).append(b)
        links.setdefault(b, [])
    return {k: tuple(v) for k, v in links.items()}


WORDS = ("young people leave the town because local jobs are scarce and the public transport to the "
         "regional centre runs rarely in the winter months while older residents feel lonely").split()


def long_statement(rnd: random.Random) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(20))


def generated_tree(n: int, seed: int) -> list[C]:
    """A tree around core P0 with chains of causes, effects, joint causes and side branches."""
    rnd = random.Random(seed)
    cards = [C("P0", long_statement(rnd))]
    for i in range(1, n):
        card = C(f"P{i}", long_statement(rnd))
        if rnd.random() < 0.3:  # an effect of an existing card
            rnd.choice(cards).leads_to += (card.id,)
        else:  # a cause of one card, or a joint cause of two
            card.leads_to = tuple(rnd.sample([c.id for c in cards], k=min(len(cards), rnd.choice([1, 1, 2]))))
        cards.append(card)
    return cards


# graph helpers ---------------------------------------------------------------------------

def test_link_map_keeps_known_links_once_and_the_first_of_repeated_ids():
    cards = [C("A", leads_to=("B", "B", "Z")), C("B"), C("A", leads_to=("A",))]
    assert trees.link_map(cards) == {"A": ("B",), "B": ()}


def test_unknown_links_name_the_card_and_the_missing_id():
    cards = [C("A", leads_to=("B", "Z")), C("B", leads_to=("Y",))]
    assert trees.unknown_links(cards) == [("A", "Z"), ("B", "Y")]
    assert trees.unknown_links([C("A", leads_to=("B",)), C("B")]) == []


def test_duplicate_ids_are_listed_once():
    assert trees.duplicate_ids([C("A"), C("B"), C("A"), C("A")]) == ["A"]
    assert trees.duplicate_ids([C("A"), C("B")]) == []


def test_find_cycles_returns_the_ids_in_link_order():
    assert trees.find_cycles(links_of("A>B", "B>C", "C>A", "C>D")) == [["A", "B", "C"]]


def test_find_cycles_finds_self_links_and_separate_cycles():
    cycles = trees.find_cycles(links_of("A>A", "B>C", "C>B", "D>E"))
    assert sorted(sorted(c) for c in cycles) == [["A"], ["B", "C"]]


def test_find_cycles_is_empty_for_a_tree_with_joint_causes():
    assert trees.find_cycles(links_of("A>C", "B>C", "A>D", "C>D")) == []


def test_reachable_follows_links_up_or_down():
    links = links_of("A>B", "B>C", "X>B")
    assert trees.reachable(links, "A") == {"B", "C"}
    assert trees.reachable(links, "C", reverse=True) == {"A", "B", "X"}
    assert trees.reachable(links, "C") == set()


def test_orphans_are_cards_without_any_link():
    links = {"A": ("B",), "B": (), "L": (), "S": ("S",)}
    assert trees.orphans(links) == ["L", "S"]


def test_linked_groups_join_cards_linked_either_way():
    links = links_of("A>B", "C>B", "D>E")
    links["F"] = ()
    assert trees.linked_groups(links) == [["A", "B", "C"], ["D", "E"], ["F"]]


# rows -------------------------------------------------------------------------------------

def test_core_sits_between_its_causes_and_its_effects():
    rows = tree_rows(links_of("C1>CORE", "C2>C1", "CORE>E1", "E1>E2"), "CORE")
    assert rows["C2"] < rows["C1"] < rows["CORE"] < rows["E1"] < rows["E2"]
    assert rows["CORE"] - rows["C1"] == 1 and rows["E1"] - rows["CORE"] == 1


def test_a_joint_cause_sits_one_row_below_the_lowest_card_it_leads_to():
    rows = tree_rows(links_of("C1>CORE", "J>CORE", "J>E1", "CORE>E1", "D>C1", "D>E1"), "CORE")
    assert rows["J"] == rows["CORE"] - 1
    assert rows["D"] == rows["C1"] - 1


def test_side_branches_follow_the_same_rule():
    # S causes effect E1 but not the core; T is an effect of cause C1 only
    rows = tree_rows(links_of("C1>CORE", "CORE>E1", "E1>E2", "S>E1", "C1>T"), "CORE")
    assert rows["S"] == rows["E1"] - 1
    assert rows["T"] == rows["C1"] + 1


def test_cards_apart_from_the_core_are_still_placed_upward():
    rows = tree_rows(links_of("C1>CORE", "X>Y", "Y>Z"), "CORE")
    assert rows["X"] < rows["Y"] < rows["Z"]
    assert rows["Z"] == rows["CORE"]


@st.composite
def random_dags(draw):
    n = draw(st.integers(5, 40))
    links = {f"P{i}": tuple(dict.fromkeys(f"P{j}" for j in draw(st.lists(st.integers(0, i - 1), max_size=2))))
             if i else () for i in range(n)}
    # links point from newer to older cards, so there is no cycle; shuffle which card is core
    return links, f"P{draw(st.integers(0, n - 1))}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_dags())
def test_every_link_goes_up_at_least_one_row(case):
    links, core = case
    rows = tree_rows(links, core)
    assert all(rows[t] > rows[u] for u, targets in links.items() for t in targets)
    assert all(rows[u] < rows[core] for u in trees.reachable(links, core, reverse=True))
    assert all(rows[u] > rows[core] for u in trees.reachable(links, core))


# layout -------------------------------------------------------------------------------------

def boxes_overlap(a, b) -> bool:
    return abs(a.x - b.x) < (a.w + b.w) / 2 and abs(a.y - b.y) < (a.h + b.h) / 2


def crosses_box(p, q, box, inset=0.01) -> bool:
    """Does the straight segment p-q pass through the inside of the box?"""
    for k in range(101):
        x = p[0] + (q[0] - p[0]) * k / 100
        y = p[1] + (q[1] - p[1]) * k / 100
        if abs(x - box.x) < box.w / 2 - inset and abs(y - box.y) < box.h / 2 - inset:
            return True
    return False


def cards_from_links(links, rnd=None):
    rnd = rnd or random.Random(0)
    return [C(u, long_statement(rnd), t) for u, t in links.items()]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_dags(), st.booleans())
def test_layout_has_no_overlapping_cards_and_no_link_through_a_card(case, with_cycle):
    links, core = case
    cards = cards_from_links(links)
    if with_cycle:  # a card leading back down to the first one: drawn, in red, against the flow
        cards[0].leads_to += (cards[-1].id,)
    lay = layout_tree(cards, core)
    boxes = list(lay.boxes.values())
    assert len(boxes) == len(cards)
    assert not [(a.id, b.id) for i, a in enumerate(boxes) for b in boxes[i + 1:] if boxes_overlap(a, b)]
    assert set(lay.routes) == {(c.id, t) for c in cards for t in c.leads_to}
    for (u, t), points in lay.routes.items():
        others = [b for b in boxes if b.id not in (u, t)]
        for p, q in zip(points, points[1:]):
            assert not [b.id for b in others if crosses_box(p, q, b)], (u, t)


def test_long_links_pass_through_free_lanes():
    lay = layout_tree([C("A", leads_to=("B", "D")), C("B", leads_to=("C",)), C("C", leads_to=("D",)), C("D")], "D")
    assert len(lay.routes[("A", "D")]) == 2 + 2 * 2  # start, end, in and out of a lane in B's and C's rows
    assert sorted(row for _, row in lay.lanes.values()) == [lay.boxes["B"].row, lay.boxes["C"].row]
    for lane_x, row in lay.lanes.values():
        card = lay.boxes["B"] if row == lay.boxes["B"].row else lay.boxes["C"]
        assert abs(lane_x - card.x) > card.w / 2


def test_barycenter_sweeps_uncross_links():
    # written so that the order of the cards as typed crosses the two links
    cards = [C("CORE", leads_to=("E1", "E2")), C("E1"), C("E2"), C("A", leads_to=("E2",)),
             C("B", leads_to=("E1",))]
    lay = layout_tree(cards, "CORE")
    b = lay.boxes
    assert b["A"].row == b["B"].row == b["CORE"].row
    assert (b["A"].x - b["B"].x) * (b["E2"].x - b["E1"].x) > 0


def test_cards_have_fixed_width_and_wrapped_statements():
    text = "Young people from the small twinned towns leave for the capital because there are few jobs for them"
    lay = layout_tree([C("A", text), C("B", "Short", ("A",))], "A")
    assert {b.w for b in lay.boxes.values()} == {NORMAL.card_width}
    lines = lay.boxes["A"].text.split("\n")
    assert len(lines) > 1 and all(len(line) <= NORMAL.wrap for line in lines)
    assert " ".join(lines) == f"A: {text}"


# drawing ------------------------------------------------------------------------------------

def artists(fig, prefix):
    ax = fig.axes[0]
    return {a.get_gid()[len(prefix):]: a for a in list(ax.patches) + list(ax.texts)
            if (a.get_gid() or "").startswith(prefix)}


@pytest.fixture(scope="module")
def drawn_40():
    cards = generated_tree(40, seed=7)
    fig = trees.draw_tree(cards, anchor="P0", highlight=["P0"], title="Problem tree",
                          caption="Arrows: cause to effect.")
    fig.canvas.draw()
    return cards, fig, fig.canvas.get_renderer()


def test_drawn_cards_do_not_overlap(drawn_40):
    cards, fig, renderer = drawn_40
    boxes = {i: a.get_window_extent(renderer) for i, a in artists(fig, "card:").items()}
    assert len(boxes) == 40 and all(len(c.statement.split()) == 20 for c in cards)
    items = list(boxes.items())
    overlapping = [(a, b) for k, (a, ba) in enumerate(items) for b, bb in items[k + 1:]
                   if ba.x0 < bb.x1 and bb.x0 < ba.x1 and ba.y0 < bb.y1 and bb.y0 < ba.y1]
    assert overlapping == []


def test_drawn_statements_stay_inside_their_cards(drawn_40):
    _, fig, renderer = drawn_40
    boxes = {i: a.get_window_extent(renderer) for i, a in artists(fig, "card:").items()}
    texts = {i: a.get_window_extent(renderer) for i, a in artists(fig, "text:").items()}
    assert texts.keys() == boxes.keys()
    outside = [i for i, t in texts.items() if not (boxes[i].x0 <= t.x0 and t.x1 <= boxes[i].x1
                                                   and boxes[i].y0 <= t.y0 and t.y1 <= boxes[i].y1)]
    assert outside == []


def test_every_link_is_drawn_from_cause_to_effect(drawn_40):
    cards, fig, renderer = drawn_40
    arrows = artists(fig, "link:")
    assert set(arrows) == {f"{c.id}->{t}" for c in cards for t in c.leads_to}
    boxes = {i: a.get_window_extent(renderer) for i, a in artists(fig, "card:").items()}
    for name, arrow in arrows.items():
        cause, effect = name.split("->")
        path = arrow.get_path()  # the line and its head, in data units; 79 closes the head
        points = fig.axes[0].transData.transform(path.vertices[path.codes != 79])
        start, tip = min(points, key=lambda p: p[1]), max(points, key=lambda p: p[1])
        assert start[1] == pytest.approx(boxes[cause].y1, abs=3)  # leaves the top of the cause
        assert boxes[cause].x0 <= start[0] <= boxes[cause].x1
        assert tip[1] == pytest.approx(boxes[effect].y0, abs=3)  # the head touches the bottom of the effect
        assert boxes[effect].x0 <= tip[0] <= boxes[effect].x1


def test_only_the_core_card_is_highlighted(drawn_40):
    _, fig, _ = drawn_40
    colours = {i: tuple(a.get_facecolor()) for i, a in artists(fig, "card:").items()}
    core = colours.pop("P0")
    assert core not in set(colours.values()) and len(set(colours.values())) == 1
    assert artists(fig, "card:")["P0"].get_linewidth() > artists(fig, "card:")["P1"].get_linewidth()


def test_figure_is_sized_to_the_tree():
    small = trees.draw_tree(generated_tree(5, seed=1), anchor="P0")
    big = trees.draw_tree(generated_tree(30, seed=1), anchor="P0")
    sw, sh = small.get_size_inches()
    bw, bh = big.get_size_inches()
    assert bw > sw and bh > sh
    lay = layout_tree(generated_tree(30, seed=1), "P0")
    assert (bw, bh) == pytest.approx((lay.width, lay.height))


def test_large_text_uses_bigger_letters_and_cards():
    cards = generated_tree(6, seed=2)
    normal = trees.draw_tree(cards, anchor="P0")
    large = trees.draw_tree(cards, anchor="P0", large_text=True)
    assert artists(large, "text:")["P1"].get_fontsize() > artists(normal, "text:")["P1"].get_fontsize()
    assert large.get_size_inches()[0] > normal.get_size_inches()[0]
    assert LARGE.card_width > NORMAL.card_width


def test_a_link_closing_a_cycle_is_drawn_in_red():
    cards = [C("A", leads_to=("B",)), C("B", leads_to=("C",)), C("C", leads_to=("A",))]
    arrows = artists(trees.draw_tree(cards, anchor="B"), "link:")
    red = {name for name, a in arrows.items() if a.get_edgecolor()[:3] != arrows["A->B"].get_edgecolor()[:3]}
    assert set(arrows) == {"A->B", "B->C", "C->A"} and len(red) == 1


def test_dashed_cards_and_an_empty_tree():
    fig = trees.draw_tree([C("A", leads_to=("B",)), C("B")], dashed=["A"])
    cards = artists(fig, "card:")
    assert cards["A"].get_linestyle() != cards["B"].get_linestyle()
    assert artists(trees.draw_tree([]), "card:") == {}
