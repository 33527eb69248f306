"""One argument checker, one message shape: every "is ``value`` one of the valid ones?" goes through here.

Like seaborn's ``_check_argument``: the message names the bad value, what it should have been, close
matches if any, and either the valid values (when there are few) or where to look them up.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["check_argument", "unknown_message", "MAX_LISTED"]

#: Up to this many valid values are listed in the message; beyond, only close matches and the hint.
MAX_LISTED = 12


def check_argument(name: str, value, valid: Iterable, *, hint: str | None = None):
    """Return ``value`` if it is one of ``valid``, else raise ``ValueError`` with one message shape.

    Parameters
    ----------
    name : str
        What the value is, as a noun: ``"kind"``, ``"domain"``, ``"indicator"``.
    value : object
        The value the caller gave.
    valid : iterable
        The valid values, in the order the message should list them.
    hint : str, optional
        Where the valid values can be looked up (``"cchc_data.catalog()"``); added to the message. Without
        it, the first :data:`MAX_LISTED` valid values are listed; with it, only up to that many are.

    Returns
    -------
    object
        ``value``, unchanged.

    Raises
    ------
    ValueError
        ``"'<value>' is not a known <name> (did you mean …?); use one of …; see <hint>"``.

    Examples
    --------
    >>> check_argument("kind", "plan", ["actual", "plan", "target"])
    'plan'
    >>> check_argument("kind", "goal", ["actual", "plan", "target"])
    Traceback (most recent call last):
    ...
    ValueError: 'goal' is not a known kind; use one of 'actual', 'plan', 'target'
    >>> check_argument("kind", "actul", ["actual", "plan", "target"], hint="cchc_data.indicators.kinds()")
    Traceback (most recent call last):
    ...
    ValueError: 'actul' is not a known kind (did you mean 'actual'?); use one of 'actual', 'plan', 'target'; see cchc_data.indicators.kinds()
    """
    valid = list(valid)
    if value in valid:
        return value
    raise ValueError(unknown_message(name, value, valid, hint=hint))


def unknown_message(name: str, value, valid: Iterable, *, hint: str | None = None, close=None) -> str:
    """The message :func:`check_argument` raises, for callers that match values their own way.

    Parameters
    ----------
    name, value, valid, hint
        As in :func:`check_argument`.
    close : list, optional
        Close matches to suggest, when the caller knows better ones than a spelling comparison of ``value``
        with ``valid`` (e.g. province names for a province given as a slug).

    Returns
    -------
    str
        The message.

    Examples
    --------
    >>> unknown_message("index", "HDI", ["par_index", "sipas", "papi", "pci"])
    "'HDI' is not a known index; use one of 'par_index', 'sipas', 'papi', 'pci'"
    >>> unknown_message("indicator", "x", range(100), hint="cchc_data.catalog()")
    "'x' is not a known indicator; see cchc_data.catalog()"
    """
    valid = list(valid)
    if close is None:
        close = difflib.get_close_matches(str(value), [str(v) for v in valid], n=3)
    message = f"{value!r} is not a known {name}"
    if close:
        message += f" (did you mean {', '.join(map(repr, close))}?)"
    if len(valid) <= MAX_LISTED or not hint:
        more = ", …" if len(valid) > MAX_LISTED else ""
        message += f"; use one of {', '.join(map(repr, valid[:MAX_LISTED]))}{more}"
    if hint:
        message += f"; see {hint}"
    return message
