"""Tests of cchc_data/indicators.py: loading the facts and their vocabularies, filters, flags."""

import csv
import json
import os
from collections import Counter

import pandas as pd
import pytest
from datafolder import csv_rows, fact, write_csv, write_facts

import cchc_data as cd
from cchc_data.cli import main
from cchc_data.indicators import kinds, provinces_with_data


def _edit_table(folder, table, edit):
    """Rewrite ``table``.csv of ``folder`` with ``edit(rows)`` (a list of dicts), keeping its columns."""
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(edit(rows))


def _set(rows, key, value, **changes):
    """``rows`` with ``changes`` applied to the row whose ``key`` column is ``value`` (which must exist)."""
    assert any(r[key] == value for r in rows), f"no row with {key}={value!r}"
    return [{**r, **changes} if r[key] == value else r for r in rows]


def _ids(frame):
    return sorted(frame["fact_id"])


def _domain_of(folder):
    return {r["indicator"]: r["domain"] for r in csv_rows(folder, "catalog")}


@pytest.fixture
def only_ha_giang(data_copy):
    """A data folder whose only facts are two Hà Giang facts."""
    write_facts(
        data_copy,
        [
            fact(1, "dossiers_online_share", "2021", "actual", "20", province="ha-giang", source="hg-2018-article"),
            fact(2, "dossiers_online_share", "2022", "actual", "25", province="ha-giang", source="hg-2018-article"),
        ],
    )
    return data_copy


@pytest.fixture
def two_provinces(data_copy):
    """One indicator with facts in two provinces, and a fact of another domain."""
    domain_of = _domain_of(data_copy)
    other = next(i for i, d in domain_of.items() if d != domain_of["dossiers_online_share"])
    write_facts(
        data_copy,
        [
            fact(1, "dossiers_online_share", "2021", "actual", "20"),
            fact(2, other, "2021", "actual", "5"),
            fact(3, "dossiers_online_share", "2021", "actual", "30", province="ha-giang", source="hg-2018-article"),
        ],
    )
    return data_copy


