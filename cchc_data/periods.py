"""Period labels: ``2019`` (a year), ``2021-Q1`` (a quarter), ``2021-2030`` (a span of years)."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Period", "parse_period", "PERIOD_HINT"]

_PERIOD_RE = re.compile(r"^(\d{4})(?:-Q([1-4])|-(\d{4}))?$", re.ASCII)  # 0-9 only, not ２０１７
#: How to write a period, quoted by every message about a bad one.
PERIOD_HINT = "write a year (2019), a quarter (2021-Q1) or a span from an earlier to a later year (2021-2030)"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# Periods as Vietnamese documents write them, turned into the labels above (matched on lower case).
_QUARTER_VI = re.compile(r"^(?:q|quý|quy)\s*([1-4]|iv|i{1,3})\s*(?:/|-|\s+năm\s+|\s+)\s*(\d{4})$")
_QUARTER_ISO = re.compile(r"^(\d{4})\s*-?\s*q([1-4])$")
_YEAR_VI = re.compile(r"^năm\s+(\d{4})$")
_SPAN_VI = re.compile(r"^(?:giai đoạn\s+)?(\d{4})\s*[-–—]\s*(\d{4})$")


def _canonical(text: str) -> str:
    """``text`` as a label (``2021-Q1``) if it is a period as Vietnamese documents write it."""
    low = " ".join(text.lower().split())
    if m := _QUARTER_VI.match(low):
        quarter = _ROMAN.get(m[1]) or int(m[1])
        return f"{m[2]}-Q{quarter}"
    if m := _QUARTER_ISO.match(low):
        return f"{m[1]}-Q{m[2]}"
    if m := _YEAR_VI.match(low):
        return m[1]
    if m := _SPAN_VI.match(low):
        return f"{m[1]}-{m[2]}"
    return text


class Period(NamedTuple):
    """A parsed period: first and last year, the quarter if any, and its bounds in months.

    Made by :func:`parse_period`; a named tuple, so it compares and unpacks like one.

    Parameters
    ----------
    label : str
        The canonical label: ``"2019"``, ``"2021-Q1"`` or ``"2021-2030"``.
    year : int
        The first year.
    quarter : int or None
        1–4 for a quarter, else ``None``.
    year_end : int
        The last year (``year`` unless the period is a span).

    See Also
    --------
    parse_period : Make one from a label as people write it.

    Examples
    --------
    >>> q = parse_period("2021-Q2")
    >>> q.quarter, q.start, q.end
    (2, 24255, 24257)
    >>> parse_period("2021-2030").end - parse_period("2021-2030").start + 1
    120
    """

    label: str
    year: int
    quarter: int | None
    year_end: int

    @property
    def start(self) -> int:
        """First month, counted as ``year * 12 + month - 1``."""
        return self.year * 12 + (3 * (self.quarter - 1) if self.quarter else 0)

    @property
    def end(self) -> int:
        """Last month, counted as ``year * 12 + month - 1``."""
        return self.year_end * 12 + (3 * self.quarter - 1 if self.quarter else 11)


def parse_period(label) -> Period:
    """Parse a period label: ``2019``, ``2021-Q1`` or ``2021-2030``.

    The forms Vietnamese documents use are accepted too and give the same label: ``Q1/2021``,
    ``quý I/2021``, ``Quý 1 năm 2021``, ``năm 2019``, ``giai đoạn 2021–2030``.

    Parameters
    ----------
    label : str or int
        The period as written; an ``int`` is a year.

    Returns
    -------
    Period
        With the canonical ``label`` (``"2021-Q1"``), ``year``, ``quarter`` and ``year_end``.

    Raises
    ------
    ValueError
        Naming the accepted forms, if ``label`` is none of them or a span runs backwards.

    Examples
    --------
    >>> parse_period("2021-Q1")
    Period(label='2021-Q1', year=2021, quarter=1, year_end=2021)
    >>> parse_period(2019).year_end
    2019
    >>> parse_period("2021-2030").year_end
    2030
    >>> parse_period("quý I/2021").label
    '2021-Q1'
    >>> parse_period("giai đoạn 2021–2030").label
    '2021-2030'
    >>> parse_period("2030-2021")
    Traceback (most recent call last):
    ...
    ValueError: '2030-2021' is not a period: the span runs backwards; write a year (2019), a quarter (2021-Q1) or a span from an earlier to a later year (2021-2030)
    """
    text = _canonical(str(label).strip())
    m = _PERIOD_RE.match(text)
    if m and m[3] and int(m[3]) <= int(m[1]):
        why = "the span runs backwards" if int(m[3]) < int(m[1]) else "a span needs two different years"
        raise ValueError(f"{label!r} is not a period: {why}; {PERIOD_HINT}")
    if not m:
        raise ValueError(f"{label!r} is not a period; {PERIOD_HINT}; Q1/2021 and quý I/2021 are read as 2021-Q1")
    year = int(m[1])
    return Period(text, year, int(m[2]) if m[2] else None, int(m[3]) if m[3] else year)
