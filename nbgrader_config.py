"""nbgrader set-up of the PLANET course kit. Nothing here needs editing for a first run.

The three seminars are the assignments: ``seminars/01_programming``, ``seminars/02_identification``
and ``seminars/03_formulation``, each holding its notebooks directly inside the folder.

Settings a trainer may want to change, without editing this file:

- ``PLANET_COURSE_ROOT``  the course folder where ``release/``, ``submitted/``, ``autograded/``,
  ``feedback/`` and ``gradebook.db`` go (default: the folder of this file, the kit itself).
  The seminars are read from ``<course root>/seminars``.
- ``PLANET_DB_URL``       the gradebook, any SQLAlchemy URL
  (default: ``sqlite:///<course root>/gradebook.db``), e.g. ``postgresql://user@host/planet``.
- ``PLANET_COURSE_ID``    the course id used by the JupyterHub exchange (default ``planet``).

Or put the same settings in ``nbgrader_config_local.py`` next to this file (a trainer's own file,
kept out of git), e.g. ``c.CourseDirectory.db_url = "postgresql://user@host/planet"``; it is
read last, so it wins over this file. Command-line options (``--CourseDirectory.root=...``)
win over both. See docs/authoring-notebooks.md.
"""

import os

from nbgrader.converters import GenerateAssignment

from planet_lib.nbgrader_ext import ensure_scripts_on_path, with_trainer_notes_removed

c = get_config()  # noqa: F821  (provided by traitlets when it loads this file)

KIT_ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = os.path.abspath(os.environ.get("PLANET_COURSE_ROOT") or KIT_ROOT)
c.CourseDirectory.source_directory = "seminars"
c.CourseDirectory.course_id = os.environ.get("PLANET_COURSE_ID") or "planet"
if os.environ.get("PLANET_DB_URL"):
    c.CourseDirectory.db_url = os.environ["PLANET_DB_URL"]

# Files never copied into participants' copies: nbgrader's defaults, the placeholder that
# keeps an empty seminar folder in git, the clutter desktop systems leave behind, and the
# working copies of a group workbook that running a source notebook makes next to it (they
# hold answers derived from the solutions).
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback",
    ".keep", ".DS_Store", "Thumbs.db",
    "my-workbook", "workbook", "planet-work",
]

# Seconds one cell may run when nbgrader validates or grades. Seminar cells load a group
# workbook and draw a figure: about a second normally, a few seconds on a busy hub while
# pandas and matplotlib load. 60 s leaves ample room for that, while a participant's endless
# loop costs at most one minute per affected cell instead of blocking grading for long.
c.Execute.timeout = 60

# nbgrader runs the `alembic` command when it creates the gradebook: find the kit's own copy
# even when its environment is not activated.
ensure_scripts_on_path()

# Trainer notes (cells tagged `trainer-notes`) never reach participants' copies.
c.GenerateAssignment.preprocessors = with_trainer_notes_removed(
    GenerateAssignment.class_traits()["preprocessors"].default()
)

# A trainer's own settings, read last so they win over the defaults above.
LOCAL_CONFIG = os.path.join(KIT_ROOT, "nbgrader_config_local.py")
if os.path.exists(LOCAL_CONFIG):
    load_subconfig(LOCAL_CONFIG)  # noqa: F821  (provided by traitlets)
