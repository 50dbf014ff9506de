/// Reading the files of a year one by one — from a path or from memory — for programs that
/// receive them separately, and for the benchmark that times each. ``YearLoader/load(folder:criteria:options:)``
/// does all of it.
extension YearLoader {
  /// Reads a units file (`units.csv`, `.txt`).
  public static func readUnits(
    _ file: InputData, criteria: CriteriaSet, encoding: TextEncoding = .utf8
  ) throws(Diagnostics)
    -> [AssessedUnit]
  {
    try table(file, .units, encoding).units(RowReader(criteria: criteria)).0
  }

  /// Reads an assessment file (or, with `appraisal: true`, an appraisal file).
  public static func readEntries(
    _ file: InputData, criteria: CriteriaSet, units: [AssessedUnit], appraisal: Bool, encoding: TextEncoding = .utf8
  ) throws(Diagnostics) -> [String: [String: LeafEntry]] {
    let reader = reader(criteria, units)
    var collector = RowReader.EntryCollector(units: units, codes: criteria.leaves.map(\.code))
    var log = DiagnosticLog()
    try table(file, appraisal ? .appraisal : .assessment, encoding).leafEntries(
      reader, isAppraisal: appraisal, into: &collector, log: &log)
    try log.throwIfAny()
    return collector.finish().byUnitID
  }

  /// Reads an evidence file.
  public static func readEvidence(
    _ file: InputData, criteria: CriteriaSet, units: [AssessedUnit], encoding: TextEncoding = .utf8
  )
    throws(Diagnostics) -> [String: [String: EvidenceDocument]]
  {
    var collector = RowReader.EvidenceCollector(units: units)
    var log = DiagnosticLog()
    try table(file, .evidence, encoding).evidence(
      reader(criteria, units), into: &collector, log: &log, year: criteria.year)
    try log.throwIfAny()
    return collector.finish().byUnitID
  }

  /// Reads an adjustments file.
  public static func readAdjustments(
    _ file: InputData, criteria: CriteriaSet, units: [AssessedUnit], encoding: TextEncoding = .utf8
  )
    throws(Diagnostics) -> [String: [Adjustment]]
  {
    var result: [String: [Adjustment]] = [:]
    var log = DiagnosticLog()
    try table(file, .adjustments, encoding).adjustments(reader(criteria, units), into: &result, log: &log)
    try log.throwIfAny()
    return result
  }

  /// Reads a survey file into per-unit tallies.
  public static func readSurvey(
    _ file: InputData, criteria: CriteriaSet, units: [AssessedUnit], encoding: TextEncoding = .utf8
  )
    throws(Diagnostics) -> SurveyResults
  {
    try PartReader.survey(
      part(file), criteria: criteria, units: units, reader: reader(criteria, units),
      options: LoadOptions(encoding: encoding)
    ).0
  }

  // The same from paths; the survey is streamed, never held whole.

  /// Reads the units file at `path`.
  public static func readUnits(at path: String, criteria: CriteriaSet) throws(Diagnostics) -> [AssessedUnit] {
    try readUnits(data(path), criteria: criteria)
  }

  /// Reads the assessment (or appraisal) file at `path`.
  public static func readEntries(
    at path: String, criteria: CriteriaSet, units: [AssessedUnit], appraisal: Bool
  ) throws(Diagnostics)
    -> [String: [String: LeafEntry]]
  {
    try readEntries(data(path), criteria: criteria, units: units, appraisal: appraisal)
  }

  /// Reads the evidence file at `path`.
  public static func readEvidence(
    at path: String, criteria: CriteriaSet, units: [AssessedUnit]
  ) throws(Diagnostics)
    -> [String: [String: EvidenceDocument]]
  {
    try readEvidence(data(path), criteria: criteria, units: units)
  }

  /// Reads the adjustments file at `path`.
  public static func readAdjustments(
    at path: String, criteria: CriteriaSet, units: [AssessedUnit]
  ) throws(Diagnostics)
    -> [String: [Adjustment]]
  {
    try readAdjustments(data(path), criteria: criteria, units: units)
  }

  /// Streams the survey file at `path` into per-unit tallies.
  public static func readSurvey(
    at path: String, criteria: CriteriaSet, units: [AssessedUnit]
  ) throws(Diagnostics) -> SurveyResults {
    let part = YearFiles.Part(name: path, source: .path(path), isWorkbook: path.lowercased().hasSuffix(".xlsx"))
    return try PartReader.survey(
      part, criteria: criteria, units: units, reader: reader(criteria, units), options: LoadOptions()
    ).0
  }

  private static func reader(_ criteria: CriteriaSet, _ units: [AssessedUnit]) -> RowReader {
    let reader = RowReader(criteria: criteria)
    reader.units = units
    return reader
  }

  private static func table(
    _ file: InputData, _ kind: YearFileKind, _ encoding: TextEncoding
  ) throws(Diagnostics) -> OpenedTable {
    try PartReader.open(part(file), kind: kind, encoding: encoding).0
  }

  /// A file in memory as a part of a year: a workbook when its name ends in `.xlsx`.
  private static func part(_ file: InputData) -> YearFiles.Part {
    YearFiles.Part(name: file.name, source: .memory(file.bytes), isWorkbook: file.name.lowercased().hasSuffix(".xlsx"))
  }

  private static func data(_ path: String) throws(Diagnostics) -> InputData { try InputData.read(path) }
}
