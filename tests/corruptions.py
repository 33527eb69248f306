"""The corruption corpus of issue 13: ways to break a copy of ``data/``, each a function of the folder.

``tests/test_corruption.py`` runs every case through ``cchc validate`` (both engines),
``load_indicators(data_dir=...)`` and ``cchc export``.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import unicodedata
from pathlib import Path


def rows(folder: Path, table: str) -> list[dict]:
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(folder: Path, table: str, data: list[dict], fields: list[str] | None = None, quoting=csv.QUOTE_MINIMAL):
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields or list(data[0]), lineterminator="\n", quoting=quoting)
        w.writeheader()
        w.writerows(data)


def first(folder: Path, table: str, **match) -> int:
    """Index of the first row of ``table`` whose fields equal ``match`` (its CSV line is index + 2)."""
    return next(i for i, r in enumerate(rows(folder, table)) if all(r[k] == v for k, v in match.items()))


def cell(table: str, index: int | dict = 0, **values):
    """Set fields of one row (``index``, or the first row matching a dict)."""

    def mutate(folder):
        data = rows(folder, table)
        i = index if isinstance(index, int) else first(folder, table, **index)
        data[i].update(values)
        write(folder, table, data)

    return mutate


def package(change):
    """Edit ``datapackage.json`` with ``change(descriptor)``."""

    def mutate(folder):
        desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        change(desc)
        (folder / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")

    return mutate


def resource(desc: dict, name: str) -> dict:
    return next(r for r in desc["resources"] if r["name"] == name)


def file_bytes(name: str, change):
    """Replace the bytes of ``name`` with ``change(bytes)``."""

    def mutate(folder):
        path = folder / name
        path.write_bytes(change(path.read_bytes()))

    return mutate


def drop_column(table: str, column: str, *, from_schema: bool = False):
    def mutate(folder):
        data = rows(folder, table)
        fields = [f for f in data[0] if f != column]
        write(folder, table, [{k: r[k] for k in fields} for r in data], fields)
        if from_schema:
            package(
                lambda d: resource(d, table)["schema"].update(
                    fields=[f for f in resource(d, table)["schema"]["fields"] if f["name"] != column]
                )
            )(folder)

    return mutate


def swap_columns(table: str, a: str, b: str):
    def mutate(folder):
        data = rows(folder, table)
        fields = list(data[0])
        i, j = fields.index(a), fields.index(b)
        fields[i], fields[j] = fields[j], fields[i]
        write(folder, table, data, fields)

    return mutate


def duplicate_row(table: str, index: int = 0):
    def mutate(folder):
        data = rows(folder, table)
        write(folder, table, [*data, dict(data[index])])

    return mutate


def append_line(table: str, line: str):
    def mutate(folder):
        with open(folder / f"{table}.csv", "a", encoding="utf-8", newline="") as f:
            f.write(line + "\n")

    return mutate


def point_indicators_elsewhere(folder):
    """The package names facts.csv (a good copy); indicators.csv beside it is corrupt."""
    shutil.copy(folder / "indicators.csv", folder / "facts.csv")
    package(lambda d: resource(d, "indicators").update(path="facts.csv"))(folder)
    cell("indicators", 0, value="abc")(folder)


def link_out(folder):
    outside = folder.parent / "secret.csv"
    outside.write_text("unit,label_vi,label_en,symbol\nSECRET,x,y,z\n", encoding="utf-8")
    (folder / "units.csv").unlink()
    os.symlink(outside, folder / "units.csv")


def _nul(b: bytes) -> bytes:
    head, sep, tail = b.partition(b"Central, province")
    return head + b"Central\x00, province" + tail


def _quoted_cr(folder):
    data = rows(folder, "indicators")
    data[0]["note"] = "first line\rsecond line"
    write(folder, "indicators", data, quoting=csv.QUOTE_ALL)


def _target_too_early(folder):
    cell("indicators", {"source_id": "kh-2022-programme", "kind": "target"}, period="2019")(folder)


def _negative_count(folder):
    data = rows(folder, "indicators")
    cat = {r["indicator"]: r["unit"] for r in rows(folder, "catalog")}
    i = next(n for n, r in enumerate(data) if cat[r["indicator"]] == "count" and not r["flag"] and not r["breakdown"])
    data[i].update(value="-" + data[i]["value"])
    write(folder, "indicators", data)


def _whole_cycle(folder):
    """The whole of a part gets that part as its whole: A -> B -> A."""
    data = rows(folder, "catalog")
    part = next(r for r in data if r["whole"])
    next(r for r in data if r["indicator"] == part["whole"])["whole"] = part["indicator"]
    write(folder, "catalog", data)


def _successor_cycle(folder):
    """Hà Giang continues in Tuyên Quang, and Tuyên Quang (made to) continue in Hà Giang."""
    cell("provinces", {"slug": "tuyen-quang"}, successor="ha-giang")(folder)


def _repeated_fact(folder):
    """The first fact again under an id of its own: same indicator, province, period, kind, breakdown, source."""
    data = rows(folder, "indicators")
    copy = dict(data[0], fact_id=data[0]["source_id"] + "-999")
    write(folder, "indicators", [*data, copy])


def _fifo(folder):
    (folder / "units.csv").unlink()
    os.mkfifo(folder / "units.csv")


CATASTROPHIC = "^(([a-z0-9]+-?)+)+$"  # backtracks exponentially in Python's re on a near miss


def _catastrophic_pattern(folder):
    package(lambda d: _field(d, "indicators", "fact_id")["constraints"].update(pattern=CATASTROPHIC))(folder)
    cell("indicators", 0, fact_id="a" * 40 + "!")(folder)


def _field(desc: dict, table: str, name: str) -> dict:
    return next(f for f in resource(desc, table)["schema"]["fields"] if f["name"] == name)


def _deep_package(folder):
    (folder / "datapackage.json").write_text('{"resources": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")


def _only_components(folder):
    """Đắk Lắk keeps its PAPI components but loses its score and rank: no standing to show."""
    data = rows(folder, "national_indices")
    keep = [
        r
        for r in data
        if not (r["province"] == "dak-lak" and r["index"] == "papi" and r["measure"] in ("score", "rank"))
    ]
    write(folder, "national_indices", keep)


#: name -> how to corrupt a copy of data/
CASES = {
    "text value": cell("indicators", 0, value="abc"),
    "decimal comma": cell("indicators", 0, value="1,5"),
    "empty required value": cell("indicators", 0, evidence=""),
    "unknown province": cell("indicators", 0, province="atlantis"),
    "unknown indicator": cell("indicators", 0, indicator="no_such_indicator"),
    "unknown breakdown": cell("indicators", 0, breakdown="level:galaxy"),
    "unknown source": cell("indicators", 0, source_id="no-such-source"),
    "unknown kind": cell("indicators", 0, kind="estimate"),
    "unknown unit": cell("catalog", 0, unit="furlong"),
    "unknown domain": cell("catalog", 0, domain="astrology"),
    "unknown concept": cell("catalog", 0, concept="no_such_concept"),
    "duplicated fact id": duplicate_row("indicators", 0),
    "duplicated catalog key": duplicate_row("catalog", 0),
    "duplicated province key": duplicate_row("provinces", 0),
    "duplicated gso code": cell("provinces", 1, gso_code="01"),
    "NaN value": cell("indicators", 0, value="NaN"),
    "1e400 value": cell("indicators", 0, value="1e400"),
    "inf value": cell("indicators", 0, value="inf"),
    "1_000 value": cell("indicators", 0, value="1_000"),
    "backwards period": cell("indicators", 0, period="2030-2021"),
    "row of commas": append_line("indicators", ",,,,,,,,,,,"),
    "malformed CSV": append_line("indicators", '"unterminated,x'),
    "Latin-1 file": file_bytes("catalog.csv", lambda b: b.decode("utf-8").encode("latin-1", "replace")),
    "UTF-16 file": file_bytes("catalog.csv", lambda b: b.decode("utf-8").encode("utf-16")),
    "empty file": file_bytes("units.csv", lambda b: b""),
    "NUL byte in a note": file_bytes("indicators.csv", _nul),
    "missing table": lambda folder: (folder / "units.csv").unlink(),
    "missing column": drop_column("catalog", "unit"),
    "missing column, schema too": drop_column("catalog", "unit", from_schema=True),
    "swapped columns": swap_columns("indicators", "value", "qualifier"),
    "invalid date": cell("sources", 0, published="2022-13-45"),
    "negative population": cell("provinces", 1, population_2019="-5"),
    "target earlier than its source": _target_too_early,
    "negative count": _negative_count,
    "flag not explained in Vietnamese": cell("indicators", {"flag": "contradiction"}, note_vi=""),
    "data folder older than note_vi": drop_column("indicators", "note_vi", from_schema=True),
    "resource points elsewhere": point_indicators_elsewhere,
    "path out of the folder": package(lambda d: resource(d, "units").update(path="../../../../etc/passwd")),
    "absolute path": package(lambda d: resource(d, "units").update(path="/etc/passwd")),
    "URL path": package(lambda d: resource(d, "units").update(path="https://example.org/units.csv")),
    "link out of the folder": link_out,
    "dropped resource": package(lambda d: d["resources"].remove(resource(d, "units"))),
    "resource without schema": package(lambda d: resource(d, "units").pop("schema")),
    "field type changed": package(
        lambda d: next(f for f in resource(d, "indicators")["schema"]["fields"] if f["name"] == "value").update(
            type="string"
        )
    ),
    "empty datapackage.json": file_bytes("datapackage.json", lambda b: b""),
    "schema-less datapackage.json": file_bytes("datapackage.json", lambda b: b"{}"),
    "invalid JSON": file_bytes("datapackage.json", lambda b: b[:-5]),
    "Latin-1 datapackage.json": file_bytes("datapackage.json", lambda b: b.replace(b"Curated", b"Curat\xe9d", 1)),
    "unquoted CR in a cell": cell("indicators", 0, note="first line\rsecond line"),
    "table is a folder": lambda folder: ((folder / "units.csv").unlink(), (folder / "units.csv").mkdir()),
    "foreign key dropped": package(lambda d: resource(d, "indicators")["schema"]["foreignKeys"].pop(0)),
    "primary key dropped": package(lambda d: resource(d, "catalog")["schema"].pop("primaryKey")),
    "NFD text": file_bytes("catalog.csv", lambda b: unicodedata.normalize("NFD", b.decode("utf-8")).encode("utf-8")),
    # issue 25: the validator's last gaps
    "alias is another province's name": cell("provinces", {"slug": "ha-giang"}, aliases="Khánh Hòa"),
    "full-width period": cell("indicators", 0, period="２０１７"),
    "full-width value": cell("indicators", 0, value="４"),
    "Arabic-Indic value": cell("indicators", 0, value="٤"),
    "zero-width note_vi on a flagged fact": cell("indicators", {"flag": "contradiction"}, note_vi="\u200b"),
    "whole cycle": _whole_cycle,
    "successor cycle": _successor_cycle,
    "population 0": cell("provinces", {"slug": "ha-giang"}, population_2019="0"),
    "duplicate domain order": cell("domains", 1, order="1"),
    "1 MB evidence": cell("indicators", 0, evidence="4 " + "x" * 1_000_000),
    "repeated fact": _repeated_fact,
    # issue 25: hostile sizes and patterns
    "catastrophic pattern": _catastrophic_pattern,
    "pattern RE2 cannot run": package(lambda d: _field(d, "units", "unit")["constraints"].update(pattern="^(a)\\1$")),
    "FIFO in place of a table": _fifo,
    "datapackage.json nested 100,000 deep": _deep_package,
    "NUL in a resource path": package(lambda d: resource(d, "units").update(path="units\x00.csv")),
    "header with spaces": file_bytes("indicators.csv", lambda b: b.replace(b"fact_id,", b" fact_id ,", 1)),
    "1e308 value": cell("indicators", 0, value="1e308", evidence="1e308"),
    "province with only component values": _only_components,
    # accepted, deliberately
    "CR inside a quoted cell": _quoted_cr,
    "formula-like text": cell("indicators", 0, note='=HYPERLINK("http://x") and +7'),
    "UTF-8 byte-order mark": file_bytes("catalog.csv", lambda b: b"\xef\xbb\xbf" + b),
    "CRLF line ends": file_bytes("catalog.csv", lambda b: b.replace(b"\n", b"\r\n")),
}

#: The cases added for issue 25, also run through the explorer and ``cchc curate check``.
ISSUE_25 = list(CASES)[
    list(CASES).index("alias is another province's name") : list(CASES).index("CR inside a quoted cell")
]
