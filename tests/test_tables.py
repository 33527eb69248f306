"""Tables for people: translated headers, formatted numbers, words for codes, citations, no NaN."""

import html
import re

import pandas as pd
import pytest

import cchc_data as cd
from cchc_data import analysis, i18n, tables
from cchc_data import national as nat

RAW = ("NaN", "nan", "None", "Series(", "dtype:", "more_than", "at_least", "newspaper_article", "kh-2021q1-report")


def _visible_text(table) -> str:
    return " ".join(table.frame.astype(str).to_numpy().ravel()) + " " + " ".join(table.frame.columns)


@pytest.fixture
def page_key():
    """A fresh page: the shared source key starts empty and is left empty."""
    tables.PAGE_SOURCES.clear()
    yield tables.PAGE_SOURCES
    tables.PAGE_SOURCES.clear()


def row(id_, index, province, period, measure, scope, value, unit, evidence, *, source="baokhanhhoa-2024-papi",
        qualifier="none", flag="", note_vi=""):  # fmt: skip
    return dict(id=f"{source}-{id_:03d}", index=index, province=province, period=str(period), measure=measure,
                scope=scope, value=str(value), unit=unit, qualifier=qualifier, source_id=source, evidence=evidence,
                flag=flag, note_vi=note_vi)  # fmt: skip


class TestNationalPageTables:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_page_tables_are_wholly_in_one_language(self, lang):
        described = nat.describe_indices(lang)
        standing = nat.standing_table(lang)
        sources = nat.sources_table(lang)
        headers = {"vi": ["Chỉ số", "Tỉnh", "Năm", "Điểm", "Thứ hạng", "Ghi chú"],
                   "en": ["Index", "Province", "Year", "Score", "Rank", "Remarks"]}[lang]  # fmt: skip
        assert list(standing.columns) == headers
        assert described.iloc[:, 0].tolist() == ["PAR INDEX", "SIPAS", "PAPI", "PCI"]
        assert len(sources) == len(nat.national_index_sources())
        row = standing.set_index([headers[0], headers[1]]).loc[("SIPAS", "Khánh Hòa")]
        assert (
            row[headers[3]] == ("83,66% (2024)" if lang == "vi" else "83.66% (2024)")
            and row[headers[4]] == "30/63 (2024)"
        )
        old = standing.set_index([headers[0], headers[1]]).loc[("PAR INDEX", "Đắk Lắk")]
        assert old[headers[3]].endswith("(2023*)")  # PAR INDEX 2023: before the 2024 criteria
        assert old[headers[5]].startswith("* phương pháp trước đây" if lang == "vi" else "* earlier method")
        published = sources.set_index(sources.columns[-1])[i18n.t("national.column.published", lang)]
        assert published["baokhanhhoa-2024-papi"] == ("2/4/2024" if lang == "vi" else "2 April 2024")  # a date, no time
        assert published["vietnamnet-hg-2023-pci"] == ("không ghi ngày" if lang == "vi" else "undated")
        kinds = sources[i18n.t("national.column.kind", lang)]  # every page's kind, in the page's language
        assert (
            set(kinds) <= {i18n.t(f"national.source_kind.{k}", lang) for k in nat.SOURCE_KINDS} and kinds.ne("").all()
        )

    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_standing_explains_a_flagged_value_in_the_page_language(self, lang):
        standing = nat.standing_table(lang)
        standing = standing.set_index(list(standing.columns[:2]))
        remark = standing.loc[("PAPI", "Hà Giang")].iloc[-1]  # PAPI 2024: ranked out of 63 here, 61 on another page
        values = cd.national_indices(index="papi").query("id == 'baohagiang-en-2025-papi-003'")
        assert values["note_vi" if lang == "vi" else "note"].item().rstrip(".") in remark
        assert ".;" not in remark, "notes joined without their full stops"
        assert ("39/61/63" in remark) and (
            ("các nguồn khác nhau" in remark) if lang == "vi" else ("sources disagree" in remark)
        )
        assert standing.loc[("SIPAS", "Khánh Hòa")].iloc[-1] == ""  # nothing flagged behind it

    def test_page_tables_reject_a_bad_language(self):
        with pytest.raises(ValueError, match="'de' is not a supported language; use 'vi' or 'en'"):
            nat.standing_table("de")


