/// Where a row came from, for explanations and error messages: its file (and worksheet) and
/// its line (or worksheet row).
public struct RowOrigin: Sendable, Hashable, CustomStringConvertible {
  /// The file, worksheet and header the row was read with.
  public let table: TableOrigin
  /// The physical line (text) or worksheet row; 0 for a row that no file holds.
  public let line: Int

  /// A row of a text file.
  public init(file: String, line: Int) { self.init(table: TableOrigin(file: file), line: line) }

  /// A row of the table `table` (a text file or a worksheet).
  public init(table: TableOrigin, line: Int) { (self.table, self.line) = (table, line) }

  /// The file's path.
  public var file: String { table.file }

  /// Where the row's `column` is (`assessment.csv:14`, `assessment.xlsx:Sheet1!C14`), or the
  /// row itself for `nil`.
  public func location(of column: Column?) -> InputLocation { table.location(line: line, column: column) }

  /// The row's place as messages write it: `assessment.csv:14`, `assessment.xlsx:Sheet1!14:14`.
  public var description: String { location(of: nil).description }
}
