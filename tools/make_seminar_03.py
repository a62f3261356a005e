"""Write the source notebooks of seminar 3 (formulation) into seminars/03_formulation/.

Four notebooks, in the order a group works through them:

1. ``01_logframe``: from the selected strategy to the intervention logic; both EC templates;
   the vertical logic; repairing a draft logframe; the live logframe editor.
2. ``02_indicators_assumptions``: QQT indicators with baselines, targets and sources; the
   assumption assessment (Guidelines Figure 30) applied to the group's own assumptions.
3. ``03_workplan_budget``: the activity schedule, the budget per activity and result, cost per
   participant, and the programme's eligibility rules.
4. ``04_proposal_pack``: the finished workbook exported for partners, after a clean self-check.

Every notebook opens with the "Your group" cells every seminar shares (``tools/seminar_common.py``;
the code cell is a papermill ``parameters`` cell) and the same set-up: ``planet_lib.working_copy``
gives the folder to work on (a participant's own group folder, saved in place, so seminar 3
carries on from seminar 2; a group of the kit's ``data/`` is copied into ``WORK_FOLDER`` first),
and answers are saved with ``planet_lib.save_checked``. Each notebook's helpers sit in one locked
cell whose code is folded away; the checks behind the exercises live in ``planet_lib`` (e.g.
``planet_lib.levels`` for exercise 1 of notebook 1). The trainer's side is
docs/seminar-03-trainer-guide.md.

The cells' text lives in ``tools/seminar_03_text.py`` (one class per notebook); the cell kinds,
marked for nbgrader, and the writing of the files live in ``tools/notebook_cells.py`` (shared by
the three seminars); this script only puts the cells in order.

Run it again after changing either file:  ``.venv/bin/python tools/make_seminar_03.py``
Then check:  ``.venv/bin/python -m pytest tests/test_course_integrity.py -q -k 03_formulation``
and  ``.venv/bin/python -m pytest tests/test_seminar_03_walkthrough.py -q``
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import seminar_03_text as text  # noqa: E402  (the notebooks' content, next to this script)
from notebook_cells import (answer, code, locked, md, test, trainer_notes, write_notebooks,  # noqa: E402
                            written, your_group)

TARGET = HERE.parent / "seminars" / "03_formulation"


# --- what opens and closes each of the four notebooks -----------------------------------------

def opening(header: str, helpers: str) -> list:
    """The header, the "Your group" cell, the shared set-up and the notebook's own helpers."""
    return [md("header", header), *your_group(), locked("setup", text.SETUP),
            locked("helpers", helpers, hidden=True)]


def closing(notes: str, key_points: str) -> list:
    """Trainer notes, key points, and the self-check as the last cell of every notebook."""
    return [trainer_notes("trainer-notes", notes), md("key-points", key_points), locked("self-check", text.SELF_CHECK)]


# --- the notebooks, cell by cell -------------------------------------------------------------

def logframe_notebook() -> list:
    t = text.LOGFRAME
    return [
        *opening(t.HEADER, t.HELPERS),
        md("strategy-concept", t.STRATEGY_CONCEPT),
        code("strategy-tree", t.STRATEGY_TREE),
        md("strategy-example", t.STRATEGY_EXAMPLE),
        md("exercise-1", t.EXERCISE_1),
        code("strategy-group", "strategy_tree(group)"),
        answer("levels-answer", t.LEVELS_ANSWER),
        test("levels-purpose", t.LEVELS_PURPOSE, 1),
        test("levels-overall", t.LEVELS_OVERALL, 1),
        test("levels-results", t.LEVELS_RESULTS, 1),
        md("draft-note", t.DRAFT_NOTE),
        code("draft-save", t.DRAFT_SAVE),
        md("matrix-concept", t.MATRIX_CONCEPT),
        code("templates", t.TEMPLATES),
        code("matrix-2004", t.MATRIX_2004),
        md("matrix-2016-note", t.MATRIX_2016_NOTE),
        code("matrix-2016", t.MATRIX_2016),
        md("logic-concept", t.LOGIC_CONCEPT),
        code("logic-example", t.LOGIC_EXAMPLE),
        md("repair-concept", t.REPAIR_CONCEPT),
        locked("repair-draft", t.REPAIR_DRAFT),
        md("exercise-2a", t.EXERCISE_2A),
        answer("repair-result-answer", t.REPAIR_RESULT_ANSWER),
        test("repair-result", t.REPAIR_RESULT_TEST, 1),
        md("exercise-2b", t.EXERCISE_2B),
        answer("repair-purpose-answer", t.REPAIR_PURPOSE_ANSWER),
        test("repair-purpose", t.REPAIR_PURPOSE_TEST, 1),
        md("exercise-2c", t.EXERCISE_2C),
        answer("repair-activities-answer", t.REPAIR_ACTIVITIES_ANSWER),
        test("repair-activities", t.REPAIR_ACTIVITIES_TEST, 1),
        test("repair-whole", t.REPAIR_WHOLE_TEST, 1),
        code("repair-after", t.REPAIR_AFTER),
        md("live-concept", t.LIVE_CONCEPT),
        code("live-editor", t.LIVE_EDITOR),
        code("group-logic", t.GROUP_LOGIC),
        md("exercise-3", t.EXERCISE_3),
        written("weakest-link", t.WEAKEST_LINK, 2),
        *closing(t.TRAINER_NOTES, t.KEY_POINTS),
    ]


