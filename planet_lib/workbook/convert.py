"""Between file content and the typed artefacts of `planet_lib`, both ways.

One pair of functions per YAML artefact (`*_from_data`, `*_to_data`) and two generic ones
for CSV rows (`records_to_models`, `models_to_records`).  They never touch files: reading and
writing is `group.py`'s job.

The `*_to_data` functions say which keys may be left out (`_optional`): those holding what the
reader assumes for a missing key.  Saving then leaves such a key out where the person left it
out and keeps it where they wrote it (see `yamlfile.mapping_to_save`).

They also say what names each entry of a list (`yamlfile.keyed`), so saving matches the
file's entries by it: removing a partner removes its lines and comments, not the last
partner's.  The file's order is kept for partners, criteria and options (their order means
nothing to the readers); the logframe's statements, indicators and assumptions follow the
model's order, as the logframe matrix and the editors number them in that order.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .. import cohort as cohort_mod
from .. import logframe as lf
from .. import network as net
from .. import strategy as st
from ..errors import ProblemList
from .fields import Unusable
from .mapping import read_fields, read_list, read_text_list, scalar_text
from .yamlfile import keyed, mapping_to_save


# CSV rows --------------------------------------------------------------------------------
def records_to_models(cls, records: list[dict[str, Any]]) -> list:
    names = {f.name for f in dataclasses.fields(cls)}
    return [cls(**{k: v for k, v in r.items() if k in names}) for r in records]


def models_to_records(models: list) -> list[dict[str, Any]]:
    return [dataclasses.asdict(m) for m in models]


def _optional(known: dict, extra: dict | None = None, always: tuple[str, ...] = (), **defaults) -> dict:
    """`known` keys then the person's `extra` keys; empty values and `defaults` may be left out.

    `defaults` gives the value each key's reader assumes when the key is missing (a criterion's
    weight is 1); an empty value may be left out too, except under the keys in `always`, which
    a new file shows even empty, as a place to fill in.  A person's own keys (`extra`) are
    never left out.
    """
    return mapping_to_save(known, extra, defaults=defaults, always=always)


# group.yaml --------------------------------------------------------------------------------
def network_from_data(data: Any, problems: ProblemList) -> net.Network:
    values, extra = read_fields(data, net.NETWORK_FIELDS, problems, "")
    partners = []
    raw_partners = read_list(data.get("partners") if isinstance(data, dict) else None,
                             problems, "partners", required=True)
    for i, item in enumerate(raw_partners, start=1):
        pv, pextra = read_fields(item, net.PARTNER_FIELDS, problems, f"partners[{i}]")
        partners.append(net.Partner(pv["municipality"] or "", pv["country"] or "", pv["role"] or "partner", pextra))
    extra.pop("partners", None)
    return net.Network(partners=partners, extra=extra, **values)


def network_to_data(n: net.Network) -> dict:
    data = _optional({"id": n.id, "name": n.name, "theme": n.theme, "programme": n.programme,
                      "start": n.start, "duration_months": n.duration_months}, n.extra)
    data["partners"] = keyed([_partner_to_data(p) for p in n.partners], "municipality")
    return data


def _partner_to_data(p: net.Partner) -> dict:
    """A partner; `role: partner` is what a missing role means, so it is written only where the person did."""
    return _optional({"municipality": p.municipality, "country": p.country, "role": p.role}, p.extra,
                     role="partner")


# cohort.yaml --------------------------------------------------------------------------------
def cohort_from_data(data: Any, problems: ProblemList) -> cohort_mod.CohortInfo:
    values, extra = read_fields(data, cohort_mod.COHORT_FIELDS, problems, "")
    seminars = []
    raw = read_list(data.get("seminars") if isinstance(data, dict) else None, problems, "seminars")
    for i, item in enumerate(raw, start=1):
        sv, sextra = read_fields(item, cohort_mod.SEMINAR_FIELDS, problems, f"seminars[{i}]")
        seminars.append(cohort_mod.Seminar(extra=sextra, **{k: v or "" for k, v in sv.items()}))
    extra.pop("seminars", None)
    return cohort_mod.CohortInfo(seminars=seminars, extra=extra, **values)


# strategy.yaml --------------------------------------------------------------------------------
def strategy_from_data(data: Any, problems: ProblemList) -> st.Strategy:
    values, extra = read_fields(data, st.STRATEGY_FIELDS, problems, "")
    data = data if isinstance(data, dict) else {}
    criteria = []
    for i, item in enumerate(read_list(data.get("criteria"), problems, "criteria"), start=1):
        cv, cextra = read_fields(item, st.CRITERION_FIELDS, problems, f"criteria[{i}]")
        criteria.append(st.Criterion(cv["id"] or "", cv["weight"], cv["name"], cextra))
    options = []
    for i, item in enumerate(read_list(data.get("options"), problems, "options"), start=1):
        ov, oextra = read_fields(item, st.OPTION_FIELDS, problems, f"options[{i}]")
        item = item if isinstance(item, dict) else {}
        objectives = [scalar_text(o) for o in read_list(item.get("objectives"), problems, f"options[{i}].objectives")]
        scores = _scores(item.get("scores"), problems, f"options[{i}].scores")
        for key in ("objectives", "scores"):
            oextra.pop(key, None)
        options.append(st.Option(ov["id"] or "", ov["name"], objectives, scores, oextra))
    for key in ("criteria", "options"):
        extra.pop(key, None)
    return st.Strategy(criteria, options, values["selected"], values["justification"], extra)


def _scores(data: Any, problems: ProblemList, where: str) -> dict[str, int | None]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.add(None, where, repr(data)[:60], "expected one 'criterion: score' line per criterion")
        return {}
    scores: dict[str, int | None] = {}
    for key, value in data.items():
        try:
            scores[str(key)] = st.SCORE(scalar_text(value))
        except Unusable as exc:
            problems.add(None, f"{where}.{key}", scalar_text(value), f"expected {exc}")
            scores[str(key)] = None
    return scores


def strategy_to_data(s: st.Strategy) -> dict:
    data = {
        "criteria": keyed([_optional({"id": c.id, "name": c.name, "weight": c.weight}, c.extra, weight=1.0)
                           for c in s.criteria], "id"),
        "options": keyed([_optional({"id": o.id, "name": o.name, "objectives": list(o.objectives)},
                                    {"scores": dict(o.scores)} | o.extra) for o in s.options], "id"),
        "selected": s.selected,
        "justification": s.justification,
    }
    return _optional(data, s.extra, always=("criteria", "options"))


# logframe.yaml --------------------------------------------------------------------------------
def logframe_from_data(data: Any, problems: ProblemList) -> lf.Logframe:
    values, extra = read_fields(data, lf.LOGFRAME_FIELDS, problems, "")
    data = data if isinstance(data, dict) else {}
    levels = {}
    for level in lf.LEVELS:
        entries = []
        for i, item in enumerate(read_list(data.get(level), problems, level), start=1):
            entries.append(_statement(item, problems, f"{level}[{i}]"))
        levels[level] = entries
        extra.pop(level, None)
    preconditions = read_text_list(data.get("preconditions"), problems, "preconditions")
    extra.pop("preconditions", None)
    return lf.Logframe(values["template"] or "ec-2004", preconditions=preconditions,
                       components=values["components"], extra=extra, **levels)


def _statement(item: Any, problems: ProblemList, where: str) -> lf.Statement:
    values, extra = read_fields(item, lf.STATEMENT_FIELDS, problems, where)
    item = item if isinstance(item, dict) else {}
    indicators = []
    for i, raw in enumerate(read_list(item.get("indicators"), problems, f"{where}.indicators"), start=1):
        if isinstance(raw, str):
            raw = {"text": raw}
        iv, iextra = read_fields(raw, lf.INDICATOR_FIELDS, problems, f"{where}.indicators[{i}]")
        indicators.append(lf.Indicator(extra=iextra, **{k: ("" if v is None and k in ("text", "unit", "baseline",
                                                                                      "target", "source") else v)
                                                      for k, v in iv.items()}))
    assumptions = []
    for i, raw in enumerate(read_list(item.get("assumptions"), problems, f"{where}.assumptions"), start=1):
        if not isinstance(raw, dict):
            raw = {"text": scalar_text(raw)}
        av, aextra = read_fields(raw, lf.ASSUMPTION_FIELDS, problems, f"{where}.assumptions[{i}]")
        assumptions.append(lf.Assumption(av["text"] or "", av["important"], av["likelihood"] or None,
                                         av["can_redesign"], aextra))
    for key in ("indicators", "assumptions"):
        extra.pop(key, None)
    return lf.Statement(values["id"] or "", values["text"] or "", indicators, assumptions, extra)


def logframe_to_data(frame: lf.Logframe) -> dict:
    data: dict[str, Any] = {"template": frame.template, "components": frame.components}
    for level in lf.LEVELS:
        data[level] = keyed([_statement_to_data(s) for s in frame.level(level)], "id", ordered=True)
    data["preconditions"] = list(frame.preconditions)
    return _optional(data, frame.extra, always=(*lf.LEVELS, "preconditions"), template="ec-2004", components=False)


def _statement_to_data(s: lf.Statement) -> dict:
    indicators = keyed([_optional({"text": i.text, "unit": i.unit, "baseline": i.baseline,
                                   "baseline_year": i.baseline_year, "target": i.target,
                                   "target_year": i.target_year, "by": i.by, "source": i.source}, i.extra)
                        for i in s.indicators], "text", ordered=True)
    assumptions = keyed([_assumption_to_data(a) for a in s.assumptions], "text", ordered=True)
    return _optional({"id": s.id, "text": s.text, "indicators": indicators, "assumptions": assumptions}, s.extra)


def _assumption_to_data(a: lf.Assumption) -> Any:
    if not a.rated and a.can_redesign is None and not a.extra:
        return a.text
    return _optional({"text": a.text, "important": a.important, "likelihood": a.likelihood,
                      "can_redesign": a.can_redesign}, a.extra)
