/// A unit's scorecard as text (Vietnamese labels): the tree of fields, criteria and leaves
/// with points / maximum, who set each leaf and what needs attention.
public enum ScorecardText {
  public static func render(_ results: YearResults, units: [UnitScore]) -> String {
    units.map { render($0, results) }.joined(separator: "\n")
  }

  static func render(_ score: UnitScore, _ results: YearResults) -> String {
    let criteria = results.criteria
    let places = criteria.pointsPlaces
    let groupSize = results.groups.first { $0.name == score.unit.group }?.units.count ?? 0
    var text = "\(score.unit.id) · \(score.unit.name) · khối \(score.unit.group)\n"
    text += "Tổng điểm \(Labels.points(score.total, places)) / \(Labels.points(score.maxPoints, places))"
    text += " · Chỉ số \(score.index.formatted(places: criteria.indexPlaces, decimalSeparator: ",")) %"
    text += " · \(score.classLabel) · Hạng \(score.rank)/\(groupSize)\n"
    if score.bonusClaimed > .zero || score.penaltyClaimed > .zero {
      text += "Điểm các tiêu chí \(Labels.points(score.leafTotal, places))"
      text += " · điểm thưởng +\(Labels.points(score.bonus, places))"
      if score.bonus != score.bonusClaimed { text += " (đề nghị \(Labels.points(score.bonusClaimed, places)), vượt mức tối đa)" }
      text += " · điểm trừ −\(Labels.points(score.penalty, places))"
      if score.penalty != score.penaltyClaimed { text += " (phát sinh \(Labels.points(score.penaltyClaimed, places)), vượt mức tối đa)" }
      text += "\n"
    }
    var table = TextTable(headers: ["Mã", "Nội dung", "Điểm", "Tối đa", "Nguồn", "Ghi chú"], alignments: [.left, .left, .right, .right, .left, .left])
    var leafByCode: [String: LeafScore] = [:]
    for leaf in score.leaves { leafByCode[leaf.code] = leaf }
    for ((node, depth), nodeScore) in zip(criteria.allNodes, score.nodes) {
      let indent = String(repeating: "  ", count: depth)
      let title = node.title.count > 60 ? String(node.title.prefix(59)) + "…" : node.title
      var row = [indent + node.code, title, Labels.points(nodeScore.points, places), Labels.points(nodeScore.applicableMax, places), "", ""]
      if let leaf = leafByCode[node.code] {
        row[4] = Labels.source(leaf.source)
        var notes = [Labels.status(leaf)]
        if let claimed = leaf.claimedMismatch { notes.append("tự chấm \(Labels.points(claimed, places)) ≠ điểm tính") }
        for case .fewResponses(let respondents, let minimum) in leaf.flags { notes.append("chỉ \(respondents)/\(minimum) phiếu") }
        if let reason = leaf.appraisalReason { notes.append("lý do: \(reason)") }
        row[5] = notes.filter { !$0.isEmpty }.joined(separator: "; ")
      }
      table.rows.append(row)
    }
    return text + "\n" + table.rendered()
  }
}
