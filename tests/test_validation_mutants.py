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
from test_validation import rows, write  # the CSV helpers of the validation tests

import cchc_data as cd
from cchc_data.schema import Issue
from cchc_data.validation import MAX_EVIDENCE_WORDS, _prints


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
            f"{MAX_EVIDENCE_WORDS + 1} words; quote at most {MAX_EVIDENCE_WORDS} (a citation, not prose)",
        )
    ]


def test_evidence_without_the_value_is_one_error_listing_the_numbers_it_has(data_copy):
    facts = rows(data_copy, "indicators")
    i = next(n for n, r in enumerate(facts) if r["fact_id"] == "kh-2019-article-014")  # a count, unflagged
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


def test_evidence_without_any_number_says_so(data_copy):
    facts = rows(data_copy, "indicators")
    i = len(facts) // 2
    facts[i]["evidence"] = "không có con số nào"
    write(data_copy, "indicators", facts)
    message = f"does not contain the value {float(facts[i]['value']):g} as printed (numbers in it: none)"
    assert cd.validate(data_copy).errors == [Issue("error", "indicators.csv", line_of(i), "evidence", message)]


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
    ("-1.514X2", -1514, True),  # a letter ends the number; only '.' or ',' before a digit continues it
    ("2,01 triệu đồng", 2_010_000, True),  # scaled: 2.01 * 1e6 is not exactly 2010000 in floating point
    ("2,01 tỷ đồng", 2_010_000_000, True),
    ("không có số", float("nan"), True),  # a missing value is the schema's concern
    ("", 12, True),  # so is a missing evidence
]


@pytest.mark.parametrize(("evidence", "value", "expected"), PRINTS)
def test_prints_finds_the_value_as_printed(evidence, value, expected):
    assert _prints(evidence, value) is expected


# --- the value rules: whole issues, their boundaries, errors and warnings -------------------------------

FLAGGED = {"note": "printed so in the source", "note_vi": "nguồn in như vậy"}


def _units(folder):
    return {r["indicator"]: r["unit"] for r in rows(folder, "catalog")}


def _standalone(folder):
    """Indicators that are neither a part nor a whole (a changed value touches no other rule)."""
    cat = rows(folder, "catalog")
    wholes = {r["whole"] for r in cat}
    return {r["indicator"] for r in cat if not r["whole"] and r["indicator"] not in wholes}


def _at(report, line):
    return [i for i in report.issues if i.file == "indicators.csv" and i.row == line]


def test_a_percentage_outside_0_100_is_an_error_or_when_flagged_a_warning(data_copy):
    facts = rows(data_copy, "indicators")
    unit, alone = _units(data_copy), _standalone(data_copy)
    i = next(n for n, r in enumerate(facts) if unit[r["indicator"]] == "percent" and r["indicator"] in alone)
    facts[i]["flag"] = ""
    for value, ok in (("120", False), ("100.5", False), ("-5", False), ("100", True), ("0", True)):
        facts[i].update(value=value, evidence=f"tỷ lệ {value.replace('.', ',')}%")
        write(data_copy, "indicators", facts)
        expected = f"{value} % is outside 0-100; flag it with a note if the source prints it"
        assert _at(cd.validate(data_copy), line_of(i)) == (
            [] if ok else [Issue("error", "indicators.csv", line_of(i), "value", expected)]
        )
    facts[i].update(value="120", evidence="tỷ lệ 120%", flag="format_anomaly", **FLAGGED)
    write(data_copy, "indicators", facts)
    report = cd.validate(data_copy)
    assert report.errors == []
    assert _at(report, line_of(i)) == [
        Issue("warning", "indicators.csv", line_of(i), "value", "120 % is outside 0-100 (flagged in the source)")
    ]


@pytest.mark.parametrize(("unit", "word"), [("count", "count"), ("minute", "duration")])
def test_a_negative_count_or_duration_is_an_error_or_when_flagged_a_warning(data_copy, unit, word):
    facts = rows(data_copy, "indicators")
    units, alone = _units(data_copy), _standalone(data_copy)
    i = next(n for n, r in enumerate(facts) if units[r["indicator"]] == unit and r["indicator"] in alone)
    facts[i].update(value="-7", evidence="giảm còn -7", flag="")
    write(data_copy, "indicators", facts)
    report = cd.validate(data_copy)
    assert _at(report, line_of(i)) == [
        Issue("error", "indicators.csv", line_of(i), "value", f"-7 is a negative {word}; a count is 0 or more")
    ]
    facts[i].update(value="0", evidence="còn 0")
    write(data_copy, "indicators", facts)
    assert _at(cd.validate(data_copy), line_of(i)) == []
    facts[i].update(value="-7", evidence="giảm còn -7", flag="format_anomaly", **FLAGGED)
    write(data_copy, "indicators", facts)
    report = cd.validate(data_copy)
    assert report.errors == []
    assert _at(report, line_of(i)) == [
        Issue("warning", "indicators.csv", line_of(i), "value", f"-7 is a negative {word} (flagged in the source)")
    ]


