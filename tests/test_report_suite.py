"""Tests of ``cchc_data.report._suite``: the published suite (lock, ``latest``, pruning, copies, orphaned workers)."""

import fcntl
import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from report_helpers import manifest, write_suite

from cchc_data import cli
from cchc_data.report import (
    SuiteLocked,
    _prune,
    _switch_latest,
    run_suite,
)
from cchc_data.report._execute import SUITE_ENV, start_time
from cchc_data.report._suite import _atomic_copy_tree, end_orphans

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"


CHART = FIXTURES / "chart.ipynb"


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class TestSuiteLock:
    def test_second_suite_is_refused_while_one_runs(self, tmp_path):
        root = tmp_path / "reports"
        root.mkdir()
        with open(root / ".lock", "a+") as held:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what a running suite holds
            with pytest.raises(SuiteLocked, match="another report suite is already running"):
                run_suite([(CHART, {"lang": "vi"})], output_root=root, progress=False)
        assert sorted(p.name for p in root.iterdir()) == [".lock"]  # nothing built, nothing published


class TestSwitchLatest:
    def test_switch_latest_and_prune_keep_the_published_suite(self, tmp_path):
        names = ["20250101T000000Z", "20250102T000000Z", "20250102T000000Z-1", "20250103T000000Z"]
        names += ["failed-20250101T000000Z", "failed-20250104T000000Z"]
        for name in names:
            (tmp_path / name).mkdir()
        _switch_latest(tmp_path, tmp_path / "20250101T000000Z")
        assert os.readlink(tmp_path / "latest") == "20250101T000000Z"
        _prune(tmp_path, 1)
        left = sorted(p.name for p in tmp_path.iterdir())
        assert left == ["20250101T000000Z", "20250103T000000Z", "failed-20250104T000000Z", "latest"]
        _switch_latest(tmp_path, tmp_path / "20250103T000000Z")  # replaces the symlink in place
        assert os.readlink(tmp_path / "latest") == "20250103T000000Z"
        assert not list(tmp_path.glob(".latest-*"))


class TestEndOrphans:
    def test_end_orphans_kills_only_processes_of_dead_suites_of_this_output(self, tmp_path):
        root = tmp_path / "reports"
        env = dict(os.environ)
        procs = {}
        for name, marker in {
            "dead": f"{root}/.build-20250101T000000Z-1",
            "current": f"{root}/.build-20250102T000000Z-2",
            "other-output": f"{tmp_path}/elsewhere/.build-20250101T000000Z-1",
        }.items():
            procs[name] = subprocess.Popen(["sleep", "60"], env={**env, SUITE_ENV: marker})
        procs["dead worker"] = subprocess.Popen(["sleep", "60"])  # a forked worker: listed in its build folder
        time.sleep(0.2)
        workers = root / ".build-20250101T000000Z-1" / ".workers"
        workers.mkdir(parents=True)
        (workers / f"{procs['dead worker'].pid}-{start_time(procs['dead worker'].pid)}").touch()
        (workers / f"{procs['current'].pid}-0").touch()  # a reused pid (another start time): never hit
        try:
            killed = end_orphans(root, current=f"{root}/.build-20250102T000000Z-2")
            assert sorted(killed) == sorted([procs["dead"].pid, procs["dead worker"].pid])
            assert procs["dead"].wait(5) == -signal.SIGKILL and procs["dead worker"].wait(5) == -signal.SIGKILL
            assert procs["current"].poll() is None and procs["other-output"].poll() is None
        finally:
            for p in procs.values():
                p.kill()
                p.wait()


class TestCopyFigures:
    def test_figures_copy_replaces_files_whole_and_drops_old_ones(self, tmp_path):
        src, dest = tmp_path / "src", tmp_path / "dest"
        (src / "sub").mkdir(parents=True)
        (src / "a.png").write_bytes(b"new-a")
        (src / "sub" / "b.svg").write_bytes(b"new-b")
        dest.mkdir()
        (dest / "a.png").write_bytes(b"old-a")
        (dest / "stale.png").write_bytes(b"old")
        _atomic_copy_tree(src, dest)
        assert {p.relative_to(dest).as_posix(): p.read_bytes() for p in dest.rglob("*") if p.is_file()} == {
            "a.png": b"new-a",
            "sub/b.svg": b"new-b",
        }


class TestFullerLatest:
    @pytest.mark.slow
    def test_only_publishes_beside_a_fuller_latest(self, tmp_path, data_copy, capsys):
        notebooks = write_suite(tmp_path / "project" / "notebooks")
        out = tmp_path / "reports"
        base = [
            "report",
            "--notebooks",
            str(notebooks),
            "--output",
            str(out),
            "--data-dir",
            str(data_copy),
            "--lang",
            "vi",
        ]
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
