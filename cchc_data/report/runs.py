"""Which runs a suite does: the notebooks, what each needs from the data, the grid, the selection.

A *run* is one notebook with one set of parameters. The default grid is derived from the data: each notebook
of :data:`NOTEBOOK_SPECS` declares whether it runs once per province or once for all, and what the data
must hold for its page to have something to show (:data:`REQUIREMENTS`); a notebook × province that lacks
it is left out, with the reason (``cchc report --list`` prints both).
"""

from __future__ import annotations

import fnmatch
import hashlib
import keyword
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import i18n
from .._docstrings import share_docs_in
from .._text import fold
from .pages import _show

__all__ = [
    "NOTEBOOKS",
    "NOTEBOOK_SPECS",
    "REQUIREMENTS",
    "NotebookSpec",
    "Plan",
    "Requirement",
    "Run",
    "as_run",
    "default_runs",
    "parse_langs",
    "plan_runs",
    "run_folder",
    "run_matches",
    "select_runs",
]

"""Languages the notebooks can be rendered in."""


@dataclass(frozen=True)
class Requirement:
    """What a notebook's page needs from the facts it reads (one province's, or all of them).

    Parameters
    ----------
    missing : str
        Why a run is left out when the test fails, e.g. ``"no targets in the data"``.
    test : callable
        ``test(facts, data_dir) -> bool``: whether the facts (a frame of
        :func:`cchc_data.load_indicators`) hold what the page shows.

    Examples
    --------
    >>> need = REQUIREMENTS["targets"]
    >>> need.missing
    'no targets in the data'
    """

    missing: str  # why a run is left out, e.g. "no targets in the data"
    test: Callable  # (facts frame, data folder) -> bool


def _has_national_values(facts, data_dir) -> bool:
    from ..national import national_indices

    return len(national_indices(data_dir=data_dir)) > 0


def _has_comparable_concept(facts, data_dir=None) -> bool:
    totals = facts[(facts["kind"] == "actual") & (facts["concept"] != "") & (facts["breakdown"] == "")]
    return bool((totals.groupby("concept", observed=True)["province"].nunique() >= 2).any())


REQUIREMENTS: dict[str, Requirement] = {
    "facts": Requirement("no curated facts", lambda facts, data_dir: len(facts) > 0),
    "targets": Requirement("no targets in the data", lambda facts, data_dir: bool((facts["kind"] == "target").any())),
    "comparable": Requirement("no concept has actual facts for two or more provinces", _has_comparable_concept),
    "national": Requirement("no national index values in the data", _has_national_values),
}
"""Named conditions a notebook can require of the data (see :class:`NotebookSpec`)."""


@dataclass(frozen=True)
class NotebookSpec:
    """One notebook of the default suite: run per province or once, what it needs, its fixed parameters.

    Parameters
    ----------
    file : str
        The notebook's file name in the notebooks folder.
    per_province : bool
        Run once per province with data (``True``) or once for all (``False``).
    needs : str
        A key of :data:`REQUIREMENTS`: what the data must hold for the run to be planned.
    parameters : dict, optional
        Fixed parameters of every run of the notebook. Default: none.

    Examples
    --------
    >>> NOTEBOOK_SPECS[2]
    NotebookSpec(file='03_targets.ipynb', per_province=True, needs='targets', parameters={})
    """

    file: str
    per_province: bool
    needs: str  # a key of REQUIREMENTS
    parameters: dict = field(default_factory=dict)


NOTEBOOK_SPECS = (
    NotebookSpec("01_province_profile.ipynb", per_province=True, needs="facts"),
    NotebookSpec("02_comparison.ipynb", per_province=False, needs="comparable", parameters={"provinces": [], "concepts": []}),
    NotebookSpec("03_targets.ipynb", per_province=True, needs="targets"),
    NotebookSpec("04_data_audit.ipynb", per_province=False, needs="facts"),
    NotebookSpec("05_national_indices.ipynb", per_province=False, needs="national"),
)  # fmt: skip
"""The notebooks of the default suite, in the order they run."""

NOTEBOOKS = tuple(spec.file for spec in NOTEBOOK_SPECS)
"""The notebooks' file names, in the order they run."""


