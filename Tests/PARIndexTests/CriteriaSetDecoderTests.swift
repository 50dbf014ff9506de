import Foundation
import Testing

@testable import PARIndex

struct CriteriaSetDecoderTests {
  static let miniText = try! String(contentsOfFile: Repository.fixtures + "/mini-2025.json", encoding: .utf8)

  func problems(_ text: String) -> [String] {
    do {
      _ = try CriteriaSetDecoder.decode(Array(text.utf8), file: "set.json")
      return []
    } catch {
      return error.all.map { $0.rendered(.english) }
    }
  }

  /// The mini set with one text replacement applied (it must match).
  func mutated(_ old: String, _ new: String) -> String {
    precondition(Self.miniText.contains(old), "fixture text not found: \(old)")
    return Self.miniText.replacingOccurrences(of: old, with: new)
  }

  @Test func readsTheMiniSet() throws {
    let set = try Mini.criteria
    #expect(set.leaves.map(\.code) == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1"])
    #expect(set.scale == FixedDecimal(10))
    #expect(set.leaves[5].rule == .proportional(target: FixedDecimal(60), zeroBelow: FixedDecimal(20)))
    #expect(set.leaves[5].notApplicable == .exclude)
    #expect(set.leaves[0].evidence == .required)
    #expect(set.leaves[2].evidence == CriteriaNode.EvidenceRequirement.none)
    #expect(set.classification.map(\.minIndex) == [FixedDecimal(80), decimal("65.5"), FixedDecimal(50), .zero])
  }

  @Test func rejectsUnknownKeys() {
    #expect(
      problems(mutated("\"evidencePolicy\": \"required\"", "\"evidencePolicy\": \"required\", \"evidensePolicy\": 1"))
        == [
          "set.json:evidensePolicy: unknown key \"evidensePolicy\": expected one of format, id, title, level, year, status, source, scale, rounding, evidencePolicy, classification, adjustments, survey, items"
        ])
  }

  @Test func reportsMaximaThatDoNotAddUp() {
    let lines = problems(
      mutated(
        "\"code\": \"1.4\", \"title\": \"Báo cáo trễ hạn\", \"maxPoints\": 1",
        "\"code\": \"1.4\", \"title\": \"Báo cáo trễ hạn\", \"maxPoints\": 1.25"))
    #expect(lines == ["set.json:items[0].maxPoints '4': the children of 1 add up to 4.25, not 4"])
  }

  @Test func reportsEveryProblemNotOnlyTheFirst() {
    var text = mutated("\"level\": \"commune\"", "\"level\": \"xa\"")
    text = text.replacingOccurrences(of: "\"due\": \"2025-01-31\"", with: "\"due\": \"2025-02-30\"")
    text = text.replacingOccurrences(
      of: "{ \"above\": 90, \"points\": 0.5 }", with: "{ \"above\": 99, \"points\": 0.5 }")
    let lines = problems(text)
    #expect(lines.count == 3)
    #expect(lines.contains("set.json:level 'xa': expected one of commune, department"))
    #expect(
      lines.contains(
        "set.json:items[0].children[1].rule.due '2025-02-30': expected a date yyyy-mm-dd (or dd/mm/yyyy) that exists"))
    #expect(
      lines.contains { $0.hasPrefix("set.json:items[1].children[0].rule.tiers[1] '> 99': tiers must be ordered") })
  }

  @Test func rejectsDuplicateCodes() {
    let lines = problems(mutated("\"code\": \"1.4\"", "\"code\": \"1.3\""))
    #expect(
      lines.contains(
        "set.json:items[0].children[3].code '1.3': this code is also used at items[0].children[2]: codes must be unique"
      ))
  }

  @Test func rejectsDuplicateJSONKeysWithLineAndColumn() {
    let lines = problems("{\n  \"id\": \"a\",\n  \"id\": \"b\"\n}")
    #expect(lines == ["set.json:3: column 3: duplicate key \"id\""])
  }

  @Test(arguments: ["1e0", "-1", "0.12345", "\"1\""])
  func rejectsNumbersThatAreNotPlainDecimals(literal: String) {
    let lines = problems(mutated("\"bonusCap\": 0.5", "\"bonusCap\": \(literal)"))
    #expect(lines.count == 1 && lines[0].hasPrefix("set.json:adjustments.bonusCap"))
  }

  @Test func rejectsBandsOutOfOrderOrNotEndingAtZero() {
    #expect(
      problems(mutated("{ \"label\": \"Khá\", \"minIndex\": 65.5 }", "{ \"label\": \"Khá\", \"minIndex\": 85 }")).count
        == 1)
    #expect(
      problems(mutated("{ \"label\": \"Yếu\", \"minIndex\": 0 }", "{ \"label\": \"Yếu\", \"minIndex\": 10 }"))
        == ["set.json:classification[3].minIndex '10': the last band must start at 0 so that every unit has a class"])
  }

  @Test func rejectsASurveyLeafWhoseGroupIsNotDefined() {
    #expect(
      problems(mutated("\"group\": \"sipas\"", "\"group\": \"dân\"")).first?.contains(
        "expected a group defined in survey.groups: sipas") == true)
  }

  @Test func rejectsPointsAboveTheLeafMaximum() {
    #expect(
      problems(
        mutated(
          "\"key\": \"hoan_thanh\", \"label\": \"Hoàn thành 100 %\", \"points\": 1",
          "\"key\": \"hoan_thanh\", \"label\": \"Hoàn thành 100 %\", \"points\": 1.5"))
        == ["set.json:items[0].children[2].rule.options[0].points '1.5': points above the item's maxPoints 1"])
  }

  @Test func rejectsNestingDeeperThanTheLimitWithoutCrashing() {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    #expect(problems(deep).first?.contains("nesting deeper than 64 levels") == true)
  }

  @Test(arguments: ["", "{", "{\"a\": 1,}", "[1 2]", "{\"a\": \"\u{1}\"}", "nul", "{\"a\": 01}"])
  func reportsSyntaxErrorsAsOneLine(text: String) {
    let lines = problems(text)
    #expect(lines.count == 1 && lines[0].hasPrefix("set.json:1: column "))
  }
}
