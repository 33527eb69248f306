"""``python -m benchmarks.extract [--sources DIR] [--no-write]``: the curation assistant against the curated facts.

Runs :func:`cchc_data.extract.extract` on each source text listed in ``sources.csv`` (read from
``--sources`` or ``$CCHC_SOURCES_DIR``) and compares the candidates with the curated facts of that
source:

- a candidate **covers** a fact when its value equals the fact's value and the number it was read
  from lies inside an occurrence of the fact's evidence in the text (the evidence fragments overlap
  on that number). Each candidate covers at most one fact (a maximum matching, so ``11/11`` must
  give two candidates to cover its part and its whole);
- **recall**: covered facts ÷ curated facts (goal ≥ 98 %);
- **precision**: candidates that cover a fact ÷ candidates (reported; a curator rejects the others);
- **indicator**: covered facts whose suggested indicator is the curated one ÷ covered facts whose
  indicator is in the catalog (goal ≥ 70 %). The catalog was written from these same texts, so this
  is an in-sample figure; the *held-out* column repeats it with the catalog rows used only by that
  source removed (what a curator of a new report of a known kind would see);
- agreement of the other guesses (qualifier, kind, period, breakdown) on the covered facts;
- the time per text (median of 3 runs, catalog cached after the first).

Prints a table per source and the totals, and writes them to the section "Curation assistant" of
``benchmarks/README.md`` (unless ``--no-write``). Exit code 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

import cchc_data as cd
from cchc_data._text import nfc
from cchc_data.extract import extract

from . import extract_dev

README = Path(__file__).resolve().parent / "README.md"
SECTION = "## Curation assistant"
SECTION_INTRO = """`python -m benchmarks.extract [--dev DIR] [--fresh DIR] [--fresh2 DIR] [--fresh3 DIR] [--fresh4 DIR] [--fresh5 DIR] [--fresh6 DIR] [--fresh7 DIR] [--fresh8 DIR] [--fresh9 DIR] [--sources DIR] [--sizes MB …] [--no-write]`
measures `cchc extract`. With `--dev` (or `CCHC_EXTRACT_DEV_DIR`, the 16 excerpts of `../shared/extract-dev/`),
against the hand-curated truth of `extract_dev/truth.csv`, the texts tuned on and the held-out texts apart
(`extract_dev/README.md` says which and how they were curated; `benchmarks/extract_dev.py` how they are
scored). With `--fresh` (or `CCHC_EXTRACT_FRESH_DIR`, the 8 excerpts kept in `/work/extract-fresh/`), against
`extract_fresh/truth.csv`, a second held-out set curated before the extractor ever read it (seen since its one
measurement). With `--fresh2` (or `CCHC_EXTRACT_FRESH2_DIR`, the 8 excerpts kept in `/work/extract-fresh2/`),
against `extract_fresh2/truth.csv`, a third held-out set curated in round 4 before the extractor read it. With `--fresh3`
(or `CCHC_EXTRACT_FRESH3_DIR`, the 10 excerpts kept in `/work/extract-fresh3/`), against `extract_fresh3/truth.csv`,
a fourth held-out set curated after round 4 before the extractor read it. With `--fresh4`
(or `CCHC_EXTRACT_FRESH4_DIR`, the 8 excerpts kept in `/work/extract-fresh4/`), against `extract_fresh4/truth.csv`,
a fifth held-out set curated after the measurement of `extract_fresh3` before the extractor read it. With `--fresh5`
(or `CCHC_EXTRACT_FRESH5_DIR`, the 8 excerpts kept in `/work/extract-fresh5/`), against `extract_fresh5/truth.csv`,
a sixth held-out set curated after the measurement of `extract_fresh4` before the extractor read it. With `--fresh6`
(or `CCHC_EXTRACT_FRESH6_DIR`, the excerpts kept in `/work/extract-fresh6/`), against `extract_fresh6/truth.csv`,
a seventh held-out set curated after the measurement of `extract_fresh5` before the extractor read it. With `--fresh7`
and `--fresh8` (`CCHC_EXTRACT_FRESH7_DIR`, `CCHC_EXTRACT_FRESH8_DIR`; the 10 excerpts each kept in `/work/extract-fresh7/`
and `/work/extract-fresh8/`), two sets curated at the same time after round 9, each read a second time by the other
set's reader, before the extractor read them. With `--fresh9` (`CCHC_EXTRACT_FRESH9_DIR`, the 4 excerpts kept in
`/work/extract-fresh9/`), a small set curated after their measurement by one reader. With `--sources`
(or `CCHC_SOURCES_DIR`), against the curated facts of the five bundled sources, from which the catalog was
written (in-sample). Then the time of reading a text file of 1 and 10 MB (the dev texts again and again with
other numbers) and extracting its candidates, in a fresh process: wall and CPU time, resident memory after
the imports (base) and at its peak (VmHWM), beside their goals. On a shared machine the wall time grows with
the load average; the CPU time does not.

