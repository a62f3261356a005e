"""The cohort showcase: every network of a cohort at a glance, for the dissemination seminar.

Built from what `planet assemble` leaves in its output folder: for each group, the folder
`groups/<group>/` with `manifest.json` (did the report build?) and `summary.json` (the network,
countries, theme, budget, eligibility and open findings).  It never reads the workbooks
themselves, so one broken workbook cannot stop the showcase: that group's card says its report
failed, and the trainer finds the executed notebook with the error next to it.

`dissemination/cohort_showcase.ipynb` calls the methods of `Showcase`; each returns a `Block`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .report_html import Block, esc, html_table

GROUP_MANIFEST = "manifest.json"
REPORT_HTML = "report.html"
REPORT_NOTEBOOK = "report.ipynb"
PACKS_DIR = "groups"


@dataclass
class Entry:
    """One group as the showcase sees it."""

    group: str
    status: str  # ok | failed | missing
    summary: dict | None = None
    error: str = ""

    @property
    def name(self) -> str:
        return (self.summary or {}).get("network") or self.group

    @property
    def report_link(self) -> str:
        """Where the group's report (or, when it failed, its executed notebook) is, from the showcase page."""
        return f"{PACKS_DIR}/{self.group}/{REPORT_HTML if self.status == 'ok' else REPORT_NOTEBOOK}"


