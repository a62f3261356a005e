"""Checks of the logical framework: the mistakes PCM trainers see most (domain reference, section 5).

Each check returns `Finding`s about `logframe.yaml`, or about `activities.csv` for what is
wrong with an activity.  `item` is the statement id (``R1``), or ``R1 indicator 2`` /
``R1 assumption 1`` for one indicator or assumption.

Limits, on purpose:
- The wording checks (activities start with a verb, results are not actions, vague sources,
  generic, negative or self-controlled assumptions, the QQT words) only know English
  patterns.  Text in another language is not judged by them: an Italian result is never
  called "an activity", and an activity title is only asked to start with a verb when it
  looks English (it contains a word such as "the", "of", "and", "for", "with").
- "Starts with a verb" means starts with one of the verbs in `VERBS` (the ones project
  activities usually start with), its "-ing" form, or "to" + such a verb.  A correct title
  with a rarer verb is reported; the hint says so, and the warning can then be ignored.
"""

from __future__ import annotations

import re

from .findings import Finding, error, info, warning
from .logframe import FILE, LEVEL_NAMES, LEVELS, Assumption, Indicator, Logframe, Statement, assess_assumption

ACTIVITIES_FILE = "activities.csv"

# Verbs project activities start with (base form, British and American spelling).
VERBS = frozenset("""
adapt adopt agree analyse analyze apply appoint approve arrange assess attend audit award benchmark book
brief build buy calculate campaign carry celebrate check choose close coach collect compare compile complete
conduct confirm connect consult contract convene coordinate create debate define deliver design develop discuss
disseminate distribute document draft draw edit educate elaborate engage establish estimate evaluate exchange
exhibit facilitate film finalise finalize form formulate found gather give hire hold host identify implement
improve inform install interview introduce invite involve issue launch lead link make manage map measure meet
mentor mobilise mobilize moderate monitor open organise organize perform pilot plan prepare present print
procure produce promote provide publish purchase raise recruit report research review revise run select send
set share sign stage start strengthen study submit summarise summarize support survey teach test train
transfer translate update upload visit welcome write repeat replicate record register renew redesign reach
advertise accompany broadcast circulate
""".split())
# Verbs that are also common nouns ("Exchange of practice established", "Training materials
# published"): a result that starts with one is not called an action.
NOUNS_TOO = frozenset("""
audit award benchmark book brief campaign check contract debate design document draft exchange film form issue
lead link map measure plan pilot report research review set stage start study support survey test transfer
update visit training meeting planning monitoring networking twinning building funding learning
""".split())
ENGLISH_MARKERS = frozenset("the of and for with between about from into their our its".split())

YEAR = re.compile(r"\b(19|20)\d{2}\b")
NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty"
                " hundred thousand half twice double")
QUANTITY = re.compile(r"\d|%|\bper ?cent\b|\b(?:" + "|".join(NUMBER_WORDS.split()) + r")\b", re.I)
# A number followed by what it counts: "60 officials", "50% of participants".
COUNTED = re.compile(r"(?:\d+(?:[.,]\d+)?\s*(?:%|per ?cent)?|\b(?:" + "|".join(NUMBER_WORDS.split()) + r"))"
                     r"\s+(?:of\s+(?:the\s+)?)?(?!(?:by|in|at|on|before|until|per|and|or|to)\b)[a-z][a-z-]{2,}", re.I)
# Or a phrase naming what is counted: "number of officials trained", "share of participants".
COUNTED_PHRASE = re.compile(r"\b(?:number|share|percentage|proportion|rate|amount|count|level) of\s+"
                            r"(?:the\s+)?[a-z]{3,}", re.I)
TIME = re.compile(r"\b(19|20)\d{2}\b|\bmonth\s+\d+|\bwithin\s+\w+\s+(?:weeks?|months?|years?)"
                  r"|\b(?:end|close) of the project\b", re.I)
TO_BE_SET = re.compile(r"\bto be (?:set|defined|determined|established|measured|collected|confirmed)\b", re.I)

FILLER_SOURCES = frozenset("""
project reports|project report|project results|project documents|project documentation|project records|reports|
report|documents|documentation|internal records|records|internal documents|partner reports|partners' reports|
reports of the project|results of the project|minutes|files|project files|evidence
""".replace("\n", "").split("|"))
# "Social partners" (unions and employers) are outside the project, so they may appear in assumptions.
OWN_ACTIONS = re.compile(r"(?<!social )\bpartners?\b(?:\s+\w+)?\s+(?:will|shall)\b"
                         r"|\bthe (?:project|network|applicant) will\b|\bwe (?:will|shall|can|must)\b|\blead partner\b",
                         re.I)
