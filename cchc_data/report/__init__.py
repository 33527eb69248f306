"""The report runner: execute the parameterised notebooks, render them as offline HTML, publish the suite.

A *run* is one notebook with one set of parameters. :func:`run_suite` validates the data, reuses every run
whose cache key an earlier published suite already holds, executes the others in parallel with papermill
(each in a worker process, kernel ``python3``, working directory = the notebook's folder), writes per run the
executed notebook, a self-contained HTML page and the figures, then ``index.html`` and ``manifest.json``,
and publishes the suite by atomically switching the ``latest`` symlink, only if every run succeeded.

Modules: :mod:`~cchc_data.report.runs` (which runs: notebooks, grid, selection),
:mod:`~cchc_data.report.cache` (cache keys), :mod:`~cchc_data.report.execute` (one run, the workers),
:mod:`~cchc_data.report.suite` (the suite on disk: lock, build folder, publish, prune, manifest),
:mod:`~cchc_data.report.runner` (:func:`run_suite`, the sequence of steps). The HTML pages are
:mod:`cchc_data.report.pages`. ``cchc report`` is the command-line face.
"""

from .cache import data_checksum
from .execute import KERNEL
from .pages import external_references, notebook_to_html
from .runner import DataInvalid, RunResult, SuiteFailed, SuiteResult, run_suite, validate_data
from .runs import (
    NOTEBOOK_SPECS,
    NOTEBOOKS,
    REQUIREMENTS,
    NotebookSpec,
    Plan,
    Run,
    default_runs,
    parse_langs,
    plan_runs,
    run_folder,
    run_matches,
    select_runs,
)
from .suite import SuiteLocked
from .suite import prune as _prune  # noqa: F401  (kept for callers of the former module)
from .suite import switch_latest as _switch_latest  # noqa: F401

__all__ = [
    "KERNEL",
    "NOTEBOOKS",
    "NOTEBOOK_SPECS",
    "REQUIREMENTS",
    "DataInvalid",
    "NotebookSpec",
    "Plan",
    "Run",
    "RunResult",
    "SuiteFailed",
    "SuiteLocked",
    "SuiteResult",
    "data_checksum",
    "default_runs",
    "external_references",
    "notebook_to_html",
    "parse_langs",
    "plan_runs",
    "run_folder",
    "run_matches",
    "run_suite",
    "select_runs",
    "validate_data",
]
