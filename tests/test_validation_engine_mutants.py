"""Tests that kill mutants of the engine side of ``cchc_data.validation`` (issue 14, mutation testing).

They pin how ``validate(engine="frictionless")`` turns the reference engine's errors into Issues (level,
file, row, field and message, compared whole), which of our own checks it adds, the NFC check, the
national-index checks and the order of the report. Each data folder is a copy of the bundled one with
one small hand-made corruption; the expected row is found in the file the test wrote.
"""

import json
import unicodedata
from types import SimpleNamespace

import frictionless
import pytest
from test_validation import rows as _rows  # the CSV helpers of the validation tests
from test_validation import write as _write

import cchc_data as cd
from cchc_data.national import check_national
from cchc_data.validation import Issue

NFC_MESSAGE = "text is not in Unicode NFC form; normalise it"
OUR_NUMBER = "type error: not a number (write 1514 or 65.91: digits, '.' as decimal mark, finite)"


def _set_first_fact(folder, **values):
    """Change the first fact of indicators.csv; return its CSV line number (the header is line 1)."""
    data = _rows(folder, "indicators")
    data[0].update(values)
    _write(folder, "indicators", data)
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


# --- how frictionless's cell errors become Issues ---------------------------------------------------------


def test_frictionless_type_error_names_the_cell_the_kind_and_frictionless_note(data_copy):
    line = _set_first_fact(data_copy, value="abc")
    expected = Issue("error", "indicators.csv", line, "value", "'abc': type error: type is \"number/default\"")
    assert _errors(data_copy, "frictionless") == [expected]
    # the fast engine reports it at the same place, in its own words
    assert _errors(data_copy, "fast") == [Issue("error", "indicators.csv", line, "value", f"'abc': {OUR_NUMBER}")]


def test_frictionless_empty_required_cell_is_not_quoted(data_copy):
    line = _set_first_fact(data_copy, evidence="")
    (issue,) = _errors(data_copy, "frictionless")
    assert issue == Issue(
        "error", "indicators.csv", line, "evidence", 'constraint error: constraint "required" is "True"'
    )
    (ours,) = _errors(data_copy, "fast")
    assert (ours.level, ours.file, ours.row, ours.field) == (issue.level, issue.file, issue.row, issue.field)


def test_frictionless_engine_adds_the_numbers_table_schema_allows(data_copy):
    """``NaN`` is a number for the Table Schema; the frictionless engine adds our refusal, once."""
    line = _set_first_fact(data_copy, value="NaN")
    expected = [Issue("error", "indicators.csv", line, "value", f"'NaN': {OUR_NUMBER}")]
    assert _errors(data_copy, "frictionless") == expected
    assert _errors(data_copy, "fast") == expected


def test_frictionless_duplicate_primary_key_names_the_key_field(data_copy):
    data = _rows(data_copy, "indicators")
    data[1]["fact_id"] = data[0]["fact_id"]
    _write(data_copy, "indicators", data)
    expected = Issue("error", "indicators.csv", 3, "fact_id", "primary key error: the same as in the row at position 2")
    assert _errors(data_copy, "frictionless") == [expected]
    (ours,) = _errors(data_copy, "fast")
    assert (ours.row, ours.field) == (3, "fact_id")


@pytest.mark.parametrize(("key", "field"), [("code", "code"), (["code", "part"], "code, part")])
def test_frictionless_primary_key_of_an_added_table(data_copy, key, field):
    """A key written as one name or as a list of names; the Issue names all its fields."""
    _add_table(data_copy, "extras", ["code", "part", "label"], key, ["code,part,label", "a,1,x", "a,1,y"])
    expected = Issue("error", "extras.csv", 3, field, "primary key error: the same as in the row at position 2")
    assert _errors(data_copy, "frictionless") == [expected]
    (ours,) = _errors(data_copy, "fast")
    assert (ours.file, ours.row, ours.field) == ("extras.csv", 3, field)


