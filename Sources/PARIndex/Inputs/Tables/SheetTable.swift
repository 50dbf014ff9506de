/// A year file in a worksheet, with its header found and checked, read row by row as the
/// sheet is streamed.
///
/// Each cell becomes the text a CSV file would hold for it, as Excel means it: a number with a
/// percent format is that percentage (`0.962` → `96.2%`); a number with a date format is that
/// day (written `yyyy-mm-dd`, which cannot be misread); a boolean in a value is `có`/`không`;
/// other numbers keep the digits typed, at Excel's 15 significant digits. A number in a column
/// of ids or codes, a number without a date format in a date column, an error value or a
/// formula never computed are errors at their cell (`assessment.xlsx:Sheet1!C14`), and the
/// row is not read.
struct SheetTable: RowTable {
  /// One row, valid during the visit.
  struct Row: TableRow {
    let line: Int
    /// The text of each header position (empty where the row has nothing).
    let texts: [String]

    func text(_ position: Int?) -> String {
      guard let position, position < texts.count else { return "" }
      return texts[position]
    }

    func withPlainBytes<Result>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
      guard position < texts.count else { return nil }
      var text = texts[position]
      // The texts are trimmed and NFC already; only ASCII ones are looked up as bytes.
      return text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } ? body(bytes) : nil }
    }
  }

  let workbook: Workbook
  let sheet: Workbook.Sheet
  let header: TableHeader
  let origin: TableOrigin
  /// A sheet is streamed: its rows are not counted ahead.
  var rowCountBound: Int { 0 }

  /// Opens the sheet of `workbook` that holds a `kind` file and finds its header.
  static func open(_ workbook: Workbook, kind: YearFileKind) throws(Diagnostics) -> SheetTable {
    let sheet = workbook.sheet(for: kind)
    typealias Candidate = (line: Int, cells: [String])
    var first: Candidate?
    var mostNamed: (candidate: Candidate, count: Int)?
    var found: Candidate?
    var rows = 0
    do {
      try SheetStream.rows(of: sheet, in: workbook) { row in
        guard !row.cells.isEmpty else { return true }
        rows += 1
        var cells = [String](repeating: "", count: (row.cells.last?.column ?? -1) + 1)
        for cell in row.cells where cell.column < cells.count {
          cells[cell.column] = displayText(row.value(cell, in: workbook) ?? .empty, workbook: workbook)
        }
        let recognition = TableHeader.recognition(cells, kind: kind)
        if first == nil { first = (row.number, cells) }
        if recognition.hasRequired {
          found = (row.number, cells)
          return false
        }
        if recognition.count >= 2 && recognition.count > (mostNamed?.count ?? 0) {
          mostNamed = ((row.number, cells), recognition.count)
        }
        return rows < CSVTable.headerSearchRows
      }
    } catch {
      throw Diagnostics([error])
    }
    guard let chosen = found ?? mostNamed?.candidate ?? first else {
      throw Diagnostics([
        Diagnostic(.emptyFile(expected: kind.required.map(\.rawValue)), at: InputLocation(file: workbook.file))
      ])
    }
    var log = DiagnosticLog()
    let header = TableHeader.read(chosen.cells, line: chosen.line, kind: kind, log: &log) { position in
      InputLocation(
        file: workbook.file,
        place: position.map { .cell(sheet: sheet.name, column: $0 + 1, row: chosen.line) }
          ?? .row(sheet: sheet.name, row: chosen.line))
    }
    try log.throwIfAny()
    return SheetTable(
      workbook: workbook, sheet: sheet, header: header,
      origin: TableOrigin(file: workbook.file, sheet: sheet.name, header: header))
  }

  func forEachRow(log: inout DiagnosticLog, _ body: (Row, inout DiagnosticLog) -> Void) {
    let mapped = header.positions.map { (column: $0.key, position: $0.value) }.sorted { $0.position < $1.position }
    let first = header.kind.required.first.flatMap { header.position($0) }
    // One array for every row's texts, filled in place (the row visited holds it only while visited).
    var texts = [String](repeating: "", count: header.width)
    var reportedUnnamed: Set<Int> = []
    do {
      try SheetStream.rows(of: sheet, in: workbook) { sheetRow in
        guard sheetRow.number > header.line, !sheetRow.cells.isEmpty else { return true }
        for index in texts.indices where !texts[index].isEmpty { texts[index] = "" }
        var failed = false
        for cell in sheetRow.cells where !header.named.contains(cell.column) && !reportedUnnamed.contains(cell.column) {
          var shown: String?
          switch sheetRow.value(cell, in: workbook) {
          case .empty?, nil: continue
          case .text(let text)?:
            guard !text.trimmingSpaces.isEmpty else { continue }
            shown = text
          default: break
          }
          // Once per column: every row of it would say the same.
          reportedUnnamed.insert(cell.column)
          log.add(
            .dataUnderUnnamedColumn(position: cell.column + 1, headerLine: header.line),
            at: InputLocation(
              file: workbook.file, place: .cell(sheet: sheet.name, column: cell.column + 1, row: sheetRow.number)),
            value: shown)
          failed = true
        }
        var cells = sheetRow.cells[...]
        for (column, position) in mapped {
          while let first = cells.first, first.column < position { cells.removeFirst() }
          guard let cell = cells.first, cell.column == position else { continue }
          guard let value = sheetRow.value(cell, in: workbook) else {
            log.add(
              .damagedWorkbook(.corruptPart(sheet.part)), at: origin.location(line: sheetRow.number, column: column))
            failed = true
            continue
          }
          switch Self.text(value, role: column.role, workbook: workbook) {
          case .success(let text): texts[position] = text
          case .failure(let problem):
            log.add(
              problem.message, at: origin.location(line: sheetRow.number, column: column),
              field: header.displayName(column), value: problem.shown)
            failed = true
          }
        }
        if failed { return !log.isFull }
        let row = Row(line: sheetRow.number, texts: texts)
        if let first, var cell = Optional(row.text(first)), cell.withUTF8({ TableHeader.mayBeName($0) }),
          header.isRepeated({ row.text($0) })
        {
          log.add(.repeatedHeader(firstLine: header.line), at: origin.location(line: sheetRow.number, column: nil))
          return !log.isFull
        }
        body(row, &log)
        return !log.isFull
      }
    } catch {
      log.add(error)
    }
  }

  /// A cell that cannot be read as its column means.
  struct CellProblem: Error {
    var message: Message
    /// The cell as shown in messages.
    var shown: String?
  }

  /// The text of `value` for a column of `role`, or why it cannot be read.
  static func text(_ value: CellValue, role: Column.Role, workbook: Workbook) -> Result<String, CellProblem> {
    switch value {
    case .empty: return .success("")
    case .text(let text): return .success(text.trimmedNFC)
    case .boolean(let isTrue):
      if role == .identifier {
        return .failure(CellProblem(message: .numberInTextColumn(shown: isTrue ? "TRUE" : "FALSE"), shown: nil))
      }
      return .success(role == .value ? (isTrue ? "có" : "không") : (isTrue ? "TRUE" : "FALSE"))
    case .error(let code): return .failure(CellProblem(message: .errorCell(code), shown: nil))
    case .formulaWithoutValue: return .failure(CellProblem(message: .formulaWithoutValue, shown: nil))
    case .isoDate(let text):
      guard let date = CalendarDate(parsing: String(text.prefix(10))) else {
        return .failure(CellProblem(message: .invalidDateSerial(text), shown: nil))
      }
      return .success(role == .text ? date.description : date.isoText)
    case .number(let number, let format):
      if role == .identifier {
        return .failure(CellProblem(message: .numberInTextColumn(shown: number.decimalText()), shown: nil))
      }
      switch format {
      case .percent: return .success(number.decimalText(scaledBy: 2) + "%")
      case .date:
        do {
          let date = try ExcelDate.date(serial: number, uses1904: workbook.uses1904)
          return .success(role == .text ? date.description : date.isoText)
        } catch {
          let message: Message = error == .february29of1900 ? .excelLeapBug : .invalidDateSerial(number.decimalText())
          return .failure(CellProblem(message: message, shown: nil))
        }
      case .general, .text:
        if role == .date {
          return .failure(CellProblem(message: .numberInDateColumn(shown: number.decimalText()), shown: nil))
        }
        return .success(number.decimalText())
      }
    }
  }

  /// A cell as it reads in a header or a title row (no errors: a header of numbers is simply
  /// not a header).
  static func displayText(_ value: CellValue, workbook: Workbook) -> String {
    switch text(value, role: .text, workbook: workbook) {
    case .success(let text): text
    case .failure: ""
    }
  }
}
