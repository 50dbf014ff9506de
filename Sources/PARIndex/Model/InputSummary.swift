/// One file read for a year, and how it was read: what a year's summary (`validate`, the
/// report, JSON) says, so that nobody wonders which files a ranking came from.
public struct InputSummary: Sendable, Hashable {
  /// Which year file it is.
  public var kind: YearFileKind
  /// The file's path (or name, for data from memory).
  public var file: String
  /// `CSV UTF-8, ','`, `Unicode Text (UTF-16LE), TAB`, `Excel, sheet 'assessment'`…
  public var form: String
  /// The header's line or row (1 unless title rows were skipped).
  public var headerLine: Int
  /// The file's size in bytes.
  public var size: Int
  /// The SHA-256 of the bytes read (lowercase hexadecimal), when the year was read with
  /// ``LoadOptions/digests``; `nil` otherwise, and for a pipe, whose bytes cannot be read again.
  public var sha256: String?

  /// A summary as the reader makes one.
  public init(kind: YearFileKind, file: String, form: String, headerLine: Int, size: Int, sha256: String? = nil) {
    (self.kind, self.file, self.form, self.headerLine, self.size) = (kind, file, form, headerLine, size)
    self.sha256 = sha256
  }

  /// The same summary with `sha256`.
  func with(sha256: String?) -> InputSummary {
    var summary = self
    summary.sha256 = sha256
    return summary
  }
}
