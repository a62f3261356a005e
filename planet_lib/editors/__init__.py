"""Live editors for the group workbook, for the live parts of the seminars (ipywidgets).

The trainer projects JupyterLab and the group builds its analysis together, card by card:

- `StakeholderEditor(folder)`: the stakeholder matrix and the importance/influence grid;
- `ProblemEditor(folder)` and `ObjectiveEditor(folder)`: the problem and objective trees;
- `LogframeEditor(folder)`: objectives, results, indicators and assumptions of the logframe.

Each takes a group workbook folder and `large_text=True` for a projector; show it as the last
line of a cell, or `display(editor.widget)`.  Every change is written to the workbook files at
once; a file changed elsewhere is read again, never overwritten.  Graded notebook cells must
not depend on these editors (nbgrader cannot click).  See docs/live-editors.md.
"""

from __future__ import annotations

import importlib

_EDITORS = {"StakeholderEditor": "stakeholders", "ProblemEditor": "cards", "ObjectiveEditor": "cards",
            "LogframeEditor": "logframe"}

__all__ = sorted(_EDITORS)


def __getattr__(name: str):
    module = _EDITORS.get(name)
    if module is None:
        raise AttributeError(f"module 'planet_lib.editors' has no attribute {name!r}")
    return getattr(importlib.import_module(f"planet_lib.editors.{module}"), name)
