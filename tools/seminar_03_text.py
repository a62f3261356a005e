"""The text of the seminar 3 notebooks (formulation): every cell's source, one class per notebook.

`tools/make_seminar_03.py` puts these cells in order, marks them for nbgrader and writes the
notebooks into seminars/03_formulation/. Markdown is written for municipal officials (plain
English); code cells are short, and each notebook's helpers sit in one locked cell whose code is
folded away. Solutions, hidden tests and trainer notes are marked here exactly as nbgrader and
docs/authoring-notebooks.md expect; none of their lines may appear in a visible cell.
"""

from __future__ import annotations


# --- what every notebook shares --------------------------------------------------------------

from seminar_common import OPEN_WORKBOOK, SAVE  # noqa: E402  (every seminar's)

SETUP = r'''
# Set-up: run this cell (no need to read it).
%matplotlib inline
import shutil
from pathlib import Path

import pandas as pd
from IPython.display import Markdown, display

from planet_lib import (STAGE_FILES, Group, as_frame, check_group, only_errors, save_checked, worked_example,
                        working_copy)

pd.set_option("display.max_colwidth", None)  # show whole statements, not "..."
''' + OPEN_WORKBOOK + SAVE + r'''

def explain(found, intro="Still to fix:"):
    """Findings as a short list a person can act on: where, what is wrong, what to do."""
    return "\n".join([intro, *(f"- {f.item or f.file}: {f.message} {f.hint}" for f in found)])


def self_check(folder):
    """What `planet check` says about the workbook: its errors and warnings, with what to do."""
    found = [f for f in check_group(folder) if f.severity != "info"]
    n_errors = len(only_errors(found))
    verdict = "no errors, ready to send" if not n_errors else "fix the errors before you send it"
    display(Markdown(f"**Self-check of `{Path(folder).name}`: {n_errors} error(s), "
                     f"{len(found) - n_errors} warning(s); {verdict}.**"))
    if found:
        display(as_frame(found)[["severity", "file", "item", "message", "hint"]])


group = Group.load(WORKBOOK)
example = Group.load(worked_example())
display(Markdown(f"Your group: **{group.network.name}**. This notebook reads and saves `{WORKBOOK}`."))
'''

# Used by the notebooks whose exercises repair another group's draft (1 and 3).
PRACTICE_DRAFT = r'''def practice_draft(name, files):
    """A practice workbook, written afresh on every run so that each attempt starts from the same draft."""
    folder = Path(WORK_FOLDER).expanduser().resolve() / "practice" / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for file_name, content in files.items():
        (folder / file_name).write_text(content.strip() + "\n", encoding="utf-8")
    return folder
'''

SELF_CHECK = """
# Self-check: where your group's workbook stands now (the same check as `planet check`).
self_check(WORKBOOK)
"""


# --- 01_logframe ------------------------------------------------------------------------------

