"""The pictures of the programming phase: the project cycle, the alignment heatmap, the SWOT grid.

Each figure is planned in inches before it is drawn: every text is measured with the real
renderer, wrapped until it fits its box, and the figure is sized to what it holds, so no text
runs out of its box or onto another, whatever the group wrote.  Artists carry ids (``gid``)
so tests and trainers can find them: ``swot-box-strengths``, ``swot-text-strengths``;
``cell-<row>-<col>``, ``score-<row>-<col>``, ``col-<col>``, ``row-<row>``, ``total-<col>``,
``suggested``; ``phase-<n>``, ``phase-box-<n>``, ``stage-<n>``.
"""

from __future__ import annotations

import math
import textwrap

from .programming import PCM_PHASES, SWOT_QUADRANTS, Programming, Swot, alignment_matrix, suggest_theme

DPI = 100
_SWOT_LOOK = {
    "strengths": ("Strengths", "#d9ead3"), "weaknesses": ("Weaknesses", "#fce5cd"),
    "opportunities": ("Opportunities", "#cfe2f3"), "threats": ("Threats", "#f4cccc"),
}
_SCORE_COLOURS = {0: "#f4f4f4", 1: "#b7dfa0", 2: "#3f8f29"}


def _new_figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    return fig, ax


def _size(fig, text) -> tuple[float, float]:
    """Width and height of a text artist, in inches."""
    box = text.get_window_extent(fig.canvas.get_renderer())
    return box.width / DPI, box.height / DPI


def _fit(fig, text, entries: list[str], width: float, bullet: str = "• ") -> None:
    """Wrap `entries` (one bullet each) into `text`, narrower and narrower until it fits `width` inches."""
    chars = max(8, int(width * 72 / (text.get_fontsize() * 0.38)))
    while True:
        lines = []
        for entry in entries:
            lines += textwrap.wrap(entry, max(4, chars - len(bullet)), initial_indent=bullet,
                                   subsequent_indent=" " * len(bullet) * 2, break_long_words=True) or [bullet]
        text.set_text("\n".join(lines))
        if _size(fig, text)[0] <= width or chars <= 8:
            return
        chars -= 2


def _inch_axes(fig, ax, width: float, height: float, y_down: bool = True) -> None:
    fig.set_size_inches(width, height)
    ax.set_xlim(0, width)
    ax.set_ylim((height, 0) if y_down else (0, height))


# SWOT ---------------------------------------------------------------------------------------
def swot_figure(swot: Swot, large_text: bool = False):
    """Strengths | weaknesses over opportunities | threats, each entry a wrapped bullet."""
    from matplotlib.patches import Rectangle

    font = 15 if large_text else 10.5
    box_w, pad, top, gap = (5.6 if large_text else 4.4), 0.14, 0.4, 0.08
    left = font / 72 * 1.6 + 0.15  # room for the side labels
    fig, ax = _new_figure()
    titles, bodies, heights = {}, {}, {}
    for name in SWOT_QUADRANTS:
        label, _colour = _SWOT_LOOK[name]
        titles[name] = ax.text(0, 0, label, fontsize=font * 1.15, fontweight="bold", va="top", ha="left",
                               gid=f"swot-title-{name}")
        entries = swot.quadrant(name)
        bodies[name] = ax.text(0, 0, "", fontsize=font, va="top", ha="left", linespacing=1.35, parse_math=False,
                               gid=f"swot-text-{name}", color="#222" if entries else "#777",
                               fontstyle="normal" if entries else "italic")
        _fit(fig, bodies[name], entries or ["(nothing yet)"], box_w - 2 * pad, bullet="• " if entries else "")
        heights[name] = pad + _size(fig, titles[name])[1] + gap + _size(fig, bodies[name])[1] + pad
    row_h = [max(1.3, heights["strengths"], heights["weaknesses"]),
             max(1.3, heights["opportunities"], heights["threats"])]
    width, height = left + 2 * box_w + 0.1, top + sum(row_h) + 0.2 + font / 72 * 1.4
    _inch_axes(fig, ax, width, height)
    for i, name in enumerate(SWOT_QUADRANTS):
        row, col = divmod(i, 2)
        x, y = left + col * box_w, top + sum(row_h[:row])
        ax.add_patch(Rectangle((x, y), box_w, row_h[row], facecolor=_SWOT_LOOK[name][1], edgecolor="#555",
                               linewidth=1.0, gid=f"swot-box-{name}"))
        titles[name].set_position((x + pad, y + pad))
        bodies[name].set_position((x + pad, y + pad + _size(fig, titles[name])[1] + gap))
    small = font * 0.95
    for col, label in enumerate(("Helpful to the network", "Harmful to the network")):
        ax.text(left + (col + 0.5) * box_w, top / 2, label, ha="center", va="center", fontsize=small,
                color="#444", gid=f"swot-col-{col}")
    for row, label in enumerate(("Internal", "External")):
        ax.text(left / 2, top + sum(row_h[:row]) + row_h[row] / 2, label, ha="center", va="center", rotation=90,
                fontsize=small, color="#444", gid=f"swot-row-{row}")
    ax.text(left, top + sum(row_h) + 0.1, "Internal: what the towns control.   External: what they do not control.",
            ha="left", va="top", fontsize=small * 0.9, color="#444", gid="swot-caption")
    return fig


