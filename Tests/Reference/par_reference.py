#!/usr/bin/env python3
"""Independent reference implementation of the PARIndex ranking CSV.

Usage:
    python3 par_reference.py CRITERIA.json DATA_DIR [--excel] [--explain UNIT_ID]

Prints the ranking CSV of docs/FORMATS.md section 3 to standard output.  With
--explain UNIT_ID it also prints, to standard error, how each leaf of that unit
was scored.  Exact arithmetic with fractions.Fraction only (no float anywhere).

Written from docs/SCORING.md, docs/FORMATS.md and docs/DECISIONS.md alone, without reading
the Swift engine, so that golden files can be checked by a second computation.

Exit codes: 0 ok, 64 usage, 65 input error (stops at the first one), 66 file or
folder not found.
"""

import json
import os
import sys
import unicodedata
from decimal import Decimal, InvalidOperation
from fractions import Fraction

# --------------------------------------------------------------------------
# Errors


class InputError(Exception):
    """One input error, already formatted as FILE:LINE: field 'value': expected."""


def fail(where, field, value, expected):
    raise InputError("%s: %s '%s': %s" % (where, field, value, expected))


# --------------------------------------------------------------------------
# Text and numbers

DIGITS = "0123456789"
NA_WORDS = ("n/a", "kps", "không phát sinh")
YES_WORDS = ("có", "x", "1", "yes", "đạt")
NO_WORDS = ("không", "0", "no", "không đạt")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def clean(s):
    """NFC, then trimmed."""
    return nfc(s).strip()


def fold(s):
    """For case-insensitive word matching (after NFC)."""
    return nfc(nfc(s).strip().lower())


def is_na(s):
    return fold(s) in NA_WORDS


def yes_no(s):
    f = fold(s)
    if f in YES_WORDS:
        return True
    if f in NO_WORDS:
        return False
    return None


def parse_number(text, max_frac=6):
    """Strict: digits, at most one '.' or ',' followed by digits. No sign,
    exponent, thousands separator.  Returns a Fraction or None."""
    s = text.strip()
    if not s:
        return None
    sep_at = -1
    for i, c in enumerate(s):
        if c in ".,":
            if sep_at >= 0:
                return None
            sep_at = i
        elif c not in DIGITS:
            return None
    if sep_at == 0 or sep_at == len(s) - 1:
        return None
    if sep_at < 0:
        return Fraction(int(s))
    whole, frac = s[:sep_at], s[sep_at + 1:]
    if len(frac) > max_frac:
        return None
    return Fraction(int(whole + frac), 10 ** len(frac))


def round_half_away(x, digits):
    scale = 10 ** digits
    y = x * scale
    sign = -1 if y < 0 else 1
    a = abs(y)
    n = a.numerator // a.denominator
    if a - n >= Fraction(1, 2):
        n += 1
    return Fraction(sign * n, scale)


def fmt_fixed(x, digits, decimal_mark="."):
    r = round_half_away(x, digits)
    n = r * 10 ** digits
    assert n.denominator == 1
    n = n.numerator
    sign = "-" if n < 0 else ""
    n = abs(n)
    if digits == 0:
        return sign + str(n)
    s = str(n).rjust(digits + 1, "0")
    return sign + s[:-digits] + decimal_mark + s[-digits:]


def parse_date(text):
    """dd/mm/yyyy (d/m accepted) or yyyy-mm-dd -> (y, m, d), or None."""
    s = text.strip()
    if "/" in s:
        parts = s.split("/")
        if len(parts) != 3:
            return None
        d, m, y = parts
        if not (1 <= len(d) <= 2 and 1 <= len(m) <= 2 and len(y) == 4):
            return None
    elif "-" in s:
        parts = s.split("-")
        if len(parts) != 3:
            return None
        y, m, d = parts
        if not (len(y) == 4 and len(m) == 2 and len(d) == 2):
            return None
    else:
        return None
    if not all(p and all(c in DIGITS for c in p) for p in (y, m, d)):
        return None
    y, m, d = int(y), int(m), int(d)
    if not 1 <= m <= 12:
        return None
    leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    if not 1 <= d <= days:
        return None
    return (y, m, d)


# --------------------------------------------------------------------------
# CSV reading


def detect_separator(text):
    semis = commas = 0
    in_q = False
    for c in text:
        if c == '"':
            in_q = not in_q
        elif not in_q:
            if c in "\r\n":
                break
            if c == ";":
                semis += 1
            elif c == ",":
                commas += 1
    return ";" if semis > commas else ","