GENERIC = re.compile(r"\beverything goes\b|\ball goes\b|\bas planned\b|\baccording to plan\b|\bno problems?\b"
                     r"|\bnothing goes wrong\b|\bno (?:major |unforeseen )?(?:difficulties|obstacles|issues)\b"
                     r"|\bruns? smoothly\b", re.I)
NEGATIVE = re.compile(r"\bno\b|\bnot\b|n't\b|\bnever\b|\bcannot\b|\bnobody\b|\bnone\b", re.I)


def check_logframe(logframe: Logframe, activities: list | None = None, budget: list | None = None) -> list[Finding]:
    """Every logframe check.  `activities`/`budget` None means that file does not exist yet."""
    out = completeness(logframe, activities, budget)
    out += purpose_count(logframe)
    out += result_wording(logframe) + activity_wording(activities)
    for level, s in _statements(logframe):
        for n, indicator in enumerate(s.indicators, start=1):
            where = f"{s.id} indicator {n}"
            out += indicator_qqt(indicator, where) + source_specific(indicator, where)
            if logframe.template == "ec-2016":
                out += baseline_and_target(indicator, where)
            else:
                out += target_given(indicator, where)
        for n, assumption in enumerate(s.assumptions, start=1):
            out += assumption_wording(assumption, f"{s.id} assumption {n}")
            out += assumption_rating(assumption, f"{s.id} assumption {n}")
    return out + vertical_logic(logframe, activities)


# Reported by the schedule and budget checks, which own activities.csv and budget.csv: in the
# `planet check` pipeline they are said once, there.
OWNED_ELSEWHERE = {"logframe.activity_without_result", "logframe.activity_unknown_result",
                   "logframe.activity_no_costs"}


def findings(group) -> list[Finding]:
    """The logframe findings of a group, for the `planet check` pipeline."""
    if group.logframe is None:
        return []
    return [f for f in check_logframe(group.logframe, group.activities, group.budget)
            if f.code not in OWNED_ELSEWHERE]


def _statements(logframe: Logframe):
    for level in LEVELS:
        for s in logframe.level(level):
            yield level, s


def _name(logframe: Logframe, level: str) -> str:
    return LEVEL_NAMES[logframe.template][level]


# 4. completeness -----------------------------------------------------------------------------
def completeness(logframe: Logframe, activities: list | None, budget: list | None) -> list[Finding]:
    """Every level filled, every objective measured, assumptions where the template has them."""
    out = []
    for level in LEVELS:
        if logframe.level(level) or (level == "specific_objectives" and logframe.results):
            continue  # results without a specific objective are reported by vertical_logic
        out.append(error("logframe.level_empty", FILE, level,
                         f"The logframe has no {_name(logframe, level)}: every level of the matrix needs an entry.",
                         f"Add at least one entry under '{level}' in {FILE}."))
    for level, s in _statements(logframe):
        out += _indicators_present(logframe, level, s)
        if level != "overall_objectives" and not s.assumptions:
            out.append(warning("logframe.no_assumptions", FILE, s.id,
                               f"The {_name(logframe, level)} {s.id} has no assumptions.",
                               "Add the conditions outside the project's control that must hold for this level"
                               " to lead to the one above (under 'assumptions')."))
    if logframe.template == "ec-2004" and not logframe.preconditions:
        out.append(warning("logframe.no_preconditions", FILE, None,
                           "The logframe has no pre-conditions (bottom cell of the Assumptions column).",
                           "Under 'preconditions', list what must be true before the activities can start"
                           " (e.g. 'Partnership agreement signed by all partners')."))
    return out + _activities_present(activities, budget)


def _indicators_present(logframe: Logframe, level: str, s: Statement) -> list[Finding]:
    name = f"{_name(logframe, level)} {s.id}"
    if not s.indicators:
        return [error("logframe.no_indicator", FILE, s.id, f"The {name} has no indicator.",
                      "Add an indicator that answers 'how would we know this happened?', with its source.")]
    if not any(i.source for i in s.indicators):
        return [error("logframe.no_source", FILE, s.id, f"No indicator of the {name} says where its data comes from.",
                      "Fill 'source' for each indicator: the document or count that will show the value.")]
    return [warning("logframe.indicator_no_source", FILE, f"{s.id} indicator {n}",
                    f"Indicator {n} of the {name} ('{i.text}') has no source of verification.",
                    "Fill its 'source': the document or count that will show the value.")
            for n, i in enumerate(s.indicators, start=1) if not i.source]


