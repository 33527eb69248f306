"""The curation assistant on texts it was not written from: ``benchmarks/extract_dev/``.

Runs :func:`cchc_data.extract.extract` on each excerpt listed in ``extract_dev/texts.csv`` (the texts are
read from ``--dev DIR`` or ``$CCHC_EXTRACT_DEV_DIR``; they stay outside the project) and scores the
candidates against the hand-curated ``extract_dev/truth.csv``, separately for the texts tuned on and the
held-out texts (see ``extract_dev/README.md``):

- a candidate **covers** a fact when its value equals the fact's and its number lies inside one of the
  places the fact's evidence names (``a | b``); each candidate covers at most one fact and each fact is
  covered once (a maximum matching), so a fact printed twice and proposed twice gives one hit and one
  candidate that is not a fact;
- **recall** = covered ÷ facts; **precision** = candidates covering a fact ÷ candidates;
- **values**: of the facts a candidate was proposed for (covered, or with a candidate of another value read
  inside its evidence), the share read with the right value;
- **unit** (and, for a rank, its denominator), **qualifier**, **kind**, **period**: agreement on covered facts;
- **indicator**: of the covered facts given an indicator, the share given the curated one; **empty ok**: of the
  covered facts no catalog indicator fits, the share left empty.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from cchc_data._text import nfc
from cchc_data.extract import extract

HERE = Path(__file__).resolve().parent / "extract_dev"
#: The fresh held-out sets, in the order they were curated: ``extract_<name>/`` beside this file holds the truth
#: of each (``texts.csv``, ``truth.csv``, ``README.md``); ``extract_sets.csv`` says what each one's figures are worth.
FRESH_SETS = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9")


def fresh_dir(name: str) -> Path:
    """The folder of the truth of the fresh set ``name`` (one of :data:`FRESH_SETS`)."""
    return Path(__file__).resolve().parent / f"extract_{name}"


GOALS = {"recall": 0.97, "precision": 0.90, "values": 1.0, "unit": 0.95, "qualifier": 0.95, "kind": 0.95,
         "period": 0.95, "indicator": 0.90}  # fmt: skip
MEASURES = ["recall", "precision", "values", "unit", "qualifier", "kind", "period", "indicator", "empty_ok"]


def read_csv(name: str, truth: Path = HERE) -> list[dict]:
    with (Path(truth) / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def spans(text: str, evidence: str) -> list[tuple[int, int]]:
    """Where each place of ``evidence`` (``a | b``) occurs in ``text``, whitespace-insensitive."""
    out = []
    for place in evidence.split(" | "):
        pattern = r"\s+".join(re.escape(w) for w in nfc(place).split())
        out += [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    return out


def _denominator(fraction: str) -> str:
    return fraction.split("/")[1].replace(".", "") if fraction and "/" in fraction else ""


def matching(options: dict[int, list[int]]) -> dict[int, int]:
    """A maximum one-to-one matching of facts to candidates (``fact -> candidate``), by augmenting paths;
    each fact tries its candidates in the order given."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in options:
        augment(i, set())
    return {i: j for j, i in owner.items()}


