"""The importance/influence grid of a stakeholder analysis, drawn as a matplotlib Figure.

Influence runs across (x), importance up (y), as in the ODA grid, so box A (work closely with
them) is top right.  Every label is fitted into its cell before anything is drawn, using the
real width of the text, so labels never run into a neighbouring cell or onto each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from .stakeholders import HIGH, QUADRANTS, Stakeholder

SCORES = range(1, 6)
MAX_LABEL_LINES = 2  # a longer name is cut with "…" (the matrix shows it in full)
CROWDED = 3  # in a cell holding more stakeholders than this, each label gets one line
_SHADES = {"A": "#cde8c9", "B": "#cfe0f3", "C": "#f8d9c4", "D": "#ececec"}


@dataclass(frozen=True)
class _Look:
    font: float  # points
    cell_width: float  # inches

    @property
    def line(self) -> float:
        """Inches from one line of text to the next."""
        return self.font * 1.25 / 72

    @property
    def marker_room(self) -> float:
        """Inches at the left of a cell taken by the points, before the labels start."""
        return 1.4 * self.font / 72 + 0.04

    @property
    def gap(self) -> float:
        """Inches between two labels stacked in one cell."""
        return 0.35 * self.line


_NORMAL = _Look(font=11, cell_width=1.7)
_PROJECTOR = _Look(font=16, cell_width=2.1)


def grid_figure(stakeholders: list[Stakeholder], large_text: bool = False):
    """The importance/influence grid as a matplotlib Figure.

    Influence runs across (x), importance up (y), as in the ODA grid, so box A (work closely
    with them) is top right.  Stakeholders with the same two scores are stacked one under the
    other inside their cell, so no name hides another; a crowded row grows to make room.
    Stakeholders without both scores are listed in a note under the plot.  `large_text`
    sets bigger type for a projector.  The plot is drawn in inches upwards (y) and in score
    units across (x), so the layout can be planned before anything is drawn.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    look = _PROJECTOR if large_text else _NORMAL
    fig = Figure()
    FigureCanvasAgg(fig)
    plan = _Plan.make(stakeholders, look, _text_width(fig, look.font))
    fig.set_size_inches(plan.width, plan.height)
    ax = fig.add_axes(plan.axes_box())
    _draw_boxes(ax, plan)
    _draw_stakeholders(ax, plan)
    _label_axes(ax, plan)
    _add_unplaced_note(fig, plan)
    return fig


def _on_grid(s: Stakeholder) -> bool:
    return s.importance in SCORES and s.influence in SCORES


def _text_width(fig, font: float):
    """A function giving the printed width of a text, in inches, at this font size."""
    from matplotlib.font_manager import FontProperties

    renderer = fig.canvas.get_renderer()
    fonts = {False: FontProperties(size=font), True: FontProperties(size=font, weight="bold")}

    def width_of(text: str, bold: bool = False) -> float:
        width, _height, _descent = renderer.get_text_width_height_descent(text, fonts[bold], ismath=False)
        return width / fig.dpi

    return width_of


