"""The corruption corpus (issues 13 and 25) through every door: an integration test of the whole library.

Each case of ``tests/corruptions.py`` corrupts a ``tmp_path`` copy of ``data/``. Then ``cchc validate`` (both
engines), the loaders, ``cchc export``, the explorer, ``cchc curate`` and ``cchc report`` each refuse it
with the exact message and exit code, and no entry point hangs. Data-dependent parts of a message (line
numbers past the end of a table, the first id of a table) are computed from the corrupted copy.
"""

import csv
import io
import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from corruptions import CASES, ISSUE_25, first, rows

import cchc_data as cd
from cchc_data import cli
from cchc_data.cli import main
from cchc_data.datadir import read_raw

NUMBER = "not a number (write 1514 or 65.91: digits, '.' as decimal mark, finite)"


OTHER_DIGITS = "; it has digits other than 0-9 (full-width or Arabic-Indic): retype them as 0-9"


#: case -> (exit code of `cchc validate`, an issue it prints, what the loader does).
#: "contract": ContractError starting with that issue; "unreadable": DataError with that message;
#: "ok": loads (accepted deliberately: see ACCEPTED).
EXPECTED = {
    "text value": (1, f"error: indicators.csv:2 [value]: 'abc': type error: {NUMBER}", "contract"),
    "decimal comma": (1, f"error: indicators.csv:2 [value]: '1,5': type error: {NUMBER}", "contract"),
    "empty required value": (
        1,
        "error: indicators.csv:2 [evidence]: constraint error: a value is required",
        "contract",
    ),
    "unknown province": (
        1,
        "error: indicators.csv:2 [province]: foreign key error: ['atlantis'] not found in provinces.slug",
        "contract",
    ),
    "unknown indicator": (
        1,
        "error: indicators.csv:2 [indicator]: foreign key error: ['no_such_indicator'] not found in catalog.indicator",
        "contract",
    ),
    "unknown breakdown": (
        1,
        "error: indicators.csv:2 [breakdown]: foreign key error: ['level:galaxy'] not found in breakdowns.breakdown",
        "contract",
    ),
    "unknown source": (
        1,
        "error: indicators.csv:2 [source_id]: foreign key error: ['no-such-source'] not found in sources.source_id",
        "contract",
    ),
    "unknown kind": (
        1,
        "error: indicators.csv:2 [kind]: 'estimate': constraint error: not one of ['actual', 'plan', 'target']",
        "contract",
    ),
    "unknown unit": (
        1,
        "error: catalog.csv:2 [unit]: foreign key error: ['furlong'] not found in units.unit",
        "contract",
    ),
    "unknown domain": (
        1,
        "error: catalog.csv:2 [domain]: foreign key error: ['astrology'] not found in domains.domain",
        "contract",
    ),
    "unknown concept": (
        1,
        "error: catalog.csv:2 [concept]: foreign key error: ['no_such_concept'] not found in concepts.concept",
        "contract",
    ),
    "duplicated fact id": (
        1,
        "error: indicators.csv:{indicators_end} [fact_id]: primary key error: ['{fact0}'] repeats line 2",
        "contract",
    ),
    "duplicated catalog key": (
        1,
        "error: catalog.csv:{catalog_end} [indicator]: primary key error: ['{indicator0}'] repeats line 2",
        "contract",
    ),
    "duplicated province key": (
        1,
        "error: provinces.csv:{provinces_end} [slug]: primary key error: ['{slug0}'] repeats line 2",
        "contract",
    ),
    "duplicated gso code": (
        1,
        "error: provinces.csv:3 [gso_code]: unique key error: ['01'] repeats line 2",
        "contract",
    ),
    "NaN value": (1, f"error: indicators.csv:2 [value]: 'NaN': type error: {NUMBER}", "contract"),
    "1e400 value": (1, f"error: indicators.csv:2 [value]: '1e400': type error: {NUMBER}", "contract"),
    "inf value": (1, f"error: indicators.csv:2 [value]: 'inf': type error: {NUMBER}", "contract"),
    "1_000 value": (1, f"error: indicators.csv:2 [value]: '1_000': type error: {NUMBER}", "contract"),
    "backwards period": (
        1,
        "error: indicators.csv:2 [period]: '2030-2021' is not a period: the span runs backwards; write a year (2019), "
        "a quarter (2021-Q1) or a span from an earlier to a later year (2021-2030)",
        "contract",
    ),
    "row of commas": (
        1,
        "error: indicators.csv:{indicators_end} [fact_id]: constraint error: a value is required",
        "contract",
    ),
    "malformed CSV": (
        1,
        "error: indicators.csv: is not a well-formed CSV file: a quoted cell starting on line {indicators_end} "
        "is never closed (a missing '\"')",
        "contract",
    ),
    "Latin-1 file": (
        1,
        "error: catalog.csv: is not UTF-8 text: invalid continuation byte at byte {catalog_non_ascii}; save it as UTF-8",
        "contract",
    ),
    "UTF-16 file": (
        1,
        "error: catalog.csv: is not UTF-8 text (it looks like UTF-16): invalid start byte at byte 0; save it as UTF-8",
        "contract",
    ),
    "empty file": (1, "error: units.csv: is empty; it needs at least its header row", "contract"),
    "NUL byte in a note": (
        1,
        "error: indicators.csv:2 [note]: contains a NUL byte at character 8; remove it",
        "contract",
    ),
    "missing table": (1, "error: units.csv: is missing from {folder}; datapackage.json names it", "contract"),
    "missing column": (
        1,
        "error: catalog.csv:1: header {catalog_header_without_unit} differs from the schema's fields "
        "{catalog_header} (missing ['unit'])",
        "contract",
    ),
    "missing column, schema too": (
        1,
        "error: datapackage.json [unit]: table 'catalog' does not declare field 'unit'; cchc_data needs it",
        "contract",
    ),
    "swapped columns": (
        1,
        "error: indicators.csv:1: header {indicators_header_swapped} differs from the schema's fields "
        "{indicators_header} (another order)",
        "contract",
    ),
    "invalid date": (
        1,
        "error: sources.csv:2 [published]: '2022-13-45': type error: not a date (YYYY-MM-DD)",
        "contract",
    ),
    "negative population": (1, "error: provinces.csv:3 [population_2019]: '-5': constraint error: below 0", "contract"),
    "target earlier than its source": (
        1,
        "error: indicators.csv:{target_line} [period]: target period 2019 is earlier than the period its source "
        "reports on (2021)",
        "ok",
    ),
    "negative count": (1, "error: indicators.csv:2 [value]: -{value0} is a negative count; a count is 0 or more", "ok"),
    "flag not explained in Vietnamese": (
        1,
        "error: indicators.csv:{contradiction_line} [note_vi]: {contradiction_fact} is flagged 'contradiction': "
        "explain the flag in Vietnamese in note_vi",
        "ok",
    ),
    "data folder older than note_vi": (
        1,
        "error: datapackage.json [note_vi]: table 'indicators' does not declare field 'note_vi'; cchc_data needs it",
        "contract",
    ),
    "resource points elsewhere": (0, None, "ok"),
    "path out of the folder": (
        1,
        "error: datapackage.json: the path of resource 'units' leaves the data folder; give a file name inside it, "
        "such as units.csv",
        "contract",
    ),
    "absolute path": (
        1,
        "error: datapackage.json: the path of resource 'units' leaves the data folder; give a file name inside it, "
        "such as units.csv",
        "contract",
    ),
    "URL path": (
        1,
        "error: datapackage.json: resource 'units' points to a URL; only files inside the data folder are read "
        "(such as units.csv)",
        "contract",
    ),
    "link out of the folder": (
        1,
        "error: datapackage.json: the file of resource 'units' leaves the data folder (a link?); keep the tables "
        "inside it",
        "contract",
    ),
    "dropped resource": (
        1,
        "error: datapackage.json: table 'units' is missing; cchc_data needs it (like the project's data/)",
        "contract",
    ),
    "resource without schema": (2, "datapackage.json: resource 'units' has no schema with named fields", "unreadable"),
    "field type changed": (
        1,
        "error: datapackage.json [value]: field 'value' of table 'indicators' is declared 'string'; "
        "cchc_data needs 'number'",
        "contract",
    ),
    "empty datapackage.json": (
        2,
        "datapackage.json is not valid JSON: Expecting value at line 1, column 1",
        "unreadable",
    ),
    "schema-less datapackage.json": (
        2,
        'datapackage.json lists no resources; it needs a "resources" list like the project\'s data/',
        "unreadable",
    ),
    "invalid JSON": (2, "datapackage.json is not valid JSON: {json_error}", "unreadable"),
    "Latin-1 datapackage.json": (
        2,
        "datapackage.json is not UTF-8 text: invalid continuation byte at byte {package_curated}; save it as UTF-8",
        "unreadable",
    ),
    "unquoted CR in a cell": (
        1,
        "error: indicators.csv:3 [fact_id]: 'second line': constraint error: does not match ^[a-z0-9-]+-\\d{{3}}$",
        "contract",
    ),
    "table is a folder": (1, "error: units.csv: cannot be read: Is a directory", "contract"),
    "foreign key dropped": (
        1,
        "error: datapackage.json: table 'indicators' lacks the foreign key ['province'] -> provinces.['slug']; "
        "cchc_data needs it",
        "contract",
    ),
    "primary key dropped": (
        1,
        "error: datapackage.json: table 'catalog' must have the primary key ['indicator']",
        "contract",
    ),
    "NFD text": (1, "error: catalog.csv:2: text is not in Unicode NFC form; normalise it", "ok"),
    # issue 25: the validator's last gaps
    "alias is another province's name": (
        1,
        "error: provinces.csv:3 [aliases]: ha-giang: alias 'Khánh Hòa' also names khanh-hoa; remove it (a "
        "province's own name always finds that province)",
        "ok",
    ),
    "full-width period": (
        1,
        "error: indicators.csv:2 [period]: '２０１７': constraint error: does not match ^\\d{{4}}(-Q[1-4]|-\\d{{4}})?$"
        f"{OTHER_DIGITS}",
        "contract",
    ),
    "full-width value": (1, f"error: indicators.csv:2 [value]: '４': type error: {NUMBER}{OTHER_DIGITS}", "contract"),
    "Arabic-Indic value": (1, f"error: indicators.csv:2 [value]: '٤': type error: {NUMBER}{OTHER_DIGITS}", "contract"),
    "zero-width note_vi on a flagged fact": (
        1,
        "error: indicators.csv:{contradiction_line} [note_vi]: {contradiction_fact} is flagged 'contradiction': "
        "explain the flag in Vietnamese in note_vi (it holds only invisible characters, such as a zero-width space)",
        "ok",
    ),
    "whole cycle": (
        1,
        "error: catalog.csv:{cycle_line} [whole]: {cycle}: the whole links go round in a circle; a whole cannot "
        "be a part of its own part",
        "ok",
    ),
    "successor cycle": (
        1,
        "error: provinces.csv:3 [successor]: ha-giang -> tuyen-quang -> ha-giang: the successors go round in a "
        "circle; a unit that continued after 2025 is its own successor",
        "ok",
    ),
    "population 0": (
        1,
        "error: provinces.csv:3 [population_2019]: ha-giang: a population of 0 makes per-capita values infinite; "
        "leave it empty if unknown",
        "ok",
    ),
    "duplicate domain order": (
        1,
        "error: domains.csv:3 [order]: {domain1}: order 1 is also the order of line 2; give each domain its own",
        "ok",
    ),
    "1 MB evidence": (
        1,
        "error: indicators.csv:2 [evidence]: 1,000,002 characters; quote at most 15 words (a citation of at most "
        "250 characters, not a page)",
        "ok",
    ),
    "repeated fact": (
        0,
        "warning: indicators.csv:{indicators_end} [indicator]: {source0}-999 repeats the fact of line 2 (same "
        "indicator, province, period, kind, breakdown, source_id); keep one row per fact, or flag both "
        "'contradiction' if the source prints two values",
        "ok",
    ),
    # issue 25: hostile sizes and patterns
    "catastrophic pattern": (
        1,
        f"error: indicators.csv:2 [fact_id]: '{'a' * 40}!': constraint error: does not match ^(([a-z0-9]+-?)+)+$",
        "contract",
    ),
    "pattern RE2 cannot run": (
        1,
        "error: datapackage.json [unit]: field 'unit' of units.csv: pattern '^(a)\\\\1$' cannot be run in linear "
        "time (invalid escape sequence: \\1); write it without backreferences or lookarounds",
        "contract",
    ),
    "FIFO in place of a table": (
        1,
        "error: units.csv: cannot be read: it is not a regular file (a FIFO, socket or device); put the table "
        "itself there",
        "contract",
    ),
    "datapackage.json nested 100,000 deep": (
        2,
        "datapackage.json is nested too deeply to be a data package descriptor (lists or objects inside each other "
        "thousands of levels deep); a descriptor like the project's data/ is a few levels deep",
        "unreadable",
    ),
    "NUL in a resource path": (
        1,
        "error: datapackage.json: the path of resource 'units' ('units\\x00.csv') contains a NUL byte; give a file "
        "name inside the data folder, such as units.csv",
        "contract",
    ),
    "header with spaces": (
        1,
        "error: indicators.csv:1: header {indicators_header_spaced} differs from the schema's fields "
        "{indicators_header} (missing ['fact_id']; not in the schema [' fact_id '])",
        "contract",
    ),
    "1e308 value": (
        1,
        "error: indicators.csv:2 [evidence]: does not contain the value 1e+308 as printed (numbers in it: 1, 308)",
        "ok",
    ),
    "province with only component values": (0, None, "ok"),
    "CR inside a quoted cell": (0, None, "ok"),
    "formula-like text": (0, None, "ok"),
    "UTF-8 byte-order mark": (0, None, "ok"),
    "CRLF line ends": (0, None, "ok"),
}


