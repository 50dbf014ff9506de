import Foundation
import Testing

@testable import PARIndex

/// The library's seeded generator, so every generated case can be reproduced.
typealias SeededGenerator = SplitMix64

/// Random criteria sets and years, valid by construction, written as files.
struct RandomYear {
  var criteriaJSON: String
  /// File name → rows (header first), as fields.
  var tables: [String: [[String]]]

  init(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    // Fields of 2–4 leaves; maxima in quarter points so sums are exact; scale = their sum.
    var items: [String] = []
    var leaves: [(code: String, kind: Int, max: Int, na: String)] = []  // max in hundredths
    var scale = 0
    for field in 1...Int.random(in: 2...4, using: &random) {
      var children: [String] = []
      var fieldMax = 0
      for leaf in 1...Int.random(in: 2...4, using: &random) {
        let code = "\(field).\(leaf)"
        let max = 25 * Int.random(in: 2...12, using: &random)
        let kind = Int.random(in: 0...7, using: &random)
        let na = ["forbidden", "exclude", "full"][Int.random(in: 0...2, using: &random)]
        fieldMax += max
        leaves.append((code, kind, max, na))
        children.append(
          "{\"code\": \"\(code)\", \"title\": \"Tiêu chí \(code)\", \"maxPoints\": \(Self.points(max)), \"rule\": \(Self.rule(kind, max)), \"evidence\": \"\(kind % 2 == 0 ? "required" : "none")\", \"notApplicable\": \"\(kind == 6 ? "forbidden" : na)\"}"
        )
      }
      scale += fieldMax
      items.append(
        "{\"code\": \"\(field)\", \"title\": \"Lĩnh vực \(field)\", \"maxPoints\": \(Self.points(fieldMax)), \"children\": [\(children.joined(separator: ", "))]}"
      )
    }
    criteriaJSON = """
      {"format": "parindex-criteria/1", "id": "random-\(seed)", "title": "Ngẫu nhiên", "level": "commune", "year": 2025,
       "status": "modelled", "source": "generated", "scale": \(Self.points(scale)), "evidencePolicy": "required",
       "classification": [{"label": "Tốt", "minIndex": 80}, {"label": "Khá", "minIndex": 65}, {"label": "Yếu", "minIndex": 0}],
       "adjustments": {"bonusCap": 1, "penaltyCap": 2},
       "survey": {"scale": {"A": 100, "B": 60, "C": 20, "D": 0}, "groups": {"g": {"title": "Hài lòng", "questions": ["Q1", "Q2", "Q3"]}}},
       "items": [\(items.joined(separator: ", "))]}
      """
    let unitCount = Int.random(in: 3...9, using: &random)
    let groups = ["xã", "phường", "đặc khu"]
    var units = [["unit_id", "name", "group"]]
    var assessment = [["unit_id", "code", "value", "points", "evidence", "note"]]
    var appraisal = [["unit_id", "code", "value", "points", "reason"]]
    var evidence = [["evidence_id", "unit_id", "title", "doc_number", "date"]]
    var survey = [["unit_id", "respondent_id", "question", "answer", "weight"]]
    var adjustments = [["unit_id", "kind", "points", "reason"]]
    for number in 1...unitCount {
      let id = "U\(number)"
      units.append([id, "Đơn vị số \(number), tỉnh \"Thử\"", groups[Int.random(in: 0...2, using: &random)]])
      evidence.append(["E1", id, "Kế hoạch CCHC; năm 2025", "1/KH-UBND", "05/01/2025"])
      var applicable = false
      for leaf in leaves {
        if leaf.kind == 6 {
          // Survey leaves come from survey.csv (added below).
          continue
        }
        let roll = Int.random(in: 0...19, using: &random)
        if roll == 0 { continue }  // missing
        var value = Self.value(leaf.kind, leaf.max, using: &random)
        if roll == 1 && leaf.na != "forbidden" {
          value = ["KPS", "N/A", "không phát sinh"][Int.random(in: 0...2, using: &random)]
        }
        if value != "KPS" && value != "N/A" && value != "không phát sinh" || leaf.na != "exclude" { applicable = true }
        let cites = roll == 2 ? "" : (roll == 3 ? "E9" : "E1")
        assessment.append([id, leaf.code, value, "", cites, roll == 4 ? "ghi chú, có dấu phẩy" : ""])
        if roll == 5 { appraisal.append([id, leaf.code, "", "0", "Không đạt yêu cầu"]) }
      }
      if !applicable, let first = leaves.first(where: { $0.kind != 6 }) {
        assessment.append([id, first.code, "", "0", "E1", ""])  // never let every leaf be excluded
        assessment.removeAll { $0[0] == id && $0[1] == first.code && $0[3] != "0" }
      }
      for respondent in 0..<Int.random(in: 0...6, using: &random) {
        for question in ["Q1", "Q2", "Q3"] where Int.random(in: 0...5, using: &random) > 0 {
          survey.append([
            id, "R\(respondent)", question, ["A", "B", "C", "D"][Int.random(in: 0...3, using: &random)],
            respondent == 0 ? "2" : "",
          ])
        }
      }
      if Int.random(in: 0...3, using: &random) == 0 { adjustments.append([id, "bonus", "0.75", "Sáng kiến"]) }
      if Int.random(in: 0...3, using: &random) == 0 { adjustments.append([id, "penalty", "1.5", "Vi phạm"]) }
    }
    // A twin of U1 under another id: equal exact indices, so shared ranks are exercised.
    units.append(["U0", "Đơn vị sinh đôi", units[1][2]])
    assessment += assessment.filter { $0[0] == "U1" }.map { ["U0"] + $0.dropFirst() }
    appraisal += appraisal.filter { $0[0] == "U1" }.map { ["U0"] + $0.dropFirst() }
    survey += survey.filter { $0[0] == "U1" }.map { ["U0"] + $0.dropFirst() }
    adjustments += adjustments.filter { $0[0] == "U1" }.map { ["U0"] + $0.dropFirst() }
    evidence += evidence.filter { $0[1] == "U1" }.map { [$0[0], "U0"] + $0.dropFirst(2) }
    tables = [
      "units.csv": units, "assessment.csv": assessment, "appraisal.csv": appraisal, "evidence.csv": evidence,
      "survey.csv": survey, "adjustments.csv": adjustments,
    ]
  }

