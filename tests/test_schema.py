"""Tests of cchc_data/schema.py: every table read typed from its schema in datapackage.json."""

import pandas as pd
import pytest
from datafolder import csv_rows

import cchc_data as cd


class TestReadTable:
    @pytest.mark.parametrize("table", cd.datadir.table_names())
    def test_every_table_is_read_typed_from_its_schema(self, table):
        """One reader for every table of the package: columns, row count and types as datapackage.json says."""
        from cchc_data.datadir import package
        from cchc_data.schema import read_table

        res = next(r for r in package()["resources"] if r["name"] == table)
        frame = read_table(table)
        fields = res["schema"]["fields"]
        assert list(frame.columns) == [f["name"] for f in fields]
        assert len(frame) == len(csv_rows(cd.data_dir(), res["path"].removesuffix(".csv")))
        for f in fields:
            col = frame[f["name"]]
            kind = f.get("type", "string")
            if kind == "number":
                assert col.dtype == "float64", f["name"]
            elif kind == "integer":
                assert str(col.dtype) == "Int64", f["name"]
            elif kind == "date":
                assert str(col.dtype).startswith("datetime64"), f["name"]
            else:
                assert col.map(type).eq(str).all(), f["name"]  # text, "" when empty, never NaN

    def test_typed_values_match_the_file(self):
        from cchc_data.schema import read_table

        src = read_table("sources").set_index("source_id")
        raw = {r["source_id"]: r["published"] for r in csv_rows(cd.data_dir(), "sources")}
        for sid, text in raw.items():
            got = src.at[sid, "published"]
            assert (got.strftime("%Y-%m-%d") == text) if text else got is pd.NaT
        order = read_table("domains")["order"].tolist()
        assert order == [int(r["order"]) for r in csv_rows(cd.data_dir(), "domains")]
