"""Where the cards of a problem or objective tree go on the drawing (used by `trees.draw_tree`).

The cards are placed the way a group pins them on a wall: the core card on its own row, its
causes below it and its effects above it, every card one row below the card it leads to (a joint
cause, leading to several cards, sits one row below the lowest of them), side branches placed by
the same rule.  Cards within a row are ordered to cross as few arrows as possible (barycenter
sweeps, as in the Sugiyama method) and then pulled towards the cards they are linked to without
overlapping.  A link that spans several rows is routed through a free lane in each row it passes,
so arrows never run across a card.  All sizes are in inches.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .trees import Card, Links, cycle_closing_links, link_map, reachable, reverse_links, topological_order


# rows ------------------------------------------------------------------------------------

def tree_rows(links: Links, anchor: str | None = None) -> dict[str, int]:
    """The row of each card, 0 at the bottom; `links` must have no cycle.

    The anchor (the core card) sits above all its causes and below all its effects.  A card sits
    one row below the lowest card it leads to; a card that leads nowhere (a top effect) sits one
    row above the highest card leading to it.  Cards not connected to the anchor form their own
    groups, whose top cards share the anchor's row.
    """
    up, down = links, reverse_links(links)
    order = topological_order(up)
    row: dict[str, int] = {}
    if anchor in up:
        row[anchor] = 0
        causes, effects = reachable(up, anchor, reverse=True), reachable(up, anchor)
        for u in reversed(order):
            if u in causes:
                row[u] = min(row[t] for t in up[u] if t in causes or t == anchor) - 1
        for u in order:
            if u in effects:
                row[u] = max(row[s] for s in down[u] if s in effects or s == anchor) + 1
    _place_side_branches(up, down, row)
    for u in reversed(order):
        if u not in row:
            row[u] = min((row[t] for t in up[u]), default=1) - 1
    for u in order:  # a card placed too low for a card leading to it moves up
        for t in up[u]:
            row[t] = max(row[t], row[u] + 1)
    low = min(row.values(), default=0)
    return {u: row[u] - low for u in up}


def _place_side_branches(up: Links, down: Links, row: dict[str, int]) -> None:
    """Cards linked to placed cards: one row below what they lead to, or one above what leads to them."""
    changed = True
    while changed:
        changed = False
        for u in up:
            if u in row:
                continue
            above = [row[t] for t in up[u] if t in row]
            below = [row[s] for s in down[u] if s in row]
            if above or below:
                row[u] = min(above) - 1 if above else max(below) + 1
                changed = True


# layout ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CardStyle:
    """Sizes in inches and points; `wrap` characters per line fit the card width at `font_size`."""

    font_size: float = 9.0
    card_width: float = 2.0
    wrap: int = 24
    pad: float = 0.09
    gap_x: float = 0.3
    gap_y: float = 0.6
    lane: float = 0.12  # width kept free for a link passing through a row
    margin: float = 0.25

    @property
    def line_height(self) -> float:
        return self.font_size * 1.3 / 72


NORMAL = CardStyle()
LARGE = CardStyle(font_size=14.0, card_width=3.0, wrap=23, pad=0.12, gap_x=0.4, gap_y=0.75)


@dataclass
class Box:
    """One card on the drawing: centre, size (inches) and wrapped text (its id, then its statement)."""

    id: str
    x: float
    y: float
    w: float
    h: float
    row: int
    text: str


@dataclass
class TreeLayout:
    boxes: dict[str, Box]
    routes: dict[tuple[str, str], list[tuple[float, float]]]  # per link, from cause to effect
    reversed_links: set[tuple[str, str]]  # links drawn against the flow because they close a cycle
    width: float
    height: float
    lanes: dict[str, tuple[float, int]] = field(default_factory=dict)  # lane id -> (x, row)


def layout_tree(cards: Iterable[Card], anchor: str | None = None, style: CardStyle = NORMAL,
                bottom: float = 0.0, top: float = 0.0, min_width: float = 0.0) -> TreeLayout:
    """Where every card and link goes (inches from the bottom left corner).

    `bottom` and `top` reserve bands for a caption and a title; a tree narrower than `min_width`
    is centred in it.
    """
    cards = list(cards)
    links = link_map(cards)
    back = cycle_closing_links(links)
    flow = {u: tuple(t for t in ts if (u, t) not in back) for u, ts in links.items()}
    for u, t in back:
        if u != t and u not in flow[t]:
            flow[t] += (u,)
    row = tree_rows(flow, anchor)
    nodes_up, chains = _add_lanes(flow, row)
    rows = _order_rows(row, nodes_up)
    text: dict[str, str] = {}
    for c in cards:  # the id leads, so a finding about "P3" is easy to find on the wall
        text.setdefault(c.id, "\n".join(textwrap.wrap(f"{c.id}: {c.statement}", style.wrap)))
    height = {u: style.line_height * (t.count("\n") + 1) + 2 * style.pad for u, t in text.items()}
    widths = {n: style.card_width if n in links else style.lane for n in row}

    def gap(a: str, b: str) -> float:  # lanes may sit closer to cards and to each other
        return style.gap_x / (3 - (a in links) - (b in links))

    x = _x_positions(rows, widths, nodes_up, gap)
    natural = max((x[n] + widths[n] / 2 for n in x), default=0) - min((x[n] - widths[n] / 2 for n in x), default=0)
    shift = style.margin - min((x[n] - widths[n] / 2 for n in x), default=0)
    shift += max(0.0, min_width - natural - 2 * style.margin) / 2
    x = {n: v + shift for n, v in x.items()}
    bands, y = [], bottom + style.margin
    for r in range(len(rows)):
        h = max((height[n] for n in rows[r] if n in height), default=style.line_height)
        bands.append((y, y + h))
        y += h + style.gap_y
    boxes = {u: Box(u, x[u], sum(bands[row[u]]) / 2, style.card_width,
                    bands[row[u]][1] - bands[row[u]][0], row[u], text[u]) for u in links}
    width = max(natural + 2 * style.margin, min_width)
    routes = _routes(links, chains, back, boxes, x, row, bands)
    lanes = {n: (x[n], row[n]) for n in row if n not in links}
    return TreeLayout(boxes, routes, back, width, y - style.gap_y + style.margin + top, lanes)


def _add_lanes(flow: Links, row: dict[str, int]) -> tuple[dict[str, list[str]], dict[tuple[str, str], list[str]]]:
    """Split links spanning several rows into one step per row through lane nodes."""
    up: dict[str, list[str]] = {u: [] for u in flow}
    chains: dict[tuple[str, str], list[str]] = {}
    for u, targets in flow.items():
        for t in targets:
            chain = [u] + [f"\0{u}\0{t}\0{r}" for r in range(row[u] + 1, row[t])] + [t]
            for r, lane in enumerate(chain[1:-1], row[u] + 1):
                row[lane] = r
                up[lane] = []
            for a, b in zip(chain, chain[1:]):
                up[a].append(b)
            chains[(u, t)] = chain
    return up, chains


def _order_rows(row: dict[str, int], up: dict[str, list[str]], sweeps: int = 12) -> list[list[str]]:
    """Order each row by the mean position of its neighbours, sweeping up and down; keep the best."""
    rows: list[list[str]] = [[] for _ in range(max(row.values(), default=-1) + 1)]
    for n in row:
        rows[row[n]].append(n)
    down: dict[str, list[str]] = {n: [] for n in row}
    for n, targets in up.items():
        for t in targets:
            down[t].append(n)
    best, fewest = [list(r) for r in rows], _crossings(rows, up)
    for _ in range(sweeps):
        for r in range(1, len(rows)):
            _sort_by_neighbours(rows[r], rows[r - 1], down)
        for r in range(len(rows) - 2, -1, -1):
            _sort_by_neighbours(rows[r], rows[r + 1], up)
        crossings = _crossings(rows, up)
        if crossings < fewest:
            best, fewest = [list(r) for r in rows], crossings
    return best


def _sort_by_neighbours(this_row: list[str], other_row: list[str], neighbours: dict[str, list[str]]) -> None:
    where = {n: i for i, n in enumerate(other_row)}
    scale = len(other_row) / max(len(this_row), 1)

    def centre(item: tuple[int, str]) -> float:
        i, n = item
        places = [where[m] for m in neighbours[n] if m in where]
        return sum(places) / len(places) if places else i * scale

    this_row[:] = [n for _, n in sorted(enumerate(this_row), key=centre)]


def _crossings(rows: list[list[str]], up: dict[str, list[str]]) -> int:
    total = 0
    for lower, upper in zip(rows, rows[1:]):
        where = {n: i for i, n in enumerate(upper)}
        ends = [(i, where[t]) for i, n in enumerate(lower) for t in up[n]]
        total += sum(1 for k, (a, b) in enumerate(ends) for c, d in ends[k + 1:] if (a - c) * (b - d) < 0)
    return total


def _x_positions(rows: list[list[str]], widths: dict[str, float], up: dict[str, list[str]],
                 gap: Callable[[str, str], float], rounds: int = 8) -> dict[str, float]:
    """Pull every card towards the cards it is linked to, keeping row order and the gaps."""
    neighbours: dict[str, list[str]] = {n: list(up[n]) for n in up}
    for n, targets in up.items():
        for t in targets:
            neighbours[t].append(n)
    x: dict[str, float] = {}
    for r in rows:
        left = 0.0
        for i, n in enumerate(r):
            left += gap(r[i - 1], n) if i else 0.0
            x[n] = left + widths[n] / 2
            left += widths[n]
    for k in range(rounds):
        for r in (rows if k % 2 == 0 else rows[::-1]):
            wanted = [sum(x[m] for m in neighbours[n]) / len(neighbours[n]) if neighbours[n] else x[n] for n in r]
            spacing = [0.0] + [(widths[a] + widths[b]) / 2 + gap(a, b) for a, b in zip(r, r[1:])]
            x.update(zip(r, _fit_in_order(wanted, spacing)))
    return x


def _fit_in_order(wanted: list[float], spacing: list[float]) -> list[float]:
    """Positions closest to `wanted` (least squares) keeping the order and at least `spacing[i]` from i-1."""
    offsets, total = [], 0.0
    for step in spacing:
        total += step
        offsets.append(total)
    blocks: list[list[float]] = []  # pool adjacent violators: [sum, count]
    for value in (w - o for w, o in zip(wanted, offsets)):
        blocks.append([value, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
    fitted = [s / c for s, c in blocks for _ in range(int(c))]
    return [f + o for f, o in zip(fitted, offsets)]


def _routes(links: Links, chains: dict, back: set, boxes: dict[str, Box], x: dict[str, float],
            row: dict[str, int], bands: list[tuple[float, float]]) -> dict:
    """Each link as points from the cause's top edge, through lanes, to the effect's bottom edge."""
    leaving, arriving = _ports(chains, x, boxes, 0), _ports(chains, x, boxes, -1)
    routes = {}
    for (u, t), chain in chains.items():
        points = [(leaving[(u, t)], bands[row[u]][1])]
        for lane in chain[1:-1]:
            points += [(x[lane], bands[row[lane]][0]), (x[lane], bands[row[lane]][1])]
        points.append((arriving[(u, t)], bands[row[t]][0]))
        if t in links[u] and (u, t) not in back:
            routes[(u, t)] = points
        if (t, u) in back:
            routes[(t, u)] = points[::-1]
    for u, t in back:
        if u == t:
            b = boxes[u]
            right = b.x + b.w / 2
            routes[(u, u)] = [(right, b.y + b.h / 4), (right + 0.15, b.y + b.h / 4),
                              (right + 0.15, b.y - b.h / 4), (right, b.y - b.h / 4)]
    return routes


def _ports(chains: dict, x: dict[str, float], boxes: dict[str, Box], end: int) -> dict[tuple[str, str], float]:
    """Spread the links leaving (end=0) or reaching (end=-1) a card along its edge, left to right."""
    by_card: dict[str, list[tuple[float, tuple[str, str]]]] = {}
    for key, chain in chains.items():
        next_node = chain[1] if end == 0 else chain[-2]
        by_card.setdefault(chain[end], []).append((x[next_node], key))
    ports = {}
    for u, ends in by_card.items():
        ends.sort()
        step = boxes[u].w * 0.7 / len(ends)
        for i, (_, key) in enumerate(ends):
            ports[key] = boxes[u].x + (i - (len(ends) - 1) / 2) * step
    return ports
