"""Tests of cchc_data/vocabularies.py, written to kill its mutants (was tests/test_catalog_mutants.py; see
tests/MUTATION.md).

The vocabularies are read from a hand-built data folder that differs from the bundled one, so a function
that ignores ``data_dir=`` fails; orders are written so that text order and numeric order differ. The
folder keeps the data contract: it has no facts, so the small vocabularies need only refer to each other.
"""

import csv

import pytest
from datafolder import edit_csv
from datafolder import fields as _fields  # the schema's columns of a table

import cchc_data as cd
from cchc_data import vocabularies


def _write(folder, table, header, rows):
    """Write ``table`` with the schema's columns; the columns not in ``header`` are left empty."""
    fields = _fields(folder, table)
    assert set(header) <= set(fields), f"{table}: {sorted(set(header) - set(fields))} not in the schema"
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, restval="")
        writer.writeheader()
        writer.writerows(dict(zip(header, row, strict=True)) for row in rows)


@pytest.fixture
def vocab(data_copy):
    """The bundled data with small vocabularies of its own."""
    _write(
        data_copy,
        "domains",
        ["domain", "label_vi", "label_en", "order"],
        [
            ["gamma", "Thứ mười", "Tenth", "10"],
            ["alpha", "Thứ hai", "Second", "2"],
            ["beta", "Thứ chín", "Ninth", "9"],
        ],
    )
    _write(
        data_copy,
        "breakdowns",
        ["breakdown", "dimension", "label_vi", "label_en", "order"],
        [["level:far", "level", "Xa", "Far", "10"], ["level:near", "level", "Gần", "Near", "9"]],
    )
    _write(data_copy, "units", ["unit", "label_vi", "label_en", "symbol"], [["hour", "giờ", "hour", "h"]])
    _write(
        data_copy,
        "concepts",
        ["concept", "label_vi", "label_en", "unit", "definition_vi", "definition_en"],
        [["qq_gamma", "Khái niệm", "Concept", "hour", "Khái niệm thử.", "A test concept."]],
    )
    _write(data_copy, "indicators", [], [])  # no facts: nothing refers to the bundled catalog
    header = ["indicator", "label_vi", "label_en", "unit", "unit_vi", "unit_en", "domain", "concept", "whole"]
    header += ["description", "comparability"]
    _write(
        data_copy,
        "catalog",
        header,
        [
            ["zz_alpha_beta", "Nhãn thử", "Trial label", "hour", "giờ", "hours", "alpha", "qq_gamma", "", "Mô tả", ""],
            ["zz_other", "Khác", "Other", "hour", "giờ", "hours", "beta", "", "", "Something else", ""],
        ],
    )
    return data_copy


def _catalog_hits(words, vocab):
    """search()'s rows from the catalog (the bundled national indices, searched too, left out)."""
    hits = cd.search(words, data_dir=vocab)
    return hits[hits["domain"] != "national_index"]


class TestDomains:
    def test_domains_are_sorted_by_their_numeric_order(self, vocab):
        d = cd.domains(data_dir=vocab)
        assert d["domain"].tolist() == ["alpha", "beta", "gamma"]
        assert d["order"].tolist() == [2, 9, 10]
        assert d["order"].dtype.kind == "i"
        assert d.index.tolist() == [0, 1, 2]


class TestBreakdowns:
    def test_breakdowns_keep_file_order_with_integer_order(self, vocab):
        b = cd.breakdowns(data_dir=vocab)
        assert b["breakdown"].tolist() == ["level:far", "level:near"]
        assert b["order"].tolist() == [10, 9]
        assert b["order"].dtype.kind == "i"
        assert sorted(b["order"]) == [9, 10]  # numeric, not text order ("10" < "9")


class TestVocabularies:
    def test_every_vocabulary_reads_the_given_folder(self, vocab):
        assert cd.units(data_dir=vocab).values.tolist() == [["hour", "giờ", "hour", "h"]]
        assert cd.concepts(data_dir=vocab)["concept"].tolist() == ["qq_gamma"]
        assert cd.catalog(data_dir=vocab)["indicator"].tolist() == ["zz_alpha_beta", "zz_other"]
        assert cd.search("trial", data_dir=vocab)["indicator"].tolist() == ["zz_alpha_beta"]

    def test_bundled_vocabularies(self):
        assert cd.domains()["order"].tolist() == list(range(1, 9))
        assert cd.units().set_index("unit").at["vnd", "symbol"] == "₫"
        b = cd.breakdowns().set_index("breakdown")
        assert b.loc[["level:province", "level:district", "level:commune"], "order"].tolist() == [1, 2, 3]


