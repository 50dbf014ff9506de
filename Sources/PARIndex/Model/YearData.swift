/// One year of data for a set of units (docs/FORMATS.md §2): read from a folder or from files
/// in memory by ``YearLoader``, or built in code with the validating initialiser. Read-only
/// outside this package.
public struct YearData: Sendable {
  /// Units in the order of the units file.
  public package(set) var units: [AssessedUnit]
  /// Self-assessment rows by unit id, then leaf code.
  ///
  /// A year read from files holds its rows packed; this table is built from them on each
  /// access (a million rows for the whole country): ask ``selfAssessment(of:)`` for one unit's.
  public package(set) var selfAssessment: [String: [String: LeafEntry]] {
    get { selfRows.byUnitID }
    set { selfRows = LeafRows(newValue) }
  }
  /// The appraisal rounds (vòng thẩm định) in order, each round's rows by unit id, then leaf
  /// code: one round for `appraisal.csv`, rounds 1, 2… for `appraisal-1.csv`, `appraisal-2.csv`…;
  /// none without an appraisal.
  ///
  /// Built on each access, as ``selfAssessment``: ``appraisalRoundCount`` says how many there are.
  public package(set) var appraisalRounds: [[String: [String: LeafEntry]]] {
    get { roundRows.map(\.byUnitID) }
    set { roundRows = newValue.map { LeafRows($0) } }
  }
  /// The self-assessment rows, as held.
  var selfRows = LeafRows()
  /// Each appraisal round's rows, as held.
  var roundRows: [LeafRows] = []

  /// The number of self-assessment rows.
  public var selfAssessmentRowCount: Int { selfRows.count }

  /// The number of appraisal rounds (0 without an appraisal).
  public var appraisalRoundCount: Int { roundRows.count }

  /// One unit's self-assessment rows by leaf code (none for an unknown unit).
  public func selfAssessment(of unitID: String) -> [String: LeafEntry] { selfRows.rows(ofUnit: unitID) }
  /// The units' explanations (giải trình) by unit id, in file order.
  public package(set) var explanations: [String: [UnitExplanation]] = [:]
  /// Evidence documents by unit id, then evidence id.
  ///
  /// Built on each access for a year read from files, as ``selfAssessment``: ask
  /// ``evidence(of:)`` for one unit's.
  public package(set) var evidence: [String: [String: EvidenceDocument]] {
    get { evidenceRows.byUnitID }
    set { evidenceRows = EvidenceRows(newValue) }
  }
  /// The evidence documents, as held.
  var evidenceRows = EvidenceRows()