def test_a_target_earlier_than_its_source_is_an_error_or_when_flagged_a_warning(data_copy):
    facts = rows(data_copy, "indicators")
    ref = {r["source_id"]: r["reference_period"] for r in rows(data_copy, "sources")}
    alone = _standalone(data_copy)
    i = next(
        n
        for n, r in enumerate(facts)
        if r["kind"] == "target" and r["indicator"] in alone and ref[r["source_id"]].isdigit()
    )
    year = ref[facts[i]["source_id"]]
    facts[i].update(period=str(int(year) - 1), flag="")
    write(data_copy, "indicators", facts)
    expected = f"target period {int(year) - 1} is earlier than the period its source reports on ({year})"
    assert _at(cd.validate(data_copy), line_of(i)) == [Issue("error", "indicators.csv", line_of(i), "period", expected)]
    facts[i]["period"] = year  # the same period as its source's: fine
    write(data_copy, "indicators", facts)
    assert _at(cd.validate(data_copy), line_of(i)) == []
    facts[i].update(period=str(int(year) - 1), flag="period_typo", **FLAGGED)
    write(data_copy, "indicators", facts)
    report = cd.validate(data_copy)
    assert report.errors == []
    assert _at(report, line_of(i)) == [Issue("warning", "indicators.csv", line_of(i), "period", expected)]


def test_a_backwards_period_of_a_fact_or_a_source_is_an_error_with_the_parsers_message(data_copy):
    with pytest.raises(ValueError) as why:
        cd.parse_period("2030-2021")
    facts = rows(data_copy, "indicators")
    alone = _standalone(data_copy)
    i = next(n for n, r in enumerate(facts) if r["indicator"] in alone)
    facts[i]["period"] = "2030-2021"
    write(data_copy, "indicators", facts)
    srcs = rows(data_copy, "sources")
    j = next(n for n, s in enumerate(srcs) if s["source_id"] != facts[i]["source_id"])
    srcs[j]["reference_period"] = "2030-2021"
    write(data_copy, "sources", srcs)
    report = cd.validate(data_copy)
    assert _at(report, line_of(i)) == [Issue("error", "indicators.csv", line_of(i), "period", str(why.value))]
    assert [e for e in report.errors if e.file == "sources.csv"] == [
        Issue("error", "sources.csv", line_of(j), "reference_period", str(why.value))
    ]


def _part_and_whole(folder):
    """The first part fact whose whole fact (same key) comes after it: (facts, part index, whole index)."""
    facts = rows(folder, "indicators")
    whole_of = {r["indicator"]: r["whole"] for r in rows(folder, "catalog")}
    key = ("province", "period", "kind", "breakdown", "source_id")
    for i, p in enumerate(facts):
        for j in range(i + 1, len(facts)):
            w = facts[j]
            if whole_of[p["indicator"]] and w["indicator"] == whole_of[p["indicator"]]:
                if all(p[k] == w[k] for k in key) and not p["flag"] and not w["flag"]:
                    return facts, i, j
    raise LookupError("no part with its whole after it")


def test_a_part_larger_than_its_whole_names_both_and_the_wholes_line(data_copy):
    facts, i, j = _part_and_whole(data_copy)
    part, whole, total = facts[i]["indicator"], facts[j]["indicator"], int(float(facts[j]["value"]))
    facts[i].update(value=str(total), evidence=f"{total} đơn vị")  # as large as the whole: fine
    write(data_copy, "indicators", facts)
    assert [e for e in _at(cd.validate(data_copy), line_of(i)) if e.field == "value"] == []
    facts[i].update(value=str(total + 1), evidence=f"{total + 1} đơn vị")
    write(data_copy, "indicators", facts)
    message = f"part {part} = {total + 1} exceeds its whole {whole} = {total} (line {line_of(j)})"
    hits = [e for e in _at(cd.validate(data_copy), line_of(i)) if e.field == "value"]
    assert hits == [
        Issue("error", "indicators.csv", line_of(i), "value", message + "; if the source prints it so, flag both rows")
    ]
    facts[j].update(flag="part_exceeds_whole", **FLAGGED)  # the whole flagged: a warning
    write(data_copy, "indicators", facts)
    hits = [e for e in _at(cd.validate(data_copy), line_of(i)) if e.field == "value"]
    assert hits == [Issue("warning", "indicators.csv", line_of(i), "value", message)]


