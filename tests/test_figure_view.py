"""A tree shown at a readable size in a box that scrolls, instead of shrunk to the page width.

Screen sizes are computed, not measured in a browser: text of `s` points rendered at `dpi` is
``s * dpi / 72`` pixels high, and the picture is shown one image pixel per CSS pixel (its width
and height are set in pixels, `max-width: none`).
"""

from __future__ import annotations

import base64
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from planet_lib.editors import ObjectiveEditor, ProblemEditor
from planet_lib.figure_view import (MAX_PIXELS, MAX_SIDE, PROJECTOR_TEXT_PX, READABLE_TEXT_PX, body_font_size,
                                    png_size, readable_dpi, readable_figure, text_px_for)
from planet_lib.objectives import ObjectiveTree
from planet_lib.problems import Problem, ProblemTree
from planet_lib.tree_layout import LARGE, NORMAL
from planet_lib.workbook.group import Group
from test_editors import GROUP_YAML

CAUSES = ["Council meetings take place during school hours", "Notices are posted only on the town hall door",
          "Buses stop running at seven in the evening", "Youth clubs close in the summer",
          "Few jobs are offered to school leavers", "Sports halls are rented to adults only",
          "Town websites are not written for young readers", "Parents do not hear about youth activities"]


def forty_cards() -> list[Problem]:
    """A problem tree of 40 cards: a core problem, two effects, and causes branching below it."""
    cards = [Problem("P1", "Young people leave the towns of the network"),
             Problem("P2", "Young people see no future in their home town", ("P1",)),
             Problem("P3", "Few young people take part in town decisions", ("P2",), core=True)]
    for n in range(4, 41):
        parent = "P3" if n < 10 else f"P{4 + (n - 10) % 6}"
        cards.append(Problem(f"P{n}", f"{CAUSES[n % len(CAUSES)]} ({n})", (parent,)))
    return cards


def three_cards() -> list[Problem]:
    return forty_cards()[:3]


def card_font_sizes(fig) -> list[float]:
    return [t.get_fontsize() for t in fig.findobj(Text) if (t.get_gid() or "").startswith("text:")]


class Elements(HTMLParser):
    """The start tags of an HTML snippet with their attributes: {tag: [attrs, ...]}."""

    def __init__(self, text: str):
        super().__init__()
        self.found: dict[str, list[dict]] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.found.setdefault(tag, []).append(dict(attrs))


def styles(attrs: dict) -> dict[str, str]:
    return {k.strip(): v.strip() for k, v in (part.split(":", 1) for part in attrs.get("style", "").split(";")
                                              if part.strip())}


def image_in(html_text: str) -> bytes:
    src = Elements(html_text).found["img"][0]["src"]
    head, data = src.split(",", 1)
    assert head == "data:image/png;base64"
    return base64.b64decode(data)