#: Valid data whose text a spreadsheet would misread: the downloads must round-trip it (issue 25, item 1).
SPREADSHEET_HAZARDS = ["CR inside a quoted cell", "formula-like text"]


@pytest.fixture(scope="module")
def facts_of_bundled():
    return cd.load_indicators()


def _placeholders(folder: Path) -> dict:
    """Data-dependent parts of the messages, read from the untouched copy."""
    facts, cat, provs = rows(folder, "indicators"), rows(folder, "catalog"), rows(folder, "provinces")
    header = list(cat[0])
    swapped = list(facts[0])
    i, j = swapped.index("value"), swapped.index("qualifier")
    swapped[i], swapped[j] = swapped[j], swapped[i]
    latin1 = (folder / "catalog.csv").read_text(encoding="utf-8").encode("latin-1", "replace")
    try:
        json.loads((folder / "datapackage.json").read_bytes()[:-5])
    except json.JSONDecodeError as exc:
        json_error = f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    return {
        "folder": str(folder),
        "indicators_end": len(facts) + 2,
        "catalog_end": len(cat) + 2,
        "provinces_end": len(provs) + 2,
        "fact0": facts[0]["fact_id"],
        "indicator0": cat[0]["indicator"],
        "slug0": provs[0]["slug"],
        "value0": facts[0]["value"],
        "catalog_header": header,
        "catalog_header_without_unit": [h for h in header if h != "unit"],
        "indicators_header": list(facts[0]),
        "indicators_header_swapped": swapped,
        "catalog_non_ascii": next(n for n, b in enumerate(latin1) if b > 127),
        "package_curated": (folder / "datapackage.json").read_bytes().index(b"Curated") + 5,
        "target_line": first(folder, "indicators", source_id="kh-2022-programme", kind="target") + 2,
        "json_error": json_error,
        "contradiction_line": first(folder, "indicators", flag="contradiction") + 2,
        "contradiction_fact": facts[first(folder, "indicators", flag="contradiction")]["fact_id"],
        "indicators_header_spaced": [" fact_id ", *list(facts[0])[1:]],
        "source0": facts[0]["source_id"],
        "domain1": rows(folder, "domains")[1]["domain"],
        **_cycle(cat),
    }


