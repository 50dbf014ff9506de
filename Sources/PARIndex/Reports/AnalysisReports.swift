/// Text, CSV, JSON and HTML for the sensitivity study, the year-over-year comparison and
/// what-if outcomes.
public enum SensitivityReport {
  /// The columns of ``csv(_:)``, in order.
  public static let csvHeader = [
    "group", "unit_id", "name", "nominal_rank", "median_rank", "p05_rank", "p95_rank", "class_changed_share",
  ]

  /// What was varied and how, in one paragraph (printed with every output).
  public static func method(_ settings: Sensitivity.Settings) -> String {
    let p = settings.spread.description.replacingDot
    return
      "\(settings.runs) lần chạy, hạt giống \(settings.seed), biên độ \(p) %: trọng số mỗi lĩnh vực nhân với một hệ số trong khoảng [1 - \(p) %; 1 + \(p) %] (bước 0,1 %), rồi chia lại cho đúng thang điểm; các tiêu chí điều tra xã hội học nhân với một hệ số trong cùng khoảng, các tiêu chí còn lại nhân với hệ số giữ đúng thang điểm; mỗi tiêu chí Hội đồng thẩm định đã chấm lại trở về điểm tự chấm của đơn vị với xác suất \(p) %; điểm thưởng, điểm trừ giữ nguyên. Hạng P5, P95 và trung vị tính theo phương pháp hạng gần nhất."
  }

  /// The study for a terminal: the method, then per group (khối) a table of each unit's nominal
  /// and median rank, P5–P95 interval and share of runs that changed its class.
  public static func text(_ study: Sensitivity) -> String {
    var text = "Độ vững của xếp hạng\n" + method(study.settings) + "\n"
    for group in study.groups {
      text += "\nKhối \(group.name)\n"
      var table = TextTable(
        headers: ["Mã", "Đơn vị", "Hạng", "Trung vị", "P5–P95", "Đổi xếp loại"],
        alignments: [.left, .left, .right, .right, .right, .right])
      for unit in group.units {
        table.rows.append([
          unit.unit.id, unit.unit.name, String(unit.nominalRank), String(unit.medianRank),
          "\(unit.p05Rank)–\(unit.p95Rank)",
          Labels.points(unit.classChangedShare.multiplied(by: 100)!, 2) + " %",
        ])
      }
      text += table.rendered()
    }
    return text
  }

  /// One row per unit, group by group, under ``csvHeader``; the share of class changes to 4 decimals.
  public static func csv(_ study: Sensitivity) -> String {
    var writer = CSVWriter()
    writer.row(csvHeader)
    for group in study.groups {
      for unit in group.units {
        writer.row([
          group.name, unit.unit.id, unit.unit.name, String(unit.nominalRank), String(unit.medianRank),
          String(unit.p05Rank),
          String(unit.p95Rank), unit.classChangedShare.formatted(places: 4),
        ])
      }
    }
    return writer.output
  }

  /// The study as a `parindex-sensitivity/1` JSON document: the settings and method, then the groups
  /// and their units.
  /// `manifest`, the files the year came from, goes under `manifest`.
  public static func json(_ study: Sensitivity, manifest: Manifest? = nil) -> String {
    JSONOutput.object(
      [("format", .string("parindex-sensitivity/1"))] + (manifest.map { [("manifest", $0.json)] } ?? []) + [
        (
          "settings",
          .object([
            ("runs", .number(String(study.settings.runs))), ("seed", .number(String(study.settings.seed))),
            ("spread_percent", .string(study.settings.spread.description)), ("method", .string(method(study.settings))),
          ])
        ),
        (
          "groups",
          .array(
            study.groups.map { group in
              .object([
                ("name", .string(group.name)),
                (
                  "units",
                  .array(
                    group.units.map { unit in
                      .object([
                        ("unit_id", .string(unit.unit.id)), ("name", .string(unit.unit.name)),
                        ("nominal_rank", .number(String(unit.nominalRank))),
                        ("median_rank", .number(String(unit.medianRank))), ("p05_rank", .number(String(unit.p05Rank))),
                        ("p95_rank", .number(String(unit.p95Rank))),
                        ("class_changed_share", .string(unit.classChangedShare.formatted(places: 4))),
                      ])
                    })
                ),
              ])
            })
        ),
      ]
    ).rendered()
  }

