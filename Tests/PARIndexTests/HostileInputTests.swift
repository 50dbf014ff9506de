import Foundation
import PARIndexCLI
import Testing

@testable import PARIndex

/// Files that came from dozens of offices, typed by hand, converted, emailed: each ends with
/// exit 65 (1 for `validate`) and a line naming the file and line — never a trap, a hang or a
/// ranking.
struct HostileInputTests {
  let mini = Repository.fixtures + "/mini-2025.json"

  /// Runs `rank` and `validate` on a year made of `files`.
  func run(_ files: [String: String]) throws -> (rank: (code: ExitCode, out: String, err: String), validate: ExitCode) {
    var files = files
    if files["units.csv"] == nil { files["units.csv"] = Mini.units }
    if files["assessment.csv"] == nil { files["assessment.csv"] = "unit_id,code,value\nA,1.3,mot_phan\n" }
    if files["evidence.csv"] == nil { files["evidence.csv"] = Mini.noEvidence }
    if files["survey.csv"] == nil { files["survey.csv"] = Mini.noSurvey }
    let year = try TemporaryYear(files)
    return (
      Capture.run(["rank", mini, year.path, "--format", "csv"]), Capture.run(["validate", mini, year.path]).code
    )
  }

  func expectRejected(
    _ files: [String: String], _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let (rank, validate) = try run(files)
    #expect(rank.code == .dataError, sourceLocation: sourceLocation)
    #expect(rank.out.isEmpty, "no ranking may be printed", sourceLocation: sourceLocation)
    #expect(rank.err.contains(fragment), "\(rank.err.prefix(300))", sourceLocation: sourceLocation)
    #expect(validate == .problemsFound, sourceLocation: sourceLocation)
    for line in rank.err.split(separator: "\n") {
      #expect(
        line.contains(".csv") || line.contains(".json"), "every line names its file: \(line)",
        sourceLocation: sourceLocation)
    }
  }

  @Test(
    arguments: [
      ("1e30", "expected a number such as 12, 0.5 or 0,5"),
      (String(repeating: "9", count: 40), "expected a number below 1000000000"),
      ("-0", "expected a number without a sign"),
      ("NaN", "expected a number such as 12, 0.5 or 0,5"),
      ("inf", "expected a number such as 12, 0.5 or 0,5"),
      ("0,5,0", "expected a number such as 12, 0.5 or 0,5"),
    ] as [(String, String)])
  func numbersOutOfRangeOrNotNumbers(points: String, fragment: String) throws {
    try expectRejected(
      ["assessment.csv": "unit_id;code;points\nA;1.3;\(points)\n"], "assessment.csv:2: points '\(points)': " + fragment)
  }

  @Test(
    arguments: [
      ("2.2", "100,01%", "expected a percentage from 0 to 100"),
      ("2.2", "201/200", "expected a ratio of at most 1"),
      ("2.1", "5/0", "a ratio with a zero denominator means nothing arose, but this leaf cannot be 'not applicable'"),
      ("1.2", "31/02/2025", "expected the date it was done"),
      ("1.2", "2025-02-29", "expected the date it was done"),
      ("1.4", "-1", "expected a whole number of items"),
    ] as [(String, String, String)])
  func valuesOutsideTheirRule(code: String, value: String, fragment: String) throws {
    try expectRejected(["assessment.csv": "unit_id;code;value;evidence\nA;\(code);\(value);E1\n"], fragment)
  }

  @Test func aHundredMegabyteField() throws {
    let huge = String(repeating: "x", count: 100_000_000)
    try expectRejected(["assessment.csv": "unit_id,code,value\nA,1.3,\(huge)\n"], "assessment.csv:2: value 'xxxxxxxx")
  }

  @Test func aMillionColumns() throws {
    let header = "unit_id,code,value" + String(repeating: ",c", count: 1_000_000)
    let (rank, _) = try run(["assessment.csv": header + "\nA,1.3,mot_phan\n"])
    #expect(rank.code == .dataError)
    #expect(rank.err.contains("assessment.csv:1: header 'c': unknown column"))
    #expect(rank.err.split(separator: "\n").count <= 1001)  // bounded: the error log stops at 1000
  }

  @Test func aLineWithoutItsClosingQuote() throws {
    try expectRejected(
      ["assessment.csv": "unit_id,code,value,note\nA,1.3,mot_phan,\"ghi chú chưa đóng\nA,1.4,0,\n"],
      "assessment.csv:2: a quoted field is not closed")
  }

  @Test func legacyWindows1258File() throws {
    // "Xã" in Windows-1258: X, 0xE3 (ã). Not UTF-8.
    let year = try TemporaryYear(["assessment.csv": "unit_id,code,value\nA,1.3,mot_phan\n"])
    try year.writeBytes("units.csv", Array("unit_id,name,group\nA,".utf8) + [0x58, 0xE3] + Array(" An,x\n".utf8))
    let result = Capture.run(["rank", mini, year.path])
    #expect(result.code == .dataError)
    // Named for what it most likely is, with both ways out.
    #expect(
      result.err.contains("units.csv:2: the file is not UTF-8 (byte 0xE3 at offset 22) and reads as Windows-1258 text"))
    #expect(result.err.contains("save it again as 'CSV UTF-8', or pass --encoding windows-1258"))
  }

  @Test func criteriaNestedTenThousandLevelsDeep() throws {
    let year = try TemporaryYear(["units.csv": Mini.units, "assessment.csv": "unit_id,code,value\n"])
    var node = "{\"code\": \"x\", \"title\": \"t\", \"maxPoints\": 1, \"rule\": {\"type\": \"check\"}}"
    for depth in 0..<10_000 {
      node = "{\"code\": \"n\(depth)\", \"title\": \"t\", \"maxPoints\": 1, \"children\": [\(node)]}"
    }
    let path = year.path + "/deep.json"
    try "{\"items\": [\(node)]}".write(toFile: path, atomically: true, encoding: .utf8)
    let result = Capture.run(["rank", path, year.path])
    #expect(result.code == .dataError)
    #expect(result.err.contains("deep.json:1: column ") && result.err.contains("nesting deeper than 64 levels"))
    #expect(Capture.run(["validate", path]).code == .problemsFound)
  }

  @Test func duplicateCodesInTheCriteriaSet() throws {
    let text = try String(contentsOfFile: mini, encoding: .utf8).replacingOccurrences(
      of: "\"code\": \"2.3\"", with: "\"code\": \"2\"")
    let year = try TemporaryYear(["units.csv": Mini.units, "assessment.csv": "unit_id,code,value\n", "set.json": text])
    let result = Capture.run(["rank", year.path + "/set.json", year.path])
    #expect(result.code == .dataError)
    #expect(
      result.err.contains(
        "set.json:items[1].children[2].code '2': this code is also used at items[1]: codes must be unique"))
  }

  @Test(arguments: ["units.csv", "assessment.csv", "evidence.csv", "survey.csv", "adjustments.csv", "appraisal.csv"])
  func emptyFiles(name: String) throws {
    let (rank, validate) = try run([name: ""])
    #expect(rank.code == .dataError && validate == .problemsFound)
    #expect(rank.err.contains("\(name): the file is empty"))
  }

  @Test func headerOnlyUnitsFile() throws {
    try expectRejected(["units.csv": "unit_id,name,group\n"], "units.csv: the file has a header but no units")
  }

  @Test func aFolderWhereAFileIsExpectedAndAFileWhereAFolderIs() throws {
    let year = try TemporaryYear(["units.csv": Mini.units, "assessment.csv": "unit_id,code,value\n"])
    try FileManager.default.createDirectory(atPath: year.path + "/survey.csv", withIntermediateDirectories: false)
    let result = Capture.run(["rank", mini, year.path])
    #expect(result.code == .dataError && result.err.contains("survey.csv: this is a folder; expected a file"))
    let asFolder = Capture.run(["rank", mini, mini])
    #expect(
      asFolder.code == .dataError
        && asFolder.err.contains("mini-2025.json: this is a file; expected the folder that holds units and assessment"))
    // A folder given as the criteria file.
    #expect(Capture.run(["rank", Repository.fixtures, year.path]).code == .dataError)
  }

  @Test func aDanglingLinkIsNotFound() throws {
    let year = try TemporaryYear(["units.csv": Mini.units])
    try FileManager.default.createSymbolicLink(
      atPath: year.path + "/assessment.csv", withDestinationPath: "/nonexistent/file")
    let result = Capture.run(["rank", mini, year.path])
    #expect(result.code == .noInput && result.err.contains("assessment.csv: no such file"))
  }

  @Test func noCommandWritesInsideTheInputFolder() throws {
    let year = try TemporaryYear(ScoringTests.year.merging(["units.csv": Mini.units]) { $1 })
    let before = try FileManager.default.contentsOfDirectory(atPath: year.path).sorted()
    for command in [
      ["validate", mini, year.path], ["rank", mini, year.path], ["score", mini, year.path],
      ["report", mini, year.path],
      ["explain", mini, year.path, "--unit", "A"], ["template", mini],
    ] {
      #expect(Capture.run(command).code == .success)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: year.path).sorted() == before)
  }

  /// 1,001 units × 10,000 leaves is above `Assessment.leafScoreLimit`: JSON (which holds every
  /// leaf's score) is refused before anything is scored, with the numbers and what to use
  /// instead, never an allocation failure; the library says the same with its stable code.
  @Test func tooManyLeafScoresAreRefusedBeforeScoring() throws {
    let leaves = (1...10_000).map {
      #"{"code": "1.\#($0)", "title": "L", "maxPoints": 0.01, "rule": {"type": "check"}}"#
    }
    let set = """
      {"format": "parindex-criteria/1", "id": "big", "title": "big", "level": "commune", "year": 2025,
       "status": "modelled", "source": "test", "evidencePolicy": "none",
       "classification": [{"label": "A", "minIndex": 50}, {"label": "B", "minIndex": 0}],
       "items": [{"code": "1", "title": "F", "maxPoints": 100, "children": [\(leaves.joined(separator: ","))]}]}
      """
    let units = "unit_id,name,group\n" + (1...1_001).map { "U\($0),Xã \($0),xã\n" }.joined()
    let year = try TemporaryYear([
      "units.csv": units, "assessment.csv": "unit_id,code,value\nU1,1.1,có\n", "big.json": set,
    ])
    let result = Capture.run(["rank", year.path + "/big.json", year.path, "--format", "json"])
    #expect(result.code == .dataError)
    #expect(result.out.isEmpty)
    #expect(result.err.contains("1001") && result.err.contains("× 10000") && result.err.contains("10000000"))
    #expect(result.err.contains("rank --format csv"))

    let criteria = try Assessment.loadCriteria(at: year.path + "/big.json")
    let data = try YearLoader.load(folder: year.path, criteria: criteria)
    #expect(throws: Diagnostics.self) { try Assessment.run(criteria: criteria, data: data) }
    do {
      _ = try Assessment.run(criteria: criteria, data: data)
    } catch {
      #expect(error.all.map(\.code) == ["E-TOO-MANY-SCORES"])
    }
  }

  /// A unit name holding RIGHT-TO-LEFT OVERRIDE (valid text, so kept) would reverse on screen
  /// whatever follows it in a ranking; every output writes it escaped: `\u202E` in JSON (the
  /// same string to a JSON reader), a visible `[U+202E]` in text, CSV, Markdown and HTML.
  @Test func bidiControlsInNamesAreEscapedInEveryOutput() throws {
    let units = Mini.units.replacingOccurrences(of: "Xã An Bình", with: "Xã An\u{202E}Bình")
    let year = try TemporaryYear([
      "units.csv": units, "assessment.csv": "unit_id,code,value\nA,1.3,mot_phan\n",
      "evidence.csv": Mini.noEvidence, "survey.csv": Mini.noSurvey,
    ])
    for format in ["text", "csv", "md"] {
      let result = Capture.run(["rank", mini, year.path, "--format", format])
      #expect(result.code == .success, "\(format): \(result.err)")
      #expect(!result.out.unicodeScalars.contains("\u{202E}"), "\(format) holds a raw bidi control")
      #expect(result.out.contains("Xã An[U+202E]Bình"), "\(format)")
    }
    let json = Capture.run(["rank", mini, year.path, "--format", "json"])
    #expect(!json.out.unicodeScalars.contains("\u{202E}"))
    #expect(json.out.contains(#"Xã An\u202EBình"#))
    // Into a file too (JSON is written there as bytes, escaped when it holds a control).
    for command in ["rank", "score"] {
      let file = year.sibling("\(command).json")
      #expect(Capture.run([command, mini, year.path, "--format", "json", "-o", file]).code == .success)
      let written = try String(contentsOfFile: file, encoding: .utf8)
      #expect(!written.unicodeScalars.contains("\u{202E}") && written.contains(#"Xã An\u202EBình"#), "\(command)")
      #expect(written == Capture.run([command, mini, year.path, "--format", "json"]).out, "\(command)")
    }
    // Without a control the bytes go to the file as rendered: the same document.
    let clean = try TemporaryYear(ArrivingFilesTests.year)
    let cleanFile = clean.sibling("score.json")
    #expect(Capture.run(["score", mini, clean.path, "--format", "json", "-o", cleanFile]).code == .success)
    #expect(
      try String(contentsOfFile: cleanFile, encoding: .utf8)
        == Capture.run(["score", mini, clean.path, "--format", "json"]).out)
    let output = year.path + "/../bidi-report.html"
    defer { try? FileManager.default.removeItem(atPath: output) }
    #expect(Capture.run(["report", mini, year.path, "-o", output]).code == .success)
    let html = try String(contentsOfFile: output, encoding: .utf8)
    #expect(!html.unicodeScalars.contains("\u{202E}") && html.contains("Xã An[U+202E]Bình"))
  }

  /// The same for messages: an id holding RIGHT-TO-LEFT OVERRIDE is refused, and neither the
  /// error line on standard error nor `validate --format json` carries the raw control.
  @Test func bidiControlsInMessagesAreEscaped() throws {
    let units = Mini.units.replacingOccurrences(of: "B,Xã Bình Minh", with: "B\u{202E}2,Xã Bình Minh")
    let year = try TemporaryYear([
      "units.csv": units, "assessment.csv": "unit_id,code,value\nA,1.3,mot_phan\n",
      "evidence.csv": Mini.noEvidence, "survey.csv": Mini.noSurvey,
    ])
    let text = Capture.run(["validate", mini, year.path])
    #expect(text.code == .problemsFound)
    #expect(!(text.out + text.err).unicodeScalars.contains("\u{202E}"))
    #expect(text.err.contains("U+202E"))
    let json = Capture.run(["validate", mini, year.path, "--format", "json"])
    #expect(json.code == .problemsFound && json.err.isEmpty)
    #expect(!json.out.unicodeScalars.contains("\u{202E}"))
    #expect(json.out.contains(#"B\u202E2"#))
  }
}
