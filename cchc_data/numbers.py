"""Parse numbers printed in the Vietnamese format (``1.514``, ``65,91%``, ``trên 14 nghìn``), in English
(``1,514.5``) or in Vietnamese words (``hai mươi lăm``, ``không có đơn vị``, ``thứ hai``)."""

from __future__ import annotations

import re
import unicodedata

from ._checks import check_argument

__all__ = ["parse_vn_number", "parse_vn_quantity", "parse_vn_number_words", "numbers_in"]

_SCALES = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000}
# A scale is one scale word or several in a row ("nghìn tỷ", "triệu tỷ"), optionally after "trăm" ("trăm
# triệu"): the printed number is read times every word of it (2,78 nghìn tỷ = 2,78 × 10³ × 10⁹).
_SCALE_WORDS = {**_SCALES, "trăm": 100}
SCALE_PATTERN = r"(?:trăm\s+)?(?:nghìn|ngàn|triệu|tỷ|tỉ)(?:\s+(?:nghìn|ngàn|triệu|tỷ|tỉ))*(?!\w)"


def scale_factor(scale: str) -> int:
    """The factor of a scale matched by :data:`SCALE_PATTERN` (``"nghìn tỷ"`` → 10¹²; ``""`` → 1)."""
    factor = 1
    for word in scale.lower().split():
        factor *= _SCALE_WORDS[word]
    return factor


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
_TOKEN = r"\d{1,3}(?:\.\d{3})+(?!\d)(?:,\d+)?|\d+(?:[.,]\d+)?"  # a group is three digits, never four
_FULL_RE = re.compile(
    rf"^\s*(?:(?P<qual>{'|'.join(sorted(_QUALIFIERS, key=len, reverse=True))})\s+)?(?:từ\s+)?"
    rf"(?P<num>{_TOKEN})\s*(?P<scale>{SCALE_PATTERN})?\s*(?P<pct>%)?\s*(?P<rest>.*?)\s*$",
    re.IGNORECASE,
)

_MALFORMED_RE = re.compile(r"[.,]\d")  # a separator and a digit right after the number read: a bad grouping


