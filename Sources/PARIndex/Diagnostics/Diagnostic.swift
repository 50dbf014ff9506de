/// One problem found in an input, or one value that is valid but almost certainly not what
/// was meant, located precisely enough for a secretary to fix it.
///
/// Every diagnostic has a stable ``code`` (`E-UNKNOWN-UNIT`, `W-PERCENT-AS-FRACTION`) that is
/// the same in every language, so an embedding program can react to it, and renders as one
/// line in Vietnamese (``description``, the default) or English:
///
/// ```
/// assessment.csv:14: unit_id 'X99': không có đơn vị này trong units.csv
/// assessment.xlsx:Sheet1!C14: value '1,5': points above the leaf's maximum 1
/// ```
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
  /// An error stops a run; a warning is printed and the run goes on (unless `--strict`).
  public enum Severity: String, Sendable, Hashable {
    /// Lỗi: the input is wrong and the run stops.
    case error
    /// Cảnh báo: valid, but almost certainly not what was meant.
    case warning
  }

  /// What kind of problem, which decides a command line's exit code.
  public enum Kind: Sendable, Hashable {
    /// The content is wrong (the command line exits 65, or 1 for `validate`).
    case invalid
    /// A file or folder the run needs does not exist (exit 66).
    case notFound
    /// The caller asked for something the data do not hold: a unit, a leaf, a class
    /// (exit 64, a usage error).
    case request
  }

  /// The unit, leaf and rule a problem is about, when it is about one.
  public struct Subject: Sendable, Hashable {
    /// The unit's id.
    public var unit: String?
    /// The leaf's code.
    public var leaf: String?
    /// The leaf's rule type (`check`, `tiers` …).
    public var rule: String?

    /// A subject with whichever of the three are known.
    public init(unit: String? = nil, leaf: String? = nil, rule: String? = nil) {
      (self.unit, self.leaf, self.rule) = (unit, leaf, rule)
    }
  }

  /// Whether the problem stops the run or is a warning.
  public var severity: Severity
  /// What is wrong and what was expected, in both languages.
  public var message: Message
  /// The file, and the line, cell or JSON path in it.
  public var location: InputLocation
  /// The column (as named in the file's header) or JSON key; `nil` for a whole row or file.
  public var field: String?
  /// The offending text, shown in quotes; `nil` when there is none.
  public var value: String?
  /// The unit, leaf and rule concerned, shown after the message.
  public var subject: Subject?

  /// An error.
  public init(
    _ message: Message, at location: InputLocation, field: String? = nil, value: String? = nil,
    subject: Subject? = nil
  ) {
    self.init(message, severity: .error, at: location, field: field, value: value, subject: subject)
  }

  /// A diagnostic of the given severity (a warning, or an error).
  public init(
    _ message: Message, severity: Severity, at location: InputLocation, field: String? = nil, value: String? = nil,
    subject: Subject? = nil
  ) {
    (self.severity, self.message, self.location) = (severity, message, location)
    (self.field, self.value, self.subject) = (field, value, subject)
  }

  /// The stable code of the message (`E-…` for errors, `W-…` for warnings).
  public var code: String { message.code }
  /// What kind of problem this is.
  public var kind: Kind { message.kind }
  /// The file's path.
  public var file: String { location.file }
  /// The line or worksheet row, when there is one.
  public var line: Int? { location.line }

  /// One line in `language`: `FILE:LINE: field 'value': message (unit, leaf, rule)`,
  /// leaving out what is absent.
  public func rendered(_ language: Language) -> String {
    if case .jsonPath(let path) = location.place, field == nil, !path.isEmpty {
      // The JSON path names the field: `set.json:items[0].maxPoints '4': …`.
      let shownValue = value.map { " '\(Self.shown($0))'" } ?? ""
      return location.description + shownValue + ": " + message.text(language)
    }
    var subjectText = [field, value.map { "'\(Self.shown($0))'" }].compactMap { $0 }.joined(separator: " ")
    if !subjectText.isEmpty { subjectText += ": " }
    var text = location.description + ": " + subjectText + message.text(language)
    if let subject, let context = Self.context(subject, language) { text += " (\(context))" }
    return text
  }

  /// The Vietnamese rendering.
  public var description: String { rendered(.vietnamese) }

  private static func context(_ subject: Subject, _ language: Language) -> String? {
    let parts: [(String, String, String?)] = [
      ("đơn vị", "unit", subject.unit), ("tiêu chí", "leaf", subject.leaf), ("quy tắc", "rule", subject.rule),
    ]
    let shown = parts.compactMap { vi, en, value in value.map { language.pick(vi: vi, en: en) + " " + $0 } }
    return shown.isEmpty ? nil : shown.joined(separator: ", ")
  }

  /// Orders problems by file, then line or row; stable for anything else.
  static func fileOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
    if lhs.file != rhs.file { return lhs.file < rhs.file }
    switch (lhs.line, rhs.line) {
    case (let a?, let b?): return a < b
    default: return false
    }
  }

  /// A value as it can be shown on one line: line breaks and tabs escaped, invisible and
  /// control characters by their code point (`U1<U+200B>`), long text cut.
  public static func shown(_ value: String) -> String {
    var result = ""
    var count = 0
    for scalar in value.unicodeScalars {
      count += 1
      if count > 80 { return result + "…" }
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if let name = InvisibleCharacter.codePoint(of: scalar) {
          result += "<\(name)>"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