def parse_csv_text(text, sep, fname):
    """RFC 4180 records -> list of (start_line, [raw fields])."""
    rows = []
    fields, field = [], []
    in_q = False
    at_start = True     # at the start of a field (a quote opens quoting)
    pending = False     # a record has begun
    line = 1
    row_line = 1
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if in_q:
            if c == '"':
                if i + 1 < n and text[i + 1] == '"':
                    field.append('"')
                    i += 2
                    continue
                in_q = False
                i += 1
                continue
            if c == "\r":
                if i + 1 < n and text[i + 1] == "\n":
                    i += 1
                c = "\n"
            if c == "\n":
                line += 1
            field.append(c)
            i += 1
            continue
        if c == '"' and at_start:
            in_q = True
            at_start = False
            pending = True
            i += 1
            continue
        if c == sep:
            fields.append("".join(field))
            field = []
            at_start = True
            pending = True
            i += 1
            continue
        if c in "\r\n":
            if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            i += 1
            fields.append("".join(field))
            rows.append((row_line, fields))
            fields, field = [], []
            at_start = True
            pending = False
            line += 1
            row_line = line
            continue
        field.append(c)
        at_start = False
        pending = True
        i += 1
    if in_q:
        fail("%s:%d" % (fname, row_line), "quote", '"', "a quoted field is not closed")
    if pending or field:
        fields.append("".join(field))
        rows.append((row_line, fields))
    return rows


def read_table(path, required, optional):
    """-> list of dicts (column -> cleaned text, '_line' -> line number).
    Returns None when the file does not exist."""
    if not os.path.exists(path):
        return None
    fname = os.path.basename(path)
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(fname + ":1", "encoding", "bytes", "UTF-8 text (%s)" % e)
    if text.startswith("\ufeff"):
        text = text[1:]
    sep = detect_separator(text)
    records = parse_csv_text(text, sep, fname)
    records = [(ln, [clean(f) for f in fs]) for ln, fs in records]
    records = [(ln, fs) for ln, fs in records if any(fs)]
    if not records:
        fail(fname + ":1", "header", "", "a header row with " + ", ".join(required))
    hline, header = records[0]
    known = set(required) | set(optional)
    seen = set()
    for h in header:
        if h in seen and h:
            fail("%s:%d" % (fname, hline), "column", h, "each column once")
        seen.add(h)
        if h not in known and not h.startswith("x_"):
            fail("%s:%d" % (fname, hline), "column", h,
                 "one of " + ", ".join(required + optional) + " (or x_…)")
    for r in required:
        if r not in seen:
            fail("%s:%d" % (fname, hline), "column", r, "required column is missing")
    out = []
    for ln, fs in records[1:]:
        if len(fs) > len(header) and any(fs[len(header):]):
            fail("%s:%d" % (fname, ln), "row", sep.join(fs), "at most %d fields" % len(header))
        row = {"_line": ln, "_file": fname}
        for k, h in enumerate(header):
            if h in known:
                row[h] = fs[k] if k < len(fs) else ""
        for h in optional:
            row.setdefault(h, "")
        out.append(row)
    return out


def where(row):
    return "%s:%d" % (row["_file"], row["_line"])


# --------------------------------------------------------------------------
# Criteria set


def is_num(v):
    return isinstance(v, (int, Fraction)) and not isinstance(v, bool)


class Leaf:
    pass


class Criteria:
    pass