def _token_value(token: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        return float(token.replace(".", "").replace(",", "."))
    return float(token.replace(",", "."))


def parse_vn_number(text: str) -> float:
    """Parse one number written in the Vietnamese format.

    ``.`` groups thousands and ``,`` is the decimal mark; a trailing ``%`` is dropped (percentages stay
    0–100); ``nghìn``/``triệu``/``tỷ`` scale the number, every word of a compound scale too (``2,78
    nghìn tỷ`` is 2,78 × 10³ × 10⁹, ``trăm triệu`` 10⁸); ``đồng`` and other trailing words are ignored; a
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
        If ``text`` is not a string, does not start with a number, or groups its digits wrongly
        (``"1.234.5678"``, ``"12.34.56"``: a thousands group has exactly three digits).

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
    >>> parse_vn_number("46.0002 điểm")  # four digits after the dot: a decimal, not thousands
    46.0002
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
        If ``text`` is not a string or not a number in the Vietnamese format, or groups its digits wrongly
        (the message shows examples).

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
    if _MALFORMED_RE.match(m["rest"] or ""):  # "1.234.5678", "12.34.56", "1,5,6": read no part of it
        raise ValueError(
            f"{text!r} is not a number in the Vietnamese format: its digits are grouped wrongly after "
            f"{m['num']!r}; a thousands group has exactly three digits ('1.234.567') and one ',' marks the "
            "decimals ('1.234,5'). Check the number as printed in the source."
        )
    value = _token_value(m["num"]) * scale_factor(m["scale"] or "")
    qualifier = _QUALIFIERS.get((m["qual"] or "").lower(), "none")
    if qualifier == "none" and re.search(r"\btrở lên\b", m["rest"] or "", re.IGNORECASE):
        qualifier = "at_least"
    return value, qualifier


def numbers_in(text: str, *, convention: str = "vi", words: bool = False) -> list[float]:
    """Every number printed in ``text``, parsed the Vietnamese way (or the English way).

    ``a/b`` gives both ``a`` and ``b``; in Vietnamese, a number followed by ``nghìn``/``triệu``/``tỷ`` gives
    both the bare and the scaled value. With ``words=True`` numbers written in Vietnamese words count too (see
    :func:`parse_vn_number_words`), in order of appearance with the numerals: ``không có`` followed by a
    counted noun (``đơn vị``, ``cơ quan``, ``xã`` …) is 0 and ``thứ hai`` is 2. Words that are numbers only
    in some senses are read only inside a longer number: a lone ``năm`` (year/five), ``không`` (not/zero)
    and ``tư`` (private/four) are not read, nor is ``một`` in ``một số`` (some) or ``một cách``.

    Parameters
    ----------
    text : str
        Any text, e.g. a sentence of a report or an evidence fragment.
    convention : {"vi", "en"}, default "vi"
        How the text prints numbers: ``"vi"`` (``1.514``, ``98,63``) or ``"en"`` (``1,514``, ``98.63``), as
        the English pages of the national indices do.
    words : bool, default False
        Also read numbers written in Vietnamese words (``convention="vi"`` only).

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
    >>> numbers_in("một trong ba khâu đột phá", words=True)
    [1.0, 3.0]
    >>> numbers_in("03 cơ quan xếp hạng Trung bình, không có đơn vị xếp hạng Yếu", words=True)
    [3.0, 0.0]
    """
    if check_argument("convention", convention, ("vi", "en")) == "en":
        return [float(t.replace(",", "")) for t in _EN_TOKEN_RE.findall(text)]
    if not words:
        return [value for _, value in _numerals_in(text)]
    return [value for _, value in sorted(_numerals_in(text) + _words_in(text), key=lambda found: found[0])]


def _numerals_in(text: str) -> list[tuple[int, float]]:
    """``(position, value)`` of every number printed in numerals in ``text``."""
    out: list[tuple[int, float]] = []
    scaled = _SCALE_WORD_RE.search(text) is not None
    for m in _SIMPLE_RE.finditer(text):
        token = m.group()
        if _GROUPED_RE.fullmatch(token):
            value = float(token.replace(".", "").replace(",", "."))
        elif _DECIMAL_RE.fullmatch(token):
            value = float(token.replace(",", "."))
        else:
            continue
        out.append((m.start(), value))
        if scaled:
            after = _SCALE_AFTER_RE.match(text, m.end())
            if after:
                out.append((m.start(), value * scale_factor(after.group(1))))
    return out


_SIMPLE_RE = re.compile(r"\d[\d.,]*\d|\d")
_GROUPED_RE = re.compile(r"\d{1,3}(?:\.\d{3})+(?!\d)(?:,\d+)?")
_DECIMAL_RE = re.compile(r"\d+(?:[.,]\d+)?")
_SCALE_WORD_RE = re.compile("|".join([*_SCALES, *(w.capitalize() for w in _SCALES), *(w.upper() for w in _SCALES)]))
_EN_TOKEN_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")  # English: 1,514.5
_SCALE_AFTER_RE = re.compile(rf"\s*({SCALE_PATTERN})", re.IGNORECASE)


# --- Numbers written in words ---------------------------------------------------------------------------
# The grammar of a group below a thousand: [digit trăm] [digit mươi | mười | linh] [unit]. After "mươi" or
# "mười" a five is "lăm" (or "nhăm") and "năm" there means "years"; a one after "mươi" may be "mốt" and a
# four "tư". A bare digit after "trăm" or after a scale word ("một trăm hai", "hai nghìn ba") is a
# colloquial abbreviation (120? 102?) and is not read.
_DIGIT_WORDS = {
    "không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
_UNIT_AFTER_TENS = {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}
_TENS_WORDS = ("mươi", "chục")
_ZERO_TENS_WORDS = ("linh", "lẻ")
_ORDINAL_WORDS = {"nhất": 1, "tư": 4}  # after "thứ"; the other ordinals are the cardinals ("thứ hai" = 2)
# Nouns that make "không có <noun>" a count of zero ("không có đơn vị xếp hạng Yếu").
_COUNTED_NOUNS = (
    "đơn vị", "cơ quan", "tổ chức", "địa phương", "xã", "huyện", "tỉnh", "sở", "ngành", "cấp", "hồ sơ",
    "thủ tục", "văn bản", "trường hợp", "vụ", "việc", "cán bộ", "công chức", "viên chức", "người",
    "hệ thống", "dịch vụ", "sai sót", "vi phạm", "khiếu nại", "phản ánh", "kiến nghị",
)  # fmt: skip
# A number read alone in a text only if it is not one of these (ambiguous) words or idioms.
_NOT_ALONE = {("không",), ("năm",)}
_IDIOMS_AFTER_ONE = ("số", "cách")
_WORD_RE = re.compile(r"\w+")


def _group(tokens: list[str], i: int, *, after_scale: bool) -> tuple[int, int] | None:
    """``(value, next index)`` of a group below a thousand starting at ``tokens[i]``, or None."""
    n = len(tokens)
    hundreds = tens = unit = None
    j = i
    if j + 1 < n and tokens[j] in _DIGIT_WORDS and tokens[j + 1] == "trăm":
        hundreds, j = _DIGIT_WORDS[tokens[j]], j + 2
    if j < n and tokens[j] == "mười":
        tens, j = 1, j + 1
    elif j + 1 < n and _DIGIT_WORDS.get(tokens[j], 0) >= 2 and tokens[j + 1] in _TENS_WORDS:
        tens, j = _DIGIT_WORDS[tokens[j]], j + 2
    elif j + 1 < n and tokens[j] in _ZERO_TENS_WORDS and (hundreds is not None or after_scale):
        word = tokens[j + 1]
        if _DIGIT_WORDS.get(word, 0) >= 1 or word == "tư":
            return (hundreds or 0) * 100 + _DIGIT_WORDS.get(word, 4), j + 2
    if j < n:
        word = tokens[j]
        if tens is not None:
            if word in _UNIT_AFTER_TENS and not (word == "mốt" and tens < 2):
                unit = _UNIT_AFTER_TENS[word]
            elif _DIGIT_WORDS.get(word, 0) >= 1 and word != "năm":
                unit = _DIGIT_WORDS[word]
        elif hundreds is None and not after_scale and word in _DIGIT_WORDS:
            unit = _DIGIT_WORDS[word]
        j += unit is not None
    if j == i:
        return None
    return (hundreds or 0) * 100 + (tens or 0) * 10 + (unit or 0), j


def _number_words(tokens: list[str], i: int) -> tuple[int, int] | None:
    """``(value, next index)`` of the longest number in words starting at ``tokens[i]``, or None."""
    n = len(tokens)
    stack: list[tuple[int, int]] = []  # (multiplicand, scale) of the groups closed by a scale word
    j, pending = i, None
    while j < n:
        if tokens[j] in _SCALES and (pending is not None or stack):
            scale = _SCALES[tokens[j]]
            multiplicand = pending or 0
            while stack and stack[-1][1] < scale:
                value, lower = stack.pop()
                multiplicand += value * lower
            if multiplicand == 0:
                break
            stack.append((multiplicand, scale))
            pending, j = None, j + 1
            continue
        if pending is not None:
            break
        group = _group(tokens, j, after_scale=bool(stack))
        if group is None:
            break
        pending, j = group
    if j == i or (not stack and pending is None):
        return None
    return sum(value * scale for value, scale in stack) + (pending or 0), j


def _tokens(text: str) -> list[re.Match]:
    return list(_WORD_RE.finditer(unicodedata.normalize("NFC", text).lower()))


def parse_vn_number_words(text: str) -> float:
    """Parse one number written in Vietnamese words.

    Reads the digits ``không`` … ``chín`` (``bẩy`` for ``bảy``), ``mười`` and ``mươi``/``chục`` (tens),
    ``mốt`` (1), ``tư`` (4) and ``lăm``/``nhăm`` (5) after the tens, ``linh``/``lẻ`` (no tens), ``trăm``
    and the scales ``nghìn``/``ngàn``, ``triệu`` and ``tỷ``/``tỉ``; ``thứ`` before a number makes an
    ordinal (``thứ nhất`` 1, ``thứ tư`` 4). Case and Unicode normal form do not matter. Abbreviated forms
    whose value is ambiguous (``một trăm hai``: 120 or 102?) are refused.

    Parameters
    ----------
    text : str
        The number in words, e.g. ``"hai mươi lăm"``.

    Returns
    -------
    float
        The value.

    Raises
    ------
    ValueError
        If ``text`` is not a string or not wholly one number in words (the message shows examples).

    See Also
    --------
    parse_vn_number : A number printed in numerals.
    numbers_in : Every number in a longer text (``words=True`` for numbers in words).

    Examples
    --------
    >>> parse_vn_number_words("ba")
    3.0
    >>> parse_vn_number_words("hai mươi mốt")
    21.0
    >>> parse_vn_number_words("một trăm linh năm")
    105.0
    >>> parse_vn_number_words("hai nghìn không trăm hai mươi ba")
    2023.0
    >>> parse_vn_number_words("thứ hai")
    2.0
    """
    if not isinstance(text, str):
        raise ValueError(f"expected the number in words (a string), got {text!r}")
    tokens = [m.group() for m in _tokens(text)]
    start = 1 if tokens[:1] == ["thứ"] and len(tokens) > 1 else 0
    if start and len(tokens) == 2 and tokens[1] in _ORDINAL_WORDS:
        return float(_ORDINAL_WORDS[tokens[1]])
    found = _number_words(tokens, start) if tokens else None
    if found is None or found[1] != len(tokens) or len(tokens) != len(text.split()):
        raise ValueError(
            f"{text!r} is not a number in Vietnamese words; expected e.g. 'ba', 'hai mươi lăm', "
            "'một trăm linh năm', 'hai nghìn không trăm hai mươi ba' or 'thứ hai'"
        )
    return float(found[0])


def _counted_noun_after(tokens: list[str], i: int) -> int:
    """Length in words of the counted noun starting at ``tokens[i]`` (0 if there is none)."""
    for noun in _COUNTED_NOUNS:
        words = noun.split()
        if tokens[i : i + len(words)] == words:
            return len(words)
    return 0


def _words_in(text: str) -> list[tuple[int, float]]:
    """``(position, value)`` of every number written in words in ``text``."""
    matches = _tokens(text)
    tokens = [m.group() for m in matches]
    out: list[tuple[int, float]] = []
    i = 0
    while i < len(tokens):
        if tokens[i : i + 2] == ["không", "có"] and (noun := _counted_noun_after(tokens, i + 2)):
            out.append((matches[i].start(), 0.0))
            i += 2 + noun
            continue
        if tokens[i] == "thứ" and i + 1 < len(tokens) and tokens[i + 1] in _ORDINAL_WORDS:
            out.append((matches[i].start(), float(_ORDINAL_WORDS[tokens[i + 1]])))
            i += 2
            continue
        found = _number_words(tokens, i)
        if found is None:
            i += 1
            continue
        value, j = found
        if tokens[j - 1] in (*_SCALES, "trăm") and _DIGIT_WORDS.get(tokens[j] if j < len(tokens) else "", 0) >= 1:
            i = j + 1  # "hai nghìn ba", "một trăm hai": 2300 or 2003? 120 or 102? Neither is read.
            continue
        idiom = tokens[i] == "một" and j == i + 1 and tokens[j : j + 1] in ([w] for w in _IDIOMS_AFTER_ONE)
        if tuple(tokens[i:j]) in _NOT_ALONE or idiom:
            i += 1
            continue
        out.append((matches[i].start(), float(value)))
        i = j
    return out
