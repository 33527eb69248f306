"""The one home for language: the supported languages, the strings catalogue, labels of coded values, and
numbers in the reader's convention (through ``babel``).

Every word a reader sees (pages, notebooks, tables, charts, the explorer, the Excel workbook) is a row of
``cchc_data/strings.csv`` (``key, vi, en, note``), each string once; a translator edits that file without
Python. Other modules ask this one instead of keeping their own ``("vi", "en")`` tuple or bilingual literals:

- :func:`check_lang` — ``"EN"`` → ``"en"``; anything else raises naming the valid languages;
- :func:`t` — a string of the catalogue by key (``t("no_targets", "en", name="Hà Giang")``); :func:`has`
  says whether a key exists;
- :func:`format_number` / :func:`format_percent` / :func:`format_value` — ``1.514`` and ``98,63 %`` in
  Vietnamese, ``1,514`` and ``98.63%`` in English, counts without decimals, a dash for a missing value;
- :func:`value_label` — a coded value (``kind``, ``qualifier``, ``unit``, ``flag``, ``comparability``,
  ``status`` …) in words; units take their labels from the data's ``units.csv``.
"""

from __future__ import annotations

import csv
import math
import unicodedata
from numbers import Number
from pathlib import Path

from ._docstrings import share_docs_in

__all__ = [
    "LANGS",
    "MISSING",
    "STRINGS_FILE",
    "check_lang",
    "t",
    "has",
    "other_lang",
    "format_number",
    "format_period",
    "format_percent",
    "format_value",
    "value_label",
    "column_label",
]

#: Supported languages, the first is the default.
LANGS = ("vi", "en")
#: What a missing value is shown as (a table explains it in its note).
MISSING = "–"

_LOCALES = {"vi": "vi", "en": "en"}
_PERCENT_SUFFIX = {"vi": " %", "en": "%"}  # 98,63 % (Vietnamese usage) and 98.63%

#: The strings catalogue: every user-facing word of the package, one row per string (``key, vi, en, note``).
#: A translator edits it without Python; :func:`t` is the one lookup.
STRINGS_FILE = Path(__file__).with_name("strings.csv")


def _read_catalogue(path: Path) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            key = row.get("key") or ""
            if not key or key in table or any(row.get(lang) is None for lang in LANGS):
                problem = (
                    "a row without a key" if not key else f"key {key!r} twice" if key in table else "a missing column"
                )
                raise ValueError(f"{path.name}:{reader.line_num}: {problem}; each row needs key, vi, en (and a note)")
            table[key] = {lang: unicodedata.normalize("NFC", row[lang]) for lang in LANGS}
    return table


_STRINGS = _read_catalogue(STRINGS_FILE)

#: Column headers shown with another column's words (the same thing under another column name).
_SAME_HEADER = {
    "province_name": "province",
    "name_vi": "province",
    "name": "province",
    "slug": "province",
    "domain_label": "domain",
    "concept_label": "concept",
    "source_id": "source",
}


def check_lang(lang) -> str:
    """``lang`` as a supported language code (case and surrounding spaces ignored).

    Parameters
    ----------
    lang : str
        A language code as a user types it: ``"vi"``, ``"EN"``, ``" vi "``.

    Returns
    -------
    str
        The code in lower case, one of :data:`LANGS`.

    Raises
    ------
    TypeError
        If ``lang`` is not a string.
    ValueError
        If it names no supported language (the message lists them).

    Examples
    --------
    >>> check_lang("EN"), check_lang(" vi ")
    ('en', 'vi')
    >>> check_lang("fr")
    Traceback (most recent call last):
    ...
    ValueError: 'fr' is not a supported language; use 'vi' or 'en'
    >>> check_lang(None)
    Traceback (most recent call last):
    ...
    TypeError: lang must be 'vi' or 'en', got None (NoneType)
    """
    if not isinstance(lang, str):
        raise TypeError(f"lang must be 'vi' or 'en', got {lang!r} ({type(lang).__name__})")
    code = lang.strip().lower()
    if code not in LANGS:
        raise ValueError(f"{lang!r} is not a supported language; use " + " or ".join(repr(x) for x in LANGS))
    return code


