"""The text and code of the seminar 2 (identification) notebooks, cell by cell.

`make_seminar_02.py` assembles these into notebooks; this module only holds what the cells
say.  One namespace per notebook (`STAKEHOLDERS`, `PROBLEMS`, `OBJECTIVES`, `BETWEEN`), plus
what its four notebooks share: the set-up and the self-check (the "Your group" cells, shared by
every seminar, are in `seminar_common.py`).

The model answers are the worked example's own workbook ("Green Towns, Active Citizens",
data/sample-cohort/groups/g1-green-towns), so that a participant who works through the four
notebooks with them, starting from that group's network alone, ends with a complete and clean
identification workbook (tests/test_seminar_02_walkthrough.py checks this).

Rules every cell here follows (docs/authoring-notebooks.md): solution regions hold whole
statements; no line of a solution, hidden test or trainer note is repeated anywhere a
participant sees it; test cells print nothing to stderr and wait for nothing.
"""

# --- shared by the four notebooks ----------------------------------------------------------

from seminar_common import OPEN_WORKBOOK, SAVE  # noqa: E402  (every seminar's)

SETUP = r'''
# Prepares the notebook: you need not read or change this cell.
%matplotlib inline
import dataclasses
from pathlib import Path

import pandas as pd

from planet_lib import (QUADRANTS, STAGE_FILES, WORDING_HINTS, Criterion, Group, Objective, ObjectiveTree, Option,
                        Problem, ProblemTree, Stakeholder, Strategy, WorkbookError, as_frame, check_group,
                        check_objectives, check_problems, check_stakeholders, check_statement, check_strategy, mirror,
                        only_errors, quadrant, save_checked, score_table, stakeholder_grid_figure, strategy_figure,
                        styled_stakeholder_matrix, worked_example, working_copy)

pd.set_option("display.max_colwidth", None)
SEMINAR_FILES = ("stakeholders.csv", "problems.csv", "objectives.csv", "strategy.yaml")
''' + OPEN_WORKBOOK + r'''

def my_group():
    """Your group's workbook as it is saved now (read again each time, so it shows the latest changes)."""
    return Group.load(WORKBOOK)
''' + SAVE + r'''

def explain(findings):
    """Findings as lines for a test message: what is wrong, then what to do."""
    return "\n".join(f"- {f.message} {f.hint}" for f in findings)


def self_check():
    """What `planet check` says about the files of seminar 2 in your workbook, errors first."""
    order = ("error", "warning", "info")
    found = sorted((f for f in check_group(WORKBOOK) if f.file in SEMINAR_FILES),
                   key=lambda f: order.index(f.severity))
    count = {severity: sum(f.severity == severity for f in found) for severity in order}
    print(f"{WORKBOOK}: {count['error']} error(s) and {count['warning']} warning(s) in the files of seminar 2.")
    return as_frame(found)


example = Group.load(worked_example())
print(f"Your group: {my_group().network.name}. This notebook reads and saves {WORKBOOK}.")
'''

SELF_CHECK_INTRO = r"""
## Self-check

The last cell runs the same checks as `planet check` on the files of seminar 2 in your workbook. Warnings are
worth a discussion in your group; errors must be gone before seminar 3.
"""

SELF_CHECK = r'''
self_check()
'''


# --- part 1: stakeholder analysis -----------------------------------------------------------