def load_criteria(path):
    fname = os.path.basename(path)

    def pairs(ps):
        d = {}
        for k, v in ps:
            if k in d:
                fail(fname, "key", k, "each key once per object")
            d[k] = v
        return d

    try:
        with open(path, "rb") as f:
            raw = f.read().decode("utf-8")
        if raw.startswith("\ufeff"):
            raw = raw[1:]
        data = json.loads(raw, parse_float=lambda s: Fraction(Decimal(s)),
                          parse_int=int, object_pairs_hook=pairs,
                          parse_constant=lambda s: fail(fname, "number", s, "a finite number"))
    except (ValueError, InvalidOperation) as e:
        fail(fname, "json", "", "valid JSON (%s)" % e)

    def at(p):
        return "%s: %s" % (fname, p)

    def keys(obj, p, allowed, required=()):
        if not isinstance(obj, dict):
            fail(fname, p, obj, "an object")
        for k in obj:
            if k not in allowed:
                fail(fname, p + "." + k, k, "a known key: " + ", ".join(allowed))
        for k in required:
            if k not in obj:
                fail(fname, p + "." + k, "", "required key")

    def num(obj, k, p, lo=None, hi=None, frac4=False, default=None, positive=False):
        if k not in obj:
            return default
        v = obj[k]
        if not is_num(v):
            fail(fname, p + "." + k, v, "a number")
        v = Fraction(v)
        if lo is not None and v < lo or hi is not None and v > hi or positive and v <= 0:
            fail(fname, p + "." + k, v, "a number in range")
        if frac4 and (v * 10000).denominator != 1:
            fail(fname, p + "." + k, v, "at most 4 fraction digits")
        return v

    def date(obj, k, p):
        v = obj.get(k)
        d = parse_date(v) if isinstance(v, str) else None
        if d is None:
            fail(fname, p + "." + k, v, "a date yyyy-mm-dd")
        return d

    keys(data, "$", ["format", "id", "title", "level", "year", "status", "source", "rounding",
                     "evidencePolicy", "classification", "adjustments", "survey", "items",
                     "scale"], ["format", "items", "classification"])
    if data["format"] != "parindex-criteria/1":
        fail(fname, "$.format", data["format"], "parindex-criteria/1")
    c = Criteria()
    c.title = data.get("title", "")
    rnd = data.get("rounding", {})
    keys(rnd, "$.rounding", ["points", "index"])
    for k in ("points", "index"):
        v = rnd.get(k, 2)
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 6:
            fail(fname, "$.rounding." + k, v, "an integer 0…6")
    c.rp = rnd.get("points", 2)
    c.ri = rnd.get("index", 2)
    c.evidence_policy = data.get("evidencePolicy", "required")
    if c.evidence_policy not in ("required", "none"):
        fail(fname, "$.evidencePolicy", c.evidence_policy, "required or none")
    c.scale = num(data, "scale", "$", default=Fraction(100), positive=True, frac4=True)

    # classification
    bands = data["classification"]
    if not isinstance(bands, list) or not bands:
        fail(fname, "$.classification", bands, "a non-empty list of bands")
    c.bands = []
    for i, b in enumerate(bands):
        p = "$.classification[%d]" % i
        keys(b, p, ["label", "minIndex"], ["label", "minIndex"])
        if not isinstance(b["label"], str) or not b["label"].strip():
            fail(fname, p + ".label", b["label"], "a label")
        m = num(b, "minIndex", p, lo=0)
        if c.bands and m >= c.bands[-1][1]:
            fail(fname, p + ".minIndex", m, "strictly below the previous band")
        c.bands.append((clean(b["label"]), m))
    if c.bands[-1][1] != 0:
        fail(fname, "$.classification", c.bands[-1][1], "the last band at minIndex 0")

    # adjustments
    c.adjustments = None
    if "adjustments" in data:
        a = data["adjustments"]
        keys(a, "$.adjustments", ["bonusCap", "penaltyCap"])
        c.adjustments = (num(a, "bonusCap", "$.adjustments", lo=0),
                         num(a, "penaltyCap", "$.adjustments", lo=0))

    # survey
    c.survey_scale = {}
    c.survey_groups = {}
    c.min_responses = None
    if "survey" in data:
        s = data["survey"]
        keys(s, "$.survey", ["scale", "groups", "minResponses"], ["scale", "groups"])
        if not isinstance(s["scale"], dict) or not s["scale"]:
            fail(fname, "$.survey.scale", s["scale"], "an object answer -> percentage")
        for k, v in s["scale"].items():
            if not is_num(v) or not 0 <= v <= 100:
                fail(fname, "$.survey.scale." + k, v, "a percentage 0…100")
            c.survey_scale[clean(k)] = Fraction(v)
        if not isinstance(s["groups"], dict):
            fail(fname, "$.survey.groups", s["groups"], "an object")
        for g, gv in s["groups"].items():
            p = "$.survey.groups." + g
            keys(gv, p, ["title", "questions"], ["questions"])
            qs = gv["questions"]
            if not isinstance(qs, list) or not qs or not all(isinstance(q, str) for q in qs):
                fail(fname, p + ".questions", qs, "a non-empty list of question codes")
            c.survey_groups[clean(g)] = set(clean(q) for q in qs)
        if "minResponses" in s:
            v = s["minResponses"]
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                fail(fname, "$.survey.minResponses", v, "a whole number >= 1")
            c.min_responses = v

    # tree
    c.leaves = []
    c.tops = []
    codes = set()

    def node(obj, p, top):
        keys(obj, p, ["code", "title", "maxPoints", "children", "rule", "evidence",
                      "notApplicable", "source"], ["code", "title", "maxPoints"])
        code = obj["code"]
        if not isinstance(code, str) or not code.strip():
            fail(fname, p + ".code", code, "a code")
        code = clean(code)
        if code in codes:
            fail(fname, p + ".code", code, "a unique code")
        codes.add(code)
        mx = num(obj, "maxPoints", p, lo=0, frac4=True)
        top = top or code
        if ("children" in obj) == ("rule" in obj):
            fail(fname, p, code, "either children or a rule")
        if "children" in obj:
            for k in ("evidence", "notApplicable"):
                if k in obj:
                    fail(fname, p + "." + k, obj[k], "only on a leaf")
            ch = obj["children"]
            if not isinstance(ch, list) or not ch:
                fail(fname, p + ".children", ch, "a non-empty list")
            total = sum((node(x, "%s.children[%d]" % (p, i), top) for i, x in enumerate(ch)),
                        Fraction(0))
            if total != mx:
                fail(fname, p + ".maxPoints", mx, "the sum of the children (%s)" % total)
            return mx
        leaf = Leaf()
        leaf.code, leaf.max, leaf.top, leaf.path = code, mx, top, p
        leaf.evidence = obj.get("evidence", "none")
        if leaf.evidence not in ("required", "none"):
            fail(fname, p + ".evidence", leaf.evidence, "required or none")
        leaf.na = obj.get("notApplicable", "forbidden")
        if leaf.na not in ("exclude", "full", "forbidden"):
            fail(fname, p + ".notApplicable", leaf.na, "exclude, full or forbidden")
        rule = obj["rule"]
        rp = p + ".rule"
        if not isinstance(rule, dict) or "type" not in rule:
            fail(fname, rp, rule, "a rule object with a type")
        t = rule["type"]
        leaf.type = t
        if t == "check":
            keys(rule, rp, ["type"])
        elif t == "choice":
            keys(rule, rp, ["type", "options"], ["options"])
            opts = rule["options"]
            if not isinstance(opts, list) or not opts:
                fail(fname, rp + ".options", opts, "a non-empty list")
            leaf.options = {}
            for i, o in enumerate(opts):
                op = "%s.options[%d]" % (rp, i)
                keys(o, op, ["key", "label", "points"], ["key", "points"])
                if not isinstance(o["key"], str) or not clean(o["key"]):
                    fail(fname, op + ".key", o["key"], "a key")
                k = clean(o["key"])
                if k in leaf.options:
                    fail(fname, op + ".key", k, "a unique key")
                leaf.options[k] = num(o, "points", op, lo=0, hi=mx, frac4=True)
        elif t == "tiers":
            keys(rule, rp, ["type", "tiers"], ["tiers"])
            ts = rule["tiers"]
            if not isinstance(ts, list) or not ts:
                fail(fname, rp + ".tiers", ts, "a non-empty list")
            leaf.tiers = []
            for i, tr in enumerate(ts):
                tp = "%s.tiers[%d]" % (rp, i)
                keys(tr, tp, ["atLeast", "above", "points"], ["points"])
                if ("atLeast" in tr) == ("above" in tr):
                    fail(fname, tp, tr, "exactly one of atLeast or above")
                strict = "above" in tr
                th = num(tr, "above" if strict else "atLeast", tp, lo=0)
                leaf.tiers.append((th, strict, num(tr, "points", tp, lo=0, hi=mx, frac4=True)))
            # highest threshold first; at an equal threshold the strict bound first
            leaf.tiers.sort(key=lambda x: (-x[0], 0 if x[1] else 1))
        elif t == "proportional":
            keys(rule, rp, ["type", "target", "zeroBelow"], ["target"])
            leaf.target = num(rule, "target", rp, hi=100, positive=True)
            leaf.zero_below = num(rule, "zeroBelow", rp, lo=0, hi=leaf.target)
        elif t == "deadline":
            keys(rule, rp, ["type", "due", "latePoints", "lateUntil"], ["due"])
            leaf.due = date(rule, "due", rp)
            leaf.late_points = num(rule, "latePoints", rp, lo=0, hi=mx, frac4=True,
                                   default=Fraction(0))
            leaf.late_until = date(rule, "lateUntil", rp) if "lateUntil" in rule else None
            if leaf.late_until is not None and leaf.late_until < leaf.due:
                fail(fname, rp + ".lateUntil", rule["lateUntil"], "on or after due")
        elif t == "deduction":
            keys(rule, rp, ["type", "perItem", "floor"], ["perItem"])
            leaf.per_item = num(rule, "perItem", rp, positive=True, frac4=True)
            leaf.floor = num(rule, "floor", rp, lo=0, hi=mx, frac4=True, default=Fraction(0))
        elif t == "survey":
            keys(rule, rp, ["type", "group"], ["group"])
            g = rule["group"]
            if not isinstance(g, str) or clean(g) not in c.survey_groups:
                fail(fname, rp + ".group", g, "a group of $.survey.groups")
            leaf.group = clean(g)
        elif t == "manual":
            keys(rule, rp, ["type", "step"])
            leaf.step = num(rule, "step", rp, positive=True, default=Fraction(1, 100))
        else:
            fail(fname, rp + ".type", t,
                 "check, choice, tiers, proportional, deadline, deduction, survey or manual")
        c.leaves.append(leaf)
        return mx

    items = data["items"]
    if not isinstance(items, list) or not items:
        fail(fname, "$.items", items, "a non-empty list")
    total = Fraction(0)
    for i, it in enumerate(items):
        total += node(it, "$.items[%d]" % i, None)
        c.tops.append(c.leaves[-1].top)
    if total != c.scale:
        fail(fname, "$.items", total, "top-level maxima adding up to the scale %s" % c.scale)
    c.leaf_by_code = {l.code: l for l in c.leaves}
    return c


