#!/usr/bin/env python3
"""Writes excel-unicode-text.txt the way Excel's "Unicode Text (*.txt)" save does, and its expected decoding.

excel-unicode-text.txt        UTF-16 LE with a BOM (FF FE), cells separated by TAB, rows ended by CR LF (the last
                              row too); a cell holding a TAB, a quote or a line break is quoted, with quotes doubled.
excel-unicode-text.utf8.txt   the same text as UTF-8 without the BOM: what decoding the first file must give.
Run from this folder: python3 gen_utf16.py
"""
import unicodedata

ROWS = [
    ["STT", "Mã hồ sơ", "Tên thủ tục", "Cơ quan", "Ngày tiếp nhận", "Đúng hạn (%)", "Ghi chú"],
    ["1", "000.00.12.H56-250101-0001", "Đăng ký khai sinh", "UBND xã Tân Phú", "01/01/2025", "98,5", ""],
    ["2", "000.00.12.H56-250102-0042", "Cấp bản sao trích lục hộ tịch", "UBND phường Đặng Văn Bé",
     "02/01/2025", "100", "Dòng 1\nDòng 2"],
    ["3", "H56.22-250103-0007", "Kế hoạch cải cách hành chính năm 2025", "Sở Nội vụ", "03/01/2025",
     "91,95", 'Ghi "khẩn"'],
    ["4", "H56.22-250104-0100", "Tỷ lệ hồ sơ giải quyết đúng hạn", "Ủy ban nhân dân tỉnh", "04/01/2025",
     "87", "Đạt ✅ 👍 𝔸"],
]


def cell(text: str) -> str:
    if any(char in text for char in '\t"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


text = "".join("\t".join(cell(unicodedata.normalize("NFC", value)) for value in row) + "\r\n" for row in ROWS)
with open("excel-unicode-text.txt", "wb") as out:
    out.write(b"\xff\xfe" + text.encode("utf-16-le"))
with open("excel-unicode-text.utf8.txt", "wb") as out:
    out.write(text.encode("utf-8"))
