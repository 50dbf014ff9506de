import Foundation
import PARIndexCLI
import Testing

@testable import PARIndex

/// The report that prints (issue 15): table headers repeat on every page, field codes are
/// explained, class labels never wrap, and `--scorecards` chooses how much of each scorecard
/// is printed. (Page counts are measured with headless Chromium by Scripts/print-report.sh; a
/// browser is not needed here.)
struct PrintDesignTests {
  static let departments: YearResults = {
    let criteria = try! Assessment.loadCriteria(at: Repository.path("criteria/department-2025.json"))
    return try! Assessment.run(criteria: criteria, folder: Repository.path("Examples/2025/departments"))
  }()

  @Test func everyTableThatStartsWithAHeaderRowGetsATableHead() {
    let html = HTML.withTableHeads(
      "<table>\n<tr><th>a</th></tr>\n<tr><td>1</td></tr>\n</table>\n<table class=\"x\"><tr><td>no header</td></tr></table>"
        + "<table><thead><tr><th>kept</th></tr></thead><tbody></tbody></table>")
    #expect(
      html == "<table>\n<thead><tr><th>a</th></tr></thead><tbody>\n<tr><td>1</td></tr>\n</tbody></table>\n"
        + "<table class=\"x\"><tr><td>no header</td></tr></table>"
        + "<table><thead><tr><th>kept</th></tr></thead><tbody></tbody></table>")
    let report = CouncilReport.render(Self.departments, scorecards: .full)
    #expect(report.components(separatedBy: "<table").count - 1 == report.components(separatedBy: "<thead>").count - 1)
  }

  @Test func theLegendNamesEveryFieldAndClassesDoNotWrap() {
    let report = CouncilReport.render(Self.departments)
    for field in Self.departments.criteria.items {
      #expect(report.contains("<li><strong>LV\(field.code)</strong> \(HTML.escape(field.title)) ("))
    }
    #expect(report.contains("td.class, th.class, .nowrap { white-space: nowrap; }"))
    #expect(report.contains("<td class=\"class\">Xuất sắc</td>"))
    #expect(!report.contains("<td>Xuất sắc</td>"))
    #expect(report.contains("thead { display: table-header-group; }"))
  }

  /// `losses` lists per unit exactly the leaves of its improvement list, in its order; `full` the
  /// whole tree; `none` no scorecard at all.
  @Test func lossesModeListsExactlyTheImprovements() throws {
    let results = Self.departments
    let losses = CouncilReport.render(results, scorecards: .losses)
    let full = CouncilReport.render(results, scorecards: .full)
    let none = CouncilReport.render(results, scorecards: .none)
    for unit in results.rankedUnits {
      let card = Scorecard(unit, in: results)
      let section = try #require(Self.section(of: unit.unit.id, in: losses))
      let codes = Self.firstCells(of: "losses", in: section)
      #expect(codes == card.improvements.map(\.code), "\(unit.unit.id)")
      let lost = card.improvements.map { "-" + Labels.points($0.lost, 2) }
      for text in lost { #expect(section.contains("<td class=\"n\">\(text)</td>")) }
      let fullSection = try #require(Self.section(of: unit.unit.id, in: full))
      #expect(fullSection.components(separatedBy: "<tr").count - 2 >= card.rows.count)
      #expect(Self.section(of: unit.unit.id, in: none) == nil)
    }
    #expect(losses.count < full.count / 2)
    #expect(none.contains("<h2>4. Vấn đề về số liệu</h2>") && !none.contains("Phiếu điểm từng đơn vị"))
  }

  @Test func theCommandTakesTheModeAndRefusesOthers() throws {
    let folder = try TemporaryYear([:])
    let criteria = Repository.path("criteria/department-2025.json")
    let year = Repository.path("Examples/2025/departments")
    var sizes: [String: Int] = [:]
    for mode in ["full", "losses", "none"] {
      let out = folder.path + "/\(mode).html"
      let run = Capture.run(["report", criteria, year, "--scorecards", mode, "-o", out])
      #expect(run.code == .success)
      sizes[mode] = try Data(contentsOf: URL(fileURLWithPath: out)).count
    }
    let byDefault = Capture.run(["report", criteria, year, "-o", folder.path + "/default.html"])
    #expect(byDefault.code == .success)
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/default.html")).count == sizes["losses"])
    #expect(sizes["none"]! < sizes["losses"]! && sizes["losses"]! < sizes["full"]!)
    let wrong = Capture.run(["report", criteria, year, "--scorecards", "some", "-o", folder.path + "/x.html"])
    #expect(wrong.code == .usage && wrong.err.contains("--scorecards 'some'"))
  }

  /// The scorecard section of `unit` in a report, or `nil`.
  static func section(of unit: String, in html: String) -> String? {
    guard let start = html.range(of: "<section class=\"card\" id=\"unit-\(unit)\">"),
      let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)
    else { return nil }
    return String(html[start.lowerBound..<end.upperBound])
  }

  /// The first cell of every body row of the table of class `name` in `html`.
  static func firstCells(of name: String, in html: String) -> [String] {
    guard let table = html.range(of: "<table class=\"\(name)\">"),
      let body = html.range(of: "<tbody>", range: table.upperBound..<html.endIndex),
      let end = html.range(of: "</tbody>", range: body.upperBound..<html.endIndex)
    else { return [] }
    return html[body.upperBound..<end.lowerBound].components(separatedBy: "<tr><td>").dropFirst().map {
      String($0.prefix { $0 != "<" })
    }
  }
}