# --------------------------------------------------------------------------
# Leaf scoring


class Outcome:
    def __init__(self, status, points, source, excluded=False, claimed=None, detail=""):
        self.status = status        # scored | not_applicable | missing | no_evidence
        self.points = points        # Fraction, already rounded
        self.source = source        # appraisal | self | survey | -
        self.excluded = excluded    # max removed from the unit's max
        self.claimed = claimed
        self.flags = []
        self.detail = detail


def not_applicable(leaf, row, field, value, source):
    if leaf.na == "forbidden":
        fail(where(row), field, value, "leaf %s may not be not applicable" % leaf.code)
    if leaf.na == "exclude":
        return Outcome("not_applicable", Fraction(0), source, excluded=True, detail="N/A exclude")
    return Outcome("not_applicable", leaf.max, source, detail="N/A full")


NA = object()


def parse_percentage(leaf, row, value, cap100):
    """-> Fraction percentage, or NA for a ratio x/0."""
    s = value.strip()
    if "/" in s:
        a, _, b = s.partition("/")
        x, y = parse_number(a), parse_number(b)
        if x is None or y is None:
            fail(where(row), "value", value, "a percentage (85, 85%, 85,5 or 17/20)")
        if y == 0:
            return NA
        if x > y:
            fail(where(row), "value", value, "a ratio of at most 1")
        return x / y * 100
    if s.endswith("%"):
        s = s[:-1].rstrip()
    p = parse_number(s)
    if p is None:
        fail(where(row), "value", value, "a percentage (85, 85%, 85,5 or 17/20)")
    if cap100 and p > 100:
        fail(where(row), "value", value, "a percentage of at most 100")
    return p


