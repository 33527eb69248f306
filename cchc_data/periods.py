"""Period labels: ``2019`` (a year), ``2021-Q1`` (a quarter), ``2021-2030`` (a span of years)."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Period", "parse_period", "PERIOD_HINT"]

_PERIOD_RE = re.compile(r"^(\d{4})(?:-Q([1-4])|-(\d{4}))?$")
#: How to write a period, quoted by every message about a bad one.
PERIOD_HINT = "write a year (2019), a quarter (2021-Q1) or a span from an earlier to a later year (2021-2030)"


class Period(NamedTuple):
    """A parsed period: first and last year, the quarter if any, and its bounds in months."""

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
    """Parse a period label.

    Examples
    --------
    >>> parse_period("2021-Q1")
    Period(label='2021-Q1', year=2021, quarter=1, year_end=2021)
    >>> parse_period(2019).year_end
    2019
    >>> parse_period("2021-2030").year_end
    2030
    >>> parse_period("2030-2021")
    Traceback (most recent call last):
    ...
    ValueError: '2030-2021' is not a period: the span runs backwards; write a year (2019), a quarter (2021-Q1) or a span from an earlier to a later year (2021-2030)
    """
    text = str(label).strip()
    m = _PERIOD_RE.match(text)
    if m and m[3] and int(m[3]) <= int(m[1]):
        why = "the span runs backwards" if int(m[3]) < int(m[1]) else "a span needs two different years"
        raise ValueError(f"{label!r} is not a period: {why}; {PERIOD_HINT}")
    if not m:
        raise ValueError(f"{label!r} is not a period; {PERIOD_HINT}")
    year = int(m[1])
    return Period(text, year, int(m[2]) if m[2] else None, int(m[3]) if m[3] else year)