def _activities_present(activities: list | None, budget: list | None) -> list[Finding]:
    """The Activities row needs activities, each with its means and its costs."""
    if activities is None:
        return [info("logframe.activities_not_yet", ACTIVITIES_FILE, None,
                     "The Activities row of the logframe is empty: there is no activities.csv yet.",
                     "It fills in by itself once the group writes its activity schedule.")]
    if not activities:
        return [error("logframe.level_empty", ACTIVITIES_FILE, "activities",
                      "The logframe has no activities: activities.csv has no rows.",
                      "List the activities in activities.csv, each with the result it serves.")]
    out = [warning("logframe.activity_no_means", ACTIVITIES_FILE, a.id,
                   f"Activity {a.id} has no means: the Activities row of the logframe shows them.",
                   "Fill the 'means' column: the people, services and equipment the activity needs.")
           for a in activities if not a.means and a.kind != "milestone"]
    if budget is not None:
        costed = {line.activity for line in budget}
        out += [warning("logframe.activity_no_costs", ACTIVITIES_FILE, a.id,
                        f"Activity {a.id} has no cost lines in budget.csv, so its cost in the logframe is 0.",
                        f"Add the lines of budget.csv for {a.id} (or write 0 as unit cost if it really costs nothing).")
                for a in activities if a.id not in costed and a.kind != "milestone"]
    return out


# 5. one purpose ------------------------------------------------------------------------------
def purpose_count(logframe: Logframe) -> list[Finding]:
    """A project has one specific objective (purpose), unless it is split into components."""
    purposes = logframe.specific_objectives
    if len(purposes) <= 1 or logframe.components:
        return []
    ids = ", ".join(s.id for s in purposes)
    name = _name(logframe, "specific_objectives")
    return [error("logframe.several_specific_objectives", FILE, purposes[1].id,
                  f"The logframe has {len(purposes)} {name}s ({ids}); a project has one.",
                  f"Keep one {name} (the benefit for the target group that solves the core problem) and move the"
                  " others up to overall objectives or down to results; or, if the project really has several"
                  " components, write 'components: yes' in logframe.yaml.")]


# 6. level wording (English only) -------------------------------------------------------------
def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())


def _gerund_of_verb(word: str) -> bool:
    if not word.endswith("ing") or len(word) < 6:
        return False
    stem = word[:-3]
    return stem in VERBS or stem + "e" in VERBS or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in VERBS)


def starts_like_action(text: str) -> bool:
    """'Organise ...', 'To organise ...', 'Organising ...': the wording of an activity."""
    words = _words(text)
    if not words:
        return False
    if words[0] == "to" and len(words) > 1:
        return words[1] in VERBS or _gerund_of_verb(words[1])
    if words[0] in NOUNS_TOO:
        return False
    return words[0] in VERBS or _gerund_of_verb(words[0])


def starts_with_verb(text: str) -> bool:
    """Activity wording: a verb (or 'to' + verb, or an -ing form) first, nouns that are verbs too allowed."""
    words = _words(text)
    if words and words[0] == "to":
        words = words[1:]
    return bool(words) and (words[0] in VERBS or words[0] in NOUNS_TOO or _gerund_of_verb(words[0]))


def looks_english(text: str) -> bool:
    return bool(ENGLISH_MARKERS & set(_words(text)))


def result_wording(logframe: Logframe) -> list[Finding]:
    """Results are achieved states ('Officials trained'), not the activities that achieve them."""
    name = _name(logframe, "results")
    return [warning("logframe.result_is_activity", FILE, s.id,
                    f"The {name} {s.id} ('{s.text}') is worded as an action: activities listed as results.",
                    f"Write the {name} as the state reached once the activities are done (e.g. 'Organise a"
                    " seminar' -> '60 officials trained in ...'), and move the action to activities.csv.")
            for s in logframe.results if starts_like_action(s.text)]


def activity_wording(activities: list | None) -> list[Finding]:
    """Activities say what will be done, so they start with a verb ('Organise', 'Publish')."""
    return [warning("logframe.activity_not_verb", ACTIVITIES_FILE, a.id,
                    f"The title of activity {a.id} ('{a.title}') does not start with a verb.",
                    "Start with what will be done, e.g. 'Seminar on waste' -> 'Hold a seminar on waste'."
                    " (The kit knows common verbs only: if yours starts with a verb, ignore this.)")
            for a in activities or [] if a.kind != "milestone" and looks_english(a.title)
            and not starts_with_verb(a.title)]


