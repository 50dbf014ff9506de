/// One input file held in memory — an upload a portal received, a file a program made — with
/// the name that messages use for it (`assessment.csv`, `assessment/X01.xlsx`).
public struct InputData: Sendable, Hashable {
  /// The file's name in messages; inside a year, a path relative to the year folder.
  public var name: String
  /// The file's content, as it arrived (any form a year file may take: CSV, UTF-16 text, a workbook).
  public var bytes: [UInt8]

  /// A file's bytes under `name`.
  public init(name: String, bytes: [UInt8]) { (self.name, self.bytes) = (name, bytes) }

  /// Text as UTF-8 bytes.
  public init(name: String, text: String) { self.init(name: name, bytes: Array(text.utf8)) }

  /// The file at `path`, named by its path.
  /// - Throws: ``Diagnostics`` with the one problem (missing, a folder, unreadable…).
  package static func read(_ path: String) throws(Diagnostics) -> InputData {
    do { return InputData(name: path, bytes: try InputFile.read(path)) } catch { throw Diagnostics([error]) }
  }
}

/// How the text of a file is encoded when it is not UTF-8 or UTF-16 with a byte order mark
/// (which are always recognised).
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
  /// UTF-8, with or without a byte order mark (the default).
  case utf8 = "utf-8"
  /// The Vietnamese Windows code page (what old Excel writes as "CSV"); used only when asked
  /// for, for files that are not valid UTF-8.
  case windows1258 = "windows-1258"

  /// `utf-8`, `utf8`, `windows-1258`, `cp1258`, `1258`…
  public init?(name: String) {
    switch TextFolding.folded(name).replacingAll("_", with: "-") {
    case "utf-8", "utf8": self = .utf8
    case "windows-1258", "windows1258", "cp1258", "1258", "win-1258": self = .windows1258
    default: return nil
    }
  }
}
