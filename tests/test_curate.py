"""Checking and applying a reviewed candidates file (cchc_data.curate), and the round trip with extract."""

import os
import re
from pathlib import Path

import pandas as pd
import pytest

import cchc_data as cd
from cchc_data.curate import check
from cchc_data.extract import extract, write_review

SOURCES = os.environ.get("CCHC_SOURCES_DIR")


def _facts(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)


def remove_source(folder: Path, source_id: str) -> pd.DataFrame:
    """Drop a source's facts from a data folder; return them."""
    facts = _facts(folder)
    facts[facts["source_id"] != source_id].to_csv(folder / "indicators.csv", index=False, lineterminator="\n")
    return facts[facts["source_id"] == source_id].reset_index(drop=True)


def play_reviewer(cands: pd.DataFrame, removed: pd.DataFrame, text: str) -> pd.DataFrame:
    """Keep the candidate that matches each removed fact (same value, its number inside the fact's
    evidence) and correct its fields to the curated ones; the value and the evidence stay extracted."""
    cands = cands.copy()
    cands["keep"] = "no"
    used = set()
    for _, fact in removed.iterrows():
        pattern = r"\s+".join(re.escape(w) for w in fact["evidence"].split())
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
        hit = [
            i
            for i, c in cands.iterrows()
            if i not in used
            and abs(c["value"] - float(fact["value"])) < 1e-9
            and any(s <= c["position"] < e for s, e in spans)
        ]
        assert hit, f"no candidate for {fact['fact_id']} ({fact['value']}: {fact['evidence']})"
        used.add(hit[0])
        for col in ["indicator", "period", "kind", "qualifier", "breakdown", "flag", "note"]:
            cands.at[hit[0], col] = fact[col]
        cands.at[hit[0], "keep"] = "yes"
    return cands


def round_trip(folder: Path, source_id: str, text: str, tmp_path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    original = _facts(folder)
    removed = remove_source(folder, source_id)
    src = cd.sources(data_dir=folder).set_index("source_id").loc[source_id]
    cands = extract(text, province=src["province"], source_id=source_id, data_dir=folder)
    review = play_reviewer(cands, removed, text)
    path = write_review(review, tmp_path / "review.csv")
    report = check(path, data_dir=folder, apply=True)
    assert report.ok and report.applied, str(report)
    assert cd.validate(folder).ok
    return original, _facts(folder)


def test_round_trip_on_a_text_of_the_evidence_fragments(data_copy, tmp_path):
    # A stand-in for the report that needs no source text: its facts' evidence fragments, one per line.
    source_id = "hg-2018-article"
    evidence = list(dict.fromkeys(_facts(data_copy).query("source_id == @source_id")["evidence"]))
    original, restored = round_trip(data_copy, source_id, "\n".join(evidence) + "\n", tmp_path)
    mine = original[original["source_id"] == source_id].reset_index(drop=True)
    back = restored[restored["source_id"] == source_id].reset_index(drop=True)
    cols = ["fact_id", "indicator", "period", "kind", "qualifier", "breakdown", "flag"]
    pd.testing.assert_frame_equal(back[cols], mine[cols])
    assert (back["value"].astype(float) == mine["value"].astype(float)).all()


@pytest.mark.skipif(not SOURCES, reason="CCHC_SOURCES_DIR is not set (the source texts)")
@pytest.mark.parametrize("source_id", ["hg-2018-article", "kh-2021q1-report"])
def test_round_trip_on_the_source_text(data_copy, tmp_path, source_id):
    src = cd.sources().set_index("source_id").loc[source_id]
    text = (Path(SOURCES) / src["text_file"]).read_text(encoding="utf-8")
    original, restored = round_trip(data_copy, source_id, text, tmp_path)
    mine = original[original["source_id"] == source_id].reset_index(drop=True)
    back = restored[restored["source_id"] == source_id].reset_index(drop=True)
    assert len(back) == len(mine)
    assert sorted(back["fact_id"]) == sorted(mine["fact_id"])
    # the same facts (ids follow the text's reading order, which the curated numbering mostly does)
    key = ["indicator", "period", "kind", "qualifier", "breakdown"]

    def facts_of(frame):
        return sorted(zip(*(frame[c] for c in key), frame["value"].astype(float), strict=True))

    assert facts_of(back) == facts_of(mine)
