"""`planet feedback`: one feedback page per participant, safe to send.

nbgrader's feedback pages show the graded notebook as it ran: the hidden tests in full, their
failure messages and tracebacks, and whatever a submission printed (a submission that read
files it should not have could print them there). The kit's pages are made by nbgrader's own
feedback step with one more step, `HideSecrets`, after the scores are read:

- the hidden-test and mark-scheme regions are cut out of every cell, and trainer notes dropped;
- every code cell's outputs are removed; a test cell shows instead a short verdict: passed or
  not, its points, and the check's message only when that message is visible in the cell;
- the participant's own answers and the trainers' comments and points stay.

Each page is then searched for every line of the seminar's hidden tests, mark schemes and
trainer notes; a page that still holds one is not written (and reported). Pages go to
``outbox/feedback/<seminar>/<participant id>.html`` (one per participant, for e-mail) and,
with ``--exchange``, to nbgrader's exchange (participants fetch them in JupyterLab).
"""

from __future__ import annotations

import builtins
import logging
import re
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..course_integrity import SECRET_REGIONS, TRAINER_NOTES_TAG, region_lines, secret_lines
from .layout import CohortCourse
from .ledger import Ledger

VERDICT_PASSED = "Passed: {score:g} of {points:g} point(s)."
VERDICT_FAILED = "Not passed: {score:g} of {points:g} point(s). {why}"
HIDDEN = "One of the checks you cannot see did not pass: compare your answer with the exercise text."


@dataclass
class FeedbackRun:
    seminar: str
    pages: dict[str, Path] = field(default_factory=dict)  # participant id -> page to send
    withheld: dict[str, str] = field(default_factory=dict)  # participant id -> why no page
    exchange: list[str] = field(default_factory=list)  # participant ids whose page is in the exchange


def write_feedback(cohort: CohortCourse, seminar: str, *, exchange: bool = False) -> FeedbackRun:
    """Feedback pages for every graded participant of `seminar`."""
    from nbgrader.converters import GenerateFeedback
    from nbgrader.preprocessors import GetGrades
    from nbgrader.utils import capture_log

    cohort.seminar(seminar)
    graded = [s for s, e in Ledger(cohort.state, seminar).all().items() if e.status == "graded"]
    run = FeedbackRun(seminar)
    if not graded:
        return run
    app = GenerateFeedback(coursedir=cohort.coursedir(seminar), config=cohort.config)
    app.log = logging.getLogger("planet.feedback.nbgrader")
    app.log.propagate = False
    app.force = True
    app.preprocessors = [GetGrades, _hide_secrets_class(), *[p for p in app.preprocessors if p is not GetGrades]]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Object of type .* not in session")
        result = capture_log(app)
    if not result.get("success"):
        raise RuntimeError(f"nbgrader could not write the feedback:\n{result.get('log', '')}{result.get('error', '')}")
    secrets = _secrets(cohort, seminar)
    for student in graded:
        _publish(cohort, seminar, student, secrets, run)
    if exchange:
        run.exchange = _to_exchange(cohort, seminar, sorted(run.pages))
    return run


def _to_exchange(cohort: CohortCourse, seminar: str, students: list[str]) -> list[str]:
    """Release the pages of those who handed in through the exchange (the exchange files a page
    under the hand-in's secret, which e-mailed hand-ins do not have)."""
    api = cohort.api()
    released = []
    for student in students:
        if not (cohort.course_root / "feedback" / student / seminar / "submission_secret.txt").is_file():
            continue
        done = api.release_feedback(seminar, student)
        if not done.get("success"):
            raise RuntimeError(f"nbgrader could not put {student}'s feedback in the exchange:\n{done.get('log', '')}")
        released.append(student)
    return released


def _secrets(cohort: CohortCourse, seminar: str) -> set[str]:
    """Lines of hidden tests, mark schemes and trainer notes of the seminar as released."""
    import nbformat

    found: set[str] = set()
    for source in sorted((cohort.course_root / "seminars" / seminar).glob("*.ipynb")):
        lines = secret_lines(nbformat.read(str(source), as_version=4))
        found |= lines["hidden test"] | lines["mark scheme"] | lines["trainer notes"]
    return found