  static func points(_ hundredths: Int) -> String { "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))" }

  static func rule(_ kind: Int, _ max: Int) -> String {
    switch kind {
    case 0: return "{\"type\": \"check\"}"
    case 1:
      return
        "{\"type\": \"choice\", \"options\": [{\"key\": \"a\", \"points\": \(points(max))}, {\"key\": \"b\", \"points\": \(points(max / 50 * 25))}, {\"key\": \"c\", \"points\": 0}]}"
    case 2:
      return
        "{\"type\": \"tiers\", \"tiers\": [{\"atLeast\": 98, \"points\": \(points(max))}, {\"above\": 90, \"points\": \(points(max / 50 * 25))}]}"
    case 3: return "{\"type\": \"proportional\", \"target\": 60, \"zeroBelow\": 20}"
    case 4:
      return
        "{\"type\": \"deadline\", \"due\": \"2025-01-31\", \"latePoints\": \(points(max / 50 * 25)), \"lateUntil\": \"2025-03-31\"}"
    case 5: return "{\"type\": \"deduction\", \"perItem\": 0.25, \"floor\": 0}"
    case 6: return "{\"type\": \"survey\", \"group\": \"g\"}"
    default: return "{\"type\": \"manual\", \"step\": 0.25}"
    }
  }

  static func value(_ kind: Int, _ max: Int, using random: inout SeededGenerator) -> String {
    switch kind {
    case 0: return ["có", "không", "x", "Đạt"][Int.random(in: 0...3, using: &random)]
    case 1: return ["a", "b", "c"][Int.random(in: 0...2, using: &random)]
    case 2, 3:
      let denominator = Int.random(in: 1...300, using: &random)
      return Bool.random(using: &random)
        ? "\(Int.random(in: 0...denominator, using: &random))/\(denominator)"
        : "\(Int.random(in: 0...99, using: &random)),\(Int.random(in: 0...9, using: &random))%"
    case 4:
      return
        "\(String(format: "%02d", Int.random(in: 1...28, using: &random)))/0\(Int.random(in: 1...5, using: &random))/2025"
    case 5: return "\(Int.random(in: 0...6, using: &random))"
    default:
      return RandomYear.points(25 * Int.random(in: 0...(max / 25), using: &random)).replacingOccurrences(
        of: ".", with: ",")
    }
  }

