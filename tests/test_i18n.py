"""The one home for language: languages, the strings catalogue, value labels, numbers through babel."""

import ast
import csv
import json
import math
import re
import string
import sys
import unicodedata
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt  # noqa: E402
import pytest

import cchc_data as cd
from cchc_data import analysis, i18n, national, params, plotting, plotting_national, tables  # noqa: E402


def _catalogue() -> list[dict]:
    with i18n.STRINGS_FILE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _code_texts() -> list[tuple[str, str]]:
    """Every string literal of the package's code and notebooks (the places a key can be used), and the text
    of every f-string up to its first field (a key built from a prefix: ``f"value.{column}.{code}"``)."""
    root = Path(i18n.__file__).parent
    sources = [path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.py"))]
    for nb in sorted((root.parent / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        sources += ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    texts = []
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.JoinedStr):
                first = node.values[0] if node.values else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    texts.append(("prefix", first.value))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(("literal", node.value))
    return texts


def _keys_used() -> tuple[set[str], set[str]]:
    texts = _code_texts()
    literal = {s for kind, s in texts if kind == "literal"}
    prefixes = {s for kind, s in texts if kind == "prefix" and s.endswith((".", "_")) and s[:1].isalpha()}
    return literal, prefixes


sys.path.insert(0, str(Path(__file__).parent))


matplotlib.use("Agg")


def _texts(ax):
    fig = ax.figure if hasattr(ax, "figure") else ax
    return sorted(t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text())


CHARTS = {
    "compare_chart": lambda lang: plotting.compare_chart("edocs_sent_share", lang=lang),
    "concept_series_chart": lambda lang: plotting.concept_series_chart("edocs_sent_share", "khanh-hoa", lang=lang),
    "coverage_heatmap": lambda lang: plotting.coverage_heatmap(lang=lang),
    "progress_chart": lambda lang: plotting.progress_chart("khanh-hoa", lang=lang),
    "part_whole_chart": lambda lang: plotting.part_whole_chart(lang=lang),
    "profile_chart": lambda lang: plotting.profile_chart("khanh-hoa", lang=lang),
    "trajectory_chart": lambda lang: plotting_national.trajectory_chart("khanh-hoa", "par_index", lang=lang),
    "province_trajectories": lambda lang: plotting_national.province_trajectories("khanh-hoa", lang=lang),
    "comparison_chart": lambda lang: plotting_national.comparison_chart("par_index", lang=lang),
}


TABLES = {
    "describe_indices": lambda lang: national.describe_indices(lang),
    "standing_table": lambda lang: national.standing_table(lang),
    "national.sources_table": lambda lang: national.sources_table(lang),
    "in_language": lambda lang: analysis.in_language(cd.load_indicators(), lang),
    "cite_source": lambda lang: tables.cite_source("kh-2019-article", lang),
    "format_number": lambda lang: i18n.format_number(1514, lang),
    "params.check_lang": lambda lang: params.check_lang(lang),
}


class TestLangAtEveryEntryPoint:
    @pytest.mark.parametrize("name", sorted(CHARTS))
    def test_charts_take_lang_in_any_case(self, name):
        draw = CHARTS[name]
        expected = _texts(draw("en"))
        plt.close("all")
        assert _texts(draw("EN")) == expected
        plt.close("all")
        assert _texts(draw(" en ")) == expected

    @pytest.mark.parametrize("name", sorted(TABLES))
    def test_tables_take_lang_in_any_case(self, name):
        make = TABLES[name]
        expected = make("en")
        got = make("EN")
        if hasattr(expected, "equals"):
            assert got.equals(expected)
        else:
            assert got == expected

    def test_export_takes_lang_in_any_case(self, tmp_path):
        from openpyxl import load_workbook

        a = cd.export_excel(tmp_path / "a.xlsx", lang="en")
        b = cd.export_excel(tmp_path / "b.xlsx", lang="EN")
        assert load_workbook(a).sheetnames == load_workbook(b).sheetnames

    def test_one_check_lang(self):
        """The private copies are gone: every module uses i18n.check_lang (or params' thin wrapper of it)."""
        assert not hasattr(plotting, "_check_lang") and not hasattr(plotting_national, "_check_lang")
        with pytest.raises(ValueError, match="'fr' is not a supported language; use 'vi' or 'en'"):
            plotting.compare_chart("edocs_sent_share", lang="fr")


class TestCheckLang:
    @pytest.mark.parametrize("given", ["vi", "EN", " En ", "VI"])
    def test_check_lang_ignores_case_and_spaces(self, given):
        assert i18n.check_lang(given) == given.strip().lower()
        assert params.check_lang(given) == given.strip().lower()

    @pytest.mark.parametrize("given", ["fr", "", "vi,en", "english"])
    def test_check_lang_names_the_valid_languages(self, given):
        with pytest.raises(ValueError, match=r"is not a supported language; use 'vi' or 'en'$"):
            i18n.check_lang(given)

    def test_params_check_lang_keeps_the_parameter_name_in_type_errors(self):
        with pytest.raises(TypeError, match=r"^parameter lang must be 'vi' or 'en', got 3 \(int\)$"):
            params.check_lang(3)


class TestHas:
    def test_the_catalogue_has_the_four_columns_and_every_key_once(self):
        rows = _catalogue()
        assert list(rows[0]) == ["key", "vi", "en", "note"]
        keys = [r["key"] for r in rows]
        assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
        assert all(re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_ ]+)*", k) for k in keys), [k for k in keys if " " in k[:1]]

    def test_a_flag_has_one_meaning_for_tables_charts_and_the_explorer(self):
        flags = [r for r in _catalogue() if "flag" in r["key"] and r["key"].count(".") == 2]
        assert {r["key"].split(".")[0] for r in flags} == {"value"}
        for code in cd.load_indicators()["flag"].astype(str).unique():
            if code:
                assert i18n.value_label("flag", code, "en") == i18n.t(f"value.flag.{code}", "en")


class TestI18n:
    def test_every_string_exists_in_both_languages_with_the_same_placeholders(self):
        for r in _catalogue():
            vi, en, note = r["vi"], r["en"], r["note"]
            if not vi and not en:  # deliberately nothing (no qualifier), and the note says so
                assert note, r["key"]
                continue
            assert vi and en, f"{r['key']}: a string needs both languages"
            assert vi == unicodedata.normalize("NFC", vi), r["key"]
            if not note.startswith(("fields:", "a quarter")):
                assert _fields(vi) == _fields(en), r["key"]

    def test_each_string_is_written_once(self):
        """Two rows with the same words are allowed only when one's note names the other (a deliberate repeat)."""
        by_text = {}
        for r in _catalogue():
            if r["vi"] or r["en"]:
                by_text.setdefault((r["vi"], r["en"]), []).append(r)
        for rows in by_text.values():
            if len(rows) > 1:
                keys = {r["key"] for r in rows}
                named = {k for r in rows for k in keys if f"same words as {k}" in r["note"]}
                assert named, f"the same words under {sorted(keys)}: use one key"

    def test_every_key_the_code_asks_for_exists(self):
        root = Path(i18n.__file__).parent
        asked = set()
        for path in sorted(root.rglob("*.py")):
            asked |= set(re.findall(r"\bi18n\.(?:t|has)\(\s*[\"']([^\"'{}]+)[\"']", path.read_text(encoding="utf-8")))
        for nb in sorted((root.parent / "notebooks").glob("*.ipynb")):
            asked |= set(re.findall(r"\bt\(\\\"([^\\\"]+)\\\"", nb.read_text(encoding="utf-8")))
        assert len(asked) > 100
        missing = sorted(k for k in asked if not i18n.has(k))
        assert not missing, f"keys the code uses but strings.csv lacks: {missing}"

    def test_no_string_is_unused(self):
        literal, prefixes = _keys_used()
        unused = [
            r["key"]
            for r in _catalogue()
            if r["key"] not in literal and not any(r["key"].startswith(p) for p in prefixes)
        ]
        assert not unused, f"rows of strings.csv no code uses: {unused}"

    def test_a_broken_catalogue_is_refused_naming_the_line(self, tmp_path):
        bad = tmp_path / "strings.csv"
        bad.write_text("key,vi,en,note\nyes,có,yes,\nyes,vâng,yes,\n", encoding="utf-8")
        with pytest.raises(ValueError, match=r"^strings.csv:3: key 'yes' twice"):
            i18n._read_catalogue(bad)

    def test_value_labels_cover_the_data_vocabularies(self):
        facts = cd.load_indicators()
        for column in ("kind", "qualifier", "flag"):
            for code in facts[column].astype(str).unique():
                assert code == "" or i18n.has(f"value.{column}.{code}"), (column, code)
                assert "_" not in i18n.value_label(column, code, "en") + i18n.value_label(column, code, "vi")
        for unit in facts["unit"].astype(str).unique():
            assert i18n.value_label("unit", unit, "vi") == cd.units().set_index("unit").at[unit, "label_vi"]
        assert i18n.value_label("breakdown", "level:district", "en") == "District level"
        assert i18n.value_label("domain", "procedures", "en") == "Administrative procedure reform"

    def test_a_source_id_has_one_vietnamese_name(self):
        """The column header and the validation messages call a source's id alike; "mã nguồn" is the code's."""
        rows = _catalogue()
        named = [r for r in rows if re.search(r"source[ _]id", r["en"], re.IGNORECASE)]
        assert len(named) >= 3
        for r in named:
            assert "ký hiệu nguồn" in r["vi"].lower(), (r["key"], r["vi"])
        for r in rows:
            if "mã nguồn" in r["vi"].lower():
                assert r["en"].startswith("Code"), (r["key"], r["vi"])

    def test_periods_in_words(self):
        assert i18n.format_period("2021-Q1", "vi") == "quý I/2021"
        assert i18n.format_period("2021-Q4", "en") == "Q4 2021"
        assert i18n.format_period("2021-2030", "vi") == "2021–2030"


class TestT:
    def test_t_names_a_missing_key_and_where_to_add_it(self):
        with pytest.raises(KeyError, match=r"no string 'nope'; add a row to cchc_data/strings.csv"):
            i18n.t("nope", "en")

    def test_t_fills_placeholders_and_names_a_missing_key(self):
        assert i18n.t("no_targets", "vi", name="Hà Giang").endswith("của Hà Giang.")
        with pytest.raises(KeyError, match="no string 'nope'"):
            i18n.t("nope", "vi")


class TestFormatNumber:
    @pytest.mark.parametrize(
        ("value", "lang", "expected"),
        [
            (1514, "vi", "1.514"),
            (1514, "en", "1,514"),
            (1514.0, "vi", "1.514"),  # counts without decimals, never 1514.0
            (3436.0, "en", "3,436"),
            (98.63, "vi", "98,63"),
            (98.63, "en", "98.63"),
            (279.098405, "en", "279.1"),
            (100210000, "vi", "100.210.000"),
            (-115, "en", "\u2212115"),
            (float("nan"), "en", "–"),
            (None, "vi", "–"),
        ],
    )
    def test_format_number(self, value, lang, expected):
        assert i18n.format_number(value, lang) == expected

    def test_format_number_refuses_text_with_a_clear_message(self):
        with pytest.raises(TypeError, match=r"format_number needs a number, got '1\.514' \(str\)"):
            i18n.format_number("1.514", "vi")

    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_huge_numbers_are_formatted(self, lang):
        sep = "." if lang == "vi" else ","
        assert i18n.format_number(1e308, lang).startswith(f"100{sep}000{sep}000")
        assert i18n.format_percent(1e30, lang).endswith("%")


class TestFormatPercent:
    def test_format_percent_follows_each_language(self):
        assert i18n.format_percent(98.63, "vi") == "98,63 %"
        assert i18n.format_percent(98.63, "en") == "98.63%"
        assert i18n.format_percent(97.9487, "vi", decimals=1) == "97,9 %"
        assert i18n.format_percent(math.nan, "vi") == "–"
