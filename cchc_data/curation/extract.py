"""Curation assistant: candidate facts read from a province's report, for a curator to review.

:func:`extract` finds every number worth curating in a Vietnamese text and proposes a row of
``indicators.csv`` for it, with the cues it used, so that a curator only has to judge. The cue words
(qualifiers, targets, units, breakdowns, period words) live in ``extract_cues.csv`` beside this module;
the kinds of numbers that are never facts (dates, document numbers …) are the table ``SKIP`` below.
:mod:`cchc_data.curate` checks and applies the reviewed file.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .._csvfile import write_csv
from .._docstrings import share_docs_in
from .._text import fold, nfc
from ..datadir import data_dir as _data_dir
from ..datadir import identity
from ..numbers import SCALE_PATTERN, parse_vn_number, parse_vn_number_words
from ..periods import parse_period
from ..province_registry import resolve_province
from ..schema import MAX_EVIDENCE_WORDS, read_table
from ..vocabularies import catalog

__all__ = ["extract", "write_review", "REVIEW_COLUMNS", "FACT_COLUMNS", "CATALOG_COLUMNS", "SKIP", "cues"]

CUES_FILE = Path(__file__).with_name("extract_cues.csv")

FACT_COLUMNS = [
    "fact_id", "province", "indicator", "period", "kind", "value", "qualifier",
    "breakdown", "source_id", "evidence", "flag", "note", "note_vi",
]  # fmt: skip
#: Review columns after the fact columns. ``keep`` is the reviewer's verdict (``yes`` / ``no``);
#: ``catalog_*`` define a new catalog row when ``indicator`` is not in the catalog yet.
REVIEW_EXTRA = [
    "keep", "confidence", "indicator_score", "indicator_label", "indicator_candidates", "draft_indicator",
    "draft_label_vi", "unit", "role", "fraction", "position", "why",
]  # fmt: skip
CATALOG_COLUMNS = [
    "catalog_label_vi", "catalog_label_en", "catalog_unit_vi", "catalog_unit_en", "catalog_domain",
    "catalog_concept", "catalog_whole", "catalog_description", "catalog_comparability",
    "catalog_comparability_note_vi", "catalog_comparability_note_en",
]  # fmt: skip
REVIEW_COLUMNS = FACT_COLUMNS + REVIEW_EXTRA + CATALOG_COLUMNS

WORDS_BEFORE = 4  # context words kept before the number in the evidence
WORDS_AFTER = 5  # … and after it
REACH = 1500  # characters read each side of a number, at most (its sentence, if shorter)
AFTER_CUE_WORDS = 4  # a breakdown named after the number counts within this many words
MIN_INDICATOR_SCORE = 65  # below this, no indicator is suggested
MIN_INDICATOR_MARGIN = (
    5  # … nor when the runner-up scores within this many points (bonuses included): a near tie is no strong match
)


@dataclass(frozen=True)
class Cues:
    """The cue words of ``extract_cues.csv``, by type."""

    rows: tuple[dict, ...]
    by_type: dict = field(default_factory=dict)

    def of(self, kind: str) -> list[dict]:
        return self.by_type.get(kind, [])


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue table (``extract_cues.csv``): one row per cue word, with its ``type`` and ``value``.

    Read once; edit ``extract_cues.csv`` to teach :func:`extract` a new cue word.

    Returns
    -------
    Cues
        ``rows`` (every row as a dict of ``cue``, ``type``, ``value`` …) and ``of(type)``, the rows of one
        type, longest cue first.

    Examples
    --------
    >>> table = cues()
    >>> [c["value"] for c in table.of("qualifier") if c["cue"] == "tối thiểu"]
    ['at_least']
    """
    with CUES_FILE.open(encoding="utf-8", newline="") as fh:
        rows = tuple({k: nfc(v) for k, v in row.items()} for row in csv.DictReader(fh))
    by_type: dict[str, list[dict]] = {}
    for row in rows:
        by_type.setdefault(row["type"], []).append(row)
    for kind in by_type:  # longest cue first: "lĩnh vực đất đai, xây dựng, đầu tư" before "lĩnh vực đất đai"
        by_type[kind].sort(key=lambda r: -len(r["cue"]))
    return Cues(rows, by_type)


@lru_cache(maxsize=256)
def _compiled(cue: str) -> re.Pattern:
    """A cue as a pattern on lower-cased text, matching whole words only.

    The word boundary before the cue is checked after its first letter (``c(?<!\\w.)ue``), so that the
    pattern starts with a literal and the regular-expression engine skips ahead to it: ~10× faster on a
    long text than a leading ``(?<!\\w)``, with the same matches."""
    escaped = re.escape(cue.lower())
    right = r"(?!\w)" if cue[-1:].isalnum() else ""
    if cue[:1].isalnum():
        return re.compile(escaped[0] + r"(?<!\w.)" + escaped[1:] + right)
    return re.compile(escaped + right)


def _cue_words(kind: str) -> str:
    """The cue words of ``kind`` as a regular-expression alternation, longest first (for :data:`SKIP`)."""
    return "|".join(re.escape(c["cue"]) for c in cues().of(kind))


# Numbers that are never facts. Each pattern marks a span of the text; a number inside it is left out. The words
# of a page counter ("lượt xem"), of an index's areas ("trục nội dung") and of a score's scale ("thang điểm")
# are cue words in ``extract_cues.csv`` (counter_label, index_areas, score_scale_word).
# Order matters only for the reason reported (the first pattern that covers a number names it).
SKIP: tuple[tuple[str, str], ...] = (
    ("page counter", rf"(?i:{_cue_words('counter_label')})\s*:?\s*\d[\d.,]*"
                     rf"|(?m:\d(?<![^\n]\d)[\d.,]*[ \t]+(?i:{_cue_words('counter_label')})[ \t]*$)"  # a line "3,132 lượt xem"
                     r"|(?m:^[ \t]*\d{1,3}(?:,\d{3})+[ \t]*$)"),  # "4,337" alone on its line: a counter without its label
    ("related articles", r"(?m:^[ \t]*(?i:tin cùng chuyên mục|tin liên quan|bài viết liên quan|bài liên quan|các tin khác)"
                         r"[ \t]*:?[ \t]*\n(?:[ \t]*\S[^\n]*(?:\n|$))*)"),  # the headlines of other articles
    ("attached file", r"(?<![\w.-])[\w.-]+\.(?i:pdf|docx?|xlsx?|pptx?|zip|rar|jpe?g|png)(?!\w)"),  # 1066_QD-UBND….pdf
    ("news agency date line", r"\([A-ZĐ]{2,}[A-Za-zĐ.]*\s+\d{1,2}/\d{1,2}\)"),  # (TTXVN 4/5)
    ("url", r"<?(?:https?://|www\.)[^\s>]+>?|\b[\w.-]+\.(?:gov|com|org|net|edu)(?:\.vn)?\b|\b\S+@\S+\.\w+"),
    ("phone number", r"(?:(?:điện thoại|ĐT|SĐT|Tel|hotline|Fax)[.:]?\s*)(?:\+?\d[\d\s.]{7,14}\d)"
                     r"|(?<![\d.,])(?:\+84|0)\d{2,3}[\s.]?\d{3,4}[\s.]?\d{3,4}(?![\d,])"),
    ("time of day", r"\b\d{1,2}:\d{2}(?::\d{2}(?!\d))?(?!\d)(?!:\d{4})(?:\s*[AaPp][Mm]\b)?|(?i:GMT|UTC)\s*[+-]\s*\d{1,2}"),
    ("standard", r"\b(?:TCVN|ISO)(?:\s+ISO)?\s+\d+(?::\d{4})?"),
    ("version", r"(?i:phiên bản|version|ver\.?)\s*\d+(?:\.\d+)*|\bv\d+(?:\.\d+)+"),
    ("document number", r"(?<![\d.,])\d+(?:/\d+)*(?:/|-)(?:[A-ZĐ][A-Za-zĐđ]*)(?:[-/][A-ZĐa-z][A-Za-zĐđ]*)*"),
    ("name with a number", r"\b[A-Za-z]+-\d+\b|(?<![\d.,])\d+[A-Za-z]+\b|\b[A-ZĐ]\.\d+\b"
                           r"|(?i:công nghiệp|cmcn)\s+\d\.0(?![\d.,]?\d)"  # Cách mạng công nghiệp 4.0
                           r"|\d(?=\s+(?i:cấp)(?!\w))(?:(?<=(?i:quyền) \d)|(?<=(?i:quyền địa phương) \d))"  # chính quyền 2 cấp
                           r"|\d+(?=\s*(?i:buổi)\s*/\s*(?i:ngày|tuần))"),  # dạy học 2 buổi/ngày: a scheme
    ("name of a scheme", r"(?i:đề án|chương trình|dự án|nghị quyết|nghị định|chỉ thị|thông tư|công văn|quyết định)"
                         r"\s+(?:số\s+)?\d+(?![\d.,]\d)(?!\s*%)"),
    ("date", r"\b\d{1,2}/\d{1,2}/\d{2,4}\b(?:,?[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]+\d[\d.,]*(?!\S))?"  # 25/05/2022 11:17  132: a time stamp and a page counter
             r"|\b\d{1,2}-\d{1,2}-\d{4}\b|\b(?:19|20)\d{2}-\d{2}(?:-\d{2})?\b"
             r"|(?i:ngày|sáng|chiều|trưa|tối|đêm)\s+(?:ngày\s+|nay\s*\(\s*)?\d{1,2}(?:\.|\s*/\s*)\d{1,2}"
             r"(?:\s*/\s*\d{2,4})?(?!\d)"  # sáng ngày 25 / 5
             r"|(?<![\d.,])\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}(?!\d)"  # 17.5.2018
             r"|(?<![\d.,/])(?:1[3-9]|2\d|3[01])\s*/\s*(?:0?[1-9]|1[0-2])(?![\d/]|[.,]\d|\s*%)"  # 25/5, 25 / 5: a day over 12
             r"|(?i:ngày)\s+\d{1,2}\s+(?i:tháng)\s+\d{1,2}(?:\s+(?i:năm)\s+\d{4})?"
             r"|(?i:tháng)\s+\d{1,2}(?:\s*[-/]\s*\d{4})?|\b\d{1,2}/\d{4}\b"
             r"|(?i:thứ)\s+(?:\d|hai|ba|tư|năm|sáu|bảy)\s*,\s*(?i:ngày\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?"),
    ("count of the ranked", r"(?i:xếp hạng|bảng xếp hạng)\s+(?:(?:của|cho|các|cả)\s+)*\d+"
                            r"(?=\s+(?i:tỉnh|địa phương|bộ)(?!\w))"  # "xếp hạng 63 tỉnh": those ranked
                            r"|(?:63|34)(?=\s+(?i:tỉnh|địa phương)(?!\w))(?:(?<=của \d\d)|(?<=Của \d\d)|(?<=ở \d\d)|(?<=Ở \d\d))"),  # của 63 tỉnh
    ("structure of an index", rf"(?<![\d.,/])(?<!/ )\d+(?![\d.,/])(?=\s+(?i:{_cue_words('index_areas')})(?!\w))"),  # 08 trục nội dung của PAPI
    ("period", r"(?i:quý)\s+(?:[IV]+|\d)(?:\s*[/-]\s*\d{4})?"),
    ("year", r"(?<![\d.,/])(?:19|20)\d{2}(?![\d.,]\d)"),
    ("span of time or age", r"(?<![\d.,/])(?<!top )(?<!Top )(?<!TOP )\d+\s+(?i:tháng|năm|tuổi)(?!\w)(?!\s*\d)"),
    ("edition", r"(?i:lần|năm|kỳ|khóa|khoá|đợt|phiên)\s+(?:thứ\s+)?\d+(?![\d.,]\d)(?!\s*%)"),
    ("level", r"(?i:mức(?: độ)?)\s+\d+(?![.,]?\d|\s*%)(?:\s*,\s*(?:mức(?: độ)?\s+)?\d(?![\d.,]))*"),
    ("scale of a score", rf"(?i:{_cue_words('score_scale_word')})\s+(?:(?i:từ)\s+)?\d+(?:\s*\([^()\n]{{0,20}}\))?"
                         r"(?:\s*(?:-|–|(?i:đến))\s*\d+(?:\s*\([^()\n]{0,20}\))?)?|(?<=điểm)\s*/\s*\d+(?=\s*điểm(?!\w))"),  # 80,18 điểm/100 điểm
    ("section number", r"(?m)^\s*\d+(?:\.\d+)*[.)](?=\s)|(?i:điều|khoản|chương|phụ lục)\s+\d+"),
    ("footnote marker", r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\d{1,3}\]|(?<=[^\s\d(])\(\d{1,2}\)"),
    ("list marker", r"\(\d{1,2}\)(?=\s+\w)(?:(?<=[:;] \(\d\))|(?<=[:;] \(\d\d\))|(?<=\n\(\d\))|(?<=\n\(\d\d\)))"),  # do: (1) …; (2)
)  # fmt: skip
_SKIP_RE = [(why, re.compile(pattern)) for why, pattern in SKIP]

_NUM = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:[.,][0-9]+)?"
_TOKEN_RE = re.compile(
    rf"(?<![0-9.,])(?P<a>{_NUM})(?:\s*/\s*(?P<b>{_NUM}))?(?![0-9])"
    rf"(?P<scale>\s*{SCALE_PATTERN})?(?P<pct>\s*%)?"
)
_GROUPED_RE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_SENTENCE_END_RE = re.compile(r"[.!?…](?=\s|$)|\n")
_SEGMENT_END_RE = re.compile(r"[.!?…](?=\s|$)|[;()\n]")
_CLAUSE_END_RE = re.compile(r"[.!?…](?=\s|$)|[;(),\n]")
_YEAR_MENTION_RE = re.compile(
    r"(?P<quarter>(?i:quý)\s+(?P<q>I{1,3}|IV|[1-4])\s*(?:[/-]\s*|(?i:năm)\s+)(?P<qy>(?:19|20)\d{2}))"
    r"|(?P<span>(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?P<y2>(?:19|20)\d{2}))"
    r"|(?P<pair>(?P<p1>(?:19|20)\d{2})\s+và\s+(?:năm\s+)?(?P<p2>(?:19|20)\d{2})(?![\d.,]\d))"
    r"|(?P<quarter_only>(?i:quý)\s+(?P<q2>IV|I{1,3}|[1-4])(?![\w/-]))"
    r"|(?P<month>(?i:tháng)\s+\d{1,2}\s*(?:[/-]|\s(?i:năm)\s)\s*(?P<my>(?:19|20)\d{2})(?![\d.,]\d))"
    r"|(?P<year>(?<![\d.,/])(?:19|20)\d{2}(?![\d.,]\d))"
)
RESPECTIVELY = "lần lượt"
_YEARS_COUNTED_RE = re.compile(r"\s+năm\s+(?:19|20)\d{2}\s*(?:và|-|–|đến)\s*(?:năm\s+)?(?:19|20)\d{2}(?!\d)")
_COUNTED_RE = re.compile(r"[0-9]\s+$")
_YEAR_BEFORE_RE = re.compile(r"(?<!\w)năm\s+(?:19|20)\d{2}\s+$")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


class _CueIndex:
    """Every occurrence of the cues of one type in the (lower-cased) text, found once and looked up by range."""

    def __init__(self, kind: str, low: str):
        self.rows = cues().of(kind)
        hits = [(m.start(), m.end(), i) for i, row in enumerate(self.rows) for m in _compiled(row["cue"]).finditer(low)]
        hits.sort()
        self.hits = hits
        self.starts = [h[0] for h in hits]

    def find(self, lo: int, hi: int) -> list[tuple[int, int, dict]]:
        """Non-overlapping occurrences inside ``lo:hi``, the longest cue first (as :func:`_find_cues`)."""
        inside = []
        for start, end, i in self.hits[bisect.bisect_left(self.starts, lo) :]:
            if start >= hi:
                break
            if end <= hi:
                inside.append((i, start, end))
        found: list[tuple[int, int, dict]] = []
        for i, start, end in sorted(inside):  # the table's order: longest cue first, then in reading order
            if not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, self.rows[i]))
        return sorted(found, key=lambda f: f[0])


def _find_cues(kind: str, low: str, lo: int, hi: int) -> list[tuple[int, int, dict]]:
    """Non-overlapping occurrences of cues of ``kind`` in ``low[lo:hi]`` (the lower-cased text), longest first."""
    found: list[tuple[int, int, dict]] = []
    for row in cues().of(kind):
        for m in _compiled(row["cue"]).finditer(low, lo, hi):
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), row))
    return sorted(found, key=lambda f: f[0])


