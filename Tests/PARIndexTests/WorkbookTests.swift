import Foundation
import PARIndexCLI
import Testing

@testable import PARIndex

/// Excel workbooks in (issue 10): the committed workbooks written by openpyxl, LibreOffice Calc
/// and XlsxWriter (see `Fixtures/Workbooks/README.md`) rank like their CSV twin, damaged ones
/// are named for what they are, and every cell reads as Excel means it.
struct WorkbookTests {
  static let criteria = Repository.path("criteria/department-2025.json")
  static let twin = Repository.path("Examples/2025/departments")
  static let workbooks = Repository.fixtures + "/Workbooks"

  @Test(arguments: ["openpyxl", "libreoffice", "inline", "xlsxwriter"])
  func eachWriterSetRanksLikeItsCSVTwin(set: String) {
    let fromWorkbooks = Capture.run(["rank", Self.criteria, Self.workbooks + "/" + set, "--format", "csv"])
    let fromCSV = Capture.run(["rank", Self.criteria, Self.twin, "--format", "csv"])
    // One warning, as from the CSV twin: S06 2.2.1 cites S05's document S05-KH04 (NOTES.md).
    #expect(fromWorkbooks.code == .success && fromWorkbooks.err.split(separator: "\n").count == 1)
    #expect(fromWorkbooks.err.contains("evidence 'S05-KH04'") && fromCSV.err.contains("evidence 'S05-KH04'"))
    #expect(fromWorkbooks.out == fromCSV.out && fromCSV.out.split(separator: "\n").count == 13)
  }

