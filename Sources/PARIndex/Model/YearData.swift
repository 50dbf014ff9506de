/// A unit assessed: a commune (xã, phường, đặc khu) or a department (sở, ban, ngành).
public struct AssessedUnit: Sendable, Hashable {
  public var id: String
  public var name: String
  /// The ranking block (khối): units are ranked inside their group.
  public var group: String

  public init(id: String, name: String, group: String) { (self.id, self.name, self.group) = (id, name, group) }
}

/// Where a row came from, for explanations and error messages.
public struct RowOrigin: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int

  public init(file: String, line: Int) { (self.file, self.line) = (file, line) }

  public var description: String { "\(file):\(line)" }
}

/// One row of `assessment.csv` (tự chấm điểm) or `appraisal.csv` (thẩm định) for one leaf.
public struct LeafEntry: Sendable, Hashable {
  public var unitID: String
  public var code: String
  /// The fact as written (trimmed, NFC), or `nil` when the row gives only points.
  public var value: String?
  /// The points written, exactly as parsed (not yet rounded), or `nil`.
  public var points: FixedDecimal?
  /// The points as written in the file (`1,5`), for messages.
  public var pointsText: String?
  /// Evidence ids (self-assessment only).
  public var evidenceIDs: [String]
  /// The note (self-assessment) or the council's reason (appraisal).
  public var remark: String?
  public var origin: RowOrigin

  public init(
    unitID: String, code: String, value: String?, points: FixedDecimal?, evidenceIDs: [String] = [],
    remark: String? = nil, origin: RowOrigin
  ) {
    (self.unitID, self.code, self.value, self.points) = (unitID, code, value, points)
    (self.evidenceIDs, self.remark, self.origin) = (evidenceIDs, remark, origin)
    pointsText = points?.description
  }
}

/// An evidence document (tài liệu kiểm chứng) of one unit.
public struct EvidenceDocument: Sendable, Hashable {
  public var id: String
  public var unitID: String
  public var title: String
  public var documentNumber: String?
  public var date: CalendarDate?
  public var issuer: String?
  public var location: String?

  public init(
    id: String, unitID: String, title: String, documentNumber: String? = nil, date: CalendarDate? = nil,
    issuer: String? = nil, location: String? = nil
  ) {
    (self.id, self.unitID, self.title, self.documentNumber) = (id, unitID, title, documentNumber)
    (self.date, self.issuer, self.location) = (date, issuer, location)
  }
}

/// A bonus (điểm thưởng) or penalty (điểm trừ) row.
public struct Adjustment: Sendable, Hashable {
  public enum Kind: String, Sendable { case bonus, penalty }

  public var unitID: String
  public var kind: Kind
  public var points: FixedDecimal
  public var reason: String?
  public var origin: RowOrigin

  public init(unitID: String, kind: Kind, points: FixedDecimal, reason: String?, origin: RowOrigin) {
    (self.unitID, self.kind, self.points, self.reason, self.origin) = (unitID, kind, points, reason, origin)
  }
}

/// One year of data for a set of units, read from a folder (FORMATS §2).
public struct YearData: Sendable {
  /// Units in the order of `units.csv`.
  public var units: [AssessedUnit]
  /// Self-assessment rows by unit id, then leaf code.
  public var selfAssessment: [String: [String: LeafEntry]]
  /// Appraisal rows by unit id, then leaf code.
  public var appraisal: [String: [String: LeafEntry]]
  /// Evidence documents by unit id, then evidence id.
  public var evidence: [String: [String: EvidenceDocument]]
  /// Survey results aggregated per unit and group.
  public var survey: SurveyResults
  /// Adjustments by unit id, in file order.
  public var adjustments: [String: [Adjustment]]
  /// The units file's path and each unit's line in it, for messages about a unit as a whole.
  public var unitsFile = "units.csv"
  public var unitLines: [String: Int] = [:]

  public init(
    units: [AssessedUnit], selfAssessment: [String: [String: LeafEntry]] = [:],
    appraisal: [String: [String: LeafEntry]] = [:], evidence: [String: [String: EvidenceDocument]] = [:],
    survey: SurveyResults = SurveyResults(), adjustments: [String: [Adjustment]] = [:]
  ) {
    (self.units, self.selfAssessment, self.appraisal) = (units, selfAssessment, appraisal)
    (self.evidence, self.survey, self.adjustments) = (evidence, survey, adjustments)
  }
}