def indicators_notebook() -> list:
    t = text.INDICATORS
    return [
        *opening(t.HEADER, t.HELPERS),
        md("qqt-concept", t.QQT_CONCEPT),
        code("qqt-example", t.QQT_EXAMPLE),
        md("bad-concept", t.BAD_CONCEPT),
        code("bad-example", t.BAD_EXAMPLE),
        md("exercise-1", t.EXERCISE_1),
        locked("bad-given", t.BAD_GIVEN),
        answer("indicators-answer", t.INDICATORS_ANSWER),
        test("indicators-qqt", t.INDICATORS_QQT, 1),
        test("indicators-source", t.INDICATORS_SOURCE, 1),
        test("indicators-baseline", t.INDICATORS_BASELINE, 1),
        md("assess-concept", t.ASSESS_CONCEPT),
        code("assess-example", t.ASSESS_EXAMPLE),
        md("exercise-2", t.EXERCISE_2),
        answer("verdicts-answer", t.VERDICTS_ANSWER),
        test("verdicts-given", t.VERDICTS_GIVEN, 1),
        test("verdicts-right", t.VERDICTS_RIGHT, 1),
        md("exercise-3", t.EXERCISE_3),
        answer("rewrite-answer", t.REWRITE_ANSWER),
        test("rewrite-own-action", t.REWRITE_OWN_ACTION, 1),
        test("rewrite-negative", t.REWRITE_NEGATIVE, 1),
        md("group-risks", t.GROUP_RISKS),
        code("group-assumptions", t.GROUP_ASSUMPTIONS),
        md("exercise-4", t.EXERCISE_4),
        answer("ratings-answer", t.RATINGS_ANSWER),
        test("ratings-complete", t.RATINGS_COMPLETE, 1),
        test("ratings-saved", t.RATINGS_SAVED, 1),
        md("group-indicators-note", t.GROUP_INDICATORS_NOTE),
        code("group-indicators", t.GROUP_INDICATORS),
        md("exercise-5", t.EXERCISE_5),
        written("hardest-indicator", t.HARDEST_INDICATOR, 2),
        *closing(t.TRAINER_NOTES, t.KEY_POINTS),
    ]


def workplan_notebook() -> list:
    t = text.WORKPLAN
    return [
        *opening(t.HEADER, t.HELPERS),
        md("schedule-concept", t.SCHEDULE_CONCEPT),
        code("schedule-gantt", t.SCHEDULE_GANTT),
        code("schedule-events", t.SCHEDULE_EVENTS),
        md("budget-concept", t.BUDGET_CONCEPT),
        code("budget-results", t.BUDGET_RESULTS),
        code("budget-figure", t.BUDGET_FIGURE),
        md("per-participant-concept", t.PER_PARTICIPANT_CONCEPT),
        code("per-participant", t.PER_PARTICIPANT),
        md("rules-concept", t.RULES_CONCEPT),
        code("rules-example", t.RULES_EXAMPLE),
        md("exercise-1", t.EXERCISE_1),
        locked("plan-draft", t.PLAN_DRAFT),
        answer("plan-answer", t.PLAN_ANSWER),
        test("plan-days", t.PLAN_DAYS, 1),
        test("plan-events", t.PLAN_EVENTS, 1),
        test("plan-countries", t.PLAN_COUNTRIES, 1),
        test("plan-whole", t.PLAN_WHOLE, 1),
        md("group-plan", t.GROUP_PLAN),
        code("group-gantt", t.GROUP_GANTT),
        md("exercise-2", t.EXERCISE_2),
        answer("event-answer", t.EVENT_ANSWER),
        test("event-scheduled", t.EVENT_SCHEDULED, 1),
        test("event-costed", t.EVENT_COSTED, 1),
        test("event-eligible", t.EVENT_ELIGIBLE, 1),
        code("group-budget", t.GROUP_BUDGET),
        md("exercise-3", t.EXERCISE_3),
        written("costliest-event", t.COSTLIEST_EVENT, 2),
        *closing(t.TRAINER_NOTES, t.KEY_POINTS),
    ]


def proposal_pack_notebook() -> list:
    t = text.PACK
    return [
        *opening(t.HEADER, t.HELPERS),
        md("stand-concept", t.STAND_CONCEPT),
        code("stand-table", t.STAND_TABLE),
        md("pack-concept", t.PACK_CONCEPT),
        code("pack-example", t.PACK_EXAMPLE),
        md("exercise-1", t.EXERCISE_1),
        answer("pack-answer", t.PACK_ANSWER),
        test("pack-sheets", t.PACK_SHEETS, 1),
        test("pack-current", t.PACK_CURRENT, 1),
        test("pack-clean", t.PACK_CLEAN, 1),
        md("word-concept", t.WORD_CONCEPT),
        code("word-table", t.WORD_TABLE),
        md("exercise-2", t.EXERCISE_2),
        written("cover-note", t.COVER_NOTE, 2),
        md("between-seminars", t.BETWEEN_SEMINARS),
        code("returned", t.RETURNED),
        *closing(t.TRAINER_NOTES, t.KEY_POINTS),
    ]


NOTEBOOKS = {
    "01_logframe": logframe_notebook,
    "02_indicators_assumptions": indicators_notebook,
    "03_workplan_budget": workplan_notebook,
    "04_proposal_pack": proposal_pack_notebook,
}


def main(target: Path = TARGET) -> None:
    write_notebooks(target, {name: cells() for name, cells in NOTEBOOKS.items()})


if __name__ == "__main__":
    main()