def compute(crit, leaf, row, value, source):
    """Rule on a value (not an N/A word). -> Outcome."""
    rp = crit.rp
    t = leaf.type

    def out(points, detail):
        return Outcome("scored", round_half_away(points, rp), source, detail=detail)

    bad = lambda expected: fail(where(row), "value", value, expected)
    if t == "check":
        yn = yes_no(value)
        if yn is None:
            bad("yes or no (có, không, x, 1, 0, yes, no, đạt, không đạt)")
        return out(leaf.max if yn else Fraction(0), "yes" if yn else "no")
    if t == "choice":
        k = clean(value)
        if k not in leaf.options:
            bad("one of the options " + ", ".join(leaf.options))
        return out(leaf.options[k], "option " + k)
    if t in ("tiers", "proportional", "survey"):
        p = parse_percentage(leaf, row, value, cap100=(t != "tiers"))
        if p is NA:
            if leaf.na == "forbidden":
                bad("a non-zero denominator (leaf %s may not be not applicable)" % leaf.code)
            return not_applicable(leaf, row, "value", value, source)
        if t == "tiers":
            for th, strict, pts in leaf.tiers:
                if (p > th) if strict else (p >= th):
                    return out(pts, "v=%s meets %s %s" % (exact(p), "above" if strict else "atLeast", exact(th)))
            return out(Fraction(0), "v=%s meets no tier" % exact(p))
        if t == "proportional":
            if p >= leaf.target:
                return out(leaf.max, "p=%s >= target" % exact(p))
            if leaf.zero_below is not None and p < leaf.zero_below:
                return out(Fraction(0), "p=%s < zeroBelow" % exact(p))
            return out(leaf.max * p / leaf.target, "p=%s: max*p/target" % exact(p))
        return out(leaf.max * p / 100, "p=%s" % exact(p))
    if t == "deadline":
        if yes_no(value) is False:
            return out(Fraction(0), "not done")
        d = parse_date(value)
        if d is None:
            bad("a date dd/mm/yyyy or yyyy-mm-dd, or a no word")
        if d <= leaf.due:
            return out(leaf.max, "on time")
        if leaf.late_until is not None and d > leaf.late_until:
            return out(Fraction(0), "after lateUntil")
        return out(leaf.late_points, "late")
    if t == "deduction":
        n = parse_number(value)
        if n is None or n.denominator != 1:
            bad("a whole count >= 0")
        return out(max(leaf.max - n * leaf.per_item, leaf.floor), "n=%s" % n)
    if t == "manual":
        p = parse_number(value)
        if p is None:
            bad("points (a number)")
        r = round_half_away(p, rp)
        check_producible(crit, leaf, row, "value", value, r)
        return Outcome("scored", r, source, detail="manual")
    raise AssertionError(t)


def check_producible(crit, leaf, row, field, text, r):
    rp = crit.rp
    R = lambda x: round_half_away(x, rp)
    t = leaf.type
    ok = Fraction(0) <= r <= leaf.max
    if ok and t == "check":
        ok = r in (Fraction(0), R(leaf.max))
    elif ok and t == "choice":
        ok = r in set(R(v) for v in leaf.options.values())
    elif ok and t == "tiers":
        ok = r == 0 or r in set(R(v[2]) for v in leaf.tiers)
    elif ok and t == "deadline":
        ok = r in (R(leaf.max), R(leaf.late_points), Fraction(0))
    elif ok and t == "deduction":
        cands = {R(leaf.floor)}
        n = 0
        while leaf.max - n * leaf.per_item >= leaf.floor:
            cands.add(R(leaf.max - n * leaf.per_item))
            n += 1
        ok = r in cands
    elif ok and t == "manual":
        ok = (r / leaf.step).denominator == 1
    if not ok:
        fail(where(row), field, text, "points leaf %s (%s, max %s) can produce"
             % (leaf.code, t, fmt_fixed(leaf.max, rp)))


