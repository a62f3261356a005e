"""planet_lib: Project Cycle Management tools for the PLANET course kit.

The public API is listed in `__all__`.  Names are loaded on first use, so that
`import planet_lib` stays cheap (pandas and matplotlib load only when a table or a figure is
asked for).  `_API` maps each public name to the module that defines it, or to
"module:attribute" where the module's own name would be ambiguous at the top (several modules
have a `figure` or a `styled_matrix`).
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
    # the seminar notebooks: where they work and how they save
    "data_dir": "sample", "working_copy": "workspace", "save_checked": "workspace",
    "readable_figure": "figure_view", "ReadableFigure": "figure_view", "readable_dpi": "figure_view",
    "READABLE_TEXT_PX": "figure_view", "PROJECTOR_TEXT_PX": "figure_view",
    "only_errors": "findings:errors", "STAGE_FILES": "check",
    # programming (seminar 1)
    "Programming": "programming", "MunicipalityProfile": "programming", "Swot": "programming",
    "ThemeChoice": "programming", "SWOT_QUADRANTS": "programming", "PCM_PHASES": "programming",
    "check_programming": "programming", "check_swot": "programming", "check_theme": "programming",
    "context_table": "programming", "alignment_matrix": "programming", "suggest_theme": "programming",
    "priorities_table": "programming", "sources_table": "programming",
    "programme_rules_table": "programming:rules_table",
    "alignment_figure": "programming", "swot_figure": "programming", "cycle_figure": "programming",
    "lead_findings": "network", "duplicate_findings": "network",
    # identification (seminar 2)
    "stakeholder_matrix": "stakeholders:matrix", "styled_stakeholder_matrix": "stakeholders:styled_matrix",
    "stakeholder_grid_figure": "stakeholders:grid_figure", "is_filled": "stakeholders:filled",
    "WORDING_HINTS": "problems:HINTS", "strategy_figure": "strategy:figure",
    # formulation (seminar 3)
    "check_levels": "levels", "selected_objectives": "levels", "draft_logframe": "levels",
    "styled_logframe": "logframe:styled_matrix", "LOGFRAME_LEVELS": "logframe:LEVELS",
    "LOGFRAME_TEMPLATES": "logframe:TEMPLATES", "LOGFRAME_COLUMNS": "logframe:COLUMNS",
    "MATRIX_LEVELS": "logframe", "LEVEL_LABELS": "logframe", "LEVEL_NAMES": "logframe", "LIKELIHOODS": "logframe",
    "schedule_frame": "schedule", "budget_figure": "budget:figure", "budget_total": "budget:total",
    "summary_frame": "budget", "event_costs": "budget", "RULE_DESCRIPTIONS": "rules:RULES",
    # live editors (projected, never graded)
    "StakeholderEditor": "editors", "ProblemEditor": "editors", "ObjectiveEditor": "editors",
    "LogframeEditor": "editors",
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str):
    where = _API.get(name)
    if where is None:
        raise AttributeError(f"module 'planet_lib' has no attribute {name!r}")
    module, _, attribute = where.partition(":")
    value = getattr(importlib.import_module(f"planet_lib.{module}"), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
