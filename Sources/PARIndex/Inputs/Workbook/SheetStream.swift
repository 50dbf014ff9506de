/// What a worksheet cell holds, as the workbook stored it.
enum CellValue: Sendable, Hashable {
  case empty
  /// A shared or inline string, a formula's text result.
  case text(String)
  /// A number, with its cell's number format (a percentage, a date, …).
  case number(ExcelNumber, NumberFormat)
  case boolean(Bool)
  /// An error value: `#N/A`, `#DIV/0!`, `#VALUE!`, `#REF!`…
  case error(String)
  /// An ISO 8601 date cell (`t="d"`), as some writers store dates.
  case isoDate(String)
  /// A formula whose result was never computed and saved.
  case formulaWithoutValue
}

/// One row of a worksheet: its number and its non-empty cells, left to right.
struct SheetRow: Sendable {
  /// The row's number (1 for the first).
  var number: Int
  /// (column counted from 0, value)
  var cells: [(column: Int, value: CellValue)]
}

/// Streaming a worksheet's XML, as it is inflated, into rows: memory holds one row and the
/// inflate window, never the sheet.
enum SheetStream {
  /// Calls `body` with each row of `sheet` in order; `body` returns false to stop.
  /// - Throws: a ``Diagnostic`` when the sheet is damaged or beyond a limit.
  static func rows(of sheet: Workbook.Sheet, in workbook: Workbook, _ body: (SheetRow) -> Bool) throws(Diagnostic) {
    func fail(_ message: Message) -> Diagnostic { Diagnostic(message, at: InputLocation(file: workbook.file)) }
    guard let entry = workbook.archive.entry(matching: sheet.part) else { throw fail(.workbookPartMissing(sheet.part)) }
    var tokenizer = XMLTokenizer()
    var parser = SheetParser(names: WorkbookNames(&tokenizer), workbook: workbook)
    var failure: Diagnostic?
    var stopped = false
    func handle(_ event: XMLEvent) {
      guard !stopped else { return }
      switch parser.handle(event) {
      case .row(let row): if !body(row) { stopped = true }
      case .damaged: failure = fail(.damagedWorkbook(.corruptPart(sheet.part)))
      case .none: break
      }
      if failure != nil { stopped = true }
    }
    do throws(ZIPError) {
      try workbook.archive.stream(entry) { chunk in
        do throws(XMLError) { try tokenizer.feed(chunk, handle) } catch {
          failure = fail(Workbook.message(for: error, part: sheet.part))
          return false
        }
        return !stopped
      }
      if failure == nil && !stopped {
        do throws(XMLError) { try tokenizer.finish(handle) } catch { failure = fail(Workbook.message(for: error, part: sheet.part)) }
      }
    } catch {
      throw fail(Workbook.message(for: error))
    }
    if let failure { throw failure }
  }
}

/// The state of reading `<sheetData>`: the row and the cell being read.
private struct SheetParser {
  enum Output {
    case none
    case row(SheetRow)
    /// A cell the workbook cannot mean (a shared-string index out of range, a number that is not one).
    case damaged
  }

  /// A cell's `t`.
  enum Kind { case number, sharedString, string, inlineString, boolean, error, isoDate }

  let names: WorkbookNames
  let workbook: Workbook
  var row = SheetRow(number: 0, cells: [])
  var inRow = false
  var column = -1
  var style = 0
  var kind = Kind.number
  var hasFormula = false
  var inCell = false
  var inValue = false
  var inInline = false
  var textDepth = 0
  var phoneticDepth = 0
  var value: [UInt8] = []

  init(names: WorkbookNames, workbook: Workbook) {
    (self.names, self.workbook) = (names, workbook)
    value.reserveCapacity(64)
  }

  mutating func handle(_ event: XMLEvent) -> Output {
    switch event {
    case .startElement(let element):
      let name = element.name
      if names.isMain(name, names.cell) {
        let reference = element.attributes[names.reference]
        column = reference.flatMap { Self.column(of: $0) } ?? column + 1
        style = element.attributes[names.style]?.decimalInteger ?? 0
        kind = Self.kind(element.attributes[names.cellType])
        (hasFormula, inCell, inValue, inInline, textDepth, phoneticDepth) = (false, true, false, false, 0, 0)
        value.removeAll(keepingCapacity: true)
      } else if inCell {
        if names.isMain(name, names.value) {
          inValue = true
        } else if names.isMain(name, names.formula) {
          hasFormula = true
        } else if names.isMain(name, names.inlineString) {
          inInline = true
        } else if names.isMain(name, names.phonetic) {
          phoneticDepth += 1
        } else if names.isMain(name, names.text) {
          textDepth += 1
        }
      } else if names.isMain(name, names.row) {
        let number = element.attributes[names.reference]?.decimalInteger ?? row.number + 1
        row = SheetRow(number: number, cells: [])
        (inRow, column) = (true, -1)
      }
    case .text(let bytes):
      if inValue || (inInline && textDepth > 0 && phoneticDepth == 0) { value.append(contentsOf: bytes.buffer) }
    case .endElement(let name):
      if names.isMain(name, names.cell) {
        inCell = false
        guard let cell = cellValue() else { return .damaged }
        if cell != .empty { row.cells.append((column, cell)) }
      } else if inCell {
        if names.isMain(name, names.value) {
          inValue = false
        } else if names.isMain(name, names.inlineString) {
          inInline = false
        } else if names.isMain(name, names.phonetic) {
          phoneticDepth -= 1
        } else if names.isMain(name, names.text) {
          textDepth -= 1
        }
      } else if names.isMain(name, names.row), inRow {
        inRow = false
        return .row(row)
      }
    }
    return .none
  }

  /// The cell just read, or `nil` when it cannot be what the workbook says.
  func cellValue() -> CellValue? {
    let text = { String(decoding: value, as: UTF8.self) }
    if value.isEmpty && kind != .inlineString { return hasFormula ? .formulaWithoutValue : .empty }
    switch kind {
    case .sharedString:
      guard let index = Self.integer(value), index < workbook.sharedStrings.count else { return nil }
      return .text(workbook.sharedStrings[index])
    case .string, .inlineString: return value.isEmpty ? (hasFormula ? .formulaWithoutValue : .empty) : .text(text())
    case .boolean: return .boolean(value == [UInt8(ascii: "1")] || text().lowercased() == "true")
    case .error: return .error(text())
    case .isoDate: return .isoDate(text())
    case .number:
      guard let number = ExcelNumber(text()) else { return nil }
      return .number(number, style < workbook.formats.count ? workbook.formats[style] : .general)
    }
  }

  static func kind(_ attribute: XMLBytes?) -> Kind {
    guard let attribute else { return .number }
    if attribute.equals("s") { return .sharedString }
    if attribute.equals("str") { return .string }
    if attribute.equals("inlineStr") { return .inlineString }
    if attribute.equals("b") { return .boolean }
    if attribute.equals("e") { return .error }
    if attribute.equals("d") { return .isoDate }
    return .number
  }

  /// The column of a reference `C14` (A = 0).
  static func column(of reference: XMLBytes) -> Int? {
    var column = 0
    var letters = 0
    for index in 0..<reference.count {
      let byte = reference[index] | 0x20
      guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") else { break }
      column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
      letters += 1
      if letters > 3 { return nil }
    }
    return letters > 0 ? column - 1 : nil
  }

  static func integer(_ bytes: [UInt8]) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
    var result = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
      result = result * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return result
  }
}