class STAKEHOLDERS:
    HEADER = r"""
# Seminar 2 · Part 1: Stakeholder analysis

*Questions*
- Who is affected by the problems our network wants to tackle, and who can help or block the project?
- How should the project work with each of them?

*Objectives*: after this notebook you can
- fill in the four columns of the stakeholder analysis matrix for your network;
- place stakeholders on the importance/influence grid and say what each box (A to D) asks of the project;
- plan special measures for the stakeholders who matter most but have the least say (box B).

| teaching | exercises | materials |
| --- | --- | --- |
| 30 min | 60 min | one card per organisation or group, markers, your network (`group.yaml`), a projector for the live part |

Seminar 2 (identification) has four notebooks: 1 stakeholders, 2 problem tree, 3 objectives and strategy,
4 between seminars. Each exercise says how many points it is worth.

Run the cells from top to bottom (Shift + Enter). In the notebook you receive, each answer cell holds the line
`raise NotImplementedError()`: replace it with your answer. The cells after each answer check it and say what
to fix.
"""

    WHO_CONCEPT = r"""
## 1. Who are your stakeholders?

A **stakeholder** is any person, group or organisation that is affected by the problems your network wants to
tackle, or that can influence the project, for better or worse. For a network of twinned towns they are usually
the town halls themselves, elected councillors, twinning committees, residents' associations, young or older
people, schools, local media, businesses and regional bodies.

Work with cards: **one organisation or group per card**, named precisely ("residents' associations of the seven
towns", not "the public"). Leaving stakeholders out is one of the commonest mistakes in PCM workshops.

The worked example lists eleven stakeholders:
"""

    WHO_EXAMPLE = r'''
pd.DataFrame([(s.id, s.name, s.category) for s in example.stakeholders],
             columns=["id", "stakeholder", "category"]).set_index("id")
'''

    MATRIX_CONCEPT = r"""
## 2. The stakeholder analysis matrix

For each stakeholder the matrix answers four questions, one per column. These are the columns of the EC-style
matrix; the exact headings of the 2004 Guidelines are known to us only from later copies.

| column of the matrix | column(s) of `stakeholders.csv` |
| --- | --- |
| Stakeholder and basic characteristics | `name`, `category`, `characteristics` |
| Interests and how affected by the problem(s) | `interests` |
| Capacity and motivation to bring about change | `capacity`, `motivation` |
| Possible actions to address their interests | `actions` |

The first four stakeholders of the worked example (an empty cell would be shaded yellow):
"""

    MATRIX_EXAMPLE = r'''
styled_stakeholder_matrix(example.stakeholders[:4])
'''

    GRID_CONCEPT = r"""
## 3. The importance/influence grid

Two scores from 1 (low) to 5 (high) place each stakeholder on a grid:

- **importance**: how much the project's success depends on meeting this stakeholder's needs and interests
  (the people the project is for score high);
- **influence**: how much power the stakeholder has to help or to block the project (money, decisions,
  permits, a voice that others listen to).

A score of 3 or more counts as *high*: a stakeholder you hesitate about then lands in a box that asks for action.
Each of the four boxes asks something different of the project:
"""

    GRID_TABLE = r'''
pd.DataFrame({"importance": ["high", "high", "low", "low"], "influence": ["high", "low", "high", "low"],
              "what the project does": list(QUADRANTS.values())},
             index=pd.Index(list(QUADRANTS), name="box"))
'''

    GRID_EXAMPLE_INTRO = r"""
The worked example on the grid: influence across, importance up. Stakeholders with the same two scores are
stacked in one cell.
"""

    GRID_EXAMPLE = r'''
stakeholder_grid_figure(example.stakeholders)
'''

    QUADRANT_INTRO = r"""
`quadrant(stakeholder)` gives the box of one stakeholder. For the worked example:
"""

    QUADRANT_EXAMPLE = r'''
pd.DataFrame([(s.id, s.name, s.importance, s.influence, quadrant(s)) for s in example.stakeholders],
             columns=["id", "stakeholder", "importance", "influence", "box"]).set_index("id")
'''

    EXERCISE_1 = r"""
### Exercise 1: which box? (2 points)

Another network, *Young Voices*, wants more young people to take part in local decisions. Its group scored six
stakeholders (the next cell lists them).

a. Without running `quadrant`, write in `my_boxes` the box (`"A"`, `"B"`, `"C"` or `"D"`) of each of the six.
   Then check yourself with `quadrant`.

b. Three more stakeholders are described only in words. Give each an importance and an influence score from
   1 to 5 in `my_scores`, as `(importance, influence)`, so that it falls in the box its description calls for.
   Several pairs of scores are right for each.

- **Z1** Unemployed young people in the villages: the project is meant for them, but they are not organised
  and nobody asks their opinion.
- **Z2** The regional newspaper: it cares little about the project, but one critical article could turn the
  town councils against it.
- **Z3** The mayors of the partner towns: the project is theirs and they sign the grant agreement.
"""

    YOUNG_VOICES = r'''
YOUNG_VOICES = [
    Stakeholder("Y1", "Town councils of the six partner towns", importance=5, influence=5),
    Stakeholder("Y2", "Secondary school pupils aged 15 to 19", importance=5, influence=1),
    Stakeholder("Y3", "Regional television channel", importance=2, influence=4),
    Stakeholder("Y4", "Local sports clubs", importance=2, influence=2),
    Stakeholder("Y5", "Youth workers of the municipal youth services", importance=4, influence=3),
    Stakeholder("Y6", "Parents' associations", importance=3, influence=2),
]
pd.DataFrame([(s.id, s.name, s.importance, s.influence) for s in YOUNG_VOICES],
             columns=["id", "stakeholder", "importance", "influence"]).set_index("id")
'''

    BOXES_ANSWER = r'''
# a. the box of each Young Voices stakeholder:  my_boxes = {"Y1": ..., "Y2": ..., ...}
# b. the scores of Z1, Z2 and Z3:  my_scores = {"Z1": (importance, influence), ...}
### BEGIN SOLUTION
my_boxes = {"Y1": "A", "Y2": "B", "Y3": "C", "Y4": "D", "Y5": "A", "Y6": "B"}
my_scores = {"Z1": (5, 1), "Z2": (2, 4), "Z3": (5, 5)}
### END SOLUTION
'''

    BOXES_SORTED = r'''
missing = [s.id for s in YOUNG_VOICES if s.id not in my_boxes]
assert not missing, f"Give a box for every Young Voices stakeholder; missing: {', '.join(missing)}."
for s in YOUNG_VOICES:
    assert my_boxes[s.id] == quadrant(s), (
        f"{s.id} ({s.name}) has importance {s.importance} and influence {s.influence}, so it is in box "
        f"{quadrant(s)}, not {my_boxes[s.id]!r}. Remember: a score of 3 or more counts as high.")
print("All six are in the right box.")
'''

    BOXES_SCORED = r'''
for sid in ("Z1", "Z2", "Z3"):
    assert sid in my_scores, f"Give {sid} a pair (importance, influence) in my_scores."
    pair = my_scores[sid]
    assert isinstance(pair, (tuple, list)) and len(pair) == 2 and all(n in (1, 2, 3, 4, 5) for n in pair), (
        f"{sid}: write two whole numbers from 1 to 5, as (importance, influence), not {pair!r}.")
### BEGIN HIDDEN TESTS
intended_boxes = {"Z1": "B", "Z2": "C", "Z3": "A"}
for sid, wanted in intended_boxes.items():
    landed = quadrant(Stakeholder(sid, sid, importance=my_scores[sid][0], influence=my_scores[sid][1]))
    assert landed == wanted, f"With these scores {sid} lands in box {landed}; its description calls for box {wanted}."
### END HIDDEN TESTS
'''

    BOX_B_CONCEPT = r"""
## 4. Box B: important, but with little say

Stakeholders in box B are often the people the project is *for*, yet they have little power over it: residents,
young or older people, small volunteer groups. Left alone, their interests are easily overlooked, so the project
plans **special measures to protect their interests**: meetings at times and places they can attend, travel and
hall costs paid, seats kept for them at events, material in plain language, being consulted before decisions.

The actions the worked example plans for its box-B stakeholders:
"""

    BOX_B_EXAMPLE = r'''
pd.DataFrame([(s.id, s.name, s.actions) for s in example.stakeholders if quadrant(s) == "B"],
             columns=["id", "stakeholder", "actions"]).set_index("id")
'''

    EXERCISE_2 = r"""
### Exercise 2: special measures for box B (2 points)

Write in `box_b_actions` what the *Young Voices* project will do for each of its stakeholders in box B (see
Exercise 1): one concrete action each, in a sentence of six words or more (who does what, when or where), a
different one for each. The tests check the list the way `planet check` would.
"""

    BOX_B_ANSWER = r'''
# box_b_actions = {"<id>": "<what the project will do for them>", ...}
### BEGIN SOLUTION
box_b_actions = {
    "Y2": "Hold the local meetings after school hours and keep two seats per town for pupils at each seminar",
    "Y6": "Invite the parents' associations to plan the youth meetings with us and send them the minutes",
}
### END SOLUTION
'''

    BOX_B_COVERED = r'''
with_actions = [dataclasses.replace(s, actions=box_b_actions.get(s.id, "")) for s in YOUNG_VOICES]
unprotected = [f for f in check_stakeholders(with_actions) if f.code == "stakeholders.box_b_without_action"]
assert not unprotected, "Some box-B stakeholders still have no action:\n" + explain(unprotected)
'''

    BOX_B_CONCRETE = r'''
assert isinstance(box_b_actions, dict), 'Write box_b_actions as a dictionary: {"Y...": "action", ...}.'
### BEGIN HIDDEN TESTS
too_short = [sid for sid, action in box_b_actions.items() if len(str(action).split()) < 6]
assert not too_short, f"Describe each action in a sentence of six words or more: see {', '.join(too_short)}."
assert len(set(box_b_actions.values())) == len(box_b_actions), (
    "Each box-B stakeholder needs its own action, not the same sentence for all.")
### END HIDDEN TESTS
'''

    LIVE_CONCEPT = r"""
## 5. Live: your group's stakeholders

*The trainer projects this part; the group talks, one person types.*

Take your cards one by one. For each, agree on a precise name, fill in the four columns and agree on its
importance and influence. The editor saves every change in your workbook at once; the grid and the list of
findings redraw as you go. Nothing here is graded: Exercise 3 then completes your list.
"""

    LIVE_EDITOR = r'''
from planet_lib import StakeholderEditor

StakeholderEditor(WORKBOOK, large_text=True)
'''

    LIVE_FALLBACK = r"""
No editor on the screen (an old browser, a printout)? Edit `stakeholders.csv` of your workbook in a
spreadsheet program, save it as CSV UTF-8, and run the next cell to redraw the grid.
"""

    LIVE_GRID = r'''
stakeholder_grid_figure(my_group().stakeholders or [], large_text=True)
'''

    EXERCISE_3 = r"""
### Exercise 3: your group's stakeholder analysis (3 points)

Write your group's stakeholders as a list `my_stakeholders`, one `Stakeholder(...)` per card, and run the cell:
it saves them in `stakeholders.csv` of your workbook. The tests use the same checks as `planet check`; there
is no single right list. Your analysis is complete when

- it has at least five stakeholders;
- every stakeholder has the four analysis columns filled (`characteristics`; `interests`; `capacity` or
  `motivation`; `actions`) and both scores, `importance` and `influence`, from 1 to 5;
- at least one stakeholder is in box A, and every stakeholder in box B has an action;
- the file in your workbook holds the list.

If you entered your stakeholders with the live editor, start from them: write
`my_stakeholders = my_group().stakeholders`, run the cell, and fix what the tests report.
"""

    STAKEHOLDERS_ANSWER = r'''
### BEGIN SOLUTION
my_stakeholders = [
    Stakeholder(
        "S1", "Environment offices of the seven town halls", category="public authority",
        characteristics="Two to six officers per town; run waste collection contracts, green spaces and energy "
                        "saving plans",
        interests="Want residents to accept and follow new environmental measures; blamed when a measure fails",
        capacity="Control municipal budgets, meeting rooms and official communication channels",
        motivation="High: each office asked for training on public consultation in 2012",
        importance=5, influence=5,
        actions="Work closely: one officer per town joins the project team and leads the local meetings"),
    Stakeholder(
        "S2", "Mayors and councillors for the environment", category="elected representatives",
        characteristics="Seven mayors and about twenty councillors; local elections in Italy, Spain and Sweden "
                        "fall within 2013-2015",
        interests="Want visible results before elections; fear meetings that turn into protests",
        capacity="Decide the council agenda and approve the municipal co-financing",
        motivation="Medium: supportive in public, cautious about sharing decisions",
        importance=4, influence=5,
        actions="Invite them to open and close each seminar; brief them before every open meeting"),
    Stakeholder(
        "S3", "Residents' associations and neighbourhood committees", category="civil society",
        characteristics="Between 5 and 40 associations per town, run by volunteers, many of them retired",
        interests="Affected first by changes to waste collection and green spaces; want a say before decisions "
                  "are taken",
        capacity="Know their neighbourhoods well; little money and no paid staff",
        motivation="High on local issues, low on formal procedures they find slow",
        importance=5, influence=2,
        actions="Protect their interests: co-host the evening meetings in their neighbourhoods and pay the hall hire"),
    Stakeholder(
        "S4", "Young people aged 16 to 25", category="citizens",
        characteristics="About 12% of residents in the seven towns; few take part in local associations",
        interests="Care about climate and the local environment; feel that the town hall does not listen to them",
        capacity="Skilled with social media; rarely free during office hours",
        motivation="High when they can see a result, low for long formal meetings",
        importance=5, influence=1,
        actions="Protect their interests: hold meetings after school hours and keep two seats per town for young "
                "delegates at each seminar"),
    Stakeholder(
        "S5", "Local environmental NGOs and volunteer groups", category="civil society",
        characteristics="One to four small groups per town, some linked to national federations",
        interests="Want the town hall to take up their proposals and to fund joint clean-up and composting schemes",
        capacity="Hold expert knowledge and volunteers; depend on one-off grants",
        motivation="High: most already campaign on waste and green spaces",
        importance=4, influence=2,
        actions="Protect their interests: give them speaking time at the open meetings and a page each in the "
                "online library"),
    Stakeholder(
        "S7", "Municipal waste collection companies", category="public service company",
        characteristics="Publicly owned or contracted companies running collection and recycling in each town",
        interests="Want stable contracts and fewer complaints; worried that meetings raise costly demands",
        capacity="Hold the collection data the towns need for indicators",
        motivation="Low to medium: cooperation depends on the contract",
        importance=2, influence=4,
        actions="Keep informed and monitor: share survey results with them and ask for the yearly collection data"),
    Stakeholder(
        "S11", "Twinning committees of the seven towns", category="civil society",
        characteristics="Volunteer committees that have run the twinning links, some of them since the 1990s",
        interests="Want to give the twinning links a purpose beyond ceremonial visits",
        capacity="Hold contacts in every partner town and experience of hosting guests",
        motivation="High: they proposed the network",
        importance=4, influence=4,
        actions="Work closely: the committees host the study visits and find host families where hotels are scarce"),
]
### END SOLUTION
save("stakeholders", my_stakeholders)
'''

    STAKEHOLDERS_COMPLETE = r'''
incomplete = [f for f in check_stakeholders(my_stakeholders)
              if f.code in ("stakeholders.missing_field", "stakeholders.not_placed")]
assert not incomplete, "Some stakeholders are not complete yet:\n" + explain(incomplete)
assert len(my_stakeholders) >= 5, (
    f"Your list has {len(my_stakeholders)} stakeholder(s); list at least five. Think of the town halls, the people "
    "the project is for, associations, schools, local media.")
'''

    STAKEHOLDERS_BOXES = r'''
on_grid = [f for f in check_stakeholders(my_stakeholders)
           if f.code in ("stakeholders.no_box_a", "stakeholders.box_b_without_action")]
assert not on_grid, "Look at the grid again:\n" + explain(on_grid)
'''

    STAKEHOLDERS_SAVED = r'''
saved_ids = sorted(s.id for s in my_group().stakeholders or [])
assert saved_ids == sorted(s.id for s in my_stakeholders), (
    "stakeholders.csv in your workbook does not hold your list: run the answer cell again and read its "
    "message (it says 'Not saved' when a value cannot be used).")
'''

    EXERCISE_4 = r"""
### Exercise 4: the stakeholder you argued about (2 points)

In three to five sentences: which stakeholder did your group find hardest to place on the grid? Where did you
place it in the end, with which scores and why, and what will the project do about it as a result?
"""

    HARDEST_STAKEHOLDER = r"""
We argued longest about the waste collection companies. Some of us saw them as partners because they hold the
collection data we need, others as a risk because open meetings may raise demands that cost them money. We gave
them importance 2 and influence 4, so they are in box C: the project does not depend on meeting their interests,
but they could slow it down by refusing their data. As a result we will not invite them to plan the project, but
we will share the survey results with them and ask for the yearly collection data at the start.
"""

    TRAINER_NOTES = r"""
### Trainer notes

- Timing: sections 1 to 4 take about 30 minutes with the worked example projected; Exercises 1 and 2 about
  20 minutes in pairs; the live part 30 to 40 minutes per group, with cards on the table first and the editor
  second; Exercises 3 and 4 about 20 minutes.
- Card mapping with real groups takes two to four hours. If time is short, do the live part for the five or six
  most important stakeholders and leave the rest for the weeks between seminars (notebook 4).
- Watch for: stakeholders left out (above all the people the project is for, and those who could block it);
  "the public" or "citizens" on one card; several organisations on one card; every stakeholder put in box A;
  importance mixed up with influence. Ask: "if they were against us, could they stop the project?" (influence)
  and "if we ignored them, would the project still reach its purpose?" (importance).
- The grid counts 3 as high on purpose, so a hesitant score still asks for action; say so when a group argues
  over a 2 or a 3.
- Debrief questions: Who is in box B, and who speaks for them inside the project? Which box-C stakeholder could
  hurt the project, and how will you keep it informed? Whom did you nearly forget?
- Exercise 2 has a hidden test: each action is a sentence of six words or more, and no two are the same.
- Rubric, Exercise 4 (2 points): 2 = names one stakeholder, gives its place with both scores and the reason, and a
  consequence for the project's actions; 1 = the place and the reason without a consequence, or a consequence
  without reasons; 0 = no particular stakeholder, or only the rules of the grid restated.
"""

    KEY_POINTS = r"""
## Key points

- A stakeholder is anyone affected by the problems or able to influence the project: one card each, named precisely.
- The matrix has four columns: characteristics; interests and how affected; capacity and motivation; possible actions.
- Importance and influence, from 1 to 5 with 3 or more as high, place each stakeholder in box A (work closely),
  B (protect their interests), C (a risk: monitor) or D (little attention).
- Stakeholders in box B need special measures, written in the `actions` column.

**Next**: part 2, `02_problem_tree.ipynb`: the problems your stakeholders face, from cards to a problem tree.
"""


