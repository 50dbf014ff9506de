#!/usr/bin/env python3
"""Regenerate the .xlsx test fixtures in this folder from the CSV example year.

Source of truth: Examples/2025/departments/*.csv (the "CSV twin") and
criteria/department-2025.json (which rule each leaf has, so that a `value` is typed
the way a Vietnamese-locale spreadsheet user leaves it).

Writers (three independent programs):
  openpyxl/     openpyxl (PyPI)                    inline strings (openpyxl >= 3.1 never
                                                    writes a shared-string table)
  libreoffice/  LibreOffice Calc (headless), re-saving the openpyxl set, plus formula
                cells in assessment whose cached values LibreOffice computes
  inline/       XlsxWriter (PyPI) in constant_memory mode: inline strings
  xlsxwriter/   XlsxWriter in its default mode: shared strings, the Excel shape
  broken/       negative fixtures (see README.md)

Usage:  python3 make_workbooks.py            # regenerate everything, then self-check
        python3 make_workbooks.py --check    # only read back and check what is here

Needs: openpyxl, XlsxWriter, msoffcrypto-tool (pip) and LibreOffice
(`apt-get install -y libreoffice-calc-nogui`, `soffice` on PATH).
The Swift tests need none of these: they read the committed files.
"""
import os

os.environ["OPENPYXL_LXML"] = "False"  # same XML whether or not lxml is installed

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections import Counter, defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]  # the package root (Tests/PARIndexTests/Fixtures/Workbooks)
CSV_DIR = ROOT / "Examples" / "2025" / "departments"
CRITERIA = ROOT / "criteria" / "department-2025.json"
FILES = ["units", "assessment", "appraisal", "evidence", "survey", "adjustments"]
POSITIVE_SETS = ["openpyxl", "libreoffice", "inline", "xlsxwriter"]

CREATOR = "PARIndex fixtures (make_workbooks.py)"
FIXED_TIME = dt.datetime(2025, 12, 31, 8, 0, 0)  # created/modified of every workbook
ZIP_TIME = (2025, 12, 31, 8, 0, 0)  # member timestamps of the openpyxl zips
PASSWORD = "parindex"

PCT_RULES = {"tiers", "proportional", "survey"}
NA_WORDS = {"n/a", "kps", "không phát sinh"}
YES_WORDS = {"có", "x", "1", "yes", "đạt"}
NO_WORDS = {"không", "0", "no", "không đạt"}

# Column roles. Every other column is plain text.
ID_COLUMNS = {"unit_id", "code", "evidence_id", "respondent_id", "question"}
NUMBER_COLUMNS = {("assessment", "points"), ("appraisal", "points"),
                  ("survey", "weight"), ("adjustments", "points")}
DATE_COLUMNS = {("evidence", "date")}
VALUE_FILES = {"assessment", "appraisal"}

TITLE = "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2025"
INSTRUCTIONS = [
    "HƯỚNG DẪN NHẬP LIỆU",
    "Mỗi dòng của sheet \"assessment\" là một tiêu chí thành phần của một cơ quan.",
    "Cột value: tỷ lệ % (81,4%), tỷ số (17/20), ngày (dd/mm/yyyy), có/không, mã phương án, "
    "hoặc KPS/N/A nếu không phát sinh.",
    "Cột points: điểm tự chấm (số, dấu thập phân là dấu phẩy).",
    "Cột evidence: mã tài liệu kiểm chứng, cách nhau bởi dấu chấm phẩy.",
    "Không sửa dòng tiêu đề cột (dòng 3).",
]

# Excel's built-in number formats that the fixtures use, by id.
BUILTIN = {0: "General", 9: "0%", 10: "0.00%", 14: "mm-dd-yy"}  # 14 = short date


# ----------------------------------------------------------------------------------------
# Reading the CSV twin and what it means
# ----------------------------------------------------------------------------------------

def nfc(s):
    return unicodedata.normalize("NFC", s)