def evaluate_row(crit, leaf, row, source):
    """A winning-candidate row (self or appraisal) -> Outcome, before the evidence check."""
    value = row.get("value", "")
    ptext = row.get("points", "")
    if not value and not ptext:
        fail(where(row), "value", "", "a value or points for leaf %s" % leaf.code)
    claimed = None
    if ptext:
        claimed = parse_number(ptext)
        if claimed is None:
            fail(where(row), "points", ptext, "a number of points")
        if round_half_away(claimed, crit.rp) > leaf.max:
            fail(where(row), "points", ptext, "at most the maximum %s of leaf %s"
                 % (fmt_fixed(leaf.max, crit.rp), leaf.code))
    if value:
        if is_na(value):
            o = not_applicable(leaf, row, "value", value, source)
        else:
            o = compute(crit, leaf, row, value, source)
        o.claimed = claimed
        if claimed is not None and o.status == "scored" and \
                round_half_away(claimed, crit.rp) != o.points:
            o.flags.append("mismatch")
        return o
    r = round_half_away(claimed, crit.rp)
    check_producible(crit, leaf, row, "points", ptext, r)
    o = Outcome("scored", r, source, claimed=claimed, detail="points only")
    return o


# --------------------------------------------------------------------------
# Data folder


def load_data(crit, data_dir):
    if not os.path.isdir(data_dir):
        raise FileNotFoundError(data_dir)
    P = lambda n: os.path.join(data_dir, n)
    units_rows = read_table(P("units.csv"), ["unit_id", "name", "group"], [])
    if units_rows is None:
        raise FileNotFoundError(P("units.csv"))
    ass = read_table(P("assessment.csv"), ["unit_id", "code"],
                     ["value", "points", "evidence", "note"])
    if ass is None:
        raise FileNotFoundError(P("assessment.csv"))
    # Appraisal: one round (appraisal.csv) or rounds appraisal-1.csv, appraisal-2.csv, ...
    appraisal_columns = ["value", "points", "reason", "appraiser", "date"]
    single = read_table(P("appraisal.csv"), ["unit_id", "code"], appraisal_columns)
    round_tables = []
    while os.path.exists(P("appraisal-%d.csv" % (len(round_tables) + 1))):
        round_tables.append(read_table(P("appraisal-%d.csv" % (len(round_tables) + 1)), ["unit_id", "code"],
                                       appraisal_columns))
    if single is not None and round_tables:
        fail(P("appraisal.csv"), "file", "", "appraisal.csv or appraisal-1.csv, appraisal-2.csv, ..., not both")
    if single is not None:
        round_tables = [single]
    evid = read_table(P("evidence.csv"), ["evidence_id", "unit_id"],
                      ["title", "doc_number", "date", "issuer", "location"]) or []
    surv = read_table(P("survey.csv"), ["unit_id", "respondent_id", "question", "answer"],
                      ["weight"]) or []
    adj = read_table(P("adjustments.csv"), ["unit_id", "kind", "points"], ["reason"]) or []

    units, groups = {}, []
    order = []
    for r in units_rows:
        uid = r["unit_id"]
        if not uid:
            fail(where(r), "unit_id", "", "a unit id")
        if uid in units:
            fail(where(r), "unit_id", uid, "a unit listed once")
        if not r["group"]:
            fail(where(r), "group", "", "a group")
        units[uid] = {"id": uid, "name": r["name"], "group": r["group"]}
        order.append(uid)
        if r["group"] not in groups:
            groups.append(r["group"])
    if not units:
        fail("units.csv:1", "units", "", "at least one unit")

    def keyed(rows, what):
        d = {}
        for r in rows:
            u, code = r["unit_id"], r["code"]
            if u not in units:
                fail(where(r), "unit_id", u, "a unit of units.csv")
            if code not in crit.leaf_by_code:
                fail(where(r), "code", code, "a leaf code of the criteria set")
            if (u, code) in d:
                fail(where(r), "code", code, "one %s row per unit and leaf (also at line %d)"
                     % (what, d[(u, code)]["_line"]))
            d[(u, code)] = r
        return d

    selfs = keyed(ass, "assessment")
    rounds = [keyed(table, "appraisal") for table in round_tables]
    apprs = {}
    for keyed_round in rounds:  # the latest round with a row wins
        apprs.update(keyed_round)

    evidence = set()
    for r in evid:
        if r["unit_id"] not in units:
            fail(where(r), "unit_id", r["unit_id"], "a unit of units.csv")
        if not r["evidence_id"]:
            fail(where(r), "evidence_id", "", "an evidence id")
        k = (r["unit_id"], r["evidence_id"])
        if k in evidence:
            fail(where(r), "evidence_id", r["evidence_id"], "an id listed once per unit")
        evidence.add(k)

    # survey: per unit, group -> [sum weight*scale, sum weight]; respondents
    all_q = set()
    for qs in crit.survey_groups.values():
        all_q |= qs
    survey = {}
    respondents = {}
    seen = set()
    for r in surv:
        u = r["unit_id"]
        if u not in units:
            fail(where(r), "unit_id", u, "a unit of units.csv")
        if not crit.survey_groups:
            fail(where(r), "question", r["question"], "no survey rows: the set has no survey")
        if not r["respondent_id"]:
            fail(where(r), "respondent_id", "", "a respondent id")
        q = r["question"]
        if q not in all_q:
            fail(where(r), "question", q, "a question of a survey group")
        k = (u, r["respondent_id"], q)
        if k in seen:
            fail(where(r), "question", q, "one answer per unit, respondent and question")
        seen.add(k)
        a = r["answer"]
        if a not in crit.survey_scale:
            fail(where(r), "answer", a, "an answer of the scale: " + ", ".join(crit.survey_scale))
        w = Fraction(1)
        if r.get("weight", ""):
            w = parse_number(r["weight"])
            if w is None or w <= 0:
                fail(where(r), "weight", r["weight"], "a weight > 0")
        respondents.setdefault(u, set()).add(r["respondent_id"])
        for g, qs in crit.survey_groups.items():
            if q in qs:
                acc = survey.setdefault((u, g), [Fraction(0), Fraction(0)])
                acc[0] += w * crit.survey_scale[a]
                acc[1] += w

    adjust = {}
    for r in adj:
        u = r["unit_id"]
        if crit.adjustments is None:
            fail(where(r), "kind", r["kind"], "no adjustments: the set has no adjustments block")
        if u not in units:
            fail(where(r), "unit_id", u, "a unit of units.csv")
        kind = r["kind"].lower()
        if kind not in ("bonus", "penalty"):
            fail(where(r), "kind", r["kind"], "bonus or penalty")
        p = parse_number(r["points"])
        if p is None:
            fail(where(r), "points", r["points"], "a number of points >= 0")
        acc = adjust.setdefault(u, [Fraction(0), Fraction(0)])
        acc[0 if kind == "bonus" else 1] += p

    return {"units": units, "order": order, "groups": groups, "selfs": selfs,
            "apprs": apprs, "rounds": rounds, "evidence": evidence, "survey": survey,
            "respondents": respondents, "adjust": adjust}


