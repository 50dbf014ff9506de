/// The formats a command can write (`--format`).
enum OutputFormat: String, CaseIterable, Sendable {
  /// Tables for people, Vietnamese labels (the default).
  case text
  /// For other tools (the ranking CSV of the formats document).
  case csv
  /// The whole result, numbers as fixed-decimal strings.
  case json
  /// Markdown, for documents.
  case md
  /// A self-contained HTML page.
  case html
  /// An Excel workbook (binary: only with `-o FILE.xlsx`).
  case xlsx

  /// Formats that are bytes, not text: never written to a terminal.
  var isBinary: Bool { self == .xlsx }
}
