import Foundation
import Testing

@testable import PARIndex

/// The workbook writer (issue 15): what it writes reads back through the project's own reader
/// exactly (numbers, text, dates, percentages), the bytes repeat, and the parts a reader of
/// print set-up and forms looks for are there.
struct SpreadsheetWriterTests {
  /// `cells` as the `value` column of an assessment sheet, read back by the year loader's
  /// workbook reader: the text it gives each.
  func readBack(_ cells: [Spreadsheet.Cell]) throws -> [String] {
    let header: [Spreadsheet.Cell] = [.text("unit_id"), .text("code"), .text("value")]
    let rows = cells.enumerated().map { index, cell in [.text("U1"), .text("1.\(index + 1)"), cell] }
    let workbook = Spreadsheet(sheets: [Spreadsheet.Sheet(name: "assessment", rows: [header] + rows)])
    let opened = try Workbook.open(try workbook.xlsx(), file: "test.xlsx")
    return try SheetTable.open(opened, kind: .assessment).rows().map { $0.fields[.value] ?? "" }
  }

  @Test func numbersReadBackExactly() throws {
    let values =
      ["72.5", "0.1", "99.999999", "0", "123456789.000001"].map(decimal) + [
        FixedDecimal(exactlyMicros: -1_250_000)!
      ]
    #expect(
      try readBack(values.map { .number($0, places: 2) }) == [
        "72.5", "0.1", "99.999999", "0", "123456789.000001", "-1.25",
      ])
    let sheet = Spreadsheet.Sheet(name: "Số", rows: [[.number(decimal("72.5"), places: 2)]])
    let xml = try part(Spreadsheet(sheets: [sheet]), "xl/styles.xml")
    #expect(xml.contains("formatCode=\"0.00\""))
    #expect(try part(Spreadsheet(sheets: [sheet]), "xl/worksheets/sheet1.xml").contains("<v>72.5</v>"))
  }

  @Test func textIsEscapedAndInvisibleControlsShowTheirCodePoint() throws {
    let texts = ["a & b < c > \"d\"", "Sở Nội vụ", "x\u{202E}y", "bell\u{07}", "hai dòng"]
    #expect(
      try readBack(texts.map { .text($0) }) == [
        "a & b < c > \"d\"", "Sở Nội vụ", "x[U+202E]y", "bell[U+0007]", "hai dòng",
      ])
  }

  @Test func datesAndPercentagesReadAsTheyShow() throws {
    let cells: [Spreadsheet.Cell] = [
      Spreadsheet.Cell(.date(CalendarDate(year: 2025, month: 1, day: 28)!)),
      Spreadsheet.Cell(.number(decimal("0.962")), Spreadsheet.Style(format: .percent(1))),
      Spreadsheet.Cell(.date(CalendarDate(year: 1900, month: 3, day: 1)!)),
    ]
    let read = try readBack(cells)
    #expect(read == ["2025-01-28", "96.2%", "1900-03-01"])
  }

  @Test func theSameSheetsGiveTheSameBytes() throws {
    let sheet = Spreadsheet.Sheet(
      name: "A", rows: [[.text("x"), .number(decimal("1.5"), places: 1)]], frozenRows: 1, repeatedRows: 1...1,
      footer: "id & năm")
    #expect(try Spreadsheet(sheets: [sheet]).xlsx() == Spreadsheet(sheets: [sheet]).xlsx())
  }

  @Test func printSetUpFrozenRowsAndFooterAreWritten() throws {
    let sheet = Spreadsheet.Sheet(
      name: "Khối xã", rows: [[.text("tiêu đề")], [.text("Hạng", .header)]], columnWidths: [12], frozenRows: 2,
      repeatedRows: 2...2, footer: "bộ A&B")
    let workbook = Spreadsheet(sheets: [sheet])
    let xml = try part(workbook, "xl/worksheets/sheet1.xml")
    #expect(xml.contains("<pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
    #expect(xml.contains("<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"))
    #expect(xml.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"))
    #expect(xml.contains("<oddFooter>&amp;Lbộ A&amp;&amp;B&amp;RTrang &amp;P/&amp;N</oddFooter>"))
    #expect(xml.contains("<col min=\"1\" max=\"1\" width=\"12\" customWidth=\"1\"/>"))
    let book = try part(workbook, "xl/workbook.xml")
    #expect(book.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Khối xã'!$2:$2</definedName>"))
  }

  @Test func validationsAndProtectionAreWritten() throws {
    var sheet = Spreadsheet.Sheet(
      name: "Form", rows: [[.empty(Spreadsheet.Style(role: .input, isLocked: false))]], isProtected: true)
    sheet.validations = [
      Spreadsheet.Validation(range: "A1", kind: .list(["có", "không"]), prompt: "p", error: "e"),
      Spreadsheet.Validation(range: "B1", kind: .decimal(min: .zero, max: decimal("1.5")), isStrict: false),
      Spreadsheet.Validation(
        range: "C1",
        kind: .date(
          min: CalendarDate(year: 2025, month: 1, day: 1)!, max: CalendarDate(year: 2025, month: 12, day: 31)!)),
    ]
    let workbook = Spreadsheet(sheets: [sheet])
    let xml = try part(workbook, "xl/worksheets/sheet1.xml")
    #expect(xml.contains("type=\"list\""))
    #expect(xml.contains("<formula1>&quot;có,không&quot;</formula1>"))
    #expect(xml.contains("errorStyle=\"warning\" operator=\"between\""))
    #expect(xml.contains("<formula1>0</formula1><formula2>1.5</formula2>"))
    // 1 January 2025 is Excel's day 45658, 31 December 2025 day 46022.
    #expect(xml.contains("<formula1>45658</formula1><formula2>46022</formula2>"))
    #expect(xml.contains("<sheetProtection sheet=\"1\""))
    #expect(try part(workbook, "xl/styles.xml").contains("<protection locked=\"0\"/>"))
  }

  @Test func sheetNamesAreMadeValidAndUnique() {
    #expect(Spreadsheet.sheetName("Khối [xã]/phường", taken: []) == "Khối -xã--phường")
    #expect(Spreadsheet.sheetName("Khối xã", taken: ["khối XÃ"]) == "Khối xã (2)")
    #expect(Spreadsheet.sheetName(String(repeating: "a", count: 40), taken: []).count == 31)
    #expect(Spreadsheet.sheetName("''", taken: []) == "Sheet")
    #expect(Spreadsheet.column(0) == "A" && Spreadsheet.column(25) == "Z" && Spreadsheet.column(26) == "AA")
    #expect(Spreadsheet.column(701) == "ZZ" && Spreadsheet.column(702) == "AAA")
  }

  @Test func workbooksExcelWouldRefuseAreRefused() throws {
    #expect(throws: Spreadsheet.WriteError.self) { try Spreadsheet(sheets: []).xlsx() }
    #expect(throws: Spreadsheet.WriteError.self) {
      try Spreadsheet(sheets: [Spreadsheet.Sheet(name: "a"), Spreadsheet.Sheet(name: "A")]).xlsx()
    }
    #expect(throws: Spreadsheet.WriteError.self) { try Spreadsheet(sheets: [Spreadsheet.Sheet(name: "a/b")]).xlsx() }
    #expect(throws: Spreadsheet.WriteError.self) {
      try Spreadsheet(sheets: [Spreadsheet.Sheet(name: "hidden", isHidden: true)]).xlsx()
    }
    let long = String(repeating: "a", count: Spreadsheet.maxCellText + 1)
    do {
      _ = try Spreadsheet(sheets: [Spreadsheet.Sheet(name: "S", rows: [[.text("ok"), .text(long)]])]).xlsx()
      Issue.record("a cell over Excel's limit was written")
    } catch {
      #expect(error.description == "sheet 'S' cell B1 holds 32768 characters; Excel holds at most 32767")
    }
    #expect(
      try Spreadsheet(sheets: [Spreadsheet.Sheet(name: "S", rows: [[.text(String(long.dropFirst()))]])]).xlsx().count
        > 32_767)
  }

  @Test func excelDaySerialsAreTheInverseOfTheReader() throws {
    for (year, month, day, serial) in [
      (1900, 3, 1, 61), (2025, 1, 1, 45658), (1999, 12, 31, 36525), (9999, 12, 31, 2_958_465),
    ] {
      let date = CalendarDate(year: year, month: month, day: day)!
      #expect(ExcelDate.serial(of: date) == serial)
      let number = try #require(Array(String(serial).utf8).withUnsafeBufferPointer { ExcelNumber.parse($0) })
      #expect(try ExcelDate.date(serial: number, uses1904: false) == date)
    }
  }

  /// The text of one part of the written workbook.
  func part(_ workbook: Spreadsheet, _ name: String) throws -> String {
    let archive = try ZIPArchive(bytes: workbook.xlsx(), limits: ZIPLimits())
    let entry = try #require(archive.entry(matching: name))
    return String(decoding: try archive.contents(of: entry), as: UTF8.self)
  }
}