def test_a_part_without_its_whole_is_an_error_naming_the_key(data_copy):
    facts, i, j = _part_and_whole(data_copy)
    part, whole = facts[i]["indicator"], facts[j]["indicator"]
    del facts[j]  # after the part: the part's line does not change
    write(data_copy, "indicators", facts)
    expected = (
        f"{part} is a part of {whole}, but no {whole} fact has the same province, period, kind, breakdown, source_id"
    )
    assert [e for e in cd.validate(data_copy).errors if e.field == "indicator"] == [
        Issue("error", "indicators.csv", line_of(i), "indicator", expected)
    ]


def _counted_parts(folder):
    """A count total (no breakdown) and its parts of one dimension: (facts, total index, part indexes)."""
    facts = rows(folder, "indicators")
    unit = _units(folder)
    key = ("indicator", "province", "period", "kind", "source_id")
    for t, tot in enumerate(facts):
        if unit[tot["indicator"]] != "count" or tot["breakdown"] or tot["flag"]:
            continue
        parts = [n for n, r in enumerate(facts) if r["breakdown"] and all(r[k] == tot[k] for k in key)]
        dims = {facts[n]["breakdown"].split(":")[0] for n in parts}
        if len(parts) >= 2 and len(dims) == 1 and not any(facts[n]["flag"] for n in parts):
            return facts, t, parts
    raise LookupError("no count total with parts")


def test_count_parts_adding_up_to_more_than_their_total_are_reported_on_the_totals_line(data_copy):
    facts, t, parts = _counted_parts(data_copy)
    total = float(facts[t]["value"])
    others = sum(float(facts[n]["value"]) for n in parts[:-1])
    last = parts[-1]
    dim = facts[last]["breakdown"].split(":")[0]
    ind = facts[t]["indicator"]
    facts[last].update(value=f"{total - others:g}", evidence=f"{total - others:g} đơn vị")  # exactly the total
    write(data_copy, "indicators", facts)
    assert _at(cd.validate(data_copy), line_of(t)) == []
    facts[last].update(value=f"{total - others + 1:g}", evidence=f"{total - others + 1:g} đơn vị")
    write(data_copy, "indicators", facts)
    expected = f"{ind}: parts by {dim} add up to {total + 1:g}, more than the total {total:g}"
    assert _at(cd.validate(data_copy), line_of(t)) == [Issue("error", "indicators.csv", line_of(t), "value", expected)]
    for flagged in (last, t):  # a flagged part, or a flagged total: a warning
        for n in (last, t):
            facts[n].update(flag="", note="", note_vi="")
        facts[flagged].update(flag="sum_mismatch", **FLAGGED)
        write(data_copy, "indicators", facts)
        report = cd.validate(data_copy)
        assert _at(report, line_of(t)) == [Issue("warning", "indicators.csv", line_of(t), "value", expected)]


def test_a_repeated_count_part_or_total_is_counted_once(data_copy):
    """A fact recorded twice (another fact id, same key and breakdown) does not add to the sum of its parts."""
    facts, t, parts = _counted_parts(data_copy)
    total = float(facts[t]["value"])
    taken = {r["fact_id"] for r in facts}
    n = next(k for k in range(900, 1000) if f"{facts[parts[0]]['source_id']}-{k:03d}" not in taken)
    twice = dict(facts[parts[0]], fact_id=f"{facts[parts[0]]['source_id']}-{n:03d}")
    write(data_copy, "indicators", [*facts, twice])
    assert _at(cd.validate(data_copy), line_of(t)) == []
    # parts over the total, and the total recorded twice: one issue, on the first total's line
    others = sum(float(facts[k]["value"]) for k in parts[:-1])
    facts[parts[-1]].update(value=f"{total - others + 1:g}", evidence=f"{total - others + 1:g} đơn vị")
    again = dict(facts[t], fact_id=f"{facts[t]['source_id']}-{n:03d}")
    write(data_copy, "indicators", [*facts, again])
    report = cd.validate(data_copy)
    dim = facts[parts[-1]]["breakdown"].split(":")[0]
    expected = f"{facts[t]['indicator']}: parts by {dim} add up to {total + 1:g}, more than the total {total:g}"
    assert [e for e in report.errors if e.message.endswith("more than the total " + f"{total:g}")] == [
        Issue("error", "indicators.csv", line_of(t), "value", expected)
    ]
