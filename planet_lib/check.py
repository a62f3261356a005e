"""`check_group` and `check_cohort`: every check of the kit, in one pipeline.

Each PCM tool module owns its checks and exposes `findings(group)`; this module only runs
them in the order of the project cycle, so that `planet check`, the notebooks' test cells,
the graders and the reports all get the same findings from the same code.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from .findings import Finding, info
from .workbook.group import Cohort, Group

# (artefact attribute, module that checks it, the stage name a person would use)
PIPELINE = (
    ("network", "network", "network (group.yaml)"),
    ("programming", "programming", "network priorities and SWOT"),
    ("stakeholders", "stakeholders", "stakeholder analysis"),
    ("problems", "problems", "problem tree"),
    ("objectives", "objectives", "objective tree"),
    ("strategy", "strategy", "strategy"),
    ("logframe", "logframe", "logframe"),
    ("activities", "schedule", "activity schedule"),
    ("budget", "budget", "budget"),
    ("dissemination", "dissemination", "dissemination plan"),
)

STAGE_FILES = {
    "network": "group.yaml", "stakeholders": "stakeholders.csv", "problems": "problems.csv",
    "objectives": "objectives.csv", "strategy": "strategy.yaml", "logframe": "logframe.yaml",
    "activities": "activities.csv", "budget": "budget.csv",
    "programming": "programming.yaml", "dissemination": "dissemination.yaml",
}


def check_group(group: Group | str | Path) -> list[Finding]:
    """Every finding for one group, in the order of the project cycle."""
    if not isinstance(group, Group):
        group = Group.load(group)
    out: list[Finding] = []
    for note in group.notes:
        out.append(info("file.encoding", note.split(" ", 1)[0].rsplit("/", 1)[-1], None, note,
                        "If letters look wrong, save the file again as 'CSV UTF-8' from your spreadsheet program."))
    for attr, module_name, stage in PIPELINE:
        if getattr(group, attr) is None:
            out.append(info("stage.not_started", STAGE_FILES[attr], None,
                            f"The {stage} is not done yet: there is no {STAGE_FILES[attr]}.",
                            "This is expected if your group has not reached this stage."))
            continue
        module = importlib.import_module(f"planet_lib.{module_name}")
        check = getattr(module, "findings", None)
        if check is not None:
            out.extend(check(group))
    return out


def check_cohort(cohort: Cohort | str | Path) -> dict[str, list[Finding]]:
    """Findings per group id for a whole cohort."""
    if not isinstance(cohort, Cohort):
        cohort = Cohort.load(cohort)
    return {g.folder.name: check_group(g) for g in cohort.groups}
