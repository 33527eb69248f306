"""The report runner: execute the parameterised notebooks, render them as offline HTML, publish the suite.

A *run* is one notebook with one set of parameters. :func:`run_suite` validates the data, takes one snapshot
of it, reuses every run whose cache key an earlier published suite already holds, executes the others in
parallel with papermill (each in a worker process, kernel ``python3``, working directory = the notebook's
folder), writes per run the executed notebook, a self-contained HTML page and the figures, then
``index.html``, ``manifest.json`` and the downloads, and publishes the suite by atomically switching the
``latest`` symlink, only if every run succeeded. ``cchc report`` is the command-line face.

The public face is :func:`run_suite`, :func:`plan_runs`, :func:`default_runs`, :func:`select_runs`,
:class:`Run`, :class:`SuiteResult` and the errors. Modules: :mod:`~cchc_data.report.runs` (which runs:
notebooks, grid, selection), :mod:`~cchc_data.report.runner` (:func:`run_suite`, the sequence of steps),
:mod:`~cchc_data.report.pages` (the HTML pages); the plumbing is private: ``_cache`` (cache keys), ``_execute``
(one run, the workers), ``_suite`` (the suite on disk: lock, snapshot, build folder, publish, prune, manifest).
"""

from ._cache import (
    KernelUnavailable,
    data_checksum,  # noqa: F401  (importable here, as before)
)
from ._execute import KERNEL  # noqa: F401
from ._suite import SuiteLocked
from ._suite import prune as _prune  # noqa: F401  (kept for callers of the former module)
from ._suite import switch_latest as _switch_latest  # noqa: F401
from .pages import external_references, notebook_to_html  # noqa: F401  (importable here, as before)
from .runner import (
    DataInvalid,
    RunResult,
    SuiteFailed,
    SuiteResult,
    run_suite,
    validate_data,  # noqa: F401
)
from .runs import (  # noqa: F401  (the names not in __all__ stay importable here, as before)
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

__all__ = [
    "DataInvalid",
    "KernelUnavailable",
    "Run",
    "RunResult",
    "SuiteFailed",
    "SuiteLocked",
    "SuiteResult",
    "default_runs",
    "plan_runs",
    "run_suite",
    "select_runs",
]