def _cycle(cat: list[dict]) -> dict:
    """Where the whole cycle of the corpus is reported first, and how it reads (A -> B -> A)."""
    part = next(r for r in cat if r["whole"])
    names = [r["indicator"] for r in cat]
    a, b = sorted([part["indicator"], part["whole"]], key=names.index)
    return {"cycle_line": names.index(a) + 2, "cycle": f"{a} -> {b} -> {a}"}


@pytest.fixture
def corrupted(request, data_copy):
    name = request.param
    values = _placeholders(data_copy)
    CASES[name](data_copy)
    code, issue, load = EXPECTED[name]
    return name, data_copy, code, issue.format(**values) if issue else None, load


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


REVIEW = {
    "province": "khanh-hoa", "indicator": "public_websites", "period": "2018", "kind": "actual", "value": "150",
    "qualifier": "none", "breakdown": "", "source_id": "kh-2019-article", "evidence": "Toàn tỉnh có 150 trang thông tin",
    "flag": "", "note": "", "keep": "yes",
}  # fmt: skip


def _rows(folder):
    with open(folder / "indicators.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write(folder, rows, fields=None):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields or list(rows[0]), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    (folder / "indicators.csv").write_text(out.getvalue(), encoding="utf-8")


def _set(folder, **values):
    rows = _rows(folder)
    rows[1].update(values)
    _write(folder, rows)


def _duplicate_first(folder):
    rows = _rows(folder)
    _write(folder, [*rows, dict(rows[0])])


def _drop_value(folder):
    rows = _rows(folder)
    _write(folder, rows, [c for c in rows[0] if c != "value"])


# (corruption, fragment the message must contain; None: the validator's own words may change, only the refusal)
CORPUS = {
    "text in value": (lambda d: _set(d, value="abc"), "indicators.csv:3 [value]: 'abc': type error"),
    "unknown province": (lambda d: _set(d, province="atlantis"), "indicators.csv:3 [province]: foreign key error"),
    "duplicated fact id": (_duplicate_first, "[fact_id]: primary key error"),
    "missing value column": (_drop_value, "differs from the schema's fields"),
    "empty indicators.csv": (lambda d: (d / "indicators.csv").write_text(""), "indicators.csv"),
    "missing catalog.csv": (lambda d: (d / "catalog.csv").unlink(), "catalog.csv: is missing from"),
    "unclosed quote": (lambda d: (d / "indicators.csv").write_bytes(b'x,y\n"never closed\n'), "not a well-formed CSV"),
    "UTF-16 file": (lambda d: (d / "indicators.csv").write_bytes("tỉnh,Hà".encode("utf-16")), None),
    "Latin-1 file": (lambda d: (d / "indicators.csv").write_bytes("tinh,Hà\n".encode("latin-1")), None),
    "empty datapackage.json": (lambda d: (d / "datapackage.json").write_text("{}"), None),
    "datapackage.json not JSON": (lambda d: (d / "datapackage.json").write_text("{"), None),
    # issue 25, representatives: a cross-row rule the loader accepts, and a table that would block a reader
    "alias is another province's name": (
        CASES["alias is another province's name"],
        "provinces.csv:3 [aliases]: ha-giang: alias 'Khánh Hòa' also names khanh-hoa",
    ),
    "FIFO in place of a table": (
        CASES["FIFO in place of a table"],
        "units.csv: cannot be read: it is not a regular file",
    ),
    "catastrophic pattern": (CASES["catastrophic pattern"], "constraint error: does not match ^(([a-z0-9]+-?)+)+$"),
}


CCHC = str(Path(sys.executable).parent / "cchc")


LOAD = "import sys, cchc_data as cd; cd.load_indicators(data_dir=sys.argv[1])"


def _run_to_the_end(argv, timeout=120):
    """Run a command that must end on its own: a hang fails the test instead of stalling the suite."""
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(argv)} did not end within {timeout} s (it hangs)")


