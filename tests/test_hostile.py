"""Hostile sizes and patterns end quickly with a message, and the validator's last gaps (issue 25, items 3-4).

The cases themselves are in the corruption corpus (``tests/corruptions.py``); these tests add what the corpus
cannot say: a hang becomes a failure (a subprocess with a timeout), memory stays bounded, a province's own
name wins over an alias, the explorer shows the data's errors and draws a huge number.
"""

import csv
import html
import subprocess
import sys
import tracemalloc
import warnings
from pathlib import Path

import pytest

import cchc_data as cd
from cchc_data import i18n

sys.path.insert(0, str(Path(__file__).parent))
from corruptions import CASES, rows, write  # noqa: E402

CCHC = str(Path(sys.executable).parent / "cchc")
LOAD = "import sys, cchc_data as cd; cd.load_indicators(data_dir=sys.argv[1])"


def _run(argv, timeout=120):
    """Run a command that must end on its own: a hang fails the test instead of stalling the suite."""
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(argv)} did not end within {timeout} s (it hangs)")


@pytest.mark.parametrize("case", ["FIFO in place of a table", "catastrophic pattern"])
def test_no_entry_point_hangs(case, data_copy, tmp_path):
    CASES[case](data_copy)
    expected = {
        "FIFO in place of a table": "units.csv: cannot be read: it is not a regular file (a FIFO, socket or device)",
        "catastrophic pattern": "constraint error: does not match ^(([a-z0-9]+-?)+)+$",
    }[case]
    for argv in (
        [CCHC, "validate", str(data_copy)],
        [CCHC, "validate", str(data_copy), "--engine", "frictionless"],
        [CCHC, "export", str(tmp_path / "out.xlsx"), "--data-dir", str(data_copy)],
        [sys.executable, "-c", LOAD, str(data_copy)],
    ):
        done = _run(argv)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr or argv[0] == sys.executable
        if argv[0] == CCHC and "frictionless" not in argv:
            assert expected in done.stderr
    assert not (tmp_path / "out.xlsx").exists()


def test_repeated_parts_and_wholes_validate_in_bounded_memory(data_copy):
    """2,000 copies of a part and of its whole: a join on their key once built 2,000 × 2,000 rows."""
    facts = rows(data_copy, "indicators")
    cat = {r["indicator"]: r["whole"] for r in rows(data_copy, "catalog")}
    key = ("province", "period", "kind", "breakdown", "source_id")
    part = next(
        f
        for f in facts
        if cat[f["indicator"]]
        and any(w["indicator"] == cat[f["indicator"]] and all(w[k] == f[k] for k in key) for w in facts)
    )
    whole = next(w for w in facts if w["indicator"] == cat[part["indicator"]] and all(w[k] == part[k] for k in key))
    copies = []
    for n in range(2000):
        for fact, tag in ((part, "p"), (whole, "w")):
            copies.append(dict(fact, fact_id=f"{fact['source_id']}-{tag}{n // 1000}-{n % 1000:03d}"))
    write(data_copy, "indicators", facts + copies)
    tracemalloc.start()
    try:
        report = cd.validate(data_copy)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 150 * 2**20, f"validate took {peak / 2**20:.0f} MB at its peak"
    repeats = [i for i in report.warnings if "repeats the fact of line" in i.message]
    assert len(repeats) == 20  # listed, then counted
    assert any(i.message == "3,980 more repeated facts are not listed" for i in report.warnings)
    assert report.ok, report


def test_a_provinces_own_name_wins_over_another_provinces_alias(data_copy):
    CASES["alias is another province's name"](data_copy)
    assert cd.resolve_province("Khánh Hòa", data_dir=data_copy) == "khanh-hoa"
    assert cd.resolve_province("khanh hoa", data_dir=data_copy) == "khanh-hoa"
    assert not cd.validate(data_copy).ok  # and validate refuses the alias