def png_at(fig, dpi: int) -> bytes:
    """The figure rendered the plain matplotlib way, independently of the code under test."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


# the size of the text ----------------------------------------------------------------------------
@pytest.mark.parametrize("large_text", [False, True])
def test_the_card_text_of_a_forty_card_tree_reaches_the_size_asked(large_text):
    fig = ProblemTree(forty_cards()).draw(large_text=large_text)
    text_px = text_px_for(large_text)
    view = readable_figure(fig, "Problem tree of 40 cards", text_px)
    sizes = card_font_sizes(fig)
    assert len(sizes) == 40
    card_points = (LARGE if large_text else NORMAL).font_size
    assert body_font_size(fig) == card_points  # the title and the caption, in other sizes, do not decide
    on_screen = min(sizes) * view.dpi / 72
    assert on_screen >= text_px  # every card: 16 px (22 px on a projector) or more
    assert card_points * (view.dpi - 1) / 72 < text_px  # one dpi less would not reach it: nothing wasted
    width, _ = view.size
    assert width > 3000  # far wider than any screen: the box scrolls sideways
    shrunk = card_points * view.dpi / 72 * 1280 / width
    assert shrunk < 7  # what shrinking it to a 1280 px page would have left of the card text


@pytest.mark.parametrize("points, text_px, dpi", [(9, 16, 128), (14, 22, 114), (14, 16, 83), (36, 16, 32)])
def test_the_dpi_is_the_lowest_that_reaches_the_text_size(points, text_px, dpi):
    fig = Figure(figsize=(4, 3))
    fig.text(0.1, 0.5, "Young people leave the towns", fontsize=points)
    assert readable_dpi(fig, text_px) == dpi
    assert points * dpi / 72 >= text_px > points * (dpi - 1) / 72


def test_the_body_size_is_the_text_on_the_drawing_not_the_axis_ticks():
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.plot(range(100), range(100))  # tick labels at the default 10 points
    ax.text(10, 10, "Young people leave the towns, card one", fontsize=12)
    ax.text(10, 40, "Few jobs for school leavers, card two", fontsize=12)
    ax.set_title("A title in another size", fontsize=20)
    fig.text(0.01, 0.01, "A long caption in small type that has more letters than all the cards together",
             fontsize=7)
    assert body_font_size(fig) == 12


@pytest.mark.parametrize("count", [1, 2, 3, 40])
@pytest.mark.parametrize("large_text", [False, True])
def test_the_body_size_of_a_tree_is_its_card_size_however_few_cards(count, large_text):
    fig = ProblemTree(forty_cards()[:count]).draw(large_text=large_text)  # with its title and long caption
    assert body_font_size(fig) == (LARGE if large_text else NORMAL).font_size


def test_a_picture_too_big_to_render_gets_smaller_text_instead_of_failing():
    fig = Figure(figsize=(900, 12))  # hundreds of cards in one row
    fig.text(0.01, 0.5, "A card", fontsize=9)
    dpi = readable_dpi(fig, READABLE_TEXT_PX)
    assert dpi < 128
    assert 900 * dpi < MAX_SIDE and 900 * 12 * dpi ** 2 <= MAX_PIXELS


# the box scrolls, the picture keeps its size --------------------------------------------------------
def test_the_picture_scrolls_in_its_box_instead_of_shrinking():
    fig = ProblemTree(forty_cards()).draw(large_text=True)
    description = 'Problem tree of "Green towns" & 40 cards <draft>'
    view = readable_figure(fig, description, PROJECTOR_TEXT_PX, max_height="70vh")
    html_text = view.html()
    found = Elements(html_text).found
    assert set(found) == {"div", "img"} and "<script" not in html_text
    box, img = found["div"][0], found["img"][0]
    assert styles(box)["overflow"] == "auto" and styles(box)["max-height"] == "70vh"
    width, height = png_size(image_in(html_text))
    look = styles(img)
    assert look["max-width"] == "none"  # wins over JupyterLab's "img { max-width: 100% }"
    assert (look["width"], look["height"]) == (f"{width}px", f"{height}px")
    assert (img["width"], img["height"]) == (str(width), str(height))
    assert "%" not in img["style"] + img["width"] + img["height"]
    assert img["alt"] == img["title"] == box["aria-label"] == description  # kept, and escaped on the way


def test_the_image_is_a_png_of_the_figure_at_the_chosen_dpi():
    fig = ProblemTree(forty_cards()).draw()
    view = readable_figure(fig, "Problem tree of 40 cards")
    png = image_in(view.html())
    with Image.open(io.BytesIO(png)) as picture:
        picture.load()  # decodes every pixel, not only the header
        size = picture.size
    inches = fig.get_size_inches()
    assert abs(size[0] - inches[0] * view.dpi) <= 1 and abs(size[1] - inches[1] * view.dpi) <= 1
    assert size == view.size
    data, metadata = view.mimebundle()
    assert base64.b64decode(data["image/png"]) == png  # the same picture for front ends without HTML
    assert metadata["image/png"]["width"] == size[0] and data["text/plain"] == "Problem tree of 40 cards"
    assert png == png_at(fig, view.dpi)  # the figure itself, rendered at that dpi, nothing else


def test_a_small_tree_is_not_blown_up_to_fill_the_page():
    small, big = ProblemTree(three_cards()).draw(), ProblemTree(forty_cards()).draw()
    small_view, big_view = readable_figure(small, "small"), readable_figure(big, "big")
    assert small_view.dpi == big_view.dpi == 128  # the size follows the text, not the page
    width, height = small_view.size
    inches = small.get_size_inches()
    assert (width, height) == (round(inches[0] * 128), round(inches[1] * 128))
    assert width < 900  # narrower than a notebook page: shown as it is, no scrolling needed
    assert "100%" not in Elements(small_view.html()).found["img"][0]["style"]


# in the tree editors --------------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path) -> Path:
    """A group with a 40-card problem tree and a two-card objective tree."""
    folder = tmp_path / "gtest"
    folder.mkdir()
    (folder / "group.yaml").write_text(GROUP_YAML, encoding="utf-8")
    rows = [f'{c.id},"{c.statement}",{";".join(c.leads_to)},{"yes" if c.core else ""}' for c in forty_cards()]
    (folder / "problems.csv").write_text("id,statement,leads_to,core\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (folder / "objectives.csv").write_text(
        "id,statement,leads_to,from_problem,cluster,intermediate\n"
        "O3,More young people take part in town decisions,,P3,,\n"
        "O4,Council meetings take place after school hours,O3,P4,,\n", encoding="utf-8")
    return folder


def shown(editor) -> dict:
    (output,) = editor.picture.outputs
    return output["data"]


def test_the_problem_editor_shows_the_tree_from_disk_readable_on_a_projector(folder):
    editor = ProblemEditor(folder, large_text=True)
    data = shown(editor)
    png = image_in(data["text/html"])
    assert base64.b64decode(data["image/png"]) == png  # what a test or a front end without HTML reads
    from_disk = ProblemTree(Group.load(folder).problems).draw(large_text=True)
    dpi = readable_dpi(from_disk, PROJECTOR_TEXT_PX)
    assert min(card_font_sizes(from_disk)) * dpi / 72 >= 22
    assert png == png_at(from_disk, dpi)  # the picture shown is the tree the file says
    assert Elements(data["text/html"]).found["img"][0]["alt"] == "Problem tree of 40 cards"

    assert editor.add(id="P41", statement="Youth council minutes are not published", leads_to="P3")
    after = image_in(shown(editor)["text/html"])
    from_disk = ProblemTree(Group.load(folder).problems).draw(large_text=True)
    assert after != png and after == png_at(from_disk, readable_dpi(from_disk, PROJECTOR_TEXT_PX))


def test_the_objective_editor_scrolls_too_at_normal_size(folder):
    editor = ObjectiveEditor(folder)
    data = shown(editor)
    box = Elements(data["text/html"]).found["div"][0]
    assert styles(box)["overflow"] == "auto"
    group = Group.load(folder)
    from_disk = ObjectiveTree(group.objectives, group.problems).draw()
    assert image_in(data["text/html"]) == png_at(from_disk, readable_dpi(from_disk, READABLE_TEXT_PX))
    assert readable_dpi(from_disk, READABLE_TEXT_PX) == 128  # 9-point cards at 16 px
