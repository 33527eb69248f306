"""Tests of ``cchc_data.curation.curate``: ``check`` and ``--apply`` of a reviewed extraction."""

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from corruptions import CASES

import cchc_data as cd
from cchc_data.cli import main
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
        if not hit and float(fact["value"]) not in cd.numbers_in(fact["evidence"]):
            # a number printed only in words ("không có đơn vị" = 0): extract reads numerals, so the reviewer
            # adds the row by hand, as data/README's rule on numbers in words says
            row = {c: "" for c in cands.columns} | {c: fact[c] for c in fact.index if c in cands.columns}
            row.update(value=float(fact["value"]), position=spans[0][0], keep="yes")
            cands = pd.concat([cands, pd.DataFrame([row])], ignore_index=True)
            continue
        assert hit, f"no candidate for {fact['fact_id']} ({fact['value']}: {fact['evidence']})"
        used.add(hit[0])
        for col in ["indicator", "period", "kind", "qualifier", "breakdown", "flag", "note", "note_vi"]:
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


ROW = {
    "province": "khanh-hoa",
    "indicator": "public_websites",
    "period": "2019",
    "kind": "actual",
    "value": "150",
    "qualifier": "none",
    "breakdown": "",
    "source_id": "kh-2019-article",
    "evidence": "Toàn tỉnh có 150 trang thông tin",
    "flag": "",
    "note": "",
    "keep": "yes",
    "unit": "count",
    "position": "10",
}


def review_file(tmp_path, rows, name="review.csv"):
    frame = pd.DataFrame([{**ROW, **r} for r in rows])
    path = tmp_path / name
    frame.to_csv(path, index=False, lineterminator="\n")
    return path


NEW_INDICATOR = {
    "indicator": "public_websites_with_services",
    "evidence": "có 150 trang thông tin có dịch vụ công",
    "catalog_label_vi": "Số trang thông tin điện tử có dịch vụ công",
    "catalog_label_en": "Government websites offering public services",
    "catalog_unit_vi": "trang thông tin điện tử",
    "catalog_unit_en": "websites",
    "catalog_domain": "digital_government",
    "catalog_description": "Number of government websites that offer public services online.",
}


