/// The appraisal rounds in the council's report: what each round did to each unit (total
/// before and after, leaves changed up and down), and the leaves a unit explained with what the
/// next round made of it.
enum RoundsHTML {
  /// The section's HTML; empty for a year without an appraisal.
  static func section(_ results: YearResults) -> String {
    let criteria = results.criteria
    let places = criteria.pointsPlaces
    guard results.appraisalRounds > 0 else { return "" }
    var html = "<h3>Các vòng thẩm định</h3>\n"
    html += "<table>\n<tr><th>Đơn vị</th><th class=\"n\">Vòng</th><th class=\"n\">Dòng thẩm định</th>"
    html +=
      "<th class=\"n\">Tổng điểm trước</th><th class=\"n\">Tổng điểm sau</th><th class=\"n\">Tiêu chí thay đổi</th>"
    html += "<th class=\"n\">Tăng</th><th class=\"n\">Giảm</th></tr>\n"
    var any = false
    var explained: [(unit: Ranked<UnitScore>, leaf: LeafScore, step: LeafHistoryStep, outcome: String)] = []
    for unit in results.rankedUnits {
      for round in unit.score.roundSummaries(rounds: results.appraisalRounds, criteria: criteria) where round.rows > 0 {
        any = true
        html += "<tr><td>\(HTML.escape(unit.unit.id)) · \(HTML.escape(unit.unit.name))</td>"
        html += "<td class=\"n\">\(round.round)</td><td class=\"n\">\(round.rows)</td>"
        html += "<td class=\"n\">\(Labels.points(round.totalBefore, places))</td>"
        html += "<td class=\"n\">\(Labels.points(round.totalAfter, places))</td>"
        html +=
          "<td class=\"n\">\(round.changed)</td><td class=\"n\">\(round.up)</td><td class=\"n\">\(round.down)</td></tr>\n"
      }
      for leaf in unit.leaves {
        for (position, step) in leaf.history.enumerated() where step.explanation != nil {
          explained.append(
            (
              unit, leaf, step,
              outcome(after: position, in: leaf.history, rounds: results.appraisalRounds, places: places)
            ))
        }
      }
    }
    html = any ? html + "</table>\n" : "<h3>Các vòng thẩm định</h3>\n<p>Không vòng nào thẩm định lại điểm.</p>\n"
    guard !explained.isEmpty else { return html }
    html += "<h3>Giải trình của đơn vị và kết quả vòng sau</h3>\n<table>\n<tr><th>Đơn vị</th><th>Tiêu chí</th>"
    html += "<th>Giải trình</th><th>Vòng sau</th></tr>\n"
    for item in explained {
      guard let explanation = item.step.explanation else { continue }
      html += "<tr><td>\(HTML.escape(item.unit.unit.id))</td><td>\(HTML.escape(item.leaf.code))</td>"
      var text = "sau vòng \(explanation.round): \(explanation.text)"
      if !explanation.evidenceIDs.isEmpty { text += " (TLKC \(explanation.evidenceIDs.joined(separator: ", ")))" }
      html += "<td>\(HTML.escape(text))</td><td>\(HTML.escape(item.outcome))</td></tr>\n"
    }
    return html + "</table>\n"
  }

  /// What the first round after the explanation at `position` did: changed the points, kept them,
  /// or did not appraise the leaf again.
  static func outcome(after position: Int, in history: [LeafHistoryStep], rounds: Int, places: Int) -> String {
    guard case .explanation(let answered) = history[position].kind else { return "" }
    let before = history[..<position].last { $0.points != nil }?.points
    for step in history[(position + 1)...] {
      guard case .appraisal(let round) = step.kind, let points = step.points else { continue }
      guard points != before else { return "vòng \(round) giữ nguyên điểm" }
      let change = before.map { points > $0 ? "tăng" : "giảm" } ?? "chấm"
      return
        "vòng \(round) \(change) điểm: \(before.map { Labels.points($0, places) } ?? "—") → \(Labels.points(points, places))"
    }
    return answered < rounds ? "các vòng sau không thẩm định lại tiêu chí này" : "chưa có vòng thẩm định sau"
  }
}
