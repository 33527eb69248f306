"""``python -m benchmarks [--quick] [--skip-suite]``: speed and memory figures against their goals.

Prints a table and writes the same figures to ``benchmarks/results/latest.json``, with the charts of
the national-scale comparison (34 and 63 provinces) beside it. Every timing is measured in fresh
processes and reported as the median of several runs (see ``REPEATS``). See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .synthetic import write_synthetic

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
BIN = Path(sys.executable).parent  # the venv's bin/: papermill, python
PY = sys.executable
CONCEPT = "concept_002"  # a count concept with one indicator: one row per province in the chart
REPEATS = {
    "floor": 5,
    "suite": 3,
    "load": 7,
    "warm calls": 50,
    "national": 3,
    "cache": 5,
    "national suite provinces": 3,
}
FLOORS_BESIDE_SUITE = 3
"""papermill floors run just before each suite; its overhead is against their median."""
QUICK = {"floor": 3, "suite": 1, "load": 3, "warm calls": 20, "national": 1, "cache": 3, "national suite provinces": 1}

FLOOR_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "imports", "metadata": {}, "outputs": [],
               "source": "import pandas\nimport matplotlib.pyplot"}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}  # fmt: skip
SUITE = """import json, shutil, sys, time
from cchc_data.report import default_runs, run_suite
r = run_suite(default_runs(sys.argv[1]), output_root=sys.argv[2], figures_root=sys.argv[3], progress=False, keep=1)
pdf_s = None
if shutil.which("chromium"):  # what --pdf adds: every page printed on A4
    from cchc_data.report.pdf import write_pdfs
    start = time.perf_counter()
    write_pdfs(r.path)
    pdf_s = time.perf_counter() - start
runs = [[x.run.label, round(x.duration, 2), round(x.cpu, 2)] for x in r.results]
print(json.dumps({"runs": len(r.results), "jobs": r.jobs, "pdf_s": pdf_s, "per_run": runs}))"""
WARM = """import json, sys, time
import cchc_data as cd
cd.load_indicators()
times = []
for _ in range(int(sys.argv[1])):
    t = time.perf_counter()
    cd.load_indicators()
    times.append(time.perf_counter() - t)
print(json.dumps(times))"""


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "CCHC_DATA_DIR"}  # the bundled data
    env["MPLBACKEND"] = "Agg"
    return env


def _run(cmd, *, env=None, **kw) -> tuple[float, str]:
    """Run ``cmd`` to completion; return its wall time in seconds and its stdout."""
    start = time.perf_counter()
    env = {**_env(), **(env or {})}
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, cwd=ROOT, **kw)
    wall = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return wall, proc.stdout


def _cpu_children() -> float:
    """CPU seconds (user + system) of this process's children that have ended, and of their children."""
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def figure(key, label, samples, unit, goal=None, limit=None, *, at_most=True) -> dict:
    """A figure: the median of ``samples``, and whether it meets ``limit`` (``goal`` is its wording)."""
    value = statistics.median(samples)
    ok = None if limit is None else (value <= limit if at_most else value < limit)
    return {"key": key, "label": label, "value": value, "unit": unit, "goal": goal, "ok": ok,
            "runs": len(samples), "samples": samples}  # fmt: skip


def _floor_sample(tmp: Path) -> tuple[float, float]:
    """One run of the papermill CLI on the one-cell floor notebook: (wall, CPU of papermill and its kernel)."""
    nb = tmp / "floor.ipynb"
    if not nb.exists():
        nb.write_text(json.dumps(FLOOR_NOTEBOOK), encoding="utf-8")
    cmd = [BIN / "papermill", nb, tmp / "floor-out.ipynb", "--kernel", "python3", "--no-progress-bar"]
    cpu = _cpu_children()
    wall = _run(cmd)[0]
    return wall, _cpu_children() - cpu