class TestIndicators:
    def test_columns_and_dtypes(self):
        df = cd.load_indicators()
        assert list(df.columns) == cd.COLUMNS
        assert df["value"].dtype == float
        assert str(df["year"].dtype) == "Int64" and str(df["quarter"].dtype) == "Int64"
        for col in ["province", "domain", "kind", "unit", "qualifier", "source_id"]:
            assert isinstance(df[col].dtype, pd.CategoricalDtype), col
        assert df["fact_id"].is_unique
        assert set(df["kind"]) <= {"actual", "plan", "target"}
        assert df["label_vi"].ne("").all() and df["label_en"].ne("").all()

    def test_province_filter_accepts_names_as_typed(self):
        a = cd.load_indicators(province="Hà Giang")
        b = cd.load_indicators(province="ha giang")
        c = cd.load_indicators(province="02")
        pd.testing.assert_frame_equal(a, b)
        pd.testing.assert_frame_equal(a, c)
        assert set(a["province"]) == {"ha-giang"} and len(a) > 0

    def test_known_province_without_data_says_so(self):
        with pytest.raises(
            ValueError,
            match=r"Tuyên Quang \(tuyen-quang\) is a known province but has no curated data yet; provinces with data: Đắk Lắk, Hà Giang, Khánh Hòa",
        ):
            cd.load_indicators(province="Tuyên Quang")

    def test_unknown_filters_name_the_valid_values(self):
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

    def test_domain_by_label_without_diacritics(self):
        by_code = cd.load_indicators(domain="digital_government")
        by_label = cd.load_indicators(domain="Xay dung, phat trien Chinh phu dien tu, Chinh phu so")
        by_en = cd.load_indicators(domain="E-government and digital government")
        pd.testing.assert_frame_equal(by_code, by_label)
        pd.testing.assert_frame_equal(by_code, by_en)
        assert set(by_code["domain"]) == {"digital_government"}

    def test_period_and_kind_filters(self):
        q1 = cd.load_indicators(period="2021-Q1")
        assert set(q1["period"]) == {"2021-Q1"}
        targets = cd.load_indicators(kind="target", province="Khánh Hòa")
        assert set(targets["kind"]) == {"target"} and len(targets) > 0
        by_year = cd.load_indicators(period=2021)
        assert set(by_year["year"]) == {2021}

    def test_hg_fraction_is_two_facts_with_one_evidence(self):
        df = cd.load_indicators(province="Hà Giang")
        pair = df[df["evidence"].str.contains("191/195")]
        assert sorted(pair["value"]) == [191, 195]
        assert pair["breakdown"].unique().tolist() == ["level:commune"]

    def test_qualifiers_kept(self):
        df = cd.load_indicators(province="Hà Giang")
        email = df[df["evidence"].str.contains("14 nghìn")]
        assert email["value"].tolist() == [14000] and email["qualifier"].tolist() == ["more_than"]

    def test_cli_summary_counts_the_facts(self, capsys):

        assert main(["summary"]) == 0
        lines = capsys.readouterr().out.splitlines()
        header = lines[0].split()
        df = cd.load_indicators()
        assert header == ["province", "domain", "source_id", *sorted(df["kind"].unique()), "facts"]
        total = sum(int(line.split()[-1]) for line in lines[1:])
        assert total == len(df)
        hg = sum(int(line.split()[-1]) for line in lines[1:] if line.split()[0] == "ha-giang")
        assert hg == (df["province"] == "ha-giang").sum()

    def test_cli_summary_on_broken_data(self, data_copy, capsys):

        (data_copy / "units.csv").unlink()
        assert main(["summary", "--data-dir", str(data_copy)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"cchc summary: error: units.csv: is missing from {data_copy}; datapackage.json names it")

    def test_malformed_row_gets_a_clear_error(self, data_copy, monkeypatch):
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

    def test_broken_csv_gets_a_clear_error(self, data_copy):
        (data_copy / "indicators.csv").write_text('fact_id,province\n"unterminated,x\n', encoding="utf-8")
        with pytest.raises(cd.DataError, match="not a well-formed CSV file"):
            cd.load_indicators(data_dir=data_copy)

    def test_missing_data_dir_is_explained(self, tmp_path):
        with pytest.raises(cd.DataError, match="is not a cchc data folder"):
            cd.load_indicators(data_dir=tmp_path)

    def test_catalog_search_ignores_diacritics(self):
        hits = cd.search("chung thu so")
        assert "digital_certificates_issued" in set(hits["indicator"])
        assert cd.search("CHỨNG THƯ SỐ")["indicator"].tolist() == hits["indicator"].tolist()
        with pytest.raises(ValueError, match="needs some words"):
            cd.search("  ")

    def test_every_catalog_row_is_labelled_in_both_languages(self):
        cat = cd.catalog()
        assert cat["indicator"].is_unique
        for col in ["label_vi", "label_en", "unit_vi", "unit_en", "description"]:
            assert cat[col].str.strip().ne("").all(), col
        assert set(cat["domain"]) <= set(cd.domains()["domain"])

    @pytest.mark.parametrize("written", ["2021-Q1", "Q1/2021", "quý I/2021", "Quý 1 năm 2021", "Q1-2021", "2021Q1"])
    def test_periods_as_vietnamese_documents_write_them(self, written):
        df = cd.load_indicators(province="Khánh Hòa", period=written)
        assert set(df["period"]) == {"2021-Q1"} and len(df) > 0

    def test_a_period_without_facts_says_so(self):
        with pytest.raises(ValueError, match=r"^no facts for period 2018; periods with data: 2017, 2019, .*2021-Q1"):
            cd.load_indicators(period=2018)
        with pytest.raises(ValueError, match=r"^no facts for period 2016-Q2; periods with data: "):
            cd.load_indicators(period=["2017", "quý II/2016"])

    def test_a_province_without_facts_in_the_given_folder_is_refused(self, only_ha_giang):
        with pytest.raises(
            ValueError,
            match=r"^Khánh Hòa \(khanh-hoa\) is a known province but has no curated data yet; provinces with data: Hà Giang$",
        ):
            cd.load_indicators(province="Khánh Hòa", data_dir=only_ha_giang)

    def test_provinces_are_resolved_with_the_given_folders_aliases(self, data_copy):
        _edit_table(data_copy, "provinces", lambda rows: _set(rows, "slug", "khanh-hoa", aliases="Xứ Trầm Hương"))
        expected = sorted(r["fact_id"] for r in csv_rows(data_copy, "indicators") if r["province"] == "khanh-hoa")
        assert expected
        assert _ids(cd.load_indicators(province="xu tram huong", data_dir=data_copy)) == expected

    def test_a_province_only_the_given_folder_knows_is_named_from_that_folder(self, data_copy):
        def add(rows):
            new = dict.fromkeys(rows[0], "")
            new.update(slug="thu-nghiem", gso_code="99", name_vi="Thử Nghiệm", name_ascii="Thu Nghiem")
            new.update(type="province", successor="thu-nghiem")
            return [*rows, new]

        _edit_table(data_copy, "provinces", add)
        with_data = {r["province"] for r in csv_rows(data_copy, "indicators")}
        names = sorted(
            (r["name_ascii"].lower(), r["name_vi"]) for r in csv_rows(data_copy, "provinces") if r["slug"] in with_data
        )
        have = ", ".join(name for _, name in names)
        message = (
            f"Thử Nghiệm (thu-nghiem) is a known province but has no curated data yet; provinces with data: {have}"
        )
        with pytest.raises(ValueError) as caught:
            cd.load_indicators(province="Thu Nghiem", data_dir=data_copy)
        assert str(caught.value) == message

    def test_domains_are_read_from_the_given_folder(self, data_copy):
        _edit_table(data_copy, "domains", lambda rows: _set(rows, "domain", "procedures", label_en="Paperwork"))
        domain_of = _domain_of(data_copy)
        expected = sorted(
            r["fact_id"] for r in csv_rows(data_copy, "indicators") if domain_of[r["indicator"]] == "procedures"
        )
        assert expected
        assert _ids(cd.load_indicators(domain="paperwork", data_dir=data_copy)) == expected

    def test_catalog_and_concepts_are_read_from_the_given_folder(self, data_copy):
        def add_concept(rows):
            return [*rows, {**rows[0], "concept": "test_concept"}]

        def add_indicator(rows):
            return [*rows, {**rows[0], "indicator": "test_indicator", "concept": "test_concept"}]

        _edit_table(data_copy, "concepts", add_concept)
        _edit_table(data_copy, "catalog", add_indicator)
        write_facts(
            data_copy,
            [fact(1, "test_indicator", "2021", "actual", "7"), fact(2, "dossiers_online_share", "2021", "actual", "9")],
        )
        assert _ids(cd.load_indicators(indicator="test_indicator", data_dir=data_copy)) == ["kh-2022-programme-001"]
        assert _ids(cd.load_indicators(concept="test_concept", data_dir=data_copy)) == ["kh-2022-programme-001"]

    @pytest.mark.parametrize("typed", ["civil service", "Civil_Service", "civil_service", "Civil service reform"])
    def test_a_domain_code_may_be_typed_with_spaces(self, typed):
        domain_of = _domain_of(cd.data_dir())
        expected = sorted(
            r["fact_id"] for r in csv_rows(cd.data_dir(), "indicators") if domain_of[r["indicator"]] == "civil_service"
        )
        assert expected
        assert _ids(cd.load_indicators(domain=typed)) == expected

    def test_a_label_may_be_typed_with_underscores(self):
        by_label = cd.load_indicators(domain="Institutional reform")
        assert not by_label.empty
        assert _ids(cd.load_indicators(domain="institutional_reform")) == _ids(by_label)

    @pytest.mark.parametrize(("province", "slug"), [("Khánh Hòa", "khanh-hoa"), ("Hà Giang", "ha-giang")])
    def test_province_and_domain_filters_combine(self, two_provinces, province, slug):
        domain = _domain_of(two_provinces)["dossiers_online_share"]
        expected = sorted(
            r["fact_id"]
            for r in csv_rows(two_provinces, "indicators")
            if r["province"] == slug and _domain_of(two_provinces)[r["indicator"]] == domain
        )
        got = cd.load_indicators(province=province, domain=domain, data_dir=two_provinces)
        assert _ids(got) == expected

    @pytest.mark.parametrize(("province", "slug"), [("Khánh Hòa", "khanh-hoa"), ("Hà Giang", "ha-giang")])
    def test_province_and_indicator_filters_combine(self, two_provinces, province, slug):
        expected = sorted(
            r["fact_id"]
            for r in csv_rows(two_provinces, "indicators")
            if r["province"] == slug and r["indicator"] == "dossiers_online_share"
        )
        got = cd.load_indicators(province=province, indicator="dossiers_online_share", data_dir=two_provinces)
        assert _ids(got) == expected

    def test_an_unknown_indicator_points_to_the_catalog_and_search(self):
        with pytest.raises(ValueError) as caught:
            cd.load_indicators(indicator="zzz")
        assert str(caught.value) == "'zzz' is not a known indicator; see cchc_data.catalog() or cchc_data.search()"

    def test_an_unknown_concept_lists_the_concepts_and_points_to_concepts(self):
        codes = [r["concept"] for r in csv_rows(cd.data_dir(), "concepts")]
        assert 0 < len(codes) <= 12, "few enough concepts to be listed whole"
        with pytest.raises(ValueError) as caught:
            cd.load_indicators(concept="zzz")
        listed = ", ".join(repr(c) for c in codes)
        assert str(caught.value) == f"'zzz' is not a known concept; use one of {listed}; see cchc_data.concepts()"

    def test_filtered_categories_are_those_present_but_domain_keeps_the_framework(self):
        rows = [r for r in csv_rows(cd.data_dir(), "indicators") if r["province"] == "ha-giang"]
        framework = [r["domain"] for r in sorted(csv_rows(cd.data_dir(), "domains"), key=lambda r: int(r["order"]))]
        domain_of = _domain_of(cd.data_dir())
        assert {domain_of[r["indicator"]] for r in rows} < set(framework), "some domain has no Hà Giang facts"
        df = cd.load_indicators(province="Hà Giang")
        assert df["province"].cat.categories.tolist() == ["ha-giang"]
        assert df["kind"].cat.categories.tolist() == sorted({r["kind"] for r in rows})
        assert df["source_id"].cat.categories.tolist() == sorted({r["source_id"] for r in rows})
        assert df["domain"].cat.categories.tolist() == framework
        assert df["domain"].cat.ordered

    @pytest.mark.parametrize("province", ["khanh-hoa", "ha-giang", "dak-lak"])
    def test_province_and_year_filters_combine(self, province):
        rows = csv_rows(cd.data_dir(), "indicators")
        # the province's year with the most facts (periods such as 2021-Q1 or 2021-2030 start in it)
        ((year, _),) = Counter(int(r["period"][:4]) for r in rows if r["province"] == province).most_common(1)
        expected = sorted(r["fact_id"] for r in rows if r["province"] == province and r["period"][:4] == str(year))
        assert expected, "the bundled data has facts for this province and year"
        got = cd.load_indicators(province=province, period=year)
        assert sorted(got["fact_id"]) == expected
        periods = {r["period"] for r in rows if r["province"] == province and r["period"][:4] == str(year)}
        assert set(got["period"]) == periods

    def test_domain_and_year_filters_combine(self):
        domain_of = {r["indicator"]: r["domain"] for r in csv_rows(cd.data_dir(), "catalog")}
        rows = csv_rows(cd.data_dir(), "indicators")
        in_year = [r for r in rows if r["period"][:4] == "2021"]
        expected = sorted(r["fact_id"] for r in in_year if domain_of[r["indicator"]] == "digital_government")
        assert expected and len(expected) < len(in_year), "the year has facts inside and outside the domain"
        got = cd.load_indicators(domain="digital_government", period=2021)
        assert sorted(got["fact_id"]) == expected

    def test_province_and_period_filters_combine_when_provinces_share_a_period(self, data_copy):
        write_facts(
            data_copy,
            [
                fact(1, "dossiers_online_share", "2021", "actual", "20"),
                fact(
                    1,
                    "digital_certificates_issued",
                    "2021",
                    "actual",
                    "5",
                    province="ha-giang",
                    source="hg-2018-article",
                ),
            ],
        )
        for period in (2021, "2021"):
            got = cd.load_indicators(province="Hà Giang", period=period, data_dir=data_copy)
            assert got["fact_id"].tolist() == ["hg-2018-article-001"]


class TestDataWarningOfTheLoaders:
    @pytest.mark.skipif(
        "MUTANT_UNDER_TEST" in os.environ, reason="mutmut's trampolines add stack frames: stacklevel cannot hold there"
    )
    @pytest.mark.parametrize("load", [cd.load_indicators, cd.flags, provinces_with_data])
    def test_the_warning_points_at_the_callers_line(self, data_copy, load):
        """A folder that breaks a cross-row rule loads with one DataWarning, shown at the user's own call."""
        facts = csv_rows(data_copy, "indicators")
        facts[0]["fact_id"] = "zz-" + facts[0]["fact_id"]  # no longer starts with its source_id: an error
        write_csv(data_copy, "indicators", facts)
        with pytest.warns(cd.DataWarning, match="breaks 1 validation rules") as caught:
            load(data_dir=data_copy)
        assert [w.filename for w in caught] == [__file__]


class TestSources:
    def test_sources_and_flags(self):
        s = cd.sources()
        assert s["source_id"].is_unique and len(s) == 5
        assert set(cd.load_indicators()["source_id"]) <= set(s["source_id"])
        f = cd.flags()
        assert (f["flag"] != "").all() and (f["note"] != "").all()

    def test_sources_reads_the_given_folder(self, data_copy):
        first = csv_rows(data_copy, "sources")[0]
        _edit_table(data_copy, "sources", lambda rows: _set(rows, "source_id", first["source_id"], title="Tiêu đề thử"))
        mine = cd.sources(data_dir=data_copy).set_index("source_id")
        assert mine.at[first["source_id"], "title"] == "Tiêu đề thử"
        assert cd.sources().set_index("source_id").at[first["source_id"], "title"] == first["title"]


class TestFlags:
    def test_flags_are_exactly_the_flagged_rows_of_the_file(self):
        """Independent of flags()'s own filter: read with the csv module; fails on an empty result."""
        import csv

        with open(cd.data_dir() / "indicators.csv", encoding="utf-8", newline="") as fh:
            flagged = {r["fact_id"]: r["flag"] for r in csv.DictReader(fh) if r["flag"]}
        f = cd.flags()
        assert len(flagged) > 0
        assert dict(zip(f["fact_id"], f["flag"], strict=True)) == flagged

    def test_flags_returns_exactly_the_flagged_facts_of_the_csv(self):
        rows = csv_rows(cd.data_dir(), "indicators")
        expected = {r["fact_id"]: (r["flag"], r["note"]) for r in rows if r["flag"]}
        assert expected, "the bundled data records flagged source inconsistencies"
        f = cd.flags()
        assert dict(zip(f["fact_id"], zip(f["flag"], f["note"], strict=True), strict=True)) == expected
        assert len(f) == len(expected)
        assert set(f.columns) <= set(cd.COLUMNS), "only columns of the facts, no leftover index"

    def test_flags_on_a_hand_built_folder(self, data_copy):
        write_facts(
            data_copy,
            [
                fact(1, "dossiers_online_share", "2021", "actual", "20"),
                fact(2, "dossiers_online_share", "2022", "actual", "120", flag="format_anomaly", note="printed so"),
            ],
        )
        f = cd.flags(data_dir=data_copy)
        assert f["fact_id"].tolist() == ["kh-2022-programme-002"]
        assert (f.at[0, "flag"], f.at[0, "note"], f.at[0, "value"]) == ("format_anomaly", "printed so", 120.0)
        write_facts(data_copy, [fact(1, "dossiers_online_share", "2021", "actual", "20")])
        assert cd.flags(data_dir=data_copy).empty


class TestKinds:
    def test_kinds_come_from_the_schema_enum(self, data_copy):
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

    def test_kinds_without_an_enum_are_the_kinds_of_the_folders_facts(self, data_copy):
        package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
        (facts,) = [r for r in package["resources"] if r["name"] == "indicators"]
        (kind,) = [f for f in facts["schema"]["fields"] if f["name"] == "kind"]
        del kind["constraints"]["enum"]
        (data_copy / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
        rows = [
            fact(1, "dossiers_online_share", "2021", "estimate", "20"),
            fact(2, "dossiers_online_share", "2022", "actual", "30"),
            fact(3, "dossiers_online_share", "2023", "estimate", "40"),
        ]
        write_facts(data_copy, rows)
        expected = sorted({r["kind"] for r in rows})
        assert expected != kinds(), "the folder's kinds must differ from the bundled ones for this test"
        assert kinds(data_dir=data_copy) == expected
        estimates = cd.load_indicators(kind="estimate", data_dir=data_copy)
        assert _ids(estimates) == sorted(r["fact_id"] for r in rows if r["kind"] == "estimate")


class TestProvincesWithData:
    def test_provinces_with_data_reads_the_given_folder(self, only_ha_giang):
        expected = sorted({r["province"] for r in csv_rows(only_ha_giang, "indicators")})
        assert expected == ["ha-giang"]
        assert provinces_with_data(data_dir=only_ha_giang) == expected

    def test_provinces_with_data_is_the_set_the_facts_cover(self):
        facts = cd.load_indicators()
        assert provinces_with_data() == sorted(facts["province"].astype(str).unique())
        assert provinces_with_data() == ["dak-lak", "ha-giang", "khanh-hoa"]
