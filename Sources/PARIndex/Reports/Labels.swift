/// Vietnamese labels used by the reports for people.
enum Labels {
  static func status(_ leaf: LeafScore) -> String {
    switch leaf.status {
    case .scored: ""
    case .notApplicable: leaf.isApplicable ? "không phát sinh (tính đủ điểm)" : "không phát sinh (không tính)"
    case .missing: "THIẾU số liệu"
    case .noEvidence: "THIẾU tài liệu kiểm chứng"
    }
  }

  static func source(_ source: ScoreSource?) -> String { source?.label(.vietnamese) ?? "" }

  static func points(_ value: FixedDecimal, _ places: Int) -> String {
    value.formatted(places: places, decimalSeparator: ",")
  }

  /// `+1,50`, `-0,25` or `0,00`: a change or an adjustment, signed, with the one minus sign
  /// every output uses (ASCII `-`, so that a number copied into Excel stays a number); a value
  /// that shows as zero gets no sign (never `-0,00`).
  static func signed(_ value: FixedDecimal, _ places: Int) -> String {
    let text = points(value, places)
    if value.rounded(places: places) == .zero { return points(.zero, places) }
    return value > .zero ? "+" + text : text
  }

  /// A leaf's history in one line: `tự chấm 1,00 → thẩm định vòng 1: 0,50 (lý do: …) → giải trình
  /// sau vòng 1: "…" (TLKC E7) → thẩm định vòng 2: 1,00 (lý do: …)`; `nil` without a history, or
  /// when it is one appraisal of the unit's row (the notes say that already: own points, reason).
  /// `rounds`: the year's appraisal rounds (one round is written `thẩm định`, without a number).
  static func history(_ leaf: LeafScore, _ places: Int, rounds: Int) -> String? {
    let explained = leaf.history.contains { $0.explanation != nil }
    guard leaf.history.count > 2 || explained else { return nil }
    return leaf.history.map { step in
      var text = step.label(.vietnamese)
      if case .appraisal = step.kind, rounds == 1 { text = ScoreSource.appraisal.label(.vietnamese) }
      if let points = step.points, let status = step.status {
        text +=
          status == .scored ? " \(Self.points(points, places))" : " \(Self.points(points, places)) (\(status.label()))"
      }
      var details: [String] = []
      if case .appraisal = step.kind, let entry = step.entry {
        if let reason = entry.remark { details.append("lý do: \(reason)") }
        if let appraiser = entry.appraiser { details.append(appraiser) }
        if let date = entry.date { details.append("ngày \(date)") }
      }
      if let explanation = step.explanation {
        text += ": “\(explanation.text)”"
        if !explanation.evidenceIDs.isEmpty {
          details.append("TLKC \(explanation.evidenceIDs.joined(separator: ", "))")
        }
        if let date = explanation.date { details.append("ngày \(date)") }
      }
      return details.isEmpty ? text : text + " (\(details.joined(separator: "; ")))"
    }.joined(separator: " → ")
  }
}

extension Labels {
  /// `chính thức` or `mô phỏng`: the set's status in words, said once wherever it is shown.
  static func status(_ criteria: CriteriaSet) -> String {
    criteria.status == .official ? "chính thức" : "mô phỏng"
  }
}

extension Labels {
  /// A year file's kind as the council calls it (`Tự chấm điểm`).
  static func fileKind(_ kind: YearFileKind) -> String {
    switch kind {
    case .units: "Danh sách đơn vị"
    case .assessment: "Tự chấm điểm"
    case .appraisal: "Thẩm định"
    case .evidence: "Tài liệu kiểm chứng"
    case .survey: "Điều tra xã hội học"
    case .adjustments: "Điểm thưởng, điểm trừ"
    case .explanation: "Giải trình"
    }
  }

  /// How a file was read, in Vietnamese: `Excel, trang “Tự chấm điểm”`, `CSV UTF-8, phân cách “;”`.
  static func fileForm(_ form: String) -> String {
    let prefix = "Excel, sheet '"
    if form.hasPrefix(prefix), form.hasSuffix("'") {
      return "Excel, trang “" + form.dropFirst(prefix.count).dropLast() + "”"
    }
    if form.hasSuffix(", TAB") { return form.dropLast(5) + ", phân cách bằng tab" }
    // `CSV UTF-8, ';'`: the separator last, quoted; the comma before it is kept.
    let scalars = Array(form.unicodeScalars)
    guard scalars.count >= 5, scalars[scalars.count - 1] == "'", scalars[scalars.count - 3] == "'",
      scalars[scalars.count - 5] == ","
    else { return form }
    return String(String.UnicodeScalarView(scalars[..<(scalars.count - 4)]))
      + " phân cách “\(scalars[scalars.count - 2])”"
  }
}

extension Labels {
  /// `Lĩnh vực: LV1 Công tác chỉ đạo… (10,00); LV2 …`: what the short codes of a table stand for.
  static func fieldLegend(_ criteria: CriteriaSet) -> String {
    "Lĩnh vực: "
      + criteria.items.map { "LV\($0.code) \($0.title) (\(points($0.maxPoints, criteria.pointsPlaces)))" }.joined(
        separator: "; ")
  }
}

extension Labels {
  /// A manifest entry's kind as people call it: `Bộ tiêu chí`, `Tự chấm điểm`, `Thẩm định vòng 2`.
  static func manifestKind(_ kind: String) -> String {
    if kind == "criteria" { return "Bộ tiêu chí" }
    if let known = YearFileKind(rawValue: kind) { return fileKind(known) }
    let round = "appraisal-"
    if kind.hasPrefix(round), let number = Int(kind.dropFirst(round.count)) { return "Thẩm định vòng \(number)" }
    return kind
  }
}
