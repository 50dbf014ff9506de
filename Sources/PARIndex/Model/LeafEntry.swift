/// One row of `assessment.csv` (tự chấm điểm) or `appraisal.csv` (thẩm định) for one leaf.
///
/// A value type that is a handle: a row read from a file is its place in the file's packed
/// rows, a row built in code one shared box of its fields. A year holds about a million rows
/// and every leaf score keeps the rows that decided it, so a copy is one reference count, not
/// one per text field. Read-only; a row says a value, points, or both (``Claim``).
public struct LeafEntry: Sendable, Hashable {
  /// What a row says about its leaf: the fact, the points, or both (the points then are
  /// what the unit claims the fact earns, checked against the rule).
  public enum Claim: Sendable, Hashable {
    /// Only the fact (`value`): the rule gives the points.
    case value(String)
    /// Only points (`points`), checked to be points the rule can give.
    case points(FixedDecimal)
    /// The fact and the points claimed for it: the points the fact earns count.
    case valueAndPoints(String, FixedDecimal)

    /// The fact as written, if the row gives one.
    public var value: String? {
      switch self {
      case .value(let value), .valueAndPoints(let value, _): value
      case .points: nil
      }
    }

    /// The points written, if the row gives them.
    public var points: FixedDecimal? {
      switch self {
      case .points(let points), .valueAndPoints(_, let points): points
      case .value: nil
      }
    }
  }

  private struct Fields: Sendable, Hashable {
    var unitID: String
    var code: String
    var claim: Claim
    var pointsText: String?
    var evidenceIDs: [String]
    var remark: String?
    var appraiser: String?
    var date: CalendarDate?
    var origin: RowOrigin
  }

  /// A row built in code keeps its fields in a box of its own; a row read from a file is its
  /// index in the file's packed rows (``LeafRowColumns``), with nothing allocated for it.
  private let storage: PackedOrBoxed<Fields, LeafRowColumns>

  /// The unit the row is for.
  public var unitID: String { storage.read({ $0.unitID }, { $0.unitID($1) }) }
  /// The leaf's code (mã tiêu chí).
  public var code: String { storage.read({ $0.code }, { $0.code($1) }) }
  /// What the row says: a value, points, or both.
  public var claim: Claim { storage.read({ $0.claim }, { $0.claim($1) }) }
  /// The fact as written (trimmed, NFC), or `nil` when the row gives only points.
  public var value: String? { storage.read({ $0.claim.value }, { $0.value($1) }) }
  /// The points written, exactly as given (not yet rounded), or `nil`.
  public var points: FixedDecimal? { storage.read({ $0.claim.points }, { $0.points($1) }) }
  /// The points as written in the file (`1,5`), for messages.
  public var pointsText: String? { storage.read({ $0.pointsText }, { $0.pointsText($1) }) }
  /// Evidence ids (self-assessment only).
  public var evidenceIDs: [String] { storage.read({ $0.evidenceIDs }, { Array($0.evidenceIDs($1)) }) }
  /// ``evidenceIDs`` without a list made, for the scorer's every leaf.
  var citedIDs: CitedIDs { storage.read({ CitedIDs($0.evidenceIDs[...]) }, { $0.evidenceIDs($1) }) }
  /// The note (self-assessment) or the council's reason (appraisal).
  public var remark: String? { storage.read({ $0.remark }, { $0.remark($1) }) }
  /// Who appraised the row (người thẩm định), in an appraisal file's optional `appraiser` column.
  public var appraiser: String? { storage.read({ $0.appraiser }, { $0.appraiser($1) }) }
  /// The day of the appraisal (ngày thẩm định), in an appraisal file's optional `date` column.
  public var date: CalendarDate? { storage.read({ $0.date }, { $0.date($1) }) }
  /// Where the row came from (a file and line, or a name chosen for data built in code).
  public var origin: RowOrigin { storage.read({ $0.origin }, { $0.origin($1) }) }

  /// Two rows are equal when every part is: where they are kept does not count.
  public static func == (lhs: LeafEntry, rhs: LeafEntry) -> Bool {
    lhs.storage.isSameRow(as: rhs.storage) || lhs.fields == rhs.fields
  }

  /// Hashes every part that equality compares.
  public func hash(into hasher: inout Hasher) { hasher.combine(fields) }

  /// Every part, as a row built in code holds them.
  private var fields: Fields {
    storage.read(
      { $0 },
      { _, _ in
        Fields(
          unitID: unitID, code: code, claim: claim, pointsText: pointsText, evidenceIDs: evidenceIDs, remark: remark,
          appraiser: appraiser, date: date, origin: origin)
      })
  }

  /// A row built in code (`appraiser` and `date` are an appraisal row's), checked as a file's row is: a unit id and code that are what they
  /// look like (no invisible character), a value that is not blank, points not negative and
  /// below 10⁹, evidence ids not blank. Whether the value suits the leaf's rule is decided
  /// when the year is scored, as for a file.
  public init(
    unitID: String, code: String, claim: Claim, evidenceIDs: [String] = [], remark: String? = nil,
    appraiser: String? = nil, date: CalendarDate? = nil, origin: RowOrigin = RowOrigin(file: "LeafEntry", line: 0)
  ) throws(Diagnostics) {
    var problems: [Diagnostic] = []
    let location = origin.location(of: nil)
    for (field, text) in [("unit_id", unitID), ("code", code)] {
      if let message = Identifier.problem(in: text, field: field) {
        problems.append(Diagnostic(message, at: location, field: field, value: text))
      }
    }
    if let value = claim.value, value.allSatisfy(\.isWhitespace) {
      problems.append(Diagnostic(.emptyField(column: "value"), at: location, field: "value", value: value))
    }
    if let points = claim.points,
      points < .zero || points.micros >= FixedDecimal.parsingLimit * FixedDecimal.unitsPerOne
    {
      let problem: NumberSyntaxError = points < .zero ? .signed : .tooLarge
      problems.append(Diagnostic(.number(problem), at: location, field: "points", value: points.description))
    }
    for id in evidenceIDs {
      if let message = Identifier.problem(in: id, field: "evidence") {
        problems.append(Diagnostic(message, at: location, field: "evidence", value: id))
      }
    }
    guard problems.isEmpty else { throw Diagnostics(problems) }
    self.init(
      unitID: unitID, code: code, claim: claim, pointsText: claim.points?.description, evidenceIDs: evidenceIDs,
      remark: remark, appraiser: appraiser, date: date, origin: origin)
  }

  /// A row as read, with its points as written (the reader has checked it).
  init(
    unitID: String, code: String, claim: Claim, pointsText: String?, evidenceIDs: [String], remark: String?,
    appraiser: String? = nil, date: CalendarDate? = nil, origin: RowOrigin
  ) {
    storage = .boxed(
      SharedBox(
        Fields(
          unitID: unitID, code: code, claim: claim, pointsText: pointsText, evidenceIDs: evidenceIDs, remark: remark,
          appraiser: appraiser, date: date, origin: origin)))
  }

  /// Row `row` of `rows`, read from a file and checked by the reader.
  init(_ rows: LeafRowColumns, row: Int) { storage = .packed(rows, row) }
}
