"""The text and code of the seminar 1 (programming) notebooks, cell by cell.

`make_seminar_01.py` writes the notebooks; this module says what their cells hold. One
function per notebook adds its cells to a `Book` (see `make_seminar_01.py`), in order; the
cell kinds follow docs/authoring-notebooks.md (`b.md`, `b.code`, `b.locked`, `b.answer`,
`b.test`, `b.manual`, `b.trainer`).

Rules every cell here follows: solution regions hold whole statements; every answer cell
starts from a template the participant fills in (the solution below it replaces the
template's values, so no solution line repeats a visible line); every test cell fails on the
template alone; test cells print nothing to stderr and wait for nothing. The model answers work
on the worked example of the sample cohort (g1-green-towns) and its programme.
"""

# --- shared by the three notebooks -----------------------------------------------------------

from seminar_common import OPEN_WORKBOOK, SAVE  # noqa: E402  (every seminar's)

HELPERS = '''
def explain(findings):
    """What a list of findings says, in one paragraph (the test cells use it in their messages)."""
    return " ".join(f"{f.message} {f.hint}" for f in findings)
'''

SELF_CHECK_MD = '''
## Where your workbook stands

The last cell runs on your group's workbook the same check as `planet check` (and as the
trainers' grading): one row per finding, with the file, the item, what is wrong and how to fix
it. **error** rows would make a proposal fail; **warning** rows are worth fixing; **info** rows
are notes ("not done yet" is expected for the stages still ahead).
'''

SELF_CHECK = '''
as_frame(check_group(WORKBOOK))
'''