# alignment heatmap -----------------------------------------------------------------------------
def alignment_figure(programming: Programming, ruleset, large_text: bool = False):
    """Towns down, programme priorities across, each cell its score 0-2; totals under; best framed."""
    from matplotlib.patches import Rectangle

    font = 14 if large_text else 9.5
    frame = alignment_matrix(programming, ruleset)
    fig, ax = _new_figure()
    if frame.empty:
        _inch_axes(fig, ax, 5, 1)
        ax.text(2.5, 0.5, "No town has alignment scores yet.", ha="center", va="center", fontsize=font)
        return fig
    pad = font / 72 * 0.6
    cols = [ax.text(0, 0, _wrap_id(pid), fontsize=font, ha="center", va="bottom", fontweight="bold",
                    linespacing=1.15, gid=f"col-{c}") for c, pid in enumerate(frame.columns)]
    rows = [ax.text(0, 0, name, fontsize=font, ha="right", va="center", gid=f"row-{r}")
            for r, name in enumerate(frame.index)]
    total_label = ax.text(0, 0, "Total", fontsize=font, ha="right", va="center", fontweight="bold")
    cell_w = max(0.75, *(_size(fig, t)[0] + 2 * pad for t in cols))
    cell_h = font / 72 * 2.1
    label_w = max(_size(fig, t)[0] for t in [*rows, total_label]) + 2 * pad
    head_h = max(_size(fig, t)[1] for t in cols) + 2 * pad
    legend = ax.text(0, 0, "0 no link    1 some link    2 a direct match    framed: highest total",
                     fontsize=font * 0.9, color="#444", ha="left", va="top")
    n_rows, n_cols = frame.shape
    width = max(0.2 + label_w + n_cols * cell_w + 0.2, 0.4 + _size(fig, legend)[0])
    height = 0.15 + head_h + (n_rows + 1) * cell_h + 0.15 + _size(fig, legend)[1] + 0.2
    _inch_axes(fig, ax, width, height)
    x0, y0 = 0.2 + label_w, 0.15 + head_h
    for c, t in enumerate(cols):
        t.set_position((x0 + (c + 0.5) * cell_w, y0 - pad))
    for r, t in enumerate(rows):
        t.set_position((x0 - pad, y0 + (r + 0.5) * cell_h))
        for c, score in enumerate(frame.iloc[r]):
            colour = _SCORE_COLOURS.get(int(score), "#ffffff")
            ax.add_patch(Rectangle((x0 + c * cell_w, y0 + r * cell_h), cell_w, cell_h, facecolor=colour,
                                   edgecolor="white", linewidth=1.5, gid=f"cell-{r}-{c}"))
            ax.text(x0 + (c + 0.5) * cell_w, y0 + (r + 0.5) * cell_h, str(int(score)), ha="center", va="center",
                    fontsize=font, color="white" if int(score) >= 2 else "#222", gid=f"score-{r}-{c}")
    totals = frame.sum(axis=0)
    y_total = y0 + n_rows * cell_h
    total_label.set_position((x0 - pad, y_total + 0.5 * cell_h))
    for c, value in enumerate(totals):
        ax.text(x0 + (c + 0.5) * cell_w, y_total + 0.5 * cell_h, str(int(value)), ha="center", va="center",
                fontsize=font, fontweight="bold", gid=f"total-{c}")
    best = suggest_theme(programming, ruleset)
    if best is not None:
        c = list(frame.columns).index(best.id)
        ax.add_patch(Rectangle((x0 + c * cell_w, y0 - head_h + pad / 2), cell_w, head_h - pad / 2 + (n_rows + 1) * cell_h,
                               fill=False, edgecolor="#c0392b", linewidth=2.5, gid="suggested", zorder=4))
    legend.set_position((0.2, y_total + cell_h + 0.15))
    return fig


