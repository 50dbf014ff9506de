/// The results of one year: every unit scored, classified and ranked in its group.
public struct YearResults: Sendable {
  public var criteria: CriteriaSet
  /// Groups in order of first appearance in `units.csv`, units in rank order.
  public var groups: [Ranking.Group]

  public init(criteria: CriteriaSet, groups: [Ranking.Group]) { (self.criteria, self.groups) = (criteria, groups) }

  /// Every unit, group by group, in rank order.
  public var rankedUnits: [UnitScore] { groups.flatMap(\.units) }

  /// The unit with `id`, if any.
  public func unit(_ id: String) -> UnitScore? { rankedUnits.first { $0.unit.id == id } }
}

/// The main entry points: from files or values to ``YearResults``.
///
/// ```swift
/// let criteria = try Assessment.loadCriteria(at: "criteria/commune-2025.json")
/// let results = try Assessment.run(criteria: criteria, folder: "Examples/2025/communes")
/// for group in results.groups {
///   for unit in group.units { print(unit.rank, unit.unit.name, unit.index, unit.classLabel) }
/// }
/// ```
public enum Assessment {
  /// Reads and validates a criteria set file.
  public static func loadCriteria(at path: String) throws(Diagnostics) -> CriteriaSet {
    let bytes: [UInt8]
    do { bytes = try InputFile.read(path) } catch { throw Diagnostics([error]) }
    return try CriteriaSetDecoder.decode(bytes, file: path)
  }

  /// Scores, classifies and ranks a year of data already loaded.
  /// - Parameters:
  ///   - threads: how many threads to use (`nil`: the machine's cores). Results are
  ///     identical for any number: work is split by unit or by record and joined in order.
  ///   - detail: `.totals` to keep no leaf scores (a ranking needs none).
  public static func run(criteria: CriteriaSet, data: YearData, threads: Int? = nil, detail: Scorer.Detail = .leaves) throws(Diagnostics) -> YearResults {
    let scores = try Scorer(criteria: criteria, threads: threads, detail: detail).score(data)
    return YearResults(criteria: criteria, groups: Ranking.rank(scores))
  }

  /// Loads the year folder at `folder` and runs it.
  public static func run(criteria: CriteriaSet, folder: String, threads: Int? = nil, detail: Scorer.Detail = .leaves) throws(Diagnostics) -> YearResults {
    let data = try YearLoader.load(folder: folder, criteria: criteria, threads: threads)
    return try run(criteria: criteria, data: data, threads: threads, detail: detail)
  }
}