  @Test func theWholeResultIsTheSameNotOnlyTheRanking() throws {
    let criteria = try Assessment.loadCriteria(at: Self.criteria)
    let fromWorkbooks = try Assessment.run(criteria: criteria, folder: Self.workbooks + "/libreoffice")
    let fromCSV = try Assessment.run(criteria: criteria, folder: Self.twin)
    for (a, b) in zip(fromWorkbooks.rankedUnits, fromCSV.rankedUnits) {
      #expect(a.unit == b.unit && a.nodes == b.nodes && a.total == b.total && a.exactIndex == b.exactIndex)
      #expect(
        zip(a.leaves, b.leaves).allSatisfy {
          $0.points == $1.points && $0.status == $1.status && $0.source == $1.source
        })
    }
    #expect(fromWorkbooks.inputs.map(\.form).contains("Excel, sheet 'assessment'"))
  }

  /// A year folder of the twin's CSV files with `assessment.xlsx` from `fixture` in place of
  /// `assessment.csv`.
  func yearWith(broken fixture: String) throws -> TemporaryYear {
    var files: [String: String] = [:]
    for name in ["units", "appraisal-1", "appraisal-2", "explanation", "evidence", "survey", "adjustments"] {
      files[name + ".csv"] = try String(contentsOfFile: Self.twin + "/\(name).csv", encoding: .utf8)
    }
    let year = try TemporaryYear(files)
    try year.writeBytes(
      "assessment.xlsx",
      Array(try Data(contentsOf: URL(fileURLWithPath: Self.workbooks + "/broken/\(fixture)/assessment.xlsx"))))
    return year
  }

  @Test(arguments: [
    ("numeric-code", "assessment.xlsx:assessment!B12: code: the cell is a number (1.5) in a column of codes"),
    ("error-value", "assessment.xlsx:assessment!C3: value: the cell holds Excel's error #N/A"),
    ("error-formula", "assessment.xlsx:assessment!C29: value: the cell holds Excel's error #DIV/0!"),
    ("formula-no-cache", "assessment.xlsx:assessment!C8: value: the cell has a formula whose result was never saved"),
    ("truncated", "assessment.xlsx: the workbook is damaged (the file is cut short"),
    ("crc", "assessment.xlsx: the workbook is damaged ("),
    ("xls", "assessment.xlsx: this is an Excel 97–2003 file (.xls): open it in Excel and save it as .xlsx"),
    ("encrypted", "assessment.xlsx: the workbook is password-protected"),
    ("ods", "assessment.xlsx: this is an OpenDocument spreadsheet (.ods): save it as .xlsx"),
    ("xlsm", "assessment.xlsx: this is a macro-enabled workbook (.xlsm): save it as .xlsx"),
  ])
  func aBrokenWorkbookIsNamedForWhatItIs(fixture: String, expected: String) throws {
    let year = try yearWith(broken: fixture)
    let result = Capture.run(["rank", Self.criteria, year.path])
    #expect(result.code == .dataError && result.out.isEmpty)
    #expect(result.err.hasPrefix(year.path + "/" + expected), "\(result.err)")
    #expect(Capture.run(["validate", Self.criteria, year.path]).code == .problemsFound)
  }

  @Test func aWorkbookAndACSVOfTheSameFileIsAnError() throws {
    let year = try TemporaryYear(["units.csv": Mini.units])
    try year.writeBytes(
      "units.xlsx", Array(try Data(contentsOf: URL(fileURLWithPath: Self.workbooks + "/openpyxl/units.xlsx"))))
    let result = Capture.run(["rank", Repository.fixtures + "/mini-2025.json", year.path])
    #expect(result.err.contains("units.csv: both this and \(year.path)/units.xlsx hold the same file: keep one"))
  }

  // MARK: Numbers at Excel's precision

  @Test(arguments: [
    ("0.8139999999999999", "0.814"), ("3.3000000000000003", "3.3"), ("45668", "45668"), ("0.1", "0.1"),
    ("1.2345678901234567", "1.23456789012346"), ("9.9999999999999999", "10"), ("1E-3", "0.001"), ("2.5E+3", "2500"),
    ("-0.5", "-0.5"), ("0", "0"), ("0.000", "0"), ("123456789012345678", "123456789012346000"),
  ])
  func numbersAreRoundedTo15SignificantDigits(stored: String, exact: String) throws {
    #expect(try #require(ExcelNumber(stored)).decimalText() == exact)
  }

  @Test func percentagesAndInvalidNumbers() throws {
    #expect(try #require(ExcelNumber("0.8139999999999999")).decimalText(scaledBy: 2) == "81.4")
    #expect(try #require(ExcelNumber("0.98")).decimalText(scaledBy: 2) == "98")
    #expect(try #require(ExcelNumber("0.00125")).decimalText(scaledBy: 2) == "0.125")
    for bad in ["", "abc", "1.2.3", "1e", "--1", "0x10", "1E99999"] { #expect(ExcelNumber(bad) == nil, "\(bad)") }
  }

  @Test(
    arguments: [
      ("0%", NumberFormat.percent), ("0.0%", .percent), ("#,##0.0%", .percent), ("0.0\" %\"", .general),
      ("0\\%", .general),
      ("dd/mm/yyyy", .date), ("[$-42A]dd/mm/yyyy", .date), ("yyyy\\-mm\\-dd", .date), ("d mmm yy", .date),
      ("[h]:mm", .date),
      ("General", .general), ("0.00", .general), ("#,##0", .general), ("[Red]0.00", .general), ("@", .text),
      ("0.00;[Red]0.00%", .general), ("\"Ngày \"0", .general), ("_(* #,##0_)", .general),
    ] as [(String, NumberFormat)])
  func customNumberFormatsAreClassified(code: String, expected: NumberFormat) {
    #expect(NumberFormat(code: code) == expected)
  }

  @Test func builtInNumberFormats() {
    #expect(NumberFormat(builtIn: 9) == .percent && NumberFormat(builtIn: 10) == .percent)
    for id in [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47] { #expect(NumberFormat(builtIn: id) == .date) }
    for id in [0, 1, 2, 3, 4, 11, 12, 13, 37, 38, 48] { #expect(NumberFormat(builtIn: id) == .general) }
    #expect(NumberFormat(builtIn: 49) == .text)
  }

  // MARK: Dates

  @Test(arguments: [
    (1, false, "1900-01-01"), (59, false, "1900-02-28"), (61, false, "1900-03-01"), (45668, false, "2025-01-11"),
    (45688, false, "2025-01-31"), (2_958_465, false, "9999-12-31"), (0, true, "1904-01-01"),
    (44206, true, "2025-01-11"),
  ])
  func dateSerialsInBothSystems(serial: Int, uses1904: Bool, expected: String) throws {
    let date = try ExcelDate.date(serial: try #require(ExcelNumber(String(serial))), uses1904: uses1904)
    #expect(date.isoText == expected)
  }

  @Test func theFictitious29February1900AndOutOfRangeSerials() throws {
    #expect(throws: ExcelDate.Failure.february29of1900) {
      try ExcelDate.date(serial: ExcelNumber("60")!, uses1904: false)
    }
    #expect(throws: ExcelDate.Failure.outOfRange) { try ExcelDate.date(serial: ExcelNumber("0")!, uses1904: false) }
    #expect(throws: ExcelDate.Failure.outOfRange) { try ExcelDate.date(serial: ExcelNumber("-1")!, uses1904: true) }
    #expect(throws: ExcelDate.Failure.outOfRange) {
      try ExcelDate.date(serial: ExcelNumber("3000000")!, uses1904: false)
    }
    // A time of day is dropped: 45668.75 is still 11/01/2025.
    #expect(try ExcelDate.date(serial: ExcelNumber("45668.75")!, uses1904: false).isoText == "2025-01-11")
  }

  // MARK: Hand-made workbooks for the cases writers rarely produce

  /// A workbook of `sheets` (name, XML of `<sheetData>`), with `strings` shared, the styles
  /// `formats` (custom number format codes by style index 1…), and `extra` workbook properties.
  static func workbook(
    sheets: [(String, String)], strings: [String] = [], formats: [String] = [], date1904: Bool = false,
    hidden: Set<String> = [], namespace: String = "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    prefix: String = ""
  ) throws -> [UInt8] {
    let p = prefix.isEmpty ? "" : prefix + ":"
    let declaration = prefix.isEmpty ? "xmlns=\"\(namespace)\"" : "xmlns:\(prefix)=\"\(namespace)\""
    var writer = ZIPWriter()
    try writer.add(
      "[Content_Types].xml",
      Array(
        "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8))
    try writer.add(
      "_rels/.rels",
      Array(
        """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """.utf8))
    var sheetList = ""
    var relations = ""
    for (index, (name, _)) in sheets.enumerated() {
      let state = hidden.contains(name) ? " state=\"hidden\"" : ""
      sheetList += "<\(p)sheet name=\"\(name)\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 1)\"/>"
      relations +=
        "<Relationship Id=\"rId\(index + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
    }
    relations +=
      "<Relationship Id=\"rS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    relations +=
      "<Relationship Id=\"rT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"/xl/styles.xml\"/>"
    try writer.add(
      "xl/workbook.xml",
      Array(
        """
        <\(p)workbook \(declaration) xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><\(p)workbookPr date1904="\(date1904 ? "1" : "0")"/><\(p)sheets>\(sheetList)</\(p)sheets></\(p)workbook>
        """.utf8))
    try writer.add(
      "xl/_rels/workbook.xml.rels",
      Array(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(relations)</Relationships>"
          .utf8))
    let items = strings.map { "<\(p)si>\($0)</\(p)si>" }.joined()
    try writer.add("xl/sharedStrings.xml", Array("<\(p)sst \(declaration)>\(items)</\(p)sst>".utf8))
    let numberFormats = formats.enumerated().map {
      "<\(p)numFmt numFmtId=\"\(164 + $0.offset)\" formatCode=\"\($0.element.replacingOccurrences(of: "\"", with: "&quot;"))\"/>"
    }.joined()
    let cellFormats = "<\(p)xf numFmtId=\"0\"/>" + formats.indices.map { "<\(p)xf numFmtId=\"\(164 + $0)\"/>" }.joined()
    try writer.add(
      "xl/styles.xml",
      Array(
        """
        <\(p)styleSheet \(declaration)><\(p)numFmts>\(numberFormats)</\(p)numFmts><\(p)cellStyleXfs><\(p)xf numFmtId="10"/></\(p)cellStyleXfs><\(p)cellXfs>\(cellFormats)</\(p)cellXfs></\(p)styleSheet>
        """.utf8))
    for (index, (_, data)) in sheets.enumerated() {
      try writer.add(
        "xl/worksheets/sheet\(index + 1).xml",
        Array("<\(p)worksheet \(declaration)><\(p)sheetData>\(data)</\(p)sheetData></\(p)worksheet>".utf8))
    }
    return writer.finish()
  }

  /// The rows of `kind` in `bytes`, as text by column name.
  static func rows(_ bytes: [UInt8], _ kind: YearFileKind = .units) throws -> [[Column: String]] {
    let workbook = try Workbook.open(bytes, file: "t.xlsx")
    return try SheetTable.open(workbook, kind: kind).rows().map(\.fields)
  }

  @Test func sharedAndInlineStringsRichTextAndPhoneticRuns() throws {
    let bytes = try Self.workbook(
      sheets: [
        (
          "Sheet1",
          """
          <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>group</t></is></c></row>
          <row r="2"><c r="A2" t="inlineStr"><is><t>X01</t></is></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="inlineStr"><is><r><t>x</t></r><r><t xml:space="preserve">ã </t></r></is></c></row>
          """
        )
      ],
      strings: [
        "<t>unit_id</t>", "<t>name</t>",
        "<r><rPr><b/></rPr><t>Xã </t></r><r><t>An</t></r><rPh sb=\"0\" eb=\"1\"><t>ZZZ</t></rPh>",
      ])
    #expect(try Self.rows(bytes) == [[.unitID: "X01", .name: "Xã An", .group: "xã"]])
  }

  @Test func theSheetNamedLikeTheFileOrTheFirstVisibleOne() throws {
    let data =
      "<row r=\"1\"><c t=\"inlineStr\"><is><t>unit_id</t></is></c><c t=\"inlineStr\"><is><t>name</t></is></c><c t=\"inlineStr\"><is><t>group</t></is></c></row>"
    func row(_ id: String) -> String {
      data
        + "<row r=\"2\"><c t=\"inlineStr\"><is><t>\(id)</t></is></c><c t=\"inlineStr\"><is><t>N</t></is></c><c t=\"inlineStr\"><is><t>g</t></is></c></row>"
    }
    let named = try Self.workbook(sheets: [
      ("Hướng dẫn", "<row r=\"1\"><c t=\"inlineStr\"><is><t>Đọc kỹ</t></is></c></row>"), ("Units", row("A")),
    ])
    #expect(try Self.rows(named).map { $0[.unitID] } == ["A"])
    let hiddenFirst = try Self.workbook(sheets: [("Nháp", row("B")), ("Dữ liệu", row("C"))], hidden: ["Nháp"])
    #expect(try Self.rows(hiddenFirst).map { $0[.unitID] } == ["C"])
  }

  @Test func prefixedAndStrictNamespacesAndCellsWithoutReferences() throws {
    let data = """
      <x:row><x:c t="inlineStr"><x:is><x:t>unit_id</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>group</x:t></x:is></x:c></x:row>
      <x:row><x:c t="inlineStr"><x:is><x:t>A</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Tên</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>g</x:t></x:is></x:c></x:row>
      """
    let prefixed = try Self.workbook(sheets: [("S", data)], prefix: "x")
    #expect(try Self.rows(prefixed) == [[.unitID: "A", .name: "Tên", .group: "g"]])
    let strict = try Self.workbook(
      sheets: [("S", data)], namespace: "http://purl.oclc.org/ooxml/spreadsheetml/main", prefix: "x")
    #expect(try Self.rows(strict) == [[.unitID: "A", .name: "Tên", .group: "g"]])
  }

  @Test func valueCellsReadAsExcelMeansThem() throws {
    let header =
      "<row r=\"3\">"
      + ["unit_id", "code", "value", "points"].map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined()
      + "</row>"
    let title = "<row r=\"1\"><c t=\"inlineStr\"><is><t>BẢNG TỰ CHẤM ĐIỂM</t></is></c></row>"
    func row(_ number: Int, _ value: String) -> String {
      "<row r=\"\(number)\"><c r=\"A\(number)\" t=\"inlineStr\"><is><t>A</t></is></c><c r=\"B\(number)\" t=\"inlineStr\"><is><t>2.1</t></is></c>\(value)</row>"
    }
    let bytes = try Self.workbook(
      sheets: [
        (
          "Sheet1",
          title + header
            + [
              row(4, "<c r=\"C4\" s=\"1\"><v>0.96199999999999997</v></c><c r=\"D4\"><v>0.5</v></c>"),
              row(5, "<c r=\"C5\" s=\"2\"><v>45688</v></c>"),
              row(7, "<c r=\"C7\" t=\"b\"><v>1</v></c>"),
              row(8, "<c r=\"C8\"><v>93.5</v></c>"),
              row(9, "<c r=\"C9\" s=\"3\"><v>97.5</v></c>"),
              row(10, "<c r=\"C10\" t=\"str\"><f>\"có\"</f><v>có</v></c>"),
              row(11, "<c r=\"C11\" t=\"d\"><v>2025-01-31T00:00:00</v></c>"),
            ].joined()
        )
      ],
      formats: ["0.0%", "dd/mm/yyyy", "0.0\" %\""])
    #expect(
      try Self.rows(bytes, .assessment).map { $0[.value] ?? "" } == [
        "96.2%", "2025-01-31", "có", "93.5", "97.5", "có", "2025-01-31",
      ])
    #expect(try Self.rows(bytes, .assessment).first?[.points] == "0.5")
  }

  @Test func theDateSystemOfTheWorkbookIsUsed() throws {
    let data =
      "<row r=\"1\">"
      + ["evidence_id", "unit_id", "title", "date"].map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined()
      + "</row><row r=\"2\"><c t=\"inlineStr\"><is><t>E1</t></is></c><c t=\"inlineStr\"><is><t>A</t></is></c><c t=\"inlineStr\"><is><t>KH</t></is></c><c s=\"1\"><v>44206</v></c></row>"
    let mac = try Self.workbook(sheets: [("S", data)], formats: ["dd/mm/yyyy"], date1904: true)
    #expect(try Self.rows(mac, .evidence).first?[.date] == "2025-01-11")
    let windows = try Self.workbook(sheets: [("S", data)], formats: ["dd/mm/yyyy"])
    #expect(try Self.rows(windows, .evidence).first?[.date] == "2021-01-10")
  }

  @Test func cellsThatCannotBeReadAreErrorsAtTheirCell() throws {
    let header =
      "<row r=\"1\">"
      + ["evidence_id", "unit_id", "title", "date"].map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined()
      + "</row>"
    let rows = """
      <row r="2"><c r="A2"><v>12</v></c><c r="B2" t="inlineStr"><is><t>A</t></is></c><c r="C2" t="inlineStr"><is><t>T</t></is></c></row>
      <row r="3"><c r="A3" t="inlineStr"><is><t>E3</t></is></c><c r="B3" t="inlineStr"><is><t>A</t></is></c><c r="C3" t="inlineStr"><is><t>T</t></is></c><c r="D3"><v>45668</v></c></row>
      <row r="4"><c r="A4" t="inlineStr"><is><t>E4</t></is></c><c r="B4" t="inlineStr"><is><t>A</t></is></c><c r="C4" t="inlineStr"><is><t>T</t></is></c><c r="D4" s="1"><v>60</v></c></row>
      <row r="5"><c r="A5" t="inlineStr"><is><t>E5</t></is></c><c r="B5" t="e"><v>#REF!</v></c><c r="C5" t="inlineStr"><is><t>T</t></is></c></row>
      """
    let workbook = try Workbook.open(
      try Self.workbook(sheets: [("Tài liệu", header + rows)], formats: ["dd/mm/yyyy"]), file: "evidence.xlsx")
    let table = try SheetTable.open(workbook, kind: .evidence)
    var log = DiagnosticLog()
    var read = 0
    table.forEachRow(log: &log) { _, _ in read += 1 }
    #expect(read == 0)
    #expect(
      log.errors.map { $0.rendered(.english) } == [
        "evidence.xlsx:'Tài liệu'!A2: evidence_id: the cell is a number (12) in a column of codes: Excel may have changed the code (1.10 to 1.1); format this column as Text and type the codes again",
        "evidence.xlsx:'Tài liệu'!D3: date: the cell is the number 45668, not a date: format the cell as a date (dd/mm/yyyy)",
        "evidence.xlsx:'Tài liệu'!D4: date: Excel's 29/02/1900 does not exist",
        "evidence.xlsx:'Tài liệu'!B5: unit_id: the cell holds Excel's error #REF!: fix the formula or type the value",
      ])
  }

  /// A row numbered 0 or not after the one before, or a cell left of the one before, would be
  /// skipped as "above the header" or put in the wrong column: the file is damaged instead
  /// (found by the workbook fuzz target: `<row r="0">`).
  @Test(arguments: [
    ("<row r=\"0\"><c t=\"inlineStr\"><is><t>A</t></is></c></row>", "numbers a row '0' after row 1"),
    ("<row r=\"3\"/><row r=\"2\"/>", "numbers a row '2' after row 3"),
    ("<row r=\"1\"/>", "numbers a row '1' after row 1"),
    ("<row r=\"1048577\"/>", "numbers a row '1048577' after row 1"),
    ("<row r=\"x\"/>", "numbers a row 'x' after row 1"),
    ("<row><c r=\"C2\"><v>1</v></c><c r=\"B2\"><v>2</v></c></row>", "places a cell 'B2' out of order in row 2"),
    ("<row><c r=\"XFE2\"><v>1</v></c></row>", "places a cell 'XFE2' out of order in row 2"),
  ])
  func rowsAndCellsOutOfOrderAreADamagedFile(rows: String, says: String) throws {
    let header =
      "<row r=\"1\">" + ["unit_id", "name", "group"].map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined()
      + "</row>"
    let bytes = try Self.workbook(sheets: [("Units", header + rows)])
    let thrown = #expect(throws: Diagnostics.self) { try Self.rows(bytes) }
    let error = thrown?.errors.first
    #expect(thrown?.all.count == 1)
    #expect(
      error?.rendered(.english).contains("its part xl/worksheets/sheet1.xml \(says)") == true,
      "\(String(describing: error))")
    #expect(error?.code == "E-XLSX-DAMAGED")
  }

  @Test func rowsAndCellsInOrderWithGapsRead() throws {
    let header =
      "<row r=\"2\">" + ["unit_id", "name", "group"].map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined()
      + "</row>"
    let rows =
      "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>X</t></is></c><c r=\"C5\" t=\"inlineStr\"><is><t>g</t></is></c></row>"
      + "<row><c t=\"inlineStr\"><is><t>Y</t></is></c><c r=\"B6\" t=\"inlineStr\"><is><t>N</t></is></c><c t=\"inlineStr\"><is><t>g</t></is></c></row>"
    #expect(
      try Self.rows(try Self.workbook(sheets: [("Units", header + rows)])) == [
        [.unitID: "X", .name: "", .group: "g"], [.unitID: "Y", .name: "N", .group: "g"],
      ])
  }

  @Test func aWorkbookFromMemoryAndTheLibraryReaders() throws {
    let criteria = try Assessment.loadCriteria(at: Self.criteria)
    let folder = Self.workbooks + "/openpyxl"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { name in
      InputData(name: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
    }
    let fromMemory = try Assessment.run(criteria: criteria, files: files)
    let fromCSV = try Assessment.run(criteria: criteria, folder: Self.twin)
    #expect(RankingCSV.render(fromMemory) == RankingCSV.render(fromCSV))
  }
}

