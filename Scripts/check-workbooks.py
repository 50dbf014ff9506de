#!/usr/bin/env python3
"""Checks every workbook parindex writes with two readers that did not write it.

  python3 Scripts/check-workbooks.py [PARINDEX]     (default: .build/release/parindex)

Needs openpyxl (PyPI) and LibreOffice Calc (Debian `libreoffice-calc-nogui`); the test suite
does not. For each example year it:

1. writes `rank --format xlsx`, reads it with openpyxl and with LibreOffice (headless
   conversion of every sheet to CSV), and compares every cell of the ranking -- group, rank,
   unit, field points, total, maximum, index, class -- with `rank --format csv`;
2. writes `score`, `sensitivity` and `compare` workbooks and opens them with both readers;
3. writes the unit X01's template, fills it with openpyxl from X01's rows of
   Examples/2025/communes (dates as dates, percentages as percent cells, counts as numbers,
   keys as text), puts it in a copy of the year as X01's assessment and evidence workbook, and
   checks the ranking is byte for byte the CSV year's; then lets LibreOffice re-save the filled
   template and checks again; and checks the template's data validations and cell formats;
4. prints each ranking workbook to PDF with LibreOffice and checks it is A4 landscape, one
   page per sheet (the example groups are short), which needs poppler's pdfinfo.

With --fixture DIR it also writes the openpyxl-filled template to DIR/X01.xlsx (the committed
fixture Tests/PARIndexTests/Fixtures/Workbooks/template-filled/X01.xlsx was made so).
Exit 0 when everything matches; 1 with one line per difference.
"""
import csv
import datetime
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal, ROUND_HALF_UP

os.environ.setdefault("OPENPYXL_LXML", "False")
import openpyxl  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
YEARS = [("criteria/department-2025.json", "Examples/2025/departments"),
         ("criteria/commune-2025.json", "Examples/2025/communes")]
problems = []


def run(parindex, *arguments, text=True):
    result = subprocess.run([parindex, *arguments], capture_output=True, text=text, cwd=ROOT)
    if result.returncode != 0:
        problems.append(f"parindex {' '.join(arguments)}: exit {result.returncode}: {result.stderr}")
    return result.stdout


