import Foundation

/// Sentences a secretary can read aloud: for each leaf the rule, the value, the arithmetic and
/// the result, in Vietnamese with decimal commas, e.g.
/// `2.3 Tỷ lệ hồ sơ đúng hạn: 91 % (182/200) → bậc “> 90 %” → 0,50 / 1,00 điểm`.
public struct Explanation: Sendable {
  /// The set whose rules and rounding the sentences follow.
  public let criteria: CriteriaSet

  /// Sentences for leaves of `criteria`.
  public init(criteria: CriteriaSet) { self.criteria = criteria }

  /// One line for `leaf` of `node`.
  public func line(_ leaf: LeafScore, node: CriteriaNode) -> String {
    var text = "\(node.code) \(node.title): \(reasoning(leaf))"
    var notes: [String] = []
    if let claimed = leaf.claimedMismatch {
      notes.append("tự ghi \(points(claimed)) điểm, khác điểm tính theo số liệu")
    }
    for case .fewResponses(let respondents, let minimum) in leaf.flags {
      notes.append("chỉ \(respondents) người trả lời, dưới mức tối thiểu \(minimum)")
    }
    if leaf.source == .appraisal {
      var appraisal = "thẩm định"
      if let reason = leaf.appraisalReason { appraisal += ": \(reason)" }
      if let own = leaf.selfEntry {
        appraisal +=
          " (tự chấm: \(own.value.map { shownValue($0, of: node) } ?? own.pointsText.map { "\($0) điểm" } ?? "-"))"
      }
      notes.append(appraisal)
    }
    if !notes.isEmpty { text += " [" + notes.joined(separator: "; ") + "]" }
    return text
  }

  /// The reasoning part of ``line(_:node:)``: value → rule → points / maximum.
  public func reasoning(_ leaf: LeafScore) -> String {
    let result = "\(points(leaf.points)) / \(points(leaf.maxPoints)) điểm"
    let written = leaf.decidingEntry?.value ?? ""
    switch leaf.reasoning {
    case .pointsGiven:
      return "chỉ ghi điểm, không ghi số liệu → \(result)"
    case .check(let isYes):
      let verdict = isYes ? "đạt" : "không đạt"
      return TextFolding.folded(written) == verdict ? "\(verdict) → \(result)" : "\(written) → \(verdict) → \(result)"
    case .choice(let option):
      return "chọn “\(option.label)” → \(result)"
    case .tiers(let value, let met, let nextUp):
      let shown = shownValue(value, written: written)
      let unit = looksLikePercent(value, written) ? " %" : ""
      if let met { return "\(shown) → bậc “\(bound(met))\(unit)” → \(result)" }
      let lowest = nextUp.map { " “\(bound($0))\(unit)”" } ?? ""
      return "\(shown) → chưa đạt bậc thấp nhất\(lowest) → \(result)"
    case .proportional(let value, let target, let zeroBelow, let outcome):
      let shown = shownValue(value, written: written)
      switch outcome {
      case .atTarget: return "\(shown) ≥ mục tiêu \(number(target)) % → \(result)"
      case .belowZeroThreshold: return "\(shown) < ngưỡng tối thiểu \(number(zeroBelow ?? .zero)) % → \(result)"
      case .partial:
        return
          "\(shown), mục tiêu \(number(target)) % → \(points(leaf.maxPoints)) × \(percent(value.percent))/\(number(target)) → \(result)"
      }
    case .deadline(let date, let due, let lateUntil, let outcome):
      guard let date else { return "chưa thực hiện (hạn \(due)) → \(result)" }
      switch outcome {
      case .onTime: return "thực hiện \(date), hạn \(due) → đúng hạn → \(result)"
      case .late: return "thực hiện \(date), hạn \(due) → trễ hạn → \(result)"
      case .tooLate, .notDone:
        return "thực hiện \(date), hạn \(due) → trễ sau \(lateUntil?.description ?? due.description) → \(result)"
      }
    case .deduction(let count, let perItem, let floor, let hitFloor):
      if hitFloor { return "\(count) lần × \(points(perItem)) → không thấp hơn mức sàn \(points(floor)) → \(result)" }
      let deducted = perItem.multiplied(by: Int64(count)) ?? .zero
      return "\(count) lần × \(points(perItem)) → \(points(leaf.maxPoints)) - \(points(deducted)) → \(result)"
    case .survey(let group, let value, let answers, let respondents):
      return
        "điều tra XHH “\(surveyTitle(group))”: \(percent(value)) % (\(answers) câu trả lời, \(respondents) người) → \(points(leaf.maxPoints)) × \(percent(value)) % → \(result)"
    case .surveyGiven(_, let value):
      return
        "kết quả điều tra được công bố \(percent(value.percent)) % → \(points(leaf.maxPoints)) × \(percent(value.percent)) % → \(result)"
    case .manual:
      return "\(leaf.source == .appraisal ? "hội đồng chấm" : "tự chấm") → \(result)"
    case .notApplicable(let policy):
      let word =
        written.isEmpty || TextFolding.folded(written) == "không phát sinh"
        ? "không phát sinh" : "\(written): không phát sinh"
      return policy == .exclude ? "\(word) → không tính vào điểm tối đa" : "\(word) → tính đủ điểm → \(result)"
    case .missing:
      if case .survey? = criteria.leaves.first(where: { $0.code == leaf.code })?.rule {
        return "không có phiếu điều tra → \(result) (thiếu số liệu)"
      }
      return "không có số liệu tự chấm → \(result) (thiếu số liệu)"
    case .noEvidence(let unknown):
      if unknown.isEmpty { return "\(written): không có tài liệu kiểm chứng → \(result)" }
      return
        "\(written): tài liệu \(unknown.joined(separator: ", ")) không có trong evidence.csv của đơn vị → \(result)"
    }
  }

  // MARK: Formatting

  /// A value as written, an option key shown by its label (`“Hoàn thành một phần”`).
  func shownValue(_ value: String, of node: CriteriaNode) -> String {
    guard case .choice(let options)? = node.rule, let option = options.first(where: { $0.key == value.nfc }) else {
      return value
    }
    return "“\(option.label)”"
  }

  /// The survey group's title (`Mức độ hài lòng của người dân`), its key when the set lacks it.
  func surveyTitle(_ key: String) -> String { criteria.survey?.groups.first { $0.key == key }?.title ?? key }

  func points(_ value: FixedDecimal) -> String { value.formatted(places: criteria.pointsPlaces, decimalSeparator: ",") }

  /// `90`, `85,5`: the shortest exact text with a decimal comma.
  func number(_ value: FixedDecimal) -> String { CriteriaAnnex.number(value) }

  /// A percentage rounded to 2 decimals for reading (`66,67`), trailing zeros dropped.
  func percent(_ value: Fraction) -> String { number(value.rounded(places: 2)) }

  func bound(_ tier: Tier) -> String { (tier.isStrict ? "> " : "≥ ") + number(tier.threshold) }

  func looksLikePercent(_ value: PercentageValue, _ written: String) -> Bool {
    value.ratio != nil || written.contains("%")
  }

  func shownValue(_ value: PercentageValue, written: String) -> String {
    if let ratio = value.ratio {
      return "\(percent(value.percent)) % (\(number(ratio.numerator))/\(number(ratio.denominator)))"
    }
    return looksLikePercent(value, written) ? "\(percent(value.percent)) %" : percent(value.percent)
  }
}
