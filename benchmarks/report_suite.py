"""Report-runner measurements, each run in a fresh process by ``python -m benchmarks``.

``python -m benchmarks.report_suite DATA_DIR OUTPUT --executor local|dask [--provinces N] [--langs vi,en]``
runs a national suite with the project's notebooks on ``DATA_DIR`` (e.g. the synthetic 34-province package of
:mod:`benchmarks.synthetic`): profile and targets for the first ``N`` provinces (by slug) that have them, in
each language, plus the cross-province pages (comparison, data audit), every run executed (``force``). It
runs on the local process pool (2 jobs) or on a two-worker Dask ``LocalCluster`` (processes, one thread each)
and prints, as JSON, the runs, the suite's wall time and, for Dask, the cluster's start-up time.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def national_runs(data_dir, *, provinces: int, langs: str) -> list:
    from cchc_data.report import plan_runs

    runs = plan_runs(ROOT / "notebooks", langs=langs, data_dir=data_dir).runs
    chosen = sorted({r.data_scope for r in runs if r.data_scope})[:provinces]
    return [r for r in runs if r.data_scope is None or r.data_scope in chosen]


def measure(data_dir: str, output: str, *, executor: str, provinces: int, langs: str) -> dict:
    from cchc_data.report import run_suite

    runs = national_runs(data_dir, provinces=provinces, langs=langs)
    kw = dict(output_root=Path(output) / "reports", figures_root=Path(output) / "figures", data_dir=data_dir)
    kw |= dict(progress=False, force=True, jobs=2)
    out = {"executor": executor, "runs": len(runs), "workers": 2, "cluster_start_s": 0.0}
    if executor == "dask":
        from distributed import Client, LocalCluster

        start = time.perf_counter()
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            with Client(cluster) as client:
                out["cluster_start_s"] = time.perf_counter() - start
                start = time.perf_counter()
                result = run_suite(runs, executor=client.get_executor(), **kw)
                out["wall_s"] = time.perf_counter() - start
    else:
        start = time.perf_counter()
        result = run_suite(runs, **kw)
        out["wall_s"] = time.perf_counter() - start
    out["ok"] = result.ok
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report_suite", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("output")
    parser.add_argument("--executor", choices=["local", "dask"], default="local")
    parser.add_argument("--provinces", type=int, default=3)
    parser.add_argument("--langs", default="vi,en")
    args = parser.parse_args(argv)
    print(
        json.dumps(
            measure(args.data_dir, args.output, executor=args.executor, provinces=args.provinces, langs=args.langs)
        )
    )


if __name__ == "__main__":
    main()
