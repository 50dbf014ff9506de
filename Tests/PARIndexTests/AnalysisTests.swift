import Foundation
import Testing

@testable import PARIndex

/// Sensitivity, comparison and what-if (issue 6).
struct AnalysisTests {
  static let departments = try! GoldenTests.results("departments")
  static let communes = try! GoldenTests.results("communes")

  static func data(_ example: String) throws -> (CriteriaSet, YearData) {
    let (_, criteriaPath, folder) = GoldenTests.examples.first { $0.0 == example }!
    let criteria = try Assessment.loadCriteria(at: Repository.path(criteriaPath))
    return (criteria, try YearLoader.load(folder: Repository.path(folder), criteria: criteria))
  }

  @Test(arguments: ["communes", "departments"])
  func zeroSpreadGivesExactlyTheNominalRank(example: String) throws {
    let study = Sensitivity.run(try GoldenTests.results(example), settings: try .init(runs: 50, seed: 7, spread: .zero))
    for unit in study.groups.flatMap(\.units) {
      #expect(
        unit.p05Rank == unit.nominalRank && unit.medianRank == unit.nominalRank && unit.p95Rank == unit.nominalRank)
      #expect(unit.classChangedRuns == 0)
    }
  }

  @Test(arguments: PropertyTests.seeds.prefix(8))
  func zeroSpreadOnGeneratedYears(seed: UInt64) throws {
    let year = RandomYear(seed: seed)
    let study = Sensitivity.run(try year.run(year.files()), settings: try .init(runs: 5, seed: seed, spread: .zero))
    #expect(study.groups.flatMap(\.units).allSatisfy { $0.p05Rank == $0.nominalRank && $0.p95Rank == $0.nominalRank })
  }

  @Test func aSpreadIsReproducibleForASeedAndKeepsTheNominalRankInsideTheInterval() throws {
    let settings = try Sensitivity.Settings(runs: 400, seed: 42, spread: FixedDecimal(10))
    let first = SensitivityReport.csv(Sensitivity.run(Self.communes, settings: settings))
    #expect(first == SensitivityReport.csv(Sensitivity.run(Self.communes, settings: settings)))
    #expect(first.hasPrefix("group,unit_id,name,nominal_rank,median_rank,p05_rank,p95_rank,class_changed_share\n"))
    let units = Sensitivity.run(Self.communes, settings: settings).groups.flatMap(\.units)
    let inside = units.filter { $0.p05Rank <= $0.nominalRank && $0.nominalRank <= $0.p95Rank }
    #expect(inside.count * 10 >= units.count * 8, "nominal rank inside P5–P95 for \(inside.count) of \(units.count)")
    // Something does vary with a spread.
    #expect(units.contains { $0.p05Rank != $0.p95Rank })
    #expect(
      SensitivityReport.csv(
        Sensitivity.run(Self.communes, settings: try .init(runs: 400, seed: 43, spread: FixedDecimal(10)))) != first)
  }

  @Test func sensitivityNumbersAreSane() throws {
    let study = Sensitivity.run(Self.departments, settings: try .init(runs: 300, seed: 1, spread: FixedDecimal(10)))
    for group in study.groups {
      for unit in group.units {
        #expect(
          1 <= unit.p05Rank && unit.p05Rank <= unit.medianRank && unit.medianRank <= unit.p95Rank
            && unit.p95Rank <= group.units.count)
      }
    }
    // S02 leads its group by more than 4 points: ±10 % weights cannot move it.
    #expect(study.groups[0].units[0].unit.id == "S02" && study.groups[0].units[0].p95Rank == 1)
  }

  @Test func percentilesUseTheNearestRankMethod() {
    let sorted = Array(1...20)
    #expect(
      Sensitivity.percentile(sorted, 5) == 1 && Sensitivity.percentile(sorted, 50) == 10
        && Sensitivity.percentile(sorted, 95) == 19)
    #expect(Sensitivity.percentile([3], 50) == 3)
  }

  @Test func comparingAYearWithItselfReportsNoChange() {
    let comparison = Comparison(Self.communes, Self.communes)
    #expect(comparison.warnings.isEmpty)
    for row in comparison.rows {
      #expect(row.indexChange == .zero && !row.movedClass && row.a?.rank == row.b?.rank)
      #expect(comparison.fieldChanges(row).allSatisfy { $0.change == nil || $0.change == .zero })
    }
    let csv = ComparisonReport.csv(comparison)
    #expect(
      csv.hasPrefix(
        "unit_id,name,group,index_a,index_b,index_change,rank_a,rank_b,class_a,class_b\nX09,Xã Thanh Hà,xã,93.35,93.35,0.00,1,1,Xuất sắc,Xuất sắc\n"
      ))
  }

  @Test func differentCriteriaSetsAreWarnedAboutAndMissingUnitsLeaveEmptyCells() {
    let comparison = Comparison(Self.communes, Self.departments)
    #expect(!comparison.warnings.isEmpty)
    let csv = ComparisonReport.csv(comparison)
    // Departments are new in B; communes are only in A: empty cells on the missing side.
    #expect(csv.contains("\nS02,Sở Nội vụ,sở,,95.30,,,1,,Xuất sắc\n"))
    #expect(csv.contains("\nX09,Xã Thanh Hà,xã,93.35,,,1,,Xuất sắc,\n"))
  }

  /// Setting a unit's leaves to the values it already has changes nothing: the ranking row is
  /// reproduced exactly. (S02 has no leaf scored 0 for missing evidence, which a what-if —
  /// standing in for the deciding row — would not apply.)
  @Test func whatIfWithTheUnitsOwnValuesReproducesItsRankingRow() throws {
    let (criteria, data) = try Self.data("departments")
    let unit = Self.departments.unit("S02")!
    #expect(!unit.leaves.contains { $0.status == .noEvidence })
    let settings = unit.leaves.compactMap { leaf in
      leaf.decidingEntry?.value.map { WhatIf.Setting(code: leaf.code, value: $0) }
    }
    #expect(settings.count > 50)
    let outcome = try WhatIf.apply(settings, unit: "S02", criteria: criteria, data: data)
    let row = { (results: YearResults) in
      RankingCSV.render(results).split(separator: "\n").first { $0.contains(",S02,") }!
    }
    #expect(row(outcome.results) == row(Self.departments))
    #expect(
      outcome.after.total == unit.total && outcome.after.rank == unit.rank
        && outcome.after.classLabel == unit.classLabel)
  }

  // S06: 68.70 → 3.3.1 at 98 % gives 2 (was 0): 70.70 % → Khá.
  @Test func whatIfChangesTheTotalIndexClassAndRank() throws {
    let (criteria, data) = try Self.data("departments")
    let outcome = try WhatIf.apply([.init(code: "3.3.1", value: "98%")], unit: "S06", criteria: criteria, data: data)
    #expect(outcome.before.index == decimal("68.7") && outcome.after.index == decimal("70.7"))
    #expect(outcome.before.classLabel == "Trung bình" && outcome.after.classLabel == "Khá")
    #expect(throws: Diagnostics.self) {
      try WhatIf.apply([.init(code: "3.3.1", value: "abc")], unit: "S06", criteria: criteria, data: data)
    }
  }

  @Test func goalPlanIsTheFewestLeavesThatReachTheClass() throws {
    let (criteria, data) = try Self.data("departments")
    let plan = try #require(try WhatIf.goal("Tốt", unit: Self.departments.unit("S06")!, criteria: criteria))
    #expect(!plan.isEmpty)
    #expect(zip(plan, plan.dropFirst()).allSatisfy { $0.gain >= $1.gain })
    // Giving those leaves their maximum (an appraisal row with max points) reaches Tốt …
    func run(_ steps: [WhatIf.Step]) throws -> UnitScore {
      var changed = data
      for step in steps {
        let max = criteria.leaves[criteria.leafIndex(of: step.code)!].maxPoints
        changed.appraisal["S06", default: [:]][step.code] = try LeafEntry(
          unitID: "S06", code: step.code, claim: .points(max), remark: "goal", origin: RowOrigin(file: "t", line: 0))
      }
      return try Assessment.run(criteria: criteria, data: changed).unit("S06")!.score
    }
    #expect(try run(plan).index >= FixedDecimal(80))
    // … and one leaf fewer does not.
    #expect(try run(Array(plan.dropLast())).index < FixedDecimal(80))
    #expect(try WhatIf.goal("Khá", unit: Self.departments.unit("S02")!, criteria: criteria) == [])
  }
}