class LOGFRAME:
    """The text of notebook 1: from the selected strategy to the intervention logic."""

    HEADER = """
# Seminar 3.1 · The logframe: from the selected strategy to the intervention logic

*Questions*
- How does the strategy our group selected become a logframe?
- What goes in each row and each column of the EC matrix, in the 2004 and in the 2016 template?
- How do we read the matrix from the bottom up, with its pre-conditions and assumptions?

*Objectives*: after this notebook you can
- place the objectives of your selected strategy at the right level of the logframe: overall objective,
  specific objective, results, with the activities below them;
- read a logframe's vertical logic as a chain of "if ... and ... then ..." sentences;
- recognise and repair the three commonest mistakes of a first logframe.

| teaching | exercises | materials |
| --- | --- | --- |
| 40 min | 50 min | your group's workbook; the EC logframe templates of 2004 and 2016, printed; a projector for the live part |

Run the cells from top to bottom (Shift+Enter). Your answers go in the cells that start with
`# YOUR ANSWER`; the cells after each answer check it and say what to fix.
"""

    HELPERS = r'''
# Helpers for this notebook. Run the cell; the code is folded away (click the bar on its left to read it).
import dataclasses

from planet_lib import (LEVEL_LABELS, LEVEL_NAMES, LOGFRAME_COLUMNS, LOGFRAME_TEMPLATES, MATRIX_LEVELS, Activity,
                        ObjectiveTree, check_levels, check_logframe, draft_logframe, selected_objectives,
                        selected_option, styled_logframe)


def strategy_tree(g):
    """The group's objective tree, with the objectives of its selected strategy in amber."""
    if not g.objectives:
        return Markdown("This workbook has no objective tree (objectives.csv) yet: finish seminar 2 first.")
    option = selected_option(g.strategy) if g.strategy is not None else None
    return ObjectiveTree(g.objectives, g.problems).draw(
        highlight=selected_objectives(g.strategy, g.objectives),
        title=f"{g.network.name}: selected strategy '{option.name if option else 'none yet'}'")


def level_findings(g, levels):
    """Do the chosen objectives sit where the group's objective tree and selected strategy put them?"""
    return check_levels(levels, g.objectives, g.strategy, g.problems)


def template_tables():
    """The two EC templates side by side: the row labels, then the column headings."""
    rows = pd.DataFrame({t: [LEVEL_LABELS[t][level] for level in MATRIX_LEVELS] for t in LOGFRAME_TEMPLATES},
                        index=["row 1 (top)", "row 2", "row 3", "row 4 (bottom)"])
    width = max(len(LOGFRAME_COLUMNS[t]) for t in LOGFRAME_TEMPLATES) - 1
    columns = pd.DataFrame({t: list(LOGFRAME_COLUMNS[t][1:]) + [""] * (width + 1 - len(LOGFRAME_COLUMNS[t]))
                            for t in LOGFRAME_TEMPLATES},
                           index=[f"column {n}" for n in range(1, width + 1)])
    display(Markdown("**Rows** (the levels of the intervention logic)"), rows,
            Markdown("**Columns**"), columns)


def _if_then(condition, assumptions, outcome):
    text = f"**IF** {condition}"
    if assumptions:
        text += " **AND** these assumptions hold: " + "; ".join(assumptions)
    return f"{text}  \n**THEN** {outcome}"


def vertical_logic(g):
    """The logframe read from the bottom up, as "if ... and ... then ..." sentences."""
    lf = g.logframe
    name = LEVEL_NAMES[lf.template]
    steps = []
    if lf.preconditions:
        steps.append(_if_then("the pre-conditions hold: " + "; ".join(lf.preconditions), [],
                              "the activities can start."))
    for r in lf.results:
        done = [a.id for a in g.activities or [] if a.result == r.id and a.kind != "milestone"]
        condition = f"activities {', '.join(done)} are done" if done else "... (no activity produces it yet!)"
        steps.append(_if_then(condition, [], f"{name['results']} {r.id} is achieved: {r.text}."))
    for lower, upper in (("results", "specific_objectives"), ("specific_objectives", "overall_objectives")):
        below, above = lf.level(lower), lf.level(upper)
        if below and above:
            ids = ", ".join(s.id for s in below)
            goal = "; ".join(f"{s.id}: {s.text}" for s in above)
            outcome = f"the project contributes to {goal}." if upper == "overall_objectives" else f"{goal}."
            assumptions = [a.text for s in below for a in s.assumptions]
            steps.append(_if_then(f"{ids} {'are' if len(below) > 1 else 'is'} achieved", assumptions, outcome))
    return Markdown("\n\n".join(steps))


''' + PRACTICE_DRAFT + r'''

def logframe_findings(g):
    """Every logframe check on a group's logframe and activities (no budget: costs are notebook 3)."""
    return check_logframe(g.logframe, g.activities)


PRACTICE_FILES = {
    "group.yaml": """
id: practice-europe-at-home
name: "Practice draft: Europe at Home"
programme: efc-2007-2013-m1-2
start: 2013-09
duration_months: 18
partners:
  - {municipality: Fossano, country: IT, role: lead}
  - {municipality: Żyrardów, country: PL}
  - {municipality: Olot, country: ES}
  - {municipality: Båstad, country: SE}
""",
    "logframe.yaml": """
# A working group's first draft, with three mistakes to repair (notebook 1, exercise 2).
template: ec-2004
overall_objectives:
  - id: OO1
    text: Residents of the four towns use their rights as EU citizens in daily life
    indicators:
      - text: Mobile EU citizens registered on the local electoral rolls of the four towns
        unit: persons
        baseline: "180 (2013)"
        target: "260"
        by: 2015-12
        source: Electoral rolls of the four municipalities
specific_objectives:
  - id: SO1
    text: Residents of the four towns know their rights as EU citizens and how to use them
    indicators:
      - text: Residents surveyed who can name at least three of their rights as EU citizens
        unit: "% of residents surveyed"
        baseline: "22% (2013)"
        target: "45%"
        by: 2015-02
        source: Street survey of 100 residents per town in months 2 and 17, run by Olot town hall
    assumptions:
      - National rules on registering EU residents stay the same during 2013-2015
  - id: SO2
    text: Mobile EU citizens take part in the local elections of the four towns
    indicators:
      - text: Mobile EU citizens who voted in the local elections of the four towns
        unit: voters
        baseline: "95 (2011)"
        target: "150"
        by: 2016-06
        source: Turnout statistics of the four municipal electoral offices
    assumptions:
      - Local elections are held on the dates set by national law
results:
  - id: R1
    text: Organise three seminars on EU citizens' rights for residents
    indicators:
      - text: Seminar participants who can name three of their rights as EU citizens
        unit: participants
        baseline: "0 (2013)"
        target: "120"
        by: 2014-12
        source: Short quiz at the end of each seminar, kept with the signed attendance lists
    assumptions:
      - Speakers from the Europe Direct centres are available on the seminar dates
  - id: R2
    text: Front desks of the four town halls answer questions on EU rights correctly
    indicators:
      - text: Test questions on EU residence rights answered correctly at the front desks
        unit: "% of questions"
        baseline: "40% (2013)"
        target: "85%"
        by: 2015-01
        source: Mystery-shopper tests in months 3 and 16, run by Båstad town hall with volunteers
    assumptions:
      - Front-desk clerks trained by the project stay in their posts until 2015
preconditions:
  - EACEA awards the Measure 1.2 grant in the 1 February 2013 selection round
  - Each municipal council approves its share of co-financing before September 2013
""",
    "activities.csv": """
id,result,title,start_month,end_month,kind,lead,country,days,participants,means
A1.1,R1,Hold a seminar on EU citizens' rights in Fossano,3,3,event,Fossano,IT,2,40,"Conference room, interpreters IT-EN, speakers from Europe Direct"
A1.2,R1,Hold a seminar on EU citizens' rights in Olot,8,8,event,Olot,ES,2,40,"Conference room, interpreters ES-EN, speakers from Europe Direct"
A1.3,R1,Hold a seminar on EU citizens' rights in Båstad,14,14,event,Båstad,SE,2,40,"Conference room, interpreters SV-EN, speakers from Europe Direct"
""",
}
'''

    STRATEGY_CONCEPT = """
## 1. From the selected strategy to the intervention logic

In seminar 2 your group turned its problem tree into an objective tree and selected one strategy: a
branch (cluster) of objectives the network will work on. The first column of the logframe, the
*intervention logic*, comes from that tree:

| in the objective tree | in the logframe |
| --- | --- |
| ends above the core objective: the wider benefits | **overall objective(s)** |
| the core objective, which rewords the core problem | **specific objective** (the purpose): one, a lasting benefit for the target group |
| objectives of the selected strategy below it | **results**: what the project delivers, written as achieved states |
| the means below the results | **activities**: what the partners do, starting with a verb |

Objectives outside the selected strategy stay out of the logframe; if the project needs one of them
and others will bring it about, it becomes an assumption. The worked example's tree, with the selected
strategy in amber:
"""

    STRATEGY_TREE = """
strategy_tree(example)
"""

    STRATEGY_EXAMPLE = """
The group of the worked example (*Green Towns, Active Citizens*) selected option A, "Participatory town
halls". Its logframe grew out of the tree like this:

| logframe | from the objective tree |
| --- | --- |
| OO1 Environment-friendly municipal practice lasts, with residents' active support | O2 and O3, the ends just above the core objective |
| SO1 Residents of the seven towns take an active part in shaping local environmental policy | O4, the core objective, word for word |
| R1 Environment officers apply a shared set of participatory methods | O9, together with the new intermediate objective O15 (the toolkit) |
| R2 Each town holds open meetings at times residents can attend | O8 |
| R3 The seven towns exchange working practice on citizen participation | O12 and O14 |
| activities A1.1 to A3.7 | the means of those objectives: a toolkit, training, surveys, meetings, study visits |

The results reword and merge objectives; they are not copied card by card. O5 (town halls consult
residents in open meetings) is what R1 and R2 bring about together, so it has no row of its own.
"""

    EXERCISE_1 = """
### Exercise 1: your group's objectives at their levels (3 points)

Write `my_levels`: for each level of the logframe, the ids of the objectives of your group's tree
(`objectives.csv`, drawn below) that belong there, in this shape:
`{"overall_objectives": [...], "specific_objectives": [...], "results": [...]}`.
The checks compare your choice with your tree and your selected strategy:

- 1 point: one specific objective, the core objective (or an objective of your strategy that leads to it);
- 1 point: overall objectives that the specific objective leads to (above it in the tree);
- 1 point: results taken from your selected strategy, below the specific objective.
"""

    LEVELS_ANSWER = r'''
# YOUR ANSWER: the ids of your objectives at each level of the logframe.
### BEGIN SOLUTION
my_levels = {
    "overall_objectives": ["O2", "O3"],
    "specific_objectives": ["O4"],
    "results": ["O9", "O8", "O12"],
}
### END SOLUTION
'''

    LEVELS_PURPOSE = r'''
found = level_findings(group, my_levels)
basics = [f for f in found if f.code in ("levels.not_ready", "levels.unknown", "levels.twice",
                                         "levels.one_purpose", "levels.purpose_off_strategy")
          or f.item == "specific_objectives"]
assert not basics, explain(basics)
'''

    LEVELS_OVERALL = r'''
found = level_findings(group, my_levels)
above = [f for f in found if f.code == "levels.overall_not_above" or f.item == "overall_objectives"]
assert not above, explain(above)
'''

    LEVELS_RESULTS = r'''
found = level_findings(group, my_levels)
below = [f for f in found if f.code in ("levels.result_not_below", "levels.result_not_selected")
         or f.item == "results"]
assert not below, explain(below)
'''

    DRAFT_NOTE = """
If your group's workbook has no logframe yet, the next cell writes a first draft into it from
`my_levels`: each objective's statement at its level, ready to be reworded and measured in the live part
and in notebook 2. A workbook that already has a `logframe.yaml` is left as it is.
"""

    DRAFT_SAVE = r'''
if group.logframe is None and not only_errors(level_findings(group, my_levels)):
    save("logframe", draft_logframe(my_levels, group.objectives))
    group = Group.load(WORKBOOK)
elif group.logframe is None:
    display(Markdown("Fix the findings of exercise 1 first: the draft is written from your levels."))
else:
    display(Markdown("Your workbook already has a `logframe.yaml`: nothing is drafted. Compare it with your levels."))
'''

    MATRIX_CONCEPT = """
## 2. The matrix: four rows, four columns

The logframe is a table. Its **rows** are the levels of the intervention logic, from the widest benefit
at the top to what the partners do at the bottom. Its **columns** say, for each entry, how we would know
that it happened (indicators), where that evidence comes from (sources of verification), and what must
hold outside the project's control for the level above to follow (assumptions). In the Activities row the
indicator and source cells hold the **means** and the **costs**; the bottom cell of the Assumptions column
holds the **pre-conditions**, what must be true before any activity can start. The kit fills the
Activities row from `activities.csv` and `budget.csv`, so nothing is written twice.

The Commission has used two templates with the same logic. The 2004 PCM Guidelines and the Europe for
Citizens forms say overall objective, specific objective (purpose), results and activities. Templates
from about 2016 say impact, outcome(s) and outputs, and give each indicator its own baseline and target
columns, with their years. In `logframe.yaml` the line `template: ec-2004` or `template: ec-2016`
chooses the layout.
"""

    TEMPLATES = """
template_tables()
"""

    MATRIX_2004 = """
# The worked example in the 2004 template, as in the Europe for Citizens application form.
styled_logframe(example.logframe, example.activities, example.budget)
"""

    MATRIX_2016_NOTE = """
The same logframe in the 2016 template: the labels change, and baseline and target get columns of their own.
"""

    MATRIX_2016 = """
as_2016 = dataclasses.replace(example.logframe, template="ec-2016")
styled_logframe(as_2016, example.activities, example.budget)
"""

    LOGIC_CONCEPT = """
## 3. Reading the vertical logic

A logframe is read from the bottom up, as a chain of *if ... and ... then ...*:

- **if** the pre-conditions hold, **then** the activities can start;
- **if** the activities are done, **then** the results are achieved;
- **if** the results are achieved **and** the assumptions at the results level hold, **then** the
  specific objective is reached;
- **if** the specific objective is reached **and** its assumptions hold, **then** the project contributes
  to the overall objective.

So an assumption sits at the level whose link upwards it protects. Read aloud, the chain shows at once
where the logic jumps: a result that no activity produces, or a specific objective that the results
cannot bring about on their own. The worked example, read by the kit:
"""

    LOGIC_EXAMPLE = """
vertical_logic(example)
"""

    REPAIR_CONCEPT = """
## 4. Repairing a first draft

Three mistakes come up in nearly every first logframe:

- **a result worded as an activity** ("Organise three seminars"): a result is the state reached once the
  activities are done;
- **two specific objectives** in a project that is not split into components: a project has one purpose;
  the other belongs higher (an overall objective) or lower (a result);
- **a result without activities**: nothing in the work plan will produce it.

The next cell opens the first draft of another working group, *Europe at Home* (four towns), and shows what
`check_logframe` finds in it. You repair it in the three parts of exercise 2, in the variable `fixed`, a
copy of the draft loaded from `my-workbook/practice/europe-at-home` (the repairs stay in this notebook).
"""

    REPAIR_DRAFT = r'''
fixed = Group.load(practice_draft("europe-at-home", PRACTICE_FILES))   # the draft, to repair below
display(styled_logframe(fixed.logframe, fixed.activities))
as_frame(logframe_findings(fixed))[["severity", "code", "item", "message"]]
'''

    EXERCISE_2A = """
### Exercise 2a: a result, not an activity (1 point)

Rewrite the text of **R1** as the state that is reached once the three seminars are held: who knows, has
or does what. Its indicator (seminar participants who can name three of their rights) is a hint. You
change the text of the first result with `fixed.logframe.results[0].text = "..."`.
"""

    REPAIR_RESULT_ANSWER = r'''
# YOUR ANSWER: R1 as an achieved state.
### BEGIN SOLUTION
fixed.logframe.results[0].text = "Residents who attended the seminars know where to get advice on their EU rights"
### END SOLUTION
'''

    REPAIR_RESULT_TEST = r'''
wording = [f for f in logframe_findings(fixed) if f.code == "logframe.result_is_activity"]
assert not wording, explain(wording)
### BEGIN HIDDEN TESTS
assert [s.id for s in fixed.logframe.results][:1] == ["R1"], "Keep R1 as the first result: reword it, do not delete it."
### END HIDDEN TESTS
'''

    EXERCISE_2B = """
### Exercise 2b: one specific objective (1 point)

SO1 (residents know their rights and how to use them) is the benefit the project delivers to its target
group. SO2 (EU citizens take part in local elections) is a wider, later benefit that the project only
contributes to. Move SO2 up to the overall objectives and give it the id OO2. Do not declare components:
this project has none. Useful: `fixed.logframe.specific_objectives.pop(1)` takes the second specific
objective out of its list and hands it to you; `fixed.logframe.overall_objectives.append(...)` adds a
statement to the overall objectives; a statement's id is its `.id`.
"""

    REPAIR_PURPOSE_ANSWER = r'''
# YOUR ANSWER: one specific objective left.
### BEGIN SOLUTION
wider_benefit = fixed.logframe.specific_objectives.pop(1)
wider_benefit.id = "OO2"
fixed.logframe.overall_objectives.append(wider_benefit)
### END SOLUTION
'''

    REPAIR_PURPOSE_TEST = r'''
purposes = [f for f in logframe_findings(fixed) if f.code == "logframe.several_specific_objectives"]
assert not purposes, explain(purposes)
assert not fixed.logframe.components, "This project has no components: leave fixed.logframe.components False."
### BEGIN HIDDEN TESTS
kept = len(fixed.logframe.overall_objectives) + len(fixed.logframe.results)
assert kept >= 3, "Move SO2 up to the overall objectives (or down to the results); do not delete it."
### END HIDDEN TESTS
'''

    EXERCISE_2C = """
### Exercise 2c: every result has its activities (2 points)

No activity serves **R2** (the front desks answer questions on EU rights correctly). Add at least one
activity for R2 to `fixed.activities`: an id, the result it serves, a title that starts with a verb, its
months (the project lasts 18), its kind (`"task"`, `"event"` or `"milestone"`), the town that leads it and
the means it needs; an event also needs its country, days and invited participants. The first point is for
R2 having its activities, the second for a draft in which the checks find nothing left to fix (no errors,
no warnings). One activity looks like this:

```python
Activity("A9.1", result="R9", title="Verb and what is done", start_month=1, end_month=2,
         kind="task", lead="Which town", means="People, services, equipment")
```
"""

    REPAIR_ACTIVITIES_ANSWER = r'''
# YOUR ANSWER: the activities that produce R2.
### BEGIN SOLUTION
clerks_training = Activity(
    "A2.1", result="R2", title="Train the front-desk clerks of the four towns on EU residence rules",
    start_month=5, end_month=5, kind="event", lead="Żyrardów", country="PL", days=2, participants=24,
    means="Training room, interpreters PL-EN, a trainer from a Europe Direct centre")
desk_tests = Activity(
    "A2.2", result="R2", title="Run mystery-shopper tests at the four front desks", start_month=3,
    end_month=16, kind="task", lead="Båstad", means="Volunteers, test questions, two rounds of visits")
fixed.activities = [a for a in fixed.activities if a.result != "R2"] + [clerks_training, desk_tests]
### END SOLUTION
'''

    REPAIR_ACTIVITIES_TEST = r'''
unserved = [f for f in logframe_findings(fixed) if f.code == "logframe.result_without_activities"]
assert not unserved, explain(unserved)
'''

    REPAIR_WHOLE_TEST = r'''
left = only_errors(logframe_findings(fixed))
assert not left, explain(left, "The draft still has errors:")
### BEGIN HIDDEN TESTS
not_yet = [f for f in logframe_findings(fixed) if f.severity == "warning"]
assert not not_yet, explain(not_yet, "The draft still has warnings:")
assert "R2" in [s.id for s in fixed.logframe.results], "Keep R2: the front desks are what the project changes."
### END HIDDEN TESTS
'''

    REPAIR_AFTER = r'''
# The repaired draft, and what the checks say about it now.
display(styled_logframe(fixed.logframe, fixed.activities))
left_over = logframe_findings(fixed)
as_frame(left_over)[["severity", "code", "item", "message"]] if left_over else Markdown("No findings: the draft is repaired.")
'''

    LIVE_CONCEPT = """
## 5. Live: your group's logframe

Now the group works on its own logframe, together. The trainer projects the editor below; one person types,
everyone talks. Choose a level and a statement, change its wording, add indicators and assumptions
(notebook 2 goes deeper into both). Every change is saved at once into your workbook, and the checks
are shown next to the matrix. This part is not graded. Then run the cell under the editor to read your
logframe from the bottom up.
"""

    LIVE_EDITOR = r'''
# LIVE (projected, not graded): the group edits its logframe; every change is saved into WORKBOOK at once.
from planet_lib import LogframeEditor

LogframeEditor(WORKBOOK, large_text=True)
'''

    GROUP_LOGIC = r'''
# Your group's logframe, read from the bottom up (run this again after each change in the editor).
group = Group.load(WORKBOOK)
vertical_logic(group) if group.logframe is not None else Markdown("Your workbook has no logframe.yaml yet.")
'''

    EXERCISE_3 = """
### Exercise 3: the weakest link (2 points)

Read your group's chain above from the bottom up. Which *if-then* link is the weakest? In three or four
sentences: name the link (for example "R2 to SO1"), say what could break it, and say whether an assumption
in your logframe covers that risk or which one is missing.
"""

    WEAKEST_LINK = """
The weakest link is R2 to SO1. The towns can hold evening meetings at good times (R2) and residents may
still stay at home, so the specific objective (residents take an active part) would not follow. Our
assumption "Residents' associations are willing to co-host meetings in their neighbourhoods" covers part of
this risk; we would add that residents' associations stay active in the neighbourhoods during 2014, and we
will watch the household survey (A2.1, A2.4) to see early whether the link holds.
"""

    TRAINER_NOTES = """
### Trainer notes

- Timing: section 1 and exercise 1, 30 minutes (let groups argue about the specific objective: it is the
  most useful argument of the day); sections 2 and 3 on the projector, 20 minutes; exercise 2, 20 minutes;
  the live part, 20 minutes; exercise 3 and the debrief, 10 minutes.
- Before the session: set each group's `GROUP_FOLDER` with them and check that their `strategy.yaml` has a
  `selected:` option, or exercise 1 cannot be done (the check says so: `levels.not_ready`).
- With the default group (the worked example) exercise 1 repeats the table of section 1: make sure groups
  switch to their own folder before they start.
- Watch for: results copied card by card from the tree; a specific objective one level too high (a benefit
  the network cannot deliver within 24 months); activities entered as results (exercise 2a shows the
  pattern); assumptions that are the partners' own work (notebook 2).
- The editor serves the projected live part only; graded cells never use it. If it does not appear (no
  widgets in the browser), open `logframe.yaml` of the workbook (the folder `WORKBOOK`) in the JupyterLab
  text editor and rerun the cell under the editor.
- Debrief questions: Which objective of your tree did you leave out, and why? Where did your group disagree
  about the specific objective? Read your chain aloud: where does it jump?
- Rubric, exercise 3 (2 points): 2 points when the answer names one precise link, says concretely what
  could break it and whether an assumption covers it (or which to add); 1 point when the link is named but
  the risk stays general; 0 points for no link, or a logframe entry copied out.
"""

    KEY_POINTS = """
## Key points

- The intervention logic comes from the objective tree: the core objective becomes the specific objective,
  the ends above it the overall objective, the selected strategy's objectives below it the results, and
  their means the activities.
- One specific objective per project; results are achieved states; every result has activities that
  produce it.
- Read the matrix from the bottom up: pre-conditions, activities, results, specific objective, overall
  objective, each link with the assumptions that must hold.
- The 2004 and 2016 EC templates hold the same logic under different names; the 2016 template asks for
  baselines and targets with their years.

**Next**: notebook 2 (indicators and assumptions) carries on in the same workbook.
"""


