"""The indicator catalog and its vocabularies: concepts, domains, breakdowns and units."""

from __future__ import annotations

import re

import pandas as pd

from ._docstrings import share_docs_in
from ._text import fold
from .schema import read_table

__all__ = ["catalog", "concepts", "domains", "breakdowns", "units", "search"]


def catalog(*, data_dir=None) -> pd.DataFrame:
    """One row per indicator: code, Vietnamese and English labels, unit, domain, concept, whole.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator`` (the code facts refer to), ``label_vi``, ``label_en``, ``unit`` (a code of
        :func:`units`), ``unit_vi``, ``unit_en``, ``domain`` (a code of :func:`domains`), ``concept`` (a code of
        :func:`concepts`, ``""`` if none), ``whole`` (the indicator this one is a part of, ``""`` if none),
        ``description``, ``comparability`` (``"same"``, ``"caveat"`` or ``""``) and
        ``comparability_note_vi`` / ``comparability_note_en``.

    See Also
    --------
    search : Find catalog rows by words, diacritics optional.

    Examples
    --------
    >>> cat = catalog().set_index("indicator")
    >>> cat.loc["admin_agencies_with_autonomy", ["unit", "whole"]].tolist()
    ['count', 'admin_agencies_autonomy_eligible']
    """
    return read_table("catalog", data_dir=data_dir)


def concepts(*, data_dir=None) -> pd.DataFrame:
    """Concepts shared by indicators of different provinces or definitions, with their unit.

    A concept is what several provinces' indicators measure alike; comparisons across provinces are made by
    concept, never by indicator code.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns ``concept``, ``label_vi``, ``label_en``, ``unit``, ``definition_vi``, ``definition_en``.

    See Also
    --------
    cchc_data.analysis.comparable_concepts : Concepts with facts for several provinces.

    Examples
    --------
    >>> concepts().set_index("concept").at["digital_certificates", "label_en"]
    'Specialised digital certificates for state agencies'
    """
    return read_table("concepts", data_dir=data_dir)


def domains(*, data_dir=None) -> pd.DataFrame:
    """The seven CCHC domains (Resolution 76/NQ-CP's six areas plus direction), in display order.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns ``domain`` (code), ``label_vi``, ``label_en`` and ``order``, sorted by ``order``.

    Examples
    --------
    >>> domains()["domain"].tolist()[:3]
    ['direction', 'institutions', 'procedures']
    """
    frame = read_table("domains", data_dir=data_dir)
    return frame.sort_values("order", ignore_index=True)


def breakdowns(*, data_dir=None) -> pd.DataFrame:
    """Breakdown codes (``level:district``, ``sector:land``…) with their dimension and labels.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns ``breakdown`` (``dimension:member``), ``dimension``, ``label_vi``, ``label_en`` and ``order``.

    Examples
    --------
    >>> breakdowns().set_index("breakdown").at["agency:police", "label_en"]
    'Police'
    """
    return read_table("breakdowns", data_dir=data_dir)


def units(*, data_dir=None) -> pd.DataFrame:
    """Units of measurement (``count``, ``percent``, ``vnd``) with labels and symbols.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns ``unit`` (code), ``label_vi``, ``label_en`` and ``symbol`` (``""`` for counts).

    Examples
    --------
    >>> units().set_index("unit").at["percent", "symbol"]
    '%'
    """
    return read_table("units", data_dir=data_dir)


#: The ``domain`` of the rows :func:`search` adds for the national indices (PAR INDEX, SIPAS, PAPI, PCI).
NATIONAL_INDEX_DOMAIN = "national_index"


def _national_rows(columns, data_dir) -> pd.DataFrame:
    """The national indices as catalog-shaped rows (empty when the data folder has no national catalog)."""
    from .datadir import DataError
    from .national import national_index_catalog

    try:
        nat = national_index_catalog(data_dir=data_dir)
    except (DataError, FileNotFoundError, KeyError):
        return pd.DataFrame(columns=columns)
    rows = pd.DataFrame(
        {
            "indicator": nat["index"],
            "label_vi": nat["label_vi"],
            "label_en": nat["label_en"],
            "unit": nat["unit"],
            "unit_vi": nat["scale_vi"],
            "unit_en": nat["scale_en"],
            "domain": NATIONAL_INDEX_DOMAIN,
            "description": nat["measures_en"] + " " + nat["measures_vi"],
        }
    )
    return rows.reindex(columns=columns, fill_value="")


def search(text: str, *, data_dir=None) -> pd.DataFrame:
    """Catalog rows where every word of ``text`` starts a word of the code, labels, description or concept.

    Matching ignores case and Vietnamese diacritics, so ``"ho so dung han"`` finds ``hồ sơ đúng hạn``. The
    national indices (PAR INDEX, SIPAS, PAPI, PCI; :func:`cchc_data.national.national_index_catalog`) are
    searched too: they come last, as rows with ``domain`` ``"national_index"``, the index code as
    ``indicator``, its scale as ``unit_vi``/``unit_en`` and what it measures as ``description``.

    Parameters
    ----------
    text : str
        Words to look for, in Vietnamese (diacritics optional) or English.
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        The matching rows of :func:`catalog`, same columns, indexed from 0; empty if nothing matches.

    Raises
    ------
    ValueError
        If ``text`` is not a string with at least one word.

    See Also
    --------
    catalog : Every indicator.

    Examples
    --------
    >>> search("ho so dung han")["indicator"].tolist()[:2]
    ['dossiers_on_time', 'dossiers_on_time_share']
    >>> search("SIPAS")[["indicator", "domain"]].values.tolist()
    [['sipas', 'national_index']]
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"search() needs some words to look for, got {text!r}")
    cat = catalog(data_dir=data_dir)
    national = _national_rows(cat.columns, data_dir)
    if not national.empty:
        cat = pd.concat([cat, national], ignore_index=True)
    haystack = (
        cat["indicator"].str.replace("_", " ")
        + " "
        + cat["label_vi"]
        + " "
        + cat["label_en"]
        + " "
        + cat["description"]
        + " "
        + cat["concept"].str.replace("_", " ")
    ).map(fold)
    mask = pd.Series(True, index=cat.index)
    for word in fold(text).split():
        mask &= haystack.str.contains(r"\b" + re.escape(word), regex=True)
    return cat[mask].reset_index(drop=True)


share_docs_in(globals())
