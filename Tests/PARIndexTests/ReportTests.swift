import Foundation
import Testing

@testable import PARIndex

/// The reports people read, pinned by goldens (checked by hand: see Golden/README.md), and
/// agreeing with the ranking CSV in every format.
struct ReportTests {
  static let communes = try! GoldenTests.results("communes")
  static let departments = try! GoldenTests.results("departments")

  @Test func explainX19() throws {
    try assertGolden(ExplainText.render(Self.communes, unit: Self.communes.unit("X19")!), "explain-X19.txt")
  }

  @Test func explainOneCode() throws {
    let text = ExplainText.render(Self.communes, unit: Self.communes.unit("X19")!, code: "3.3")
    let leafLines = text.split(separator: "\n").filter { $0.hasPrefix("3.") }
    #expect(leafLines.map { String($0.prefix(6)) } == ["3.3.1 ", "3.3.2 ", "3.3.3 ", "3.3.4 "])
    // 3.3.3: 72.2 % of the 80 % target on 1 point → 1 × 72.2/80 = 0.9025 → 0.90.
    #expect(
      text.contains(
        "3.3.3 Tỷ lệ kết quả giải quyết TTHC được số hóa (mục tiêu 80%; dưới 40%: 0 điểm): 72,2 %, mục tiêu 80 % → 1,00 × 72,2/80 → 0,90 / 1,00 điểm\n"
      ))
  }

  @Test(arguments: [("B01", "text"), ("B01", "md"), ("S06", "html"), ("S06", "text")])
  func scorecard(unit: String, format: String) throws {
    let units = [Self.departments.unit(unit)!]
    let rendered: String
    switch format {
    case "md": rendered = MarkdownReport.scorecards(Self.departments, units: units)
    case "html": rendered = ScorecardHTML.page(Self.departments, units: units)
    default: rendered = ScorecardText.render(Self.departments, units: units)
    }
    try assertGolden(rendered, "score-\(unit).\(format == "text" ? "txt" : format)")
  }

  @Test func rankingMarkdown() throws {
    try assertGolden(MarkdownReport.ranking(Self.departments), "departments-ranking.md")
  }

  @Test func councilReport() throws {
    try assertGolden(CouncilReport.render(Self.departments), "departments-report.html")
  }

  /// The data-problems section lists each warning as the command line prints it, and the
  /// files read with their form: the commune year's appraisal writes 10/02/2025 on a deadline
  /// leaf, late read day first, too late read month first, and no date of that file settles it;
  /// its assessment cites two ids the units' evidence files lack (NOTES.md: X06 5.1.1 `X06-TB09`,
  /// no such document; X13 1.1.1 `X12-KH01`, X12's), each leaf then scoring 0.
  @Test func councilReportListsWarningsAndFiles() throws {
    let html = CouncilReport.render(Self.communes)
    #expect(Self.communes.warnings.map(\.code) == ["W-DATE-AMBIGUOUS", "W-EVIDENCE-UNKNOWN", "W-EVIDENCE-UNKNOWN"])
    #expect(Self.communes.warnings.map(\.value) == ["10/02/2025", "X06-TB09", "X12-KH01"])
    #expect(
      Self.communes.warnings.compactMap(\.subject).map { [$0.unit ?? "", $0.leaf ?? ""] } == [
        ["X02", "1.1.1"], ["X06", "5.1.1"], ["X13", "1.1.1"],
      ])
    #expect(html.contains("<h3>Cảnh báo (3)</h3>"))
    #expect(html.contains("appraisal.csv:2: value &#39;10/02/2025&#39;: đọc theo dd/mm/yyyy là trễ hạn"))
    #expect(html.contains("<td>Điều tra xã hội học</td><td>CSV UTF-8, phân cách “,”</td>"))
    // The departments' one: S06 2.2.1 cites S05's document S05-KH04.
    #expect(CouncilReport.render(Self.departments).contains("<h3>Cảnh báo (1)</h3>"))
  }

  @Test(arguments: [("commune-2025", false), ("department-2025", true)])
  func template(set: String, excel: Bool) throws {
    let criteria = try Assessment.loadCriteria(at: Repository.path("criteria/\(set).json"))
    try assertGolden(
      AssessmentTemplate.render(criteria, unitID: "", dialect: excel ? .excel : .plain),
      "template-\(set)\(excel ? "-excel" : "").csv")
  }

  /// A template filled in is read back: its x_ columns are ignored and every leaf is scored.
  @Test func filledTemplateIsReadBack() throws {
    let criteria = try Mini.criteria
    var lines = AssessmentTemplate.render(criteria, unitID: "A", dialect: .excel).split(separator: "\n").map(
      String.init)
    let values = [
      "1.1": "có", "1.2": "31/01/2025", "1.3": "hoan_thanh", "1.4": "0", "2.1": "99%", "2.2": "KPS", "2.3": "1,5",
    ]
    for index in lines.indices.dropFirst() {
      var fields = lines[index].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
      fields[2] = values[fields[1]]!
      fields[4] = "E1"
      lines[index] = fields.joined(separator: ";")
    }
    #expect(lines.count == 8)  // header + 7 leaves; the survey leaf 3.1 is not self-assessed
    let year = try TemporaryYear([
      "units.csv": Mini.units, "assessment.csv": lines.joined(separator: "\r\n"),
      "evidence.csv": "evidence_id,unit_id,title\nE1,A,Kế hoạch\n", "survey.csv": Mini.noSurvey,
    ])
    let unit = try Assessment.run(criteria: criteria, folder: year.path).unit("A")!
    // 1 + 1 + 1 + 1 + 1 + (2.2 excluded) + 1.5 = 6.5 of 10 − 1.5 = 8.5 (3.1 missing, still counted).
    #expect(unit.leafTotal == decimal("6.5") && unit.maxPoints == decimal("8.5"))
  }

  /// Every format shows each unit's rank, total, index and class as the ranking CSV does.
  @Test(arguments: ["communes", "departments"])
  func numbersAgreeAcrossFormats(example: String) throws {
    let results = try GoldenTests.results(example)
    let criteria = results.criteria
    let markdown = MarkdownReport.ranking(results)
    let report = CouncilReport.render(results)
    let text = RankingText.render(results)
    for row in RankingCSV.render(results).split(separator: "\n").dropFirst() {
      let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let (rank, id, total, maximum, index, label) = (
        fields[1], fields[2], fields[fields.count - 4], fields[fields.count - 3], fields[fields.count - 2],
        fields[fields.count - 1]
      )
      let comma = { (value: String) in value.replacingOccurrences(of: ".", with: ",") }
      let unit = results.unit(id)!
      let card = Scorecard(unit, in: results)
      #expect(
        card.headline(criteria).contains(
          "Tổng điểm \(comma(total)) / \(comma(maximum)) · Chỉ số \(comma(index)) % · \(label) · Hạng \(rank)/"))
      #expect(
        markdown.contains("| \(rank) | \(id) | \(unit.unit.name) | ")
          && markdown.contains("| \(comma(total)) | \(comma(maximum)) | \(comma(index)) | \(label) |"))
      #expect(report.contains("<td class=\"n\"><strong>\(comma(index))</strong></td><td class=\"class\">\(label)</td>"))
      #expect(text.contains(comma(index)))
      #expect(ExplainText.render(results, unit: unit).contains(card.headline(criteria)))
    }
  }

  @Test(arguments: ["communes", "departments"])
  func htmlIsWellFormed(example: String) throws {
    let results = try GoldenTests.results(example)
    for html in [CouncilReport.render(results), ScorecardHTML.page(results, units: results.rankedUnits)] {
      #expect(HTMLCheck.problems(html) == [])
      #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))  // self-contained
    }
  }
}

