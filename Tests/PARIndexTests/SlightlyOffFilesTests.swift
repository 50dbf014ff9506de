import Foundation
import PARIndexCLI
import Testing

@testable import PARIndex

/// Files that are only slightly off, as a second hostile sweep found them (eighth session):
/// each once gave a confident ranking, an input overwritten or a misleading line. Now each is
/// an error or a warning that names the file, the line and the value (docs/DECISIONS.md §15,
/// §42–§47).
struct SlightlyOffFilesTests {
  let mini = Repository.fixtures + "/mini-2025.json"

  /// The mini year (`ScoringTests.year`, hand-checked) with `changes` applied to its files.
  static func year(_ changes: [String: String] = [:]) -> [String: String] {
    ArrivingFilesTests.year.merging(changes) { $1 }
  }

  /// The codes of what the mini year with `files` gives: errors if any, else warnings.
  static func codes(_ files: [String: String]) throws -> [String] {
    do {
      return try Mini.run(files).warnings.map(\.code)
    } catch let error as Diagnostics {
      return error.errors.map(\.code)
    }
  }

  // MARK: Groups

  @Test func aGroupSpelledTwoWaysIsAnError() throws {
    // The units file with B's group written `spelling` (A's is `xã`, precomposed).
    func problems(_ spelling: String) throws -> [String] {
      let units = "unit_id,name,group\nA,Xã An Bình,xã\nB,Xã Bình Minh,\(spelling)\nP,Phường Tân Phú,phường\n"
      return try Mini.problems(Self.year(["units.csv": units]))
    }
    for spelling in ["Xã", "XÃ"] {
      let found = try problems(spelling)
      #expect(found.count == 1, "\(found)")
      #expect(
        found.first?.hasSuffix(
          "units.csv:3: group '\(spelling)': this group differs from 'xã' (line 2) only in case or spaces: the two spellings would be ranked as two groups; write them the same"
        ) == true, "\(found)")
    }
    // The same text once trimmed and NFC (a trailing space; `a` + COMBINING TILDE, as a Mac
    // may save it): one group, no error.
    for spelling in ["xã ", "xa\u{0303}"] {
      #expect(try problems(spelling).isEmpty, "\(spelling.unicodeScalars.map(\.value))")
    }
    // Two spaces inside are one space folded: still one group mistyped.
    let spaced = "unit_id,name,group\nA,A,khối sở\nB,B,khối  sở\nP,P,phường\n"
    #expect(try Self.codes(Self.year(["units.csv": spaced])) == ["E-GROUP-SPELLING"])
  }

  @Test func aLongGroupNameIsCheckedLikeAShortOne() throws {
    // Over 64 bytes, past the vocabulary words' fold limit: still one group mistyped.
    let long = "Khối các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh và tương đương"
    #expect(long.utf8.count > 64)
    let units = "unit_id,name,group\nA,A,\(long)\nB,B,\(long.lowercased())\nP,P,phường\n"
    #expect(try Self.codes(Self.year(["units.csv": units])) == ["E-GROUP-SPELLING"])
    let same = "unit_id,name,group\nA,A,\(long)\nB,B,\(long) \nP,P,phường\n"
    #expect(!(try Self.codes(Self.year(["units.csv": same]))).contains("E-GROUP-SPELLING"))
  }

  // MARK: Columns

  @Test func dataUnderABlankHeaderCellIsAnErrorOncePerColumn() throws {
    // The evidence column's name deleted: every row's evidence would be lost, and leaves that
    // require evidence would score 0 without a word.
    let assessment = "unit_id,code,value,points,,note\nA,1.1,có,1,E1,\nA,1.2,05/02/2025,1,E2,\nA,1.3,mot_phan,,,\n"
    let problems = try Mini.problems(Self.year(["assessment.csv": assessment]))
    #expect(problems.count == 1, "\(problems)")
    #expect(
      problems.first?.hasSuffix(
        "assessment.csv:2: 'E1': field 5 holds data but its column's header cell (line 1) is blank: name the column, or give it a name starting with x_ if it is meant to be ignored"
      ) == true, "\(problems)")
    // A blank header cell over an empty column is harmless, and an `x_` column is skipped.
    let empty = "unit_id,code,value,,note\nA,1.3,mot_phan,,\n"
    let ignored = "unit_id,code,value,x_ghi chú\nA,1.3,mot_phan,anything\n"
    for file in [empty, ignored] {
      #expect(try Mini.problems(Self.year(["assessment.csv": file])).isEmpty)
    }
  }

  @Test func dataUnderABlankHeaderCellOfAWorksheetIsAnError() throws {
    let sheet = """
      <row r="1"><c r="A1" t="inlineStr"><is><t>unit_id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>group</t></is></c></row>
      <row r="2"><c r="A2" t="inlineStr"><is><t>X01</t></is></c><c r="B2" t="inlineStr"><is><t>Xã A</t></is></c><c r="C2" t="inlineStr"><is><t>xã</t></is></c><c r="E2" t="inlineStr"><is><t>ghi chú lạc</t></is></c></row>
      <row r="3"><c r="A3" t="inlineStr"><is><t>X02</t></is></c><c r="B3" t="inlineStr"><is><t>Xã B</t></is></c><c r="C3" t="inlineStr"><is><t>xã</t></is></c><c r="E3"><v>5</v></c></row>
      """
    let bytes = try WorkbookTests.workbook(sheets: [("Units", sheet)])
    let thrown = #expect(throws: Diagnostics.self) { try WorkbookTests.rows(bytes) }
    // Once for the column E, at its first cell with data; the row is not read.
    #expect(
      thrown?.all.map { $0.rendered(.english) } == [
        "t.xlsx:Units!E2: 'ghi chú lạc': field 5 holds data but its column's header cell (line 1) is blank: name the column, or give it a name starting with x_ if it is meant to be ignored"
      ])
  }

  @Test func anEmptyFieldPastTheHeaderIsAShiftedRow() throws {
    // `1,25` unquoted in a comma file: the row has one field too many, and its last is empty.
    let shifted = ScoringTests.year["assessment.csv"]!.replacingOccurrences(
      of: "A,2.3,\"1,25\",,,", with: "A,2.3,1,25,,,")
    let problems = try Mini.problems(Self.year(["assessment.csv": shifted]))
    #expect(problems.count == 1)
    #expect(
      problems.first?.hasSuffix(
        "assessment.csv:8: the row has 7 fields but the header has 6: a separator too many, or a text with ',' that should be in double quotes"
      ) == true, "\(problems)")
  }

  // MARK: Units without rows

  @Test func aUnitWithoutASelfAssessmentRowIsNamed() throws {
    // The per-unit folder with P's file left out: P still ranks (its appraised survey leaf
    // counts), with a warning on its row of units.csv.
    var files = Self.year()
    let rows = files["assessment.csv"]!.split(separator: "\n").map(String.init)
    files["assessment.csv"] = nil
    for unit in ["A", "B"] {
      files["assessment/\(unit).csv"] =
        ([rows[0]] + rows.dropFirst().filter { $0.hasPrefix(unit + ",") }).joined(separator: "\n") + "\n"
    }
    let year = try TemporaryYear([:])
    try FileManager.default.createDirectory(atPath: year.path + "/assessment", withIntermediateDirectories: true)
    for (name, content) in files { try year.write(name, content) }
    let result = try Assessment.run(criteria: Mini.criteria, folder: year.path)
    let warning = try #require(result.warnings.first { $0.code == "W-UNIT-WITHOUT-ROWS" })
    #expect(result.warnings.filter { $0.code == "W-UNIT-WITHOUT-ROWS" }.count == 1)
    #expect(
      warning.rendered(.english)
        == "\(year.path)/units.csv:4: unit_id 'P': the unit has no row in the self-assessment (assessment): every self-assessed leaf the council did not appraise scores 0 (survey leaves still count). Did the unit not send its file, or is it missing? (unit P)"
    )
    #expect(result.rankedUnits.contains { $0.unit.id == "P" })
    // With --strict the warning stops the command.
    #expect(Capture.run(["rank", mini, year.path, "--format", "csv", "--strict"]).code == .dataError)
  }

  @Test func aYearWithErrorsDoesNotAlsoSayItsUnitsHaveNoRows() throws {
    let codes = try Self.codes(Self.year(["assessment.csv": "unit_id,code,value\nZ,1.3,mot_phan\n"]))
    #expect(codes == ["E-UNKNOWN-UNIT"])
  }

  // MARK: Evidence

  @Test func anUnknownEvidenceIdThatCostsPointsIsWarnedWithItsLikelySlip() throws {
    // A's 1.1 and 1.2 require evidence (mini set, policy required); A's file holds E1 and E2.
    let cases: [(cited: String, ending: String)] = [
      ("\"E1, E2\"", "; several ids are separated by ';' or '|' (not by a comma or a line break) (unit A, leaf 1.1)"),
      ("e1", "; the evidence file has 'E1' (another case) (unit A, leaf 1.1)"),
      ("E7", " (unit A, leaf 1.1)"),
    ]
    for (cited, ending) in cases {
      let assessment = ScoringTests.year["assessment.csv"]!.replacingOccurrences(
        of: "A,1.1,có,1,E1,", with: "A,1.1,có,1,\(cited),")
      let results = try Mini.run(Self.year(["assessment.csv": assessment]))
      let warnings = results.warnings.filter { $0.subject?.unit == "A" }
      #expect(warnings.map(\.code) == ["W-EVIDENCE-UNKNOWN"], "\(cited)")
      #expect(
        warnings.first?.rendered(.english).hasSuffix(
          "assessment.csv:2: evidence '\(cited.replacingOccurrences(of: "\"", with: ""))': this evidence id is not in the unit's evidence file: the leaf scores 0 for want of evidence"
            + ending) == true, "\(warnings.first?.rendered(.english) ?? "none")")
      // The leaf scores 0, as before (SCORING.md §3): the warning changes no point.
      let unitA = try #require(results.rankedUnits.first { $0.unit.id == "A" })
      #expect(unitA.leaves.first { $0.code == "1.1" }?.status == .noEvidence)
    }
    // The same id cited twice in one cell: one warning. Two ids of another case: the hint
    // names the smallest, whatever order the unit's documents are held in.
    let twice = ScoringTests.year["assessment.csv"]!.replacingOccurrences(
      of: "A,1.1,có,1,E1,", with: "A,1.1,có,1,E7;E7,")
    let warned = try Mini.run(Self.year(["assessment.csv": twice])).warnings.filter { $0.subject?.unit == "A" }
    #expect(warned.map(\.value) == ["E7"], "\(warned.map(\.value))")
    // A's file holds `Kh1` and `kH1`; the cell cites `kh1`, neither.
    let evidence = ScoringTests.year["evidence.csv"]!.replacingOccurrences(
      of: "E2,A,", with: "kH1,A,Phụ lục 2,,,,\nKh1,A,Phụ lục 1,,,,\nE2,A,")
    let cased = ScoringTests.year["assessment.csv"]!.replacingOccurrences(
      of: "A,1.1,có,1,E1,", with: "A,1.1,có,1,kh1,")
    // (The dictionary's order follows the process's hash seed: the first key found was either.)
    let hinted = try Mini.run(Self.year(["assessment.csv": cased, "evidence.csv": evidence])).warnings
      .filter { $0.subject?.unit == "A" }
    #expect(hinted.count == 1)
    #expect(hinted.first?.rendered(.english).contains("the evidence file has 'Kh1' (another case)") == true)
    // A leaf that requires no evidence (1.3) may cite anything: no points depend on it.
    let free = ScoringTests.year["assessment.csv"]!.replacingOccurrences(
      of: "A,1.3,mot_phan,,,", with: "A,1.3,mot_phan,,E7,")
    #expect(try Mini.run(Self.year(["assessment.csv": free])).warnings.allSatisfy { $0.subject?.unit != "A" })
  }

  // MARK: Reasons, counts, dates

  @Test func aReasonOfAZeroWidthSpaceIsNoReason() throws {
    // B 2.1: 98 % self-assessed, 95 appraised; the reason is a lone ZERO WIDTH SPACE.
    let appraisal = ScoringTests.year["appraisal.csv"]!.replacingOccurrences(
      of: "B,2.1,95,,Số liệu trên hệ thống một cửa là 95 %", with: "B,2.1,95,,\u{200B}")
    #expect(try Self.codes(Self.year(["appraisal.csv": appraisal])) == ["E-REASON-REQUIRED"])
  }

  @Test func aDeductionCountWithAThousandsDotIsAnError() throws {
    for count in ["1.000", "2,500"] {
      let assessment = ScoringTests.year["assessment.csv"]!.replacingOccurrences(
        of: "A,1.4,2,,,", with: "A,1.4,\"\(count)\",,,")
      #expect(try Self.codes(Self.year(["assessment.csv": assessment])) == ["E-VALUE-COUNT-THOUSANDS"], "\(count)")
    }
    // A plain count, and a count with zero decimals that is not a thousands group, still read.
    for count in ["1000", "1.0"] {
      let assessment = ScoringTests.year["assessment.csv"]!.replacingOccurrences(
        of: "A,1.4,2,,,", with: "A,1.4,\(count),,,")
      #expect(!(try Self.codes(Self.year(["assessment.csv": assessment]))).contains { $0.hasPrefix("E-") }, "\(count)")
    }
  }

  @Test func anErrorBringsNoDateWarningThatTheFileSettles() throws {
    // 01/02/2025 reads both ways; 28/01/2025 in the same file settles day first. An unrelated
    // error once made the run print the ambiguous-date warning the clean run drops.
    let assessment = "unit_id,code,value,evidence\nA,1.2,01/02/2025,E2\nP,1.2,28/01/2025,E2\nA,1.3,abc,\n"
    let thrown = #expect(throws: Diagnostics.self) { try Mini.run(Self.year(["assessment.csv": assessment])) }
    #expect(thrown?.errors.map(\.code) == ["E-VALUE-OPTION"])
    #expect(thrown?.warnings.isEmpty == true, "\(thrown?.warnings.map(\.code) ?? [])")
  }

  // MARK: Names

  @Test func aControlCharacterInANameIsAnErrorAndALineBreakASpace() throws {
    let escape = "unit_id,name,group\nA,Xã \u{1B}[31mAn Bình,xã\nB,Xã Bình Minh,xã\nP,Phường Tân Phú,phường\n"
    let problems = try Mini.problems(Self.year(["units.csv": escape]))
    #expect(problems.count == 1)
    #expect(
      problems.first?.hasSuffix(
        "units.csv:2: name 'Xã <U+001B>[31mAn Bình': this holds the control character U+001B ESCAPE: it does not show, and in the results it would garble the screen or the printed file; delete it"
      ) == true, "\(problems)")
    // Alt+Enter in an Excel cell: one name on one line.
    let broken = "unit_id,name,group\nA,\"Xã An\r\n  Bình\",xã\nB,Xã\tBình Minh,xã\nP,Phường Tân Phú,phường\n"
    let results = try Mini.run(Self.year(["units.csv": broken]))
    #expect(results.rankedUnits.map(\.unit.name).sorted() == ["Phường Tân Phú", "Xã An Bình", "Xã Bình Minh"])
  }

  // MARK: Files

  @Test func twoFilesDifferingOnlyInCaseAreTwoFormsNotNone() throws {
    let year = try TemporaryYear(Self.year())
    try year.write("Units.csv", Mini.units)
    let result = Capture.run(["rank", mini, year.path, "--format", "csv"])
    #expect(result.code == .dataError)
    #expect(!result.err.contains("required file"), "\(result.err)")
    #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
  }

  @Test func aFolderAboveTheYearNamedLikeAFileHidesNoMissingFile() throws {
    // The year lies in `Assessment-2025/`: the two forms of the units file are an error there,
    // and that error's path holds "assessment", yet the assessment file is still missing.
    let outer = try TemporaryYear([:])
    let folder = outer.path + "/Assessment-2025"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in ["units.csv", "Units.csv"] {
      try Data(Mini.units.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }
    let result = Capture.run(["rank", mini, folder, "--format", "csv"])
    // A missing file decides the exit (66), as it does alone.
    #expect(result.code == .noInput)
    #expect(
      result.err.contains("\(folder)/Units.csv: both this and \(folder)/units.csv hold the same file"), "\(result.err)")
    #expect(
      result.err.contains("\(folder)/assessment.csv: required file assessment is missing"), "\(result.err)")
  }
}

