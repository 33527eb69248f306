import openpyxl
import pandas as pd
import pytest

import cchc_data as cd
from cchc_data import tables
from cchc_data.cli import main
from cchc_data.export import FACT_COLUMNS
from cchc_data.export import header as sheet_header

TEXT = [c for c in FACT_COLUMNS if c != "value"]


def _codes(sheet: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    """Rename a sheet read by pandas from its header labels back to the column codes."""
    codes = {"facts": FACT_COLUMNS, "sources": cd.sources().columns, "catalog": cd.catalog().columns}[kind]
    back = {sheet_header(kind, code, lang): code for code in codes}
    assert len(back) == len(codes), f"two columns of the {kind} sheet share a header"
    return sheet.rename(columns=back)


def _expected_facts(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame[FACT_COLUMNS].copy()
    for col in TEXT:
        out[col] = out[col].astype(str)
    units = cd.catalog().set_index("indicator")[f"unit_{lang}"]
    out["unit"] = out["indicator"].map(units)
    return out.reset_index(drop=True)


def _read_facts(sheet: pd.DataFrame, lang: str) -> pd.DataFrame:
    got = _codes(sheet, "facts", lang)
    for col in TEXT:
        got[col] = got[col].fillna("").astype(str)
    got["value"] = got["value"].astype(float)
    return got[FACT_COLUMNS]


@pytest.fixture
def all_facts():
    return cd.load_indicators()


class TestExportExcel:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    @pytest.mark.parametrize("group_by", ["domain", "province", "source_id", None])
    def test_round_trip_every_sheet(self, tmp_path, all_facts, group_by, lang):
        out = cd.export_excel(tmp_path / "cchc.xlsx", all_facts, group_by=group_by, lang=lang)
        assert out == (tmp_path / "cchc.xlsx").resolve() and out.is_file()
        book = pd.read_excel(out, sheet_name=None)
        names = list(book)
        special = {"vi": ["Nguồn", "Danh mục", "Giới thiệu"], "en": ["Sources", "Catalog", "About"]}[lang]
        assert names[-3:] == special

        facts = [_read_facts(book[name], lang) for name in names[:-3]]
        got = pd.concat(facts, ignore_index=True)
        want = _expected_facts(all_facts, lang)
        got = got.set_index("fact_id").loc[want["fact_id"]].reset_index()
        pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)
        for sheet in facts:  # one group per sheet
            key = {"domain": "domain", "province": "province_name", "source_id": "source_id", None: "domain"}[group_by]
            assert group_by is None or sheet[key].nunique() == 1

        src = _codes(book[special[0]], "sources", lang)
        used = cd.sources()[lambda t: t["source_id"].isin(all_facts["source_id"])].reset_index(drop=True)
        assert "text_file" not in src.columns  # where the project keeps the source's text: not for readers
        used = used.drop(columns="text_file")
        if lang == "en":  # publishers, issuers and issues as English pages name them: "English name (Vietnamese name)"
            for column in ("publisher", "issuer", "issue"):
                named = tables.issue_name if column == "issue" else tables.publisher_name
                pairs = zip(used[column], used[f"{column}_en"], strict=True)
                english = [named(vi, en, "en") for vi, en in pairs]
                used = used.assign(**{column: english}).drop(columns=f"{column}_en")
            assert "Hà Giang Newspaper (Báo Hà Giang)" in set(src["publisher"])
            assert "Xuân 2018 (Spring 2018)" in set(src["issue"])
            assert "Khánh Hòa Provincial People's Committee (UBND tỉnh Khánh Hòa)" in set(src["issuer"])
        else:
            assert "Báo Hà Giang" in set(src["publisher"]) and "Hà Giang Newspaper" in set(src["publisher_en"])
        for date in ("published", "accessed"):  # dates stay dates (an all-empty column reads back empty)
            got, want = src.pop(date), used.pop(date)
            if want.notna().any():
                pd.testing.assert_series_equal(got, want)
            else:
                assert got.isna().all()
        pd.testing.assert_frame_equal(src.fillna("").astype(str), used)
        cat = _codes(book[special[1]], "catalog", lang).fillna("").astype(str)
        used = cd.catalog()[lambda t: t["indicator"].isin(all_facts["indicator"])].reset_index(drop=True)
        pd.testing.assert_frame_equal(cat, used)
        about = dict(pd.read_excel(out, sheet_name=special[2], header=None).dropna(how="all").values.tolist())
        assert about[{"vi": "Phiên bản dữ liệu", "en": "Data version"}[lang]] == cd.data_version()
        assert about[{"vi": "Số dòng số liệu", "en": "Facts"}[lang]] == len(all_facts)

    def test_values_round_trip_exactly_and_percentages_are_not_divided(self, tmp_path, all_facts):
        out = cd.export_excel(tmp_path / "x.xlsx", all_facts, group_by=None, lang="en")
        ws = openpyxl.load_workbook(out)["Facts"]
        header = [c.value for c in ws[1]]
        col = {code: header.index(sheet_header("facts", code, "en")) for code in FACT_COLUMNS}
        rows = {r[col["fact_id"]].value: r for r in ws.iter_rows(min_row=2)}
        seen = set()
        for fact in all_facts.itertuples():
            row = rows[fact.fact_id]
            cell = row[col["value"]]
            assert cell.value == fact.value  # exact, including 65.91-style percentages
            fmt = {
                "percent": "0.00",
                "vnd": '#,##0 "₫"',
                "count": "#,##0",
                "minute": '#,##0 "min"',
                "per_100": '#,##0 "/100"',
            }.get(fact.unit, "General")
            if fact.unit == "percent":
                assert row[col["unit"]].value == "%"
            if float(fact.value).is_integer() or fact.unit == "percent":
                assert cell.number_format == fmt, (fact.fact_id, fact.unit)
                seen.add(fact.unit)
        assert {"percent", "vnd", "count"} <= seen

    def test_sheet_names_follow_domain_order_and_keep_diacritics(self, tmp_path):
        doms = cd.domains()
        for lang in ("vi", "en"):
            names = openpyxl.load_workbook(cd.export_excel(tmp_path / f"{lang}.xlsx", lang=lang)).sheetnames[:-3]
            labels = doms[f"label_{lang}"].tolist()
            assert len(names) == len(labels)  # every domain has facts in the bundled data
            for name, label in zip(names, labels, strict=True):
                assert len(name) <= 31
                assert name == label or (name.endswith("…") and label.startswith(name[:-1]))
        vi = openpyxl.load_workbook(tmp_path / "vi.xlsx").sheetnames
        assert "Cải cách thủ tục hành chính" in vi and "Cải cách tổ chức bộ máy hành c…" in vi

    def test_sheet_names_are_sanitised_truncated_and_unique(self, tmp_path):
        frame = cd.load_indicators().head(5).copy()
        frame["source_id"] = [
            "a/b:c*d?e[f]g\\h",
            "x" * 40 + "-one",
            "x" * 40 + "-two",
            "Sources",
            "'quoted'",
        ]
        out = cd.export_excel(tmp_path / "x.xlsx", frame, group_by="source_id", lang="en")
        names = openpyxl.load_workbook(out).sheetnames
        assert names[:-3] == ["quoted", "a_b_c_d_e_f_g_h", "Sources (2)", "x" * 30 + "…", "x" * 26 + "… (2)"]
        assert all(len(n) <= 31 for n in names)
        assert len({n.casefold() for n in names}) == len(names)

    def test_hostile_text_is_never_a_formula(self, tmp_path):
        frame = cd.load_indicators().head(3).copy()
        hostile = {
            "note": '=HYPERLINK("http://evil","x")',
            "label_en": "+cmd|' /C calc'!A0",
            "label_vi": "@SUM(1+1)*cmd|' /C calc'!A0",
            "evidence": "-2+3+cmd|' /C calc'!A0",
        }
        for col, text in hostile.items():
            frame[col] = text
        out = cd.export_excel(tmp_path / "x.xlsx", frame, group_by=None, lang="en")
        ws = openpyxl.load_workbook(out)["Facts"]
        header = [c.value for c in ws[1]]
        for col, text in hostile.items():
            for row in range(2, 5):
                cell = ws.cell(row=row, column=header.index(sheet_header("facts", col, "en")) + 1)
                assert cell.value == text
                assert cell.data_type == "s"
                assert cell.quotePrefix
        sheet = pd.read_excel(out, sheet_name="Facts")
        assert sheet[sheet_header("facts", "note", "en")].tolist() == [hostile["note"]] * 3

    def test_default_frame_is_every_fact(self, tmp_path):
        out = cd.export_excel(tmp_path / "x.xlsx", group_by=None, lang="en")
        assert len(pd.read_excel(out, sheet_name="Facts")) == len(cd.load_indicators())

    def test_two_exports_are_identical(self, tmp_path):
        a = cd.export_excel(tmp_path / "a.xlsx")
        b = cd.export_excel(tmp_path / "b.xlsx")
        assert a.read_bytes() == b.read_bytes()
        book = openpyxl.load_workbook(a)
        assert book.properties.created == book.properties.modified
        assert book.properties.created.year == 2000

    def test_filters_recorded_on_about_sheet(self, tmp_path):
        frame = cd.load_indicators(province="Hà Giang")
        out = cd.export_excel(tmp_path / "x.xlsx", frame, lang="en", filters={"province": ["Hà Giang"], "domain": None})
        about = dict(pd.read_excel(out, sheet_name="About", header=None).dropna(how="all").values.tolist())
        assert about["Filters"] == "province=Hà Giang"
        assert about["Provinces"] == "Hà Giang"
        out = cd.export_excel(tmp_path / "y.xlsx", frame, lang="en")
        about = dict(pd.read_excel(out, sheet_name="About", header=None).dropna(how="all").values.tolist())
        assert about["Filters"] == "not recorded (a frame was passed)"

    def test_only_used_sources_and_catalog_rows(self, tmp_path):
        frame = cd.load_indicators(province="Đắk Lắk")
        book = pd.read_excel(cd.export_excel(tmp_path / "x.xlsx", frame, lang="en"), sheet_name=None)
        assert set(book["Sources"]["Source ID"]) == set(frame["source_id"])
        assert set(book["Catalog"]["Indicator code"]) == set(frame["indicator"])

    def test_invalid_group_by_and_lang_name_the_choices(self, tmp_path):
        with pytest.raises(
            ValueError, match=r"'year' is not a known grouping; use one of 'domain', 'province', 'source_id', None"
        ):
            cd.export_excel(tmp_path / "x.xlsx", group_by="year")
        with pytest.raises(ValueError, match=r"'fr' is not a supported language; use 'vi' or 'en'"):
            cd.export_excel(tmp_path / "x.xlsx", lang="fr")

    def test_path_errors(self, tmp_path):
        with pytest.raises(FileNotFoundError, match=r"folder '.*missing' does not exist; create it first"):
            cd.export_excel(tmp_path / "missing" / "x.xlsx")
        with pytest.raises(ValueError, match=r"does not end in \.xlsx"):
            cd.export_excel(tmp_path / "x.csv")
        (tmp_path / "d.xlsx").mkdir()
        with pytest.raises(ValueError, match=r"is a folder"):
            cd.export_excel(tmp_path / "d.xlsx")
        assert not list(tmp_path.glob("*.csv"))

    def test_empty_or_foreign_frame(self, tmp_path):
        empty = cd.load_indicators().iloc[0:0]
        with pytest.raises(ValueError, match=r"nothing to export: the frame has no facts"):
            cd.export_excel(tmp_path / "x.xlsx", empty)
        with pytest.raises(ValueError, match=r"frame lacks the columns evidence, note"):
            cd.export_excel(tmp_path / "x.xlsx", cd.load_indicators().drop(columns=["evidence", "note"]))
        with pytest.raises(TypeError, match=r"frame must be a DataFrame"):
            cd.export_excel(tmp_path / "x.xlsx", [1, 2])
        assert not (tmp_path / "x.xlsx").exists()

    def test_cli_export(self, tmp_path, capsys):
        out = tmp_path / "hg.xlsx"
        assert (
            main(["export", str(out), "--province", "Hà Giang", "Khánh Hòa", "--group-by", "province", "--lang", "en"])
            == 0
        )
        n = len(cd.load_indicators(province=["Hà Giang", "Khánh Hòa"]))
        assert capsys.readouterr().out.strip() == f"{out.resolve()}: {n} facts, 5 sheets"
        about = dict(pd.read_excel(out, sheet_name="About", header=None).dropna(how="all").values.tolist())
        assert about["Filters"] == "province=Hà Giang, Khánh Hòa"
        assert main(["export", str(out), "--group-by", "none"]) == 0
        assert capsys.readouterr().out.strip().endswith(f"{len(cd.load_indicators())} facts, 4 sheets")
        assert openpyxl.load_workbook(out).sheetnames[0] == "Số liệu"

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["{tmp}/missing/x.xlsx"], "does not exist; create it first"),
            (["{tmp}/x.csv"], "does not end in .xlsx"),
            (["{tmp}/x.xlsx", "--province", "Atlantis"], "'Atlantis' is not a known province"),
            (["{tmp}/x.xlsx", "--province", "Hà Giang", "--domain", "procedures"], "nothing to export"),
        ],
    )
    def test_cli_errors_are_one_line(self, tmp_path, capsys, argv, message):
        assert main(["export", *(a.format(tmp=tmp_path) for a in argv)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.count("\n") == 1 and captured.err.startswith("cchc export: error: ")
        assert message in captured.err

    def test_non_finite_value_is_refused(self, tmp_path):
        frame = cd.load_indicators(province="Hà Giang")
        frame.loc[3, "value"] = float("inf")
        with pytest.raises(ValueError, match=rf"^fact '{frame.at[3, 'fact_id']}': value inf is not a finite number; "
                           r"Excel cannot store it \(1 such facts\); drop or fix them$"):  # fmt: skip
            cd.export_excel(tmp_path / "x.xlsx", frame)
        assert not (tmp_path / "x.xlsx").exists()

    def test_over_long_cell_is_cut_with_a_warning_saying_where(self, tmp_path):
        from cchc_data.export import MAX_CELL_CHARS, ExportWarning

        frame = cd.load_indicators(province="Hà Giang")
        frame.loc[0, "note"] = "x" * 40_000
        with pytest.warns(ExportWarning, match=r"^sheet '.+', cell P2: text of 40,000 characters cut to 32,767 "):
            out = cd.export_excel(tmp_path / "x.xlsx", frame, group_by=None, lang="en")
        ws = openpyxl.load_workbook(out)["Facts"]
        header = [c.value for c in ws[1]]
        note = ws.cell(row=2, column=header.index(sheet_header("facts", "note", "en")) + 1).value
        assert len(note) == MAX_CELL_CHARS and note.endswith("cut at 32,767, Excel's cell limit]")

    def test_cli_export_prints_the_warning(self, tmp_path, data_copy, capsys):
        import csv

        from cchc_data.cli import main

        path = data_copy / "indicators.csv"
        with open(path, encoding="utf-8", newline="") as f:
            data = list(csv.DictReader(f))
        data[0]["note"] = "y" * 33_000
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(data[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(data)
        assert main(["export", str(tmp_path / "x.xlsx"), "--data-dir", str(data_copy)]) == 0
        err = capsys.readouterr().err
        assert err.startswith("cchc export: warning: sheet ") and "text of 33,000 characters cut to 32,767" in err

    def test_unit_symbols_come_from_units_csv(self, tmp_path, data_copy):
        path = data_copy / "units.csv"
        path.write_text(
            path.read_text(encoding="utf-8").replace("vnd,đồng,Vietnamese dong,₫", "vnd,đồng,Vietnamese dong,đ")
        )
        frame = cd.load_indicators(data_dir=data_copy)
        out = cd.export_excel(tmp_path / "x.xlsx", frame, group_by=None, lang="en", data_dir=data_copy)
        ws = openpyxl.load_workbook(out)["Facts"]
        formats = {c.number_format for c in ws["I"][1:]}
        assert '#,##0 "đ"' in formats and '#,##0 "₫"' not in formats

    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_the_note_in_the_workbook_language_comes_first(self, tmp_path, lang):
        facts = cd.flags().merge(cd.load_indicators(), on=list(cd.flags().columns))
        out = cd.export_excel(tmp_path / "flags.xlsx", facts, group_by=None, lang=lang)
        ws = openpyxl.load_workbook(out)[{"vi": "Số liệu", "en": "Facts"}[lang]]
        header = [c.value for c in ws[1]]
        first, second = ("Ghi chú", "Ghi chú (tiếng Anh)") if lang == "vi" else ("Note", "Note (Vietnamese)")
        assert header[-2:] == [first, second]
        own, other = ("note_vi", "note") if lang == "vi" else ("note", "note_vi")
        rows = {r[0].value: (r[-2].value, r[-1].value) for r in ws.iter_rows(min_row=2)}
        for fact in facts.itertuples():
            assert rows[fact.fact_id] == (getattr(fact, own), getattr(fact, other))
        assert "170.397 + 7.021" in rows["kh-2021q1-report-067"][0 if lang == "vi" else 1]

    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_every_column_of_every_sheet_is_headed_in_words(self, lang):
        """No header falls back to a column code (the words come from the strings catalogue), all distinct."""
        sheets = {"facts": FACT_COLUMNS, "sources": cd.sources().columns, "catalog": cd.catalog().columns}
        for sheet, codes in sheets.items():
            headers = [sheet_header(sheet, code, lang) for code in codes]
            assert [h for h, code in zip(headers, codes, strict=True) if h == code] == [], sheet
            assert len(set(headers)) == len(headers), sheet
        assert sheet_header("facts", "province_name", "en") == "Province"
        assert sheet_header("sources", "kind", "vi") == "Loại tài liệu"


class TestHeader:
    def test_header_frozen_filtered_styled_and_commented(self, tmp_path):
        out = cd.export_excel(tmp_path / "x.xlsx", cd.load_indicators(province="Hà Giang"), group_by="province")
        book = openpyxl.load_workbook(out)
        assert book.sheetnames == ["Hà Giang", "Nguồn", "Danh mục", "Giới thiệu"]
        for ws in (book["Hà Giang"], book["Nguồn"], book["Danh mục"]):
            assert ws.freeze_panes == "A2"
            assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
            assert ws["A1"].font.b and ws["A1"].fill.fill_type == "solid"
            widths = [
                ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width for j in range(1, ws.max_column + 1)
            ]
            assert all(8 <= w <= 60 for w in widths)
        ws = book["Hà Giang"]
        assert ws["A1"].value == "Mã số liệu"
        assert ws["A1"].comment.text.startswith("fact_id\nEnglish: Fact ID")
        assert [c.value for c in ws[1]][4:6] == ["Chỉ tiêu (tiếng Việt)", "Chỉ tiêu (tiếng Anh)"]
        en = openpyxl.load_workbook(cd.export_excel(tmp_path / "en.xlsx", lang="en", group_by=None))["Facts"]
        assert [c.value for c in en[1]][4:6] == ["Indicator (English)", "Indicator (Vietnamese)"]
        assert en["A1"].comment.text.startswith("fact_id\nTiếng Việt: Mã số liệu")
