#!/usr/bin/env python3
"""A pandas peer of `parindex rank … --format csv`, for benchmark ratios.

    python3 Benchmarks/peer/peer.py CRITERIA.json DATA_DIR [-o OUT.csv] [--json]

It computes the same ranking CSV (docs/FORMATS.md §3) from the same folder, the way a competent
analyst would script it with pandas, so that a Swift/peer time ratio means something:

* read CSVs: `pandas.read_csv` (C parser) for every file; survey.csv with categorical
  columns; the criteria set with `json` (numbers as `Decimal`).
* aggregate survey: answers -> percentages through the set's scale, weights (empty = 1),
  per unit and survey group Σ(weight × percent) and Σ weight as **int64** fixed point
  (weights in millionths, percents in ten-thousandths), vectorised (categorical codes,
  numpy `take`, pandas `groupby().sum()`); survey-leaf points = max × mean / 100 rounded
  half away from zero, computed exactly with Python integers on the (unit, group) table.
* score: every non-survey rule is evaluated **vectorised per rule type** (numpy/pandas
  masks over all rows of that type; `tiers` loops over the leaves of that type, each leaf's
  rows vectorised). Values and points are parsed with pandas string methods into int64
  fixed point (millionths); percentages are exact integer ratios (num/den, reduced with
  `np.gcd`); rounding is integer, half away from zero. Where a product could overflow int64
  the arrays are switched to Python integers (object dtype), so the arithmetic stays exact.
  Appraisal rows override self rows; the evidence policy (required ids present in
  evidence.csv for the unit) is applied to self rows, vectorised (explode + merge); N/A
  words and 0/0 ratios follow the leaf's notApplicable (exclude / full); bonus and penalty
  are capped; total is clamped to [0, max].
* rank: rounded index (integer arithmetic), class bands, and ranks inside each group by the
  **exact** index: a `fractions.Fraction` sort key per unit (Python-level, one per unit),
  shared ranks "1, 2, 2, 4", ties listed by unit_id.
* write CSV: the ranking CSV, fixed decimals, minimal RFC 4180 quoting.

What it does NOT do (so the comparison flatters the peer, if anything):

* No validation and no error reporting per line: it assumes the folder is valid (as the
  generator's folders are). It does not check unknown units/codes/questions, duplicate rows,
  duplicate survey answers, weights out of range, number syntax (it accepts anything its
  parser happens to read), values outside a rule's domain, points a rule cannot produce,
  forbidden N/A, self rows on survey leaves, appraisal reasons, adjustment rows without caps,
  or a unit whose maximum is 0. Bad input gives an exception or a wrong number, not
  `FILE:LINE: …` lines and exit 65.
* No `minResponses` / `few_responses` flags, no `mismatch` flags (claimed points next to a
  value are ignored, as in the engine's totals), no appraisal-change bookkeeping, no per-node
  scores below the fields, no JSON/text/HTML outputs, no `--excel`.
* Text is not NFC-normalised and CSV separators are not sniffed: it reads UTF-8 `,` files
  without BOM, as the generator writes them (the engine also takes `;`, BOM, CRLF, NFD).
* It keeps only what the ranking needs in memory; the engine keeps every row's origin for
  explanations and error messages.

`--json` prints {"phases": {...seconds...}, "total": s, "rows": {...}} on stdout and then
writes the CSV to `-o` (or discards it); without `--json` the CSV goes to `-o` or stdout.
"""

import argparse
import csv
import io
import json
import os
import sys
import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

MICRO = 1_000_000
YES = {"có", "x", "1", "yes", "đạt"}
NO = {"không", "0", "no", "không đạt"}
NA = {"n/a", "kps", "không phát sinh"}
INT64_SAFE = 2**62


# ----------------------------------------------------------------------------- criteria


def micro(d):
    return int(Decimal(d) * MICRO)