  /// Rank intervals as bars, one chart per group (inline SVG, integer geometry): the bar spans
  /// P5–P95, the dot is the median, the tick the nominal rank.
  public static func htmlSection(_ study: Sensitivity) -> String {
    var html = "<p class=\"note\">\(HTML.escape(method(study.settings)))</p>\n"
    for group in study.groups {
      let count = group.units.count
      let width = 640
      let left = 230
      let step = max(1, (width - left - 20) / max(count, 1))
      let height = 22 * count + 30
      html +=
        "<h3>Khối \(HTML.escape(group.name))</h3>\n<svg width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Khoảng hạng khối \(HTML.escape(group.name))\">\n"
      for rank in 1...max(count, 1) {
        let x = left + (rank - 1) * step + step / 2
        html += "<text x=\"\(x)\" y=\"14\" font-size=\"10\" text-anchor=\"middle\">\(rank)</text>"
      }
      html += "\n"
      for (row, unit) in group.units.enumerated() {
        let y = 24 + row * 22
        let x = { (rank: Int) in left + (rank - 1) * step + step / 2 }
        html +=
          "<text x=\"0\" y=\"\(y + 12)\" font-size=\"12\">\(unit.nominalRank). \(HTML.escape(unit.unit.name))</text>"
        html +=
          "<rect x=\"\(x(unit.p05Rank) - 4)\" y=\"\(y + 3)\" width=\"\(x(unit.p95Rank) - x(unit.p05Rank) + 8)\" height=\"10\" rx=\"5\" fill=\"#9fc5e8\"></rect>"
        html += "<circle cx=\"\(x(unit.medianRank))\" cy=\"\(y + 8)\" r=\"4\" fill=\"#0b5394\"></circle>"
        html += "<rect x=\"\(x(unit.nominalRank) - 1)\" y=\"\(y)\" width=\"2\" height=\"16\" fill=\"#b00020\"></rect>\n"
      }
      html += "</svg>\n"
    }
    return html + "<p class=\"note\">Thanh: khoảng hạng P5–P95; chấm: trung vị; vạch đỏ: hạng công bố.</p>\n"
  }
}

/// Text, CSV, JSON and HTML for a year-over-year ``Comparison``: A is the earlier year, B the later.
public enum ComparisonReport {
  /// The columns of ``csv(_:)``, in order.
  public static let csvHeader = [
    "unit_id", "name", "group", "index_a", "index_b", "index_change", "rank_a", "rank_b", "class_a", "class_b",
  ]

  /// One row per unit under ``csvHeader``: indices, their change, ranks and classes in A and B (empty
  /// where the unit is not in a year).
  public static func csv(_ comparison: Comparison) -> String {
    var writer = CSVWriter()
    writer.row(csvHeader)
    let places = comparison.b.criteria.indexPlaces
    for row in comparison.rows {
      writer.row([
        row.unitID, row.name, row.group, row.a.map { $0.index.formatted(places: places) } ?? "",
        row.b.map { $0.index.formatted(places: places) } ?? "",
        row.indexChange.map { $0.formatted(places: places) } ?? "",
        row.a.map { String($0.rank) } ?? "", row.b.map { String($0.rank) } ?? "", row.a?.classLabel ?? "",
        row.b?.classLabel ?? "",
      ])
    }
    return writer.output
  }

