#!/usr/bin/env python3
"""Deterministic generator of realistic synthetic PARIndex years, at any size.

    python3 Benchmarks/generate.py OUT_DIR --units N --leaves L --respondents R \
        --questions Q --seed S [--groups G]

Writes into OUT_DIR:

  criteria.json    a valid `parindex-criteria/1` set: 7 assessed fields and one survey
                   field (8 fields; 8 assessed fields when Q = 0) adding up to exactly 100
                   points. Every maximum is built in integer hundredths, so every parent is
                   exactly the sum of its children. L is the total number of leaves:
                   S = max(1, (Q + 2) // 5) of them are survey leaves (one survey group per
                   ~5 questions, one survey leaf per group); the other L - S leaves use every
                   other rule type (check, choice, tiers, proportional, deadline, deduction,
                   manual), each at least once.
  units.csv        N units in G groups (default 3: xã, phường, đặc khu, in roughly the
                   2025 national proportions 2621 : 687 : 13, each group non-empty).
  assessment.csv   one row per unit per non-survey leaf, except ~2 % missing rows; values
                   valid for their rule (dates, yes/no words, option keys, percentages in
                   several spellings, ratios, counts, manual points); N/A words (and 0/0
                   ratios) only on leaves whose notApplicable is exclude or full; ~4 %
                   points-only rows whose points the rule can produce; evidence ids (a few
                   rows cite none or an unknown id: valid data that scores 0 under the
                   evidence policy).
  evidence.csv     the documents each unit cites (ids are per unit).
  appraisal.csv    ~3 % of (unit, leaf) pairs re-scored by the council, with reasons; a few
                   exact confirmations without a reason; a few survey percentages.
  survey.csv       N x R x Q rows (every respondent answers every question), answers in the
                   set's 1..5 scale, weight empty except for ~2 % of respondents.
  adjustments.csv  a few bonus and penalty rows with reasons.

Everything is decided by random.Random streams seeded from S, so the same arguments give
the same bytes. Python 3 standard library only. Every value follows docs/DECISIONS.md, so
`parindex rank OUT_DIR/criteria.json OUT_DIR` succeeds.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
import unicodedata

# ----------------------------------------------------------------------------- helpers


class Num:
    """A JSON number written exactly as given (a decimal literal)."""

    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


def dec(h):
    """Integer hundredths -> shortest decimal literal: 150 -> '1.5', 100 -> '1', 7 -> '0.07'."""
    whole, frac = divmod(h, 100)
    if frac == 0:
        return str(whole)
    return ("%d.%02d" % (whole, frac)).rstrip("0")


def num(h):
    return Num(dec(h))


def to_json(value, indent=0):
    pad = "  " * indent
    if isinstance(value, Num):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        if not value:
            return "[]"
        if all(not isinstance(v, (dict, list)) for v in value):
            return "[" + ", ".join(to_json(v) for v in value) + "]"
        inner = ",\n".join(pad + "  " + to_json(v, indent + 1) for v in value)
        return "[\n" + inner + "\n" + pad + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        # Small flat objects (rules, options, tiers, bands) on one line.
        if all(not isinstance(v, (dict, list)) for v in value.values()) and len(value) <= 4:
            return "{ " + ", ".join(json.dumps(k, ensure_ascii=False) + ": " + to_json(v) for k, v in value.items()) + " }"
        inner = ",\n".join(
            pad + "  " + json.dumps(k, ensure_ascii=False) + ": " + to_json(v, indent + 1) for k, v in value.items()
        )
        return "{\n" + inner + "\n" + pad + "}"
    raise TypeError(type(value))


def q(text):
    """A CSV field (separator ','), quoted only when it must be (RFC 4180)."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def nfc(text):
    return unicodedata.normalize("NFC", text)


def round_div(num_, den):
    """num / den rounded half away from zero, for num >= 0, den > 0 (integers)."""
    return (2 * num_ + den) // (2 * den)