def test_every_case_has_an_expectation():
    assert set(EXPECTED) == set(CASES)


@pytest.mark.parametrize("corrupted", list(CASES), indirect=True)
def test_validate_fast(corrupted, capsys):
    name, folder, code, issue, _ = corrupted
    got, out, err = _run(capsys, "validate", str(folder))
    assert got == code, out + err
    if code == 2:
        assert err == f"cchc validate: error: {issue}\n"
    elif code == 1:
        assert issue in err.splitlines(), err
        assert out.splitlines()[-1].startswith(f"{folder}: INVALID (")
    else:
        assert out.splitlines()[-1].startswith(f"{folder}: valid (0 errors")
        assert issue is None or issue in out.splitlines(), out  # a warning the case must raise


@pytest.mark.parametrize("corrupted", list(CASES), indirect=True)
def test_validate_frictionless_agrees(corrupted, capsys):
    """Same exit code; an error at the same file, line and field (the wording is frictionless's own)."""
    name, folder, code, issue, _ = corrupted
    got, out, err = _run(capsys, "validate", str(folder), "--engine", "frictionless")
    assert got == code, out + err
    if code == 1:
        where = re.match(r"error: ([^:\s]+)(?::(\d+))?(?: \[([^\]]+)\])?: ", issue)
        file, row, field = where[1], int(where[2]) if where[2] else None, where[3]
        report = cd.validate(folder, engine="frictionless")
        places = {(i.file, i.row, i.field) for i in report.errors}
        if row == 1 and field is None:  # a header problem: frictionless names the columns, not the line
            assert any(f == file for f, _, _ in places), report
        else:
            assert (file, row, field) in places, report


