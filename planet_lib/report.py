"""The group report: a working group's whole plan, readable by someone who never saw the notebooks.

`dissemination/group_report.ipynb` is a thin papermill template: each of its code cells calls
one method of `GroupReport` and shows what it returns.  Trainers change the report's words by
editing the notebook's text cells; what is shown lives here, where it is tested.

Every section returns a `Block` (HTML that a notebook displays by itself).  A stage the group
has not reached shows as "not yet done", never as an error.  Figures are embedded as PNG
images, so the exported HTML file is complete on its own (it can be mailed or put on a USB key).
`GroupReport.write_files` writes what travels with the report: the spreadsheets for partners
and `summary.json`, the few facts the cohort showcase is built from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .check import PIPELINE, STAGE_FILES, check_group
from .findings import Finding
from .report_html import Block, esc, figure_block, html_table, not_yet_done, paragraph, table_block, write_json
from .workbook.group import GROUPS_DIR, Group

SUMMARY_FILE = "summary.json"
NOT_STARTED = "stage.not_started"

# The report's sections in the order of the project cycle: (artefact attribute, title).
SECTIONS = (
    ("network", "The network"),
    ("programming", "Priorities and SWOT"),
    ("stakeholders", "Stakeholder analysis"),
    ("problems", "Problem tree"),
    ("objectives", "Objective tree"),
    ("strategy", "Strategy"),
    ("logframe", "Logical framework"),
    ("activities", "Work plan"),
    ("budget", "Budget"),
    ("dissemination", "Dissemination plan"),
)


# loading ---------------------------------------------------------------------------------
def load_group(cohort_folder: str | Path, group_id: str) -> Group:
    """One group of a cohort, with the cohort's settings, without reading the other groups.

    A broken file in another group must not stop this group's report.
    """
    from .cohort import FILE as COHORT_FILE
    from .errors import ProblemList
    from .workbook import convert, yamlfile

    cohort_folder = Path(cohort_folder)
    group = Group.load(cohort_folder / GROUPS_DIR / group_id, f"{GROUPS_DIR}/{group_id}/")
    if (cohort_folder / COHORT_FILE).exists():
        data, _text, _fmt = yamlfile.read(cohort_folder / COHORT_FILE, COHORT_FILE)
        problems = ProblemList(COHORT_FILE)
        group.cohort = convert.cohort_from_data(data or {}, problems)
        problems.raise_if_any()
    return group


# eligibility -------------------------------------------------------------------------------
@dataclass
class RuleStatus:
    rule: str
    what: str  # what the rule counts, in words
    limit: float
    status: str  # met | fails | uncertain | cannot check | not yet checked
    message: str = ""


def eligibility(group: Group) -> tuple[str, list[RuleStatus], Any]:
    """The verdict, rule by rule, of the group's rule set on its network, events and grant.

    The verdict is 'pass' (every rule checked and met), 'fail' (a rule fails), 'open' (nothing
    fails, but some rules wait for a later stage or cannot be checked) or 'unknown' (no rule set).
    Returns (verdict, one RuleStatus per rule, the RuleSet or None).
    """
    from .rules import RULES, available_rulesets, check_eligibility, load_ruleset

    if group.network is None or not group.programme or group.programme not in available_rulesets():
        return "unknown", [], None
    ruleset = load_ruleset(group.programme)
    grant = None if group.budget is None else sum(line.amount for line in group.budget)
    currency = group.cohort.currency if group.cohort else None
    found = check_eligibility(group.network, group.activities, ruleset, grant=grant, currency=currency)
    rows = [_rule_status(name, limit, RULES.get(name, name), group, found) for name, limit in ruleset.rules.items()]
    states = {r.status for r in rows}
    verdict = "fail" if "fails" in states else "pass" if states <= {"met", "uncertain"} else "open"
    return verdict, rows, ruleset


def _rule_status(name: str, limit: float, what: str, group: Group, found: list[Finding]) -> RuleStatus:
    from .eligibility import rule_stage

    stage = rule_stage(name)
    if getattr(group, stage, None) is None:
        return RuleStatus(name, what, limit, "not yet checked", f"waits for {STAGE_FILES[stage]}")
    for f in found:
        if f.code == f"rules.{name}":
            return RuleStatus(name, what, limit, "fails" if f.severity == "error" else "uncertain", f.message)
        if f.code == "rules.not_checkable" and f.item == name:
            return RuleStatus(name, what, limit, "cannot check", f.message)
    return RuleStatus(name, what, limit, "met")


_STATUS_COLOURS = {"met": "#d7f0d2", "fails": "#f8d0cc", "uncertain": "#fff1b8", "cannot check": "#fff1b8",
                   "not yet checked": "#eeeeee"}


# the report --------------------------------------------------------------------------------
class GroupReport:
    """Every section of one group's report, from its loaded workbook."""

    def __init__(self, group: Group):
        self.group = group
        self.findings = check_group(group)
        self.verdict, self.rules, self.ruleset = eligibility(group)

    @classmethod
    def load(cls, cohort_folder: str | Path = "", group_id: str = "") -> "GroupReport":
        """The report of `group_id` in `cohort_folder`; the sample cohort's worked example by default."""
        from .sample import WORKED_EXAMPLE, sample_cohort

        return cls(load_group(cohort_folder or sample_cohort(), group_id or WORKED_EXAMPLE))

    # facts used by several sections ----------------------------------------------------
    @property
    def currency(self) -> str:
        cohort = self.group.cohort
        return cohort.currency if cohort and cohort.currency else "EUR"

    @property
    def title(self) -> str:
        return self.group.network.name if self.group.network else self.group.folder.name

    def stages_done(self) -> list[str]:
        return [attr for attr, _module, _stage in PIPELINE if getattr(self.group, attr, None) is not None]

    def open_findings(self) -> list[Finding]:
        """Everything still to fix or to know, without the 'not yet done' notes of later stages."""
        return [f for f in self.findings if f.code != NOT_STARTED]

    def member_states(self) -> list[str]:
        from .membership import is_member_state

        network = self.group.network
        if network is None or not network.start:
            return []
        return [c for c in network.countries if is_member_state(c, network.start)]

    def theme_title(self) -> str:
        network = self.group.network
        if network is None or not network.theme:
            return ""
        priority = self.ruleset.priority_for(network.theme) if self.ruleset else None
        return priority.title if priority else network.theme

    def budget_total(self) -> float | None:
        from .budget import total

        return None if self.group.budget is None else total(self.group.budget)

    # sections ------------------------------------------------------------------------
    def header(self) -> Block:
        """Title, theme, programme, dates, partners and where the plan stands."""
        network = self.group.network
        errors = sum(f.severity == "error" for f in self.findings)
        warnings = sum(f.severity == "warning" for f in self.findings)
        facts = [("Theme", self.theme_title() or "not given"),
                 ("Programme", self.ruleset.title if self.ruleset else (self.group.programme or "not given"))]
        if network is not None:
            from .schedule import month_label

            if network.start and network.duration_months:
                facts.append(("Duration", f"{network.duration_months} months, {month_label(network.start, 1)} "
                                          f"to {month_label(network.start, network.duration_months)}"))
            lead = network.lead
            facts.append(("Partners", f"{len(network.partners)} towns in {len(network.countries)} countries"
                                      + (f", led by {lead.municipality} ({lead.country})" if lead else "")))
        if self.budget_total() is not None:
            from .budget import format_money

            facts.append(("Budget", format_money(self.budget_total(), self.currency)))
        facts.append(("Eligibility", _VERDICT_WORDS[self.verdict]))
        facts.append(("Still open", f"{errors} error(s) and {warnings} warning(s) to look at"))
        done = set(self.stages_done())
        stages = "".join(
            f'<span style="display:inline-block;margin:2px 4px 2px 0;padding:2px 8px;border-radius:10px;'
            f'background:{"#d7f0d2" if attr in done else "#eeeeee"};">{"&#10003; " if attr in done else ""}'
            f"{esc(title)}</span>" for attr, title in SECTIONS)
        rows = "".join(f'<tr><th style="text-align:left;padding:2px 16px 2px 0;">{esc(k)}</th>'
                       f'<td style="text-align:left;">{esc(v)}</td></tr>' for k, v in facts)
        description = network.extra.get("description", "") if network is not None else ""
        return Block(f'<h1 class="planet-title">{esc(self.title)}</h1>'
                     + (f"<p><em>{esc(description)}</em></p>" if description else "")
                     + f"<table>{rows}</table><p>{stages}</p>")

    def network(self) -> Block:
        """The partner towns (EU membership at the start) and each programme rule, met or not."""
        network = self.group.network
        if network is None:
            return not_yet_done("The network", STAGE_FILES["network"])
        from .network import partner_table

        frame = partner_table(network).rename(columns={
            "municipality": "Town", "country": "Country", "role": "Role", "eu_member": "EU Member State at the start"})
        import pandas as pd

        column = "EU Member State at the start"
        frame[column] = ["unknown" if pd.isna(v) else "yes" if v else "no" for v in frame[column]]
        out = table_block(frame.style.hide(axis="index").format(escape="html").set_table_styles(_TABLE_STYLES))
        return out + self._eligibility_block()

    def _eligibility_block(self) -> Block:
        if self.ruleset is None:
            programme = self.group.programme
            why = (f"the programme {programme!r} is not one of the kit's rule sets" if programme
                   else "no programme is given in group.yaml or cohort.yaml")
            return Block(f"<p><strong>Eligibility not checked</strong>: {esc(why)}.</p>")
        table = html_table(["Rule", "Limit", "Status", "Details"],
                           [[esc(r.what), esc(_limit_text(r, self.ruleset.currency)), f"<strong>{esc(r.status)}</strong>",
                             esc(r.message)] for r in self.rules],
                           [_STATUS_COLOURS[r.status] for r in self.rules], "planet-rules")
        return Block(f"<h3>Eligibility under {esc(self.ruleset.title)}</h3>"
                     f"<p><strong>{esc(_VERDICT_WORDS[self.verdict])}</strong></p>{table}")

    def programming(self) -> Block:
        """The SWOT of the network and how each town's priorities meet the programme's."""
        programming = self.group.programming
        if programming is None:
            return not_yet_done("The priorities and SWOT", STAGE_FILES["programming"])
        from . import programming as prog

        out = figure_block(prog.swot_figure(programming), "SWOT of the network")
        if self.ruleset is not None and self.ruleset.priorities:
            out += figure_block(prog.alignment_figure(programming, self.ruleset),
                                "How each town's priorities meet the programme's priorities")
        return out

    def stakeholders(self) -> Block:
        if self.group.stakeholders is None:
            return not_yet_done("The stakeholder analysis", STAGE_FILES["stakeholders"])
        from .stakeholders import grid_figure, styled_matrix

        return (figure_block(grid_figure(self.group.stakeholders), "Importance and influence grid of the stakeholders")
                + table_block(styled_matrix(self.group.stakeholders)))

    def problem_tree(self) -> Block:
        if self.group.problems is None:
            return not_yet_done("The problem tree", STAGE_FILES["problems"])
        from .problems import ProblemTree

        return figure_block(ProblemTree(self.group.problems).draw(), "Problem tree: causes below, effects above")

    def objective_tree(self) -> Block:
        if self.group.objectives is None:
            return not_yet_done("The objective tree", STAGE_FILES["objectives"])
        from .objectives import ObjectiveTree

        return figure_block(ObjectiveTree(self.group.objectives, self.group.problems).draw(),
                            "Objective tree: means below, ends above")

    def strategy(self) -> Block:
        strategy = self.group.strategy
        if strategy is None:
            return not_yet_done("The strategy", STAGE_FILES["strategy"])
        from .strategy import figure, score_table, selected_option

        chosen = selected_option(strategy)
        text = (f"Selected: {chosen.id} {chosen.name}." if chosen else "No option is selected yet.")
        if strategy.justification:
            text += f" Why: {strategy.justification}"
        table = score_table(strategy).style.format(precision=1, na_rep="", escape="html").set_table_styles(
            _TABLE_STYLES)
        return paragraph(text) + figure_block(figure(strategy), "Options compared on weighted criteria") + \
            table_block(table)

    def logframe(self) -> Block:
        if self.group.logframe is None:
            return not_yet_done("The logical framework", STAGE_FILES["logframe"])
        from .logframe import styled_matrix

        return table_block(styled_matrix(self.group.logframe, self.group.activities, self.group.budget))

    def work_plan(self) -> Block:
        if self.group.activities is None:
            return not_yet_done("The work plan", STAGE_FILES["activities"])
        from .schedule import gantt

        results = self.group.logframe.results if self.group.logframe is not None else None
        return figure_block(gantt(self.group.activities, self.group.network, results),
                            "Gantt chart of the activities, grouped by result")

    def budget(self) -> Block:
        if self.group.budget is None:
            return not_yet_done("The budget", STAGE_FILES["budget"])
        from .budget import figure, summary_frame

        results = self.group.logframe.results if self.group.logframe is not None else None
        frame = summary_frame(self.group.budget, self.group.activities, currency=self.currency)
        table = frame.style.format(precision=0, thousands=",").format(precision=1, subset=["share_%"]) \
            .format_index(escape="html").set_table_styles(_TABLE_STYLES)
        return (figure_block(figure(self.group.budget, self.group.activities, self.currency, results),
                             "Budget by result and category")
                + Block(f"<p>Amounts in {esc(self.currency)}.</p>") + table_block(table))

    def dissemination(self) -> Block:
        plan = self.group.dissemination
        if plan is None:
            return not_yet_done("The dissemination plan", STAGE_FILES["dissemination"])
        from .dissemination import styled_plan

        return table_block(styled_plan(plan, self.group.network, self.group.activities))

    def findings_table(self) -> Block:
        """Every open finding, errors first, with where to look and what to do."""
        found = sorted(self.open_findings(), key=lambda f: ("error", "warning", "info").index(f.severity))
        if not found:
            return Block("<p><strong>Nothing is open</strong>: the checks of the kit find nothing to fix.</p>")
        colours = {"error": "#f8d0cc", "warning": "#fff1b8", "info": "#e4ecf7"}
        return Block(html_table(["Severity", "File", "Item", "What is wrong", "How to fix it", "Code"],
                                [[f"<strong>{esc(f.severity)}</strong>", esc(f.file), esc(f.item or ""),
                                  esc(f.message), esc(f.hint), f"<code>{esc(f.code)}</code>"] for f in found],
                                [colours[f.severity] for f in found], "planet-findings"))

    # files ---------------------------------------------------------------------------
    def summary(self) -> dict:
        """The facts the cohort showcase needs, as plain JSON values."""
        from . import __version__

        network = self.group.network
        errors = sum(f.severity == "error" for f in self.findings)
        warnings = sum(f.severity == "warning" for f in self.findings)
        return {
            "group": self.group.folder.name,
            "network": network.name if network else "",
            "network_id": network.id if network else "",
            "theme": network.theme if network else "",
            "theme_title": self.theme_title(),
            "programme": self.group.programme,
            "start": network.start if network else None,
            "duration_months": network.duration_months if network else None,
            "partners": [{"municipality": p.municipality, "country": p.country, "role": p.role}
                         for p in (network.partners if network else [])],
            "countries": network.countries if network else [],
            "eu_member_states": self.member_states(),
            "budget_total": self.budget_total(),
            "currency": self.currency,
            "eligibility": self.verdict,
            "eligible": {"pass": True, "fail": False}.get(self.verdict),
            "eligibility_failures": [r.rule for r in self.rules if r.status == "fails"],
            "errors": errors,
            "warnings": warnings,
            "stages_done": self.stages_done(),
            "stages": [attr for attr, _m, _s in PIPELINE],
            "kit_version": __version__,
        }

    def write_files(self, output: str | Path = "") -> Block:
        """Write the partners' spreadsheet and summary.json into `output` (nothing when it is empty)."""
        if not output:
            return Block("<p>No output folder was given, so no files were written.</p>")
        output = Path(output)
        output.mkdir(parents=True, exist_ok=True)
        written = []
        g = self.group
        if g.logframe is not None or g.activities is not None or g.budget is not None:
            from .exports import export_workbook_xlsx

            written.append(export_workbook_xlsx(g, output / f"{g.folder.name}.xlsx").name)
        write_json(output / SUMMARY_FILE, self.summary())
        if not written:
            return Block("<p>No spreadsheet yet: it comes with the logframe, the work plan or the budget.</p>")
        return Block("<p>The logical framework, work plan and budget, as a spreadsheet for the partners: "
                     + ", ".join(f'<a href="{esc(name)}">{esc(name)}</a>' for name in written) + "</p>")


_VERDICT_WORDS = {"pass": "meets every rule of the programme", "fail": "fails at least one programme rule",
                  "open": "no rule fails so far; some rules wait for later stages",
                  "unknown": "not checked (no rule set)"}

_TABLE_STYLES = [
    {"selector": "", "props": "border-collapse: collapse; font-size: 0.95em;"},
    {"selector": "th, td", "props": "border: 1px solid #888; padding: 0.3em 0.6em; text-align: left;"},
    {"selector": "thead th", "props": "background-color: #dbe4f0;"},
]


def _limit_text(r: RuleStatus, currency: str) -> str:
    number = f"{r.limit:,.0f}" if float(r.limit).is_integer() else f"{r.limit:,.2f}"
    bound = "at most" if r.rule.startswith("max") or r.rule == "grant_max" else "at least"
    return f"{bound} {currency + ' ' if r.rule.startswith('grant') else ''}{number}"