def split(total, mins, rng, quanta):
    """Splits integer `total` into len(mins) parts, part i >= mins[i], each part a multiple
    of the largest quantum in `quanta` that divides total and leaves room for the minima."""
    k = len(mins)
    chosen = None
    for quantum in quanta + (1,):
        if total % quantum:
            continue
        units = total // quantum
        base = [-(-m // quantum) for m in mins]
        if sum(base) <= units:
            chosen = quantum
            break
    if chosen is None:
        raise SystemExit("cannot split %d hundredths over %d parts with minima %d" % (total, k, sum(mins)))
    rest = units - sum(base)
    weights = [rng.uniform(0.5, 2.0) for _ in range(k)]
    wsum = sum(weights)
    shares = [rest * w / wsum for w in weights]
    extra = [int(s) for s in shares]
    left = rest - sum(extra)
    order = sorted(range(k), key=lambda i: (shares[i] - extra[i], -i), reverse=True)
    for i in order[:left]:
        extra[i] += 1
    return [(b + e) * chosen for b, e in zip(base, extra)]


# ----------------------------------------------------------------------------- vocabulary

FIELD_TITLES = [
    "Công tác chỉ đạo, điều hành cải cách hành chính",
    "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
    "Cải cách hành chính tổng hợp",
]
SURVEY_FIELD_TITLE = "Tác động của cải cách hành chính đến người dân, tổ chức (điều tra xã hội học)"

TOPICS = [
    "kế hoạch cải cách hành chính năm", "báo cáo cải cách hành chính định kỳ", "kiểm tra công tác CCHC",
    "tuyên truyền cải cách hành chính", "rà soát văn bản quy phạm pháp luật", "kiểm soát thủ tục hành chính",
    "công khai thủ tục hành chính", "tiếp nhận hồ sơ tại Bộ phận Một cửa", "giải quyết hồ sơ đúng hạn",
    "số hóa kết quả giải quyết TTHC", "tiếp nhận phản ánh, kiến nghị", "vị trí việc làm của công chức",
    "kỷ luật, kỷ cương hành chính", "đào tạo, bồi dưỡng công chức", "tự chủ tài chính của đơn vị sự nghiệp",
    "thực hiện dự toán ngân sách", "công khai ngân sách", "dịch vụ công trực tuyến toàn trình",
    "thanh toán trực tuyến", "chữ ký số trong văn bản điện tử", "hệ thống quản lý văn bản và điều hành",
    "an toàn thông tin mạng", "sáng kiến cải cách hành chính", "kết luận thanh tra, kiểm tra",
]
TITLE_BY_RULE = {
    "check": "Ban hành văn bản về {t}",
    "choice": "Mức độ hoàn thành nhiệm vụ về {t}",
    "tiers": "Tỷ lệ thực hiện {t}",
    "tiers-count": "Số mô hình, giải pháp mới về {t}",
    "proportional": "Tỷ lệ đạt chỉ tiêu về {t}",
    "deadline": "Thực hiện đúng thời hạn: {t}",
    "deduction": "Số trường hợp vi phạm quy định về {t} (trừ điểm mỗi trường hợp)",
    "manual": "Hội đồng đánh giá chất lượng {t}",
}
CHOICE_SETS = [
    [("hoan_thanh", "Hoàn thành 100% nhiệm vụ"), ("dat_tu_80", "Hoàn thành từ 80% đến dưới 100%"),
     ("hoan_thanh_mot_phan", "Hoàn thành từ 50% đến dưới 80%"), ("khong_hoan_thanh", "Hoàn thành dưới 50%")],
    [("tot", "Tốt"), ("kha", "Khá"), ("dat", "Đạt"), ("chua_dat", "Chưa đạt")],
    [("day_du", "Đầy đủ, đúng quy định"), ("chua_day_du", "Chưa đầy đủ"), ("khong_thuc_hien", "Không thực hiện")],
]
YES_WORDS = ["có", "có", "có", "x", "đạt", "1", "Có", "yes"]
NO_WORDS = ["không", "không", "0", "không đạt", "Không", "no"]
NA_WORDS = ["N/A", "N/A", "KPS", "không phát sinh", "Không phát sinh", "n/a"]
DEADLINES = [  # (due, lateUntil or None)
    ((2025, 1, 31), (2025, 3, 31)), ((2025, 1, 15), (2025, 2, 28)), ((2025, 6, 20), (2025, 7, 15)),
    ((2025, 12, 15), None), ((2025, 3, 31), (2025, 4, 30)), ((2025, 9, 30), None),
]
PERCENT_TIERS = [
    [(False, 98, 100), (False, 95, 67), (False, 90, 33)],
    [(False, 100, 100), (False, 95, 50)],
    [(False, 90, 100), (False, 80, 75), (False, 70, 50), (True, 50, 25)],
    [(True, 95, 100), (False, 95, 60), (False, 85, 30)],
]
COUNT_TIERS = [[(False, 3, 100), (False, 2, 70), (False, 1, 40)], [(False, 2, 100), (False, 1, 50)]]
SYLLABLES = (
    "An Bình Cát Dương Đông Gia Hà Hải Hòa Hưng Khánh Kiến Lạc Lâm Long Minh Mỹ Nam Ngọc Nhân Phú Phúc "
    "Quang Sơn Tân Thạch Thanh Thành Thiện Thịnh Thuận Tiên Trung Trường Tuy Vĩnh Xuân Yên Lão Lợi Định "
    "Bảo Hậu Hiệp Lộc Điền Phong Tây Bắc Đức Hội Lương Mai Quý Tiến Vạn Hợp Nghĩa Cẩm Châu"
).split()
GROUPS = [("xã", "Xã", 2621), ("phường", "Phường", 687), ("đặc khu", "Đặc khu", 13), ("thị trấn", "Thị trấn", 40)]
DOC_KINDS = [("KH", "Kế hoạch"), ("BC", "Báo cáo"), ("QD", "Quyết định"), ("TB", "Thông báo"), ("CV", "Công văn")]
APPRAISAL_REASONS = [
    "Tài liệu kiểm chứng không đúng thời gian quy định",
    "Theo số liệu Hệ thống thông tin giải quyết TTHC của tỉnh",
    "Đơn vị đã giải trình, bổ sung tài liệu; Hội đồng chấp nhận",
    "Hội đồng thẩm định đánh giá lại theo hồ sơ lưu",
    "Tài liệu kiểm chứng chưa thể hiện đầy đủ nội dung, kết quả thực hiện",
    'Số liệu không khớp với báo cáo "Kết quả CCHC năm 2025" của đơn vị',
]
SURVEY_REASONS = ["Kết quả điều tra xã hội học do Viện nghiên cứu công bố", "Theo kết quả khảo sát SIPAS cấp tỉnh"]
BONUS_REASONS = [
    "Sáng kiến cải cách hành chính được UBND tỉnh công nhận", "Đạt giải cuộc thi tìm hiểu CCHC cấp tỉnh",
    "Mô hình 'Một cửa không giấy' được Bộ Nội vụ biểu dương", "Được tặng Bằng khen về thành tích CCHC năm 2025",
]
PENALTY_REASONS = [
    "Để xảy ra sai phạm trong giải quyết TTHC bị thanh tra kết luận", "Hồ sơ trễ hạn bị phản ánh trên báo chí",
    "Chậm báo cáo theo yêu cầu của UBND tỉnh",
]
NOTES = ["Đã cập nhật số liệu đến 15/12/2025", "Số liệu từ Hệ thống một cửa điện tử", "Xem thêm phụ lục kèm theo, mục 2"]


# ----------------------------------------------------------------------------- criteria


class Leaf:
    __slots__ = ("code", "max", "type", "p", "evidence", "na", "field", "dates", "title")

    def __init__(self, code, max_h, type_, field):
        self.code, self.max, self.type, self.field = code, max_h, type_, field
        self.p = {}
        self.evidence = False
        self.na = "forbidden"
        self.dates = None


def build_rule(leaf, rng):
    """Fills leaf.p (hundredths) and returns the rule object for the JSON."""
    m = leaf.max
    t = leaf.type
    if t == "check":
        return {"type": "check"}
    if t == "choice":
        options = rng.choice(CHOICE_SETS)
        n = len(options)
        pts = [m * (n - 1 - i) // (n - 1) for i in range(n)]  # max ... 0, in hundredths
        leaf.p["keys"] = [k for k, _ in options]
        leaf.p["points"] = pts
        return {"type": "choice", "options": [{"key": k, "label": lab, "points": num(p)} for (k, lab), p in zip(options, pts)]}
    if t == "tiers":
        counting = rng.random() < 0.2
        shape = rng.choice(COUNT_TIERS if counting else PERCENT_TIERS)
        tiers = []
        for strict, bound, share in shape:
            tiers.append((strict, bound * 100, m * share // 100))  # bound in hundredths
        leaf.p["tiers"] = tiers
        leaf.p["counting"] = counting
        return {"type": "tiers", "tiers": [
            {("above" if s else "atLeast"): num(b), "points": num(p)} for s, b, p in tiers]}
    if t == "proportional":
        target = rng.choice([50, 60, 80, 90, 100])
        zero_below = rng.choice([None, None, target // 2, target // 3])
        leaf.p["target"] = target * 100
        leaf.p["zeroBelow"] = None if zero_below is None else zero_below * 100
        rule = {"type": "proportional", "target": target}
        if zero_below is not None:
            rule["zeroBelow"] = zero_below
        return rule
    if t == "deadline":
        due_t, until_t = rng.choice(DEADLINES)
        if rng.random() < 0.3:
            until_t = None
        due = datetime.date(*due_t)
        until = datetime.date(*until_t) if until_t else None
        late = m // 2 if rng.random() < 0.8 else 0
        leaf.p["late"] = late
        # Precomputed date spellings: on time, late, too late.
        def spell(d):
            return [d.isoformat(), "%02d/%02d/%d" % (d.day, d.month, d.year)]
        on_time = [s for k in range(0, 40) for s in spell(due - datetime.timedelta(days=k))]
        late_end = until if until else due + datetime.timedelta(days=60)
        span = (late_end - due).days
        late_dates = [s for k in range(1, span + 1) for s in spell(due + datetime.timedelta(days=k))]
        too_late = [s for k in range(1, 40) for s in spell(until + datetime.timedelta(days=k))] if until else []
        leaf.dates = (on_time, late_dates, too_late)
        rule = {"type": "deadline", "due": due.isoformat()}
        if late or rng.random() < 0.5:
            rule["latePoints"] = num(late)
        if until:
            rule["lateUntil"] = until.isoformat()
        return rule
    if t == "deduction":
        per = 50 if m >= 200 and rng.random() < 0.4 else (25 if m >= 25 else 1)
        floor = 0 if rng.random() < 0.8 or m < 4 else (m // 4)
        leaf.p["per"], leaf.p["floor"] = per, floor
        rule = {"type": "deduction", "perItem": num(per)}
        if floor or rng.random() < 0.5:
            rule["floor"] = num(floor)
        return rule
    if t == "manual":
        if m >= 50 and rng.random() < 0.3:
            step = 50
        elif m >= 25 and rng.random() < 0.7:
            step = 25
        else:
            step = 1
        leaf.p["step"] = step
        rule = {"type": "manual"}
        if step != 1 or rng.random() < 0.5:
            rule["step"] = num(step)
        return rule
    raise AssertionError(t)


def build_criteria(args, rng):
    n_questions = args.questions
    questions = ["S%d" % (i + 1) for i in range(n_questions)]
    n_sgroups = max(1, (n_questions + 2) // 5) if n_questions else 0
    n_sgroups = min(n_sgroups, n_questions)
    survey_groups = []  # (key, title, questions)
    for g in range(n_sgroups):
        qs = questions[g * n_questions // n_sgroups:(g + 1) * n_questions // n_sgroups]
        key = ["sipas", "canbo"][g] if g < 2 else "nhom%d" % (g + 1)
        title = ["Mức độ hài lòng của người dân, tổ chức", "Đánh giá của cán bộ, công chức"][g] if g < 2 else \
            "Nhóm câu hỏi khảo sát %d" % (g + 1)
        survey_groups.append((key, title, qs))
    n_survey = n_sgroups
    n_assessed = args.leaves - n_survey
    if n_assessed < 7:
        raise SystemExit("--leaves must be at least 7 + the %d survey leaves (one per survey group)" % n_survey)
    n_fields = 7 if n_survey else 8
    if n_assessed < n_fields:
        n_fields = n_assessed

    # Leaves per field (each >= 1), then criteria sizes inside each field.
    per_field = split(n_assessed, [1] * n_fields, rng, (1,))
    # Rule types: each once, then weighted draws, shuffled.
    types = ["check", "choice", "tiers", "proportional", "deadline", "deduction", "manual"]
    weights = [22, 14, 20, 14, 12, 9, 9]
    kinds = types + rng.choices(types, weights=weights, k=n_assessed - len(types))
    rng.shuffle(kinds)

    survey_total = 2000 if n_survey else 0
    assessed_total = 10000 - survey_total
    leaf_min = 25 if assessed_total >= 25 * 2 * n_assessed else (5 if assessed_total >= 5 * 2 * n_assessed else 1)

    leaves = []
    items = []
    field_layout = []  # per field: list of criterion sizes
    for f in range(n_fields):
        sizes = []
        left = per_field[f]
        while left:
            s = min(left, rng.choice([1, 2, 2, 3, 3, 3, 4, 5]))
            sizes.append(s)
            left -= s
        field_layout.append(sizes)
    field_max = split(assessed_total, [leaf_min * per_field[f] for f in range(n_fields)], rng, (100, 50))

    kind_iter = iter(kinds)
    for f in range(n_fields):
        fcode = str(f + 1)
        sizes = field_layout[f]
        crit_max = split(field_max[f], [leaf_min * s for s in sizes], rng, (50, 25, 5))
        children = []
        for c, (size, cmax) in enumerate(zip(sizes, crit_max)):
            ccode = "%s.%d" % (fcode, c + 1)
            if size == 1:
                codes_max = [(ccode, cmax)]
            else:
                lmax = split(cmax, [leaf_min] * size, rng, (50, 25, 5))
                codes_max = [("%s.%d" % (ccode, i + 1), lm) for i, lm in enumerate(lmax)]
            nodes = []
            for code, lm in codes_max:
                leaf = Leaf(code, lm, next(kind_iter), fcode)
                rule = build_rule(leaf, rng)
                topic = rng.choice(TOPICS)
                key = "tiers-count" if leaf.type == "tiers" and leaf.p["counting"] else leaf.type
                node = {"code": code, "title": TITLE_BY_RULE[key].format(t=topic), "maxPoints": num(lm), "rule": rule}
                r = rng.random()
                if leaf.type in ("choice", "manual") and r < 0.5:
                    leaf.evidence = True
                elif leaf.type not in ("choice", "manual") and r < 0.75:
                    leaf.evidence = True
                if leaf.evidence:
                    node["evidence"] = "required"
                elif rng.random() < 0.3:
                    node["evidence"] = "none"
                r = rng.random()
                if leaf.type in ("tiers", "proportional", "deduction", "check") and r < 0.25:
                    leaf.na = "exclude"
                elif r < 0.06:
                    leaf.na = "full"
                if leaf.na != "forbidden" or rng.random() < 0.1:
                    node["notApplicable"] = leaf.na
                leaves.append(leaf)
                nodes.append(node)
            if size == 1:
                children.append(nodes[0])
            else:
                children.append({"code": ccode, "title": "Tiêu chí %s: %s" % (ccode, rng.choice(TOPICS)),
                                 "maxPoints": num(cmax), "children": nodes})
        items.append({"code": fcode, "title": FIELD_TITLES[f % len(FIELD_TITLES)], "maxPoints": num(field_max[f]),
                      "children": children})
    # A unit must keep at least one applicable leaf: make sure one leaf forbids N/A.
    if all(l.na != "forbidden" for l in leaves):
        leaves[0].na = "forbidden"
        for item in items:
            for child in item["children"]:
                for node in ([child] if "rule" in child else child["children"]):
                    if node["code"] == leaves[0].code:
                        node["notApplicable"] = "forbidden"

    survey_leaves = []
    if n_survey:
        fcode = str(n_fields + 1)
        smax = split(survey_total, [1] * n_survey, rng, (100, 50, 25))
        children = []
        for g, (key, title, qs) in enumerate(survey_groups):
            leaf = Leaf("%s.%d" % (fcode, g + 1), smax[g], "survey", fcode)
            leaf.p["group"] = key
            survey_leaves.append(leaf)
            children.append({"code": leaf.code, "title": "%s (%s)" % (title, ", ".join(qs)),
                             "maxPoints": num(smax[g]), "rule": {"type": "survey", "group": key}})
        items.append({"code": fcode, "title": SURVEY_FIELD_TITLE, "maxPoints": num(survey_total), "children": children})

    criteria = {
        "format": "parindex-criteria/1",
        "id": "synthetic-%d" % args.seed,
        "title": "Bộ chỉ số CCHC tổng hợp (dữ liệu mô phỏng để đo hiệu năng)",
        "level": "commune",
        "year": 2025,
        "status": "modelled",
        "source": "Synthetic: generated by Benchmarks/generate.py (seed %d, %d leaves, %d questions) for benchmarks; "
                  "shaped like the commune sets (7 appraised fields and a survey field on 100 points)."
                  % (args.seed, args.leaves, args.questions),
        "rounding": {"points": 2, "index": 2},
        "evidencePolicy": "required",
        "classification": [
            {"label": "Xuất sắc", "minIndex": 90}, {"label": "Tốt", "minIndex": 80},
            {"label": "Khá", "minIndex": 70}, {"label": "Trung bình", "minIndex": 50},
            {"label": "Yếu", "minIndex": 0},
        ],
        "adjustments": {"bonusCap": 2, "penaltyCap": 3},
    }
    if n_survey:
        criteria["survey"] = {
            "scale": {"1": 0, "2": 25, "3": 50, "4": 75, "5": 100},
            "groups": {key: {"title": title, "questions": qs} for key, title, qs in survey_groups},
            "minResponses": 20,
        }
    criteria["items"] = items
    return criteria, leaves, survey_leaves, questions


# ----------------------------------------------------------------------------- values


def pct_text(tenths, rng):
    """A percentage in tenths (0..1000+) spelled as a unit would: 96.5%, 96,5, 96.5 %, 97."""
    whole, frac = divmod(tenths, 10)
    r = rng.random()
    sep = "," if r < 0.15 else "."
    body = str(whole) if frac == 0 else "%d%s%d" % (whole, sep, frac)
    r = rng.random()
    if r < 0.45:
        return body + "%"
    if r < 0.5:
        return body + " %"
    return body


def draw_value(leaf, u, rng):
    """A value for `leaf` from a unit of quality u in [0, 1): (text, points in hundredths)."""
    m = leaf.max
    t = leaf.type
    if t == "check":
        if rng.random() < 0.45 + 0.5 * u:
            return rng.choice(YES_WORDS), m
        return rng.choice(NO_WORDS), 0
    if t == "choice":
        keys, pts = leaf.p["keys"], leaf.p["points"]
        i = min(len(keys) - 1, int(rng.random() * (1.15 - u) * len(keys)))
        return keys[i], pts[i]
    if t == "tiers":
        if leaf.p["counting"]:
            c = min(6, int(rng.random() * (1 + 4 * u)))
            h = c * 100
            met = next((p for s, b, p in leaf.p["tiers"] if (h > b if s else h >= b)), 0)
            return str(c), met
        tenths = max(0, 1000 - int(rng.expovariate(1.0) * (20 + 200 * (1 - u))))
        if rng.random() < 0.15:
            den = rng.randint(20, 800)
            n = den * tenths // 1000
            # percent*100 = 10000 n / den; compare with thresholds in hundredths exactly
            met = next((p for s, b, p in leaf.p["tiers"] if (10000 * n > b * den if s else 10000 * n >= b * den)), 0)
            return "%d/%d" % (n, den), met
        h10 = tenths * 10
        met = next((p for s, b, p in leaf.p["tiers"] if (h10 > b if s else h10 >= b)), 0)
        return pct_text(tenths, rng), met
    if t == "proportional":
        target, zb = leaf.p["target"], leaf.p["zeroBelow"]
        tenths = max(0, min(1000, int(target / 10 * (0.35 + 0.8 * u + rng.uniform(-0.25, 0.25)))))
        if rng.random() < 0.15:
            den = rng.randint(20, 800)
            n = den * tenths // 1000
            num_, den_ = 10000 * n, den  # percent in hundredths = num_/den_
            text = "%d/%d" % (n, den)
        else:
            num_, den_ = tenths * 10, 1
            text = pct_text(tenths, rng)
        if num_ >= target * den_:
            return text, m
        if zb is not None and num_ < zb * den_:
            return text, 0
        return text, round_div(m * num_, den_ * target)
    if t == "deadline":
        on_time, late_dates, too_late = leaf.dates
        r = rng.random()
        if r < 0.55 + 0.4 * u:
            return rng.choice(on_time), m
        r = rng.random()
        if r < 0.7:
            return rng.choice(late_dates), leaf.p["late"]
        if r < 0.85 and too_late:
            return rng.choice(too_late), 0
        return rng.choice(NO_WORDS[:2]), 0
    if t == "deduction":
        n = 0 if rng.random() < 0.45 + 0.5 * u else rng.randint(1, 6)
        per, floor = leaf.p["per"], leaf.p["floor"]
        left = m - n * per
        return str(n), (floor if left < floor else left)
    if t == "manual":
        step = leaf.p["step"]
        kmax = m // step
        k = max(0, min(kmax, int(round(kmax * (0.5 + 0.5 * u + rng.uniform(-0.2, 0.1))))))
        return dec(k * step), k * step
    raise AssertionError(t)


def points_text(h, rng):
    text = dec(h)
    if "." in text and rng.random() < 0.1:
        return '"' + text.replace(".", ",") + '"'
    return text


# ----------------------------------------------------------------------------- the year


def unit_table(args, rng):
    g = args.groups
    groups = []
    for i in range(g):
        if i < len(GROUPS):
            groups.append(GROUPS[i])
        else:
            groups.append(("khối %d" % (i + 1), "Đơn vị", 30))
    weights = [w for _, _, w in groups]
    assigned = list(range(min(g, args.units))) + rng.choices(range(g), weights=weights, k=max(0, args.units - g))
    # Keep the first unit a xã (groups appear in units.csv order), shuffle the rest.
    head, tail = assigned[:1], assigned[1:]
    rng.shuffle(tail)
    assigned = head + tail
    width = max(5, len(str(args.units)))
    used = set()
    units = []
    for i, gi in enumerate(assigned):
        label, prefix, _ = groups[gi]
        base = "%s %s %s" % (prefix, rng.choice(SYLLABLES), rng.choice(SYLLABLES))
        name, k = base, 1
        while name in used:
            k += 1
            name = "%s %d" % (base, k)
        used.add(name)
        quality = min(0.999, max(0.0, rng.betavariate(4, 2)))
        units.append(("U%0*d" % (width, i + 1), nfc(name), nfc(label), quality))
    return units


def doc_ids(uid, n_docs):
    return ["%s-%s%02d" % (uid, DOC_KINDS[i % len(DOC_KINDS)][0], i + 1) for i in range(n_docs)]


def write_year(args):
    out = args.out_dir
    os.makedirs(out, exist_ok=True)
    seed = args.seed
    rng_criteria = random.Random(seed * 7 + 1)
    rng_units = random.Random(seed * 7 + 2)
    rng_assess = random.Random(seed * 7 + 3)
    rng_evidence = random.Random(seed * 7 + 4)
    rng_survey = random.Random(seed * 7 + 5)
    rng_adjust = random.Random(seed * 7 + 6)
    timings = {}
    counts = {}
    buf = 1 << 20

    t0 = time.perf_counter()
    criteria, leaves, survey_leaves, questions = build_criteria(args, rng_criteria)
    with open(os.path.join(out, "criteria.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(to_json(criteria) + "\n")
    units = unit_table(args, rng_units)
    with open(os.path.join(out, "units.csv"), "w", encoding="utf-8", newline="", buffering=buf) as f:
        f.write("unit_id,name,group\n")
        f.write("".join("%s,%s,%s\n" % (uid, q(name), q(group)) for uid, name, group, _ in units))
    counts["units.csv"] = len(units)
    timings["criteria+units"] = time.perf_counter() - t0

    n_docs = max(3, min(40, len(leaves) // 3))

    # ---- assessment.csv and appraisal.csv (appraisal rows are decided next to the self rows)
    t0 = time.perf_counter()
    rng = rng_assess
    rand = rng.random
    appraisal_rows = []
    n_rows = 0
    with open(os.path.join(out, "assessment.csv"), "w", encoding="utf-8", newline="", buffering=buf) as f:
        f.write("unit_id,code,value,points,evidence,note\n")
        for uid, _, _, u in units:
            docs = doc_ids(uid, n_docs)
            lines = []
            for leaf in leaves:
                r = rand()
                if r < 0.02:  # missing row: the unit did not self-assess this leaf
                    if rand() < 0.3:
                        value, pts = draw_value(leaf, u, rng)
                        appraisal_rows.append("%s,%s,%s,%s,%s\n" % (uid, leaf.code, q(value), dec(pts),
                                                                      q(rng.choice(APPRAISAL_REASONS))))
                    continue
                na = leaf.na != "forbidden" and rand() < 0.1
                if na:
                    if leaf.type in ("tiers", "proportional") and not leaf.p.get("counting") and rand() < 0.3:
                        value = "0/0"
                    else:
                        value = rng.choice(NA_WORDS)
                    ptext = ""
                    pts = None
                    value_text = q(value)
                else:
                    value, pts = draw_value(leaf, u, rng)
                    r = rand()
                    if r < 0.04:  # points only: points the rule can produce
                        value_text, ptext = "", points_text(pts, rng)
                    elif r < 0.10:  # value only
                        value_text, ptext = q(value), ""
                    elif r < 0.11 and pts != leaf.max:  # claims more than the value gives: a mismatch flag
                        value_text, ptext = q(value), dec(leaf.max)
                    else:
                        value_text, ptext = q(value), points_text(pts, rng)
                if leaf.evidence or rand() < 0.2:
                    r = rand()
                    if r < 0.03:
                        ev = ""
                    elif r < 0.04:
                        ev = uid + "-XX99"  # not in evidence.csv: scores 0 under the policy
                    elif r < 0.7:
                        ev = docs[int(rand() * n_docs)]
                    else:
                        ev = docs[int(rand() * n_docs)] + (";" if r < 0.9 else "|") + docs[int(rand() * n_docs)]
                else:
                    ev = ""
                note = q(rng.choice(NOTES)) if rand() < 0.03 else ""
                lines.append("%s,%s,%s,%s,%s,%s\n" % (uid, leaf.code, value_text, ptext, ev, note))
                # Appraisal of this self row.
                if rand() < 0.03:
                    r = rand()
                    if r < 0.25:  # exact confirmation of the self row, no reason needed
                        appraisal_rows.append("%s,%s,%s,%s,\n" % (uid, leaf.code, value_text, ptext))
                    elif r < 0.35 and leaf.na != "forbidden":
                        appraisal_rows.append("%s,%s,%s,,%s\n" % (uid, leaf.code, q(rng.choice(NA_WORDS)),
                                                                   q(rng.choice(APPRAISAL_REASONS))))
                    else:
                        value2, pts2 = draw_value(leaf, max(0.0, u - 0.3), rng)
                        ptext2 = dec(pts2) if rand() < 0.7 else ""
                        appraisal_rows.append("%s,%s,%s,%s,%s\n" % (uid, leaf.code, q(value2), ptext2,
                                                                     q(rng.choice(APPRAISAL_REASONS))))
            for leaf in survey_leaves:  # a published survey percentage, now and then
                if rand() < 0.005:
                    tenths = rng.randint(550, 990)
                    appraisal_rows.append("%s,%s,%s,,%s\n" % (uid, leaf.code, q(pct_text(tenths, rng)),
                                                               q(rng.choice(SURVEY_REASONS))))
            n_rows += len(lines)
            f.write("".join(lines))
    counts["assessment.csv"] = n_rows
    with open(os.path.join(out, "appraisal.csv"), "w", encoding="utf-8", newline="", buffering=buf) as f:
        f.write("unit_id,code,value,points,reason\n")
        f.write("".join(appraisal_rows))
    counts["appraisal.csv"] = len(appraisal_rows)
    timings["assessment+appraisal"] = time.perf_counter() - t0

    # ---- evidence.csv
    t0 = time.perf_counter()
    rng = rng_evidence
    topics = TOPICS
    n_ev = 0
    with open(os.path.join(out, "evidence.csv"), "w", encoding="utf-8", newline="", buffering=buf) as f:
        f.write("evidence_id,unit_id,title,doc_number,date,issuer,location\n")
        for uid, name, _, _ in units:
            issuer = q("UBND " + name)
            lines = []
            for i, did in enumerate(doc_ids(uid, n_docs)):
                code, kind = DOC_KINDS[i % len(DOC_KINDS)]
                day = rng.randint(1, 28)
                month = rng.randint(1, 12)
                number = rng.randint(1, 350)
                kind_vn = {"KH": "KH", "BC": "BC", "QD": "QĐ", "TB": "TB", "CV": "CV"}[code]
                location = ("https://%s.gov.vn/van-ban/%d-%s" % (uid.lower(), number, code)) if rng.random() < 0.6 \
                    else "Hồ sơ lưu tại Văn phòng HĐND và UBND"
                lines.append("%s,%s,%s,%d/%s-UBND,%02d/%02d/2025,%s,%s\n" % (
                    did, uid, q("%s về %s năm 2025" % (kind, rng.choice(topics))), number, kind_vn, day, month,
                    issuer, location))
            n_ev += len(lines)
            f.write("".join(lines))
    counts["evidence.csv"] = n_ev
    timings["evidence"] = time.perf_counter() - t0

    # ---- survey.csv: N x R x Q rows, the bulk of the bytes
    t0 = time.perf_counter()
    rng = rng_survey
    n_survey_rows = 0
    survey_path = os.path.join(out, "survey.csv")
    if not questions:  # a set without a survey block must not come with survey answers
        if os.path.exists(survey_path):
            os.remove(survey_path)
    with (open(survey_path, "w", encoding="utf-8", newline="", buffering=buf) if questions else open(os.devnull, "w")) as f:
        f.write("unit_id,respondent_id,question,answer,weight\n")
        if questions and args.respondents:
            R, Q = args.respondents, len(questions)
            rwidth = max(3, len(str(R)))
            resp = ["ND%0*d," % (rwidth, r + 1) for r in range(R)]
            qcols = [qq + "," for qq in questions]
            answer_lines = ["1,\n", "2,\n", "3,\n", "4,\n", "5,\n"]
            # Answer distributions by unit quality (21 bins), as cumulative weights.
            cums = []
            for b in range(21):
                mu = 1.6 + 3.2 * b / 20
                ws = [2.718281828 ** (-((a - mu) ** 2) / 1.4) for a in range(1, 6)]
                acc, cum = 0.0, []
                for w in ws:
                    acc += w
                    cum.append(acc)
                cums.append(cum)
            weight_texts = ["0.5", "1.5", "2", "0.8", "1.25", '"0,75"']
            k = R * Q
            choices = rng.choices
            add = str.__add__
            for uid, _, _, u in units:
                prefix = uid + ","
                pq = [prefix + rr + qc for rr in resp for qc in qcols]
                answers = choices(answer_lines, cum_weights=cums[int(u * 20.999)], k=k)
                if rng.random() < 0.5:  # a few weighted respondents in half of the units
                    for r in rng.sample(range(R), max(1, R // 50)):
                        w = rng.choice(weight_texts)
                        for i in range(r * Q, r * Q + Q):
                            answers[i] = answers[i][:-1] + w + "\n"
                f.write("".join(map(add, pq, answers)))
                n_survey_rows += k
    counts["survey.csv"] = n_survey_rows
    timings["survey"] = time.perf_counter() - t0

    # ---- adjustments.csv
    t0 = time.perf_counter()
    rng = rng_adjust
    rows = []
    for uid, _, _, _ in units:
        r = rng.random()
        if r < 0.06:
            for _ in range(rng.choice([1, 1, 2])):
                rows.append("%s,bonus,%s,%s\n" % (uid, rng.choice(["0.5", "1", "0.25", "1.5", "2", '"0,5"']),
                                                  q(rng.choice(BONUS_REASONS))))
        elif r < 0.09:
            rows.append("%s,penalty,%s,%s\n" % (uid, rng.choice(["0.5", "1", "0.25", "2"]), q(rng.choice(PENALTY_REASONS))))
    with open(os.path.join(out, "adjustments.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("unit_id,kind,points,reason\n")
        f.write("".join(rows))
    counts["adjustments.csv"] = len(rows)
    timings["adjustments"] = time.perf_counter() - t0
    return counts, timings, len(leaves), len(survey_leaves)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Generate a synthetic PARIndex year (criteria set + data folder).")
    parser.add_argument("out_dir", metavar="OUT_DIR")
    parser.add_argument("--units", type=int, required=True, help="number of units (N)")
    parser.add_argument("--leaves", type=int, required=True, help="total leaves of the criteria set, survey leaves included (L)")
    parser.add_argument("--respondents", type=int, required=True, help="survey respondents per unit (R)")
    parser.add_argument("--questions", type=int, required=True, help="survey questions (Q); one survey group per ~5")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--groups", type=int, default=3, help="ranking groups (default 3: xã, phường, đặc khu)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if args.units < 1 or args.groups < 1 or args.respondents < 0 or args.questions < 0 or args.seed < 0:
        parser.error("--units and --groups must be >= 1; --respondents, --questions and --seed >= 0")
    if args.leaves > 8000:
        parser.error("--leaves must be at most 8000 (each leaf needs at least 0.01 points of 80)")
    start = time.perf_counter()
    counts, timings, n_assessed, n_survey = write_year(args)
    total = time.perf_counter() - start
    if not args.quiet:
        size = sum(os.path.getsize(os.path.join(args.out_dir, n)) for n in os.listdir(args.out_dir))
        print("%s: %d assessed + %d survey leaves; %s; %.1f MB in %.1f s (%s)" % (
            args.out_dir, n_assessed, n_survey, ", ".join("%s %d rows" % kv for kv in counts.items()),
            size / 1e6, total, ", ".join("%s %.1f s" % kv for kv in timings.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
