"""Known holes of issue 14: behaviours no test pinned, checked against expectations computed independently.

Expectations come from the CSV files read with the ``csv`` module (not through ``cchc_data``), or from
small hand-built data folders, so that a function returning nothing, or the wrong branch, fails here.
"""

import csv
import json
from collections import Counter

import numpy as np
import pytest

import cchc_data as cd
from cchc_data import analysis as an
from cchc_data.cli import main

HEADER = "fact_id,province,indicator,period,kind,value,qualifier,breakdown,source_id,evidence,flag,note,note_vi".split(
    ","
)


def _kinds(folder):
    """The kinds of fact the schema allows, in its order (``actual``, ``plan``, ``target``)."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    (facts,) = [r for r in package["resources"] if r["name"] == "indicators"]
    (kind,) = [f for f in facts["schema"]["fields"] if f["name"] == "kind"]
    return kind["constraints"]["enum"]


def _csv_rows(folder, table):
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write_facts(folder, rows):
    """Replace the facts of a data folder by ``rows`` (dicts; missing columns are empty)."""
    with open(folder / "indicators.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=HEADER)
        writer.writeheader()
        for row in rows:
            writer.writerow({col: row.get(col, "") for col in HEADER})


def _fact(n, indicator, period, kind, value, *, province="khanh-hoa", source="kh-2022-programme", **extra):
    return {
        "fact_id": f"{source}-{n:03d}",
        "province": province,
        "indicator": indicator,
        "period": period,
        "kind": kind,
        "value": value,
        "qualifier": "none",
        "source_id": source,
        "evidence": f"{value}",
        **extra,
    }


# --- flags() --------------------------------------------------------------------------------------------


def test_flags_returns_exactly_the_flagged_facts_of_the_csv():
    rows = _csv_rows(cd.data_dir(), "indicators")
    expected = {r["fact_id"]: (r["flag"], r["note"]) for r in rows if r["flag"]}
    assert expected, "the bundled data records flagged source inconsistencies"
    f = cd.flags()
    assert dict(zip(f["fact_id"], zip(f["flag"], f["note"], strict=True), strict=True)) == expected
    assert len(f) == len(expected)
    assert set(f.columns) <= set(cd.COLUMNS), "only columns of the facts, no leftover index"


def test_flags_on_a_hand_built_folder(data_copy):
    _write_facts(
        data_copy,
        [
            _fact(1, "dossiers_online_share", "2021", "actual", "20"),
            _fact(2, "dossiers_online_share", "2022", "actual", "120", flag="format_anomaly", note="printed so"),
        ],
    )
    f = cd.flags(data_dir=data_copy)
    assert f["fact_id"].tolist() == ["kh-2022-programme-002"]
    assert (f.at[0, "flag"], f.at[0, "note"], f.at[0, "value"]) == ("format_anomaly", "printed so", 120.0)
    _write_facts(data_copy, [_fact(1, "dossiers_online_share", "2021", "actual", "20")])
    assert cd.flags(data_dir=data_copy).empty


# --- summary() and `cchc summary` -------------------------------------------------------------------------


def _expected_summary(folder):
    domain_of = {r["indicator"]: r["domain"] for r in _csv_rows(folder, "catalog")}
    counts = Counter(
        (r["province"], domain_of[r["indicator"]], r["source_id"], r["kind"]) for r in _csv_rows(folder, "indicators")
    )
    kinds = _kinds(folder)
    table = {}
    for (province, domain, source, kind), n in counts.items():
        table.setdefault((province, domain, source), dict.fromkeys(kinds, 0))[kind] = n
    return {key: (*v.values(), sum(v.values())) for key, v in table.items()}


def test_summary_counts_match_the_csv():
    folder = cd.data_dir()
    kinds = _kinds(folder)
    expected = _expected_summary(folder)
    s = an.summary()
    assert list(s.columns) == ["province", "domain", "source_id", *kinds, "facts"]
    got = {
        (r["province"], r["domain"], r["source_id"]): tuple(int(r[c]) for c in [*kinds, "facts"])
        for r in s.astype({"province": str, "domain": str, "source_id": str}).to_dict("records")
    }
    assert got == expected
    assert len(s) == len(expected)
    rows = _csv_rows(folder, "indicators")
    assert s["facts"].sum() == len(rows)
    for kind in kinds:
        assert s[kind].sum() == sum(r["kind"] == kind for r in rows), kind


def test_summary_counts_targets_and_actuals_apart(data_copy):
    _write_facts(
        data_copy,
        [
            _fact(1, "dossiers_online_share", "2021", "actual", "20"),
            _fact(2, "dossiers_online_share", "2025", "target", "50"),
            _fact(3, "dossiers_online_share", "2030", "target", "80"),
            _fact(4, "dossiers_online_share", "2022", "plan", "30"),
            _fact(
                1, "digital_certificates_issued", "2017", "actual", "5", province="ha-giang", source="hg-2018-article"
            ),
        ],
    )
    s = an.summary(data_dir=data_copy).astype({"province": str, "source_id": str})
    by_province = s.set_index("province")
    assert by_province.loc["khanh-hoa", ["actual", "plan", "target", "facts"]].tolist() == [1, 1, 2, 4]
    assert by_province.loc["ha-giang", ["actual", "plan", "target", "facts"]].tolist() == [1, 0, 0, 1]


def test_cchc_summary_prints_the_counts(capsys):
    assert main(["summary"]) == 0
    out = capsys.readouterr().out.splitlines()
    kinds = _kinds(cd.data_dir())
    assert out[0].split() == ["province", "domain", "source_id", *kinds, "facts"]  # no index column
    printed = {}
    for line in out[1:]:
        province, domain, source, *counts = line.split()
        assert len(counts) == len(kinds) + 1, line
        printed[(province, domain, source)] = tuple(map(int, counts))
    assert printed == _expected_summary(cd.data_dir())


def test_cchc_summary_on_another_folder(data_copy, capsys):
    _write_facts(data_copy, [_fact(1, "dossiers_online_share", "2025", "target", "50")])
    assert main(["summary", "--data-dir", str(data_copy)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    domain = {r["indicator"]: r["domain"] for r in _csv_rows(data_copy, "catalog")}["dossiers_online_share"]
    # actual 0, plan 0, target 1, facts 1
    assert lines[1].split() == ["khanh-hoa", domain, "kh-2022-programme", "0", "0", "1", "1"]


# --- compare(kind=) ---------------------------------------------------------------------------------------


def test_compare_kind_chooses_targets_or_actuals(data_copy):
    _write_facts(
        data_copy,
        [
            _fact(1, "digital_certificates_issued", "2021", "actual", "1200"),
            _fact(2, "digital_certificates_issued", "2025", "target", "3000"),
            _fact(3, "digital_certificates_issued", "2022", "plan", "1800"),
            _fact(
                1,
                "digital_certificates_issued",
                "2017",
                "actual",
                "2725",
                province="ha-giang",
                source="hg-2018-article",
            ),
        ],
    )
    actual = an.compare("digital_certificates", data_dir=data_copy).set_index("province")
    assert actual["value"].to_dict() == {"ha-giang": 2725.0, "khanh-hoa": 1200.0}
    assert actual.at["khanh-hoa", "period"] == "2021"
    target = an.compare("digital_certificates", kind="target", data_dir=data_copy)
    assert target[["province", "period", "value"]].values.tolist() == [["khanh-hoa", "2025", 3000.0]]
    plan = an.compare("digital_certificates", kind="plan", data_dir=data_copy)
    assert plan[["province", "period", "kind", "value"]].values.tolist() == [["khanh-hoa", "2022", "plan", 1800.0]]
    listed = ", ".join(map(repr, _kinds(data_copy)))
    with pytest.raises(ValueError) as info:
        an.compare("digital_certificates", kind="goal", data_dir=data_copy)
    assert str(info.value) == f"'goal' is not a known kind; use one of {listed}"


# --- progress_to_target: targets that are ceilings ------------------------------------------------------


@pytest.mark.parametrize(
    ("qualifier", "target", "actual", "status"),
    [
        ("at_most", "10", "4", "met"),
        ("at_most", "10", "10", "met"),
        ("at_most", "10", "12", "not met yet"),
        ("less_than", "10", "3", "met"),
        ("less_than", "10", "15", "not met yet"),
        ("less_than", "10", "10", "not met yet"),  # "less than 10" is not met by 10
        ("none", "10", "12", "met"),
        ("none", "10", "10", "met"),
        ("none", "10", "4", "not met yet"),
        ("at_least", "10", "4", "not met yet"),
        ("more_than", "10", "15", "met"),
        ("more_than", "10", "10", "not met yet"),  # "more than 10" is not met by 10
        ("at_least", "10", "10", "met"),
    ],
)
def test_progress_to_target_reads_ceilings_and_floors(data_copy, qualifier, target, actual, status):
    _write_facts(
        data_copy,
        [
            _fact(1, "vertical_agency_dossiers_late", "2021", "actual", actual),
            _fact(2, "vertical_agency_dossiers_late", "2025", "target", target, qualifier=qualifier),
        ],
    )
    p = an.progress_to_target("Khánh Hòa", as_of="2024", data_dir=data_copy)
    assert len(p) == 1
    row = p.iloc[0]
    assert (row["status"], row["target_qualifier"], row["matched_by"]) == (status, qualifier, "indicator")
    assert row["gap"] == float(actual) - float(target)
    (entry,) = [r for r in _csv_rows(data_copy, "catalog") if r["indicator"] == "vertical_agency_dossiers_late"]
    assert (row["unit"], row["label_vi"], row["label_en"]) == (entry["unit"], entry["label_vi"], entry["label_en"])


def test_progress_to_target_falls_back_to_the_concept(data_copy):
    _write_facts(
        data_copy,
        [
            _fact(1, "edocs_sent_received_online_share", "2021", "actual", "92"),
            _fact(2, "edocs_sent_share", "2025", "target", "90", qualifier="at_least"),
        ],
    )
    row = an.progress_to_target("khanh-hoa", data_dir=data_copy).iloc[0]
    assert (row["matched_by"], row["actual"], row["status"]) == ("concept", 92.0, "met")
    assert row["gap"] == pytest.approx(2.0)


# --- part/whole shares: a flag on either side reaches the derived share -----------------------------------


@pytest.mark.parametrize(
    ("part_flag", "whole_flag", "expected"),
    [
        ("", "", ""),
        ("", "sum_mismatch", "sum_mismatch"),
        ("contradiction", "", "contradiction"),
        ("contradiction", "sum_mismatch", "contradiction"),
    ],
)
def test_part_whole_share_inherits_flags(data_copy, part_flag, whole_flag, expected):
    common = {"breakdown": "level:commune", "province": "ha-giang", "source": "hg-2018-article"}
    _write_facts(
        data_copy,
        [
            _fact(1, "admin_units_with_video_conference", "2017", "actual", "191", flag=part_flag, **common),
            _fact(2, "admin_units_total", "2017", "actual", "195", flag=whole_flag, **common),
        ],
    )
    s = an.part_whole_shares(data_dir=data_copy)
    assert len(s) == 1
    row = s.iloc[0]
    assert row["flag"] == expected
    assert (row["part"], row["whole"]) == (191.0, 195.0)
    assert row["share"] == pytest.approx(100 * 191 / 195)


def test_part_whole_share_of_a_zero_whole_is_missing(data_copy):
    common = {"breakdown": "level:commune", "province": "ha-giang", "source": "hg-2018-article"}
    _write_facts(
        data_copy,
        [
            _fact(1, "admin_units_with_video_conference", "2017", "actual", "0", **common),
            _fact(2, "admin_units_total", "2017", "actual", "0", **common),
        ],
    )
    assert np.isnan(an.part_whole_shares(data_dir=data_copy).at[0, "share"])


# --- verify_evidence on small texts written here -----------------------------------------------------------


@pytest.fixture
def small_sources(data_copy, tmp_path):
    """A data folder with one source, kh-2019-article, and a folder holding a short text of it."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (source,) = [r for r in _csv_rows(data_copy, "sources") if r["source_id"] == "kh-2019-article"]
    with open(data_copy / "sources.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(source))
        writer.writeheader()
        writer.writerow(source)
    text_file = source["text_file"]
    (texts / text_file).write_text("Năm 2019, tỉnh đã cấp\n  1.514   chứng thư số cho cán bộ.\n", encoding="utf-8")
    return data_copy, texts, text_file


def _evidence_facts(folder, first, second):
    _write_facts(
        folder,
        [
            _fact(1, "digital_certificates_issued", "2019", "actual", "1514", source="kh-2019-article", evidence=first),
            _fact(
                2, "digital_certificates_issued", "2019", "actual", "1514", source="kh-2019-article", evidence=second
            ),
        ],
    )


def test_verify_evidence_finds_fragments_across_whitespace(small_sources):
    folder, texts, _ = small_sources
    _evidence_facts(folder, "đã cấp 1.514 chứng thư số", "1.514\nchứng   thư số")
    assert cd.verify_evidence(texts, data_dir=folder) == []


def test_verify_evidence_reports_a_fragment_not_in_the_text(small_sources):
    folder, texts, text_file = small_sources
    _evidence_facts(folder, "đã cấp 1.514 chứng thư số", "đã cấp 1.541 chứng thư số")
    problems = cd.verify_evidence(texts, data_dir=folder)
    assert len(problems) == 1
    p = problems[0]
    assert (p.level, p.file, p.row, p.field) == ("error", "indicators.csv", 3, "evidence")
    assert p.message == f"kh-2019-article-002: 'đã cấp 1.541 chứng thư số' does not occur in {text_file}"


def test_verify_evidence_reports_a_missing_text_and_needs_a_folder(small_sources, monkeypatch, tmp_path):
    folder, texts, text_file = small_sources
    _evidence_facts(folder, "đã cấp 1.514 chứng thư số", "chứng thư số")
    (texts / text_file).unlink()
    problems = cd.verify_evidence(texts, data_dir=folder)
    assert [(p.level, p.file, p.row, p.field, p.message) for p in problems] == [
        ("error", "sources.csv", None, "text_file", f"{texts / text_file} not found for source kh-2019-article")
    ]  # and the facts of a missing text are not checked
    monkeypatch.delenv(cd.validation.SOURCES_DIR_ENV, raising=False)
    with pytest.raises(ValueError, match="give the folder of source texts, or set CCHC_SOURCES_DIR"):
        cd.verify_evidence(data_dir=folder)
    monkeypatch.setenv(cd.validation.SOURCES_DIR_ENV, str(texts))
    assert cd.verify_evidence(data_dir=folder) == problems


# --- load_indicators: filters combine, an int year takes every period starting in it ------------------------


@pytest.mark.parametrize("province", ["khanh-hoa", "ha-giang", "dak-lak"])
def test_province_and_year_filters_combine(province):
    rows = _csv_rows(cd.data_dir(), "indicators")
    # the province's year with the most facts (periods such as 2021-Q1 or 2021-2030 start in it)
    ((year, _),) = Counter(int(r["period"][:4]) for r in rows if r["province"] == province).most_common(1)
    expected = sorted(r["fact_id"] for r in rows if r["province"] == province and r["period"][:4] == str(year))
    assert expected, "the bundled data has facts for this province and year"
    got = cd.load_indicators(province=province, period=year)
    assert sorted(got["fact_id"]) == expected
    periods = {r["period"] for r in rows if r["province"] == province and r["period"][:4] == str(year)}
    assert set(got["period"]) == periods


def test_domain_and_year_filters_combine():
    domain_of = {r["indicator"]: r["domain"] for r in _csv_rows(cd.data_dir(), "catalog")}
    rows = _csv_rows(cd.data_dir(), "indicators")
    in_year = [r for r in rows if r["period"][:4] == "2021"]
    expected = sorted(r["fact_id"] for r in in_year if domain_of[r["indicator"]] == "digital_government")
    assert expected and len(expected) < len(in_year), "the year has facts inside and outside the domain"
    got = cd.load_indicators(domain="digital_government", period=2021)
    assert sorted(got["fact_id"]) == expected


def test_province_and_period_filters_combine_when_provinces_share_a_period(data_copy):
    _write_facts(
        data_copy,
        [
            _fact(1, "dossiers_online_share", "2021", "actual", "20"),
            _fact(
                1, "digital_certificates_issued", "2021", "actual", "5", province="ha-giang", source="hg-2018-article"
            ),
        ],
    )
    for period in (2021, "2021"):
        got = cd.load_indicators(province="Hà Giang", period=period, data_dir=data_copy)
        assert got["fact_id"].tolist() == ["hg-2018-article-001"]


# --- coverage(by="domain") -----------------------------------------------------------------------------------


def test_coverage_by_domain_counts_match_the_csv():
    folder = cd.data_dir()
    domain_of = {r["indicator"]: r["domain"] for r in _csv_rows(folder, "catalog")}
    counts = Counter((domain_of[r["indicator"]], r["province"]) for r in _csv_rows(folder, "indicators"))
    order = [r["domain"] for r in sorted(_csv_rows(folder, "domains"), key=lambda r: int(r["order"]))]
    used = {d for d, _ in counts}
    m = an.coverage(by="domain")
    assert m.index.tolist() == [d for d in order if d in used]
    assert m.columns.tolist() == sorted({p for _, p in counts})
    assert {(d, p): int(m.at[d, p]) for d in m.index for p in m.columns if m.at[d, p]} == dict(counts)


def test_compare_filters_provinces_and_adds_successors(data_copy):
    _write_facts(
        data_copy,
        [
            _fact(1, "digital_certificates_issued", "2021", "actual", "1200"),
            _fact(2, "edocs_sent_share", "2021", "actual", "80"),
            _fact(
                1,
                "digital_certificates_issued",
                "2017",
                "actual",
                "2725",
                province="ha-giang",
                source="hg-2018-article",
            ),
            _fact(2, "edocs_sent_share", "2017", "actual", "95", province="ha-giang", source="hg-2018-article"),
            _fact(
                1,
                "digital_certificates_issued",
                "2022",
                "actual",
                "900",
                province="dak-lak",
                source="dl-2023-interview",
            ),
        ],
    )
    one = an.compare("digital_certificates", provinces="Hà Giang", data_dir=data_copy)
    assert one[["province", "value"]].values.tolist() == [["ha-giang", 2725.0]]
    two = an.compare("digital_certificates", provinces=["56", "Đắk Lắk"], data_dir=data_copy)
    assert two[["province", "value"]].values.tolist() == [["khanh-hoa", 1200.0], ["dak-lak", 900.0]]
    assert "successor" not in two.columns
    both = an.compare(["edocs_sent_share", "digital_certificates"], successors=True, data_dir=data_copy)
    assert both[["concept", "province", "value"]].values.tolist() == [
        ["digital_certificates", "ha-giang", 2725.0],
        ["digital_certificates", "khanh-hoa", 1200.0],
        ["digital_certificates", "dak-lak", 900.0],
        ["edocs_sent_share", "ha-giang", 95.0],
        ["edocs_sent_share", "khanh-hoa", 80.0],
    ]
    assert both["display_name"].tolist()[:3] == ["Hà Giang → Tuyên Quang", "Khánh Hòa", "Đắk Lắk"]
    assert both.index.tolist() == list(range(5))
    concepts = {r["concept"]: r for r in _csv_rows(data_copy, "concepts")}
    assert both["concept_label_en"].tolist() == [concepts[c]["label_en"] for c in both["concept"]]
    assert both["concept_label_vi"].tolist() == [concepts[c]["label_vi"] for c in both["concept"]]


@pytest.mark.parametrize(
    ("actual", "actual_qualifier", "target", "target_qualifier", "status"),
    [
        (60, "more_than", 80, "at_least", "cannot tell"),  # "more than 60%" may or may not reach 80%
        (80, "more_than", 80, "at_least", "met"),  # every value above 80 is at least 80
        (80, "at_least", 80, "more_than", "cannot tell"),  # 80 itself is not more than 80
        (90, "more_than", 80, "none", "met"),
        (70, "less_than", 80, "at_least", "not met yet"),
        (80, "less_than", 80, "at_least", "not met yet"),
        (80, "at_most", 80, "at_least", "cannot tell"),
        (5, "at_most", 10, "less_than", "met"),
        (10, "at_most", 10, "less_than", "cannot tell"),
        (10, "at_least", 10, "at_most", "cannot tell"),
        (10, "more_than", 10, "at_most", "not met yet"),
        (12, "about", 10, "at_most", "not met yet"),
    ],
)
def test_target_status_reads_qualified_actuals_as_ranges(actual, actual_qualifier, target, target_qualifier, status):
    assert an.target_status(actual, actual_qualifier, target, target_qualifier) == status


def test_progress_to_target_says_when_a_qualified_actual_cannot_decide(data_copy):
    _write_facts(
        data_copy,
        [
            _fact(1, "vertical_agency_dossiers_late", "2021", "actual", "60", qualifier="more_than"),
            _fact(2, "vertical_agency_dossiers_late", "2025", "target", "80", qualifier="at_least"),
        ],
    )
    row = an.progress_to_target("Khánh Hòa", data_dir=data_copy).iloc[0]
    assert (row["status"], row["actual_qualifier"], row["target_qualifier"]) == ("cannot tell", "more_than", "at_least")