def _bounds(pattern: re.Pattern, text: str, at: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The span around ``at`` between two matches of ``pattern`` (within ``lo:hi``)."""
    hi = len(text) if hi is None else hi
    start = lo
    for m in pattern.finditer(text, lo, at):
        start = m.end()
    m = pattern.search(text, at, hi)
    return start, (m.start() if m else hi)


_WORD_RE = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Each Latin letter with diacritics (U+00C0–U+024F, U+1E00–U+1EFF) → what :func:`fold` makes of it."""
    return {c: fold(chr(c)) or "" for r in ((0xC0, 0x250), (0x1E00, 0x1F00)) for c in range(*r)}


def _fold(text: str) -> str:
    """:func:`cchc_data._text.fold`, fast for Vietnamese text: one ``str.translate`` instead of a pass over
    each character's Unicode category (the same result; anything else is handed to :func:`fold`)."""
    out = text.translate(_fold_table())
    return " ".join(out.lower().split()) if out.isascii() else fold(text)


def _words(text: str, lo: int, hi: int, most: int | None = None) -> list[tuple[int, int]]:
    """The words of ``text[lo:hi]`` as ``(start, end)``, the first ``most`` only if given."""
    return [(m.start(), m.end()) for m in itertools.islice(_WORD_RE.finditer(text, lo, hi), most)]


# ---------------------------------------------------------------------------------------------------------
# catalog matching


def _expand(text: str) -> str:
    """A matching key: common words and numbers left out, folded (no case, no diacritics), the long forms
    of the abbreviations of the cue table abbreviated (``thủ tục hành chính`` → ``tthc``), so that both
    spellings count as one word.

    >>> _expand("Số thủ tục hành chính (TTHC) của 08 cơ quan")
    'tthc tthc co quan'
    """
    stop = _stopwords()  # before folding: "có" is common, "cơ" (quan) is not
    words = [w for w in re.findall(r"\w+", nfc(text).lower()) if w not in stop and not w.isdigit()]
    key = " " + _fold(" ".join(words)) + " "
    for short, long in _abbreviations():
        if long in key:
            key = key.replace(long, f" {short} ")
    return " ".join(key.split())


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[str, str], ...]:
    rows = cues().of("abbreviation")
    return tuple((fold(r["cue"]), " " + " ".join(re.findall(r"\w+", fold(r["value"]))) + " ") for r in rows)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset:
    return frozenset(w for row in cues().of("stopword") for w in row["cue"].lower().split())


