/// A CSV file with its header checked against what the format expects, read row by row.
///
/// Header names are matched after trimming and ASCII lower-casing (`Unit_ID` is `unit_id`).
/// Columns may come in any order; a column whose name starts with `x_` is ignored; any other
/// unknown column is an error, because a typo in a header must not silently drop data.
/// Rows are visited without materialising every field: a plain ASCII field becomes a `String`
/// straight from the file's bytes, others are unquoted, trimmed and normalised to NFC.
struct CSVTable {
  /// One row, valid during the visit.
  struct Row {
    let record: CSVRecord
    var line: Int { record.line }

    /// The field's trimmed bytes when they need no unquoting and no normalisation (plain
    /// ASCII, the common case for ids and codes); `nil` when the text must be asked for.
    func plainBytes(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
      record.needsText(column) ? nil : record.trimmedBytes(column)
    }

    /// The trimmed, NFC text of the field at `column`, `""` when the column or field is absent.
    func text(_ column: Int?) -> String {
      guard let column else { return "" }
      // One string straight from the bytes, unless quotes must be undone, a no-break space
      // trimmed (ends that are not ASCII) or the text normalised to NFC.
      let bytes = record.trimmedBytes(column)
      if !record.isEscaped(column), bytes.isEmpty || (bytes[0] < 0x80 && bytes[bytes.count - 1] < 0x80 && UTF8Text.isSurelyNFC(bytes)) {
        return String(decoding: bytes, as: UTF8.self)
      }
      return String(record.text(column).trimmingSpaces).nfc
    }
  }

  let file: String
  let columnIndex: [String: Int]
  let reader: CSVReader
  let headerCount: Int
  let bodyStart: Int

  /// Opens a table and checks its header.
  /// - Parameters:
  ///   - required: columns that must be present.
  ///   - optional: columns that may be present.
  static func open(file: String, bytes: [UInt8], required: [String], optional: [String]) throws(Diagnostics) -> CSVTable {
    let reader: CSVReader
    do { reader = try CSVReader(file: file, bytes: bytes) } catch { throw Diagnostics([error]) }
    var header: (line: Int, fields: [String])?
    let headerEnd: Int
    do {
      headerEnd = try reader.headerEnd()
      try reader.forEachRecord(in: reader.start..<headerEnd, firstLine: 1) { (record: CSVRecord) throws(Diagnostic) in
        header = (record.line, (0..<record.count).map { record.text($0) })
      }
    } catch { throw Diagnostics([error]) }
    guard let header else {
      throw Diagnostics([Diagnostic(.emptyFile(expected: required), at: InputLocation(file: file))])
    }
    var log = DiagnosticLog()
    let columnIndex = CSVHeader.columns(
      of: header.fields, line: header.line, file: file, required: required, optional: optional, log: &log)
    try log.throwIfAny()
    return CSVTable(file: file, columnIndex: columnIndex, reader: reader, headerCount: header.fields.count, bodyStart: headerEnd)
  }

  /// The position of `column`, or `nil` when the file does not have it.
  func column(_ name: String) -> Int? { columnIndex[name] }

  func has(_ column: String) -> Bool { columnIndex[column] != nil }

  /// Visits every data row in order; a row with more non-empty fields than the header is
  /// reported (to `log`) and skipped.
  func forEachRow(log: inout DiagnosticLog, _ body: (Row, inout DiagnosticLog) -> Void) {
    let first = 1 + reader.lineBreaks(in: reader.start..<bodyStart)
    do {
      try reader.forEachRecord(in: bodyStart..<reader.bytes.count, firstLine: first) { (record: CSVRecord) throws(Diagnostic) in
        if record.count > headerCount, (headerCount..<record.count).contains(where: { !record.isEmptyField($0) }) {
          log.add(
            .tooManyFields(fields: record.count, header: headerCount, separator: String(Character(Unicode.Scalar(reader.separator)))),
            at: InputLocation(file: file, place: .line(record.line)))
          return
        }
        body(Row(record: record), &log)
      }
    } catch {
      log.add(error)
    }
  }

  /// Every row's fields as text (trimmed, NFC), for tests and small files.
  static func read(file: String, bytes: [UInt8], required: [String], optional: [String]) throws(Diagnostics) -> (table: CSVTable, rows: [(line: Int, fields: [String: String])]) {
    let table = try open(file: file, bytes: bytes, required: required, optional: optional)
    var rows: [(line: Int, fields: [String: String])] = []
    var log = DiagnosticLog()
    table.forEachRow(log: &log) { row, _ in
      rows.append((row.line, table.columnIndex.mapValues { row.text($0) }))
    }
    try log.throwIfAny()
    return (table, rows)
  }
}

/// Checking a header row against the columns a file format defines.
enum CSVHeader {
  /// The position of each known column, by its lower-cased name; problems go to `log`.
  static func columns(
    of names: [String], line: Int, file: String, required: [String], optional: [String], log: inout DiagnosticLog
  ) -> [String: Int] {
    var columnIndex: [String: Int] = [:]
    for (position, rawName) in names.enumerated() {
      let name = String(rawName.trimmingSpaces).lowercased()
      if columnIndex[name] != nil {
        log.add(.duplicateColumn, at: InputLocation(file: file, place: .line(line)), field: "header", value: rawName)
      } else if required.contains(name) || optional.contains(name) {
        columnIndex[name] = position
      } else if !name.hasPrefix("x_") {
        log.add(.unknownColumn(expected: required + optional), at: InputLocation(file: file, place: .line(line)), field: "header", value: rawName)
      }
    }
    for name in required where columnIndex[name] == nil {
      log.add(.missingColumn, at: InputLocation(file: file, place: .line(line)), field: name)
    }
    return columnIndex
  }
}