# 7-9. indicators and sources -----------------------------------------------------------------
def indicator_qqt(indicator: Indicator, where: str) -> list[Finding]:
    """Quantity, Quality, Time: an indicator says how much, of what, by when."""
    missing = []
    if not QUANTITY.search(YEAR.sub("", f"{indicator.text} {indicator.target}")):
        missing.append("quantity (a number or % in the target)")
    if not (indicator.unit or COUNTED.search(YEAR.sub("", indicator.text)) or COUNTED_PHRASE.search(indicator.text)):
        missing.append("quality (a unit or what is counted, e.g. 'officials trained')")
    if not (indicator.by or indicator.target_year or TIME.search(f"{indicator.text} {indicator.target}")):
        missing.append("time (by when: 'by' as YYYY-MM, or a year)")
    if not missing:
        return []
    return [warning("logframe.indicator_not_qqt", FILE, where,
                    f"{_describe(where)} ('{indicator.text}') has no " + ", no ".join(missing) + ".",
                    "Make the indicator say how much, of what and by when (Quantity, Quality, Time),"
                    " e.g. '60 officials trained in PCM by 2013-06'.")]


def _describe(where: str, capital: bool = True) -> str:
    """'R1 indicator 2' -> 'Indicator 2 of R1', to start a sentence (or mid-sentence, lower case)."""
    sid, kind, n = where.split(" ")
    return f"{kind.capitalize() if capital else kind} {n} of {sid}"


def _a(name: str) -> str:
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def target_given(indicator: Indicator, where: str) -> list[Finding]:
    """An indicator without a target cannot tell anyone whether the project reached it."""
    if indicator.target.strip():
        return []
    return [warning("logframe.no_target", FILE, where,
                    f"{_describe(where)} ('{indicator.text}') has no target value.",
                    "Write the value the project will reach in 'target' (e.g. '28 officials'), so the funder"
                    " and the partners can see whether it was reached.")]


def baseline_and_target(indicator: Indicator, where: str) -> list[Finding]:
    """The 2016+ template needs a baseline and a target, each with its year, or a note of when they will be set."""
    out = []
    has_baseline = indicator.baseline and (indicator.baseline_year or YEAR.search(indicator.baseline))
    if not has_baseline and not TO_BE_SET.search(indicator.baseline):
        out.append(error("logframe.baseline_missing", FILE, where,
                         f"{_describe(where)} has no baseline with its year"
                         + (" (the year is missing)." if indicator.baseline else "."),
                         "Give the value today in 'baseline' and its year in 'baseline_year', or write"
                         " 'to be set by the first progress report' in 'baseline'."))
    has_target = indicator.target and (indicator.target_year or indicator.by or YEAR.search(indicator.target))
    if not has_target and not TO_BE_SET.search(indicator.target):
        out.append(error("logframe.target_missing", FILE, where,
                         f"{_describe(where)} has no target with its year"
                         + (" (the year is missing)." if indicator.target else "."),
                         "Give the value to reach in 'target' and its year in 'target_year' (or 'by'), or write"
                         " 'to be set at contract signature' in 'target'."))
    return out


def _is_filler(source: str) -> bool:
    parts = [p for p in re.split(r"\s*(?:[;,/]|\band\b)\s*", source.lower().strip()) if p]
    cleaned = [re.sub(r"^(?:the|our)\s+", "", p.strip(" .")) for p in parts]
    return bool(cleaned) and all(p in FILLER_SOURCES for p in cleaned)


def source_specific(indicator: Indicator, where: str) -> list[Finding]:
    """'Project reports' cannot be checked by anyone: a source names the document or count."""
    if not indicator.source or not _is_filler(indicator.source):
        return []
    return [warning("logframe.vague_source", FILE, where,
                    f"The source of {_describe(where, capital=False)} ('{indicator.source}') is too vague to check.",
                    "Name the document or count that shows the value, who keeps it and when, e.g."
                    " 'signed attendance lists of each seminar', 'municipal council minutes'.")]


