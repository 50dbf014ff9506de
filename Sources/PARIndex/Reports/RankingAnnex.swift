/// The ranking as a decision's results annex (phụ lục kết quả) shows it: per group, STT, the
/// unit, the points of every field under its full title, total, index, class and rank, below a
/// title naming the criteria set and the year. `rank --format md|html|xlsx --annex`, and the
/// layout of every ranking workbook.
public struct RankingAnnex<Score: ScoredUnit>: Sendable {
  /// One row of a group's table.
  public struct Row: Sendable {
    /// Số thứ tự: the row's number in its table, from 1.
    public var number: Int
    /// The unit's totals.
    public var totals: UnitTotals
    /// The unit's rank in its group.
    public var rank: Int
  }

  /// `Kết quả Chỉ số cải cách hành chính năm 2025`.
  public let title: String
  /// The set's title and id, with the decision it transcribes or the word that it is modelled.
  public let subtitle: String
  /// `LV1. Công tác chỉ đạo, điều hành CCHC (10,00)`: code, full title and maximum of every field.
  public let fieldHeaders: [String]
  /// The groups, each with its rows in rank order.
  public let groups: [(name: String, rows: [Row])]
  /// The set, for its decimals.
  public let criteria: CriteriaSet

  /// The annex of `results` (only `group`'s table, when given).
  public init(_ results: RankedYear<Score>, group: String? = nil) {
    let criteria = results.criteria
    self.criteria = criteria
    title = "Kết quả Chỉ số cải cách hành chính năm \(criteria.year)"
    // An official set names its decision (short); a modelled one says so and no more: its
    // source is a paragraph, printed in full by `criteria show`.
    subtitle =
      "\(criteria.title) · bộ tiêu chí \(criteria.id) · "
      + (criteria.status == .official && !criteria.source.isEmpty
        ? "chính thức, căn cứ: \(criteria.source)" : "\(Labels.status(criteria)), không phải văn bản chính thức")
    fieldHeaders = criteria.items.map { Self.fieldHeader($0, criteria) }
    groups = results.groups.filter { group == nil || $0.name == group }.map { ranked in
      (ranked.name, ranked.units.enumerated().map { Row(number: $0 + 1, totals: $1.totals, rank: $1.rank) })
    }
  }

  /// `LV1. Công tác chỉ đạo, điều hành CCHC (10,00)`.
  static func fieldHeader(_ field: CriteriaNode, _ criteria: CriteriaSet) -> String {
    "LV\(field.code). \(field.title) (\(Labels.points(field.maxPoints, criteria.pointsPlaces)))"
  }

  /// The column headers after the unit's columns.
  public var scoreHeaders: [String] {
    fieldHeaders + ["Tổng điểm", "Điểm tối đa", "Chỉ số (%)", "Xếp loại", "Xếp hạng"]
  }

  /// The annex as Markdown: the title, then one table per group.
  public var markdown: String {
    var text = "# \(MarkdownReport.cell(title))\n\n\(MarkdownReport.cell(subtitle))\n"
    for group in groups {
      text += "\n## Khối \(MarkdownReport.cell(group.name)) (\(group.rows.count) đơn vị)\n\n"
      text += "| STT | Mã | Đơn vị | " + scoreHeaders.map(MarkdownReport.cell).joined(separator: " | ") + " |\n"
      text += "|--:|---|---|" + String(repeating: "--:|", count: fieldHeaders.count + 3) + "---|--:|\n"
      for row in group.rows {
        let cells =
          [String(row.number), MarkdownReport.cell(row.totals.unit.id), MarkdownReport.cell(row.totals.unit.name)]
          + numbers(row) + [MarkdownReport.cell(row.totals.classLabel), String(row.rank)]
        text += "| " + cells.joined(separator: " | ") + " |\n"
      }
    }
    return text
  }

  /// The annex as an HTML page that prints on A4 landscape, the header repeated on every page.
  public var html: String {
    var body = "<h1>\(HTML.escape(title))</h1>\n<p class=\"meta\">\(HTML.escape(subtitle))</p>\n"
    for group in groups {
      body += "<h2>Khối \(HTML.escape(group.name)) (\(group.rows.count) đơn vị)</h2>\n<table class=\"annex\">\n"
      body += "<thead><tr><th class=\"n\">STT</th><th>Mã</th><th>Đơn vị</th>"
      body += fieldHeaders.map { "<th class=\"n field\">\(HTML.escape($0))</th>" }.joined()
      body += "<th class=\"n\">Tổng điểm</th><th class=\"n\">Điểm tối đa</th><th class=\"n\">Chỉ số (%)</th>"
      body += "<th>Xếp loại</th><th class=\"n\">Xếp hạng</th></tr></thead>\n<tbody>\n"
      for row in group.rows {
        body +=
          "<tr><td class=\"n\">\(row.number)</td><td>\(HTML.escape(row.totals.unit.id))</td><td>\(HTML.escape(row.totals.unit.name))</td>"
        body += numbers(row).map { "<td class=\"n\">\($0)</td>" }.joined()
        body += "<td class=\"class\">\(HTML.escape(row.totals.classLabel))</td><td class=\"n\">\(row.rank)</td></tr>\n"
      }
      body += "</tbody>\n</table>\n"
    }
    return HTML.page(title: "\(title) — \(criteria.title)", body: body, landscape: true)
  }

  /// Field points, total, maximum and index with the set's decimals and a decimal comma.
  func numbers(_ row: Row) -> [String] {
    let places = criteria.pointsPlaces
    return row.totals.fieldPoints.map { Labels.points($0, places) } + [
      Labels.points(row.totals.total, places), Labels.points(row.totals.maxPoints, places),
      Labels.points(row.totals.index, criteria.indexPlaces),
    ]
  }
}