What each set's figures are worth (`benchmarks/extract_sets.csv`, kept by hand after each measurement):

{sets}
"""


def _sets() -> list[dict]:
    """The rows of ``extract_sets.csv``: each set of texts, its number of texts and what its figures are worth."""
    with open(Path(__file__).with_name("extract_sets.csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def sets_table() -> str:
    """The status of each set of texts, from ``extract_sets.csv``, as a Markdown table."""
    lines = ["| set | texts | status |", "|---|---|---|"]
    return "\n".join(lines + [f"| {r['set']} | {r['texts']} | {r['status']} |" for r in _sets()])


GOALS = {"recall": 0.98, "indicator": 0.90}  # indicator: right among the suggestions given (issue 24)
REPEATS = 3


def evidence_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    """Where ``evidence`` occurs in ``text``, whitespace-insensitive."""
    pattern = r"\s+".join(re.escape(w) for w in nfc(evidence).split())
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def match(facts: pd.DataFrame, cands: pd.DataFrame, text: str, catalog: pd.DataFrame | None = None) -> dict[int, int]:
    """A maximum matching fact row → candidate row (see the module docstring).

    Of the two candidates of ``11/11``, a fact whose indicator is a part in the catalog prefers the
    ``part`` one, a whole the ``whole`` one (the values alone can't tell them apart).
    """
    catalog = cd.catalog() if catalog is None else catalog
    parts = set(catalog.loc[catalog["whole"] != "", "indicator"])
    wholes = set(catalog["whole"]) - {""}
    options: dict[int, list[int]] = {}
    for i, fact in facts.iterrows():
        role = "part" if fact["indicator"] in parts else "whole" if fact["indicator"] in wholes else ""
        spans = evidence_spans(text, fact["evidence"])
        ok = []
        for j, cand in cands.iterrows():
            if abs(cand["value"] - fact["value"]) > 1e-9 * max(1.0, abs(fact["value"])):
                continue
            if any(s <= cand["position"] < e for s, e in spans):
                ok.append(j)
        options[i] = sorted(ok, key=lambda j: cands.at[j, "role"] != role)
    return extract_dev.matching(options)


def held_out_catalog(folder: Path, source_id: str) -> Path:
    """A copy of ``folder`` whose catalog lacks the indicators that only ``source_id`` uses."""
    tmp = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    dest = tmp / "data"
    shutil.copytree(folder, dest, ignore=shutil.ignore_patterns("README.md"))
    facts = pd.read_csv(dest / "indicators.csv", dtype=str, keep_default_na=False)
    cat = pd.read_csv(dest / "catalog.csv", dtype=str, keep_default_na=False)
    elsewhere = set(facts.loc[facts["source_id"] != source_id, "indicator"])
    mine = set(facts.loc[facts["source_id"] == source_id, "indicator"]) - elsewhere
    keep = ~cat["indicator"].isin(mine) & ~cat["whole"].isin(mine)
    cat[keep].to_csv(dest / "catalog.csv", index=False, lineterminator="\n")
    # the data contract checks foreign keys: the facts of the removed indicators go too
    kept = set(cat.loc[keep, "indicator"])
    facts[facts["indicator"].isin(kept)].to_csv(dest / "indicators.csv", index=False, lineterminator="\n")
    return dest


def run_source(row, text: str, folder: Path) -> dict:
    facts = cd.load_indicators(data_dir=folder).query("source_id == @row.source_id").reset_index(drop=True)
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        cands = extract(text, province=row.province, source_id=row.source_id, data_dir=folder)
        times.append(time.perf_counter() - t)
    text_n = nfc(text)
    pairs = match(facts, cands, text_n)
    covered = facts.loc[list(pairs)]
    got = cands.loc[list(pairs.values())].reset_index(drop=True)
    want = covered.reset_index(drop=True)

    def agree(col, fact_col=None):
        return int((got[col].astype(str) == want[fact_col or col].astype(str)).sum())

    held = held_out_catalog(folder, row.source_id)
    try:
        cands_h = extract(text, province=row.province, source_id=row.source_id, data_dir=held)
        known = set(pd.read_csv(held / "catalog.csv", dtype=str)["indicator"])
        pairs_h = match(facts, cands_h, text_n)
        in_cat_h = [(i, j) for i, j in pairs_h.items() if facts.at[i, "indicator"] in known]
        right_h = sum(cands_h.at[j, "indicator"] == facts.at[i, "indicator"] for i, j in in_cat_h)
    finally:
        shutil.rmtree(held.parent, ignore_errors=True)
    return {
        "source": row.source_id,
        "facts": len(facts),
        "candidates": len(cands),
        "covered": len(pairs),
        "recall": len(pairs) / len(facts) if len(facts) else 1.0,
        "precision": len(pairs) / len(cands) if len(cands) else 0.0,
        "indicator_ok": int(((got["indicator"] == want["indicator"]) & (got["indicator"] != "")).sum()),
        "indicator_known": int((got["indicator"] != "").sum()),
        "indicator_any": len(covered),
        "held_ok": int(right_h),
        "held_known": len(in_cat_h),
        "qualifier": agree("qualifier"),
        "kind": agree("kind"),
        "period": agree("period"),
        "breakdown": agree("breakdown"),
        "seconds": statistics.median(times),
        "missed": facts.drop(index=list(pairs))[["fact_id", "value", "evidence"]],
    }


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f} %" if d else "    –"


def table(results: list[dict]) -> str:
    head = (
        f"{'source':<20}{'facts':>6}{'cands':>6}{'recall':>9}{'precision':>10}{'given':>8}{'indicator':>10}{'held-out':>9}"
        f"{'qualif.':>9}{'kind':>8}{'period':>8}{'breakd.':>9}{'time':>8}"
    )
    lines = [head, "-" * len(head)]
    tot = {k: sum(r[k] for r in results) for k in results[0] if isinstance(results[0][k], (int, float))}
    for r in [*results, {**tot, "source": "all"}]:
        c = r["covered"]
        lines.append(
            f"{r['source']:<20}{r['facts']:>6}{r['candidates']:>6}{pct(c, r['facts']):>9}"
            f"{pct(c, r['candidates']):>10}{pct(r['indicator_known'], r['indicator_any']):>8}"
            f"{pct(r['indicator_ok'], r['indicator_known']):>10}"
            f"{pct(r['held_ok'], r['held_known']):>9}{pct(r['qualifier'], c):>9}{pct(r['kind'], c):>8}"
            f"{pct(r['period'], c):>8}{pct(r['breakdown'], c):>9}{r['seconds']:>7.3f}s"
        )
    return "\n".join(lines)


def write_readme(body: str) -> None:
    text = README.read_text(encoding="utf-8")
    at = text.find(SECTION)
    if at == -1:
        text = text.rstrip("\n") + "\n\n" + body
    else:
        nxt = text.find("\n## ", at + len(SECTION))
        text = text[:at] + body + (text[nxt + 1 :] if nxt != -1 else "")
    README.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def seeds_section(sources: str) -> tuple[str, bool]:
    """The bundled sources against their curated facts: the printed section and whether its goal is met."""
    folder = cd.data_dir()
    results = []
    for row in cd.sources(data_dir=folder).itertuples():
        path = Path(sources) / row.text_file
        if not path.is_file():
            raise SystemExit(f"{path} not found (source {row.source_id})")
        results.append(run_source(row, path.read_text(encoding="utf-8"), folder))
    printed = table(results)
    tot_facts = sum(r["facts"] for r in results)
    recall = sum(r["covered"] for r in results) / tot_facts
    indicator = sum(r["indicator_ok"] for r in results) / max(1, sum(r["indicator_known"] for r in results))
    verdict = [
        f"recall {100 * recall:.1f} % (goal ≥ {100 * GOALS['recall']:.0f} %): {'PASS' if recall >= GOALS['recall'] else 'FAIL'}",
        f"indicator right in {100 * indicator:.1f} % of the suggestions given (goal ≥ {100 * GOALS['indicator']:.0f} %): "
        + ("PASS" if indicator >= GOALS["indicator"] else "FAIL"),
    ]
    held_n = sum(r["held_known"] for r in results)
    verdict.append(
        f"held-out indicator {pct(sum(r['held_ok'] for r in results), held_n).strip()} of the {held_n} facts whose "
        "indicator another source also uses (reported, no goal)"
    )
    missed = pd.concat([r["missed"] for r in results])
    out = f"```\n{printed}\n{chr(10).join(verdict)}\n```\n"
    if len(missed):
        out += "\nFacts no candidate covers:\n\n" + "\n".join(
            f"- `{r.fact_id}` ({r.value:g}): {r.evidence}" for r in missed.itertuples()
        )
        out += "\n"
    return out, recall >= GOALS["recall"] and indicator >= GOALS["indicator"]


SIZE_GOALS = {1: 5.0, 10: 60.0}  # MB of text: seconds of wall time (issue 24)
MEMORY_GOALS = {1: 200.0, 10: 300.0}  # MB of text: MB of peak resident memory (VmHWM) of the whole process


def size_text(megabytes: float, folder: Path, seed: int = 0) -> str:
    """About ``megabytes`` MB of report text: the texts of ``folder`` again and again, each copy with other
    numbers (years kept), so that the text is not one page repeated word for word."""
    rng = random.Random(seed)
    base = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    number = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d\b)\d+")
    parts, size, goal = [], 0, int(megabytes * 1_000_000)
    while size < goal:
        part = number.sub(lambda m: str(rng.randint(1, 999)), base)
        parts.append(part)
        size += len(part.encode("utf-8"))
    return "\n".join(parts).encode("utf-8")[:goal].decode("utf-8", "ignore")


#: Run in a fresh process on a text file: the time and memory of reading it and extracting its candidates.
_CHILD = """
import json, sys, time
from pathlib import Path
def status(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
from cchc_data.curation.extract import extract
extract("Năm 2023 tỉnh nhận 1.000 hồ sơ.", province="khanh-hoa", source_id="bench", period="2023")
base = status("VmRSS")
w, c = time.perf_counter(), time.process_time()
text = Path(sys.argv[1]).read_text(encoding="utf-8")
df = extract(text, province="khanh-hoa", source_id="bench", period="2023")
print(json.dumps([len(df), time.perf_counter() - w, time.process_time() - c, base, status("VmHWM")]))
"""


def sizes_section(folder: Path, megabytes: list[float]) -> tuple[str, bool]:
    """Time and peak memory of reading a text file of each size and extracting its candidates, each in a
    fresh process (after the imports and a warm-up, whose memory is the ``base``)."""
    import json
    import subprocess

    lines = [
        f"{'text':<8}{'candidates':>11}{'wall':>9}{'CPU':>9}   goal (wall)   {'base RSS':>9}{'peak RSS':>10}   goal (peak)"
    ]
    ok = True
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        for mb in megabytes:
            path = Path(tmp) / f"{mb:g}mb.txt"
            path.write_text(size_text(mb, folder), encoding="utf-8")
            done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                                  check=True, cwd=Path(__file__).resolve().parent.parent)  # fmt: skip
            n, wall, cpu, base, peak = json.loads(done.stdout.strip().splitlines()[-1])
            goal = SIZE_GOALS.get(int(mb)) if float(mb).is_integer() else None
            mem = MEMORY_GOALS.get(int(mb)) if float(mb).is_integer() else None
            time_verdict = "–" if goal is None else f"≤ {goal:g} s {'PASS' if wall <= goal else 'FAIL'}"
            mem_verdict = "–" if mem is None else f"≤ {mem:g} MB {'PASS' if peak <= mem else 'FAIL'}"
            ok &= (goal is None or wall <= goal) and (mem is None or peak <= mem)
            lines.append(
                f"{mb:>5g} MB{n:>11}{wall:>8.1f}s{cpu:>8.1f}s   {time_verdict:<13} {base:>6.0f} MB{peak:>7.0f} MB   {mem_verdict}"
            )
            print(lines[-1], file=sys.stderr)
    return "```\n" + "\n".join(lines) + "\n```\n", ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extract", description=__doc__.split("\n")[0])
    parser.add_argument("--sources", default=os.environ.get("CCHC_SOURCES_DIR"), help="folder of the source texts")
    parser.add_argument(
        "--dev", default=os.environ.get("CCHC_EXTRACT_DEV_DIR"), help="folder of the extract-dev texts (issue 24)"
    )
    for name in extract_dev.FRESH_SETS:
        parser.add_argument(
            f"--{name}", default=os.environ.get(f"CCHC_EXTRACT_{name.upper()}_DIR"),
            help=f"folder of the texts of extract_{name}/ (a fresh held-out set; see benchmarks/extract_sets.csv)",
        )  # fmt: skip
    parser.add_argument("--sizes", nargs="*", type=float, default=[1, 10], metavar="MB",
                        help="text sizes to time (default: 1 10; none: skip)")  # fmt: skip
    parser.add_argument("--no-write", action="store_true", help="don't update benchmarks/README.md")
    args = parser.parse_args(argv)
    fresh = {name: getattr(args, name) for name in extract_dev.FRESH_SETS}
    if not (args.sources or args.dev or any(fresh.values())):
        options = ", ".join(f"--{n} DIR (or CCHC_EXTRACT_{n.upper()}_DIR)" for n in extract_dev.FRESH_SETS)
        parser.error(f"give --dev DIR (or CCHC_EXTRACT_DEV_DIR), {options} and/or --sources DIR (or CCHC_SOURCES_DIR)")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [f"{SECTION}\n\n{SECTION_INTRO.replace('{sets}', sets_table())}\nLatest run: {stamp}, Python {sys.version.split()[0]}, "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.\n"]  # fmt: skip
    ok = True
    if args.dev:
        printed, met = extract_dev.table(extract_dev.run(args.dev))
        print(printed)
        body.append(
            "### On texts it was not written from (`extract_dev/`)\n\n"
            "`held_out` is no longer a clean measure: its failure classes were read before the round-3 change "
            "(see `extract_dev/README.md`).\n\n"
            f"```\n{printed}\n```\n"
        )
        ok &= met
    status = {row["set"].strip("`"): row["status"] for row in _sets()}
    for name, folder in fresh.items():
        if not folder:
            continue
        printed, met = extract_dev.table(extract_dev.run(folder, extract_dev.fresh_dir(name)))
        print(printed)
        body.append(
            f"### Fresh held-out set `extract_{name}/` ({status.get(f'extract_{name}', 'status not recorded')})\n\n"
            f"How it was built, its one clean measurement and what changed after it: `extract_{name}/README.md`.\n\n"
            f"```\n{printed}\n```\n"
        )
        ok &= met
    if args.sources:
        printed, met = seeds_section(args.sources)
        print(printed)
        body.append(f"### On the five bundled source texts (in-sample)\n\n{printed}")
        ok &= met
    if args.sizes:
        folder = Path(args.dev or next((f for f in fresh.values() if f), None) or args.sources)
        printed, met = sizes_section(folder, args.sizes)
        print(printed)
        body.append(f"### Time and memory on long texts\n\n{printed}")
        ok &= met
    if not args.no_write:
        write_readme("\n".join(body))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
