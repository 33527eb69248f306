"""The registry of province-level units, their names, codes, population and 2025 successors."""

from __future__ import annotations

import difflib
import re

import pandas as pd

from ._checks import unknown_message
from ._text import fold, normalize_tones
from .schema import read_table

__all__ = ["provinces", "resolve_province", "successor"]

_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?|t\.p\.?|province of|city of)\s+")
_SUFFIX = re.compile(r"\s+(province|city)$")


def provinces(*, data_dir=None) -> pd.DataFrame:
    """All province-level units: slug, GSO code, names, type, 2025 successor and 2019 population.

    Returns
    -------
    pandas.DataFrame
        One row per pre-2025 unit (63), indexed from 0, with columns ``slug``, ``gso_code``,
        ``name_vi``, ``name_ascii``, ``type``, ``successor``, ``code_2025``, ``population_2019``
        (nullable integer, filled only where verified) and ``aliases``.

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
    names: dict[str, str] = {}
    for row in frame.itertuples():
        for name in [
            row.slug,
            row.gso_code,
            str(int(row.gso_code)),
            row.name_vi,
            row.name_ascii,
            *filter(None, row.aliases.split("|")),
        ]:
            names.setdefault(_key(name), row.slug)
    return names


def resolve_province(name, *, data_dir=None) -> str:
    """Return the slug of a province given as users type it.

    Accepts the slug, the GSO code (``"56"``, ``56``), the Vietnamese or ASCII name in any case, NFC or
    NFD, either tone-mark placement (``Khánh Hòa`` / ``Khánh Hoà``), with or without ``Tỉnh`` /
    ``Thành phố``.

    Raises
    ------
    ValueError
        If the name is not a known province; the message lists close matches.

    Examples
    --------
    >>> resolve_province("Khánh Hoà")
    'khanh-hoa'
    >>> resolve_province("tỉnh ĐẮK LẮK")
    'dak-lak'
    >>> resolve_province(2)
    'ha-giang'
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

    Examples
    --------
    >>> successor("Hà Giang")
    'tuyen-quang'
    >>> successor("Khánh Hòa")
    'khanh-hoa'
    """
    slug = resolve_province(name, data_dir=data_dir)
    return provinces(data_dir=data_dir).set_index("slug").at[slug, "successor"]
