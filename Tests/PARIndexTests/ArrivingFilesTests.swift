import Foundation
import PARIndexCLI
import Testing

@testable import PARIndex

/// Files as councils receive them (issue 11): one file per unit, Excel's other text saves,
/// Vietnamese headers, absent files that must not mean "nothing", and the files' real nature
/// named when they cannot be read.
struct ArrivingFilesTests {
  let mini = Repository.fixtures + "/mini-2025.json"
  /// The hand-checked mini year of `ScoringTests`, whole.
  static let year = ScoringTests.year.merging(["units.csv": Mini.units]) { $1 }

  /// `rank --format csv` of a year folder, in English.
  func rank(_ folder: String, _ extra: [String] = []) -> (code: ExitCode, out: String, err: String) {
    Capture.run(["rank", mini, folder, "--format", "csv"] + extra)
  }

  /// The reference: the mini year as plain CSV files.
  func reference() throws -> String {
    let year = try TemporaryYear(Self.year)
    let result = rank(year.path)
    #expect(result.code == .success && Mini.unexpected(result.err).isEmpty)
    return result.out
  }

  /// Bytes 0–255 from a string of scalars below 256 (to write legacy encodings by hand).
  static func bytes(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8($0.value) } }

  /// UTF-16 with a byte order mark, as Excel's "Unicode Text" saves: little-endian by default.
  static func utf16(_ text: String, bigEndian: Bool = false) -> [UInt8] {
    var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    for unit in text.utf16 {
      bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
    return bytes
  }

  // MARK: One file per unit

  @Test func theExampleYearAsSentRanksLikeTheYearInOneFile() {
    let criteria = Repository.path("criteria/commune-2025.json")
    let asSent = Capture.run(["rank", criteria, Repository.path("Examples/2025/communes-as-sent"), "--format", "csv"])
    let whole = Capture.run(["rank", criteria, Repository.path("Examples/2025/communes"), "--format", "csv"])
    #expect(asSent.code == .success && whole.code == .success)
    #expect(asSent.out == whole.out && asSent.out.split(separator: "\n").count == 21)
  }

  @Test func aFolderOfFilesRanksLikeOneFile() throws {
    let reference = try reference()
    var files = Self.year
    let rows = files.removeValue(forKey: "assessment.csv")!.split(separator: "\n").map(String.init)
    let header = rows[0]
    for unit in ["A", "B", "P"] {
      files["assessment/\(unit).csv"] =
        ([header] + rows.filter { $0.hasPrefix(unit + ",") }).joined(separator: "\n") + "\n"
    }
    let year = try TemporaryYear([:])
    try FileManager.default.createDirectory(atPath: year.path + "/assessment", withIntermediateDirectories: true)
    for (name, text) in files { try year.write(name, text) }
    #expect(rank(year.path).out == reference)
  }

  @Test func aLeafGivenInTwoFilesIsAnErrorNamingBoth() throws {
    var files = Self.year
    files["assessment.csv"] = nil
    let year = try TemporaryYear([:])
    try FileManager.default.createDirectory(atPath: year.path + "/assessment", withIntermediateDirectories: true)
    for (name, text) in files { try year.write(name, text) }
    try year.write("assessment/a.csv", "unit_id,code,value\nA,1.3,mot_phan\n")
    try year.write("assessment/b.csv", "unit_id,code,value\nB,1.3,khong\nA,1.3,hoan_thanh\nA,9.9,x\n")
    let result = rank(year.path)
    #expect(result.code == .dataError)
    // Each error names its own file and line; the duplicate names the first place too.
    #expect(
      result.err == """
        \(year.path)/assessment/b.csv:3: code '1.3': duplicate row for unit A: already at \(year.path)/assessment/a.csv:2
        \(year.path)/assessment/b.csv:4: code '9.9': unknown code: expected a leaf code of criteria set mini-2025

        """)
  }

  @Test func aFileAndAFolderOfTheSameNameIsAnError() throws {
    let year = try TemporaryYear(Self.year)
    try FileManager.default.createDirectory(atPath: year.path + "/assessment", withIntermediateDirectories: true)
    try year.write("assessment/A.csv", "unit_id,code,value\nA,1.3,mot_phan\n")
    let result = rank(year.path)
    #expect(result.code == .dataError)
    #expect(result.err.contains("assessment.csv: both this and \(year.path)/assessment hold the same file: keep one"))
  }

  @Test func filesInAFolderThatAreNotYearFilesAreNamed() throws {
    var files = Self.year
    files["evidence.csv"] = nil
    let year = try TemporaryYear(files)
    try FileManager.default.createDirectory(atPath: year.path + "/evidence", withIntermediateDirectories: true)
    try year.write("evidence/all.csv", Self.year["evidence.csv"]!)
    try year.write("evidence/scan.pdf", "%PDF-1.4")
    try year.write("evidence/~$all.xlsx", "lock")
    try year.write("evidence/.DS_Store", "")
    let result = rank(year.path)
    #expect(result.code == .success)
    #expect(
      Mini.unexpected(result.err) == """
        \(year.path)/evidence/scan.pdf: ignored: not a .csv, .txt or .xlsx file
        \(year.path)/evidence/~$all.xlsx: ignored Excel's lock file: the workbook is open on some machine; close it before scoring
        """)
  }

  // MARK: Excel's other text saves

  @Test(arguments: [false, true])
  func unicodeTextIsReadDirectly(bigEndian: Bool) throws {
    let reference = try reference()
    var files = Self.year
    let assessment = files.removeValue(forKey: "assessment.csv")!
    let year = try TemporaryYear(files)
    // "Unicode Text": UTF-16 with a byte order mark, TAB between fields, CRLF, named .txt.
    let tabbed = assessment.replacingOccurrences(of: ",", with: "\t").replacingOccurrences(
      of: "\"1\t25\"", with: "1,25"
    )
    .replacingOccurrences(of: "\n", with: "\r\n")
    try year.writeBytes("assessment.txt", Self.utf16(tabbed, bigEndian: bigEndian))
    #expect(rank(year.path).out == reference)
  }

  @Test func aTabSeparatedCSVIsDetectedFromItsHeader() throws {
    let reference = try reference()
    var files = Self.year
    files["units.csv"] = "unit_id\tname\tgroup\nA\tXã An Bình\txã\nB\tXã Bình Minh\txã\nP\tPhường Tân Phú\tphường\n"
    let year = try TemporaryYear(files)
    #expect(rank(year.path).out == reference)
  }

  @Test func windows1258IsReadWhenAskedAndNamedWhenNot() throws {
    let reference = try reference()
    var files = Self.year
    files["units.csv"] = nil
    let year = try TemporaryYear(files)
    // Mini.units in Windows-1258, encoded by hand (and checked with Python's cp1258 codec):
    // tones as combining marks (0xDE tilde, 0xCC grave), ư = 0xFD, ơ = 0xF5, â = 0xE2, ú = 0xFA.
    try year.writeBytes(
      "units.csv",
      Self.bytes(
        "unit_id,name,group\nA,Xa\u{DE} An Bi\u{CC}nh,xa\u{DE}\nB,Xa\u{DE} Bi\u{CC}nh Minh,xa\u{DE}\n"
          + "P,Ph\u{FD}\u{F5}\u{CC}ng T\u{E2}n Ph\u{FA},ph\u{FD}\u{F5}\u{CC}ng\n"))
    let refused = rank(year.path)
    #expect(refused.code == .dataError && refused.out.isEmpty)
    #expect(
      refused.err.contains("units.csv:2: the file is not UTF-8 (byte 0xDE at offset 23) and reads as Windows-1258 text")
    )
    let read = rank(year.path, ["--encoding", "windows-1258"])
    #expect(read.code == .success && read.out == reference)
  }

  @Test(
    arguments: [
      ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "E-LOOKS-WORKBOOK", "name it .xlsx"),
      ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00], "E-LOOKS-OLE", "Excel 97–2003 file (.xls)"),
      ([0x1F, 0x8B, 0x08, 0x00], "E-LOOKS-GZIP", "gzip"),
      (
        Array("u\0n\0i\0t\0_\0i\0d\0,\0n\0a\0m\0e\0\n\0".utf8), "E-UTF16-NO-BOM",
        "UTF-16 text without a byte order mark"
      ),
    ] as [([UInt8], String, String)])
  func theBytesAreNamedForWhatTheyAre(bytes: [UInt8], code: String, fragment: String) throws {
    let year = try TemporaryYear(Self.year)
    try year.writeBytes("units.csv", bytes)
    let result = rank(year.path)
    #expect(result.code == .dataError)
    #expect(result.err.contains("units.csv: ") && result.err.contains(fragment))
    let criteria = try Mini.criteria
    #expect { _ = try YearLoader.load(folder: year.path, criteria: criteria) } throws: { error in
      (error as? Diagnostics)?.errors.first?.code == code
    }
  }

  @Test func aNulByteIsBinaryDataNamedWithItsOffsetAndLine() throws {
    // Valid UTF-8 otherwise: a NUL 3 bytes into line 3, at offset 19 + 19 + 3 = 41 (each of
    // `ã`, `ì` two bytes).
    var bytes = Array("unit_id,name,group\nA,Xã An Bình,xã\nB,Xã Bình Minh,xã\n".utf8)
    #expect(Array(bytes[38..<41]) == Array("B,X".utf8))
    bytes.insert(0, at: 41)
    let year = try TemporaryYear(Self.year)
    try year.writeBytes("units.csv", bytes)
    let result = rank(year.path)
    #expect(result.code == .dataError)
    #expect(result.err.contains("units.csv:3: ") && result.err.contains("0x00 byte at offset 41"), "\(result.err)")
    // The scan finds the first NUL wherever it is, and none in a file without one.
    #expect(TextDecoding.firstZero(in: []) == nil)
    #expect(TextDecoding.firstZero(in: Array(repeating: 0x41, count: 1000)) == nil)
    for offset in [0, 7, 8, 15, 16, 999] {
      var text = Array(repeating: UInt8(0x41), count: 1000)
      text[offset] = 0
      if offset < 999 { text[999] = 0 }
      #expect(TextDecoding.firstZero(in: text) == offset)
    }
  }

  @Test func anOldXlsOrAnOdsIsNamedWithWhatToDo() throws {
    var files = Self.year
    files["adjustments.csv"] = nil
    let year = try TemporaryYear(files)
    try year.writeBytes("adjustments.xls", [0xD0, 0xCF, 0x11, 0xE0])
    let result = rank(year.path)
    #expect(result.code == .dataError)
    #expect(
      result.err
        == "\(year.path)/adjustments.xls: this is an Excel 97–2003 file (.xls): open it in Excel and save it as .xlsx (Excel Workbook)\n"
    )
  }

  // MARK: Vietnamese headers, title rows, repeated headers

  @Test func vietnameseColumnNamesAreAliases() throws {
    let reference = try reference()
    var files = Self.year
    files["units.csv"] =
      "Mã đơn vị,Tên đơn vị,Khối\n" + Mini.units.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
    files["assessment.csv"] = files["assessment.csv"]!.replacingOccurrences(
      of: "unit_id,code,value,points,evidence,note",
      with: " MÃ ĐƠN VỊ ,Mã tiêu chí,Kết quả,Điểm tự chấm,Tài liệu kiểm chứng,Ghi chú")
    files["appraisal.csv"] = files["appraisal.csv"]!.replacingOccurrences(
      of: "unit_id,code,value,points,reason", with: "Mã đơn vị,Mã tiêu chí,Giá trị,Điểm thẩm định,Lý do")
    files["evidence.csv"] = files["evidence.csv"]!.replacingOccurrences(
      of: "evidence_id,unit_id,title,doc_number,date,issuer,location",
      with: "Mã tài liệu,Mã đơn vị,Trích yếu,Số ký hiệu,Ngày ban hành,Cơ quan ban hành,Đường dẫn")
    files["survey.csv"] = files["survey.csv"]!.replacingOccurrences(
      of: "unit_id,respondent_id,question,answer,weight", with: "Mã đơn vị,Mã phiếu,Câu hỏi,Trả lời,Trọng số")
    // NFD spelling of a header matches too.
    files["adjustments.csv"] = files["adjustments.csv"]!.replacingOccurrences(
      of: "unit_id,kind,points,reason", with: "Mã đơn vị,Loại,Điểm,Lý do".decomposedStringWithCanonicalMapping)
    let year = try TemporaryYear(files)
    #expect(rank(year.path).out == reference)
  }

  @Test func aColumnNamedTwiceIsAnError() throws {
    var files = Self.year
    files["assessment.csv"] = "unit_id,code,Mã tiêu chí,value\nA,1.3,1.3,mot_phan\n"
    let year = try TemporaryYear(files)
    let result = rank(year.path)
    #expect(result.code == .dataError)
    #expect(
      result.err
        == "\(year.path)/assessment.csv:1: header 'Mã tiêu chí': column code is named twice in the header (also as 'code'): keep one\n"
    )
  }

  @Test func titleRowsAboveTheHeaderAreSkipped() throws {
    let reference = try reference()
    var files = Self.year
    files["assessment.csv"] = "BẢNG TỰ CHẤM ĐIỂM CCHC NĂM 2025,,,,,\nXã An Bình,,,,,\n\n" + files["assessment.csv"]!
    let year = try TemporaryYear(files)
    #expect(rank(year.path).out == reference)
    // Lines still count from the top of the file.
    let bad = try TemporaryYear(
      Self.year.merging(["assessment.csv": "Tiêu đề\n\nunit_id,code,value\nA,1.3,abc\n"]) { $1 })
    #expect(rank(bad.path).err.contains("assessment.csv:4: value 'abc': expected one of the options"))
  }

  @Test(arguments: ["units.csv", "assessment.csv", "survey.csv"])
  func aRepeatedHeaderRowIsNamedAsSuch(file: String) throws {
    var files = Self.year
    let lines = files[file]!.split(separator: "\n").map(String.init)
    files[file] = ([lines[0], lines[1], lines[0]] + lines.dropFirst(2)).joined(separator: "\n") + "\n"
    let year = try TemporaryYear(files)
    let result = rank(year.path)
    #expect(result.code == .dataError)
    #expect(
      result.err
        == "\(year.path)/\(file):3: repeated header row (as on line 1; a second sheet pasted?): delete this row\n")
  }

  // MARK: No silent zeros

  @Test func aMissingEvidenceFileIsAnErrorAndAHeaderOnlyOneSaysNone() throws {
    var files = Self.year
    files["evidence.csv"] = nil
    let year = try TemporaryYear(files)
    let result = rank(year.path)
    #expect(result.code == .dataError && result.out.isEmpty)
    #expect(
      result.err == """
        \(year.path)/evidence.csv: the evidence file is missing, but 2 leaves require evidence; to say on purpose that there are no documents, give an evidence.csv with only its header row

        """)
    #expect(Capture.run(["validate", mini, year.path]).code == .problemsFound)
    try year.write("evidence.csv", Mini.noEvidence)
    #expect(rank(year.path).code == .success)
  }

  @Test func aMissingSurveyIsAnErrorUnlessEveryUnitHasItsPercentage() throws {
    var files = Self.year
    files["survey.csv"] = nil
    let year = try TemporaryYear(files)
    let result = rank(year.path)
    #expect(result.code == .dataError)
    // P has its published percentage (an appraisal row for 3.1); A and B have nothing.
    #expect(
      result.err.contains("survey.csv: the survey file is missing: 2 units (A, B) have no result for the survey leaves")
    )
    try year.write("appraisal.csv", files["appraisal.csv"]! + "A,3.1,80%,,công bố\nB,3.1,70%,,công bố\n")
    #expect(rank(year.path).code == .success)
  }

  @Test func validateListsTheFilesItRead() throws {
    var files = Self.year
    files["assessment.csv"] =
      "Tiêu đề\n"
      + files["assessment.csv"]!.replacingOccurrences(of: ",", with: ";").replacingOccurrences(
        of: "\"1;25\"", with: "1,25")
    let year = try TemporaryYear(files)
    let result = Capture.run(["validate", mini, year.path])
    #expect(result.code == .success)
    #expect(result.out.contains("Files read:\n  \(year.path)/units.csv: CSV UTF-8, ','\n"))
    #expect(result.out.contains("  \(year.path)/assessment.csv: CSV UTF-8, ';', header on line 2\n"))
    // The mini year's one warning: B's leaf 1.2 cites E9, which B's evidence file lacks.
    #expect(result.out.hasSuffix("0 errors, 1 warning\n"))
  }

  // MARK: Warnings

  @Test func aPercentageWrittenAsAFractionRanksWithAWarning() throws {
    var files = Self.year
    files["assessment.csv"] = files["assessment.csv"]!.replacingOccurrences(
      of: "A,2.1,182/200,,,", with: "A,2.1,\"0,962\",,,")
    let year = try TemporaryYear(files)
    let result = rank(year.path)
    #expect(result.code == .success && !result.out.isEmpty)
    #expect(
      Mini.unexpected(result.err) == """
        \(year.path)/assessment.csv:6: value '0,962': looks like a fraction of 1 (Excel's % format lost?): if 96,2 % was meant, write 96,2 or 96,2% (unit A, leaf 2.1)
        """)
    // --strict makes the warning stop the command; validate says how many there are.
    #expect(rank(year.path, ["--strict"]).code == .dataError)
    let validation = Capture.run(["validate", mini, year.path])
    #expect(validation.code == .success && validation.out.hasSuffix("0 errors, 2 warnings\n"))
    #expect(Capture.run(["validate", mini, year.path, "--strict"]).code == .problemsFound)
  }

  @Test func aCountWrittenWithAThousandsSeparator() throws {
    // On a deduction leaf a count must be whole: the thousands reading is named in the error.
    let deduction = try Mini.problems(
      Self.year.merging([
        "assessment.csv": Self.year["assessment.csv"]!.replacingOccurrences(of: "A,1.4,2,,,", with: "A,1.4,1.234,,,")
      ]) { $1 })
    #expect(
      deduction.count == 1
        && deduction[0].hasSuffix(
          "value '1.234': expected a whole number; if 1234 was meant, write 1234 without a thousands separator (unit A, leaf 1.4, rule deduction)"
        ))
    #expect(Plausibility.thousands("1.234") == "1234" && Plausibility.thousands("12,500") == "12500")
    #expect(
      Plausibility.thousands("0.125") == nil && Plausibility.thousands("1.5") == nil
        && Plausibility.thousands("1234.567") == nil)
  }

  @Test func datesBeforeTheYearOrFarAfterItAreWarned() throws {
    var files = Self.year
    files["assessment.csv"] = files["assessment.csv"]!.replacingOccurrences(
      of: "B,1.2,2025-01-31,,E9,", with: "B,1.2,2024-05-20,,E9,"
    )
    .replacingOccurrences(of: "P,1.2,31/01/2025,,E2|E9,", with: "P,1.2,15/03/2027,,E2|E9,")
    let results = try Mini.run(files)
    // Line 10 also cites E9, which B's evidence file lacks (leaf 1.2 requires evidence).
    #expect(results.warnings.map(\.code) == ["W-DATE-BEFORE-YEAR", "W-EVIDENCE-UNKNOWN", "W-DATE-FAR-AFTER"])
    #expect(results.warnings.map(\.line) == [10, 10, 16])
  }

  @Test func aDateThatReadsBothWaysIsWarnedOnlyWhereTheFileNeverShowsItsOrder() throws {
    // 1.2 is due 31/01/2025: 01/02/2025 is late read day first, on time read month first.
    var files = Self.year
    files["assessment.csv"] = "unit_id,code,value,evidence\nA,1.2,01/02/2025,E2\n"
    // (B and P, without a row here, are named too: W-UNIT-WITHOUT-ROWS, set aside.)
    let two = try Mini.run(files).warnings.filter { $0.code != "W-UNIT-WITHOUT-ROWS" }
    #expect(
      two.map { $0.rendered(.english) } == [
        "\(two.first?.file ?? ""):2: value '01/02/2025': read as dd/mm/yyyy it is late, but as 02/01/2025 (mm/dd/yyyy, as English-locale Excel writes) it would be on time: check the date (unit A, leaf 1.2)"
      ])
    // A date only day-first can be (28/…) settles the file's order: no warning.
    files["assessment.csv"]! += "B,1.2,28/01/2025,E9\n"
    // (B cites E9, which B's evidence file lacks: that warning, and P's without a row.)
    #expect(try Mini.run(files).warnings.map(\.code).sorted() == ["W-EVIDENCE-UNKNOWN", "W-UNIT-WITHOUT-ROWS"])
  }

  // MARK: Messages in the users' language

  @Test func messagesAreVietnameseByDefaultAndEnglishWhenAsked() throws {
    let year = try TemporaryYear(Self.year.merging(["assessment.csv": "unit_id,code,value\nZ,1.3,mot_phan\n"]) { $1 })
    let line = "\(year.path)/assessment.csv:2: unit_id 'Z': "
    #expect(
      Capture.run(["rank", mini, year.path], language: "vi").err == line + "không có đơn vị này trong units.csv\n")
    #expect(
      Capture.run(["rank", mini, year.path, "--lang", "en"], language: "vi").err == line
        + "unknown unit: expected a unit_id listed in units.csv\n")
    #expect(Capture.run(["rank", mini, year.path, "--lang=vi"]).err == line + "không có đơn vị này trong units.csv\n")
    #expect(Capture.run(["rank", "--lang", "fr"]).code == .usage)
    // Help too: Vietnamese section names by default.
    #expect(Capture.run(["rank", "--help"], language: "vi").out.hasPrefix("MÔ TẢ: Chấm điểm mọi đơn vị"))
    #expect(Capture.run(["rank", "--help"]).out.hasPrefix("OVERVIEW: Score every unit"))
  }

  @Test func anErrorCarriesItsCodeAndBothRenderings() throws {
    do {
      _ = try Mini.run(["assessment.csv": "unit_id,code,value\nZ,1.3,mot_phan\n"])
      Issue.record("the year was read")
    } catch let error as Diagnostics {
      let problem = try #require(error.errors.first)
      #expect(problem.code == "E-UNKNOWN-UNIT" && problem.kind == .invalid && problem.line == 2)
      #expect(problem.field == "unit_id" && problem.value == "Z")
      #expect(problem.rendered(.vietnamese).hasSuffix("unit_id 'Z': không có đơn vị này trong units.csv"))
      #expect(problem.rendered(.english).hasSuffix("unit_id 'Z': unknown unit: expected a unit_id listed in units.csv"))
      #expect(problem.description == problem.rendered(.vietnamese))
    }
  }

  // MARK: From memory

  @Test func aYearFromMemoryRanksLikeTheFolder() throws {
    let files = Self.year.map { InputData(name: $0.key, text: $0.value) }
    let results = try Assessment.run(criteria: try Mini.criteria, files: files)
    #expect(RankingCSV.render(results) == (try reference()))
    // Messages name the files as given.
    let criteria = try Mini.criteria
    #expect {
      _ = try Assessment.run(criteria: criteria, files: files + [InputData(name: "assessment/extra.csv", text: "x")])
    } throws: { error in
      (error as? Diagnostics)?.errors.map(\.code) == ["E-TWO-FORMS"]
    }
  }
}
