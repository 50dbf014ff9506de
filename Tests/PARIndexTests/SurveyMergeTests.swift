import Foundation
import Testing

@testable import PARIndex

/// Beyond one machine (issue 14): a country's survey split into per-province files, each
/// aggregated on its own, merges into exactly the results of the one national file.
struct SurveyMergeTests {
  static let criteriaPath = Repository.path("criteria/commune-2025.json")
  static let surveyPath = Repository.path("Examples/2025/communes/survey.csv")

  /// The example's survey split by unit into `parts` files (header repeated), every unit's rows
  /// in one of them.
  static func split(_ text: String, parts: Int) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    let header = lines.removeFirst()
    var units: [String] = []
    for line in lines {
      let unit = String(line.prefix { $0 != "," })
      if !units.contains(unit) { units.append(unit) }
    }
    return (0..<parts).map { part in
      let mine = Set(units.enumerated().filter { $0.offset % parts == part }.map(\.element))
      return ([header] + lines.filter { mine.contains(String($0.prefix { $0 != "," })) }).joined(separator: "\n") + "\n"
    }
  }

  @Test(arguments: [2, 3, 7])
  func perProvinceFilesMergeIntoTheNationalResults(parts: Int) throws {
    let criteria = try Assessment.loadCriteria(at: Self.criteriaPath)
    let data = try YearLoader.load(folder: Repository.path("Examples/2025/communes"), criteria: criteria)
    let unitIDs = data.units.map(\.id)
    let text = try String(contentsOfFile: Self.surveyPath, encoding: .utf8)
    let whole = try SurveyAggregator.aggregate(
      file: "survey.csv", bytes: Array(text.utf8), criteria: criteria, unitIDs: unitIDs)
    var merged = SurveyResults()
    for (index, part) in Self.split(text, parts: parts).enumerated() {
      let results = try SurveyAggregator.aggregate(
        file: "survey-\(index).csv", bytes: Array(part.utf8), criteria: criteria, unitIDs: unitIDs)
      merged = try merged.merging(results)
    }
    #expect(merged.tallies == whole.tallies)
    #expect(merged.respondents == whole.respondents)
    #expect(whole.tallies.count > parts)
    // And the year scores the same with either.
    var fromParts = data
    fromParts.survey = merged
    #expect(
      RankingCSV.render(try Assessment.rank(criteria: criteria, data: fromParts))
        == RankingCSV.render(try Assessment.rank(criteria: criteria, data: data)))
  }

  @Test func aUnitInTwoPartsIsRefused() throws {
    let criteria = try Assessment.loadCriteria(at: Self.criteriaPath)
    let unitIDs = (1...20).map { String(format: "X%02d", $0) }
    let text = try String(contentsOfFile: Self.surveyPath, encoding: .utf8)
    let results = try SurveyAggregator.aggregate(
      file: "survey.csv", bytes: Array(text.utf8), criteria: criteria, unitIDs: unitIDs)
    let first = try #require(results.tallies.keys.sorted().first)
    #expect(throws: SurveyResults.UnitInBothParts(unitID: first)) { try results.merging(results) }
    #expect(try SurveyResults().merging(results).tallies == results.tallies)
  }
}