def _publish(cohort: CohortCourse, seminar: str, student: str, secrets: set[str], run: FeedbackRun) -> None:
    """Check the participant's pages and put them together as outbox/feedback/<seminar>/<id>.html."""
    import html

    folder = cohort.course_root / "feedback" / student / seminar
    pages = sorted(folder.glob("*.html"))
    if not pages:
        run.withheld[student] = "nbgrader wrote no feedback page"
        return
    texts = [p.read_text(encoding="utf-8") for p in pages]
    # Compared without any spacing: highlighted code is split into many tags.
    plain = "".join(html.unescape(re.sub(r"<[^>]+>", "", t)) for t in texts)
    compact = re.sub(r"\s+", "", plain)
    leaked = next((line for line in secrets if re.sub(r"\s+", "", line) in compact), None)
    if leaked:
        for page in pages:
            page.unlink()
        run.withheld[student] = f"the page would show a hidden line ({leaked[:40]}...); not written"
        return
    target = cohort.outbox / "feedback" / seminar / f"{student}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    if len(pages) == 1:
        shutil.copy(pages[0], target)
    else:
        target.write_text(_merge(texts), encoding="utf-8")
    run.pages[student] = target


def _merge(pages: list[str]) -> str:
    """One page from several notebooks' pages: the first page's head, every page's body."""
    bodies = [re.search(r"<body[^>]*>(.*)</body>", p, re.S) for p in pages]
    inner = "\n<hr>\n".join(b.group(1) if b else p for b, p in zip(bodies, pages))
    head = re.search(r"^(.*?<body[^>]*>)", pages[0], re.S)
    return (head.group(1) if head else "<html><body>") + inner + "</body></html>"


# --- the extra nbgrader step ---------------------------------------------------------------

def strip_regions(source: str) -> str:
    """The cell without its hidden-test and mark-scheme regions (markers included)."""
    out, inside = [], False
    begins = [SECRET_REGIONS[k][0] for k in ("hidden test", "mark scheme")]
    ends = [SECRET_REGIONS[k][1] for k in ("hidden test", "mark scheme")]
    for line in source.split("\n"):
        if any(b in line for b in begins):
            inside = True
        elif any(e in line for e in ends):
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


def verdict(cell, visible: str) -> str:
    """What a participant may read about a test cell: passed or not, and why if that is visible."""
    meta = cell.metadata.get("nbgrader", {})
    score, points = float(meta.get("score") or 0), float(meta.get("points") or 0)
    if score >= points:
        return VERDICT_PASSED.format(score=score, points=points)
    return VERDICT_FAILED.format(score=score, points=points, why=_why(cell, visible))


def _why(cell, visible: str) -> str:
    error = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)
    if error is None:
        if any(o.get("name") == "stderr" for o in cell.get("outputs", [])):
            return "The check wrote a warning or error message, which counts as not passed."
        return "A partial score was given."
    ename, evalue = error.get("ename", ""), " ".join(str(error.get("evalue", "")).split())
    if ename == "CellTimeoutError":
        return "It ran longer than the time allowed."
    if ename in ("DeadKernelError", "RuntimeError") and "Python" in evalue:
        return "Python had stopped before this check could run."
    if evalue and evalue in " ".join(visible.split()):
        return f"The check says: {evalue}"
    if ename != "AssertionError" and ename in dir(builtins):
        return f"It stopped with {ename}: check the names and values your answer defines."
    if _had_hidden(cell):
        return HIDDEN
    return "A check did not pass: compare your answer with the exercise text."


def _had_hidden(cell) -> bool:
    begin, end = SECRET_REGIONS["hidden test"]
    return bool(region_lines(cell.source, begin, end)) or begin in cell.source


def _hide_secrets_class():
    from nbformat.v4 import new_output
    from nbgrader.preprocessors import NbGraderPreprocessor

    class HideSecrets(NbGraderPreprocessor):
        """Cut hidden tests, mark schemes, trainer notes and every output out of a feedback page."""

        def preprocess(self, nb, resources):
            nb.cells = [c for c in nb.cells if TRAINER_NOTES_TAG not in c.get("metadata", {}).get("tags", [])]
            return super().preprocess(nb, resources)

        def preprocess_cell(self, cell, resources, index):
            visible = strip_regions(cell.source)
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code":
                is_test = meta.get("grade") and not meta.get("solution")
                said = verdict(cell, visible) if is_test else None
                cell.outputs = [new_output("stream", name="stdout", text=said)] if said else []
            cell.source = visible
            return cell, resources

    return HideSecrets
