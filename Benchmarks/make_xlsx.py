#!/usr/bin/env python3
"""Writes a benchmark year's assessment.csv as assessment.xlsx with openpyxl (write-only mode),
typed as Excel leaves it: ids and codes as text, numbers as numbers, percentages as fractions
with a percent format, dd/mm/yyyy dates as date cells. For `parindex-bench`'s workbook phase
(issue 10): the same rows read from the workbook and from the CSV.

    pip install openpyxl
    python3 Benchmarks/make_xlsx.py YEAR_DIR          (writes YEAR_DIR/xlsx/assessment.xlsx)
"""
import csv
import datetime
import os
import re
import sys

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import NamedStyle

NUMBER = re.compile(r"^\d+([.,]\d+)?$")
PERCENT = re.compile(r"^(\d+([.,]\d+)?)\s*%$")
DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def main():
    year = sys.argv[1]
    out = os.path.join(year, "xlsx")
    os.makedirs(out, exist_ok=True)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("assessment")
    percent = NamedStyle(name="percent", number_format="0.0%")
    date = NamedStyle(name="date", number_format="dd/mm/yyyy")
    book.add_named_style(percent)
    book.add_named_style(date)
    with open(os.path.join(year, "assessment.csv"), encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        sheet.append(header)
        value_column = header.index("value")
        points_column = header.index("points")
        for row in reader:
            cells = []
            for position, text in enumerate(row):
                if position == value_column and PERCENT.match(text):
                    cell = WriteOnlyCell(sheet, value=float(PERCENT.match(text).group(1).replace(",", ".")) / 100)
                    cell.style = "percent"
                elif position == value_column and DATE.match(text):
                    day, month, year_ = DATE.match(text).groups()
                    cell = WriteOnlyCell(sheet, value=datetime.date(int(year_), int(month), int(day)))
                    cell.style = "date"
                elif position in (value_column, points_column) and NUMBER.match(text):
                    cell = WriteOnlyCell(sheet, value=float(text.replace(",", ".")))
                else:
                    cell = WriteOnlyCell(sheet, value=text if text else None)
                cells.append(cell)
            sheet.append(cells)
    book.save(os.path.join(out, "assessment.xlsx"))


if __name__ == "__main__":
    main()