@lru_cache(maxsize=8)
def _catalog_choices(folder_key: str, _identity: tuple) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The catalog, its labels and counted units as matching keys (folded, abbreviations spelt out)."""
    cat = catalog(data_dir=folder_key or None).reset_index(drop=True)
    texts = [_expand(label) for label in cat["label_vi"]]
    nouns = [_expand(unit_vi) for unit_vi in cat["unit_vi"]]
    return cat, texts, nouns


#: Windows of words around a number whose similarity to a catalog label is averaged: (words before,
#: words after, within: the comma-bounded clause, the segment between ; and brackets, the sentence, or
#: the first words of the sentence, its "head"; weight). The words next to the number weigh most.
QUERY_WINDOWS = (
    (6, 6, "clause", 4),
    (5, 5, "segment", 1),
    (10, 8, "segment", 1),
    (20, 15, "sentence", 1),
    (40, 40, "sentence", 1),
    (5, 0, "head", 1),
)
NOUN_BONUS = 30  # added to an indicator whose counted unit (or label's first word) is the noun after the number
ROLE_BONUS = 100  # the a of a/b is a part in the catalog, its b a whole, whenever one fits at all
TIE_BREAK = 0.2  # weight of the word-order-sensitive similarity of the nearest words, to part near-equals


#: Units no catalog indicator is measured in: a rank, an index score, days get no suggestion.
NO_CATALOG_UNITS = ("rank", "points", "day")


def _suggest(queries: list[str], noun: str, unit: str, role: str, catalog_info) -> list[tuple[str, float, str]]:
    """The catalog indicators closest to the words around a number, best first: ``(code, score 0-100, label)``.

    Indicators of the number's unit family (percent, money, other counts) compete on the similarity of their
    label to the windows of :data:`QUERY_WINDOWS`, plus :data:`NOUN_BONUS` when the noun after the
    number is what they count (the score, capped at 100); among those, a part is preferred for the
    ``a`` of ``a/b`` and a whole for its ``b``. A rank, an index score or a number of days gets none
    (:data:`NO_CATALOG_UNITS`). :func:`_strong` decides whether the first is suggested.
    """
    if unit in NO_CATALOG_UNITS:
        return []
    key = (tuple(queries), noun, unit, role)
    memo = catalog_info[3]  # one per extract() call: a phrase printed again in the report is scored once
    if key not in memo:
        memo[key] = _suggest_uncached(*key, catalog_info)
    return list(memo[key])


def _suggest_uncached(queries: tuple, noun: str, unit: str, role: str, catalog_info) -> tuple:
    import numpy as np
    from rapidfuzz import fuzz
    from rapidfuzz.process import cdist

    cat, labels, nouns, _memo = catalog_info
    units = cat["unit"].to_numpy()
    if unit in ("percent", "vnd", "minute"):  # the units must agree: a share, money, a time …
        mask = units == unit
    else:  # … or a count (of procedures too)
        mask = ~np.isin(units, ["percent", "vnd", "minute"])
    role_fits = (cat["whole"] != "") if role == "part" else cat["indicator"].isin(set(cat["whole"])) if role else None
    *queries, segment = [_expand(q) for q in queries]  # the segment's words come last: for the coverage check
    noun = _expand(noun)
    head = noun.split()[0] if noun else ""
    near = set(segment.split())
    shares = np.array([not near.isdisjoint(label.split()) for label in labels])  # others score too low to win
    idx = np.flatnonzero(mask & shares)
    if not len(idx):
        return ()
    chosen = [labels[i] for i in idx]
    weights = np.array([w[3] for w in QUERY_WINDOWS], dtype=float)
    similarity = cdist(queries, chosen, scorer=fuzz.token_set_ratio)  # windows × labels, in C
    score = weights @ similarity / weights.sum()
    score = score + TIE_BREAK * cdist(queries[:1], chosen, scorer=fuzz.token_sort_ratio)[0]
    if unit != "percent" and head:
        score = score + NOUN_BONUS * np.array([head in (nouns[i].split()[:1] + labels[i].split()[:1]) for i in idx])
    rank = score + (ROLE_BONUS * role_fits.to_numpy()[idx] if role_fits is not None else 0)
    order = np.argsort(-rank, kind="stable")[:3]
    scored = [(rank[o], float(score[o]), int(idx[o])) for o in order]
    return tuple(
        (cat.at[i, "indicator"], round(score, 1), cat.at[i, "label_vi"], _coverage(labels[i], near))
        for _, score, i in scored
    )


LONG_LABEL = 12  # syllables: a label this long may miss …
LONG_LABEL_MISSING = 2  # … this many syllables (one word) in the number's segment and still match strongly


def _coverage(label: str, near: set[str]) -> bool:
    """Whether the number's segment holds the label's words (a long label may miss one word)."""
    words = label.split()
    missing = sum(w not in near for w in words)
    return missing <= (LONG_LABEL_MISSING if len(words) >= LONG_LABEL else 0)


def _cued(indicator: str, clause: str) -> bool:
    """Whether the number's clause (lower-cased) has a cue word of ``indicator`` (when the cue table lists
    any: ``indicator_cue``) and none of the words that rule it out (``indicator_block``): ``đúng hạn`` for
    ``dossiers_on_time``, not ``quá hạn``."""
    need = [c for c in cues().of("indicator_cue") if c["value"] == indicator]
    if need and not any(_compiled(c["cue"]).search(clause) for c in need):
        return False
    return not any(_compiled(c["cue"]).search(clause) for c in cues().of("indicator_block") if c["value"] == indicator)


def _strong(ranked: list[tuple]) -> bool:
    """Whether the best catalog indicator is a strong enough match to suggest: the number's segment holds
    the words of its label (common words left out, abbreviations read; a label of :data:`LONG_LABEL`
    syllables may miss :data:`LONG_LABEL_MISSING`), it scores at least
    :data:`MIN_INDICATOR_SCORE`, and ahead of the runner-up by :data:`MIN_INDICATOR_MARGIN`."""
    if not ranked or not ranked[0][3] or min(100.0, ranked[0][1]) < MIN_INDICATOR_SCORE:
        return False
    return len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= MIN_INDICATOR_MARGIN


# ---------------------------------------------------------------------------------------------------------
# periods


def _mention_label(m: re.Match, default_year: int | None = None) -> tuple[str, int] | None:
    """A period mention as a label, and its last year; a quarter without a year is of ``default_year``
    (the report's), None without one."""
    if m["quarter"]:
        q = _ROMAN.get(m["q"].upper(), None) or int(m["q"])
        return f"{m['qy']}-Q{q}", int(m["qy"])
    if m["quarter_only"]:
        if default_year is None:
            return None
        q = _ROMAN.get(m["q2"].upper(), None) or int(m["q2"])
        return f"{default_year}-Q{q}", default_year
    if m["month"]:  # "tháng 3/2025": the month's year (the period vocabulary has no months)
        return m["my"], int(m["my"])
    if m["span"]:
        return f"{m['y1']}-{m['y2']}", int(m["y2"])
    if m["pair"]:  # "năm 2017 và 2018": both years
        return f"{m['p1']}-{m['p2']}", int(m["p2"])
    return m["year"], int(m["year"])


@dataclass
class _Context:
    """What the paragraph said so far: the period in force, and up to where a goal or a plan word governs."""

    period: str
    default_end: int | None
    goal_until: int = -1  # a target cue governs the numbers before this position (its paragraph, or its clause)
    plan_until: int = -1  # a plan cue governs the numbers before this position (its segment)
    kind_why: str = ""
    why: list[str] = field(default_factory=list)
    consumed: set = field(default_factory=set)  # year mentions read as the period of the number before them
    listing: bool = False  # this paragraph is an item of a list its predecessor introduced
    list_period: tuple[str, list[str]] | None = None  # the period in force after the line introducing the list
    list_start: int = -1  # where the line introducing the list starts
    latest: list = field(default_factory=lambda: [0, ""])  # the latest year a month or a date of a count named
    restore: tuple | None = None  # (position, period, why): a comparison year's clause ends there
    goal_year: int = 0  # the year of the last "đến năm 2025" read …
    goal_end: int = -1  # … and the end of its sentence: a year before it named later ends the goal
    list_goal: str = ""  # why the items are goals, if the line introducing them named one ("Mục tiêu năm 2025:")

    def kind_at(self, at: int) -> str:
        """``plan``, ``target`` or ``actual`` for a number at ``at``."""
        if at < self.plan_until:
            return "plan"
        return "target" if at < self.goal_until else "actual"


#: A day before "tháng 3 năm 2025" makes it a date ("ngày 5 tháng 3 năm 2025"), which names no period.
_DAY_BEFORE_RE = re.compile(r"\d\s*$")

#: A year inside one of these (ISO 9001:2008, 3595/QĐ-UBND, ngày 18/3/2021) names no period.
NOT_PERIOD_SPANS = ("standard", "document number", "date", "version", "url", "phone number")


def _period_mentions(text: str, low: str, lo: int, hi: int, spans: _SkipIndex, consumed=frozenset()):
    """Period mentions in ``text[lo:hi]`` that name the period of what follows (not baselines, not a year
    already read as the period of the number before it: ``consumed``)."""
    for m in _YEAR_MENTION_RE.finditer(text, lo, hi):
        if m.start() in consumed:
            continue
        if m["month"]:  # "tháng 3/2025" names its year, "ngày 5 tháng 3 năm 2025" (a date) none
            if _DAY_BEFORE_RE.search(low, max(lo, m.start() - 12), m.start()):
                continue
        elif any(why in NOT_PERIOD_SPANS for why in spans.reasons(m.start(), m.end())):
            continue
        before = low[max(lo, m.start() - 20) : m.start()]
        before_words = before.split()[-3:]
        prefix = " ".join(before_words)
        ignored = [
            c
            for c in cues().of("period_ignore")
            if _compiled(c["cue"]).search(prefix) and not (c["cue"] == "từ" and (m["span"] or m["pair"]))
        ]  # fmt: skip  "từ năm 2018 đến nay" starts a count; "từ (2013-2018)" names a span
        not_target = [c for c in cues().of("not_target") if c["where"] == "before_year" and c["cue"] in prefix]
        published = _published_re().search(low, max(lo, m.start() - 45), m.start())
        far = _baseline_before(low[max(lo, m.start() - 50) : m.start()])
        yield m, bool(ignored) or bool(published) or far, bool(not_target), prefix


#: "17 năm liền (2008 - 2024)": a span of years in brackets right after a count of years says which years
#: something lasted; it is the period of its own clause only ("6 năm liền từ (2013-2018) nằm trong top 5"),
#: not of what follows ("… song đã rơi xuống vị trí thứ 9", the next sentence).
_DURATION_BEFORE_RE = re.compile(r"\d+\s+năm(?:\s+[^\W\d]+){0,2}\s*\(\s*$")
_CLAUSE_STOP_RE = re.compile(r"[;!?\n]|[.…](?=\s|$)")


def _lasting_until(low: str, m: re.Match, lo: int) -> int | None:
    """Where the clause of a span of years glossing a count of years ends (a stop or a ``clause_opener`` cue:
    ``song``, ``nhưng``), or None if the span glosses no count of years."""
    if not m["span"] or not _DURATION_BEFORE_RE.search(low, max(lo, m.start() - 30), m.start()):
        return None
    stop = _CLAUSE_STOP_RE.search(low, m.end(), m.end() + REACH)
    end = stop.start() if stop else m.end() + REACH
    for c in cues().of("clause_opener"):
        opener = _compiled(c["cue"]).search(low, m.end(), end)
        if opener:
            end = opener.start()
    return end


_BASELINE_VALUE_RE = re.compile(r"(?<!\w)năm\s+(?P<y>(?:19|20)\d{2})\s*\(\s*$")


@lru_cache(maxsize=1)
def _baseline_rank_re() -> re.Pattern:
    """``tăng 34 bậc so với năm 2020 (từ vị trí 47``: the rank a change starts from (a ``span_start`` and a
    ``rank`` cue right after the bracket) is the baseline year's."""
    start = "|".join(re.escape(c["cue"].lower()) for c in cues().of("span_start"))
    rank = "|".join(re.escape(c["cue"].lower()) for c in cues().of("rank"))
    return re.compile(rf"(?<!\w)năm\s+(?P<y>(?:19|20)\d{{2}})\s*\(\s*(?:{start})\s+(?:{rank})\s+$")


def _baseline_value(low: str, start: int, lo: int) -> str:
    """``tăng so với năm 2022 (80,08%)``: a number in brackets right after a baseline year is that year's value
    (and the rank a change starts from, ``(từ vị trí 47``); its year, or "" if it is not one."""
    before = low[max(lo, start - 60) : start]
    m = _BASELINE_VALUE_RE.search(before) or _baseline_rank_re().search(before)
    return m["y"] if m and _baseline_before(before[: m.start()] + "năm ") else ""


BASELINE_WORDS = 5  # a baseline cue ("so với cùng kỳ năm 2020") this many words before a year, in its clause


def _baseline_before(before: str) -> bool:
    """Whether a year after ``before`` is a baseline named a few words on (``so với cùng kỳ năm 2020``,
    ``so với số giao năm 2020``): a ``period_ignore`` cue ``before_year_far`` in the last words of its clause."""
    clause = re.split(r"[,;:.()!?\n]", before)[-1]
    words = " ".join(clause.split()[-BASELINE_WORDS:])
    return any(
        c["where"] == "before_year_far" and _compiled(c["cue"]).search(words) for c in cues().of("period_ignore")
    )


@lru_cache(maxsize=1)
def _published_re() -> re.Pattern:
    """``công bố vào năm 2021``, ``(công bố tháng 5 năm 2022``: a year an index was published in (the
    ``published`` cues, then only date words up to the year), which is not the period of its figures."""
    words = "|".join(re.escape(c["cue"].lower()) for c in cues().of("published"))
    return re.compile(rf"(?<!\w)(?:{words})(?:\s+(?:vào|trong|hồi|ngày|tháng|năm|\d{{1,2}}(?:/\d{{1,2}})?))*\s+$")


# ---------------------------------------------------------------------------------------------------------
# one number


@dataclass
class _Candidate:
    start: int
    end: int
    printed: str
    value: float
    role: str = ""
    fraction: str = ""
    qualifier: str = "none"
    unit: str = "count"
    kind: str = "actual"
    period: str = ""
    breakdown: str = ""
    flag: str = ""
    evidence: str = ""
    indicator: str = ""
    score: float = 0.0
    label: str = ""
    paragraph: int = 0
    sentence: int = 0
    segment: tuple[int, int] = (0, 0)
    sent: tuple[int, int] = (0, 0)
    noun: str = ""
    candidates: str = ""
    item: tuple[int, int] | None = None  # (its list, its item) for a number in an item of a list
    why: list[str] = field(default_factory=list)


@dataclass
class _Tok:
    """A number of the text: ``a`` (and ``b`` of ``a/b``) as printed, or an ordinal word's value."""

    start: int
    end: int
    a: str
    b: str = ""
    b_start: int = 0
    scale: str = ""
    pct: str = ""
    word_value: float | None = None
    ordinal: bool = False  # a rank written in words ("đứng thứ hai")
    rank: bool = False


@lru_cache(maxsize=1)
def _ordinal_words_re() -> re.Pattern:
    """``đứng thứ ba``, ``vị trí thứ nhất``: a rank verb, up to two words, ``thứ`` and an ordinal word."""
    verbs = "|".join(re.escape(c["cue"].lower()) for c in cues().of("rank_verb"))
    words = "|".join(re.escape(c["cue"].lower()) for c in cues().of("ordinal_word"))
    return re.compile(rf"(?<!\w)(?:{verbs})(?:\s+\w+){{0,2}}?\s+thứ\s+(?P<w>{words})(?!\w)")


@lru_cache(maxsize=1)
def _rank_words_re() -> re.Pattern | None:
    """``giữ nguyên vị trí số một``: a rank in words without ``thứ`` (``rank_words`` cues; the last word is
    the number)."""
    words = "|".join(re.escape(c["cue"].lower()) for c in cues().of("rank_words"))
    return re.compile(rf"(?<!\w)(?P<c>{words})(?!\w)") if words else None


def _tokens(text: str, low: str, spans: _SkipIndex) -> list[_Tok]:
    """The numbers of the text worth a candidate, in order: numerals not covered by :data:`SKIP`, and ranks
    written in words after a rank verb."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        if spans.skipped(m.start("a"), m.end("b") if m["b"] else m.end("a")):
            continue
        out.append(
            _Tok(m.start(), m.end(), m["a"], m["b"] or "", m.start("b") if m["b"] else 0,
                 (m["scale"] or "").strip(), "%" if m["pct"] else "")
        )  # fmt: skip
    out = [t for k, t in enumerate(out) if not _locates(text, low, out, k)]
    values = {c["cue"].lower(): float(c["value"]) for c in cues().of("ordinal_word")}
    for m in _ordinal_words_re().finditer(low):
        if not spans.skipped(m.start("w"), m.end("w")):
            word = text[m.start("w") : m.end("w")]
            out.append(_Tok(m.start("w"), m.end("w"), word, word_value=values[m["w"]], ordinal=True))
    in_words = {c["cue"].lower(): float(c["value"]) for c in cues().of("rank_words")}
    for m in _rank_words_re().finditer(low) if in_words else ():
        start = m.start("c") + m["c"].rfind(" ") + 1  # the number is the cue's last word
        if not spans.skipped(start, m.end("c")):
            out.append(_Tok(start, m.end("c"), text[start : m.end("c")], word_value=in_words[m["c"]], ordinal=True))
    taken = sorted((t.start, t.end) for t in out)
    starts = [s for s, _ in taken]
    reach = max((e - s for s, e in taken), default=0)  # the longest token: overlaps are looked for this far back

    def overlaps(lo: int, hi: int) -> bool:
        i = bisect.bisect_left(starts, lo - reach)
        while i < len(taken) and taken[i][0] < hi:
            if taken[i][1] > lo:
                return True
            i += 1
        return False

    for m in _number_words_re().finditer(low):
        words = m["n"].split()
        if words in (["một"], ["năm"], ["không"]) and not _one_step(low, m):
            continue  # "một đơn vị" is "a unit"; "năm" alone is a year more often than five
        if spans.skipped(m.start("n"), m.end("n")):
            continue
        if overlaps(m.start("n"), m.end("n")) or _restates_numeral(text, m.start("n")):
            continue
        try:
            value = parse_vn_number_words(m["n"])
        except ValueError:
            continue
        out.append(_Tok(m.start("n"), m.end("n"), text[m.start("n") : m.end("n")], word_value=value))
    return sorted(out, key=lambda t: t.start)


LOCATES_WORDS = 4  # a count of levels this close to another number (no stop between) locates it


def _locates(text: str, low: str, toks: list[_Tok], k: int) -> bool:
    """Whether numeral ``k`` counts the levels another number is at (``7.518 TTHC ở 3 cấp: tỉnh, huyện, xã``,
    ``dịch vụ công 3 cấp với 2.268 thủ tục``): it names a kind (:func:`_names_a_kind`) and another number
    is within :data:`LOCATES_WORDS` words of it, with no stop (nor a line break) between. Alone (``hệ thống hóa cả 03 cấp``)
    it is a count of levels reached, a fact."""
    tok = toks[k]
    if tok.b or tok.pct or tok.scale or not _names_a_kind(low, tok.end, tok.a):
        return False
    gaps = []
    if k:
        gaps.append(text[toks[k - 1].end : tok.start])
    if k + 1 < len(toks):  # "3 cấp với 2.268": the noun itself is no gap
        gaps.append(text[tok.end : toks[k + 1].start].replace(" cấp", "", 1))
    return any(len(gap.split()) <= LOCATES_WORDS and not re.search(r"[,;.:()\n]", gap) for gap in gaps)


def _names_a_kind(low: str, end: int, printed: str) -> bool:
    """Whether a small number names a kind rather than counts (``3 cấp``, ``2 cấp chính quyền``): a
    ``names_kind`` cue right after it, and the number at most the cue's value."""
    after = low[end : end + 30].split()[:2]
    if not after or not printed.isdigit():
        return False
    word, pair = after[0].strip(",.;:()"), " ".join(w.strip(",.;:()") for w in after)
    if any(pair == c["cue"].lower() for c in cues().of("not_names_kind")):
        return False  # "2 cấp phó": two deputies
    return any(word == c["cue"].lower() and int(printed) <= int(c["value"]) for c in cues().of("names_kind"))


_NUMBER_WORDS = ("không một mốt hai ba bốn tư năm lăm nhăm sáu bảy bẩy tám chín mười mươi chục trăm nghìn ngàn triệu "
                 "linh lẻ").split()  # fmt: skip


@lru_cache(maxsize=1)
def _number_words_re() -> re.Pattern:
    """A number in words followed by a noun it counts (``ba địa phương``, ``hai mươi lăm hồ sơ``)."""
    word = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    nouns = "|".join(
        re.escape(c["cue"].lower()) for c in sorted(cues().of("counted_noun"), key=lambda c: -len(c["cue"]))
    )
    return re.compile(rf"(?<![\w(])(?P<n>(?:{word})(?:\s+(?:{word}))*)\s+(?:{nouns})(?!\w)")


def _one_step(low: str, m: re.Match) -> bool:
    """``giảm một bậc``: ``một`` after a ``rank_change`` verb and before a unit of rank is one step, not "a"."""
    if m["n"] != "một":
        return False
    noun = low[m.end("n") : m.end()].strip()
    if not any(c["cue"].lower() == noun and c["value"] == "rank" for c in cues().of("unit")):
        return False
    before = " " + " ".join(low[max(0, m.start("n") - 16) : m.start("n")].split())  # "vươn lên": two words
    return any(before.endswith(" " + c["cue"].lower()) for c in cues().of("rank_change"))


def _restates_numeral(text: str, start: int) -> bool:
    """``03 (ba) địa phương``: the words in brackets repeat the numeral before them."""
    return bool(re.search(r"\d\s*\(\s*$", text[max(0, start - 6) : start]))


def _listed_after(text: str, prev: _Tok, tok: _Tok) -> bool:
    """Whether ``tok`` follows ``prev`` in a list (a comma or ``và`` between them, no other number)."""
    between = text[prev.end : tok.start]
    return len(between) < 80 and not re.search(r"\d|[.;:()]", between) and bool(re.search(r",|\bvà\b", between))


_RANGE_GAP_RE = re.compile(r"\s*(?:[-–]|đến)\s*")


def _rank_of(text: str, low: str, tokens: list[_Tok], k: int) -> _Tok | None:
    """The number after a rank that is its denominator: ``thứ nhất trong 63 tỉnh``, ``thứ 4 trên tổng số 63
    tỉnh`` (a ``rank_of`` cue between them, a ``rank_group`` or ``group_noun`` after it), or None."""
    if k + 1 >= len(tokens):
        return None
    nxt = tokens[k + 1]
    if nxt.b or nxt.pct or nxt.scale or nxt.word_value is not None:
        return None
    between = " ".join(low[tokens[k].end : nxt.start].split())
    if not any(between == c["cue"].lower() for c in cues().of("rank_of")):
        return None
    after = " ".join(low[nxt.end : nxt.end + 30].split())
    groups = cues().of("rank_group") + cues().of("group_noun")  # of 63 provinces, of 11 districts
    return nxt if any(after.startswith(g["cue"].lower()) for g in groups) else None


SCALE_WORDS_BEFORE = 6  # a score cue ("số điểm") this many words before "88,54/100" makes it a score


def _on_a_scale(low: str, tok: _Tok, seg: tuple[int, int]) -> bool:
    """Whether ``a/b`` is a score on a scale of ``b`` (``85,31/100 điểm``, ``số điểm đạt được 88,54/100``):
    a ``score_scale`` cue right after it, or one shortly before it in its segment."""
    after = low[tok.end : seg[1]].split()[:3]
    if any((" ".join(after) + " ").startswith(c["cue"].lower() + " ") for c in cues().of("not_unit")):
        return False  # "3/5 điểm cầu": places, counted
    before = " ".join(low[seg[0] : tok.start].split()[-SCALE_WORDS_BEFORE:])
    for row in cues().of("score_scale"):
        cue = row["cue"].lower()
        if row["where"] == "after" and after and after[0].strip(",.;:()") == cue:
            return True
        if row["where"] == "before" and _compiled(cue).search(before):
            return True
    return False


def _range_gap(text: str, end: int, start: int) -> bool:
    """Whether the text between two numbers joins them as a range: ``-``, ``đến``, with a hedge (an ``about``
    qualifier cue) before the second (``từ khoảng 0,5 đến gần 0,6``: the bounds are still the bounds)."""
    gap = text[end:start]
    if len(gap) > RANGE_GAP_CHARS:
        return False
    low = gap.lower().rstrip()
    for row in cues().of("qualifier"):
        cue = row["cue"].lower()
        if row["value"] == "about" and row["where"] == "before" and low.endswith(" " + cue):
            gap = gap[: len(low) - len(cue)]
            break
    return _RANGE_GAP_RE.fullmatch(gap) is not None


RANGE_GAP_CHARS = 20  # a range's gap is short ("đến gần"): a longer text between two numbers is no range


def _side_by_side(other: _Tok, value: float) -> bool:
    """Whether two ranks printed as a range are next to each other (``đứng thứ 2-3 … là tỉnh A và B``): two
    places, each a rank, not a range of places."""
    if other.b or other.word_value is not None:
        return False
    return abs(parse_vn_number(other.a) - value) == 1 and float(value).is_integer()


def _range_role(text: str, tokens: list[_Tok], k: int) -> str:
    """``low`` for the first number of a range (``từ 30% - 60%``, ``10 - 15/63``), ``high`` for the second."""
    if k + 1 < len(tokens) and _range_gap(text, tokens[k].end, tokens[k + 1].start):
        if not tokens[k].b and tokens[k].word_value is None:
            return "low"
    if k and _range_gap(text, tokens[k - 1].end, tokens[k].start):
        if not tokens[k - 1].b and tokens[k - 1].word_value is None:
            return "high"
    return ""


LEADS_WORDS = 3  # a year this few words (no stop) before the next number is that number's, not a trailing one
_TRAILING_YEAR_RE = re.compile(r"(?i:năm)\s+(?P<y>(?:19|20)\d{2})(?![\d.,]\d|\s*[-–]\s*\d)")


def _trailing_year(text: str, tokens: list[_Tok], k: int, sent: tuple[int, int], spans) -> re.Match | None:
    """``58/63 tỉnh, thành phố vào năm 2007``: a ``năm YYYY`` printed after the number, before the next
    number and in the same clause (or the same brackets), names the number's period, not what follows."""
    tok = tokens[k]
    hi = min(tokens[k + 1].start if k + 1 < len(tokens) else sent[1], sent[1])
    m = _TRAILING_YEAR_RE.search(text, tok.end, hi)
    if not m or any(why in NOT_PERIOD_SPANS for why in spans.reasons(m.start(), m.end())):
        return None
    gap = text[tok.end : m.start()]
    if re.search(r"[;.]", gap) or len(gap.split()) > 8:
        return None
    if any(_compiled(c["cue"]).search(gap.lower()) for c in cues().of("clause_opener")):
        return None  # "xếp thứ 62/63 cả nước thì năm 2023 đã vươn lên …": the year opens the next clause
    if k + 1 < len(tokens) and tokens[k + 1].start < sent[1]:
        lead = text[m.end() : tokens[k + 1].start]
        if not re.search(r"[,;.)]|(?<!\w)(?:và|còn)(?!\w)", lead.lower()) and len(lead.split()) <= LEADS_WORDS:
            if not _own_trailing_year(text, tokens, k + 1, sent):
                return None  # "4,60 điểm (năm 2018 đạt 4,96 điểm)": the year is of the number after it
    prefix = " ".join(gap.lower().split()[-2:])
    if any(_compiled(c["cue"]).search(prefix) for c in cues().of("period_ignore")) or _baseline_before(gap.lower()):
        return None  # "tăng 4 bậc so với năm 2017", "tăng 20% so với cùng kỳ năm 2020": a baseline
    if _published_re().search(text[max(tok.end, m.start() - 45) : m.start()].lower()):
        return None  # "xếp thứ 12/63 (công bố năm 2022)": when it was published
    if "," in gap:  # only inside brackets that close after the year
        opened = text.count("(", sent[0], tok.start) > text.count(")", sent[0], tok.start)
        if not opened or ")" in gap or ")" not in text[m.end() : sent[1]]:
            return None
    return m


def _own_trailing_year(text: str, tokens: list[_Tok], j: int, sent: tuple[int, int]) -> bool:
    """Whether number ``j`` is followed by a year of its own (``từ vị trí 25 trong năm 2020 xuống vị trí 47
    trong năm 2021``: the 47's 2021), a few words on, before any stop or number: then a year before it is not
    its, but the number's before."""
    hi = min(tokens[j + 1].start if j + 1 < len(tokens) else sent[1], sent[1], tokens[j].end + 40)
    m = _TRAILING_YEAR_RE.search(text, tokens[j].end, hi)
    return (
        bool(m)
        and not re.search(r"[,;.()]", text[tokens[j].end : m.start()])
        and (len(text[tokens[j].end : m.start()].split()) <= LEADS_WORDS)
    )


NOW_REACH = 30  # characters before a number a "now" cue ("hiện có") is looked for in, within its segment


@lru_cache(maxsize=1)
def _now_re() -> re.Pattern:
    words = "|".join(re.escape(c["cue"].lower()) for c in cues().of("now"))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")


_BY_YEAR_RE = re.compile(r"(?i:vào|tới)\s+$")


def _by_a_later_year(text: str, trailing: re.Match, default_end: int | None) -> bool:
    """``đạt mức từ 80% trở lên vào năm 2020`` in a report of 2016: a level to reach by a year after the
    report's period is a goal, whatever the verb."""
    if not default_end or int(trailing["y"]) <= default_end:
        return False
    return bool(_BY_YEAR_RE.search(text, max(0, trailing.start() - 8), trailing.start()))


_HEADING_RE = re.compile(r"\s*(?:[IVX]+|\d+(?:\.\d+)*)[.)]\s+\S.*[^.!?…;,]$")
_LIST_ITEM_RE = re.compile(r"\s*(?:[a-zđ]\)|[-•+*–]|\d+(?:\.\d+)*[.)])\s")


def _continues(text: str, start: int, ctx: _Context) -> bool:
    """Whether the paragraph at ``start`` goes on with what the one before said (its period and goals):
    the one before ended with ``:``, or was an item of that list and this one is another item."""
    before = text[max(0, start - 400) : start].rstrip()
    if before.endswith(":"):
        return True
    if _under_heading(text, start):
        return True  # "2. Mục tiêu năm 2025" over its section
    return ctx.listing and bool(_LIST_ITEM_RE.match(text, start))


def _last_printed(text: str, start: int) -> int:
    """The position of the last character before ``start`` that is not white space (-1 if none)."""
    at = start - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    return at


def _under_heading(text: str, start: int) -> bool:
    """Whether the line before ``start`` is a numbered heading (``2. Mục tiêu năm 2025``); a numbered line
    ending with ``:`` (``1. Đối với thành phố:``) introduces a list, and the period before it runs on."""
    before = text[max(0, start - 400) : start].rstrip()
    heading = before[before.rfind("\n") + 1 :]
    return bool(_HEADING_RE.match(heading)) and len(heading.split()) <= HEADLINE_WORDS // 2 and heading[-1:] != ":"


def _repeated_lines(text: str, seen: set) -> set[int]:
    """Starts of lines that repeat an earlier line word for word (at least four words); ``seen`` holds the
    hashes of the lines of the blocks before, and gets this block's."""
    out: set[int] = set()
    at = 0
    for line in text.split("\n"):
        words = line.split()
        if len(words) >= 4:
            key = hash(" ".join(words))
            if key in seen:
                out.add(at)
            seen.add(key)
        at += len(line) + 1
    return out


class _SkipIndex:
    """Which characters of the text the :data:`SKIP` patterns cover, looked up in constant time.

    One byte per character: the number of the first pattern (in :data:`SKIP` order) covering it, 0 if none.
    """

    def __init__(self, text: str):
        self.marks = bytearray(len(text) + 1)
        for code in range(len(_SKIP_RE), 0, -1):  # the first pattern wins: written last
            for m in _SKIP_RE[code - 1][1].finditer(text):
                self.marks[m.start() : m.end()] = bytes([code]) * (m.end() - m.start())

    def skipped(self, start: int, end: int) -> str | None:
        """The reason of the first pattern covering a character of ``start:end``, or None."""
        codes = [c for c in self.marks[start:end] if c]
        return _SKIP_RE[min(codes) - 1][0] if codes else None

    def reasons(self, start: int, end: int) -> set[str]:
        return {_SKIP_RE[c - 1][0] for c in set(self.marks[start:end]) if c}


class _Boundaries:
    """The matches of a boundary pattern over the whole text, for :func:`_bounds` in logarithmic time."""

    def __init__(self, pattern: re.Pattern, text: str):
        found = [(m.start(), m.end()) for m in pattern.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]
        self.size = len(text)

    def around(self, at: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
        """Like :func:`_bounds`: the end of the last match inside ``lo:at``, the start of the first at or after
        ``at`` (ending by ``hi``)."""
        hi = self.size if hi is None else hi
        i = bisect.bisect_right(self.ends, at) - 1
        start = self.ends[i] if i >= 0 and self.starts[i] >= lo else lo
        j = bisect.bisect_left(self.starts, at)
        end = self.starts[j] if j < len(self.starts) and self.ends[j] <= hi else hi
        return max(start, lo), end


def _qualifier(low: str, cand: _Candidate, sent: tuple[int, int]) -> None:
    """The qualifier of a number: a cue right before it (``trên``), after it (``trở lên``), or governing
    its sentence (``Ước tính, …``); ``trên 07 lĩnh vực`` (across) is not one."""
    before_words = " ".join(low[max(sent[0], cand.start - 25) : cand.start].split()[-3:])
    after_words = " ".join(low[cand.end : min(sent[1], cand.end + 30)].split()[:3])
    for row in cues().of("qualifier"):
        rx = _compiled(row["cue"])
        if row["where"] == "before" and rx.search(before_words) and before_words.endswith(row["cue"].lower()):
            void = [
                v
                for v in cues().of("not_qualifier")
                if (v["where"] == "after" and after_words.startswith(v["cue"].lower()))
                or (
                    v["where"] == "after_score"
                    and after_words.startswith(v["cue"].lower())
                    and _after_a_score(before_words)
                )
                or (v["where"] == "before" and before_words.endswith(v["cue"].lower()) and _compared(low, cand, sent))
            ]
            if void:
                cand.why.append(
                    f"'{void[0]['cue']}' is not a qualifier"
                    if void[0]["where"] == "before"
                    else f"'{row['cue']} … {void[0]['cue']}' is not a qualifier"
                )
                continue
            cand.qualifier = row["value"]
            cand.why.append(f"qualifier '{row['cue']}'")
            return
        if row["where"] == "after" and rx.search(after_words):
            cand.qualifier = row["value"]
            cand.why.append(f"qualifier '… {row['cue']}'")
            return
        if row["where"] == "sentence" and rx.search(low, sent[0], cand.start):
            cand.qualifier = row["value"]
            cand.why.append(f"qualifier '{row['cue']}' governs the sentence")
            return


def _after_a_score(before_words: str) -> bool:
    """``đạt 80,18 điểm trên 5 chỉ số``: the cue before the number follows a score (``điểm``, ``%``)."""
    words = before_words.split()[:-1]
    return bool(words) and (words[-1].strip(",") == "điểm" or words[-1].rstrip(",").endswith("%"))


COMPARED_REACH = 60  # characters after a number searched for the base of a difference ("so với …")


def _compares(low: str, lo: int, hi: int) -> bool:
    """Whether a ``compare_base`` cue (``so với``) stands in ``low[lo:hi]``: what follows it is a base."""
    return any(_compiled(c["cue"].lower()).search(low, lo, hi) for c in cues().of("compare_base"))


def _compared(low: str, cand: _Candidate, sent: tuple[int, int]) -> bool:
    """``cao hơn 0,66% so với …``: a ``compare_base`` cue after the number in its clause makes it a difference
    (``đạt cao hơn 90%`` without one is a bound)."""
    clause = re.split(r"[,;.()]", low[cand.end : min(sent[1], cand.end + COMPARED_REACH)], maxsplit=1)[0]
    return any(_compiled(c["cue"].lower()).search(clause) for c in cues().of("compare_base"))


def _unit(low: str, cand: _Candidate, sent_end: int) -> None:
    """The unit named right after the number (``%``, ``đồng``, ``ngày``, ``điểm``, ``bậc``, ``thủ tục`` …,
    see ``extract_cues.csv``); ``not_unit`` cues keep a count (``4 điểm cấp tỉnh``: places)."""
    if cand.printed.rstrip().endswith("%"):
        cand.unit = "percent"
        return
    after = " ".join(
        w.strip(",.;:()") for w in re.split(r"[\s/]+", low[cand.end : min(sent_end, cand.end + 40)])[:4] if w
    )
    for row in cues().of("not_unit"):
        if (after + " ").startswith(row["cue"].lower() + " "):
            cand.why.append(f"'{row['cue']}' counts places")
            return
    for row in cues().of("unit"):
        if (after + " ").startswith(row["cue"].lower() + " "):
            cand.unit = row["value"]
            cand.why.append(f"unit '{row['cue']}'")
            return


INDEX_REACH = 300  # characters before a bare decimal an index cue ("giá trị DTI") is looked for in, in its paragraph


def _index_score(low: str, cand: _Candidate, para_start: int) -> None:
    """A number with a decimal part and no unit (``DTI quốc gia đạt 0,7955``, ``Hải Phòng (0,7857)``) is no count
    (counts are whole): with an ``index_score`` cue shortly before it in its paragraph it is an index's score."""
    before = low[max(para_start, cand.start - INDEX_REACH) : cand.start]
    for row in cues().of("index_score"):
        if _compiled(row["cue"]).search(before):
            cand.unit = "points"
            cand.why.append(f"unit points: a decimal after the index cue '{row['cue']}'")
            return


_ONE_GROUP_RE = re.compile(r"[0-9]{1,3}\.[0-9]{3}")  # "42.269": thousands, or a decimal printed with a dot


_SCORE_END_RE = re.compile(r"\s*điểm(?!\w)\s*(?P<next>[^\W\d]*)")


def _a_score_ends(low: str, end: int) -> bool:
    """Whether ``điểm`` after the number ends a score: nothing but a stop after it, or an ``after_score`` word
    (``42.269 điểm và …``), not a noun (``1.250 điểm bán hàng``: places)."""
    m = _SCORE_END_RE.match(low, end)
    if not m:
        return False
    rest = low[m.start("next") : m.start("next") + 12]
    return not m["next"] or any(_compiled(c["cue"]).match(rest) for c in cues().of("after_score"))


def _score_scale(low: str, start: int, para_start: int) -> int:
    """The top of the scale of the index named last before ``start`` in its paragraph (the ``value`` of its
    ``index_score`` cue: PAPI 80, PCI 100), or 0: a score printed beyond it cannot be read as thousands."""
    lo = max(para_start, start - INDEX_REACH)
    best = (-1, 0)
    for row in cues().of("index_score"):
        if not row["value"]:
            continue
        for m in _compiled(row["cue"]).finditer(low, lo, start):
            best = max(best, (m.start(), int(row["value"])))
    return best[1]


def _rank(low: str, cand: _Candidate, sent: tuple[int, int], fraction: bool, value: float) -> bool:
    """Whether the number is a rank: a rank cue right before it (``xếp thứ 3/63``, ``vị trí 40``, ``hạng 7``,
    ``top 5``, ``nhóm 30/63``), not after ``sắp xếp``. Sets the unit ``rank`` and the cue's qualifier."""
    before = low[max(sent[0], cand.start - 40) : cand.start].replace("(", " ").split()
    tail = " ".join(before[-3:])
    after = low[cand.end : min(sent[1], cand.end + 30)].split()
    for row in cues().of("rank"):
        cue = row["cue"].lower()
        if not (tail == cue or tail.endswith(" " + cue)):
            continue
        if any(tail.endswith(v["cue"].lower()) for v in cues().of("not_rank")):
            continue
        if row["where"] == "before_fraction" and not fraction:
            named = " ".join(w.strip(",.;:()") for w in after) + " "  # "nhóm 5 địa phương dẫn đầu"
            if not after or not any(named.startswith(g["cue"] + " ") for g in cues().of("rank_group")):
                continue
            if row["value"] == "at_most" and _bottom_group(low, cand.end, sent[1]):
                cand.why.append("not a rank: the size of the lowest group ('thấp nhất')")
                continue
        cand.unit = "rank"
        if row["value"] != "none" and not (row["value"] == "at_most" and value == 1):  # top 1 is first
            cand.qualifier = row["value"]
        cand.why.append(f"rank '{row['cue']}'")
        return True
    return False


BOTTOM_REACH = 80  # characters after "nhóm 14" within which a bottom_group cue ("thấp nhất") names the lowest group


def _bottom_group(low: str, end: int, sent_end: int) -> bool:
    """``nhóm 14 tỉnh, thành có chỉ số PAPI thấp nhất``: a ``bottom_group`` cue after the number, in its sentence
    and before any stop, makes the group the lowest one: its size is a count, a rank only by arithmetic."""
    clause = re.split(r"[;.()]", low[end : min(sent_end, end + BOTTOM_REACH)], maxsplit=1)[0]
    return any(_compiled(c["cue"]).search(clause) for c in cues().of("bottom_group"))


def _respectively(text: str, low: str, cand: _Candidate, seg: tuple[int, int], labels) -> bool:
    """``lĩnh vực đầu tư, đất đai, xây dựng lần lượt là 86,84%, 97,16%, 99,62%``: the k-th number after
    *lần lượt* (respectively) gets the k-th item of the list before it, items read as the labels of
    ``breakdowns.csv``. Returns whether the number is in such a list."""
    at = low.rfind(RESPECTIVELY, seg[0], cand.start)
    if at == -1:
        return False
    k = sum(1 for _ in _TOKEN_RE.finditer(text, at, cand.start))
    items = [fold(item) for item in re.split(r"[,;]|\bvà\b", text[seg[0] : at])]
    codes = []
    for item in reversed(items):
        hit = [code for label, code in labels if item.endswith(" " + label) or item == label]
        if not hit:
            break
        codes.insert(0, hit[0])
    if k < len(codes):
        cand.breakdown = codes[k]
        cand.why.append(f"breakdown: item {k + 1} of a list read '{RESPECTIVELY}'")
    else:
        cand.why.append(f"in a list read '{RESPECTIVELY}': check its breakdown")
    return True


def _breakdown(text: str, low: str, cand: _Candidate, seg: tuple[int, int], index: _CueIndex) -> None:
    clause = _bounds(_CLAUSE_END_RE, text, cand.start, seg[0], seg[1])
    words_after = _words(text, cand.end, seg[1], AFTER_CUE_WORDS)
    after_limit = words_after[-1][1] if words_after else cand.end
    found = index.find(clause[0], clause[1])
    found += [f for f in index.find(cand.end, seg[1]) if f not in found]
    after = [
        f for f in found
        if cand.end <= f[0] < min(after_limit, clause[1]) and f[2]["where"] in ("after", "either")
    ]  # fmt: skip
    before = [f for f in found if f[1] <= cand.start and f[0] >= clause[0] and f[2]["where"] in ("before", "either")]
    nxt = _TOKEN_RE.search(text, cand.end, clause[1])  # up to the next number: "06 … cấp huyện và 91 … cấp xã"
    named_after = {f[2]["value"] for f in found if cand.end <= f[0] < (nxt.start() if nxt else clause[1])}
    if len(named_after) > 1 and after:  # "198 cơ quan từ cấp tỉnh đến cấp xã": all levels together
        cand.why.append("several breakdowns named after it: read as a whole")
        return
    picked = after[:1] or before[-1:]
    if not picked:  # fall back on the segment before the number: "(ngành Công an: 170.397 hồ sơ, đạt 82,06% …"
        wider = [f for f in index.find(seg[0], cand.start) if f[2]["where"] in ("before", "either")]
        codes = {f[2]["value"] for f in wider}
        if len({c.split(":")[0] for c in codes}) == 1 and len(codes) == 1:
            picked = wider[-1:]
        elif len(codes) > 1:
            cand.why.append("several breakdowns named before it: read as a whole")
            return
    elif len(before) > 1 and not after and len({f[2]["value"] for f in before}) > 1:
        cand.why.append("several breakdowns named before it: read as a whole")
        return
    if picked:
        cand.breakdown = picked[0][2]["value"]
        cand.why.append(f"breakdown '{picked[0][2]['cue']}'")


MIN_EVIDENCE_WORDS = 4  # a clause shorter than this is widened to its segment, then its sentence


def _evidence(text: str, start: int, end: int, seg: tuple[int, int], sent: tuple[int, int]) -> str:
    """The words around ``text[start:end]``: up to :data:`WORDS_BEFORE` before and :data:`WORDS_AFTER`
    after it within its clause (between commas), widened to the segment (between ``;`` and brackets)
    and then the sentence while that gives fewer than :data:`MIN_EVIDENCE_WORDS` words."""
    clause = (
        _bounds(_CLAUSE_END_RE, text, start, *seg)[0],
        _bounds(_CLAUSE_END_RE, text, max(start, end - 1), *seg)[1],
    )
    for lo_hi in (clause, seg, sent):
        words = _words(text, *lo_hi)
        inside = [i for i, (s, e) in enumerate(words) if s < end and start < e]
        if not inside:
            return text[start:end]
        first, last = inside[0], inside[-1]
        lo, hi = max(0, first - WORDS_BEFORE), min(len(words) - 1, last + WORDS_AFTER)
        if hi - lo + 1 >= MIN_EVIDENCE_WORDS:
            break
    while hi - lo + 1 > MAX_EVIDENCE_WORDS:
        if first - lo > hi - last:
            lo += 1
        else:
            hi -= 1
    frag = text[words[lo][0] : words[hi][1]].strip(",;:-–")
    if frag.startswith("(") and ")" not in frag:
        frag = frag[1:]
    if frag.endswith("(") or (frag.endswith(")") and "(" not in frag):
        frag = frag[:-1]
    frag = frag.strip(",;:-– ")
    if frag.endswith(")") and frag.count(")") > frag.count("("):
        frag = frag[:-1].rstrip(",;: ")
    return frag


def extract(
    text: str,
    *,
    province: str,
    source_id: str,
    period: str | None = None,
    data_dir=None,
) -> pd.DataFrame:
    """Candidate facts of a Vietnamese report, one row per number worth curating, for review.

    Every number printed as numerals becomes a candidate, except dates, document numbers
    (``3595/QĐ-UBND``), footnote markers, section numbering, versions and standards (``ISO 9001:2015``),
    phone numbers, URLs, years and ordinals (see :data:`SKIP`), the levels another number is counted at
    (``7.518 TTHC ở 3 cấp``) and a share that defines a counted group (``có 16 Sở đạt 100%``). For each
    candidate it reads:

    - ``value`` in the Vietnamese format (``1.514`` → 1514, ``65,91%`` → 65.91, ``trên 14 nghìn`` →
      14000, ``07`` → 7); an ``a/b`` pair gives two rows, ``role`` ``part`` and ``whole``, with
      the printed ``fraction``, unless it is a rank (``xếp thứ 9/63``; ``thứ nhất trong 63 tỉnh`` too) or a
      score on a scale (``85,31/100 điểm``: one row, unit ``points``);
    - ``qualifier`` from the words around it (``trên``, ``hơn``, ``gần``, ``ước tính`` …, see
      ``extract_cues.csv``; ``trên 07 lĩnh vực`` means *across*, not *more than*);
    - ``unit`` (``percent``, ``vnd``, ``minute``, else ``count``), ``kind`` (``target`` after cues such
      as ``phấn đấu``, ``mục tiêu`` or ``đến năm`` a year after the report's period, up to a later sentence
      naming an earlier year, and for a level ``vào năm`` such a year; not in a review of goals
      ``tình hình thực hiện các mục tiêu``, nor in a name ``chỉ tiêu biên chế``), ``period`` (the
      last period named in the paragraph before it — ``năm 2019``, ``quý I/2021``,
      ``giai đoạn 2021 - 2030``, a span of dates ``từ ngày 02/6/2017 … đến hết tháng 4/2018``, a count
      ``lũy kế đến ngày 31/12/2021`` — but not a baseline such as ``so với năm 2015``, nor a date alone,
      nor the year an index was published (``công bố năm 2022``), nor a bracketed span of dates explaining
      the period just named (``quý I năm 2020 (tính từ 1/12/2019 đến 29/2/2020)``), nor a year one item of a
      list named for the next items; a month of a year (``tháng 3/2025``) names its year; what is there now
      (``hiện có``, ``đến nay``) is of the time of writing (``period``, or a later month the text named);
      else its section's: the period of a heading, or of a paragraph that opens with one; else ``period``),
      ``breakdown`` (``cấp huyện`` → ``level:district``, ``ngành Công an`` → ``agency:police`` …),
      ``flag`` ``format_anomaly`` for a dot used as decimal mark (``11.3 %``);
    - ``evidence``: a verbatim fragment of at most 15 words around the number as printed (about four
      words before it and five after, within its sentence and not across ``;`` or brackets);
    - ``indicator``: the catalog indicator whose label is closest to the words around the number,
      ignoring case, diacritics, common words and abbreviations (rapidfuzz ``token_set_ratio`` over
      windows of :data:`QUERY_WINDOWS`, a bonus when the noun after the number is what the indicator
      counts), among indicators of the same unit family; the whole of ``a/b`` gets the catalog whole
      of its part, a breakdown's part the indicator of its total, a share printed right after a count
      that count's ``_share`` indicator; ``indicator_score`` 0–100; empty below 65, within 5 points of
      the runner-up, or without the indicator's cue words in the number's clause (``extract_cues.csv``),
      and then ``indicator_candidates`` (up to three) and a drafted new indicator;
    - ``confidence`` (0–1, for sorting: higher is likelier a fact to keep, with the right indicator):
      half the indicator score, half how fact-like the number is (1 for a percent, money, minutes or
      an ``a/b``; 0.7 for another count; 0.4 for a lone 0 or 1); ``why``: the cues used.

    ``keep`` is left empty for the reviewer (``yes`` or ``no``); ``fact_id`` is given by
    :func:`cchc_data.curate.check` when the reviewed rows are applied.

    Parameters
    ----------
    text : str
        The report as plain text.
    province : str
        The province the report is about (name, slug or code).
    source_id : str
        The source's id in ``sources.csv`` (it need not be there yet).
    period : str, optional
        The period the report is about (``2019``, ``2021-Q1``, ``2021-2030``): the period of numbers whose
        sentence names none. Default: the source's ``reference_period`` in ``sources.csv``, if listed.
    {data_dir}
        Its catalog and sources are used.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`REVIEW_COLUMNS`, one row per candidate in reading order.

    Raises
    ------
    ValueError
        If ``text`` is not a string, the province is unknown, or ``period`` is not a period.

    See Also
    --------
    write_review : Write the candidates for a curator.
    cchc_data.curate.check : Check and apply the reviewed file.

    Examples
    --------
    >>> df = extract("Toàn tỉnh có 1.514 trạm BTS; tỷ lệ phủ sóng đạt trên 98,5% (ngày 04/10/2019).",
    ...              province="Hà Giang", source_id="demo", period="2017")
    >>> df[["value", "unit", "qualifier", "period", "evidence"]].values.tolist()
    [[1514.0, 'count', 'none', '2017', 'Toàn tỉnh có 1.514 trạm BTS'], [98.5, 'percent', 'more_than', '2017', 'phủ sóng đạt trên 98,5%']]
    >>> extract("11/11 huyện, thành phố", province="ha-giang", source_id="demo", period="2017")[
    ...     ["value", "role", "fraction", "breakdown"]].values.tolist()
    [[11.0, 'part', '11/11', 'level:district'], [11.0, 'whole', '11/11', 'level:district']]
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be the report as a string, not {type(text).__name__}")
    if not isinstance(source_id, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", source_id):
        raise ValueError(
            f"source_id {source_id!r} is not valid; use lower-case letters, digits and '-' (kh-2019-article)"
        )
    slug = resolve_province(province, data_dir=data_dir)
    period = _default_period(period, source_id, data_dir)
    default_end = parse_period(period).year_end if period else None
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    folder = _data_dir(data_dir)
    catalog_info = (*_catalog_choices(str(folder), identity(folder)), {})
    breakdown_labels = [
        (fold(r.label_vi), r.breakdown) for r in read_table("breakdowns", data_dir=data_dir).itertuples()
    ]
    breakdown_labels.sort(key=lambda lc: -len(lc[0]))
    state = _Stream(section=(period, []), defined=_defined_abbreviations(text), names=_province_names(slug, data_dir))
    columns: dict[str, list] = {c: [] for c in REVIEW_COLUMNS}
    for state.offset, block in _blocks(text):  # a block of paragraphs at a time: the memory stays bounded
        candidates = _read_block(block, period, default_end, breakdown_labels, state)
        for row in _rows(candidates, block, slug, source_id, catalog_info, state):
            for col in REVIEW_COLUMNS:
                columns[col].append(row[col])
    return pd.DataFrame(columns, columns=REVIEW_COLUMNS)


def _province_names(slug: str, data_dir) -> tuple[str, ...]:
    """The province's Vietnamese name and aliases, folded (``dien bien``, :func:`_fold_letters`): to tell its own
    figures."""
    table = read_table("provinces", data_dir=data_dir)
    row = table[table["slug"] == slug]
    if row.empty:
        return ()
    names = [row.iloc[0]["name_vi"], *re.split(r"[|;]", str(row.iloc[0].get("aliases", "") or ""))]
    return tuple(_fold_letters(nfc(n).strip()) for n in names if n and n.strip())


def _fold_letters(text: str) -> str:
    """``text`` lower-cased without diacritics, one character for one (positions kept): ``Khánh Hoà`` and
    ``Khánh Hòa`` read the same."""
    return text.translate(_fold_table()).lower()


BLOCK_CHARS = 200_000  # a text is read a block of whole paragraphs of at least this many characters at a time


def _blocks(text: str):
    """``(offset, block)``: the text cut after a line break past every :data:`BLOCK_CHARS` characters.

    A report of a few hundred pages is one block; a longer text is read block by block, each freed before
    the next, carrying the section's period and what was already seen (:class:`_Stream`)."""
    at = 0
    while at < len(text):
        cut = text.find("\n", at + BLOCK_CHARS)
        end = len(text) if cut == -1 else cut + 1
        yield at, text[at:end]
        at = end


@dataclass
class _Stream:
    """What the reading of one block hands to the next."""

    section: tuple[str, list[str]]  # the period a heading or a paragraph's opening named last
    defined: dict[str, str]  # abbreviations the whole text defines: "hồ sơ (HS)"
    offset: int = 0  # of the block in the text
    lines: set = field(default_factory=set)  # hashes of the lines seen (of four words or more)
    contexts: set = field(default_factory=set)  # hashes of the contexts of the numbers proposed
    latest: list = field(default_factory=lambda: [0, ""])  # the latest month's or count's date's year so far
    counts: dict = field(default_factory=dict)  # keys of the counts proposed (with the words after them) → where
    decimals: dict = field(default_factory=dict)  # keys of the values with decimals proposed → their list item
    ranks_after: dict = field(default_factory=dict)  # keys of those values → the rank printed right after them
    names: tuple[str, ...] = ()  # the names of the province the text is about (folded: _fold_letters)
    ranks: dict = field(default_factory=dict)  # keys of the ranks and rank changes proposed → their denominator


def _read_block(text: str, period: str, default_end, breakdown_labels, state: _Stream) -> list[_Candidate]:
    """The candidates of one block of paragraphs (see :func:`extract`)."""
    low = text.lower()
    if len(low) != len(text):  # a few letters change length when lower-cased (İ): keep positions aligned
        low = "".join(ch.lower()[:1] or ch for ch in text)
    spans = _SkipIndex(text)
    breakdown_index = _CueIndex("breakdown", low)
    lines = _Boundaries(re.compile(r"\n"), text)
    sentences = _Boundaries(_SENTENCE_END_RE, text)
    segments = _Boundaries(_SEGMENT_END_RE, text)
    candidates: list[_Candidate] = []
    paragraph_start = -1
    ctx = _Context(state.section[0], default_end, why=list(state.section[1]), latest=state.latest)
    section = state.section  # the period a heading or a paragraph's opening names
    repeated = _repeated_lines(text, state.lines)
    scanned = 0  # the text is read up to here
    tokens = _tokens(text, low, spans)
    absorbed: set[int] = set()  # starts of numbers read as the denominator of a rank before them
    for k, tok in enumerate(tokens):
        if tok.start in absorbed:
            continue
        para = lines.around(tok.start)
        if para[0] in repeated:  # a line printed again word for word (a caption, a lead): once is enough
            continue
        if para[0] != paragraph_start:  # a new paragraph: back to its section's period, no goal in force
            section = _section(text, low, ctx, max(0, paragraph_start), para[0], spans, lines, period, section)
            if _continues(text, para[0], ctx):  # "… cụ thể như sau:" then "a) PAR INDEX: Đạt 89,13%"
                if _under_heading(text, para[0]):  # "5. Cải cách tài chính công": the section's period
                    ctx.period, ctx.why = section[0], list(section[1])
                ctx.listing = True
                last = _last_printed(text, para[0])  # the last character before this paragraph
                intro = lines.around(max(0, last))  # the line before
                if text[last : last + 1] == ":":  # the list's introduction: its period is the items'
                    _advance(text, low, ctx, max(scanned, intro[0]), intro[1], intro, spans)  # after its last number
                    ctx.list_period, ctx.list_start = (ctx.period, list(ctx.why)), intro[0]
                    short = len(text[intro[0] : intro[1]].split()) <= HEADLINE_WORDS // 2  # "Mục tiêu năm 2025:"
                    ctx.list_goal = ctx.kind_why if short and ctx.goal_until >= len(text) else ""
                else:  # item after item: an item's goal does not run on, nor a year one item named ("năm 2018 …")
                    ctx.goal_until = ctx.plan_until = -1
                    if ctx.list_goal:  # "Mục tiêu năm 2025:" then "- 95% …;" "- 80% …": goals, every one
                        ctx.goal_until, ctx.kind_why = len(text), ctx.list_goal
                    if ctx.list_period is not None:
                        ctx.period, ctx.why = ctx.list_period[0], list(ctx.list_period[1])
                    else:
                        _advance(text, low, ctx, max(scanned, intro[0]), intro[1], intro, spans)
            else:  # the section's period runs on; a goal or a plan ends with its paragraph
                ctx = _Context(section[0], default_end, why=list(section[1]), consumed=ctx.consumed, latest=ctx.latest)
            paragraph_start = scanned = para[0]
        sent = sentences.around(tok.start, para[0], para[1])
        # a sentence without stops (a PDF's table, a list) is read REACH characters around the number at most:
        # every number costs a bounded time, so the whole text a linear one
        sent = (max(sent[0], tok.start - REACH), min(sent[1], tok.end + REACH))
        seg = segments.around(tok.start, sent[0], sent[1])
        # read the paragraph up to this number: period mentions and goal words in force
        _advance(text, low, ctx, scanned, tok.start, sent, spans)
        scanned = tok.start

        # what the whole token says: qualifier, unit, breakdown, evidence (shared by a part and its whole)
        token = _Candidate(tok.start, tok.end, text[tok.start : tok.end].rstrip(), 0.0)
        _qualifier(low, token, sent)
        _unit(low, token, sent[1])
        first = tok.word_value if tok.word_value is not None else parse_vn_number(tok.a)
        if token.unit == "count" and not (tok.b or tok.scale or tok.pct) and first % 1:
            _index_score(low, token, para[0])
        in_range = _range_role(text, tokens, k)
        is_rank = tok.ordinal or _rank(low, token, sent, bool(tok.b), first)
        if not is_rank and k and tokens[k - 1].rank:
            if in_range == "high" or (tok.b and _listed_after(text, tokens[k - 1], tok)):
                is_rank = True  # "vị trí 10 - 15/63", "xếp 20/63 tỉnh cả nước, 5/14 tỉnh vùng": ranks too
                token.unit = "rank"
                token.why.append("rank: after a rank")
        if tok.ordinal:
            token.unit = "rank"
            token.why.append(f"rank in words '{text[tok.start : tok.end]}'")
        elif tok.word_value is not None:
            token.why.append(f"a number in words '{text[tok.start : tok.end]}'")
        tok.rank = is_rank
        of = _rank_of(text, low, tokens, k) if is_rank and not tok.b else None
        if of:  # "thứ nhất trong 63 tỉnh", "thứ 4 trên tổng số 63 tỉnh": 63 is the rank's denominator
            absorbed.add(of.start)
            token.why.append(f"of {of.a}: '{text[tok.end : of.end].strip()}'")
        trailing = _trailing_year(text, tokens, k, sent, spans)
        baseline = _baseline_value(low, tok.start, sent[0])
        if trailing:
            ctx.consumed.add(trailing.start("y"))
        if not (tok.b or tok.pct or tok.scale) and _YEARS_COUNTED_RE.match(low, tok.end):
            continue  # "trong 2 năm 2022 và 2023": the count of the years it names, no fact (their period is read)
        if in_range and is_rank and _side_by_side(tokens[k + 1] if in_range == "low" else tokens[k - 1], first):
            token.why.append("rank: one of two ranks side by side ('đứng thứ 2-3'), not the bound of a range")
        elif in_range and token.qualifier in ("none", "about"):  # "từ 30% - 60%", "khoảng 75% - 90%": both bounds
            token.qualifier = "at_least" if in_range == "low" else "at_most"
            token.why.append(f"the {'lower' if in_range == 'low' else 'upper'} bound of a range")
        if in_range == "low" and token.unit == "count" and tokens[k + 1].pct:
            token.unit = "percent"
        if not _respectively(text, low, token, seg, breakdown_labels):
            _breakdown(text, low, token, seg, breakdown_index)
        evidence = _evidence(text, tok.start, tok.end, seg, sent)
        fraction = f"{tok.a}/{tok.b}" if tok.b else f"{first:g}/{of.a}" if of else ""
        if fraction and not is_rank and _on_a_scale(low, tok, seg):  # "85,31/100 điểm": a score, not a part
            token.unit, fraction = "points", ""
            token.why.append(f"a score out of {tok.b}")
        if is_rank or not fraction:
            pieces = [("", tok.a, tok.start)]
        else:
            pieces = [("part", tok.a, tok.start), ("whole", tok.b, tok.b_start)]
        kind = ctx.kind_at(tok.start)
        if ctx.latest[0] > (default_end or 0):  # the time of writing: the latest month the text named …
            now_label, now_year, now_why = str(ctx.latest[0]), ctx.latest[0], f"the text named '{ctx.latest[1]}'"
        else:  # … or the text's period
            now_label, now_year, now_why = period, default_end or 0, "the text's period"
        for role, number, start in pieces:
            value = first if role != "whole" else parse_vn_number(number)
            if role == "" and tok.word_value is None:
                value = parse_vn_number(f"{number} {tok.scale}{tok.pct}".strip())
            dotted = role == "" and token.unit == "points" and _ONE_GROUP_RE.fullmatch(number) is not None
            scale = _score_scale(low, tok.start, para[0]) if dotted and _a_score_ends(low, tok.end) else 0
            dot_decimal = bool(scale) and value > scale
            if dot_decimal:  # "điểm trung bình PAPI là 42.269 điểm": 42269 is beyond the scale (80)
                value = float(number)
                token.why.append(
                    f"'{number}': a dot as decimal mark (as thousands {value * 1000:g} would pass {scale})"
                )
            cand = _Candidate(start, tok.end, token.printed, value)
            cand.role, cand.fraction, cand.evidence = role, fraction, evidence
            cand.paragraph, cand.sentence, cand.segment, cand.sent = para[0], sent[0], seg, sent
            cand.period, cand.kind = ctx.period, kind
            if ctx.listing and ctx.list_start >= 0:
                cand.item = (state.offset + ctx.list_start, state.offset + para[0])
            cand.qualifier, cand.breakdown = token.qualifier, token.breakdown
            cand.unit = "count" if (fraction and not is_rank) else token.unit
            cand.why = list(ctx.why) + token.why
            if kind != "actual":
                cand.why.append(ctx.kind_why)
            to_now = _SPAN_LABEL_RE.fullmatch(cand.period) is not None and _end_year(cand.period) == now_year
            if (
                kind == "actual"
                and (now_year > _end_year(cand.period) or to_now)
                and _now_re().search(low, max(seg[0], tok.start - NOW_REACH), tok.start)
                and (to_now or not _YEAR_MENTION_RE.search(text, sent[0], tok.start))  # "Năm 2022, tỉnh hiện có …"
            ):  # "Đến nay, 100% xã …", "Trung tâm hiện có gần 20 nơi": the time of writing
                cand.period = now_label
                cand.why.append(f"period: now ('hiện', 'đến nay'): {now_why}")
            if baseline:
                cand.period = baseline
                cand.why.append(f"period {baseline}: the value of the baseline year before it")
            if trailing:
                cand.period = trailing["y"]
                cand.why.append(f"period '{trailing.group(0)}' printed after it")
                if kind == "actual" and _by_a_later_year(text, trailing, default_end):
                    cand.kind = "target"
                    cand.why.append(f"target: 'vào {trailing.group(0)}' is after the report's period")
            if fraction and not is_rank:
                cand.why.append(f"{role} of {fraction}")
            if tok.word_value is None and "." in number and (not _GROUPED_RE.fullmatch(number) or dot_decimal):
                cand.flag = "format_anomaly"
                cand.why.append(f"'{number}' has a dot as decimal mark")
            candidates.append(cand)
        if trailing:  # "vị trí thứ 8 (với 65,53 điểm) năm 2018": the year is of both
            for prev in reversed(candidates[: -len(pieces)]):
                if prev.sentence != sent[0] or re.search(r"[,;.]", text[prev.end : tok.start]):
                    break
                if _compares(low, prev.end, tok.start):
                    break  # "vị trí thứ 9 so với vị trí thứ 5 năm 2023": the year is of the base only
                if any(w.endswith("printed after it") for w in prev.why):
                    break  # "58/63 vào năm 2007 và 40/63 năm 2019": it has its own
                prev.period = trailing["y"]
                prev.why.append(f"period '{trailing.group(0)}' printed after it")

    state.section = _section(text, low, ctx, max(0, paragraph_start), len(text), spans, lines, period, section)
    _units_of_earlier_years(text, candidates)
    return candidates


_EARLIER_YEAR_RE = re.compile(r"\(\s*(?i:năm)\s+(?:19|20)\d{2}\s*(?:là|:)\s*$")


def _units_of_earlier_years(text: str, candidates: list[_Candidate]) -> None:
    """``vươn lên vị trí thứ 7 cả nước (năm 2023 là 18)``: a bare number in brackets after ``năm YYYY là`` is
    the value of the number before it (in its sentence) in that year: a rank or a score as that one is."""
    for prev, cand in itertools.pairwise(candidates):
        if (
            cand.unit != "count"
            or cand.fraction
            or prev.sentence != cand.sentence
            or prev.unit not in ("rank", "points")
        ):
            continue
        if (
            _EARLIER_YEAR_RE.search(text, max(prev.end, cand.start - 20), cand.start)
            and text[cand.end :].lstrip()[:1] == ")"
        ):
            cand.unit = prev.unit
            cand.why.append(f"unit {prev.unit}: the value in an earlier year of the {prev.unit} before it")


_YEAR = r"(?:19|20)\d{2}(?!\d)"
_SPAN_LABEL_RE = re.compile(r"\d{4}-\d{4}")  # "2019-2022": a span of years (a "now" cue right before a
# number in it names the time of writing: "từ tháng 12/2019, đến nay đã cung cấp 3.805 DVC" is a stock of now)
_DATE_WITH_YEAR = rf"(?:\d{{1,2}}\s*[/.-]\s*)?\d{{1,2}}\s*[/.-]\s*(?P<NAME>{_YEAR})|(?P<NAMEc>{_YEAR})"
_DATE_ANY = _DATE_WITH_YEAR + r"|\d{1,2}\s*[/.-]\s*\d{1,2}(?!\d)"
_DATE_WORD = r"(?:hết\s+)?(?:ngày\s+|tháng\s+|năm\s+)?"
_SPAN_GAP = r"(?:(?![.!?…](?:\s|$))[^;\n]){0,120}?"


@lru_cache(maxsize=1)
def _span_res() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Patterns of a span of dates (``từ ngày 02/6/2017 … đến hết tháng 4/2018``), of a count up to a date
    (``lũy kế đến ngày 17/5/2018``) and of a span from a date to now (``từ tháng 12/2019, đến nay``), built from
    the ``span_start``, ``span_end``, ``cumulative_to`` and ``span_now`` cues."""

    def words(kind: str) -> str:
        return "|".join(re.escape(c["cue"].lower()) for c in cues().of(kind))

    start = _DATE_ANY.replace("NAME", "y1")
    end = _DATE_WITH_YEAR.replace("NAME", "y2")
    span = re.compile(
        rf"(?<!\w)(?:{words('span_start')})\s+{_DATE_WORD}(?:{start}){_SPAN_GAP}(?<!\w)(?:{words('span_end')})"
        rf"\s+{_DATE_WORD}(?:{end})"
    )
    cumulative = re.compile(rf"(?<!\w)(?:{words('cumulative_to')})\s+{_DATE_WORD}(?:{end})")
    since = _DATE_WITH_YEAR.replace("NAME", "y1")
    to_now = re.compile(
        rf"(?<!\w)(?:{words('span_start')})\s+{_DATE_WORD}(?:{since}){_SPAN_GAP}(?<!\w)(?:{words('span_now')})(?!\w)"
    )
    return span, cumulative, to_now


def _span_mentions(low: str, lo: int, hi: int, now: int | None = None) -> list[tuple[int, int, str]]:
    """Spans of dates and counts up to a date in ``low[lo:hi]``: ``(start, end, period)``. The year of a date
    names a period only here, as an end of what was counted; a date alone names none. A span from a date to
    now (``từ tháng 12/2019, đến nay``) ends in ``now``, the text's year (none if it has none)."""
    span_re, cumulative_re, to_now_re = _span_res()
    found: list[tuple[int, int, str]] = []
    for m in span_re.finditer(low, lo, hi):
        y2 = m["y2"] or m["y2c"]
        y1 = m["y1"] or m["y1c"] or y2
        found.append((m.start(), m.end(), y2 if y1 == y2 else f"{min(y1, y2)}-{max(y1, y2)}"))
    for m in to_now_re.finditer(low, lo, hi) if now else ():
        y1 = int(m["y1"] or m["y1c"])
        if y1 <= now and not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), str(now) if y1 == now else f"{y1}-{now}"))
    for m in cumulative_re.finditer(low, lo, hi):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), m["y2"] or m["y2c"]))
    return sorted(found)


