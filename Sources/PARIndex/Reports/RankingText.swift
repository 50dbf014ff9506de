/// The ranking table for people (Vietnamese labels): one table per group.
public enum RankingText {
  /// The set's title and status, then every group's table (only `group`'s, when given).
  public static func render<Score: ScoredUnit>(_ results: RankedYear<Score>, group: String? = nil) -> String {
    let criteria = results.criteria
    var text =
      "\(criteria.title)\n\(criteria.id) · \(Labels.status(criteria)) · năm \(criteria.year)\n"
    for rankedGroup in results.groups where group == nil || rankedGroup.name == group {
      text += "\nKhối \(rankedGroup.name) (\(rankedGroup.units.count) đơn vị)\n"
      var table = TextTable(
        headers: ["Hạng", "Mã", "Đơn vị"] + criteria.items.map { "LV\($0.code)" } + [
          "Tổng", "Tối đa", "Chỉ số %", "Xếp loại",
        ],
        alignments: [.right, .left, .left] + criteria.items.map { _ in .right } + [.right, .right, .right, .left])
      for ranked in rankedGroup.units {
        let score = ranked.totals
        table.rows.append(
          [String(ranked.rank), score.unit.id, score.unit.name]
            + score.fieldPoints.map { $0.formatted(places: criteria.pointsPlaces, decimalSeparator: ",") }
            + [
              score.total.formatted(places: criteria.pointsPlaces, decimalSeparator: ","),
              score.maxPoints.formatted(places: criteria.pointsPlaces, decimalSeparator: ","),
              score.index.formatted(places: criteria.indexPlaces, decimalSeparator: ","), score.classLabel,
            ])
      }
      text += table.rendered()
    }
    return text + "\n" + Labels.fieldLegend(criteria) + "\n"
  }
}
