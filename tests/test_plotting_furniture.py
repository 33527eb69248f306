"""Tests of ``cchc_data.plotting._furniture``: the chart furniture shared by every chart (number formats, names, colours, flags, text drawn as written)."""

import csv
import io
import re

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.text import Text  # noqa: E402

import cchc_data as cd
from cchc_data import (
    i18n,
    plotting,  # noqa: E402
)
from cchc_data import plotting as pl

matplotlib.use("Agg")


DOLLARS = "from $5 to $10"


UNBALANCED = "cost $5 per file"


def _set_labels(folder, indicator, label, note):
    path = folder / "catalog.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["indicator"] == indicator:
            r["label_en"] = r["label_vi"] = label
            r["comparability_note_en"] = r["comparability_note_vi"] = note
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def _drawn_texts(fig):
    fig.savefig(io.BytesIO(), format="png")  # an unbalanced $ raised ParseException here
    return [t for t in fig.findobj(Text) if t.get_text()]


class TestFmtNumber:
    @pytest.mark.parametrize(
        ("value", "lang", "decimals", "expected"),
        [
            (14000, "vi", None, "14.000"),
            (14000, "en", None, "14,000"),
            (98.63, "vi", None, "98,63"),
            (98.63, "en", None, "98.63"),
            (1234567.5, "vi", None, "1.234.567,5"),
            (97.948718, "vi", 1, "97,9"),
            (97.948718, "en", 1, "97.9"),
            (float("nan"), "vi", None, "–"),
            (None, "en", None, "–"),
        ],
    )
    def test_fmt_number(self, value, lang, decimals, expected):
        assert pl._fmt_number(value, lang, decimals=decimals) == expected


class TestFmtValue:
    @pytest.mark.parametrize(
        ("qualifier", "symbol"),
        [
            ("none", ""),
            ("about", "≈ "),
            ("more_than", "> "),
            ("at_least", "≥ "),
            ("less_than", "< "),
            ("at_most", "≤ "),
        ],
    )
    def test_fmt_value_qualifiers(self, qualifier, symbol):
        assert pl._fmt_value(70, "percent", qualifier, "vi") == f"{symbol}70%"
        assert pl._fmt_value(14000, "count", qualifier, "en") == f"{symbol}14,000"


class TestSlugify:
    @pytest.mark.parametrize(
        ("name", "slug"),
        [
            ("So sánh Khánh Hòa", "so-sanh-khanh-hoa"),
            ("Đắk Lắk: tiến độ 2025!", "dak-lak-tien-do-2025"),
            ("a__b", "a-b"),
        ],
    )
    def test_slugify(self, name, slug):
        assert pl._slugify(name) == slug

    def test_slugify_rejects_empty_names(self):
        with pytest.raises(ValueError, match="empty file name"):
            pl._slugify(" ?! ")


class TestChartStrings:
    def test_chart_strings_are_translated(self):
        """Every chart string of the catalogue differs between the languages (unless it is only a placeholder)."""
        import csv

        with i18n.STRINGS_FILE.open(encoding="utf-8", newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["key"].startswith(("chart.", "chart_national."))]
        assert len(rows) > 50
        for r in rows:
            assert r["vi"] != r["en"] or "{" in r["vi"], r["key"]


class TestProvinceColors:
    def test_province_colors_fixed_and_distinct_for_curated_provinces(self):
        colours = pl.province_colors()
        reg = cd.provinces().sort_values("gso_code")
        assert list(colours) == reg["slug"].tolist()
        assert all(re.fullmatch(r"#[0-9A-Fa-f]{6}", c) for c in colours.values())
        assert len({colours["khanh-hoa"], colours["ha-giang"], colours["dak-lak"]}) == 3
        assert pl.province_colors() == colours
        slugs = reg["slug"].tolist()  # neighbours by GSO code differ too
        assert all(colours[a] != colours[b] for a, b in zip(slugs, slugs[1:], strict=False))


class TestSeverity:
    def test_flag_severity_comes_from_the_data_and_covers_every_flag(self):
        import json

        from cchc_data.vocabularies import flag_severities

        severities = flag_severities()
        package = json.loads((cd.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
        (field,) = [f for r in package["resources"] if r["name"] == "indicators" for f in r["schema"]["fields"]
                    if f["name"] == "flag"]  # fmt: skip
        assert set(severities) == set(field["constraints"]["enum"]) - {""}
        assert severities["format_anomaly"] == severities["period_typo"] == "print_slip"
        assert severities["sum_mismatch"] == severities["contradiction"] == "contradiction"


class TestAsWritten:
    @pytest.mark.parametrize("label", [DOLLARS, UNBALANCED])
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_dollars_in_labels_are_drawn_as_written(self, data_copy, label, lang):
        facts = cd.load_indicators(data_dir=data_copy)
        row = facts[facts["breakdown"] != ""].iloc[0]
        _set_labels(data_copy, row["indicator"], label, label)
        ax = plotting.breakdown_chart(
            row["province"], row["indicator"], period=row["period"], lang=lang, data_dir=data_copy
        )
        texts = _drawn_texts(ax.figure)
        assert any(label in t.get_text() for t in texts)
        assert all(not t.get_parse_math() for t in texts)
        plt.close("all")