  /// The comparison for a terminal: the sets compared, their warnings, a table of the units (classes
  /// that moved marked `*`), and how many units moved class, are new or were dropped.
  public static func text(_ comparison: Comparison) -> String {
    let places = comparison.b.criteria.indexPlaces
    var text =
      "So sánh: A = \(comparison.a.criteria.id) (\(comparison.a.criteria.year)), B = \(comparison.b.criteria.id) (\(comparison.b.criteria.year))\n"
    for warning in comparison.warnings { text += "Cảnh báo: \(warning.text(.vietnamese))\n" }
    var table = TextTable(
      headers: ["Mã", "Đơn vị", "Khối", "Chỉ số A", "Chỉ số B", "Thay đổi", "Hạng A", "Hạng B", "Xếp loại A → B"],
      alignments: [.left, .left, .left, .right, .right, .right, .right, .right, .left])
    for row in comparison.rows {
      let index = { (unit: Ranked<UnitScore>?) in
        unit.map { $0.index.formatted(places: places, decimalSeparator: ",") } ?? "—"
      }
      let change =
        row.indexChange.map { Labels.signed($0, places) }
        ?? (row.a == nil ? "mới" : "không còn")
      let classes = "\(row.a?.classLabel ?? "—") → \(row.b?.classLabel ?? "—")" + (row.movedClass ? " *" : "")
      table.rows.append([
        row.unitID, row.name, row.group, index(row.a), index(row.b), change, row.a.map { String($0.rank) } ?? "—",
        row.b.map { String($0.rank) } ?? "—", classes,
      ])
    }
    text += "\n" + table.rendered()
    let moved = comparison.rows.filter(\.movedClass).count
    text +=
      "\n\(moved) đơn vị đổi xếp loại (*); \(comparison.rows.filter { $0.a == nil }.count) đơn vị mới; \(comparison.rows.filter { $0.b == nil }.count) đơn vị không còn.\n"
    return text
  }

  /// The comparison as a `parindex-comparison/1` JSON document: the warnings (both languages), the
  /// comparable fields and each unit's indices, ranks, classes and per-field changes.
  /// `manifests`, the files of years A and B, go under `previous_manifest` and `manifest` (the
  /// one `parindex verify` reads: year B's).
  public static func json(_ comparison: Comparison, manifests: [Manifest] = []) -> String {
    let places = comparison.b.criteria.indexPlaces
    let optional = { (value: FixedDecimal?) in value.map { JSONOutput.string($0.formatted(places: places)) } ?? .null }
    var trail: [(String, JSONOutput)] = []
    if manifests.count == 2 { trail = [("manifest", manifests[1].json), ("previous_manifest", manifests[0].json)] }
    return JSONOutput.object(
      [("format", .string("parindex-comparison/1"))] + trail + [
        ("a", .string(comparison.a.criteria.id)), ("b", .string(comparison.b.criteria.id)),
        (
          "warnings",
          .array(
            comparison.warnings.map {
              .object([
                ("code", .string($0.code)), ("message", .string($0.text(.vietnamese))),
                ("message_en", .string($0.text(.english))),
              ])
            })
        ),
        ("comparable_fields", .array(comparison.comparableFields.map { .string($0) })),
        (
          "units",
          .array(
            comparison.rows.map { row in
              .object([
                ("unit_id", .string(row.unitID)), ("name", .string(row.name)), ("group", .string(row.group)),
                ("index_a", optional(row.a?.index)), ("index_b", optional(row.b?.index)),
                ("index_change", optional(row.indexChange)),
                ("rank_a", row.a.map { .number(String($0.rank)) } ?? .null),
                ("rank_b", row.b.map { .number(String($0.rank)) } ?? .null),
                ("class_a", .optional(row.a?.classLabel)), ("class_b", .optional(row.b?.classLabel)),
                ("moved_class", .bool(row.movedClass)),
                (
                  "fields",
                  .array(
                    comparison.fieldChanges(row).map { field in
                      .object([
                        ("code", .string(field.code)), ("index_a", optional(field.a)), ("index_b", optional(field.b)),
                        ("change", optional(field.change)),
                      ])
                    })
                ),
              ])
            })
        ),
      ]
    ).rendered()
  }

