/// Every problem found in a set of inputs, in the order they were found: what a library
/// function throws when it cannot give a result. It may also carry the warnings found
/// before the errors stopped the run.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
  /// Errors (and, after them, warnings), in the order found.
  public private(set) var all: [Diagnostic]

  /// The problems, kept in the order given.
  public init(_ diagnostics: [Diagnostic]) { all = diagnostics }

  /// The errors alone.
  public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
  /// The warnings alone.
  public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }

  /// True when some input file or folder does not exist.
  public var hasMissingInput: Bool { all.contains { $0.severity == .error && $0.kind == .notFound } }
  /// True when the caller asked for something the data do not hold (a unit, a leaf, a class).
  public var isRequestError: Bool { all.contains { $0.severity == .error && $0.kind == .request } }

  /// One line per problem, in `language`.
  public func rendered(_ language: Language) -> String { all.map { $0.rendered(language) }.joined(separator: "\n") }

  /// One line per problem, in Vietnamese.
  public var description: String { rendered(.vietnamese) }
}

/// Collects problems so that a run reports all of them, not only the first; warnings are
/// kept apart so that a run with only warnings still gives its result.
struct DiagnosticLog: Sendable {
  private(set) var errors: [Diagnostic] = []
  private(set) var warnings: [Diagnostic] = []

  /// Stop collecting beyond this; a file with a million bad rows needs no million lines.
  static let limit = 1000

  var isEmpty: Bool { errors.isEmpty }
  /// True when no more errors are kept.
  var isFull: Bool { errors.count >= Self.limit }

  mutating func add(_ diagnostic: Diagnostic) {
    switch diagnostic.severity {
    case .error: if errors.count < Self.limit { errors.append(diagnostic) }
    case .warning: if warnings.count < Self.limit { warnings.append(diagnostic) }
    }
  }

  /// An error.
  mutating func add(
    _ message: Message, at location: InputLocation, field: String? = nil, value: String? = nil,
    subject: Diagnostic.Subject? = nil
  ) {
    add(Diagnostic(message, at: location, field: field, value: value, subject: subject))
  }

  /// A warning.
  mutating func warn(
    _ message: Message, at location: InputLocation, field: String? = nil, value: String? = nil,
    subject: Diagnostic.Subject? = nil
  ) {
    add(Diagnostic(message, severity: .warning, at: location, field: field, value: value, subject: subject))
  }

  mutating func add(contentsOf other: some Sequence<Diagnostic>) { for diagnostic in other { add(diagnostic) } }

  mutating func add(_ other: DiagnosticLog) {
    add(contentsOf: other.errors)
    add(contentsOf: other.warnings)
  }

  /// Adds `offset` to every line number (for a piece of a file read on its own from line 0).
  mutating func shiftLines(by offset: Int) {
    for index in errors.indices {
      if case .line(let line) = errors[index].location.place { errors[index].location.place = .line(line + offset) }
    }
    for index in warnings.indices {
      if case .line(let line) = warnings[index].location.place { warnings[index].location.place = .line(line + offset) }
    }
  }

  /// Errors sorted by file and line, as a secretary fixes a file top to bottom.
  mutating func sortByFile() {
    errors.sort(by: Diagnostic.fileOrder)
    warnings.sort(by: Diagnostic.fileOrder)
  }

  /// Throws everything collected (errors, then warnings), if there is any error.
  func throwIfAny() throws(Diagnostics) {
    if !errors.isEmpty { throw Diagnostics(errors + warnings) }
  }
}