def test_aliases_naming_each_other_are_refused(data_copy):
    data = rows(data_copy, "provinces")
    for r in data:
        if r["slug"] in ("ha-giang", "cao-bang"):
            r["aliases"] = "Vùng cao"
    write(data_copy, "provinces", data)
    messages = [str(i) for i in cd.validate(data_copy).errors]
    assert any("alias 'Vùng cao' also names ha-giang" in m for m in messages), messages


def test_the_explorer_shows_the_datas_validation_errors(data_copy):
    from cchc_data.explorer import Explorer

    assert Explorer(lang="en").data_notice.value == ""
    CASES["population 0"](data_copy)
    with warnings.catch_warnings():
        warnings.simplefilter("error", cd.DataWarning)  # the explorer shows it; it does not warn
        ex = Explorer(lang="en", data_dir=data_copy)
    assert "breaks 1 validation rules" in ex.data_warning
    assert "population of 0" in ex.data_notice.value and "This data fails validation" in ex.data_notice.value
    ex.lang.value = "vi"
    assert "Dữ liệu này chưa đạt yêu cầu kiểm tra" in ex.data_notice.value
    notice = html.unescape(ex.data_notice.value)
    assert "vi phạm 1 quy tắc kiểm tra" in notice and "dân số bằng 0" in notice, "the library's words in Vietnamese"
    assert "population of 0" not in notice and "breaks 1 validation rules" in ex.data_warning


def test_the_explorer_draws_1e308(data_copy):
    from cchc_data.explorer import Explorer

    CASES["1e308 value"](data_copy)
    ex = Explorer(lang="en", data_dir=data_copy)
    ex.provinces = ["Hà Giang"]
    assert ex.error == ""
    assert "100,000,000,000" in ex.table.value


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_huge_numbers_are_formatted(lang):
    sep = "." if lang == "vi" else ","
    assert i18n.format_number(1e308, lang).startswith(f"100{sep}000{sep}000")
    assert i18n.format_percent(1e30, lang).endswith("%")


def test_latest_standing_leaves_out_a_province_with_only_components(data_copy):
    CASES["province with only component values"](data_copy)
    standing = cd.latest_standing(data_dir=data_copy)
    papi = standing[standing["index"] == "papi"]
    assert "dak-lak" not in set(papi["province"]) and "khanh-hoa" in set(papi["province"])


def test_frictionless_engine_reports_a_header_with_spaces(data_copy):
    CASES["header with spaces"](data_copy)
    report = cd.validate(data_copy, engine="frictionless")
    assert any(i.file == "indicators.csv" and "differs from the schema's fields" in i.message for i in report.errors)


def test_evidence_of_many_words_and_many_characters_is_reported_once(data_copy):
    data = rows(data_copy, "indicators")
    data[0]["evidence"] = data[0]["value"] + " " + " ".join(["chữ"] * 400)  # words and characters both over
    write(data_copy, "indicators", data)
    messages = [i.message for i in cd.validate(data_copy).errors if i.row == 2 and i.field == "evidence"]
    assert messages == ["401 words; quote at most 15 (a citation, not prose)"]


def test_data_warning_is_given_once_per_data_version(data_copy):
    CASES["population 0"](data_copy)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cd.load_indicators(data_dir=data_copy)
        cd.load_indicators(data_dir=data_copy, province="Hà Giang")
        data = rows(data_copy, "domains")
        data[2]["order"] = "1"  # a new version, with one more error
        write(data_copy, "domains", data)
        cd.load_indicators(data_dir=data_copy)
    said = [str(w.message) for w in caught if issubclass(w.category, cd.DataWarning)]
    assert len(said) == 2
    assert "breaks 1 validation rules" in said[0] and "breaks 2 validation rules" in said[1]
    assert said[1].endswith(f"run `cchc validate {data_copy}` to see every problem")


def test_curate_refuses_to_add_to_data_that_does_not_validate(data_copy, tmp_path):
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
    assert report.errors[0].message.startswith(f"the data folder {data_copy} does not validate (1 errors; the first: ")
    assert (data_copy / "indicators.csv").read_bytes() == before
