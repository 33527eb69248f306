"""The report part of the corruption corpus (issue 13): `cchc report` on a corrupted copy of the data runs
nothing, writes nothing, exits 1 and says what is wrong, never with a traceback."""

import csv
import io
import sys
from pathlib import Path

import pytest

from cchc_data import cli

sys.path.insert(0, str(Path(__file__).parent))
from corruptions import CASES  # noqa: E402


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