def _slug(value, *, limit: int = 40) -> str:
    """ASCII folder-name part for one parameter value (lossy; see :func:`run_folder`)."""
    if isinstance(value, list | tuple):
        return "+".join(_slug(v, limit=limit) for v in value) if value else "all"
    if value is None or isinstance(value, bool):
        return str(value).lower()
    text = str(value)
    slug = re.sub(r"[^a-z0-9._-]+", "-", fold(text)).strip("-.") or "empty"
    if len(slug) > limit:  # keep names short and still distinct
        slug = slug[: limit - 8].rstrip("-.") + "-" + hashlib.sha256(text.encode()).hexdigest()[:7]
    return slug


def run_folder(notebook, parameters: dict) -> str:
    """The output folder of one run, relative to the suite, as a POSIX path.

    Deterministic: the notebook's stem, then ``key=value`` pairs in the parameters' order, with values
    folded to ASCII (lower case, no diacritics, ``đ`` → ``d``, other characters → ``-``). An empty list
    is ``all``; a long value is shortened and given a hash of the full value.

    Parameters
    ----------
    notebook : str or pathlib.Path
        The notebook; only its stem is used.
    parameters : dict
        The run's parameters, in order.

    Returns
    -------
    str
        ``<stem>/<key=value,…>``, or ``<stem>/default`` without parameters.

    Examples
    --------
    >>> run_folder("notebooks/01_province_profile.ipynb", {"province": "Khánh Hòa", "lang": "vi"})
    '01_province_profile/province=khanh-hoa,lang=vi'
    >>> run_folder("02_comparison.ipynb", {"provinces": [], "concepts": ["a", "b"], "lang": "en"})
    '02_comparison/provinces=all,concepts=a+b,lang=en'
    >>> run_folder("04_data_audit.ipynb", {})
    '04_data_audit/default'
    """
    stem = _slug(Path(notebook).stem, limit=80)
    pairs = ",".join(f"{_slug(k)}={_slug(v)}" for k, v in parameters.items())
    return f"{stem}/{pairs or 'default'}"


@dataclass
class Run:
    """One notebook with one set of parameters (values: str, int, float, bool, None, or lists of them).

    ``figures_dir`` is not a parameter you give: the runner sets it to the run's own ``figures/`` folder.
    ``data_scope`` names the one province whose facts the run reads (its cache key then depends on that
    province's facts and the shared tables only); ``None`` means it may read all of the data.

    Parameters
    ----------
    notebook : str or pathlib.Path
        The notebook to execute.
    parameters : dict, optional
        Its parameters, passed to papermill. Default: none (the notebook's own defaults).
    data_scope : str, optional
        The province slug whose facts the run reads. Default ``None``: all of the data.

    See Also
    --------
    plan_runs : The default grid of runs.

    Examples
    --------
    >>> run = Run("notebooks/03_targets.ipynb", {"province": "khanh-hoa", "lang": "en"}, "khanh-hoa")
    >>> run.label
    '03_targets province=khanh-hoa lang=en'
    >>> run.folder
    '03_targets/province=khanh-hoa,lang=en'
    """

    notebook: Path
    parameters: dict = field(default_factory=dict)
    data_scope: str | None = None

    def __post_init__(self):
        self.notebook = Path(self.notebook)
        self.parameters = dict(self.parameters)

    @property
    def name(self) -> str:
        """The notebook's stem (``01_province_profile``)."""
        return self.notebook.stem

    @property
    def label(self) -> str:
        """``01_province_profile province=khanh-hoa lang=vi``: how progress lines and errors name the run."""
        return " ".join([self.name, *(f"{k}={_show(v)}" for k, v in self.parameters.items())])

    @property
    def folder(self) -> str:
        """Output folder relative to the suite (see :func:`run_folder`)."""
        return run_folder(self.notebook, self.parameters)


def as_run(item) -> Run:
    """A :class:`Run` from a Run, a notebook path, or a ``(notebook, parameters)`` pair.

    Parameters
    ----------
    item : Run, str, os.PathLike or tuple
        A run, a notebook path (run with its default parameters), or ``(notebook, parameters)``.

    Returns
    -------
    Run
        ``item`` itself if it is a Run, else a new one.

    Raises
    ------
    ValueError
        If ``item`` is none of these.

    Examples
    --------
    >>> as_run(("03_targets.ipynb", {"lang": "en"})).label
    '03_targets lang=en'
    >>> as_run("04_data_audit.ipynb").folder
    '04_data_audit/default'
    """
    if isinstance(item, Run):
        return item
    if isinstance(item, str | os.PathLike):
        return Run(item)
    try:
        notebook, parameters = item
    except (TypeError, ValueError):
        raise ValueError(f"{item!r} is not a run; give Run objects or (notebook path, parameter dict) pairs") from None
    return Run(notebook, parameters or {})


