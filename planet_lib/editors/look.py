"""How the editors look: large type for a projector, findings as a list, figures as pictures.

Everything a person typed is HTML-escaped before it is shown.  Widgets carry CSS classes
(``planet-field-<column>``, ``planet-add``, ``planet-status``, ...) so that the page can be
styled, and tests in a real browser can find them.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Callable

import ipywidgets as w

from ..findings import Finding

STYLE = """<style>
.planet-editor .planet-status { min-height: 1.6em; }
.planet-editor .planet-msg-saved { color: #1d6b2f; }
.planet-editor .planet-msg-refused { color: #a4161a; font-weight: bold; }
.planet-editor .planet-msg-notice { color: #8a5a00; font-weight: bold; }
.planet-editor .planet-findings ul { margin: 0.2em 0 0.6em 0; padding-left: 1.2em; }
.planet-editor .planet-findings li { margin-bottom: 0.35em; line-height: 1.35; }
.planet-editor .planet-sev-error { color: #a4161a; font-weight: bold; }
.planet-editor .planet-sev-warning { color: #8a5a00; font-weight: bold; }
.planet-editor .planet-sev-info { color: #1f3b73; font-weight: bold; }
.planet-editor .planet-hint { color: #444; }
.planet-editor .planet-picture img { max-width: 100%; height: auto; }
.planet-large {
  --jp-widgets-font-size: 20px;
  --jp-widgets-inline-height: 40px;
  --jp-widgets-inline-width: 420px;
  font-size: 20px;
}
.planet-large .widget-html-content, .planet-large .widget-label { font-size: 20px; line-height: 1.4; }
.planet-large textarea { min-height: 4.2em; }
.planet-large input[type="checkbox"] { font-size: 20px; width: 1.2em; height: 1.2em; }
.planet-large h3 { font-size: 28px; }
</style>"""

_SEVERITY_WORDS = {"error": "Error", "warning": "Warning", "info": "Note"}
MESSAGE_MARKS = {"saved": "✔", "refused": "✖", "notice": "⚠"}


def findings_html(findings: list[Finding], heading: str) -> str:
    """Findings as a short list: what is wrong, then what to do (everything typed is escaped)."""
    if not findings:
        return f"<b>{html.escape(heading)}</b><br>Nothing to fix here."
    items = "".join(
        f"<li><span class='planet-sev-{f.severity}'>{_SEVERITY_WORDS[f.severity]}:</span> "
        f"{html.escape(f.message)} <span class='planet-hint'>{html.escape(f.hint)}</span></li>"
        for f in findings)
    return f"<b>{html.escape(heading)}</b><ul>{items}</ul>"


def count_line(findings: list[Finding], file: str) -> str:
    """'The checks find 1 error and 3 warnings in problems.csv.' for an overview at a glance."""
    counts = [(sum(f.severity == s for f in findings), word) for s, word in
              (("error", "error"), ("warning", "warning"), ("info", "note"))]
    parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in counts if n]
    if not parts:
        return f"The checks find nothing to fix in {file}."
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"The checks find {said} in {file}."


def about(findings: list[Finding], item: str | None) -> list[Finding]:
    """The findings about one item (``R1`` also takes ``R1 indicator 2``), then those about the whole file."""
    mine = [f for f in findings if item and f.item and (f.item == item or f.item.startswith(item + " "))]
    return mine + [f for f in findings if f.item is None]


def figure_output(fig, description: str) -> dict:
    """A matplotlib Figure as one PNG output for an Output widget (no pyplot, no shell needed)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return {"output_type": "display_data", "data": {"image/png": data, "text/plain": description},
            "metadata": {}}


# Widgets ---------------------------------------------------------------------------------------
def text_box(label: str, name: str, long: bool = False, placeholder: str = ""):
    """A text box that reports its value when the person leaves it (or presses Enter): one commit."""
    cls = w.Textarea if long else w.Text
    box = cls(description=label, placeholder=placeholder, continuous_update=False,
              layout=w.Layout(width="100%"), style={"description_width": "11em"})
    box.add_class(f"planet-field-{name}")
    return box


def choice_box(label: str, name: str, options: list | None = None):
    box = w.Dropdown(description=label, options=options or [], layout=w.Layout(width="100%"),
                     style={"description_width": "11em"})
    box.add_class(f"planet-{name}")
    return box


def button(label: str, name: str, on_click: Callable, style: str = ""):
    b = w.Button(description=label, button_style=style, layout=w.Layout(width="auto"))
    b.add_class(f"planet-{name}")
    b.on_click(lambda _button: on_click())
    return b