def bench_floor(n: int, tmp: Path) -> dict:
    samples, cpus = [], []
    for i in range(n):
        wall, cpu = _floor_sample(tmp)
        samples.append(wall)
        cpus.append(cpu)
        _say(f"floor {i + 1}/{n}: {samples[-1]:.2f} s ({cpus[-1]:.2f} s CPU)")
    return [
        figure("floor_s", "papermill CLI, notebook importing pandas + pyplot", samples, "s", "reference"),
        figure("floor_cpu_s", "  the same, CPU time (papermill and its kernel)", cpus, "s", "reference"),
    ]


def bench_suite(n: int, tmp: Path, floor_s: float, floor_cpu_s: float) -> list[dict]:
    walls, cpus, run_cpus, pdf_shares, info, floors = [], [], [], [], {}, []
    for i in range(n):
        # The machine's speed drifts (a shared host): each suite is compared with floors taken just before it.
        beside = [_floor_sample(tmp)[0] for _ in range(FLOORS_BESIDE_SUITE)]
        floors.append(statistics.median(beside))
        out = tmp / f"suite-{i}"
        cpu = _cpu_children()
        wall, stdout = _run([PY, "-c", SUITE, ROOT / "notebooks", out / "reports", out / "figures"])
        cpus.append(_cpu_children() - cpu)  # with the PDFs' Chromium, when it runs
        info = json.loads(stdout)
        run_cpus.append(sum(r[2] for r in info["per_run"]))  # the runs' own CPU time (workers, kernels), no PDFs
        for label, run_wall, run_cpu in info["per_run"]:
            _say(f"  {label:<40} {run_wall:6.1f} s wall {run_cpu:6.1f} s CPU")
        pdf_s = info["pdf_s"] or 0.0
        walls.append(wall - pdf_s)  # the suite without --pdf
        if info["pdf_s"] is not None:
            pdf_shares.append(pdf_s / walls[-1])
        _say(
            f"suite {i + 1}/{n}: {walls[-1]:.1f} s ({info['runs']} runs, {info['jobs']} jobs), PDFs {pdf_s:.1f} s; "
            f"floor just before: {', '.join(f'{f:.2f}' for f in beside)} s"
        )
    ratios = [w * info["jobs"] / (info["runs"] * f) for w, f in zip(walls, floors, strict=True)]
    out = [
        figure("suite_s", f"default report suite ({info['runs']} runs, {info['jobs']} jobs)", walls, "s"),
        figure("suite_floor_s", "  floor taken just before each suite (median of its runs)", floors, "s"),
        figure("suite_overhead", "suite wall × jobs ÷ (runs × that floor)", ratios, "×", "≤ 1.3", 1.3),
        figure("suite_cpu_s", "  suite CPU time (runner, workers, kernels, PDFs)", cpus, "s"),
        figure("suite_run_cpu_s", "  the runs' CPU time (workers and kernels)", run_cpus, "s"),
        figure(
            "suite_cpu_overhead",
            "  runs' CPU ÷ (runs × floor CPU)",
            [c / (info["runs"] * floor_cpu_s) for c in run_cpus],
            "×",
        ),
    ]
    if pdf_shares:  # without Chromium the PDFs are not measured
        out.append(figure("suite_pdf_share", "--pdf: printing every page ÷ suite wall", pdf_shares, "×", "≤ 0.3", 0.3))
    return out


def bench_load(n: int, calls: int) -> list[dict]:
    pandas, cchc = [], []
    for i in range(n):  # interleaved, so that a noisy moment hits both
        pandas.append(_run([PY, "-c", "import pandas"])[0])
        cchc.append(_run([PY, "-c", "import cchc_data; cchc_data.load_indicators()"])[0])
        _say(f"load {i + 1}/{n}: pandas {pandas[-1]:.2f} s, cchc_data + load {cchc[-1]:.2f} s")
    warm = json.loads(_run([PY, "-c", WARM, calls])[1])
    ratios = [c / p for c, p in zip(cchc, pandas, strict=True)]
    return [
        figure("import_pandas_s", "fresh process: import pandas", pandas, "s"),
        figure("import_load_s", "fresh process: import cchc_data + load_indicators()", cchc, "s"),
        figure("load_ratio", "(import cchc_data + load) ÷ import pandas", ratios, "×", "≤ 1.2", 1.2),
        figure("warm_load_ms", "warm load_indicators()", [w * 1000 for w in warm], "ms", "< 20 ms", 20, at_most=False),
    ]


