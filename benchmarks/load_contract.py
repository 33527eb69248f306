"""``python -m benchmarks.load_contract [--repeats N]``: what the data contract costs on every load.

Every ``load_indicators`` checks its folder against the contract (schema, keys, foreign keys,
encodings) once per version of the files. Measured in fresh processes, as wall time and as CPU time
of the child (``RUSAGE_CHILDREN``; a busy machine inflates it less), medians of ``--repeats`` runs:

- ``import pandas`` (the floor);
- ``import cchc_data; load_indicators()`` on the bundled data (the load ratio's numerator);
- the same on a copy of the data in another folder;
- ``load_indicators(data_dir=...)`` on the national synthetic package (131,547 facts) without
  ``validate`` before it (the contract check and the build), and ``validate`` + load;

and in one process, the warm ``load_indicators()`` (50 calls) and the contract check alone
(``schema.check_folder`` with its caches cleared). Prints a table; writes
``benchmarks/results/load_contract.json``.
"""

from __future__ import annotations

import argparse
import json
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
PY = sys.executable

IN_PROCESS = """import json, time
import cchc_data as cd
from cchc_data import datadir, schema
cd.load_indicators()
warm = []
for _ in range(50):
    t = time.perf_counter(); cd.load_indicators(); warm.append(time.perf_counter() - t)
checks = []
for _ in range(20):
    schema._checked.cache_clear(); schema._folder_issues_cached.cache_clear()
    t = time.perf_counter(); schema.check_folder(); checks.append(time.perf_counter() - t)
print(json.dumps({"warm_ms": [w * 1000 for w in warm], "check_ms": [c * 1000 for c in checks]}))"""


def _child(code: str, *args) -> tuple[float, float, str]:
    """Run ``python -c code`` in a fresh process: (wall s, CPU s of the child, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([PY, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"{code!r} failed:\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load_contract")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    n = args.repeats
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        copy = tmp / "copy"
        import cchc_data as cd

        shutil.copytree(cd.data_dir(), copy)
        national = write_synthetic(tmp / "national")
        cases = {
            "import pandas": ("import pandas",),
            "import cchc_data + load (bundled)": ("import cchc_data as cd; cd.load_indicators()",),
            "import cchc_data + load (a copy: another folder)": (
                "import sys, cchc_data as cd; cd.load_indicators(data_dir=sys.argv[1])",
                copy,
            ),
            "national: load without validate (check + build)": (
                "import sys, cchc_data as cd; cd.load_indicators(data_dir=sys.argv[1])",
                national,
            ),
            "national: validate + load": (
                "import sys, cchc_data as cd; assert cd.validate(sys.argv[1]).ok; cd.load_indicators(data_dir=sys.argv[1])",
                national,
            ),
        }
        samples = {name: ([], []) for name in cases}
        for i in range(n):  # interleaved, so that a noisy moment hits every case
            for name, (code, *extra) in cases.items():
                if name.startswith("national") and i >= max(1, n // 3):
                    continue
                wall, cpu, _ = _child(code, *extra)
                samples[name][0].append(wall)
                samples[name][1].append(cpu)
            print(f"round {i + 1}/{n}", file=sys.stderr, flush=True)
        inner = json.loads(_child(IN_PROCESS)[2])
    rows = [(name, _median(w), _median(c), len(w)) for name, (w, c) in samples.items()]
    floor_wall, floor_cpu = rows[0][1], rows[0][2]
    ratio_wall, ratio_cpu = rows[1][1] / floor_wall, rows[1][2] / floor_cpu
    print(f"{'figure':52} {'wall':>9} {'CPU':>9} runs")
    for name, wall, cpu, runs in rows:
        print(f"{name:52} {wall:8.3f}s {cpu:8.3f}s {runs:4}")
    print(f"{'load ratio (goal ≤ 1.2)':52} {ratio_wall:8.2f}× {ratio_cpu:8.2f}×")
    print(f"{'warm load_indicators() (goal < 20 ms)':52} {_median(inner['warm_ms']):7.2f}ms")
    print(f"{'contract check of the bundled data, files cached':52} {_median(inner['check_ms']):7.2f}ms")
    RESULTS.mkdir(exist_ok=True)
    out = {
        "figures": [{"label": r[0], "wall_s": r[1], "cpu_s": r[2], "runs": r[3]} for r in rows],
        "load_ratio": {"wall": ratio_wall, "cpu": ratio_cpu},
        "warm_load_ms": _median(inner["warm_ms"]),
        "check_ms": _median(inner["check_ms"]),
    }
    (RESULTS / "load_contract.json").write_text(json.dumps(out, indent=2), encoding="utf-8")
    ok = ratio_wall <= 1.2 and out["warm_load_ms"] < 20
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
