import Foundation
import PARIndexCLI
import Testing

@testable import PARIndex

/// The fillable form (issue 15): a template filled in with a unit's values, typed as Excel types
/// them (dates as dates, 96,2 % as a percentage, counts as numbers, keys from the drop-down), and
/// put in the year folder as the unit's assessment and evidence workbook, scores exactly like the
/// same values in CSV.
struct TemplateWorkbookTests {
  static let criteriaPath = Repository.path("criteria/commune-2025.json")
  static let year = Repository.path("Examples/2025/communes")

  /// The template for `unit`, its input cells filled with the unit's rows of the example year.
  static func filledTemplate(_ criteria: CriteriaSet, _ data: YearData, unit: String) throws -> Spreadsheet {
    var workbook = TemplateWorkbook.make(criteria, unitID: unit)
    let rows = try #require(data.selfAssessment[unit])
    var sheet = workbook.sheets[0]
    typealias Column = TemplateWorkbook.Column
    var filled = 0
    for index in sheet.rows.indices {
      guard sheet.rows[index].count == Column.allCases.count, case .text(let code) = sheet.rows[index][1].value,
        let entry = rows[code], let leaf = criteria.leafIndex(of: code).map({ criteria.leaves[$0] })
      else { continue }
      var cells = sheet.rows[index]
      if let value = entry.value { cells[Column.value.rawValue].value = typed(value, for: leaf) }
      if let points = entry.points { cells[Column.points.rawValue].value = .number(points) }
      if !entry.evidenceIDs.isEmpty {
        cells[Column.evidence.rawValue].value = .text(entry.evidenceIDs.joined(separator: "; "))
      }
      if let note = entry.remark { cells[Column.note.rawValue].value = .text(note) }
      sheet.rows[index] = cells
      filled += 1
    }
    #expect(filled == rows.count)
    workbook.sheets[0] = sheet
    // Evidence documents, one per row from the first empty one.
    var evidence = workbook.sheets[1]
    let documents = data.evidence(of: unit).values.sorted { $0.id < $1.id }
    #expect(documents.count <= TemplateWorkbook.evidenceRows)
    let first = try #require(evidence.rows.firstIndex { $0.first?.value == .empty })
    for (offset, document) in documents.enumerated() {
      var cells = evidence.rows[first + offset]
      cells[0].value = .text(document.id)
      cells[1].value = .text(unit)
      cells[2].value = .text(document.title)
      if let number = document.documentNumber { cells[3].value = .text(number) }
      if let date = document.date { cells[4].value = .date(date) }
      if let issuer = document.issuer { cells[5].value = .text(issuer) }
      if let location = document.location { cells[6].value = .text(location) }
      evidence.rows[first + offset] = cells
    }
    workbook.sheets[1] = evidence
    return workbook
  }

  /// A value as a person types it into the template's cell for `leaf`'s rule.
  static func typed(_ value: String, for leaf: CriteriaNode) -> Spreadsheet.Value {
    switch leaf.rule {
    case .deadline?: if let date = CalendarDate(parsing: value) { return .date(date) }
    case .tiers?, .proportional?:
      // 96,2 % is stored as 0.962: exact, 6 decimals hold a percentage with 4.
      if value.hasSuffix("%"), case .success(let percent) = FixedDecimal.parse(value.dropLast()),
        percent.micros % 100 == 0
      {
        return .number(FixedDecimal(micros: percent.micros / 100))
      }
    case .deduction?, .manual?: if case .success(let number) = FixedDecimal.parse(value) { return .number(number) }
    default: break
    }
    return .text(value)
  }

  @Test func aFilledTemplateScoresLikeTheSameValuesInCSV() throws {
    let criteria = try Assessment.loadCriteria(at: Self.criteriaPath)
    let data = try YearLoader.load(folder: Self.year, criteria: criteria)
    try Self.expectSameAsCSV(try Self.filledTemplate(criteria, data, unit: "X01").xlsx(), criteria)
  }

  /// The template as openpyxl filled it (Scripts/check-workbooks.py, which made the fixture, and
  /// which also checks a LibreOffice re-save): a writer that is not this project's.
  @Test func aTemplateFilledByOpenpyxlScoresLikeTheCSV() throws {
    let criteria = try Assessment.loadCriteria(at: Self.criteriaPath)
    let path = Repository.fixtures + "/Workbooks/template-filled/X01.xlsx"
    try Self.expectSameAsCSV(Array(try Data(contentsOf: URL(fileURLWithPath: path))), criteria)
  }

