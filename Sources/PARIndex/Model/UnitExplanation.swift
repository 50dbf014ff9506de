/// Giải trình — what a unit answered to an appraisal round about one leaf, with the evidence
/// documents it added: one row of `explanation.csv`.
///
/// An explanation changes no points: the next round's appraisal row decides. It is part of the
/// leaf's history (``LeafHistoryStep``), placed after the round it answers.
public struct UnitExplanation: Sendable, Hashable {
  /// The unit that explained.
  public let unitID: String
  /// The leaf explained.
  public let code: String
  /// What the unit wrote (nội dung giải trình).
  public let text: String
  /// The evidence documents the unit added, by id (ids of `evidence.csv` for the unit).
  public let evidenceIDs: [String]
  /// The day of the explanation, when given.
  public let date: CalendarDate?
  /// The appraisal round answered (1 for the first round).
  public let round: Int
  /// Where the row came from.
  public let origin: RowOrigin

  /// An explanation built in code, checked as a file's row is: ids that are what they look
  /// like, a text that is not blank, a round from 1. Whether the leaf and the round exist is
  /// checked when the year is scored.
  public init(
    unitID: String, code: String, text: String, evidenceIDs: [String] = [], date: CalendarDate? = nil, round: Int = 1,
    origin: RowOrigin = RowOrigin(file: "UnitExplanation", line: 0)
  ) throws(Diagnostics) {
    var problems: [Diagnostic] = []
    let location = origin.location(of: nil)
    for (field, value) in [("unit_id", unitID), ("code", code)] + evidenceIDs.map({ ("evidence", $0) }) {
      if let message = Identifier.problem(in: value, field: field) {
        problems.append(Diagnostic(message, at: location, field: field, value: value))
      }
    }
    if text.allSatisfy(\.isWhitespace) {
      problems.append(Diagnostic(.emptyField(column: "text"), at: location, field: "text"))
    }
    if round < 1 {
      problems.append(Diagnostic(.roundNotPositive, at: location, field: "round", value: String(round)))
    }
    guard problems.isEmpty else { throw Diagnostics(problems) }
    self.init(
      trusted: unitID, code: code, text: text, evidenceIDs: evidenceIDs, date: date, round: round, origin: origin)
  }

  /// An explanation the reader has checked.
  init(
    trusted unitID: String, code: String, text: String, evidenceIDs: [String], date: CalendarDate?, round: Int,
    origin: RowOrigin
  ) {
    (self.unitID, self.code, self.text, self.evidenceIDs) = (unitID, code, text, evidenceIDs)
    (self.date, self.round, self.origin) = (date, round, origin)
  }
}
