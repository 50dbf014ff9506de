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
    try loadCriteria(InputData.read(path))
  }

  /// Reads and validates a criteria set from memory.
  public static func loadCriteria(_ file: InputData) throws(Diagnostics) -> CriteriaSet {
    try CriteriaSetDecoder.decode(file.bytes, file: file.name)
  }

  /// The most leaf scores a ``YearResults`` holds (units × leaves): about 1 GiB of scores,
  /// some 30 times a country of 3,300 communes with 100 leaves each. A larger year is ranked on
  /// totals (``rank(criteria:data:threads:)``), which keeps nothing per leaf.
  public static let leafScoreLimit = 10_000_000

  /// Scores, classifies and ranks a year of data already loaded, keeping every leaf's score.
  /// - Parameter criteria: the set to score against.
  /// - Parameter data: the year, loaded or built in code (checked against `criteria` first).
  /// - Parameter threads: how many threads to use (`nil`: the machine's cores). Results are
  ///   identical for any number: work is split by unit or by record and joined in order.
  /// - Throws: ``Diagnostics`` with every problem of the data; `E-TOO-MANY-SCORES` before
  ///   anything is scored when units × leaves is above ``leafScoreLimit``.
  public static func run(criteria: CriteriaSet, data: YearData, threads: Int? = nil) throws(Diagnostics) -> YearResults
  {
    let (units, leaves) = (data.units.count, criteria.leaves.count)
    if units.multipliedReportingOverflow(by: leaves).partialValue > leafScoreLimit || units > leafScoreLimit {
      throw Diagnostics([
        Diagnostic(
          .tooManyScores(units: units, leaves: leaves, limit: leafScoreLimit), at: InputLocation(file: criteria.id))
      ])
    }
    let (scores, warnings) = try Scorer(criteria: criteria, threads: threads).scoreWithWarnings(data)
    return YearResults(
      criteria: criteria, groups: Ranking.rank(scores), warnings: data.warnings + warnings, inputs: data.inputs,
      appraisalRounds: data.appraisalRoundCount)
  }

  /// Scores, classifies and ranks a year, keeping each unit's totals only (every leaf is still
  /// scored and checked): a ranking of the whole country.
  public static func rank(criteria: CriteriaSet, data: YearData, threads: Int? = nil) throws(Diagnostics) -> YearTotals
  {
    let (totals, warnings) = try Scorer(criteria: criteria, threads: threads).totalsWithWarnings(data)
    return YearTotals(
      criteria: criteria, groups: Ranking.rank(totals), warnings: data.warnings + warnings, inputs: data.inputs,
      appraisalRounds: data.appraisalRoundCount)
  }

  /// Loads the year folder at `folder` and runs it.
  public static func run(
    criteria: CriteriaSet, folder: String, options: LoadOptions = LoadOptions()
  ) throws(Diagnostics)
    -> YearResults
  {
    try run(
      criteria: criteria, data: YearLoader.load(folder: folder, criteria: criteria, options: options),
      threads: options.threads)
  }

  /// Loads a year from files in memory (named as in a year folder) and runs it.
  public static func run(
    criteria: CriteriaSet, files: [InputData], options: LoadOptions = LoadOptions()
  ) throws(Diagnostics)
    -> YearResults
  {
    try run(
      criteria: criteria, data: YearLoader.load(files: files, criteria: criteria, options: options),
      threads: options.threads)
  }

  /// Loads the year folder at `folder` and ranks it on totals only. Documents are read without
  /// their texts, which totals never print (``LoadOptions/documentTexts``).
  public static func rank(
    criteria: CriteriaSet, folder: String, options: LoadOptions = LoadOptions()
  ) throws(Diagnostics)
    -> YearTotals
  {
    // Totals print no document: their texts are not kept.
    var options = options
    options.documentTexts = false
    return try rank(
      criteria: criteria, data: YearLoader.load(folder: folder, criteria: criteria, options: options),
      threads: options.threads)
  }

  /// Loads a year from files in memory (named as in a year folder) and ranks it on totals only,
  /// documents without their texts.
  public static func rank(
    criteria: CriteriaSet, files: [InputData], options: LoadOptions = LoadOptions()
  ) throws(Diagnostics)
    -> YearTotals
  {
    // Totals print no document: their texts are not kept.
    var options = options
    options.documentTexts = false
    return try rank(
      criteria: criteria, data: YearLoader.load(files: files, criteria: criteria, options: options),
      threads: options.threads)
  }
}
