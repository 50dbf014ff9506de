/// One year of data for a set of units (docs/FORMATS.md §2): read from a folder or from files
/// in memory by ``YearLoader``, or built in code with the validating initialiser. Read-only
/// outside this package.
public struct YearData: Sendable {
  /// Units in the order of the units file.
  public package(set) var units: [AssessedUnit]
  /// Self-assessment rows by unit id, then leaf code.
  public package(set) var selfAssessment: [String: [String: LeafEntry]]
  /// Appraisal rows by unit id, then leaf code.
  public package(set) var appraisal: [String: [String: LeafEntry]]
  /// Evidence documents by unit id, then evidence id.
  public package(set) var evidence: [String: [String: EvidenceDocument]]
  /// Survey results aggregated per unit and group.
  public package(set) var survey: SurveyResults
  /// Adjustments by unit id, in file order.
  public package(set) var adjustments: [String: [Adjustment]]
  /// Each unit's row in the units file, for messages about a unit as a whole.
  public package(set) var unitRows: [String: RowOrigin] = [:]
  /// The files read, in the order read, with their form and encoding.
  public package(set) var inputs: [InputSummary] = []
  /// Values that are valid but almost certainly not what was meant, found while reading.
  public package(set) var warnings: [Diagnostic] = []
  /// The criteria set the rows were checked against while reading (``CriteriaSet/fingerprint``),
  /// so that scoring need not check them again; `nil` for data built in code.
  package var checkedAgainst: String?

  /// A year built in code, checked as the files' rows are among themselves: unit ids unique,
  /// every row naming a listed unit, one row per unit and leaf in each of assessment and
  /// appraisal, evidence ids unique per unit. Whether codes are leaves of a criteria set and
  /// values suit their rules is checked when the year is scored (``Assessment/run(criteria:data:threads:)``),
  /// with every problem thrown at once.
  public init(
    units: [AssessedUnit], assessment: [LeafEntry] = [], appraisal: [LeafEntry] = [],
    evidence: [EvidenceDocument] = [], survey: SurveyResults = SurveyResults(), adjustments: [Adjustment] = []
  ) throws(Diagnostics) {
    var problems: [Diagnostic] = []
    var listed: Set<String> = []
    for unit in units where !listed.insert(unit.id).inserted {
      problems.append(
        Diagnostic(
          .duplicateUnit(first: .at("units")), at: InputLocation(file: "units"), field: "unit_id", value: unit.id))
    }
    func known(_ unitID: String, _ origin: RowOrigin) -> Bool {
      if listed.contains(unitID) { return true }
      problems.append(
        Diagnostic(.unknownUnit(unitsFile: "units"), at: origin.location(of: nil), field: "unit_id", value: unitID))
      return false
    }
    func rows(_ entries: [LeafEntry]) -> [String: [String: LeafEntry]] {
      var result: [String: [String: LeafEntry]] = [:]
      for entry in entries where known(entry.unitID, entry.origin) {
        if let first = result[entry.unitID]?[entry.code] {
          problems.append(
            Diagnostic(
              .duplicateRow(unit: entry.unitID, first: .at(first.origin.description)),
              at: entry.origin.location(of: nil),
              field: "code", value: entry.code))
        } else {
          result[entry.unitID, default: [:]][entry.code] = entry
        }
      }
      return result
    }
    let selfRows = rows(assessment)
    let appraisalRows = rows(appraisal)
    var documents: [String: [String: EvidenceDocument]] = [:]
    for document in evidence where known(document.unitID, RowOrigin(file: "evidence", line: 0)) {
      if documents[document.unitID]?[document.id] != nil {
        problems.append(
          Diagnostic(
            .duplicateEvidence(unit: document.unitID, first: .at("evidence")), at: InputLocation(file: "evidence"),
            field: "evidence_id", value: document.id))
      }
      documents[document.unitID, default: [:]][document.id] = document
    }
    var adjustmentRows: [String: [Adjustment]] = [:]
    for adjustment in adjustments where known(adjustment.unitID, adjustment.origin) {
      adjustmentRows[adjustment.unitID, default: []].append(adjustment)
    }
    for unitID in survey.tallies.keys.sorted() where !listed.contains(unitID) {
      problems.append(
        Diagnostic(.unknownUnit(unitsFile: "units"), at: InputLocation(file: "survey"), field: "unit_id", value: unitID)
      )
    }
    if units.isEmpty { problems.append(Diagnostic(.noUnits, at: InputLocation(file: "units"))) }
    guard problems.isEmpty else { throw Diagnostics(problems) }
    self.init(
      units: units, selfAssessment: selfRows, appraisal: appraisalRows, evidence: documents, survey: survey,
      adjustments: adjustmentRows)
  }

  /// A year whose rows the caller has checked (the loader) or will have checked when scored.
  package init(
    units: [AssessedUnit], selfAssessment: [String: [String: LeafEntry]],
    appraisal: [String: [String: LeafEntry]] = [:], evidence: [String: [String: EvidenceDocument]] = [:],
    survey: SurveyResults = SurveyResults(), adjustments: [String: [Adjustment]] = [:]
  ) {
    (self.units, self.selfAssessment, self.appraisal) = (units, selfAssessment, appraisal)
    (self.evidence, self.survey, self.adjustments) = (evidence, survey, adjustments)
  }
}

extension YearData {
  /// What the rows must satisfy against `criteria` that the loader checks while reading:
  /// codes that are leaves of the set, no self-assessment of a survey leaf, adjustments only
  /// when the set caps them. Empty for data the loader read against this set.
  func problems(against criteria: CriteriaSet) -> [Diagnostic] {
    guard checkedAgainst != criteria.fingerprint else { return [] }
    var problems: [Diagnostic] = []
    for (rows, isAppraisal) in [(selfAssessment, false), (appraisal, true)] {
      for unitID in rows.keys.sorted() {
        for (code, entry) in rows[unitID]!.sorted(by: { $0.key < $1.key }) {
          let location = entry.origin.location(of: nil)
          guard let index = criteria.leafIndex(of: code) else {
            problems.append(Diagnostic(.unknownCode(criteria: criteria.id), at: location, field: "code", value: code))
            continue
          }
          if !isAppraisal, case .survey(let group) = criteria.leaves[index].rule {
            problems.append(Diagnostic(.surveyLeafSelfAssessed(group: group), at: location, field: "code", value: code))
          }
          if entry.unitID != unitID || entry.code != code {
            problems.append(
              Diagnostic(.unknownUnit(unitsFile: "units"), at: location, field: "unit_id", value: entry.unitID))
          }
        }
      }
    }
    if criteria.adjustmentCaps == nil, let first = adjustments.values.first(where: { !$0.isEmpty })?.first {
      problems.append(Diagnostic(.noAdjustmentCaps(criteria: criteria.id), at: first.origin.location(of: nil)))
    }
    let groups = Set(criteria.survey?.groups.map(\.key) ?? [])
    for unitID in survey.tallies.keys.sorted() {
      for group in survey.tallies[unitID]!.keys.sorted() where !groups.contains(group) {
        problems.append(
          Diagnostic(
            .noSurveyBlock(criteria: criteria.id), at: InputLocation(file: "survey"), field: "group", value: group))
      }
    }
    return problems
  }
}