  /// The tables as CSV text in a dialect.
  func files(separator: String = ",", bom: Bool = false, lineEnd: String = "\n", nfd: Bool = false) -> [String: String]
  {
    tables.mapValues { rows in
      let text =
        rows.map { row in
          row.map { field -> String in
            let value = nfd ? field.decomposedStringWithCanonicalMapping : field
            return value.contains(separator) || value.contains("\"")
              ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
          }.joined(separator: separator)
        }.joined(separator: lineEnd) + lineEnd
      return (bom ? "\u{FEFF}" : "") + text
    }
  }

  func run(_ files: [String: String]) throws -> YearResults {
    let criteria = try CriteriaSetDecoder.decode(Array(criteriaJSON.utf8), file: "random.json")
    let year = try TemporaryYear(files)
    return try Assessment.run(criteria: criteria, folder: year.path)
  }
}

/// Invariants on many generated criteria sets and years (issue 5).
struct PropertyTests {
  static let seeds: [UInt64] = Array(1...40)

  @Test(arguments: seeds)
  func scoresRespectTheirBounds(seed: UInt64) throws {
    let results = try RandomYear(seed: seed).run(RandomYear(seed: seed).files())
    let criteria = results.criteria
    for unit in results.rankedUnits {
      for (leaf, node) in zip(unit.leaves, criteria.leaves) {
        #expect(leaf.points >= .zero && leaf.points <= node.maxPoints, "leaf \(leaf.code) of \(unit.unit.id)")
        #expect(leaf.points.hasAtMost(places: criteria.pointsPlaces))
      }
      // Children add up to parents, fields to the leaf total.
      let allNodes = unit.score.allNodes(in: criteria)
      #expect(allNodes.count == criteria.allNodes.count && unit.nodes.count == allNodes.count - criteria.leaves.count)
      #expect(zip(criteria.allNodes, allNodes).allSatisfy { $0.node.code == $1.code })
      for (entry, node) in zip(criteria.allNodes, allNodes) where !entry.node.isLeaf {
        let children = entry.node.children.map { child in unit.score.node(child.code)! }
        #expect(children.reduce(FixedDecimal.zero) { $0 + $1.points } == node.points)
        #expect(children.reduce(FixedDecimal.zero) { $0 + $1.applicableMax } == node.applicableMax)
      }
      #expect(unit.fieldPoints.reduce(FixedDecimal.zero, +) == unit.leafTotal)
      #expect(unit.total >= .zero && unit.total <= unit.maxPoints && unit.maxPoints <= criteria.scale)
      #expect(unit.index >= .zero && unit.index <= FixedDecimal(100))
      #expect(unit.classLabel == criteria.classify(roundedIndex: unit.index).label)
    }
    for group in results.groups {
      for (upper, lower) in zip(group.units, group.units.dropFirst()) {
        #expect(upper.exactIndex >= lower.exactIndex && upper.rank <= lower.rank)
        #expect((upper.rank == lower.rank) == (upper.exactIndex == lower.exactIndex))
        if upper.rank == lower.rank { #expect(upper.unit.id < lower.unit.id) }
      }
      #expect(group.units.first?.rank == 1)
    }
  }

  @Test(arguments: seeds)
  func resultsDoNotDependOnDialectOrderOrNormalisation(seed: UInt64) throws {
    let year = RandomYear(seed: seed)
    let expected = RankingCSV.render(try year.run(year.files()))
    // Excel dialect: BOM, ';', CRLF; text in NFD.
    #expect(
      RankingCSV.render(try year.run(year.files(separator: ";", bom: true, lineEnd: "\r\n", nfd: true))) == expected)
    // Rows in another order (units.csv keeps its order: it decides the order of groups) and
    // columns in another order.
    var shuffled = year
    var random = SeededGenerator(seed: seed &* 31)
    for (name, rows) in shuffled.tables {
      let permutation = Array(rows[0].indices).shuffled(using: &random)
      var body = Array(rows.dropFirst())
      if name != "units.csv" { body.shuffle(using: &random) }
      shuffled.tables[name] = ([rows[0]] + body).map { row in permutation.map { row[$0] } }
    }
    #expect(RankingCSV.render(try shuffled.run(shuffled.files())) == expected)
  }