# --- 02_indicators_assumptions ----------------------------------------------------------------

class INDICATORS:
    """The text of notebook 2: indicators, sources, baselines and targets; assumptions."""

    HEADER = """
# Seminar 3.2 · Indicators and assumptions

*Questions*
- How would we know that a result or an objective has been achieved?
- What makes an indicator objectively verifiable, and where does its evidence come from?
- Which outside conditions must hold, and which of them belong in the logframe?

*Objectives*: after this notebook you can
- write indicators by Quantity, Quality and Time, with a baseline, a target and a specific source of
  verification;
- rewrite vague indicators and sources so that anyone could check them;
- assess assumptions the way the PCM Guidelines do (important? will it hold? can the project be
  redesigned?) and word them as positive conditions outside the project's control.

| teaching | exercises | materials |
| --- | --- | --- |
| 35 min | 55 min | your group's workbook with the logframe of notebook 1; the assumption flowchart (section 3), printed |

Run the cells from top to bottom. Your answers go in the cells that start with `# YOUR ANSWER`.
"""

    HELPERS = r'''
# Helpers for this notebook. Run the cell; the code is folded away (click the bar on its left to read it).
from planet_lib import (LIKELIHOODS, LOGFRAME_LEVELS, Assumption, Indicator, Logframe, Statement, assess_assumption,
                        check_logframe)

INDICATOR_CODES = ("logframe.indicator_not_qqt", "logframe.vague_source", "logframe.no_source",
                   "logframe.indicator_no_source", "logframe.baseline_missing", "logframe.target_missing")
VERDICTS = ("exclude", "include", "redesign", "not_feasible")


def indicator_findings(statement_id, indicator, template="ec-2016"):
    """What check_logframe says about one indicator, checked on its own (2016: baseline and target too)."""
    alone = Logframe(template=template, specific_objectives=[Statement(statement_id, "(checked alone)", [indicator])])
    return [f for f in check_logframe(alone) if f.code in INDICATOR_CODES]


def assumption_findings(text):
    """What check_logframe says about the wording of one assumption."""
    alone = Logframe(specific_objectives=[Statement("SO1", "(checked alone)", assumptions=[Assumption(text)])])
    return [f for f in check_logframe(alone) if f.code.startswith("logframe.assumption_")]


def indicator_table(logframe):
    """Every indicator of a logframe, one row each."""
    rows = [{"of": s.id, "indicator": i.text, "unit": i.unit, "baseline": i.baseline, "target": i.target,
             "by": i.by or i.target_year or "", "source": i.source}
            for level in LOGFRAME_LEVELS for s in logframe.level(level) for i in s.indicators]
    return pd.DataFrame(rows, columns=["of", "indicator", "unit", "baseline", "target", "by", "source"])


def _verdict(a):
    if a.important is False or a.likelihood:
        return assess_assumption(a.important, a.likelihood, a.can_redesign)
    return "not rated yet"


def assumption_table(logframe):
    """Every assumption with its rating and what the assessment makes of it (none without a logframe)."""
    statements = [s for level in LOGFRAME_LEVELS for s in logframe.level(level)] if logframe is not None else []
    rows = [{"where": f"{s.id} assumption {n}", "assumption": a.text, "important": a.important,
             "likelihood": a.likelihood, "can_redesign": a.can_redesign, "verdict": _verdict(a)}
            for s in statements for n, a in enumerate(s.assumptions, start=1)]
    return pd.DataFrame(rows, columns=["where", "assumption", "important", "likelihood", "can_redesign", "verdict"])


def rate_assumptions(folder, ratings):
    """Write ratings into the workbook's logframe.yaml and return the group as saved.

    `ratings` maps "SO1 assumption 1" (as the table and the checks name it) to
    (important, likelihood) or (important, likelihood, can_redesign).
    """
    g = Group.load(folder)
    if g.logframe is None:
        raise ValueError("Your workbook has no logframe.yaml yet: write it in notebook 1 first.")
    places = {f"{s.id} assumption {n}": a for level in LOGFRAME_LEVELS for s in g.logframe.level(level)
              for n, a in enumerate(s.assumptions, start=1)}
    unknown = [where for where in ratings if where not in places]
    if unknown:
        raise ValueError(f"Your logframe has no {', '.join(unknown)}. Use the names of the 'where' column: "
                         f"{', '.join(places)}.")
    for where, (important, likelihood, *redesign) in ratings.items():
        if likelihood not in LIKELIHOODS:
            raise ValueError(f"{where}: write the likelihood as one of {', '.join(LIKELIHOODS)}, not {likelihood!r}.")
        a = places[where]
        a.important, a.likelihood = important, likelihood
        a.can_redesign = redesign[0] if redesign else None
    save("logframe", g.logframe)
    return Group.load(folder)
'''

    QQT_CONCEPT = """
## 1. Indicators: how would we know?

An indicator answers the question *how would we know that this happened?* It is **objectively
verifiable**: two people checking it would find the same value. It is described by **Quantity, Quality
and Time (QQT)**: how much, of what (who, which kind, where), by when. For each indicator the logframe
also gives:

- the **baseline**: the value today, with its year, measured *before* the activities start;
- the **target**: the value to reach, with its date;
- the **source of verification**: the document or count that will show the value, who keeps it and when.
  "Project reports" is not a source: nobody outside the project could check it.

The 2016 template has columns for baseline and target and asks for their years; when a baseline cannot be
measured before the application, write when it will be (for example "to be set by the first progress
report"). The indicators of the worked example:
"""

    QQT_EXAMPLE = """
indicator_table(example.logframe)
"""

    BAD_CONCEPT = """
## 2. What the checks say about a weak indicator

The kit's checks read an indicator (in English) for a number, for what is counted and for a date, and
compare its source with a list of fillers such as "project reports". A weak indicator of the kind first
drafts often have, and the same indicator rewritten:
"""

    BAD_EXAMPLE = r'''
weak = Indicator("More citizens participate", source="Project documentation")
strong = Indicator("Residents who attend at least one open council meeting in the four towns", unit="residents",
                   baseline="140", baseline_year=2013, target="400", target_year=2015,
                   source="Attendance lists of the open council meetings, kept by each town clerk")
display(as_frame(indicator_findings("SO1", weak))[["code", "message", "hint"]])
display(Markdown(f"The rewritten indicator: {len(indicator_findings('SO1', strong))} findings."))
'''

    EXERCISE_1 = """
### Exercise 1: rewrite three weak indicators (3 points)

The logframe of *Europe at Home* (notebook 1) came with the three weak indicators of the next cell
(2016 template). Rewrite each in `better_indicators`, for the same statement: give the text, the unit, the
baseline and its year, the target and its year, and a specific source. Invent plausible figures; what
counts is that anyone could check them.

- 1 point: every indicator is QQT (no `indicator_not_qqt`);
- 1 point: every source is specific (no `vague_source`, none missing);
- 1 point: every indicator has a baseline and a target, each with its year (no `baseline_missing`,
  no `target_missing`).

One indicator looks like this:

```python
Indicator("What is counted, and where", unit="...", baseline="...", baseline_year=2013,
          target="...", target_year=2015, source="Which document, kept by whom, when")
```
"""

    BAD_GIVEN = r'''
# The three weak indicators, under the statement each one measures.
weak_indicators = {
    "SO1": Indicator("Residents know their rights better", source="Project reports"),
    "R1": Indicator("Seminars held", unit="seminars", baseline="0", target="3", source="Project reports"),
    "R2": Indicator("Front desks give better answers", source="Project results"),
}
measured = {"SO1": "Residents of the four towns know their rights as EU citizens and how to use them",
            "R1": "Residents who attended the seminars know where to get advice on their EU rights",
            "R2": "Front desks of the four town halls answer questions on EU rights correctly"}
display(pd.DataFrame({"statement": measured, "weak indicator": {k: i.text for k, i in weak_indicators.items()}}))
pd.concat([as_frame(indicator_findings(k, i)) for k, i in weak_indicators.items()])[["item", "code", "message"]]
'''

    INDICATORS_ANSWER = r'''
# YOUR ANSWER: one rewritten indicator for each of SO1, R1 and R2.
### BEGIN SOLUTION
better_indicators = {
    "SO1": Indicator(
        "Residents surveyed who can name at least three of their rights as EU citizens",
        unit="% of residents surveyed", baseline="22%", baseline_year=2013, target="45%", target_year=2015,
        source="Street survey of 100 residents per town in months 2 and 17, run by Olot town hall"),
    "R1": Indicator(
        "Seminar participants who can say where to get advice on a question about their EU rights",
        unit="participants", baseline="0", baseline_year=2013, target="100", target_year=2014,
        source="Short quiz at the end of each seminar, kept with the signed attendance lists"),
    "R2": Indicator(
        "Test questions on EU residence rights answered correctly at the four front desks",
        unit="% of questions", baseline="40%", baseline_year=2013, target="85%", target_year=2015,
        source="Mystery-shopper tests in months 3 and 16, run by Båstad town hall with volunteers"),
}
### END SOLUTION
'''

    INDICATORS_QQT = r'''
assert set(better_indicators) == {"SO1", "R1", "R2"}, "Give one indicator for each of SO1, R1 and R2."
not_qqt = [f for k, i in better_indicators.items() for f in indicator_findings(k, i)
           if f.code == "logframe.indicator_not_qqt"]
assert not not_qqt, explain(not_qqt)
### BEGIN HIDDEN TESTS
same = [k for k in weak_indicators if better_indicators[k].text.strip() == weak_indicators[k].text]
assert not same, f"Rewrite the text of {', '.join(same)} too, not only its figures: say what is counted, and where."
### END HIDDEN TESTS
'''

    INDICATORS_SOURCE = r'''
vague = [f for k, i in better_indicators.items() for f in indicator_findings(k, i)
         if f.code in ("logframe.vague_source", "logframe.no_source", "logframe.indicator_no_source")]
assert not vague, explain(vague)
'''

    INDICATORS_BASELINE = r'''
missing = [f for k, i in better_indicators.items() for f in indicator_findings(k, i)
           if f.code in ("logframe.baseline_missing", "logframe.target_missing")]
assert not missing, explain(missing)
### BEGIN HIDDEN TESTS
postponed = [k for k, i in better_indicators.items() if "to be " in f"{i.baseline} {i.target}".lower()]
assert not postponed, f"Give plausible values for {', '.join(postponed)} rather than 'to be set'."
### END HIDDEN TESTS
'''

    ASSESS_CONCEPT = """
## 3. Assumptions: which ones belong in the logframe?

Assumptions are conditions **outside the project's control** that must hold for one level to lead to the
next. Write them as **positive states** ("The municipal councils stay in office until 2014", not "No
elections delay the work"), at the level whose link they protect. What the partners themselves do is not
an assumption: it is an activity.

Not every risk belongs in the logframe. The PCM Guidelines (2004, Figure 30) sort them with three questions:

```
Is the condition important?
├── no  → leave it out ........................................... exclude
└── yes → Will it hold?
          ├── almost certainly → leave it out ...................... exclude
          ├── possibly → keep it as an assumption, and monitor it ... include
          └── very unlikely → Can the project be redesigned to influence it?
                              ├── yes → redesign: add activities or results,
                              │         or reword the purpose ...... redesign
                              └── no  → the project may not be feasible ... not_feasible
```

`assess_assumption(important, likelihood, can_redesign)` answers the same way, with the likelihood written
`"certain"`, `"possible"` or `"unlikely"`. (Other manuals call an important, very unlikely condition a
*killer assumption*.) Three conditions the worked example's group talked about:
"""

    ASSESS_EXAMPLE = r'''
talked_about = pd.DataFrame([
    {"condition": "Regional governments keep funding separate waste collection at the 2013 level",
     "important": True, "likelihood": "possible", "can_redesign": None},
    {"condition": "The town halls' printing offices keep their prices", "important": False,
     "likelihood": "possible", "can_redesign": None},
    {"condition": "Residents come to meetings announced only in the official bulletin", "important": True,
     "likelihood": "unlikely", "can_redesign": True},
])
talked_about["verdict"] = [assess_assumption(r.important, r.likelihood, r.can_redesign) for r in talked_about.itertuples()]
talked_about
'''

    EXERCISE_2 = """
### Exercise 2: assess five assumptions (2 points)

A group wrote down five conditions and said, in its discussion, what it thinks of each. Decide for each what
the assessment makes of it: `"exclude"`, `"include"`, `"redesign"` or `"not_feasible"`. Work it out with
the flowchart, by hand; check yourself with `assess_assumption` afterwards if you like.

| id | condition | what the group said |
| --- | --- | --- |
| a1 | Speakers from the Europe Direct centres are available on the seminar dates | "Without them the seminars lose their best speakers. They usually say yes, but their calendars are full." |
| a2 | The partner towns' tourist offices keep their opening hours | "Nice to have, but nothing in our plan depends on it." |
| a3 | National law keeps the right of EU citizens to vote in local elections | "Essential. It is EU law too: it will not change in two years." |
| a4 | Newly arrived EU residents come to the town hall on their own to ask about their rights | "Essential, but hardly anyone comes today. We could go to them instead, with meetings in the associations of foreign residents." |
| a5 | The national governments double the towns' budgets for integration in 2014 | "Our welcome packs depend on it. It will not happen, and there is nothing we can do about it." |

1 point for a verdict, in the words above, for each of the five; 1 point for verdicts that follow the
assessment.
"""

    VERDICTS_ANSWER = r'''
# YOUR ANSWER: one verdict for each condition.
### BEGIN SOLUTION
my_verdicts = {"a1": "include", "a2": "exclude", "a3": "exclude", "a4": "redesign", "a5": "not_feasible"}
### END SOLUTION
'''

    VERDICTS_GIVEN = r'''
missing = sorted({"a1", "a2", "a3", "a4", "a5"} - set(my_verdicts))
assert not missing, f"Give a verdict for {', '.join(missing)} too."
odd = {k: v for k, v in my_verdicts.items() if v not in VERDICTS}
assert not odd, f"Use only the words {', '.join(VERDICTS)}; these are not: {odd}."
'''

    VERDICTS_RIGHT = r'''
assert isinstance(my_verdicts, dict), "Write my_verdicts as {'a1': '...', 'a2': '...', ...}."
### BEGIN HIDDEN TESTS
group_said = {"a1": (True, "possible", None), "a2": (False, "possible", None), "a3": (True, "certain", None),
              "a4": (True, "unlikely", True), "a5": (True, "unlikely", False)}
off = [f"{k}: you wrote {my_verdicts.get(k)!r}; the group finds it important={r[0]}, likelihood {r[1]!r}, "
       f"can_redesign={r[2]}, so the assessment says {assess_assumption(*r)!r}"
       for k, r in group_said.items() if my_verdicts.get(k) != assess_assumption(*r)]
assert not off, "Not what the assessment gives:\n" + "\n".join(off)
### END HIDDEN TESTS
'''

    EXERCISE_3 = """
### Exercise 3: rewrite two assumptions (2 points)

Two assumptions of the *Europe at Home* draft are badly worded:

- "The partners will organise the seminars on time" is about the partners' own work. Organising the
  seminars is an activity; write instead the outside condition the seminars depend on.
- "No elections delay the work of the town councils" is worded negatively; write the positive state that
  must hold.

Put your versions in `rewritten_own_action` and `rewritten_negative`. 1 point each, when the check finds no
own action, no general wording and no negative wording in it.
"""

    REWRITE_ANSWER = r'''
# YOUR ANSWER: the two assumptions, rewritten.
### BEGIN SOLUTION
rewritten_own_action = "Speakers from the Europe Direct centres accept the invitations to the three seminars"
rewritten_negative = "The municipal councils of the four towns stay in office until the end of 2014"
### END SOLUTION
'''

    REWRITE_OWN_ACTION = r'''
own = assumption_findings(rewritten_own_action)
assert not own, explain(own)
### BEGIN HIDDEN TESTS
assert len(rewritten_own_action.split()) >= 5, "Name the outside condition: who or what, doing what (five words or more)."
assert "organise the seminars" not in rewritten_own_action.lower(), "Write the outside condition, not the partners' task."
### END HIDDEN TESTS
'''

    REWRITE_NEGATIVE = r'''
negative = assumption_findings(rewritten_negative)
assert not negative, explain(negative)
### BEGIN HIDDEN TESTS
assert len(rewritten_negative.split()) >= 5, "Say which state must hold: who or what, and until when."
assert rewritten_negative.strip().lower() != "elections delay the work of the town councils", "Turn it into a positive state."
### END HIDDEN TESTS
'''

    GROUP_RISKS = """
## 4. Your group's assumptions

The table lists every assumption in your group's logframe with its rating so far. The `where` column names
each one the way the checks do: `SO1 assumption 2` is the second assumption of SO1.
"""

    GROUP_ASSUMPTIONS = r'''
group = Group.load(WORKBOOK)
assumption_table(group.logframe) if group.logframe is not None else Markdown("No logframe.yaml yet: do notebook 1 first.")
'''

    EXERCISE_4 = """
### Exercise 4: assess your group's assumptions (2 points)

Discuss each assumption in your group, then rate it in `group_ratings`: is it important (`True` or
`False`), will it hold (`"certain"`, `"possible"` or `"unlikely"`), and, for the unlikely ones only, can the
project be redesigned to influence it (`True` or `False`). The cell saves the ratings into your workbook's
`logframe.yaml` and shows the verdicts.

- 1 point: every assumption of your logframe is rated;
- 1 point: the ratings are saved, and no assumption is left that the assessment calls *redesign* or *not
  feasible*. If one is, redesign the project (add the activities or results that influence the condition,
  in the live part of notebook 1), reword the assumption, and rate it again.

Assumptions the assessment would leave out (`exclude`) are noted by the self-check; remove them in the
editor once the group agrees.
"""

    RATINGS_ANSWER = r'''
# YOUR ANSWER: "where" -> (important, likelihood) or (important, likelihood, can_redesign).
### BEGIN SOLUTION
group_ratings = {
    "SO1 assumption 1": (True, "possible"),
    "SO1 assumption 2": (True, "possible"),
    "R1 assumption 1": (True, "possible"),
    "R2 assumption 1": (True, "possible"),
    "R3 assumption 1": (True, "possible"),
}
### END SOLUTION
rated = rate_assumptions(WORKBOOK, group_ratings)
assumption_table(rated.logframe)
'''

    RATINGS_COMPLETE = r'''
places = list(assumption_table(Group.load(WORKBOOK).logframe)["where"])
unrated = [where for where in places if where not in group_ratings]
assert not unrated, f"Rate these assumptions too: {', '.join(unrated)}."
'''

    RATINGS_SAVED = r'''
saved = Group.load(WORKBOOK).logframe
assert group_ratings and saved is not None, "Rate your assumptions in the answer cell and run it: it saves them."
not_saved = list(assumption_table(saved).query("verdict == 'not rated yet'")["where"])
assert not not_saved, f"Run the answer cell again: it saves the ratings. Not saved yet: {', '.join(not_saved)}."
killers = [f for f in check_logframe(saved) if f.code in ("logframe.assumption_redesign",
                                                        "logframe.assumption_not_feasible")]
assert not killers, explain(killers)
'''

    GROUP_INDICATORS_NOTE = """
## 5. Live: your group's indicators

Your group's indicators, and what the checks say about them. Improve them with the editor under the table
(projected, not graded): every change is saved into your workbook at once.
"""

    GROUP_INDICATORS = r'''
# LIVE (projected, not graded): your group's indicators, the checks, and the editor.
from planet_lib import LogframeEditor

group = Group.load(WORKBOOK)
if group.logframe is not None:
    display(indicator_table(group.logframe))
    about = [f for f in check_logframe(group.logframe) if f.code in INDICATOR_CODES + ("logframe.no_indicator",)]
    display(as_frame(about)[["item", "message", "hint"]] if about else Markdown("No findings about your indicators."))
LogframeEditor(WORKBOOK, large_text=True)
'''

    EXERCISE_5 = """
### Exercise 5: the indicator that will be hardest to measure (2 points)

Pick the indicator of your group's logframe that will be hardest to measure. In three or four sentences:
why is it hard, who will collect the data, when (baseline and target), and what does collecting it cost? Is
that cost in your budget?
"""

    HARDEST_INDICATOR = """
The hardest is the second indicator of SO1, the share of households who know how to take part in an
environmental decision of their town. It needs a household survey of 150 households per town, twice: the
baseline in months 2 and 3, before the evening meetings start in month 9, and the target measurement in
months 18 and 19. Cittadella leads both rounds (A2.1 and A2.4) with a survey company or university students.
The two rounds cost about EUR 8,550 (2 x 1,050 households at EUR 3.50, plus an analysis report of EUR 1,200),
and both are in the budget under A2.1 and A2.4.
"""

    TRAINER_NOTES = """
### Trainer notes

- Timing: sections 1 and 2, 15 minutes; exercise 1, 20 minutes; section 3 with exercises 2 and 3, 25
  minutes; exercise 4 in groups, 20 minutes; the editor and exercise 5, 10 minutes plus the debrief.
- Watch for: indicators that restate the result ("seminars held" for a result about people); targets
  without a date; baselines "to be collected" after the activities have started; "project reports" as a
  source; assumptions about the partners' own work; assumptions written as risks ("no elections").
- The checks read English only: an indicator or assumption in another language is not judged; read those
  yourself with the group.
- Exercise 2: a2 and a3 are both left out, for different reasons; ask the room why. a4 is the one to
  discuss: the redesign turns a killer assumption into activities (outreach meetings), and a result.
- Exercise 4 needs the group's own logframe from notebook 1; with the default group the ratings go into the
  worked example's copy. A rating of "unlikely" blocks the second point until the group redesigns: that is
  the lesson, not a bug.
- Debrief questions: Which of your indicators costs money to measure? Which assumption turned into an
  activity? Who in each town keeps each source of verification?
- Rubric, exercise 5 (2 points): 2 points when the answer names one indicator, who collects it, when (a
  baseline before the activities) and its cost or budget line; 1 point when it names the indicator and the
  difficulty only; 0 points for a general remark about indicators.
"""

    KEY_POINTS = """
## Key points

- An indicator says how much, of what and by when (QQT); its baseline is measured before the activities,
  its target has a date.
- A source of verification names the document or count, who keeps it and when; "project reports" is not one.
- Assumptions are outside conditions, written as positive states, at the level whose link they protect;
  what partners do is an activity.
- The assessment keeps important conditions that may possibly fail; a very unlikely one calls for a
  redesign, or puts the project's feasibility in question.

**Next**: notebook 3 (work plan and budget) carries on in the same workbook.
"""