def check_parameters(run: Run) -> None:
    """Refuse parameter names that are not plain Python names, and values of other types than papermill's.

    Papermill writes ``name = value`` lines into the notebook: a name holding a newline and a statement
    would run as code. (Values are always written as literals.) Names declared by the notebook are checked
    later, before any kernel starts (:func:`cchc_data.report._execute.check_declared`).

    Examples
    --------
    >>> check_parameters(Run("x.ipynb", {"lang": "vi"}))
    >>> check_parameters(Run("x.ipynb", {'lang = "en"\\nimport os\\n_x': 1}))
    Traceback (most recent call last):
    ...
    ValueError: x lang = "en" import os _x=1: parameter name 'lang = "en"\\nimport os\\n_x' is not a Python name...
    """
    ok = (str, int, float, bool, type(None))
    for key, value in run.parameters.items():
        if not isinstance(key, str) or not key.isidentifier() or keyword.iskeyword(key):
            raise ValueError(
                f"{run.label}: parameter name {key!r} is not a Python name; use the names the notebook declares "
                "in its parameters cell (papermill --help-notebook lists them)"
            )
        if key == "figures_dir":
            raise ValueError(f"{run.label}: don't pass figures_dir; the runner sets it to the run's figures/ folder")
        if isinstance(value, ok) or (isinstance(value, list | tuple) and all(isinstance(v, ok) for v in value)):
            continue
        raise ValueError(
            f"{run.label}: parameter {key}={value!r} has type {type(value).__name__}; parameters must be str, int, "
            "float, bool, None or lists of them"
        )


