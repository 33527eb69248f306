"""One national-scale measurement, run in a fresh process by ``python -m benchmarks``.

``python -m benchmarks.national DATA_DIR CONCEPT [--save PNG]`` times, on a data package such as
:func:`benchmarks.synthetic.write_synthetic` writes: ``validate``, then the first ``load_indicators``
(the process is fresh; it reuses the CSV tables ``validate`` parsed, as a real session does), ``analysis.compare`` of one concept, ``analysis.coverage()``,
and one ``plotting.compare_chart`` rendered to PNG in memory. It prints the seconds (wall and CPU) and the peak
resident memory of this process (``resource.getrusage(RUSAGE_SELF).ru_maxrss``: interpreter, pandas,
matplotlib and the data together) as JSON on stdout. ``--save`` also writes the chart to a PNG file
(after the measurements).
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import time

t0 = time.perf_counter()
import cchc_data as cd  # noqa: E402
from cchc_data import analysis, plotting  # noqa: E402

IMPORT_S = time.perf_counter() - t0


def measure(folder: str, concept: str, save: str | None = None) -> dict:
    out = {"import_s": IMPORT_S}

    def timed(name, func):  # wall time, and this process's CPU time (what a busy machine doesn't inflate)
        start, cpu = time.perf_counter(), time.process_time()
        result = func()
        out[name] = time.perf_counter() - start
        out[name.replace("_s", "_cpu_s")] = time.process_time() - cpu
        return result

    report = timed("validate_s", lambda: cd.validate(folder))
    if not report.ok:
        raise SystemExit(f"{folder} does not validate:\n{report}")
    facts = timed("load_s", lambda: cd.load_indicators(data_dir=folder))
    rows = timed("compare_s", lambda: analysis.compare(concept, data_dir=folder))
    timed("coverage_s", lambda: analysis.coverage(data_dir=folder))

    def chart():
        ax = plotting.compare_chart(concept, data_dir=folder)
        ax.figure.savefig(io.BytesIO(), format="png")
        return ax.figure

    fig = timed("chart_s", chart)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    out.update(facts=len(facts), warnings=len(report.warnings), chart_rows=len(rows))
    if save:
        fig.savefig(save, format="png")
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.national", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("concept")
    parser.add_argument("--save", metavar="PNG", help="also write the chart to this file")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.data_dir, args.concept, args.save)))


if __name__ == "__main__":
    main()