class TestShowTable:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_facts_table_has_no_raw_values_and_cites_sources(self, lang):
        facts = cd.load_indicators()
        table = tables.show_table(
            facts, lang, columns=["fact_id", "label", "period", "kind", "value", "source_id", "evidence"]
        )
        assert table.total == len(facts) and len(table.frame) == len(facts), "the whole table, not 10 rows"
        text = _visible_text(table)
        for raw in RAW:
            assert not re.search(rf"(?<![\w-]){re.escape(raw)}(?![\w-])", text), raw
        sources = table.frame.iloc[:, 5]
        assert not sources.str.contains(r"^[a-z]{2}-\d{4}", regex=True).any(), "sources by number, not by id"
        assert set(sources) == {f"[{n}]" for n in range(1, facts["source_id"].nunique() + 1)}
        assert 'href="#source-1"' in table.html
        listed = tables.source_list(lang).frame["citation"]
        issuer = {
            "vi": "UBND tỉnh Khánh Hòa, ",
            "en": "Khánh Hòa Provincial People's Committee (UBND tỉnh Khánh Hòa), ",
        }
        assert any(c.startswith(issuer[lang]) for c in listed), "the key lists the full citations"
        evidence = table.frame.iloc[:, 6]
        longest = facts["evidence"].str.len().max()
        assert evidence.str.len().max() >= longest, "evidence in full, never cut"
        assert "<th>" in table.html and "<th></th>" not in table.html, "no index column"

    def test_numbers_follow_the_page_language(self):
        f = pd.DataFrame(
            {
                "value": [1514.0, 98.63, 14000.0],
                "unit": ["count", "percent", "count"],
                "qualifier": ["none", "none", "more_than"],
            }
        )
        assert tables.show_table(f, "vi", columns=["value"]).frame.iloc[:, 0].tolist() == [
            "1.514",
            "98,63 %",
            "trên 14.000",
        ]
        assert tables.show_table(f, "en", columns=["value"]).frame.iloc[:, 0].tolist() == [
            "1,514",
            "98.63%",
            "more than 14,000",
        ]

    def test_missing_values_are_an_explained_dash(self):
        progress = analysis.progress_to_target("Khánh Hòa")
        table = tables.show_table(progress, "en", columns=["label", "target", "actual", "gap", "status"])
        assert "–" in table.frame.iloc[:, 2].tolist() and "no data (not a zero)" in table.html
        assert not re.search(r"\bnan\b", table.html, re.IGNORECASE)

    def test_english_evidence_keeps_the_vietnamese_quote_with_the_english_label_beside_it(self):
        facts = cd.load_indicators(province="Hà Giang").head(1)
        html = tables.show_table(facts, "en", columns=["label", "evidence"]).html
        assert f'<q lang="vi">{facts["evidence"].iloc[0]}</q>' in html
        assert "Evidence for: " + facts["label_en"].iloc[0] in html  # what the quote supports, not its translation

    def test_a_cut_table_says_how_many_rows_it_shows_and_links_the_full_data(self):
        facts = cd.load_indicators()
        table = tables.show_table(
            facts, "en", columns=["fact_id"], max_rows=10, full_data="../../downloads/cchc-facts.csv"
        )
        assert f"Showing 10 of {len(facts)} rows" in table.html
        assert 'href="../../downloads/cchc-facts.csv"' in table.html

    def test_unknown_column_names_the_valid_ones(self):
        with pytest.raises(ValueError, match=r"show_table: no column 'valeur'; the frame has: value"):
            tables.show_table(pd.DataFrame({"value": [1]}), "en", columns=["valeur"])

    def test_targets_rows_are_marked_apart_from_actual_results(self):
        facts = cd.load_indicators(province="Khánh Hòa", kind="target")
        html = tables.show_table(facts, "vi", columns=["label", "kind", "value"]).html
        assert html.count('<tr class="target">') == len(facts)

    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_a_flag_is_explained_under_its_label_in_the_page_language(self, lang):
        facts = cd.load_indicators()
        flagged = facts[facts["flag"] != ""]
        table = tables.show_table(flagged, lang, columns=["fact_id", "flag"])
        own, other = ("note_vi", "note") if lang == "vi" else ("note", "note_vi")
        for fact_id, note, foreign in zip(flagged["fact_id"], flagged[own], flagged[other], strict=True):
            assert note and html.escape(note) in table.html, fact_id
            assert html.escape(foreign) not in table.html, fact_id
        cell = dict(zip(table.frame.iloc[:, 0], table.frame.iloc[:, 1], strict=True))["kh-2021q1-report-067"]
        if lang == "vi":
            assert "170.397 + 7.021 + 27.253 + 90.621 = 295.292" in cell and "82,06%" in cell
        else:
            assert "repeats the police figures exactly" in cell

    def test_a_flag_note_is_given_once_per_table_then_said_to_be_as_above(self):
        facts = cd.load_indicators(province="Khánh Hòa")
        flagged = facts[facts["flag"] != ""]
        repeated = flagged["note_vi"].value_counts()
        assert repeated.max() > 1  # the data has a note shared by several facts
        table = tables.show_table(flagged, "vi", columns=["fact_id", "flag"])
        for note in repeated.index:
            assert table.html.count(f'<span class="gloss">{html.escape(note)}</span>') == 1, note
        assert table.html.count("ghi chú như trên") == int((repeated - 1).sum())
        assert 'class="flag"' in table.html  # the column printed at its own width

    def test_a_vietnamese_page_shows_note_vi_as_the_note_column(self):
        facts = cd.load_indicators(province="Khánh Hòa")
        flagged = facts[facts["flag"] != ""]
        vi = tables.show_table(flagged, "vi")  # every column: never the English note on a Vietnamese page
        assert "Ghi chú" in vi.frame.columns and "note_vi" not in " ".join(vi.frame.columns)
        assert vi.frame["Ghi chú"].tolist() == flagged["note_vi"].tolist()
        en = tables.show_table(flagged, "en")
        assert en.frame["Note"].tolist() == flagged["note"].tolist()

    def test_a_frame_without_note_vi_shows_no_english_note_on_a_vietnamese_page(self):
        flagged = cd.flags().drop(columns="note_vi")
        html_ = tables.show_table(flagged, "vi", columns=["fact_id", "flag"]).html
        assert not any(html.escape(note) in html_ for note in flagged["note"])
        assert "không thống nhất" in html_