def test_frictionless_composite_foreign_key_names_its_fields(data_copy):
    _add_table(data_copy, "pairs", ["code", "part"], ["code", "part"], ["code,part", "a,1", "b,2"])
    _add_table(
        data_copy,
        "refs",
        ["id", "code", "part"],
        ["id"],
        ["id,code,part", "r1,a,2"],
        foreign_keys=[{"fields": ["code", "part"], "reference": {"resource": "pairs", "fields": ["code", "part"]}}],
    )
    message = 'foreign key error: for "code, part": values "a, 2" not found in the lookup table "pairs" as "code, part"'
    assert _errors(data_copy, "frictionless") == [Issue("error", "refs.csv", 2, "code, part", message)]
    (ours,) = _errors(data_copy, "fast")
    assert (ours.file, ours.row, ours.field) == ("refs.csv", 2, "code, part")


def test_frictionless_header_error_keeps_frictionless_message_and_not_ours(data_copy):
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


def test_frictionless_table_error_without_a_row(data_copy):
    _add_table(data_copy, "extras", ["code", "label"], ["code"], ["code,label", "a,x"], encoding="no-such-encoding")
    said = "table 'extras' declares encoding 'no-such-encoding'; save it as UTF-8 and declare 'utf-8' (or nothing)"
    assert _errors(data_copy, "frictionless") == [
        Issue("error", "datapackage.json", None, "encoding", said),  # ours: cchc_data reads UTF-8 only
        Issue("error", "extras.csv", None, None, "encoding error: unknown encoding: no-such-encoding"),
    ]
    assert _errors(data_copy, "fast") == [Issue("error", "datapackage.json", None, "encoding", said)]


# --- frictionless's own failures and package errors ------------------------------------------------------


def test_frictionless_refusing_the_package_is_one_issue(data_copy):
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
def test_frictionless_failure_is_named_by_its_first_line_or_its_type(data_copy, monkeypatch, exc, said):
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


def test_frictionless_package_level_errors_are_issues_on_datapackage_json(data_copy, monkeypatch):
    class Package:
        def __init__(self, descriptor, basepath):  # the folder's descriptor without its patterns (ours run them)
            assert basepath == str(data_copy) and descriptor["resources"][0]["name"] == "indicators"

        def validate(self):
            return SimpleNamespace(errors=[SimpleNamespace(message="the package is odd")], tasks=[])

    monkeypatch.setattr(frictionless, "Package", Package)
    report = cd.validate(data_copy, engine="frictionless")
    assert report.issues == [Issue("error", "datapackage.json", None, None, "the package is odd")]
    assert not report.ok


# --- unreadable tables and NFC ------------------------------------------------------------------------------


def _decompose_in_national(folder):
    """Write one national value's evidence in NFD; return the CSV line it is on."""
    data = _rows(folder, "national_indices")
    data[0]["evidence"] = "Chỉ số " + data[0]["evidence"]
    data[0]["evidence"] = unicodedata.normalize("NFD", data[0]["evidence"])
    _write(folder, "national_indices", data)
    lines = (folder / "national_indices.csv").read_text(encoding="utf-8").splitlines()
    (line,) = [n for n, text in enumerate(lines, start=1) if text != unicodedata.normalize("NFC", text)]
    return line


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_non_nfc_line_is_reported_at_its_line(data_copy, engine):
    line = _decompose_in_national(data_copy)
    assert _errors(data_copy, engine) == [Issue("error", "national_indices.csv", line, None, NFC_MESSAGE)]


def test_unreadable_table_does_not_stop_the_nfc_check_nor_go_to_frictionless(data_copy):
    """units.csv (before national_indices.csv in the package) is not UTF-8: both engines say the same."""
    line = _decompose_in_national(data_copy)
    (data_copy / "units.csv").write_bytes((data_copy / "units.csv").read_bytes() + b"x\xff,y\n")
    fast = _errors(data_copy, "fast")
    assert [(i.file, i.row) for i in fast] == [("national_indices.csv", line), ("units.csv", None)]
    assert fast[0] == Issue("error", "national_indices.csv", line, None, NFC_MESSAGE)
    assert "UTF-8" in fast[1].message
    assert _errors(data_copy, "frictionless") == fast


# --- validate(): the national checks and the order of the report ------------------------------------------------


def test_validate_runs_the_national_checks_and_puts_errors_first(data_copy):
    data = _rows(data_copy, "national_indices")
    data[0]["id"] = "zz-" + data[0]["id"]
    _write(data_copy, "national_indices", data)
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
