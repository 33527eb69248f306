"""The indicator catalog and its vocabularies: concepts, domains, breakdowns and units."""

from __future__ import annotations

import re

import pandas as pd

from ._text import fold
from .schema import read_table

__all__ = ["catalog", "concepts", "domains", "breakdowns", "units", "search"]


def catalog(*, data_dir=None) -> pd.DataFrame:
    """One row per indicator: code, Vietnamese and English labels, unit, domain, concept, whole.

    Examples
    --------
    >>> cat = catalog()
    >>> {"indicator", "label_vi", "label_en", "unit", "domain", "concept", "whole"} <= set(cat.columns)
    True
    """
    return read_table("catalog", data_dir=data_dir)


def concepts(*, data_dir=None) -> pd.DataFrame:
    """Concepts shared by indicators of different provinces or definitions, with their unit.

    Examples
    --------
    >>> "digital_certificates" in set(concepts()["concept"])
    True
    """
    return read_table("concepts", data_dir=data_dir)


def domains(*, data_dir=None) -> pd.DataFrame:
    """The seven CCHC domains (Resolution 76/NQ-CP's six areas plus direction), in display order.

    Examples
    --------
    >>> domains()["domain"].tolist()[:3]
    ['direction', 'institutions', 'procedures']
    """
    frame = read_table("domains", data_dir=data_dir)
    return frame.sort_values("order", ignore_index=True)


def breakdowns(*, data_dir=None) -> pd.DataFrame:
    """Breakdown codes (``level:district``, ``sector:land``…) with their dimension and labels.

    Examples
    --------
    >>> breakdowns().set_index("breakdown").at["agency:police", "label_en"]
    'Police'
    """
    return read_table("breakdowns", data_dir=data_dir)


def units(*, data_dir=None) -> pd.DataFrame:
    """Units of measurement (``count``, ``percent``, ``vnd``) with labels and symbols.

    Examples
    --------
    >>> units().set_index("unit").at["percent", "symbol"]
    '%'
    """
    return read_table("units", data_dir=data_dir)


def search(text: str, *, data_dir=None) -> pd.DataFrame:
    """Catalog rows where every word of ``text`` starts a word of the code, labels, description or concept.

    Matching ignores case and Vietnamese diacritics, so ``"ho so dung han"`` finds ``hồ sơ đúng hạn``.

    Examples
    --------
    >>> hits = search("ho so dung han")
    >>> hits["label_vi"].str.contains("đúng hạn").all() and len(hits) > 0
    True
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"search() needs some words to look for, got {text!r}")
    cat = catalog(data_dir=data_dir)
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
