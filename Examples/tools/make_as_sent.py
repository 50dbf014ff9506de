#!/usr/bin/env python3
"""Builds Examples/2025/communes-as-sent/ from Examples/2025/communes/: the same year as the
council receives it — one self-assessment file and one evidence list per commune, with
Vietnamese column names, a form's title rows above the header, Vietnamese Excel's CSV (BOM,
';', CRLF) for most, Excel's "Unicode Text" (UTF-16 LE with BOM, TAB) for one, plain UTF-8
for another. Its ranking is, byte for byte, the ranking of communes/ (a test checks it).

    python3 Examples/tools/make_as_sent.py     (standard library only; rewrites the folder)
"""
import csv
import io
import os
import shutil

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