def _national(folder: Path, save: Path | None = None) -> dict:
    """One run of :mod:`benchmarks.national` in a fresh process."""
    return json.loads(_run([PY, "-m", "benchmarks.national", folder, CONCEPT, *(["--save", save] if save else [])])[1])


def bench_national(n: int, tmp: Path) -> list[dict]:
    start = time.perf_counter()
    folder = write_synthetic(tmp / "synthetic-34")
    _say(f"synthetic package (34 provinces × 10 years × 300 indicators) written in {time.perf_counter() - start:.1f} s")
    runs = []
    for i in range(n):
        runs.append(_national(folder, RESULTS / "compare_34.png" if i == 0 else None))
        r = runs[-1]
        _say(f"national {i + 1}/{n}: validate {r['validate_s']:.2f} s, load {r['load_s']:.2f} s, "
             f"chart {r['chart_s']:.2f} s, peak {r['peak_rss_mb']:.0f} MB")  # fmt: skip
    # only for its chart: does the comparison stay readable with all 63 pre-2025 provinces?
    _national(write_synthetic(tmp / "synthetic-63", provinces=63, years=3, indicators=30), RESULTS / "compare_63.png")

    def col(key):
        return [r[key] for r in runs]

    first = runs[0]
    return [
        figure("national_validate_s", f"validate ({first['facts']:,} facts, {first['warnings']:,} warnings)", col("validate_s"), "s"),
        figure("national_load_s", "load_indicators() after validate", col("load_s"), "s"),
        figure("national_validate_load_s", "validate + load", [r["validate_s"] + r["load_s"] for r in runs], "s", "< 2 s", 2, at_most=False),
        figure("national_validate_load_cpu_s", "validate + load, CPU time of the process",
               [r["validate_cpu_s"] + r["load_cpu_s"] for r in runs], "s"),
        figure("national_compare_s", f"analysis.compare('{CONCEPT}')", col("compare_s"), "s"),
        figure("national_coverage_s", "analysis.coverage()", col("coverage_s"), "s"),
        figure("national_chart_s", f"compare_chart, {first['chart_rows']} rows, PNG in memory", col("chart_s"), "s"),
        figure("national_analysis_chart_s", "compare + coverage + chart",
               [r["compare_s"] + r["coverage_s"] + r["chart_s"] for r in runs], "s", "< 2 s", 2, at_most=False),
        figure("national_analysis_chart_cpu_s", "compare + coverage + chart, CPU time",
               [r["compare_cpu_s"] + r["coverage_cpu_s"] + r["chart_cpu_s"] for r in runs], "s"),
        figure("national_peak_rss_mb", "peak RSS of that process (ru_maxrss)", col("peak_rss_mb"), "MB", "< 500 MB", 500, at_most=False),
    ]  # fmt: skip


def bench_validate(tmp: Path) -> list[dict]:
    """``cchc validate`` at hostile sizes (``benchmarks/validate.py``), once each in a fresh process."""
    from .validate import GOALS, repeat_facts, write_national

    start = time.perf_counter()
    big = write_synthetic(tmp / "synthetic-1m", provinces=63, years=22, indicators=600)
    repeated = shutil.copytree(big, tmp / "synthetic-1m-repeated")
    repeat_facts(repeated)
    national = write_national(tmp / "national-60k")
    _say(f"validation packages written in {time.perf_counter() - start:.1f} s")
    out = []
    for key, folder in (("validate_1m", big), ("validate_1m_repeated", repeated), ("validate_national_60k", national)):
        r = json.loads(_run([PY, "-m", "benchmarks.validate", folder])[1])
        label, seconds, megabytes = GOALS[key]
        rows = r["rows"]["national_indices" if "national" in key else "indicators"]
        _say(f"{label}: {r['validate_s']:.1f} s, peak {r['peak_rss_mb']:.0f} MB, {r['errors']} errors")
        out.append(figure(f"{key}_s", f"{label} ({rows:,} rows, {r['errors']} errors)", [r["validate_s"]], "s",
                          f"≤ {seconds:g} s", seconds))  # fmt: skip
        out.append(figure(f"{key}_cpu_s", "  CPU time of that process", [r["validate_cpu_s"]], "s"))
        if megabytes is not None:
            out.append(figure(f"{key}_peak_rss_mb", "  peak RSS of that process", [r["peak_rss_mb"]], "MB",
                              f"≤ {megabytes / 1024:g} GiB", megabytes))  # fmt: skip
    return out


