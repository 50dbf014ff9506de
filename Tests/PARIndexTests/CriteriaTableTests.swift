import Foundation
import Testing

@testable import PARIndex

/// Criteria sets as tables: import, export, the annex and the differences between two sets.
struct CriteriaTableTests {
  static let sets = ["commune-2025", "department-2025"]
  static let fixtures = Repository.fixtures + "/criteria-table"

  static func json(_ name: String) throws -> CriteriaSet {
    try Assessment.loadCriteria(at: Repository.path("criteria/\(name).json"))
  }

  @Test(arguments: sets)
  func theBundledTablesAreTheBundledSets(name: String) throws {
    let (table, warnings) = try CriteriaTable.read(at: Repository.path("criteria/tables/\(name).csv"))
    #expect(warnings.isEmpty)
    #expect(CriteriaSetJSON.render(table) == CriteriaSetJSON.render(try Self.json(name)))
  }

  @Test(arguments: sets)
  func exportThenImportIsTheSameSetAndRanksTheSame(name: String) throws {
    let set = try Self.json(name)
    for dialect in [CSVWriter.Dialect.plain, .excel] {
      let (nodes, info) = CriteriaTableWriter.render(set, dialect: dialect)
      let read = try CriteriaTable.read(
        nodes: InputData(name: "t.csv", text: nodes), info: InputData(name: "t-set.csv", text: info)
      ).set
      #expect(CriteriaSetJSON.render(read) == CriteriaSetJSON.render(set))
      // The JSON written decodes to the set, and ranks the example year as the golden does.
      let reimported = try CriteriaSetDecoder.decode(Array(CriteriaSetJSON.render(read).utf8), file: "x.json")
      let example = name == "commune-2025" ? "communes" : "departments"
      let ranking = RankingCSV.render(
        try Assessment.rank(criteria: reimported, folder: Repository.path("Examples/2025/\(example)")))
      #expect(ranking == (try String(contentsOfFile: Repository.golden + "/\(example)-ranking.csv", encoding: .utf8)))
    }
  }

  /// Codes that do not say their parent (fields `I`, `II` above criteria `1`, `2`): the
  /// table gets a `parent` column, and reads back as the same set.
  @Test func codesThatDoNotNameTheirParentGetAParentColumn() throws {
    let leaf = { (code: String, max: Int) in
      try CriteriaNode(code: code, title: "Tiêu chí \(code)", maxPoints: FixedDecimal(max), rule: .check)
    }
    let first = try CriteriaNode(
      code: "1", title: "Mục 1", maxPoints: FixedDecimal(60), children: [try leaf("1.1", 60)])
    let set = try CriteriaSet(
      id: "la-ma", title: "Số La Mã", level: .commune, year: 2026, status: .modelled, source: "thử",
      classification: [ClassificationBand(label: "Tất cả", minIndex: .zero)],
      items: [
        try CriteriaNode(code: "I", title: "Phần I", maxPoints: FixedDecimal(60), children: [first]),
        try CriteriaNode(code: "II", title: "Phần II", maxPoints: FixedDecimal(40), children: [try leaf("2", 40)]),
      ])
    let (nodes, info) = CriteriaTableWriter.render(set)
    #expect(nodes.hasPrefix("code,parent,title,"))
    let read = try CriteriaTable.read(
      nodes: InputData(name: "t.csv", text: nodes), info: InputData(name: "s.csv", text: info))
    #expect(CriteriaSetJSON.render(read.set) == CriteriaSetJSON.render(set))
    // The bundled sets' codes say their parents: no such column.
    #expect(!CriteriaTableWriter.render(try Self.json("commune-2025")).nodes.hasPrefix("code,parent"))
  }

