"""Tests of ``cchc_data.validation``: the rules (province facts and national values), both engines, the report, ``data_warning`` and ``verify_evidence``."""

import csv
import json
import os
import re
import tracemalloc
import unicodedata
import warnings
from types import SimpleNamespace

import frictionless
import pandas as pd
import pytest
from corruptions import CASES, rows, write
from datafolder import csv_rows, fact, row, write_csv, write_facts, write_values

import cchc_data as cd
from cchc_data import i18n, validation
from cchc_data.cli import main
from cchc_data.national import check_national
from cchc_data.numbers import numbers_in
from cchc_data.validation import MAX_EVIDENCE_CHARS, MAX_EVIDENCE_WORDS, Issue, _prints


def find(data, **match):
    for i, r in enumerate(data):
        if all(r[k] == v for k, v in match.items()):
            return i
    raise LookupError(match)


def _set(folder, line_index, **values):
    data = csv_rows(folder, "indicators")
    data[line_index].update(values)
    write_csv(folder, "indicators", data)
    return line_index + 2  # CSV line number


# (what to change in row 0 of indicators.csv, field reported, message fragment)
SCHEMA_CORRUPTIONS = [
    ({"value": "abc"}, "value", "type error"),
    ({"kind": "goal"}, "kind", "constraint error"),
    ({"qualifier": "roughly"}, "qualifier", "constraint error"),
    ({"period": "Q1/2021"}, "period", "constraint error"),
    ({"evidence": ""}, "evidence", "constraint error"),
    ({"indicator": "no_such_indicator"}, "indicator", "foreign key error"),
    ({"province": "atlantis"}, "province", "foreign key error"),
    ({"source_id": "no-such-source"}, "source_id", "foreign key error"),
    ({"breakdown": "level:galaxy"}, "breakdown", "foreign key error"),
]


def _inspection_pair(folder):
    data = csv_rows(folder, "indicators")
    return data, find(data, fact_id="dl-2023-interview-006"), find(data, fact_id="dl-2023-interview-007")


def line_of(i):
    """The CSV line of data row ``i`` (the header is line 1)."""
    return i + 2


def _with_words(evidence, n):
    """``evidence`` padded with filler words to exactly ``n`` words."""
    return evidence + " chữ" * (n - len(evidence.split()))


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


FLAGGED = {"note": "printed so in the source", "note_vi": "nguồn in như vậy"}


def _units(folder):
    return {r["indicator"]: r["unit"] for r in csv_rows(folder, "catalog")}


def _standalone(folder):
    """Indicators that are neither a part nor a whole (a changed value touches no other rule)."""
    cat = csv_rows(folder, "catalog")
    wholes = {r["whole"] for r in cat}
    return {r["indicator"] for r in cat if not r["whole"] and r["indicator"] not in wholes}


def _at(report, line):
    return [i for i in report.issues if i.file == "indicators.csv" and i.row == line]


def _part_and_whole(folder):
    """The first part fact whose whole fact (same key) comes after it: (facts, part index, whole index)."""
    facts = csv_rows(folder, "indicators")
    whole_of = {r["indicator"]: r["whole"] for r in csv_rows(folder, "catalog")}
    key = ("province", "period", "kind", "breakdown", "source_id")
    for i, p in enumerate(facts):
        for j in range(i + 1, len(facts)):
            w = facts[j]
            if whole_of[p["indicator"]] and w["indicator"] == whole_of[p["indicator"]]:
                if all(p[k] == w[k] for k in key) and not p["flag"] and not w["flag"]:
                    return facts, i, j
    raise LookupError("no part with its whole after it")


def _counted_parts(folder):
    """A count total (no breakdown) and its parts of one dimension: (facts, total index, part indexes)."""
    facts = csv_rows(folder, "indicators")
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


NFC_MESSAGE = "text is not in Unicode NFC form; normalise it"


OUR_NUMBER = "type error: not a number (write 1514 or 65.91: digits, '.' as decimal mark, finite)"


def _set_first_fact(folder, **values):
    """Change the first fact of indicators.csv; return its CSV line number (the header is line 1)."""
    data = csv_rows(folder, "indicators")
    data[0].update(values)
    write_csv(folder, "indicators", data)
    return 2


def _package(folder):
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def _save_package(folder, package):
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")