def _advance_period(text: str, low: str, ctx: _Context, lo: int, hi: int, spans) -> None:
    """Update the period in force with the period mentions and spans of dates of ``text[lo:hi]``."""
    events: list[tuple[int, str, str, int | None]] = []  # (position, period, as printed, a goal's end year)
    clause_of: dict[int, int] = {}  # position of a span of years that lasts its clause only → the clause's end
    ranges = _span_mentions(low, lo, hi, ctx.default_end)
    for s, e, label in ranges:
        if not _glosses(text, s, lo):
            events.append((s, label, text[s:e], None))
            _note_latest(ctx, label, text[s:e])
    for m, ignored, not_target, prefix in _period_mentions(text, low, lo, hi, spans, ctx.consumed):
        label_end = None if ignored else _mention_label(m, ctx.default_end)
        if label_end is None or any(s <= m.start() < e for s, e, _ in ranges):
            continue
        label, end = label_end
        if m["month"]:
            _note_latest(ctx, label, text[m.start() : m.end()])
        goal = end if "đến" in prefix.split() and not not_target and not m["month"] else None  # not "đến tháng 3/2025"
        events.append((m.start(), label, text[m.start() : m.end()], goal))
        lasting = _lasting_until(low, m, lo)
        if lasting is not None:
            clause_of[m.start()] = lasting
    for at, label, printed, goal in sorted(events, key=lambda ev: ev[0]):
        _restore(ctx, at)
        until = None if goal else _comparison_until(text, spans, ctx, at, at + len(printed), label)
        until = clause_of.get(at, until)
        if until is not None and ctx.restore is not None:  # "(năm 2019 xếp 5/63, năm 2018 xếp 43/63); …":
            ctx.restore = (max(until, ctx.restore[0]), *ctx.restore[1:])  # back to the period before the first
        elif until is not None:  # "đạt 4,60 điểm (năm 2018 đạt 4,96 điểm); …": back to the period after it
            ctx.restore = (until, ctx.period, list(ctx.why))
        ctx.period = label
        ctx.why = [w for w in ctx.why if not w.startswith("period")] + [f"period '{printed}'"]
        if goal:
            end = _SENTENCE_END_RE.search(text, at, at + REACH)
            ctx.goal_year, ctx.goal_end = goal, (end.start() if end else at + REACH)
        elif ctx.goal_year and ctx.goal_end < at < ctx.goal_until and _end_year(label) < ctx.goal_year:
            ctx.goal_until, ctx.goal_year = at, 0  # "mục tiêu đến năm 2025 …. Năm 2023, tỉnh xếp thứ 17": a result
        if goal and ctx.default_end and goal > ctx.default_end:
            ctx.goal_until = len(text)  # the rest of the paragraph
            ctx.kind_why = f"target: 'đến năm {goal}' is after the report's period"
    _restore(ctx, hi)