def bench_report_cache(n: int, tmp: Path) -> list[dict]:
    """`cchc report` as `make report` runs it, on a copy of the bundled data: a first full run, ``n`` unchanged
    re-runs, then one after changing one Hà Giang fact (which runs execute?)."""
    import csv
    import io
    import shutil

    import cchc_data as cd

    data = tmp / "cache-data"
    shutil.copytree(cd.data_dir(), data)
    out = tmp / "cache-reports"
    cmd = [BIN / "cchc", "report", "--output", out / "reports", "--figures", out / "figures"]
    env = {"CCHC_DATA_DIR": str(data)}

    def latest() -> dict:
        return json.loads((out / "reports" / "latest" / "manifest.json").read_text(encoding="utf-8"))

    first, _ = _run(cmd, env=env)
    runs = len(latest()["runs"])
    _say(f"report cache: first run {first:.1f} s ({runs} runs executed)")
    again, cpu = [], []
    for i in range(n):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        again.append(_run(cmd, env=env)[0])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        m = latest()
        _say(
            f"report cache: unchanged re-run {i + 1}/{n}: {again[-1]:.2f} s, {m['executed']} executed, {m['reused']} reused"
        )
        if m["executed"]:
            raise SystemExit(f"an unchanged re-run executed {m['executed']} runs")
    with open(data / "indicators.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    row = next(r for r in rows if r["province"] == "ha-giang")
    row["note"] = (row["note"] + " (re-checked)").strip()
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (data / "indicators.csv").write_text(text.getvalue(), encoding="utf-8")
    changed, _ = _run(cmd, env=env)
    executed = [r for r in latest()["runs"] if r["cache"]["status"] == "executed"]
    expected = all(r["data_scope"] in (None, "ha-giang") for r in executed) and {
        r["label"] for r in latest()["runs"] if r["data_scope"] in (None, "ha-giang")
    } == {r["label"] for r in executed}
    _say(
        f"report cache: after one Hà Giang change {changed:.1f} s, executed: {', '.join(r['label'] for r in executed)}"
    )
    return [
        figure("report_first_s", f"cchc report, first run ({runs} runs executed)", [first], "s"),
        figure("report_unchanged_s", f"cchc report, unchanged re-run ({runs} runs reused)", again, "s", "< 2 s", 2, at_most=False),
        figure("report_unchanged_cpu_s", "  CPU time of that process", cpu, "s"),
        {**figure("report_hg_change_runs", "runs executed after one Hà Giang fact changes", [len(executed)], "runs",
                  "Hà Giang + cross-province only"), "ok": expected},
    ]  # fmt: skip


def bench_national_suite(provinces: int, tmp: Path, floor_s: float) -> list[dict]:
    """The national suite (benchmarks.report_suite) on the local pool and on a two-worker Dask LocalCluster."""
    folder = write_synthetic(tmp / "suite-synthetic-34", provinces=34, years=2, indicators=30)
    figures = []
    for executor in ("local", "dask"):
        cmd = [PY, "-m", "benchmarks.report_suite", folder, tmp / f"national-{executor}", "--executor", executor]
        try:
            _, stdout = _run([*cmd, "--provinces", provinces])
            r = json.loads(stdout)
            if not r["ok"]:
                raise SystemExit(f"the national suite failed on {executor}")
        except SystemExit as exc:  # a failed suite is a failed figure: the report figures above are still printed
            _say(str(exc).strip().splitlines()[-1])
            label = f"national suite on {executor}: FAILED (see stderr)"
            figures.append({**figure(f"national_suite_{executor}_s", label, [float("nan")], "s"), "ok": False})
            continue
        ratio = r["wall_s"] * r["workers"] / (r["runs"] * floor_s)
        _say(f"national suite on {executor}: {r['runs']} runs, {r['wall_s']:.1f} s, overhead {ratio:.2f}×"
             + (f", cluster start {r['cluster_start_s']:.1f} s" if executor == "dask" else ""))  # fmt: skip
        name = "local pool, 2 jobs" if executor == "local" else "Dask LocalCluster, 2 workers"
        figures += [
            figure(f"national_suite_{executor}_s", f"national suite ({r['runs']} runs), {name}", [r["wall_s"]], "s"),
            figure(f"national_suite_{executor}_overhead", f"  wall × 2 ÷ (runs × floor), {name}", [ratio], "×"),
        ]
        if executor == "dask":
            figures.append(figure("national_suite_dask_start_s", "  Dask LocalCluster start-up (not in the wall time)", [r["cluster_start_s"]], "s"))  # fmt: skip
    return figures


def _machine() -> dict:
    mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    pandas = importlib.util.find_spec("pandas")  # installed with its bytecode, or compiled at every import?
    return {"cores": os.cpu_count(), "memory_gib": round(int(mem.split()[1]) / 1024**2, 1),
            "python": platform.python_version(), "platform": platform.platform(),
            "bytecode": Path(pandas.cached).is_file(), "PYTHONDONTWRITEBYTECODE": bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))}  # fmt: skip