  /// One unit's evidence documents by id (none for an unknown unit).
  public func evidence(of unitID: String) -> [String: EvidenceDocument] {
    evidenceRows.documents(ofUnit: unitID).byID
  }
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
  /// every row naming a listed unit, one row per unit and leaf in the assessment and in each
  /// appraisal round, evidence ids unique per unit, one explanation per unit, leaf and round.
  /// Whether codes are leaves of a criteria set, values suit their rules and explanations
  /// answer rounds the year holds is checked when the year is scored
  /// (``Assessment/run(criteria:data:threads:)``), with every problem thrown at once.
  ///
  /// - Parameter units: the units, in the order of the units file; ids unique.
  /// - Parameter assessment: the self-assessment rows, one per unit and leaf.
  /// - Parameter appraisal: one appraisal round (`appraisal.csv`).
  /// - Parameter appraisalRounds: rounds in order (`appraisal-1.csv`, `appraisal-2.csv`…), instead
  ///   of `appraisal`; both at once is an error.
  /// - Parameter evidence: the units' evidence documents, ids unique per unit.
  /// - Parameter survey: the survey, aggregated.
  /// - Parameter adjustments: bonus and penalty rows.
  /// - Parameter explanations: the units' explanations, one per unit, leaf and round.
  public init(
    units: [AssessedUnit], assessment: [LeafEntry] = [], appraisal: [LeafEntry] = [],
    appraisalRounds: [[LeafEntry]] = [], evidence: [EvidenceDocument] = [], survey: SurveyResults = SurveyResults(),
    adjustments: [Adjustment] = [], explanations: [UnitExplanation] = []
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
    if !appraisal.isEmpty && !appraisalRounds.isEmpty {
      problems.append(Diagnostic(.appraisalFormsMixed(other: "appraisal-1"), at: InputLocation(file: "appraisal")))
    }
    let rounds = (appraisal.isEmpty ? appraisalRounds : [appraisal]).map(rows)
    var explained: [String: [UnitExplanation]] = [:]
    var explainedKeys: Set<[String]> = []
    for explanation in explanations where known(explanation.unitID, explanation.origin) {
      if !explainedKeys.insert([explanation.unitID, explanation.code, String(explanation.round)]).inserted {
        problems.append(
          Diagnostic(
            .duplicateRow(unit: explanation.unitID, first: .at("explanation")),
            at: explanation.origin.location(of: nil), field: "code", value: explanation.code))
      }
      explained[explanation.unitID, default: []].append(explanation)
    }
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
      units: units, selfAssessment: selfRows, appraisalRounds: rounds, evidence: documents, survey: survey,
      adjustments: adjustmentRows)
    self.explanations = explained
  }

  /// A year whose rows the caller has checked (the loader) or will have checked when scored.
  package init(
    units: [AssessedUnit], selfAssessment: [String: [String: LeafEntry]],
    appraisal: [String: [String: LeafEntry]] = [:], evidence: [String: [String: EvidenceDocument]] = [:],
    survey: SurveyResults = SurveyResults(), adjustments: [String: [Adjustment]] = [:]
  ) {
    self.init(
      units: units, selfAssessment: selfAssessment, appraisalRounds: appraisal.isEmpty ? [] : [appraisal],
      evidence: evidence, survey: survey, adjustments: adjustments)
  }

  /// A year in rounds whose rows the caller has checked.
  package init(
    units: [AssessedUnit], selfAssessment: [String: [String: LeafEntry]],
    appraisalRounds: [[String: [String: LeafEntry]]], evidence: [String: [String: EvidenceDocument]] = [:],
    survey: SurveyResults = SurveyResults(), adjustments: [String: [Adjustment]] = [:]
  ) {
    (self.units, selfRows, roundRows) = (units, LeafRows(selfAssessment), appraisalRounds.map { LeafRows($0) })
    (evidenceRows, self.survey, self.adjustments) = (EvidenceRows(evidence), survey, adjustments)
  }

  /// The row that decides each appraised (unit, leaf): the latest round's that has one. Setting
  /// it (package code: tests, what-if) makes the year one round of those rows.
  public package(set) var appraisal: [String: [String: LeafEntry]] {
    get {
      guard roundRows.count > 1 else { return roundRows.first?.byUnitID ?? [:] }
      // Each round's table made once, later rounds' rows winning, as `latestAppraisal(of:)` does.
      var merged: [String: [String: LeafEntry]] = [:]
      for round in roundRows {
        for (unitID, rows) in round.byUnitID { merged[unitID, default: [:]].merge(rows) { _, later in later } }
      }
      return merged
    }
    set { appraisalRounds = newValue.isEmpty ? [] : [newValue] }
  }

  /// The latest round's row for each of the unit's appraised leaves.
  func latestAppraisal(of unitID: String) -> [String: LeafEntry] {
    guard roundRows.count > 1 else { return roundRows.first?.rows(ofUnit: unitID) ?? [:] }
    var rows: [String: LeafEntry] = [:]
    for round in roundRows { rows.merge(round.rows(ofUnit: unitID)) { _, later in later } }
    return rows
  }

  /// The year as it stood after appraisal round `round` (0: the self-assessment alone): later
  /// rounds left out, and the explanations that answer them or the round itself.
  /// - Returns: `nil` when `round` is negative or beyond the rounds held.
  public func asOfRound(_ round: Int) -> YearData? {
    guard round >= 0 && round <= roundRows.count else { return nil }
    var year = self
    year.roundRows = Array(roundRows.prefix(round))
    year.explanations = explanations.compactMapValues { list in
      let kept = list.filter { $0.round < round }
      return kept.isEmpty ? nil : kept
    }
    return year
  }

  /// A year with `rows` as a last round: what-if values, which win as an appraisal would.
  package func overriding(_ rows: [String: [String: LeafEntry]]) -> YearData {
    var year = self
    year.roundRows.append(LeafRows(rows))
    return year
  }
}

extension YearData {
  /// What the rows must satisfy against `criteria` that the loader checks while reading:
  /// codes that are leaves of the set, no self-assessment of a survey leaf, adjustments only
  /// when the set caps them. Empty for data the loader read against this set.
  func problems(against criteria: CriteriaSet) -> [Diagnostic] {
    guard checkedAgainst != criteria.fingerprint else { return [] }
    var problems: [Diagnostic] = []
    for (rows, isAppraisal) in [(selfAssessment, false)] + appraisalRounds.map({ ($0, true) }) {
      // Read against another set: every row is checked against this one, by code.
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
    for unitID in explanations.keys.sorted() {
      for explanation in explanations[unitID]! {
        let location = explanation.origin.location(of: nil)
        if criteria.leafIndex(of: explanation.code) == nil {
          problems.append(
            Diagnostic(.unknownCode(criteria: criteria.id), at: location, field: "code", value: explanation.code))
        }
        if explanation.round > roundRows.count {
          problems.append(
            Diagnostic(
              .explanationRound(rounds: roundRows.count), at: location, field: "round",
              value: String(explanation.round)))
        }
      }
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