def _restore(ctx: _Context, at: int) -> None:
    """Back to the period in force before a comparison year, once past the end of its clause."""
    if ctx.restore is not None and at >= ctx.restore[0]:
        _, ctx.period, ctx.why = ctx.restore
        ctx.restore = None


def _comparison_until(text: str, spans, ctx: _Context, start: int, end: int, label: str) -> int | None:
    """``Chỉ số A đạt 4,60 điểm, năm 2018 đạt 4,96 điểm; chỉ số B …``: a year earlier than the period in
    force, named inside a sentence after a number, compares: it is the period of its segment only (up to
    ``;``, a bracket or the sentence's end). Returns that end, or None for a period that runs on."""
    if not _end_year(label) or _end_year(label) >= _end_year(ctx.period) or "-" in label:
        return None
    lo = max(0, start - REACH)
    opened = max(text.rfind(c, lo, start) for c in ".!?\n")
    if not any(not spans.skipped(t.start(), t.end()) for t in _TOKEN_RE.finditer(text, opened + 1, start)):
        return None  # the sentence opens with it ("Năm 2018, …"): it runs on
    stop = _SEGMENT_END_RE.search(text, end, end + REACH)
    return stop.end() if stop else end + REACH


def _note_latest(ctx: _Context, label: str, printed: str) -> None:
    """Remember the latest year a month (``tháng 3/2025``) or the end of a count (``đến ngày 15/3/2025``)
    named: the time the text was written, for what it says there is ``hiện có`` (a ``now`` cue)."""
    year = _end_year(label)
    if year > ctx.latest[0]:
        ctx.latest[:] = [year, printed]