# 10-11. assumptions --------------------------------------------------------------------------
def assumption_wording(assumption: Assumption, where: str) -> list[Finding]:
    """Assumptions are outside the project's control, specific, and written as positive states."""
    text = assumption.text
    if OWN_ACTIONS.search(text):
        return [error("logframe.assumption_own_action", FILE, where,
                      f"{_describe(where)} ('{text}') is about what the partners themselves do.",
                      "What the partners do is an activity, not an assumption: move it to activities.csv and keep"
                      " here only conditions outside the project's control (e.g. 'Town councils keep the"
                      " budget for youth centres').")]
    if GENERIC.search(text):
        return [warning("logframe.assumption_generic", FILE, where,
                        f"{_describe(where)} ('{text}') is too general to monitor.",
                        "Name the specific outside condition that must hold (who or what, doing what).")]
    if NEGATIVE.search(text):
        return [warning("logframe.assumption_negative", FILE, where,
                        f"{_describe(where)} ('{text}') is worded negatively.",
                        "Write it as a positive state that must hold, e.g. 'no elections delay the work' ->"
                        " 'The municipal council stays in office until 2014'.")]
    return []


def assumption_rating(assumption: Assumption, where: str) -> list[Finding]:
    """Guidelines Figure 30 applied to an assumption the group has rated."""
    if not assumption.rated or (assumption.important is not False and assumption.likelihood is None):
        return []
    verdict = assess_assumption(assumption.important, assumption.likelihood, assumption.can_redesign)
    text = f"{_describe(where)} ('{assumption.text}')"
    if verdict == "exclude":
        why = "not important" if assumption.important is False else "almost certain to hold"
        return [info("logframe.assumption_can_be_left_out", FILE, where, f"{text} is rated {why}: it can be left out.",
                     "Remove it from the logframe, or change its rating if the group disagrees.")]
    if verdict == "redesign":
        return [error("logframe.assumption_redesign", FILE, where,
                      f"{text} is very unlikely to hold: a killer assumption.",
                      "Redesign the project: add activities or results, or reword the purpose, so that the"
                      " project itself influences this condition.")]
    if verdict == "not_feasible":
        unsure = "" if assumption.can_redesign is False else " (can_redesign is not filled in)"
        return [error("logframe.assumption_not_feasible", FILE, where,
                      f"{text} is very unlikely to hold and the project cannot be redesigned to influence it"
                      f"{unsure}: the project may not be feasible.",
                      "Discuss with your trainer whether to rethink the project; if a redesign is possible,"
                      " set 'can_redesign: yes' and add the activities or results that influence it.")]
    return []


# vertical logic ------------------------------------------------------------------------------
def vertical_logic(logframe: Logframe, activities: list | None) -> list[Finding]:
    """Activities -> results -> specific objective: every link exists."""
    out = _duplicate_ids(logframe)
    if logframe.results and not logframe.specific_objectives:
        out.append(error("logframe.results_without_purpose", FILE, None,
                         f"The logframe has {_name(logframe, 'results')}s but no"
                         f" {_name(logframe, 'specific_objectives')} for them to lead to.",
                         "Add the specific objective under 'specific_objectives': the benefit the results bring"
                         " together."))
    if activities is None:
        return out
    result_ids = {s.id for s in logframe.results}
    name = _name(logframe, "results")
    for a in activities:
        if not a.result:
            out.append(error("logframe.activity_without_result", ACTIVITIES_FILE, a.id,
                             f"Activity {a.id} does not say which {name} it serves.",
                             f"Write the id of its {name} (e.g. R1) in the 'result' column."))
        elif a.result not in result_ids:
            out.append(error("logframe.activity_unknown_result", ACTIVITIES_FILE, a.id,
                             f"Activity {a.id} serves '{a.result}', which is not {_a(name)} in {FILE}.",
                             f"Use one of the {name} ids: {', '.join(sorted(result_ids)) or '(none yet)'}."))
    served = {a.result for a in activities}
    out += [error("logframe.result_without_activities", FILE, s.id,
                  f"No activity serves the {name} {s.id}: nothing will produce it.",
                  f"Add the activities that produce {s.id} to activities.csv, with '{s.id}' in their 'result' column.")
            for s in logframe.results if s.id not in served]
    return out


def _duplicate_ids(logframe: Logframe) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for _level, s in _statements(logframe):
        if s.id in seen:
            out.append(error("logframe.duplicate_id", FILE, s.id,
                             f"The id {s.id} is used for more than one entry of the logframe.",
                             "Give each objective and result its own id, so activities and indicators point to one."))
        seen.add(s.id)
    return out