/// What Excel would "repair" is refused before writing (a reviewer's list, read against
/// ECMA-376 and Excel's limits).
struct SpreadsheetChecksTests {
  func refusal(_ sheet: Spreadsheet.Sheet) -> String? {
    do {
      _ = try Spreadsheet(sheets: [sheet]).xlsx()
      return nil
    } catch { return error.description }
  }

  @Test func rangesMustParseAndNotOverlap() {
    var sheet = Spreadsheet.Sheet(name: "S", rows: [[.text("a")]])
    sheet.merges = ["A1:C1", "B1:B2"]
    #expect(refusal(sheet) == "sheet 'S': merged ranges A1:C1 and B1:B2 overlap")
    sheet.merges = ["A1:C1", "A2:C2"]
    #expect(refusal(sheet) == nil)
    sheet.merges = ["C1:A1"]
    #expect(refusal(sheet) == "sheet 'S': merged range 'C1:A1' is not a cell range")
    sheet.merges = []
    sheet.validations = [
      Spreadsheet.Validation(range: "A1:A5", kind: .whole(min: 0, max: 9)),
      Spreadsheet.Validation(range: "B1 A5", kind: .whole(min: 0, max: 9)),
    ]
    #expect(refusal(sheet) == "sheet 'S': validations of A1:A5 and A5 overlap")
    sheet.validations = [Spreadsheet.Validation(range: "A0", kind: .whole(min: 0, max: 9))]
    #expect(refusal(sheet) == "sheet 'S': validation range 'A0' is not a cell range")
  }