def _wrap_id(pid: str, width: int = 11) -> str:
    """A priority id broken after its hyphens into lines of about `width` characters."""
    parts = [p + "-" for p in pid.split("-")]
    parts[-1] = parts[-1][:-1]
    lines = [""]
    for part in parts:
        if lines[-1] and len(lines[-1]) + len(part) > width:
            lines.append("")
        lines[-1] += part
    return "\n".join(lines)


# the project cycle ---------------------------------------------------------------------------------
def cycle_figure(current: str | None, stages: dict[str, str]):
    """The five PCM phases clockwise from the top, arrows between them, the course's stages beside."""
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    font = 12
    fig, ax = _new_figure()
    names = [ax.text(0, 0, phase, fontsize=font, fontweight="bold", ha="center", va="center", zorder=3,
                     gid=f"phase-{n}") for n, phase in enumerate(PCM_PHASES)]
    labels = [ax.text(0, 0, textwrap.fill(stages.get(phase, ""), 18), fontsize=font * 0.85, fontstyle="italic",
                      color="#444", linespacing=1.2, gid=f"stage-{n}") for n, phase in enumerate(PCM_PHASES)]
    pad = 0.14
    half = [(_size(fig, t)[0] / 2 + pad, _size(fig, t)[1] / 2 + pad) for t in names]
    widest = max(2 * a for a, _b in half)
    radius = max(2.0, (widest + 0.45) / (2 * math.sin(math.pi / 5)))
    centres, label_boxes = [], []
    for n, label in enumerate(labels):
        angle = math.radians(90 - 72 * n)
        dx, dy = math.cos(angle), math.sin(angle)
        cx, cy = radius * dx, radius * dy
        centres.append((cx, cy))
        a, b = half[n]
        if dy > 0.5:  # the top phase: its label above
            ha, va, ax_, ay_ = "center", "bottom", cx, cy + b + 0.08
        elif dy < -0.5:  # the bottom phases: below
            ha, va, ax_, ay_ = "center", "top", cx, cy - b - 0.08
        else:  # the side phases: beside, on the outer side
            ha, va = ("left", "center") if dx > 0 else ("right", "center")
            ax_, ay_ = cx + (a + 0.1 if dx > 0 else -a - 0.1), cy
        label.set_ha(ha)
        label.set_va(va)
        label.set_position((ax_, ay_))
        w, h = _size(fig, label)
        x_left = ax_ - {"left": 0, "right": w, "center": w / 2}[ha]
        y_low = ay_ - {"bottom": 0, "top": h, "center": h / 2}[va]
        label_boxes.append((x_left, y_low, x_left + w, y_low + h))
    boxes = [(cx - a, cy - b, cx + a, cy + b) for (cx, cy), (a, b) in zip(centres, half)]
    every = boxes + label_boxes
    xmin, ymin = min(b[0] for b in every) - 0.25, min(b[1] for b in every) - 0.25
    xmax, ymax = max(b[2] for b in every) + 0.25, max(b[3] for b in every) + 0.25
    fig.set_size_inches(xmax - xmin, ymax - ymin)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    patches = []
    for n, ((cx, cy), (a, b)) in enumerate(zip(centres, half)):
        names[n].set_position((cx, cy))
        highlight = PCM_PHASES[n] == current
        patch = FancyBboxPatch((cx - a, cy - b), 2 * a, 2 * b, boxstyle="round,pad=0,rounding_size=0.12",
                               facecolor="#f6b26b" if highlight else "#e3ebf6", edgecolor="#333",
                               linewidth=2.0 if highlight else 1.0, zorder=2, gid=f"phase-box-{n}")
        ax.add_patch(patch)
        patches.append(patch)
    for n in range(len(PCM_PHASES)):
        m = (n + 1) % len(PCM_PHASES)
        ax.add_patch(FancyArrowPatch(centres[n], centres[m], patchA=patches[n], patchB=patches[m],
                                     connectionstyle="arc3,rad=-0.25", arrowstyle="-|>", mutation_scale=18,
                                     color="#555", linewidth=1.4, zorder=1, shrinkA=4, shrinkB=4))
    ax.text(0, 0, "Project Cycle\nManagement\n(EC Guidelines 2004)", ha="center", va="center",
            fontsize=font * 0.9, color="#666", gid="cycle-title")
    return fig
