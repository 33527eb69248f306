"""Tests of ``cchc_data.report._zygote``: kernels forked from a warm process are fresh, isolated, killable kernels."""

import json
import os
import signal
import sys
import time
from pathlib import Path

import nbformat
import pytest

from cchc_data.report import _zygote as zygote
from cchc_data.report._execute import ZYGOTE_ENV, execute_run, local_pool, start_time, stop_pool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the zygote forks (Linux only)")

PROBE = """import json, os, sys
import matplotlib.pyplot as plt
seen_before = 'leak' in globals()
leak = 1
with open('/proc/self/cmdline', 'rb') as f:
    cmdline = f.read().decode()
print('PROBE ' + json.dumps({'pid': os.getpid(), 'ppid': os.getppid(), 'pgid': os.getpgid(0), 'cwd': os.getcwd(),
      'data': os.environ.get('CCHC_DATA_DIR'), 'backend': plt.get_backend(), 'seen_before': seen_before,
      'cmdline': cmdline, 'lang': lang}))
fig, ax = plt.subplots(figsize=(2, 1), dpi=40)
ax.plot([1, 2], [2, 1])
plt.show()"""


def _notebook(path: Path, *cells: str) -> str:
    params = nbformat.v4.new_code_cell("lang = 'en'")
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.cells = [params, *(nbformat.v4.new_code_cell(c) for c in cells)]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return str(path)


def _probe(out: Path) -> dict:
    nb = json.loads(next(out.glob("*.ipynb")).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", ""))
            if text.startswith("PROBE "):
                return json.loads(text[6:])
    raise AssertionError("no PROBE line in the executed notebook")


def _images(out: Path) -> int:
    page = next(out.glob("*.html")).read_text(encoding="utf-8")
    return page.count("jp-RenderedImage jp-OutputArea-output")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def pool(tmp_path):
    marker = tmp_path / ".build-x"
    pool = local_pool(1, lock_fd=-1, marker=str(marker))
    yield pool, marker
    stop_pool(pool)


def _run(pool, tmp_path, notebook, name, **kw):
    pool, marker = pool
    args = (notebook, str(tmp_path / name), {"lang": "vi"}, name, "python3", kw.get("timeout"))
    return pool.submit(execute_run, *args, str(tmp_path / "data"), str(marker)).result(timeout=300)


class TestStart:
    def test_each_run_gets_a_fresh_forked_kernel_with_its_own_environment_and_charts(self, pool, tmp_path):
        nb = _notebook(tmp_path / "nbs" / "probe.ipynb", PROBE)
        first, second = (_run(pool, tmp_path, nb, name) for name in ("one", "two"))
        assert first["status"] == second["status"] == "ok", (first, second)
        one, two = _probe(tmp_path / "one"), _probe(tmp_path / "two")
        assert one["pid"] != two["pid"] and one["ppid"] == two["ppid"]  # siblings: children of one zygote
        assert one["pgid"] == one["pid"]  # a session of its own, as jupyter_client starts kernels
        assert not one["seen_before"] and not two["seen_before"]  # nothing of the first run reached the second
        assert one["cwd"] == str(tmp_path / "nbs") and one["data"] == str(tmp_path / "data")
        assert one["backend"] == "module://matplotlib_inline.backend_inline" and one["lang"] == "vi"
        assert "ipykernel" not in one["cmdline"]  # forked, not a new program
        assert _images(tmp_path / "one") == _images(tmp_path / "two") == 1  # the inline backend shows the chart
        listed = {p.name.split("-")[0] for p in (pool[1] / ".workers").iterdir()}
        assert {str(one["pid"]), str(two["pid"]), str(one["ppid"])} <= listed  # a later suite can end them
        assert not _alive(one["pid"]) and not _alive(two["pid"])  # ended and reaped with their runs

    def test_a_runs_cpu_time_includes_its_kernels(self, pool, tmp_path):
        nb = _notebook(
            tmp_path / "busy.ipynb",
            "import time\nt = time.process_time()\nwhile time.process_time() - t < 1.5:\n    pass",
        )
        result = _run(pool, tmp_path, nb, "busy")
        assert result["status"] == "ok" and result["cpu"] >= 1.5

    def test_a_timed_out_cell_fails_the_run_and_its_kernel_is_killed(self, pool, tmp_path):
        nb = _notebook(tmp_path / "slow.ipynb", PROBE, "import time\ntime.sleep(120)")
        start = time.perf_counter()
        result = _run(pool, tmp_path, nb, "slow", timeout=3)
        assert result["status"] == "failed" and "Timeout" in result["error"], result
        assert time.perf_counter() - start < 60
        assert not _alive(_probe(tmp_path / "slow")["pid"])
        assert _run(pool, tmp_path, _notebook(tmp_path / "after.ipynb", PROBE), "after")["status"] == "ok"

    def test_a_kernel_that_dies_fails_the_run_and_the_next_run_gets_a_new_one(self, pool, tmp_path):
        nb = _notebook(tmp_path / "dies.ipynb", PROBE, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
        result = _run(pool, tmp_path, nb, "dies")
        assert result["status"] == "failed" and "DeadKernel" in result["error"], result
        assert _run(pool, tmp_path, _notebook(tmp_path / "next.ipynb", PROBE), "next")["status"] == "ok"

    def test_the_zygote_and_its_kernel_die_with_the_worker(self, tmp_path):
        marker = tmp_path / ".build-x"
        pool = local_pool(1, lock_fd=-1, marker=str(marker))
        nb = _notebook(tmp_path / "sleeps.ipynb", PROBE, "import time\ntime.sleep(120)")
        future = pool.submit(
            execute_run, nb, str(tmp_path / "run"), {"lang": "vi"}, "t", "python3", None, None, str(marker)
        )
        deadline = time.monotonic() + 120
        while (
            len(list((marker / ".workers").glob("*-*"))) < 3 and time.monotonic() < deadline
        ):  # worker, zygote, kernel
            time.sleep(0.2)
        listed = [int(p.name.split("-")[0]) for p in (marker / ".workers").glob("*-*")]
        assert len(listed) == 3
        stop_pool(pool)  # SIGTERM to the worker: no goodbye to the zygote
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in listed) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(pid) for pid in listed)
        assert future.cancelled() or future.done()

    def test_turned_off_kernels_start_as_new_programs(self, tmp_path, monkeypatch):
        monkeypatch.setenv(ZYGOTE_ENV, "0")
        marker = tmp_path / ".build-x"
        pool = local_pool(1, lock_fd=-1, marker=str(marker))
        try:
            result = _run((pool, marker), tmp_path, _notebook(tmp_path / "p.ipynb", PROBE), "plain")
        finally:
            stop_pool(pool)
        assert result["status"] == "ok" and "ipykernel_launcher" in _probe(tmp_path / "plain")["cmdline"]

    def test_off_linux_or_in_the_runner_there_is_no_zygote(self, monkeypatch):
        assert zygote.current() is None  # this process never started one
        monkeypatch.setattr(sys, "platform", "darwin")
        assert zygote.start() is None

    def test_the_runners_imports_and_settings_do_not_reach_the_kernels(self, tmp_path):
        import matplotlib.pyplot as plt

        plt.switch_backend("agg")  # the runner's matplotlib is loaded, on another backend, with a changed setting
        with plt.rc_context({"lines.linewidth": 7.5}):
            marker = tmp_path / ".build-x"
            pool = local_pool(1, lock_fd=-1, marker=str(marker))
            try:
                nb = _notebook(tmp_path / "rc.ipynb", PROBE, "print('WIDTH', plt.rcParams['lines.linewidth'])")
                result = _run((pool, marker), tmp_path, nb, "rc")
            finally:
                stop_pool(pool)
        assert result["status"] == "ok" and _probe(tmp_path / "rc")["backend"].endswith("backend_inline")
        page = (tmp_path / "rc" / "rc.html").read_text(encoding="utf-8")
        assert "WIDTH 1.5" in page and _images(tmp_path / "rc") == 1


