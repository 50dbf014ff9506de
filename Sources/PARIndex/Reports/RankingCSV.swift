/// The ranking table as CSV (docs/FORMATS.md §3), byte for byte what other tools read:
/// `group,rank,unit_id,name,<field codes…>,total,max,index,class`, groups in order of first
/// appearance, then rank, then unit id; fixed decimals.
public enum RankingCSV {
  /// The table of every group (only `group`'s, when given), written in `dialect`.
  public static func render<Score: ScoredUnit>(
    _ results: RankedYear<Score>, dialect: CSVWriter.Dialect = .plain, group: String? = nil
  ) -> String {
    let criteria = results.criteria
    var writer = CSVWriter(dialect: dialect)
    writer.row(["group", "rank", "unit_id", "name"] + criteria.items.map(\.code) + ["total", "max", "index", "class"])
    for rankedGroup in results.groups where group == nil || rankedGroup.name == group {
      for ranked in rankedGroup.units {
        let score = ranked.totals
        let fields = score.fieldPoints.map { writer.number($0, places: criteria.pointsPlaces) }
        writer.row(
          [score.unit.group, String(ranked.rank), score.unit.id, score.unit.name] + fields + [
            writer.number(score.total, places: criteria.pointsPlaces),
            writer.number(score.maxPoints, places: criteria.pointsPlaces),
            writer.number(score.index, places: criteria.indexPlaces),
            score.classLabel,
          ])
      }
    }
    return writer.output
  }
}
