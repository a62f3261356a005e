"""The checks of `programming.yaml`: every town described, scores 0-2, a sound SWOT, a known theme.

Findings (code, severity):

- towns: ``programming.no_municipalities`` (warning), ``programming.missing_municipality``
  (warning, a partner of group.yaml not described), ``programming.unknown_municipality``
  (warning, a town that is not a partner), ``programming.duplicate_municipality`` (warning),
  ``programming.unnamed_municipality`` (warning),
  ``programming.no_priorities`` (warning), ``programming.missing_context`` (warning);
- alignment: ``programming.not_aligned`` (warning, no scores), ``programming.bad_score``
  (error, a score other than 0, 1 or 2 set in code; the file reader refuses them),
  ``programming.unknown_priority`` (warning, a score for something that is no priority);
- SWOT: ``programming.swot_thin`` (warning, fewer than 2 entries in a quadrant),
  ``programming.swot_repeated`` (warning), ``programming.swot_internal_as_external`` and
  ``programming.swot_external_as_internal`` (warnings, wording heuristics, see below);
- theme: ``programming.no_theme`` (warning), ``programming.unknown_theme`` (error),
  ``programming.no_theme_reason`` (warning), ``programming.theme_differs`` (warning, group.yaml
  names another priority), ``programming.theme_not_best_aligned`` (info).

Limit: the internal/external heuristics read English only.  An opportunity or threat that
speaks of the network itself ("we", "our staff", "our towns") is probably internal; a strength
or weakness that speaks of outside forces ("EU funding", "national law", "the programme") is
probably external.  An entry with words of both kinds is left alone; entries in other
languages are never flagged (no finding is not a sign of a sound SWOT then).
"""

from __future__ import annotations

import re

from .findings import Finding, error, info, warning
from .programming import (CONTEXT_FIELDS, EXTERNAL, FILE, INTERNAL, SCORES, SWOT_QUADRANTS, Programming,
                          priority_ids, same_town, suggest_theme)

MIN_SWOT_ENTRIES = 2

_INTERNAL_NOUNS = (r"staff|teams?|officers?|officials?|employees|town halls?|towns?|municipalit(?:y|ies)|"
                   r"councils?|administrations?|network|partners?|members?|volunteers?|committees?|"
                   r"experience|skills|knowledge|capacity|resources|budgets?|mayors?|associations?|own")
INTERNAL_WORDS = re.compile(
    rf"\b(?:we|we're|we've|ourselves)\b|\bour\s+(?:[\w'-]+\s+)?(?:{_INTERNAL_NOUNS})\b", re.IGNORECASE)
"""English words showing that a SWOT entry speaks of the network itself."""

EXTERNAL_WORDS = re.compile(
    r"\b(?:EU|European|Union)\s+(?:funding|funds?|grants?|programmes?|policy|policies|laws?|rules|"
    r"directives?|regulations?|institutions|targets?)\b"
    r"|\bnational\s+(?:laws?|governments?|policy|policies|legislation|rules|elections?|budgets?|funding|reforms?)\b"
    r"|\b(?:the|this)\s+(?:programme|call)\b|\bEuropean Commission\b|\bEACEA\b|\bministr(?:y|ies)\b"
    r"|\bgovernments?\b|\blegislation\b|\beconomic crisis\b|\brecession\b|\belections?\b|\bnew laws?\b",
    re.IGNORECASE)
"""English words showing that a SWOT entry speaks of forces outside the network."""

_ONE = {"strengths": "strength", "weaknesses": "weakness", "opportunities": "opportunity", "threats": "threat"}
_CONTEXT_WORDS = {"population": "population", "main_issue": "main local issue",
                  "twinning_links": "existing twinning links", "local_partners": "local partners",
                  "resources": "resources"}


def findings(group) -> list[Finding]:
    """The programming checks for a group, with its network and its programme's rule set."""
    if group.programming is None:
        return []
    return check_programming(group.programming, group.network, _ruleset(group.programme))


def _ruleset(programme: str):
    """The rule set, or None when unknown (the network checks already say why)."""
    from .rules import available_rulesets, load_ruleset

    return load_ruleset(programme) if programme and programme in available_rulesets() else None


def check_programming(programming: Programming, network=None, ruleset=None) -> list[Finding]:
    """Towns first, then their alignment, the SWOT and the theme."""
    out = town_findings(programming, network)
    out += alignment_findings(programming, ruleset)
    out += swot_findings(programming.swot)
    out += theme_findings(programming, network, ruleset)
    return out


