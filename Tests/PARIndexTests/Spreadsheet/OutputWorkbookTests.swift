import Foundation
import PARIndexCLI
import Testing

@testable import PARIndex

/// The workbooks the council publishes (issue 15), read back cell by cell with the project's
/// reader (Scripts/check-workbooks.py does the same with openpyxl and LibreOffice): every value
/// of the ranking is the ranking CSV's, numbers are numeric cells with the set's decimals.
struct OutputWorkbookTests {
  static let departments = (
    Repository.path("criteria/department-2025.json"), Repository.path("Examples/2025/departments")
  )
  static let communes = (Repository.path("criteria/commune-2025.json"), Repository.path("Examples/2025/communes"))

  /// A sheet's cells as text (numbers in their shortest exact form, with `%` when a percentage).
  static func grid(_ bytes: [UInt8], sheet name: String) throws -> [[String]] {
    let workbook = try Workbook.open(bytes, file: "out.xlsx")
    let sheet = try #require(workbook.sheets.first { $0.name == name }, "no sheet \(name)")
    var rows: [[String]] = []
    try SheetStream.rows(of: sheet, in: workbook) { row in
      var cells: [String] = []
      for cell in row.cells {
        while cells.count < cell.column { cells.append("") }
        switch row.value(cell, in: workbook) {
        case .text(let text)?: cells.append(text)
        case .number(let number, let format)?:
          cells.append(format == .percent ? number.decimalText(scaledBy: 2) + "%" : number.decimalText())
        default: cells.append("")
        }
      }
      while rows.count < row.number - 1 { rows.append([]) }
      rows.append(cells)
      return true
    }
    return rows
  }

  /// The sheet names of a workbook.
  static func sheets(_ bytes: [UInt8]) throws -> [String] {
    try Workbook.open(bytes, file: "out.xlsx").sheets.map(\.name)
  }

  /// `value` as the CSV writes it with `places` decimals (exact: both come from one decimal).
  static func fixed(_ text: String, _ places: Int) -> String {
    decimal(text).formatted(places: places)
  }

  @Test(arguments: [departments, communes])
  func everyCellOfTheRankingIsTheCSVs(year: (String, String)) throws {
    let criteria = try Assessment.loadCriteria(at: year.0)
    let results = try Assessment.rank(criteria: criteria, folder: year.1)
    let bytes = try RankingWorkbook.make(results).xlsx()
    let csv = RankingCSV.render(results).split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(try Self.sheets(bytes) == ["Tất cả đơn vị"] + results.groups.map { "Khối \($0.name)" })
    let grid = try Self.grid(bytes, sheet: "Tất cả đơn vị")
    let header = try #require(grid.firstIndex { $0.first == "STT" })
    #expect(grid[0].first == "Kết quả Chỉ số cải cách hành chính năm 2025")
    #expect(grid[header].contains("LV1. \(criteria.items[0].title) (\(Labels.points(criteria.items[0].maxPoints, 2)))"))
    let body = grid[(header + 1)...].filter { !$0.isEmpty }
    #expect(body.count == csv.count)
    let fields = criteria.items.count
    for (number, (row, line)) in zip(body, csv).enumerated() {
      // Sheet: STT, id, name, group, fields…, total, max, index, class, rank.
      // CSV:   group, rank, id, name, fields…, total, max, index, class.
      #expect(row[0] == String(number + 1))
      #expect([row[3], row[row.count - 1], row[1], row[2]] == Array(line[0..<4]))
      let numbers = row[4..<(4 + fields + 3)].enumerated().map { offset, text in
        Self.fixed(text, offset == fields + 2 ? criteria.indexPlaces : criteria.pointsPlaces)
      }
      #expect(numbers == Array(line[4..<(4 + fields + 3)]))
      #expect(row[4 + fields + 3] == line[line.count - 1])
    }
  }

