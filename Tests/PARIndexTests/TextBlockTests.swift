import Foundation
import Testing

@testable import PARIndex

/// Large text files are read in blocks, never held whole (issue 14: the assessment and evidence
/// files were most of `rank`'s peak memory). A year read in blocks of any size must be the year
/// read whole: the same rows, documents, summaries, warnings and errors, each at its line.
/// Blocks are made tiny here (1 to 4,096 bytes, the header searched in as little as 40) so
/// that every record, quoted line break and CRLF falls across a block's end somewhere.
struct TextBlockTests {
  /// Every file read in blocks of `size` bytes, the header searched in the first `header`.
  static func inBlocks(_ size: Int, header: Int = 1 << 20) -> LoadOptions {
    var options = LoadOptions(digests: true)
    options.textBlocks = TextBlocks(threshold: 0, blockSize: size, headerBytes: header)
    return options
  }

  static let blockSizes = [1, 7, 64, 4096]

  /// What a year read gives, or the problems it is refused with, as text to compare.
  static func outcome(_ folder: String, _ criteria: CriteriaSet, _ options: LoadOptions) -> [String] {
    do {
      let data = try YearLoader.load(folder: folder, criteria: criteria, options: options)
      var lines = data.warnings.map { "warning " + $0.rendered(.english) }
      lines += data.inputs.map { "input \($0)" }
      for unit in data.units {
        let rows = data.selfAssessment(of: unit.id)
        lines += rows.keys.sorted().map { "self \(unit.id) \($0) \(rows[$0]!)" }
        for (round, rounds) in data.appraisalRounds.enumerated() {
          let rows = rounds[unit.id] ?? [:]
          lines += rows.keys.sorted().map { "round \(round) \(unit.id) \($0) \(rows[$0]!)" }
        }
        let documents = data.evidence(of: unit.id)
        lines += documents.keys.sorted().map { "document \(unit.id) \($0) \(documents[$0]!)" }
        lines += (data.adjustments[unit.id] ?? []).map { "adjustment \(unit.id) \($0)" }
        lines += (data.explanations[unit.id] ?? []).map { "explanation \(unit.id) \($0)" }
      }
      if let ranked = try? Assessment.rank(criteria: criteria, data: data) {
        lines.append(RankingCSV.render(ranked))
      }
      return lines
    } catch {
      return error.all.map { "error " + $0.rendered(.english) }
    }
  }

  @Test(arguments: GoldenTests.examples.map(\.0))
  func anExampleYearReadInBlocksIsTheYearReadWhole(example: String) throws {
    let (_, criteriaPath, folderPath) = GoldenTests.examples.first { $0.0 == example }!
    let criteria = try Assessment.loadCriteria(at: Repository.path(criteriaPath))
    let folder = Repository.path(folderPath)
    let whole = Self.outcome(folder, criteria, LoadOptions(digests: true))
    #expect(whole.count > 100 && !whole[0].hasPrefix("error"))
    for size in Self.blockSizes {
      let blocks = Self.outcome(folder, criteria, Self.inBlocks(size))
      #expect(blocks == whole, "blocks of \(size) bytes: \(zip(blocks, whole).first { $0 != $1 } as Any)")
    }
  }

  /// The mini year's self-assessment, bent in the ways files from Excel and by hand are.
  static let assessments: [(String, String)] = {
    let rows = ScoringTests.year["assessment.csv"]!
    let lines = rows.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let body = lines.dropFirst().joined(separator: "\n")
    let header = lines[0]
    return [
      ("as it is", rows),
      ("CRLF", rows.replacingOccurrences(of: "\n", with: "\r\n")),
      ("lone CR", rows.replacingOccurrences(of: "\n", with: "\r")),
      ("BOM and semicolons", "\u{FEFF}" + rows.replacingOccurrences(of: ",", with: ";")),
      ("a form's title above", "BẢNG TỰ CHẤM ĐIỂM NĂM 2025\n\n" + rows),
      ("blank lines", header + "\n\n\n" + body.replacingOccurrences(of: "\nB,", with: "\n\n  \nB,")),
      (
        "quoted line breaks in notes",
        rows.replacingOccurrences(
          of: "trễ 5 ngày nhưng tự chấm đủ", with: "\"trễ 5 ngày\nnhưng\r\ntự chấm \"\"đủ\"\"\"")
      ),
      ("NFD notes", rows.decomposedStringWithCanonicalMapping),
      ("repeated header", rows + header + "\n"),
      ("a row too wide", rows + "P,1.1,có,1,,,extra,cells\n"),
      ("a quote never closed", rows + "P,1.1,\"có,1,,\n\nmore text\n"),
      ("text after a quote", rows + "P,1.1,\"có\"x,1,,\n"),
      ("no line feed at the end", String(rows.dropLast())),
      ("an unknown unit and a duplicate", rows + "Z,1.1,có,1,,\nA,1.1,có,1,,\n"),
      ("a header with a quoted line break", "\"unit\n_id\",code,value\n" + body),
      ("no header at all", body),
    ]
  }()

  static var miniFiles: [String: String] {
    ScoringTests.year.merging(["units.csv": Mini.units, "evidence.csv": Mini.noEvidence, "survey.csv": Mini.noSurvey]) {
      $1
    }
  }