class TestSentence:
    def test_an_empty_table_says_why_in_one_sentence(self):
        progress = analysis.progress_to_target("Hà Giang")
        table = tables.show_table(
            progress, "en", empty="No targets are recorded for Hà Giang in the sources collected."
        )
        assert (
            table.html == '<p class="cchc-sentence">No targets are recorded for Hà Giang in the sources collected.</p>'
        )


class TestComparisonTable:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_comparison_table_shows_grade_and_note_in_the_page_language(self, lang):
        comparison = analysis.compare(analysis.comparable_concepts())
        table = tables.comparison_table(comparison, lang)
        grades = set(table.frame.iloc[:, 5])
        assert grades <= (
            {"so sánh được", "so sánh được, có lưu ý"} if lang == "vi" else {"comparable", "comparable with caveats"}
        )
        notes = table.frame.iloc[:, 6]
        if lang == "vi":  # never an English note on a Vietnamese page
            assert not notes.str.contains(r"\b(?:the|of|not|and)\b", regex=True).any(), notes.tolist()


class TestSourcesTable:
    def test_sources_table_uses_titles_in_the_page_language(self):
        en = tables.sources_table("en").frame.set_index("Title")
        vi = tables.sources_table("vi").frame.set_index("Tiêu đề")
        hg_en = en.loc["A new milestone in carrying out public administration reform tasks"]
        hg_vi = vi.loc["Mốc son mới trong thực hiện nhiệm vụ cải cách hành chính"]
        assert (hg_en["Issuer or author"], hg_en["Issue"], hg_en["Published"]) == (
            "Thiên Thanh",  # a person's name, as printed
            "Xuân 2018 (Spring 2018)",  # the edition's title as printed, its English gloss in brackets
            "undated",
        )
        kh_en = en.loc[
            "Results of public administration reform and of IT use in state agencies of Khánh Hòa province in 2019"
        ]
        assert kh_en["Issuer or author"] == (
            "Nguyên Lộc, Khánh Hòa Provincial Party Committee Office (Văn phòng Tỉnh ủy Khánh Hòa)"
        )
        assert (hg_vi["Cơ quan ban hành / tác giả"], hg_vi["Số báo"]) == ("Thiên Thanh", "Xuân 2018")
        html = tables.sources_table("en").html
        assert '(<span lang="vi">Văn phòng Tỉnh ủy Khánh Hòa</span>)' in html  # only the Vietnamese marked so
        assert '<span lang="vi">Hà Giang Newspaper' not in html
        assert (hg_vi["Số báo"], hg_vi["Ngày phát hành"]) == ("Xuân 2018", "không ghi ngày")
        assert "12/2/2023" in vi["Ngày phát hành"].tolist() and "12 February 2023" in en["Published"].tolist()
        assert set(en["Public copy"]) == {"no public copy found (searched 7 December 2026)"}