def load_csvs():
    data = {}
    for name in FILES:
        with open(CSV_DIR / f"{name}.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        data[name] = (rows[0], [r for r in rows[1:] if any(x.strip() for x in r)])
    return data


def load_rules():
    crit = json.loads(CRITERIA.read_text(encoding="utf-8"))
    rules = {}

    def walk(items):
        for it in items:
            if it.get("children"):
                walk(it["children"])
            else:
                rules[it["code"]] = it["rule"]["type"]

    walk(crit["items"])
    return rules


NUM_RE = re.compile(r"^(\d+(?:[.,]\d+)?)$")
PCT_RE = re.compile(r"^(\d+(?:[.,]\d+)?)(\s*)(%?)$")
RATIO_RE = re.compile(r"^(\d+)\s*/\s*(\d+)$")
DMY_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def dec(s):
    return Decimal(s.replace(",", "."))


def parse_date(s):
    m = DMY_RE.match(s)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    m = ISO_RE.match(s)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    return None


def meaning_of_text(file, col, text, rule):
    """What a CSV field (or a text cell) means, as a comparable tuple."""
    s = nfc(text.strip())
    if s == "":
        return ("empty",)
    if file in VALUE_FILES and col == "value":
        low = s.lower()
        if low in NA_WORDS:
            return ("na",)
        if rule in PCT_RULES:
            m = RATIO_RE.match(s)
            if m:
                a, b = int(m[1]), int(m[2])
                return ("ratio-0", a) if b == 0 else ("pct", Fraction(100 * a, b))
            m = PCT_RE.match(s)
            if m:
                return ("pct", Fraction(dec(m[1])))
        if rule == "deadline":
            d = parse_date(s)
            if d:
                return ("date", d)
        if rule in ("check", "deadline"):
            if low in YES_WORDS:
                return ("yes",)
            if low in NO_WORDS:
                return ("no",)
        if rule in ("deduction", "manual") and NUM_RE.match(s):
            return ("num", Fraction(dec(s)))
        if rule == "choice":
            return ("key", s)
        return ("unparsed", s)
    if (file, col) in NUMBER_COLUMNS:
        if NUM_RE.match(s):
            return ("num", Fraction(dec(s)))
        return ("unparsed", s)
    if (file, col) in DATE_COLUMNS:
        d = parse_date(s)
        return ("date", d) if d else ("unparsed", s)
    return ("text", s)


def excel15(x):
    """A double as Excel shows it: rounded to 15 significant digits."""
    return Fraction(Decimal(format(x, ".15g")))


def strip_format_literals(code):
    code = re.sub(r'"[^"]*"', "", code)  # quoted literals
    code = re.sub(r"\\.", "", code)  # escaped characters
    code = re.sub(r"\[[^\]]*\]", "", code)  # [Red], [$-42A], [h]
    return code


def is_percent_format(code):
    return "%" in strip_format_literals(code)


BUILTIN_DATE_IDS = set(range(14, 23)) | {27, 30, 36, 45, 46, 47, 50, 57}


def is_date_format(code):
    c = strip_format_literals(code).lower()
    return bool(re.search(r"[dmy]", c)) and "general" not in c


def meaning_of_cell(file, col, rule, kind, value, fmt):
    """What a typed cell means. kind: text, number, date, bool, error, formula-nocache, empty."""
    if kind == "empty":
        return ("empty",)
    if kind == "text":
        return meaning_of_text(file, col, value, rule)
    if kind == "bool":
        if file in VALUE_FILES and col == "value" and rule == "check":
            return ("yes",) if value else ("no",)
        return ("bool-here", value)
    if kind == "date":
        return ("date", value)
    if kind == "number":
        if file in VALUE_FILES and col == "value":
            if rule in PCT_RULES:
                x = excel15(value)
                return ("pct", x * 100 if is_percent_format(fmt) else x)
            if rule in ("deduction", "manual"):
                return ("num", excel15(value))
            return ("number-here", value)
        if (file, col) in NUMBER_COLUMNS:
            return ("num", excel15(value))
        return ("number-here", value)
    return (kind, value)


# ----------------------------------------------------------------------------------------
# The plan: one typed cell per CSV field, shared by all writers
# ----------------------------------------------------------------------------------------

class Spec:
    """One cell to write. kind: text, number, date, bool, formula, empty."""
    __slots__ = ("kind", "value", "fmt", "rich", "quote", "formula", "note")

    def __init__(self, kind, value=None, fmt=None, rich=None, quote=False, formula=None, note=""):
        self.kind, self.value, self.fmt, self.rich = kind, value, fmt, rich
        self.quote, self.formula, self.note = quote, formula, note


def bold_split(text):
    """Split a text into a bold lead and the rest, for rich-text cells."""
    m = re.search(r"'[^']+'", text)
    if m and m.start() > 0:
        return [(False, text[:m.start()]), (True, m.group(0)), (False, text[m.end():])]
    m = re.match(r"^(\S+(?:\s+\S+){0,2})(.*)$", text, re.S)
    return [(True, m[1]), (False, m[2])]


class Planner:
    """Decides, deterministically, how each CSV field becomes a cell."""

    PCT_FORMATS = {0: [9, 10, "#,##0.0%"], 1: ["0.0%", 10, "#,##0.0%"], 2: [10]}

    def __init__(self, rules):
        self.rules = rules
        self.counters = Counter()

    def cycle(self, key, options):
        i = self.counters[key]
        self.counters[key] += 1
        return options[i % len(options)]

    def pct_fraction(self, num):
        d = dec(num)
        decimals = max(0, -d.as_tuple().exponent)
        fmt = self.cycle(f"pct{decimals}", self.PCT_FORMATS[min(decimals, 2)])
        return Spec("number", float(d / 100), fmt, note="percent-fraction")

    def value(self, file, rule, s, row_ctx):
        if s == "":
            return Spec("empty")
        low = nfc(s).lower()
        if low in NA_WORDS:
            return Spec("text", s, note="na")
        if rule in PCT_RULES:
            if RATIO_RE.match(s):
                return Spec("text", s, note="ratio")
            m = PCT_RE.match(s)
            if m:
                num, space, pct = m[1], m[2], m[3]
                if pct and space:  # "97.5 %": a literal " %" in a custom format, the cell
                    d = dec(num)    # holds the percentage itself (97.5), not a fraction
                    decimals = max(0, -d.as_tuple().exponent)
                    fmt = '0.0" %"' if decimals else '0" %"'
                    return Spec("number", float(d), fmt, note="percent-literal")
                if pct:
                    return self.pct_fraction(num)
                # no % sign: the number is a percentage; half typed as a plain number
                if self.cycle("bare", [0, 1]) == 0:
                    return Spec("number", float(dec(num)), 0, note="percent-bare")
                return self.pct_fraction(num)
        if rule == "deadline":
            d = parse_date(s)
            if d:
                n = self.counters["deadline"]
                self.counters["deadline"] += 1
                if n in (6, 19):  # typed with a leading apostrophe: stays text
                    return Spec("text", s, quote=True, note="date-as-text")
                if ISO_RE.match(s):
                    return Spec("date", d, "yyyy-mm-dd", note="date")
                return Spec("date", d, self.cycle("dmy", [14, "dd/mm/yyyy"]), note="date")
            return Spec("text", s, note="no-word")
        if rule == "check":
            if low in YES_WORDS | NO_WORDS:
                yes = low in YES_WORDS
                key = "check-yes" if yes else "check-no"
                n = self.counters[key]
                self.counters[key] += 1
                if n % (20 if yes else 12) == 3 or row_ctx.get("force_bool"):
                    return Spec("bool", yes, note="bool")  # TRUE/FALSE cell
            return Spec("text", s, note="yesno")
        if rule in ("deduction", "manual") and NUM_RE.match(s):
            d = dec(s)
            return Spec("number", int(d) if d == d.to_integral_value() else float(d), 0,
                        note="count" if rule == "deduction" else "manual")
        return Spec("text", s, note="key" if rule == "choice" else "text")

    def number(self, s):
        if s == "":
            return Spec("empty")
        d = dec(s)
        return Spec("number", int(d) if d == d.to_integral_value() else float(d), 0)

    def date(self, s):
        if s == "":
            return Spec("empty")
        return Spec("date", parse_date(s), self.cycle("evdate", [14, "dd/mm/yyyy"]))

    def text(self, s, rich_every=0, key="rich"):
        if s == "":
            return Spec("empty")
        if rich_every:
            n = self.counters[key]
            self.counters[key] += 1
            if n % rich_every == 1:
                return Spec("text", s, rich=bold_split(s), note="rich")
        return Spec("text", s)


# text columns where some cells become rich text (a bold lead), and how often
RICH_COLUMNS = {("assessment", "note"): 5, ("appraisal", "reason"): 4,
                ("adjustments", "reason"): 4, ("evidence", "title"): 60}


def plan(data, rules, file, rich=True):
    """Typed cells for one CSV file: a list of rows of Spec."""
    header, rows = data[file]
    p = Planner(rules)
    out = []
    for r in rows:
        rec = dict(zip(header, r + [""] * (len(header) - len(r))))
        rule = rules.get(rec.get("code", ""), "")
        ctx = {}
        if file == "appraisal" and rec["code"] in ("7.5.2", "5.5.1"):
            ctx["force_bool"] = True  # S09 7.5.2 không -> FALSE, S03 5.5.1 có -> TRUE
        cells = []
        for col in header:
            s = rec[col]
            if file in VALUE_FILES and col == "value":
                cells.append(p.value(file, rule, s, ctx))
            elif (file, col) in NUMBER_COLUMNS:
                cells.append(p.number(s))
            elif (file, col) in DATE_COLUMNS:
                cells.append(p.date(s))
            elif rich and (file, col) in RICH_COLUMNS:
                cells.append(p.text(s, rich_every=RICH_COLUMNS[(file, col)]))
            else:
                cells.append(Spec("text", s) if s != "" else Spec("empty"))
        out.append(cells)
    return header, out


def add_formulas(data, rules, header, rows):
    """Turn some assessment cells into formulas (for the LibreOffice set).

    Each formula computes exactly the CSV's meaning; LibreOffice stores the cached value."""
    h = {c: i for i, c in enumerate(header)}
    raw = data["assessment"][1]
    done = Counter()
    changed = []

    def put(i, col, formula, fmt, why):
        rows[i][h[col]] = Spec("formula", None, fmt, formula=formula, note=why)
        changed.append((i, col, formula, why))

    for i, r in enumerate(raw):
        rec = dict(zip(header, r))
        rule = rules.get(rec["code"], "")
        v, pts = rec["value"], rec["points"]
        if rec["unit_id"] == "S01" and rec["code"] == "1.1.1":
            d = parse_date(v)
            put(i, "value", f"=DATE({d.year},{d.month},{d.day})", "dd/mm/yyyy", "deadline-date")
            continue
        m = RATIO_RE.match(v)
        if rule in PCT_RULES and m and done["ratio"] < 3 and int(m[2]) and \
                (rec["unit_id"], rec["code"]) in {("S01", "1.3.2"), ("S03", "1.1.2"), ("S03", "3.3.1")}:
            put(i, "value", f"={m[1]}/{m[2]}", {0: 9, 1: "0.0%"}.get(done["ratio"], 10), "ratio")
            done["ratio"] += 1
            continue
        if rule in PCT_RULES and re.fullmatch(r"\d+%", v) and done["pctop"] < 1:
            put(i, "value", f"={v}", 9, "percent-operator")
            done["pctop"] += 1
            continue
        if rule == "check" and v == "có" and done["strf"] < 1:
            put(i, "value", '="có"', None, "string-formula")
            done["strf"] += 1
            continue
        if rule == "check" and v.lower() in YES_WORDS and done["truef"] < 1 and done["strf"]:
            put(i, "value", "=TRUE()", None, "bool-formula")
            done["truef"] += 1
            continue
        if rule == "choice" and v == "day_du" and done["lower"] < 1:
            put(i, "value", '=LOWER("DAY_DU")', None, "string-formula")
            done["lower"] += 1
            continue
        if rule == "deduction" and v == "2" and done["sum"] < 1:
            put(i, "value", "=SUM(1,1)", None, "count-formula")
            done["sum"] += 1
            continue
        if pts == "0.5" and done["half"] < 2 and rec["unit_id"] == "S02":
            put(i, "points", "=0.25*2", None, "points-formula")
            done["half"] += 1
        elif pts == "1.5" and done["oneandhalf"] < 1 and rec["unit_id"] == "S02":
            put(i, "points", "=3/2", None, "points-formula")
            done["oneandhalf"] += 1
    return changed


# ----------------------------------------------------------------------------------------
# Writers
# ----------------------------------------------------------------------------------------

class FixedTimeZip(zipfile.ZipFile):
    """A ZipFile whose members all get one fixed timestamp (openpyxl uses the clock)."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zi = zipfile.ZipInfo(zinfo_or_arcname, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zinfo_or_arcname = zi
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as f:
            self.writestr(arcname or os.path.basename(filename), f.read())


def openpyxl_fmt(fmt):
    if fmt is None:
        return "General"
    return BUILTIN[fmt] if isinstance(fmt, int) else fmt


def openpyxl_save(wb, path):
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = None
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    archive = FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # openpyxl's own writer; only the clock is fixed


def openpyxl_put(ws, row, col, sp):
    if sp.kind == "empty":
        return
    c = ws.cell(row=row, column=col)
    if sp.kind == "text":
        if sp.rich:
            c.value = CellRichText([TextBlock(InlineFont(b=True), t) if b else t
                                    for b, t in sp.rich if t])
        else:
            c.value = sp.value
        c.data_type = "s"  # never let openpyxl guess (#N/A would become an error cell)
        if sp.quote:
            c.quotePrefix = True
    elif sp.kind in ("number", "date", "bool"):
        c.value = sp.value
    elif sp.kind == "formula":
        c.value = sp.formula
    elif sp.kind == "error":
        c.value = sp.value
        c.data_type = "e"
    if sp.fmt is not None:
        c.number_format = openpyxl_fmt(sp.fmt)


def write_openpyxl(path, file, header, rows, *, title=False, instructions=False,
                   empty_rows=(), epoch1904=False, sheet_name=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    if instructions:
        ws.title = "Hướng dẫn"
        for i, line in enumerate(INSTRUCTIONS, 1):
            ws.cell(row=i, column=1, value=line)
        ws["A1"].font = Font(bold=True, size=13)
        ws.column_dimensions["A"].width = 100
        ws = wb.create_sheet(file)
    else:
        ws.title = sheet_name or file
    if epoch1904:
        wb.epoch = CALENDAR_MAC_1904
    r = 1
    if title:
        ws.cell(row=1, column=1, value=TITLE).font = Font(bold=True, size=14)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws["A1"].alignment = Alignment(horizontal="center")
        r = 3  # row 2 stays blank
    for j, name in enumerate(header, 1):
        c = ws.cell(row=r, column=j, value=name)
        c.font = Font(bold=True)
    ws.freeze_panes = ws.cell(row=r + 1, column=1)
    for j in range(1, len(header) + 1):
        ws.column_dimensions[get_column_letter(j)].width = 14
    thin = Side(style="thin")
    for i, cells in enumerate(rows):
        r += 1
        for how_i, how in empty_rows:
            if how_i == i:  # fully empty rows between data rows
                if how == "gap":
                    r += 1  # no <row> element at all
                elif how == "height":
                    ws.row_dimensions[r].height = 24  # <row ht="24" customHeight="1"/>
                    r += 1
                elif how == "styled":  # <c r=".." s=".."/> cells with a border, no value
                    for j in range(1, len(header) + 1):
                        ws.cell(row=r, column=j).border = Border(bottom=thin)
                    r += 1
        for j, sp in enumerate(cells, 1):
            openpyxl_put(ws, r, j, sp)
    openpyxl_save(wb, path)


def write_xlsxwriter(path, file, header, rows, *, constant_memory, sheet_name=None,
                     title=False, empty_rows=()):
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory,
                                        "strings_to_numbers": False,
                                        "strings_to_formulas": False,
                                        "strings_to_urls": False})
    wb.set_properties({"author": CREATOR, "created": FIXED_TIME})
    ws = wb.add_worksheet(sheet_name or file)
    formats = {}

    def fmt(num=None, quote=False, bold=False, size=None):
        key = (num, quote, bold, size)
        if key not in formats:
            props = {}
            if num is not None and num != 0:
                props["num_format"] = num
            if quote:
                props["quote_prefix"] = True
            if bold:
                props["bold"] = True
            if size:
                props["font_size"] = size
            formats[key] = wb.add_format(props) if props else None
        return formats[key]

    bold = fmt(bold=True)
    r = 0
    if title:
        ws.merge_range(0, 0, 0, len(header) - 1, TITLE, wb.add_format({"bold": True,
                                                                       "font_size": 14,
                                                                       "align": "center"}))
        r = 2
    for j, name in enumerate(header):
        ws.write_string(r, j, name, bold)
    ws.freeze_panes(r + 1, 0)
    ws.set_column(0, len(header) - 1, 14)
    for i, cells in enumerate(rows):
        r += 1
        for how_i, how in empty_rows:
            if how_i == i:
                r += 1
        for j, sp in enumerate(cells):
            f = fmt(sp.fmt, sp.quote)
            if sp.kind == "empty":
                continue
            if sp.kind == "text":
                if sp.rich:
                    parts = []
                    for b, t in sp.rich:
                        if t:
                            parts += [bold, t] if b else [t]
                    ws.write_rich_string(r, j, *parts)
                else:
                    ws.write_string(r, j, sp.value, f)
            elif sp.kind == "number":
                ws.write_number(r, j, sp.value, f)
            elif sp.kind == "date":
                ws.write_datetime(r, j, dt.datetime.combine(sp.value, dt.time()), f)
            elif sp.kind == "bool":
                ws.write_boolean(r, j, sp.value, f)
            elif sp.kind == "formula":
                ws.write_formula(r, j, sp.formula, f, sp.value)
    wb.close()


class LibreOffice:
    """soffice --headless with a private profile and a Vietnamese locale."""

    def __init__(self):
        self.profile = Path(tempfile.mkdtemp(prefix="parindex-lo-"))
        exe = shutil.which("soffice") or shutil.which("libreoffice")
        if not exe:
            sys.exit("soffice not found: apt-get install -y libreoffice-calc-nogui")
        self.exe = exe
        self.env = dict(os.environ, LANG="vi_VN.UTF-8", LC_ALL="vi_VN.UTF-8")

    def convert(self, target, outdir, files):
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        cmd = [self.exe, f"-env:UserInstallation=file://{self.profile}", "--headless",
               "--norestore", "--convert-to", target, "--outdir", str(outdir)] + [str(f) for f in files]
        res = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=600)
        if res.returncode != 0:
            raise RuntimeError(f"soffice failed: {res.stderr}")
        return res.stdout

    def version(self):
        res = subprocess.run([self.exe, "--version"], capture_output=True, text=True)
        return res.stdout.strip()

    def close(self):
        shutil.rmtree(self.profile, ignore_errors=True)


# ----------------------------------------------------------------------------------------
# Building the sets
# ----------------------------------------------------------------------------------------

OPENPYXL_OPTIONS = {
    "units": {},
    "assessment": {"title": True, "instructions": True,
                   "empty_rows": [(120, "gap"), (121, "gap"), (400, "height"), (650, "styled")]},
    "appraisal": {},
    "evidence": {"epoch1904": True},
    "survey": {"empty_rows": [(700, "gap")]},
    "adjustments": {},
}


def build_openpyxl(data, rules, outdir, with_formulas=False):
    outdir.mkdir(parents=True, exist_ok=True)
    changed = []
    for file in FILES:
        header, rows = plan(data, rules, file)
        if with_formulas and file == "assessment":
            changed = add_formulas(data, rules, header, rows)
        write_openpyxl(outdir / f"{file}.xlsx", file, header, rows, **OPENPYXL_OPTIONS[file])
    return changed


def build_xlsxwriter(data, rules, outdir, constant_memory):
    outdir.mkdir(parents=True, exist_ok=True)
    for file in FILES:
        header, rows = plan(data, rules, file)
        opts = {}
        if constant_memory and file == "units":
            opts["sheet_name"] = "Sheet1"
        if not constant_memory and file == "assessment":
            opts["title"] = True
            # formulas whose cached value XlsxWriter stores as given
            h = {c: i for i, c in enumerate(header)}
            for i, r in enumerate(data["assessment"][1]):
                rec = dict(zip(header, r))
                if (rec["unit_id"], rec["code"]) == ("S01", "1.3.2"):  # 5/10
                    rows[i][h["value"]] = Spec("formula", 0.5, 9, formula="=5/10")
                if (rec["unit_id"], rec["code"]) == ("S01", "1.2.1"):  # points 0.5
                    rows[i][h["points"]] = Spec("formula", 0.5, None, formula="=0.25*2")
        if not constant_memory and file == "survey":
            opts["empty_rows"] = [(300, "gap")]
        write_xlsxwriter(outdir / f"{file}.xlsx", file, header, rows,
                         constant_memory=constant_memory, **opts)


def build_libreoffice(data, rules, lo, openpyxl_dir, outdir):
    """LibreOffice re-saves the openpyxl set; assessment first gets formula cells."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        changed = build_openpyxl(data, rules, tmp, with_formulas=True)
        src = [openpyxl_dir / f"{f}.xlsx" for f in FILES if f != "assessment"]
        src.append(tmp / "assessment.xlsx")
        if outdir.exists():
            shutil.rmtree(outdir)
        lo.convert("xlsx:Calc MS Excel 2007 XML", outdir, src)
    return changed


def find_crc_flip(member_bytes, crc, size):
    """An offset and XOR mask such that inflate still succeeds but the CRC differs."""
    for off in range(len(member_bytes) // 3, len(member_bytes) - 8):
        for mask in (0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80):
            b = bytearray(member_bytes)
            b[off] ^= mask
            d = zlib.decompressobj(-15)
            try:
                out = d.decompress(bytes(b)) + d.flush()
            except zlib.error:
                continue
            if d.eof and not d.unused_data and len(out) == size and zlib.crc32(out) != crc:
                return off, mask
    raise RuntimeError("no CRC-only corruption found")


def build_broken(data, rules, lo, base_xlsx, outdir):
    """Negative fixtures. base_xlsx: a plain single-sheet assessment (XlsxWriter)."""
    if outdir.exists():
        shutil.rmtree(outdir)
    notes = {}
    header, raw = data["assessment"]
    h = {c: i for i, c in enumerate(header)}

    def sub(name):
        d = outdir / name
        d.mkdir(parents=True)
        return d / "assessment.xlsx"

    def cell_ref(i, col):  # data row i, header in row 1
        return f"{get_column_letter(h[col] + 1)}{i + 2}"

    # numeric codes: every code that looks like a number is typed as a number
    _, rows = plan(data, rules, "assessment", rich=False)
    first = None
    for i, r in enumerate(raw):
        if re.fullmatch(r"\d+\.\d+", r[h["code"]]):
            rows[i][h["code"]] = Spec("number", float(r[h["code"]]), 0)
            first = first or (cell_ref(i, "code"), r[h["code"]])
    write_openpyxl(sub("numeric-code"), "assessment", header, rows)
    notes["numeric-code"] = first

    def one_bad(name, i, col, sp):
        _, rows = plan(data, rules, "assessment", rich=False)
        rows[i][h[col]] = sp
        path = sub(name)
        write_openpyxl(path, "assessment", header, rows)
        notes[name] = (cell_ref(i, col), raw[i][h["unit_id"]], raw[i][h["code"]], raw[i][h[col]])
        return path

    idx = {(r[0], r[1]): i for i, r in enumerate(raw)}
    one_bad("error-value", idx[("S01", "1.1.2")], "value", Spec("error", "#N/A"))
    one_bad("formula-no-cache", idx[("S01", "1.3.2")], "value",
            Spec("formula", None, 9, formula="=5/10"))
    # a formula whose cached value is an error: LibreOffice computes #DIV/0!
    with tempfile.TemporaryDirectory() as tmp:
        _, rows = plan(data, rules, "assessment", rich=False)
        i = idx[("S01", "3.3.2")]
        rows[i][h["value"]] = Spec("formula", None, "0.0%", formula="=2275/0")
        write_openpyxl(Path(tmp) / "assessment.xlsx", "assessment", header, rows)
        d = outdir / "error-formula"
        lo.convert("xlsx:Calc MS Excel 2007 XML", d, [Path(tmp) / "assessment.xlsx"])
        notes["error-formula"] = (cell_ref(i, "value"), "S01", "3.3.2", raw[i][h["value"]])

    base = base_xlsx.read_bytes()
    sub("truncated").write_bytes(base[: len(base) // 2])
    notes["truncated"] = (len(base), len(base) // 2)

    # one byte flipped inside the deflated worksheet: inflates fine, CRC-32 mismatch
    zf = zipfile.ZipFile(io.BytesIO(base))
    info = zf.getinfo("xl/worksheets/sheet1.xml")
    hdr = base[info.header_offset: info.header_offset + 30]
    name_len = int.from_bytes(hdr[26:28], "little")
    extra_len = int.from_bytes(hdr[28:30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    member = base[start: start + info.compress_size]
    off, mask = find_crc_flip(member, info.CRC, info.file_size)
    bad = bytearray(base)
    bad[start + off] ^= mask
    sub("crc").write_bytes(bytes(bad))
    notes["crc"] = (info.filename, start + off, mask, info.CRC)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        lo.convert("xls:MS Excel 97", tmp / "xls", [base_xlsx])
        lo.convert("ods:calc8", tmp / "ods", [base_xlsx])
        lo.convert("xlsm:Calc MS Excel 2007 VBA XML", tmp / "xlsm", [base_xlsx])
        shutil.copy(tmp / "xls" / "assessment.xls", sub("xls"))
        shutil.copy(tmp / "ods" / "assessment.ods", sub("ods"))
        shutil.copy(tmp / "xlsm" / "assessment.xlsm", sub("xlsm"))

    # password-protected: OOXML agile encryption (an OLE compound file), msoffcrypto-tool
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
        with open(base_xlsx, "rb") as f:
            enc = io.BytesIO()
            OOXMLFile(f).encrypt(PASSWORD, enc)
        sub("encrypted").write_bytes(enc.getvalue())
        notes["encrypted"] = PASSWORD
    except ImportError:
        notes["encrypted"] = None
    return notes


# ----------------------------------------------------------------------------------------
# Reading back: a raw XML reader (what the Swift reader sees) and openpyxl
# ----------------------------------------------------------------------------------------

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}
M = "{%s}" % NS["m"]


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n, int(ref[len(letters):])


def serial_to_date(serial, date1904):
    base = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    return base + dt.timedelta(days=int(serial))


class RawWorkbook:
    """A minimal reader of the OOXML parts, independent of openpyxl."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        wb = ET.fromstring(self.zip.read("xl/workbook.xml"))
        pr = wb.find("m:workbookPr", NS)
        self.date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        rels = ET.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        self.sheets = []
        for s in wb.find("m:sheets", NS):
            t = targets[s.get("{%s}id" % NS["r"])]
            t = t[1:] if t.startswith("/") else "xl/" + t
            self.sheets.append((s.get("name"), t))
        self.sst = []
        self.sst_rich = 0
        if "xl/sharedStrings.xml" in self.zip.namelist():
            for si in ET.fromstring(self.zip.read("xl/sharedStrings.xml")):
                if si.find("m:r", NS) is not None:
                    self.sst_rich += 1
                self.sst.append(self.text_of(si))
        st = ET.fromstring(self.zip.read("xl/styles.xml"))
        self.numfmts = dict(BUILTIN)
        nf = st.find("m:numFmts", NS)
        if nf is not None:
            for x in nf:
                self.numfmts[int(x.get("numFmtId"))] = x.get("formatCode")
        self.xf = [int(x.get("numFmtId", "0")) for x in st.find("m:cellXfs", NS)]
        self.quote_xf = {i for i, x in enumerate(st.find("m:cellXfs", NS)) if x.get("quotePrefix") in ("1", "true")}

    @staticmethod
    def text_of(el):
        parts = []
        for child in el:
            if child.tag == M + "t":
                parts.append(child.text or "")
            elif child.tag == M + "r":
                parts.extend(t.text or "" for t in child.findall("m:t", NS))
        return "".join(parts)

    def fmt_of(self, s):
        fid = self.xf[s] if s < len(self.xf) else 0
        return fid, self.numfmts.get(fid, f"builtin:{fid}")

    def cells(self, sheet_path):
        """{row: {col: (kind, value, fmt_id, fmt_code, xml_type, has_formula, rich)}}"""
        out = defaultdict(dict)
        root = ET.fromstring(self.zip.read(sheet_path))
        for row in root.find("m:sheetData", NS):
            for c in row:
                col, r = col_index(c.get("r"))
                t = c.get("t", "n")
                s = int(c.get("s", "0"))
                fid, code = self.fmt_of(s)
                f = c.find("m:f", NS)
                v = c.find("m:v", NS)
                vt = v.text if v is not None else None
                rich = False
                if t == "s":
                    kind, val = "text", self.sst[int(vt)]
                elif t == "inlineStr":
                    isel = c.find("m:is", NS)
                    rich = isel.find("m:r", NS) is not None
                    kind, val = "text", self.text_of(isel)
                elif t == "str":
                    kind, val = "text", vt or ""
                elif t == "b":
                    kind, val = "bool", vt == "1"
                elif t == "e":
                    kind, val = "error", vt
                elif t == "d":
                    kind, val = "date", dt.date.fromisoformat(vt[:10])
                elif vt is None or vt == "":
                    kind, val = ("formula-nocache", None) if f is not None else ("empty", None)
                else:
                    x = float(vt)
                    if fid in BUILTIN_DATE_IDS or (fid >= 164 and is_date_format(code)):
                        kind, val = "date", serial_to_date(x, self.date1904)
                    else:
                        kind, val = "number", x
                out[r][col] = (kind, val, fid, code, t, f is not None, rich, s in self.quote_xf)
        return out


def pick_sheet(names, file):
    return file if file in names else names[0]


def check_rows(label, file, header, csv_rows, rules, got_rows, stats, strict_types=True):
    """got_rows: list of (rowno, [ (kind, value, fmt_code) or None per column ]) after the header."""
    problems = []
    data_rows = [(n, cells) for n, cells in got_rows if any(c and c[0] != "empty" for c in cells)]
    if len(data_rows) != len(csv_rows):
        problems.append(f"{label}: {len(data_rows)} data rows, CSV has {len(csv_rows)}")
    for (n, cells), r in zip(data_rows, csv_rows):
        rec = dict(zip(header, r + [""] * (len(header) - len(r))))
        rule = rules.get(rec.get("code", ""), "")
        for j, col in enumerate(header):
            cell = cells[j] if j < len(cells) else None
            kind, value, fmt = cell[:3] if cell else ("empty", None, "General")
            want = meaning_of_text(file, col, rec[col], rule)
            got = meaning_of_cell(file, col, rule, kind, value, fmt)
            stats[(file, col, kind)] += 1
            if got != want:
                problems.append(f"{label} row {n} {col}: cell {kind} {value!r} [{fmt}] means {got}, CSV {rec[col]!r} means {want}")
            if strict_types and rec[col] != "":
                if col in ID_COLUMNS and kind != "text":
                    problems.append(f"{label} row {n} {col}: id is a {kind} cell")
                if (file, col) in NUMBER_COLUMNS and kind != "number":
                    problems.append(f"{label} row {n} {col}: points is a {kind} cell")
                if (file, col) in DATE_COLUMNS and kind != "date":
                    problems.append(f"{label} row {n} {col}: date is a {kind} cell")
    return problems


def find_header(rows_by_no, header):
    for n in sorted(rows_by_no):
        vals = [rows_by_no[n].get(j + 1) for j in range(len(header))]
        if all(v and v[0] == "text" and v[1] == h for v, h in zip(vals, header)):
            return n
    return None


def check_raw(path, file, data, rules, stats):
    header, csv_rows = data[file]
    wb = RawWorkbook(path)
    names = [n for n, _ in wb.sheets]
    sheet = dict(wb.sheets)[pick_sheet(names, file)]
    cells = wb.cells(sheet)
    hrow = find_header(cells, header)
    if hrow is None:
        return [f"{path}: header row not found"], {}
    got = []
    info = Counter()
    for n in sorted(k for k in cells if k > hrow):
        row = [cells[n].get(j + 1) for j in range(len(header))]
        got.append((n, [(c[0], c[1], c[3]) if c else None for c in row]))
        for c in row:
            if c:
                kind, val, fid, code, t, has_f, rich, quote = c
                info[f"{kind}:t={t}" + (":formula" if has_f else "") + (":rich" if rich else "")] += 1
                if kind in ("number", "date"):
                    info[f"numFmt {fid} {code!r}"] += 1
                if quote:
                    info["quotePrefix"] += 1
    info["sst-rich"] = wb.sst_rich
    extra = {"sheets": names, "header_row": hrow, "date1904": wb.date1904,
             "shared_strings": len(wb.sst), "info": info}
    return check_rows(f"{path.parent.name}/{path.name}[raw]", file, header, csv_rows, rules, got, stats), extra


def check_openpyxl(path, file, data, rules, stats):
    header, csv_rows = data[file]
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[pick_sheet(wb.sheetnames, file)]
    rows = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            v = c.value
            if isinstance(v, bool):
                k = "bool"
            elif isinstance(v, dt.datetime):
                k, v = "date", v.date()
            elif isinstance(v, dt.date):
                k = "date"
            elif isinstance(v, (int, float)):
                k = "number"
            elif c.data_type == "e":
                k = "error"
            else:
                k, v = "text", str(v)
            rows.setdefault(c.row, {})[c.column] = (k, v, c.number_format)
    hrow = find_header(rows, header)
    if hrow is None:
        return [f"{path}: [openpyxl] header row not found"]
    got = [(n, [rows[n].get(j + 1) for j in range(len(header))]) for n in sorted(rows) if n > hrow]
    return check_rows(f"{path.parent.name}/{path.name}[openpyxl]", file, header, csv_rows, rules, got, Counter())


def check_libreoffice_csv(lo, setdir, data, rules):
    """soffice --convert-to csv in the vi-VN locale: '0,5', '81,4%', 'ĐÚNG' - then read
    each field with the CSV twin's own rules."""
    problems = []
    fields = 0
    with tempfile.TemporaryDirectory() as tmp:
        opts = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1066,false,true,true,false,false,-1"
        lo.convert(opts, tmp, [setdir / f"{f}.xlsx" for f in FILES])
        for file in FILES:
            header, csv_rows = data[file]
            cands = sorted(Path(tmp).glob(f"{file}-*.csv"))
            pick = [p for p in cands if p.stem == f"{file}-{file}"] or cands
            with open(pick[0], encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
            start = next(i for i, r in enumerate(rows) if r[: len(header)] == header)
            body = [r for r in rows[start + 1:] if any(x.strip() for x in r)]
            if len(body) != len(csv_rows):
                problems.append(f"{setdir.name}/{file} [soffice csv]: {len(body)} rows vs {len(csv_rows)}")
            for n, (got, want) in enumerate(zip(body, csv_rows)):
                rec = dict(zip(header, want + [""] * (len(header) - len(want))))
                rule = rules.get(rec.get("code", ""), "")
                for j, col in enumerate(header):
                    g = got[j] if j < len(got) else ""
                    if g in ("ĐÚNG", "SAI") and rule == "check":
                        gm = ("yes",) if g == "ĐÚNG" else ("no",)
                    else:
                        gm = meaning_of_text(file, col, g, rule)
                    wm = meaning_of_text(file, col, rec[col], rule)
                    fields += 1
                    if gm != wm:
                        problems.append(f"{setdir.name}/{file} [soffice csv] row {n + 1} {col}: {g!r} vs {rec[col]!r}")
    print(f"{setdir.name:12} soffice --convert-to csv (vi-VN, as shown): {fields} fields compared, "
          f"{len(problems)} mismatches")
    return problems


def check_broken(brokendir):
    """Each negative fixture fails the way README.md says."""
    problems = []
    p = brokendir
    wb = RawWorkbook(p / "numeric-code" / "assessment.xlsx")
    cells = wb.cells(wb.sheets[0][1])
    if not any(cells[r].get(2, ("",))[0] == "number" for r in cells):
        problems.append("numeric-code: no numeric code cell")
    for name, kind in (("error-value", "error"), ("error-formula", "error"),
                       ("formula-no-cache", "formula-nocache")):
        wb = RawWorkbook(p / name / "assessment.xlsx")
        cells = wb.cells(wb.sheets[0][1])
        found = [(r, c) for r in cells for c, v in cells[r].items() if v[0] == kind]
        if len(found) != 1:
            problems.append(f"{name}: {len(found)} cells of kind {kind}")
        if name == "formula-no-cache":
            w2 = openpyxl.load_workbook(p / name / "assessment.xlsx", data_only=True)
            r, c = found[0]
            if w2.active.cell(row=r, column=c).value is not None:
                problems.append("formula-no-cache: openpyxl sees a cached value")
    try:
        zipfile.ZipFile(p / "truncated" / "assessment.xlsx")
        problems.append("truncated: opens as a zip")
    except zipfile.BadZipFile:
        pass
    try:
        zf = zipfile.ZipFile(p / "crc" / "assessment.xlsx")
        bad = zf.testzip()
        if bad != "xl/worksheets/sheet1.xml":
            problems.append(f"crc: testzip says {bad}")
    except zipfile.BadZipFile as e:
        problems.append(f"crc: {e}")
    for name in ("xls", "encrypted"):
        f = p / name / "assessment.xlsx"
        if f.exists() and f.read_bytes()[:8] != bytes.fromhex("D0CF11E0A1B11AE1"):
            problems.append(f"{name}: not an OLE compound file")
    if (p / "encrypted" / "assessment.xlsx").exists():
        import msoffcrypto
        with open(p / "encrypted" / "assessment.xlsx", "rb") as f:
            office = msoffcrypto.OfficeFile(f)
            if not office.is_encrypted():
                problems.append("encrypted: msoffcrypto says not encrypted")
            office.load_key(password=PASSWORD)
            out = io.BytesIO()
            office.decrypt(out)
            openpyxl.load_workbook(out)  # decrypts to the real workbook
    zf = zipfile.ZipFile(p / "ods" / "assessment.xlsx")
    if zf.read("mimetype") != b"application/vnd.oasis.opendocument.spreadsheet":
        problems.append("ods: wrong mimetype")
    zf = zipfile.ZipFile(p / "xlsm" / "assessment.xlsx")
    if b"macroEnabled.main+xml" not in zf.read("[Content_Types].xml"):
        problems.append("xlsm: workbook content type is not macro-enabled")
    return problems


def self_check(data, rules, lo=None):
    problems = []
    print("\n== self-check: every positive workbook read back against the CSV twin")
    for setname in POSITIVE_SETS:
        setdir = HERE / setname
        for file in FILES:
            path = setdir / f"{file}.xlsx"
            stats = Counter()
            p, extra = check_raw(path, file, data, rules, stats)
            problems += p
            problems += check_openpyxl(path, file, data, rules, stats)
            info = extra.get("info", Counter())
            kinds = ", ".join(f"{k}={v}" for k, v in sorted(info.items()) if not k.startswith("numFmt") and v)
            fmts = ", ".join(f"{k[7:]}×{v}" for k, v in sorted(info.items()) if k.startswith("numFmt"))
            print(f"{setname:12} {file:12} sheets={extra.get('sheets')} header_row={extra.get('header_row')} "
                  f"date1904={extra.get('date1904')} sst={extra.get('shared_strings')} "
                  f"rows={len(data[file][1])} {'OK' if not p else 'FAIL'}")
            print(f"{'':12} cells: {kinds}")
            if fmts:
                print(f"{'':12} formats: {fmts}")
        if lo:
            problems += check_libreoffice_csv(lo, setdir, data, rules)
    # formulas in the LibreOffice set must carry cached values
    wb = openpyxl.load_workbook(HERE / "libreoffice" / "assessment.xlsx", data_only=True)
    wbf = openpyxl.load_workbook(HERE / "libreoffice" / "assessment.xlsx")
    ws, wsf = wb["assessment"], wbf["assessment"]
    n = 0
    for row in wsf.iter_rows():
        for c in row:
            if c.data_type == "f":
                cached = ws[c.coordinate].value
                print(f"   libreoffice/assessment {c.coordinate}: ={c.value[1:] if isinstance(c.value, str) else c.value}"
                      f" cached {cached!r}")
                n += 1
                if cached is None:
                    problems.append(f"libreoffice/assessment {c.coordinate}: no cached value")
    if n == 0:
        problems.append("libreoffice/assessment: no formulas")
    problems += check_broken(HERE / "broken")
    print(f"\n{len(problems)} problem(s)")
    for p in problems[:50]:
        print("  ", p)
    return not problems


def main():
    data = load_csvs()
    rules = load_rules()
    lo = LibreOffice()
    try:
        if "--check" not in sys.argv:
            for d in POSITIVE_SETS + ["broken"]:
                if (HERE / d).exists():
                    shutil.rmtree(HERE / d)
            build_openpyxl(data, rules, HERE / "openpyxl")
            build_xlsxwriter(data, rules, HERE / "inline", constant_memory=True)
            build_xlsxwriter(data, rules, HERE / "xlsxwriter", constant_memory=False)
            changed = build_libreoffice(data, rules, lo, HERE / "openpyxl", HERE / "libreoffice")
            print("formula cells given to LibreOffice (assessment data row, column, formula):")
            for i, col, f, why in changed:
                print(f"   row {i} {col} {f}  ({why})")
            # plain single-sheet assessment as the base of the negative fixtures
            notes = build_broken(data, rules, lo, HERE / "xlsxwriter" / "assessment.xlsx", HERE / "broken")
            print("negative fixtures:")
            for k, v in notes.items():
                print(f"   {k}: {v}")
        print(f"\nopenpyxl {openpyxl.__version__}, XlsxWriter {xlsxwriter.__version__}, {lo.version()}")
        ok = self_check(data, rules, lo)
    finally:
        lo.close()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