  @Test func numbersAreNumericCellsShowingTheSetsDecimals() throws {
    let criteria = try Assessment.loadCriteria(at: Self.departments.0)
    let results = try Assessment.rank(criteria: criteria, folder: Self.departments.1)
    let sheet = RankingWorkbook.make(results).sheets[1]
    let row = try #require(
      sheet.rows.first { $0.first.map { if case .number = $0.value { true } else { false } } ?? false })
    for cell in row {
      switch cell.value {
      case .number:
        #expect(
          [.decimals(0), .decimals(criteria.pointsPlaces), .decimals(criteria.indexPlaces)].contains(cell.style.format))
      case .text: #expect(cell.style.format == .general)
      default: Issue.record("unexpected cell \(cell)")
      }
    }
    #expect(sheet.frozenRows == 4 && sheet.repeatedRows == 4...4 && sheet.landscape)
    #expect(sheet.footer == "Bộ tiêu chí department-2025 · mô phỏng · năm 2025")
    #expect(sheet.columnWidths.count == sheet.rows[3].count)
  }

  @Test func theScoreWorkbookHasAnOverviewAndOneSheetPerUnit() throws {
    let criteria = try Assessment.loadCriteria(at: Self.departments.0)
    let results = try Assessment.run(criteria: criteria, folder: Self.departments.1)
    let bytes = try ScoreWorkbook.make(results, units: results.rankedUnits).xlsx()
    #expect(try Self.sheets(bytes) == ["Tổng hợp"] + results.rankedUnits.map(\.unit.id))
    let unit = try #require(results.unit("S01"))
    let grid = try Self.grid(bytes, sheet: "S01")
    let header = try #require(grid.firstIndex { $0.first == "Mã" })
    // The tree: every node, points and maximum as the scorecard has them.
    let card = Scorecard(unit, in: results)
    for (row, expected) in zip(grid[(header + 1)...], card.rows) {
      #expect(row[0].trimmingCharacters(in: .whitespaces) == expected.code)
      #expect(Self.fixed(row[2], 2) == expected.points.formatted(places: 2))
      #expect(Self.fixed(row[3], 2) == expected.maxPoints.formatted(places: 2))
    }
    let improvements = try #require(grid.firstIndex { $0.first == "Cần cải thiện (mất nhiều điểm nhất trước)" })
    #expect(grid[(improvements + 2)...].filter { !$0.isEmpty }.count == card.improvements.count)
    #expect(grid[1].first == card.headline(criteria))
  }

  @Test func commandsWriteWorkbooksOnlyToAFile() throws {
    let folder = try TemporaryYear([:])
    let (criteria, year) = Self.departments
    for (command, extra) in [("rank", [String]()), ("score", []), ("sensitivity", ["--runs", "20"])] {
      let out = folder.path + "/\(command).xlsx"
      let run = Capture.run([command, criteria, year, "--format", "xlsx", "-o", out] + extra)
      #expect(run.code == .success, "\(command): \(run.err)")
      #expect(FileManager.default.fileExists(atPath: out))
      let screen = Capture.run([command, criteria, year, "--format", "xlsx"] + extra)
      #expect(screen.code == .usage && screen.out.isEmpty)
      let dash = Capture.run([command, criteria, year, "--format", "xlsx", "-o", "-"] + extra)
      #expect(dash.code == .usage && dash.out.isEmpty)
    }
    let compare = Capture.run([
      "compare", criteria, year, criteria, year, "--format", "xlsx", "-o", folder.path + "/c.xlsx",
    ])
    #expect(compare.code == .success)
    let grid = try Self.grid(
      Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/c.xlsx"))), sheet: "So sánh")
    #expect(grid.filter { $0.count > 5 && $0[5] == "0" }.count == 12)  // the same year twice: no change
    let sensitivity = try Self.grid(
      Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/sensitivity.xlsx"))), sheet: "Độ vững xếp hạng")
    #expect(sensitivity[1].first?.hasPrefix("20 lần chạy, hạt giống 1, biên độ 10 %") == true)
  }

  @Test func theAnnexNamesTheSetAndTheFieldsInFull() throws {
    let criteria = try Assessment.loadCriteria(at: Self.departments.0)
    let results = try Assessment.rank(criteria: criteria, folder: Self.departments.1)
    let annex = RankingAnnex(results)
    let markdown = annex.markdown
    #expect(markdown.hasPrefix("# Kết quả Chỉ số cải cách hành chính năm 2025\n"))
    #expect(markdown.contains("| STT | Mã | Đơn vị | LV1. Công tác chỉ đạo, điều hành cải cách hành chính (10,00) |"))
    #expect(markdown.contains("| 1 | S02 | Sở Nội vụ | 8,50 | 10,00 |"))
    #expect(markdown.contains("| 95,30 | Xuất sắc | 1 |"))
    let html = annex.html
    #expect(html.contains("<thead><tr><th class=\"n\">STT</th>"))
    #expect(html.contains("@page { size: A4 landscape; }"))
    #expect(html.contains("<td class=\"class\">Xuất sắc</td>"))
    let run = Capture.run(["rank", Self.departments.0, Self.departments.1, "--format", "text", "--annex"])
    #expect(run.code == .usage)
  }
}
