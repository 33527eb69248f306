"""Text helpers: Unicode normalisation and diacritic-insensitive matching keys."""

from __future__ import annotations

import re
import unicodedata

# Old-style tone placement (Hoà, Thuỷ) -> new style (Hòa, Thủy), after NFC.
_TONE_MOVES = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
# "uy" after "q" is not a vowel pair ("qu" is the consonant): quý, Quỳnh keep their tone on the y.
_TONE_RE = re.compile("(?<![qQ])(?:" + "|".join(_TONE_MOVES) + "|" + "|".join(k.upper() for k in _TONE_MOVES) + ")")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC form."""
    return unicodedata.normalize("NFC", text)


def normalize_tones(text: str) -> str:
    """Return NFC text with old-style tone placement (``Hoà``) moved to the new style (``Hòa``)."""
    text = nfc(text)
    return _TONE_RE.sub(lambda m: _move(m.group(0)), text)


def _move(s: str) -> str:
    low = s.lower()
    out = _TONE_MOVES[low]
    return "".join(o.upper() if c.isupper() else o for c, o in zip(s, out, strict=True))


def fold(text: str) -> str:
    """Matching key: lower case, no diacritics, ``đ`` → ``d``, single spaces.

    >>> fold("  Khánh  Hoà ")
    'khanh hoa'
    >>> fold("Hồ sơ ĐÚNG hạn")
    'ho so dung han'
    """
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(text.lower().split())


def collapse_ws(text: str) -> str:
    """NFC text with every run of whitespace replaced by one space."""
    return " ".join(nfc(text).split())


def plain_number(value) -> str:
    """A number as its source prints it in a data file: ``4`` (not ``4.0``), ``98.63``; ``""`` if missing.

    Only the text changes: the shortest digits that read back as the same number (``repr``), no rounding.

    Parameters
    ----------
    value : int, float or None
        The value.

    Returns
    -------
    str
        The number as text.

    Examples
    --------
    >>> [plain_number(v) for v in (4.0, 14000.0, 98.63, 0.1, float("nan"), None)]
    ['4', '14000', '98.63', '0.1', '', '']
    """
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def as_printed(frame):
    """``frame`` with each float column as printed numbers: ``4`` not ``4.0``, ``98.63``, ``None`` if missing.

    The cells stay numbers (:class:`decimal.Decimal`, which pandas does not turn back into ``4.0``): a CSV
    writer leaves them unquoted and never takes ``-3`` for a formula. No value is rounded.

    Examples
    --------
    >>> import pandas as pd
    >>> [str(v) for v in as_printed(pd.DataFrame({"value": [4.0, 98.63, float("nan")], "x": list("abc")}))["value"]]
    ['4', '98.63', 'None']
    """
    import math
    from decimal import Decimal

    import pandas as pd

    def printed(v):
        if v is None or math.isnan(v):
            return None
        return Decimal(int(v)) if float(v).is_integer() else Decimal(repr(float(v)))

    out = frame.copy()
    for column in out.columns:
        if out[column].dtype.kind == "f":
            out[column] = pd.Series([printed(v) for v in out[column]], index=out.index, dtype=object)
    return out
