"""Validating notebook parameters (papermill), so a bad value stops a run at once with a clear message."""

from __future__ import annotations

from pathlib import Path

from . import i18n
from .analysis import comparable_concepts
from .catalog import concepts as _concepts
from .indicators import load_indicators
from .provinces import resolve_province

__all__ = ["LANGUAGES", "check_lang", "check_province", "check_provinces", "check_concepts", "check_figures_dir"]

LANGUAGES = i18n.LANGS


def _type_error(name: str, value, expected: str) -> TypeError:
    return TypeError(f"parameter {name} must be {expected}, got {value!r} ({type(value).__name__})")


def check_lang(lang) -> str:
    """Return ``lang`` as a supported language code (any case); see :func:`cchc_data.i18n.check_lang`.

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
        raise _type_error("lang", lang, " or ".join(repr(x) for x in LANGUAGES))
    return i18n.check_lang(lang)


def check_province(province, *, data_dir=None) -> str:
    """Return the slug of a province that has curated data, or raise naming the valid ones.

    Examples
    --------
    >>> check_province("Khánh Hoà")
    'khanh-hoa'
    """
    if not isinstance(province, str):
        raise _type_error("province", province, "a province name, slug or code as a string, e.g. 'Khánh Hòa'")
    slug = resolve_province(province, data_dir=data_dir)
    load_indicators(province=slug, data_dir=data_dir)  # raises if the province has no data
    return slug


def check_provinces(provinces, *, data_dir=None) -> list[str]:
    """Slugs of the given provinces; an empty list means every province with data.

    Examples
    --------
    >>> check_provinces([])
    ['dak-lak', 'ha-giang', 'khanh-hoa']
    >>> check_provinces(["Hà Giang", "56"])
    ['ha-giang', 'khanh-hoa']
    """
    if isinstance(provinces, str):
        provinces = [p for p in (s.strip() for s in provinces.split(",")) if p]
    if not isinstance(provinces, list | tuple):
        raise _type_error("provinces", provinces, "a list of province names, e.g. ['Khánh Hòa', 'Hà Giang']")
    if not provinces:
        return sorted(load_indicators(data_dir=data_dir)["province"].astype(str).unique())
    return [check_province(p, data_dir=data_dir) for p in provinces]


def check_concepts(concepts, *, data_dir=None) -> list[str]:
    """Concept codes to compare; an empty list means every concept with data for two or more provinces.

    Examples
    --------
    >>> "digital_certificates" in check_concepts([])
    True
    >>> check_concepts(["fibre"])
    Traceback (most recent call last):
    ...
    ValueError: 'fibre' is not a known concept; see cchc_data.concepts() for the ... known concepts: ...
    """
    if isinstance(concepts, str):
        concepts = [c for c in (s.strip() for s in concepts.split(",")) if c]
    if not isinstance(concepts, list | tuple):
        raise _type_error("concepts", concepts, "a list of concept codes, e.g. ['digital_certificates']")
    if not concepts:
        return comparable_concepts(data_dir=data_dir)
    known = _concepts(data_dir=data_dir)["concept"].tolist()
    for c in concepts:
        if c not in known:
            raise ValueError(
                f"{c!r} is not a known concept; see cchc_data.concepts() for the {len(known)} known concepts: "
                + ", ".join(known)
            )
    return list(concepts)


def check_figures_dir(figures_dir) -> Path:
    """The folder for figures, created if needed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> check_figures_dir(pathlib.Path(tempfile.mkdtemp()) / "figs").is_dir()
    True
    """
    if not isinstance(figures_dir, str | Path):
        raise _type_error("figures_dir", figures_dir, "a folder path as a string")
    path = Path(figures_dir).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"cannot use {str(figures_dir)!r} as the figures folder: {exc.strerror}") from None
    return path
