"""Parse numbers printed in the Vietnamese format (``1.514``, ``65,91%``, ``trên 14 nghìn``), or in English (``1,514.5``)."""

from __future__ import annotations

import re

from ._checks import check_argument

__all__ = ["parse_vn_number", "parse_vn_quantity", "numbers_in"]

_SCALES = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000}
_QUALIFIERS = {
    "trên": "more_than",
    "hơn": "more_than",
    "gần": "about",
    "khoảng": "about",
    "ước tính": "about",
    "tối thiểu": "at_least",
    "ít nhất": "at_least",
    "dưới": "less_than",
    "tối đa": "at_most",
}
# A number token: digits with '.' thousands groups and an optional ',' decimal part, or digits with a
# lone '.'/',' decimal part (the source sometimes prints `11.3 %`).
_TOKEN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_FULL_RE = re.compile(
    rf"^\s*(?:(?P<qual>{'|'.join(sorted(_QUALIFIERS, key=len, reverse=True))})\s+)?(?:từ\s+)?"
    rf"(?P<num>{_TOKEN})\s*(?P<scale>{'|'.join(_SCALES)})?\s*(?P<pct>%)?\s*(?P<rest>.*?)\s*$",
    re.IGNORECASE,
)


def _token_value(token: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        return float(token.replace(".", "").replace(",", "."))
    return float(token.replace(",", "."))


def parse_vn_number(text: str) -> float:
    """Parse one number written in the Vietnamese format.

    ``.`` groups thousands and ``,`` is the decimal mark; a trailing ``%`` is dropped (percentages stay
    0–100); ``nghìn``/``triệu``/``tỷ`` scale the number; ``đồng`` and other trailing words are ignored; a
    leading qualifier (``trên``, ``gần``, ``tối thiểu`` …) is allowed (use :func:`parse_vn_quantity` to
    keep it). A lone ``.`` followed by other than three digits is read as a decimal mark.

    Parameters
    ----------
    text : str
        The number as printed, e.g. ``"1.514"`` or ``"65,91%"``.

    Returns
    -------
    float
        The value; percentages stay 0–100 (``"65,91%"`` gives ``65.91``).

    Raises
    ------
    ValueError
        If ``text`` is not a string or does not start with a number.

    See Also
    --------
    parse_vn_quantity : The same, keeping the qualifier.
    numbers_in : Every number in a longer text.

    Examples
    --------
    >>> parse_vn_number("1.514")
    1514.0
    >>> parse_vn_number("65,91%")
    65.91
    >>> parse_vn_number("100.210.000 đồng")
    100210000.0
    >>> parse_vn_number("trên 14 nghìn")
    14000.0
    >>> parse_vn_number("07")
    7.0
    """
    return parse_vn_quantity(text)[0]


def parse_vn_quantity(text: str) -> tuple[float, str]:
    """Parse a printed quantity into ``(value, qualifier)``.

    Reads the number as :func:`parse_vn_number` does and records the words around it that make it
    approximate or a bound (``trên`` more than, ``gần``/``khoảng`` about, ``tối thiểu``/``trở lên`` at
    least, ``dưới`` less than, ``tối đa`` at most).

    Parameters
    ----------
    text : str
        The quantity as printed, e.g. ``"trên 14 nghìn"``.

    Returns
    -------
    tuple of (float, str)
        The value and the qualifier: ``"none"``, ``"more_than"``, ``"about"``, ``"at_least"``,
        ``"less_than"`` or ``"at_most"``.

    Raises
    ------
    ValueError
        If ``text`` is not a string or not a number in the Vietnamese format (the message shows examples).

    Examples
    --------
    >>> parse_vn_quantity("trên 14 nghìn")
    (14000.0, 'more_than')
    >>> parse_vn_quantity("từ 30% trở lên")
    (30.0, 'at_least')
    >>> parse_vn_quantity("98,63%")
    (98.63, 'none')
    """
    if not isinstance(text, str):
        raise ValueError(f"expected the number as printed (a string), got {text!r}")
    m = _FULL_RE.match(text.strip())
    if not m:
        raise ValueError(
            f"{text!r} is not a number in the Vietnamese format; expected e.g. '1.514', '65,91%', "
            "'100.210.000 đồng' or 'trên 14 nghìn'"
        )
    value = _token_value(m["num"]) * _SCALES.get((m["scale"] or "").lower(), 1)
    qualifier = _QUALIFIERS.get((m["qual"] or "").lower(), "none")
    if qualifier == "none" and re.search(r"\btrở lên\b", m["rest"] or "", re.IGNORECASE):
        qualifier = "at_least"
    return value, qualifier


def numbers_in(text: str, *, convention: str = "vi") -> list[float]:
    """Every number printed in ``text``, parsed the Vietnamese way (or the English way).

    ``a/b`` gives both ``a`` and ``b``; in Vietnamese, a number followed by ``nghìn``/``triệu``/``tỷ`` gives
    both the bare and the scaled value.

    Parameters
    ----------
    text : str
        Any text, e.g. a sentence of a report or an evidence fragment.
    convention : {"vi", "en"}, default "vi"
        How the text prints numbers: ``"vi"`` (``1.514``, ``98,63``) or ``"en"`` (``1,514``, ``98.63``), as
        the English pages of the national indices do.

    Returns
    -------
    list of float
        The numbers in order of appearance; empty if there are none.

    See Also
    --------
    parse_vn_number : Parse a text that is one number.

    Examples
    --------
    >>> numbers_in("191/195 xã, phường, thị trấn")
    [191.0, 195.0]
    >>> numbers_in("trên 14 nghìn hộp thư điện tử")
    [14.0, 14000.0]
    >>> numbers_in("đạt tỷ lệ 98,63%")
    [98.63]
    >>> numbers_in("reached 90.49%; ranking 10th out of 63; 1,514 cases", convention="en")
    [90.49, 10.0, 63.0, 1514.0]
    """
    if check_argument("convention", convention, ("vi", "en")) == "en":
        return [float(t.replace(",", "")) for t in _EN_TOKEN_RE.findall(text)]
    out: list[float] = []
    scaled = _SCALE_WORD_RE.search(text) is not None
    for m in _SIMPLE_RE.finditer(text):
        token = m.group()
        if _GROUPED_RE.fullmatch(token):
            value = float(token.replace(".", "").replace(",", "."))
        elif _DECIMAL_RE.fullmatch(token):
            value = float(token.replace(",", "."))
        else:
            continue
        out.append(value)
        if scaled:
            after = _SCALE_AFTER_RE.match(text, m.end())
            if after:
                out.append(value * _SCALES[after.group(1).lower()])
    return out


_SIMPLE_RE = re.compile(r"\d[\d.,]*\d|\d")
_GROUPED_RE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_DECIMAL_RE = re.compile(r"\d+(?:[.,]\d+)?")
_SCALE_WORD_RE = re.compile("|".join([*_SCALES, *(w.capitalize() for w in _SCALES), *(w.upper() for w in _SCALES)]))
_EN_TOKEN_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")  # English: 1,514.5
_SCALE_AFTER_RE = re.compile(rf"\s*({'|'.join(_SCALES)})\b", re.IGNORECASE)