  /// Puts `workbook` in a copy of the example year as X01's assessment and evidence and checks
  /// that X01 scores, leaf by leaf, and the year ranks exactly as from the CSV.
  static func expectSameAsCSV(_ workbook: [UInt8], _ criteria: CriteriaSet) throws {
    // The year as sent: X01's workbook in the per-unit folders, everyone else's rows in CSV.
    let folder = try TemporaryYear([:])
    let fileManager = FileManager.default
    for name in try fileManager.contentsOfDirectory(atPath: Self.year) where name.hasSuffix(".csv") {
      let text = try String(contentsOfFile: Self.year + "/" + name, encoding: .utf8)
      guard name == "assessment.csv" || name == "evidence.csv" else {
        try folder.write(name, text)
        continue
      }
      let kind = String(name.dropLast(4))
      try fileManager.createDirectory(atPath: folder.path + "/" + kind, withIntermediateDirectories: false)
      // Drop X01's rows: in assessment the line starts with its id, in evidence its ids do.
      let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      let kept = lines.filter { !$0.hasPrefix("X01;") && !$0.hasPrefix("X01-") && !$0.hasPrefix("X01,") }
      #expect(kept.count < lines.count - 5)
      try folder.write(kind + "/others.csv", kept.joined(separator: "\n"))
      try folder.writeBytes(kind + "/X01.xlsx", workbook)
    }
    let fromWorkbook = try Assessment.run(criteria: criteria, folder: folder.path)
    let fromCSV = try Assessment.run(criteria: criteria, folder: Self.year)
    let mine = try #require(fromWorkbook.unit("X01"))
    let theirs = try #require(fromCSV.unit("X01"))
    #expect(mine.leaves.count == theirs.leaves.count)
    for (a, b) in zip(mine.leaves, theirs.leaves) {
      #expect(a.points == b.points && a.status == b.status && a.source == b.source, "leaf \(a.code)")
      #expect(a.evidence.map(\.id) == b.evidence.map(\.id), "leaf \(a.code)")
    }
    #expect(RankingCSV.render(fromWorkbook) == RankingCSV.render(fromCSV))
    #expect(fromWorkbook.inputs.contains { $0.form == "Excel, sheet 'Tự chấm điểm'" })
    #expect(fromWorkbook.inputs.contains { $0.form == "Excel, sheet 'Tài liệu kiểm chứng'" })
  }

  @Test func eachRuleGetsTheCellItNeeds() throws {
    let criteria = try Assessment.loadCriteria(at: Self.criteriaPath)
    let sheet = TemplateWorkbook.make(criteria, unitID: "X01").sheets[0]
    typealias Column = TemplateWorkbook.Column
    var seen: Set<String> = []
    for (index, row) in sheet.rows.enumerated() {
      guard row.count == Column.allCases.count, case .text(let code) = row[1].value,
        let leaf = criteria.leafIndex(of: code).map({ criteria.leaves[$0] })
      else { continue }
      let reference = Spreadsheet.reference(row: index, column: Column.value.rawValue)
      let validation = try #require(sheet.validations.first { $0.range == reference }, "leaf \(code)")
      let format = row[Column.value.rawValue].style.format
      #expect(row[Column.value.rawValue].style.isLocked == false && row[Column.title.rawValue].style.isLocked)
      switch leaf.rule {
      case .check?:
        guard case .list(let words) = validation.kind else {
          Issue.record("check \(code)")
          continue
        }
        #expect(words.prefix(2) == ["có", "không"])
        seen.insert("check")
      case .choice(let options)?:
        switch validation.kind {
        case .list(let words): #expect(Array(words.prefix(options.count)) == options.map(\.key))
        case .listRange: break
        default: Issue.record("choice \(code)")
        }
        #expect(options.allSatisfy { validation.prompt.contains($0.label) || validation.prompt.count >= 250 })
        seen.insert("choice")
      case .deadline?:
        guard case .date = validation.kind else {
          Issue.record("deadline \(code)")
          continue
        }
        #expect(format == .date)
        seen.insert("deadline")
      case .tiers?, .proportional?:
        guard case .decimal = validation.kind else {
          Issue.record("percent \(code)")
          continue
        }
        #expect(format == .percent(2))
        seen.insert("percent")
      case .deduction?:
        guard case .whole(0, _) = validation.kind else {
          Issue.record("deduction \(code)")
          continue
        }
        seen.insert("deduction")
      case .manual?:
        guard case .decimal(_, let max) = validation.kind else {
          Issue.record("manual \(code)")
          continue
        }
        #expect(max == leaf.maxPoints)
        seen.insert("manual")
      case .survey?, nil: Issue.record("survey leaf \(code) in the template")
      }
    }
    #expect(seen.isSuperset(of: ["check", "choice", "deadline", "percent", "deduction"]))
    #expect(sheet.isProtected && sheet.name == TemplateWorkbook.assessmentSheet)
  }

  @Test func theCommandWritesTheWorkbookAndRefusesATerminal() throws {
    let folder = try TemporaryYear([:])
    let out = folder.path + "/X01.xlsx"
    let run = Capture.run(["template", Self.criteriaPath, "--unit", "X01", "--format", "xlsx", "-o", out])
    #expect(run.code == .success && run.err.isEmpty)
    let opened = try Workbook.open(Array(try Data(contentsOf: URL(fileURLWithPath: out))), file: out)
    #expect(opened.sheets.map(\.name) == ["Tự chấm điểm", "Tài liệu kiểm chứng", "Hướng dẫn"])
    let toScreen = Capture.run(["template", Self.criteriaPath, "--format", "xlsx"], language: "vi")
    #expect(toScreen.code == .usage && toScreen.err.contains("-o TỆP.xlsx"))
    let excel = Capture.run(["template", Self.criteriaPath, "--format", "xlsx", "--excel", "-o", out])
    #expect(excel.code == .usage)
  }
}
