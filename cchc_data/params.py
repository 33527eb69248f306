"""Validating notebook parameters (papermill), so a bad value stops a run at once with a clear message."""

from __future__ import annotations

import numbers
import os
import tempfile
from pathlib import Path

from . import i18n
from ._checks import check_argument
from ._docstrings import share_docs_in
from .analysis import comparable_concepts
from .indicators import load_indicators, provinces_with_data
from .province_registry import resolve_province
from .vocabularies import concepts as _concepts

__all__ = [
    "check_lang",
    "check_province",
    "check_provinces",
    "check_concepts",
    "check_figures_dir",
    "project_figures_dir",
]


def _type_error(name: str, value, expected: str) -> TypeError:
    return TypeError(f"parameter {name} must be {expected}, got {value!r} ({type(value).__name__})")


def check_lang(lang) -> str:
    """Return ``lang`` as a supported language code (any case); see :func:`cchc_data.i18n.check_lang`.

    Parameters
    ----------
    lang : str
        A language code in any case, e.g. ``"vi"`` or ``"EN"``.

    Returns
    -------
    str
        The code in lower case, one of :data:`cchc_data.i18n.LANGS`.

    Raises
    ------
    TypeError
        If ``lang`` is not a string.
    ValueError
        If it names no supported language (the message lists them).

    Examples
    --------
    >>> check_lang("EN")
    'en'
    >>> check_lang("fr")
    Traceback (most recent call last):
    ...
    ValueError: 'fr' is not a supported language; use 'vi' or 'en'
    """
    if not isinstance(lang, str):
        raise _type_error("lang", lang, " or ".join(repr(x) for x in i18n.LANGS))
    return i18n.check_lang(lang)


def check_province(province, *, data_dir=None) -> str:
    """Return the slug of a province that has curated data, or raise naming the valid ones.

    A GSO code may be given as a number (papermill passes ``-p province 56`` as an int).

    Parameters
    ----------
    {province}
    {data_dir}

    Returns
    -------
    str
        The province's slug, e.g. ``"khanh-hoa"``.

    Raises
    ------
    TypeError
        If ``province`` is neither a string nor an integer.
    ValueError
        If it names no known province, or one without curated data (the message lists the valid ones).

    See Also
    --------
    check_provinces : Several provinces at once.

    Examples
    --------
    >>> check_province("Khánh Hoà")
    'khanh-hoa'
    >>> check_province(56)
    'khanh-hoa'
    """
    if isinstance(province, numbers.Integral) and not isinstance(province, bool):
        province = int(province)
    elif not isinstance(province, str):
        raise _type_error("province", province, "a province name, slug or GSO code, e.g. 'Khánh Hòa' or 56")
    slug = resolve_province(province, data_dir=data_dir)
    load_indicators(province=slug, data_dir=data_dir)  # raises if the province has no data
    return slug


