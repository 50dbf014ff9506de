/// Reading the files of a year one by one — for programs that receive them separately, and
/// for the benchmark that times each. ``YearLoader/load(folder:criteria:)`` does all of it.
extension YearLoader {
  /// Reads `units.csv`.
  public static func readUnits(at path: String, criteria: CriteriaSet) throws(Diagnostics) -> [AssessedUnit] {
    try RowReader(criteria: criteria).units(file: path, bytes: bytes(path)).0
  }

  /// Reads `assessment.csv` (or, with `appraisal: true`, `appraisal.csv`).
  public static func readEntries(at path: String, criteria: CriteriaSet, units: [AssessedUnit], appraisal: Bool) throws(Diagnostics) -> [String: [String: LeafEntry]] {
    try reader(criteria, units).leafEntries(file: path, bytes: bytes(path), isAppraisal: appraisal)
  }

  /// Reads `evidence.csv`.
  public static func readEvidence(at path: String, criteria: CriteriaSet, units: [AssessedUnit]) throws(Diagnostics) -> [String: [String: EvidenceDocument]] {
    try reader(criteria, units).evidence(file: path, bytes: bytes(path))
  }

  /// Reads `adjustments.csv`.
  public static func readAdjustments(at path: String, criteria: CriteriaSet, units: [AssessedUnit]) throws(Diagnostics) -> [String: [Adjustment]] {
    try reader(criteria, units).adjustments(file: path, bytes: bytes(path))
  }

  /// Streams `survey.csv` into per-unit tallies.
  public static func readSurvey(at path: String, criteria: CriteriaSet, units: [AssessedUnit]) throws(Diagnostics) -> SurveyResults {
    try SurveyAggregator.aggregate(path: path, criteria: criteria, unitIDs: units.map(\.id))
  }

  private static func reader(_ criteria: CriteriaSet, _ units: [AssessedUnit]) -> RowReader {
    let reader = RowReader(criteria: criteria)
    reader.units = units
    return reader
  }

  private static func bytes(_ path: String) throws(Diagnostics) -> [UInt8] {
    do { return try InputFile.read(path) } catch { throw Diagnostics([error]) }
  }
}