def split_evidence(text):
    return [x.strip() for x in text.replace("|", ";").split(";") if x.strip()]


def score_unit(crit, data, uid):
    leaves = []
    for leaf in crit.leaves:
        srow = data["selfs"].get((uid, leaf.code))
        arow = data["apprs"].get((uid, leaf.code))
        if leaf.type == "survey" and srow is not None:
            fail(where(srow), "code", leaf.code, "no self-assessment row: survey leaves are not self-scored")
        so = ao = None
        if srow is not None:
            so = evaluate_row(crit, leaf, srow, "self")
        if arow is not None:
            # Each round's row needs a reason when it changes what stood before it.
            standing = so
            for keyed_round in data["rounds"]:
                row = keyed_round.get((uid, leaf.code))
                if row is None:
                    continue
                ro = evaluate_row(crit, leaf, row, "appraisal")
                if standing is not None and not row.get("reason", ""):
                    if standing.points != ro.points or standing.excluded != ro.excluded:
                        fail(where(row), "reason", "", "a reason: the appraisal changes the "
                             "points of leaf %s (%s -> %s)"
                             % (leaf.code, fmt_fixed(standing.points, crit.rp), fmt_fixed(ro.points, crit.rp)))
                standing = ro
            ao = evaluate_row(crit, leaf, arow, "appraisal")
        if ao is not None:
            o = ao
        elif so is not None:
            o = so
            if (crit.evidence_policy == "required" and leaf.evidence == "required"
                    and o.status != "not_applicable"):
                ids = split_evidence(srow.get("evidence", ""))
                unknown = [i for i in ids if (uid, i) not in data["evidence"]]
                if not ids or unknown:
                    o = Outcome("no_evidence", Fraction(0), "self", claimed=so.claimed,
                                detail=("no evidence id" if not ids else
                                        "unknown evidence " + ";".join(unknown))
                                + " (rule gave %s)" % fmt_fixed(so.points, crit.rp))
                    o.flags = list(so.flags)
        elif leaf.type == "survey" and (uid, leaf.group) in data["survey"]:
            s, w = data["survey"][(uid, leaf.group)]
            v = s / w
            o = Outcome("scored", round_half_away(leaf.max * v / 100, crit.rp), "survey",
                        detail="survey value %s%%" % exact(v))
            if crit.min_responses is not None and \
                    len(data["respondents"].get(uid, ())) < crit.min_responses:
                o.flags.append("few_responses")
        else:
            o = Outcome("missing", Fraction(0), "-")
        leaves.append((leaf, o))

    mx = sum((l.max for l, o in leaves if not o.excluded), Fraction(0))
    if mx == 0:
        fail("units.csv", "unit_id", uid, "a unit with at least one applicable leaf")
    fields = {t: Fraction(0) for t in crit.tops}
    for l, o in leaves:
        fields[l.top] += o.points
    leaf_sum = sum(fields.values(), Fraction(0))
    bonus, penalty = data["adjust"].get(uid, [Fraction(0), Fraction(0)])
    if crit.adjustments is not None:
        bcap, pcap = crit.adjustments
        if bcap is not None:
            bonus = min(bonus, bcap)
        if pcap is not None:
            penalty = min(penalty, pcap)
    total = leaf_sum + bonus - penalty
    total = max(Fraction(0), min(total, mx))
    index = total / mx * 100
    shown = round_half_away(index, crit.ri)
    cls = next(label for label, m in crit.bands if m <= shown)
    return {"id": uid, "leaves": leaves, "max": mx, "fields": fields, "leaf_sum": leaf_sum,
            "bonus": bonus, "penalty": penalty, "total": total, "index": index,
            "shown": shown, "class": cls}


