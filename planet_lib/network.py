"""The network of twinned towns a working group plans for (`group.yaml`).

A network is the applicant's unit: a lead municipality and its partners, a theme taken
from the programme's priorities, a start month and a duration.  Which countries count as EU
Member States, and what the programme requires, are rule-set data (see `rules`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Finding, error, info, warning
from .eligibility import check_eligibility
from .membership import is_member_state
from .rules import RuleSet, available_rulesets, load_ruleset
from .workbook.fields import Field, choice, country_code, ident, text, whole_number, year_month

FILE = "group.yaml"


@dataclass
class Partner:
    municipality: str
    country: str
    role: str = "partner"  # lead | partner
    extra: dict = field(default_factory=dict)


@dataclass
class Network:
    id: str
    name: str
    theme: str = ""
    programme: str = ""
    start: str | None = None  # YYYY-MM
    duration_months: int | None = None
    partners: list[Partner] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def lead(self) -> Partner | None:
        return next((p for p in self.partners if p.role == "lead"), None)

    @property
    def countries(self) -> list[str]:
        """Distinct partner countries, in the order partners are listed."""
        return list(dict.fromkeys(p.country for p in self.partners if p.country))


NETWORK_FIELDS = (
    Field("id", ident, required=True),
    Field("name", text, required=True),
    Field("theme", text),
    Field("programme", ident),
    Field("start", year_month),
    Field("duration_months", whole_number(1, 120)),
)

PARTNER_FIELDS = (
    Field("municipality", text, required=True),
    Field("country", country_code, required=True),
    Field("role", choice("lead", "partner", blank="partner")),
)


# checks ------------------------------------------------------------------------------------
def findings(group) -> list[Finding]:
    """What to fix in group.yaml: the lead, the partners, the theme, the programme and its rules.

    The programme's eligibility rules (see `rules`) are checked against the network, and also
    against the activity schedule and the budget once the group has them.
    """
    network = group.network
    if network is None:
        return []
    out = lead_findings(network) + duplicate_findings(network)
    ruleset, programme_findings = _ruleset(group)
    out += programme_findings
    out += theme_findings(network, ruleset)
    if ruleset is not None:
        grant = None if group.budget is None else sum(line.amount for line in group.budget)
        currency = group.cohort.currency if group.cohort else None
        out += check_eligibility(network, group.activities, ruleset, grant=grant, currency=currency)
    return out


def lead_findings(network: Network) -> list[Finding]:
    """Exactly one lead partner: the applicant that signs and answers for the network."""
    leads = [p.municipality for p in network.partners if p.role == "lead"]
    if not leads:
        return [error("network.no_lead", FILE, None, "No partner has the role 'lead'.",
                      "Write role: lead under the municipality that applies for the network (one only).")]
    if len(leads) > 1:
        return [error("network.several_leads", FILE, None,
                      f"{len(leads)} partners have the role 'lead' ({', '.join(leads)}); a network has one lead.",
                      "Keep role: lead for the applicant and write role: partner for the others.")]
    return []


def duplicate_findings(network: Network) -> list[Finding]:
    """The same municipality listed twice (same name and country, ignoring case)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for p in network.partners:
        key = (" ".join(p.municipality.split()).casefold(), p.country)
        if key in seen:
            out.append(warning("network.duplicate_partner", FILE, p.municipality,
                               f"{p.municipality} ({p.country}) is listed more than once among the partners.",
                               "Remove the extra entry from the partners list in group.yaml."))
        seen.add(key)
    return out


def theme_findings(network: Network, ruleset: RuleSet | None) -> list[Finding]:
    """A theme is given and, when the programme lists priorities, names one of them."""
    if not network.theme.strip():
        return [warning("network.no_theme", FILE, None, "The network has no theme.",
                        "Write the theme in group.yaml (theme: ...), taken from the programme's priorities.")]
    if ruleset is None or not ruleset.priorities:
        return []
    priority = ruleset.priority_for(network.theme)
    if priority is None:
        listed = "; ".join(f"{p.id} ({p.title})" for p in ruleset.priorities)
        return [warning("network.theme_not_priority", FILE, None,
                        f"The theme {network.theme!r} is not one of the priorities of {ruleset.title}.",
                        f"Write the id or the title of one priority as the theme: {listed}.")]
    if priority.uncertain:
        return [info("network.theme_priority_uncertain", FILE, priority.id,
                     f"The theme matches the priority {priority.title!r}, which the rule set marks as uncertain.",
                     "Check in the call text that this priority applies to your call.")]
    return []


def _ruleset(group) -> tuple[RuleSet | None, list[Finding]]:
    """The group's rule set, or the finding that says why there is none."""
    programme = group.programme
    available = available_rulesets()
    known = ", ".join(available) or "none (ask your trainer)"
    if not programme:
        return None, [warning("network.no_programme", FILE, None,
                              "No programme is given, so the programme's rules are not checked.",
                              f"Add programme: <id> to group.yaml, using one of: {known}.")]
    if programme not in available:
        where = "group.yaml" if group.network.programme else "cohort.yaml"
        return None, [error("network.unknown_programme", FILE, programme,
                            f"The programme {programme!r} (in {where}) is not one of the kit's rule sets.",
                            f"Write one of these ids as programme: {known}; or ask your trainer to add a rule "
                            "set for this programme.")]
    return load_ruleset(programme), []


# tables ------------------------------------------------------------------------------------
def partner_table(network: Network, on_date: str | None = None, folder=None):
    """Partners as a DataFrame: municipality, country, role, and EU membership at the start.

    Membership is taken on `on_date` (YYYY-MM or YYYY-MM-DD), by default the network's start
    month; it is left empty when neither is known.
    """
    import pandas as pd

    when = on_date or network.start
    rows = [{"municipality": p.municipality, "country": p.country, "role": p.role,
             "eu_member": pd.NA if not when else is_member_state(p.country, when, folder)}
            for p in network.partners]
    frame = pd.DataFrame(rows, columns=["municipality", "country", "role", "eu_member"])
    frame["eu_member"] = frame["eu_member"].astype("boolean")
    return frame