# --- part 2: problem analysis ---------------------------------------------------------------

class PROBLEMS:
    HEADER = r"""
# Seminar 2 · Part 2: Problem analysis, from cards to a problem tree

*Questions*
- What is the one problem at the centre of our network's work?
- What causes it, and what does it lead to?

*Objectives*: after this notebook you can
- write a problem statement as one existing negative situation, and recognise badly written ones;
- choose a core problem with your group;
- link causes and effects into a problem tree, and read the tree the kit draws.

| teaching | exercises | materials |
| --- | --- | --- |
| 30 min | 60 min | cards and markers, a wall or a large sheet of paper, your stakeholder analysis from part 1 |

Run the cells from top to bottom (Shift + Enter). In the notebook you receive, each answer cell holds the line
`raise NotImplementedError()`: replace it with your answer. The cells after each answer check it and say what
to fix.
"""

    CARDS_CONCEPT = r"""
## 1. One problem per card

A problem tree starts as a pile of cards. Each card states **one problem**, written as an **existing negative
situation**: something wrong today that people can see. Three mistakes are common:

| mistake | example | why it gets in the way |
| --- | --- | --- |
| the absence of a solution | "Lack of a youth centre" | it already picks a solution and hides what is wrong (nowhere to meet? young people leaving?) |
| a positive or wished-for situation | "Better bus links between the towns" | that is an objective, not a problem |
| two problems on one card | "Unemployment is high and young people emigrate" | each problem needs its own place in the tree |

`check_statement(text)` looks for these mistakes and returns their codes; an empty list means it found none.
"""

    CARDS_EXAMPLE = r'''
for text in ["Lack of a youth centre", "Better bus links between the towns",
             "Unemployment is high and young people emigrate", "Young people leave the partner towns"]:
    print(f"{text:50} {check_statement(text)}")
'''

    CARDS_LIMITS = r"""
The kit reads English only, and only looks for typical words ("lack of", "no", "not enough", "better", an "and"
between two sentences). It can miss a badly written card or question a good one: treat its codes as a question
for the group, not a verdict. Every card of the worked example passes:
"""

    CARDS_WORKED = r'''
pd.DataFrame([(p.id, p.statement, check_statement(p.statement)) for p in example.problems],
             columns=["id", "statement", "wording codes"]).set_index("id")
'''

    EXERCISE_1 = r"""
### Exercise 1: well or badly worded? (2 points)

Here are ten problem statements written in earlier courses. Sort them into two lists, `well_worded` and
`badly_worded`: copy the statements, or build the lists with `check_statement`. Decide for yourself before you
run `check_statement`: do you agree with the kit?
"""

    STATEMENTS = r'''
STATEMENTS = [
    "Lack of a youth centre in the town",
    "Few young people vote in local elections",
    "Not enough volunteers for the twinning committee",
    "Residents distrust the town hall",
    "Better cooperation between the schools of the partner towns",
    "Older people in the villages are isolated",
    "There are no bus links between the villages on Sundays",
    "Pupils rarely visit the partner towns",
    "Unemployment is high and young people emigrate",
    "Citizens know little about how the EU makes decisions",
]
'''

    SORT_ANSWER = r'''
### BEGIN SOLUTION
well_worded = [s for s in STATEMENTS if not check_statement(s)]
badly_worded = [s for s in STATEMENTS if check_statement(s)]
### END SOLUTION
'''

    SORT_COMPLETE = r'''
placed = list(well_worded) + list(badly_worded)
unknown = [s for s in placed if s not in STATEMENTS]
assert not unknown, "Copy the statements exactly as they are; these are not in the list:\n" + "\n".join(unknown)
unsorted = [s for s in STATEMENTS if s not in placed]
assert not unsorted, "Put every statement in one of the two lists; not sorted yet:\n" + "\n".join(unsorted)
twice = sorted({s for s in placed if placed.count(s) > 1})
assert not twice, "Put each statement in one list, once; these appear twice:\n" + "\n".join(twice)
'''

    SORT_RIGHT = r'''
assert isinstance(badly_worded, list), "badly_worded should be a list of statements."
### BEGIN HIDDEN TESTS
good_marked_bad = [s for s in badly_worded if not check_statement(s)]
bad_marked_good = [s for s in well_worded if check_statement(s)]
assert not good_marked_bad and not bad_marked_good, "The kit sorts some statements differently: " + "; ".join(
    [f"{s!r} passes check_statement" for s in good_marked_bad]
    + [f"{s!r} gets {check_statement(s)}" for s in bad_marked_good])
### END HIDDEN TESTS
'''

    EXERCISE_2 = r"""
### Exercise 2: rewrite three (2 points)

Choose three statements from `badly_worded` and rewrite each as one existing negative situation. Ask "what do
people actually experience?": "Lack of a cinema" might become "Young people travel to the city for any evening
out". Write them in `rewritten`, as `{"old statement": "new statement", ...}`; each new statement must pass
`check_statement` and have at least four words.
"""

    REWRITE_ANSWER = r'''
### BEGIN SOLUTION
rewritten = {
    "Lack of a youth centre in the town": "Young people have nowhere to meet in the evenings",
    "Not enough volunteers for the twinning committee": "Twinning events are run by the same five volunteers every year",
    "Unemployment is high and young people emigrate": "Young people leave the partner towns to find work",
}
### END SOLUTION
'''

    REWRITE_CHOSEN = r'''
assert len(rewritten) >= 3, f"Rewrite three statements; rewritten has {len(rewritten)}."
not_bad = [old for old in rewritten if old not in STATEMENTS or not check_statement(old)]
assert not not_bad, ("Rewrite statements of the list that check_statement questions; these are not among them:\n"
                     + "\n".join(not_bad))
'''

    REWRITE_PASSES = r'''
for old, new in rewritten.items():
    assert str(new).strip() and str(new).strip() != old, f"Write a new statement for {old!r}."
    codes_left = check_statement(new)
    assert not codes_left, f"{new!r} still gets {codes_left}. " + " ".join(WORDING_HINTS[c] for c in codes_left)
    assert len(new.split()) >= 4, f"{new!r} is very short: say who is affected and what is wrong."
'''

    CORE_CONCEPT = r"""
## 2. The core problem

Once the cards are on the wall, the group agrees on **one core problem** (also called the focal problem): the
problem at the centre of what the network wants to change, and that the partner towns can act on together. Then
the tree grows both ways:

- **causes** below it: ask "why does this happen?" and put the answers under it;
- **effects** above it: ask "what does this lead to?" and put the answers over it.

Problems far outside the network's reach (the national economy, the weather) are *general constraints*: note them
on the side; they do not go into the tree. In the worked example:
"""

    CORE_EXAMPLE = r'''
tree = ProblemTree(example.problems)
print("Core problem:", tree.core.id, tree.core.statement)
print("Its direct causes:", *[f"  {p.id} {p.statement}" for p in tree.causes()], sep="\n")
print("Its direct effects:", *[f"  {p.id} {p.statement}" for p in tree.effects()], sep="\n")
'''

    LINKS_CONCEPT = r"""
## 3. Linking causes and effects

In `problems.csv` each card says which card or cards it **leads to** (its effects), by their ids separated by
`;`: the links point upwards, from cause to effect. The core problem has `yes` in the `core` column. A card can
lead to two cards, and two cards can lead to the same one (joint causes): in the worked example P12, "Officers of
the seven towns seldom exchange working practice", leads to both P9 and P7.
"""

    LINKS_TABLE = r'''
pd.DataFrame([(p.id, p.statement, ";".join(p.leads_to), "yes" if p.core else "") for p in example.problems],
             columns=["id", "statement", "leads_to", "core"]).set_index("id")
'''

    TREE_INTRO = r"""
The kit draws the tree the way a group pins the cards on a wall: causes below, effects above, the core problem in
amber, arrows from cause to effect.
"""

    TREE_EXAMPLE = r'''
tree.draw()
'''

    IN_PYTHON = r"""
In Python a card is a `Problem`: an id, the statement, the ids it leads to as a tuple (mind the comma in
`leads_to=("P5",)` when there is only one), and `core=True` on the core problem. `check_problems(cards)` runs the
same checks as `planet check`: one core problem with causes and effects, no circle, no link to a card that does
not exist, no id used twice, no card left unlinked, and the wording of each card.
"""

    LIVE_CONCEPT = r"""
## 4. Live: your group's problem tree

*The trainer projects this part; the group talks, one person types.*

Start with the core problem, then ask "why?" card by card downwards and "what does this lead to?" upwards. The
editor saves each card in your workbook at once and redraws the tree; its findings show which cards need
another look. Nothing here is graded: Exercise 3 then completes your tree.
"""

    LIVE_EDITOR = r'''
from planet_lib import ProblemEditor

ProblemEditor(WORKBOOK, large_text=True)
'''

    LIVE_FALLBACK = r"""
No editor on the screen? Edit `problems.csv` of your workbook in a spreadsheet program, save it as CSV UTF-8,
and run the next cell to redraw your tree.
"""

    LIVE_TREE = r'''
ProblemTree(my_group().problems or []).draw(large_text=True)
'''

    EXERCISE_3 = r"""
### Exercise 3: your group's problem tree (4 points)

Write your group's problem tree as a list `my_problems` of `Problem` cards and run the cell: it saves them in
`problems.csv` of your workbook. The tests check the tree, not one right answer:

- `check_problems` finds **no errors**: one core problem, no circle, no link to a card that does not exist, no id
  used twice;
- the core problem has **at least two causes and at least one effect** (cards linked to it directly);
- every card is linked into the tree and worded as one existing negative situation (no warnings about it);
- `problems.csv` in your workbook holds the tree.

If you built your tree with the live editor, start from it: `my_problems = my_group().problems`.
"""

    TREE_ANSWER = r'''
### BEGIN SOLUTION
my_problems = [
    Problem("P1", "Too much household waste from the seven towns ends up in landfill"),
    Problem("P2", "Residents distrust municipal environmental policies", leads_to=("P1",)),
    Problem("P3", "Municipal green initiatives stop after their pilot phase", leads_to=("P1",)),
    Problem("P4", "Residents rarely take part in shaping environmental policy in their town",
            leads_to=("P2", "P3"), core=True),
    Problem("P5", "Town halls consult residents only through formal public notices", leads_to=("P4",)),
    Problem("P6", "Residents are unaware of how municipal environmental decisions are made", leads_to=("P4",)),
    Problem("P7", "Environmental NGOs and schools work apart from the town halls", leads_to=("P4",)),
    Problem("P8", "Council meetings on the environment take place during working hours", leads_to=("P5",)),
    Problem("P9", "Municipal officers are unfamiliar with participatory methods", leads_to=("P5",)),
    Problem("P10", "Municipal information on waste and energy is written in technical jargon", leads_to=("P6",)),
    Problem("P11", "Young people ignore the town halls' communication channels", leads_to=("P6",)),
    Problem("P12", "Officers of the seven towns seldom exchange working practice", leads_to=("P9", "P7")),
    Problem("P13", "Small NGOs depend on one-off grants", leads_to=("P7",)),
    Problem("P14", "Twinning contacts between the towns consist mostly of ceremonial visits", leads_to=("P12",)),
]
### END SOLUTION
save("problems", my_problems)
'''

    TREE_NO_ERRORS = r'''
written_as_text = [p.id for p in my_problems if isinstance(p.leads_to, str)]
assert not written_as_text, ('Write leads_to as a tuple of ids, e.g. leads_to=("P5",) with the comma, or '
                             f'leads_to=("P5", "P7"): see {", ".join(written_as_text)}.')
tree_errors = only_errors(check_problems(my_problems))
assert not tree_errors, "The tree has errors:\n" + explain(tree_errors)
'''

    TREE_SHAPE = r'''
my_tree = ProblemTree(my_problems)
assert len(my_tree.causes()) >= 2, (
    f"The core problem has {len(my_tree.causes())} direct cause(s); give it at least two: ask 'why does this "
    "happen?' and write the core problem's id in the leads_to of each cause.")
assert my_tree.effects(), (
    "The core problem has no effect: ask 'what does this lead to?', add that card and put its id in the "
    "leads_to of the core problem.")
'''

    TREE_TIDY = r'''
loose_or_unclear = [f for f in check_problems(my_problems) if f.code in (
    "problems.orphan", "problems.detached", "problems.lack_of", "problems.positive_wording", "problems.two_problems")]
assert not loose_or_unclear, "Some cards need another look:\n" + explain(loose_or_unclear)
'''

    TREE_SAVED = r'''
on_file = {p.id: p for p in my_group().problems or []}
assert sorted(on_file) == sorted(p.id for p in my_problems), (
    "problems.csv in your workbook does not hold your cards: run the answer cell again and read its message "
    "(it says 'Not saved' when a value cannot be used).")
assert all(on_file[p.id].leads_to == tuple(p.leads_to) and on_file[p.id].core == p.core for p in my_problems), (
    "The links in problems.csv differ from my_problems: run the answer cell again.")
'''

    EXERCISE_4 = r"""
### Exercise 4: why this core problem? (2 points)

In three to five sentences: why did your group choose this core problem rather than one of its causes or effects?
Which problem did you set aside as a general constraint, and why?
"""

    WHY_CORE = r"""
We chose "Residents rarely take part in shaping environmental policy" because every town reported it and because
the town halls themselves can change it together: it is about how they work, not about national law. Its causes
(formal notices only, residents who do not know how decisions are made, NGOs and schools working apart) are each
too narrow to carry the whole project, and its effects (distrust, green initiatives that stop, waste in landfill)
are beyond what a two-year network can change on its own. We set aside "Landfill taxes are set by national
governments" as a general constraint: it matters for waste, but no town in the network can influence it.
"""

    TRAINER_NOTES = r"""
### Trainer notes

- Timing: section 1 and Exercises 1 and 2 take about 30 minutes; sections 2 and 3 about 15 minutes; the live part
  45 to 60 minutes per group, cards on the wall first; Exercises 3 and 4 about 20 minutes.
- Use one card per problem and ask "why?" again and again below the core problem, "and then what?" above it.
- Watch for: problems not stated negatively; two problems on one card; a problem stated as a missing solution
  ("lack of a youth centre" already picks the solution); a core problem chosen too high (an effect such as "young
  people leave", which the network cannot change directly) or too low (one narrow cause); causes that are really
  activities; general constraints kept in the tree; arrows pointing the wrong way.
- The wording checks read English only and look for patterns: if a group writes in another language, read its
  cards yourself. If the kit flags a card the group finds right, discuss it; the kit's word is not final.
- Debrief questions: Which card did the group argue about longest? Which causes can the network itself act on,
  and which only others? What did the stakeholders of part 1 add to the tree?
- Exercise 1 has a hidden test (each statement sorted as `check_statement` sorts it).
- Rubric, Exercise 4 (2 points): 2 = explains the choice by the tree (causes the network can act on, effects it
  cannot reach) and names a general constraint with a reason; 1 = a plausible reason only, or a constraint only;
  0 = restates the card or gives no reason.
"""

    KEY_POINTS = r"""
## Key points

- One problem per card, written as an existing negative situation, not as a missing solution.
- One core problem; causes below it ("why?"), effects above it ("what does it lead to?").
- Links point from cause to effect (`leads_to`); general constraints stay out of the tree.
- `check_problems` and `planet check` find circles, loose cards and badly worded ones; the group decides.

**Next**: part 3, `03_objectives_strategy.ipynb`: from the problem tree to objectives and a strategy.
"""


