"""Validation at hostile sizes: time and peak memory of ``cchc validate`` beside their goals (issue 25).

``python -m benchmarks.validate DATA_DIR`` validates one folder in this (fresh) process and prints, as JSON,
the wall and CPU seconds of :func:`cchc_data.validate`, the rows of its two largest tables, the errors and
warnings found, and the process's peak resident memory (``VmHWM``). ``python -m benchmarks`` runs it on:

- about 1,000,000 indicator rows: :func:`benchmarks.synthetic.write_synthetic` with 63 provinces ×
  22 years × 600 indicators (goal: at most 60 s and 4 GiB);
- as many rows, half of the facts each written twice under a new id (repeated keys: what once made a
  join ask for 55 GiB);
  validate must report the repeats, in bounded memory (goal: at most 60 s and 4 GiB);
- about 60,000 national index rows (:func:`write_national`: 4 indices × 15 years × 63 provinces, score, rank
  and 14 components each; goal: at most 10 s).
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import sys
import time
from pathlib import Path

import cchc_data as cd

#: name -> (what it is, seconds at most, peak MB at most or None)
GOALS = {
    "validate_1m": ("validate, ~1,000,000 indicator rows", 60.0, 4096.0),
    "validate_1m_repeated": ("validate, ~1,000,000 rows, every fact repeated", 60.0, 4096.0),
    "validate_national_60k": ("validate, ~60,000 national index rows", 10.0, None),
}
COMPONENTS = [f"component:part_{c}" for c in "abcdefghijklmn"]  # 14 components per province and year
NATIONAL_FIRST_YEAR = 2018


def _write(path: Path, header: list[str], rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_national(folder, *, years: int = 15) -> Path:
    """A copy of the bundled data whose national index tables hold ``4 × years × (4 + 63 × 16)`` rows.

    Per index and year: the national average, top and bottom scores and the number of provinces ranked; per
    province: a score, a rank and 14 components, each evidence printing its value in English (the sources
    are English pages). The rows pass :func:`cchc_data.validate`. With ``years=15``: 60,720 rows.
    """
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(cd.data_dir(), folder, ignore=shutil.ignore_patterns("staging", "README.md"))
    cat = cd.datadir.read_raw("national_index_catalog")
    slugs = sorted(cd.provinces()["slug"])
    sources, values = [], []
    for index, unit in zip(cat["index"], cat["unit"], strict=True):
        for year in range(NATIONAL_FIRST_YEAR, NATIONAL_FIRST_YEAR + years):
            sid = f"syn-{index.replace('_', '')}-{year}"
            sources.append([sid, f"Synthetic {index} {year}", f"Synthetic {index} {year}", "Tổng hợp", "Synthetic",
                            "Synthetic", "", f"https://example.org/{sid}", "2026-12-07", "en"])  # fmt: skip
            n = 0

            def row(province, measure, scope, value, unit_, sid=sid, year=year, index=index):
                nonlocal n
                n += 1
                text = f"{value:g}"
                values.append([f"{sid}-{n:04d}", index, province, str(year), measure, scope, text, unit_, "none", sid,
                               f"{measure} {scope}: {text}", "", "", ""])  # fmt: skip

            row("", "score", "national_average", 55.5, unit)
            row("", "score", "national_max", 95.25, unit)
            row("", "score", "national_min", 10.5, unit)
            row("", "rank", "provinces_ranked", 63, "count")
            for i, slug in enumerate(slugs):
                row(slug, "score", "province", 20 + (i * 7 + year) % 70 + 0.25, unit)
                row(slug, "rank", "province", i + 1, "rank")
                for j, comp in enumerate(COMPONENTS):
                    row(slug, comp, "province", 1 + (i + j + year) % 9 + 0.5, unit)
    with open(folder / "national_index_sources.csv", encoding="utf-8", newline="") as f:
        kept = list(csv.reader(f))  # the catalog cites some of the real sources
    src_header, sources = kept[0], kept[1:] + sources
    val_header = next(csv.reader(open(folder / "national_indices.csv", encoding="utf-8")))
    _write(folder / "national_index_sources.csv", src_header, sources)
    _write(folder / "national_indices.csv", val_header, values)
    return folder


def repeat_facts(folder) -> Path:
    """Keep the first half of the facts of ``folder``, each written twice (the copy under a new id).

    As many rows as before, every key repeated: a join on those keys would multiply them.
    """
    path = Path(folder) / "indicators.csv"
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    half = rows[: len(rows) // 2]
    copies = [[f"{r[0][:-4]}-r-{r[0][-3:]}", *r[1:]] for r in half]  # an id of its own (src-r-001), the same key
    _write(path, header, half + copies)
    return path.parent


def measure(folder: str) -> dict:
    """Validate ``folder`` in this process: seconds (wall, CPU), issues, table sizes and peak RSS in MB."""
    start, cpu = time.perf_counter(), time.process_time()
    report = cd.validate(folder)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    lines = {name: sum(1 for _ in open(Path(folder) / f"{name}.csv", encoding="utf-8")) - 1
             for name in ("indicators", "national_indices")}  # fmt: skip
    first = report.errors[0] if report.errors else None
    return {
        "validate_s": wall,
        "validate_cpu_s": cpu,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "first_error": str(first) if first else "",
        "rows": lines,
        "peak_rss_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB: ``VmHWM`` (Linux), else ``ru_maxrss``.

    On Linux ``ru_maxrss`` survives ``exec``: a child started by a large parent reports the parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.validate", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.data_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