class TestSearch:
    @pytest.mark.parametrize(
        "words",
        [
            "beta",  # only in the code, after an underscore
            "alpha beta",
            "gamma",  # only in the concept, after an underscore
            "nhan",  # first word of label_vi
            "trial",  # first word of label_en
            "mo ta",  # first words of the description
            "qq",  # first word of the concept
        ],
    )
    def test_search_finds_words_that_start_any_field(self, vocab, words):
        hits = _catalog_hits(words, vocab)
        assert hits["indicator"].tolist() == ["zz_alpha_beta"]

    def test_search_matches_word_starts_only(self, vocab):
        assert cd.search("lpha", data_dir=vocab).empty  # inside a word
        assert cd.search("label other", data_dir=vocab).empty  # every word must match the same row
        assert _catalog_hits("o", vocab)["indicator"].tolist() == ["zz_other"]

    def test_search_treats_regex_characters_literally(self, vocab):
        assert cd.search("(trial", data_dir=vocab).empty
        with pytest.raises(ValueError, match=r"search\(\) needs some words to look for, got ''"):
            cd.search("", data_dir=vocab)
        with pytest.raises(ValueError, match=r"search\(\) needs some words to look for, got None"):
            cd.search(None)


class TestCatalog:
    @pytest.mark.parametrize(
        ("words", "index"), [("SIPAS", "sipas"), ("chi so nang luc canh tranh", "pci"), ("papi", "papi")]
    )
    def test_search_finds_the_national_indices_after_the_catalog(self, words, index):
        hits = cd.search(words)
        assert hits["indicator"].tolist()[-1] == index and hits["domain"].tolist()[-1] == "national_index"
        assert list(hits.columns) == list(cd.catalog().columns)

    def test_search_returns_catalog_rows_indexed_from_zero(self, vocab):
        hits = cd.search("else", data_dir=vocab)
        assert list(hits.columns) == list(cd.catalog(data_dir=vocab).columns)
        assert hits.index.tolist() == [0]
        assert hits.at[0, "indicator"] == "zz_other"


class TestSearchNationalRows:
    """The national indices' rows of search(): their fields, and the data folder they are read from."""

    def test_a_national_row_carries_the_index_catalogs_fields(self):
        from cchc_data.national import national_index_catalog

        nat = national_index_catalog().set_index("index").loc["sipas"]
        hits = cd.search("SIPAS")
        row = hits.iloc[-1]
        assert row["indicator"] == "sipas" and row["domain"] == "national_index"
        assert (row["label_vi"], row["label_en"]) == (nat["label_vi"], nat["label_en"])
        assert (row["unit"], row["unit_vi"], row["unit_en"]) == (nat["unit"], nat["scale_vi"], nat["scale_en"])
        assert row["description"] == nat["measures_en"] + " " + nat["measures_vi"]
        missing = [c for c in hits.columns if c not in {"indicator", "label_vi", "label_en", "unit", "unit_vi",
                                                        "unit_en", "domain", "description"}]  # fmt: skip
        assert missing and (hits.iloc[-1][missing] == "").all(), "the catalog's other columns are empty strings"
        assert hits.index.tolist() == list(range(len(hits))), "catalog rows and national rows indexed from 0"

    def test_national_rows_come_from_the_data_folder_given(self, data_copy):
        def rename(row):
            if row["index"] == "sipas":
                row["label_en"] = "Zqx satisfaction index"

        edit_csv(data_copy, "national_index_catalog", rename)
        hits = cd.search("zqx", data_dir=data_copy)
        assert hits["indicator"].tolist() == ["sipas"] and hits.at[0, "label_en"] == "Zqx satisfaction index"
        assert cd.search("zqx").empty, "the bundled folder does not have it"


class TestFlagSeverities:
    def test_severities_come_from_the_data_folder_given(self, data_copy):
        bundled = vocabularies.flag_severities()
        flag = next(iter(bundled))
        other = "print_slip" if bundled[flag] == "contradiction" else "contradiction"

        def change(row):
            if row["flag"] == flag:
                row["severity"] = other

        edit_csv(data_copy, "flags", change)
        assert vocabularies.flag_severities(data_dir=data_copy)[flag] == other
        assert vocabularies.flag_severities()[flag] == bundled[flag]
