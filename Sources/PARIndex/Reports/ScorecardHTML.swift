/// Scorecards as HTML sections (`parindex score --format html`, and in the council's report).
public enum ScorecardHTML {
  /// A standalone page with the scorecards of `units`, ending with `manifest` when given.
  public static func page(_ results: YearResults, units: [Ranked<UnitScore>], manifest: Manifest? = nil) -> String {
    let body =
      units.map { section(Scorecard($0, in: results), results.criteria) }.joined(separator: "\n")
      + (manifest.map { "\n" + ManifestReport.html($0) } ?? "")
    return HTML.page(title: "Phiếu điểm CCHC — \(results.criteria.title)", body: body)
  }

  static func section(_ card: Scorecard, _ criteria: CriteriaSet) -> String {
    let places = criteria.pointsPlaces
    let unit = card.unit.unit
    var html = "<section class=\"card\" id=\"unit-\(HTML.escape(unit.id))\">\n"
    html +=
      "<h3>\(HTML.escape(unit.id)) · \(HTML.escape(unit.name)) <span class=\"note\">(khối \(HTML.escape(unit.group)))</span></h3>\n"
    html += "<p><strong>\(HTML.escape(card.headline(criteria)))</strong></p>\n"
    if let adjustments = card.adjustmentsLine(criteria) { html += "<p>\(HTML.escape(adjustments))</p>\n" }
    if let rounds = card.roundsLine(criteria) { html += "<p>\(HTML.escape(rounds))</p>\n" }
    html +=
      "<table>\n<tr><th>Mã</th><th>Nội dung</th><th class=\"n\">Điểm</th><th class=\"n\">Tối đa</th><th>Nguồn</th><th>Ghi chú, tài liệu kiểm chứng</th></tr>\n"
    for row in card.rows {
      let rowClass = row.leaf != nil ? "" : (row.depth == 0 ? " class=\"field\"" : " class=\"criterion\"")
      let attention = row.leaf.map { $0.status == .missing || $0.status == .noEvidence } ?? false
      var notes = row.notes.map { "<span class=\"\(attention ? "bad" : "note")\">\(HTML.escape($0))</span>" }
      if let explanation = row.explanation { notes.append("<span class=\"note\">\(HTML.escape(explanation))</span>") }
      for document in row.leaf?.evidence ?? [] {
        notes.append("<span class=\"evidence\">TLKC: \(HTML.escape(Scorecard.evidenceText(document)))</span>")
      }
      html +=
        "<tr\(rowClass)><td class=\"d\(min(row.depth, 3))\">\(HTML.escape(row.code))</td><td>\(HTML.escape(row.title))</td>"
      html +=
        "<td class=\"n\">\(Labels.points(row.points, places))</td><td class=\"n\">\(Labels.points(row.maxPoints, places))</td>"
      html += "<td>\(HTML.escape(row.sourceLabel))</td><td>\(notes.joined(separator: "<br>"))</td></tr>\n"
    }
    html += "</table>\n"
    if !card.improvements.isEmpty {
      html += "<p><strong>Cần cải thiện</strong> (mất nhiều điểm nhất trước)</p>\n<ol class=\"improve\">\n"
      for item in card.improvements {
        html +=
          "<li><strong>\(HTML.escape(item.code))</strong> \(HTML.escape(item.title)): −\(Labels.points(item.lost, places)) điểm — \(HTML.escape(item.advice))</li>\n"
      }
      html += "</ol>\n"
    }
    return html + "</section>"
  }
}