def number_text(value, places):
    """A cell's number as the CSV writes it: fixed decimals, half away from zero."""
    quantum = Decimal(1).scaleb(-places)
    return str(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def ranking_rows(rows, places_points, places_index):
    """The ranking from a sheet's rows (header row starts with STT) as CSV-like lists."""
    rows = [list(row) for row in rows]
    header_index = next(i for i, row in enumerate(rows) if row and row[0] == "STT")
    header = rows[header_index]
    fields = [i for i, name in enumerate(header) if isinstance(name, str) and name.startswith("LV")]
    column = {name: i for i, name in enumerate(header)}
    result = []
    for row in rows[header_index + 1:]:
        if row[0] in (None, ""):
            continue
        def num(i, places):
            value = row[i]
            return number_text(float(value), places)
        result.append([
            row[column["Khối"]], str(int(float(row[column["Xếp hạng"]]))), row[column["Mã đơn vị"]],
            row[column["Tên đơn vị"]]] + [num(i, places_points) for i in fields] + [
            num(column["Tổng điểm"], places_points), num(column["Điểm tối đa"], places_points),
            num(column["Chỉ số (%)"], places_index), row[column["Xếp loại"]]])
    return result


def libreoffice_sheets(path, out):
    """Every sheet of `path` as CSV rows (LibreOffice, headless), by sheet name."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1",
         "--outdir", out, path], capture_output=True, check=True, timeout=300)
    base = os.path.splitext(os.path.basename(path))[0]
    sheets = {}
    for name in os.listdir(out):
        if name.startswith(base + "-") and name.endswith(".csv"):
            with open(os.path.join(out, name), encoding="utf-8", newline="") as handle:
                rows = [[cell if cell != "" else None for cell in row] for row in csv.reader(handle)]
            sheets[name[len(base) + 1:-4]] = rows
    return sheets


def check_rankings(parindex, work):
    for criteria, year in YEARS:
        expected_text = run(parindex, "rank", criteria, year, "--format", "csv")
        expected = list(csv.reader(io.StringIO(expected_text)))
        header, body = expected[0], expected[1:]
        with open(os.path.join(ROOT, criteria), encoding="utf-8") as handle:
            import json
            rounding = json.load(handle).get("rounding", {})
        places_points, places_index = rounding.get("points", 2), rounding.get("index", 2)
        path = os.path.join(work, os.path.basename(year) + "-rank.xlsx")
        run(parindex, "rank", criteria, year, "--format", "xlsx", "-o", path)
        ours = [[row[0], row[1], row[2], row[3]] + row[4:-4] + row[-4:-3] + row[-3:-2] + row[-2:-1] + row[-1:]
                for row in body]
        # CSV: group,rank,unit_id,name,fields…,total,max,index,class
        book = openpyxl.load_workbook(path)
        got = ranking_rows(book["Tất cả đơn vị"].iter_rows(values_only=True), places_points, places_index)
        compare(f"openpyxl {year}", got, ours)
        for sheet in book.worksheets[1:]:
            group = sheet.title.removeprefix("Khối ")
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            header_index = next(i for i, row in enumerate(rows) if row and row[0] == "STT")
            rows[header_index].insert(3, "Khối")
            for row in rows[header_index + 1:]:
                row.insert(3, group)
            compare(f"openpyxl {year} sheet {sheet.title}", ranking_rows(rows, places_points, places_index),
                    [row for row in ours if row[0] == group])
            check_print_setup(sheet, f"{year} {sheet.title}")
        check_print_setup(book["Tất cả đơn vị"], f"{year} every unit")
        check_printed(path, len(book.sheetnames), work, year)
        sheets = libreoffice_sheets(path, work)
        got = ranking_rows(sheets["Tất cả đơn vị"], places_points, places_index)
        compare(f"LibreOffice {year}", got, ours)
        if len(sheets) != len(book.sheetnames):
            problems.append(f"LibreOffice {year}: {len(sheets)} sheets, openpyxl {len(book.sheetnames)}")


def check_printed(path, sheet_count, work, where):
    """LibreOffice prints the workbook as its print set-up says: A4 landscape, each sheet of
    the examples one page wide and (being short) one page long."""
    out = os.path.join(work, "pdf")
    os.makedirs(out, exist_ok=True)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", out, path],
                   capture_output=True, check=True, timeout=300)
    pdf = os.path.join(out, os.path.splitext(os.path.basename(path))[0] + ".pdf")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    if pages != sheet_count:
        problems.append(f"{where}: printed by LibreOffice on {pages} pages, expected one per sheet ({sheet_count})")
    if "841.89 x 595.3" not in size:
        problems.append(f"{where}: printed on {size}, expected A4 landscape")


def check_print_setup(sheet, where):
    if sheet.page_setup.orientation != "landscape" or str(sheet.page_setup.paperSize) != "9":
        problems.append(f"{where}: not A4 landscape")
    if not sheet.sheet_properties.pageSetUpPr.fitToPage or sheet.page_setup.fitToWidth != 1:
        problems.append(f"{where}: not fitted to the page width")
    if not sheet.print_title_rows or not sheet.freeze_panes:
        problems.append(f"{where}: header row neither repeated nor frozen")
    if "Bộ tiêu chí" not in (sheet.oddFooter.left.text or ""):
        problems.append(f"{where}: footer without the set")


compared = {"rows": 0, "rankings": 0}


def compare(where, got, expected):
    compared["rows"] += len(expected)
    compared["rankings"] += 1
    if len(got) != len(expected):
        problems.append(f"{where}: {len(got)} rows, expected {len(expected)}")
    for a, b in zip(got, expected):
        if [str(x) for x in a] != [str(x) for x in b]:
            problems.append(f"{where}: {a} != {b}")


def check_other_workbooks(parindex, work):
    criteria, year = YEARS[0]
    for command in (["score", criteria, year], ["sensitivity", criteria, year, "--runs", "50"],
                    ["compare", criteria, year, criteria, year]):
        path = os.path.join(work, command[0] + ".xlsx")
        run(parindex, *command, "--format", "xlsx", "-o", path)
        book = openpyxl.load_workbook(path)
        sheets = libreoffice_sheets(path, work)
        if len(sheets) != len(book.sheetnames):
            problems.append(f"{command[0]}: LibreOffice read {len(sheets)} sheets, openpyxl {len(book.sheetnames)}")
        if command[0] == "score":
            units = book.sheetnames[1:]
            if len(units) != 12:
                problems.append(f"score: {len(units)} unit sheets, expected 12")


def typed(value, rule):
    """X01's CSV value as a person types it in the template's cell."""
    kind = rule.get("kind") if rule else None
    if kind == "deadline":
        for form in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.datetime.strptime(value, form)
            except ValueError:
                pass
    if kind in ("tiers", "proportional") and value.endswith("%"):
        return float(Decimal(value[:-1].replace(",", ".")) / 100)
    if kind in ("deduction", "manual"):
        try:
            number = Decimal(value.replace(",", "."))
            return int(number) if number == number.to_integral() else float(number)
        except Exception:
            pass
    return value


def check_template(parindex, work, fixture_folder):
    criteria, year = "criteria/commune-2025.json", "Examples/2025/communes"
    import json
    with open(os.path.join(ROOT, criteria), encoding="utf-8") as handle:
        rules = {}
        def walk(nodes):
            for node in nodes:
                if node.get("children"):
                    walk(node["children"])
                else:
                    rules[node["code"]] = node.get("rule")
        walk(json.load(handle)["items"])
    template = os.path.join(work, "template.xlsx")
    run(parindex, "template", criteria, "--unit", "X01", "--format", "xlsx", "-o", template)
    book = openpyxl.load_workbook(template)
    sheet = book["Tự chấm điểm"]
    validations = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    header_row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "Mã đơn vị")
    columns = {sheet.cell(header_row, c).value: c for c in range(1, sheet.max_column + 1)}
    value_column = columns["Giá trị"]
    with open(os.path.join(ROOT, year, "assessment.csv"), encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter=";") if row["unit_id"] == "X01"]
    by_code = {row["code"]: row for row in rows}
    filled = 0
    for r in range(header_row + 1, sheet.max_row + 1):
        code = sheet.cell(r, columns["Mã tiêu chí"]).value
        if code not in rules:
            continue
        kind = (rules[code] or {}).get("kind")
        reference = f"{openpyxl.utils.get_column_letter(value_column)}{r}"
        expected_type = {"check": "list", "choice": "list", "deadline": "date", "tiers": "decimal",
                         "proportional": "decimal", "deduction": "whole", "manual": "decimal"}.get(kind)
        if expected_type and (reference not in validations or validations[reference].type != expected_type):
            problems.append(f"template {code}: no {expected_type} validation on {reference}")
        cell_format = sheet.cell(r, value_column).number_format
        if kind == "deadline" and cell_format != "dd/mm/yyyy":
            problems.append(f"template {code}: value cell format {cell_format}, expected a date")
        if kind in ("tiers", "proportional") and not cell_format.endswith("%"):
            problems.append(f"template {code}: value cell format {cell_format}, expected a percentage")
        row = by_code.get(code)
        if row is None:
            continue
        if row["value"]:
            sheet.cell(r, value_column).value = typed(row["value"], rules[code])
        if row["points"]:
            sheet.cell(r, columns["Điểm tự chấm"]).value = float(Decimal(row["points"].replace(",", ".")))
        if row["evidence"]:
            sheet.cell(r, columns["Tài liệu kiểm chứng"]).value = row["evidence"]
        if row["note"]:
            sheet.cell(r, columns["Ghi chú"]).value = row["note"]
        filled += 1
    if filled != len(rows):
        problems.append(f"template: filled {filled} rows of {len(rows)}")
    evidence = book["Tài liệu kiểm chứng"]
    header_row = next(r for r in range(1, 10) if evidence.cell(r, 1).value == "Mã tài liệu")
    with open(os.path.join(ROOT, year, "evidence.csv"), encoding="utf-8-sig", newline="") as handle:
        documents = [row for row in csv.DictReader(handle) if row["unit_id"] == "X01"]
    for offset, document in enumerate(documents):
        r = header_row + 1 + offset
        for column, key in enumerate(["evidence_id", "unit_id", "title", "doc_number", "date", "issuer",
                                      "location"], start=1):
            value = document.get(key) or None
            if key == "date" and value:
                value = datetime.datetime.strptime(value, "%d/%m/%Y")
            evidence.cell(r, column).value = value
    filled_path = os.path.join(work, "X01.xlsx")
    save_deterministic(book, filled_path)
    if fixture_folder:
        os.makedirs(fixture_folder, exist_ok=True)
        shutil.copy(filled_path, os.path.join(fixture_folder, "X01.xlsx"))
    expected = run(parindex, "rank", criteria, year, "--format", "csv")
    for label, path in (("openpyxl", filled_path), ("LibreOffice re-saved", libreoffice_resave(filled_path, work))):
        folder = mixed_year(year, path, work)
        got = run(parindex, "rank", criteria, folder, "--format", "csv")
        if got != expected:
            problems.append(f"template filled by {label}: ranking differs from the CSV year")


def libreoffice_resave(path, work):
    out = os.path.join(work, "resaved")
    os.makedirs(out, exist_ok=True)
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", out, path],
                   capture_output=True, check=True, timeout=300)
    return os.path.join(out, os.path.basename(path))


def mixed_year(year, workbook, work):
    """A copy of `year` with X01's assessment and evidence from `workbook` (per-unit folders)."""
    folder = tempfile.mkdtemp(dir=work)
    source = os.path.join(ROOT, year)
    for name in os.listdir(source):
        if not name.endswith(".csv"):
            continue
        kind = name[:-4]
        if kind not in ("assessment", "evidence"):
            shutil.copy(os.path.join(source, name), folder)
            continue
        os.makedirs(os.path.join(folder, kind))
        with open(os.path.join(source, name), encoding="utf-8-sig", newline="") as handle:
            lines = handle.read().splitlines()
        kept = [line for line in lines if not line.startswith(("X01;", "X01-", "X01,"))]
        with open(os.path.join(folder, kind, "others.csv"), "w", encoding="utf-8", newline="") as handle:
            handle.write("\n".join(kept) + "\n")
        shutil.copy(workbook, os.path.join(folder, kind, "X01.xlsx"))
    return folder


def save_deterministic(book, path):
    """openpyxl's writer with every zip member at one fixed time (openpyxl stamps the clock)."""
    from openpyxl.writer.excel import ExcelWriter

    class FixedTimeZip(zipfile.ZipFile):
        def writestr(self, name, data, *args, **kwargs):
            if isinstance(name, str):
                name = zipfile.ZipInfo(name, date_time=(2025, 12, 31, 8, 0, 0))
                name.compress_type = zipfile.ZIP_DEFLATED
            return super().writestr(name, data, *args, **kwargs)

    fixed = datetime.datetime(2025, 12, 31, 8, 0, 0)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "PARIndex fixtures (check-workbooks.py)"
    with FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()


def main():
    arguments = sys.argv[1:]
    fixture = None
    if "--fixture" in arguments:
        index = arguments.index("--fixture")
        fixture = os.path.abspath(arguments[index + 1])
        del arguments[index:index + 2]
    parindex = os.path.abspath(arguments[0] if arguments else os.path.join(ROOT, ".build/release/parindex"))
    with tempfile.TemporaryDirectory() as work:
        check_rankings(parindex, work)
        check_other_workbooks(parindex, work)
        check_template(parindex, work, fixture)
    for problem in problems:
        print(problem)
    print(f"{compared['rows']} ranking rows in {compared['rankings']} tables compared cell by cell; "
          f"{len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
