"""A synthetic data package with the real schema, for benchmarks at national scale.

``write_synthetic(folder, provinces=34, years=10, indicators=300, seed=0)`` copies the bundled
vocabularies (domains, units, breakdowns, provinces), the national index tables and the schema, and writes:

- a catalog of ``indicators`` codes: ``indicators // 3`` concepts, each carried by one indicator and
  every tenth by a second one (two definitions of one concept, as in the curated data); about 10 % of
  the indicators are counts that are a *part* of the preceding count indicator (``whole``);
- one source per province and year (the first ``provinces`` units by GSO code, years from 2016);
- one total per province, year and indicator (``provinces × years × indicators``), plus, for 20 % of
  the count actuals that are not parts, a three-part breakdown by government level: about 131,500
  facts with the defaults (102,000 totals and 29,500 breakdown rows, 22 %).

Proportions follow the curated data (``data/``): 8 % of the totals are targets (period five years
on), 8 % have a qualifier (*trên*, *gần*, *tối thiểu*), 9 % of the facts are flagged. Most flagged
totals just carry a flag and a note (a contradiction in the source); flagged percentages
(``percent_out_of_range``) lie above 100, and flagged count totals with a breakdown (``sum_mismatch``)
have parts adding up to more than the total. Those two kinds give validation *warnings*, so the
package validates with about 1,500 warnings and no errors. A part is 30–95 % of its whole (same
period, kind and source). The numbers are random, but every evidence fragment prints its value the
Vietnamese way (``1.514``, ``65,91%``). Deterministic for a given seed.
"""

from __future__ import annotations

import csv
import json
import random
import shutil
from pathlib import Path

import cchc_data as cd

QUALIFIERS = [("more_than", "trên"), ("about", "gần"), ("at_least", "tối thiểu")]
LEVELS = ("level:province", "level:district", "level:commune")
P_TARGET, P_QUALIFIER, P_FLAG, P_BREAKDOWN = 0.08, 0.09, 0.09, 0.20
FIRST_YEAR = 2016

CATALOG = [
    "indicator",
    "label_vi",
    "label_en",
    "unit",
    "unit_vi",
    "unit_en",
    "domain",
    "concept",
    "whole",
    "printed_share",
]
CATALOG += ["description", "comparability", "comparability_note_vi", "comparability_note_en"]
FACTS = ["fact_id", "province", "indicator", "period", "kind", "value", "qualifier", "breakdown", "source_id"]
FACTS += ["evidence", "flag", "note", "note_vi"]
#: The Vietnamese explanation of each synthetic flag (a flagged row needs one).
NOTE_VI = {
    "contradiction": "Dữ liệu giả lập: in hai lần.",
    "percent_out_of_range": "Dữ liệu giả lập: trên 100%.",
    "sum_mismatch": "Dữ liệu giả lập: các phần cộng lại lớn hơn tổng.",
}
#: Tables copied from the bundled data unchanged: the vocabularies and the national indices.
COPIED = ("datapackage.json", "domains.csv", "units.csv", "breakdowns.csv", "provinces.csv", "flags.csv")
COPIED += ("national_indices.csv", "national_index_catalog.csv", "national_index_sources.csv")


def _vn(value: float, percent: bool) -> str:
    """``value`` printed the Vietnamese way: ``1.514`` (count), ``65,91%`` (percent)."""
    if percent:
        return f"{value:.2f}".replace(".", ",") + "%"
    return f"{int(value):,}".replace(",", ".")