def other_lang(lang: str) -> str:
    """The other supported language (for a page's link to its translation).

    Parameters
    ----------
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).

    Returns
    -------
    str
        The language code that is not ``lang``.

    Examples
    --------
    >>> other_lang("vi")
    'en'
    """
    return LANGS[1 - LANGS.index(check_lang(lang))]


def t(key: str, lang: str, **fields) -> str:
    """The string ``key`` of the catalogue in ``lang``, with its ``{placeholders}`` filled from ``fields``.

    Parameters
    ----------
    key : str
        A key of ``cchc_data/strings.csv``, e.g. ``"no_targets"`` or ``"value.flag.sum_mismatch"``.
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).
    **fields
        Values for the string's ``{placeholders}``; none means the string is returned as it is.

    Returns
    -------
    str
        The string in ``lang``.

    Raises
    ------
    KeyError
        If the catalogue has no string ``key``.

    Examples
    --------
    >>> t("no_targets", "en", name="Hà Giang")
    'No targets are recorded for Hà Giang in the sources collected.'
    >>> t("value.kind.target", "vi")
    'mục tiêu'
    >>> t("no_such_key", "en")
    Traceback (most recent call last):
    ...
    KeyError: "no string 'no_such_key'; add a row to cchc_data/strings.csv"
    """
    lang = check_lang(lang)
    try:
        text = _STRINGS[key][lang]
    except KeyError:
        raise KeyError(f"no string {key!r}; add a row to cchc_data/strings.csv") from None
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    """Whether the strings catalogue has a row ``key``.

    Parameters
    ----------
    key : str
        A key, e.g. ``"nbdesc_04_data_audit"``.

    Returns
    -------
    bool
        ``True`` if :func:`t` can look it up.

    Examples
    --------
    >>> has("nbdesc_04_data_audit"), has("nbdesc_00_explore")
    (True, False)
    """
    return key in _STRINGS


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))  # NaN, pd.NA
    except (TypeError, ValueError):
        return True  # pd.NA in a boolean context


def format_number(value, lang: str, *, decimals: int | None = None, max_decimals: int = 2) -> str:
    """``value`` with the language's separators (babel); a dash for a missing value.

    Whole numbers (counts) get no decimals; otherwise at most ``max_decimals``, unless ``decimals`` fixes them.

    Parameters
    ----------
    value : int, float or None
        The number; ``None``, NaN and ``pd.NA`` count as missing.
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).
    decimals : int, optional
        Exactly this many decimals. Default ``None``: none for whole numbers, else at most ``max_decimals``.
    max_decimals : int, default 2
        Most decimals shown when ``decimals`` is ``None`` (national index scores are printed with four).

    Returns
    -------
    str
        The number as text (``"1.514"`` in Vietnamese, ``"1,514"`` in English), or :data:`MISSING`.

    Raises
    ------
    TypeError
        If ``value`` is neither a number nor missing.

    See Also
    --------
    format_percent, format_value

    Examples
    --------
    >>> format_number(1514, "vi"), format_number(1514.0, "en"), format_number(98.63, "vi")
    ('1.514', '1,514', '98,63')
    >>> format_number(279.098405, "en"), format_number(2.5, "en", decimals=2), format_number(float("nan"), "vi")
    ('279.1', '2.50', '–')
    >>> format_number(43.4369, "vi", max_decimals=4)
    '43,4369'
    >>> format_number(-3.5, "en")  # a negative gap: the minus sign U+2212, not a hyphen
    '−3.5'
    """
    from babel.numbers import format_decimal

    lang = check_lang(lang)
    if _missing(value):
        return MISSING
    if not isinstance(value, Number):
        raise TypeError(f"format_number needs a number, got {value!r} ({type(value).__name__})")
    value = float(value)
    if decimals is None:
        pattern = "#,##0" if value.is_integer() else "#,##0." + "#" * max_decimals
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    places = max_decimals if decimals is None else decimals
    with _wide_decimals():
        text = format_decimal(round(value, places), format=pattern, locale=_LOCALES[lang])
    return "\u2212" + text[1:] if text.startswith("-") else text  # a minus sign (U+2212), not a hyphen


