#!/usr/bin/env python3
"""Builds Examples/2025/communes-as-sent/ from Examples/2025/communes/: the same year as the
council receives it — one self-assessment file and one evidence list per commune, with
Vietnamese column names, a form's title rows above the header, Vietnamese Excel's CSV (BOM,
';', CRLF) for most, Excel's "Unicode Text" (UTF-16 LE with BOM, TAB) for one, plain UTF-8
for another, and an Excel workbook (typed cells: percentages with a % format, dates as date
cells, numbers as numbers) for a third. Its ranking is, byte for byte, the ranking of
communes/ (a test checks it).

    pip install openpyxl
    python3 Examples/tools/make_as_sent.py     (rewrites the folder)
"""
import csv
import datetime
import io
import os
import re
import shutil

from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "2025", "communes")
TARGET = os.path.join(HERE, "..", "2025", "communes-as-sent")

VIETNAMESE = {
    "unit_id": "Mã đơn vị", "name": "Tên đơn vị", "group": "Khối", "code": "Mã tiêu chí",
    "value": "Kết quả", "points": "Điểm tự chấm", "evidence": "Tài liệu kiểm chứng", "note": "Ghi chú",
    "evidence_id": "Mã tài liệu", "title": "Trích yếu", "doc_number": "Số ký hiệu", "date": "Ngày ban hành",
    "issuer": "Cơ quan ban hành", "location": "Đường dẫn",
}
UNICODE_TEXT = {"X05"}  # saved as "Unicode Text" (.txt)
PLAIN = {"X07"}  # saved as "CSV UTF-8" with commas, English headers
WORKBOOK = {"X09"}  # sent as an Excel workbook
NUMBER = re.compile(r"^\d+([.,]\d+)?$")
PERCENT = re.compile(r"^(\d+([.,]\d+)?)\s*%$")
DAY_FIRST = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def typed(name, text):
    """A cell as Excel holds what the unit typed: the value and its number format."""
    if name in ("value", "points", "date"):
        if PERCENT.match(text):
            return float(PERCENT.match(text).group(1).replace(",", ".")) / 100, "0.0%"
        for pattern, order in ((DAY_FIRST, (2, 1, 0)), (ISO, (0, 1, 2))):
            match = pattern.match(text)
            if match:
                parts = [int(part) for part in match.groups()]
                return datetime.date(parts[order[0]], parts[order[1]], parts[order[2]]), "dd/mm/yyyy"
        if NUMBER.match(text) and not (name == "value" and text.startswith("0") and len(text) > 1 and "," not in text and "." not in text):
            return float(text.replace(",", ".")), None
    return (text if text else None), None


def write_workbook(path, header, rows, title):
    book = Workbook()
    sheet = book.active
    sheet.title = os.path.basename(os.path.dirname(path))
    sheet.append([title])
    sheet.append([])
    sheet.append([VIETNAMESE.get(name, name) for name in header])
    for row in rows:
        sheet.append([None] * len(header))
        for column, (name, text) in enumerate(zip(header, row), start=1):
            value, number_format = typed(name, text)
            cell = sheet.cell(row=sheet.max_row, column=column, value=value)
            if number_format:
                cell.number_format = number_format
    book.properties.creator = "make_as_sent.py"
    book.properties.created = book.properties.modified = datetime.datetime(2025, 12, 31, 8, 0, 0)
    book.save(path + ".xlsx")


def read(name):
    with open(os.path.join(SOURCE, name), encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=dialect))
    return rows[0], [row for row in rows[1:] if any(cell.strip() for cell in row)]


def write(path, header, rows, title, unit_id):
    """One unit's file in the form its commune would send."""
    kept = [i for i, name in enumerate(header) if not name.startswith("x_")]
    header = [header[i] for i in kept]
    rows = [[row[i] if i < len(row) else "" for i in kept] for row in rows]
    if unit_id in WORKBOOK:
        write_workbook(path, header, rows, title)
        return
    if unit_id in PLAIN:
        with open(path + ".csv", "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([header] + rows)
        return
    names = [VIETNAMESE.get(name, name) for name in header]
    separator = "\t" if unit_id in UNICODE_TEXT else ";"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow([title] + [""] * (len(names) - 1))
    writer.writerow([""] * len(names))
    writer.writerows([names] + rows)
    if unit_id in UNICODE_TEXT:
        with open(path + ".txt", "wb") as handle:
            handle.write(buffer.getvalue().encode("utf-16"))  # BOM FF FE, little-endian
    else:
        with open(path + ".csv", "wb") as handle:
            handle.write(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def main():
    if os.path.isdir(TARGET):
        shutil.rmtree(TARGET)
    os.makedirs(os.path.join(TARGET, "assessment"))
    os.makedirs(os.path.join(TARGET, "evidence"))
    for name in ["units.csv", "appraisal.csv", "survey.csv", "adjustments.csv"]:
        shutil.copy(os.path.join(SOURCE, name), os.path.join(TARGET, name))
    units_header, units = read("units.csv")
    names = {row[0]: row[1] for row in units}
    for kind, title in [("assessment", "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2025"),
                        ("evidence", "DANH MỤC TÀI LIỆU KIỂM CHỨNG NĂM 2025")]:
        header, rows = read(kind + ".csv")
        unit_column = header.index("unit_id")
        for unit_id in names:
            mine = [row for row in rows if row[unit_column].strip() == unit_id]
            if mine:
                write(os.path.join(TARGET, kind, unit_id), header, mine, f"{title} — {names[unit_id]}", unit_id)


if __name__ == "__main__":
    main()