def _end_year(label: str) -> int:
    """The last year of a period label (``2021-Q1`` → 2021, ``2019-2020`` → 2020), 0 if none."""
    tail, head = label[-4:], label[:4]
    return int(tail) if tail.isdigit() else int(head) if head.isdigit() else 0


GLOSS_GAP = 12  # characters between an opening bracket and the span of dates it holds ("(tính từ …")


def _glosses(text: str, start: int, lo: int) -> bool:
    """Whether the span of dates at ``start`` is in brackets right after a named period and only explains it
    (``quý I năm 2020 (tính từ 1/12/2019 đến 29/2/2020)``): the named period stays in force."""
    opened = text.rfind("(", max(lo, start - GLOSS_GAP), start + 1)
    if opened == -1 or ")" in text[opened:start]:
        return False
    before = text[max(lo, opened - 40) : opened].rstrip()
    return any(m.end() == len(before) for m in _YEAR_MENTION_RE.finditer(before))


OPENING_WORDS = 3  # a period named within a paragraph's first words ("Năm 2020, …") is its section's


def _section(text: str, low: str, ctx: _Context, lo: int, hi: int, spans, lines, period: str, section):
    """The period of the section at ``hi`` (a new paragraph's start), given the section's ``(period, why)`` at
    ``lo`` (the start of the paragraph before), reading the lines from ``lo`` to ``hi``: a heading (a short line without a full stop) names its
    section's period (or the report's, if it names none); a paragraph that opens with a period
    (``Năm 2020, …``, ``Trong quý I/2021, …``) names it for the paragraphs after it, up to the next such."""
    at = lo
    while at < hi:
        line = lines.around(at)
        if text[line[0] : line[1]].strip():
            words = _words(text, line[0], line[1], OPENING_WORDS)
            heading = _is_headline(text, line[0]) or _under_heading(text, line[1] + 1)  # "5. Cải cách …"
            until = line[1] if heading else words[min(OPENING_WORDS, len(words)) - 1][1]
            probe = _Context(period, ctx.default_end, consumed=ctx.consumed, latest=ctx.latest)
            _advance_period(text, low, probe, line[0], until, spans)
            if probe.why or heading:
                section = (probe.period, probe.why)
        at = line[1] + 1
    return section


def _advance(text: str, low: str, ctx: _Context, lo: int, hi: int, sent: tuple[int, int], spans) -> None:
    """Update the paragraph context with what ``text[lo:hi]`` says: period mentions, goal and plan words.

    A target cue governs the rest of its sentence (a list of goals runs on across ``;``), but a target named
    in passing after a result (``đạt 87,06%, vượt chỉ tiêu (87%)``) only its clause; a plan cue
    (``đề xuất``, ``đăng ký cắt giảm``) governs its segment, up to ``;`` or a bracket.
    """
    _advance_period(text, low, ctx, lo, hi, spans)
    start = max(lo, sent[0])
    for c in cues().of("target"):
        for m in _compiled(c["cue"]).finditer(low, start, hi):
            if _COUNTED_RE.search(low, max(sent[0], m.start() - 12), m.start()) and not _YEAR_BEFORE_RE.search(
                low, max(sent[0], m.start() - 12), m.start()
            ):
                continue  # "12 mục tiêu": the thing a number counts, not a goal ("năm 2023 phải đạt": a year)
            if _not_a_goal(low, m, sent):
                continue  # "tình hình thực hiện các mục tiêu", "các chỉ tiêu phát triển kinh tế - xã hội"
            before = " ".join(low[max(sent[0], m.start() - 20) : m.start()].split()[-2:])
            passing = [t["cue"] for t in cues().of("target_compare") if _compiled(t["cue"]).search(before)]
            until = _CLAUSE_END_RE.search(text, m.end(), sent[1]) if passing else None
            until = until.start() if until else sent[1]
            if not passing:
                until = len(text)  # to the end of the paragraph: the context is reset at the next one
            if passing and text[until : until + 1] == "(":  # "vượt chỉ tiêu (87%)": the bracket is the target
                close = text.find(")", until, sent[1])
                until = close if close != -1 else sent[1]
            if until > ctx.goal_until:
                ctx.goal_until = until
                ctx.kind_why = f"target '{c['cue']}'" + (f" (after '{passing[0]}': its clause only)" if passing else "")
    for c in cues().of("plan"):
        for m in _compiled(c["cue"]).finditer(low, start, hi):
            until = _SEGMENT_END_RE.search(text, m.end(), sent[1])
            ctx.plan_until = max(ctx.plan_until, until.start() if until else sent[1])
            ctx.kind_why = f"plan '{c['cue']}'"


NOT_GOAL_WORDS = 4  # a not_target cue (before_cue) at most this many words (no number) before a target cue: no goal
NAME_REACH = 40  # characters around a target cue searched for a name that holds it (a not_target "name" cue)


def _not_a_goal(low: str, m: re.Match, sent: tuple[int, int]) -> bool:
    """Whether the target cue at ``m`` names no goal: a review of goals (``tình hình thực hiện các mục tiêu,
    chỉ tiêu năm 2024``: a ``not_target`` cue ``before_cue`` within its clause) or a name that holds it
    (``các chỉ tiêu phát triển kinh tế - xã hội``, the name of an area: a ``not_target`` ``name`` cue)."""
    clause = low[max(sent[0], m.start() - 80) : m.start()]
    clause = re.split(r"[.;:()\n]", clause)[-1]
    for c in cues().of("not_target"):
        cue = c["cue"].lower()
        if c["where"] == "before_cue":
            for n in _compiled(cue).finditer(clause):
                between = clause[n.end() :]
                if len(between.split()) <= NOT_GOAL_WORDS and not _DIGIT_RE.search(between):
                    return True
        if c["where"] == "name":
            lo = max(sent[0], m.start() - NAME_REACH)
            for n in _compiled(cue).finditer(low, lo, min(sent[1], m.end() + NAME_REACH)):
                if n.start() <= m.start() and m.end() <= n.end():
                    return True
    return False


def _default_period(period, source_id: str, data_dir) -> str:
    if period is not None and period != "":
        return parse_period(period).label
    srcs = read_table("sources", data_dir=data_dir)
    hit = srcs[srcs["source_id"] == source_id]
    return hit["reference_period"].iat[0] if len(hit) else ""


def _query(
    text: str, start: int, end: int, seg: tuple[int, int], sent: tuple[int, int], *, windows: bool = True
) -> tuple[list[str], str]:
    """Texts around a number that say what it counts (digits left out), and the noun right after it.

    One text per window of :data:`QUERY_WINDOWS` (words before, words after, within the clause only),
    then the whole segment ``seg`` (for :func:`_strong`); ``sent`` is the number's sentence. Without
    ``windows``, the noun only (no texts).
    """
    if not windows:
        return [], " ".join(w.strip(",.;:()") for w in text[end : seg[1]].split()[:3])
    clause = _bounds(_CLAUSE_END_RE, text, start, seg[0], seg[1])
    clause = (clause[0], _bounds(_CLAUSE_END_RE, text, end, seg[0], seg[1])[1])
    scopes = {"clause": clause, "sentence": sent, "segment": seg, "head": sent}
    split: dict[str, tuple[list[str], list[str]]] = {}  # each scope's words before and after, split once
    queries = []
    for n_before, n_after, scope, _weight in QUERY_WINDOWS:
        if scope not in split:
            lo, hi = scopes[scope]
            split[scope] = (text[lo:start].split(), text[end:hi].split())
        before, after = split[scope]
        words = (before[len(before) - n_before :] if n_before else []) + after[:n_after]
        if scope == "head":  # the subject of a list: "Tỷ lệ hồ sơ đúng hạn của … là 99,76%, … là 91,58%"
            words = before[:n_before]
        queries.append(_without_digits(words))
    after = split["segment"][1] if "segment" in split else text[end : seg[1]].split()
    queries.append(_without_digits(text[seg[0] : seg[1]].split()))
    return queries, " ".join(w.strip(",.;:()") for w in after[:3])