  /// A table typed with the mistakes a secretary makes: one line each, row and column named,
  /// nothing written. (Fixture written by hand; each line below checked against it.)
  @Test func aTableWithMistakesNamesEachAndWritesNothing() throws {
    let output = NSTemporaryDirectory() + "parindex-mistakes-\(UUID().uuidString).json"
    let run = Capture.run(["criteria", "import", Self.fixtures + "/mistakes.csv", "-o", output])
    #expect(run.code == .dataError)
    #expect(!FileManager.default.fileExists(atPath: output))
    let lines = run.err.replacingOccurrences(of: Self.fixtures + "/", with: "").split(separator: "\n").map(String.init)
    #expect(
      lines == [
        // Row 3: 1.1 is a deadline without its due date.
        "mistakes.csv:3: due: the rule deadline needs this cell",
        // Row 5: tiers written lowest first.
        "mistakes.csv:5: tiers '≥ 80: 1; ≥ 90: 2': tiers must be ordered from the highest threshold down; the previous tier is ≥ 80",
        // Row 6: field 2 is 90, its children 40 + 40 (the repeated 2.2 is not counted).
        "mistakes.csv:6: max_points '90': the children of 2 add up to 80, not 90",
        // Row 9: 2.2 again.
        "mistakes.csv:9: code '2.2': this code is also used at mistakes.csv:8: codes must be unique",
        // `1,5` on row 4 and `7.5` on row 5.
        "mistakes.csv:5: max_points '7.5': the table writes decimals both with a point and a comma (as mistakes.csv:4 max_points '1,5'); in Vietnamese Excel a point groups thousands: check it",
      ])
  }

  @Test func cellsAreCheckedOneByOne() throws {
    let info = "key,value,name\nid,t\ntitle,T\nlevel,commune\nyear,2025\nstatus,modelled\nsource,s\nband,0,Tất cả\n"
    func problems(_ rows: String) -> [String] {
      do throws(Diagnostics) {
        _ = try CriteriaTable.read(
          nodes: InputData(name: "t.csv", text: "code,title,max_points,rule,options,step,target\n" + rows),
          info: InputData(name: "t-set.csv", text: info))
        return []
      } catch {
        return error.all.map { $0.rendered(.english) }
      }
    }
    #expect(
      problems("1,A,100,choice,\"a = Đạt 1\",,\n") == [
        "t.csv:2: options 'a = Đạt 1': expected one option per line, \"key = label: points\""
      ])
    #expect(
      problems("1,A,100,check,,1,\n") == [
        "t.csv:2: step '1': this column is only for the rule manual: clear the cell or change the rule"
      ])
    #expect(
      problems("1,A,100,thăm dò,,,\n") == [
        "t.csv:2: rule 'thăm dò': expected one of check, choice, tiers, proportional, deadline, deduction, survey, manual"
      ])
    #expect(
      problems("1,A,100,,,,\n1.1,B,100,check,,,\n2.1,C,1,check,,,\n") == [
        "t.csv:4: code '2.1': no row above for the parent 2: rows go in annex order, a parent above its children"
      ])
    // Two options on one line (found by review: imported as one option with a garbled label).
    #expect(
      problems("1,A,100,choice,\"a = Có: 100; b = Không: 0\",,\n") == [
        "t.csv:2: options 'a = Có: 100; b = Không: 0': expected one option per line, \"key = label: points\""
      ])
    // An empty label, and a threshold finer than a criteria file holds: refused, not written.
    #expect(problems("1,A,100,choice,\"a = : 100\",,\n").count == 1)
    #expect(problems("1,A,100,tỷ lệ,,,66.66667\n").count == 1)
    // A header cell on a key that does not use it is named, never dropped.
    do throws(Diagnostics) {
      _ = try CriteriaTable.read(
        nodes: InputData(name: "t.csv", text: "code,title,max_points,rule\n1,A,100,check\n"),
        info: InputData(name: "t-set.csv", text: info.replacingOccurrences(of: "year,2025", with: "year,2025,Năm")))
      Issue.record("a name on the year row was accepted")
    } catch {
      #expect(
        error.all.map { $0.rendered(.english) } == [
          "t-set.csv:5: name 'Năm': this column is only for the keys band, survey_answer, survey_group: clear the cell"
        ])
    }
    // Vietnamese rule names and a percentage target.
    #expect(problems("1,A,100,tỷ lệ,,,80%\n").isEmpty)
  }

  @Test func theAnnexSaysEachRuleInWords() throws {
    let set = try Self.json("department-2025")
    let rows = CriteriaAnnex.rows(set)
    let tiers = try #require(rows.first { $0.code == "1.1.2" })
    #expect(
      tiers.rule
        == "Từ 100% trở lên: 1,5 điểm; từ 80% đến dưới 100%: 1 điểm; từ 60% đến dưới 80%: 0,5 điểm; dưới 60%: 0 điểm")
    let deadline = try #require(rows.first { $0.code == "1.1.1" })
    #expect(
      deadline.rule
        == "Đúng hạn (đến hết ngày 31/01/2025): 1 điểm; trễ hạn: 0,5 điểm nếu đến hết ngày 31/03/2025, sau đó: 0 điểm; không thực hiện: 0 điểm"
    )
    #expect(deadline.evidence == "Bắt buộc" && deadline.notApplicable == "Không áp dụng (phải chấm)")
    let markdown = CriteriaAnnex.markdown(set)
    #expect(markdown.contains("| | **Tổng** | **100** | | | |"))
    #expect(
      markdown.contains(
        "Xếp loại: Xuất sắc: từ 90% trở lên; Tốt: từ 80% đến dưới 90%; Khá: từ 70% đến dưới 80%; Trung bình: từ 50% đến dưới 70%; Yếu: dưới 50%"
      ))
    #expect(CriteriaAnnex.html(set).contains("<thead><tr><th>Mã</th>"))
    #expect(CriteriaAnnex.text(set).contains("Điểm thưởng tối đa: 2 điểm; điểm trừ tối đa: 3 điểm"))
  }

  @Test func theDifferencesBetweenTwoYearsSets() throws {
    let set = try Self.json("department-2025")
    var (nodes, info) = CriteriaTableWriter.render(set)
    // Next year: 1.3.2's maximum 1 → 0.75 (its top tier too), 1.3.3's 0.5 → 0.75 (criterion 1.3
    // still adds up to 2); 1.2.3 renumbered 1.2.4.
    for (old, new) in [
      (
        "\n1.3.2,Tỷ lệ đơn vị trực thuộc được kiểm tra CCHC trong năm,1,",
        "\n1.3.2,Tỷ lệ đơn vị trực thuộc được kiểm tra CCHC trong năm,0.75,"
      ),
      ("≥ 30: 1; ≥ 20: 0.5", "≥ 30: 0.75; ≥ 20: 0.5"),
      ("hạn chế phát hiện qua kiểm tra\",0.5,choice,", "hạn chế phát hiện qua kiểm tra\",0.75,choice,"),
      ("\n1.2.3,", "\n1.2.4,"), ("year,2025", "year,2026"),
    ] {
      #expect(nodes.contains(old) || info.contains(old), "\(old)")
      nodes = nodes.replacingOccurrences(of: old, with: new)
      info = info.replacingOccurrences(of: old, with: new)
    }
    let next = try CriteriaTable.read(
      nodes: InputData(name: "t.csv", text: nodes), info: InputData(name: "t-set.csv", text: info)
    ).set
    let diff = CriteriaDiff(set, next)
    #expect(
      diff.changes.map(CriteriaDiff.describe) == [
        "CHUYỂN 1.2.3 → 1.2.4 Báo cáo quý và báo cáo đột xuất về CCHC: mỗi báo cáo gửi chậm hoặc không gửi trừ 0,25 điểm",
        "ĐIỂM TỐI ĐA 1.3.2: 1 → 0,75",
        "CÁCH CHẤM 1.3.2: tiers: Từ 30% trở lên: 1 điểm; từ 20% đến dưới 30%: 0,5 điểm; dưới 20%: 0 điểm → tiers: Từ 30% trở lên: 0,75 điểm; từ 20% đến dưới 30%: 0,5 điểm; dưới 20%: 0 điểm",
        "ĐIỂM TỐI ĐA 1.3.3: 0,5 → 0,75",
      ])
    #expect(diff.text().hasSuffix("4 khác biệt.\n") && diff.markdown().hasPrefix("# So sánh bộ tiêu chí"))
    #expect(CriteriaDiff(set, set).changes.isEmpty)
  }
}
