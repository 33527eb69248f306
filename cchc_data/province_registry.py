"""The registry of province-level units, their names, codes, population and 2025 successors."""

from __future__ import annotations

import difflib
import functools
import re

import pandas as pd

from ._checks import unknown_message
from ._docstrings import share_docs_in
from ._text import fold, normalize_tones
from .schema import read_table

__all__ = ["provinces", "resolve_province", "successor"]

_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?|t\.p\.?|province of|city of)\s+")
_SUFFIX = re.compile(r"\s+(province|city)$")


def provinces(*, data_dir=None) -> pd.DataFrame:
    """All province-level units: slug, GSO code, names, type, 2025 successor and 2019 population.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        One row per pre-2025 unit (63), indexed from 0, with columns ``slug``, ``gso_code``,
        ``name_vi``, ``name_ascii``, ``type``, ``successor``, ``code_2025``, ``population_2019``
        (nullable integer, filled only where verified) and ``aliases``.

    See Also
    --------
    cchc_data.indicators.provinces_with_data : The provinces that have curated facts.
    resolve_province : The slug of a province given as users type it.

    Examples
    --------
    >>> p = provinces()
    >>> len(p)
    63
    >>> p.set_index("slug").loc["ha-giang", ["gso_code", "successor"]].tolist()
    ['02', 'tuyen-quang']
    """
    return read_table("provinces", data_dir=data_dir)


def _key(text: str) -> str:
    key = fold(normalize_tones(text)).replace("-", " ")
    key = _SUFFIX.sub("", _PREFIX.sub("", key))
    return " ".join(key.split())


def _names(frame: pd.DataFrame) -> dict[str, str]:
    """Every way of writing each province, to its slug; a province's own names before any alias.

    So an alias that is another province's name (``cchc validate`` refuses one) never hides that province.
    Cached by the registry's content (a page names provinces dozens of times; folding every name takes ~8 ms).
    """
    rows = tuple(frame[["slug", "gso_code", "name_vi", "name_ascii", "aliases"]].itertuples(index=False, name=None))
    return dict(_names_of(rows))


@functools.lru_cache(maxsize=8)
def _names_of(rows: tuple) -> dict[str, str]:
    names: dict[str, str] = {}
    for slug, gso_code, name_vi, name_ascii, _ in rows:
        for name in [slug, gso_code, str(int(gso_code)), name_vi, name_ascii]:
            names.setdefault(_key(name), slug)
    for slug, *_, aliases in rows:
        for name in filter(None, aliases.split("|")):
            names.setdefault(_key(name), slug)
    return names


def resolve_province(name, *, data_dir=None) -> str:
    """Return the slug of a province given as users type it.

    Accepts the slug, the GSO code (``"56"``, ``56``), the Vietnamese or ASCII name in any case, NFC or
    NFD, either tone-mark placement (``Khánh Hòa`` / ``Khánh Hoà``), with or without ``Tỉnh`` /
    ``Thành phố``.

    Parameters
    ----------
    name : str or int
        The province: slug, GSO code, name or alias.
    {data_dir}

    Returns
    -------
    str
        The province's slug (``"khanh-hoa"``).

    Raises
    ------
    ValueError
        If the name is not a known province (the message lists close matches), or is neither a string nor
        an integer.

    See Also
    --------
    provinces : Every province-level unit.

    Examples
    --------
    >>> resolve_province("Khánh Hoà")
    'khanh-hoa'
    >>> resolve_province("tỉnh ĐẮK LẮK")
    'dak-lak'
    >>> resolve_province(2)
    'ha-giang'
    >>> resolve_province("Khanh Hao")
    Traceback (most recent call last):
    ...
    ValueError: 'Khanh Hao' is not a known province (did you mean 'Khánh Hòa', 'Thanh Hóa', 'Cần Thơ'?); see cchc_data.provinces() for the 63 known names
    """
    frame = provinces(data_dir=data_dir)
    names = _names(frame)
    if isinstance(name, (int,)) and not isinstance(name, bool):
        name = f"{name:02d}"
    if not isinstance(name, str):
        raise ValueError(f"a province is given as a name, slug or GSO code (a string), not {name!r}")
    key = _key(name)
    if key.isdigit():
        key = f"{int(key):02d}"
    if key in names:
        return names[key]
    close = difflib.get_close_matches(key, list(names), n=4, cutoff=0.6)
    labels = frame.set_index("slug")["name_vi"]
    suggestions = list(dict.fromkeys(labels[names[c]] for c in close))
    hint = f"cchc_data.provinces() for the {len(frame)} known names"
    raise ValueError(unknown_message("province", name, labels, hint=hint, close=suggestions))


def successor(name, *, data_dir=None) -> str:
    """Slug of the unit that continues a province after the 2025 reorganisation (itself if it continued).

    Parameters
    ----------
    name : str or int
        A province as :func:`resolve_province` accepts it.
    {data_dir}

    Returns
    -------
    str
        The slug of the post-2025 unit.

    Raises
    ------
    ValueError
        If ``name`` is not a known province.

    Examples
    --------
    >>> successor("Hà Giang")
    'tuyen-quang'
    >>> successor("Khánh Hòa")
    'khanh-hoa'
    """
    slug = resolve_province(name, data_dir=data_dir)
    return provinces(data_dir=data_dir).set_index("slug").at[slug, "successor"]


share_docs_in(globals())
