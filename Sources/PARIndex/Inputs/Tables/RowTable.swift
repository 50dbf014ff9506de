/// A row of a year file, valid during the visit that passes it.
protocol TableRow {
  /// The row's physical line (text) or worksheet row.
  var line: Int { get }
  /// The trimmed, NFC text of the cell at `position`, `""` when absent.
  func text(_ position: Int?) -> String
  /// Calls `body` with the cell's trimmed bytes when they are plain ASCII needing no unquoting
  /// or normalising: ids and codes are looked up from them without a string or a hash. `nil`
  /// (and `body` not called) when the text must be asked for.
  func withPlainBytes<Result>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result?
}

/// A year file read as a table: a header and rows, from CSV text or from a worksheet.
protocol RowTable {
  associatedtype Row: TableRow
  var header: TableHeader { get }
  /// The file, worksheet and header, shared by the rows.
  var origin: TableOrigin { get }
  /// Visits every data row in order. Rows that are blank, that repeat the header, or whose
  /// cells cannot be read (too many fields, a cell holding an Excel error) are reported to
  /// `log` and skipped.
  func forEachRow(log: inout DiagnosticLog, _ body: (Row, inout DiagnosticLog) -> Void)
  /// At least as many as the data rows (0 when not known without reading them): storage for
  /// the rows is sized once, not doubled as they come.
  var rowCountBound: Int { get }
}

extension RowTable {
  var file: String { origin.file }

  /// The position of `column`, or `nil` when the file does not have it.
  func position(_ column: Column) -> Int? { header.position(column) }

  func has(_ column: Column) -> Bool { header.position(column) != nil }

  /// Where `column` of the row on `line` is (or the whole row for `nil`).
  func location(line: Int, column: Column?) -> InputLocation { origin.location(line: line, column: column) }

  /// How the header names `column`.
  func name(_ column: Column) -> String { header.displayName(column) }

  /// Every row's cells by column, as text, for tests and small files.
  func rows() throws(Diagnostics) -> [(line: Int, fields: [Column: String])] {
    var rows: [(line: Int, fields: [Column: String])] = []
    var log = DiagnosticLog()
    forEachRow(log: &log) { row, _ in rows.append((row.line, header.positions.mapValues { row.text($0) })) }
    try log.throwIfAny()
    return rows
  }
}
