"""What the problem tree and the objective tree share: cards joined by upward links, and their drawing.

Both trees are cards whose `leads_to` links point upward: cause -> effect in the problem tree,
means -> end in the objective tree.  Any object with `id`, `statement` and `leads_to` is a card.

The graph helpers answer the questions the checks ask: which links point to a card that does
not exist, which cards are linked to nothing, is there a cycle (and which cards form it).

`draw_tree` draws the cards where `tree_layout` places them, the way a group pins them on a
wall: the core card on its own row, causes below, effects above, each card one row below the card
it leads to, with as few crossing arrows as it can and no card over another.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Iterable, Protocol

if TYPE_CHECKING:
    from .tree_layout import CardStyle, TreeLayout

Links = dict[str, tuple[str, ...]]


class Card(Protocol):
    id: str
    statement: str
    leads_to: tuple[str, ...]


# graph helpers --------------------------------------------------------------------------

def link_map(cards: Iterable[Card]) -> Links:
    """Each card's links to cards that exist, in the order written, each link once.

    A repeated id keeps its first card, so one typing mistake does not break every check.
    """
    cards = list(cards)
    ids = {c.id for c in cards}
    links: Links = {}
    for card in cards:
        if card.id not in links:
            links[card.id] = tuple(dict.fromkeys(t for t in card.leads_to if t in ids))
    return links


def unknown_links(cards: Iterable[Card]) -> list[tuple[str, str]]:
    """(card id, id it leads to) for every link to a card that does not exist."""
    cards = list(cards)
    ids = {c.id for c in cards}
    return [(c.id, t) for c in cards for t in dict.fromkeys(c.leads_to) if t not in ids]


def duplicate_ids(cards: Iterable[Card]) -> list[str]:
    """Ids used by more than one card, each once."""
    seen: set[str] = set()
    repeated: dict[str, None] = {}
    for card in cards:
        if card.id in seen:
            repeated[card.id] = None
        seen.add(card.id)
    return list(repeated)


def find_cycles(links: Links) -> list[list[str]]:
    """The cycles, each as the ids in link order (``["P2", "P5", "P2"]`` is returned as ``["P2", "P5"]``).

    Every card that is part of some cycle appears in at least one returned cycle, so fixing all
    reported cycles and checking again converges.
    """
    return _depth_first(links)[0]


def reachable(links: Links, start: str, reverse: bool = False) -> set[str]:
    """Ids reachable from `start` along the links (its effects), or against them (its causes)."""
    if reverse:
        links = reverse_links(links)
    found: set[str] = set()
    todo = list(links.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in found:
            found.add(node)
            todo.extend(links.get(node, ()))
    return found


def orphans(links: Links) -> list[str]:
    """Cards with no link to or from another card."""
    linked = {u for u, targets in links.items() for t in targets if t != u}
    linked |= {t for u, targets in links.items() for t in targets if t != u}
    return [u for u in links if u not in linked]


def linked_groups(links: Links) -> list[list[str]]:
    """The sets of cards connected to each other by links in either direction, in card order."""
    neighbours = {u: set(links[u]) for u in links}
    for u, targets in links.items():
        for t in targets:
            neighbours[t].add(u)
    groups, seen = [], set()
    for start in links:
        if start in seen:
            continue
        group, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node not in group:
                group.add(node)
                todo.extend(neighbours[node] - group)
        seen |= group
        groups.append([u for u in links if u in group])
    return groups


def reverse_links(links: Links) -> Links:
    """The same links pointing the other way (effect -> its causes)."""
    back: dict[str, list[str]] = {u: [] for u in links}
    for u, targets in links.items():
        for t in targets:
            back.setdefault(t, []).append(u)
    return {u: tuple(v) for u, v in back.items()}


def cycle_closing_links(links: Links) -> set[tuple[str, str]]:
    """Links whose removal leaves no cycle (each closes a cycle found by walking the cards in order)."""
    return _depth_first(links)[1]


def _depth_first(links: Links) -> tuple[list[list[str]], set[tuple[str, str]]]:
    """Cycles and the back links that close them (removing those leaves a tree without cycles)."""
    on_path, done = set(), set()
    cycles, seen, back = [], set(), set()
    for root in links:
        if root in done:
            continue
        path, stack = [root], [iter(links[root])]
        on_path.add(root)
        while stack:
            node = next(stack[-1], None)
            if node is None:
                stack.pop()
                done.add(path[-1])
                on_path.discard(path.pop())
            elif node in on_path:
                back.add((path[-1], node))
                cycle = path[path.index(node):]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    cycles.append(cycle)
            elif node not in done:
                path.append(node)
                on_path.add(node)
                stack.append(iter(links.get(node, ())))
    return cycles, back


def topological_order(links: Links) -> list[str]:
    """Causes before their effects, otherwise in card order (`links` must have no cycle)."""
    waiting = {u: 0 for u in links}
    for targets in links.values():
        for t in targets:
            waiting[t] += 1
    order = [u for u in links if waiting[u] == 0]
    for u in order:
        for t in links[u]:
            waiting[t] -= 1
            if waiting[t] == 0:
                order.append(t)
    return order


# drawing ---------------------------------------------------------------------------------

PLAIN = {"facecolor": "#eef3fa", "edgecolor": "#4a6fa5", "linewidth": 1.0}
HIGHLIGHT = {"facecolor": "#f9d77e", "edgecolor": "#9c5b00", "linewidth": 2.6}
LINK_COLOUR, CYCLE_COLOUR = "#33415c", "#c0392b"


def draw_tree(cards: Iterable[Card], anchor: str | None = None, highlight: Iterable[str] = (),
              dashed: Iterable[str] = (), title: str = "", caption: str = "", large_text: bool = False):
    """The tree as a matplotlib Figure sized to fit it (one inch per inch of wall).

    `anchor` is the card whose row splits causes from effects; `highlight` cards are drawn in
    amber, `dashed` cards with a dashed border.  Links that close a cycle are drawn in red.
    Cards carry the gid ``card:<id>``, their text ``text:<id>`` and links ``link:<from>-><to>``,
    so tests and notebooks can find them.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .tree_layout import LARGE, NORMAL, layout_tree

    cards = list(cards)
    style = LARGE if large_text else NORMAL
    title_band = style.font_size * 2.6 / 72 if title else 0.0
    width = max(layout_tree(cards, anchor, style).width, 4.0)
    caption = _wrap_to(caption, width - 2 * style.margin, style.font_size * 0.9)
    caption_band = (caption.count("\n") + 1) * style.line_height * 0.9 + style.margin / 2 if caption else 0.0
    lay = layout_tree(cards, anchor, style, caption_band, title_band, min_width=width)
    height = max(lay.height, 1.0)
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    pairs = _draw_cards(ax, lay, set(highlight), set(dashed), style)
    _draw_links(ax, lay, style)
    if title:
        ax.text(style.margin, height - title_band / 2, title, fontsize=style.font_size * 1.5,
                fontweight="bold", va="center", gid="title")
    if caption:
        ax.text(style.margin, style.margin / 2 + caption_band / 2, caption, fontsize=style.font_size * 0.9,
                va="center", color="#444444", gid="caption")
    _fit_texts(fig, pairs, style)
    return fig


