import Foundation

/// Writes CSV text per docs/FORMATS.md §3: a field is quoted (RFC 4180, `""` inside) only when it
/// holds the separator, a quote or a line break; text is NFC; lines end with LF.
public struct CSVWriter: Sendable {
  /// The CSV dialect: plain (`,` and `.`) or Vietnamese Excel (BOM, `;` and `,`).
  public struct Dialect: Sendable, Hashable {
    /// The field separator: `,` or `;`.
    public var separator: String
    /// The decimal separator numbers are written with: `.` or `,`.
    public var decimalSeparator: String
    /// Whether the text starts with a UTF-8 byte order mark, which Excel needs to read UTF-8.
    public var byteOrderMark: Bool

    /// `,` between fields, `.` in numbers, no byte order mark: for programs.
    public static let plain = Dialect(separator: ",", decimalSeparator: ".", byteOrderMark: false)
    /// `;` between fields, `,` in numbers and a byte order mark: what Excel in Vietnamese opens as is.
    public static let excel = Dialect(separator: ";", decimalSeparator: ",", byteOrderMark: true)
  }

  /// The dialect the rows are written in.
  public let dialect: Dialect
  private(set) var text: String

  /// An empty CSV text (the byte order mark alone, if the dialect has one).
  public init(dialect: Dialect = .plain) {
    self.dialect = dialect
    text = dialect.byteOrderMark ? "\u{FEFF}" : ""
  }

  /// Appends one row.
  public mutating func row(_ fields: [String]) {
    text += fields.map(quoted).joined(separator: dialect.separator)
    text += "\n"
  }

  /// A number with fixed decimals in this dialect.
  public func number(_ value: FixedDecimal, places: Int) -> String {
    value.formatted(places: places, decimalSeparator: dialect.decimalSeparator)
  }

  /// The document written so far.
  public var output: String { text }

  func quoted(_ field: String) -> String {
    let value = field.nfc
    // By scalar: a separator followed by a combining mark is one character but still a separator.
    let separator = dialect.separator.unicodeScalars.first!
    let needsQuotes = value.unicodeScalars.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == separator }
    guard needsQuotes else { return value }
    var quoted = "\""
    for scalar in value.unicodeScalars {
      if scalar == "\"" { quoted += "\"" }  // doubled by scalar, as readers count quotes
      quoted.unicodeScalars.append(scalar)
    }
    return quoted + "\""
  }
}
