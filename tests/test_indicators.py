import pandas as pd
import pytest

import cchc_data as cd


def test_columns_and_dtypes():
    df = cd.load_indicators()
    assert list(df.columns) == cd.COLUMNS
    assert df["value"].dtype == float
    assert str(df["year"].dtype) == "Int64" and str(df["quarter"].dtype) == "Int64"
    for col in ["province", "domain", "kind", "unit", "qualifier", "source_id"]:
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
    assert df["fact_id"].is_unique
    assert set(df["kind"]) <= {"actual", "plan", "target"}
    assert df["label_vi"].ne("").all() and df["label_en"].ne("").all()


def test_province_filter_accepts_names_as_typed():
    a = cd.load_indicators(province="Hà Giang")
    b = cd.load_indicators(province="ha giang")
    c = cd.load_indicators(province="02")
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)
    assert set(a["province"]) == {"ha-giang"} and len(a) > 0


def test_known_province_without_data_says_so():
    with pytest.raises(
        ValueError,
        match=r"Tuyên Quang \(tuyen-quang\) is a known province but has no curated data yet; provinces with data: Đắk Lắk, Hà Giang, Khánh Hòa",
    ):
        cd.load_indicators(province="Tuyên Quang")


def test_unknown_filters_name_the_valid_values():
    with pytest.raises(ValueError, match=r"'Atlantis' is not a known province"):
        cd.load_indicators(province="Atlantis")
    with pytest.raises(
        ValueError,
        match=r"'procedure' is not a known domain \(did you mean 'procedures'\?\); use one of .*; see cchc_data.domains\(\)$",
    ):
        cd.load_indicators(domain="procedure")
    with pytest.raises(ValueError, match=r"'no_such_code' is not a known indicator; .*cchc_data.search"):
        cd.load_indicators(indicator="no_such_code")
    with pytest.raises(ValueError, match=r"'fiber' is not a known concept"):
        cd.load_indicators(concept="fiber")
    with pytest.raises(ValueError, match=r"^'goal' is not a known kind; use one of 'actual', 'plan', 'target'$"):
        cd.load_indicators(kind="goal")
    with pytest.raises(
        ValueError,
        match=r"'Q5/2021' is not a period; write a year \(2019\), a quarter \(2021-Q1\).*Q1/2021 and quý I/2021 are read as 2021-Q1$",
    ):
        cd.load_indicators(period="Q5/2021")


def test_domain_by_label_without_diacritics():
    by_code = cd.load_indicators(domain="digital_government")
    by_label = cd.load_indicators(domain="Xay dung, phat trien Chinh phu dien tu, Chinh phu so")
    by_en = cd.load_indicators(domain="E-government and digital government")
    pd.testing.assert_frame_equal(by_code, by_label)
    pd.testing.assert_frame_equal(by_code, by_en)
    assert set(by_code["domain"]) == {"digital_government"}


def test_period_and_kind_filters():
    q1 = cd.load_indicators(period="2021-Q1")
    assert set(q1["period"]) == {"2021-Q1"}
    targets = cd.load_indicators(kind="target", province="Khánh Hòa")
    assert set(targets["kind"]) == {"target"} and len(targets) > 0
    by_year = cd.load_indicators(period=2021)
    assert set(by_year["year"]) == {2021}


def test_hg_fraction_is_two_facts_with_one_evidence():
    df = cd.load_indicators(province="Hà Giang")
    pair = df[df["evidence"].str.contains("191/195")]
    assert sorted(pair["value"]) == [191, 195]
    assert pair["breakdown"].unique().tolist() == ["level:commune"]


def test_qualifiers_kept():
    df = cd.load_indicators(province="Hà Giang")
    email = df[df["evidence"].str.contains("14 nghìn")]
    assert email["value"].tolist() == [14000] and email["qualifier"].tolist() == ["more_than"]


def test_sources_and_flags():
    s = cd.sources()
    assert s["source_id"].is_unique and len(s) == 5
    assert set(cd.load_indicators()["source_id"]) <= set(s["source_id"])
    f = cd.flags()
    assert (f["flag"] != "").all() and (f["note"] != "").all()