def read_entry(packs_folder: Path, group: str) -> Entry:
    """The status and summary of one group's pack; 'missing' when there is no finished pack."""
    folder = Path(packs_folder) / PACKS_DIR / group
    try:
        manifest = json.loads((folder / GROUP_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Entry(group, "missing", error="no report has been assembled for this group yet")
    if manifest.get("status") != "ok":
        return Entry(group, "failed", error=_error_text(manifest.get("error")))
    try:
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Entry(group, "failed", error="the report ran but wrote no summary.json")
    return Entry(group, "ok", summary)


def _error_text(error) -> str:
    if isinstance(error, dict):
        return ": ".join(p for p in (error.get("ename"), error.get("evalue")) if p) or "the report failed"
    return str(error or "the report failed")


def cohort_name(cohort_folder: Path) -> str:
    """The cohort's name from cohort.yaml, or the folder name if it cannot be read."""
    from .cohort import FILE
    from .errors import ProblemList, WorkbookError
    from .workbook import convert, yamlfile

    try:
        data, _text, _fmt = yamlfile.read(Path(cohort_folder) / FILE, FILE)
        return convert.cohort_from_data(data or {}, ProblemList(FILE)).name or Path(cohort_folder).name
    except (WorkbookError, OSError):
        return Path(cohort_folder).name


class Showcase:
    """The cohort's networks, from the packs in an assembly output folder."""

    def __init__(self, name: str, entries: list[Entry]):
        self.name = name
        self.entries = entries

    @classmethod
    def load(cls, cohort_folder: str | Path = "", packs_folder: str | Path = "") -> "Showcase":
        """The showcase of `cohort_folder` (default: the sample cohort) from the packs in `packs_folder`."""
        from .sample import sample_cohort
        from .workbook.group import group_folders

        cohort_folder = Path(cohort_folder or sample_cohort())
        packs_folder = Path(packs_folder or Path("build") / cohort_folder.name)
        entries = [read_entry(packs_folder, f.name) for f in group_folders(cohort_folder)]
        return cls(cohort_name(cohort_folder), entries)

    @property
    def built(self) -> list[Entry]:
        return [e for e in self.entries if e.status == "ok"]

    @property
    def failed(self) -> list[Entry]:
        return [e for e in self.entries if e.status != "ok"]

    def totals(self) -> dict:
        """Counts over the networks whose report built."""
        summaries = [e.summary for e in self.built]
        countries = sorted({c for s in summaries for c in s.get("countries", [])})
        members = sorted({c for s in summaries for c in s.get("eu_member_states", [])})
        budgets = [s["budget_total"] for s in summaries if s.get("budget_total") is not None]
        return {"networks": len(self.entries), "built": len(summaries), "failed": len(self.failed),
                "towns": sum(len(s.get("partners", [])) for s in summaries), "countries": countries,
                "eu_member_states": members, "budgets": len(budgets), "budget_total": sum(budgets),
                "eligible": sum(s.get("eligibility") == "pass" for s in summaries),
                "ready": sum(_ready(s) for s in summaries)}

    # sections --------------------------------------------------------------------------
    def header(self) -> Block:
        t = self.totals()
        currency = next((e.summary.get("currency") for e in self.built if e.summary.get("currency")), "EUR")
        line = (f"{t['networks']} networks of {t['towns']} towns in {len(t['countries'])} countries "
                f"({len(t['eu_member_states'])} of them EU Member States when the projects start); "
                f"{t['budgets']} budgets, {currency} {t['budget_total']:,.0f} in total; "
                f"{t['eligible']} network(s) meet every programme rule, {t['ready']} with nothing left to fix.")
        failed = ""
        if self.failed:
            failed = (f'<p class="planet-failed-note" style="color:#a61b0b;"><strong>{len(self.failed)} report(s) '
                      f"could not be built</strong>: "
                      + ", ".join(esc(e.group) for e in self.failed) + ". Their cards say why.</p>")
        return Block(f'<h1 class="planet-title">{esc(self.name)}</h1><p>{esc(line)}</p>{failed}')

    def overview(self) -> Block:
        """One row per network: lead, countries, theme, budget, eligibility, open errors."""
        rows, colours = [], []
        for e in self.entries:
            if e.status != "ok":
                rows.append([esc(e.group), f"<strong>report failed</strong>: {esc(e.error)}", "", "", "", "", ""])
                colours.append("#f8d0cc")
                continue
            s = e.summary
            rows.append([f'<a href="{esc(e.report_link)}">{esc(e.name)}</a>', esc(_lead(s)),
                         esc(", ".join(s.get("countries", []))), esc(s.get("theme_title") or s.get("theme")),
                         esc(_money(s)), esc(_eligibility(s)), str(s.get("errors", 0))])
            colours.append("white")
        return Block(html_table(["Network", "Lead town", "Countries", "Theme", "Budget", "Eligibility", "Open errors"],
                                rows, colours, "planet-overview"))

    def countries(self) -> Block:
        """Which countries take part, in how many networks, and whether they are EU Member States."""
        towns: Counter = Counter()
        networks: dict[str, set[str]] = {}
        members = set()
        for e in self.built:
            for p in e.summary.get("partners", []):
                towns[p["country"]] += 1
                networks.setdefault(p["country"], set()).add(e.name)
            members |= set(e.summary.get("eu_member_states", []))
        rows = [[esc(c), "yes" if c in members else "no", str(towns[c]), str(len(networks[c]))] for c in sorted(towns)]
        return Block(html_table(["Country", "EU Member State", "Towns", "Networks"], rows, None, "planet-countries"))

    def cards(self) -> Block:
        """One card per network; a failed report gets a red card saying what went wrong."""
        cards = "".join(_card(e) for e in self.entries)
        return Block(f'<div class="planet-cards" style="display:flex;flex-wrap:wrap;gap:1em;">{cards}</div>')


_CARD = ("flex:1 1 300px;max-width:380px;border:1px solid #999;border-radius:8px;padding:0.8em 1em;"
         "box-shadow:0 1px 3px rgba(0,0,0,0.2);")


def _card(e: Entry) -> str:
    if e.status != "ok":
        return (f'<div class="planet-card planet-card-failed" style="{_CARD}border:2px solid #c0392b;'
                f'background:#fdecea;"><h3>{esc(e.group)}</h3><p><strong>Report failed.</strong> {esc(e.error)}</p>'
                f"<p>For the trainer: the executed notebook with the error is "
                f"<code>{esc(e.report_link)}</code>.</p></div>")
    s = e.summary
    stages = s.get("stages_done", [])
    partners = ", ".join(f"{p['municipality']} ({p['country']})" for p in s.get("partners", []))
    errors = s.get("errors", 0)
    ready = ("nothing left to fix" if _ready(s) else
             f"{errors} error(s), {s.get('warnings', 0)} warning(s) open")
    colour = "#2e7d32" if _ready(s) else "#a61b0b" if errors else "#8a6d00"
    return (f'<div class="planet-card" style="{_CARD}"><h3><a href="{esc(e.report_link)}">{esc(e.name)}</a></h3>'
            f"<p><em>{esc(s.get('theme_title') or s.get('theme') or 'no theme yet')}</em></p>"
            f"<p>{esc(partners)}</p>"
            f"<p><strong>Budget:</strong> {esc(_money(s))}<br><strong>Eligibility:</strong> {esc(_eligibility(s))}"
            f"<br><strong>Stages done:</strong> {len(stages)} of {len(s.get('stages', [])) or len(stages)}<br>"
            f'<strong>Readiness:</strong> <span style="color:{colour};">{esc(ready)}</span></p></div>')


def _ready(s: dict) -> bool:
    return s.get("errors", 0) == 0 and s.get("eligibility") == "pass"


def _lead(s: dict) -> str:
    lead = next((p for p in s.get("partners", []) if p.get("role") == "lead"), None)
    return f"{lead['municipality']} ({lead['country']})" if lead else "no lead yet"


def _money(s: dict) -> str:
    total = s.get("budget_total")
    return "no budget yet" if total is None else f"{s.get('currency', 'EUR')} {total:,.0f}"


_ELIGIBILITY_WORDS = {"pass": "meets every rule", "open": "no rule fails so far", "unknown": "not checked"}


def _eligibility(s: dict) -> str:
    if s.get("eligibility") == "fail":
        return "fails " + ", ".join(s.get("eligibility_failures", [])) if s.get("eligibility_failures") else "fails"
    return _ELIGIBILITY_WORDS.get(s.get("eligibility"), "not checked")
