"""Runner hygiene (issue 13): parameter names checked before any kernel starts, no orphaned workers or
kernels after a SIGKILL, stale build folders removed, figures copied atomically."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from report_helpers import write_notebook, write_suite

from cchc_data.report import Run, run_suite
from cchc_data.report._execute import SUITE_ENV, start_time
from cchc_data.report._suite import _atomic_copy_tree, end_orphans


def _workers(root: Path) -> set[int]:
    """Live workers listed in the build folders of ``root``."""
    pids = set()
    for record in root.glob(".build-*/.workers/*-*"):
        pid, _, started = record.name.partition("-")
        if (
            start_time(int(pid)) == started
            and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        ):
            pids.add(int(pid))
    return pids


def _marked(root: Path) -> dict[int, str]:
    """pid -> command line of every live process carrying a suite marker of ``root``."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            env = (entry / "environ").read_bytes().split(b"\0")
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and any(e.startswith(f"{SUITE_ENV}={root}/".encode()) for e in env):
            found[int(entry.name)] = cmd
    return found


def test_undeclared_parameter_name_is_refused_before_any_kernel(tmp_path):
    nb = write_notebook(tmp_path / "nb.ipynb", {"province": "khanh-hoa", "lang": "vi"})
    out = tmp_path / "reports"
    with pytest.raises(
        ValueError,
        match=r"nb province=x lang=vi provnice=y: nb.ipynb declares no parameter 'provnice'; its parameters: lang, province",
    ):
        run_suite([Run(nb, {"province": "x", "lang": "vi", "provnice": "y"})], output_root=out, progress=False)
    assert not list(out.glob(".build-*")) and not list(out.glob("*T*Z"))  # no build left, nothing published


def test_end_orphans_kills_only_processes_of_dead_suites_of_this_output(tmp_path):
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


def test_figures_copy_replaces_files_whole_and_drops_old_ones(tmp_path):
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


@pytest.mark.slow
def test_sigkills_leave_no_orphans_and_the_last_good_report_intact(tmp_path, data_copy):
    notebooks = write_suite(tmp_path / "project" / "notebooks")
    out = tmp_path / "reports"
    argv = [sys.executable, "-m", "cchc_data", "report", "--notebooks", str(notebooks), "--output", str(out)]
    argv += ["--data-dir", str(data_copy), "--lang", "vi", "--jobs", "2"]
    env = {**os.environ, "MPLBACKEND": "Agg"}
    good = subprocess.run([*argv, "--only", "04_*"], capture_output=True, text=True, env=env, timeout=300)
    assert good.returncode == 0, good.stderr
    last_good = os.readlink(out / "latest")
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / last_good).rglob("*") if p.is_file()}

    write_suite(notebooks, sleep=120)  # slow notebooks: the runs are under way when the runner is killed
    rng = random.Random(13)
    for attempt in range(
        5
    ):  # five kills (the bar): first once the kernels run, then at random moments (validation, start-up, runs)
        runner = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        if attempt == 0:
            deadline = time.monotonic() + 90
            while len([c for c in _marked(out).values() if "ipykernel" in c]) < 2 and time.monotonic() < deadline:
                time.sleep(0.3)
            assert len(_workers(out)) == 2 and len(_marked(out)) >= 2, "the workers and kernels never started"
        else:
            time.sleep(rng.uniform(0.2, 8))
        runner.send_signal(signal.SIGKILL)
        runner.wait()
        deadline = time.monotonic() + 15  # workers die at once (PDEATHSIG); kernels when their parent poller sees it
        while (_marked(out) or _workers(out)) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert _marked(out) == {} and _workers(out) == set(), f"orphans outlived the killed runner (kill {attempt})"
        assert len(list(out.glob(".build-*"))) <= 1  # each run removes the build folders of the dead ones
        assert os.readlink(out / "latest") == last_good
        after = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / last_good).rglob("*") if p.is_file()}
        assert after == before

    write_suite(notebooks)  # quick notebooks again: the next suite runs to the end and cleans up
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not list(out.glob(".build-*")) and os.readlink(out / "latest") != last_good


@pytest.mark.slow
def test_sigterm_of_the_runner_ends_its_kernels_and_removes_the_build(tmp_path, data_copy):
    notebooks = write_suite(tmp_path / "project" / "notebooks", sleep=120)
    out = tmp_path / "reports"
    argv = [sys.executable, "-m", "cchc_data", "report", "--notebooks", str(notebooks), "--output", str(out)]
    argv += ["--data-dir", str(data_copy), "--lang", "vi", "--jobs", "2"]
    runner = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while len([c for c in _marked(out).values() if "ipykernel" in c]) < 2 and time.monotonic() < deadline:
        time.sleep(0.3)
    runner.send_signal(signal.SIGTERM)
    _, err = runner.communicate(timeout=30)
    assert runner.returncode == 130 and "cchc report: interrupted" in err and "Traceback" not in err
    assert _marked(out) == {} and _workers(out) == set()  # gone when the runner exits, not a poll later
    assert not list(out.glob(".build-*")) and not (out / "latest").exists()