  @Test func inlineListsMustFitAndHaveNoCommaOrQuote() {
    var sheet = Spreadsheet.Sheet(name: "S")
    for words in [["a,b"], ["say \"x\""], [String(repeating: "x", count: 256)], []] {
      sheet.validations = [Spreadsheet.Validation(range: "A1", kind: .list(words))]
      #expect(refusal(sheet)?.contains("drop-down list") == true, "\(words)")
    }
    sheet.validations = [Spreadsheet.Validation(range: "A1", kind: .list([String(repeating: "x", count: 255)]))]
    #expect(refusal(sheet) == nil)
  }

  @Test func sheetNamesExcelReservesOrCannotShow() {
    // U+FFFE: XML cannot hold it, so the tab would show `[U+FFFE]` (found by the spreadsheet fuzz target).
    for name in ["History", "'quoted", "tab\tname", "a\u{202E}b", "a\u{FFFE}b", String(repeating: "𝐀", count: 16)] {
      #expect(refusal(Spreadsheet.Sheet(name: name)) != nil, "\(name)")
    }
    #expect(Spreadsheet.sheetName("History", taken: []) == "Sheet History")
    #expect(Spreadsheet.sheetName("a\u{202E}b\u{07}", taken: []) == "ab")
    #expect(Spreadsheet.sheetName("a\u{FFFF}b\u{FFFE}", taken: []) == "ab")
    #expect(Spreadsheet.sheetName(String(repeating: "𝐀", count: 20), taken: []).utf16.count == 30)
    #expect(
      refusal(Spreadsheet.Sheet(name: Spreadsheet.sheetName(String(repeating: "𝐀", count: 20), taken: []))) == nil)
  }

  @Test func promptsAreCutAfterEscapingAndAttributesKeepTheirLineBreaks() throws {
    let prompt = String(repeating: "\u{01}", count: 40) + "\nend"
    var sheet = Spreadsheet.Sheet(name: "S", footer: String(repeating: "a", count: 119) + "&b")
    sheet.validations = [Spreadsheet.Validation(range: "A1", kind: .whole(min: 0, max: 1), prompt: prompt)]
    let archive = try ZIPArchive(bytes: Spreadsheet(sheets: [sheet]).xlsx(), limits: ZIPLimits())
    let xml = String(
      decoding: try archive.contents(of: try #require(archive.entry(matching: "xl/worksheets/sheet1.xml"))),
      as: UTF8.self)
    // 40 × "[U+0001]" is 320 units: cut to 255 whole characters, nothing of "end" is left.
    let shown = String(repeating: "[U+0001]", count: 40)
    #expect(xml.contains("prompt=\"\(shown.prefix(255))\""))
    // The footer is cut (to 120) before `&` is doubled: its last `&` becomes `&&`, a literal
    // ampersand, and the `&R` after it stays a code.
    #expect(xml.contains("<oddFooter>&amp;L\(String(repeating: "a", count: 119))&amp;&amp;&amp;RTrang"))
    let kept = Spreadsheet.Sheet(name: "T")
    var withBreak = kept
    withBreak.validations = [Spreadsheet.Validation(range: "A1", kind: .whole(min: 0, max: 1), prompt: "a\nb")]
    let second = try ZIPArchive(bytes: Spreadsheet(sheets: [withBreak]).xlsx(), limits: ZIPLimits())
    let text = String(
      decoding: try second.contents(of: try #require(second.entry(matching: "xl/worksheets/sheet1.xml"))), as: UTF8.self
    )
    #expect(text.contains("prompt=\"a&#10;b\""))
    #expect(text.contains("<sheetView tabSelected=\"1\" workbookViewId=\"0\">"))
  }
}

/// Any sheet the writer accepts reads back, through the project's reader, cell for cell as its
/// reader would show it: text as written (controls and bidi controls visible as `[U+…]`,
/// carriage returns kept), numbers exactly, dates as the day.
struct SpreadsheetRoundTripProperty {
  static let pieces = [
    "a", "Sở", "Nội vụ", " ", "&", "<", ">", "\"", "'", "\r", "\n", "\r\n", "\t", "\u{01}", "\u{1F}", "\u{202E}",
    "e\u{301}", "𝐀", "]]>", "&amp;", "_x0041_", "1,5", "=SUM(A1)", "\u{FFFD}",
  ]

  static func text(_ generator: inout SeededGenerator) -> String {
    (0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
  }

  @Test func randomSheetsReadBackCellForCell() throws {
    var generator = SeededGenerator(seed: 15)
    for round in 0..<60 {
      var rows: [[Spreadsheet.Cell]] = []
      var expected: [[String]] = []
      for _ in 0..<Int.random(in: 1...12, using: &generator) {
        var row: [Spreadsheet.Cell] = []
        var shown: [String] = []
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
          switch Int.random(in: 0..<4, using: &generator) {
          case 0:
            let text = Self.text(&generator)
            row.append(.text(text))
            shown.append(XMLText.visible(text))
          case 1:
            let micros = Int64.random(in: -999_999_999_999...999_999_999_999, using: &generator)
            let number = FixedDecimal(exactlyMicros: micros)!
            row.append(.number(number, places: Int.random(in: 0...4, using: &generator)))
            shown.append(number.description)
          case 2:
            let date = CalendarDate(
              year: Int.random(in: 1901...2100, using: &generator), month: Int.random(in: 1...12, using: &generator),
              day: Int.random(in: 1...28, using: &generator))!
            row.append(Spreadsheet.Cell(.date(date)))
            shown.append(String(ExcelDate.serial(of: date)))
          default:
            row.append(.empty())
            shown.append("")
          }
        }
        rows.append(row)
        expected.append(shown)
      }
      let bytes = try Spreadsheet(sheets: [Spreadsheet.Sheet(name: "Vòng \(round)", rows: rows)]).xlsx()
      let read = try OutputWorkbookTests.grid(bytes, sheet: "Vòng \(round)")
      let trimmed = { (rows: [[String]]) in
        rows.map { row in Array(row.reversed().drop { $0.isEmpty }.reversed()) }
      }
      var back = trimmed(read)
      while back.count < expected.count { back.append([]) }
      #expect(
        back.map { $0.map { $0.precomposedStringWithCanonicalMapping } }
          == trimmed(expected).map { $0.map { $0.precomposedStringWithCanonicalMapping } }, "round \(round)")
    }
  }
}
