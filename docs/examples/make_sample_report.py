"""Write docs/examples/bao-cao-mau.docx: a short made-up report (not from any source) for the curation docs.

Run from the repository root: `.venv/bin/python docs/examples/make_sample_report.py`.
"""

import datetime as dt
from pathlib import Path

import docx

PARAGRAPHS = [
    "BÁO CÁO MẪU: KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2024",
    "Ngày 15 tháng 01 năm 2025",
    "1. Kết quả năm 2024",
    "Năm 2024, toàn tỉnh tiếp nhận 48.210 hồ sơ thủ tục hành chính; tỷ lệ hồ sơ thủ tục hành chính "
    "giải quyết đúng hạn đạt 97,85%.",
    "Chỉ số cải cách hành chính (PAR INDEX) của tỉnh đạt 86,12 điểm, xếp thứ 18/63 tỉnh, thành phố, "
    "tăng 5 bậc so với năm 2023.",
    "Thời gian giải quyết thủ tục đăng ký kinh doanh giảm còn 2 ngày làm việc.",
    "2. Mục tiêu năm 2025",
    "Phấn đấu tỷ lệ hồ sơ trực tuyến toàn trình đạt từ 50% - 60%; các sở đề xuất cắt giảm 15 thủ tục.",
]
TABLE = [["Chỉ tiêu", "Kết quả 2024"], ["Số hồ sơ trực tuyến", "21.340"]]


OUT = Path(__file__).with_name("bao-cao-mau.docx")


def main(path: Path = OUT) -> Path:
    document = docx.Document()
    for line in PARAGRAPHS:
        document.add_paragraph(line)
    grid = document.add_table(rows=len(TABLE), cols=2)
    for r, row in enumerate(TABLE):
        for c, cell in enumerate(row):
            grid.cell(r, c).text = cell
    document.core_properties.created = dt.datetime(2025, 1, 15)  # the same file on every run
    document.save(path)
    return path


if __name__ == "__main__":
    print(main())
