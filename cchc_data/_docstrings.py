"""Parameter descriptions shared by many functions, written once (seaborn's ``_docstrings`` style).

A docstring names a shared description on a line of its own, ``{data_dir}``, in its Parameters section;
the last line of the module, ``share_docs_in(globals())``, replaces that line with the description,
indented like the line, in every function and class the module defines. The filled text is the function's
``__doc__``, so ``help()``, IDEs and doctests all see it. Only whole lines holding a known key in braces
are replaced, so examples that print sets or dicts are left alone.

This is deliberately not a decorator: mutmut (``make mutation``) does not mutate decorated functions, and
a decorator on every public function would hide them from the mutation score.

Examples
--------
>>> def f(*, data_dir=None):
...     '''Do something.
...
...     Parameters
...     ----------
...     {data_dir}
...     '''
>>> share_docs_in({"__name__": __name__, "f": f})
>>> print(f.__doc__.splitlines()[4])
    data_dir : str or pathlib.Path, optional
"""

from __future__ import annotations

import inspect
import re

__all__ = ["PARAMS", "share_docs", "share_docs_in"]

#: Shared parameter descriptions, by key; each is a numpydoc entry: ``name : type`` then its description.
PARAMS = {
    "data_dir": """\
data_dir : str or pathlib.Path, optional
    Another data folder holding a ``datapackage.json``. Default ``None``: the folder named by the
    ``CCHC_DATA_DIR`` environment variable, else the data bundled with the package (see
    :func:`cchc_data.data_dir`).""",
    "province": """\
province : str or int
    A province as users type it: Vietnamese or ASCII name in any case (``"Khánh Hòa"``, ``"khanh hoa"``),
    slug (``"khanh-hoa"``) or GSO code (``56``); see :func:`cchc_data.resolve_province`.""",
    "provinces": """\
provinces : str or list of str, optional
    Provinces as :func:`cchc_data.resolve_province` accepts them. Default ``None``: every province with
    data (:func:`cchc_data.indicators.provinces_with_data`).""",
    "period": """\
period : str or int, optional
    A period label (``"2021-Q1"``, ``"2019"``, ``"2021-2030"``) or a form Vietnamese documents use
    (``"quý I/2021"``, ``"năm 2019"``), see :func:`cchc_data.parse_period`. Default ``None``: all periods.""",
    "kind": """\
kind : {"actual", "plan", "target"}, default "actual"
    Which facts to use: achieved results, plans, or targets (see :func:`cchc_data.indicators.kinds`).""",
    "lang": """\
lang : {"vi", "en"}, default "vi"
    Language of labels, titles and notes: Vietnamese or English.""",
    "ax": """\
ax : matplotlib.axes.Axes, optional
    Axes to draw on. Default ``None``: a new figure and axes.""",
    "fig": """\
fig : matplotlib.figure.Figure, optional
    An empty figure to draw the panels on (e.g. from ``plt.figure()``). Default ``None``: a new figure.""",
}

_PLACEHOLDER = re.compile(r"^([ \t]*)\{(\w+)\}[ \t]*$", re.MULTILINE)


def share_docs(obj):
    """Fill the shared parameter descriptions named in ``obj.__doc__``.

    Parameters
    ----------
    obj : function or class
        Its docstring may hold lines such as ``    {data_dir}``.

    Returns
    -------
    function or class
        ``obj`` itself, with ``__doc__`` filled.

    Raises
    ------
    KeyError
        If a placeholder line names no entry of :data:`PARAMS` (the message names it and the known keys).

    Examples
    --------
    >>> def g(lang="vi"):
    ...     '''Say hello.
    ...
    ...     Parameters
    ...     ----------
    ...     {lang}
    ...     '''
    >>> share_docs(g).__doc__.count("Vietnamese or English")
    1
    """

    def fill(match: re.Match) -> str:
        indent, key = match.groups()
        if key not in PARAMS:
            raise KeyError(f"{obj.__qualname__}: no shared description {key!r}; known: {', '.join(sorted(PARAMS))}")
        return "\n".join(indent + line if line else line for line in PARAMS[key].splitlines())

    if obj.__doc__:
        obj.__doc__ = _PLACEHOLDER.sub(fill, obj.__doc__)
    return obj


def share_docs_in(namespace: dict) -> None:
    """Fill the shared descriptions of every function and class a module defines (its last line).

    Parameters
    ----------
    namespace : dict
        The module's ``globals()``. Functions and classes imported from other modules are left alone.

    Returns
    -------
    None
        The docstrings are filled in place.

    Examples
    --------
    >>> def h(*, province):
    ...     '''Say hello.
    ...
    ...     Parameters
    ...     ----------
    ...     {province}
    ...     '''
    >>> share_docs_in({"__name__": __name__, "h": h, "inspect": inspect})
    >>> h.__doc__.splitlines()[4].strip()
    'province : str or int'
    """
    module = namespace["__name__"]
    for obj in list(namespace.values()):
        if (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__ == module:
            share_docs(obj)