def test_flags_are_exactly_the_flagged_rows_of_the_file():
    """Independent of flags()'s own filter: read with the csv module; fails on an empty result."""
    import csv

    with open(cd.data_dir() / "indicators.csv", encoding="utf-8", newline="") as fh:
        flagged = {r["fact_id"]: r["flag"] for r in csv.DictReader(fh) if r["flag"]}
    f = cd.flags()
    assert len(flagged) > 0
    assert dict(zip(f["fact_id"], f["flag"], strict=True)) == flagged


def test_cli_summary_counts_the_facts(capsys):
    from cchc_data.cli import main

    assert main(["summary"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[0].split()
    df = cd.load_indicators()
    assert header == ["province", "domain", "source_id", *sorted(df["kind"].unique()), "facts"]
    total = sum(int(line.split()[-1]) for line in lines[1:])
    assert total == len(df)
    hg = sum(int(line.split()[-1]) for line in lines[1:] if line.split()[0] == "ha-giang")
    assert hg == (df["province"] == "ha-giang").sum()


def test_cli_summary_on_broken_data(data_copy, capsys):
    from cchc_data.cli import main

    (data_copy / "units.csv").unlink()
    assert main(["summary", "--data-dir", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"cchc summary: error: units.csv: is missing from {data_copy}; datapackage.json names it")


def test_malformed_row_gets_a_clear_error(data_copy, monkeypatch):
    path = data_copy / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[3].split(",")
    row[header.index("value")] = "mười"
    lines[3] = ",".join(row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("CCHC_DATA_DIR", str(data_copy))
    with pytest.raises(
        cd.DataError,
        match=r"^indicators.csv:4 \[value\]: 'mười': type error: not a number \(write 1514 or 65.91.*\(data folder .*\); run `cchc validate .*` to see every problem$",
    ):
        cd.load_indicators()


def test_broken_csv_gets_a_clear_error(data_copy):
    (data_copy / "indicators.csv").write_text('fact_id,province\n"unterminated,x\n', encoding="utf-8")
    with pytest.raises(cd.DataError, match="not a well-formed CSV file"):
        cd.load_indicators(data_dir=data_copy)


def test_missing_data_dir_is_explained(tmp_path):
    with pytest.raises(cd.DataError, match="is not a cchc data folder"):
        cd.load_indicators(data_dir=tmp_path)


def test_catalog_search_ignores_diacritics():
    hits = cd.search("chung thu so")
    assert "digital_certificates_issued" in set(hits["indicator"])
    assert cd.search("CHỨNG THƯ SỐ")["indicator"].tolist() == hits["indicator"].tolist()
    with pytest.raises(ValueError, match="needs some words"):
        cd.search("  ")


def test_every_catalog_row_is_labelled_in_both_languages():
    cat = cd.catalog()
    assert cat["indicator"].is_unique
    for col in ["label_vi", "label_en", "unit_vi", "unit_en", "description"]:
        assert cat[col].str.strip().ne("").all(), col
    assert set(cat["domain"]) <= set(cd.domains()["domain"])


@pytest.mark.parametrize("written", ["2021-Q1", "Q1/2021", "quý I/2021", "Quý 1 năm 2021", "Q1-2021", "2021Q1"])
def test_periods_as_vietnamese_documents_write_them(written):
    df = cd.load_indicators(province="Khánh Hòa", period=written)
    assert set(df["period"]) == {"2021-Q1"} and len(df) > 0


def test_a_period_without_facts_says_so():
    with pytest.raises(ValueError, match=r"^no facts for period 2018; periods with data: 2017, 2019, .*2021-Q1"):
        cd.load_indicators(period=2018)
    with pytest.raises(ValueError, match=r"^no facts for period 2016-Q2; periods with data: "):
        cd.load_indicators(period=["2017", "quý II/2016"])


def test_kinds_come_from_the_schema_enum(data_copy):
    import json

    path = data_copy / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    fields = next(r for r in desc["resources"] if r["name"] == "indicators")["schema"]["fields"]
    next(f for f in fields if f["name"] == "kind")["constraints"]["enum"].append("estimate")
    path.write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    assert cd.indicators.kinds(data_dir=data_copy) == ["actual", "plan", "target", "estimate"]
    assert cd.load_indicators(kind="estimate", data_dir=data_copy).empty
    with pytest.raises(
        ValueError, match=r"'guess' is not a known kind; use one of 'actual', 'plan', 'target', 'estimate'$"
    ):
        cd.load_indicators(kind="guess", data_dir=data_copy)
