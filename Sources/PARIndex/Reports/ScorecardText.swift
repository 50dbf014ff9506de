/// Scorecards as text (Vietnamese labels): the tree with points / maximum, who set each
/// leaf and what needs attention, the evidence behind each leaf, and where to improve.
public enum ScorecardText {
  /// The scorecards of `units` (units of `results`), one after the other.
  public static func render(_ results: YearResults, units: [Ranked<UnitScore>]) -> String {
    units.map { render(Scorecard($0, in: results), results.criteria) }.joined(separator: "\n")
  }

  static func render(_ card: Scorecard, _ criteria: CriteriaSet) -> String {
    let places = criteria.pointsPlaces
    var text =
      "\(card.unit.unit.id) · \(card.unit.unit.name) · khối \(card.unit.unit.group)\n" + card.headline(criteria) + "\n"
    if let adjustments = card.adjustmentsLine(criteria) { text += adjustments + "\n" }
    if let rounds = card.roundsLine(criteria) { text += rounds + "\n" }
    var table = TextTable(
      headers: ["Mã", "Nội dung", "Điểm", "Tối đa", "Nguồn", "Ghi chú"],
      alignments: [.left, .left, .right, .right, .left, .left])
    for row in card.rows {
      let title = row.title.count > 60 ? String(row.title.prefix(59)) + "…" : row.title
      table.rows.append([
        String(repeating: "  ", count: row.depth) + row.code, title, Labels.points(row.points, places),
        Labels.points(row.maxPoints, places), row.sourceLabel, row.notes.joined(separator: "; "),
      ])
    }
    text += "\n" + table.rendered()
    let cited = card.rows.compactMap { row in row.leaf.flatMap { $0.evidence.isEmpty ? nil : (row.code, $0.evidence) } }
    if !cited.isEmpty {
      text += "\nTài liệu kiểm chứng:\n"
      for (code, documents) in cited {
        for document in documents { text += "  \(code)  \(Scorecard.evidenceText(document))\n" }
      }
    }
    if !card.improvements.isEmpty {
      text += "\nCần cải thiện (mất nhiều điểm nhất trước):\n"
      for item in card.improvements { text += "  -\(Labels.points(item.lost, places))  \(item.code): \(item.advice)\n" }
    }
    return text
  }
}
