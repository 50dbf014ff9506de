/// `parindex explain`: one line per leaf saying why it got its points, then where the unit
/// lost the most points and what would have earned them.
public enum ExplainText {
  /// The explanation of one unit: its total, index, class and rank, one line per leaf, then its
  /// bonus and penalty and where it lost the most points.
  ///
  /// - Parameter results: the year the unit was ranked in.
  /// - Parameter unit: one of the units of `results` (``RankedYear/unit(_:)``).
  /// - Parameter code: a leaf or a parent code to limit the lines to; `nil` for all leaves.
  public static func render(_ results: YearResults, unit: Ranked<UnitScore>, code: String? = nil) -> String {
    let criteria = results.criteria
    let explanation = Explanation(criteria: criteria)
    let places = criteria.pointsPlaces
    let groupSize = results.groups.first { $0.name == unit.unit.group }?.units.count ?? 0
    var text = "\(unit.unit.id) · \(unit.unit.name) · khối \(unit.unit.group)\n"
    text += "Tổng điểm \(Labels.points(unit.total, places)) / \(Labels.points(unit.maxPoints, places))"
    text += " · Chỉ số \(unit.index.formatted(places: criteria.indexPlaces, decimalSeparator: ",")) %"
    text += " · \(unit.classLabel) · Hạng \(unit.rank)/\(groupSize)\n\n"
    let selected = zip(unit.leaves, criteria.leaves).filter { _, node in
      code == nil || node.code == code || node.code.hasPrefix(code! + ".")
    }
    for (leaf, node) in selected {
      text += explanation.line(leaf, node: node) + "\n"
      if let history = Labels.history(leaf, places, rounds: results.appraisalRounds) {
        text += "    Quá trình: \(history)\n"
      }
    }
    if code == nil && (unit.bonusClaimed > .zero || unit.penaltyClaimed > .zero) {
      text += "\nĐiểm thưởng: \(Labels.points(unit.bonusClaimed, places))"
      if unit.bonus != unit.bonusClaimed { text += " → tối đa \(Labels.points(unit.bonus, places))" }
      text += " · Điểm trừ: \(Labels.points(unit.penaltyClaimed, places))"
      if unit.penalty != unit.penaltyClaimed { text += " → tối đa \(Labels.points(unit.penalty, places))" }
      text += "\n"
    }
    let codes = Set(selected.map { $0.1.code })
    let improvements = explanation.improvements(unit.score).filter { codes.contains($0.code) }
    if !improvements.isEmpty {
      text += "\nCần cải thiện (mất nhiều điểm nhất trước):\n"
      for item in improvements {
        text += "  -\(Labels.points(item.lost, places))  \(item.code) \(item.title): \(item.advice)\n"
      }
    }
    return text
  }
}
