// libFuzzer target for the workbook writer (`Spreadsheet.xlsx()`): the input's bytes choose a
// workbook — sheets with names, cells of every kind and style, widths, frozen and repeated rows,
// footers, merges, validations, protection and hidden sheets — from pieces of text that trouble
// XML and Excel (markup, controls, lone carriage returns, bidi controls, combining marks, `_x0041_`,
// astral letters) and from the input's own bytes. Invariants: no crash; a refusal is a
// non-empty message; a written workbook is the same bytes when written again, every part is
// well-formed XML, and our reader opens it and finds every sheet by name with every cell as
// written (text as Excel shows it, numbers exactly, dates as day numbers).
//
//   Fuzz/run.sh spreadsheet SECONDS

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  var input = FuzzChoices(fuzzBytes(data, size))
  let spreadsheet = input.spreadsheet()
  let bytes: [UInt8]
  do {
    bytes = try spreadsheet.xlsx()
  } catch {
    fuzzCheck(!error.description.isEmpty, "an empty refusal")
    return 0
  }
  fuzzCheck((try? spreadsheet.xlsx()) == bytes, "the same workbook written twice gives different bytes")
  fuzzCheckWellFormed(bytes)
  let workbook: Workbook
  do {
    workbook = try Workbook.open(bytes, file: "out.xlsx")
  } catch {
    fuzzFail("a written workbook does not open: \(error.rendered(.english))")
  }
  fuzzCheck(
    workbook.sheets.map { $0.name.nfc } == spreadsheet.sheets.map { $0.name.nfc },
    "sheet names read back \(workbook.sheets.map(\.name)) for \(spreadsheet.sheets.map(\.name))")
  for (written, read) in zip(spreadsheet.sheets, workbook.sheets) {
    fuzzCheck(read.isVisible == !written.isHidden, "sheet '\(written.name)' visibility changed")
    let expected = written.rows.map { $0.map(fuzzShown) }
    let back = fuzzGrid(read, in: workbook)
    let trim = { (rows: [[String]]) -> [[String]] in
      var rows = rows.map { row in Array(row.reversed().drop { $0.isEmpty }.reversed()).map(\.nfc) }
      while rows.last?.isEmpty == true { rows.removeLast() }
      return rows
    }
    fuzzCheck(
      trim(back) == trim(expected),
      "sheet '\(written.name)' reads back \(trim(back)) for \(trim(expected))")
  }
  return 0
}

/// What our reader should give for a written cell.
func fuzzShown(_ cell: Spreadsheet.Cell) -> String {
  switch cell.value {
  case .empty: ""
  case .text(let text): XMLText.visible(text)
  case .number(let number): number.description
  case .date(let date): String(ExcelDate.serial(of: date))
  }
}

/// A sheet read back as text, one array per row (empty rows kept).
func fuzzGrid(_ sheet: Workbook.Sheet, in workbook: Workbook) -> [[String]] {
  var rows: [[String]] = []
  do throws(Diagnostic) {
    try SheetStream.rows(of: sheet, in: workbook) { row in
      var cells: [String] = []
      for cell in row.cells {
        while cells.count < cell.column { cells.append("") }
        switch row.value(cell, in: workbook) {
        case .text(let text)?: cells.append(text)
        case .number(let number, _)?: cells.append(number.decimalText())
        default: cells.append("")
        }
      }
      while rows.count < row.number - 1 { rows.append([]) }
      rows.append(cells)
      return true
    }
  } catch {
    fuzzFail("sheet '\(sheet.name)' of a written workbook does not read: \(error.rendered(.english))")
  }
  return rows
}

/// Every `.xml` and `.rels` part tokenizes without an error.
func fuzzCheckWellFormed(_ bytes: [UInt8]) {
  let archive: ZIPArchive
  do { archive = try ZIPArchive(bytes: bytes) } catch { fuzzFail("a written workbook is no ZIP: \(error)") }
  for entry in archive.entries where entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") {
    guard let part = try? archive.contents(of: entry) else { fuzzFail("part \(entry.name) does not read") }
    var tokenizer = XMLTokenizer(limits: XMLLimits())
    var failure: XMLError?
    part.withUnsafeBytes { buffer in
      do throws(XMLError) {
        try tokenizer.feed(buffer) { (_: XMLEvent) in }
        try tokenizer.finish { (_: XMLEvent) in }
      } catch {
        failure = error
      }
    }
    if let failure { fuzzFail("part \(entry.name) is not well-formed: \(failure)") }
  }
}

/// `Spreadsheet.sheetName`'s name for `wanted`, which the writer must accept.
func fuzzValidName(_ wanted: String, taken: [String]) -> String {
  let name = Spreadsheet.sheetName(wanted, taken: taken)
  if (try? Spreadsheet.checkName(name, taken: taken)) == nil {
    fuzzFail("sheetName made a name the writer refuses: \(name.debugDescription)")
  }
  return name
}

