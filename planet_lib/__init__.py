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
    # the network and the programme's rules
    "Network": "network", "Partner": "network", "partner_table": "network",
    "RuleSet": "rules", "load_ruleset": "rules", "available_rulesets": "rules",
    "check_eligibility": "eligibility", "is_member_state": "membership",
    "CohortInfo": "cohort", "Participant": "cohort", "Seminar": "cohort",
    # identification: stakeholders, problems, objectives, strategy
    "Stakeholder": "stakeholders", "QUADRANTS": "stakeholders", "quadrant": "stakeholders",
    "check_stakeholders": "stakeholders",
    "Problem": "problems", "ProblemTree": "problems", "check_problems": "problems",
    "check_statement": "problems",
    "Objective": "objectives", "ObjectiveTree": "objectives", "mirror": "objectives",
    "check_objectives": "objectives",
    "Strategy": "strategy", "Criterion": "strategy", "Option": "strategy",
    "score_table": "strategy", "ranking": "strategy", "selected_option": "strategy",
    "check_strategy": "strategy",
    # formulation: logframe, schedule, budget
    "Logframe": "logframe", "Statement": "logframe", "Indicator": "logframe", "Assumption": "logframe",
    "assess_assumption": "logframe", "check_logframe": "logframe",
    "Activity": "schedule", "gantt": "schedule", "check_schedule": "schedule",
    "BudgetLine": "budget", "check_budget": "budget",
    # exports a group sends to partners
    "export_logframe_xlsx": "exports", "import_logframe_xlsx": "exports",
    "export_schedule_xlsx": "exports", "export_budget_xlsx": "exports",
    "export_workbook_xlsx": "exports", "logframe_html": "exports",
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