@pytest.mark.parametrize("corrupted", list(CASES), indirect=True)
def test_load(corrupted, facts_of_bundled):
    name, folder, code, issue, load = corrupted
    if load == "ok":  # it loads; when validate refuses it, with one DataWarning per data version
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = cd.load_indicators(data_dir=folder)
            cd.load_indicators(data_dir=folder)  # the same version again: no second warning
        assert len(frame) == len(read_raw("indicators", folder))
        said = [str(w.message) for w in caught if issubclass(w.category, cd.DataWarning)]
        if code == 0:
            assert said == []
        else:
            errors = cd.validate(folder).errors
            assert issue in map(str, errors)
            assert said == [
                f"the data in {folder} breaks {len(errors)} validation rules (the first: "
                f"{str(errors[0]).removeprefix('error: ')}); "
                "the tables load as the files say, but `cchc export` and `cchc report` refuse them; run "
                f"`cchc validate {folder}` to see every problem"
            ]
        return
    error = cd.ContractError if load == "contract" else cd.DataError
    with pytest.raises(error) as caught:
        cd.load_indicators(data_dir=folder)
    message = str(caught.value)
    if load == "unreadable":
        assert not isinstance(caught.value, cd.ContractError)
        assert message == issue
    else:
        assert message.startswith(issue.removeprefix("error: ") + f" (data folder {folder}")
        assert message.endswith(f"); run `cchc validate {folder}` to see every problem")


