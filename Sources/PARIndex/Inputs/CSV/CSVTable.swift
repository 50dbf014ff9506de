/// A small CSV file read whole, with its header checked against what the format expects.
///
/// Header names are matched after trimming and ASCII lower-casing (`Unit_ID` is `unit_id`).
/// Columns may come in any order; a column whose name starts with `x_` is ignored; any other
/// unknown column is an error, because a typo in a header must not silently drop data.
struct CSVTable {
  struct Row {
    var line: Int
    var fields: [String]
  }

  let file: String
  let columnIndex: [String: Int]
  let rows: [Row]

  /// Reads and checks a table.
  /// - Parameters:
  ///   - required: columns that must be present.
  ///   - optional: columns that may be present.
  static func read(file: String, bytes: [UInt8], required: [String], optional: [String]) throws(InputErrors) -> CSVTable {
    let reader: CSVReader
    var records: [(line: Int, fields: [String])]
    do {
      reader = try CSVReader(file: file, bytes: bytes)
      records = try reader.records()
    } catch {
      throw InputErrors([error])
    }
    guard !records.isEmpty else {
      throw InputErrors([InputError(file: file, message: "the file is empty: expected a header row with \(required.joined(separator: ", "))")])
    }
    let header = records.removeFirst()
    var log = ErrorLog()
    let columnIndex = CSVHeader.columns(
      of: header.fields, line: header.line, file: file, required: required, optional: optional, log: &log)
    for record in records where record.fields.count > header.fields.count {
      if record.fields[header.fields.count...].contains(where: { !$0.trimmingSpaces.isEmpty }) {
        log.add(InputError(
          file: file, location: .line(record.line),
          message: "the row has \(record.fields.count) fields but the header has \(header.fields.count): a separator too many, or a text with '\(Character(Unicode.Scalar(reader.separator)))' that should be in double quotes"))
      }
    }
    try log.throwIfAny()
    return CSVTable(file: file, columnIndex: columnIndex, rows: records.map { Row(line: $0.line, fields: $0.fields) })
  }

  /// The trimmed text of `column` in `row`, `""` when the column or field is absent.
  func value(_ row: Row, _ column: String) -> String {
    guard let index = columnIndex[column], index < row.fields.count else { return "" }
    return String(row.fields[index].trimmingSpaces)
  }

  func has(_ column: String) -> Bool { columnIndex[column] != nil }
}

/// Checking a header row against the columns a file format defines.
enum CSVHeader {
  /// The position of each known column, by its lower-cased name; problems go to `log`.
  static func columns(
    of names: [String], line: Int, file: String, required: [String], optional: [String], log: inout ErrorLog
  ) -> [String: Int] {
    var columnIndex: [String: Int] = [:]
    let known = (required + optional).joined(separator: ", ")
    for (position, rawName) in names.enumerated() {
      let name = String(rawName.trimmingSpaces).lowercased()
      if columnIndex[name] != nil {
        log.add(InputError(file: file, location: .line(line), field: "header", value: rawName, message: "this column appears twice"))
      } else if required.contains(name) || optional.contains(name) {
        columnIndex[name] = position
      } else if !name.hasPrefix("x_") {
        log.add(InputError(
          file: file, location: .line(line), field: "header", value: rawName,
          message: "unknown column: expected \(known), or a name starting with x_ for extra columns"))
      }
    }
    for name in required where columnIndex[name] == nil {
      log.add(InputError(file: file, location: .line(line), field: name, message: "required column is missing from the header"))
    }
    return columnIndex
  }
}
