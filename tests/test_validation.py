import csv
import unicodedata

import pandas as pd
import pytest

import cchc_data as cd
from cchc_data.cli import main


def rows(folder, table):
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(folder, table, data):
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(data[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(data)


def find(data, **match):
    for i, r in enumerate(data):
        if all(r[k] == v for k, v in match.items()):
            return i
    raise LookupError(match)


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_bundled_data_is_valid(engine):
    report = cd.validate(engine=engine)
    assert report.ok, str(report)


def test_unknown_engine():
    with pytest.raises(ValueError, match="'pandera' is not a known engine; use one of 'fast', 'frictionless'"):
        cd.validate(engine="pandera")


def test_cli_validate_passes(capsys):
    assert main(["validate"]) == 0
    assert "valid (0 errors" in capsys.readouterr().out


def _set(folder, line_index, **values):
    data = rows(folder, "indicators")
    data[line_index].update(values)
    write(folder, "indicators", data)
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


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
@pytest.mark.parametrize(("change", "field", "fragment"), SCHEMA_CORRUPTIONS)
def test_schema_corruptions_are_errors(data_copy, change, field, fragment, engine):
    """Our vectorised checker and the reference (frictionless) report the same problem at the same place."""
    line = _set(data_copy, 0, **change)
    report = cd.validate(data_copy, engine=engine)
    assert not report.ok
    hits = [i for i in report.errors if i.file == "indicators.csv" and i.field == field and i.row == line]
    assert hits, str(report)
    assert fragment in hits[0].message.lower() or fragment in hits[0].message


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_duplicate_fact_id_is_an_error(data_copy, engine):
    data = rows(data_copy, "indicators")
    data[1]["fact_id"] = data[0]["fact_id"]
    write(data_copy, "indicators", data)
    report = cd.validate(data_copy, engine=engine)
    assert any("primary key" in i.message.lower() and i.row == 3 for i in report.errors), str(report)


def test_evidence_without_the_value_is_an_error(data_copy):
    data = rows(data_copy, "indicators")
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
def test_evidence_may_print_the_value_in_words(data_copy, evidence, value):
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
def test_evidence_in_words_must_hold_the_value(data_copy, evidence, value, numbers):
    line = _set(data_copy, 0, evidence=evidence, value=value)
    errors = [e for e in cd.validate(data_copy).errors if e.row == line and e.field == "evidence"]
    assert [e.message for e in errors] == [f"does not contain the value {value} as printed (numbers in it: {numbers})"]


def test_overlong_evidence_is_an_error(data_copy):
    line = _set(
        data_copy, 0, evidence="1 " + " ".join(["chữ"] * 30) + " " + rows(data_copy, "indicators")[0]["evidence"]
    )
    report = cd.validate(data_copy)
    assert any(e.row == line and "quote at most 15" in e.message for e in report.errors), str(report)


def test_percent_out_of_range(data_copy):
    data = rows(data_copy, "indicators")
    cat = {r["indicator"]: r for r in rows(data_copy, "catalog")}
    i = next(n for n, r in enumerate(data) if cat[r["indicator"]]["unit"] == "percent" and not r["flag"])
    line = _set(data_copy, i, value="120", evidence="tỷ lệ đạt 120%")
    report = cd.validate(data_copy)
    assert any(e.row == line and "outside 0-100" in e.message for e in report.errors), str(report)
    # the same row flagged as the source's own inconsistency: a warning, not an error
    _set(data_copy, i, flag="percent_out_of_range", note="printed so in the source", note_vi="nguồn in như vậy")
    report = cd.validate(data_copy)
    assert report.ok and any(w.row == line and "outside 0-100" in w.message for w in report.warnings)


def test_part_larger_than_whole(data_copy):
    data = rows(data_copy, "indicators")
    i = find(data, indicator="admin_units_with_video_conference", breakdown="level:commune")
    line = _set(data_copy, i, value="196", evidence="196/195 xã")
    report = cd.validate(data_copy)
    assert any(e.row == line and "exceeds its whole admin_units_total = 195" in e.message for e in report.errors), str(
        report
    )
    _set(data_copy, i, flag="part_exceeds_whole", note="as printed", note_vi="ghi đúng như bản in")
    report = cd.validate(data_copy)
    assert report.ok and any("exceeds its whole" in w.message for w in report.warnings)


def _inspection_pair(folder):
    data = rows(folder, "indicators")
    return data, find(data, fact_id="dl-2023-interview-006"), find(data, fact_id="dl-2023-interview-007")


def test_a_whole_printed_with_its_part_may_be_of_an_earlier_period():
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
def test_a_whole_of_another_period_must_be_printed_with_its_part_and_not_later(data_copy, change, why):
    data, part, whole = _inspection_pair(data_copy)
    data[whole].update(change)
    write(data_copy, "indicators", data)
    message = (
        "inspected_units_remedied is a part of inspected_units, but no inspected_units fact has the same "
        "province, period, kind, breakdown, source_id"
    )
    assert [(e.row, e.message) for e in cd.validate(data_copy).errors if e.field == "indicator"] == [
        (part + 2, message)
    ], why


def test_a_whole_of_the_same_period_is_preferred(data_copy):
    data, part, whole = _inspection_pair(data_copy)
    data.append({**data[whole], "fact_id": "dl-2023-interview-099", "period": "2023-Q1", "value": "10"})
    write(data_copy, "indicators", data)
    errors = [e for e in cd.validate(data_copy).errors if e.row == part + 2]
    assert [e.message for e in errors] == [
        "part inspected_units_remedied = 11 exceeds its whole inspected_units = 10 "
        f"(line {len(data) + 1}); if the source prints it so, flag both rows"
    ]


def test_part_without_whole(data_copy):
    data = rows(data_copy, "indicators")
    i = find(data, indicator="admin_units_total", breakdown="level:commune")
    del data[i]
    write(data_copy, "indicators", data)
    report = cd.validate(data_copy)
    assert any("is a part of admin_units_total, but no admin_units_total fact" in e.message for e in report.errors), (
        str(report)
    )


def test_parts_adding_up_to_more_than_the_total(data_copy):
    data = rows(data_copy, "indicators")
    i = find(data, indicator="public_websites", breakdown="level:commune")
    _set(data_copy, i, value="1150", evidence="1150 UBND cấp xã")
    report = cd.validate(data_copy)
    assert any("public_websites: parts by level add up to" in e.message for e in report.errors), str(report)


def test_target_earlier_than_its_source(data_copy):
    data = rows(data_copy, "indicators")
    i = find(data, source_id="kh-2022-programme", kind="target")
    line = _set(data_copy, i, period="2019")
    report = cd.validate(data_copy)
    assert any(
        e.row == line and "earlier than the period its source reports on (2021)" in e.message for e in report.errors
    ), str(report)


def test_province_must_match_source(data_copy):
    data = rows(data_copy, "indicators")
    i = find(data, source_id="hg-2018-article")
    line = _set(data_copy, i, province="khanh-hoa")
    report = cd.validate(data_copy)
    assert any(e.row == line and "is about 'ha-giang'" in e.message for e in report.errors), str(report)


def test_nfd_text_is_an_error(data_copy):
    path = data_copy / "catalog.csv"
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    report = cd.validate(data_copy)
    assert any(e.file == "catalog.csv" and "NFC" in e.message for e in report.errors)


def test_concept_unit_must_match(data_copy):
    cat = rows(data_copy, "catalog")
    i = find(cat, concept="digital_certificates")
    cat[i]["unit"] = "percent"
    write(data_copy, "catalog", cat)
    report = cd.validate(data_copy)
    assert any("differs from its concept 'digital_certificates'" in e.message for e in report.errors), str(report)


def test_cli_reports_bad_data_without_traceback(data_copy, capsys):
    _set(data_copy, 0, value="abc")
    assert main(["validate", str(data_copy)]) == 1
    out = capsys.readouterr()
    assert "indicators.csv:2 [value]" in out.err and "INVALID" in out.out
    assert "Traceback" not in out.err + out.out


def test_cli_missing_folder(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "is not a cchc data folder" in err and "Traceback" not in err


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_malformed_csv_is_reported_not_raised(data_copy, engine):
    (data_copy / "indicators.csv").write_text('fact_id,province\n"unterminated,x\n', encoding="utf-8")
    report = cd.validate(data_copy, engine=engine)
    assert not report.ok and any(e.file == "indicators.csv" for e in report.errors), str(report)


def test_missing_table_is_reported(data_copy):
    (data_copy / "units.csv").unlink()
    report = cd.validate(data_copy)
    assert any(e.file == "units.csv" and "missing" in e.message for e in report.errors), str(report)


@pytest.mark.parametrize("table", cd.datadir.table_names())
def test_every_table_is_read_typed_from_its_schema(table):
    """One reader for every table of the package: columns, row count and types as datapackage.json says."""
    from cchc_data.datadir import package
    from cchc_data.schema import read_table

    res = next(r for r in package()["resources"] if r["name"] == table)
    frame = read_table(table)
    fields = res["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    assert len(frame) == len(rows(cd.data_dir(), res["path"].removesuffix(".csv")))
    for f in fields:
        col = frame[f["name"]]
        kind = f.get("type", "string")
        if kind == "number":
            assert col.dtype == "float64", f["name"]
        elif kind == "integer":
            assert str(col.dtype) == "Int64", f["name"]
        elif kind == "date":
            assert str(col.dtype).startswith("datetime64"), f["name"]
        else:
            assert col.map(type).eq(str).all(), f["name"]  # text, "" when empty, never NaN


def test_typed_values_match_the_file():
    from cchc_data.schema import read_table

    src = read_table("sources").set_index("source_id")
    raw = {r["source_id"]: r["published"] for r in rows(cd.data_dir(), "sources")}
    for sid, text in raw.items():
        got = src.at[sid, "published"]
        assert (got.strftime("%Y-%m-%d") == text) if text else got is pd.NaT
    order = read_table("domains")["order"].tolist()
    assert order == [int(r["order"]) for r in rows(cd.data_dir(), "domains")]


def test_rules_are_a_registry_of_named_functions(data_copy, monkeypatch):
    from cchc_data import validation

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


def test_negative_count_is_an_error_or_a_warning_when_flagged(data_copy):
    data = rows(data_copy, "indicators")
    cat = {r["indicator"]: r["unit"] for r in rows(data_copy, "catalog")}
    i = next(n for n, r in enumerate(data) if cat[r["indicator"]] == "count" and not r["flag"] and not r["breakdown"])
    line = _set(data_copy, i, value="-" + data[i]["value"])
    report = cd.validate(data_copy)
    assert any(e.row == line and e.message.endswith("is a negative count; a count is 0 or more") for e in report.errors)
    _set(data_copy, i, flag="format_anomaly", note="printed so", note_vi="nguồn in như vậy")
    report = cd.validate(data_copy)
    assert any(w.row == line and "negative count (flagged in the source)" in w.message for w in report.warnings)


def test_backwards_period_in_a_source_is_an_error(data_copy):
    srcs = rows(data_copy, "sources")
    srcs[0]["period_covered"] = "2030-2021"
    write(data_copy, "sources", srcs)
    report = cd.validate(data_copy)
    assert any(
        e.file == "sources.csv" and e.row == 2 and e.field == "period_covered" and "runs backwards" in e.message
        for e in report.errors
    ), str(report)


def test_more_rows_than_listed_are_counted(data_copy):
    data = rows(data_copy, "indicators")
    for r in data[:25]:
        r["value"] = "x"
    write(data_copy, "indicators", data)
    report = cd.validate(data_copy)
    assert len([e for e in report.errors if e.field == "value" and e.row]) == 20
    assert any(
        e.row is None and e.message == "5 more rows with the problem of line 2 are not listed" for e in report.errors
    )


def test_verify_evidence_on_small_texts_written_here(data_copy, tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    srcs = rows(data_copy, "sources")
    facts = rows(data_copy, "indicators")
    for s in srcs:  # each text holds every evidence of its source, with extra whitespace
        body = "\n  ".join(f["evidence"] for f in facts if f["source_id"] == s["source_id"])
        (texts / s["text_file"]).write_text("Lời mở đầu.\n" + body + "\nHết.", encoding="utf-8")
    assert cd.verify_evidence(texts, data_dir=data_copy) == []
    first_src = srcs[0]
    same = [f["evidence"] for f in facts if f["source_id"] == first_src["source_id"]]
    victim = next(  # an evidence no other evidence of its source contains, or is contained in
        i
        for i, f in enumerate(facts)
        if f["source_id"] == first_src["source_id"] and sum(f["evidence"] in e or e in f["evidence"] for e in same) == 1
    )
    path = texts / first_src["text_file"]
    path.write_text(path.read_text(encoding="utf-8").replace(facts[victim]["evidence"], "đã sửa"), encoding="utf-8")
    issues = cd.verify_evidence(texts, data_dir=data_copy)
    assert [(i.file, i.row, i.field) for i in issues] == [("indicators.csv", victim + 2, "evidence")]
    assert issues[0].message.startswith(f"{facts[victim]['fact_id']}: ") and first_src["text_file"] in issues[0].message
    (texts / srcs[1]["text_file"]).unlink()
    missing = [i for i in cd.verify_evidence(texts, data_dir=data_copy) if i.field == "text_file"]
    assert len(missing) == 1 and missing[0].message.endswith(f"not found for source {srcs[1]['source_id']}")


def test_a_flagged_fact_without_note_vi_is_an_error_naming_it(data_copy):
    data = rows(data_copy, "indicators")
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


def test_an_unflagged_fact_may_leave_note_vi_empty(data_copy):
    data = rows(data_copy, "indicators")
    i = next(n for n, r in enumerate(data) if r["flag"])
    _set(data_copy, i, flag="", note_vi="")
    assert not [e for e in cd.validate(data_copy).errors if e.field == "note_vi"]


def test_every_flagged_fact_of_the_bundled_data_is_explained_in_vietnamese():
    flagged = [r for r in rows(cd.data_dir(), "indicators") if r["flag"]]
    assert len(flagged) >= 17
    for r in flagged:
        assert r["note"].strip() and r["note_vi"].strip(), r["fact_id"]
        assert r["note_vi"] != r["note"], r["fact_id"]  # translated, not copied
    facts = cd.load_indicators()
    assert "note_vi" in facts.columns
    assert facts.loc[facts["flag"] != "", "note_vi"].str.strip().ne("").all()


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
def test_both_engines_refuse_a_package_descriptor_the_specification_refuses(data_copy, change, field, message):
    import json

    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package)
    path.write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    fast = cd.validate(data_copy)
    assert not fast.ok
    assert [(e.file, e.field) for e in fast.errors if message in e.message] == [("datapackage.json", field)]
    assert not cd.validate(data_copy, engine="frictionless").ok


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
def test_a_source_url_matches_its_status(data_copy, change, message):
    srcs = rows(data_copy, "sources")
    i = find(srcs, source_id="kh-2019-article")
    srcs[i].update(change)
    write(data_copy, "sources", srcs)
    errors = [(e.file, e.row, e.field, e.message) for e in cd.validate(data_copy).errors]
    assert errors == [("sources.csv", i + 2, "url", message)]


def test_every_source_says_whether_a_public_copy_was_found():
    src = cd.sources()
    assert set(src["url_status"]) <= {"found", "not_found"} and src["accessed"].notna().all()
    assert src["issuer"].ne("").all()
