/// A unit assessed: a commune (xã, phường, đặc khu) or a department (sở, ban, ngành).
public struct AssessedUnit: Sendable, Hashable {
  public var id: String
  public var name: String
  /// The ranking block (khối): units are ranked inside their group.
  public var group: String

  public init(id: String, name: String, group: String) { (self.id, self.name, self.group) = (id, name, group) }
}

/// Where a row came from, for explanations and error messages: its file (and worksheet) and
/// its line (or worksheet row).
public struct RowOrigin: Sendable, Hashable, CustomStringConvertible {
  /// The file, worksheet and header the row was read with.
  public let table: TableOrigin
  /// The physical line (text) or worksheet row; 0 for a row that no file holds.
  public let line: Int

  /// A row of a text file.
  public init(file: String, line: Int) { self.init(table: TableOrigin(file: file), line: line) }

  public init(table: TableOrigin, line: Int) { (self.table, self.line) = (table, line) }

  /// The file's path.
  public var file: String { table.file }

  /// Where the row's `column` is (`assessment.csv:14`, `assessment.xlsx:Sheet1!C14`), or the
  /// row itself for `nil`.
  public func location(of column: Column?) -> InputLocation { table.location(line: line, column: column) }

  public var description: String { location(of: nil).description }
}

/// One row of `assessment.csv` (tự chấm điểm) or `appraisal.csv` (thẩm định) for one leaf.
///
/// A value type whose fields live in one shared box, copied on write: a year holds about a
/// million rows and every leaf score keeps the rows that decided it, so a copy is one
/// reference count, not one per text field.
public struct LeafEntry: Sendable, Hashable {
  private struct Fields: Sendable, Hashable {
    var unitID: String
    var code: String
    var value: String?
    var points: FixedDecimal?
    var pointsText: String?
    var evidenceIDs: [String]
    var remark: String?
    var origin: RowOrigin
  }

  private var fields: SharedBox<Fields>

  public var unitID: String {
    get { fields.value.unitID }
    set { fields.value.unitID = newValue }
  }
  public var code: String {
    get { fields.value.code }
    set { fields.value.code = newValue }
  }
  /// The fact as written (trimmed, NFC), or `nil` when the row gives only points.
  public var value: String? {
    get { fields.value.value }
    set { fields.value.value = newValue }
  }
  /// The points written, exactly as parsed (not yet rounded), or `nil`.
  public var points: FixedDecimal? {
    get { fields.value.points }
    set { fields.value.points = newValue }
  }
  /// The points as written in the file (`1,5`), for messages.
  public var pointsText: String? {
    get { fields.value.pointsText }
    set { fields.value.pointsText = newValue }
  }
  /// Evidence ids (self-assessment only).
  public var evidenceIDs: [String] {
    get { fields.value.evidenceIDs }
    set { fields.value.evidenceIDs = newValue }
  }
  /// The note (self-assessment) or the council's reason (appraisal).
  public var remark: String? {
    get { fields.value.remark }
    set { fields.value.remark = newValue }
  }
  public var origin: RowOrigin {
    get { fields.value.origin }
    set { fields.value.origin = newValue }
  }

  public init(
    unitID: String, code: String, value: String?, points: FixedDecimal?, evidenceIDs: [String] = [],
    remark: String? = nil, origin: RowOrigin
  ) {
    self.init(
      unitID: unitID, code: code, value: value, points: points, pointsText: points?.description, evidenceIDs: evidenceIDs,
      remark: remark, origin: origin)
  }

  /// A row as read, with its points as written.
  init(
    unitID: String, code: String, value: String?, points: FixedDecimal?, pointsText: String?, evidenceIDs: [String],
    remark: String?, origin: RowOrigin
  ) {
    fields = SharedBox(Fields(
      unitID: unitID, code: code, value: value, points: points, pointsText: pointsText, evidenceIDs: evidenceIDs,
      remark: remark, origin: origin))
  }
}

/// An evidence document (tài liệu kiểm chứng) of one unit.
///
/// Its fields live in one shared box, copied on write (as ``LeafEntry``'s): leaf scores keep
/// the documents they cite.
public struct EvidenceDocument: Sendable, Hashable {
  private struct Fields: Sendable, Hashable {
    var id: String
    var unitID: String
    var title: String
    var documentNumber: String?
    var date: CalendarDate?
    var issuer: String?
    var location: String?
  }

  private var fields: SharedBox<Fields>

  public var id: String {
    get { fields.value.id }
    set { fields.value.id = newValue }
  }
  public var unitID: String {
    get { fields.value.unitID }
    set { fields.value.unitID = newValue }
  }
  public var title: String {
    get { fields.value.title }
    set { fields.value.title = newValue }
  }
  public var documentNumber: String? {
    get { fields.value.documentNumber }
    set { fields.value.documentNumber = newValue }
  }
  public var date: CalendarDate? {
    get { fields.value.date }
    set { fields.value.date = newValue }
  }
  public var issuer: String? {
    get { fields.value.issuer }
    set { fields.value.issuer = newValue }
  }
  public var location: String? {
    get { fields.value.location }
    set { fields.value.location = newValue }
  }

  public init(
    id: String, unitID: String, title: String, documentNumber: String? = nil, date: CalendarDate? = nil,
    issuer: String? = nil, location: String? = nil
  ) {
    fields = SharedBox(Fields(
      id: id, unitID: unitID, title: title, documentNumber: documentNumber, date: date, issuer: issuer, location: location))
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

/// One year of data for a set of units, read from a folder (docs/FORMATS.md §2).
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
  /// Each unit's row in the units file, for messages about a unit as a whole.
  public var unitRows: [String: RowOrigin] = [:]
  /// The files read, in the order read, with their form and encoding.
  public var inputs: [InputSummary] = []
  /// Values that are valid but almost certainly not what was meant, found while reading.
  public var warnings: [Diagnostic] = []

  public init(
    units: [AssessedUnit], selfAssessment: [String: [String: LeafEntry]] = [:],
    appraisal: [String: [String: LeafEntry]] = [:], evidence: [String: [String: EvidenceDocument]] = [:],
    survey: SurveyResults = SurveyResults(), adjustments: [String: [Adjustment]] = [:]
  ) {
    (self.units, self.selfAssessment, self.appraisal) = (units, selfAssessment, appraisal)
    (self.evidence, self.survey, self.adjustments) = (evidence, survey, adjustments)
  }
}