# --- part 3: objectives and strategy ---------------------------------------------------------

class OBJECTIVES:
    HEADER = r"""
# Seminar 2 · Part 3: Objectives and strategy

*Questions*
- What will the situation be when our problems are solved?
- Which part of that can our project take on, and why that part?

*Objectives*: after this notebook you can
- turn a problem tree into a draft objective tree, and reword it into achieved, positive situations;
- check the means-ends logic of an objective tree;
- group objectives into options and score the options against weighted criteria;
- choose a strategy and justify the choice.

| teaching | exercises | materials |
| --- | --- | --- |
| 30 min | 75 min | your problem tree (part 2), cards of another colour, the programme's priorities |

Run the cells from top to bottom (Shift + Enter). In the notebook you receive, each answer cell holds the line
`raise NotImplementedError()`: replace it with your answer. The cells after each answer check it and say what
to fix.
"""

    HELPERS = r'''
def with_clusters(objectives, strategy):
    """The objectives with their `cluster` set to the option that lists them (empty for the others)."""
    option_of = {oid: option.id for option in strategy.options for oid in option.objectives}
    return [dataclasses.replace(o, cluster=option_of.get(o.id, "")) for o in objectives]
'''

    MIRROR_CONCEPT = r"""
## 1. From problems to objectives

Objective analysis turns each problem into an **objective**: the positive situation reached when the problem is
solved, written as if it were already achieved ("Residents distrust municipal environmental policies" becomes
"Residents see municipal environmental policies as their own"). Causes become **means** and effects become
**ends**: the links still point upwards, now meaning "if we achieve this, it helps to achieve that".

`mirror(problems)` writes a first draft: one objective per problem, with the same links, each marked "TO REWORD:".
The draft of the worked example (the first five):
"""

    MIRROR_EXAMPLE = r'''
draft_example = mirror(example.problems)
pd.DataFrame([(o.id, o.statement, ";".join(o.leads_to), o.from_problem) for o in draft_example[:5]],
             columns=["id", "statement", "leads_to", "from_problem"]).set_index("id")
'''

    REWORD_CONCEPT = r"""
The draft is only a start. Three things turn it into an objective tree:

1. **Reword** every objective as an achieved, positive situation: no "not", "lack", "poor" or "low" left.
2. **Drop** the objectives the network cannot achieve (the problem stays in the problem tree).
3. **Add** an intermediate objective where a step of the means-ends chain is missing. It has no problem behind
   it, so it is marked `intermediate=True` (`yes` in the `intermediate` column).

Copying every problem one-for-one is a typical mistake: the checks report the share of objectives that only
repeat their problem's words. The worked example's objective tree: the core problem's objective in amber, and
O15, a new intermediate objective, dashed.
"""

    OBJECTIVE_TREE_EXAMPLE = r'''
ObjectiveTree(example.objectives, example.problems).draw()
'''

    LOGIC_CONCEPT = r"""
## 2. Checking the means-ends logic

Read every link of the objective tree aloud as "**if** (the means) **then** (the end)": "If municipal officers use
participatory methods with confidence, then town halls consult residents in open, regular meetings." If the
sentence does not hold, the link is wrong or a step is missing. `check_objectives(objectives, problems)` also
compares the links with the problem tree: a means-ends link whose problems are not linked cause to effect
(`objectives.link_not_in_problems`) deserves a second look.
"""

    EXERCISE_1 = r"""
### Exercise 1: find the broken link (1 point)

The *Generations Together* network drew the two small trees below. One means-ends link of its objective tree does
not follow its problem tree. Find it, with `check_objectives` or by reading each link as "if ... then ...", and
write it in `broken_link` as a pair of objective ids, `(means, end)`.
"""

    GENERATIONS = r'''
GENERATIONS_PROBLEMS = [
    Problem("P1", "Older residents' skills and memories are lost to the towns"),
    Problem("P2", "Older and younger residents rarely meet", leads_to=("P1",), core=True),
    Problem("P3", "The towns run separate activities for each age group", leads_to=("P2",)),
    Problem("P4", "Older people in the villages seldom leave their homes", leads_to=("P2",)),
    Problem("P5", "Bus services to the villages end at six in the evening", leads_to=("P4",)),
]
GENERATIONS_OBJECTIVES = [
    Objective("O1", "Older residents pass their skills and memories on to young people", from_problem="P1"),
    Objective("O2", "Older and younger residents meet regularly", leads_to=("O1",), from_problem="P2"),
    Objective("O3", "The towns run activities that bring age groups together", leads_to=("O2",), from_problem="P3"),
    Objective("O4", "Older people from the villages take part in town life", leads_to=("O2",), from_problem="P4"),
    Objective("O5", "Villagers can reach evening activities by bus or with volunteer drivers", leads_to=("O3",),
              from_problem="P5"),
]
'''

    GENERATIONS_TREES = r'''
display(ProblemTree(GENERATIONS_PROBLEMS).draw(title="Generations Together: problem tree"))
ObjectiveTree(GENERATIONS_OBJECTIVES, GENERATIONS_PROBLEMS).draw(title="Generations Together: objective tree")
'''

    BROKEN_LINK_ANSWER = r'''
# broken_link = ("<id of the means>", "<id of the end>")
### BEGIN SOLUTION
broken_link = ("O5", "O3")
### END SOLUTION
'''

    BROKEN_LINK_FOUND = r'''
assert isinstance(broken_link, (tuple, list)) and len(broken_link) == 2, (
    'Write the link as a pair of objective ids, (means, end), for example ("O2", "O1").')
### BEGIN HIDDEN TESTS
assert tuple(broken_link) == ("O5", "O3"), (
    f"{tuple(broken_link)} is not the broken link: run check_objectives(GENERATIONS_OBJECTIVES, "
    "GENERATIONS_PROBLEMS) and look for objectives.link_not_in_problems.")
### END HIDDEN TESTS
'''

    LIVE_CONCEPT = r"""
## 3. Live: your group's objective tree

*The trainer projects this part; the group talks, one person types.*

With no objectives yet, the button *Start from the problem tree* writes the draft (the same as `mirror`). Then
reword the cards one by one, drop what the network cannot achieve, add intermediate objectives, and read every
link as "if ... then ...". Each change is saved in your workbook at once. Nothing here is graded: Exercise 2
then completes your tree.
"""

    LIVE_EDITOR = r'''
from planet_lib import ObjectiveEditor

ObjectiveEditor(WORKBOOK, large_text=True)
'''

    LIVE_FALLBACK = r"""
No editor on the screen? Edit `objectives.csv` of your workbook in a spreadsheet program, save it as CSV
UTF-8, and run the next cell to redraw your objective tree.
"""

    LIVE_TREE = r'''
ObjectiveTree(my_group().objectives or [], my_group().problems).draw(large_text=True)
'''

    EXERCISE_2 = r"""
### Exercise 2: your group's objective tree (4 points)

Start from the draft of your own problem tree (the next cell shows it) and write your objective tree as a list
`my_objectives` of `Objective` cards; running the cell saves it in `objectives.csv` of your workbook. Give
each objective the id of the problem it rewords in `from_problem`, or `intermediate=True` if it is new. The tests
check that

- `check_objectives` finds **no errors**: nothing left "TO REWORD:", no link to a missing objective or problem,
  no circle;
- no objective keeps negative problem wording, and the tree is not a one-for-one copy of the problem tree;
- every objective says which problem it rewords (or is intermediate), and one of them rewords the core problem;
- every means-ends link follows your problem tree, and no objective is left unlinked.

If you used the live editor, start from it: `my_objectives = my_group().objectives`.
"""

    DRAFT = r'''
group_problems = my_group().problems or []
if not group_problems:
    print("Your workbook has no problem tree yet: do Exercise 3 of part 2 first.")
pd.DataFrame([(o.id, o.statement, ";".join(o.leads_to), o.from_problem) for o in mirror(group_problems)],
             columns=["id", "statement", "leads_to", "from_problem"]).set_index("id")
'''

    OBJECTIVES_ANSWER = r'''
### BEGIN SOLUTION
my_objectives = [
    Objective("O1", "The seven towns recycle a larger share of their household waste", from_problem="P1"),
    Objective("O2", "Residents see municipal environmental policies as their own", leads_to=("O1",),
              from_problem="P2"),
    Objective("O3", "Municipal green initiatives continue beyond their pilot phase", leads_to=("O1",),
              from_problem="P3"),
    Objective("O4", "Residents of the seven towns take an active part in shaping local environmental policy",
              leads_to=("O2", "O3"), from_problem="P4"),
    Objective("O5", "Town halls consult residents in open, regular meetings", leads_to=("O4",), from_problem="P5"),
    Objective("O6", "Residents know how and where environmental decisions are made in their town",
              leads_to=("O4",), from_problem="P6"),
    Objective("O7", "NGOs, schools and town halls plan green initiatives together", leads_to=("O4",),
              from_problem="P7"),
    Objective("O8", "Meetings on environmental matters are held at times residents can attend", leads_to=("O5",),
              from_problem="P8"),
    Objective("O9", "Municipal officers use participatory methods with confidence", leads_to=("O5",),
              from_problem="P9"),
    Objective("O10", "Information on waste and energy is written in plain language", leads_to=("O6",),
              from_problem="P10"),
    Objective("O11", "Young people follow the towns' environmental news on the channels they use",
              leads_to=("O6",), from_problem="P11"),
    Objective("O12", "Environment officers of the seven towns learn from each other's practice through regular "
                     "exchanges", leads_to=("O9", "O7"), from_problem="P12"),
    Objective("O13", "Local NGOs run green projects on multi-year agreements with their town hall",
              leads_to=("O7",), from_problem="P13"),
    Objective("O14", "Twinning links cover the day-to-day work of the town halls", leads_to=("O12",),
              from_problem="P14"),
    Objective("O15", "A shared toolkit of participatory methods is available in the five partner languages",
              leads_to=("O9",), intermediate=True),
]
### END SOLUTION
save("objectives", my_objectives)
'''

    OBJECTIVES_NO_ERRORS = r'''
links_as_text = [o.id for o in my_objectives if isinstance(o.leads_to, str)]
assert not links_as_text, ('Write leads_to as a tuple of ids, e.g. leads_to=("O4",) with the comma: see '
                           f'{", ".join(links_as_text)}.')
objective_errors = only_errors(check_objectives(my_objectives, my_group().problems))
assert not objective_errors, "The objective tree has errors:\n" + explain(objective_errors)
'''

    OBJECTIVES_WORDING = r'''
still_problems = [f for f in check_objectives(my_objectives, my_group().problems)
                  if f.code == "objectives.negative_wording"
                  or (f.code == "objectives.mirrored" and f.severity == "warning")]
assert not still_problems, "Reword these objectives:\n" + explain(still_problems)
'''

    OBJECTIVES_ORIGIN = r'''
unanchored = [f for f in check_objectives(my_objectives, my_group().problems)
              if f.code in ("objectives.no_problem", "objectives.no_core_objective")]
assert not unanchored, "Say where these objectives come from:\n" + explain(unanchored)
'''

    OBJECTIVES_LINKS = r'''
assert len(my_objectives) >= 2, "An objective tree needs at least two objectives, linked means to end."
### BEGIN HIDDEN TESTS
doubtful_links = [f for f in check_objectives(my_objectives, my_group().problems)
                  if f.code in ("objectives.link_not_in_problems", "objectives.orphan")]
assert not doubtful_links, "Check these means-ends links:\n" + explain(doubtful_links)
### END HIDDEN TESTS
'''

    STRATEGY_CONCEPT = r"""
## 4. Strategy: which part of the tree will the project take on?

The objective tree usually holds more than one project could achieve. Strategy analysis compares **options**:
clusters or branches of the objective tree that could each become the project. The group

1. groups the means (the lower objectives) into two to four options;
2. agrees on **criteria** and their **weights**, for example relevance to the programme's priorities,
   feasibility for the towns within the grant and the time, sustainability after the grant, cost, risk (PCM
   courses often group criteria as social, environmental, technical, institutional, financial and economic);
3. scores each option from 1 (poor) to 5 (very good) on each criterion; the weighted total is the sum of
   weight x score;
4. chooses one option and **justifies** the choice, above all when it is not the best-scoring one, because
   criteria never capture everything.

The objectives above the options (the core problem's objective and its ends) are shared by every option.
The worked example compared three options:
"""

    SCORES_EXAMPLE = r'''
score_table(example.strategy)
'''

    SCORES_FIGURE = r'''
strategy_figure(example.strategy)
'''

    CHOICE_INTRO = r"""
It selected option `opt-a`, and wrote why:
"""

    CHOICE_EXAMPLE = r'''
print(example.strategy.justification)
'''

    IN_PYTHON = r"""
In Python a strategy is a `Strategy` with a list of `Criterion` (an id, a weight and a name), a list of `Option`
(an id, a name, the ids of its objectives, and its scores as `{criterion id: score}`), the id of the `selected`
option and a `justification`.
"""

    EXERCISE_3 = r"""
### Exercise 3: your group's strategy (3 points)

Write your group's strategy as `my_strategy`: at least two options, each listing ids of objectives from your
objective tree; at least two criteria with weights; every option scored from 1 to 5 on every criterion; the
option you choose in `selected`, and one or two sentences in `justification`. Running the cell saves it in
`strategy.yaml`, and writes each objective's option in the `cluster` column of `objectives.csv`. The tests check
that

- `check_strategy` finds **no errors**: no missing score, no unknown objective or option, weights above 0;
- there are at least two options and two criteria, each option lists objectives, no objective is in two options,
  and an option is selected (if it is not the best-scoring one, the justification says why);
- the files in your workbook hold your strategy.
"""

    STRATEGY_ANSWER = r'''
### BEGIN SOLUTION
my_strategy = Strategy(
    criteria=[
        Criterion("relevance", weight=0.4,
                  name="Relevance to the programme priority (active citizenship) and to the core problem"),
        Criterion("feasibility", weight=0.35,
                  name="Feasible for seven town halls in 20 months within a Measure 1.2 grant"),
        Criterion("sustainability", weight=0.25, name="Likely to last after the grant ends"),
    ],
    options=[
        Option("opt-a", name="Participatory town halls", objectives=["O5", "O8", "O9", "O12", "O14", "O15"],
               scores={"relevance": 5, "feasibility": 4, "sustainability": 4}),
        Option("opt-b", name="Plain-language information campaign", objectives=["O6", "O10", "O11"],
               scores={"relevance": 4, "feasibility": 5, "sustainability": 2}),
        Option("opt-c", name="Local green alliances with NGOs and schools", objectives=["O7", "O13"],
               scores={"relevance": 3, "feasibility": 2, "sustainability": 3}),
    ],
    selected="opt-a",
    justification="Option A ranks first. It changes how the town halls work, which a network of municipalities "
                  "can do together and which stays after the grant.",
)
### END SOLUTION
save("strategy", my_strategy)
save("objectives", with_clusters(my_group().objectives or [], my_strategy))
'''

    STRATEGY_NO_ERRORS = r'''
strategy_errors = only_errors(check_strategy(my_strategy, my_group().objectives))
assert not strategy_errors, "The strategy has errors:\n" + explain(strategy_errors)
'''

    STRATEGY_COMPLETE = r'''
assert len(my_strategy.options) >= 2 and len(my_strategy.criteria) >= 2, (
    f"Compare at least two options on at least two criteria; you have {len(my_strategy.options)} option(s) "
    f"and {len(my_strategy.criteria)} criterion/criteria.")
no_objectives = [o.id for o in my_strategy.options if not o.objectives]
assert not no_objectives, f"List the objectives of each option; these list none: {', '.join(no_objectives)}."
listed = [oid for o in my_strategy.options for oid in o.objectives]
in_two = sorted({oid for oid in listed if listed.count(oid) > 1})
assert not in_two, f"Each objective belongs to one option only; in two or more: {', '.join(in_two)}."
choice = [f for f in check_strategy(my_strategy)
          if f.code in ("strategy.no_selection", "strategy.selection_not_best")]
assert not choice, explain(choice)
'''

    STRATEGY_SAVED = r'''
saved_strategy = my_group().strategy
assert saved_strategy is not None and saved_strategy.selected == my_strategy.selected and (
    [o.id for o in saved_strategy.options] == [o.id for o in my_strategy.options]), (
    "strategy.yaml in your workbook does not hold your strategy: run the answer cell again and read its "
    "message (it says 'Not saved' when a value cannot be used).")
mismatched = [f for f in check_strategy(saved_strategy, my_group().objectives) if f.code == "strategy.cluster_mismatch"]
assert not mismatched, explain(mismatched)
'''

    EXERCISE_4 = r"""
### Exercise 4: why this strategy? (3 points)

In five to eight sentences: which option did your group choose, and why? Refer to the scores, and to what the
criteria did not capture (a risk, a condition set by a partner, the programme's rules). What happens to the
objectives you did not choose: does someone else take them on, do they wait for a later project, or does your
project depend on them?
"""

    WHY_STRATEGY = r"""
We chose option A, participatory town halls. It scores 4.4 against 3.85 for the information campaign and 2.65 for
the green alliances, mostly because it is the most relevant to active citizenship and the most likely to last:
once officers know participatory methods and meet regularly, the towns keep using them after the grant. The scores
do not show that the mayors asked us to avoid anything that looks like an election campaign, which also spoke
against option B. Option C depends on multi-year funding for NGOs that no town can commit to in 2013. We keep the
plain-language invitations of option B inside option A. The NGO agreements of option C are left to the towns
after the project; our project does not depend on them, but we will report on them as a possible follow-up.
"""

    TRAINER_NOTES = r"""
### Trainer notes

- Timing: sections 1 and 2 with Exercise 1 take about 30 minutes; the live part 45 minutes per group; Exercise 2
  about 20 minutes; section 4 and Exercises 3 and 4 about 40 minutes.
- Watch for: every problem mirrored one-for-one into an objective (`objectives.mirrored`); objectives that keep
  the problem's negative words; objectives written as activities ("Organise three seminars"); unrealistic
  objectives kept ("Unemployment in the region is eliminated"); links that do not read as "if ... then ...".
- In the strategy: scores decided after the choice to fit it; one criterion weighted so heavily that it decides
  alone; options that overlap (the same objective in two); criteria that are really the same thing twice.
- Debrief questions: Which objective did you drop, and why? Which link of your tree is weakest when read as
  "if ... then ..."? Would a different weighting change your choice, and should it?
- Exercise 2 has a hidden test (means-ends links follow the problem tree, no objective unlinked).
- Rubric, Exercise 4 (3 points): 1 point for using the comparison (refers to the scores or the criteria);
  1 point for naming something the criteria did not capture (a risk, a partner's condition, a rule);
  1 point for saying what happens to the objectives left out (others, later, or an assumption of the project).
"""

    KEY_POINTS = r"""
## Key points

- Objectives are problems reworded as achieved, positive situations; causes become means, effects become ends.
- `mirror` gives a draft only: reword it, drop what the network cannot achieve, add intermediate objectives.
- Read every link as "if ... then ..."; the checks compare the links with the problem tree.
- Options are branches of the objective tree, scored on weighted criteria; the group chooses one and says why.

**Next**: part 4, `04_between_seminars.ipynb`: check your analysis with your local stakeholders before seminar 3.
"""