def _add_table(folder, name, fields, primary_key, lines, *, foreign_keys=None, **resource):
    """Add a table of string fields to the folder (a folder may add tables to the contract)."""
    package = _package(folder)
    schema = {"fields": [{"name": f, "type": "string"} for f in fields], "primaryKey": primary_key}
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    package["resources"].append(
        {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "schema": schema, **resource}
    )
    _save_package(folder, package)
    (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _errors(folder, engine):
    report = cd.validate(folder, engine=engine)
    assert report.data_dir == folder
    return report.errors


def _decompose_in_national(folder):
    """Write one national value's evidence in NFD; return the CSV line it is on."""
    data = csv_rows(folder, "national_indices")
    data[0]["evidence"] = "Chỉ số " + data[0]["evidence"]
    data[0]["evidence"] = unicodedata.normalize("NFD", data[0]["evidence"])
    write_csv(folder, "national_indices", data)
    lines = (folder / "national_indices.csv").read_text(encoding="utf-8").splitlines()
    (line,) = [n for n, text in enumerate(lines, start=1) if text != unicodedata.normalize("NFC", text)]
    return line


@pytest.fixture
def small_sources(data_copy, tmp_path):
    """A data folder with one source, kh-2019-article, and a folder holding a short text of it."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (source,) = [r for r in csv_rows(data_copy, "sources") if r["source_id"] == "kh-2019-article"]
    with open(data_copy / "sources.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(source))
        writer.writeheader()
        writer.writerow(source)
    text_file = source["text_file"]
    (texts / text_file).write_text("Năm 2019, tỉnh đã cấp\n  1.514   chứng thư số cho cán bộ.\n", encoding="utf-8")
    return data_copy, texts, text_file


def _evidence_facts(folder, first, second):
    write_facts(
        folder,
        [
            fact(1, "digital_certificates_issued", "2019", "actual", "1514", source="kh-2019-article", evidence=first),
            fact(2, "digital_certificates_issued", "2019", "actual", "1514", source="kh-2019-article", evidence=second),
        ],
    )


@pytest.fixture
def source_texts():
    """The folder of source texts (CCHC_SOURCES_DIR); CI must set it, elsewhere the test is skipped."""
    folder = os.environ.get("CCHC_SOURCES_DIR")
    if not folder:
        if os.environ.get("CI"):
            pytest.fail(
                "CI must run the evidence test: set CCHC_SOURCES_DIR to the folder of source texts", pytrace=False
            )
        pytest.skip("CCHC_SOURCES_DIR is not set: point it at the folder of source texts (CI uses ../shared/seeds)")
    return folder


class TestValidate:
    @pytest.mark.parametrize("engine", ["fast", "frictionless"])
    def test_bundled_data_is_valid(self, engine):
        report = cd.validate(engine=engine)
        assert report.ok, str(report)

    def test_unknown_engine(self):
        with pytest.raises(ValueError, match="'pandera' is not a known engine; use one of 'fast', 'frictionless'"):
            cd.validate(engine="pandera")

    def test_cli_validate_passes(self, capsys):
        assert main(["validate"]) == 0
        assert "valid (0 errors" in capsys.readouterr().out

    @pytest.mark.parametrize("engine", ["fast", "frictionless"])
    @pytest.mark.parametrize(("change", "field", "fragment"), SCHEMA_CORRUPTIONS)
    def test_schema_corruptions_are_errors(self, data_copy, change, field, fragment, engine):
        """Our vectorised checker and the reference (frictionless) report the same problem at the same place."""
        line = _set(data_copy, 0, **change)
        report = cd.validate(data_copy, engine=engine)
        assert not report.ok
        hits = [i for i in report.errors if i.file == "indicators.csv" and i.field == field and i.row == line]
        assert hits, str(report)
        assert fragment in hits[0].message.lower() or fragment in hits[0].message

    @pytest.mark.parametrize("engine", ["fast", "frictionless"])
    def test_duplicate_fact_id_is_an_error(self, data_copy, engine):
        data = csv_rows(data_copy, "indicators")
        data[1]["fact_id"] = data[0]["fact_id"]
        write_csv(data_copy, "indicators", data)
        report = cd.validate(data_copy, engine=engine)
        assert any("primary key" in i.message.lower() and i.row == 3 for i in report.errors), str(report)

    def test_evidence_without_the_value_is_an_error(self, data_copy):
        data = csv_rows(data_copy, "indicators")
        i = find(data, evidence=data[0]["evidence"])
        line = _set(data_copy, i, value="123456")
        report = cd.validate(data_copy)
        assert any(
            e.row == line and e.field == "evidence" and "does not contain the value 123456" in e.message
            for e in report.errors
        ), str(report)

    @pytest.mark.parametrize(
        ("evidence", "value"),
        [("không có đơn vị xếp hạng Yếu", "0"), ("là một trong ba khâu đột phá", "3"), ("cả ba cấp", "3")],
    )
    def test_evidence_may_print_the_value_in_words(self, data_copy, evidence, value):
        line = _set(data_copy, 0, evidence=evidence, value=value)
        report = cd.validate(data_copy)
        assert not [e for e in report.errors if e.row == line and e.field == "evidence"], str(report)

    @pytest.mark.parametrize(
        ("evidence", "value", "numbers"),
        [
            ("cả ba cấp", "4", "3"),
            ("không thực hiện", "0", "none"),  # không alone is "not", not zero
            ("trong năm qua", "5", "none"),  # năm alone is "year"
        ],
    )
    def test_evidence_in_words_must_hold_the_value(self, data_copy, evidence, value, numbers):
        line = _set(data_copy, 0, evidence=evidence, value=value)
        errors = [e for e in cd.validate(data_copy).errors if e.row == line and e.field == "evidence"]
        assert [e.message for e in errors] == [
            f"does not contain the value {value} as printed (numbers in it: {numbers})"
        ]

    def test_overlong_evidence_is_an_error(self, data_copy):
        line = _set(
            data_copy,
            0,
            evidence="1 " + " ".join(["chữ"] * 30) + " " + csv_rows(data_copy, "indicators")[0]["evidence"],
        )
        report = cd.validate(data_copy)
        assert any(e.row == line and "quote at most 15" in e.message for e in report.errors), str(report)

    def test_percent_out_of_range(self, data_copy):
        data = csv_rows(data_copy, "indicators")
        cat = {r["indicator"]: r for r in csv_rows(data_copy, "catalog")}
        i = next(n for n, r in enumerate(data) if cat[r["indicator"]]["unit"] == "percent" and not r["flag"])
        line = _set(data_copy, i, value="120", evidence="tỷ lệ đạt 120%")
        report = cd.validate(data_copy)
        assert any(e.row == line and "outside 0-100" in e.message for e in report.errors), str(report)
        # the same row flagged as the source's own inconsistency: a warning, not an error
        _set(data_copy, i, flag="percent_out_of_range", note="printed so in the source", note_vi="nguồn in như vậy")
        report = cd.validate(data_copy)
        assert report.ok and any(w.row == line and "outside 0-100" in w.message for w in report.warnings)

    def test_part_larger_than_whole(self, data_copy):
        data = csv_rows(data_copy, "indicators")
        i = find(data, indicator="admin_units_with_video_conference", breakdown="level:commune")
        line = _set(data_copy, i, value="196", evidence="196/195 xã")
        report = cd.validate(data_copy)
        assert any(e.row == line and "exceeds its whole admin_units_total = 195" in e.message for e in report.errors), (
            str(report)
        )
        _set(data_copy, i, flag="part_exceeds_whole", note="as printed", note_vi="ghi đúng như bản in")
        report = cd.validate(data_copy)
        assert report.ok and any("exceeds its whole" in w.message for w in report.warnings)

    def test_a_whole_printed_with_its_part_may_be_of_an_earlier_period(self):
        facts = cd.load_indicators(province="dak-lak").set_index("fact_id")
        assert facts.at["dl-2023-interview-006", "period"] == "2023-Q1"  # remedied to date
        assert facts.at["dl-2023-interview-007", "period"] == "2022"  # inspected in 2022
        assert "parts and wholes" in (cd.data_dir() / "README.md").read_text(encoding="utf-8").lower()

    @pytest.mark.parametrize(
        ("change", "why"),
        [
            ({"evidence": "11 cơ quan, đơn vị, địa phương"}, "not printed together"),
            ({"period": "2023"}, "a whole later than its part"),
        ],
    )
    def test_a_whole_of_another_period_must_be_printed_with_its_part_and_not_later(self, data_copy, change, why):
        data, part, whole = _inspection_pair(data_copy)
        data[whole].update(change)
        write_csv(data_copy, "indicators", data)
        message = (
            "inspected_units_remedied is a part of inspected_units, but no inspected_units fact has the same "
            "province, period, kind, breakdown, source_id"
        )
        assert [(e.row, e.message) for e in cd.validate(data_copy).errors if e.field == "indicator"] == [
            (part + 2, message)
        ], why

    def test_a_whole_of_the_same_period_is_preferred(self, data_copy):
        data, part, whole = _inspection_pair(data_copy)
        data.append({**data[whole], "fact_id": "dl-2023-interview-099", "period": "2023-Q1", "value": "10"})
        write_csv(data_copy, "indicators", data)
        errors = [e for e in cd.validate(data_copy).errors if e.row == part + 2]
        assert [e.message for e in errors] == [
            "part inspected_units_remedied = 11 exceeds its whole inspected_units = 10 "
            f"(line {len(data) + 1}); if the source prints it so, flag both rows"
        ]

    def test_part_without_whole(self, data_copy):
        data = csv_rows(data_copy, "indicators")
        i = find(data, indicator="admin_units_total", breakdown="level:commune")
        del data[i]
        write_csv(data_copy, "indicators", data)
        report = cd.validate(data_copy)
        assert any(
            "is a part of admin_units_total, but no admin_units_total fact" in e.message for e in report.errors
        ), str(report)

    def test_parts_adding_up_to_more_than_the_total(self, data_copy):
        data = csv_rows(data_copy, "indicators")
        i = find(data, indicator="public_websites", breakdown="level:commune")
        _set(data_copy, i, value="1150", evidence="1150 UBND cấp xã")
        report = cd.validate(data_copy)
        said = "public_websites: parts by government level add up to"
        assert any(said in e.message for e in report.errors), str(report)

    def test_target_earlier_than_its_source(self, data_copy):
        data = csv_rows(data_copy, "indicators")
        i = find(data, source_id="kh-2022-programme", kind="target")
        line = _set(data_copy, i, period="2019")
        report = cd.validate(data_copy)
        assert any(
            e.row == line and "earlier than the period its source reports on (2021)" in e.message for e in report.errors
        ), str(report)

    def test_province_must_match_source(self, data_copy):
        data = csv_rows(data_copy, "indicators")
        i = find(data, source_id="hg-2018-article")
        line = _set(data_copy, i, province="khanh-hoa")
        report = cd.validate(data_copy)
        assert any(e.row == line and "is about 'ha-giang'" in e.message for e in report.errors), str(report)

    def test_nfd_text_is_an_error(self, data_copy):
        path = data_copy / "catalog.csv"
        path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
        report = cd.validate(data_copy)
        assert any(e.file == "catalog.csv" and "NFC" in e.message for e in report.errors)

    def test_concept_unit_must_match(self, data_copy):
        cat = csv_rows(data_copy, "catalog")
        i = find(cat, concept="digital_certificates")
        cat[i]["unit"] = "percent"
        write_csv(data_copy, "catalog", cat)
        report = cd.validate(data_copy)
        assert any("differs from its concept 'digital_certificates'" in e.message for e in report.errors), str(report)

    def test_cli_reports_bad_data_without_traceback(self, data_copy, capsys):
        _set(data_copy, 0, value="abc")
        assert main(["validate", str(data_copy)]) == 1
        out = capsys.readouterr()
        assert "indicators.csv:2 [value]" in out.err and "INVALID" in out.out
        assert "Traceback" not in out.err + out.out

    def test_cli_missing_folder(self, tmp_path, capsys):
        assert main(["validate", str(tmp_path / "nowhere")]) == 2
        err = capsys.readouterr().err
        assert "is not a cchc data folder" in err and "Traceback" not in err

    @pytest.mark.parametrize("engine", ["fast", "frictionless"])
    def test_malformed_csv_is_reported_not_raised(self, data_copy, engine):
        (data_copy / "indicators.csv").write_text('fact_id,province\n"unterminated,x\n', encoding="utf-8")
        report = cd.validate(data_copy, engine=engine)
        assert not report.ok and any(e.file == "indicators.csv" for e in report.errors), str(report)

    def test_missing_table_is_reported(self, data_copy):
        (data_copy / "units.csv").unlink()
        report = cd.validate(data_copy)
        assert any(e.file == "units.csv" and "missing" in e.message for e in report.errors), str(report)

    def test_rules_are_a_registry_of_named_functions(self, data_copy, monkeypatch):

        names = [r.__name__ for r in validation.RULES]
        assert len(names) == len(set(names)) >= 13
        assert {"count_not_negative", "period_runs_forwards", "target_not_before_its_source"} <= set(names)
        assert all(r.__doc__ for r in validation.RULES)  # each says what it checks

        def no_fact_about_ha_noi(t):
            return t.issues("error", t.facts["province"] == "ha-giang", "province", lambda r: "Hà Giang is not allowed")

        monkeypatch.setattr(validation, "RULES", [*validation.RULES, no_fact_about_ha_noi])

        report = cd.validate(data_copy)
        hits = [e for e in report.errors if e.message == "Hà Giang is not allowed"]
        assert hits and all(e.file == "indicators.csv" and e.field == "province" for e in hits)

    def test_negative_count_is_an_error_or_a_warning_when_flagged(self, data_copy):
        data = csv_rows(data_copy, "indicators")
        cat = {r["indicator"]: r["unit"] for r in csv_rows(data_copy, "catalog")}
        i = next(
            n for n, r in enumerate(data) if cat[r["indicator"]] == "count" and not r["flag"] and not r["breakdown"]
        )
        line = _set(data_copy, i, value="-" + data[i]["value"])
        report = cd.validate(data_copy)
        assert any(
            e.row == line and e.message.endswith("is a negative count; a count is 0 or more") for e in report.errors
        )
        _set(data_copy, i, flag="format_anomaly", note="printed so", note_vi="nguồn in như vậy")
        report = cd.validate(data_copy)
        assert any(w.row == line and "negative count (flagged in the source)" in w.message for w in report.warnings)

    def test_backwards_period_in_a_source_is_an_error(self, data_copy):
        srcs = csv_rows(data_copy, "sources")
        srcs[0]["period_covered"] = "2030-2021"
        write_csv(data_copy, "sources", srcs)
        report = cd.validate(data_copy)
        assert any(
            e.file == "sources.csv" and e.row == 2 and e.field == "period_covered" and "runs backwards" in e.message
            for e in report.errors
        ), str(report)

    def test_more_rows_than_listed_are_counted(self, data_copy):
        data = csv_rows(data_copy, "indicators")
        for r in data[:25]:
            r["value"] = "x"
        write_csv(data_copy, "indicators", data)
        report = cd.validate(data_copy)
        assert len([e for e in report.errors if e.field == "value" and e.row]) == 20
        assert any(
            e.row is None and e.message == "5 more rows with the problem of line 2 are not listed"
            for e in report.errors
        )

    def test_a_flagged_fact_without_note_vi_is_an_error_naming_it(self, data_copy):
        data = csv_rows(data_copy, "indicators")
        i = next(n for n, r in enumerate(data) if r["flag"])
        fact_id, flag = data[i]["fact_id"], data[i]["flag"]
        line = _set(data_copy, i, note_vi="")
        report = cd.validate(data_copy)
        assert not report.ok
        (err,) = [e for e in report.errors if e.field == "note_vi"]
        assert (err.file, err.row) == ("indicators.csv", line)
        assert err.message == f"{fact_id} is flagged {flag!r}: explain the flag in Vietnamese in note_vi"
        _set(data_copy, i, note_vi=" \t ")  # blank is not an explanation
        assert [e.row for e in cd.validate(data_copy).errors if e.field == "note_vi"] == [line]

    @pytest.mark.parametrize("blank", ["\u200b", "\ue000", "\u3164", "\u0301", " \t"])
    def test_a_note_vi_that_draws_nothing_does_not_explain_a_flag(self, data_copy, blank):
        facts = csv_rows(data_copy, "indicators")
        i = next(n for n, r in enumerate(facts) if r["flag"])
        facts[i]["note_vi"] = blank
        write_csv(data_copy, "indicators", facts)
        errors = [e for e in cd.validate(data_copy).errors if e.field == "note_vi"]
        assert [(e.row, e.field) for e in errors] == [(line_of(i), "note_vi")]

    def test_an_unflagged_fact_may_leave_note_vi_empty(self, data_copy):
        data = csv_rows(data_copy, "indicators")
        i = next(n for n, r in enumerate(data) if r["flag"])
        _set(data_copy, i, flag="", note_vi="")
        assert not [e for e in cd.validate(data_copy).errors if e.field == "note_vi"]

    def test_every_flagged_fact_of_the_bundled_data_is_explained_in_vietnamese(self):
        flagged = [r for r in csv_rows(cd.data_dir(), "indicators") if r["flag"]]
        assert len(flagged) >= 17
        for r in flagged:
            assert r["note"].strip() and r["note_vi"].strip(), r["fact_id"]
            assert r["note_vi"] != r["note"], r["fact_id"]  # translated, not copied
        facts = cd.load_indicators()
        assert "note_vi" in facts.columns
        assert facts.loc[facts["flag"] != "", "note_vi"].str.strip().ne("").all()

    def test_every_source_says_whether_a_public_copy_was_found(self):
        src = cd.sources()
        assert set(src["url_status"]) <= {"found", "not_found"} and src["accessed"].notna().all()
        assert src["issuer"].ne("").all()

    def test_an_indicator_that_is_its_own_whole_is_one_error_on_its_catalog_line(self, data_copy):
        cat = csv_rows(data_copy, "catalog")
        i = next(n for n, r in enumerate(cat) if r["whole"])  # a part: its own whole instead of the real one
        code = cat[i]["indicator"]
        cat[i]["whole"] = code
        write_csv(data_copy, "catalog", cat)
        report = cd.validate(data_copy)
        assert report.errors == [Issue("error", "catalog.csv", line_of(i), "whole", f"{code} cannot be its own whole")]

    def test_a_part_and_its_whole_with_different_units_is_one_error(self, data_copy):
        cat = csv_rows(data_copy, "catalog")
        unit_of = {r["indicator"]: r["unit"] for r in cat}
        # a part without a concept (so that only this rule applies), given another unit than its whole's
        i = next(n for n, r in enumerate(cat) if r["whole"] and not r["concept"] and unit_of[r["whole"]] == "count")
        other = next(r["unit"] for r in csv_rows(data_copy, "units") if r["unit"] not in ("count", "percent"))
        code, whole = cat[i]["indicator"], cat[i]["whole"]
        cat[i]["unit"] = other
        write_csv(data_copy, "catalog", cat)
        report = cd.validate(data_copy)
        expected = f"{code} ({other}) and its whole {whole} (count) have different units"
        assert report.errors == [Issue("error", "catalog.csv", line_of(i), "whole", expected)]

    def test_an_indicator_with_another_unit_than_its_concept_is_an_error_naming_both(self, data_copy):
        cat = csv_rows(data_copy, "catalog")
        concept_unit = {r["concept"]: r["unit"] for r in csv_rows(data_copy, "concepts")}
        i = next(n for n, r in enumerate(cat) if r["concept"] and not r["whole"])
        code, concept = cat[i]["indicator"], cat[i]["concept"]
        other = next(
            r["unit"] for r in csv_rows(data_copy, "units") if r["unit"] not in (concept_unit[concept], "percent")
        )
        cat[i]["unit"] = other
        write_csv(data_copy, "catalog", cat)
        report = cd.validate(data_copy)
        expected = f"{code}: unit {other!r} differs from its concept {concept!r} ({concept_unit[concept]!r})"
        assert [e for e in report.errors if e.file != "indicators.csv"] == [
            Issue("error", "catalog.csv", line_of(i), "unit", expected)
        ]

    def test_fact_ids_that_do_not_start_with_their_source_id_are_errors(self, data_copy):
        facts = csv_rows(data_copy, "indicators")
        ids = {r["fact_id"] for r in facts}
        # one in the middle named after another source; the last one starts with its source id + 'x', not '-'
        mid, last = len(facts) // 2, len(facts) - 1
        other_src = next(
            r["source_id"] for r in csv_rows(data_copy, "sources") if r["source_id"] != facts[mid]["source_id"]
        )
        facts[mid]["fact_id"] = f"{other_src}-999"
        facts[last]["fact_id"] = facts[last]["source_id"] + "x-999"
        assert not {facts[mid]["fact_id"], facts[last]["fact_id"]} & ids
        write_csv(data_copy, "indicators", facts)
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

    def test_a_fact_about_another_province_than_its_source_is_an_error_naming_both(self, data_copy):
        facts = csv_rows(data_copy, "indicators")
        src_province = {r["source_id"]: r["province"] for r in csv_rows(data_copy, "sources")}
        i = len(facts) // 3
        sid = facts[i]["source_id"]
        other = next(p for p in sorted(set(src_province.values())) if p != src_province[sid])
        facts[i]["province"] = other
        write_csv(data_copy, "indicators", facts)
        report = cd.validate(data_copy)
        expected = f"{other!r} but source {sid} is about {src_province[sid]!r}"
        assert Issue("error", "indicators.csv", line_of(i), "province", expected) in report.errors
        assert [e for e in report.errors if e.field == "province"] == [
            Issue("error", "indicators.csv", line_of(i), "province", expected)
        ]

    def test_evidence_of_the_longest_allowed_length_passes_one_word_more_is_an_error(self, data_copy):
        facts = csv_rows(data_copy, "indicators")
        i = next(n for n, r in enumerate(facts) if len(r["evidence"].split()) < MAX_EVIDENCE_WORDS)
        facts[i]["evidence"] = _with_words(facts[i]["evidence"], MAX_EVIDENCE_WORDS)
        write_csv(data_copy, "indicators", facts)
        assert cd.validate(data_copy).errors == []
        facts[i]["evidence"] = _with_words(facts[i]["evidence"], MAX_EVIDENCE_WORDS + 1)
        write_csv(data_copy, "indicators", facts)
        assert cd.validate(data_copy).errors == [
            Issue(
                "error",
                "indicators.csv",
                line_of(i),
                "evidence",
                f"{MAX_EVIDENCE_WORDS + 1} words; quote at most {MAX_EVIDENCE_WORDS} (a citation, not prose)",
            )
        ]

    def test_evidence_of_the_most_characters_passes_one_character_more_is_an_error(self, data_copy):
        """Few words but a long citation: the character limit is inclusive, and its issue is an error."""
        facts = csv_rows(data_copy, "indicators")
        i = next(n for n, r in enumerate(facts) if r["fact_id"] == "kh-2019-article-014")  # a count, unflagged
        value = facts[i]["value"]
        for extra in (0, 1):
            filler = "x" * (MAX_EVIDENCE_CHARS + extra - len(value) - 1)
            facts[i]["evidence"] = f"{value} {filler}"  # two words
            assert len(facts[i]["evidence"]) == MAX_EVIDENCE_CHARS + extra
            write_csv(data_copy, "indicators", facts)
            report = cd.validate(data_copy)
            expected = [] if not extra else [
                Issue("error", "indicators.csv", line_of(i), "evidence",
                      f"{MAX_EVIDENCE_CHARS + 1} characters; quote at most {MAX_EVIDENCE_WORDS} words (a citation of "
                      f"at most {MAX_EVIDENCE_CHARS} characters, not a page)")
            ]  # fmt: skip
            assert report.errors == expected and report.warnings == cd.validate().warnings

    def test_evidence_without_the_value_is_one_error_listing_the_numbers_it_has(self, data_copy):
        facts = csv_rows(data_copy, "indicators")
        i = next(n for n, r in enumerate(facts) if r["fact_id"] == "kh-2019-article-014")  # a count, unflagged
        facts[i]["value"], facts[i]["evidence"] = "1514", "tăng 1.5140 lần, 12 xã"  # 1.514 and 12; not 1514
        write_csv(data_copy, "indicators", facts)
        assert cd.validate(data_copy).errors == [
            Issue(
                "error",
                "indicators.csv",
                line_of(i),
                "evidence",
                "does not contain the value 1514 as printed (numbers in it: 1.514, 12)",
            )
        ]

    def test_evidence_without_any_number_says_so(self, data_copy):
        facts = csv_rows(data_copy, "indicators")
        i = len(facts) // 2
        facts[i]["evidence"] = "không có con số nào"
        write_csv(data_copy, "indicators", facts)
        message = f"does not contain the value {float(facts[i]['value']):g} as printed (numbers in it: none)"
        assert cd.validate(data_copy).errors == [Issue("error", "indicators.csv", line_of(i), "evidence", message)]

    def test_a_folder_without_facts_is_valid(self, data_copy):
        facts = csv_rows(data_copy, "indicators")
        with open(data_copy / "indicators.csv", "w", encoding="utf-8", newline="") as f:
            csv.DictWriter(f, fieldnames=list(facts[0]), lineterminator="\n").writeheader()
        assert cd.validate(data_copy).errors == []

    def test_a_percentage_outside_0_100_is_an_error_or_when_flagged_a_warning(self, data_copy):
        facts = csv_rows(data_copy, "indicators")
        unit, alone = _units(data_copy), _standalone(data_copy)
        i = next(n for n, r in enumerate(facts) if unit[r["indicator"]] == "percent" and r["indicator"] in alone)
        facts[i]["flag"] = ""
        for value, ok in (("120", False), ("100.5", False), ("-5", False), ("100", True), ("0", True)):
            facts[i].update(value=value, evidence=f"tỷ lệ {value.replace('.', ',')}%")
            write_csv(data_copy, "indicators", facts)
            expected = f"{value} % is outside 0-100; flag it with a note if the source prints it"
            assert _at(cd.validate(data_copy), line_of(i)) == (
                [] if ok else [Issue("error", "indicators.csv", line_of(i), "value", expected)]
            )
        facts[i].update(value="120", evidence="tỷ lệ 120%", flag="format_anomaly", **FLAGGED)
        write_csv(data_copy, "indicators", facts)
        report = cd.validate(data_copy)
        assert report.errors == []
        assert _at(report, line_of(i)) == [
            Issue("warning", "indicators.csv", line_of(i), "value", "120 % is outside 0-100 (flagged in the source)")
        ]

    @pytest.mark.parametrize(("unit", "word"), [("count", "count"), ("minute", "duration")])
    def test_a_negative_count_or_duration_is_an_error_or_when_flagged_a_warning(self, data_copy, unit, word):
        facts = csv_rows(data_copy, "indicators")
        units, alone = _units(data_copy), _standalone(data_copy)
        i = next(n for n, r in enumerate(facts) if units[r["indicator"]] == unit and r["indicator"] in alone)
        facts[i].update(value="-7", evidence="giảm còn -7", flag="")
        write_csv(data_copy, "indicators", facts)
        report = cd.validate(data_copy)
        assert _at(report, line_of(i)) == [
            Issue("error", "indicators.csv", line_of(i), "value", f"-7 is a negative {word}; a count is 0 or more")
        ]
        facts[i].update(value="0", evidence="còn 0")
        write_csv(data_copy, "indicators", facts)
        assert _at(cd.validate(data_copy), line_of(i)) == []
        facts[i].update(value="-7", evidence="giảm còn -7", flag="format_anomaly", **FLAGGED)
        write_csv(data_copy, "indicators", facts)
        report = cd.validate(data_copy)
        assert report.errors == []
        assert _at(report, line_of(i)) == [
            Issue("warning", "indicators.csv", line_of(i), "value", f"-7 is a negative {word} (flagged in the source)")
        ]

    def test_a_target_earlier_than_its_source_is_an_error_or_when_flagged_a_warning(self, data_copy):
        facts = csv_rows(data_copy, "indicators")
        ref = {r["source_id"]: r["reference_period"] for r in csv_rows(data_copy, "sources")}
        alone = _standalone(data_copy)
        i = next(
            n
            for n, r in enumerate(facts)
            if r["kind"] == "target" and r["indicator"] in alone and ref[r["source_id"]].isdigit()
        )
        year = ref[facts[i]["source_id"]]
        facts[i].update(period=str(int(year) - 1), flag="")
        write_csv(data_copy, "indicators", facts)
        expected = f"target period {int(year) - 1} is earlier than the period its source reports on ({year})"
        assert _at(cd.validate(data_copy), line_of(i)) == [
            Issue("error", "indicators.csv", line_of(i), "period", expected)
        ]
        facts[i]["period"] = year  # the same period as its source's: fine
        write_csv(data_copy, "indicators", facts)
        assert _at(cd.validate(data_copy), line_of(i)) == []
        facts[i].update(period=str(int(year) - 1), flag="period_typo", **FLAGGED)
        write_csv(data_copy, "indicators", facts)
        report = cd.validate(data_copy)
        assert report.errors == []
        assert _at(report, line_of(i)) == [Issue("warning", "indicators.csv", line_of(i), "period", expected)]

    def test_a_backwards_period_of_a_fact_or_a_source_is_an_error_with_the_parsers_message(self, data_copy):
        with pytest.raises(ValueError) as why:
            cd.parse_period("2030-2021")
        facts = csv_rows(data_copy, "indicators")
        alone = _standalone(data_copy)
        i = next(n for n, r in enumerate(facts) if r["indicator"] in alone)
        facts[i]["period"] = "2030-2021"
        write_csv(data_copy, "indicators", facts)
        srcs = csv_rows(data_copy, "sources")
        j = next(n for n, s in enumerate(srcs) if s["source_id"] != facts[i]["source_id"])
        srcs[j]["reference_period"] = "2030-2021"
        write_csv(data_copy, "sources", srcs)
        report = cd.validate(data_copy)
        assert _at(report, line_of(i)) == [Issue("error", "indicators.csv", line_of(i), "period", str(why.value))]
        assert [e for e in report.errors if e.file == "sources.csv"] == [
            Issue("error", "sources.csv", line_of(j), "reference_period", str(why.value))
        ]

    def test_a_part_larger_than_its_whole_names_both_and_the_wholes_line(self, data_copy):
        facts, i, j = _part_and_whole(data_copy)
        part, whole, total = facts[i]["indicator"], facts[j]["indicator"], int(float(facts[j]["value"]))
        facts[i].update(value=str(total), evidence=f"{total} đơn vị")  # as large as the whole: fine
        write_csv(data_copy, "indicators", facts)
        assert [e for e in _at(cd.validate(data_copy), line_of(i)) if e.field == "value"] == []
        facts[i].update(value=str(total + 1), evidence=f"{total + 1} đơn vị")
        write_csv(data_copy, "indicators", facts)
        message = f"part {part} = {total + 1} exceeds its whole {whole} = {total} (line {line_of(j)})"
        hits = [e for e in _at(cd.validate(data_copy), line_of(i)) if e.field == "value"]
        assert hits == [
            Issue(
                "error", "indicators.csv", line_of(i), "value", message + "; if the source prints it so, flag both rows"
            )
        ]
        facts[j].update(flag="part_exceeds_whole", **FLAGGED)  # the whole flagged: a warning
        write_csv(data_copy, "indicators", facts)
        hits = [e for e in _at(cd.validate(data_copy), line_of(i)) if e.field == "value"]
        assert hits == [Issue("warning", "indicators.csv", line_of(i), "value", message)]

    def test_a_part_without_its_whole_is_an_error_naming_the_key(self, data_copy):
        facts, i, j = _part_and_whole(data_copy)
        part, whole = facts[i]["indicator"], facts[j]["indicator"]
        del facts[j]  # after the part: the part's line does not change
        write_csv(data_copy, "indicators", facts)
        expected = f"{part} is a part of {whole}, but no {whole} fact has the same province, period, kind, breakdown, source_id"
        assert [e for e in cd.validate(data_copy).errors if e.field == "indicator"] == [
            Issue("error", "indicators.csv", line_of(i), "indicator", expected)
        ]

    def test_count_parts_adding_up_to_more_than_their_total_are_reported_on_the_totals_line(self, data_copy):
        facts, t, parts = _counted_parts(data_copy)
        total = float(facts[t]["value"])
        others = sum(float(facts[n]["value"]) for n in parts[:-1])
        last = parts[-1]
        dim = facts[last]["breakdown"].split(":")[0]
        ind = facts[t]["indicator"]
        facts[last].update(value=f"{total - others:g}", evidence=f"{total - others:g} đơn vị")  # exactly the total
        write_csv(data_copy, "indicators", facts)
        assert _at(cd.validate(data_copy), line_of(t)) == []
        facts[last].update(value=f"{total - others + 1:g}", evidence=f"{total - others + 1:g} đơn vị")
        write_csv(data_copy, "indicators", facts)
        words, n = i18n.value_label("dimension", dim, "en").lower(), lambda x: i18n.format_number(x, "en")
        expected = f"{ind}: parts by {words} add up to {n(total + 1)}, more than the total {n(total)}"
        assert _at(cd.validate(data_copy), line_of(t)) == [
            Issue("error", "indicators.csv", line_of(t), "value", expected)
        ]
        for flagged in (last, t):  # a flagged part, or a flagged total: a warning
            for n in (last, t):
                facts[n].update(flag="", note="", note_vi="")
            facts[flagged].update(flag="sum_mismatch", **FLAGGED)
            write_csv(data_copy, "indicators", facts)
            report = cd.validate(data_copy)
            assert _at(report, line_of(t)) == [Issue("warning", "indicators.csv", line_of(t), "value", expected)]

    def test_a_repeated_count_part_or_total_is_counted_once(self, data_copy):
        """A fact recorded twice (another fact id, same key and breakdown) does not add to the sum of its parts."""
        facts, t, parts = _counted_parts(data_copy)
        total = float(facts[t]["value"])
        taken = {r["fact_id"] for r in facts}
        n = next(k for k in range(900, 1000) if f"{facts[parts[0]]['source_id']}-{k:03d}" not in taken)
        twice = dict(facts[parts[0]], fact_id=f"{facts[parts[0]]['source_id']}-{n:03d}")
        write_csv(data_copy, "indicators", [*facts, twice])
        assert _at(cd.validate(data_copy), line_of(t)) == []
        # parts over the total, and the total recorded twice: one issue, on the first total's line
        others = sum(float(facts[k]["value"]) for k in parts[:-1])
        facts[parts[-1]].update(value=f"{total - others + 1:g}", evidence=f"{total - others + 1:g} đơn vị")
        again = dict(facts[t], fact_id=f"{facts[t]['source_id']}-{n:03d}")
        write_csv(data_copy, "indicators", [*facts, again])
        report = cd.validate(data_copy)
        dim = facts[parts[-1]]["breakdown"].split(":")[0]
        words, n = i18n.value_label("dimension", dim, "en").lower(), lambda x: i18n.format_number(x, "en")
        expected = f"{facts[t]['indicator']}: parts by {words} add up to {n(total + 1)}, more than the total {n(total)}"
        assert [e for e in report.errors if e.message.endswith("more than the total " + n(total))] == [
            Issue("error", "indicators.csv", line_of(t), "value", expected)
        ]

    @pytest.mark.parametrize("engine", ["fast", "frictionless"])
    def test_non_nfc_line_is_reported_at_its_line(self, data_copy, engine):
        line = _decompose_in_national(data_copy)
        assert _errors(data_copy, engine) == [Issue("error", "national_indices.csv", line, None, NFC_MESSAGE)]

    def test_unreadable_table_does_not_stop_the_nfc_check_nor_go_to_frictionless(self, data_copy):
        """units.csv (before national_indices.csv in the package) is not UTF-8: both engines say the same."""
        line = _decompose_in_national(data_copy)
        (data_copy / "units.csv").write_bytes((data_copy / "units.csv").read_bytes() + b"x\xff,y\n")
        fast = _errors(data_copy, "fast")
        assert [(i.file, i.row) for i in fast] == [("national_indices.csv", line), ("units.csv", None)]
        assert fast[0] == Issue("error", "national_indices.csv", line, None, NFC_MESSAGE)
        assert "UTF-8" in fast[1].message
        assert _errors(data_copy, "frictionless") == fast

    def test_repeated_parts_and_wholes_validate_in_bounded_memory(self, data_copy):
        """2,000 copies of a part and of its whole: a join on their key once built 2,000 × 2,000 rows."""
        facts = rows(data_copy, "indicators")
        cat = {r["indicator"]: r["whole"] for r in rows(data_copy, "catalog")}
        key = ("province", "period", "kind", "breakdown", "source_id")
        part = next(
            f
            for f in facts
            if cat[f["indicator"]]
            and any(w["indicator"] == cat[f["indicator"]] and all(w[k] == f[k] for k in key) for w in facts)
        )
        whole = next(w for w in facts if w["indicator"] == cat[part["indicator"]] and all(w[k] == part[k] for k in key))
        copies = []
        for n in range(2000):
            for base, tag in ((part, "p"), (whole, "w")):
                copies.append(dict(base, fact_id=f"{base['source_id']}-{tag}{n // 1000}-{n % 1000:03d}"))
        write(data_copy, "indicators", facts + copies)
        tracemalloc.start()
        try:
            report = cd.validate(data_copy)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 150 * 2**20, f"validate took {peak / 2**20:.0f} MB at its peak"
        repeats = [i for i in report.warnings if "repeats the fact of line" in i.message]
        assert len(repeats) == 20  # listed, then counted
        assert any(i.message == "3,980 more repeated facts are not listed" for i in report.warnings)
        assert report.ok, report

    def test_aliases_naming_each_other_are_refused(self, data_copy):
        data = rows(data_copy, "provinces")
        for r in data:
            if r["slug"] in ("ha-giang", "cao-bang"):
                r["aliases"] = "Vùng cao"
        write(data_copy, "provinces", data)
        messages = [str(i) for i in cd.validate(data_copy).errors]
        assert any("alias 'Vùng cao' also names ha-giang" in m for m in messages), messages

    def test_evidence_of_many_words_and_many_characters_is_reported_once(self, data_copy):
        data = rows(data_copy, "indicators")
        data[0]["evidence"] = data[0]["value"] + " " + " ".join(["chữ"] * 400)  # words and characters both over
        write(data_copy, "indicators", data)
        messages = [i.message for i in cd.validate(data_copy).errors if i.row == 2 and i.field == "evidence"]
        assert messages == ["401 words; quote at most 15 (a citation, not prose)"]


class TestVerifyEvidence:
    def test_verify_evidence_on_small_texts_written_here(self, data_copy, tmp_path):
        texts = tmp_path / "texts"
        texts.mkdir()
        srcs = csv_rows(data_copy, "sources")
        facts = csv_rows(data_copy, "indicators")
        for s in srcs:  # each text holds every evidence of its source, with extra whitespace
            body = "\n  ".join(f["evidence"] for f in facts if f["source_id"] == s["source_id"])
            (texts / s["text_file"]).write_text("Lời mở đầu.\n" + body + "\nHết.", encoding="utf-8")
        assert cd.verify_evidence(texts, data_dir=data_copy) == []
        first_src = srcs[0]
        same = [f["evidence"] for f in facts if f["source_id"] == first_src["source_id"]]
        victim = next(  # an evidence no other evidence of its source contains, or is contained in
            i
            for i, f in enumerate(facts)
            if f["source_id"] == first_src["source_id"]
            and sum(f["evidence"] in e or e in f["evidence"] for e in same) == 1
        )
        path = texts / first_src["text_file"]
        path.write_text(path.read_text(encoding="utf-8").replace(facts[victim]["evidence"], "đã sửa"), encoding="utf-8")
        issues = cd.verify_evidence(texts, data_dir=data_copy)
        assert [(i.file, i.row, i.field) for i in issues] == [("indicators.csv", victim + 2, "evidence")]
        assert (
            issues[0].message.startswith(f"{facts[victim]['fact_id']}: ")
            and first_src["text_file"] in issues[0].message
        )
        (texts / srcs[1]["text_file"]).unlink()
        missing = [i for i in cd.verify_evidence(texts, data_dir=data_copy) if i.field == "text_file"]
        assert len(missing) == 1 and missing[0].message.endswith(f"not found for source {srcs[1]['source_id']}")

    def test_verify_evidence_finds_fragments_across_whitespace(self, small_sources):
        folder, texts, _ = small_sources
        _evidence_facts(folder, "đã cấp 1.514 chứng thư số", "1.514\nchứng   thư số")
        assert cd.verify_evidence(texts, data_dir=folder) == []

    def test_verify_evidence_reports_a_fragment_not_in_the_text(self, small_sources):
        folder, texts, text_file = small_sources
        _evidence_facts(folder, "đã cấp 1.514 chứng thư số", "đã cấp 1.541 chứng thư số")
        problems = cd.verify_evidence(texts, data_dir=folder)
        assert len(problems) == 1
        p = problems[0]
        assert (p.level, p.file, p.row, p.field) == ("error", "indicators.csv", 3, "evidence")
        assert p.message == f"kh-2019-article-002: 'đã cấp 1.541 chứng thư số' does not occur in {text_file}"

    def test_verify_evidence_reports_a_missing_text_and_needs_a_folder(self, small_sources, monkeypatch, tmp_path):
        folder, texts, text_file = small_sources
        _evidence_facts(folder, "đã cấp 1.514 chứng thư số", "chứng thư số")
        (texts / text_file).unlink()
        problems = cd.verify_evidence(texts, data_dir=folder)
        assert [(p.level, p.file, p.row, p.field, p.message) for p in problems] == [
            ("error", "sources.csv", None, "text_file", f"{texts / text_file} not found for source kh-2019-article")
        ]  # and the facts of a missing text are not checked
        monkeypatch.delenv(cd.validation.SOURCES_DIR_ENV, raising=False)
        with pytest.raises(ValueError, match="give the folder of source texts, or set CCHC_SOURCES_DIR"):
            cd.verify_evidence(data_dir=folder)
        monkeypatch.setenv(cd.validation.SOURCES_DIR_ENV, str(texts))
        assert cd.verify_evidence(data_dir=folder) == problems

    def test_every_evidence_fragment_is_in_its_source(self, source_texts):
        problems = cd.verify_evidence(source_texts)
        assert not problems, "\n".join(map(str, problems))

    def test_every_source_text_is_present(self, source_texts):
        for name in cd.sources()["text_file"]:
            assert os.path.isfile(os.path.join(source_texts, name)), name

    def test_a_tampered_fragment_is_caught(self, data_copy, source_texts):
        path = data_copy / "indicators.csv"
        text = path.read_text(encoding="utf-8")
        first = cd.load_indicators().at[0, "evidence"]
        path.write_text(text.replace(first, first + " (bịa)", 1), encoding="utf-8")
        problems = cd.verify_evidence(source_texts, data_dir=data_copy)
        assert len(problems) == 1 and "does not occur in" in problems[0].message


class TestValidateFrictionless:
    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            (lambda p: p.update(name="Bad Name!"), "name", "'Bad Name!' is not a package name"),
            (lambda p: p.update(licenses="CC-BY-4.0"), "licenses", "must be a list of licenses"),
            (
                lambda p: p["resources"][0].update(encoding="latin-1"),
                "encoding",
                "declares encoding 'latin-1'; save it as UTF-8",
            ),
            (
                lambda p: p["resources"][0]["schema"]["fields"][0].update(type="blob"),
                "type",
                "has type 'blob'; use one of 'string', 'number'",
            ),
        ],
    )
    def test_both_engines_refuse_a_package_descriptor_the_specification_refuses(
        self, data_copy, change, field, message
    ):
        import json

        path = data_copy / "datapackage.json"
        package = json.loads(path.read_text(encoding="utf-8"))
        change(package)
        path.write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
        fast = cd.validate(data_copy)
        assert not fast.ok
        assert [(e.file, e.field) for e in fast.errors if message in e.message] == [("datapackage.json", field)]
        assert not cd.validate(data_copy, engine="frictionless").ok

    def test_frictionless_type_error_names_the_cell_the_kind_and_frictionless_note(self, data_copy):
        line = _set_first_fact(data_copy, value="abc")
        expected = Issue("error", "indicators.csv", line, "value", "'abc': type error: type is \"number/default\"")
        assert _errors(data_copy, "frictionless") == [expected]
        # the fast engine reports it at the same place, in its own words
        assert _errors(data_copy, "fast") == [Issue("error", "indicators.csv", line, "value", f"'abc': {OUR_NUMBER}")]

    def test_frictionless_empty_required_cell_is_not_quoted(self, data_copy):
        line = _set_first_fact(data_copy, evidence="")
        (issue,) = _errors(data_copy, "frictionless")
        assert issue == Issue(
            "error", "indicators.csv", line, "evidence", 'constraint error: constraint "required" is "True"'
        )
        (ours,) = _errors(data_copy, "fast")
        assert (ours.level, ours.file, ours.row, ours.field) == (issue.level, issue.file, issue.row, issue.field)

    def test_frictionless_engine_adds_the_numbers_table_schema_allows(self, data_copy):
        """``NaN`` is a number for the Table Schema; the frictionless engine adds our refusal, once."""
        line = _set_first_fact(data_copy, value="NaN")
        expected = [Issue("error", "indicators.csv", line, "value", f"'NaN': {OUR_NUMBER}")]
        assert _errors(data_copy, "frictionless") == expected
        assert _errors(data_copy, "fast") == expected

    def test_frictionless_duplicate_primary_key_names_the_key_field(self, data_copy):
        data = csv_rows(data_copy, "indicators")
        data[1]["fact_id"] = data[0]["fact_id"]
        write_csv(data_copy, "indicators", data)
        expected = Issue(
            "error", "indicators.csv", 3, "fact_id", "primary key error: the same as in the row at position 2"
        )
        assert _errors(data_copy, "frictionless") == [expected]
        (ours,) = _errors(data_copy, "fast")
        assert (ours.row, ours.field) == (3, "fact_id")

    @pytest.mark.parametrize(("key", "field"), [("code", "code"), (["code", "part"], "code, part")])
    def test_frictionless_primary_key_of_an_added_table(self, data_copy, key, field):
        """A key written as one name or as a list of names; the Issue names all its fields."""
        _add_table(data_copy, "extras", ["code", "part", "label"], key, ["code,part,label", "a,1,x", "a,1,y"])
        expected = Issue("error", "extras.csv", 3, field, "primary key error: the same as in the row at position 2")
        assert _errors(data_copy, "frictionless") == [expected]
        (ours,) = _errors(data_copy, "fast")
        assert (ours.file, ours.row, ours.field) == ("extras.csv", 3, field)

    def test_frictionless_composite_foreign_key_names_its_fields(self, data_copy):
        _add_table(data_copy, "pairs", ["code", "part"], ["code", "part"], ["code,part", "a,1", "b,2"])
        _add_table(
            data_copy,
            "refs",
            ["id", "code", "part"],
            ["id"],
            ["id,code,part", "r1,a,2"],
            foreign_keys=[{"fields": ["code", "part"], "reference": {"resource": "pairs", "fields": ["code", "part"]}}],
        )
        message = (
            'foreign key error: for "code, part": values "a, 2" not found in the lookup table "pairs" as "code, part"'
        )
        assert _errors(data_copy, "frictionless") == [Issue("error", "refs.csv", 2, "code, part", message)]
        (ours,) = _errors(data_copy, "fast")
        assert (ours.file, ours.row, ours.field) == ("refs.csv", 2, "code, part")

    def test_frictionless_header_error_keeps_frictionless_message_and_not_ours(self, data_copy):
        """A header error has no row, cell or note: its Issue is frictionless's message, and only it."""
        _add_table(data_copy, "extras", ["code", "label"], ["code"], ["code,label,more", "a,x,1"])
        message = 'There is an extra label "more" in header at position "3"'
        assert _errors(data_copy, "frictionless") == [Issue("error", "extras.csv", None, None, message)]
        assert _errors(data_copy, "fast") == [
            Issue(
                "error",
                "extras.csv",
                1,
                None,
                "header ['code', 'label', 'more'] differs from the schema's fields ['code', 'label'] "
                "(not in the schema ['more'])",
            )
        ]

    def test_frictionless_table_error_without_a_row(self, data_copy):
        _add_table(data_copy, "extras", ["code", "label"], ["code"], ["code,label", "a,x"], encoding="no-such-encoding")
        said = "table 'extras' declares encoding 'no-such-encoding'; save it as UTF-8 and declare 'utf-8' (or nothing)"
        assert _errors(data_copy, "frictionless") == [
            Issue("error", "datapackage.json", None, "encoding", said),  # ours: cchc_data reads UTF-8 only
            Issue("error", "extras.csv", None, None, "encoding error: unknown encoding: no-such-encoding"),
        ]
        assert _errors(data_copy, "fast") == [Issue("error", "datapackage.json", None, "encoding", said)]

    def test_frictionless_refusing_the_package_is_one_issue(self, data_copy):
        package = _package(data_copy)
        package["name"] = "Bad Name!"
        _save_package(data_copy, package)
        (issue,) = _errors(data_copy, "frictionless")
        assert issue == Issue(
            "error",
            "datapackage.json",
            None,
            None,
            "frictionless cannot check the package: [package-error] The data package has an error: descriptor is not "
            "valid (The data package has an error: 'Bad Name!' does not match '^([-a-z0-9._/])+$' at property 'name')",
        )

    @pytest.mark.parametrize(
        ("exc", "said"), [(RuntimeError(), "RuntimeError"), (ValueError("first line\nsecond line"), "first line")]
    )
    def test_frictionless_failure_is_named_by_its_first_line_or_its_type(self, data_copy, monkeypatch, exc, said):
        def broken(descriptor, basepath):
            raise exc

        monkeypatch.setattr(frictionless, "Package", broken)
        report = cd.validate(data_copy, engine="frictionless")
        assert report.issues == [
            Issue("error", "datapackage.json", None, None, f"frictionless cannot check the package: {said}")
        ]
        assert str(report) == (
            f"error: datapackage.json: frictionless cannot check the package: {said}\n"
            f"{data_copy}: INVALID (1 errors, 0 warnings)"
        )

    def test_frictionless_package_level_errors_are_issues_on_datapackage_json(self, data_copy, monkeypatch):
        class Package:
            def __init__(self, descriptor, basepath):  # the folder's descriptor without its patterns (ours run them)
                assert basepath == str(data_copy) and descriptor["resources"][0]["name"] == "indicators"

            def validate(self):
                return SimpleNamespace(errors=[SimpleNamespace(message="the package is odd")], tasks=[])

        monkeypatch.setattr(frictionless, "Package", Package)
        report = cd.validate(data_copy, engine="frictionless")
        assert report.issues == [Issue("error", "datapackage.json", None, None, "the package is odd")]
        assert not report.ok

    def test_frictionless_engine_reports_a_header_with_spaces(self, data_copy):
        CASES["header with spaces"](data_copy)
        report = cd.validate(data_copy, engine="frictionless")
        assert any(
            i.file == "indicators.csv" and "differs from the schema's fields" in i.message for i in report.errors
        )


class TestSourceUrlMatchesItsStatus:
    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                {"url_status": "found"},
                "kh-2019-article: url_status is 'found' but there is no url; give the address or set 'not_found'",
            ),
            (
                {"url": "https://example.org/a"},
                "kh-2019-article: a url with url_status 'not_found'; set 'found' or remove the url",
            ),
        ],
    )
    def test_a_source_url_matches_its_status(self, data_copy, change, message):
        srcs = csv_rows(data_copy, "sources")
        i = find(srcs, source_id="kh-2019-article")
        srcs[i].update(change)
        write_csv(data_copy, "sources", srcs)
        errors = [(e.file, e.row, e.field, e.message) for e in cd.validate(data_copy).errors]
        assert errors == [("sources.csv", i + 2, "url", message)]


