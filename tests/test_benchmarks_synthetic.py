"""The benchmarks' synthetic package keeps up with the data contract (it broke once, unnoticed)."""

import csv

import cchc_data as cd
from benchmarks.synthetic import write_synthetic


def test_a_small_synthetic_package_meets_the_contract_and_validates(tmp_path):
    folder = write_synthetic(tmp_path / "synthetic", provinces=2, years=2, indicators=12)
    report = cd.validate(folder)
    assert report.errors == [], report.errors[:3]
    with open(folder / "indicators.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    facts = cd.load_indicators(data_dir=folder)
    assert len(facts) == len(rows) > 0
    assert sorted(facts["province"].astype(str).unique()) == sorted({r["province"] for r in rows})
    assert all(r["note_vi"] for r in rows if r["flag"])  # a flagged fact explains itself in Vietnamese
