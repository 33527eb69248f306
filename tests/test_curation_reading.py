"""Reading a report as a curator receives it (cchc_data.curation.reading): .txt, .html, .docx, .pdf, bad input."""

import pytest

from cchc_data.cli import main
from cchc_data.curation.reading import read_report

REPORT = [
    "Báo cáo kết quả cải cách hành chính quý I năm 2024",
    "Trong quý I/2024, toàn tỉnh tiếp nhận 12.345 hồ sơ thủ tục hành chính.",
    "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt 98,76%.",
]


def make_docx(path, paragraphs, table=None):
    import docx

    document = docx.Document()
    for line in paragraphs:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    document.save(path)
    return path


def make_pdf(path, lines):
    """A one-page PDF with a text layer (TrueType fonts, so the Vietnamese letters are text)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context({"pdf.fonttype": 42}):
        fig = plt.figure(figsize=(8.27, 11.69))
        for i, line in enumerate(lines):
            fig.text(0.08, 0.92 - 0.03 * i, line, fontsize=10)
        fig.savefig(path)
        plt.close(fig)
    return path


class TestReadReport:
    def test_docx_paragraphs_and_table_rows_in_order(self, tmp_path):
        path = make_docx(
            tmp_path / "bao-cao.docx", REPORT, table=[["Chỉ tiêu", "Kết quả"], ["Hồ sơ trực tuyến", "4.321"]]
        )
        assert read_report(path).split("\n") == [*REPORT, "Chỉ tiêu | Kết quả", "Hồ sơ trực tuyến | 4.321"]

    def test_pdf_with_a_text_layer(self, tmp_path):
        assert read_report(make_pdf(tmp_path / "bao-cao.pdf", REPORT)).split("\n") == REPORT

    def test_a_pdf_line_wrapped_mid_sentence_is_joined(self, tmp_path):
        lines = ["Trong quý, toàn tỉnh tiếp nhận 12.345 hồ sơ thủ tục", "hành chính của người dân."]
        assert read_report(make_pdf(tmp_path / "x.pdf", lines)) == " ".join(lines)

    def test_a_scanned_pdf_is_refused_with_a_message(self, tmp_path):
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig = plt.figure()
        plt.imshow([[0, 1], [1, 0]])
        plt.axis("off")
        fig.savefig(tmp_path / "scan.pdf")
        with pytest.raises(ValueError, match=r"scan\.pdf has no text layer .*scanned PDF.*OCR"):
            read_report(tmp_path / "scan.pdf")

    def test_html_text_by_a_parser(self, tmp_path):
        page = tmp_path / "tin.html"
        page.write_bytes(
            "<html><head><meta charset='utf-8'><title>Tiêu đề</title><style>p {x: 5}</style></head><body>"
            "<script>var n = 42;</script><h1>Kết quả năm 2024</h1><div><p>Tỉnh có <b>15</b> xã</p>"
            "<ul><li>Tỷ lệ đạt 97,5%</li></ul></div></body></html>".encode()
        )
        assert read_report(page).split("\n") == ["Kết quả năm 2024", "Tỉnh có 15 xã", "Tỷ lệ đạt 97,5%"]

    def test_text_keeps_its_characters(self, tmp_path):
        path = tmp_path / "r.txt"
        path.write_text("\ufeffDòng một.\r\nDòng  hai: 12 xã.\n", encoding="utf-8")
        assert read_report(path) == "Dòng một.\nDòng  hai: 12 xã.\n"

    @pytest.mark.parametrize(
        ("name", "make", "message"),
        [
            ("input", lambda p: p.mkdir(), r"is a folder, not a report"),
            ("input.txt", lambda p: p.write_bytes(b""), r"is empty"),
            ("input.txt", lambda p: p.write_bytes(b"  \n\n "), r"is empty"),
            (
                "input.txt",
                lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
                r"is a binary file, not text",
            ),
            (
                "input.txt",
                lambda p: p.write_bytes(b"T\xfd l\xea \xf0\xe1t 98%"),
                r"is not UTF-8 text .*encoding is unknown",
            ),
            ("input.docx", lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), r"is not a readable \.docx"),
            ("input.pdf", lambda p: p.write_bytes(b"%PDF-1.4 broken"), r"is not a readable PDF"),
        ],
    )
    def test_bad_input_names_the_file(self, tmp_path, name, make, message):
        path = tmp_path / name
        make(path)
        with pytest.raises(ValueError, match=rf"{name} {message}"):
            read_report(path)

    def test_a_missing_file(self):
        with pytest.raises(FileNotFoundError, match="nowhere.docx not found"):
            read_report("nowhere.docx")

    def test_cli_extract_reads_a_docx(self, tmp_path, capsys, monkeypatch):
        monkeypatch.chdir(tmp_path)
        make_docx(tmp_path / "bao-cao.docx", REPORT)
        args = ["extract", "bao-cao.docx", "--province", "Khánh Hòa", "--source-id", "kh-2021q1-report"]
        assert main(args) == 0
        assert capsys.readouterr().out.startswith("2 candidates")

    def test_cli_extract_refuses_a_folder_with_a_message(self, tmp_path, capsys):
        args = [
            "extract",
            str(tmp_path),
            "--province",
            "Khánh Hòa",
            "--source-id",
            "x-1",
            "-o",
            str(tmp_path / "r.csv"),
        ]
        assert main(args) != 0
        err = capsys.readouterr().err
        assert "is a folder, not a report" in err and "Traceback" not in err