class TestCurrent:
    def test_a_dead_zygote_is_not_current(self):
        import multiprocessing

        def child(queue):
            z = zygote.start()
            first = zygote.current() is z
            os.kill(z.pid, signal.SIGKILL)
            time.sleep(0.5)
            queue.put((first, zygote.current() is None))

        ctx = multiprocessing.get_context("fork")
        queue = ctx.Queue()
        proc = ctx.Process(target=child, args=(queue,))
        proc.start()
        assert queue.get(timeout=60) == (True, True)
        proc.join(10)


class TestZygote:
    def test_a_kernel_command_of_another_program_is_not_forked(self):
        python = sys.executable
        assert zygote._forkable([python, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "c.json"])
        assert not zygote._forkable(["/usr/bin/other-python", "-m", "ipykernel_launcher", "-f", "c.json"])
        assert not zygote._forkable([python, "-m", "other_kernel", "-f", "c.json"])
        assert not zygote._forkable([python, "-c", "pass", "-m", "ipykernel_launcher"])

    def test_start_time_of_a_listed_process_matches_its_record(self, pool, tmp_path):
        _run(pool, tmp_path, _notebook(tmp_path / "p.ipynb", PROBE), "p")
        zygote_pid = _probe(tmp_path / "p")["ppid"]
        assert (pool[1] / ".workers" / f"{zygote_pid}-{start_time(zygote_pid)}").exists()