def load_criteria(path):
    with open(path, encoding="utf-8") as f:
        c = json.load(f, parse_float=Decimal, parse_int=Decimal)
    leaves = []  # dicts

    def walk(node, field):
        if "children" in node:
            for child in node["children"]:
                walk(child, field)
            return
        rule = node["rule"]
        leaf = {
            "code": node["code"], "field": field, "max": micro(node["maxPoints"]), "type": rule["type"],
            "evidence": node.get("evidence", "none") == "required", "na": node.get("notApplicable", "forbidden"),
            "rule": rule,
        }
        leaves.append(leaf)

    fields = []
    for item in c["items"]:
        fields.append(item["code"])
        walk(item, item["code"])
    rounding = c.get("rounding", {})
    survey = c.get("survey")
    return {
        "fields": fields,
        "leaves": leaves,
        "points_places": int(rounding.get("points", 2)),
        "index_places": int(rounding.get("index", 2)),
        "evidence_policy": c.get("evidencePolicy", "required"),
        "bands": [(b["label"], b["minIndex"]) for b in c["classification"]],
        "caps": c.get("adjustments"),
        "scale": {str(k).strip(): v for k, v in survey["scale"].items()} if survey else {},
        "groups": {k: g["questions"] for k, g in survey["groups"].items()} if survey else {},
    }


# ----------------------------------------------------------------------------- numbers


def read_csv(path, **kw):
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, **kw)


def parse_micro(s):
    """Decimal text ('1,5', '0.25', '3') -> int64 millionths; '' -> 0 (callers mask it)."""
    t = s.str.strip().str.replace(",", ".", regex=False)
    parts = t.str.partition(".")
    whole = parts[0].replace("", "0").astype("int64")
    frac = parts[2].str.slice(0, 6).str.pad(6, side="right", fillchar="0").astype("int64")
    return whole.to_numpy() * MICRO + frac.to_numpy()


def fits(*factors):
    """Whether the product of the factors' largest magnitudes fits in int64 (with margin)."""
    bound = 1
    for f in factors:
        if isinstance(f, np.ndarray):
            m = int(np.max(np.abs(f))) if len(f) else 0
        else:
            m = abs(int(f))
        bound *= max(m, 1)
    return bound < INT64_SAFE


def exact(arrays, *products):
    """`arrays` as int64 when every listed product fits, else as Python ints (object dtype)."""
    if all(fits(*p) for p in products):
        return [np.asarray(a, dtype=np.int64) for a in arrays]
    return [np.asarray(a, dtype=np.int64).astype(object) for a in arrays]


def round_div(num, den):
    """num / den rounded half away from zero (num >= 0, den > 0), element-wise."""
    return (2 * num + den) // (2 * den)


def percent_parts(v):
    """Percent text ('85', '85%', '85,5 %', '17/20') -> (num, den) int64 with percent = num/den."""
    is_ratio = v.str.contains("/", regex=False).to_numpy()
    num = np.zeros(len(v), dtype=np.int64)
    den = np.ones(len(v), dtype=np.int64)
    if (~is_ratio).any():
        plain = v[~is_ratio].str.replace("%", "", regex=False)
        num[~is_ratio] = parse_micro(plain)
        den[~is_ratio] = MICRO
    if is_ratio.any():
        parts = v[is_ratio].str.partition("/")
        a = parse_micro(parts[0])
        b = parse_micro(parts[2])
        num[is_ratio] = 100 * a
        den[is_ratio] = b
    g = np.gcd(num, den)
    g[g == 0] = 1
    return num // g, den // g