def _slow_validate(monkeypatch, seconds=1.5):
    """Make every check take a while, so two applies (or an apply and a hand edit) overlap for sure."""
    import time

    from cchc_data import validation

    real = validation.validate

    def slow(*args, **kwargs):
        time.sleep(seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(validation, "validate", slow)  # curate asks cchc_data.validation, not the package


_KILLER = """
import sys
from cchc_data.curate import check
check(sys.argv[1], data_dir=sys.argv[2], apply=True)
"""


class TestCheck:
    def test_round_trip_on_a_text_of_the_evidence_fragments(self, data_copy, tmp_path):
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
    def test_round_trip_on_the_source_text(self, data_copy, tmp_path, source_id):
        src = cd.sources().set_index("source_id").loc[source_id]
        text = (Path(SOURCES) / src["text_file"]).read_text(encoding="utf-8")
        original, restored = round_trip(data_copy, source_id, text, tmp_path)
        mine = original[original["source_id"] == source_id].reset_index(drop=True)
        back = restored[restored["source_id"] == source_id].reset_index(drop=True)
        assert len(back) == len(mine)
        # ids are numbered afresh in reading order: <source_id>-001 … without the gaps the curated ids may have
        assert sorted(back["fact_id"]) == [f"{source_id}-{n:03d}" for n in range(1, len(mine) + 1)]
        # the same facts (ids follow the text's reading order, which the curated numbering mostly does)
        key = ["indicator", "period", "kind", "qualifier", "breakdown"]

        def facts_of(frame):
            return sorted(zip(*(frame[c] for c in key), frame["value"].astype(float), strict=True))

        assert facts_of(back) == facts_of(mine)

    def test_kept_rows_are_appended_with_ids_in_reading_order(self, data_copy, tmp_path):
        path = review_file(
            tmp_path,
            [
                {"value": "9", "evidence": "có 9 trang thông tin", "position": "300"},
                {"keep": "no", "value": "77", "evidence": "có 77 trang"},
                {"value": "150", "position": "100"},
                {"keep": "", "value": "78", "evidence": "có 78 trang"},
            ],
        )
        before = _facts(data_copy)
        report = check(path, data_dir=data_copy, apply=True)
        assert report.ok and report.applied, str(report)
        assert report.skipped == 2
        after = _facts(data_copy)
        added = after.iloc[len(before) :]
        last = before[before["source_id"] == "kh-2019-article"]["fact_id"].max()
        n = int(last.rsplit("-", 1)[1])
        assert added["fact_id"].tolist() == [f"kh-2019-article-{n + 1:03d}", f"kh-2019-article-{n + 2:03d}"]
        assert added["value"].tolist() == ["150", "9"]  # reading order, not file order
        assert cd.validate(data_copy).ok

    def test_each_problem_is_named_by_row_and_field(self, data_copy, tmp_path):
        path = review_file(
            tmp_path,
            [
                {},  # row 2: fine
                {"evidence": "Toàn tỉnh có nhiều trang thông tin"},  # row 3: the value is not in the evidence
                {"indicator": "no_such_indicator"},  # row 4
                {"qualifier": "roughly"},  # row 5
            ],
        )
        report = check(path, data_dir=data_copy)
        assert not report.ok
        where = {(i.row, i.field) for i in report.errors}
        assert (4, "indicator") in where
        messages = "\n".join(map(str, report.issues))
        assert "review.csv:4 [indicator]" in messages and "not in the catalog" in messages

    def test_validation_rules_map_back_to_review_rows(self, data_copy, tmp_path):
        path = review_file(
            tmp_path,
            [
                {},
                {"evidence": "Toàn tỉnh có nhiều trang thông tin", "position": "20"},
                {"qualifier": "roughly", "position": "30"},
            ],
        )
        report = check(path, data_dir=data_copy)
        where = {(i.row, i.field): i.message for i in report.errors}
        assert (3, "evidence") in where and "does not contain the value 150" in where[(3, "evidence")]
        assert (4, "qualifier") in where
        assert (2, "evidence") not in where

    def test_a_kept_flagged_row_needs_note_vi(self, data_copy, tmp_path):
        flagged = {"flag": "format_anomaly", "note": "printed so"}
        report = check(review_file(tmp_path, [flagged]), data_dir=data_copy)  # a file without a note_vi column
        assert [(i.row, i.field) for i in report.errors] == [(2, "note_vi")]
        assert "explain the flag in Vietnamese in note_vi" in report.errors[0].message
        path = review_file(tmp_path, [{**flagged, "note_vi": "nguồn in như vậy"}])
        report = check(path, data_dir=data_copy, apply=True)
        assert report.ok and report.applied, str(report)
        assert _facts(data_copy)["note_vi"].iloc[-1] == "nguồn in như vậy"

    def test_nothing_is_written_when_a_row_has_an_error(self, data_copy, tmp_path):
        path = review_file(tmp_path, [{}, {"period": "2019-Q5"}])
        before = {p.name: p.read_bytes() for p in data_copy.glob("*.csv")}
        report = check(path, data_dir=data_copy, apply=True)
        assert not report.ok and not report.applied
        assert (3, "period") in {(i.row, i.field) for i in report.errors}
        assert {p.name: p.read_bytes() for p in data_copy.glob("*.csv")} == before

    @pytest.mark.parametrize(
        ("value", "message"),
        [("65,91", r"decimal mark as '\.' \(65\.91\)"), ("1.514", "write 1514")],
    )
    def test_values_typed_the_vietnamese_way_are_caught(self, data_copy, tmp_path, value, message):
        path = review_file(tmp_path, [{"value": value, "evidence": f"tỷ lệ đạt {value}"}])
        report = check(path, data_dir=data_copy)
        assert [(i.row, i.field) for i in report.errors] == [(2, "value")]
        assert re.search(message, report.errors[0].message)

    def test_keep_must_be_yes_or_no(self, data_copy, tmp_path):
        report = check(review_file(tmp_path, [{"keep": "maybe"}]), data_dir=data_copy)
        assert [(i.row, i.field) for i in report.errors] == [(2, "keep")]
        assert "write yes" in report.errors[0].message

    def test_a_review_with_nothing_kept_says_so(self, data_copy, tmp_path):
        report = check(review_file(tmp_path, [{"keep": "no"}]), data_dir=data_copy, apply=True)
        assert not report.ok and "nothing to add" in report.errors[0].message

    def test_missing_columns_are_named(self, data_copy, tmp_path):
        path = tmp_path / "bad.csv"
        path.write_text("value,evidence\n1,x\n", encoding="utf-8")
        report = check(path, data_dir=data_copy)
        assert "missing columns: province, indicator" in report.errors[0].message

    def test_applying_twice_is_refused(self, data_copy, tmp_path):
        path = review_file(tmp_path, [{}])
        assert check(path, data_dir=data_copy, apply=True).applied
        again = check(path, data_dir=data_copy, apply=True)
        assert not again.ok and "already in indicators.csv as kh-2019-article-" in again.errors[0].message

    def test_a_fact_kept_three_times_in_one_review_is_refused_and_nothing_written(self, data_copy, tmp_path):
        copies = [{}, {"evidence": "trên địa bàn có 150 trang thông tin"}, {"value": "150.0", "position": "90"}]
        path = review_file(tmp_path, copies)
        before = _facts(data_copy)
        report = check(path, data_dir=data_copy, apply=True)
        assert not report.ok and not report.applied
        repeats = [i for i in report.errors if "the same fact as row 2" in i.message]
        assert [i.row for i in repeats] == [3, 4]
        assert "keep one of them" in repeats[0].message
        assert _facts(data_copy).equals(before)

    def test_a_new_catalog_row_comes_from_the_catalog_columns(self, data_copy, tmp_path):
        path = review_file(tmp_path, [NEW_INDICATOR, {"indicator": NEW_INDICATOR["indicator"], "value": "20",
                                                      "evidence": "có 20 trang", "breakdown": "level:province"}])  # fmt: skip
        report = check(path, data_dir=data_copy, apply=True)
        assert report.ok and report.applied, str(report)
        cat = pd.read_csv(data_copy / "catalog.csv", dtype=str, keep_default_na=False).set_index("indicator")
        row = cat.loc["public_websites_with_services"]
        assert (row["unit"], row["label_en"], row["domain"]) == (
            "count",
            NEW_INDICATOR["catalog_label_en"],
            "digital_government",
        )
        assert cd.validate(data_copy).ok
        assert len(cd.load_indicators(indicator="public_websites_with_services", data_dir=data_copy)) == 2
        import csv

        with open(data_copy / "catalog.csv", encoding="utf-8", newline="") as fh:
            header, *rows = list(csv.reader(fh))
        assert len(rows[-1]) == len(header)  # the appended row has every column of the catalog

    def test_a_new_catalog_row_needs_its_required_fields(self, data_copy, tmp_path):
        path = review_file(tmp_path, [{**NEW_INDICATOR, "catalog_label_en": "", "catalog_domain": "space"}])
        report = check(path, data_dir=data_copy, apply=True)
        where = {(i.row, i.field) for i in report.errors}
        assert (2, "catalog_label_en") in where
        assert not report.applied

    def test_a_bad_catalog_value_is_reported_on_the_review_row(self, data_copy, tmp_path):
        path = review_file(tmp_path, [{}, {**NEW_INDICATOR, "catalog_domain": "space", "position": "50"}])
        report = check(path, data_dir=data_copy)
        assert any(i.row == 3 and i.field == "catalog_domain" and "space" in i.message for i in report.errors), str(
            report
        )

    def test_cli_extract_then_curate_check(self, data_copy, tmp_path, capsys, monkeypatch):
        monkeypatch.chdir(tmp_path)
        (tmp_path / "report.txt").write_text(
            "Toàn tỉnh có 152 trang thông tin điện tử của cơ quan nhà nước; 4.650 tài khoản thư điện tử công vụ.\n",
            encoding="utf-8",
        )
        args = ["extract", "report.txt", "--province", "Khánh Hòa", "--source-id", "kh-2019-article"]
        assert main([*args, "--data-dir", str(data_copy)]) == 0
        out = capsys.readouterr().out
        assert out.startswith("2 candidates") and "review.csv" in out
        assert main([*args, "--data-dir", str(data_copy)]) == 2  # a review in progress is not overwritten
        assert "exists" in capsys.readouterr().err

        review = pd.read_csv("review.csv", dtype=str, keep_default_na=False)
        assert main(["curate", "check", "review.csv", "--data-dir", str(data_copy)]) == 1  # nothing kept yet
        review["keep"] = "yes"
        review.to_csv("review.csv", index=False)
        assert main(["curate", "check", "review.csv", "--data-dir", str(data_copy)]) == 0
        assert "valid: 2 rows kept" in capsys.readouterr().out
        assert main(["curate", "check", "review.csv", "--apply", "--data-dir", str(data_copy)]) == 0
        assert "applied" in capsys.readouterr().out
        assert cd.validate(data_copy).ok

    def test_cli_names_bad_input(self, tmp_path, capsys):
        assert main(["extract", str(tmp_path / "nope.txt"), "--province", "khanh-hoa", "--source-id", "x-1",
                     "-o", str(tmp_path / "r.csv")]) == 2  # fmt: skip
        assert "nope.txt" in capsys.readouterr().err
        (tmp_path / "t.txt").write_text("Có 5 xã.", encoding="utf-8")
        assert main(["extract", str(tmp_path / "t.txt"), "--province", "Atlantis", "--source-id", "x-1",
                     "-o", str(tmp_path / "r.csv")]) == 2  # fmt: skip
        assert "Atlantis" in capsys.readouterr().err
        assert main(["curate", "check", str(tmp_path / "missing.csv")]) == 2
        assert "cchc extract" in capsys.readouterr().err

    def test_cli_extract_says_when_periods_are_missing(self, tmp_path, capsys):
        (tmp_path / "t.txt").write_text("Có 5 xã đạt chuẩn.", encoding="utf-8")
        args = ["extract", str(tmp_path / "t.txt"), "--province", "khanh-hoa", "--source-id", "kh-2030-new"]
        assert main([*args, "-o", str(tmp_path / "r.csv")]) == 0
        assert "1 candidates have no period: give --period" in capsys.readouterr().out
        assert main([*args, "-o", str(tmp_path / "r2.csv"), "--period", "2030"]) == 0
        assert "no period" not in capsys.readouterr().out

    def test_review_file_protects_formula_like_cells_and_check_reads_them_back(self, tmp_path):
        """``cchc extract`` writes ``+7 hồ sơ`` as the workbooks do (text, never a formula); curate reads it back."""
        import pandas as pd

        from cchc_data.extract import extract, write_review

        rows = extract("Toàn tỉnh có 150 trang thông tin điện tử.", province="Khánh Hòa", source_id="kh-2019-article")
        rows = rows.assign(keep="yes", note="=1+1 line\rtwo", evidence="+" + rows["evidence"])
        path = write_review(rows, tmp_path / "review.csv")
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert len(raw) == len(rows)
        assert raw["note"].iat[0] == "'=1+1 line\rtwo" and raw["evidence"].iat[0].startswith("'+")
        from cchc_data.curate import _read_review

        back = _read_review(path)
        assert back["note"].iat[0] == "=1+1 line\rtwo" and back["evidence"].iat[0] == rows["evidence"].iat[0]

    def test_two_concurrent_applies_keep_both_rows_or_refuse_one_clearly(self, data_copy, tmp_path, monkeypatch):
        import threading

        _slow_validate(monkeypatch)
        first = review_file(tmp_path, [{}], name="first.csv")
        second = review_file(tmp_path, [{"value": "9", "evidence": "có 9 trang thông tin", "position": "300"}],
                             name="second.csv")  # fmt: skip
        before = _facts(data_copy)
        reports = {}

        def apply(path):
            try:
                reports[path.name] = check(path, data_dir=data_copy, apply=True)
            except Exception as exc:  # a clear refusal is allowed
                reports[path.name] = exc

        threads = [threading.Thread(target=apply, args=(p,)) for p in (first, second)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        after = _facts(data_copy)
        added = after.iloc[len(before) :]
        for name, value in (("first.csv", "150"), ("second.csv", "9")):
            outcome = reports[name]
            if isinstance(outcome, Exception) or not outcome.applied:
                assert "try again" in str(outcome), outcome  # refused, saying what to do
            else:
                assert value in added["value"].tolist(), f"{name} said applied but its row is not in the data"
        assert added["fact_id"].is_unique and cd.validate(data_copy).ok

    def test_a_hand_edit_during_an_apply_is_not_lost(self, data_copy, tmp_path, monkeypatch):
        import threading
        import time

        from cchc_data import validation

        real, checking_the_copy = validation.validate, threading.Event()

        def slow(folder, *args, **kwargs):  # the apply has read the tables when it validates its copy of them
            if ".cchc-curate" in str(folder):
                checking_the_copy.set()
                time.sleep(2)
            return real(folder, *args, **kwargs)

        monkeypatch.setattr(validation, "validate", slow)
        path = review_file(tmp_path, [{}])
        box = {}
        thread = threading.Thread(target=lambda: box.setdefault("report", check(path, data_dir=data_copy, apply=True)))
        thread.start()
        assert checking_the_copy.wait(120)  # not a fixed sleep: a loaded machine validates slower
        facts = _facts(data_copy)
        facts.loc[0, "note"] = "edited by hand during the apply"
        facts.to_csv(data_copy / "indicators.csv", index=False, lineterminator="\n")
        thread.join(120)
        report = box["report"]
        assert _facts(data_copy).loc[0, "note"] == "edited by hand during the apply"
        assert not report.applied and "changed while" in str(report) and "try again" in str(report)

    @pytest.mark.parametrize("point, completed", [("staged", False), ("between-replacements", True)])
    def test_a_kill_during_an_apply_leaves_old_or_new_and_the_next_command_finishes_it(
        self, data_copy, tmp_path, point, completed
    ):
        import signal

        path = review_file(tmp_path, [NEW_INDICATOR, {"indicator": NEW_INDICATOR["indicator"], "value": "20",
                                                      "evidence": "có 20 trang", "breakdown": "level:province"}])  # fmt: skip
        before = {name: (data_copy / name).read_bytes() for name in ("indicators.csv", "catalog.csv")}
        tmpdir = tmp_path / "tmpdir"
        tmpdir.mkdir()
        env = {**os.environ, "CCHC_CURATE_PAUSE_AT": point, "TMPDIR": str(tmpdir)}
        proc = subprocess.Popen([sys.executable, "-c", _KILLER, str(path), str(data_copy)], env=env,
                                stderr=subprocess.PIPE, text=True)  # fmt: skip
        line = proc.stderr.readline()
        assert f"paused at {point}" in line, line
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        assert list(tmpdir.iterdir()) == []  # no copy of the data left in $TMPDIR

        report = check(review_file(tmp_path, [{}], name="next.csv"), data_dir=data_copy)  # the next command
        assert any("interrupted" in i.message for i in report.issues), str(report)
        assert cd.validate(data_copy).ok
        facts, cat = _facts(data_copy), pd.read_csv(data_copy / "catalog.csv", dtype=str)
        if completed:
            assert NEW_INDICATOR["indicator"] in set(cat["indicator"])
            assert (facts["indicator"] == NEW_INDICATOR["indicator"]).sum() == 2
        else:
            assert {name: (data_copy / name).read_bytes() for name in before} == before
        assert not [p.name for p in data_copy.iterdir() if p.name.startswith(".") and p.name != ".cchc-curate.lock"]

    def test_a_nul_in_a_review_cell_is_refused_with_its_row_and_column(self, data_copy, tmp_path):
        path = review_file(tmp_path, [{"note": "95% văn\x00bản"}])
        with pytest.raises(cd.DataError, match=r"review.csv:2 \[note\]: contains a NUL byte at character 8"):
            check(path, data_dir=data_copy, apply=True)
        assert "95% văn" not in _facts(data_copy)["note"].str.cat()

    def test_a_symlinked_table_stays_a_symlink(self, data_copy, tmp_path):
        elsewhere = data_copy / "versions"  # the contract keeps every table inside the data folder
        elsewhere.mkdir()
        (data_copy / "indicators.csv").rename(elsewhere / "indicators.csv")
        (data_copy / "indicators.csv").symlink_to(elsewhere / "indicators.csv")
        report = check(review_file(tmp_path, [{}]), data_dir=data_copy, apply=True)
        assert report.applied, str(report)
        assert (data_copy / "indicators.csv").is_symlink()
        assert "Toàn tỉnh có 150 trang thông tin" in (elsewhere / "indicators.csv").read_text(encoding="utf-8")
        assert list(elsewhere.iterdir()) == [elsewhere / "indicators.csv"]  # nothing staged left beside the target

    def test_a_read_only_table_is_refused_with_a_message(self, data_copy, tmp_path):
        table = data_copy / "indicators.csv"
        before = table.read_bytes()
        table.chmod(0o444)
        report = check(review_file(tmp_path, [{}]), data_dir=data_copy, apply=True)
        assert not report.applied and "read-only" in str(report) and "chmod" in str(report)
        assert table.read_bytes() == before and (table.stat().st_mode & 0o777) == 0o444

    def test_a_renamed_table_is_found_through_datapackage_json(self, data_copy, tmp_path):
        import json

        desc = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
        for res in desc["resources"]:
            if res["name"] == "indicators":
                res["path"] = "facts.csv"
        (data_copy / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2), encoding="utf-8")
        (data_copy / "indicators.csv").rename(data_copy / "facts.csv")
        assert cd.validate(data_copy).ok
        report = check(review_file(tmp_path, [{}]), data_dir=data_copy, apply=True)
        assert report.applied, str(report)
        assert "Toàn tỉnh có 150 trang thông tin" in (data_copy / "facts.csv").read_text(encoding="utf-8")
        assert not (data_copy / "indicators.csv").exists()

    def test_curate_refuses_to_add_to_data_that_does_not_validate(self, data_copy, tmp_path):
        from cchc_data.curate import check

        CASES["population 0"](data_copy)
        review = tmp_path / "review.csv"
        with open(review, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["province", "indicator", "period", "kind", "value", "qualifier", "breakdown", "source_id",
                        "evidence", "flag", "note", "keep"])  # fmt: skip
            w.writerow(["khanh-hoa", "public_websites", "2018", "actual", "150", "none", "", "kh-2019-article",
                        "Toàn tỉnh có 150 trang thông tin", "", "", "yes"])  # fmt: skip
        before = (data_copy / "indicators.csv").read_bytes()
        report = check(review, data_dir=data_copy, apply=True)
        assert not report.ok and not report.applied
        assert report.errors[0].message.startswith(
            f"the data folder {data_copy} does not validate (1 errors; the first: "
        )
        assert (data_copy / "indicators.csv").read_bytes() == before
