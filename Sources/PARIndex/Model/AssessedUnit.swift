/// A unit assessed: a commune (xã, phường, đặc khu) or a department (sở, ban, ngành).
public struct AssessedUnit: Sendable, Hashable {
  /// The unit's id (mã đơn vị), which every year file uses for it.
  public let id: String
  /// The unit's name (tên đơn vị), as reports show it.
  public let name: String
  /// The ranking block (khối): units are ranked inside their group.
  public let group: String

  /// A unit built in code, checked as a row of the units file is: an id that is what it looks
  /// like (not blank, no invisible character, no spaces around it), a name and a group.
  public init(id: String, name: String, group: String) throws(Diagnostics) {
    var problems: [Diagnostic] = []
    let location = InputLocation(file: "AssessedUnit")
    if let message = Identifier.problem(in: id, field: "unit_id") {
      problems.append(Diagnostic(message, at: location, field: "unit_id", value: id))
    }
    for (field, text) in [("name", name), ("group", group)] where text.allSatisfy(\.isWhitespace) {
      problems.append(Diagnostic(.emptyField(column: field), at: location, field: field))
    }
    if let message = Identifier.invisibleCharacter(in: group) {
      problems.append(Diagnostic(message, at: location, field: "group", value: group))
    }
    guard problems.isEmpty else { throw Diagnostics(problems) }
    self.init(trusted: id, name: name, group: group)
  }

  /// A unit the reader has checked.
  init(trusted id: String, name: String, group: String) { (self.id, self.name, self.group) = (id, name, group) }
}
