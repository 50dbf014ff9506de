import Foundation
import PARIndexCLI
import Testing

@testable import PARIndex

/// Every input the fuzzers found a bug with (`Fuzz/regressions/`), replayed: no crash, and the
/// specific behaviour that was wrong is now right.
struct FuzzRegressionTests {
  static let folder = Repository.path("Fuzz/regressions")

  static func files(_ prefix: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
  }

  static func bytes(_ name: String) -> [UInt8] {
    Array(FileManager.default.contents(atPath: folder + "/" + name) ?? Data())
  }

  /// A year archive: `@@ name` lines start each file.
  static func year(_ name: String) throws -> TemporaryYear {
    let text = String(decoding: bytes(name), as: UTF8.self)
    var files: [String: String] = [:]
    var current: String?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("@@ ") {
        current = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
        files[current!] = ""
      } else if let current {
        files[current]! += line + "\n"
      }
    }
    // Found before absent files were refused: "no documents, no answers" is now said on purpose.
    if files["evidence.csv"] == nil { files["evidence.csv"] = Mini.noEvidence }
    if files["survey.csv"] == nil { files["survey.csv"] = Mini.noSurvey }
    return try TemporaryYear(files)
  }

  @Test func thereAreRegressionsToReplay() {
    #expect(Self.files("").count >= 8)
  }

  @Test(arguments: files("criteria-rounding-"))
  func criteriaPointsFinerThanTheRoundingAreRejected(name: String) {
    #expect {
      _ = try CriteriaSetDecoder.decode(Self.bytes(name), file: name)
    } throws: { error in
      (error as! Diagnostics).errors.contains { $0.code == "E-CRITERIA-DECIMALS" }
    }
  }

  @Test func hugeMaximaAreRejectedInsteadOfOverflowingTheirSum() {
    #expect {
      _ = try CriteriaSetDecoder.decode(Self.bytes("criteria-maxpoints-sum-overflow.json"), file: "x.json")
    } throws: { error in
      (error as! Diagnostics).errors.contains { $0.code == "E-CRITERIA-MAX-LARGE" }
    }
  }

  @Test func answerCodesThatRepeatAfterTrimmingAreRejected() {
    #expect {
      _ = try CriteriaSetDecoder.decode(Self.bytes("criteria-survey-duplicate-answer.json"), file: "x.json")
    } throws: { error in
      (error as! Diagnostics).errors.contains {
        $0.code == "E-CRITERIA-DUPLICATE-ANSWER" || $0.code == "E-CRITERIA-DUPLICATE-QUESTION"
      }
    }
  }

  @Test func aQuoteInsideAnUnquotedHeaderFieldDoesNotSwallowTheRows() throws {
    let rows = try CSVTable.open(file: "t.csv", bytes: Self.bytes("csv-table-header-quote.csv"), kind: .assessment)
      .rows()
    #expect(rows.map { $0.fields[.unitID] } == ["X01", "X02"])
    #expect(rows.map(\.line) == [2, 3])
  }

  @Test func aBlankLineBeforeTheHeaderIsSkipped() throws {
    let rows = try CSVTable.open(file: "t.csv", bytes: Self.bytes("csv-table-leading-blank-line.csv"), kind: .units)
      .rows()
    #expect(rows.map { $0.fields[.unitID] } == ["X01"] && rows[0].line == 3)
    let semicolons = try CSVReader(file: "t.csv", bytes: Array("\n\r\nunit_id;name;group\nX01;A;g\n".utf8))
    #expect(semicolons.separator == UInt8(ascii: ";"))
  }

  @Test func aNoBreakSpaceBeyondTheLastColumnIsAFieldTooMany() throws {
    // Once read as an empty extra field; since the eighth session any field past the header is
    // an error (DECISIONS §15: an unquoted `0,5` shifts a row and leaves such a field). The
    // regression stays: the no-break space is one field, the row's fourth, named as such.
    let thrown = #expect(throws: Diagnostics.self) {
      try CSVTable.open(file: "t.csv", bytes: Self.bytes("csv-table-extra-field-nbsp.csv"), kind: .units).rows()
    }
    #expect(thrown?.all.map(\.code) == ["E-TOO-MANY-FIELDS"])
    #expect(
      thrown?.all.first?.rendered(.english).hasPrefix("t.csv:2: the row has 4 fields but the header has 3") == true)
    // A row of no-break spaces is blank, like a row of spaces.
    let blank = try CSVTable.open(
      file: "t.csv", bytes: Array("unit_id,name,group\n\u{A0},\u{FEFF} ,\n1,2,3\n".utf8), kind: .units
    ).rows()
    #expect(blank.map { $0.fields[.unitID] } == ["1"])
  }

  @Test func fieldsAreTrimmedAlikeWhetherReadFromBytesOrAsText() throws {
    let rows = try CSVTable.open(file: "t.csv", bytes: Self.bytes("csv-table-trim-ascii.csv"), kind: .units).rows()
    #expect(rows.map { $0.fields[.unitID] } == ["X01", "X02"])
  }

  @Test func datesBeforeTheYear1000FormatAndParseBack() throws {
    let text = String(decoding: Self.bytes("values-date-year-padding.txt"), as: UTF8.self)
    let date = try #require(CalendarDate(parsing: text))
    #expect(
      date.description == "01/01/0001" && CalendarDate(parsing: date.description) == date
        && CalendarDate(parsing: date.isoText) == date)
  }

  @Test func csvDoublesAQuoteFollowedByACombiningMark() throws {
    let text = String(decoding: Self.bytes("values-csvwriter-quote-combining.txt"), as: UTF8.self)
    var writer = CSVWriter()
    writer.row([text, "x"])
    let rows = try CSVReader(file: "t.csv", bytes: Array(writer.output.utf8)).records()
    #expect(rows.count == 1 && rows[0].fields.count == 2)
    #expect(Array(rows[0].fields[0].unicodeScalars) == Array(text.nfc.unicodeScalars))
  }

  @Test func htmlEscapesAQuoteFollowedByACombiningMark() {
    let escaped = HTML.escape(String(decoding: Self.bytes("values-html-escape-combining.txt"), as: UTF8.self))
    // Checked on bytes: `contains` on a String compares characters, the very blind spot at issue.
    let bytes = Array(escaped.utf8)
    let quot = Array("&quot;".utf8)
    #expect(
      !bytes.contains(UInt8(ascii: "\""))
        && (0...(bytes.count - quot.count)).contains { Array(bytes[$0..<$0 + quot.count]) == quot })
  }

  @Test(arguments: [
    "year-csvwriter-combining-separator.txt", "year-csvwriter-combining-quote.txt",
    "year-survey-leading-blank-line.txt",
  ])
  func rankingCSVReadsBackWithTheSameFields(name: String) throws {
    let year = try Self.year(name)
    let result = Capture.run(["rank", Repository.fixtures + "/mini-2025.json", year.path, "--format", "csv"])
    #expect(result.code == .success)
    // Every row has as many fields as the header when read back.
    let rows = try CSVReader(file: "out.csv", bytes: Array(result.out.utf8)).records()
    #expect(rows.allSatisfy { $0.fields.count == rows[0].fields.count })
  }

  /// The survey section of a `year` archive as the target cuts it: the bytes after
  /// `@@ survey.csv` up to the line feed before the next `@@ ` at a line start.
  static func surveySection(of name: String) throws -> [UInt8] {
    let archive = bytes(name)
    let marker = Array("@@ survey.csv\n".utf8)
    let start =
      try #require((0...(archive.count - marker.count)).first { Array(archive[$0..<($0 + marker.count)]) == marker })
      + marker.count
    let next = (start..<(archive.count - 3)).first {
      archive[$0] == 0x0A && archive[$0 + 1] == 0x40 && archive[$0 + 2] == 0x40 && archive[$0 + 3] == 0x20
    }
    return Array(archive[start..<(next ?? archive.count)])
  }

  @Test func aNoBreakSpaceAloneInASurveyWeightIsABlankWeight() throws {
    // One row's weight is a lone no-break space (C2 A0), the others blank or `0,5`: read as
    // weight 1, not refused as "not a number". By hand: X01 answers R1 S1, R1 S2, R2 S1 (the
    // NBSP), R2 S2 (0,5) and R3 S1, weights 1 + 1 + 1 + 0.5 + 1 = 4.5; X02 twice, 2.
    let bytes = try Self.surveySection(of: "year-survey-weight-nbsp.txt")
    let results = try SurveyAggregator.aggregate(
      file: "survey.csv", bytes: bytes, criteria: Mini.criteria, unitIDs: ["X01", "X02", "X03"])
    #expect(results.tallies["X01"]?.values.map(\.weightSum) == [4_500_000])
    #expect(results.tallies["X02"]?.values.map(\.weightSum) == [2_000_000])
  }

  @Test func aUnitLetGoIsNotReadFromTheRespondentCache() throws {
    // A survey row failed after its unit began a new run (the previous unit let go) while the
    // row remembered for the respondent cache still named that unit: index out of range.
    // (The file's lines end in CRLF.)
    let bytes = try Self.surveySection(of: "year-survey-sealed-unit-cache.txt")
    let year = try TemporaryYear([:])
    try year.writeBytes("survey.csv", bytes)
    let units = ["X01", "X02", "X03"]
    for threads in [1, 2] {
      let inMemory = Result {
        try SurveyAggregator.aggregate(
          file: "survey.csv", bytes: bytes, criteria: Mini.criteria, unitIDs: units, threads: threads)
      }
      let streamed = Result {
        try SurveyAggregator.aggregate(
          path: year.path + "/survey.csv", criteria: Mini.criteria, unitIDs: units, threads: threads, blockSize: 64)
      }
      // The file is full of mistakes: both ways name the same ones.
      let problems = { (result: Result<SurveyResults, any Error>) in
        (try? result.get()) == nil ? ((result.mapError { $0 as! Diagnostics }.failureMessage) ?? []) : []
      }
      #expect(!problems(inMemory).isEmpty)
      #expect(problems(streamed).map { $0.replacingOccurrences(of: year.path + "/", with: "") } == problems(inMemory))
    }
  }

  /// The `zip` target cuts its input into entries, writes them and reads them back; this
  /// input gave a last name holding the ZIP64 locator's signature, and the reader refused the
  /// writer's own archive as ZIP64.
  @Test func aWrittenArchiveWhoseNameLooksLikeAZIP64LocatorReadsBack() throws {
    let bytes = Self.bytes("zip-locator-in-name.bin")
    var writer = ZIPWriter()
    var names: [String] = []
    var i = 0
    while i + 2 <= bytes.count && names.count < 32 {
      let (nameLength, dataLength) = (Int(bytes[i] % 24), Int(bytes[i + 1]) * 7)
      i += 2
      let name = String(decoding: bytes[i..<min(bytes.count, i + nameLength)], as: UTF8.self)
      i = min(bytes.count, i + nameLength)
      let data = Array(bytes[i..<min(bytes.count, i + dataLength)])
      i = min(bytes.count, i + dataLength)
      if (try? writer.add(name, data)) != nil { names.append(name) }
    }
    let archive = try ZIPArchive(bytes: writer.finish())
    #expect(archive.entries.map(\.name) == names)
  }

  /// The `workbook` target puts its input in a workbook as the sheet's XML; this one numbers a
  /// row 0 after the header, which was passed on as row 0 and then skipped as "above the header".
  @Test func aRowNumberedZeroIsADamagedSheetNotASkippedRow() throws {
    let sheet = String(decoding: Self.bytes("workbook-row-zero.xml"), as: UTF8.self)
    let bytes = try WorkbookTests.workbook(sheets: [("Units", sheet)])
    let thrown = #expect(throws: Diagnostics.self) { try WorkbookTests.rows(bytes) }
    #expect(thrown?.errors.map(\.code) == ["E-XLSX-DAMAGED"])
    #expect(thrown?.errors.first?.rendered(.english).contains("numbers a row '0' after row 1") == true)
  }

  @Test func moreThanAThousandProblemsStopCleanly() throws {
    let rollup = try Self.year("year-error-limit-rollup.txt")
    let first = Capture.run(["rank", Repository.fixtures + "/mini-2025.json", rollup.path])
    #expect(first.code == .dataError && first.out.isEmpty)
    let cli = Capture.run(["rank", Repository.fixtures + "/mini-2025.json", Self.folder + "/year-error-limit-cli"])
    #expect(cli.code == .dataError && cli.err.hasSuffix("(stopped after 1000 problems)\n"))
  }
}

extension Result where Failure == Diagnostics {
  /// The problems as lines, for a failure.
  var failureMessage: [String]? {
    if case .failure(let errors) = self { return errors.all.map { $0.rendered(.english) } }
    return nil
  }
}
