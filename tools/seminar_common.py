"""What the notebooks of every seminar share: the "Your group" cells and the line that opens the workbook.

`make_seminar_01.py`, `make_seminar_02.py` and `make_seminar_03.py` put these cells, word for
word, at the top of every notebook, so a participant meets the same "Your group" cell in every
seminar. The convention behind them is `planet_lib.working_copy` (docs/authoring-notebooks.md,
"The shared set-up"): a group of the kit's sample data is copied into `WORK_FOLDER` and the copy
is saved; a participant's own group folder is saved where it is, so work carries on from one
seminar to the next.

The "Your group" code cell is a papermill ``parameters`` cell: the walkthrough tests and the
report assembly pass `GROUP_FOLDER` and `WORK_FOLDER` to it.
"""

YOUR_GROUP_INTRO = """
## Your group

The next cell says which group workbook this notebook works on; your trainer tells you what to write there.
Leave it as it is to practise on the worked example of the sample cohort, *Green Towns, Active Citizens*.

- **Your own group's folder** is read and saved where it is: what your group saves in one seminar is there for the
  next one, and for every member of the group.
- **The worked example** (or another group of the kit's sample data) is never changed: the first time, the notebook
  copies it into the folder `my-workbook` next to this notebook, and from then on reads and saves that copy.

You can open the workbook's files from the file browser on the left.
"""

YOUR_GROUP = """
# ================================ YOUR GROUP ================================
# The group workbook this notebook works on. As it comes, the worked example of the
# sample cohort ("Green Towns, Active Citizens"), so that everything runs; your trainer
# tells you the path of your group's folder, for example:
#     GROUP_FOLDER = "/home/shared/planet-2013/groups/g3-young-voices"
from planet_lib import worked_example

GROUP_FOLDER = worked_example()

# Where the copy of a sample group is kept (next to this notebook). Your own group's
# folder is not copied: the notebook saves your work in it.
WORK_FOLDER = "my-workbook"
"""

# The set-up cell of every notebook opens the workbook with this line (after importing
# `working_copy`); the notebooks then read and save WORKBOOK only.
OPEN_WORKBOOK = """
WORKBOOK = working_copy(GROUP_FOLDER, WORK_FOLDER)  # your group's folder, or the copy of a sample group
"""

# How every notebook saves an answer into the workbook (needs Group, save_checked and STAGE_FILES).
SAVE = r'''

def save(part, value):
    """Save one part of your workbook ("stakeholders", "problems", ...), only if the kit can read it back.

    The rest of the workbook is read again first, so what others saved meanwhile stays.
    """
    problems = save_checked(Group(WORKBOOK, **{part: value}), part)
    if problems:
        print("Not saved. Fix this, then run the cell again:\n" + "\n".join(f"- {p}" for p in problems))
    else:
        print(f"Saved in {WORKBOOK / STAGE_FILES[part]}.")
'''