# --- 03_workplan_budget -----------------------------------------------------------------------

class WORKPLAN:
    """The text of notebook 3: the activity schedule, the budget and the programme's rules."""

    HEADER = """
# Seminar 3.3 · Work plan and budget

*Questions*
- When does the network do what, and which moments show progress?
- What does each activity, each result and each participant cost?
- Does the plan meet the programme's rules: countries, events, participants, days, duration, grant?

*Objectives*: after this notebook you can
- read an activity schedule with its events and milestones (Gantt chart) and add an event to it;
- read a budget per activity and per result, and the cost per participant of each event;
- check a network and its events against the programme's rule set, and repair a plan that breaks it.

| teaching | exercises | materials |
| --- | --- | --- |
| 40 min | 50 min | your group's workbook with the logframe of notebooks 1 and 2; the programme's call text; a projector |

Run the cells from top to bottom. Your answers go in the cells that start with `# YOUR ANSWER`.
"""

    HELPERS = r'''
# Helpers for this notebook. Run the cell; the code is folded away (click the bar on its left to read it).
from planet_lib import (RULE_DESCRIPTIONS, Activity, BudgetLine, Partner, budget_figure, budget_total,
                        check_eligibility, check_schedule, event_costs, gantt, load_ruleset, schedule_frame,
                        summary_frame)

SAMPLE_PROGRAMME = "efc-2007-2013-m1-2"  # the sample cohort's: Europe for Citizens 2007-2013, Measure 1.2
EVENT_RULES = ("min_events", "min_participants", "min_participants_per_event", "max_event_days",
               "min_event_countries")


def ruleset_of(g):
    """The rule set of the group's programme (the sample cohort's when the group names none)."""
    return load_ruleset(g.programme or SAMPLE_PROGRAMME)


def rules_table(g, ruleset):
    """Each rule of the programme, its limit, and whether the group's plan meets it."""
    grant = budget_total(g.budget) if g.budget is not None else None
    found = check_eligibility(g.network, g.activities, ruleset, grant=grant)
    rows = []
    for rule, limit in ruleset.rules.items():
        failed = [f.message for f in found if f.code == f"rules.{rule}"
                  or f.code == "rules.not_checkable" and f.item == rule]
        if rule.startswith("grant") and grant is None or rule in EVENT_RULES and g.activities is None:
            status = "not checked yet (no budget or schedule)"
        else:
            status = " / ".join(failed) or "met"
        note = ruleset.uncertain_note(rule)
        rows.append({"rule": rule, "what is counted": RULE_DESCRIPTIONS[rule], "limit": f"{limit:,.0f}",
                     "the plan": status, "uncertain": "yes" if note else ""})
    display(Markdown(f"Rule set: **{ruleset.title}** (version {ruleset.version})"))
    return pd.DataFrame(rows)


def event_table(g):
    """Each event: where, how long, how many invited, its cost in all and per participant."""
    where = {a.id: a for a in g.activities or []}
    rows = [{"event": c.activity, "title": c.title, "country": where[c.activity].country,
             "days": where[c.activity].days, "participants": c.participants, "cost": round(c.cost),
             "per participant": round(c.per_participant) if c.per_participant else None}
            for c in event_costs(g.budget or [], g.activities or [])]
    return pd.DataFrame(rows, columns=["event", "title", "country", "days", "participants", "cost", "per participant"])


''' + PRACTICE_DRAFT + r'''

PLAN_RESULTS = ["R1", "R2"]  # the results of the practice plan's logframe


def plan_findings(plan):
    """The programme's rules and the schedule checks, on the practice plan."""
    return (check_eligibility(plan.network, plan.activities, load_ruleset(SAMPLE_PROGRAMME))
            + check_schedule(plan.activities, plan.network, PLAN_RESULTS))


def plan_event(folder, event, cost_lines):
    """Save one activity and its cost lines into the workbook, replacing an earlier version with its id."""
    strays = [line.item for line in cost_lines if line.activity != event.id]
    if strays:
        raise ValueError(f"These cost lines do not name {event.id} as their activity: {', '.join(strays)}.")
    g = Group.load(folder)
    save("activities", [a for a in g.activities or [] if a.id != event.id] + [event])
    save("budget", [line for line in g.budget or [] if line.activity != event.id] + list(cost_lines))
    return Group.load(folder)


PLAN_FILES = {
    "group.yaml": """
id: practice-remembering-together
name: "Practice plan: Remembering Together"
programme: efc-2007-2013-m1-2
start: 2013-09
duration_months: 18
partners:
  - {municipality: Sandomierz, country: PL, role: lead}
  - {municipality: Zamość, country: PL}
  - {municipality: Cittadella, country: IT}
  - {municipality: Mediaș, country: RO}
""",
    "activities.csv": """
id,result,title,start_month,end_month,kind,lead,country,days,participants,means
A1.1,R1,Hold the opening seminar on the towns' shared memory in Sandomierz,3,3,event,Sandomierz,PL,2,12,"Meeting room, interpreters PL-EN, a historian"
A1.2,R1,Run a summer school for young town guides in Cittadella,7,7,event,Cittadella,IT,25,10,"Youth hostel, two trainers, study trips"
A2.1,R2,Collect family letters and photographs in the four towns,4,12,task,Mediaș,,,,"Volunteers, scanner, archive boxes"
A2.2,R2,Open the online exhibition of the collection,14,14,milestone,Mediaș,,,,
""",
}
'''

    SCHEDULE_CONCEPT = """
## 1. The activity schedule

The activity schedule puts the activities of the logframe into a calendar, in seven steps: list the main
activities; break them down into manageable tasks; put them in order and note what depends on what; set
their start, duration and end; set **milestones**, the moments that show progress; say what expertise each
needs; and share the tasks among the partners. A network's schedule has three kinds of rows:

- **events** (seminars, conferences, workshops): the programme counts them, with their country, length and
  invited participants;
- **tasks**: the work between events (a toolkit, a survey, coordination);
- **milestones**: a point in time, not a period (toolkit published, mid-term review approved, final report
  sent).

Months count from the start of the project: month 1 is the `start` month of `group.yaml`. The worked example:
"""

    SCHEDULE_GANTT = """
gantt(example.activities, example.network, example.logframe.results)
"""

    SCHEDULE_EVENTS = """
# Its events and milestones, with their calendar months.
schedule_frame(example.activities, example.network.start).query("kind != 'task'")
"""

    BUDGET_CONCEPT = """
## 2. The budget per activity and per result

Each activity of the schedule is also a line of the means and cost schedule: what it needs (the *means*,
in `activities.csv`) and what that costs (`budget.csv`: activity, item, category, quantity, unit cost;
amount = quantity x unit cost). Adding the lines up per result shows where the money goes, and whether the
result that matters most also gets the means it needs. The worked example, per result and category (EUR):
"""

    BUDGET_RESULTS = """
summary_frame(example.budget, example.activities).round(0).astype(int)
"""

    BUDGET_FIGURE = """
budget_figure(example.budget, example.activities, results=example.logframe.results)
"""

    PER_PARTICIPANT_CONCEPT = """
## 3. Cost per participant

For an event, divide its cost by the participants it invites. Programmes like Europe for Citizens paid flat
rates by events and participants, so a cost per participant far above the others is worth a second look: a
remote venue, long interpretation, or too few people invited. The worked example's events:
"""

    PER_PARTICIPANT = """
event_table(example)
"""

    RULES_CONCEPT = """
## 4. The programme's rules

A proposal is only considered if the network and its plan meet the programme's rules: how many partner
countries (and EU Member States), how many events, invited participants and days per event, how long the
project lasts and how big the grant is. The kit keeps each programme's rules as data, one *rule set* per
programme and period (`data/rulesets`), with their sources; facts the sources leave open are marked
*uncertain*, and a failed uncertain rule is a warning instead of an error. Always check the call text
itself before you apply. The worked example against the rules of its programme:
"""

    RULES_EXAMPLE = """
rules_table(example, ruleset_of(example))
"""

    EXERCISE_1 = """
### Exercise 1: make an ineligible plan eligible (4 points)

The plan of *Remembering Together* (next cell) breaks four rules of Europe for Citizens, Measure 1.2: an
event lasts 25 days (at most 21), there are 2 events (at least 3), 22 participants are invited in all (at
least 30), and the partners come from 3 countries (at least 4). Repair `plan` in the answer cell, keeping
its partners and its two events:

- 1 point: no event lasts longer than the rules allow (`rules.max_event_days`);
- 1 point: enough events and invited participants (`rules.min_events`, `rules.min_participants`);
- 1 point: enough partner countries (`rules.min_countries`);
- 1 point: the whole plan passes the rules and the schedule checks (a new event needs a result, R1 or R2,
  months within the 18 of the project, a country, its days and its participants).

Useful: `next(a for a in plan.activities if a.id == "A1.2")` finds an activity, and `.days = ...` changes
one of its fields; `plan.network.partners.append(Partner("Town", "FI"))` adds a partner (the country as a
two-letter code); `plan.activities.append(Activity(...))` adds an activity, as in notebook 1.
"""

    PLAN_DRAFT = r'''
plan = Group.load(practice_draft("remembering-together", PLAN_FILES))   # the plan, to repair below
display(schedule_frame(plan.activities, plan.network.start))
as_frame(plan_findings(plan))[["severity", "code", "item", "message"]]
'''

    PLAN_ANSWER = r'''
# YOUR ANSWER: repair the plan.
### BEGIN SOLUTION
summer_school = next(a for a in plan.activities if a.id == "A1.2")
summer_school.days = 10
summer_school.participants = 20
plan.network.partners += [Partner("Kerava", "FI")]
closing_conference = Activity(
    "A2.3", result="R2", title="Hold the closing conference on the shared collection in Mediaș",
    start_month=16, end_month=16, kind="event", lead="Mediaș", country="RO", days=3, participants=40,
    means="Conference hall, interpreters RO-EN, the exhibition of the collection")
plan.activities = [a for a in plan.activities if a.id != "A2.3"] + [closing_conference]
### END SOLUTION
'''

    PLAN_DAYS = r'''
too_long = [f for f in plan_findings(plan) if f.code == "rules.max_event_days"]
assert not too_long, explain(too_long)
'''

    PLAN_EVENTS = r'''
too_few = [f for f in plan_findings(plan) if f.code in ("rules.min_events", "rules.min_participants")]
assert not too_few, explain(too_few)
'''

    PLAN_COUNTRIES = r'''
short_of = [f for f in plan_findings(plan) if f.code in ("rules.min_countries", "rules.min_member_states")]
assert not short_of, explain(short_of)
'''

    PLAN_WHOLE = r'''
remaining = [f for f in plan_findings(plan) if f.severity != "info"]
assert not remaining, explain(remaining)
### BEGIN HIDDEN TESTS
towns = {p.municipality for p in plan.network.partners}
assert {"Sandomierz", "Zamość", "Cittadella", "Mediaș"} <= towns, "Keep the four partner towns; add, do not replace."
kept_events = {a.id for a in plan.activities if a.kind == "event"}
assert {"A1.1", "A1.2"} <= kept_events, "Keep the two events of the plan (shorten one, do not delete it)."
assert plan.network.duration_months == 18, "Keep the project at 18 months."
### END HIDDEN TESTS
'''

    GROUP_PLAN = """
## 5. Your group's work plan

Your group's schedule and its programme's rules, as they stand in your workbook.
"""

    GROUP_GANTT = r'''
group = Group.load(WORKBOOK)
if group.activities is None:
    display(Markdown("Your workbook has no activities.csv yet: list your activities there first (one row each)."))
else:
    display(gantt(group.activities, group.network, group.logframe.results if group.logframe else None))
rules_table(group, ruleset_of(group))
'''

    EXERCISE_2 = """
### Exercise 2: plan one of your group's events in full (3 points)

Add one event to your group's work plan with everything the programme and the budget need: write it in
`my_event`, and its cost lines in `my_event_costs`. The cell saves both into your workbook
(`activities.csv` and `budget.csv`); running it again replaces the event, it does not add a second one. (If
you change the event's id, the event saved under the old id stays: delete its rows from both files.)

- 1 point: the event is saved, serves a result of your logframe, lies within the project and has its
  country, days, invited participants and means (the self-check says nothing about it);
- 1 point: its cost lines are saved and complete (activity, item, category, quantity, unit cost);
- 1 point: with this event the whole plan still meets the programme's rules (no `rules.` error).

One cost line looks like this: `BudgetLine("A9.1", "What is paid for", "travel", 12, 280.0)` (activity, item,
category, quantity, unit cost).
"""

    EVENT_ANSWER = r'''
# YOUR ANSWER: one event of your group, and its cost lines.
### BEGIN SOLUTION
my_event = Activity(
    "A2.5", result="R2", title="Hold a network seminar on evening and weekend meetings in Llíria",
    start_month=15, end_month=15, kind="event", lead="Llíria", country="ES", days=2, participants=36,
    means="Meeting hall of the youth centre, interpreters ES-EN, two facilitators from the partner towns")
my_event_costs = [
    BudgetLine("A2.5", "Return travel of delegates from the six partner towns", "travel", 12, 260),
    BudgetLine("A2.5", "Hotel nights for delegates (1 night each)", "accommodation", 12, 60),
    BudgetLine("A2.5", "Meeting hall (days)", "venue", 2, 200),
    BudgetLine("A2.5", "Interpreters ES-EN (interpreter days)", "interpretation", 4, 400),
]
### END SOLUTION
planned = plan_event(WORKBOOK, my_event, my_event_costs)
event_table(planned)
'''

    EVENT_SCHEDULED = r'''
saved = Group.load(WORKBOOK)
assert my_event.id in [a.id for a in saved.activities or []], (
    f"{my_event.id} is not in activities.csv yet: run the answer cell, it saves the event.")
assert my_event.kind == "event", "Write kind=\"event\": this exercise plans an event."
about_it = [f for f in check_group(saved) if f.item == my_event.id and f.severity != "info"
            and f.file != "budget.csv"]
assert not about_it, explain(about_it)
'''

    EVENT_COSTED = r'''
saved = Group.load(WORKBOOK)
lines = [line for line in saved.budget or [] if line.activity == my_event.id]
assert lines, f"budget.csv has no cost line for {my_event.id} yet: run the answer cell, it saves my_event_costs."
rows = {my_event.id} | {f"line {line.line}" for line in lines}
costing = [f for f in check_group(saved) if f.file == "budget.csv" and f.item in rows and f.severity != "info"]
assert not costing, explain(costing)
'''

    EVENT_ELIGIBLE = r'''
assert my_event.kind == "event", "Write kind=\"event\": this exercise plans an event."
rule_errors = [f for f in only_errors(check_group(WORKBOOK)) if f.code.startswith("rules.")]
assert not rule_errors, explain(rule_errors)
'''

    GROUP_BUDGET = r'''
# Your group's budget now, per result and category, and the cost per participant of each event.
group = Group.load(WORKBOOK)
if group.budget is not None:
    display(budget_figure(group.budget, group.activities, results=group.logframe.results if group.logframe else None))
event_table(group)
'''

    EXERCISE_3 = """
### Exercise 3: the costliest event per participant (2 points)

Look at the table of your group's events above. Which event costs most per invited participant? In three
or four sentences: what drives that cost, and would you change the event (place, length, number invited,
interpretation) or defend it in the proposal?
"""

    COSTLIEST_EVENT = """
The seminar in Ystad (A3.5) costs most per participant, about EUR 294 against EUR 166 for the final
conference in Mediaș. Travel to the south of Sweden (EUR 340 a delegate), hotel nights at EUR 95 and
interpreters at EUR 520 a day drive it, and only 40 people are invited. We keep it, because the visits to
Ystad's schools and NGOs are where the partners see green local alliances at work; but we will also invite
10 residents of Ystad, who need no travel or hotel, which brings the cost down to about EUR 235 a participant.
"""

    TRAINER_NOTES = """
### Trainer notes

- Timing: sections 1 to 3 on the projector, 25 minutes; section 4, 10 minutes; exercise 1, 20 minutes;
  exercise 2 in groups, 25 minutes; exercise 3 and the debrief, 10 minutes.
- Before the session: make sure each group's `programme:` in `group.yaml` is the call it applies to. For the
  CERV rule set read the uncertain notes with the groups (lump sums, minimum events, participants).
- Watch for: events without country, days or participants; milestones spread over several months;
  activities running past the end of the project; costs for activities that are not in the schedule;
  forgotten staff costs for coordination; one event taking half of the budget.
- The participants rule is read as a total for the project (see the rule set's note); discuss with the
  groups whether their call counts per event.
- Exercise 2 adds to the group's own workbook: with the default group the event goes into the worked
  example's copy. Groups whose schedule is not written yet can write it in `activities.csv` and
  `budget.csv` (spreadsheet or text editor) and rerun section 5.
- Debrief questions: Which event costs most per participant, and why? Which partner leads the most
  activities, and can it carry them? What did you change to make the practice plan eligible, and which
  change was the cheapest?
- Rubric, exercise 3 (2 points): 2 points when the answer names the event with its figure, the cost driver
  (travel, interpretation, few invited) and a decision (change or defend, with a reason); 1 point when it
  names the event without driver or decision; 0 points without a figure.
"""

    KEY_POINTS = """
## Key points

- The schedule puts every activity of the logframe in time, linked to its result; events carry their
  country, days and participants; milestones mark progress.
- Every task and event has cost lines; the totals per result show whether the money follows the logic.
- The cost per participant is a quick test of an event's value for money.
- The programme's rule set decides eligibility (countries, events, participants, days, duration, grant):
  check it while you plan, not after.

**Next**: notebook 4 assembles the proposal pack from the same workbook.
"""


