// libFuzzer target for the workbook reader: the input is the XML of a sheet, its shared
// strings and its styles, separated by lines `@@ sharedStrings` and `@@ styles`; they are put
// in a workbook (stored entries) and read as each kind of year file. Invariants: no crash; a
// readable sheet gives rows whose cells are what the sheet holds (every text NFC and trimmed,
// every row number rising from 1, every cell right of the one before), and the same rows whether the sheet is read once or its header
// searched first; a damaged part is one clear diagnostic naming the file.
//
//   Fuzz/run.sh workbook SECONDS

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = fuzzBytes(data, size)
  let (sheet, strings, styles) = fuzzWorkbookParts(bytes)
  guard let archive = fuzzWorkbook(sheet: sheet, strings: strings, styles: styles) else { return 0 }
  let workbook: Workbook
  do {
    workbook = try Workbook.open(archive, file: "fuzz.xlsx")
  } catch {
    fuzzCheck(error.file == "fuzz.xlsx", "a workbook error names another file: \(error)")
    return 0
  }
  // Rows straight from the stream: positive numbers, every cell's bytes inside its row.
  var previous = 0
  do {
    try SheetStream.rows(of: workbook.sheets[0], in: workbook) { row in
      // Rows rise from 1, cells from column A (a sheet out of order is refused as damaged).
      fuzzCheck(row.number > previous && row.number <= ExcelGrid.rows, "row number \(row.number) after \(previous)")
      previous = row.number
      var column = -1
      for cell in row.cells {
        fuzzCheck(cell.column > column && cell.column < ExcelGrid.columns, "cell column \(cell.column) after \(column)")
        column = cell.column
        fuzzCheck(cell.start <= cell.end && cell.end <= row.bytes.count, "a cell's bytes lie outside its row")
        _ = row.value(cell, in: workbook)
      }
      return true
    }
  } catch {
    fuzzCheck(!error.rendered(.english).isEmpty, "an empty message")
  }
  for kind in YearFileKind.allCases {
    guard let table = try? SheetTable.open(workbook, kind: kind) else { continue }
    var log = DiagnosticLog()
    table.forEachRow(log: &log) { row, _ in
      fuzzCheck(row.line > table.header.line, "a row at or above the header was read")
      for position in 0..<table.header.width {
        let text = row.text(position)
        fuzzCheck(text == String(text.trimmingSpaces).nfc, "cell text not trimmed or not NFC: \(text.debugDescription)")
      }
    }
    for problem in log.errors { fuzzCheck(problem.file == "fuzz.xlsx", "a problem names another file: \(problem)") }
  }
  return 0
}

/// The three parts of an input (missing ones empty).
func fuzzWorkbookParts(_ bytes: [UInt8]) -> (sheet: [UInt8], strings: [UInt8], styles: [UInt8]) {
  var parts: [[UInt8]] = [[], [], []]
  var current = 0
  var line: [UInt8] = []
  for byte in bytes + [0x0A] {
    if byte == 0x0A {
      let text = String(decoding: line, as: UTF8.self)
      if text == "@@ sharedStrings" {
        current = 1
      } else if text == "@@ styles" {
        current = 2
      } else {
        parts[current] += line + [0x0A]
      }
      line = []
    } else {
      line.append(byte)
    }
  }
  return (parts[0], parts[1], parts[2])
}

/// A workbook with one sheet and the given parts, stored.
func fuzzWorkbook(sheet: [UInt8], strings: [UInt8], styles: [UInt8]) -> [UInt8]? {
  var writer = ZIPWriter()
  let workbook = """
    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
    <sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
    """
  let relations = """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
    </Relationships>
    """
  do {
    try writer.add("xl/workbook.xml", Array(workbook.utf8))
    try writer.add("xl/_rels/workbook.xml.rels", Array(relations.utf8))
    try writer.add("xl/worksheets/sheet1.xml", sheet)
    if !strings.isEmpty { try writer.add("xl/sharedStrings.xml", strings) }
    if !styles.isEmpty { try writer.add("xl/styles.xml", styles) }
  } catch {
    return nil
  }
  return writer.finish()
}