  /// The generated years do reach the cases the invariants are about.
  @Test func generatedYearsCoverEveryStatus() throws {
    var statuses = Set<LeafStatus>()
    var sources = Set<ScoreSource>()
    var sharedRanks = 0
    var clamped = 0
    for seed in Self.seeds {
      let results = try RandomYear(seed: seed).run(RandomYear(seed: seed).files())
      for unit in results.rankedUnits {
        for leaf in unit.leaves {
          statuses.insert(leaf.status)
          if let source = leaf.source { sources.insert(source) }
        }
        if unit.total != unit.leafTotal + unit.bonus - unit.penalty { clamped += 1 }
      }
      for group in results.groups {
        sharedRanks += zip(group.units, group.units.dropFirst()).filter { $0.rank == $1.rank }.count
      }
    }
    #expect(statuses == [.scored, .notApplicable, .missing, .noEvidence])
    #expect(sources == [.selfAssessment, .appraisal, .survey])
    #expect(clamped > 0)
    #expect(sharedRanks >= Self.seeds.count)
    print("generated years: \(sharedRanks) shared ranks, \(clamped) clamped totals")
  }

  /// Splitting the work over 1, 2 or 3 threads (survey file pieces, unit slices, files read
  /// concurrently) gives the same bytes.
  @Test(arguments: seeds.prefix(10))
  func resultsDoNotDependOnTheNumberOfThreads(seed: UInt64) throws {
    let year = RandomYear(seed: seed)
    let criteria = try CriteriaSetDecoder.decode(Array(year.criteriaJSON.utf8), file: "random.json")
    let folder = try TemporaryYear(year.files())
    // 8: more survey pieces than cores, read while the other files are (YearLoader).
    let outputs = try [1, 2, 3, 8].map { threads in
      ResultsJSON.render(
        try Assessment.run(criteria: criteria, folder: folder.path, options: LoadOptions(threads: threads)))
    }
    #expect(Set(outputs).count == 1)
    // The survey really was split: pieces exist for more than one thread.
    let bytes = Array(year.files()["survey.csv"]!.utf8)
    let bodyStart = try CSVTable.open(file: "survey.csv", bytes: bytes, kind: .survey).bodyStart
    let bounds = SurveyAggregator.pieceBounds(in: bytes, from: bodyStart, threads: 2)
    #expect(zip(bounds, bounds.dropFirst()).filter { $0 < $1 }.count == 2 || year.tables["survey.csv"]!.count < 3)
  }

  /// A survey with bad answers read in pieces beside the other files: the same problems, on
  /// the same lines, in the same order as read in one piece.
  @Test(arguments: seeds.prefix(5))
  func surveyProblemsDoNotDependOnThePieces(seed: UInt64) throws {
    let year = RandomYear(seed: seed)
    let criteria = try CriteriaSetDecoder.decode(Array(year.criteriaJSON.utf8), file: "random.json")
    var files = year.files()
    var lines = files["survey.csv"]!.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard lines.count > 8 else { return }
    // An answer that is not on the scale, in the second line and two thirds in.
    for index in [2, lines.count * 2 / 3] {
      var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      fields[3] = "zz"
      lines[index] = fields.joined(separator: ",")
    }
    files["survey.csv"] = lines.joined(separator: "\n")
    let folder = try TemporaryYear(files)
    let reports = [1, 2, 3, 8].map { (threads: Int) -> [String] in
      do throws(Diagnostics) {
        _ = try YearLoader.load(folder: folder.path, criteria: criteria, options: LoadOptions(threads: threads))
        return []
      } catch {
        return error.all.map { $0.rendered(.english) }
      }
    }
    #expect(reports[0].filter { $0.contains("survey.csv:3:") }.count == 1)
    #expect(reports[0].contains { $0.contains("survey.csv:\(lines.count * 2 / 3 + 1):") })
    #expect(Set(reports).count == 1)
  }

  @Test(arguments: seeds.prefix(10))
  func rerunningGivesIdenticalBytes(seed: UInt64) throws {
    // The same folder read twice (the outputs name the files read, so not two folders).
    let year = RandomYear(seed: seed)
    let criteria = try CriteriaSetDecoder.decode(Array(year.criteriaJSON.utf8), file: "random.json")
    let folder = try TemporaryYear(year.files())
    let first = try Assessment.run(criteria: criteria, folder: folder.path)
    let second = try Assessment.run(criteria: criteria, folder: folder.path)
    #expect(ResultsJSON.render(first) == ResultsJSON.render(second))
    #expect(CouncilReport.render(first) == CouncilReport.render(second))
  }
}
