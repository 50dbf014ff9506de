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

  /// The format a file name's extension says it holds (`.csv`, `.json`, `.md`, `.html`/`.htm`,
  /// `.xlsx`, in any case), or `nil` for any other name (`.txt`, no extension, `-`).
  static func named(byFileName path: String) -> OutputFormat? {
    guard let typed = fileExtension(of: path) else { return nil }
    switch typed.lowercased() {
    case "csv": return .csv
    case "json": return .json
    case "md", "markdown": return .md
    case "html", "htm": return .html
    case "xlsx": return .xlsx
    default: return nil
    }
  }

  /// The extension of `path`'s last component as typed (`HTM` in `Bao-cao.HTM`), or `nil`.
  static func fileExtension(of path: String) -> String? {
    let name = path.split(separator: "/").last ?? ""
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    return String(name[name.index(after: dot)...])
  }
}