def _without_digits(words: list[str]) -> str:
    """The words joined, those with a digit left out."""
    search = _DIGIT_RE.search
    return " ".join([w for w in words if not search(w)])  # a list: faster to join than a generator


_DIGIT_RE = re.compile(r"\d")


_DEFINITION_RE = re.compile(r"\((?P<abbr>[A-ZĐ]{2,8})\)")


def _defined_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the text defines: ``tiếp nhận 61,3 ngàn hồ sơ (HS)`` → ``{"HS": "hồ sơ"}`` (the words
    before the brackets whose first letters spell it)."""
    out = {}
    for m in _DEFINITION_RE.finditer(text):
        abbr, words = m["abbr"], text[max(0, m.start() - 80) : m.start()].split()
        if len(words) >= len(abbr) and all(w.isalpha() for w in words[-len(abbr) :]):
            long = words[-len(abbr) :]
            if fold("".join(w[0] for w in long)) == fold(abbr):
                out.setdefault(abbr, " ".join(long).lower())
    return out


def _first_noun(noun: str) -> str:
    return _expand(noun).split(" ")[0] if noun else ""


LOOK_BACK = 60  # candidates a breakdown part looks back over for its total (a bound on the time per number)
OWN_SUBJECT_WORDS = 5  # more words than this before a number in its segment say what it measures


def _no_subject(text: str, cand: _Candidate) -> bool:
    """Whether the number's segment names only its breakdown before it (``Trong đó, cấp tỉnh là 99,76%``),
    not a subject of its own (``tỷ lệ hồ sơ công việc xử lý trên mạng tại cấp tỉnh đạt 100%``)."""
    return len(text[cand.segment[0] : cand.start].split()) <= OWN_SUBJECT_WORDS


def _unit_of_subject(text: str, cand: _Candidate, earlier: list[_Candidate]) -> None:
    """The unit of a count that names no noun after it, from its subject: ``Số TTHC được công khai: 1.775/1.775``
    (a ``unit`` cue after ``số`` opening its segment), or, for a part of a breakdown (``1.975 thủ tục (trong đó:
    cấp tỉnh: 1.577, cấp huyện: 280)``), the unit of the total before it in its sentence."""
    if re.match(r"\s*[\w%]", text[cand.end : cand.end + 3]) and not cand.fraction:
        return  # a word after it names what it counts
    subject = re.sub(r"[\d.,]+\s*/\s*$", "", " ".join(text[cand.segment[0] : cand.start].lower().split()))
    if not re.search(r"\d", subject):  # "số TTHC …: 1.775/1.775": the part and the whole
        for row in cues().of("unit"):
            cue = row["cue"].lower()
            if cue.isalpha() or " " in cue:
                if subject.startswith(f"số {cue} ") or subject == f"số {cue}":
                    cand.unit = row["value"]
                    cand.why.append(f"unit 'số {row['cue']}' of its subject")
                    return
    if not cand.breakdown or cand.role:
        return
    since = max(
        [cand.segment[0]] + [p.end for p in earlier[-1:] if p.sentence == cand.sentence and p.end <= cand.start]
    )
    if len(text[since : cand.start].split()) > OWN_SUBJECT_WORDS:  # "…, cấp huyện: 280": names no subject
        return
    for prev in reversed(earlier[-LOOK_BACK:]):
        if prev.sentence != cand.sentence:
            break
        if not prev.breakdown and not prev.role:
            if prev.unit not in ("count", "percent", "rank"):
                cand.unit = prev.unit
                cand.why.append(f"unit '{prev.unit}' of the total {prev.printed} it is a part of")
            return


def _inherit(cand: _Candidate, earlier: list[_Candidate]) -> None:
    """A part of a breakdown (``cấp huyện: 215 thủ tục``) measures what its total or siblings measure.

    Looks back for candidates of the same unit that are a total (no breakdown) or a sibling (a breakdown
    of the same dimension): in the same sentence, the last one counting the same noun (``183 HTQLCL …
    278 cơ quan: cấp tỉnh có 38 HTQLCL trong 40 cơ quan``), else the last one; then in the paragraph,
    the last one counting the same noun.
    """
    dim = cand.breakdown.split(":")[0]
    mine = _first_noun(cand.noun)
    eligible = []
    for prev in earlier[: -LOOK_BACK - 1 : -1]:  # the last LOOK_BACK candidates, nearest first
        if prev.paragraph != cand.paragraph:
            break
        if prev.unit != cand.unit or not prev.indicator or prev.role:
            continue
        if prev.breakdown and prev.breakdown.split(":")[0] != dim:
            continue
        eligible.append(prev)
    same_noun = [p for p in eligible if mine and _first_noun(p.noun) == mine]
    in_sentence = [p for p in eligible if p.sentence == cand.sentence]
    pick = [p for p in same_noun if p.sentence == cand.sentence][:1] or in_sentence[:1] or same_noun[:1]
    if cand.unit == "percent" and not pick:
        pick = eligible[:1]  # a share has no noun: "… đạt 98,63%. Trong đó, cấp tỉnh là 99,76%"
    if pick:
        prev = pick[0]
        cand.indicator, cand.score, cand.label = prev.indicator, prev.score, prev.label
        cand.why.append(f"a part of the breakdown of {prev.indicator}")


SHARE_GAP_WORDS = 6  # a share printed this close after a count is read as that count's share


def _share_of(cand: _Candidate, prev: _Candidate, text: str, cat: pd.DataFrame) -> None:
    """``362.425 hồ sơ (99,99%)``, ``28.301 hồ sơ …, chiếm tỷ lệ 21,65%``: the share of the count before it.

    Uses the catalog's naming: the share of indicator ``x`` is ``x_share``.
    """
    if prev.unit != "count" or prev.sentence != cand.sentence or not prev.indicator:
        return
    if len(_words(text, prev.end, cand.start, SHARE_GAP_WORDS + 1)) > SHARE_GAP_WORDS:
        return
    share = f"{prev.indicator}_share"
    if share in cat.index:
        cand.indicator, cand.score, cand.label = share, prev.score, cat.at[share, "label_vi"]
        cand.why.append(f"the share of {prev.indicator} printed before it")


DUPLICATE_CONTEXT = 60  # characters each side of a number that, printed again, make it a repeat


def _context_key(text: str, start: int) -> tuple[str, str]:
    """The text before and after ``start``, whitespace collapsed: a passage printed twice gives one key."""
    before = " ".join(text[max(0, start - DUPLICATE_CONTEXT) : start].split())
    return before, " ".join(text[start : start + DUPLICATE_CONTEXT].split())


HEADLINE_WORDS = 30  # a line this short without a full stop is a headline or a caption
ROUNDED = 1.1  # "hơn 59 ngàn" in a headline restates a body figure up to 10 % above it
_COMPARATIVE = ("more_than", "less_than", "at_least", "at_most", "about")


def _restated(candidates: list[_Candidate], text: str) -> set[int]:
    """Candidates that restate another one rather than state a fact (indices into ``candidates``):

    - a number of a headline or caption (a short line without a full stop) that the body prints too, with
      the same unit (``Quảng Bình xếp thứ 37`` over ``xếp thứ 37/63``; ``hơn 59 ngàn hồ sơ`` over
      ``59,72 ngàn``);
    - the whole of ``a/b`` printed again in its sentence (``5/9 huyện … cả 9/9 huyện``);
    - a share with a comparative after a count ``a/b`` in its segment: the threshold the count is defined
      by (``5/9 huyện đạt tỷ lệ này dưới 3%``), not a fact.
    """
    out: set[int] = set()
    heads = {c.paragraph for c in candidates if _is_headline(text, c.paragraph)}
    body: dict[tuple, list[float]] = {}  # (unit) → values printed in the body
    for c in candidates:
        if c.paragraph not in heads:
            body.setdefault(c.unit, []).append(c.value)
    for values in body.values():
        values.sort()
    wholes: set = set()  # (sentence, value) of the wholes seen
    parts: set = set()  # segments holding the part of an a/b
    for k, cand in enumerate(candidates):
        if cand.paragraph in heads:
            values = body.get(cand.unit, [])
            top = cand.value * ROUNDED if cand.qualifier in _COMPARATIVE else cand.value
            i = bisect.bisect_left(values, cand.value)
            if i < len(values) and values[i] <= top:
                out.add(k)
        if cand.role == "whole":
            if (cand.segment, cand.value) in wholes:  # "5/9 huyện … và cả 9/9 huyện"; not "1/8 …; 1/8 …"
                out.add(k)
            wholes.add((cand.segment, cand.value))
        if cand.unit == "percent" and cand.qualifier in _COMPARATIVE and cand.segment in parts:
            out.add(k)
        if cand.role == "part":
            parts.add(cand.segment)
        if cand.unit == "percent" and k and _defines_group(text, candidates[k - 1], cand):
            out.add(k)
        if _promoted(text, cand):
            out.add(k)  # "thúc đẩy cung cấp 100% dịch vụ công": what an event promotes, no level reached
        if cand.qualifier in _COMPARATIVE and _bounds_a_group(text, cand):
            out.add(k)  # "nhóm B gồm những tỉnh đạt từ 80% - 90%", "duy nhất có kết quả dưới 80%"
        if (
            cand.unit == "rank"
            and cand.qualifier == "at_most"
            and k
            and _ranks_the_counted(text, candidates[k - 1], cand)
        ):
            out.add(k)  # "có 5 chỉ số thành phần đứng top 10": the 10 is what the five are counted by
        if cand.unit in ("count", "rank") and not cand.fraction and _names_its_members(text, cand):
            out.add(k)  # "05 tỉnh … cao nhất là A, B, C, D": the size of a list of names
        if cand.unit == "rank" and not cand.fraction and cand.qualifier == "none" and _beyond_the_ranked(text, cand):
            out.add(k)  # "đứng thứ 4061 tỉnh": more than were ever ranked, a misprint ("40/61" with its slash lost)
    return out


def _beyond_the_ranked(text: str, cand: _Candidate) -> bool:
    """A rank larger than the most places of its kind ever ranked (the ``value`` of the ``rank_group`` noun after
    it: 63 provinces) is no rank: a caption that lost the slash of ``40/61`` prints ``4061``."""
    named = " ".join(w.strip(",.;:()") for w in text[cand.end : cand.end + 30].lower().split()[:3]) + " "
    for g in cues().of("rank_group"):
        if g["value"] and named.startswith(g["cue"].lower() + " ") and cand.value > int(g["value"]):
            return True
    return False


GROUP_REACH = 80  # characters before a bound searched for a group_defined cue (no number between)
AIM_WORDS = 3  # words at most between an aim cue ("thúc đẩy") and the number it governs


def _promoted(text: str, cand: _Candidate) -> bool:
    """``hội thảo … thúc đẩy cung cấp 100% dịch vụ công``: a number shortly after an ``aim`` cue in its
    segment, with no number between, is what is promoted, not a level reached: not a fact."""
    lo = max(cand.segment[0], cand.start - GROUP_REACH)
    before = text[lo : cand.start].lower()
    for c in cues().of("aim"):
        at = before.rfind(c["cue"].lower())
        if at != -1 and not re.search(r"\d", before[at:]):
            if len(before[at + len(c["cue"]) :].split()) <= AIM_WORDS:
                return True
    return False


def _bounds_a_group(text: str, cand: _Candidate) -> bool:
    """A bound (``từ 80% - 90%``, ``dưới 80%``) after a ``group_defined`` cue in its sentence (``gồm những tỉnh
    … đạt``, ``duy nhất có kết quả``), with no number between: what a group is defined by, not a fact."""
    lo = max(cand.sent[0], cand.start - GROUP_REACH)
    before = re.sub(r"\d[\d.,]*\s*%?\s*[-–]\s*$", "", text[lo : cand.start].lower())  # "80% - " of "80% - 90%"
    for c in cues().of("group_defined"):
        at = before.rfind(c["cue"].lower())
        if at != -1 and not re.search(r"\d", before[at:]):
            return True
    return False


_RANKS_COUNTED_RE = re.compile(r"(?:\s+[^\s\d,.;:()]+){1,5}\s+(?:đứng|lọt|nằm trong|thuộc|vào)\s+(?:top|tốp|nhóm)\s+")


def _ranks_the_counted(text: str, count: _Candidate, rank: _Candidate) -> bool:
    """``có 5 chỉ số thành phần đứng top 10``: a group of the first right after a count of things, in its
    segment, is what they were counted by."""
    if count.unit != "count" or count.role or count.segment != rank.segment:
        return False
    return bool(_RANKS_COUNTED_RE.fullmatch(text[count.end : rank.start].lower()))


_NAME = r"[A-ZĐÀ-Ỹ][^,;.\d]{0,40}"
_MEMBERS_RE = re.compile(
    rf"\slà\s+{_NAME}(?:(?:,\s*{_NAME}){{2,}}|(?:,\s*{_NAME})?\s+và\s+[A-ZĐÀ-Ỹ])"
)  # A, B, C / A (, B) và C


def _names_its_members(text: str, cand: _Candidate) -> bool:
    """``05 tỉnh, thành phố … cao nhất là Quảng Ninh, Thái Nguyên, Hải Dương``, ``3 địa phương … là A, B và C``, ``nhóm 10 tỉnh đứng đầu là A, B,
    C``: a number of places (a ``rank_group`` noun after it) whose sentence names them after ``là`` is the size
    of a list the writer gives, not a fact."""
    named = " ".join(w.strip(",.;:") for w in text[cand.end : cand.end + 30].lower().split()[:3]) + " "
    end = min(cand.sent[1], cand.end + REACH)
    clause = re.search(r"[;:]", text[cand.end : end])
    stop = cand.end + clause.start() if clause else end
    members = _MEMBERS_RE.search(text, cand.end, stop)
    if not members:
        return False
    if any(named.startswith(g["cue"].lower() + " ") for g in cues().of("rank_group")):
        return True
    return cand.value >= 2 and _places_named(text[members.start() : stop]) == cand.value


_PLACE_WORDS = 6  # words at most in a place's name, its noun included ("Thành phố Hồ Chí Minh")


def _places_named(listing: str) -> int:
    """How many places ``là A, B và C …`` names, one after the other (0 if a name is not a province):
    ``2 trung tâm kinh tế lớn nhất … là Hà Nội và Thành phố Hồ Chí Minh`` names 2, as many as it counts."""
    pieces = re.split(r",\s*|\s+và\s+", listing.split(None, 1)[1] if len(listing.split(None, 1)) > 1 else "")
    count = 0
    for piece in pieces:
        words = piece.split()[:_PLACE_WORDS]
        if not words or not words[0][:1].isupper():
            break
        if not any(_is_province(" ".join(words[:n])) for n in range(len(words), 0, -1)):
            return 0
        count += 1
    return count


@lru_cache(maxsize=1024)
def _is_province(name: str) -> bool:
    try:
        resolve_province(name)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _group_re() -> re.Pattern:
    nouns = "|".join(re.escape(c["cue"].lower()) for c in cues().of("group_noun"))
    return re.compile(rf"\s+(?:{nouns})(?:\s+[^\s\d,.;:()]+){{0,3}}?\s+đạt(?:\s+tỷ lệ)?(?:\s+(?:trên|từ))?\s+")


def _defines_group(text: str, count: _Candidate, share: _Candidate) -> bool:
    """``có 16 Sở đạt 100%``, ``9 huyện đạt tỷ lệ trên 95%``, ``23/63 tỉnh, thành phố đạt 100%`` (after the whole
    of a part and whole, the part is the group): a share of 100 % or with a comparative, right
    after a count of agencies or places (a ``group_noun``) and ``đạt``, is what the group was counted by, not
    a fact of its own."""
    if count.unit != "count" or count.role == "part" or count.segment != share.segment or share.start - count.end > 80:
        return False
    if share.value != 100 and share.qualifier not in _COMPARATIVE:
        return False  # "hồ sơ của 12 xã đạt 98,5%": a share of the group, a fact
    return bool(_group_re().fullmatch(text[count.end : share.start].lower()))


_HEADLINE_END_RE = re.compile(r"[.!?…](?=\s|$)|[:;]$")


def _is_headline(text: str, start: int) -> bool:
    end = text.find("\n", start)
    line = text[start : end if end != -1 else len(text)].strip()
    if line[:1].islower() and line.split()[0].isalpha():  # "địa bàn tỉnh đạt …": a hard-wrapped sentence goes on
        return False
    return len(line.split()) <= HEADLINE_WORDS and not _HEADLINE_END_RE.search(line)


def _decimal_key(cand: _Candidate) -> tuple:
    return (cand.value, cand.unit, cand.period, cand.kind, cand.indicator, cand.breakdown)


PLACE_REACH = 30  # characters before a value within which a place named (``tỉnh Đồng Tháp (đạt``) is its own


@lru_cache(maxsize=1)
def _place_before_re() -> re.Pattern:
    nouns = "|".join(re.escape(c["cue"]) for c in cues().of("place_noun"))
    # the noun, the place's capitalised name, then at most a bracket and a verb before the value
    return re.compile(rf"(?<!\w)(?i:{nouns})\s+(?P<name>[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*)*)\s*\(?\s*(?:\w+\s*)?$")


def _place_before(text: str, cand: _Candidate) -> str:
    """The place named right before a value (``tỉnh Đồng Tháp (đạt 89,51%)``), or ``""``."""
    m = _place_before_re().search(text, max(cand.sentence, cand.start - PLACE_REACH), cand.start)
    return m["name"] if m else ""


def _repeat_of(cand: _Candidate, seen: dict, text: str = "") -> bool:
    """A value with decimals printed again with the same unit, period, kind, indicator and breakdown
    (``73,40 điểm`` in the lead and in the body) is the same fact: once is enough; but not in another item
    of the same list (``4,80 điểm`` of one area, ``4,8 điểm`` of the next: two facts). ``seen`` maps the
    keys of the values kept so far to the list item they were printed in. The same value of a place named right
    before it (``tỉnh Đồng Tháp (đạt 89,51%)``, a ``place_noun`` cue) is that place's: another fact."""
    if float(cand.value).is_integer() or cand.role:
        return False
    key = _decimal_key(cand) + (_place_before(text, cand) if text else "",)  # another place's: another fact
    if key in seen:
        item = seen[key]
        if not (item and cand.item and item[0] == cand.item[0] and item[1] != cand.item[1]):
            return True
    seen[key] = cand.item
    return False


