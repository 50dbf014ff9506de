/// A bonus (điểm thưởng) or penalty (điểm trừ) row.
public struct Adjustment: Sendable, Hashable {
  public enum Kind: String, Sendable { case bonus, penalty }

  public let unitID: String
  public let kind: Kind
  /// The points added (bonus) or taken (penalty), before the set's caps.
  public let points: FixedDecimal
  public let reason: String?
  public let origin: RowOrigin

  /// A row built in code, checked as a file's row is: a unit id that is what it looks like,
  /// points not negative and below 10⁹.
  public init(
    unitID: String, kind: Kind, points: FixedDecimal, reason: String? = nil,
    origin: RowOrigin = RowOrigin(file: "Adjustment", line: 0)
  ) throws(Diagnostics) {
    var problems: [Diagnostic] = []
    let place = origin.location(of: nil)
    if let message = Identifier.problem(in: unitID, field: "unit_id") {
      problems.append(Diagnostic(message, at: place, field: "unit_id", value: unitID))
    }
    if points < .zero || points.micros >= FixedDecimal.parsingLimit * FixedDecimal.unitsPerOne {
      problems.append(
        Diagnostic(.number(points < .zero ? .signed : .tooLarge), at: place, field: "points", value: points.description)
      )
    }
    guard problems.isEmpty else { throw Diagnostics(problems) }
    self.init(trusted: unitID, kind: kind, points: points, reason: reason, origin: origin)
  }

  /// A row the reader has checked.
  init(trusted unitID: String, kind: Kind, points: FixedDecimal, reason: String?, origin: RowOrigin) {
    (self.unitID, self.kind, self.points, self.reason, self.origin) = (unitID, kind, points, reason, origin)
  }
}