extension WorkbookTests {
  /// Every row of a sheet as (number, column, value) triples, read one way or the other.
  static func transcript(
    _ workbook: Workbook, pipelined: Bool, rowsPerBatch: Int = 2048, stopAfter: Int = .max
  ) throws
    -> [[String]]
  {
    var rows: [[String]] = []
    try SheetStream.rows(
      of: workbook.sheet(for: .assessment), in: workbook, pipelined: pipelined, rowsPerBatch: rowsPerBatch
    ) { row in
      rows.append(
        ["\(row.number)"] + row.cells.map { "\($0.column)=\(String(describing: row.value($0, in: workbook)))" })
      return rows.count < stopAfter
    }
    return rows
  }

  @Test(arguments: ["openpyxl", "libreoffice", "inline", "xlsxwriter"])
  func aSheetReadOnASecondThreadGivesTheSameRows(set: String) throws {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.workbooks + "/\(set)/assessment.xlsx")))
    let workbook = try Workbook.open(bytes, file: "assessment.xlsx")
    let direct = try Self.transcript(workbook, pipelined: false)
    #expect(direct.count > 800)
    for batch in [1, 7, 2048] { #expect(try Self.transcript(workbook, pipelined: true, rowsPerBatch: batch) == direct) }
    // Stopping early stops the reader too, on either path.
    #expect(try Self.transcript(workbook, pipelined: true, rowsPerBatch: 7, stopAfter: 10) == Array(direct.prefix(10)))
    #expect(try Self.transcript(workbook, pipelined: false, stopAfter: 10) == Array(direct.prefix(10)))
  }
}
