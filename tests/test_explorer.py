"""Tests of ``cchc_data.explorer``: the explorer app, driven through its widgets (no browser)."""

import base64
import html
import io
import re
import warnings

import pandas as pd
import pytest
from corruptions import CASES

import cchc_data as cd
from cchc_data import analysis
from cchc_data.explorer import Explorer, explore


@pytest.fixture
def ex():
    return explore(lang="en")


def _csv_of_link(ex: Explorer) -> pd.DataFrame:
    href = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', ex.download.value).group(1)
    text = base64.b64decode(href).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    return pd.read_csv(io.StringIO(text[1:]), dtype=str, keep_default_na=False)


class TestExplore:
    def test_explore_is_lazily_re_exported_and_callable_after_importing_the_module(self):
        import cchc_data.explorer  # noqa: F401  (the module is named apart from the function)

        assert isinstance(cd.explore(lang="en"), Explorer)


class TestExplorer:
    def test_opens_on_the_province_with_most_facts_and_its_profile(self, ex):
        assert ex.provinces == ("khanh-hoa",)
        assert set(ex.view["province"]) == {"khanh-hoa"}
        assert len(ex.view) == len(cd.load_indicators(province="khanh-hoa", kind="actual"))
        assert ex.chart_titles == ["PAR results – Khánh Hòa"]
        assert len(ex.charts.children) == 1 and bytes(ex.charts.children[0].value).startswith(b"\x89PNG")
        assert ex.error == ""

    def test_domain_filters_the_table_and_lists_only_its_items(self, ex):
        ex.domain.value = "digital_government"
        assert set(ex.view["indicator"]) <= set(cd.catalog().query("domain == 'digital_government'")["indicator"])
        assert len(ex.view) == len(cd.load_indicators(province="khanh-hoa", domain="digital_government", kind="actual"))
        values = [v for _, v in ex.item.options]
        assert "concept:official_email_accounts" in values
        assert "indicator:dossiers_on_time_share" not in values  # a procedures indicator

    def test_province_and_concept_change_table_and_chart_data(self, ex):
        """The done-when path: Khánh Hòa, e-government, English → Hà Giang vs Khánh Hòa, e-mail accounts, Vietnamese."""
        ex.domain.value = "digital_government"
        before_table, before_titles = ex.view.copy(), list(ex.chart_titles)
        ex.province_checks["ha-giang"].value = True
        ex.item.value = "concept:official_email_accounts"
        ex.lang.value = "vi"
        assert ex.provinces == ("ha-giang", "khanh-hoa")
        assert not ex.view.equals(before_table) and ex.chart_titles != before_titles
        expected = analysis.compare("official_email_accounts", provinces=["ha-giang", "khanh-hoa"])
        got = ex.view.set_index("province")
        assert got.loc["ha-giang", "value"] == 14000.0 and got.loc["ha-giang", "qualifier"] == "more_than"
        assert got.loc["khanh-hoa", "value"] == 4600.0 and got.loc["khanh-hoa", "period"] == "2019"
        assert sorted(ex.view["evidence"]) == sorted(expected["evidence"])
        # the chart is the comparison chart, in Vietnamese, drawn from the same rows
        concept_label = cd.concepts().set_index("concept").loc["official_email_accounts", "label_vi"]
        assert ex.chart_titles == [concept_label]
        (drawn,) = ex.chart_data
        assert sorted(drawn["province"].astype(str)) == ["ha-giang", "khanh-hoa"]
        assert sorted(drawn["value"]) == [4600.0, 14000.0]
        # comparability: different periods and definitions are said, in Vietnamese
        assert "Các tỉnh có số liệu ở các kỳ khác nhau" in ex.notes.value
        assert "Hà Giang 2017" in ex.notes.value and "Khánh Hòa 2019" in ex.notes.value
        # the table shows the verbatim evidence, the source title and the qualifier
        assert "trên 14 nghìn hộp thư điện tử" in ex.table.value
        assert "Mốc son mới" in ex.table.value
        assert "trên 14.000" in ex.table.value  # Vietnamese number format, qualifier in words (as on the pages)

    def test_ui_text_follows_the_language(self, ex):
        ex.province_checks["ha-giang"].value = True
        ex.item.value = "concept:official_email_accounts"
        assert ex._labels["provinces"].value == "<b>Provinces</b>" and "Verbatim evidence" in ex.table.value
        assert ex.item.label.startswith("Compare across provinces: ")
        ex.lang.value = "vi"
        assert ex._labels["provinces"].value == "<b>Tỉnh</b>" and "Trích dẫn nguyên văn" in ex.table.value
        assert "Verbatim evidence" not in ex.table.value and "Comparability" not in ex.notes.value
        assert ex.item.label.startswith("So sánh giữa các tỉnh: ")
        assert [label for label, _ in ex.kind.options] == ["Kết quả thực hiện", "Mục tiêu", "Cả hai"]
        assert "Tải bảng này (CSV)" in ex.download.value

    def test_download_is_exactly_the_table(self, ex):
        ex.provinces = ["Hà Giang", "Khánh Hòa"]
        ex.item.value = "concept:official_email_accounts"
        csv = _csv_of_link(ex)
        assert len(csv) == len(ex.view) == 2
        assert csv["evidence"].tolist() == ex.view["evidence"].tolist()
        assert csv["value"].tolist() == ["14000.0", "4600.0"]
        assert "label" in csv and "label_vi" not in csv  # the chosen language's labels
        assert "note" in csv and "note_vi" not in csv  # and notes
        assert 'download="cchc-ha-giang-khanh-hoa-official_email_accounts-en.csv"' in ex.download.value
        ex.item.value = "indicator:iso_qms_systems"
        ex.lang.value = "vi"
        csv = _csv_of_link(ex)
        assert "note_vi" not in csv and csv["note"].str.startswith("Mâu thuẫn trong bài viết").any()

    def test_typed_province_names_are_resolved(self, ex):
        ex.province_text.value = "ha giang, Khánh Hoà"
        assert ex.provinces == ("ha-giang", "khanh-hoa")
        assert ex.error == ""

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ("Khanh Hao", r"'Khanh Hao' is not a known province \(did you mean 'Khánh Hòa'"),
        ],
    )
    def test_bad_province_text_shows_the_library_error_in_the_app(self, ex, typed, message):
        ex.province_text.value = typed
        assert re.search(message, ex.error)
        assert "No province is called “Khanh Hao”. Did you mean: Khánh Hòa" in html.unescape(ex.message.value)
        assert "Traceback" not in ex.message.value
        assert ex.provinces == ("khanh-hoa",)  # the selection is kept

    @pytest.mark.parametrize(
        ("lang", "message"),
        [
            ("vi", "Hà Nội chưa có số liệu trong bộ dữ liệu này. Các tỉnh có số liệu: Đắk Lắk, Hà Giang, Khánh Hòa."),
            ("en", "Hà Nội has no data in this collection yet. Provinces with data: Đắk Lắk, Hà Giang, Khánh Hòa."),
        ],
    )
    def test_known_province_without_data_says_so_in_the_chosen_language(self, lang, message):
        ex = explore(lang=lang)
        ex.province_text.value = "Hà Nội"
        assert ex.error == message and html.escape(message) in ex.message.value
        assert ex.provinces == ("khanh-hoa",)  # the selection is kept

    @pytest.mark.parametrize(
        ("lang", "message"),
        [
            (
                "vi",
                "Tuyên Quang (sau sắp xếp năm 2025) chưa có số liệu riêng; đang hiển thị số liệu của "
                "Hà Giang (tỉnh trước khi sắp xếp, nay thuộc Tuyên Quang).",
            ),
            (
                "en",
                "Tuyên Quang (as reorganised in 2025) has no data of its own yet; showing the data of Hà Giang, "
                "a province before 2025 and now part of Tuyên Quang.",
            ),
        ],
    )
    def test_a_2025_province_shows_its_former_parts_and_says_so(self, lang, message):
        ex = explore(lang=lang)
        ex.province_text.value = "Tuyên Quang"
        assert ex.provinces == ("ha-giang",)
        assert set(ex.view["province"]) == {"ha-giang"}
        assert ex.error == "" and html.escape(message) in ex.message.value

    def test_search_is_diacritic_insensitive_and_says_when_nothing_matches(self, ex):
        ex.provinces = ["Hà Giang", "Khánh Hòa"]
        ex.search.value = "thu dien tu"
        values = [v for _, v in ex.item.options]
        assert "concept:official_email_accounts" in values
        hits = set(cd.search("thư điện tử")["indicator"])
        assert {v.split(":")[1] for v in values if v.startswith("indicator:")} <= hits
        assert "indicator:dossiers_on_time_share" not in values
        assert set(ex.view["indicator"]) <= {v.split(":")[1] for v in values if v.startswith("indicator:")}
        ex.search.value = "zzzz khong co"
        assert ex.item.options == (("Every indicator selected", ""),)
        assert "No indicator matches “zzzz khong co”" in ex.message.value and ex.view.empty

    def test_indicator_with_breakdown_draws_the_breakdown_chart(self, ex):
        ex.item.value = "indicator:dossiers_on_time_share"
        (data,) = ex.chart_data
        expected = analysis.breakdown_table("khanh-hoa", "dossiers_on_time_share")
        # the chart's own record of what it drew (fig.cchc_values) holds the table's rows, plus drawing columns
        pd.testing.assert_frame_equal(
            data[expected.columns].reset_index(drop=True),
            expected.reset_index(drop=True),
            check_dtype=False,
            check_categorical=False,
        )
        assert set(ex.view["indicator"]) == {"dossiers_on_time_share"}
        assert (ex.view["breakdown"] != "").any()

    def test_kind_target_shows_targets_and_the_progress_chart(self, ex):
        ex.kind.value = "target"
        assert set(ex.view["kind"]) == {"target"} and len(ex.view) > 0
        assert ex.chart_titles == ["Progress towards targets – Khánh Hòa"]
        assert 'class="target' in ex.table.value and "Yellow rows: targets and plans" in ex.table.value
        ex.kind.value = "both"
        assert set(ex.view["kind"]) == {"actual", "target"}

    def test_period_filters_and_lists_only_periods_with_facts(self, ex):
        periods = [v for _, v in ex.period.options]
        assert periods[0] == "all" and "2021-Q1" in periods and "2017" not in periods  # 2017: Hà Giang only
        ex.period.value = "2021-Q1"
        assert set(ex.view["period"]) == {"2021-Q1"}

    def test_compare_period_defaults_to_latest(self, ex):
        ex.provinces = ["Hà Giang", "Khánh Hòa"]
        ex.item.value = "concept:digital_certificates"
        assert ex.period.value == "latest" and ex.period.label == "Latest of each province"
        assert ex.view.set_index("province").at["ha-giang", "period"] == "2017"

    def test_flagged_facts_are_marked(self, ex):
        ex.item.value = "indicator:iso_qms_systems"
        assert (ex.view["flag"] == "contradiction").any()
        assert "⚠ two statements of the source disagree" in ex.table.value
        assert 'class="flagged"' in ex.table.value or 'class="target flagged"' in ex.table.value
        assert "Contradiction within the article" in ex.table.value  # the note explains the flag
        ex.lang.value = "vi"
        assert "⚠ hai nội dung trong nguồn không thống nhất" in ex.table.value  # the one wording of the flag
        assert "Mâu thuẫn trong bài viết: năm 2019 có 183 hệ thống QLCL tại 278 cơ quan" in ex.table.value
        assert "Contradiction within the article" not in ex.table.value

    def test_targets_in_a_comparison_are_listed_not_drawn(self, ex):
        ex.provinces = ["Hà Giang", "Khánh Hòa"]
        ex.item.value = "concept:official_email_accounts"
        ex.kind.value = "both"
        assert "The comparison chart draws achieved results only" in ex.notes.value
        assert set(ex.chart_data[0]["province"].astype(str)) == {"ha-giang", "khanh-hoa"}

    def test_no_province_ticked_is_a_notice_not_an_error(self, ex):
        ex.province_checks["khanh-hoa"].value = False
        assert ex.view.empty and ex.chart_titles == [] and ex.download.value == ""
        assert "Pick at least one province." in ex.message.value and ex.error == ""

    def test_bad_lang_is_a_clear_error(self):
        with pytest.raises(ValueError, match="'fr' is not a supported language; use 'vi' or 'en'"):
            explore(lang="fr")

    def test_uses_compare_s_own_comparability_notes_when_it_has_them(self, ex, monkeypatch):
        """The shared interface: compare() rows carry comparability ("same"/"caveat") and notes in vi and en."""
        original = analysis.compare

        def compare_with_notes(*args, **kwargs):
            rows = original(*args, **kwargs)
            return rows.assign(
                comparability=["caveat" if p == "ha-giang" else "same" for p in rows["province"].astype(str)],
                comparability_note_vi="hộp thư, không phải tài khoản",
                comparability_note_en="mailboxes, not accounts",
            )

        monkeypatch.setattr(analysis, "compare", compare_with_notes)
        ex.provinces = ["Hà Giang", "Khánh Hòa"]
        ex.item.value = "concept:official_email_accounts"
        assert "Hà Giang – Official e-mail mailboxes: mailboxes, not accounts" in ex.notes.value
        assert "Khánh Hòa – " not in ex.notes.value  # "same": no note
        ex.lang.value = "vi"
        assert "hộp thư, không phải tài khoản" in ex.notes.value and "mailboxes" not in ex.notes.value

    def test_a_province_without_facts_of_the_concept_is_named_as_missing(self, ex):
        ex.provinces = ["Đắk Lắk", "Hà Giang", "Khánh Hòa"]
        ex.item.value = "concept:official_email_accounts"
        assert "dak-lak" not in set(ex.view["province"])
        assert "No facts of this concept (for this selection): Đắk Lắk." in ex.notes.value

    def test_reads_another_data_folder(self, data_copy):
        """A data folder without Hà Giang: no checkbox for it, and typing it says it has no data there."""
        table = data_copy / "indicators.csv"
        lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
        table.write_text("".join(ln for ln in lines if not ln.startswith("hg-")), encoding="utf-8")
        ex = explore(lang="en", data_dir=data_copy)
        assert sorted(ex.province_checks) == ["dak-lak", "khanh-hoa"]
        ex.province_text.value = "Hà Giang"
        assert ex.error.startswith("Hà Giang has no data in this collection yet")

    def test_controls_fit_a_phone_screen(self, ex):
        """No control is wider than its container: a 390 px phone shows every control without sideways scroll."""
        for control in (ex.province_text, ex.search, ex.item):
            assert control.layout.width == "100%" and control.layout.max_width.endswith("em")

    def test_download_protects_formula_like_text_as_the_suite_downloads_do(self, data_copy):
        """A note starting with '=' is written with a leading apostrophe (cchc_data._csvfile), issue 25 item 1."""
        import csv as csvmodule

        with open(data_copy / "indicators.csv", encoding="utf-8", newline="") as f:
            rows = list(csvmodule.DictReader(f))
        for row in rows:
            row["note"] = "=1+1 and more"
        with open(data_copy / "indicators.csv", "w", encoding="utf-8", newline="") as f:
            writer = csvmodule.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        ex = explore(lang="en", data_dir=data_copy)
        ex.provinces = ["Hà Giang", "Khánh Hòa"]
        ex.item.value = "concept:official_email_accounts"
        got = _csv_of_link(ex)
        assert len(got) == 2 and got["note"].tolist() == ["'=1+1 and more"] * 2

    def test_the_explorer_shows_the_datas_validation_errors(self, data_copy):
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

    def test_the_explorer_draws_1e308(self, data_copy):
        from cchc_data.explorer import Explorer

        CASES["1e308 value"](data_copy)
        ex = Explorer(lang="en", data_dir=data_copy)
        ex.provinces = ["Hà Giang"]
        assert ex.error == ""
        assert "100,000,000,000" in ex.table.value
