"""Tests of ``cchc_data.report._cache``: a run is reused only when its data, code and kernel environment are unchanged."""

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from report_helpers import manifest, write_notebook, write_suite

from cchc_data.report import Run, default_runs, run_suite


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


class TestRunKey:
    @pytest.mark.slow
    def test_unchanged_runs_are_reused_and_a_province_change_reruns_only_its_runs(self, tmp_path, data_copy):
        notebooks = write_suite(tmp_path / "project" / "notebooks")
        out, figures = tmp_path / "reports", tmp_path / "figures"

        def suite(**kw):
            runs = default_runs(notebooks, langs="vi", data_dir=data_copy)
            return run_suite(
                runs, output_root=out, figures_root=figures, data_dir=data_copy, jobs=2, progress=False, **kw
            )

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

        write_notebook(
            notebooks / "03_targets.ipynb", {"province": "x", "lang": "vi", "extra": 1}
        )  # the notebook changes
        fourth = suite()
        assert [r.run.label for r in fourth.results if r.cache == "executed"] == [
            "03_targets province=khanh-hoa lang=vi"
        ]

        forced = suite(force=True)
        assert {r.cache for r in forced.results} == {"executed"}


class TestEnvironmentChecksum:
    def test_an_upgraded_package_of_the_kernels_interpreter_is_executed_again(self, tmp_path, one_run, monkeypatch):
        import sys

        site = tmp_path / "site"
        _fake_distribution(site, "1.0")
        _kernelspec(tmp_path / "jupyter", argv0=sys.executable, env={"PYTHONPATH": str(site)})
        monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
        assert one_run() == "executed"
        assert one_run() == "reused"
        _fake_distribution(site, "2.0")  # `pip install -U` in the kernel's environment
        assert one_run() == "executed"

    def test_another_kernelspec_or_a_changed_mplconfigdir_is_executed_again(self, tmp_path, one_run, monkeypatch):
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


class TestDownloadsKey:
    def test_downloads_are_rewritten_when_the_code_changes_not_only_the_data(self, tmp_path, data_copy, monkeypatch):
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