class TestPrints:
    @pytest.mark.parametrize(("evidence", "value", "expected"), PRINTS)
    def test_prints_finds_the_value_as_printed(self, evidence, value, expected):
        assert _prints(evidence, value) is expected


class TestCheckNational:
    def test_validate_runs_the_national_checks_and_puts_errors_first(self, data_copy):
        data = csv_rows(data_copy, "national_indices")
        data[0]["id"] = "zz-" + data[0]["id"]
        write_csv(data_copy, "national_indices", data)
        national = check_national(data_copy)
        assert any(i.level == "error" and i.row == 2 and i.field == "id" for i in national), national
        report = cd.validate(data_copy)
        assert report.data_dir == data_copy
        assert all(i in report.issues for i in national)
        assert report.errors == [i for i in national if i.level == "error"]
        warning_files = {i.file for i in report.warnings}
        assert "indicators.csv" in warning_files  # sorted by file alone, these would come before the error
        n = len(report.errors)
        assert report.issues[:n] == report.errors and report.issues[n:] == report.warnings
        assert report.warnings == sorted(report.warnings, key=lambda i: (i.file, i.row or 0))
        assert str(report).splitlines()[0] == str(report.errors[0])
        assert str(report).splitlines()[-1] == f"{data_copy}: INVALID ({n} errors, {len(report.warnings)} warnings)"

    def test_real_data_passes_validation_and_checks(self):
        assert cd.validate().ok
        assert [p for p in cd.check_national() if p.level == "error"] == []

    def test_check_catches_a_planted_contradiction(self, small):
        rows = pd.read_csv(small / "national_indices.csv", dtype=str, keep_default_na=False)
        rows.loc[rows["id"] == "baohagiang-en-2025-papi-001", ["value", "evidence"]] = ["41.5", "reached 41.5 points"]
        rows.to_csv(small / "national_indices.csv", index=False)
        problems = cd.check_national(small)
        assert [p.level for p in problems] == ["error", "error"]
        assert "sources disagree: 40.5 (baokhanhhoa-2024-papi, line 6); 41.5 (baohagiang-en-2025-papi, line 7)" in str(
            problems[0]
        )
        both = rows["id"].isin(["baokhanhhoa-2024-papi-005", "baohagiang-en-2025-papi-001"])
        rows.loc[both, "flag"] = "contradiction"
        rows.to_csv(small / "national_indices.csv", index=False)
        problems = cd.check_national(small)  # flagged but not explained in Vietnamese: an error each
        assert [(p.level, p.field) for p in problems if p.field == "note_vi"] == [("error", "note_vi")] * 2
        assert "baokhanhhoa-2024-papi-005 is flagged 'contradiction': explain the flag in Vietnamese in note_vi" in [
            p.message for p in problems
        ]
        rows.loc[both, "note_vi"] = "Hai nguồn in hai điểm khác nhau: 40,5 và 41,5"
        rows.to_csv(small / "national_indices.csv", index=False)
        assert [p.level for p in cd.check_national(small)] == ["warning", "warning"]  # flagged: recorded, not fixed
        rows.loc[both, "note_vi"] = "   "  # blank is not an explanation
        rows.to_csv(small / "national_indices.csv", index=False)
        assert [p.level for p in cd.check_national(small)].count("error") == 2

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"evidence": "đạt 24,16 điểm"}, r"does not print the value 42\.16 \(numbers in it: 24\.16\)"),
            ({"unit": "percent"}, "score of papi \\(province\\) is in 'points', not 'percent'"),
            ({"province": ""}, "a province row names its province"),
            ({"id": "other-001"}, "should start with its source_id"),
            ({"period": "2005"}, "papi was first published for 2011, not 2005"),
            ({"evidence": " ".join(["42,16"] + ["từ"] * 30)}, "31 words; quote at most 15"),
        ],
    )
    def test_check_rules(self, small, change, message):
        rows = pd.read_csv(small / "national_indices.csv", dtype=str, keep_default_na=False)
        for col, value in change.items():
            rows.loc[0, col] = value
        rows.to_csv(small / "national_indices.csv", index=False)
        problems = cd.check_national(small)
        assert any(p.row == 2 and p.level == "error" for p in problems)
        assert any(pytest.importorskip("re").search(message, p.message) for p in problems), [str(p) for p in problems]

    def test_check_rank_beyond_provinces_ranked_and_score_outside_national_range(self, small):
        rows = pd.read_csv(small / "national_indices.csv", dtype=str, keep_default_na=False)
        rows.loc[1, ["value", "evidence"]] = ["70", "xếp thứ 70/63"]
        extra = row(9, "papi", "", 2019, "score", "national_min", 43, "points", "thấp nhất 43 điểm")
        rows = pd.concat([rows, pd.DataFrame([extra])], ignore_index=True)
        rows.to_csv(small / "national_indices.csv", index=False)
        messages = [p.message for p in cd.check_national(small)]
        assert "rank 70 is beyond the 63 provinces ranked in 2019" in messages
        assert "score 42.16 is below the national bottom score 43 of 2019" in messages
        below = [p for p in cd.check_national(small) if p.message.startswith("score 42.16 is below")]
        assert [(p.level, p.row, p.field) for p in below] == [("error", 2, "value")]

    def test_a_score_above_an_exact_national_top_is_an_error_or_when_flagged_a_warning(self, small):
        top = row(9, "papi", "", 2019, "score", "national_max", 42, "points", "cao nhất 42 điểm")
        rows = csv_rows(small, "national_indices")
        write_values(small, [*rows, top])
        above = "score 42.16 is above the national top score 42 of 2019"
        assert [(p.level, p.row, p.field) for p in cd.check_national(small) if p.message == above] == [
            ("error", 2, "value")
        ]
        rows[0].update(flag="format_anomaly", note_vi="điểm in trên trang tỉnh khác bảng quốc gia")
        write_values(small, [*rows, top])
        assert [p.level for p in cd.check_national(small) if p.message == above] == ["warning"]
        write_values(small, [*rows, dict(top, qualifier="more_than", evidence="cao nhất trên 42 điểm")])
        assert not [p for p in cd.check_national(small) if p.message == above]  # a bound is not the top score

    @pytest.mark.parametrize(
        ("values", "agree"),
        [
            ([("none", 40.5), ("more_than", 40)], True),  # the bound holds for the one exact value
            ([("none", 40.5), ("more_than", 41)], False),
            ([("none", 40.5), ("none", 39.5), ("more_than", 39)], False),  # two exact values: no bound makes them agree
            ([("more_than", 39), ("at_most", 41)], False),  # bounds without an exact value
        ],
    )
    def test_bounds_agree_only_with_one_exact_value_that_satisfies_them(self, small, values, agree):
        words = {"none": "đạt", "more_than": "trên", "at_most": "không quá"}
        data = [
            row(n, "papi", "khanh-hoa", 2021, "score", "province", value, "points",
                f"{words[q]} {str(value).replace('.', ',')} điểm", qualifier=q)
            for n, (q, value) in enumerate(values, start=1)
        ]  # fmt: skip
        write_values(small, data)
        disagree = [p for p in cd.check_national(small) if "sources disagree" in p.message]
        assert (disagree == []) == agree, [str(p) for p in disagree]

    def test_english_and_anomalous_formats_are_read_as_their_page_prints_them(self, small):
        # an English page prints 43.7 with a decimal point; a Vietnamese page printing 42.269 needs the flag
        assert 43.7 in numbers_in("scored only 43.7 points", convention="en")
        assert 42.269 not in numbers_in("là 42.269 điểm", convention="vi")
        write_values(small, [row(1, "papi", "", 2021, "score", "national_average", 42.269, "points", "là 42.269 điểm")])
        assert "does not print the value 42.269" in cd.check_national(small)[0].message
        write_values(small, [row(1, "papi", "", 2021, "score", "national_average", 42.269, "points", "là 42.269 điểm",
                                 flag="format_anomaly", note_vi="in dấu chấm thập phân")])  # fmt: skip
        assert cd.check_national(small) == []

    def test_check_can_make_validation_issues(self):
        from cchc_data.validation import Issue

        problems = cd.check_national()
        assert problems and all(isinstance(p, Issue) for p in problems)


