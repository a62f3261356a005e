"""The live stakeholder editor: the group fills the analysis matrix and places each stakeholder on the grid.

Pick a stakeholder in the list (or "new stakeholder"), type in the boxes, choose importance
and influence from 1 to 5.  A change to a stakeholder already in the file is saved as soon
as the person leaves the box; a new one is saved with "Add stakeholder".  The grid
(`planet_lib.stakeholders.grid_figure`) and the checks (`check_stakeholders`) are redrawn
after every change.
"""

from __future__ import annotations

from .. import stakeholders as sh
from .rows import FormField, RowEditor


class StakeholderEditor(RowEditor):
    """Add, change and remove the stakeholders of `stakeholders.csv`; the grid redraws as you go.

    ``StakeholderEditor(folder, large_text=True)`` for a projector.  Show it as the last line
    of a cell (or ``display(editor.widget)``).
    """

    ARTEFACT = "stakeholders"
    TITLE = "Stakeholder analysis"
    KIND = "stakeholder"
    MODULE = sh
    MODEL = sh.Stakeholder
    NOUN = "stakeholder"
    ID_PREFIX = "S"
    FIELDS = (
        FormField("id", "Id"),
        FormField("name", "Name"),
        FormField("category", "Category", placeholder="e.g. public authority, civil society, media"),
        FormField("characteristics", "Characteristics", "long"),
        FormField("interests", "Interests", "long", "what they want, how the problem affects them"),
        FormField("capacity", "Capacity", "long"),
        FormField("motivation", "Motivation", "long"),
        FormField("importance", "Importance", "score"),
        FormField("influence", "Influence", "score"),
        FormField("actions", "Possible actions", "long"),
    )

    def _findings(self):
        return sh.check_stakeholders(self.rows(self.group))

    def _draw(self):
        people = self.rows(self.group)
        placed = sum(sh.quadrant(s) is not None for s in people)
        return (sh.grid_figure(people, large_text=self.large_text),
                f"Importance/influence grid: {placed} of {len(people)} stakeholders placed")

    def _label(self, row) -> str:
        box = sh.quadrant(row)
        return super()._label(row) + (f"  [box {box}]" if box else "")