def check_provinces(provinces, *, data_dir=None) -> list[str]:
    """Slugs of the given provinces, each once, in the order given; an empty list means every province with data.

    Parameters
    ----------
    provinces : list, tuple, str or int
        Provinces as :func:`check_province` accepts them; a string may list several separated by commas
        (``"Khánh Hòa, Hà Giang"``), an int is one GSO code. An empty list means every province with data.
    {data_dir}

    Returns
    -------
    list of str
        Province slugs, each once, in the order first given.

    Raises
    ------
    TypeError
        If ``provinces`` is not a list, tuple, string or integer.
    ValueError
        If one of them is unknown or has no data (see :func:`check_province`).

    Examples
    --------
    >>> check_provinces([])
    ['dak-lak', 'ha-giang', 'khanh-hoa']
    >>> check_provinces(["Hà Giang", "56", 56, "Khánh Hòa"])
    ['ha-giang', 'khanh-hoa']
    """
    if isinstance(provinces, str):
        provinces = [p for p in (s.strip() for s in provinces.split(",")) if p]
    elif isinstance(provinces, numbers.Integral) and not isinstance(provinces, bool):
        provinces = [int(provinces)]  # papermill's -p provinces 56
    if not isinstance(provinces, list | tuple):
        raise _type_error("provinces", provinces, "a list of province names, e.g. ['Khánh Hòa', 'Hà Giang']")
    if not provinces:
        return provinces_with_data(data_dir=data_dir)
    given = list(dict.fromkeys(p if _hashable(p) else repr(p) for p in provinces))  # each spelling checked once
    return list(dict.fromkeys(check_province(p, data_dir=data_dir) for p in given))


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def check_concepts(concepts, *, data_dir=None) -> list[str]:
    """Concept codes to compare, each once; an empty list means every concept with data for two or more provinces.

    Parameters
    ----------
    concepts : list, tuple or str
        Concept codes (see :func:`cchc_data.concepts`); a string may list several separated by commas. An
        empty list means every concept with data for two or more provinces
        (:func:`cchc_data.analysis.comparable_concepts`).
    {data_dir}

    Returns
    -------
    list of str
        Concept codes, each once, in the order first given.

    Raises
    ------
    TypeError
        If ``concepts`` is not a list, tuple or string.
    ValueError
        If a code names no known concept (the message lists the known ones).

    Examples
    --------
    >>> "digital_certificates" in check_concepts([])
    True
    >>> check_concepts(["digital_certificates", "digital_certificates"])
    ['digital_certificates']
    >>> check_concepts(["fibre"])
    Traceback (most recent call last):
    ...
    ValueError: 'fibre' is not a known concept; use one of ...'fibre_commune_share'...; see cchc_data.concepts()
    """
    if isinstance(concepts, str):
        concepts = [c for c in (s.strip() for s in concepts.split(",")) if c]
    if not isinstance(concepts, list | tuple):
        raise _type_error("concepts", concepts, "a list of concept codes, e.g. ['digital_certificates']")
    if not concepts:
        return comparable_concepts(data_dir=data_dir)
    known = _concepts(data_dir=data_dir)["concept"].tolist()
    given = list(dict.fromkeys(c if _hashable(c) else repr(c) for c in concepts))
    for c in given:
        check_argument("concept", c, known, hint="cchc_data.concepts()")
    return given


def project_figures_dir() -> Path:
    """The project's ``figures/`` folder: the checkout's, whatever the working directory.

    When ``cchc_data`` runs from a source checkout (a ``pyproject.toml`` naming the project beside the
    package), that checkout's ``figures/``; otherwise (an installed wheel) ``figures/`` in the working
    directory.

    Returns
    -------
    pathlib.Path
        The absolute path of that ``figures/`` folder (not created here).

    See Also
    --------
    check_figures_dir : Resolve, create and check a figures folder.

    Examples
    --------
    >>> project_figures_dir().name
    'figures'
    """
    root = Path(__file__).resolve().parent.parent
    pyproject = root / "pyproject.toml"
    try:
        ours = pyproject.is_file() and 'name = "cchc-analysis"' in pyproject.read_text(encoding="utf-8")
    except OSError:
        ours = False
    return (root if ours else Path.cwd()) / "figures"


def check_figures_dir(figures_dir=None) -> Path:
    """The folder for figures, absolute, created if needed and checked to be writable.

    ``None`` means the project's ``figures/`` folder (see :func:`project_figures_dir`), whatever the
    working directory of the kernel.

    Parameters
    ----------
    figures_dir : str or os.PathLike, optional
        The folder to write figures to; ``~`` is expanded. Default ``None``: the project's ``figures/``
        folder.

    Returns
    -------
    pathlib.Path
        The folder as an absolute path; it exists and is writable.

    Raises
    ------
    TypeError
        If ``figures_dir`` is neither a path nor ``None``.
    ValueError
        If it is empty, is a file, or cannot be created or written to.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> check_figures_dir(pathlib.Path(tempfile.mkdtemp()) / "figs").is_dir()
    True
    >>> check_figures_dir(None) == project_figures_dir()
    True
    >>> check_figures_dir("")
    Traceback (most recent call last):
    ...
    ValueError: parameter figures_dir is empty; give a folder path, or None for the project's figures/ folder
    """
    if figures_dir is None:
        path = project_figures_dir()
    elif not isinstance(figures_dir, str | os.PathLike):
        raise _type_error("figures_dir", figures_dir, "a folder path as a string, or None")
    elif not str(figures_dir).strip():
        raise ValueError(
            "parameter figures_dir is empty; give a folder path, or None for the project's figures/ folder"
        )
    else:
        path = Path(figures_dir).expanduser()
    path = path.absolute()
    shown = str(figures_dir) if figures_dir is not None else str(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".cchc-write-test-"):
            pass
    except FileExistsError:
        raise ValueError(f"cannot use {shown!r} as the figures folder: it is a file, not a folder") from None
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise ValueError(f"cannot use {shown!r} as the figures folder: {why}; give a writable folder") from None
    return path


share_docs_in(globals())