@pytest.mark.parametrize("corrupted", list(CASES), indirect=True)
def test_export(corrupted, capsys, tmp_path):
    name, folder, code, issue, load = corrupted
    out_file = tmp_path / "out.xlsx"
    got, out, err = _run(capsys, "export", str(out_file), "--data-dir", str(folder))
    if load == "ok" and code == 0:
        assert got == 0 and out_file.is_file(), err
        return
    if load == "ok":  # loads, but does not validate: refused as `cchc report` refuses it
        assert got == 1 and not out_file.exists()
        assert issue in err.splitlines(), err
        assert err.splitlines()[-1].startswith(f"cchc export: error: {folder} does not validate ("), err
        assert err.splitlines()[-1].endswith(f"nothing was written; `cchc validate {folder}` lists every problem")
        return
    assert got == (1 if load == "contract" else 2)
    assert err.startswith(f"cchc export: error: {issue.removeprefix('error: ')}"), err
    assert not out_file.exists()


@pytest.mark.parametrize("corrupted", ISSUE_25, indirect=True)
def test_explorer(corrupted):
    """The explorer opens on what loads, showing validate's verdict above its controls; else the loader's error."""
    from cchc_data.explorer import Explorer

    name, folder, code, issue, load = corrupted
    if load != "ok":
        error = cd.ContractError if load == "contract" else cd.DataError
        with pytest.raises(error, match=re.escape(issue.removeprefix("error: "))):
            Explorer(lang="en", data_dir=folder)
        return
    ex = Explorer(lang="en", data_dir=folder)
    assert ex.error == ""
    if code == 0:
        assert ex.data_warning == "" and ex.data_notice.value == ""
    else:
        assert ex.data_warning.startswith(f"the data in {folder} breaks ")
        assert "This data fails validation" in ex.data_notice.value


