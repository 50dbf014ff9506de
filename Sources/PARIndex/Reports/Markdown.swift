/// Ranking tables and scorecards as Markdown (GitHub tables), for pasting into documents.
public enum MarkdownReport {
  /// The ranking of each group.
  public static func ranking<Score: ScoredUnit>(_ results: RankedYear<Score>, group: String? = nil) -> String {
    let criteria = results.criteria
    var text =
      "# \(cell(criteria.title))\n\n`\(criteria.id)` · \(Labels.status(criteria)) · năm \(criteria.year)\n"
    for rankedGroup in results.groups where group == nil || rankedGroup.name == group {
      text += "\n## Khối \(cell(rankedGroup.name)) (\(rankedGroup.units.count) đơn vị)\n\n"
      text +=
        "| Hạng | Mã | Đơn vị | " + criteria.items.map { "LV\($0.code)" }.joined(separator: " | ")
        + " | Tổng | Tối đa | Chỉ số % | Xếp loại |\n"
      text += "|--:|---|---|" + String(repeating: "--:|", count: criteria.items.count) + "--:|--:|--:|---|\n"
      for ranked in rankedGroup.units {
        let unit = ranked.totals
        let fields = unit.fieldPoints.map { Labels.points($0, criteria.pointsPlaces) }
        let cells =
          [String(ranked.rank), cell(unit.unit.id), cell(unit.unit.name)] + fields + [
            Labels.points(unit.total, criteria.pointsPlaces), Labels.points(unit.maxPoints, criteria.pointsPlaces),
            unit.index.formatted(places: criteria.indexPlaces, decimalSeparator: ","), cell(unit.classLabel),
          ]
        text += "| " + cells.joined(separator: " | ") + " |\n"
      }
    }
    return text + "\n" + cell(Labels.fieldLegend(criteria)) + "\n"
  }

  /// Scorecards of `units`.
  public static func scorecards(_ results: YearResults, units: [Ranked<UnitScore>]) -> String {
    units.map { scorecard(Scorecard($0, in: results), results.criteria) }.joined(separator: "\n")
  }

  static func scorecard(_ card: Scorecard, _ criteria: CriteriaSet) -> String {
    let places = criteria.pointsPlaces
    var text = "## \(cell(card.unit.unit.id)) · \(cell(card.unit.unit.name)) (khối \(cell(card.unit.unit.group)))\n\n"
    text += "**\(card.headline(criteria))**\n\n"
    if let adjustments = card.adjustmentsLine(criteria) { text += adjustments + "\n\n" }
    if let rounds = card.roundsLine(criteria) { text += rounds + "\n\n" }
    text += "| Mã | Nội dung | Điểm | Tối đa | Nguồn | Ghi chú | Tài liệu kiểm chứng |\n|---|---|--:|--:|---|---|---|\n"
    for row in card.rows {
      let strong = row.leaf == nil ? "**" : ""
      let evidence = row.leaf?.evidence.map { cell(Scorecard.evidenceText($0)) }.joined(separator: "<br>") ?? ""
      text +=
        "| \(strong)\(cell(row.code))\(strong) | \(strong)\(cell(row.title))\(strong) | \(strong)\(Labels.points(row.points, places))\(strong)"
      text +=
        " | \(Labels.points(row.maxPoints, places)) | \(row.sourceLabel) | \(cell(row.notes.joined(separator: "; "))) | \(evidence) |\n"
    }
    if !card.improvements.isEmpty {
      text += "\n**Cần cải thiện** (mất nhiều điểm nhất trước)\n\n"
      for (position, item) in card.improvements.enumerated() {
        text +=
          "\(position + 1). **\(cell(item.code))** \(cell(item.title)): -\(Labels.points(item.lost, places)) điểm — \(cell(item.advice))\n"
      }
    }
    return text
  }

  /// Text safe inside a table cell: `|` escaped, line breaks as `<br>`.
  static func cell(_ text: String) -> String {
    var result = ""
    var previousCR = false
    for scalar in text.unicodeScalars {
      switch scalar {
      case "|": result += "\\|"
      case "\r": result += "<br>"
      case "\n": if !previousCR { result += "<br>" }
      default: result.unicodeScalars.append(scalar)
      }
      previousCR = scalar == "\r"
    }
    return result
  }
}
