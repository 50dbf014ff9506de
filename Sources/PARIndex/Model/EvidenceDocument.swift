/// An evidence document (tài liệu kiểm chứng) of one unit.
///
/// Its fields live in one shared box (as ``LeafEntry``'s): leaf scores keep the documents they
/// cite. Read-only.
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

  private let fields: SharedBox<Fields>

  /// The document's id (mã tài liệu), unique within its unit; assessment rows cite it.
  public var id: String { fields.value.id }
  /// The unit the document belongs to.
  public var unitID: String { fields.value.unitID }
  /// The document's title or summary (tên tài liệu, trích yếu).
  public var title: String { fields.value.title }
  /// The document's number and symbol (số ký hiệu), e.g. `83/KH-UBND`.
  public var documentNumber: String? { fields.value.documentNumber }
  /// Its date of issue.
  public var date: CalendarDate? { fields.value.date }
  /// The body that issued it.
  public var issuer: String? { fields.value.issuer }
  /// Where it can be found (a path, a link, a page).
  public var location: String? { fields.value.location }

  /// A document built in code, checked as a row of the evidence file is: ids that are what
  /// they look like, and a title.
  public init(
    id: String, unitID: String, title: String, documentNumber: String? = nil, date: CalendarDate? = nil,
    issuer: String? = nil, location: String? = nil
  ) throws(Diagnostics) {
    var problems: [Diagnostic] = []
    let place = InputLocation(file: "EvidenceDocument")
    for (field, text) in [("evidence_id", id), ("unit_id", unitID)] {
      if let message = Identifier.problem(in: text, field: field) {
        problems.append(Diagnostic(message, at: place, field: field, value: text))
      }
    }
    if title.allSatisfy(\.isWhitespace) {
      problems.append(Diagnostic(.emptyField(column: "title"), at: place, field: "title"))
    }
    guard problems.isEmpty else { throw Diagnostics(problems) }
    self.init(
      trusted: id, unitID: unitID, title: title, documentNumber: documentNumber, date: date, issuer: issuer,
      location: location)
  }

  /// A document the reader has checked.
  init(
    trusted id: String, unitID: String, title: String, documentNumber: String?, date: CalendarDate?, issuer: String?,
    location: String?
  ) {
    fields = SharedBox(
      Fields(
        id: id, unitID: unitID, title: title, documentNumber: documentNumber, date: date, issuer: issuer,
        location: location))
  }
}