  /// The comparison as an HTML fragment for a report section: the warnings, then a table of the
  /// units, classes that moved highlighted.
  public static func htmlSection(_ comparison: Comparison) -> String {
    let places = comparison.b.criteria.indexPlaces
    var html =
      "<p class=\"meta\">A = <code>\(HTML.escape(comparison.a.criteria.id))</code>, B = <code>\(HTML.escape(comparison.b.criteria.id))</code></p>\n"
    for warning in comparison.warnings {
      html += "<p class=\"modelled\">\(HTML.escape(warning.text(.vietnamese)))</p>\n"
    }
    html +=
      "<table>\n<tr><th>Đơn vị</th><th>Khối</th><th class=\"n\">Chỉ số A</th><th class=\"n\">Chỉ số B</th><th class=\"n\">Thay đổi</th><th class=\"n\">Hạng A</th><th class=\"n\">Hạng B</th><th>Xếp loại A → B</th></tr>\n"
    for row in comparison.rows {
      let index = { (unit: Ranked<UnitScore>?) in
        unit.map { $0.index.formatted(places: places, decimalSeparator: ",") } ?? "—"
      }
      let change =
        row.indexChange.map { Labels.signed($0, places) }
        ?? (row.a == nil ? "mới" : "không còn")
      html +=
        "<tr><td>\(HTML.escape(row.unitID)) \(HTML.escape(row.name))</td><td>\(HTML.escape(row.group))</td><td class=\"n\">\(index(row.a))</td><td class=\"n\">\(index(row.b))</td>"
      html +=
        "<td class=\"n\">\(HTML.escape(change))</td><td class=\"n\">\(row.a.map { String($0.rank) } ?? "—")</td><td class=\"n\">\(row.b.map { String($0.rank) } ?? "—")</td>"
      html +=
        "<td\(row.movedClass ? " class=\"bad\"" : "")>\(HTML.escape(row.a?.classLabel ?? "—")) → \(HTML.escape(row.b?.classLabel ?? "—"))</td></tr>\n"
    }
    return html + "</table>\n"
  }
}

/// Text for what-if outcomes (giả định) and plans to reach a class.
public enum WhatIfReport {
  /// Each setting's leaf points before → after, then the unit's total, index, class and rank now
  /// (hiện tại) and with the settings (giả định).
  public static func text(_ outcome: WhatIf.Outcome, settings: [WhatIf.Setting]) -> String {
    let criteria = outcome.results.criteria
    let places = criteria.pointsPlaces
    let show = { (unit: Ranked<UnitScore>) in
      "tổng \(Labels.points(unit.total, places)) / \(Labels.points(unit.maxPoints, places)) · chỉ số \(unit.index.formatted(places: criteria.indexPlaces, decimalSeparator: ",")) % · \(unit.classLabel) · hạng \(unit.rank)"
    }
    var text = "\(outcome.before.unit.id) · \(outcome.before.unit.name)\n"
    for setting in settings {
      let before = outcome.before.leaves.first { $0.code == setting.code }!
      let after = outcome.after.leaves.first { $0.code == setting.code }!
      text +=
        "  \(setting.code) = \(setting.value): \(Labels.points(before.points, places)) → \(Labels.points(after.points, places)) / \(Labels.points(after.maxPoints, places)) điểm\n"
    }
    text += "Hiện tại: \(show(outcome.before))\nGiả định: \(show(outcome.after))\n"
    return text
  }

  /// A plan from ``WhatIf/goal(_:unit:criteria:)`` in words: the leaves to raise to their maximum,
  /// largest gain first; or that the unit is already there, or cannot get there.
  public static func goal(
    _ plan: [WhatIf.Step]?, label: String, unit: Ranked<UnitScore>, criteria: CriteriaSet
  ) -> String {
    let places = criteria.pointsPlaces
    var text =
      "\(unit.unit.id) · \(unit.unit.name): chỉ số \(unit.index.formatted(places: criteria.indexPlaces, decimalSeparator: ",")) % (\(unit.classLabel)); mục tiêu \(label)\n"
    guard let plan else { return text + "Không đạt được: kể cả khi mọi tiêu chí đạt tối đa.\n" }
    if plan.isEmpty { return text + "Đã đạt.\n" }
    text += "Ít tiêu chí nhất cần đạt tối đa (\(plan.count)), theo điểm tăng thêm:\n"
    for step in plan { text += "  +\(Labels.points(step.gain, places))  \(step.code) \(step.title)\n" }
    return text
  }
}
