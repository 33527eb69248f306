"""Tests written against the surviving mutants of ``cchc_data/indicators.py`` (issue 14, mutation testing).

Each test pins a behaviour that a surviving mutant broke without any test noticing: the loaders reading the
data folder they are given (not the bundled one), filters that combine, the hints of the error messages,
the categories of the returned frame. Expectations come from the CSV files read with the ``csv`` module or
from small data folders the tests write; ``tests/MUTATION.md`` lists the survivors left and why they are
equivalent.
"""

import csv
import json

import pytest
from test_known_holes import _csv_rows, _fact, _write_facts

import cchc_data as cd
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
    return {r["indicator"]: r["domain"] for r in _csv_rows(folder, "catalog")}


# --- every loader reads the folder it is given -------------------------------------------------------------


def test_sources_reads_the_given_folder(data_copy):
    first = _csv_rows(data_copy, "sources")[0]
    _edit_table(data_copy, "sources", lambda rows: _set(rows, "source_id", first["source_id"], title="Tiêu đề thử"))
    mine = cd.sources(data_dir=data_copy).set_index("source_id")
    assert mine.at[first["source_id"], "title"] == "Tiêu đề thử"
    assert cd.sources().set_index("source_id").at[first["source_id"], "title"] == first["title"]


def test_kinds_without_an_enum_are_the_kinds_of_the_folders_facts(data_copy):
    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    (facts,) = [r for r in package["resources"] if r["name"] == "indicators"]
    (kind,) = [f for f in facts["schema"]["fields"] if f["name"] == "kind"]
    del kind["constraints"]["enum"]
    (data_copy / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    rows = [
        _fact(1, "dossiers_online_share", "2021", "estimate", "20"),
        _fact(2, "dossiers_online_share", "2022", "actual", "30"),
        _fact(3, "dossiers_online_share", "2023", "estimate", "40"),
    ]
    _write_facts(data_copy, rows)
    expected = sorted({r["kind"] for r in rows})
    assert expected != kinds(), "the folder's kinds must differ from the bundled ones for this test"
    assert kinds(data_dir=data_copy) == expected
    estimates = cd.load_indicators(kind="estimate", data_dir=data_copy)
    assert _ids(estimates) == sorted(r["fact_id"] for r in rows if r["kind"] == "estimate")


@pytest.fixture
def only_ha_giang(data_copy):
    """A data folder whose only facts are two Hà Giang facts."""
    _write_facts(
        data_copy,
        [
            _fact(1, "dossiers_online_share", "2021", "actual", "20", province="ha-giang", source="hg-2018-article"),
            _fact(2, "dossiers_online_share", "2022", "actual", "25", province="ha-giang", source="hg-2018-article"),
        ],
    )
    return data_copy


def test_provinces_with_data_reads_the_given_folder(only_ha_giang):
    expected = sorted({r["province"] for r in _csv_rows(only_ha_giang, "indicators")})
    assert expected == ["ha-giang"]
    assert provinces_with_data(data_dir=only_ha_giang) == expected


def test_a_province_without_facts_in_the_given_folder_is_refused(only_ha_giang):
    with pytest.raises(
        ValueError,
        match=r"^Khánh Hòa \(khanh-hoa\) is a known province but has no curated data yet; provinces with data: Hà Giang$",
    ):
        cd.load_indicators(province="Khánh Hòa", data_dir=only_ha_giang)


def test_provinces_are_resolved_with_the_given_folders_aliases(data_copy):
    _edit_table(data_copy, "provinces", lambda rows: _set(rows, "slug", "khanh-hoa", aliases="Xứ Trầm Hương"))
    expected = sorted(r["fact_id"] for r in _csv_rows(data_copy, "indicators") if r["province"] == "khanh-hoa")
    assert expected
    assert _ids(cd.load_indicators(province="xu tram huong", data_dir=data_copy)) == expected


def test_a_province_only_the_given_folder_knows_is_named_from_that_folder(data_copy):
    def add(rows):
        new = dict.fromkeys(rows[0], "")
        new.update(slug="thu-nghiem", gso_code="99", name_vi="Thử Nghiệm", name_ascii="Thu Nghiem")
        new.update(type="province", successor="thu-nghiem")
        return [*rows, new]

    _edit_table(data_copy, "provinces", add)
    with_data = {r["province"] for r in _csv_rows(data_copy, "indicators")}
    names = sorted(
        (r["name_ascii"].lower(), r["name_vi"]) for r in _csv_rows(data_copy, "provinces") if r["slug"] in with_data
    )
    have = ", ".join(name for _, name in names)
    message = f"Thử Nghiệm (thu-nghiem) is a known province but has no curated data yet; provinces with data: {have}"
    with pytest.raises(ValueError) as caught:
        cd.load_indicators(province="Thu Nghiem", data_dir=data_copy)
    assert str(caught.value) == message


def test_domains_are_read_from_the_given_folder(data_copy):
    _edit_table(data_copy, "domains", lambda rows: _set(rows, "domain", "procedures", label_en="Paperwork"))
    domain_of = _domain_of(data_copy)
    expected = sorted(
        r["fact_id"] for r in _csv_rows(data_copy, "indicators") if domain_of[r["indicator"]] == "procedures"
    )
    assert expected
    assert _ids(cd.load_indicators(domain="paperwork", data_dir=data_copy)) == expected


def test_catalog_and_concepts_are_read_from_the_given_folder(data_copy):
    def add_concept(rows):
        return [*rows, {**rows[0], "concept": "test_concept"}]

    def add_indicator(rows):
        return [*rows, {**rows[0], "indicator": "test_indicator", "concept": "test_concept"}]

    _edit_table(data_copy, "concepts", add_concept)
    _edit_table(data_copy, "catalog", add_indicator)
    _write_facts(
        data_copy,
        [_fact(1, "test_indicator", "2021", "actual", "7"), _fact(2, "dossiers_online_share", "2021", "actual", "9")],
    )
    assert _ids(cd.load_indicators(indicator="test_indicator", data_dir=data_copy)) == ["kh-2022-programme-001"]
    assert _ids(cd.load_indicators(concept="test_concept", data_dir=data_copy)) == ["kh-2022-programme-001"]


@pytest.mark.parametrize("typed", ["civil service", "Civil_Service", "civil_service", "Civil service reform"])
def test_a_domain_code_may_be_typed_with_spaces(typed):
    domain_of = _domain_of(cd.data_dir())
    expected = sorted(
        r["fact_id"] for r in _csv_rows(cd.data_dir(), "indicators") if domain_of[r["indicator"]] == "civil_service"
    )
    assert expected
    assert _ids(cd.load_indicators(domain=typed)) == expected


def test_a_label_may_be_typed_with_underscores():
    by_label = cd.load_indicators(domain="Institutional reform")
    assert not by_label.empty
    assert _ids(cd.load_indicators(domain="institutional_reform")) == _ids(by_label)


# --- filters combine ----------------------------------------------------------------------------------------


@pytest.fixture
def two_provinces(data_copy):
    """One indicator with facts in two provinces, and a fact of another domain."""
    domain_of = _domain_of(data_copy)
    other = next(i for i, d in domain_of.items() if d != domain_of["dossiers_online_share"])
    _write_facts(
        data_copy,
        [
            _fact(1, "dossiers_online_share", "2021", "actual", "20"),
            _fact(2, other, "2021", "actual", "5"),
            _fact(3, "dossiers_online_share", "2021", "actual", "30", province="ha-giang", source="hg-2018-article"),
        ],
    )
    return data_copy


@pytest.mark.parametrize(("province", "slug"), [("Khánh Hòa", "khanh-hoa"), ("Hà Giang", "ha-giang")])
def test_province_and_domain_filters_combine(two_provinces, province, slug):
    domain = _domain_of(two_provinces)["dossiers_online_share"]
    expected = sorted(
        r["fact_id"]
        for r in _csv_rows(two_provinces, "indicators")
        if r["province"] == slug and _domain_of(two_provinces)[r["indicator"]] == domain
    )
    got = cd.load_indicators(province=province, domain=domain, data_dir=two_provinces)
    assert _ids(got) == expected


@pytest.mark.parametrize(("province", "slug"), [("Khánh Hòa", "khanh-hoa"), ("Hà Giang", "ha-giang")])
def test_province_and_indicator_filters_combine(two_provinces, province, slug):
    expected = sorted(
        r["fact_id"]
        for r in _csv_rows(two_provinces, "indicators")
        if r["province"] == slug and r["indicator"] == "dossiers_online_share"
    )
    got = cd.load_indicators(province=province, indicator="dossiers_online_share", data_dir=two_provinces)
    assert _ids(got) == expected


# --- messages -------------------------------------------------------------------------------------------------


def test_an_unknown_indicator_points_to_the_catalog_and_search():
    with pytest.raises(ValueError) as caught:
        cd.load_indicators(indicator="zzz")
    assert str(caught.value) == "'zzz' is not a known indicator; see cchc_data.catalog() or cchc_data.search()"


def test_an_unknown_concept_lists_the_concepts_and_points_to_concepts():
    codes = [r["concept"] for r in _csv_rows(cd.data_dir(), "concepts")]
    assert 0 < len(codes) <= 12, "few enough concepts to be listed whole"
    with pytest.raises(ValueError) as caught:
        cd.load_indicators(concept="zzz")
    listed = ", ".join(repr(c) for c in codes)
    assert str(caught.value) == f"'zzz' is not a known concept; use one of {listed}; see cchc_data.concepts()"


# --- categories of the result --------------------------------------------------------------------------------


def test_filtered_categories_are_those_present_but_domain_keeps_the_framework():
    rows = [r for r in _csv_rows(cd.data_dir(), "indicators") if r["province"] == "ha-giang"]
    framework = [r["domain"] for r in sorted(_csv_rows(cd.data_dir(), "domains"), key=lambda r: int(r["order"]))]
    domain_of = _domain_of(cd.data_dir())
    assert {domain_of[r["indicator"]] for r in rows} < set(framework), "some domain has no Hà Giang facts"
    df = cd.load_indicators(province="Hà Giang")
    assert df["province"].cat.categories.tolist() == ["ha-giang"]
    assert df["kind"].cat.categories.tolist() == sorted({r["kind"] for r in rows})
    assert df["source_id"].cat.categories.tolist() == sorted({r["source_id"] for r in rows})
    assert df["domain"].cat.categories.tolist() == framework
    assert df["domain"].cat.ordered