class TestCiteSource:
    def test_a_page_cites_each_source_once_by_number(self, page_key):
        facts = cd.load_indicators(province="khanh-hoa")
        first = tables.show_table(facts.head(3), "vi", columns=["fact_id", "source_id"])
        second = tables.show_table(facts, "vi", columns=["fact_id", "source_id"])
        assert first.frame.iloc[:, 1].tolist() == ["[1]"] * 3  # kh-2019-article, first cited
        assert len(second.frame) == len(facts) and set(second.frame.iloc[:, 1]) == {"[1]", "[2]", "[3]"}
        key = tables.source_list("vi")
        assert key.frame["number"].tolist() == [1, 2, 3]
        assert key.html.count("<li") == 3 and '<li id="source-2" value="2">' in key.html
        assert "UBND tỉnh Khánh Hòa" not in second.html  # the citation is in the key, not in every row

    def test_a_table_may_number_with_its_own_key(self, page_key):
        key = tables.SourceKey()
        tables.show_table(cd.load_indicators(province="dak-lak"), "en", columns=["source_id"], sources=key)
        assert [n for n, _ in key.entries("en")] == [1] and not page_key.numbers
        assert tables.source_list("en").total == 0 and tables.source_list("en").html == ""

    @pytest.mark.parametrize(
        ("source_id", "lang", "expected"),
        [
            (
                "kh-2021q1-report",
                "vi",
                "UBND tỉnh Khánh Hòa, Báo cáo tình hình, kết quả cải cách hành chính quý I/2021 của tỉnh Khánh Hòa, "
                "không ghi số hiệu, không ghi ngày; không tìm thấy bản công khai (tra cứu 7/12/2026)",
            ),
            (
                "kh-2021q1-report",
                "en",
                "Khánh Hòa Provincial People's Committee (UBND tỉnh Khánh Hòa), Report on the situation and results of "
                "public administration reform in Q1 2021, Khánh Hòa province, no document number given, undated; no "
                "public copy found (searched 7 December 2026)",
            ),
            (
                "hg-2018-article",
                "en",
                "Thiên Thanh, A new milestone in carrying out public administration reform tasks, Hà Giang Newspaper "
                "(Báo Hà Giang), Xuân 2018 (Spring 2018) issue, undated; no public copy found (searched 7 December 2026)",
            ),
            (
                "kh-2019-article",
                "en",
                "Nguyên Lộc, Khánh Hòa Provincial Party Committee Office (Văn phòng Tỉnh ủy Khánh Hòa), Results of public "
                "administration reform and of IT use in state agencies of Khánh Hòa province in 2019, publisher not "
                "stated, undated; no public copy found (searched 7 December 2026)",
            ),
            (
                "kh-2019-article",
                "vi",
                "Nguyên Lộc, Văn phòng Tỉnh ủy Khánh Hòa, Kết quả cải cách hành chính và ứng dụng công nghệ thông tin "
                "trong cơ quan nhà nước tỉnh Khánh Hòa năm 2019, không rõ cơ quan phát hành, không ghi ngày; không tìm "
                "thấy bản công khai (tra cứu 7/12/2026)",
            ),
            (
                "hg-2018-article",
                "vi",
                "Thiên Thanh, Mốc son mới trong thực hiện nhiệm vụ cải cách hành chính, Báo Hà Giang, số Xuân 2018, "
                "không ghi ngày; không tìm thấy bản công khai (tra cứu 7/12/2026)",
            ),
            (
                "kh-2022-programme",
                "en",
                "Nguyễn Vũ, 2021–2030: towards digital government, publisher not stated, 10 January 2022; "
                "no public copy found (searched 7 December 2026)",
            ),
        ],
    )
    def test_citations_issuer_first_in_vietnamese_author_title_date_in_english(self, source_id, lang, expected):
        assert tables.cite_source(source_id, lang) == expected

    def test_a_citation_gives_the_number_and_the_address_when_known(self, tmp_path):
        import shutil

        folder = tmp_path / "data"
        shutil.copytree(cd.data_dir(), folder)
        src = pd.read_csv(folder / "sources.csv", dtype=str, keep_default_na=False)
        row = src["source_id"] == "kh-2021q1-report"
        src.loc[row, ["document_number", "url", "url_status", "published"]] = [
            "12/BC-UBND",
            "https://example.gov.vn/bc",
            "found",
            "2021-03-20",
        ]
        src.to_csv(folder / "sources.csv", index=False)
        assert cd.validate(folder).ok
        vi = tables.cite_source("kh-2021q1-report", "vi", data_dir=folder)
        assert vi == (
            "UBND tỉnh Khánh Hòa, Báo cáo tình hình, kết quả cải cách hành chính quý I/2021 của tỉnh Khánh Hòa, "
            "số 12/BC-UBND, 20/3/2021; https://example.gov.vn/bc (truy cập 7/12/2026)"
        )
        assert tables.cite_source("kh-2021q1-report", "en", data_dir=folder).endswith(
            "No. 12/BC-UBND, 20 March 2021; https://example.gov.vn/bc (accessed 7 December 2026)"
        )