def yyyymmdd(v):
    iso = v.str.extract(r"^(\d{4})-(\d{2})-(\d{2})$")
    vn = v.str.extract(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
    y = iso[0].fillna(vn[2]).astype("int64")
    m = iso[1].fillna(vn[1]).astype("int64")
    d = iso[2].fillna(vn[0]).astype("int64")
    return (y * 10000 + m * 100 + d).to_numpy()


def date_int(text):
    y, m, d = (int(x) for x in str(text).split("-"))
    return y * 10000 + m * 100 + d


# ----------------------------------------------------------------------------- rules


def evaluate(rows, crit, leaf_table):
    """Adds columns `na` (bool) and `pts` (int64 millionths, rounded) to rows of
    assessment/appraisal (unit_id, code, value, points)."""
    unit = 10 ** (6 - crit["points_places"])
    n = len(rows)
    codes = rows["code"].str.strip()
    info = leaf_table.loc[codes.to_numpy()]
    ltype = info["type"].to_numpy()
    lmax = info["max"].to_numpy(dtype=np.int64)
    value = rows["value"].str.strip()
    folded = value.str.lower()
    has_value = (value != "").to_numpy()
    pts = np.zeros(n, dtype=np.int64)
    na = np.zeros(n, dtype=bool)

    # Points without a value: rounded to the set's places.
    given = ~has_value
    if given.any():
        p = parse_micro(rows["points"][given])
        pts[given] = round_div(p, unit) * unit

    na_word = folded.isin(NA).to_numpy() & has_value
    na |= na_word
    todo = has_value & ~na_word

    def rows_of(kind):
        return np.flatnonzero(todo & (ltype == kind))

    # check
    idx = rows_of("check")
    if len(idx):
        yes = folded.iloc[idx].isin(YES).to_numpy()
        pts[idx] = np.where(yes, lmax[idx], 0)
    # choice: merge (code, key) with the options table
    idx = rows_of("choice")
    if len(idx):
        opts = pd.DataFrame(
            [(l["code"], o["key"], round_div(micro(o["points"]), unit) * unit)
             for l in crit["leaves"] if l["type"] == "choice" for o in l["rule"]["options"]],
            columns=["code", "key", "p"])
        left = pd.DataFrame({"code": codes.iloc[idx].to_numpy(), "key": value.iloc[idx].to_numpy()})
        pts[idx] = left.merge(opts, on=["code", "key"], how="left")["p"].to_numpy(dtype=np.int64)
    # deduction
    idx = rows_of("deduction")
    if len(idx):
        count = value.iloc[idx].astype("int64").to_numpy()
        per = info["per"].to_numpy(dtype=np.int64)[idx]
        floor = info["floor"].to_numpy(dtype=np.int64)[idx]
        left = lmax[idx] - count * per
        p = np.where(left < floor, floor, left)
        pts[idx] = round_div(p, unit) * unit
    # manual: the value is the points
    idx = rows_of("manual")
    if len(idx):
        pts[idx] = round_div(parse_micro(value.iloc[idx]), unit) * unit
    # deadline
    idx = rows_of("deadline")
    if len(idx):
        v = value.iloc[idx]
        no = folded.iloc[idx].isin(NO).to_numpy()
        d = np.zeros(len(idx), dtype=np.int64)
        if (~no).any():
            d[~no] = yyyymmdd(v[~no])
        due = info["due"].to_numpy(dtype=np.int64)[idx]
        until = info["until"].to_numpy(dtype=np.int64)[idx]  # 0 = no lateUntil
        late = info["late"].to_numpy(dtype=np.int64)[idx]
        p = np.where(d <= due, lmax[idx], np.where((until > 0) & (d > until), 0, round_div(late, unit) * unit))
        pts[idx] = np.where(no, 0, p)
    # percentages: tiers, proportional, survey given by an appraisal
    for kind in ("tiers", "proportional", "survey"):
        idx = rows_of(kind)
        if not len(idx):
            continue
        num, den = percent_parts(value.iloc[idx])
        zero_den = den == 0
        na[idx[zero_den]] = True  # 0/0: not applicable (the data only uses it where allowed)
        ok = ~zero_den
        idx, num, den = idx[ok], num[ok], den[ok]
        if kind == "tiers":
            leaf_codes = codes.iloc[idx].to_numpy()
            for code in np.unique(leaf_codes):
                sel = leaf_codes == code
                n_, d_ = num[sel], den[sel]
                result = np.zeros(sel.sum(), dtype=np.int64)
                decided = np.zeros(sel.sum(), dtype=bool)
                tiers = leaf_table.at[code, "tiers"]
                top = max(b for _, b, _ in tiers)
                nn, dd = exact([n_, d_], (n_, MICRO), (d_, top))
                for strict, bound, p in tiers:
                    # percent = n/d >= bound/10^6  <=>  n * 10^6 >= bound * d   (exact integers)
                    lhs = nn * MICRO
                    rhs = dd * bound
                    met = (lhs > rhs) if strict else (lhs >= rhs)
                    met = np.asarray(met, dtype=bool) & ~decided
                    result[met] = round_div(p, unit) * unit
                    decided |= met
                pts[idx[sel]] = result
        else:
            m = lmax[idx]
            if kind == "proportional":
                target = info["target"].to_numpy(dtype=np.int64)[idx]
                zero_below = info["zeroBelow"].to_numpy(dtype=np.int64)[idx]  # -1 = none
                nn, dd, mm, tt, zz = exact([num, den, m, target, zero_below],
                                           (num, m, 2 * MICRO), (den, target, 2 * unit))
                at_target = nn * MICRO >= tt * dd
                below = (zz >= 0) & (nn * MICRO < zz * dd)
                # max × (num/den) / (target/10^6), rounded once to the points unit
                partial = round_div(mm * nn * MICRO, dd * tt * unit) * unit
                p = np.where(at_target, mm, np.where(below, 0, partial))
            else:
                nn, dd, mm = exact([num, den, m], (num, m, 2), (den, 200 * unit))
                # max × (num/den) / 100, rounded once
                p = round_div(mm * nn, dd * 100 * unit) * unit
            pts[idx] = np.asarray(p, dtype=np.int64)
    rows = rows.assign(code=codes.to_numpy(), na=na, pts=pts)
    return rows


def leaf_frame(crit):
    records = []
    for l in crit["leaves"]:
        r = l["rule"]
        rec = {"code": l["code"], "field": l["field"], "type": l["type"], "max": l["max"], "na": l["na"],
               "evidence": l["evidence"], "per": 0, "floor": 0, "due": 0, "until": 0, "late": 0,
               "target": 0, "zeroBelow": -1, "tiers": None, "group": None}
        if l["type"] == "deduction":
            rec["per"] = micro(r["perItem"])
            rec["floor"] = micro(r.get("floor", 0))
        elif l["type"] == "deadline":
            rec["due"] = date_int(r["due"])
            rec["until"] = date_int(r["lateUntil"]) if "lateUntil" in r else 0
            rec["late"] = micro(r.get("latePoints", 0))
        elif l["type"] == "proportional":
            rec["target"] = micro(r["target"])
            rec["zeroBelow"] = micro(r["zeroBelow"]) if "zeroBelow" in r else -1
        elif l["type"] == "tiers":
            rec["tiers"] = [("above" in t, micro(t.get("above", t.get("atLeast"))), micro(t["points"])) for t in r["tiers"]]
        elif l["type"] == "survey":
            rec["group"] = r["group"]
        records.append(rec)
    return pd.DataFrame(records).set_index("code", drop=False)


# ----------------------------------------------------------------------------- phases


def run(criteria_path, folder):
    t = {}
    clock = time.perf_counter
    start = clock()

    # ---- read CSVs
    t0 = clock()
    crit = load_criteria(criteria_path)
    units = read_csv(os.path.join(folder, "units.csv"))
    assessment = read_csv(os.path.join(folder, "assessment.csv"))

    def optional(name, **kw):
        path = os.path.join(folder, name)
        return read_csv(path, **kw) if os.path.exists(path) else None

    appraisal = optional("appraisal.csv")
    evidence = optional("evidence.csv", usecols=["evidence_id", "unit_id"])
    adjustments = optional("adjustments.csv")
    survey_path = os.path.join(folder, "survey.csv")
    survey = None
    if os.path.exists(survey_path):
        survey = pd.read_csv(survey_path, dtype="category", keep_default_na=False, na_filter=False)
    for frame in (assessment, appraisal):
        if frame is not None:
            for col in ("value", "points", "evidence"):
                if col not in frame.columns:
                    frame[col] = ""
    t["read_csv"] = clock() - t0
    rows = {"units": len(units), "assessment": len(assessment), "survey": 0 if survey is None else len(survey),
            "appraisal": 0 if appraisal is None else len(appraisal), "evidence": 0 if evidence is None else len(evidence)}

    leaf_table = leaf_frame(crit)
    unit_ids = units["unit_id"].str.strip().to_numpy()
    unit_pos = pd.Index(unit_ids)
    n_units = len(unit_ids)
    unit = 10 ** (6 - crit["points_places"])

    # ---- aggregate survey: per (unit, survey leaf) points, int64 tallies
    t0 = clock()
    survey_points = []  # (unit position array, leaf code, points array)
    if survey is not None and len(survey) and crit["groups"]:
        answers = survey["answer"].cat.categories
        p_lookup = np.array([int(Decimal(crit["scale"][str(a).strip()]) * 10_000) for a in answers], dtype=np.int64)
        p = p_lookup[survey["answer"].cat.codes.to_numpy()]
        if "weight" in survey.columns:
            cats = survey["weight"].cat.categories
            w_lookup = np.array([micro(str(c).strip().replace(",", ".")) if str(c).strip() else MICRO for c in cats],
                                dtype=np.int64)
            w = w_lookup[survey["weight"].cat.codes.to_numpy()]
        else:
            w = np.full(len(survey), MICRO, dtype=np.int64)
        unit_codes = survey["unit_id"].cat.codes.to_numpy()
        if int(w.max()) * int(p.max()) * int(np.bincount(unit_codes).max()) >= INT64_SAFE:
            raise SystemExit("peer: survey sums could overflow int64 (weights too large for this peer)")
        wp = w * p
        unit_cats = survey["unit_id"].cat.categories
        question_codes = survey["question"].cat.codes.to_numpy()
        question_cats = [str(c).strip() for c in survey["question"].cat.categories]
        cat_to_unit = unit_pos.get_indexer([str(c).strip() for c in unit_cats])
        for group, questions in crit["groups"].items():
            in_group = np.isin(question_codes, [i for i, qq in enumerate(question_cats) if qq in set(questions)])
            frame = pd.DataFrame({"u": unit_codes[in_group], "wp": wp[in_group], "w": w[in_group]})
            sums = frame.groupby("u", sort=False).sum()
            uu = cat_to_unit[sums.index.to_numpy()]
            swp = sums["wp"].to_numpy().astype(object)
            sw = sums["w"].to_numpy().astype(object)
            for code in leaf_table.index[leaf_table["group"] == group]:
                m = int(leaf_table.at[code, "max"])
                # points = max × (Σwp / Σw / 10⁴) / 100, exact, rounded once
                pts = np.array([round_div(m * a, b * 1_000_000 * unit) * unit for a, b in zip(swp, sw)], dtype=np.int64)
                survey_points.append((uu, code, pts))
    t["aggregate_survey"] = clock() - t0

    # ---- score
    t0 = clock()
    self_rows = evaluate(assessment, crit, leaf_table)
    self_rows["unit_id"] = self_rows["unit_id"].str.strip()
    # Evidence policy on self rows (not N/A) of leaves that require evidence.
    if crit["evidence_policy"] == "required":
        needs = leaf_table["evidence"].reindex(self_rows["code"]).to_numpy() & ~self_rows["na"].to_numpy()
        sub = self_rows.loc[needs, ["unit_id", "evidence"]]
        ids = sub["evidence"].str.split(r"[;|]", regex=True).explode().str.strip()
        ids = ids[ids != ""]
        cited = pd.DataFrame({"row": ids.index.to_numpy(), "unit_id": sub["unit_id"].reindex(ids.index).to_numpy(),
                              "evidence_id": ids.to_numpy()})
        known = evidence.assign(unit_id=evidence["unit_id"].str.strip(), evidence_id=evidence["evidence_id"].str.strip(),
                                ok=True) if evidence is not None else pd.DataFrame(columns=["unit_id", "evidence_id", "ok"])
        cited = cited.merge(known, on=["unit_id", "evidence_id"], how="left")
        cited["ok"] = cited["ok"].eq(True)
        per_row = cited.groupby("row")["ok"].all()
        good = pd.Series(False, index=sub.index)
        good[per_row.index] = per_row.to_numpy()
        bad_index = good.index[~good.to_numpy()]
        self_rows.loc[bad_index, "pts"] = 0
    decided = self_rows[["unit_id", "code", "na", "pts"]]
    if appraisal is not None and len(appraisal):
        app = evaluate(appraisal, crit, leaf_table)
        app["unit_id"] = app["unit_id"].str.strip()
        app = app[["unit_id", "code", "na", "pts"]]
        key_self = decided["unit_id"] + "\x00" + decided["code"]
        key_app = app["unit_id"] + "\x00" + app["code"]
        decided = pd.concat([decided[~key_self.isin(key_app)], app], ignore_index=True)
        app_keys = set(key_app)
    else:
        app_keys = set()
    parts = [decided]
    for uu, code, pts in survey_points:  # survey leaves not set by an appraisal row
        frame = pd.DataFrame({"unit_id": unit_ids[uu], "code": code, "na": False, "pts": pts})
        keys = frame["unit_id"] + "\x00" + code
        parts.append(frame[~keys.isin(app_keys)])
    decided = pd.concat(parts, ignore_index=True)
    info = leaf_table.loc[decided["code"].to_numpy()]
    lmax = info["max"].to_numpy(dtype=np.int64)
    policy = info["na"].to_numpy()
    na = decided["na"].to_numpy()
    contrib = np.where(na, np.where(policy == "full", lmax, 0), decided["pts"].to_numpy(dtype=np.int64))
    removed = np.where(na & (policy == "exclude"), lmax, 0)
    upos = unit_pos.get_indexer(decided["unit_id"].to_numpy())
    fields = crit["fields"]
    field_index = {f: i for i, f in enumerate(fields)}
    fpos = np.array([field_index[f] for f in info["field"].to_numpy()], dtype=np.int64)
    field_points = np.zeros((n_units, len(fields)), dtype=np.int64)
    np.add.at(field_points, (upos, fpos), contrib)
    max_all = int(leaf_table["max"].sum())
    removed_sum = pd.Series(removed).groupby(upos).sum()
    maximum = np.full(n_units, max_all, dtype=np.int64)
    maximum[removed_sum.index.to_numpy()] -= removed_sum.to_numpy()
    leaf_total = field_points.sum(axis=1)
    bonus = np.zeros(n_units, dtype=np.int64)
    penalty = np.zeros(n_units, dtype=np.int64)
    if adjustments is not None and len(adjustments) and crit["caps"]:
        adj_pts = parse_micro(adjustments["points"])
        kind = adjustments["kind"].str.strip().str.lower().to_numpy()
        apos = unit_pos.get_indexer(adjustments["unit_id"].str.strip().to_numpy())
        np.add.at(bonus, apos[kind == "bonus"], adj_pts[kind == "bonus"])
        np.add.at(penalty, apos[kind == "penalty"], adj_pts[kind == "penalty"])
        bonus = np.minimum(bonus, micro(crit["caps"]["bonusCap"]))
        penalty = np.minimum(penalty, micro(crit["caps"]["penaltyCap"]))
    total = np.clip(leaf_total + bonus - penalty, 0, maximum)
    t["score"] = clock() - t0

    # ---- rank
    t0 = clock()
    ip = crit["index_places"]
    index_units = round_div(total.astype(object) * 100 * 10**ip, maximum.astype(object))  # exact, Python ints
    bands = [(label, int(Decimal(m) * 10**ip)) for label, m in crit["bands"]]
    labels = []
    for value in index_units:
        labels.append(next(label for label, m in bands if m <= value))
    groups = units["group"].str.strip().to_numpy()
    group_order = list(dict.fromkeys(groups))
    exact = [Fraction(int(a), int(b)) for a, b in zip(total, maximum)]
    by_group = {g: [] for g in group_order}
    for i in range(n_units):
        by_group[groups[i]].append(i)
    ranked = []
    rank = np.zeros(n_units, dtype=np.int64)
    for g in group_order:
        members = sorted(by_group[g], key=lambda i: (-exact[i], unit_ids[i]))
        for pos, i in enumerate(members):
            if pos and exact[i] == exact[members[pos - 1]]:
                rank[i] = rank[members[pos - 1]]
            else:
                rank[i] = pos + 1
        ranked.extend(members)
    t["rank"] = clock() - t0

    # ---- write CSV
    t0 = clock()
    pp = crit["points_places"]

    def fmt(values, places, scale):
        div = 10**places
        out = []
        for v in values:
            v = int(v) // scale
            out.append("%d.%0*d" % (v // div, places, v % div) if places else str(v))
        return out

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["group", "rank", "unit_id", "name"] + fields + ["total", "max", "index", "class"])
    scale = unit
    fcols = [fmt(field_points[:, j], pp, scale) for j in range(len(fields))]
    tot_s, max_s = fmt(total, pp, scale), fmt(maximum, pp, scale)
    idx_s = fmt(index_units, ip, 1)
    names = units["name"].str.strip().to_numpy()
    for i in ranked:
        writer.writerow([groups[i], rank[i], unit_ids[i], names[i]] + [c[i] for c in fcols] +
                        [tot_s[i], max_s[i], idx_s[i], labels[i]])
    text = out.getvalue()
    t["write_csv_format"] = clock() - t0
    return text, t, rows, clock() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description="pandas peer of `parindex rank --format csv` (see the docstring)")
    parser.add_argument("criteria")
    parser.add_argument("folder")
    parser.add_argument("-o", "--output")
    parser.add_argument("--json", action="store_true", help="print phase timings as JSON on stdout")
    args = parser.parse_args(argv)
    text, phases, rows, elapsed = run(args.criteria, args.folder)
    t0 = time.perf_counter()
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    elif not args.json:
        sys.stdout.write(text)
    phases["write_csv"] = phases.pop("write_csv_format") + (time.perf_counter() - t0)
    if args.json:
        print(json.dumps({"phases": {k: round(v, 4) for k, v in phases.items()},
                          "total": round(elapsed + time.perf_counter() - t0, 4), "rows": rows,
                          "pandas": pd.__version__, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