def _wide_decimals():
    """A decimal context wide enough for any float: babel rounds in ``decimal``, whose default 28 digits
    make ``1e308`` raise ``InvalidOperation``; every digit of the number is printed instead."""
    import decimal

    context = decimal.Context(prec=800, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    return decimal.localcontext(context)


def format_percent(value, lang: str, *, decimals: int | None = None) -> str:
    """A percentage on the 0–100 scale (``98.63`` means 98.63 %) in the language's convention.

    Parameters
    ----------
    value : int, float or None
        The percentage on the 0–100 scale; ``None``, NaN and ``pd.NA`` count as missing.
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).
    decimals : int, optional
        Exactly this many decimals. Default ``None``: at most two, trailing zeros dropped.

    Returns
    -------
    str
        The percentage as text (``"98,63 %"`` in Vietnamese, ``"98.63%"`` in English), or :data:`MISSING`.

    Raises
    ------
    TypeError
        If ``value`` is neither a number nor missing.

    Examples
    --------
    >>> format_percent(98.63, "vi"), format_percent(98.63, "en"), format_percent(100, "vi")
    ('98,63 %', '98.63%', '100 %')
    >>> format_percent(None, "en")
    '–'
    """
    lang = check_lang(lang)
    if _missing(value):
        return MISSING
    from babel.numbers import format_percent as _babel_percent

    if not isinstance(value, Number):
        raise TypeError(f"format_percent needs a number, got {value!r} ({type(value).__name__})")
    places = 2 if decimals is None else decimals
    digits = ("." + ("#" if decimals is None else "0") * places) if places > 0 else ""
    pattern = "#,##0" + digits + _PERCENT_SUFFIX[lang]
    with _wide_decimals():
        return _babel_percent(round(float(value), places) / 100, format=pattern, locale=_LOCALES[lang])


def format_value(value, unit: str, lang: str, *, qualifier: str = "none", decimals: int | None = None) -> str:
    """A value in words as a reader expects it: qualifier, number, and the unit's symbol for % ``₫`` ``min``.

    Parameters
    ----------
    value : int, float or None
        The value; ``None``, NaN and ``pd.NA`` count as missing.
    unit : str
        The value's unit code from ``units.csv`` (``"percent"``, ``"count"``, ``"vnd"``, ``"minute"`` …).
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).
    qualifier : str, default "none"
        The value's qualifier code (``"more_than"``, ``"about"`` …), written before the number.
    decimals : int, optional
        Exactly this many decimals. Default ``None``: as :func:`format_number` chooses.

    Returns
    -------
    str
        The value as text, or :data:`MISSING`.

    Examples
    --------
    >>> format_value(14000, "count", "vi", qualifier="more_than"), format_value(65.91, "percent", "en")
    ('trên 14.000', '65.91%')
    >>> format_value(float("nan"), "percent", "en")
    '–'
    """
    lang = check_lang(lang)
    if _missing(value):
        return MISSING
    if unit == "percent":
        text = format_percent(value, lang, decimals=decimals)
    else:
        text = format_number(value, lang, decimals=decimals)
        symbol = t(f"unit_symbol.{unit}", lang) if has(f"unit_symbol.{unit}") else ""
        if symbol:
            text = f"{text} {symbol}"
    words = value_label("qualifier", qualifier, lang) if not _missing(qualifier) else ""
    return f"{words} {text}".strip()


def format_period(period, lang: str) -> str:
    """A period code in words: ``2021-Q1`` → ``quý I/2021`` or ``Q1 2021``; ``2021-2030`` → ``2021–2030``.

    Parameters
    ----------
    period : str or None
        A period code as the data holds it (``"2021-Q1"``, ``"2019"``, ``"2021-2030"``); empty counts as missing.
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).

    Returns
    -------
    str
        The period in words; a code of another form is returned as it is, a missing one as :data:`MISSING`.

    Examples
    --------
    >>> format_period("2021-Q1", "vi"), format_period("2021-Q1", "en"), format_period("2021-2030", "en")
    ('quý I/2021', 'Q1 2021', '2021–2030')
    >>> format_period("2017", "vi"), format_period("", "en")
    ('2017', '–')
    """
    lang = check_lang(lang)
    if _missing(period) or str(period).strip() == "":
        return MISSING
    text = str(period).strip()
    year, _, rest = text.partition("-")
    if rest.startswith("Q") and rest[1:].isdigit():
        quarter = int(rest[1:])
        return t("period.quarter", lang, roman="I II III IV".split()[quarter - 1], number=quarter, year=year)
    if rest.isdigit():
        return f"{year}–{rest}"
    return text


def value_label(column: str, code, lang: str, *, data_dir=None) -> str:
    """A coded value of ``column`` in words (an unknown code is shown as it is).

    Units, concepts, domains and breakdowns come from the data's vocabulary tables; the other codes from the
    strings catalogue (rows ``value.<column>.<code>``).

    Parameters
    ----------
    column : str
        The column the code belongs to: ``"unit"``, ``"concept"``, ``"domain"``, ``"breakdown"`` or a key of
        ``value.<column>.`` in the strings catalogue (``"kind"``, ``"qualifier"``, ``"flag"`` …).
    code : str or None
        The coded value; a missing one gives ``""``.
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).
    {data_dir}

    Returns
    -------
    str
        The label in ``lang``, or ``code`` itself if it has none.

    Examples
    --------
    >>> value_label("qualifier", "more_than", "vi"), value_label("kind", "target", "en"), value_label("unit", "percent", "vi")
    ('trên', 'target', 'phần trăm')
    >>> value_label("flag", "", "en")
    ''
    """
    lang = check_lang(lang)
    if _missing(code):
        return ""
    code = str(code)
    if column == "unit":
        from .vocabularies import units

        table = units(data_dir=data_dir).set_index("unit")
        return str(table.at[code, f"label_{lang}"]) if code in table.index else code
    if column in ("concept", "domain"):
        from .vocabularies import concepts, domains

        table = (concepts if column == "concept" else domains)(data_dir=data_dir).set_index(column)
        return str(table.at[code, f"label_{lang}"]) if code in table.index else code
    if column == "breakdown":
        if not code:
            return t("value.breakdown.total", lang)
        from .vocabularies import breakdowns

        table = breakdowns(data_dir=data_dir).set_index("breakdown")
        return str(table.at[code, f"label_{lang}"]) if code in table.index else code
    key = f"value.{column}.{code}"
    return t(key, lang) if has(key) else code


def column_label(column: str, lang: str) -> str:
    """The header of ``column`` on a page (an unknown column is shown with its code).

    Parameters
    ----------
    column : str
        A column name of the project's frames, e.g. ``"evidence"``.
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).

    Returns
    -------
    str
        The header in ``lang``, or ``column`` itself if it has none.

    Examples
    --------
    >>> column_label("evidence", "vi"), column_label("gap", "en")
    ('Trích dẫn nguyên văn', 'Gap (actual − target)')
    """
    lang = check_lang(lang)
    key = f"column.{_SAME_HEADER.get(column, column)}"
    return t(key, lang) if has(key) else column


share_docs_in(globals())