/// A small well-formedness check: every non-void tag closes in order, attributes are quoted,
/// and text holds no raw `<` or `&` that is not an entity.
enum HTMLCheck {
  static let voidElements: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col"]

  static func problems(_ html: String) -> [String] {
    var stack: [String] = []
    var problems: [String] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(where: { $0 == "<" || $0 == "&" }) {
      if rest[open] == "&" {
        let entity = rest[open...].prefix(10)
        if !(entity.hasPrefix("&amp;") || entity.hasPrefix("&lt;") || entity.hasPrefix("&gt;")
          || entity.hasPrefix("&quot;") || entity.hasPrefix("&#39;"))
        {
          problems.append("bare & near \(rest[open...].prefix(30))")
        }
        rest = rest[rest.index(after: open)...]
        continue
      }
      guard let close = rest[open...].firstIndex(of: ">") else {
        problems.append("unclosed tag")
        break
      }
      let tag = rest[rest.index(after: open)..<close]
      rest = rest[rest.index(after: close)...]
      if tag.hasPrefix("!") { continue }
      let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
      if tag.hasPrefix("/") {
        if stack.last == name {
          stack.removeLast()
        } else {
          problems.append("</\(name)> closes <\(stack.last ?? "nothing")>")
        }
      } else if !voidElements.contains(name) && !tag.hasSuffix("/") {
        if tag.filter({ $0 == "\"" }).count % 2 != 0 { problems.append("unbalanced quotes in <\(tag.prefix(40))>") }
        stack.append(name)
      }
      if name == "style" || name == "script", !tag.hasPrefix("/"), let end = rest.range(of: "</\(name)>") {
        rest = rest[end.lowerBound...]
      }
    }
    if !stack.isEmpty { problems.append("unclosed: \(stack)") }
    return problems
  }
}
