"""planet_lib: Project Cycle Management tools for the PLANET course kit.

The public API is listed in `__all__`.  Names are loaded on first use, so that
`import planet_lib` stays cheap (pandas and matplotlib load only when a table or a figure is
asked for).
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_API = {
    # errors and findings
    "WorkbookError": "errors", "InputProblem": "errors",
    "Finding": "findings", "as_frame": "findings", "codes": "findings",
    # the workbook
    "Group": "workbook.group", "Cohort": "workbook.group",
    "sample_cohort": "sample", "worked_example": "sample",
    "check_group": "check", "check_cohort": "check",
    # artefacts
    "Network": "network", "Partner": "network",
    "CohortInfo": "cohort", "Participant": "cohort", "Seminar": "cohort",
    "Stakeholder": "stakeholders",
    "Problem": "problems",
    "Objective": "objectives",
    "Strategy": "strategy", "Criterion": "strategy", "Option": "strategy",
    "Logframe": "logframe", "Statement": "logframe", "Indicator": "logframe", "Assumption": "logframe",
    "Activity": "schedule",
    "BudgetLine": "budget",
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'planet_lib' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"planet_lib.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