def _write(path: Path, header: list[str], rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def _catalog(rng: random.Random, indicators: int, domains: list[str]) -> tuple[list[list], list[list]]:
    """``(concepts rows, catalog rows)``: concept ``c`` is carried by ``ind_c`` (and ``ind_{n+c}`` if c % 10 == 0)."""
    n = max(1, indicators // 3)
    concepts = [
        [
            f"concept_{c:03d}",
            f"Khái niệm {c}",
            f"Concept {c}",
            "percent" if c % 2 else "count",
            "Tổng hợp.",
            "Synthetic.",
        ]
        for c in range(n)
    ]
    rows = []
    for i in range(indicators):
        c = i if i < n else i - n if (i < 2 * n and (i - n) % 10 == 0) else None
        unit = concepts[c][3] if c is not None else rng.choice(["count", "percent"])
        rows.append([
            f"ind_{i:03d}", f"Chỉ tiêu số {i}", f"Indicator {i}", unit, "đơn vị" if unit == "count" else "%",
            "units" if unit == "count" else "%", domains[i % len(domains)],
            f"concept_{c:03d}" if c is not None else "", "", "", "Synthetic indicator.",
            *(("caveat", "Phạm vi khác.", "Other scope.") if c is not None and i >= n
              else ("same", "Như định nghĩa.", "As defined.") if c is not None else ("", "", "")),
        ])  # fmt: skip
    for i in range(1, indicators):  # every fifth indicator without a concept: a count, part of the one before
        part, whole = rows[i], rows[i - 1]
        if i % 5 == 0 and not part[7] and not whole[7] and not whole[8]:
            part[3:6] = whole[3:6] = ["count", "đơn vị", "units"]
            part[8] = whole[0]
    return concepts, rows


def _source_facts(rng: random.Random, cat: list[list], slug: str, year: int) -> list[list]:
    """The facts of one source (a province's report on ``year``): one per indicator, plus breakdowns."""
    sid, rows, done = f"{slug}-{year}", [], {}  # done: indicator -> (kind, period, value) of its total

    def fact(code, period, kind, value, percent, qual="none", word="", breakdown="", flag="", note=""):
        where = f"ở {breakdown.split(':')[1]}" if breakdown else "theo báo cáo"
        evidence = f"{word} {_vn(value, percent)} {where}".strip()
        rows.append([
            f"{sid}-{len(rows) + 1:03d}", slug, code, period, kind, f"{value:g}", qual, breakdown, sid, evidence, flag,
            note, NOTE_VI.get(flag, ""),
        ])  # fmt: skip

    for code, unit, whole in ((r[0], r[3], r[8]) for r in cat):
        percent = unit == "percent"
        if whole:  # a part: same period and kind as its whole, 30-95 % of it
            kind, period, total = done[whole]
            fact(code, period, kind, float(int(total * rng.uniform(0.3, 0.95))), False)
            continue
        kind, period = ("target", str(year + 5)) if rng.random() < P_TARGET else ("actual", str(year))
        value = round(rng.uniform(0, 100), 2) if percent else float(rng.randint(1, 200_000))
        qual, word = ("none", "") if rng.random() >= P_QUALIFIER else rng.choice(QUALIFIERS)
        flag, note = ("", "") if rng.random() >= P_FLAG else ("contradiction", "Synthetic: printed twice.")
        split = not percent and kind == "actual" and rng.random() < P_BREAKDOWN
        if flag and percent and rng.random() < 0.3:
            value, flag, note = round(rng.uniform(100.5, 110), 2), "percent_out_of_range", "Synthetic: > 100."
        elif flag and split and rng.random() < 0.5:
            flag, note = "sum_mismatch", "Synthetic: the parts add up to more than the total."
        done[code] = (kind, period, value)
        fact(code, period, kind, value, percent, qual, word, flag=flag, note=note)
        if split:
            parts = [int(value * share) for share in (0.5, 0.3)]
            parts.append(int(value) - sum(parts) + (max(1, int(value) // 10) if flag == "sum_mismatch" else 0))
            for level, part in zip(LEVELS, parts, strict=True):
                fact(code, period, kind, float(part), False, breakdown=level, flag=flag, note=note)
    return rows


def write_synthetic(folder, *, provinces: int = 34, years: int = 10, indicators: int = 300, seed: int = 0) -> Path:
    """Write a synthetic data package to ``folder`` (created if needed) and return its path."""
    if indicators > 600:  # fact ids are <source>-NNN: at most 999 facts per source
        raise ValueError(f"indicators={indicators}: at most 600 (fact ids have three digits per source)")
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    src = cd.data_dir()
    for name in COPIED:
        shutil.copy(src / name, folder / name)
    with open(src / "sources.csv", encoding="utf-8", newline="") as f:
        source_columns = next(csv.reader(f))  # the schema's columns; the synthetic sources fill the required ones
    slugs = cd.provinces().sort_values("gso_code")["slug"].tolist()
    if provinces > len(slugs):
        raise ValueError(f"provinces={provinces}: the registry has {len(slugs)} province-level units")
    concepts, cat = _catalog(rng, indicators, cd.domains()["domain"].tolist())
    _write(
        folder / "concepts.csv", ["concept", "label_vi", "label_en", "unit", "definition_vi", "definition_en"], concepts
    )
    _write(folder / "catalog.csv", CATALOG, cat)

    sources, facts = [], []
    for slug in slugs[:provinces]:
        for y in range(FIRST_YEAR, FIRST_YEAR + years):
            sid = f"{slug}-{y}"
            source = {"source_id": sid, "province": slug, "title": f"Báo cáo CCHC {y}", "kind": "official_report"}
            source |= {
                "reference_period": str(y),
                "period_covered": str(y),
                "language": "vi",
                "text_file": f"{sid}.txt",
                "issuer": f"UBND {slug}",
                "issuer_en": f"People's Committee of {slug}",
                "url_status": "not_found",
                "accessed": "2026-12-07",
            }
            sources.append([source.get(column, "") for column in source_columns])
            facts += _source_facts(rng, cat, slug, y)
    _write(folder / "indicators.csv", FACTS, facts)
    _write(folder / "sources.csv", source_columns, sources)
    pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    pkg["name"], pkg["version"] = "cchc-synthetic", f"synthetic-{seed}"
    (folder / "datapackage.json").write_text(json.dumps(pkg, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return folder