def parse_langs(text) -> tuple[str, ...]:
    """Languages from ``"vi,en"`` (or a list), checked against :data:`cchc_data.i18n.LANGS`.

    Parameters
    ----------
    text : str or iterable of str
        Language codes separated by commas, or a sequence of them; any case.

    Returns
    -------
    tuple of str
        The codes in lower case, each once, in the order given.

    Raises
    ------
    ValueError
        If a code is not supported or none is given.

    Examples
    --------
    >>> parse_langs("en, vi")
    ('en', 'vi')
    >>> parse_langs("fr")
    Traceback (most recent call last):
    ...
    ValueError: 'fr' is not a supported language; use 'vi' or 'en'
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    langs: list[str] = []
    for item in items:
        lang = i18n.check_lang(str(item))
        if lang not in langs:
            langs.append(lang)
    if not langs:
        raise ValueError(f"no language given; use {' or '.join(i18n.LANGS)} (or both: {','.join(i18n.LANGS)})")
    return tuple(langs)


@dataclass
class Plan:
    """The default grid: the runs to do, and the runs left out with the reason (see :func:`plan_runs`).

    Parameters
    ----------
    runs : list of Run
        The runs to execute, in order.
    left_out : list of (Run, str)
        Runs not planned, each with why (the :attr:`Requirement.missing` text).

    Examples
    --------
    >>> plan = Plan([Run("04_data_audit.ipynb")], [(Run("03_targets.ipynb"), "no targets in the data")])
    >>> [r.label for r in plan.runs], plan.left_out[0][1]
    (['04_data_audit'], 'no targets in the data')
    """

    runs: list[Run]
    left_out: list[tuple[Run, str]]


def plan_runs(notebooks_dir="notebooks", *, langs=i18n.LANGS, data_dir=None, specs=NOTEBOOK_SPECS) -> Plan:
    """The project's grid from the data: each notebook per province (or once) and language, when the data has
    what the notebook shows.

    Parameters
    ----------
    notebooks_dir : str or pathlib.Path, default "notebooks"
        Folder holding the notebooks of ``specs``.
    langs : str or sequence of str, default cchc_data.i18n.LANGS
        ``"vi,en"``, ``["vi"]``… (see :func:`parse_langs`).
    {data_dir}
    specs : sequence of NotebookSpec, default NOTEBOOK_SPECS
        The notebooks of the suite.

    Returns
    -------
    Plan
        The runs to do and those left out, with the reason.

    Raises
    ------
    FileNotFoundError
        If a notebook of the suite is missing (the message names it).

    Examples
    --------
    >>> plan = plan_runs(langs="vi")
    >>> [r.label for r in plan.runs if r.name == "03_targets"]
    ['03_targets province=khanh-hoa lang=vi']
    >>> [(r.label, why) for r, why in plan.left_out][:1]
    [('03_targets province=dak-lak lang=vi', 'no targets in the data')]
    """
    from ..indicators import load_indicators

    langs = parse_langs(langs)
    folder = Path(notebooks_dir)
    missing = [spec.file for spec in specs if not (folder / spec.file).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{folder} lacks {', '.join(missing)}; point --notebooks (notebooks_dir=) at the folder holding "
            f"the suite's notebooks: {', '.join(spec.file for spec in specs)}"
        )
    facts = load_indicators(data_dir=data_dir)
    province = facts["province"].astype(str)
    slices = {p: facts[province == p] for p in sorted(province.unique())}
    plan = Plan([], [])
    for spec in specs:
        need = REQUIREMENTS[spec.needs]
        scopes = [(p, f, {"province": p}) for p, f in slices.items()] if spec.per_province else [(None, facts, {})]
        for scope, subset, params in scopes:
            ok = need.test(subset, data_dir)
            for lang in langs:
                run = Run(folder / spec.file, {**params, **spec.parameters, "lang": lang}, data_scope=scope)
                (plan.runs.append(run) if ok else plan.left_out.append((run, need.missing)))
    return plan


def default_runs(notebooks_dir="notebooks", *, langs=i18n.LANGS, data_dir=None) -> list[Run]:
    """The runs of :func:`plan_runs` (profile and targets per province that has them, comparison and audit once).

    Parameters
    ----------
    notebooks_dir : str or pathlib.Path, default "notebooks"
        Folder holding the suite's notebooks.
    langs : str or sequence of str, default cchc_data.i18n.LANGS
        ``"vi,en"``, ``["vi"]``… (see :func:`parse_langs`).
    {data_dir}

    Returns
    -------
    list of Run
        :attr:`Plan.runs` of :func:`plan_runs`.

    Examples
    --------
    >>> [r.label for r in default_runs(langs="en") if r.data_scope is None]
    ['02_comparison provinces=all concepts=all lang=en', '04_data_audit lang=en', '05_national_indices lang=en']
    """
    return plan_runs(notebooks_dir, langs=langs, data_dir=data_dir).runs


def run_matches(run: Run, pattern: str) -> bool:
    """Whether ``run`` matches an ``--only`` pattern (see :func:`select_runs`).

    Parameters
    ----------
    run : Run
        The run.
    pattern : str
        A glob (with ``*``, ``?`` or ``[``) or a substring; case and diacritics are ignored.

    Returns
    -------
    bool
        Whether the run's label or folder matches.

    Examples
    --------
    >>> run = Run("03_targets.ipynb", {"province": "khanh-hoa", "lang": "en"})
    >>> run_matches(run, "Khánh Hòa"), run_matches(run, "03_*vi"), run_matches(run, "03_*en")
    (True, False, True)
    """
    pat = fold(pattern)
    keys = [fold(run.label), fold(run.folder), fold(run.label.replace(" ", "-"))]
    if any(c in pat for c in "*?["):
        return any(fnmatch.fnmatchcase(k, pat) for k in keys)
    return any(pat in k or pat.replace(" ", "-") in k for k in keys)


def select_runs(runs, pattern: str) -> list[Run]:
    """The runs whose label or folder matches ``pattern``.

    A pattern with ``*``, ``?`` or ``[`` is a glob over the whole label (``01_*``, ``*khanh-hoa*vi``); any
    other pattern matches as a substring (``targets``, ``lang=en``). Case and diacritics are ignored
    (``Khánh Hòa`` finds ``khanh-hoa``).

    Parameters
    ----------
    runs : iterable
        Runs as :func:`as_run` accepts them.
    pattern : str
        The ``--only`` pattern.

    Returns
    -------
    list of Run
        The matching runs, in their order.

    Raises
    ------
    ValueError
        If no run matches (the message shows what a run's label looks like).

    Examples
    --------
    >>> runs = [Run("01_province_profile.ipynb", {"province": "khanh-hoa", "lang": l}) for l in ("vi", "en")]
    >>> [r.label for r in select_runs(runs, "lang=en")]
    ['01_province_profile province=khanh-hoa lang=en']
    >>> len(select_runs(runs, "01_*"))
    2
    """
    runs = [as_run(r) for r in runs]
    chosen = [r for r in runs if run_matches(r, pattern)]
    if not chosen:
        example = runs[0].label if runs else "(no runs)"
        raise ValueError(f"--only {pattern!r} matches none of the {len(runs)} runs; runs look like {example!r}")
    return chosen


share_docs_in(globals())
