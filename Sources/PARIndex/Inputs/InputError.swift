/// One problem with an input, located precisely enough for a secretary to fix it.
///
/// Its ``description`` is one line: `FILE:LINE: field 'value': what was expected`
/// (for JSON, the JSON path stands where the line would).
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What kind of problem, which decides the command line's exit code.
  public enum Kind: Sendable, Hashable {
    /// The content is wrong (exit 65, or 1 for `validate`).
    case invalid
    /// A required file or folder does not exist (exit 66).
    case notFound
  }

  /// Where in the file.
  public enum Location: Sendable, Hashable {
    case file
    case line(Int)
    case jsonPath(String)
  }

  public var kind: Kind
  public var file: String
  public var location: Location
  /// The column name (CSV) or key; `nil` when the problem is with the whole row or file.
  public var field: String?
  /// The offending text, shown in quotes; `nil` when there is none.
  public var value: String?
  /// What was expected, or what is wrong, as a phrase.
  public var message: String

  public init(
    _ kind: Kind = .invalid, file: String, location: Location = .file, field: String? = nil,
    value: String? = nil, message: String
  ) {
    (self.kind, self.file, self.location, self.field, self.value, self.message) =
      (kind, file, location, field, value, message)
  }

  public var description: String {
    var text = file
    switch location {
    case .file: break
    case .line(let line): text += ":\(line)"
    case .jsonPath(let path):
      // The JSON path names the field: `set.json:items[0].maxPoints '4': …`.
      text += ":" + path
      if let value { return text + " '\(Self.shown(value))': " + message }
      return text + ": " + message
    }
    // `FILE:LINE: field 'value': message`, leaving out what is absent.
    var subject = [field, value.map { "'\(Self.shown($0))'" }].compactMap { $0 }.joined(separator: " ")
    if !subject.isEmpty { subject += ": " }
    return text + ": " + subject + message
  }

  /// Orders problems by file, then line; stable for anything else.
  static func fileOrder(_ lhs: InputError, _ rhs: InputError) -> Bool {
    if lhs.file != rhs.file { return lhs.file < rhs.file }
    switch (lhs.location, rhs.location) {
    case (.line(let a), .line(let b)): return a < b
    default: return false
    }
  }

  /// The value as it can be shown on one line: control characters escaped, long text cut.
  static func shown(_ value: String) -> String {
    var result = ""
    for character in value.prefix(80) {
      switch character {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\r\n": result += "\\r\\n"
      case "\t": result += "\\t"
      default: result.append(character)
      }
    }
    return value.count > 80 ? result + "…" : result
  }
}

/// Every problem found in a set of inputs, in the order they were found.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
  public var errors: [InputError]

  public init(_ errors: [InputError]) { self.errors = errors }

  /// True when some input file or folder does not exist.
  public var hasMissingInput: Bool { errors.contains { $0.kind == .notFound } }

  /// One line per problem.
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Collects problems so that a run reports all of them, not only the first.
struct ErrorLog {
  private(set) var errors: [InputError] = []

  /// Stop collecting beyond this; a file with a million bad rows needs no million lines.
  static let limit = 1000

  var isEmpty: Bool { errors.isEmpty }

  mutating func add(_ error: InputError) {
    if errors.count < Self.limit { errors.append(error) }
  }

  mutating func add(contentsOf other: [InputError]) { for error in other { add(error) } }

  /// Adds `offset` to every line number (for a piece of a file read on its own from line 0).
  mutating func shiftLines(by offset: Int) {
    for index in errors.indices {
      if case .line(let line) = errors[index].location { errors[index].location = .line(line + offset) }
    }
  }

  /// Throws everything collected, if anything was.
  func throwIfAny() throws(InputErrors) {
    if !errors.isEmpty { throw InputErrors(errors) }
  }
}