def _wrap_to(text: str, width: float, font_size: float) -> str:
    """Wrap a caption to a width in inches, counting an average letter as 0.55 of the font size."""
    return textwrap.fill(text, max(20, int(width * 72 / (font_size * 0.55))))


def _draw_cards(ax, lay: TreeLayout, highlight: set[str], dashed: set[str], style: CardStyle) -> list:
    from matplotlib.patches import FancyBboxPatch

    pairs = []
    for box in lay.boxes.values():
        look = HIGHLIGHT if box.id in highlight else PLAIN
        patch = FancyBboxPatch((box.x - box.w / 2, box.y - box.h / 2), box.w, box.h,
                               boxstyle="round,pad=0,rounding_size=0.08", linestyle="--" if box.id in dashed else "-",
                               gid=f"card:{box.id}", zorder=2, **look)
        ax.add_patch(patch)
        label = ax.text(box.x, box.y, box.text, ha="center", va="center", fontsize=style.font_size,
                        fontweight="bold" if box.id in highlight else "normal", gid=f"text:{box.id}", zorder=3)
        pairs.append((patch, label))
    return pairs


def _draw_links(ax, lay: TreeLayout, style: CardStyle) -> None:
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.path import Path

    for (u, t), points in lay.routes.items():
        colour = CYCLE_COLOUR if (u, t) in lay.reversed_links else LINK_COLOUR
        ax.add_patch(FancyArrowPatch(path=Path(points), arrowstyle="-|>", mutation_scale=style.font_size * 1.3,
                                     color=colour, linewidth=1.1, gid=f"link:{u}->{t}", zorder=1))


def _fit_texts(fig, pairs: list, style: CardStyle) -> None:
    """Shrink the text of any card whose words are wider than the card (unusual letters, bold)."""
    renderer = fig.canvas.get_renderer()
    room = style.pad * fig.dpi
    for patch, label in pairs:
        card = patch.get_window_extent(renderer)
        for _ in range(8):
            words = label.get_window_extent(renderer)
            if words.width <= card.width - room and words.height <= card.height - room / 2:
                break
            label.set_fontsize(label.get_fontsize() * 0.92)