# towns ---------------------------------------------------------------------------------------
def town_findings(programming: Programming, network=None) -> list[Finding]:
    out: list[Finding] = []
    if not programming.municipalities:
        return [warning("programming.no_municipalities", FILE, None,
                        "No town is described yet under 'municipalities'.",
                        "Add one block per partner town with its local priorities and local context.")]
    if network is not None:
        out += _coverage(programming, network)
    seen: set[str] = set()
    for m in programming.municipalities:
        if not m.municipality.strip():
            out.append(warning("programming.unnamed_municipality", FILE, None,
                               "A town under 'municipalities' has no name.",
                               "Write the town's name (municipality:) as it is written in group.yaml."))
            continue
        if same_town(m.municipality) in seen:
            out.append(warning("programming.duplicate_municipality", FILE, m.municipality,
                               f"{m.municipality} is described twice under 'municipalities'.",
                               "Keep one block per town: merge the two and delete the other."))
        seen.add(same_town(m.municipality))
        out += _priorities(m) + _context(m)
    return out


def _coverage(programming: Programming, network) -> list[Finding]:
    partners = {same_town(p.municipality): p for p in network.partners}
    described = {same_town(m.municipality) for m in programming.municipalities}
    out = [warning("programming.missing_municipality", FILE, p.municipality,
                   f"The partner {p.municipality} ({p.country}) of group.yaml has no local priorities or context "
                   "in programming.yaml.",
                   f"Add a block for {p.municipality} under 'municipalities' (ask its participant to fill it in).")
           for key, p in partners.items() if key not in described]
    listed = ", ".join(p.municipality for p in network.partners)
    out += [warning("programming.unknown_municipality", FILE, m.municipality,
                    f"{m.municipality} is described in programming.yaml but is not a partner in group.yaml.",
                    f"Check the spelling (the partners are: {listed}), or add the town to group.yaml.")
            for m in programming.municipalities
            if m.municipality.strip() and same_town(m.municipality) not in partners]
    return out


def _priorities(m) -> list[Finding]:
    if texts(m.priorities):
        return []
    return [warning("programming.no_priorities", FILE, m.municipality,
                    f"{m.municipality} lists no local priorities.",
                    "Write two to five short priorities of the town's own agenda under 'priorities', "
                    "e.g. 'Cut landfill waste' (one per line starting with '- ').")]


def _context(m) -> list[Finding]:
    missing = [_CONTEXT_WORDS[name] for name in CONTEXT_FIELDS if not _given(getattr(m, name))]
    if not missing:
        return []
    return [warning("programming.missing_context", FILE, m.municipality,
                    f"The local context of {m.municipality} has no {_and(missing)}.",
                    "Fill in population, main_issue, twinning_links, local_partners and resources for the town; "
                    "partners judge a network by what each town brings.")]


# alignment -----------------------------------------------------------------------------------
def alignment_findings(programming: Programming, ruleset=None) -> list[Finding]:
    out: list[Finding] = []
    names = priority_ids(ruleset) if ruleset is not None and ruleset.priorities else None
    known = ", ".join(p.id for p in ruleset.priorities) if names else ""
    for m in programming.municipalities:
        if not m.alignment:
            out.append(warning("programming.not_aligned", FILE, m.municipality,
                               f"{m.municipality} has no alignment scores.",
                               "Under 'alignment', score the programme priorities the town's agenda meets: "
                               "2 a direct match, 1 some link (priorities left out count as 0)."))
        for key, score in m.alignment.items():
            if score is not None and score not in SCORES:
                out.append(error("programming.bad_score", FILE, m.municipality,
                                 f"{m.municipality} scores {key} with {score!r}; scores are 0, 1 or 2.",
                                 "Use 0 for no link, 1 for some link and 2 for a direct match."))
            if names is not None and str(key).strip().casefold() not in names:
                out.append(warning("programming.unknown_priority", FILE, m.municipality,
                                   f"{m.municipality} scores {key!r}, which is not a priority of {ruleset.title}; "
                                   "the score is not counted.",
                                   f"Use the id of a programme priority: {known}."))
    return out


# SWOT ------------------------------------------------------------------------------------------
def swot_findings(swot) -> list[Finding]:
    out = [warning("programming.swot_thin", FILE, name,
                   f"The SWOT has {_count(len(texts(swot.quadrant(name))), 'entry', 'entries')} under {name}.",
                   f"Write at least {MIN_SWOT_ENTRIES} {name}: a SWOT with an empty corner was not discussed.")
           for name in SWOT_QUADRANTS if len(texts(swot.quadrant(name))) < MIN_SWOT_ENTRIES]
    out += _repeated(swot)
    for name in SWOT_QUADRANTS:
        for i, entry in enumerate(swot.quadrant(name), start=1):
            out += _side(name, i, entry) if entry.strip() else []
    return out