/// Reads choices from the input's bytes; past the end every choice is 0.
struct FuzzChoices {
  let bytes: [UInt8]
  var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// A number in `0..<count`.
  mutating func pick(_ count: Int) -> Int {
    guard position < bytes.count, count > 1 else { return 0 }
    defer { position += 1 }
    return Int(bytes[position]) % count
  }

  mutating func flag() -> Bool { pick(2) == 1 }

  /// Pieces that trouble XML or Excel, or raw input bytes decoded as UTF-8 (repaired).
  static let pieces = [
    "a", "Sở Nội vụ", " ", "&", "<", ">", "\"", "'", "\r", "\n", "\r\n", "\t", "\u{01}", "\u{1F}", "\u{7F}",
    "\u{202E}", "\u{200D}", "\u{FEFF}", "e\u{301}", "𝐀", "]]>", "&amp;", "_x0041_", "_x000D_", "1,5", "=SUM(A1)",
    "\u{FFFD}", "\u{FFFE}", "\u{85}", "\u{2028}", "[", "]", ":", "*", "?", "/", "\\", "History", "A1:B2", "$A$1",
    String(repeating: "x", count: 300),
  ]

  mutating func text() -> String {
    var text = ""
    for _ in 0..<pick(5) {
      if flag() {
        text += Self.pieces[pick(Self.pieces.count)]
      } else {
        let count = pick(12)
        let end = min(bytes.count, position + count)
        text += String(decoding: bytes[min(position, end)..<end], as: UTF8.self)
        position = end
      }
    }
    return text
  }

  mutating func number() -> FixedDecimal {
    var micros: Int64 = 0
    for _ in 0..<pick(8) { micros = micros &* 256 &+ Int64(pick(256)) }
    if flag() { micros = -micros }
    return FixedDecimal(exactlyMicros: micros % 999_999_999_999_999) ?? .zero
  }

  mutating func date() -> CalendarDate {
    CalendarDate(year: 1900 + pick(201), month: 1 + pick(12), day: 1 + pick(31))
      ?? CalendarDate(year: 2025, month: 1, day: 1)!
  }

  mutating func style() -> Spreadsheet.Style {
    let roles: [Spreadsheet.Style.Role] = [.body, .header, .title, .total, .input]
    let formats: [Spreadsheet.Style.Format] = [
      .general, .decimals(pick(6)), .percent(pick(4)), .date, .text, .decimals(pick(40)),
    ]
    return Spreadsheet.Style(
      role: roles[pick(roles.count)], format: formats[pick(formats.count)], wraps: flag(), isLocked: flag())
  }

  mutating func cell() -> Spreadsheet.Cell {
    switch pick(5) {
    case 0: .empty(style())
    case 1: Spreadsheet.Cell(.text(text()), style())
    case 2: Spreadsheet.Cell(.number(number()), style())
    case 3: Spreadsheet.Cell(.date(date()), style())
    default: .text(text())
    }
  }

  /// A range: mostly made of valid references, sometimes raw text.
  mutating func range() -> String {
    let a = Spreadsheet.reference(row: pick(10), column: pick(8))
    switch pick(4) {
    case 0: return a
    case 1: return text()
    default: return a + ":" + Spreadsheet.reference(row: pick(12), column: pick(10))
    }
  }

  mutating func validation() -> Spreadsheet.Validation {
    let kind: Spreadsheet.Validation.Kind =
      switch pick(6) {
      case 0: .list((0..<pick(5)).map { _ in text() })
      case 1: .listRange(flag() ? "'Danh mục'!$A$1:$A$\(1 + pick(50))" : text())
      case 2:
        .decimal(min: number(), max: number())
      case 3: .whole(min: pick(256) - 128, max: pick(256))
      case 4: .date(min: date(), max: date())
      default: .textLength(max: pick(300))
      }
    return Spreadsheet.Validation(range: range(), kind: kind, isStrict: flag(), prompt: text(), error: text())
  }

  mutating func sheet(taken: [String]) -> Spreadsheet.Sheet {
    let wanted = text()
    let name = flag() ? wanted : fuzzValidName(wanted, taken: taken)
    let rows = (0..<pick(9)).map { _ in (0..<pick(7)).map { _ in cell() } }
    let firstRepeated = 1 + pick(3)
    var sheet = Spreadsheet.Sheet(
      name: name, rows: rows, columnWidths: (0..<pick(6)).map { _ in pick(300) - 20 }, frozenRows: pick(4),
      repeatedRows: flag() ? firstRepeated...(firstRepeated + pick(3)) : nil, landscape: flag(), footer: text(),
      merges: (0..<pick(3)).map { _ in range() }, validations: (0..<pick(3)).map { _ in validation() },
      isProtected: flag(), isHidden: pick(4) == 0)
    for _ in 0..<pick(3) { sheet.rowHeights[pick(10)] = pick(200) }
    return sheet
  }

  mutating func spreadsheet() -> Spreadsheet {
    var sheets: [Spreadsheet.Sheet] = []
    for _ in 0..<(1 + pick(3)) { sheets.append(sheet(taken: sheets.map(\.name))) }
    return Spreadsheet(sheets: sheets)
  }
}
