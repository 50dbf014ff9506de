/// A bonus (điểm thưởng) or penalty (điểm trừ) row.
public struct Adjustment: Sendable, Hashable {
  /// Whether the row adds points or takes them away.
  public enum Kind: String, Sendable {
    /// Điểm thưởng: added to the unit's total (`bonus` or `thưởng` in a file).
    case bonus
    /// Điểm trừ: taken from the unit's total (`penalty` or `trừ` in a file).
    case penalty
  }

  /// The unit the row is for.
  public let unitID: String
  /// A bonus or a penalty.
  public let kind: Kind
  /// The points added (bonus) or taken (penalty), before the set's caps.
  public let points: FixedDecimal
  /// Why the unit gets it (lý do), when the row says.
  public let reason: String?
  /// The file and line the row came from.
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