class TestPublisherName:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_publishers_in_english_with_the_vietnamese_name_in_brackets_on_english_pages_only(self, lang):
        local = tables.sources_table(lang).frame
        publishers = list(local[local.columns[5]])
        national = tables.index_sources_table(lang)
        named = dict(zip(national.iloc[:, -1], national.iloc[:, 1], strict=True))
        if lang == "en":
            assert "Hà Giang Newspaper (Báo Hà Giang)" in publishers
            assert "Khánh Hòa Provincial People's Committee (UBND tỉnh Khánh Hòa)" in publishers
            assert named["baokhanhhoa-2024-papi"] == "Khánh Hòa Newspaper (Báo Khánh Hòa)"
            assert named["vietnamnet-hg-2023-pci"] == "VietNamNet", "a name in Latin script is given once"
            assert not any(") (" in p for p in [*publishers, *named.values()]), "no '… (Agency) (Báo … (TTXVN))'"
            assert named["vietnamplus-en-2019-par"] == "VietnamPlus (Vietnam News Agency) [VietnamPlus (TTXVN)]"
            html = tables._cite_html("hg-2018-article", "en")
            assert 'Hà Giang Newspaper (<span lang="vi">Báo Hà Giang</span>)' in html
        else:
            assert "Báo Hà Giang" in publishers and "UBND tỉnh Khánh Hòa" in publishers
            assert not any("Newspaper" in str(p) or "Committee" in str(p) for p in publishers)
            assert named["baokhanhhoa-2024-papi"] == "Báo Khánh Hòa"
        assert "–" in publishers, "a source without a publisher stays without one"

    def test_every_publisher_has_an_english_name_and_no_english_name_stands_alone(self):
        from cchc_data.national import national_index_sources

        for table in (cd.sources(), national_index_sources()):
            named = table["publisher"].fillna("") != ""
            assert (named == (table["publisher_en"].fillna("") != "")).all()
            assert not table.loc[named, "publisher_en"].str.contains(r"\bBáo\b|\bUBND\b|Cổng|Sở ", regex=True).any()