def _repeated(swot) -> list[Finding]:
    first: dict[str, str] = {}
    out = []
    for name in SWOT_QUADRANTS:
        for i, entry in enumerate(swot.quadrant(name), start=1):
            key = " ".join(entry.split()).casefold().rstrip(".")
            if not key:
                continue
            if key in first:
                out.append(warning("programming.swot_repeated", FILE, f"{name} {i}",
                                   f"The SWOT entry {entry!r} appears twice (also as {first[key]}).",
                                   "Keep it once, in the quadrant where it belongs."))
            else:
                first[key] = f"{name} {i}"
    return out


def _side(name: str, i: int, entry: str) -> list[Finding]:
    """An entry whose words point to the other side: internal vs external (English words only)."""
    inside, outside = INTERNAL_WORDS.search(entry), EXTERNAL_WORDS.search(entry)
    if name in EXTERNAL and inside and not outside:
        return [warning("programming.swot_internal_as_external", FILE, f"{name} {i}",
                        f"{_ONE[name].capitalize()} {i} ({entry!r}) speaks of the network itself "
                        f"({inside.group(0)!r}); opportunities and threats come from outside.",
                        "If the towns control it, move it to strengths or weaknesses; if not, reword it to name "
                        "the outside factor (a law, a trend, a funder, a public).")]
    if name in INTERNAL and outside and not inside:
        return [warning("programming.swot_external_as_internal", FILE, f"{name} {i}",
                        f"{_ONE[name].capitalize()} {i} ({entry!r}) speaks of something outside the network "
                        f"({outside.group(0)!r}); strengths and weaknesses are what the towns control.",
                        "Move it to opportunities or threats, or reword it to say what the towns themselves "
                        "have or lack (e.g. 'our staff know the programme rules').")]
    return []


# theme -----------------------------------------------------------------------------------------
def theme_findings(programming: Programming, network=None, ruleset=None) -> list[Finding]:
    theme = programming.theme
    if not theme.priority.strip():
        return [warning("programming.no_theme", FILE, None, "No theme is chosen yet (theme: priority:).",
                        "Choose one programme priority as the network's theme and write its id under "
                        "theme: priority:, with the reason under why:.")]
    out: list[Finding] = []
    chosen = theme.priority.strip()
    if ruleset is not None and ruleset.priorities:
        priority = ruleset.priority_for(chosen)
        if priority is None:
            listed = "; ".join(f"{p.id} ({p.title})" for p in ruleset.priorities)
            return [error("programming.unknown_theme", FILE, chosen,
                          f"The chosen theme {chosen!r} is not a priority of {ruleset.title}.",
                          f"Write the id of one programme priority under theme: priority: {listed}.")]
        chosen = priority.id
        out += _best_aligned(programming, ruleset, priority)
    if not theme.why.strip():
        out.append(warning("programming.no_theme_reason", FILE, chosen, "The theme choice gives no reason (why:).",
                           "Say in one or two sentences why this priority suits the towns' local agendas."))
    if network is not None and network.theme.strip():
        out += _agrees_with_network(chosen, network.theme, ruleset)
    return out


def _best_aligned(programming: Programming, ruleset, priority) -> list[Finding]:
    best = suggest_theme(programming, ruleset)
    if best is None or best.id == priority.id:
        return []
    totals = programming_totals(programming, ruleset)
    if totals[best.id] <= totals[priority.id]:
        return []
    return [info("programming.theme_not_best_aligned", FILE, priority.id,
                 f"The towns' scores add up to {totals[priority.id]} for the chosen theme {priority.id} but "
                 f"{totals[best.id]} for {best.id}.",
                 "That can be a sound choice: say in 'why' what makes the chosen theme better for the network.")]


def programming_totals(programming: Programming, ruleset) -> dict[str, int]:
    from .programming import alignment_matrix

    return {k: int(v) for k, v in alignment_matrix(programming, ruleset).sum(axis=0).items()}


def _agrees_with_network(chosen: str, network_theme: str, ruleset) -> list[Finding]:
    if ruleset is not None and ruleset.priorities:
        named = ruleset.priority_for(network_theme)
        if named is None or named.id == chosen:
            return []  # an unknown theme in group.yaml is the network check's finding
        said = named.id
    else:
        if same_town(network_theme) == same_town(chosen):
            return []
        said = network_theme.strip()
    return [warning("programming.theme_differs", FILE, chosen,
                    f"programming.yaml chooses the theme {chosen} but group.yaml says {said}.",
                    "Agree on one theme and write the same priority id in both files (theme: in group.yaml).")]


def texts(values) -> list[str]:
    """The entries of a list that say something (blank ones, e.g. from a template, do not count)."""
    return [v for v in values if str(v).strip()]


def _given(value) -> bool:
    if isinstance(value, (list, tuple)):
        return bool(texts(value))
    return value is not None and str(value).strip() != ""


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
