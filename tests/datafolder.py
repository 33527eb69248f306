"""Helpers that read and write the tables of a data folder in tests (the one home of these helpers).

The columns come from the folder's ``datapackage.json``, so a column added to the data contract reaches
every test that writes facts. Expectations are read with the ``csv`` module, not through ``cchc_data``.
Use them with the ``data_copy`` fixture of ``conftest.py`` (a writable copy of the bundled data).
"""

import csv
import json
from collections import Counter

import cchc_data as cd


def fields(folder, table):
    """The columns of ``table`` in the schema of ``folder``'s ``datapackage.json``, in order."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["name"] == table]
    return [f["name"] for f in resource["schema"]["fields"]]


HEADER = fields(cd.data_dir(), "indicators")
"""The columns of the facts (``indicators.csv``), read from the bundled ``datapackage.json``."""


def csv_rows(folder, table):
    """The rows of ``table``.csv in ``folder``, as dicts of strings."""
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(folder, table, data):
    """Replace ``table``.csv of ``folder`` by ``data`` (dicts; the columns are the keys of the first)."""
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(data[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(data)


def edit_csv(folder, table, change):
    """Rewrite ``table``.csv of ``folder`` with ``change(row)`` applied to every row (a dict; columns kept)."""
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    for row in rows:
        change(row)
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def write_facts(folder, rows):
    """Replace the facts of a data folder by ``rows`` (dicts; missing columns are empty)."""
    with open(folder / "indicators.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=HEADER)
        writer.writeheader()
        for row in rows:
            writer.writerow({col: row.get(col, "") for col in HEADER})


def fact(n, indicator, period, kind, value, *, province="khanh-hoa", source="kh-2022-programme", **extra):
    """One fact row numbered ``n`` of ``source``, with its value as its evidence."""
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


def schema_kinds(folder):
    """The kinds of fact the schema of ``folder`` allows, in its order (``actual``, ``plan``, ``target``)."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    (facts,) = [r for r in package["resources"] if r["name"] == "indicators"]
    (kind,) = [f for f in facts["schema"]["fields"] if f["name"] == "kind"]
    return kind["constraints"]["enum"]


def expected_summary(folder):
    """The counts ``summary()`` should give for ``folder``, computed from its CSV files with ``csv``.

    A dict ``(province, domain, source_id) -> (one count per kind ..., facts)``.
    """
    domain_of = {r["indicator"]: r["domain"] for r in csv_rows(folder, "catalog")}
    counts = Counter(
        (r["province"], domain_of[r["indicator"]], r["source_id"], r["kind"]) for r in csv_rows(folder, "indicators")
    )
    kinds = schema_kinds(folder)
    table = {}
    for (province, domain, source, kind), n in counts.items():
        table.setdefault((province, domain, source), dict.fromkeys(kinds, 0))[kind] = n
    return {key: (*v.values(), sum(v.values())) for key, v in table.items()}


def write_values(folder, rows):
    """Replace national_indices.csv of a data copy by ``rows`` (dicts; missing fields are empty)."""
    columns = fields(folder, "national_indices")
    with open(folder / "national_indices.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({f: r.get(f, "") for f in columns})


def row(id_, index, province, period, measure, scope, value, unit, evidence, *, source="baokhanhhoa-2024-papi",
        qualifier="none", flag="", note_vi=""):  # fmt: skip
    return dict(id=f"{source}-{id_:03d}", index=index, province=province, period=str(period), measure=measure,
                scope=scope, value=str(value), unit=unit, qualifier=qualifier, source_id=source, evidence=evidence,
                flag=flag, note_vi=note_vi)  # fmt: skip