class TestDataWarning:
    def test_data_warning_is_given_once_per_data_version(self, data_copy):
        CASES["population 0"](data_copy)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            cd.load_indicators(data_dir=data_copy)
            cd.load_indicators(data_dir=data_copy, province="Hà Giang")
            data = rows(data_copy, "domains")
            data[2]["order"] = "1"  # a new version, with one more error
            write(data_copy, "domains", data)
            cd.load_indicators(data_dir=data_copy)
        said = [str(w.message) for w in caught if issubclass(w.category, cd.DataWarning)]
        assert len(said) == 2
        assert "breaks 1 validation rules" in said[0] and "breaks 2 validation rules" in said[1]
        assert said[1].endswith(f"run `cchc validate {data_copy}` to see every problem")


# --- publishers in English; the rules' messages in both languages (issue 26) ---


class TestIssueText:
    """The rules' messages in both languages (``Issue.text``)."""

    @pytest.mark.parametrize(
        ("source_id", "change", "field", "en"),
        [
            (
                "dl-2023-interview",
                {"issuer_en": ""},
                "issuer_en",
                "dl-2023-interview: the issuer “Lan Anh” has no English name; give the body's English name (a person's "
                "name as printed) in issuer_en",
            ),
            (
                "hg-2018-article",
                {"issue_en": ""},
                "issue_en",
                "hg-2018-article: the issue “Xuân 2018” has no English gloss; give one in issue_en (e.g. Spring 2018)",
            ),
            (
                "dl-2023-interview",
                {"issue_en": "Lunar New Year issue"},
                "issue_en",
                "dl-2023-interview: English issue gloss “Lunar New Year issue” without an issue; give the issue as "
                "printed or leave issue_en empty",
            ),
        ],
    )
    def test_an_issuer_and_an_issue_have_an_english_name_exactly_when_named(self, data_copy, source_id, change, field,
                                                                            en):  # fmt: skip
        srcs = csv_rows(data_copy, "sources")
        i = find(srcs, source_id=source_id)
        srcs[i].update(change)
        write_csv(data_copy, "sources", srcs)
        errors = cd.validate(data_copy).errors
        assert [(e.file, e.row, e.field, e.message) for e in errors] == [("sources.csv", i + 2, field, en)]
        assert errors[0].text("vi").startswith(f"{source_id}: ") and field in errors[0].text("vi")

    def test_a_folder_without_the_english_names_is_valid_and_cited_as_printed(self, data_copy):
        srcs = [
            {k: v for k, v in r.items() if k not in ("issuer_en", "issue_en")} for r in csv_rows(data_copy, "sources")
        ]
        write_csv(data_copy, "sources", srcs)
        package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
        for resource in package["resources"]:
            if resource["name"] == "sources":
                fields = resource["schema"]["fields"]
                fields[:] = [f for f in fields if f["name"] not in ("issuer_en", "issue_en")]
        (data_copy / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
        assert cd.validate(data_copy).errors == []
        from cchc_data import tables

        cited = tables.cite_source("kh-2019-article", "en", data_dir=data_copy)
        assert cited.startswith("Nguyên Lộc, Văn phòng Tỉnh ủy Khánh Hòa, Results of")  # the Vietnamese name alone
        assert ", Xuân 2018 issue," in tables.cite_source("hg-2018-article", "en", data_dir=data_copy)

    @pytest.mark.parametrize(
        ("source_id", "change", "en", "vi"),
        [
            (
                "hg-2018-article",
                {"publisher_en": ""},
                "hg-2018-article: the publisher “Báo Hà Giang” has no English name; give its usual English name in "
                "publisher_en",
                "hg-2018-article: chưa có tên tiếng Anh của cơ quan phát hành “Báo Hà Giang”; đề nghị ghi tên tiếng Anh "
                "thường dùng vào cột publisher_en",
            ),
            (
                "kh-2019-article",
                {"publisher_en": "Khánh Hòa Newspaper"},
                "kh-2019-article: English publisher name “Khánh Hòa Newspaper” without a publisher; give the publisher "
                "as printed or leave publisher_en empty",
                "kh-2019-article: có tên tiếng Anh “Khánh Hòa Newspaper” nhưng không có tên cơ quan phát hành; đề nghị "
                "ghi tên cơ quan như bản in, hoặc xóa tên tiếng Anh",
            ),
        ],
    )
    def test_a_publisher_has_an_english_name_exactly_when_it_is_named(self, data_copy, source_id, change, en, vi):
        srcs = csv_rows(data_copy, "sources")
        i = find(srcs, source_id=source_id)
        srcs[i].update(change)
        write_csv(data_copy, "sources", srcs)
        errors = cd.validate(data_copy).errors
        assert [(e.file, e.row, e.field, e.message) for e in errors] == [("sources.csv", i + 2, "publisher_en", en)]
        assert errors[0].text("vi") == vi

    def test_the_rules_messages_reach_readers_in_both_languages(self, data_copy):
        """Every cross-row rule says its message in Vietnamese too (the audit page, the explorer); English unchanged."""
        facts = csv_rows(data_copy, "indicators")
        percent = find(facts, fact_id="hg-2018-article-008")  # a percentage
        count = find(facts, fact_id="hg-2018-article-007")  # a count
        facts[percent]["value"] = "150"
        facts[count]["value"] = "-3"
        facts[count]["evidence"] = "toàn tỉnh có -3 Trạm thu phát sóng BTS"
        write_csv(data_copy, "indicators", facts)
        provinces = csv_rows(data_copy, "provinces")
        provinces[0]["population_2019"] = "0"
        write_csv(data_copy, "provinces", provinces)
        issues = cd.validate(data_copy).issues
        assert len(issues) >= 3 + 13
        english_only = [str(i) for i in issues if not i.key]
        assert english_only == [], english_only
        said = {i.message: i.text("vi") for i in issues}
        assert said["150 % is outside 0-100; flag it with a note if the source prints it"] == (
            "150 % nằm ngoài khoảng 0–100; nếu nguồn ghi như vậy, đề nghị gắn cờ kèm ghi chú"
        )
        assert "-3 là số đếm âm; số đếm phải từ 0 trở lên" in said.values()
        assert any(v.endswith("dân số bằng 0 làm các chỉ tiêu bình quân đầu người không xác định; nếu chưa rõ số dân, "
                              "đề nghị để trống") for v in said.values())  # fmt: skip

    @pytest.mark.parametrize("table", ["sources", "national_index_sources"])
    def test_a_short_title_writes_its_date_as_the_pages_do(self, data_copy, table):
        """Dates in Vietnamese short titles read like the pages' (7/4/2025), never zero-padded (07/04/2025)."""
        srcs = csv_rows(data_copy, table)
        assert not any(re.search(r"\b0\d/|/0\d/", r["short_title_vi"]) for r in srcs)  # the shipped data
        srcs[0]["short_title_vi"] += ", 07/04/2025"
        write_csv(data_copy, table, srcs)
        errors = cd.validate(data_copy).errors
        source = srcs[0]["source_id"]
        assert [(e.file, e.row, e.field) for e in errors] == [(f"{table}.csv", 2, "short_title_vi")]
        assert errors[0].message == (
            f"{source}: the short title writes the date “07/04/2025” with a leading zero; write it as the pages do: 7/4/2025"
        )
        assert "đề nghị ghi như các trang: 7/4/2025" in errors[0].text("vi")