class TestIssuesTable:
    @pytest.mark.parametrize(
        ("lang", "value", "evidence", "title"),
        [
            ("vi", "Giá trị [value]", "Trích dẫn nguyên văn [evidence]", "Tiêu đề ngắn (tiếng Việt) [short_title_vi]"),
            ("en", "Value", "Verbatim evidence (Vietnamese) [evidence]", "Short title (Vietnamese) [short_title_vi]"),
        ],
    )
    def test_the_audit_table_names_each_column_as_readers_know_it_with_its_code_for_the_curator(
        self, lang, value, evidence, title
    ):
        from cchc_data.validation import Issue, ValidationReport

        said = [
            Issue("warning", "indicators.csv", 7, "value", "odd"),
            Issue("warning", "national_indices.csv", 3, "evidence", "long"),
            Issue("error", "national_index_sources.csv", 2, "short_title_vi", "padded"),
            Issue("error", "provinces.csv", 4, "no_such_column", "odd"),
            Issue("error", "datapackage.json", None, "", "broken"),
        ]
        fields = (
            tables.issues_table(ValidationReport(data_dir=None, issues=said), lang)
            .frame[i18n.t("column.field", lang)]
            .tolist()
        )
        assert fields == [value, evidence, title, "no_such_column", "–"]  # no column: the pages' dash
        shown = tables.issues_table(cd.validate(), lang).frame  # the audit page's own issues: no bare code
        assert not shown.empty and not shown[i18n.t("column.field", lang)].isin(["value", "evidence"]).any()


class TestIndexSourcesTable:
    @pytest.mark.parametrize(
        ("lang", "title", "key"), [("vi", "Tiêu đề", "Ký hiệu nguồn"), ("en", "Title", "Source ID")]
    )
    def test_a_national_source_card_starts_with_its_title_and_ends_with_the_id_the_audit_names(self, lang, title, key):
        from cchc_data.report.pages import stack_tables

        sources = tables.index_sources_table(lang)
        assert (sources.columns[0], sources.columns[-1]) == (title, key)
        assert "vnvn-kh-2025-par-sipas" in set(sources[key])  # the id the audit warnings name a page by
        card = stack_tables(tables.show_table(sources, lang).html).split("<tbody>")[1]
        labels = re.findall(r'data-label="([^"]*)"', card.split("</tr>")[0])
        assert labels[0] == title and labels[-1] == key


class TestNamesMarkedInTheirLanguage:
    def test_a_written_out_publisher_in_a_title_column_marks_its_vietnamese_part(self):
        frame = pd.DataFrame({"publisher_shown": ["Hà Giang Newspaper (Báo Hà Giang)", "Another Paper"]})
        shown = tables.show_table(frame, "en", titles=["publisher_shown"])
        assert 'Hà Giang Newspaper (<span lang="vi">Báo Hà Giang</span>)' in shown.html
        assert "Another Paper" in shown.html and shown.frame.iloc[0, 0] == "Hà Giang Newspaper (Báo Hà Giang)"
        vi = tables.show_table(frame, "vi", titles=["publisher_shown"])
        assert '<span lang="vi">' not in vi.html  # a Vietnamese page is Vietnamese throughout
