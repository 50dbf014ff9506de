import Foundation
import Testing

@testable import PARIndex

/// Whole reports on the bundled example year, pinned by golden files in `Golden/`.
///
/// The goldens were checked before they were committed: the ranking CSVs are byte-identical to
/// the independent Python reference (`Tests/Reference/par_reference.py`), and `Golden/README.md`
/// carries a hand computation of units in each. A missing golden is recorded and the test
/// fails; `PARINDEX_RECORD=1 swift test` re-records all of them — only after you understand
/// why they changed.
struct GoldenTests {
  static let examples = [
    ("communes", "criteria/commune-2025.json", "Examples/2025/communes"),
    ("departments", "criteria/department-2025.json", "Examples/2025/departments"),
  ]

  static func results(_ example: String) throws -> YearResults {
    let (_, criteria, folder) = examples.first { $0.0 == example }!
    return try Assessment.run(
      criteria: Assessment.loadCriteria(at: Repository.path(criteria)), folder: Repository.path(folder))
  }

  @Test(arguments: ["communes", "departments"])
  func rankingCSV(example: String) throws {
    try assertGolden(RankingCSV.render(Self.results(example)), "\(example)-ranking.csv")
  }

  @Test(arguments: ["communes", "departments"])
  func rankingCSVForExcel(example: String) throws {
    try assertGolden(RankingCSV.render(Self.results(example), dialect: .excel), "\(example)-ranking-excel.csv")
  }

  @Test(arguments: ["communes", "departments"])
  func resultsJSON(example: String) throws {
    try assertGolden(ResultsJSON.render(Self.results(example)), "\(example)-results.json")
  }

  /// The JSON's unit numbers are the CSV's numbers (one source, two renderings).
  @Test(arguments: ["communes", "departments"])
  func jsonAgreesWithCSV(example: String) throws {
    let results = try Self.results(example)
    let csvRows = RankingCSV.render(results).split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    let document = try JSONSerialization.jsonObject(with: Data(ResultsJSON.render(results).utf8)) as! [String: Any]
    let units = (document["groups"] as! [[String: Any]]).flatMap { $0["units"] as! [[String: Any]] }
    #expect(units.count == csvRows.count)
    for (unit, row) in zip(units, csvRows) {
      #expect(unit["unit_id"] as? String == String(row[2]))
      #expect(String(unit["rank"] as! Int) == String(row[1]))
      #expect(unit["total"] as? String == String(row[row.count - 4]))
      #expect(unit["max"] as? String == String(row[row.count - 3]))
      #expect(unit["index"] as? String == String(row[row.count - 2]))
      #expect(unit["class"] as? String == String(row[row.count - 1]))
    }
  }

  @Test(arguments: ["communes", "departments"])
  func rerunningGivesIdenticalBytes(example: String) throws {
    #expect(try ResultsJSON.render(Self.results(example)) == ResultsJSON.render(Self.results(example)))
  }
}
