/// Where a unit lost points and what would have earned them: the input to its next reform
/// plan (Kế hoạch CCHC).
public struct Improvement: Sendable, Hashable {
  /// The leaf's code.
  public var code: String
  /// The leaf's title.
  public var title: String
  /// Applicable maximum − points.
  public var lost: FixedDecimal
  /// Whether the leaf was scored or not applicable.
  public var status: LeafStatus
  /// What would have earned the points, in Vietnamese.
  public var advice: String
}

extension Explanation {
  /// The leaves where `unit` lost points, largest loss first (then in criteria order).
  public func improvements(_ unit: UnitScore) -> [Improvement] {
    var result: [(Int, Improvement)] = []
    for (position, (leaf, node)) in zip(unit.leaves, criteria.leaves).enumerated()
    where leaf.isApplicable && leaf.points < leaf.maxPoints {
      result.append(
        (
          position,
          Improvement(
            code: node.code, title: node.title, lost: leaf.maxPoints - leaf.points, status: leaf.status,
            advice: advice(leaf, node: node))
        ))
    }
    return result.sorted { $0.1.lost != $1.1.lost ? $0.1.lost > $1.1.lost : $0.0 < $1.0 }.map(\.1)
  }

  /// What would earn the points `leaf` lost.
  public func advice(_ leaf: LeafScore, node: CriteriaNode) -> String {
    switch leaf.reasoning {
    case .missing:
      if case .survey? = node.rule { return "tổ chức điều tra xã hội học cho đơn vị (chưa có phiếu)" }
      return "nộp số liệu tự chấm cho tiêu chí này, kèm tài liệu kiểm chứng"
    case .noEvidence(let unknown):
      if unknown.isEmpty { return "bổ sung tài liệu kiểm chứng (văn bản, số, ngày ban hành)" }
      return
        "bổ sung tài liệu kiểm chứng: \(unknown.joined(separator: ", ")) không có trong danh mục tài liệu của đơn vị"
    case .check:
      return "thực hiện nhiệm vụ để đạt (có)"
    case .choice:
      guard case .choice(let options)? = node.rule, let best = options.max(by: { $0.points < $1.points }) else {
        return ""
      }
      return "đạt mức “\(best.label)” (\(points(best.points)) điểm)"
    case .tiers(let value, _, let nextUp):
      guard let nextUp else { return "" }
      let unit = looksLikePercent(value, leaf.decidingEntry?.value ?? "") ? " %" : ""
      return "đạt \(bound(nextUp))\(unit) (hiện \(percent(value.percent))\(unit)) để được \(points(nextUp.points)) điểm"
    case .proportional(let value, let target, let zeroBelow, let outcome):
      var text = "đạt mục tiêu \(number(target)) % (hiện \(percent(value.percent)) %)"
      if outcome == .belowZeroThreshold, let zeroBelow { text += "; tối thiểu \(number(zeroBelow)) % mới có điểm" }
      return text
    case .deadline(_, let due, _, _):
      return "thực hiện trước hạn \(due)"
    case .deduction(let count, let perItem, _, _):
      return "không để phát sinh (năm nay \(count) lần, mỗi lần trừ \(points(perItem)))"
    case .survey(_, let value, _, _):
      return "nâng mức hài lòng, đánh giá của người trả lời (hiện \(percent(value)) %)"
    case .surveyGiven(_, let value):
      return "nâng kết quả điều tra (hiện \(percent(value.percent)) %)"
    case .manual:
      return "theo đánh giá của Hội đồng thẩm định"
    case .pointsGiven:
      return "ghi rõ số liệu để tính điểm theo quy định"
    case .notApplicable:
      return ""
    }
  }
}