def score_text(text: str, facts: list[dict], cands: pd.DataFrame) -> dict:
    """Counts of one text (see the module docstring)."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    where = [spans(text, f["evidence"]) for f in facts]
    options: dict[int, list[int]] = {}
    for i, fact in enumerate(facts):
        value = float(fact["value"])
        options[i] = [
            j for j, c in enumerate(cands.itertuples())
            if abs(c.value - value) <= 1e-9 * max(1.0, abs(value)) and any(s <= c.position < e for s, e in where[i])
        ]  # fmt: skip
    owner = {j: i for i, j in matching(options).items()}
    pairs = {i: j for j, i in owner.items()}
    misread = [
        i for i in range(len(facts))
        if i not in pairs and any(
            j not in owner and any(s <= c.position < e for s, e in where[i]) for j, c in enumerate(cands.itertuples())
        )
    ]  # fmt: skip
    out = {"facts": len(facts), "candidates": len(cands), "covered": len(pairs), "misread": len(misread)}
    rows = cands.to_dict("records")
    out["unit"] = sum(
        rows[j]["unit"] == facts[i]["unit"]
        and (facts[i]["unit"] != "rank" or _denominator(rows[j]["fraction"]) == facts[i]["of"])
        for i, j in pairs.items()  # `of` is a rank's denominator: the a/b of a count is no unit error
    )
    for col in ("qualifier", "kind", "period"):
        out[col] = sum(str(rows[j][col]) == facts[i][col] for i, j in pairs.items())
    given = [(i, j) for i, j in pairs.items() if rows[j]["indicator"]]
    out["indicator_given"] = len(given)
    out["indicator_ok"] = sum(rows[j]["indicator"] == facts[i]["indicator"] for i, j in given)
    no_fit = [(i, j) for i, j in pairs.items() if not facts[i]["indicator"]]
    out["no_fit"] = len(no_fit)
    out["empty_ok"] = sum(not rows[j]["indicator"] for i, j in no_fit)
    out["wrong"] = [
        f"{facts[i]['file'][:2]} {facts[i]['value']}: "
        + ", ".join(
            f"{col} {rows[j][col]!r} ≠ {facts[i][col]!r}"
            for col in ("unit", "qualifier", "kind", "period", "indicator")
            if str(rows[j][col]) != facts[i][col] and (col != "indicator" or rows[j][col])
        )
        for i, j in pairs.items()
    ]
    out["wrong"] = [w for w in out["wrong"] if not w.endswith(": ")]
    out["missed"] = [
        f"{facts[i]['file'][:2]} {facts[i]['value']}: {facts[i]['evidence']}" for i in options if i not in pairs
    ]
    out["extra"] = [f"{c['value']:g} {c['unit']} «{c['evidence']}»" for j, c in enumerate(rows) if j not in owner]
    return out


def run(folder: str | Path, truth_dir: Path = HERE) -> dict[str, dict]:
    """Scores of every text in ``folder``, summed by split: ``{"tune": {...}, "held_out": {...}}`` (or
    ``{"fresh3": {...}}`` for the truth in ``fresh_dir("fresh3")``, and so on for each of :data:`FRESH_SETS`)."""
    folder = Path(folder)
    truth = read_csv("truth.csv", truth_dir)
    totals: dict[str, dict] = {}
    for row in read_csv("texts.csv", truth_dir):
        path = folder / row["file"]
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found: give the folder of the texts of {truth_dir.name}/texts.csv")
        text = path.read_text(encoding="utf-8")
        cands = extract(text, province=row["province"], source_id="dev", period=row["period"])
        facts = [f for f in truth if f["file"] == row["file"]]
        got = score_text(text, facts, cands)
        tot = totals.setdefault(row["split"], {"texts": []})
        tot["texts"].append((row["file"], got))
        for key, value in got.items():
            tot[key] = tot.get(key, 0 if isinstance(value, int) else []) + value
    return totals


def ratios(t: dict) -> dict[str, float | None]:
    def r(n, d):
        return n / d if d else None

    seen = t["covered"] + t["misread"]
    return {
        "recall": r(t["covered"], t["facts"]),
        "precision": r(t["covered"], t["candidates"]),
        "values": r(t["covered"], seen),
        **{k: r(t[k], t["covered"]) for k in ("unit", "qualifier", "kind", "period")},
        "indicator": r(t["indicator_ok"], t["indicator_given"]),
        "empty_ok": r(t["empty_ok"], t["no_fit"]),
    }


def table(totals: dict[str, dict]) -> tuple[str, bool]:
    """The figures of each split beside the goals, and whether the held-out half meets them all."""
    head = f"{'split':<10}{'facts':>6}{'cands':>6}" + "".join(f"{m:>10}" for m in MEASURES)
    lines = [head, "-" * len(head)]
    for split in ("tune", "held_out", *FRESH_SETS):
        if split not in totals:
            continue
        t, rs = totals[split], ratios(totals[split])
        lines.append(
            f"{split:<10}{t['facts']:>6}{t['candidates']:>6}"
            + "".join(f"{'–' if rs[m] is None else f'{100 * rs[m]:.1f} %':>10}" for m in MEASURES)
        )
    lines.append(
        f"{'goal':<22}" + "".join(f"{f'≥ {100 * GOALS[m]:.0f} %' if m in GOALS else '–':>10}" for m in MEASURES)
    )
    split = next((s for s in reversed(FRESH_SETS) if s in totals), "held_out")
    held = ratios(totals[split]) if split in totals else {}
    ok = bool(held) and all(held[m] is None or held[m] >= GOALS[m] - 1e-12 for m in GOALS)
    lines.append(f"{split.replace('_', '-')} figures meet every goal: {'PASS' if ok else 'FAIL'}")
    return "\n".join(lines), ok


def details(totals: dict[str, dict], split: str = "tune") -> str:
    """Missed facts, candidates that are not facts and wrong guesses of one split (for tuning)."""
    t = totals.get(split, {})
    out = []
    for name, label in (("missed", "missed"), ("extra", "not a fact"), ("wrong", "wrong")):
        out += [f"{label}: {x}" for x in t.get(name, [])]
    return "\n".join(out)