  @Test func bentAssessmentsReadInBlocksAreReadAsWhole() throws {
    let criteria = try Mini.criteria
    var streamed = 0
    for (name, assessment) in Self.assessments {
      let year = try TemporaryYear(Self.miniFiles.merging(["assessment.csv": assessment]) { $1 })
      let whole = Self.outcome(year.path, criteria, LoadOptions(digests: true))
      for size in Self.blockSizes {
        for header in [40, 1 << 20] {
          let blocks = Self.outcome(year.path, criteria, Self.inBlocks(size, header: header))
          #expect(blocks == whole, "\(name), blocks of \(size), header in \(header): \(blocks) against \(whole)")
        }
      }
      // Whether this file is one the blocks take (rather than handing it to the whole read).
      let opened = try? CSVTable.openInBlocks(
        path: year.path + "/assessment.csv", name: "assessment.csv", kind: .assessment, digest: false,
        sizes: TextBlocks(threshold: 0, blockSize: 7))
      if opened?.table.blocks != nil { streamed += 1 }
    }
    // All but the header without its columns and the header broken by a quote.
    #expect(streamed == Self.assessments.count - 2)
  }

  /// Files the blocks leave to the whole read, which says what is wrong with them as before.
  @Test func filesThatAreNotPlainUTF8AreReadWhole() throws {
    let criteria = try Mini.criteria
    let rows = Array(ScoringTests.year["assessment.csv"]!.utf8)
    let cases: [(String, [UInt8])] = [
      ("a NUL byte", rows + Array("P,1.1,có,1,,\0\n".utf8)),
      ("a byte that breaks UTF-8 late", rows + [0x50, 0x2C, 0xC3, 0x28, 0x0A]),
      ("Windows-1258", rows + Array("P,1.1,".utf8) + [0x63, 0xF3, 0x0A]),
      ("UTF-16 with its byte order mark", [0xFF, 0xFE] + rows.flatMap { [$0, 0] }),
      ("a workbook under a text name", [0x50, 0x4B, 0x03, 0x04] + rows),
    ]
    for (name, bytes) in cases {
      let year = try TemporaryYear(Self.miniFiles)
      try year.writeBytes("assessment.csv", bytes)
      let opened = try CSVTable.openInBlocks(
        path: year.path + "/assessment.csv", name: "assessment.csv", kind: .assessment, digest: false,
        sizes: TextBlocks(threshold: 0, blockSize: 7))
      #expect(opened == nil, "\(name) is not read in blocks")
      let whole = Self.outcome(year.path, criteria, LoadOptions(digests: true))
      #expect(Self.outcome(year.path, criteria, Self.inBlocks(7)) == whole, "\(name)")
      var windows = Self.inBlocks(7)
      windows.encoding = .windows1258
      var wholeWindows = LoadOptions(encoding: .windows1258, digests: true)
      wholeWindows.textBlocks = TextBlocks()
      #expect(Self.outcome(year.path, criteria, windows) == Self.outcome(year.path, criteria, wholeWindows), "\(name)")
    }
  }

  /// A file checked whole and then read in blocks must not change in between: its rows would be
  /// half old and half new. It is refused with `E-FILE-CHANGED`, naming it.
  @Test func aFileThatChangesBetweenTheTwoPassesIsRefused() throws {
    let year = try TemporaryYear(Self.miniFiles)
    let path = year.path + "/assessment.csv"
    let opened = try #require(
      try CSVTable.openInBlocks(
        path: path, name: path, kind: .assessment, digest: false, sizes: TextBlocks(threshold: 0, blockSize: 16)))
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data("P,1.1,có,1,,\n".utf8))
    try handle.close()
    var log = DiagnosticLog()
    var rows = 0
    opened.table.forEachRow(log: &log) { _, _ in rows += 1 }
    #expect(rows > 0)
    #expect(log.errors.map(\.message) == [.fileChangedWhileRead])
    #expect(log.errors.first?.location.file == path)
  }

  /// A file cut short under the reader, inside a quoted note, would fail at a quote it never
  /// left open: the change is what is told.
  @Test func aFileCutShortWhileReadIsTheChangeNotItsBrokenQuote() throws {
    let notes = Self.assessments.first { $0.0 == "quoted line breaks in notes" }!.1
    let year = try TemporaryYear(Self.miniFiles.merging(["assessment.csv": notes]) { $1 })
    let path = year.path + "/assessment.csv"
    let opened = try #require(
      try CSVTable.openInBlocks(
        path: path, name: path, kind: .assessment, digest: false, sizes: TextBlocks(threshold: 0, blockSize: 16)))
    let bytes = Array(notes.utf8)
    let cut = bytes.firstIndex(of: UInt8(ascii: "\"")).map { $0 + 2 }!
    try year.writeBytes("assessment.csv", Array(bytes[..<cut]))
    var log = DiagnosticLog()
    opened.table.forEachRow(log: &log) { _, _ in }
    #expect(log.errors.map(\.message) == [.fileChangedWhileRead])
  }

  /// The room reserved for rows is counted in the checking pass: the same bound as a whole read's.
  @Test func theRowBoundIsTheWholeReadsBound() throws {
    var compared = 0
    for (name, assessment) in Self.assessments {
      let year = try TemporaryYear(["assessment.csv": assessment])
      let path = year.path + "/assessment.csv"
      let part = YearFiles.Part(name: path, source: .path(path), isWorkbook: false)
      guard case .text(let whole)? = try? PartReader.open(part, kind: .assessment, encoding: .utf8).0,
        case .text(let blocks)? = try? PartReader.open(
          part, kind: .assessment, encoding: .utf8, blocks: TextBlocks(threshold: 0, blockSize: 7)
        ).0
      else { continue }
      #expect(whole.blocks == nil)
      #expect(blocks.rowCountBound == whole.rowCountBound, "\(name)")
      compared += 1
    }
    #expect(compared >= Self.assessments.count - 2)
  }
}
