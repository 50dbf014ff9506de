// Fuzz target `csv`: the CSV reader (Inputs/CSV/CSVReader.swift) and the header-checked
// table (Inputs/CSV/CSVTable.swift) on arbitrary bytes.
//
// Must never crash; errors are fine. Invariants on success:
// - line numbers start at ≥ 1, never decrease, and never exceed the file's line count;
// - a record's raw bytes parse as a number exactly as its text does (unquoted fields);
// - writing the records back (every field with `,` `;` `"` CR or LF quoted) and reading them
//   again gives the same records (when the separator, `,` `;` or TAB, is detected the same way);
// - CSVTable.read agrees with records(): same rows, values trimmed.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  let reader: CSVReader
  let records: [(line: Int, fields: [String])]
  do {
    reader = try CSVReader(file: "fuzz.csv", bytes: bytes)
    records = try reader.records()
  } catch {
    _ = error.description
    fuzzTables(bytes, readable: false)
    return 0
  }
  // TAB as well: Excel's "Unicode Text" saves are TAB-separated (the first run of this target
  // after TAB was added found the check still said `,` or `;` only).
  fuzzCheck(
    [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09].contains(reader.separator), "separator \(reader.separator)")

  // Line numbers.
  let physicalLines = 1 + bytes.reduce(0) { $1 == 0x0A || $1 == 0x0D ? $0 + 1 : $0 }
  var previous = 0
  for record in records {
    fuzzCheck(record.line >= 1 && record.line >= previous, "line numbers go back: \(previous) then \(record.line)")
    fuzzCheck(record.line <= physicalLines, "record line \(record.line) beyond the \(physicalLines) lines of the file")
    fuzzCheck(!record.fields.isEmpty, "a record without fields at line \(record.line)")
    previous = record.line
  }

  // Byte-level number parsing agrees with text-level parsing.
  do {
    try reader.forEachRecord { (record: CSVRecord) throws(Diagnostic) in
      for field in 0..<record.count {
        let text = record.text(field)
        if text.contains("\"") { continue }
        let fromBytes = record.withBytes(field) { FixedDecimal.parse($0) }
        let fromText = FixedDecimal.parse(text)
        fuzzCheck(
          fromBytes == fromText,
          "field \(field) at line \(record.line): bytes parse to \(fromBytes), text '\(text)' to \(fromText)")
      }
      _ = record.text(record.count + 1)
    }
  } catch {
    fuzzFail("forEachRecord failed after records() succeeded: \(error)")
  }

  // Write back, read again.
  var out: [UInt8] = []
  if let first = records.first?.fields.first, first.unicodeScalars.first == "\u{FEFF}" { out += [0xEF, 0xBB, 0xBF] }
  // Byte level on purpose: String's Character view would see `"` + a combining mark as one
  // character that is not a quote (the bug recorded as year-csvwriter-combining-quote).
  for record in records {
    for (position, field) in record.fields.enumerated() {
      if position > 0 { out.append(reader.separator) }
      let bytes = Array(field.utf8)
      if bytes.contains(where: { $0 == 0x2C || $0 == 0x3B || $0 == 0x09 || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) {
        out.append(0x22)
        for byte in bytes { out += byte == 0x22 ? [0x22, 0x22] : [byte] }
        out.append(0x22)
      } else {
        out += bytes
      }
    }
    out.append(0x0A)
  }
  do {
    let again = try CSVReader(file: "again.csv", bytes: out)
    if again.separator == reader.separator {
      let recordsAgain = try again.records()
      fuzzCheck(
        recordsAgain.count == records.count,
        "write-back gives \(recordsAgain.count) records instead of \(records.count)")
      for (a, b) in zip(records, recordsAgain) {
        fuzzCheck(
          a.fields.map { Array($0.utf8) } == b.fields.map { Array($0.utf8) },
          "write-back changes line \(a.line): \(a.fields) → \(b.fields)")
      }
    }
  } catch {
    fuzzFail("the records written back cannot be read: \(error)")
  }

  fuzzTables(bytes, readable: true, records: records)
  return 0
}

/// The year files' tables through CSVTable (the streaming table every loader uses, with its
/// header search, separators, Vietnamese names and repeated-header check): it either throws a
/// non-empty `Diagnostics` or gives rows whose lines increase and lie after the header's, and
/// whose every value is already trimmed and NFC (reading it again changes nothing). When the
/// file is plain — its first non-blank record is the English header, no cell needs unquoting —
/// the rows must be the records after it, field for field (DECISIONS §15, §20).
private func fuzzTables(_ bytes: [UInt8], readable: Bool, records: [(line: Int, fields: [String])] = []) {
  for kind in [YearFileKind.units, .assessment, .evidence, .adjustments, .explanation] {
    let table: CSVTable
    let rows: [(line: Int, fields: [Column: String])]
    do throws(Diagnostics) {
      table = try CSVTable.open(file: "t.csv", bytes: bytes, kind: kind)
      rows = try table.rows()
    } catch {
      fuzzCheck(!error.all.isEmpty, "CSVTable threw no errors")
      for problem in error.all.prefix(20) { _ = problem.description }
      continue
    }
    var previous = table.header.line
    for row in rows {
      fuzzCheck(row.line > previous, "CSVTable row at line \(row.line) after line \(previous)")
      previous = row.line
      for (column, value) in row.fields {
        fuzzCheck(
          Array(value.unicodeScalars) == Array(String(value.trimmingSpaces).nfc.unicodeScalars),
          "line \(row.line) \(column): '\(value)' is not trimmed NFC text")
      }
    }
    // The plain case, against records().
    guard readable, let header = records.first, !bytes.contains(0x22), !bytes.contains(0x09),
      header.fields.map({ String($0.trimmingSpaces).nfc.lowercased() }) == kind.required.map(\.rawValue)
    else { continue }
    let data = records.dropFirst().filter { record in
      !record.fields.allSatisfy { $0.trimmingSpaces.isEmpty }
    }
    guard data.count == rows.count else {
      fuzzFail("\(kind): CSVTable has \(rows.count) rows, records() \(data.count) after the header")
    }
    for (row, record) in zip(rows, data) {
      fuzzCheck(row.line == record.line, "\(kind): CSVTable row at line \(row.line), records() at \(record.line)")
      for (position, column) in kind.required.enumerated() {
        let expected = position < record.fields.count ? String(record.fields[position].trimmingSpaces).nfc : ""
        fuzzCheck(
          row.fields[column].map { Array($0.unicodeScalars) } == Array(expected.unicodeScalars),
          "\(kind) line \(row.line) \(column): CSVTable '\(row.fields[column] ?? "-")', records() '\(expected)'")
      }
    }
  }
}
