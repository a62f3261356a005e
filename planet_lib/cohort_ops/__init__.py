"""Running a cohort of the course on nbgrader: the `planet cohort`, `grade`, `feedback` and
`grades` commands (see docs/trainer-guide-cohort.md).

- roster.py    reading the roster strictly (nbgrader-safe ids, every unusable row at once)
- create.py    a cohort folder, its groups and its gradebook, made from the roster
- layout.py    where a cohort keeps its things; its nbgrader configuration
- gradebook.py making and filling a cohort's gradebook
- release.py   participants' copies: a zip to send and nbgrader's exchange
- collect.py   hand-ins from the exchange or from e-mailed notebooks; late and missing
- grade.py     parallel grading with one gradebook writer; ledger.py remembers what is done
- restore.py, execute.py  the grading workers: nbgrader's sanitize and Execute steps
- isolation.py, _kernel_launcher.py  limits, grading accounts and closed folders
- feedback.py  feedback pages without hidden tests, notes or printed output
- grades.py    hand-marks and the grades export (CSV, Excel)

Nothing here is imported by ``import planet_lib``; nbgrader is imported inside functions.
"""
