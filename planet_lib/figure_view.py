"""Show a figure in a notebook at a size people can read from the back of the room.

JupyterLab (and a notebook exported to HTML) shrinks every picture to the width of the page.
A problem tree of 30 or 40 cards is several metres of wall wide, so on the projector its cards
shrink to a few pixels of text.  `readable_figure` does the opposite: it renders the Figure at
the resolution where its text reaches a chosen size in screen pixels (about 16 px to read on a
screen, 22 px on a projector) and shows the picture at exactly that size in a box that scrolls
sideways, and downwards past a maximum height, instead of shrinking it.  A small tree stays
small: the size depends on the text, never on the width of the page.

The result is plain HTML (a ``<div>`` with ``overflow: auto`` holding an ``<img>`` with the PNG
inside it, its description as alt text and title), with no JavaScript, so it looks the same in
JupyterLab, in an ipywidgets Output and in a notebook exported to HTML.  The same PNG is also
given as ``image/png`` for front ends that show no HTML.

Sizes: a point is 1/72 inch, so text of `s` points rendered at `dpi` dots per inch is
``s * dpi / 72`` pixels high.  The picture is shown one image pixel per CSS pixel.
"""

from __future__ import annotations

import base64
import html
import io
import math
import struct
from dataclasses import dataclass
from functools import cached_property

READABLE_TEXT_PX = 16
"""Text size (CSS pixels) for a picture read on a screen or a laptop."""

PROJECTOR_TEXT_PX = 22
"""Text size (CSS pixels) for a picture projected for a room (the editors' ``large_text=True``)."""

MAX_HEIGHT = "80vh"
"""Default highest box before it scrolls downwards: most of the screen, so the form stays in reach."""

MAX_PIXELS = 25_000_000
"""Largest picture rendered (width x height); beyond it the text gets smaller rather than the kernel
running out of memory (a tree of about 40 cards in large type is under 9 million)."""

MAX_SIDE = 65_000
"""Largest width or height in pixels: matplotlib cannot draw 2**16 pixels or more in one direction."""


def text_px_for(large_text: bool) -> int:
    """The text size to aim for: `PROJECTOR_TEXT_PX` when projecting, `READABLE_TEXT_PX` otherwise."""
    return PROJECTOR_TEXT_PX if large_text else READABLE_TEXT_PX


def body_font_size(fig) -> float:
    """The font size (points) of the figure's ordinary text: the card text of a tree.

    The middle size (the lower median) of the texts placed on the drawing (``ax.text``,
    ``fig.text``; not the axis ticks), each text counted once: a title, a caption or a card whose
    text was made smaller to fit does not decide.  10 points (matplotlib's default) without text.
    """
    texts = [t for ax in fig.axes for t in ax.texts] + list(fig.texts)
    sizes = sorted(t.get_fontsize() for t in texts if t.get_visible() and t.get_text().strip())
    return sizes[(len(sizes) - 1) // 2] if sizes else 10.0


def readable_dpi(fig, text_px: float = READABLE_TEXT_PX, font_size: float | None = None) -> int:
    """The lowest whole dpi at which text of `font_size` points is `text_px` pixels high or more.

    `font_size` defaults to `body_font_size(fig)`.  Lowered only when the picture would be
    larger than `MAX_PIXELS` or `MAX_SIDE` (then the text is smaller than asked).
    """
    points = font_size if font_size is not None else body_font_size(fig)
    wanted = math.ceil(text_px * 72 / points - 1e-9)
    width, height = fig.get_size_inches()
    largest = min(math.sqrt(MAX_PIXELS / (width * height)), (MAX_SIDE - 1) / max(width, height))
    return max(1, min(wanted, math.floor(largest)))


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, read from the PNG header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    return struct.unpack(">II", png[16:24])


def render_png(fig, dpi: int) -> bytes:
    """The whole Figure as PNG bytes at `dpi`, whatever ``savefig.bbox`` a matplotlibrc sets."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"savefig.bbox": "standard"}):
        fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


@dataclass(frozen=True)
class ReadableFigure:
    """A rendered picture and how to show it: the last line of a cell shows it in its scroll box."""

    png: bytes
    dpi: int
    description: str
    max_height: str = MAX_HEIGHT

    @cached_property
    def size(self) -> tuple[int, int]:
        """Width and height in pixels; the picture is shown at exactly this size."""
        return png_size(self.png)

    @cached_property
    def png_base64(self) -> str:
        return base64.b64encode(self.png).decode("ascii")

    def html(self) -> str:
        """A box that scrolls (``overflow: auto``) around the picture at its own size.

        ``max-width: none`` (inline, so it wins over the notebook's ``max-width: 100%``) and
        width and height in pixels keep the picture from being shrunk to the page.
        """
        width, height = self.size
        said = html.escape(self.description, quote=True)
        box = f"overflow: auto; max-width: 100%; max-height: {html.escape(self.max_height, quote=True)};"
        picture = f"display: block; max-width: none; width: {width}px; height: {height}px;"
        return (f'<div class="planet-scroll-box" role="region" aria-label="{said}" tabindex="0" '
                f'style="{box}">'
                f'<img class="jp-mod-unconfined" src="data:image/png;base64,{self.png_base64}" '
                f'alt="{said}" title="{said}" width="{width}" height="{height}" style="{picture}">'
                "</div>")

    def mimebundle(self) -> tuple[dict, dict]:
        """(data, metadata) as a notebook output holds them: HTML first, the bare PNG for the rest."""
        width, height = self.size
        data = {"text/html": self.html(), "image/png": self.png_base64, "text/plain": self.description}
        metadata = {"image/png": {"width": width, "height": height, "unconfined": True}}
        return data, metadata

    def output(self) -> dict:
        """The picture as one output of an ipywidgets ``Output`` (its ``outputs`` tuple)."""
        data, metadata = self.mimebundle()
        return {"output_type": "display_data", "data": data, "metadata": metadata}

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.mimebundle()


def readable_figure(fig, description: str, text_px: float = READABLE_TEXT_PX, font_size: float | None = None,
                    max_height: str = MAX_HEIGHT) -> ReadableFigure:
    """`fig` rendered so its text is `text_px` pixels high, to show in a box that scrolls.

    `description` is the alt text and title of the picture (say what it shows, e.g. "Problem
    tree of 32 cards").  `font_size`: the text size (points) to make readable, by default the
    size most of the figure's text uses (`body_font_size`).  `max_height`: a CSS length, the
    highest the box grows before it scrolls downwards.

    In a notebook, ``readable_figure(tree.draw(large_text=True), "Problem tree", PROJECTOR_TEXT_PX)``
    as the last line of a cell shows it.
    """
    dpi = readable_dpi(fig, text_px, font_size)
    return ReadableFigure(render_png(fig, dpi), dpi, description, max_height)
