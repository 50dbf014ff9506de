import Testing

@testable import PARIndex

/// Ranking compares exact indices; classification uses the rounded index.
struct RankingTests {
  /// Scale 100: field 1 up to 98.5 points (manual), field 2 of 1.5 points that may be excluded.
  static let criteria = try! CriteriaSetDecoder.decode(
    Array(
      """
      {"format": "parindex-criteria/1", "id": "rank-test", "title": "t", "level": "department", "year": 2025,
       "status": "modelled", "source": "test", "evidencePolicy": "none",
       "classification": [{"label": "A", "minIndex": 73.1}, {"label": "B", "minIndex": 50}, {"label": "C", "minIndex": 0}],
       "items": [
         {"code": "1", "title": "f1", "maxPoints": 98.5, "rule": {"type": "manual"}, "source": "test"},
         {"code": "2", "title": "f2", "maxPoints": 1.5, "rule": {"type": "manual"}, "notApplicable": "exclude", "source": "test"}
       ]}
      """.utf8), file: "rank-test.json")

  // U1: 72.00 of 98.5 (field 2 excluded) = 73.0964… % → 73.10 shown.
  // U2: 73.10 of 100 = 73.10 % exactly → also 73.10 shown, but higher: rank 1, U1 rank 2.
  // U3: 49.25 of 98.5 = 50 % exactly; U4: 50 of 100 = 50 %: equal exact indices → both rank 3, by id.
  // U5: 40 of 100 → rank 5 (the rank after a shared 3 skips 4).
  static let files = [
    "units.csv": "unit_id,name,group\nU4,Sở D,sở\nU1,Sở A,sở\nU5,Sở E,sở\nU3,Sở C,sở\nU2,Sở B,sở\n",
    "assessment.csv": """
    unit_id,code,value
    U1,1,72
    U1,2,N/A
    U2,1,73.1
    U2,2,0
    U3,1,49.25
    U3,2,KPS
    U4,1,50
    U4,2,0
    U5,1,40
    U5,2,0

    """,
  ]

  let results: YearResults = {
    let year = try! TemporaryYear(RankingTests.files)
    return try! Assessment.run(criteria: RankingTests.criteria, folder: year.path)
  }()

  @Test func equalRoundedIndicesStillRankByTheExactIndex() {
    let units = results.groups[0].units
    #expect(units.map(\.unit.id) == ["U2", "U1", "U3", "U4", "U5"])
    #expect(units[0].index == units[1].index)  // both 73.10
    #expect(units[0].exactIndex > units[1].exactIndex)
    #expect(units.map(\.rank) == [1, 2, 3, 3, 5])
  }

  @Test func classificationUsesTheRoundedIndexOnTheBoundary() {
    // U1's exact 73.0964… is below 73.1, but the methodology classifies the rounded 73.10.
    #expect(results.unit("U1")?.classLabel == "A")
    #expect(results.unit("U3")?.classLabel == "B")  // exactly 50.00 = minIndex 50
  }

  @Test func rankOrderAgreesWithExactIndexOrder() {
    for group in results.groups {
      for (upper, lower) in zip(group.units, group.units.dropFirst()) {
        #expect(upper.exactIndex >= lower.exactIndex)
        #expect(upper.rank <= lower.rank)
        #expect((upper.rank == lower.rank) == (upper.exactIndex == lower.exactIndex))
      }
    }
  }
}
