"""Tests written for the surviving mutants of ``cchc_data/validation.py`` (issue 14, mutation testing).

Each cross-row rule is broken on purpose in a copy of the bundled data, and the whole issue is compared
(level, file, line, field, message), so that a rule reporting the wrong file, column, line or wording
fails here. The expected values are read from the CSV files with the ``csv`` module.

The ``_prints`` cases pin the fast path that finds the printed value in the evidence: fragments where
it and the slow path (``numbers_in``) disagree, e.g. a range written with an ellipsis (``1.514...1.600``),
which ``numbers_in`` cannot split, or ``1.5140`` (not 1514).
"""

import csv

import pytest

import cchc_data as cd
from cchc_data.schema import Issue
from cchc_data.validation import MAX_EVIDENCE_WORDS, _prints


def rows(folder, table):
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(folder, table, data):
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(data[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(data)


def line_of(i):
    """The CSV line of data row ``i`` (the header is line 1)."""
    return i + 2


# --- the catalog rules ----------------------------------------------------------------------------------


def test_an_indicator_that_is_its_own_whole_is_one_error_on_its_catalog_line(data_copy):
    cat = rows(data_copy, "catalog")
    i = next(n for n, r in enumerate(cat) if r["whole"])  # a part: its own whole instead of the real one
    code = cat[i]["indicator"]
    cat[i]["whole"] = code
    write(data_copy, "catalog", cat)
    report = cd.validate(data_copy)
    assert report.errors == [Issue("error", "catalog.csv", line_of(i), "whole", f"{code} cannot be its own whole")]


def test_a_part_and_its_whole_with_different_units_is_one_error(data_copy):
    cat = rows(data_copy, "catalog")
    unit_of = {r["indicator"]: r["unit"] for r in cat}
    # a part without a concept (so that only this rule applies), given another unit than its whole's
    i = next(n for n, r in enumerate(cat) if r["whole"] and not r["concept"] and unit_of[r["whole"]] == "count")
    other = next(r["unit"] for r in rows(data_copy, "units") if r["unit"] not in ("count", "percent"))
    code, whole = cat[i]["indicator"], cat[i]["whole"]
    cat[i]["unit"] = other
    write(data_copy, "catalog", cat)
    report = cd.validate(data_copy)
    expected = f"{code} ({other}) and its whole {whole} (count) have different units"
    assert report.errors == [Issue("error", "catalog.csv", line_of(i), "whole", expected)]


def test_an_indicator_with_another_unit_than_its_concept_is_an_error_naming_both(data_copy):
    cat = rows(data_copy, "catalog")
    concept_unit = {r["concept"]: r["unit"] for r in rows(data_copy, "concepts")}
    i = next(n for n, r in enumerate(cat) if r["concept"] and not r["whole"])
    code, concept = cat[i]["indicator"], cat[i]["concept"]
    other = next(r["unit"] for r in rows(data_copy, "units") if r["unit"] not in (concept_unit[concept], "percent"))
    cat[i]["unit"] = other
    write(data_copy, "catalog", cat)
    report = cd.validate(data_copy)
    expected = f"{code}: unit {other!r} differs from its concept {concept!r} ({concept_unit[concept]!r})"
    assert [e for e in report.errors if e.file != "indicators.csv"] == [
        Issue("error", "catalog.csv", line_of(i), "unit", expected)
    ]


# --- the fact rules -------------------------------------------------------------------------------------


def test_fact_ids_that_do_not_start_with_their_source_id_are_errors(data_copy):
    facts = rows(data_copy, "indicators")
    ids = {r["fact_id"] for r in facts}
    # one in the middle named after another source; the last one starts with its source id + 'x', not '-'
    mid, last = len(facts) // 2, len(facts) - 1
    other_src = next(r["source_id"] for r in rows(data_copy, "sources") if r["source_id"] != facts[mid]["source_id"])
    facts[mid]["fact_id"] = f"{other_src}-999"
    facts[last]["fact_id"] = facts[last]["source_id"] + "x-999"
    assert not {facts[mid]["fact_id"], facts[last]["fact_id"]} & ids
    write(data_copy, "indicators", facts)
    report = cd.validate(data_copy)
    assert report.errors == [
        Issue(
            "error",
            "indicators.csv",
            line_of(n),
            "fact_id",
            f"{facts[n]['fact_id']!r} should start with its source_id {facts[n]['source_id']!r}",
        )
        for n in (mid, last)
    ]


def test_a_fact_about_another_province_than_its_source_is_an_error_naming_both(data_copy):
    facts = rows(data_copy, "indicators")
    src_province = {r["source_id"]: r["province"] for r in rows(data_copy, "sources")}
    i = len(facts) // 3
    sid = facts[i]["source_id"]
    other = next(p for p in sorted(set(src_province.values())) if p != src_province[sid])
    facts[i]["province"] = other
    write(data_copy, "indicators", facts)
    report = cd.validate(data_copy)
    expected = f"{other!r} but source {sid} is about {src_province[sid]!r}"
    assert Issue("error", "indicators.csv", line_of(i), "province", expected) in report.errors
    assert [e for e in report.errors if e.field == "province"] == [
        Issue("error", "indicators.csv", line_of(i), "province", expected)
    ]


def _with_words(evidence, n):
    """``evidence`` padded with filler words to exactly ``n`` words."""
    return evidence + " chữ" * (n - len(evidence.split()))


def test_evidence_of_the_longest_allowed_length_passes_one_word_more_is_an_error(data_copy):
    facts = rows(data_copy, "indicators")
    i = next(n for n, r in enumerate(facts) if len(r["evidence"].split()) < MAX_EVIDENCE_WORDS)
    facts[i]["evidence"] = _with_words(facts[i]["evidence"], MAX_EVIDENCE_WORDS)
    write(data_copy, "indicators", facts)
    assert cd.validate(data_copy).errors == []
    facts[i]["evidence"] = _with_words(facts[i]["evidence"], MAX_EVIDENCE_WORDS + 1)
    write(data_copy, "indicators", facts)
    assert cd.validate(data_copy).errors == [
        Issue(
            "error",
            "indicators.csv",
            line_of(i),
            "evidence",
            f"{MAX_EVIDENCE_WORDS + 1} words; quote at most ~15 (a citation, not prose)",
        )
    ]


def test_evidence_without_the_value_is_one_error_listing_the_numbers_it_has(data_copy):
    facts = rows(data_copy, "indicators")
    i = len(facts) // 2
    facts[i]["value"], facts[i]["evidence"] = "1514", "tăng 1.5140 lần, 12 xã"  # 1.514 and 12; not 1514
    write(data_copy, "indicators", facts)
    assert cd.validate(data_copy).errors == [
        Issue(
            "error",
            "indicators.csv",
            line_of(i),
            "evidence",
            "does not contain the value 1514 as printed (numbers in it: 1.514, 12)",
        )
    ]


def test_a_folder_without_facts_is_valid(data_copy):
    facts = rows(data_copy, "indicators")
    with open(data_copy / "indicators.csv", "w", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(facts[0]), lineterminator="\n").writeheader()
    assert cd.validate(data_copy).errors == []


# --- _prints: does the evidence print the value? --------------------------------------------------------

PRINTS = [
    # (evidence, value, prints?)
    ("từ 1.514...1.600 hồ sơ", 1514, True),  # the fast path: numbers_in cannot split the ellipsis range
    ("1.514...1.600 hồ sơ", 1514, True),  # ... at the very start of the text
    ("từ 1514...1600 hồ sơ", 1514, True),  # ... written without the thousands dot
    ("9 1.514...1.600", 1514, True),  # a digit two characters before does not matter
    ("mã X1.514...1.600", 1514, True),  # a letter right before is no part of the number
    ("từ 65,91...70 điểm", 65.91, True),  # a decimal number, printed with the decimal comma
    ("21.514 và 1.514...1.600 và 21.514", 1514, True),  # the only standalone one is in the middle
    ("1514...1600 và 1514,5", 1514, True),  # the first one stands alone, the last does not
    ("từ 1.514...1.600 hồ sơ", 1600, False),  # glued to the range: not found
    ("số 21.514 hồ sơ", 1514, False),  # 21514
    ("21514", 1514, False),
    ("tăng 1.5140 lần", 1514, False),  # 1.514 (a decimal), not 1514
    ("tăng 1.5140", 1514, False),
    ("1.514,5 tỷ đồng", 1514, False),  # 1514.5
    ("1,514 lần", 1514, False),  # 1.514 in Vietnamese
    ("65 người", 65.91, False),  # a whole number is not the decimal value
    ("65,91%", 65.91, True),
    ("đạt 1.514 hồ sơ", 1514, True),
    ("chênh lệch -1.514 hồ sơ", -1514, True),  # numbers_in has no sign: only the fast path finds it
    ("2,01 triệu đồng", 2_010_000, True),  # scaled: 2.01 * 1e6 is not exactly 2010000 in floating point
    ("2,01 tỷ đồng", 2_010_000_000, True),
    ("không có số", float("nan"), True),  # a missing value is the schema's concern
    ("", 12, True),  # so is a missing evidence
]


@pytest.mark.parametrize(("evidence", "value", "expected"), PRINTS)
def test_prints_finds_the_value_as_printed(evidence, value, expected):
    assert _prints(evidence, value) is expected