COUNTED_WORDS = 4  # words after a count naming what it counts ("8 lĩnh vực đánh giá"; "08 UBND cấp huyện": too few)
_COUNTED_WORDS_RE = re.compile(r"[^\W\d_]+")


REPEAT_REACH = 3000  # characters after a count within which it can be referred to again


def _count_again(cand: _Candidate, text: str, seen: dict, offset: int) -> bool:
    """A whole count referred to again (a ``repeat_marker`` word before it: ``ở``, ``trong``) shortly after
    it was printed, with the same four words after it, the same period and kind (``cấu trúc thành 8 lĩnh
    vực đánh giá`` … ``Trong 8 lĩnh vực đánh giá``), is the same fact: once is enough; a count described at length
    again in its paragraph is one too, unless other numbers in its clause differ (``02 cơ quan đạt 91 điểm trở lên
    được phân loại …; 02 cơ quan đạt 82 điểm trở lên được phân loại …``: two groups). ``seen`` maps the keys
    of the counts kept so far to where they were printed (in the whole text: ``offset`` is the block's)."""
    if cand.unit != "count" or cand.role or not float(cand.value).is_integer():
        return False
    after = re.split(r"[,.;:()\n]", text[cand.end : cand.end + 120], maxsplit=1)[0]
    counted = _COUNTED_WORDS_RE.findall(after.lower())
    at = offset + cand.start
    bounds = tuple(re.findall(r"\d+", after))  # "02 cơ quan đạt 91 điểm …; 02 cơ quan đạt 82 điểm …": two groups
    if len(counted) >= SAME_NOUN_WORDS:  # "9 chỉ số chính với …, 9 chỉ số chính được phân thành …"
        key = ("sentence", cand.value, tuple(counted[:SAME_NOUN_WORDS]), offset + cand.sentence)
        clause = max(text.rfind(c, cand.segment[0], cand.start) for c in ",;:(")  # -1: its segment opens the clause
        opens = not _COUNTED_WORDS_RE.search(text, max(clause + 1, cand.segment[0]), cand.start)
        other = bounds and seen.get((key, "bounds")) and bounds != seen[key, "bounds"]
        if key in seen and opens and not other:
            return True  # it opens its clause: the count of the same thing, referred to again
        seen.setdefault(key, at)
        seen.setdefault((key, "bounds"), bounds)
    if len(counted) >= DESCRIBED_WORDS:  # "gồm 6 chỉ số chính thuộc Nhóm chỉ số nền tảng chung …" again
        key = ("described", cand.value, tuple(counted[:DESCRIBED_WORDS]), bounds, cand.period, cand.kind)
        paragraph = offset + _paragraph_of(text, cand.start)
        if key in seen and at - seen[key] <= REPEAT_REACH and paragraph == seen[key, "p"]:
            return True
        seen[key], seen[key, "p"] = at, paragraph
    words = counted[:COUNTED_WORDS]
    if len(words) < COUNTED_WORDS:
        return False
    key = (cand.value, tuple(words), cand.period, cand.kind)  # not the breakdown: a guess from around it
    if key in seen and at - seen[key] <= REPEAT_REACH:
        before = text[max(0, cand.start - 12) : cand.start].lower().split()
        if before and before[-1] in {c["cue"].lower() for c in cues().of("repeat_marker")}:
            return True
    seen[key] = at
    return False


def _own_rank(cand: _Candidate, text: str, names: tuple[str, ...]) -> bool:
    """Whether ``cand`` is a rank (or a rank change) of the province the text is about: its name is the last place
    named before it in its sentence (``Quản trị môi trường đứng thứ 6/63``, a sentence that does not name the
    province, is another subject's rank), and no ``parts_follow`` cue (``trong đó``) stands between."""
    if cand.unit != "rank" or cand.role == "whole" or not names:
        return False
    before = _fold_letters(text[cand.sent[0] : cand.start])
    at = max(before.rfind(name) for name in names)
    if at < 0 or _OTHER_PLACE_RE.search(text, cand.sent[0] + at + 1, cand.start):
        return False
    between = text[cand.sent[0] + at : cand.start].lower()  # "Bắc Ninh xếp thứ 4/63, trong đó, chính quyền số …"
    return not any(_compiled(c["cue"]).search(between) for c in cues().of("parts_follow"))


def _ranks_again(candidates: list[_Candidate], text: str, state: _Stream, skip: set[int]) -> set[int]:
    """The ranks of the province printed again (indices into ``candidates``): a rank change (``tăng 31 bậc``) or a
    rank with the same denominator (``xếp thứ 62/63``) with the same value, qualifier, period and kind as one
    proposed before is the same fact; so is a rank without a denominator (``đứng ở vị trí số 31``) printed again
    in a sentence that prints such a repeat too (``…, tăng 31 bậc so với PCI năm 2022``). A bare rank printed
    again alone (``đứng thứ 3 khu vực`` of the economy after ``xếp ở vị trí thứ 3`` of an index) may be another
    subject's and is kept. ``state.ranks`` maps the keys of the ranks proposed to their denominator."""
    strong: set[int] = set()
    weak: set[int] = set()
    for k, cand in enumerate(candidates):
        if k in skip or not _own_rank(cand, text, state.names):
            continue
        change = bool(re.match(r"\s*bậc(?!\w)", text[cand.end : cand.end + 12].lower()))
        key = (cand.value, change, cand.qualifier, cand.period, cand.kind)
        of = cand.fraction.partition("/")[2]
        if key not in state.ranks:
            state.ranks[key] = of
        elif change or (of and of == state.ranks[key]):
            strong.add(k)
        elif not of or not state.ranks[key]:
            weak.add(k)
    sentences = {candidates[k].sentence for k in strong}
    return strong | {k for k in weak if candidates[k].sentence in sentences}


_OTHER_PLACE_RE = re.compile(r"(?<!\w)(?i:tỉnh|thành phố)\s+[A-ZĐÀ-Ỹ]")


SAME_NOUN_WORDS = 3  # a count opening its clause with the same value and these words as one before in its sentence
DESCRIBED_WORDS = 8  # a count printed again in its paragraph with this many words after it the same: one fact


def _paragraph_of(text: str, at: int) -> int:
    """Where the paragraph (line) holding ``at`` starts."""
    return text.rfind("\n", 0, at) + 1


def _rows(candidates: list[_Candidate], text: str, slug: str, source_id: str, catalog_info, state: _Stream):
    """The review rows of the candidates of one block (a generator of dicts)."""
    kept = []
    seen, decimals = state.contexts, state.decimals
    defined = state.defined  # "hồ sơ (HS)": HS then reads as hồ sơ
    defined_re = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, defined)) + r")(?!\w)") if defined else None
    cat = catalog_info[0].set_index("indicator")
    last_part: _Candidate | None = None
    echo = None  # (a value with decimals just dropped as printed again, its key)
    dropped = _restated(candidates, text)
    again = _ranks_again(candidates, text, state, dropped)
    for k, cand in enumerate(candidates):
        key = hash((_context_key(text, cand.start), cand.role))
        if key in seen or k in dropped:  # the same sentence printed twice (a lead repeated in the body) …
            continue
        seen.add(key)
        if cand.role == "whole" and last_part is not None and last_part.indicator:
            whole = cat.at[last_part.indicator, "whole"]
            if whole:
                cand.indicator, cand.score, cand.label = whole, last_part.score, cat.at[whole, "label_vi"]
                cand.why.append(f"the whole of {last_part.indicator}")
        if cand.unit == "count":
            _unit_of_subject(text, cand, kept)
        scored = cand.unit not in NO_CATALOG_UNITS  # a rank, a score, days: no catalog indicator to score
        queries, cand.noun = _query(text, cand.start, cand.end, cand.segment, cand.sent, windows=scored)
        if defined:
            queries = [defined_re.sub(lambda m: defined[m.group(0)], q) for q in queries]
            cand.noun = defined_re.sub(lambda m: defined[m.group(0)], cand.noun)
        if not cand.indicator and cand.breakdown and not cand.role and _no_subject(text, cand):
            _inherit(cand, kept)
        if not cand.indicator and cand.unit == "percent" and kept:
            _share_of(cand, kept[-1], text, cat)
        if not cand.indicator:
            ranked = _suggest(queries, cand.noun, cand.unit, cand.role, catalog_info)
            cand.candidates = "; ".join(f"{code} ({min(100.0, score):g})" for code, score, *_ in ranked)
            cand.score = min(100.0, ranked[0][1]) if ranked else 0.0
            clause = text[slice(*_bounds(_CLAUSE_END_RE, text, cand.start, *cand.segment))].lower()
            fitting = [r for r in ranked if _cued(r[0], clause)]  # the cue words of the indicator are there
            if _strong(fitting):
                cand.indicator, cand.label = fitting[0][0], fitting[0][2]
                cand.why.extend(
                    f"not '{r[0]}': its cue words are not in the clause" for r in ranked[: ranked.index(fitting[0])]
                )
        if cand.unit == "rank" and echo is not None and echo[0].segment == cand.segment:
            if state.ranks_after.get(echo[1]) == (cand.value, cand.fraction):
                echo = None
                continue  # "3,94 điểm, xếp 9/63" printed again (a caption, then the body): its rank too
        echo = None
        if _repeat_of(cand, decimals, text):
            echo = (cand, _decimal_key(cand))
            continue
        if _count_again(cand, text, state.counts, state.offset):
            continue
        if k in again:
            continue
        kept.append(cand)
        if cand.unit == "rank" and len(kept) > 1 and kept[-2].segment == cand.segment:
            if not float(kept[-2].value).is_integer() and not kept[-2].role:
                state.ranks_after.setdefault(_decimal_key(kept[-2]), (cand.value, cand.fraction))
        if cand.role == "part":
            last_part = cand
        strength = 1.0 if (cand.unit != "count" or cand.fraction) else 0.7
        if cand.value in (0, 1) and not cand.fraction:
            strength = 0.4
        confidence = round(0.5 * cand.score / 100 + 0.5 * strength, 2)
        yield (
            {
                "fact_id": "",
                "province": slug,
                "indicator": cand.indicator,
                "period": cand.period,
                "kind": cand.kind,
                "value": cand.value,
                "qualifier": cand.qualifier,
                "breakdown": cand.breakdown,
                "source_id": source_id,
                "evidence": cand.evidence,
                "flag": cand.flag,
                "note": "",
                "note_vi": "",
                "keep": "",
                "confidence": confidence,
                "indicator_score": cand.score,
                "indicator_label": cand.label,
                "indicator_candidates": cand.candidates,
                **_draft(cand, text),
                "unit": cand.unit,
                "role": cand.role,
                "fraction": cand.fraction,
                "position": cand.start + state.offset,
                "why": "; ".join(dict.fromkeys(cand.why)),
                **dict.fromkeys(CATALOG_COLUMNS, ""),
            }
        )


DRAFT_WORDS = 12  # words of the text kept in a drafted label
_DRAFT_DROP = frozenset(
    "đạt là có chiếm với được gồm còn và đã tăng giảm trên hơn gần xếp thứ hạng vị trí đứng ở top nhóm từ đến phấn đấu "
    "trong đó năm tiếp nhận".split()
)  # words a drafted label does not begin or end with
_DRAFT_CODE_STOP = {"ty", "le", "cua", "cac", "va", "la", "co", "duoc"}


def _draft(cand: _Candidate, text: str) -> dict:
    """A new indicator drafted from the text for a number no catalog indicator fits strongly: a label in
    the text's own words (for a count, the noun phrase it counts; for a share, a score or a rank, what its
    clause says before it), and a code made of those words without diacritics. The curator edits it into a
    catalog row (the ``catalog_*`` columns)."""
    empty = {"draft_indicator": "", "draft_label_vi": ""}
    if cand.indicator or cand.role == "whole":
        return empty
    seg = cand.segment
    clause = _bounds(_CLAUSE_END_RE, text, cand.start, seg[0], seg[1])
    clause_end = _bounds(_CLAUSE_END_RE, text, cand.end, seg[0], seg[1])[1]

    def clean(words):
        words = [w.strip(',.;:()“”"-–|') for w in words if w.isalpha() or not _DIGIT_RE.search(w)]
        words = [w for w in words if w]
        while words and words[-1].lower() in _DRAFT_DROP:
            words.pop()
        while words and words[0].lower() in _DRAFT_DROP:
            words.pop(0)
        return words

    before = clean(text[clause[0] : cand.start].split())
    after = clean(text[cand.end : clause_end].split()[:DRAFT_WORDS])
    counted = cand.unit in ("count", "procedure", "minute", "vnd")
    words = after if counted and after else before[-DRAFT_WORDS:]
    if len(words) < (1 if counted else 3):  # "…, xếp thứ 18/63": the subject that opens the sentence
        first = _TOKEN_RE.search(text, cand.sent[0], cand.start)
        subject = clean(text[cand.sent[0] : first.start() if first else cand.start].split())
        words = subject[-DRAFT_WORDS:] if len(subject) >= 2 else words or after
    if not words:
        return empty
    prefix = {"percent": "Tỷ lệ", "rank": "Xếp hạng", "points": "Điểm", "day": ""}.get(cand.unit, "Số")
    label = " ".join(words)
    if prefix and not _fold(label).startswith(_fold(prefix)):
        label = f"{prefix} {label[0].lower() + label[1:] if not label[:2].isupper() else label}"
    label = label[0].upper() + label[1:]
    code_words = [w for w in re.findall(r"\w+", _fold(" ".join(words))) if w not in _DRAFT_CODE_STOP]
    code = "_".join(code_words[:6])
    if cand.unit == "percent":
        code += "_share"
    return {"draft_indicator": code if code[:1].isalpha() else f"x_{code}", "draft_label_vi": label}


def format_value(value: float) -> str:
    """A value as ``indicators.csv`` writes it: ``.`` as decimal mark, no exponent, no trailing ``.0``.

    >>> format_value(1514.0), format_value(65.91), format_value(100210000.0)
    ('1514', '65.91', '100210000')
    """
    if value != value:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def write_review(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write candidates (or reviewed rows) as a CSV file a spreadsheet opens; return its path.

    UTF-8 with a byte-order mark, which tells Excel the encoding (without it, Excel shows Vietnamese
    letters garbled); LibreOffice, pandas and :func:`cchc_data.curate.check` read it either way.
    Values are written as ``indicators.csv`` writes them (``1514``, ``65.91``). Every cell is quoted, and text
    a spreadsheet would run as a formula (``+7 hồ sơ``) gets a leading apostrophe, as the workbooks mark it;
    :func:`cchc_data.curate.check` removes it (:mod:`cchc_data._csvfile`).

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows with a ``value`` column, e.g. from :func:`extract`.
    path : str or os.PathLike
        The CSV file to write (replaced if it exists).

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> df = extract("Tỷ lệ đạt 98,63%.", province="Khánh Hòa", source_id="demo", period="2021-Q1")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_review(df, Path(tmp) / "review.csv")
    ...     out.read_bytes()[:3].hex(), pd.read_csv(out, encoding="utf-8-sig")["value"].tolist()
    ('efbbbf', [98.63])
    """
    path = Path(path)
    out = frame.copy()
    out["value"] = [format_value(v) for v in out["value"]]
    write_csv(out, path)
    return path


share_docs_in(globals())