# --------------------------------------------------------------------------
# Output


def csv_field(s, sep):
    s = nfc(s)
    if sep in s or '"' in s or "\n" in s or "\r" in s:
        return '"' + s.replace('"', '""') + '"'
    return s


def ranking_csv(crit, data, results, excel):
    sep, dm = (";", ",") if excel else (",", ".")
    P = lambda x: fmt_fixed(x, crit.rp, dm)
    lines = [["group", "rank", "unit_id", "name"] + list(crit.tops) +
             ["total", "max", "index", "class"]]
    for g in data["groups"]:
        us = [results[u] for u in data["order"] if data["units"][u]["group"] == g]
        for r in us:
            r["rank"] = 1 + sum(1 for o in us if o["index"] > r["index"])
        us.sort(key=lambda r: (r["rank"], r["id"]))
        for r in us:
            u = data["units"][r["id"]]
            lines.append([g, str(r["rank"]), r["id"], u["name"]] +
                         [P(r["fields"][t]) for t in crit.tops] +
                         [P(r["total"]), P(r["max"]), fmt_fixed(r["index"], crit.ri, dm),
                          r["class"]])
    text = "".join(sep.join(csv_field(f, sep) for f in row) + "\n" for row in lines)
    return ("\ufeff" + text) if excel else text


def exact(x):
    """Exact decimal text of a Fraction when it terminates, else n/d."""
    d, twos, fives = x.denominator, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    if d != 1:
        return "%s/%s" % (x.numerator, x.denominator)
    return fmt_fixed(x, max(twos, fives))


def explain(crit, data, res, out):
    u = data["units"][res["id"]]
    P = lambda x: fmt_fixed(x, crit.rp)
    w = lambda s: out.write(s + "\n")
    w("unit %s  %s  (group %s)" % (u["id"], u["name"], u["group"]))
    w("%-12s %-15s %-10s %15s %9s  %s" % ("code", "status", "source", "points/max", "claimed",
                                          "flags / detail"))
    for leaf, o in res["leaves"]:
        mx = "excl" if o.excluded else P(leaf.max)
        cl = P(o.claimed) if o.claimed is not None else "-"
        w("%-12s %-15s %-10s %15s %9s  %s%s" % (leaf.code, o.status, o.source,
                                                 "%s/%s" % (P(o.points), mx), cl,
                                                 ",".join(o.flags) + " " if o.flags else "",
                                                 ("[%s] %s" % (leaf.type, o.detail)).rstrip()))
    for t in crit.tops:
        w("field %-6s %s" % (t, P(res["fields"][t])))
    w("leaf sum %s + bonus %s - penalty %s -> total %s (exact %s) / max %s"
      % (P(res["leaf_sum"]), exact(res["bonus"]), exact(res["penalty"]), P(res["total"]),
         exact(res["total"]),
         P(res["max"])))
    w("index %s %% (exact %s), class %s"
      % (fmt_fixed(res["index"], crit.ri), exact(res["index"]), res["class"]))


def main(argv):
    args = argv[1:]
    excel = False
    explain_id = None
    pos = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--excel":
            excel = True
        elif a == "--explain":
            if i + 1 >= len(args):
                sys.stderr.write("usage: --explain needs a UNIT_ID\n")
                return 64
            explain_id = clean(args[i + 1])
            i += 1
        elif a in ("-h", "--help"):
            sys.stdout.write(__doc__)
            return 0
        elif a.startswith("-"):
            sys.stderr.write("usage: unknown option %s\n" % a)
            return 64
        else:
            pos.append(a)
        i += 1
    if len(pos) != 2:
        sys.stderr.write("usage: par_reference.py CRITERIA.json DATA_DIR [--excel] "
                         "[--explain UNIT_ID]\n")
        return 64
    try:
        if not os.path.isfile(pos[0]):
            raise FileNotFoundError(pos[0])
        crit = load_criteria(pos[0])
        data = load_data(crit, pos[1])
        if explain_id is not None and explain_id not in data["units"]:
            sys.stderr.write("usage: --explain %s: no such unit\n" % explain_id)
            return 64
        results = {u: score_unit(crit, data, u) for u in data["order"]}
        text = ranking_csv(crit, data, results, excel)
    except InputError as e:
        sys.stderr.write(str(e) + "\n")
        return 65
    except FileNotFoundError as e:
        sys.stderr.write("%s: not found\n" % (e.args[0] if e.args else e))
        return 66
    if explain_id is not None:
        explain(crit, data, results[explain_id], sys.stderr)
    out = sys.stdout.buffer
    out.write(text.encode("utf-8"))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
