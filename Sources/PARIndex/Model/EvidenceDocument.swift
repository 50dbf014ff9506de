/// An evidence document (tài liệu kiểm chứng) of one unit.
///
/// A handle, as ``LeafEntry`` is: a document read from a file is its place in the file's packed
/// documents, one built in code a shared box of its fields. Leaf scores keep the documents
/// they cite. Read-only.
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

  /// A document built in code keeps its fields in a box of its own; a document read from a
  /// file is its index in the file's packed documents (``EvidenceColumns``).
  private let storage: PackedOrBoxed<Fields, EvidenceColumns>

  /// The document's id (mã tài liệu), unique within its unit; assessment rows cite it.
  public var id: String { storage.read({ $0.id }, { $0.id($1) }) }
  /// The unit the document belongs to.
  public var unitID: String { storage.read({ $0.unitID }, { $0.unitID($1) }) }
  /// The document's title or summary (tên tài liệu, trích yếu).
  public var title: String { storage.read({ $0.title }, { $0.title($1) }) }
  /// The document's number and symbol (số ký hiệu), e.g. `83/KH-UBND`.
  public var documentNumber: String? { storage.read({ $0.documentNumber }, { $0.documentNumber($1) }) }
  /// Its date of issue.
  public var date: CalendarDate? { storage.read({ $0.date }, { $0.date($1) }) }
  /// The body that issued it.
  public var issuer: String? { storage.read({ $0.issuer }, { $0.issuer($1) }) }
  /// Where it can be found (a path, a link, a page).
  public var location: String? { storage.read({ $0.location }, { $0.location($1) }) }

  /// Two documents are equal when every part is: where they are kept does not count.
  public static func == (lhs: EvidenceDocument, rhs: EvidenceDocument) -> Bool {
    lhs.storage.isSameRow(as: rhs.storage) || lhs.fields == rhs.fields
  }

  /// Hashes every part that equality compares.
  public func hash(into hasher: inout Hasher) { hasher.combine(fields) }

  /// Every part, as a document built in code holds them.
  private var fields: Fields {
    storage.read(
      { $0 },
      { _, _ in
        Fields(
          id: id, unitID: unitID, title: title, documentNumber: documentNumber, date: date, issuer: issuer,
          location: location)
      })
  }

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
    storage = .boxed(
      SharedBox(
        Fields(
          id: id, unitID: unitID, title: title, documentNumber: documentNumber, date: date, issuer: issuer,
          location: location)))
  }

  /// Document `row` of `rows`, read from a file and checked by the reader.
  init(_ rows: EvidenceColumns, row: Int) { storage = .packed(rows, row) }
}