def project_cycle(b) -> None:
    """01_project_cycle: the five phases, the programme's rules and priorities, a draft network fixed."""
    b.md('''
# Seminar 1 · Part 1: The project cycle and the programme

**Questions**

- What are the phases of a project's life, and where does this course sit among them?
- Which programme funds networks of twinned towns, and what does it ask of a network?

**Objectives.** After this notebook you can:

- name the five phases of the project cycle and say what each one decides;
- find the rules and priorities of your programme, with their sources, and say which facts are uncertain;
- test a network against the programme's rules and fix what fails.

| teaching | exercises | materials |
| --- | --- | --- |
| 25 min | 20 min | this notebook; the call text of your programme (one printed copy per table) |

**How to use this notebook.** Click a cell and press *Shift + Enter* to run it, from the top
down. Cells that start with "Your answer" are where you type. Under each answer there is a
test cell: run it, and it says what is still wrong and how to fix it.
''', "header")
    b.your_group()
    b.md("Run the next cell to load the tools and your group's workbook (no need to read it).", "setup-intro")
    b.locked("setup", '''
%matplotlib inline
from planet_lib import (PCM_PHASES, Group, Network, Partner, as_frame, check_eligibility, check_group, cycle_figure,
                        duplicate_findings, lead_findings, load_ruleset, only_errors, partner_table, priorities_table,
                        programme_rules_table, sources_table, working_copy)
''' + OPEN_WORKBOOK + HELPERS + '''

group = Group.load(WORKBOOK)
rules = load_ruleset(group.programme)
print(f"Your group: {group.network.name} ({WORKBOOK})")
print(f"Your programme: {rules.title}")
''')

    # 1. the cycle ---------------------------------------------------------------------------------
    b.md('''
## 1. The project cycle

The European Commission's *Project Cycle Management Guidelines* (2004) describe the life of a
project in five phases. Each phase ends with a decision:

| phase | what it decides |
| --- | --- |
| Programming | which problems and priorities a programme, and a network, will work on |
| Identification | who is involved, what the core problem is, which objectives to pursue |
| Formulation | the detailed plan (logframe, activities, budget) and the proposal |
| Implementation | running the project and reporting on it |
| Evaluation & Audit | what worked, what to learn, how the money was spent |
''', "cycle-concept")
    b.code('''
cycle_figure(current="Programming")
''', "cycle-figure")
    b.md('''
The course covers the first three phases, one seminar each, with local work in your town in
between. Seminar 4 presents the proposals. The cycle is a loop: what an evaluation teaches
feeds the programming of the next project.
''', "cycle-after")
    b.md('''
### Exercise 1: which phase decides what? (2 points)

Here are five decisions a network takes. Which phase does each belong to?

1. Write the budget and the activity schedule.
2. Check whether the seminars changed how the towns consult residents.
3. Choose the network's theme among the programme's priorities.
4. Hold the seminars and report to the funder.
5. Agree with the stakeholders on the core problem.

In the cell below, replace each `""` by the name of a phase, written as in the table above
(for example `"Programming"`), in the order of the decisions. Then delete the line
`raise NotImplementedError()` and run the cell.
''', "exercise-1")
    b.answer("phases_answer", '''
# Your answer: one phase per decision, in the order of the list
my_phases = ["", "", "", "", ""]
### BEGIN SOLUTION
my_phases = ["Formulation", "Evaluation & Audit", "Programming", "Implementation", "Identification"]
### END SOLUTION
''')
    b.test("phases_names", 1, '''
unknown = [p for p in my_phases if p not in PCM_PHASES]
assert len(my_phases) == 5, f"Give exactly five phases, one per decision; you gave {len(my_phases)}."
assert not unknown, (f"These are not phase names: {unknown}. "
                     f"Write each as one of: {', '.join(PCM_PHASES)}.")
''')
    b.test("phases_right", 1, '''
assert len(set(my_phases)) == 5, "Each phase decides one of the five: use each phase once."
### BEGIN HIDDEN TESTS
expected = ["Formulation", "Evaluation & Audit", "Programming", "Implementation", "Identification"]
wrong = [i + 1 for i, (mine, right) in enumerate(zip(my_phases, expected)) if mine != right]
assert not wrong, f"Look again at decision(s) {wrong}: which phase ends with that decision?"
### END HIDDEN TESTS
''')
    b.trainer('''
### Trainer notes: the cycle (section 1)

- **Timing**: 10 minutes for the cycle, 5 for exercise 1. Draw the wheel on a flip chart as
  well: it stays on the wall for the three seminars.
- **Watch for**: participants who think "programming" means computer programming; say
  early that it means the programme's and the network's priorities.
- Decision 2 (checking what changed) is often placed under Implementation. Ask: *when* do we
  know whether the towns consult residents differently? After the activities: evaluation.
- **Debrief**: "Which phase has your town already been through with an earlier project?"
  Most towns have run projects but skipped identification: a good hook for seminar 2.
''', "trainer-notes-cycle")

    # 2. the programme -----------------------------------------------------------------------------
    b.md('''
## 2. The programme and its measure for networks of twinned towns

A network does not make its own rules: the funding programme sets them. Your group's
programme is named in `group.yaml` (`programme:`). The kit keeps each programme's rules as
data, one file per programme in `data/rulesets/`, with the sources they come from and the
facts the sources leave open. Everything in this section is read from that file, not typed
into this notebook.
''', "programme-concept")
    b.code('''
print(rules.title)
print(f"Programme: {rules.programme} ({rules.period})")
print(f"Facts last compared with the sources on {rules.version}")
print("Who may apply:", "; ".join(rules.applicant_types))
print("Deadlines:", ", ".join(rules.deadlines) or "see the call text")
''', "programme-facts")
    b.md('''
### The rules a network must meet

One row per rule the kit checks. *settled?* says when the sources disagree or are incomplete:
such a rule fails as a warning, not an error, and you should check it in the call text.
''', "rules-intro")
    b.code('''
programme_rules_table(rules)
''', "rules-table")
    b.md('''
### The programme's priorities

A network's theme must be one of these priorities. In the workbook, use the **id** (first
column).
''', "priorities-intro")
    b.code('''
priorities_table(rules)
''', "priorities-table")
    b.md('''
### Where these facts come from, and what the sources leave open
''', "sources-intro")
    b.code('''
sources_table(rules)
''', "sources-table")
    b.code('''
for note in rules.uncertain_notes:
    print("•", note.text, f"[sources: {', '.join(note.sources)}]" if note.sources else "")
''', "uncertain-notes")

    # 3. eligibility -------------------------------------------------------------------------------
    b.md('''
## 3. Does a network meet the rules?

`check_eligibility` compares a network with the programme's rules and gives one row per rule
that fails, saying what was found, what the programme asks for and how to fix it. Here is
your group's network and its check. An empty table means the network meets every rule that
can be checked at this stage; the rules on events and on the grant are checked later, once
the activity schedule and the budget exist.
''', "eligibility-concept")
    b.code('''
partner_table(group.network)
''', "partners-table")
    b.code('''
as_frame(check_eligibility(group.network, None, rules))
''', "group-eligibility")
    b.md('''
### A draft that does not pass

In the first hour of a seminar, a group drafted this network. Run the cell: the table lists
what fails.
''', "draft-intro")
    b.locked("draft", '''
def draft_network():
    """The group's draft, a fresh copy each time it is called."""
    return Network(
        id="draft", name="Rivers that Connect", theme="active-citizenship", programme=rules.id,
        start="2013-09", duration_months=30,
        partners=[
            Partner("Cittadella", "IT", "lead"),
            Partner("Borgo San Lorenzo", "IT"),
            Partner("Sandomierz", "PL"),
            Partner("Kłodzko", "PL"),
            Partner("Alcañiz", "ES"),
        ],
    )


as_frame(check_eligibility(draft_network(), None, rules))
''')
    b.md('''
### Exercise 2: fix the draft (3 points)

Change `my_network` so that it meets every rule of the programme. Keep the five towns the
group chose: you may add towns and change the duration, but do not remove anyone.

- add a partner town: `my_network.partners.append(Partner("Town", "SE"))` (the country as a
  two-letter code);
- change the duration: `my_network.duration_months = 18`.

Delete the line `raise NotImplementedError()`, write your changes in its place and run the
cell: the table under it shows what still fails. Then run the two test cells.
''', "exercise-2")
    b.answer("network_answer", '''
# Your answer
my_network = draft_network()
### BEGIN SOLUTION
my_network.partners.append(Partner("Ystad", "SE"))
my_network.duration_months = 24
### END SOLUTION
as_frame(check_eligibility(my_network, None, rules))
''')
    b.test("network_rules", 2, '''
failing = only_errors(check_eligibility(my_network, None, rules))
assert not failing, "The network does not meet the programme's rules yet. " + explain(failing)
''')
    b.test("network_kept", 1, '''
gone = {p.municipality for p in draft_network().partners} - {p.municipality for p in my_network.partners}
assert not gone, f"Keep the towns the group chose; missing now: {', '.join(sorted(gone))}. Add towns instead."
assert not only_errors(check_eligibility(my_network, None, rules)), "First make the test cell above pass."
### BEGIN HIDDEN TESTS
partners_problems = lead_findings(my_network) + duplicate_findings(my_network)
assert not partners_problems, explain(partners_problems)
### END HIDDEN TESTS
''')
    b.trainer('''
### Trainer notes: the programme and exercise 2 (sections 2 and 3)

- **Timing**: 15 minutes on the programme (project the tables; hand out the call text), 15
  minutes for exercise 2 in pairs, 5 minutes of debrief.
- **What the draft gets wrong**: too few countries (Italy, Poland, Spain) and a project longer
  than the programme allows. Groups usually spot the duration at once and the countries late.
- **Watch for**: pairs who "fix" the draft by removing a town or by writing a second lead
  (`Partner("...", "..", "lead")`): the hidden test catches both, but ask them why a network
  wants exactly one lead (it signs the grant agreement and answers for the others).
- **Uncertain facts**: show one row where *settled?* is "uncertain" and ask how they would
  check it (the call text, the national contact point). This is the habit we want.
- **Debrief**: "Which rule would your own network fail today?" Note the answers on the flip
  chart; the between-seminars work comes back to them.
''', "trainer-notes-programme")

    # key points and self-check --------------------------------------------------------------------
    b.md('''
## Key points

- The project cycle has five phases; this course covers programming, identification and
  formulation, one seminar each, with local work in between.
- A programme's rules and priorities are data with sources: read them from the rule set, and
  check the uncertain ones in the call text.
- `check_eligibility` says which rule a network fails and how to fix it: run it every time the
  network changes.

**Next**: Part 2, `02_network_priorities`: your network's partners, their priorities, a SWOT
and the choice of a theme.
''', "key-points")
    b.md(SELF_CHECK_MD, "self-check-intro")
    b.code(SELF_CHECK, "self-check")


