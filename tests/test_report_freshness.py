"""The cache never publishes a page that is not what the data and code say now (issue 25, item 1).

A page is reused only when everything it depends on is the same: the data the kernel read (one snapshot per
suite), the kernel's interpreter and its installed distributions, the kernelspec, and the environment
variables that change output. Downloads are keyed the same way.
"""

import csv
import json
import threading
import time
from pathlib import Path

import nbformat
import pytest
from report_helpers import manifest

from cchc_data.report import Run, run_suite


def _reader_notebook(path: Path, *, sleep: float = 0) -> Path:
    """A 04_data_audit stand-in that prints the first fact's note, read from the data the kernel is given."""
    params = nbformat.v4.new_code_cell("lang = 'vi'\nfigures_dir = '.'")
    params.metadata["tags"] = ["parameters"]
    read = (
        f"import csv, time\ntime.sleep({sleep})\nfrom cchc_data import data_dir\n"
        "with open(data_dir() / 'indicators.csv', encoding='utf-8', newline='') as f:\n"
        "    first = next(csv.DictReader(f))\n"
        "print('NOTE<' + first['note'] + '>')"
    )
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.cells = [params, nbformat.v4.new_code_cell(read)]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def _set_first_note(data: Path, note: str) -> None:
    with open(data / "indicators.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["note"] = note
    with open(data / "indicators.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _page(result) -> str:
    (r,) = result.results
    return (result.path / r.run.folder / "04_data_audit.html").read_text(encoding="utf-8")


def test_data_edited_while_a_suite_runs_then_reverted_never_leaves_a_stale_page(tmp_path, data_copy):
    notebook = _reader_notebook(tmp_path / "notebooks" / "04_data_audit.ipynb", sleep=3)
    out = tmp_path / "reports"
    _set_first_note(data_copy, "ORIGINAL")

    def suite():
        return run_suite([Run(notebook, {"lang": "vi"})], output_root=out, data_dir=data_copy, jobs=1, progress=False,
                         figures_root=tmp_path / "figures")  # fmt: skip

    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("result", suite()))
    thread.start()
    deadline = time.monotonic() + 60
    while not list(out.glob(".build-*/.workers")) and time.monotonic() < deadline:
        time.sleep(0.05)  # the workers start once the suite has read what it depends on
    assert list(out.glob(".build-*/.workers")), "the suite never started its workers"
    _set_first_note(data_copy, "EDITED")  # while the kernel sleeps, before it reads
    thread.join(120)
    first = box["result"]
    assert "NOTE&lt;ORIGINAL&gt;" in _page(first)  # the kernel read the suite's snapshot, not the edited folder
    assert (first.path / "data" / "indicators.csv").is_file()
    snapshot_note = next(csv.DictReader(open(first.path / "data" / "indicators.csv", encoding="utf-8")))["note"]
    assert snapshot_note == "ORIGINAL"

    second = suite()  # the data says EDITED now: the page must say so
    assert second.results[0].cache == "executed"
    assert "NOTE&lt;EDITED&gt;" in _page(second)

    _set_first_note(data_copy, "ORIGINAL")  # reverted: reusing the first suite's page is right
    third = suite()
    assert "NOTE&lt;ORIGINAL&gt;" in _page(third)
    assert manifest(third.path)["data_checksum"] == manifest(first.path)["data_checksum"]
    assert manifest(second.path)["data_checksum"] != manifest(first.path)["data_checksum"]


# --------------------------------------------------------------------------------------------------
# What the kernel runs


def _kernelspec(root: Path, *, argv0: str, env: dict | None = None) -> Path:
    """A kernelspec named python3 under ``root`` (a JUPYTER_PATH entry)."""
    import sys

    spec = {
        "argv": [argv0, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (test)",
        "language": "python",
    }
    if env:
        spec["env"] = env
    folder = root / "kernels" / "python3"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    assert Path(sys.executable).is_file()
    return folder


def _fake_distribution(site: Path, version: str) -> None:
    for old in site.glob("cchc_fake_dependency-*.dist-info"):
        for f in old.iterdir():
            f.unlink()
        old.rmdir()
    info = site / f"cchc_fake_dependency-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: cchc-fake-dependency\nVersion: {version}\n", encoding="utf-8"
    )


@pytest.fixture
def one_run(tmp_path, data_copy):
    from report_helpers import write_notebook

    notebook = write_notebook(tmp_path / "notebooks" / "04_data_audit.ipynb", {"lang": "vi"})
    out = tmp_path / "reports"

    def suite():
        result = run_suite([Run(notebook, {"lang": "vi"})], output_root=out, data_dir=data_copy, jobs=1,
                           progress=False, figures_root=tmp_path / "figures")  # fmt: skip
        return result.results[0].cache

    return suite


def test_an_upgraded_package_of_the_kernels_interpreter_is_executed_again(tmp_path, one_run, monkeypatch):
    import sys

    site = tmp_path / "site"
    _fake_distribution(site, "1.0")
    _kernelspec(tmp_path / "jupyter", argv0=sys.executable, env={"PYTHONPATH": str(site)})
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    assert one_run() == "executed"
    assert one_run() == "reused"
    _fake_distribution(site, "2.0")  # `pip install -U` in the kernel's environment
    assert one_run() == "executed"


def test_another_kernelspec_or_a_changed_mplconfigdir_is_executed_again(tmp_path, one_run, monkeypatch):
    import sys

    assert one_run() == "executed"
    assert one_run() == "reused"

    wrapper = tmp_path / "bin" / "python"  # a kernelspec pointing at another interpreter
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\nexec {sys.executable} "$@"\n')
    wrapper.chmod(0o755)
    _kernelspec(tmp_path / "jupyter", argv0=str(wrapper))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    assert one_run() == "executed"
    assert one_run() == "reused"

    config = tmp_path / "mplconfig"
    config.mkdir()
    (config / "matplotlibrc").write_text("lines.linewidth: 7\n")
    monkeypatch.setenv("MPLCONFIGDIR", str(config))  # changes every chart
    assert one_run() == "executed"
    assert one_run() == "reused"


def test_downloads_are_rewritten_when_the_code_changes_not_only_the_data(tmp_path, data_copy, monkeypatch):
    from report_helpers import write_notebook

    from cchc_data.report import _cache as cache

    notebook = write_notebook(tmp_path / "notebooks" / "04_data_audit.ipynb", {"lang": "vi"})
    out = tmp_path / "reports"

    def suite():
        return run_suite([Run(notebook, {"lang": "vi"})], output_root=out, data_dir=data_copy, jobs=1,
                         progress=False, figures_root=tmp_path / "figures")  # fmt: skip

    first = suite()
    second = suite()
    name = "downloads/cchc-facts-vi.xlsx"
    assert (first.path / name).stat().st_ino == (second.path / name).stat().st_ino  # same data, same code: shared
    monkeypatch.setattr(cache, "code_checksum", lambda *a, **k: "sha256:" + "0" * 64)  # export.py was fixed
    third = suite()
    assert (third.path / name).stat().st_ino != (second.path / name).stat().st_ino
    assert manifest(third.path)["downloads"]["key"] != manifest(second.path)["downloads"]["key"]


# --------------------------------------------------------------------------------------------------
# CSV downloads: every valid cell round-trips, formula-like text is protected as in the workbooks


def test_csv_downloads_round_trip_a_carriage_return_and_protect_formula_like_cells(tmp_path, data_copy):
    import pandas as pd

    from cchc_data.indicators import load_indicators
    from cchc_data.report.pages import write_downloads

    with open(data_copy / "indicators.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    notes = {0: "first line\rsecond line", 1: '=HYPERLINK("x")', 2: "+7 hồ sơ", 3: "@SUM(A1)", 4: "'already quoted"}
    for i, note in notes.items():
        rows[i]["note"] = note
    with open(data_copy / "indicators.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)

    write_downloads(tmp_path, data_dir=data_copy)
    facts = load_indicators(data_dir=data_copy)
    path = tmp_path / "downloads" / "cchc-facts.csv"
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(raw) == len(facts)  # the carriage return did not split a row
    by_id = raw.set_index("fact_id")["note"]
    assert by_id[rows[0]["fact_id"]] == "first line\rsecond line"
    for i in (1, 2, 3, 4):  # as Excel's quote prefix in the workbooks: a leading apostrophe
        assert by_id[rows[i]["fact_id"]] == "'" + notes[i]
    from cchc_data._csvfile import read_csv

    back = read_csv(path).set_index("fact_id")["note"]
    assert [back[rows[i]["fact_id"]] for i in notes] == list(notes.values())
    negative = raw["value"].str.startswith("'").sum()
    assert negative == 0  # numbers are numbers, never protected
    sources = pd.read_csv(tmp_path / "downloads" / "cchc-sources.csv", dtype=str, encoding="utf-8-sig")
    assert len(sources) == len(pd.read_csv(data_copy / "sources.csv", dtype=str))


# --------------------------------------------------------------------------------------------------
# manifest.json and the index's build details: no machine paths (issue 26, item 2)


def test_manifest_and_build_details_hold_no_machine_path(tmp_path, data_copy):
    import re

    from report_helpers import write_notebook

    notebook = write_notebook(tmp_path / "notebooks" / "04_data_audit.ipynb", {"lang": "vi"})
    result = run_suite([Run(notebook, {"lang": "vi"})], output_root=tmp_path / "reports", data_dir=data_copy,
                       jobs=1, progress=False, figures_root=tmp_path / "figures")  # fmt: skip
    text = (result.path / "manifest.json").read_text(encoding="utf-8")
    assert str(tmp_path) not in text and "/tmp" not in text
    found = manifest(result.path)
    assert found["data_dir"] == "data" and (result.path / found["data_dir"] / "datapackage.json").is_file()
    for run in found["runs"]:
        assert all((result.path / f).is_file() for f in run["files"])  # relative to the suite
    index = (result.path / "index.html").read_text(encoding="utf-8")
    assert str(tmp_path) not in index
    details = re.search(r'<details class="build">.*?</details>', index, re.S).group(0)
    assert "validated: yes, engine: fast, 0 errors" in index or "validated: yes, engine: fast, 0 errors" in details
    assert "hợp lệ: có, bộ kiểm tra: fast, 0 lỗi" in index
    assert "data_dir" not in details and "ok True" not in details