# --- part 4: between seminars ----------------------------------------------------------------

class BETWEEN:
    HEADER = r"""
# Seminar 2 · Part 4: Between seminars, checking the analysis with local stakeholders

*Questions*
- Do the people our project is for recognise our analysis?
- What must be in our workbook before seminar 3?

*Objectives*: after this notebook you can
- plan and record a consultation of your local stakeholders;
- revise your problem and objective trees in the workbook after it;
- bring the self-check of your workbook to zero errors before seminar 3.

| teaching | exercises | materials |
| --- | --- | --- |
| 15 min (end of seminar 2) | 2 to 4 weeks at home, about half a day per town | your printed grid and trees (section 2), your stakeholders' contacts, your workbook |

Run the cells from top to bottom (Shift + Enter). In the notebook you receive, each answer cell holds the line
`raise NotImplementedError()`: replace it with your answer. The cells after each answer check it and say what
to fix.
"""

    HELPERS = r'''
def revised(cards, changes):
    """`cards` with each card of `changes` put in: replacing the card with the same id, or added at the end."""
    changed = {c.id: c for c in changes}
    kept = [changed.pop(c.id, c) for c in cards]
    return kept + list(changed.values())


def listed_in_options(strategy, objectives):
    """The strategy with each objective listed under the option named in its `cluster`, and under no other."""
    for option in strategy.options:
        for o in objectives:
            if option.id == o.cluster and o.id not in option.objectives:
                option.objectives.append(o.id)
            elif option.id != o.cluster and o.id in option.objectives:
                option.objectives.remove(o.id)
    return strategy
'''

    WHOM_CONCEPT = r"""
## 1. Why consult, and whom

Your analysis was made by municipal officials in a seminar room. Before seminar 3 turns it into a logframe, check
it with the people it is about. In each town, meet a few of your local stakeholders, for example in a short
meeting or a focus group of five to ten people, and bring back what you learned. Start with:

- **box A** (work closely with them): do they agree with the core problem and the chosen strategy? Will they take part?
- **box B** (protect their interests): do they recognise the problems? What would make it possible for them to take part?
- **box C** (a risk: monitor them): is there anything in the plan they would oppose?

Your stakeholders by box:
"""

    BY_BOX = r'''
pd.DataFrame([(quadrant(s) or "not placed", s.id, s.name) for s in my_group().stakeholders or []],
             columns=["box", "id", "stakeholder"]).sort_values("box", kind="stable").set_index(["box", "id"])
'''

    PRINT_CONCEPT = r"""
## 2. Print your grid and trees for the meetings

People react better to a picture than to a table. The next cell saves your grid and your two trees as PDF files
in the folder `print` next to this notebook, ready to print or to send.
"""

    PRINT = r'''
current = my_group()
print_folder = Path("print")
print_folder.mkdir(exist_ok=True)
pictures = {
    "stakeholder-grid": stakeholder_grid_figure(current.stakeholders or [], large_text=True),
    "problem-tree": ProblemTree(current.problems or []).draw(large_text=True),
    "objective-tree": ObjectiveTree(current.objectives or [], current.problems).draw(large_text=True),
}
for name, picture in pictures.items():
    picture.savefig(print_folder / f"{WORKBOOK.name}-{name}.pdf")
    print("Saved", print_folder / f"{WORKBOOK.name}-{name}.pdf")
'''

    EXERCISE_1 = r"""
### Exercise 1: record your consultation (2 points)

After the meetings, write down whom you consulted and what you learned, in `consulted`: for each stakeholder, its
id in your stakeholder analysis and, in a sentence or two, what they told you and what you changed (or decided to
keep) because of it. The tests check that you consulted at least two stakeholders of your analysis, at least one
of them in box B if you have any, and that each note has at least eight words.
"""

    CONSULTED_ANSWER = r'''
### BEGIN SOLUTION
consulted = {
    "S3": "The residents' associations of Sandomierz and Llíria hear about environmental decisions only after the "
          "council has taken them; we added this as problem P15, a cause of P6.",
    "S4": "Two school classes in Ystad confirmed that young people never look at the town hall's website; we "
          "kept P11 and O11 as they are.",
    "S1": "The environment offices of Alcañiz and Cittadella agreed with the core problem and asked for meeting "
          "invitation templates in the toolkit (O15).",
}
### END SOLUTION
'''

    CONSULTED_KNOWN = r'''
known = [s.id for s in my_group().stakeholders or []]
not_in_analysis = [sid for sid in consulted if sid not in known]
assert not not_in_analysis, (
    f"These are not ids of your stakeholder analysis: {', '.join(not_in_analysis)}. Your ids are "
    f"{', '.join(known) or 'none yet'}; add anyone else you consulted to stakeholders.csv first.")
assert len(consulted) >= 2, f"Consult at least two stakeholders; consulted has {len(consulted)}."
'''

    CONSULTED_LEARNED = r'''
thin_notes = [sid for sid, note in consulted.items() if len(str(note).split()) < 8]
assert not thin_notes, f"Say in a sentence or two what you learned from {', '.join(thin_notes)} (eight words or more)."
box_b_ids = [s.id for s in my_group().stakeholders or [] if quadrant(s) == "B"]
assert not box_b_ids or any(sid in box_b_ids for sid in consulted), (
    f"Consult at least one stakeholder of box B ({', '.join(box_b_ids)}): the project must protect their "
    "interests, so their view matters most.")
'''

    REVISE_CONCEPT = r"""
## 3. Revise your trees

Change what the consultation showed to be wrong or missing: add a card, reword one, move a link. Keep the ids
stable: a card whose wording changes keeps its id, so its objective still points to it. You can edit
`problems.csv` and `objectives.csv` of your workbook in a spreadsheet program, use the live editors of parts 2
and 3, or write the changes below.
"""

    EXERCISE_2 = r"""
### Exercise 2: new problem cards (3 points)

Write in `new_cards` the problem cards the consultation added or changed, at least one: a new card gets a new id;
a changed card keeps its id and replaces the old one. Running the cell puts them into your tree and saves it in
`problems.csv`. The tests check that the revised tree has no errors, that every new or changed card is linked into
the tree and well worded, and that `problems.csv` in your workbook holds them.
"""

    NEW_CARDS_ANSWER = r'''
### BEGIN SOLUTION
new_cards = [
    Problem("P15", "Residents' associations hear about environmental decisions only after the council has taken them",
            leads_to=("P6",)),
]
### END SOLUTION
save("problems", revised(my_group().problems or [], new_cards))
'''

    NEW_CARDS_NO_ERRORS = r'''
assert new_cards, "List at least one new or changed card in new_cards."
revised_tree_errors = only_errors(check_problems(revised(my_group().problems or [], new_cards)))
assert not revised_tree_errors, "The revised tree has errors:\n" + explain(revised_tree_errors)
'''

    NEW_CARDS_FIT = r'''
new_card_ids = {c.id for c in new_cards}
misfits = [f for f in check_problems(revised(my_group().problems or [], new_cards))
           if f.item in new_card_ids and f.severity == "warning"]
assert not misfits, "Look again at these cards:\n" + explain(misfits)
'''

    NEW_CARDS_SAVED = r'''
cards_on_file = {p.id: p.statement for p in my_group().problems or []}
not_saved = [c.id for c in new_cards if cards_on_file.get(c.id) != c.statement]
assert not not_saved, (f"problems.csv does not hold {', '.join(not_saved)} yet: run the answer cell again and read "
                       "its message.")
'''

    EXERCISE_3 = r"""
### Exercise 3: objectives for the new cards (2 points)

Reword your new cards into the objective tree: write in `new_objectives` the objectives to add or change, at least
one, with `from_problem` set to the card each rewords, `leads_to` the ends it serves, and in `cluster` the
strategy option it belongs to, if any. Running the cell saves `objectives.csv` and lists each objective under its
option in `strategy.yaml`. The tests check that the revised objective tree has no errors and no warnings about
the new objectives, and that `objectives.csv` holds them.
"""

    NEW_OBJECTIVES_ANSWER = r'''
### BEGIN SOLUTION
new_objectives = [
    Objective("O16", "Residents' associations hear about planned environmental decisions in time to comment",
              leads_to=("O6",), from_problem="P15", cluster="opt-b"),
]
### END SOLUTION
save("objectives", revised(my_group().objectives or [], new_objectives))
if my_group().strategy is not None:
    save("strategy", listed_in_options(my_group().strategy, new_objectives))
'''

    NEW_OBJECTIVES_NO_ERRORS = r'''
assert new_objectives, "List at least one new or changed objective in new_objectives."
revised_objective_errors = only_errors(check_objectives(revised(my_group().objectives or [], new_objectives),
                                                   my_group().problems))
assert not revised_objective_errors, "The revised objective tree has errors:\n" + explain(revised_objective_errors)
'''

    NEW_OBJECTIVES_FIT = r'''
new_objective_ids = {o.id for o in new_objectives}
objective_misfits = [f for f in check_objectives(revised(my_group().objectives or [], new_objectives),
                                                 my_group().problems)
                     if f.item in new_objective_ids and f.severity == "warning"]
assert not objective_misfits, "Look again at these objectives:\n" + explain(objective_misfits)
missing_on_file = new_objective_ids - {o.id for o in my_group().objectives or []}
assert not missing_on_file, (f"objectives.csv does not hold {', '.join(sorted(missing_on_file))} yet: run the "
                             "answer cell again and read its message.")
'''

    EXERCISE_4 = r"""
### Exercise 4: what did the consultation change? (2 points)

In five to eight sentences: what did your stakeholders confirm, what did they question, and what did you change
in the workbook as a result? Is there anything you decided not to change, and why?
"""

    WHAT_CHANGED = r"""
The residents' associations and the environment offices confirmed the core problem: people take little part in
environmental decisions. The associations questioned our picture of why: the formal notices are not the only
issue, they simply hear of decisions too late to react. We added that as a new cause (P15) with its objective
(O16) in the information branch. The pupils in Ystad confirmed that the town hall's channels do not reach young
people, so we kept that branch as it was. The environment offices asked for invitation templates; that does not
change the trees but will be part of the toolkit in seminar 3. We did not add the associations' wish for a
budget of their own: it is outside what a Measure 1.2 project can fund, so we noted it as a general constraint.
"""

    READY_CONCEPT = r"""
## 4. Ready for seminar 3?

Before seminar 3 your group's workbook must hold a stakeholder analysis, a problem tree, an objective tree and a
strategy, and the self-check must show **no errors**. Warnings are worth a discussion in your group; they do not
stop you. Your trainer reads your group's folder a week before seminar 3, and seminar 3 starts from it.
"""

    READY = r'''
found_now = check_group(WORKBOOK)
pd.DataFrame([(name, (WORKBOOK / name).exists(),
               sum(f.severity == "error" for f in found_now if f.file == name),
               sum(f.severity == "warning" for f in found_now if f.file == name)) for name in SEMINAR_FILES],
             columns=["file", "present", "errors", "warnings"]).set_index("file")
'''

    TRAINER_NOTES = r"""
### Trainer notes

- Introduce this notebook in the last 15 minutes of seminar 2: agree with each group who consults whom in which
  town, by when, and that every member saves into the group's own folder (`GROUP_FOLDER`), where you read it.
- Consultation formats that work: a short meeting with one association, a focus group of five to ten people,
  a visit to a school class. An independent moderator helps; invite people who can speak for their organisation.
- A week before seminar 3, run `planet check` on the cohort folder (the groups work in their own folders);
  write to each group with errors and point to the finding codes.
- Watch for: consultations that only inform instead of asking; only box-A stakeholders consulted; notes that
  say "all agreed"; trees that did not change although the notes say they should; errors left in the self-check.
- Debrief questions (opening of seminar 3): What surprised you in the consultations? Which card moved or changed?
  Did anyone reject the core problem?
- Rubric, Exercise 4 (2 points): 2 = names what was confirmed and what was questioned, and links a change (or a
  deliberate non-change) in the workbook to what stakeholders said; 1 = describes the consultation without
  linking it to the workbook; 0 = generic statements ("everyone agreed").
"""

    KEY_POINTS = r"""
## Key points

- Check the analysis with the people it is about, box B first: they are the ones a seminar room forgets.
- Record whom you consulted and what changed; keep ids stable when you reword cards.
- A new problem card usually needs its objective, and its objective an option.
- Before seminar 3 the self-check shows no errors in the four files of seminar 2.

**Next**: seminar 3 (formulation) turns the selected strategy into a logframe, an activity schedule and a budget.
"""