/// What `-o` writes is what its name says, and the criteria tables' pair of files is one input
/// (docs/DECISIONS.md §45; README, "Output files").
struct OutputNameTests {
  let mini = Repository.fixtures + "/mini-2025.json"

  @Test func theExtensionChoosesTheFormatAndAnotherFormatIsRefused() throws {
    let year = try TemporaryYear(ArrivingFilesTests.year)
    let outputs = try TemporaryYear([:])
    // Without --format: a workbook for .xlsx, the CSV for .csv, JSON for .json.
    let workbook = outputs.path + "/ranking.xlsx"
    #expect(Capture.run(["rank", mini, year.path, "-o", workbook]).code == .success)
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: workbook)))
    #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a ZIP archive, as every .xlsx")
    let csv = outputs.path + "/ranking.csv"
    #expect(Capture.run(["rank", mini, year.path, "-o", csv]).code == .success)
    #expect(try String(contentsOfFile: csv, encoding: .utf8).hasPrefix("group,rank,unit_id,name,"))
    let json = outputs.path + "/ranking.JSON"
    #expect(Capture.run(["rank", mini, year.path, "-o", json]).code == .success)
    #expect(try String(contentsOfFile: json, encoding: .utf8).hasPrefix("{"))
    // Other names take the default (the text table).
    let text = outputs.path + "/ranking.txt"
    #expect(Capture.run(["rank", mini, year.path, "-o", text]).code == .success)
    #expect(!(try String(contentsOfFile: text, encoding: .utf8)).hasPrefix("group,"))
    // A name that says another format than the one written: refused, nothing written.
    let refusals: [([String], String)] = [
      (
        ["rank", mini, year.path, "--format", "csv", "-o", outputs.path + "/wrong.xlsx"],
        "parindex rank: the file name ends in .xlsx but it would hold csv: change the extension, or choose --format from text, csv, json, md, html, xlsx"
      ),
      (
        ["report", mini, year.path, "-o", outputs.path + "/wrong.csv"],
        "parindex report: the file name ends in .csv but it would hold html: change the extension"
      ),
      // The extension as the user typed it, not the format's name.
      (
        ["rank", mini, year.path, "--format", "csv", "-o", outputs.path + "/wrong.HTM"],
        "parindex rank: the file name ends in .HTM but it would hold csv: change the extension, or choose --format from text, csv, json, md, html, xlsx"
      ),
    ]
    for (arguments, line) in refusals {
      let result = Capture.run(arguments)
      #expect(result.code == .usage, "\(arguments)")
      #expect(result.err.hasPrefix(line + "\n"), "\(result.err)")
    }
    for name in ["wrong.xlsx", "wrong.csv", "wrong.HTM"] {
      #expect(!FileManager.default.fileExists(atPath: outputs.path + "/" + name))
    }
  }

  @Test func criteriaImportAndExportNeverOverwriteTheirOtherTable() throws {
    let folder = try TemporaryYear([:])
    let table = folder.path + "/annex.csv"
    #expect(Capture.run(["criteria", "export", mini, "-o", table]).code == .success)
    let header = folder.path + "/annex-set.csv"
    let before = try Data(contentsOf: URL(fileURLWithPath: header))
    // `import annex.csv` reads annex-set.csv too: writing the set there is refused.
    let imported = Capture.run(["criteria", "import", table, "-o", header])
    #expect(imported.code == .usage)
    #expect(imported.err.contains("annex-set.csv: this is the same file as \(header), which the command reads"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: header)) == before)
    // `export SET -o X.csv` writes X.csv and X-set.csv: a set saved as X-set.csv is not replaced.
    let set = folder.path + "/X-set.csv"
    try FileManager.default.copyItem(atPath: mini, toPath: set)
    let exported = Capture.run(["criteria", "export", set, "-o", folder.path + "/X.csv"])
    #expect(exported.code == .usage)
    #expect(try Data(contentsOf: URL(fileURLWithPath: set)) == Data(contentsOf: URL(fileURLWithPath: mini)))
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/X.csv"))
    // The ordinary round trip still works.
    #expect(Capture.run(["criteria", "import", table, "-o", folder.path + "/set.json"]).code == .success)
  }
}
