"""The runner refuses invalid data, reuses unchanged runs, re-executes exactly what a change touches,
and never lets ``--only`` replace a fuller ``latest``.

Fixture notebooks (tests/report_helpers.py) stand in for the real ones; the data is a copy of the bundled
data, so a test can change one province's facts.
"""

import csv
import hashlib
import io
from pathlib import Path

import pytest
from report_helpers import manifest, write_notebook, write_suite

from cchc_data import cli
from cchc_data.report import DataInvalid, default_runs, run_suite


def _rows(folder: Path) -> list[dict]:
    with open(folder / "indicators.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write(folder: Path, rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / "indicators.csv").write_text(out.getvalue(), encoding="utf-8")


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _percent_150(data_copy: Path) -> int:
    """Make one unflagged percentage 150 (a validation error); return its CSV line."""
    rows = _rows(data_copy)
    i = next(n for n, r in enumerate(rows) if r["evidence"].endswith("%") and not r["flag"] and r["kind"] == "actual")
    rows[i].update(value="150", evidence="tỷ lệ đạt 150%")
    _write(data_copy, rows)
    return i + 2


# --------------------------------------------------------------------------------------------------
# Bad data: nothing runs, nothing is published


def test_invalid_data_is_refused_before_anything_runs(tmp_path, data_copy, capsys):
    notebooks = write_suite(tmp_path / "notebooks")
    line = _percent_150(data_copy)
    out = tmp_path / "reports"
    with pytest.raises(DataInvalid, match="does not validate") as info:
        run_suite(default_runs(notebooks, data_dir=data_copy), output_root=out, data_dir=data_copy, progress=False)
    assert any(e.row == line and "150 % is outside 0-100" in e.message for e in info.value.report.errors)
    assert not out.exists()  # not even the output folder

    argv = ["report", "--notebooks", str(notebooks), "--output", str(out), "--data-dir", str(data_copy)]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert f"error: indicators.csv:{line} [value]: 150 % is outside 0-100" in err
    assert "does not validate (" in err and "nothing was run or published" in err and "Traceback" not in err
    assert err.count("150 % is outside 0-100") == 2  # in the list of problems, and as the first one in the verdict
    assert not out.exists() and not (tmp_path / "figures").exists()


def test_garbage_indicators_give_a_message_not_a_traceback(tmp_path, data_copy, capsys):
    notebooks = write_suite(tmp_path / "notebooks")
    (data_copy / "indicators.csv").write_bytes(b'garbage,\x00,\n"never closed\n')
    argv = [
        "report",
        "--notebooks",
        str(notebooks),
        "--output",
        str(tmp_path / "reports"),
        "--data-dir",
        str(data_copy),
    ]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert "error: indicators.csv:" in err and "not a well-formed CSV file" in err
    assert "cchc report: error:" in err and "Traceback" not in err
    assert not (tmp_path / "reports").exists()


# --------------------------------------------------------------------------------------------------
# Rebuild only what changed


@pytest.mark.slow
def test_unchanged_runs_are_reused_and_a_province_change_reruns_only_its_runs(tmp_path, data_copy):
    notebooks = write_suite(tmp_path / "project" / "notebooks")
    out, figures = tmp_path / "reports", tmp_path / "figures"

    def suite(**kw):
        runs = default_runs(notebooks, langs="vi", data_dir=data_copy)
        return run_suite(runs, output_root=out, figures_root=figures, data_dir=data_copy, jobs=2, progress=False, **kw)

    first = suite()
    assert [r.cache for r in first.results] == ["executed"] * len(first.results)
    labels = [r.run.label for r in first.results]
    assert "03_targets province=khanh-hoa lang=vi" in labels

    second = suite()
    assert second.latest and second.path != first.path
    assert [r.cache for r in second.results] == ["reused"] * len(labels)
    m1, m2 = manifest(first.path), manifest(second.path)
    assert [r["cache"]["key"] for r in m1["runs"]] == [r["cache"]["key"] for r in m2["runs"]]
    assert [r["cache"]["status"] for r in m2["runs"]] == ["reused"] * len(labels)
    assert (m2["executed"], m2["reused"]) == (0, len(labels))
    for r in first.results:  # byte-identical pages, notebooks and figures
        assert _tree(second.path / r.run.folder) == _tree(first.path / r.run.folder)
    assert m2["validation"] == {**m1["validation"], "ok": True, "errors": 0}

    rows = _rows(data_copy)  # one Hà Giang fact changes
    i = next(n for n, r in enumerate(rows) if r["province"] == "ha-giang")
    rows[i]["note"] = (rows[i]["note"] + " (re-checked)").strip()
    _write(data_copy, rows)
    third = suite()
    executed = sorted(r.run.label for r in third.results if r.cache == "executed")
    assert executed == [
        "01_province_profile province=ha-giang lang=vi",
        "02_comparison provinces=all concepts=all lang=vi",
        "04_data_audit lang=vi",
        "05_national_indices lang=vi",
    ]
    assert manifest(third.path)["data_checksum"] != m1["data_checksum"]

    write_notebook(notebooks / "03_targets.ipynb", {"province": "x", "lang": "vi", "extra": 1})  # the notebook changes
    fourth = suite()
    assert [r.run.label for r in fourth.results if r.cache == "executed"] == ["03_targets province=khanh-hoa lang=vi"]

    forced = suite(force=True)
    assert {r.cache for r in forced.results} == {"executed"}


@pytest.mark.slow
def test_only_publishes_beside_a_fuller_latest(tmp_path, data_copy, capsys):
    notebooks = write_suite(tmp_path / "project" / "notebooks")
    out = tmp_path / "reports"
    base = ["report", "--notebooks", str(notebooks), "--output", str(out), "--data-dir", str(data_copy), "--lang", "vi"]
    assert cli.main(base) == 0
    full = (out / "latest").resolve()
    before = _tree(full)
    capsys.readouterr()

    assert cli.main([*base, "--only", "04_*", "--force"]) == 0
    said = capsys.readouterr().out
    (partial,) = out.glob("partial-*")
    assert f"published {partial} beside the fuller" in said
    assert (out / "latest").resolve() == full and _tree(full) == before
    assert [r["label"] for r in manifest(partial)["runs"]] == ["04_data_audit lang=vi"]
    assert (tmp_path / "project" / "figures" / "04_data_audit" / "lang=vi" / "chart_vi.png").is_file()