def _wrap(text: str, width: float, width_of, max_lines: int, bold: bool = False) -> list[str]:
    """Split `text` into lines no wider than `width` inches; cut what does not fit with '…'."""
    lines: list[str] = []
    for word in text.split():
        if lines and width_of(f"{lines[-1]} {word}", bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:  # the last line takes the rest, and is cut to fit
        lines = lines[:max_lines - 1] + [" ".join(lines[max_lines - 1:]) + "…"]
    return [_shorten(line, width, width_of, bold) for line in lines]


def _shorten(line: str, width: float, width_of, bold: bool) -> str:
    if width_of(line, bold) <= width:
        return line
    stem = line.rstrip("…")
    while stem and width_of(stem + "…", bold) > width:
        stem = stem[:-1]
    return stem.rstrip() + "…"


Cell = list[tuple[Stakeholder, list[str]]]  # the stakeholders in one cell, with their label lines


@dataclass
class _Plan:
    """Where everything goes, in inches, worked out before anything is drawn."""

    look: _Look
    cells: dict[tuple[int, int], Cell]  # keyed by (influence, importance)
    box_labels: dict[str, list[str]]
    note: list[str]
    rows: list[float]  # height of each importance row, 1 to 5
    band: float  # height of the strips above and below the grid holding the box labels
    left: float
    bottom: float
    top: float
    right: float = 0.3

    @classmethod
    def make(cls, stakeholders: list[Stakeholder], look: _Look, width_of) -> "_Plan":
        font = look.font / 72
        cells = _fill_cells(stakeholders, look, width_of)
        box_labels = {box: _wrap(f"{box}: {meaning}", _box_width(box, look) - 0.2, width_of, 3, bold=True)
                      for box, meaning in QUADRANTS.items()}
        rows = [max([_stack_height(cell, look) + look.line for (_x, y), cell in cells.items() if y == row]
                    + [0.7 * look.cell_width]) for row in SCORES]
        left, right = 2.4 * font + 0.35, cls.right
        unplaced = _unplaced_text(stakeholders, [s for s in stakeholders if not _on_grid(s)])
        return cls(look, cells, box_labels, _wrap(unplaced, 5 * look.cell_width + right - 0.1, width_of, 50),
                   rows, band=(max(map(len, box_labels.values())) + 0.6) * look.line,
                   left=left, bottom=2.9 * font + 0.35, top=1.8 * font + 0.3)

    @property
    def note_height(self) -> float:
        return (len(self.note) + 0.5) * self.look.line if self.note else 0.0

    @property
    def plot_height(self) -> float:
        return sum(self.rows) + 2 * self.band

    @property
    def width(self) -> float:
        return self.left + 5 * self.look.cell_width + self.right

    @property
    def height(self) -> float:
        return self.note_height + self.bottom + self.plot_height + self.top

    def axes_box(self) -> list[float]:
        return [self.left / self.width, (self.note_height + self.bottom) / self.height,
                5 * self.look.cell_width / self.width, self.plot_height / self.height]

    def row_bottom(self, score: int) -> float:
        return self.band + sum(self.rows[:score - 1])

    def row_centre(self, score: int) -> float:
        return self.row_bottom(score) + self.rows[score - 1] / 2


def _fill_cells(stakeholders: list[Stakeholder], look: _Look, width_of) -> dict[tuple[int, int], Cell]:
    """Group placed stakeholders by cell and fit each label into the cell's width."""
    placed: dict[tuple[int, int], list[Stakeholder]] = {}
    for s in filter(_on_grid, stakeholders):
        placed.setdefault((s.influence, s.importance), []).append(s)
    width = look.cell_width - look.marker_room - 0.08
    cells = {}
    for key, members in placed.items():
        max_lines = MAX_LABEL_LINES if len(members) <= CROWDED else 1
        cells[key] = [(s, _wrap(_label(s), width, width_of, max_lines)) for s in members]
    return cells


def _label(s: Stakeholder) -> str:
    return s.id if s.name in ("", s.id) else f"{s.id} {s.name}"


def _stack_height(cell: Cell, look: _Look) -> float:
    return sum(len(lines) * look.line for _s, lines in cell) + look.gap * (len(cell) - 1)


def _box_width(box: str, look: _Look) -> float:
    low_cells = HIGH - 1
    return look.cell_width * (low_cells if box in ("B", "D") else 5 - low_cells)


def _draw_boxes(ax, plan: _Plan) -> None:
    """Shade boxes A-D, draw the cell lines, and write each box's meaning in its strip."""
    x_edge, y_edge, y_top = HIGH - 0.5, plan.row_bottom(HIGH), plan.plot_height
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0, y_top)
    for box, lines in plan.box_labels.items():
        x0, x1 = (x_edge, 5.5) if box in ("A", "C") else (0.5, x_edge)
        y0, y1 = (y_edge, y_top) if box in ("A", "B") else (0, y_edge)
        ax.fill_between([x0, x1], y0, y1, color=_SHADES[box], zorder=0, linewidth=0, gid=f"box:{box}")
        label_y = y_top - plan.band / 2 if box in ("A", "B") else plan.band / 2
        ax.text(x0 + 0.1 / plan.look.cell_width, label_y, "\n".join(lines), gid=f"quadrant:{box}",
                fontsize=plan.look.font, fontweight="bold", color="#333333", va="center", ha="left",
                parse_math=False)
    grid_top = y_top - plan.band
    ax.vlines([1.5, 2.5, 3.5, 4.5], plan.band, grid_top, color="white", lw=1, zorder=1)
    ax.hlines([plan.row_bottom(row) for row in (2, 3, 4, 5)], 0.5, 5.5, color="white", lw=1, zorder=1)
    ax.axvline(x_edge, color="#555555", lw=2, zorder=2, gid="high-influence-edge")
    ax.axhline(y_edge, color="#555555", lw=2, zorder=2, gid="high-importance-edge")
    ax.hlines([plan.band, grid_top], 0.5, 5.5, color="#555555", lw=0.8, linestyles=":", zorder=2)


def _draw_stakeholders(ax, plan: _Plan) -> None:
    """One point and one label per stakeholder, stacked down the cell when scores are shared."""
    look = plan.look
    xs, ys = [], []
    for (x, y), cell in plan.cells.items():
        cursor = plan.row_centre(y) + _stack_height(cell, look) / 2
        left = x - 0.5 + 0.04 / look.cell_width
        for s, lines in cell:
            height = len(lines) * look.line
            xs.append(left + look.marker_room / 2 / look.cell_width)
            ys.append(cursor - height / 2)
            ax.text(left + look.marker_room / look.cell_width, cursor - height / 2, "\n".join(lines),
                    gid=f"stakeholder:{s.id}", fontsize=look.font, va="center", ha="left",
                    linespacing=1.1, parse_math=False, zorder=4)
            cursor -= height + look.gap
    ax.scatter(xs, ys, s=(0.55 * look.font) ** 2, color="#1f3b73", zorder=3, gid="stakeholder-points")


def _label_axes(ax, plan: _Plan) -> None:
    font = plan.look.font
    ax.set_xticks(list(SCORES), [str(n) for n in SCORES])
    ax.set_yticks([plan.row_centre(n) for n in SCORES], [str(n) for n in SCORES])
    ax.tick_params(labelsize=font)
    ax.set_xlabel("Influence over the project (1 = low, 5 = high)", fontsize=font)
    ax.set_ylabel("Importance to the project (1 = low, 5 = high)", fontsize=font)
    ax.set_title("Stakeholders by importance and influence", fontsize=font + 2, fontweight="bold")


def _unplaced_text(stakeholders: list[Stakeholder], unplaced: list[Stakeholder]) -> str:
    if not stakeholders:
        return "No stakeholders listed yet."
    if not unplaced:
        return ""
    names = "; ".join(_label(s) for s in unplaced)
    return f"Not on the grid yet (importance or influence missing): {names}"


def _add_unplaced_note(fig, plan: _Plan) -> None:
    if not plan.note:
        return
    fig.text(plan.left / plan.width, (plan.note_height - 0.25 * plan.look.line) / plan.height,
             "\n".join(plan.note), gid="unplaced-note", fontsize=plan.look.font, va="top", ha="left",
             parse_math=False)