def network_priorities(b) -> None:
    """02_network_priorities: partner profiles, alignment, the SWOT and the theme."""
    b.md('''
# Seminar 1 · Part 2: Your network and its priorities

**Questions**

- What does each partner town bring to the network, and what does it want from it?
- Which programme priority fits the network as a whole?
- What can the network count on, and what should it watch out for?

**Objectives.** After this notebook you can:

- read the partner profiles of a network side by side;
- score how far each town's local priorities meet each programme priority, and read the result;
- tell internal factors (strengths, weaknesses) from external ones (opportunities, threats);
- write your network's SWOT and choose its theme, with a reason.

| teaching | exercises | materials |
| --- | --- | --- |
| 30 min | 60 min | this notebook; cards in four colours and pens for the SWOT; a flip chart |

Run the cells from the top with *Shift + Enter*. Type in the cells that start with "Your
answer"; the test cell under each answer says what to fix.
''', "header")
    b.your_group()
    b.md('''
Run the next cell to load the tools, your group's workbook and, for the examples, the worked
example of the sample cohort (read only).
''', "setup-intro")
    b.locked("setup", '''
%matplotlib inline
from planet_lib import (STAGE_FILES, SWOT_QUADRANTS, Group, MunicipalityProfile, Programming, Swot, ThemeChoice,
                        alignment_figure, alignment_matrix, as_frame, check_group, check_programming, check_swot,
                        check_theme, context_table, load_ruleset, partner_table, priorities_table, save_checked,
                        suggest_theme, swot_figure, working_copy)
''' + OPEN_WORKBOOK + HELPERS + SAVE + '''

def save_swot(swot):
    """Save the SWOT in programming.yaml, read again first so that what others saved meanwhile stays."""
    programming = Group.load(WORKBOOK).programming or Programming()
    programming.swot = swot
    save("programming", programming)
    group.programming = Group.load(WORKBOOK).programming or Programming()


def save_theme(theme):
    """Save the theme choice in programming.yaml and the theme in group.yaml."""
    fresh = Group.load(WORKBOOK)
    fresh.programming = fresh.programming or Programming()
    fresh.programming.theme = theme
    fresh.network.theme = theme.priority
    save("programming", fresh.programming)
    save("network", fresh.network)
    saved = Group.load(WORKBOOK)
    group.programming, group.network = saved.programming or Programming(), saved.network


group = Group.load(WORKBOOK)
rules = load_ruleset(group.programme)
if group.programming is None:  # a group at its first seminar: programming.yaml is made when saving
    group.programming = Programming()
example = Group.load(worked_example())  # the worked example, for reading only
example_rules = load_ruleset(example.programme)
print(f"Your group: {group.network.name} ({WORKBOOK})")
''')

    # 1. partners ----------------------------------------------------------------------------------
    b.md('''
## 1. The partners: what each town brings

A network is as strong as what its towns bring. Before choosing a theme, each town describes
its **local priorities** (its own agenda, in short phrases) and its **local context**: size,
main local issue, the towns it is already twinned with, its local partners and the resources
it can put in (staff, rooms, co-financing). Here is the worked example's network.
''', "partners-concept")
    b.code('''
partner_table(example.network)
''', "example-partners")
    b.code('''
context_table(example.programming)
''', "example-context")
    b.md('''
And your group's network. The table of local contexts stays empty until each member has
described their town (notebook `03_between_seminars`).
''', "group-partners-intro")
    b.code('''
display(partner_table(group.network))
context_table(group.programming)
''', "group-partners")

    # 2. alignment ---------------------------------------------------------------------------------
    b.md('''
## 2. Local priorities and programme priorities

Each town's priorities are its own; the programme funds only its own priorities. So the group
scores every pair (town, programme priority):

| score | meaning |
| --- | --- |
| 2 | a direct match: a local priority *is* this programme priority |
| 1 | some link: a local priority touches it |
| 0 | no link (leave it out: what is not written counts as 0) |

The programme priorities of the worked example:
''', "alignment-concept")
    b.code('''
priorities_table(example_rules)[["id", "title"]]
''', "example-priorities")
    b.md('''
The worked example's scores as a heatmap: one row per town, one column per programme
priority. The totals are at the bottom; the framed column has the highest total, the theme
the scores suggest.
''', "heatmap-intro")
    b.code('''
alignment_figure(example.programming, example_rules)
''', "example-heatmap")
    b.code('''
best = suggest_theme(example.programming, example_rules)
print(f"The scores suggest: {best.id} ({best.title})")
''', "example-suggestion")
    b.md('''
### Exercise 1: score three towns (3 points)

Three towns of a practice network wrote these local priorities (run the cell to see them).
''', "exercise-1")
    b.locked("practice_towns", '''
practice_towns = {
    "Béjar": ["Day centres open to all ages", "Volunteering for pensioners", "Safer pavements in the old town"],
    "Montepulciano": ["Young and old residents run the summer festival together", "Keep the town's shops open",
                      "Voluntary transport for older people"],
    "Kłodzko": ["Computer classes given by pupils to their grandparents", "Residents' say in the town budget",
                "Repair the flood-damaged river park"],
}


def practice_programming(scores):
    """The three practice towns with your scores, as the kit stores them."""
    return Programming([MunicipalityProfile(town, priorities=list(priorities), alignment=dict(scores.get(town, {})))
                        for town, priorities in practice_towns.items()])


for town, priorities in practice_towns.items():
    print(town + ": " + "; ".join(priorities))
''')
    b.md('''
For each town, write the programme priorities its local priorities meet, with 2 (a direct
match) or 1 (some link), using the ids of the table above, for example
`{"active-citizenship": 1}`. Leave out the priorities with no link. Delete the line
`raise NotImplementedError()` and run the cell: the heatmap shows your scores.
''', "exercise-1-how")
    b.answer("scores_answer", '''
# Your answer: the programme priorities each town's agenda meets, with 2 or 1
my_scores = {
    "Béjar": {},
    "Montepulciano": {},
    "Kłodzko": {},
}
### BEGIN SOLUTION
my_scores["Béjar"] = {"active-ageing-2012": 2, "wellbeing": 2, "active-citizenship": 1}
my_scores["Montepulciano"] = {"active-ageing-2012": 2, "wellbeing": 1, "intercultural-dialogue": 1}
my_scores["Kłodzko"] = {"active-ageing-2012": 2, "active-citizenship": 2, "wellbeing": 1}
### END SOLUTION
alignment_figure(practice_programming(my_scores), example_rules)
''')
    b.test("scores_valid", 1, '''
strange = sorted(set(my_scores) - set(practice_towns))
assert not strange, f"Write the town names as in the list ({', '.join(practice_towns)}); not: {', '.join(strange)}."
found = check_programming(practice_programming(my_scores), ruleset=example_rules)
found = [f for f in found if f.code in ("programming.bad_score", "programming.unknown_priority",
                                        "programming.not_aligned")]
assert not found, explain(found)
''')
    b.test("scores_judged", 2, '''
scored = alignment_matrix(practice_programming(my_scores), example_rules)
assert scored.to_numpy().sum() > 0, "Score the towns first: the test cell above says what is missing."
### BEGIN HIDDEN TESTS
low = [town for town in scored.index if scored.loc[town, "active-ageing-2012"] < 1]
assert not low, (f"{', '.join(low)}: each town has a local priority about older residents; "
                 "score active-ageing-2012 at least 1 there.")
everything = [town for town in scored.index if (scored.loc[town] >= 1).all()]
assert not everything, (f"{', '.join(everything)} scores every priority: keep 1 and 2 for real links "
                        "and leave the others out.")
### END HIDDEN TESTS
''')
    b.trainer('''
### Trainer notes: alignment (section 2, exercise 1)

- **Timing**: 10 minutes of explanation on the worked example's heatmap, 15 minutes for the
  exercise in pairs, 5 minutes of debrief.
- **Watch for**: pairs who score everything 1 or 2 "to be safe" (the hidden test refuses a
  town that scores every priority), and pairs who type titles instead of ids (the test names
  the ids to use).
- Every practice town has a local priority about older residents; Kłodzko's computer classes
  also bring two generations together. Expect `active-ageing-2012` to come out on top, with
  `wellbeing` close behind: a good moment to say that the highest total is a suggestion, not
  a decision.
- **Debrief**: "Which score did your pair argue about?" Disagreement about a 1 or a 2 is the
  point of the exercise: it is where the towns' agendas really differ.
''', "trainer-notes-alignment")

    # 3. SWOT --------------------------------------------------------------------------------------
    b.md('''
## 3. A SWOT of the network

A SWOT looks at the network from two sides:

- **internal**, what the towns themselves control: **strengths** help, **weaknesses** hinder;
- **external**, what they do not control (laws, funders, trends, the public):
  **opportunities** help, **threats** hinder.

The commonest mistake is to put the network's own qualities under opportunities ("we have
motivated staff") or outside forces under strengths ("EU funding is available"). The worked
example's SWOT:
''', "swot-concept")
    b.code('''
swot_figure(example.programming)
''', "example-swot")
    b.md('''
The kit checks that each quadrant has at least two entries, that no entry is written twice,
and reads the wording for signs of the wrong side: "we", "our staff", "our towns" in an
opportunity or threat; "EU funding", "national law", "the programme" in a strength or
weakness. It reads English only, and it is a hint, not a judge: a group may keep an entry
where it is if it can say why.
''', "swot-how-checked")
    b.md('''
### Exercise 2: sort the cards (2 points)

A group wrote these eight cards. Run the cell to see them.
''', "exercise-2")
    b.locked("cards", '''
cards = {
    "A": "Our twinning committees have hosted visits for twenty years",
    "B": "EU funding for networks of towns opens two calls a year",
    "C": "We have no officer who has managed an international grant",
    "D": "A new national law obliges towns to consult residents on waste",
    "E": "Our staff in four towns speak English",
    "F": "Cuts in national government transfers reduce what towns can co-finance",
    "G": "Our towns are far apart and travel between them takes a day",
    "H": "Local elections may bring councils that care less about twinning",
}
for letter, card in cards.items():
    print(letter, card)
''')
    b.md('''
Put each card's letter in one quadrant, each card once, for example
`"strengths": ["A"]`. Delete the line `raise NotImplementedError()` and run the cell.
''', "exercise-2-how")
    b.answer("sorting_answer", '''
# Your answer: the letters of the cards in each quadrant
my_sorting = {
    "strengths": [],
    "weaknesses": [],
    "opportunities": [],
    "threats": [],
}
### BEGIN SOLUTION
my_sorting["strengths"] = ["A", "E"]
my_sorting["weaknesses"] = ["C", "G"]
my_sorting["opportunities"] = ["B", "D"]
my_sorting["threats"] = ["F", "H"]
### END SOLUTION
sorted_swot = Swot(**{q: [cards[c] for c in my_sorting.get(q, []) if c in cards] for q in SWOT_QUADRANTS})
swot_figure(sorted_swot)
''')
    b.test("sorting_sides", 1, '''
placed = [c for q in SWOT_QUADRANTS for c in my_sorting.get(q, [])]
assert sorted(placed) == sorted(cards), (
    f"Place each of the cards {', '.join(cards)} once; you placed: {', '.join(placed) or 'none'}.")
wrong_side = [f for f in check_swot(sorted_swot) if f.code in ("programming.swot_internal_as_external",
                                                               "programming.swot_external_as_internal")]
assert not wrong_side, explain(wrong_side)
''')
    b.test("sorting_helpful", 1, '''
placed = [c for q in SWOT_QUADRANTS for c in my_sorting.get(q, [])]
assert sorted(placed) == sorted(cards), "First make the test cell above pass: place each card once."
### BEGIN HIDDEN TESTS
assert set(my_sorting["strengths"]) == {"A", "E"} and set(my_sorting["opportunities"]) == {"B", "D"}, (
    "A card that harms the network sits among those that help it, or the other way round: compare "
    "strengths with weaknesses, and opportunities with threats.")
### END HIDDEN TESTS
''')
    b.md('''
### Exercise 3: your network's SWOT (2 points)

First on cards, with your group (15 minutes): one idea per card, a colour per quadrant. Then
type the result below: at least two entries per quadrant, each a short sentence. If you work
on the worked example, write the Green Towns SWOT in your own words (not the one shown above).

Replace each `""` with an entry (add more entries inside the brackets, separated by commas),
delete the line `raise NotImplementedError()` and run the cell. It saves the SWOT in your
workbook (`programming.yaml`) and draws it.
''', "exercise-3")
    b.answer("swot_answer", '''
# Your answer
my_swot = Swot(
    strengths=["", ""],
    weaknesses=["", ""],
    opportunities=["", ""],
    threats=["", ""],
)
### BEGIN SOLUTION
my_swot.strengths = ["Twinning committees in all seven towns already host visits and know each other",
                     "Llíria and Ystad already run participatory budgets and online consultations"]
my_swot.weaknesses = ["Few officers speak a second language well enough to run meetings abroad",
                      "Residents' meetings in most towns attract mainly retired people"]
my_swot.opportunities = ["The European Year of Citizens 2013 draws media attention to participation",
                         "Regional environment agencies fund local schemes that show good practice"]
my_swot.threats = ["Budget cuts by national governments reduce municipal co-financing",
                   "Elections in 2014 and 2015 may change councils and their priorities"]
### END SOLUTION
save_swot(my_swot)
swot_figure(my_swot)
''')
    b.test("swot_checks", 1, '''
found = check_swot(my_swot)
assert not found, explain(found)
''')
    b.test("swot_saved", 1, '''
saved = Group.load(WORKBOOK).programming
assert saved is not None and saved.swot == my_swot, (
    "Your SWOT is not saved in programming.yaml yet: run your answer cell again, to its end.")
### BEGIN HIDDEN TESTS
taken = {e.casefold() for q in SWOT_QUADRANTS for e in example.programming.swot.quadrant(q)}
copied = [e for q in SWOT_QUADRANTS for e in my_swot.quadrant(q) if e.casefold() in taken]
assert not copied, f"Write the SWOT in your own words; these entries are copied from the worked example: {copied}"
### END HIDDEN TESTS
''')
    b.trainer('''
### Trainer notes: the SWOT (section 3, exercises 2 and 3)

- **Timing**: 10 minutes for the concept and the card sort (exercise 2, alone), 15 minutes
  on cards in groups, 10 minutes to type and check (exercise 3), 10 minutes of debrief.
- **Card sort**: the kit's wording check catches cards on the wrong side (internal vs
  external); the hidden test checks helpful vs harmful. Cards G ("our towns are far apart")
  and F (government cuts) cause the most debate: distance is a fact the towns live with, but
  it is *theirs* (internal); the cuts are decided elsewhere (external).
- **Watch for** in exercise 3: opportunities written as the network's wishes ("we will
  learn from each other") and threats that are weaknesses in disguise ("our staff may not
  have time"). Ask: "Could the towns change this by themselves?"
- The wording check reads English only. Groups writing entries in another language get no
  warning: read their SWOT yourself.
- **Debrief**: each group reads its best opportunity and its worst threat aloud; ask the
  room which theme the opportunity points to.
''', "trainer-notes-swot")

    # 4. theme -------------------------------------------------------------------------------------
    b.md('''
## 4. Choosing the theme

The theme is the one programme priority the whole network will work on. The scores suggest
one (the highest total), but the group decides: a priority with a slightly lower total may
fit the network's story better, or may be one the programme marks as uncertain. Either way,
say why. Here are your group's scores, if its towns have scored yet:
''', "theme-concept")
    b.code('''
suggested = suggest_theme(group.programming, rules)
if suggested is None:
    print("Your group's towns have no alignment scores yet: decide from the discussion, and check again "
          "after the between-seminars work.")
else:
    print(f"Your group's scores suggest: {suggested.id} ({suggested.title})")
    display(alignment_figure(group.programming, rules))
''', "group-suggestion")
    b.md('''
### Exercise 4: choose your network's theme (2 points)

Write the **id** of the programme priority your group chooses (see the priorities table in
part 1 or above) and, in one or two sentences, why it suits the towns. Delete the line
`raise NotImplementedError()` and run the cell: it saves the choice in `programming.yaml` and
the theme in `group.yaml`.
''', "exercise-4")
    b.answer("theme_answer", '''
# Your answer
my_theme = ThemeChoice(
    priority="",
    why="",
)
### BEGIN SOLUTION
my_theme.priority = "active-citizenship"
my_theme.why = ("Every town wants residents to take part in its environmental decisions, and the towns' "
                "scores add up highest for active citizenship.")
### END SOLUTION
save_theme(my_theme)
print("Saved:", my_theme.priority)
''')
    b.test("theme_checks", 1, '''
found = [f for f in check_theme(Programming(theme=my_theme), group.network, rules) if f.severity != "info"]
assert not found, explain(found)
''')
    b.test("theme_reason", 1, '''
assert my_theme.why.strip(), "Say why in one or two sentences (why=...)."
### BEGIN HIDDEN TESTS
assert len(my_theme.why.split()) >= 10, (
    "Say a little more in 'why': which local priorities of the towns does this theme serve?")
### END HIDDEN TESTS
''')
    b.md('''
## Reflection (3 points)

Which town of your network fits the chosen theme least, and what would make the network worth
joining for it? Answer in three to five sentences in the cell below (double-click it to
write, *Shift + Enter* to finish).
''', "reflection")
    b.manual("reflection_answer", 3, '''
Llíria scores active citizenship only 1: its own priorities are its youth council and
composting in schools. The network is still worth joining for Llíria because its six years of
participatory budgets are what the other towns want to learn, so it would lead the seminar on
consulting residents. We would also make sure that young people are one of the groups each
town consults, which is Llíria's priority.
''')
    b.trainer('''
### Trainer notes: theme and reflection (section 4)

- **Timing**: 10 minutes to choose and type the theme, 10 minutes for the reflection,
  5 minutes to share two or three answers.
- **Watch for**: groups that type a title or a word of their own ("environment") instead of
  a priority id: the test lists the ids. Groups that choose a priority the rule set marks as
  uncertain: ask them to check it in the call text.
- A theme that differs from the highest total is fine when the reason says why; the
  self-check then shows an *info* row, not a warning.
- **Rubric for the reflection (3 points)**:
  - 1 point: names a town and says, with its local priorities or scores, why it fits least;
  - 1 point: says what that town would gain, or could bring, concretely (an activity, a role,
    a partner);
  - 1 point: proposes a change to the network's plans that keeps the town on board (a role,
    a topic in the seminars, a group it consults).
  - 0 points for a general statement that could be about any town ("all towns benefit").
''', "trainer-notes-theme")

    # key points and self-check --------------------------------------------------------------------
    b.md('''
## Key points

- Each town brings its own priorities and resources; the network's theme must be a programme
  priority that the towns' agendas meet.
- The alignment heatmap shows where the towns' agendas meet the programme; its highest total
  suggests a theme, the group decides and says why.
- In a SWOT, strengths and weaknesses are internal (the towns control them), opportunities
  and threats external.

**Next, before seminar 2**: notebook `03_between_seminars`: each member records their town's
local context and a first list of stakeholders, then runs the self-check.
''', "key-points")
    b.md(SELF_CHECK_MD, "self-check-intro")
    b.code(SELF_CHECK, "self-check")