def _value(f: dict) -> str:
    v = f["value"]
    if f["unit"] == "runs":
        return f"{v:.0f} runs"
    return f"{v:.2f} {f['unit']}" if f["unit"] != "×" else f"{v:.2f}×"


def table(figures: list[dict]) -> str:
    rows = [("figure", "median", "runs", "goal", "")]
    for f in figures:
        status = "" if f["ok"] is None else "PASS" if f["ok"] else "FAIL"
        rows.append((f["label"], _value(f), str(f["runs"]), f["goal"] or "", status))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) if i < 3 else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip() for r in rows]  # fmt: skip
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"fewer repeats: {QUICK} instead of {REPEATS}")
    parser.add_argument("--skip-suite", action="store_true", help="don't run the report suites (the slowest part)")
    parser.add_argument("--only-report", action="store_true", help="only the floor and the report-runner figures")
    parser.add_argument(
        "--only-validate", action="store_true", help="only validate at 1M indicator and 60k national rows"
    )
    args = parser.parse_args(argv)
    n = QUICK if args.quick else REPEATS
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now().astimezone()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        tmp = Path(tmp)
        if args.only_validate:
            figures = bench_validate(tmp)
        else:
            figures = bench_floor(n["floor"], tmp)
        if args.only_validate:
            pass
        elif not args.skip_suite:
            figures += bench_suite(n["suite"], tmp, figures[0]["value"], figures[1]["value"])
            figures += bench_report_cache(n["cache"], tmp)
            figures += bench_national_suite(n["national suite provinces"], tmp, figures[0]["value"])
        if not args.only_report and not args.only_validate:
            figures += bench_load(n["load"], n["warm calls"])
            figures += bench_national(n["national"], tmp)
            figures += bench_validate(tmp)
    failed = [f["key"] for f in figures if f["ok"] is False]
    result = {
        "date": started.isoformat(timespec="seconds"),
        "duration_s": round((dt.datetime.now().astimezone() - started).total_seconds(), 1),
        "machine": _machine(),
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "repeats": n,
        "figures": figures,
        "failed": failed,
    }
    (RESULTS / "latest.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    m = result["machine"]
    print(
        f"cchc-analysis benchmarks, {result['date']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}"
    )
    print(f"load average before/after: {load_before[0]:.2f} / {result['load_average']['after'][0]:.2f}")
    if not m["bytecode"]:
        print("warning: site-packages has no bytecode (.pyc): every process compiles pandas & co. again, which")
        print("slows every import 2-4 times; reinstall with `make install` or run `python -m compileall` on the venv")
    print(table(figures))
    print(
        f"{len(figures) - len(failed)} of {len(figures)} figures meet their goal or have none; written to {RESULTS / 'latest.json'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
