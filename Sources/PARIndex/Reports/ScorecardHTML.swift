/// Scorecards as HTML sections (`parindex score --format html`, and in the council's report).
public enum ScorecardHTML {
  /// A standalone page with the scorecards of `units`, ending with `manifest` when given.
  public static func page(_ results: YearResults, units: [Ranked<UnitScore>], manifest: Manifest? = nil) -> String {
    let body =
      units.map { section(Scorecard($0, in: results), results.criteria) }.joined(separator: "\n")
      + (manifest.map { "\n" + ManifestReport.html($0) } ?? "")
    return HTML.page(title: "Phiếu điểm CCHC — \(results.criteria.title)", body: body)
  }

  /// How much of each scorecard a report shows (`report --scorecards`).
  public enum Detail: String, Sendable, CaseIterable {
    /// The whole tree: every field, criterion and leaf with its notes and evidence.
    case full
    /// The fields' points, then only the leaves that lost points, each with what would have
    /// earned them: about a page per unit.
    case losses
    /// No scorecards.
    case none
  }

  static func section(_ card: Scorecard, _ criteria: CriteriaSet, detail: Detail = .full) -> String {
    let unit = card.unit.unit
    var html = "<section class=\"card\" id=\"unit-\(HTML.escape(unit.id))\">\n"
    html +=
      "<h3>\(HTML.escape(unit.id)) · \(HTML.escape(unit.name)) <span class=\"note\">(khối \(HTML.escape(unit.group)))</span></h3>\n"
    html += "<p><strong>\(HTML.escape(card.headline(criteria)))</strong></p>\n"
    if let adjustments = card.adjustmentsLine(criteria) { html += "<p>\(HTML.escape(adjustments))</p>\n" }
    if let rounds = card.roundsLine(criteria) { html += "<p>\(HTML.escape(rounds))</p>\n" }
    switch detail {
    case .full: html += tree(card, criteria)
    case .losses: html += losses(card, criteria)
    case .none: return ""
    }
    return html + "</section>"
  }

  /// Each field's points, then a table of the leaves that lost points, largest loss first, with
  /// the notes (reasons, history) and what would have earned the points.
  static func losses(_ card: Scorecard, _ criteria: CriteriaSet) -> String {
    let places = criteria.pointsPlaces
    // The fields in one row (their names are in the report's legend).
    let fields = card.rows.filter { $0.depth == 0 }
    var html = "<table class=\"fieldsum\">\n<tr>"
    html +=
      fields.map { "<th class=\"n\">LV\(HTML.escape($0.code))</th>" }.joined() + "<th class=\"n\">Tổng</th></tr>\n<tr>"
    html += fields.map {
      "<td class=\"n\">\(Labels.points($0.points, places))/\(Labels.points($0.maxPoints, places))</td>"
    }.joined()
    html += "<td class=\"n\"><strong>\(Labels.points(card.unit.total, places))</strong></td></tr>\n</table>\n"
    guard !card.improvements.isEmpty else { return html + "<p>Không mất điểm ở tiêu chí nào.</p>\n" }
    var rowByCode: [String: Scorecard.Row] = [:]
    for row in card.rows where row.leaf != nil { rowByCode[row.code] = row }
    html += "<p><strong>Tiêu chí bị mất điểm</strong> (mất nhiều điểm nhất trước)</p>\n"
    html +=
      "<table class=\"losses\">\n<colgroup><col class=\"code\"><col class=\"title\"><col class=\"pts\"><col class=\"lost\"><col class=\"notes\"><col class=\"advice\"></colgroup>\n<tr><th>Mã</th><th>Nội dung</th><th class=\"n\">Điểm</th><th class=\"n\">Mất</th><th>Ghi chú</th><th>Để đạt đủ điểm</th></tr>\n"
    for item in card.improvements {
      let row = rowByCode[item.code]
      let notes = (row?.notes ?? []).map { "<span class=\"note\">\(HTML.escape($0))</span>" }
      html +=
        "<tr><td>\(HTML.escape(item.code))</td><td>\(HTML.escape(item.title))</td><td class=\"n\">\(row.map { Labels.points($0.points, places) + "/" + Labels.points($0.maxPoints, places) } ?? "")</td>"
      html +=
        "<td class=\"n\">-\(Labels.points(item.lost, places))</td><td>\(notes.joined(separator: "<br>"))</td><td>\(HTML.escape(item.advice))</td></tr>\n"
    }
    return html + "</table>\n"
  }

  /// The whole tree, then the list of what to improve.
  static func tree(_ card: Scorecard, _ criteria: CriteriaSet) -> String {
    let places = criteria.pointsPlaces
    var html = ""
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
          "<li><strong>\(HTML.escape(item.code))</strong> \(HTML.escape(item.title)): -\(Labels.points(item.lost, places)) điểm — \(HTML.escape(item.advice))</li>\n"
      }
      html += "</ol>\n"
    }
    return html
  }
}