# --- 04_proposal_pack -------------------------------------------------------------------------

class PACK:
    """The text of notebook 4: the finished workbook, exported for the partners."""

    HEADER = """
# Seminar 3.4 · Between seminars: the proposal pack

*Questions*
- Is our workbook complete, and is it ready to send?
- What do we send to our partners, and how do their changes come back?

*Objectives*: after this notebook you can
- see at a glance which parts of your workbook are done and what is left to fix;
- export the logframe, the activity schedule and the budget as one spreadsheet that partners open in Excel
  or LibreOffice, and the logframe as a table for the Word proposal;
- tell partners what to check, and read their changes to the logframe back into the workbook.

| teaching | exercises | materials |
| --- | --- | --- |
| 15 min (end of seminar 3) | 45 min (the group, between seminars) | your group's workbook from notebooks 1 to 3; the partners' e-mail addresses; the programme's application form |

Run the cells from top to bottom. Your answers go in the cells that start with `# YOUR ANSWER`.
"""

    HELPERS = r'''
# Helpers for this notebook. Run the cell; the code is folded away (click the bar on its left to read it).
import tempfile

from planet_lib import LOGFRAME_LEVELS, export_workbook_xlsx, import_logframe_xlsx, logframe_html


def stage_table(folder):
    """Each file of the workbook: done or not yet, and how many errors and warnings the self-check finds in it."""
    found = check_group(folder)
    rows = [{"file": name, "done": "yes" if (Path(folder) / name).is_file() else "not yet",
             "errors": sum(f.file == name and f.severity == "error" for f in found),
             "warnings": sum(f.file == name and f.severity == "warning" for f in found)}
            for name in dict.fromkeys(STAGE_FILES.values())]
    return pd.DataFrame(rows)


def sheet_names(path):
    """The sheets a partner sees in a spreadsheet file, read with openpyxl (hidden sheets left out)."""
    from openpyxl import load_workbook

    return [ws.title for ws in load_workbook(path).worksheets if ws.sheet_state == "visible"]


def same_logic(one, other):
    """Whether two logframes hold the same objectives and results (ids and texts)."""
    def logic(frame):
        return [(s.id, s.text) for level in LOGFRAME_LEVELS for s in frame.level(level)]
    return logic(one) == logic(other)
'''

    STAND_CONCEPT = """
## 1. Where your workbook stands

Before anything goes to the partners, the workbook must be complete and the self-check must find no errors.
Warnings are worth reading; infos are notes. The table shows each file of the workbook (seminars 1 to 3; the
dissemination plan comes in seminar 4). Between now and the next seminar your group finishes what is
missing or wrong, with the notebooks of seminar 3 and their editors, and runs this notebook again.
"""

    STAND_TABLE = """
stage_table(WORKBOOK)
"""

    PACK_CONCEPT = """
## 2. What the partners receive

Partners outside the course work in Excel, LibreOffice or Word, not in the kit. So the group sends one
spreadsheet, laid out like the EC forms and ready to print on A4 landscape:

- **Logframe**: the matrix in your template. Its grey cells (the means and costs of the activities) come
  from the schedule and the budget: partners comment on those sheets instead.
- **Schedule**: the Gantt chart, one column per month.
- **Budget**: the cost lines with live formulas (amount = quantity x unit cost) and totals.

When a partner sends the file back with changes to the Logframe sheet, `import_logframe_xlsx` reads them into
the kit, so nobody types them again. The worked example, exported into a temporary folder and read back:
"""

    PACK_EXAMPLE = r'''
sample_pack = export_workbook_xlsx(example, Path(tempfile.mkdtemp()) / "worked-example.xlsx")
read_back = import_logframe_xlsx(sample_pack)
Markdown(f"Sheets: {', '.join(sheet_names(sample_pack))}. "
         f"Read back, the logframe is {'the same' if same_logic(read_back, example.logframe) else 'different'}.")
'''

    EXERCISE_1 = """
### Exercise 1: export the proposal pack (3 points)

Export your group's workbook with `export_workbook_xlsx` into its folder `WORKBOOK`, as one spreadsheet
named after your group (for example `g1-green-towns-proposal-pack.xlsx`), and keep the path of the file in
`pack`. Load the workbook again first (`Group.load(WORKBOOK)`), so that the pack holds everything notebooks 1 to
3 saved.

- 1 point: the file opens and has the sheets Logframe, Schedule and Budget;
- 1 point: its logframe is the one in your workbook now (it reads back with the same objectives and results);
- 1 point: the self-check has no errors, and nothing in the workbook changed after the export. If this
  fails, fix the errors (the table at the end lists them), then export again.
"""

    PACK_ANSWER = r'''
# YOUR ANSWER: the proposal pack, written into your workbook's folder.
### BEGIN SOLUTION
finished = Group.load(WORKBOOK)
pack = export_workbook_xlsx(finished, WORKBOOK / f"{finished.id}-proposal-pack.xlsx")
### END SOLUTION
Markdown(f"Written: `{pack}`. In JupyterLab, right-click the file in the file browser and choose *Download*.")
'''

    PACK_SHEETS = r'''
assert Path(pack).is_file(), f"There is no file {pack}: run the answer cell."
missing = [name for name in ("Logframe", "Schedule", "Budget") if name not in sheet_names(pack)]
assert not missing, (f"The pack has no {', '.join(missing)} sheet. Is logframe.yaml, activities.csv or "
                     "budget.csv missing from your workbook? See the table of section 1.")
'''

    PACK_CURRENT = r'''
in_pack = import_logframe_xlsx(pack)
assert same_logic(in_pack, Group.load(WORKBOOK).logframe), (
    "The logframe in the pack is not the one in your workbook now: run the answer cell again to export it.")
'''

    PACK_CLEAN = r'''
exported_at = Path(pack).stat().st_mtime
changed = [p.name for p in Path(WORKBOOK).iterdir()
           if p.suffix in (".yaml", ".csv") and p.stat().st_mtime > exported_at]
assert not changed, f"{', '.join(changed)} changed after the export: run the answer cell again."
left = only_errors(check_group(WORKBOOK))
assert not left, explain(left, "Fix these errors, then export again:")
'''

    WORD_CONCEPT = """
## 3. The logframe in the Word proposal

The application form asks for the logframe in the proposal itself. The next cell writes it as a web page,
`logframe.html`, into your workbook's folder: open it in a browser, select the table, and paste it into Word or
LibreOffice Writer; it keeps its layout.
"""

    WORD_TABLE = r'''
latest = Group.load(WORKBOOK)
if latest.logframe is not None:
    page = WORKBOOK / "logframe.html"
    page.write_text(logframe_html(latest.logframe, latest.activities, latest.budget,
                                  title=f"Logical framework: {latest.network.name}"), encoding="utf-8")
    display(Markdown(f"Written: `{page}`"))
'''

    EXERCISE_2 = """
### Exercise 2: the note to your partners (2 points)

Write the e-mail that goes to your partners with the pack, in five to eight sentences: what is attached,
what each partner should check (which sheets, which figures concern their town), by when, and how they
send their changes back.
"""

    COVER_NOTE = """
Dear partners, attached is the proposal pack of *Green Towns, Active Citizens*: one spreadsheet with the
logframe, the activity schedule and the budget, as we will submit them on 1 February 2013. Please check
three things for your own town: the events you host (dates, days and number of invited participants in the
Schedule sheet), your cost lines in the Budget sheet, and whether the indicators and assumptions of the
Logframe sheet fit your town. Write your changes into the Logframe sheet directly, but not into its grey
cells: means and costs come from the Schedule and Budget sheets, so please comment on those in an e-mail.
Send the file back to Borgo San Lorenzo by 25 January; we read your changes into our workbook and send
everyone the final version on 28 January.
"""

    BETWEEN_SEMINARS = """
## Before the next seminar

- Finish the workbook: every file of the table in section 1 done, and the self-check without errors.
- Export the pack again after every change, and send it with your note to the partners.
- When a partner sends the pack back with changes to the Logframe sheet, write the path of their file in the
  next cell and run it: the changes go into your workbook's `logframe.yaml`. Then run this notebook again.
- Bring the final pack and your partners' comments to seminar 4 (dissemination).
"""

    RETURNED = r'''
# A partner's pack, sent back with changes to the Logframe sheet: its path, e.g.
# RETURNED = WORKBOOK / "g1-green-towns-proposal-pack-Ystad.xlsx"
RETURNED = None
if RETURNED:
    save("logframe", import_logframe_xlsx(RETURNED))
    self_check(WORKBOOK)
'''

    TRAINER_NOTES = """
### Trainer notes

- This notebook is the group's homework between seminars (about an hour). Introduce it in the last 15
  minutes of seminar 3: show the table of section 1, export the worked example, and open the file in
  LibreOffice or Excel on the projector.
- A pack counts as submitted when the third test of exercise 1 passes: no errors in the self-check and
  nothing changed after the export. The pack is written into the group's own folder, where you find it
  (with the default group, into the worked example's copy in `my-workbook`); or ask the groups to e-mail it.
- Watch for: packs exported before the errors were fixed; several versions of the pack in circulation;
  partners typing into the grey cells (means and costs come from activities.csv and budget.csv); the
  currency (the pack uses the cohort's, EUR when a group folder is opened on its own).
- Debrief questions (at seminar 4): What did the partners change? Which sheet did they read first? What would
  you send differently next time?
- Rubric, exercise 2 (2 points): 2 points when the note says what is attached, what each partner checks
  (their events, their costs, the fit of indicators and assumptions), a deadline, and how changes come back
  (Logframe sheet, not the grey cells); 1 point for two or three of these; 0 points for a general cover note.
"""

    KEY_POINTS = """
## Key points

- A proposal pack goes out only when the self-check finds no errors.
- One spreadsheet carries the logframe, the schedule and the budget; the logframe also goes into the Word
  proposal as a table.
- Partners' changes to the logframe come back through `import_logframe_xlsx`, never by typing them again.

**Next**: seminar 4 (dissemination). Bring the final pack and your partners' comments.
"""