@pytest.mark.parametrize("corrupted", ISSUE_25, indirect=True)
def test_curate_names_the_validation_error(corrupted, capsys, tmp_path):
    """`cchc curate check --apply` adds nothing to data that does not validate, and says why."""
    name, folder, code, issue, load = corrupted
    review = tmp_path / "review.csv"
    with open(review, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(REVIEW), lineterminator="\n")
        writer.writeheader()
        writer.writerow(REVIEW)
    tables = sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix == ".csv")
    before = {t: (folder / t).read_bytes() for t in tables}
    got, out, err = _run(capsys, "curate", "check", str(review), "--data-dir", str(folder), "--apply")
    if code == 0:
        assert got == 0, out + err
        return
    assert {t: (folder / t).read_bytes() for t in tables} == before
    if code == 2:
        assert (got, err) == (2, f"cchc curate: error: {issue}\n")
        return
    if got == 2:  # curate reads the package's table paths first: a path it cannot use is said as the loader says it
        assert err == f"cchc curate: error: {issue.removeprefix('error: ')}\n", err
        return
    assert got == 1 and "nothing written" in err
    assert f"the data folder {folder} does not validate (" in err, err


@pytest.mark.parametrize("case", SPREADSHEET_HAZARDS)
def test_downloads_round_trip_valid_text_a_spreadsheet_would_misread(case, data_copy, tmp_path):
    from cchc_data._csvfile import read_csv
    from cchc_data.report.pages import write_downloads

    CASES[case](data_copy)
    write_downloads(tmp_path, data_dir=data_copy)
    frame = cd.load_indicators(data_dir=data_copy)
    back = read_csv(tmp_path / "downloads" / "cchc-facts.csv")
    assert len(back) == len(frame)
    assert back["note"].tolist() == frame["note"].fillna("").tolist()


@pytest.mark.parametrize("corrupted", list(CASES), indirect=True)
def test_curate(corrupted, capsys, tmp_path):
    """`cchc curate check --apply` on a corrupted data folder writes nothing and says why, never a traceback."""
    name, folder, code, issue, load = corrupted
    review = tmp_path / "review.csv"
    review.write_text(
        "province,indicator,period,kind,value,qualifier,breakdown,source_id,evidence,flag,note,keep,unit,position\n"
        "khanh-hoa,public_websites,2019,actual,150,none,,kh-2019-article,Toàn tỉnh có 150 trang thông tin,,,yes,"
        "count,10\n",
        encoding="utf-8",
    )
    tables = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}
    got, out, err = _run(capsys, "curate", "check", str(review), "--apply", "--data-dir", str(folder))
    if load == "ok" and code == 0:
        assert got == 0, err
        return
    assert got in (1, 2) and err.strip(), out  # refused, saying why
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert after == tables  # nothing written


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_corrupted_data_is_refused_by_cchc_report(case, data_copy, tmp_path, capsys):
    corrupt, fragment = CORPUS[case]
    corrupt(data_copy)
    out = tmp_path / "reports"
    assert cli.main(["report", "--data-dir", str(data_copy), "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "nothing was run or published" in err or "cannot read the data folder" in err
    if fragment is not None:
        assert fragment in err
    assert not out.exists()


@pytest.mark.parametrize("case", ["FIFO in place of a table", "catastrophic pattern"])
def test_no_entry_point_hangs(case, data_copy, tmp_path):
    CASES[case](data_copy)
    expected = {
        "FIFO in place of a table": "units.csv: cannot be read: it is not a regular file (a FIFO, socket or device)",
        "catastrophic pattern": "constraint error: does not match ^(([a-z0-9]+-?)+)+$",
    }[case]
    for argv in (
        [CCHC, "validate", str(data_copy)],
        [CCHC, "validate", str(data_copy), "--engine", "frictionless"],
        [CCHC, "export", str(tmp_path / "out.xlsx"), "--data-dir", str(data_copy)],
        [sys.executable, "-c", LOAD, str(data_copy)],
    ):
        done = _run_to_the_end(argv)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr or argv[0] == sys.executable
        if argv[0] == CCHC and "frictionless" not in argv:
            assert expected in done.stderr
    assert not (tmp_path / "out.xlsx").exists()