def between_seminars(b) -> None:
    """03_between_seminars: each town's profile, first stakeholders, the self-check."""
    b.md('''
# Between seminars 1 and 2: your town and its first stakeholders

**Questions**

- What does my town bring to the network, and what does it want from it?
- Who, in my town, is affected by the network's work or can influence it?
- Is our group's workbook ready for seminar 2?

**Objectives.** After this notebook you can:

- record your town's local priorities, context and alignment in your group's workbook;
- list the first stakeholders of your town, with who they are and what they want;
- run the self-check and read what it says.

| teaching | exercises | materials |
| --- | --- | --- |
| 10 min (end of seminar 1) | 2 to 3 hours at home, including talks with colleagues | this notebook; your town's statistics; the list of local associations; your twinning office's records |

This is homework: each member of the group works on their own town. Run the cells from the top
with *Shift + Enter*; type in the cells that start with "Your answer".
''', "header")
    b.your_group()
    b.md('''
Run the next cell to load the tools, your group's workbook and the worked example (read only).
''', "setup-intro")
    b.locked("setup", '''
%matplotlib inline
from planet_lib import (STAGE_FILES, Group, MunicipalityProfile, Programming, Stakeholder, WorkbookError, as_frame,
                        check_group, check_programming, context_table, is_filled, load_ruleset, priorities_table,
                        save_checked, stakeholder_matrix, working_copy)
''' + OPEN_WORKBOOK + HELPERS + SAVE + '''

def save_town(town):
    """Put your town into the group's programming.yaml (replacing its earlier entry) and save."""
    programming = Group.load(WORKBOOK).programming or Programming()  # read again: what others saved stays
    programming.put(town)
    save("programming", programming)
    group.programming = Group.load(WORKBOOK).programming or Programming()


def save_stakeholders(new):
    """Add your stakeholders to the group's stakeholders.csv (a row with the same id is replaced)."""
    mine = {s.id: s for s in new}
    saved = Group.load(WORKBOOK).stakeholders or []  # read again: what other members saved meanwhile stays
    save("stakeholders", [mine.pop(s.id, s) for s in saved] + list(mine.values()))
    group.stakeholders = Group.load(WORKBOOK).stakeholders


group = Group.load(WORKBOOK)
rules = load_ruleset(group.programme)
if group.programming is None:
    group.programming = Programming()
example = Group.load(worked_example())  # the worked example, for reading only
print(f"Your group: {group.network.name} ({WORKBOOK})")
print("Partner towns:", ", ".join(p.municipality for p in group.network.partners))
''')

    # 1. your town ---------------------------------------------------------------------------------
    b.md('''
## 1. Your town's profile

At seminar 1 the group chose a theme from what each member said about their town. Now each
member writes it down, after checking the facts with colleagues at the town hall:

| field | what to write |
| --- | --- |
| `municipality`, `country` | your town, as written in `group.yaml`; the two-letter country code |
| `population` | number of inhabitants, e.g. `18000` |
| `main_issue` | the main local issue the network could help with, in one sentence |
| `priorities` | two to five priorities of your town's own agenda, short phrases |
| `twinning_links` | the towns yours is already twinned with |
| `local_partners` | associations, schools, firms, media your town works with |
| `resources` | what your town can put in: staff, rooms, co-financing |
| `alignment` | the programme priorities your town's agenda meets: 2 a direct match, 1 some link |

One town of the worked example, as it looks in the workbook:
''', "town-concept")
    b.code('''
context_table(example.programming).head(1).T
''', "example-town")
    b.code('''
example.programming.municipalities[0].alignment
''', "example-alignment")
    b.md('''
The ids of your programme's priorities, for the alignment:
''', "priorities-intro")
    b.code('''
priorities_table(rules)[["id", "title"]]
''', "priorities-table")
    b.md('''
### Exercise 1: describe your town (3 points)

Fill in every `""` and `None` below for your town (if you work on the worked example, pick one
of its towns and write its profile in your own words). For the alignment write, for example,
`{"active-citizenship": 2, "wellbeing": 1}`. Delete the line `raise NotImplementedError()`
and run the cell: it saves your town in your group's `programming.yaml`.
''', "exercise-1")
    b.answer("town_answer", '''
# Your answer
my_town = MunicipalityProfile(
    municipality="",
    country="",
    population=None,
    main_issue="",
    priorities=["", ""],
    twinning_links=[""],
    local_partners=["", ""],
    resources="",
    alignment={},
)
### BEGIN SOLUTION
my_town.municipality, my_town.country, my_town.population = "Ystad", "SE", 18000
my_town.main_issue = "Citizen dialogues reach mostly older residents"
my_town.priorities = ["A citizen dialogue on the climate plan", "Energy advice for households"]
my_town.twinning_links = ["Sandomierz", "Mediaș"]
my_town.local_partners = ["Adult education association", "Nature conservation group"]
my_town.resources = "A communication officer with web skills; EUR 7,000 co-financing"
my_town.alignment = {"active-citizenship": 2, "wellbeing": 2, "future-of-eu": 1}
### END SOLUTION
save_town(my_town)
context_table(group.programming).loc[[my_town.municipality]].T
''')
    b.test("town_profile", 2, '''
assert my_town.municipality.strip(), "Write your town's name (municipality=...) first."
found = [f for f in check_programming(Programming([my_town]), ruleset=rules) if f.item == my_town.municipality]
assert not found, explain(found)
''')
    b.test("town_saved", 1, '''
saved = (Group.load(WORKBOOK).programming or Programming()).municipality(my_town.municipality)
assert saved is not None and saved.main_issue == my_town.main_issue.strip(), (
    "Your town is not saved in programming.yaml yet: run your answer cell again, to its end.")
''')
    b.trainer('''
### Trainer notes: the town profile (exercise 1)

- **Before participants leave seminar 1** (10 minutes): show this notebook, agree a date by
  which every member has saved their town, and name one member per group who runs the
  self-check for the whole group before seminar 2.
- **Watch for**: resources written as wishes ("we would like a coordinator") rather than what
  the town can actually commit; population copied from an old census; twinning links that
  are dormant (ask: when was the last visit?).
- A score of 3 or a population written in words is refused before anything is saved: the
  group's file stays readable.
- A town name spelt differently from `group.yaml` passes the test but shows in the self-check
  as *unknown municipality* (and the real partner as *missing*): ask for the spelling of
  `group.yaml`.
- **At seminar 2**: start with the context table of each group, projected; ask each group
  which town brings the most, and which one needs the network most.
''', "trainer-notes-town")

    # 2. stakeholders ------------------------------------------------------------------------------
    b.md('''
## 2. A first list of stakeholders

A **stakeholder** is any person, group or organisation that the network's work affects, or
that can help or hinder it: the town hall's own offices, councillors, associations, schools,
firms, the media, the residents the network wants to reach. Seminar 2 analyses them in depth
(what they can do, how keen they are, what the project should do about them, and a grid of
importance and influence). For now, list who they are in your town and what they want.

Four stakeholders of the worked example (the last two columns come at seminar 2):
''', "stakeholders-concept")
    b.code('''
stakeholder_matrix(example.stakeholders).head(4)
''', "example-stakeholders")
    b.md('''
### Exercise 2: your town's first stakeholders (3 points)

List at least five stakeholders of your town, of different kinds. For each: an **id** that
starts with your town's initials (for example `YST-1`, so that the seven towns' ids do not
clash), a **name**, a **category** (public authority, civil society, business, education,
media, citizens ...), **characteristics** (who they are, how many) and **interests** (what they
want, and how the network's theme affects them). Add rows by copying a line. Delete the line
`raise NotImplementedError()` and run the cell: it adds them to your group's
`stakeholders.csv`.
''', "exercise-2")
    b.answer("stakeholders_answer", '''
# Your answer
my_stakeholders = [
    Stakeholder(id="", name="", category="", characteristics="", interests=""),
    Stakeholder(id="", name="", category="", characteristics="", interests=""),
    Stakeholder(id="", name="", category="", characteristics="", interests=""),
    Stakeholder(id="", name="", category="", characteristics="", interests=""),
    Stakeholder(id="", name="", category="", characteristics="", interests=""),
]
### BEGIN SOLUTION
my_stakeholders = [Stakeholder("YST-1", "Climate and environment unit of the town hall", category="public authority",
                               characteristics="Four officers; writes the municipal climate plan",
                               interests="Wants residents to support the climate plan"),
                   Stakeholder("YST-2", "Adult education association", category="civil society",
                               characteristics="Runs study circles in every district",
                               interests="Looks for topics that bring new members to its circles"),
                   Stakeholder("YST-3", "Residents aged 16 to 25", category="citizens",
                               characteristics="About one resident in eight; rarely at public meetings",
                               interests="Care about the climate; feel nobody asks them"),
                   Stakeholder("YST-4", "Local energy company", category="business",
                               characteristics="Owned by the town; sells heating and electricity",
                               interests="Wants households to join its energy saving scheme"),
                   Stakeholder("YST-5", "Local newspaper", category="media",
                               characteristics="One daily paper with a small newsroom",
                               interests="Wants local stories; reports mostly on conflicts")]
### END SOLUTION
save_stakeholders(my_stakeholders)
stakeholder_matrix(my_stakeholders)
''')
    b.test("stakeholders_listed", 2, '''
assert len(my_stakeholders) >= 5, f"List at least five stakeholders of your town; you have {len(my_stakeholders)}."
ids = [s.id for s in my_stakeholders]
assert len(set(ids)) == len(ids), "Give each stakeholder its own id (e.g. YST-1, YST-2 ...)."
fields = ("id", "name", "category", "characteristics", "interests")
gaps = []
for s in my_stakeholders:
    empty = [n for n in fields if not is_filled(getattr(s, n))]
    if empty:
        gaps.append(f"{s.id or s.name or 'a row'} has no {', '.join(empty)}")
assert not gaps, "Fill in every field: " + "; ".join(gaps) + "."
''')
    b.test("stakeholders_saved", 1, '''
try:
    saved = {s.id for s in Group.load(WORKBOOK).stakeholders or []}
except WorkbookError as problem:
    raise AssertionError(str(problem)) from None
missing = [s.id for s in my_stakeholders if s.id not in saved]
assert not missing, f"Not saved in stakeholders.csv yet: {missing}. Run your answer cell again, to its end."
### BEGIN HIDDEN TESTS
kinds = {s.category.strip().casefold() for s in my_stakeholders}
assert len(kinds) >= 3, ("A first list usually mixes kinds of stakeholders: public bodies, associations, "
                         "firms, media, residents. Yours has fewer than three categories.")
### END HIDDEN TESTS
''')
    b.trainer('''
### Trainer notes: the first stakeholders (exercise 2)

- **Watch for**: lists of public bodies only (the town hall's own offices, the region); the
  hidden test asks for three categories at least. Ask "who would complain if the network
  succeeded?" to surface firms and residents' groups.
- Lists of vague groups ("citizens", "everyone"): ask for the group the network can actually
  invite (e.g. "parents of pupils at the two secondary schools").
- The self-check will then show, for the new stakeholders, *missing field* rows for capacity,
  motivation and actions, and *not placed* rows: tell participants that this is seminar 2's
  work, not a mistake.
- **Seminar 2** starts from these lists: print each group's `stakeholders.csv` on cards
  (one stakeholder per card) for the mapping exercise.
''', "trainer-notes-stakeholders")

    # 3. self-check --------------------------------------------------------------------------------
    b.md('''
## 3. Before seminar 2: the self-check

One member of the group runs this notebook last, after everyone has saved their town, and
reads the table at the end with the others (by e-mail or a short call). Before seminar 2:

- fix every **error** in `group.yaml` and `programming.yaml`;
- fix the **warnings** of `programming.yaml`: every partner town described, every town scored,
  a SWOT with two entries per quadrant, the theme the same in both files;
- leave the stakeholders' *missing field* and *not placed* rows: they are seminar 2's work.

## Key points

- Every town records its local priorities, its context and its alignment with the programme
  in the group's `programming.yaml`; the network is judged by what each town brings.
- A first stakeholder list names who they are and what they want, and mixes kinds of
  stakeholders.
- The self-check shows, file by file, what is left to do; it is the same check the trainers
  run.

**Next**: seminar 2 (identification): the stakeholder analysis, the problem tree and the
objective tree.
''', "key-points")
    b.md(SELF_CHECK_MD, "self-check-intro")
    b.code(SELF_CHECK, "self-check")
