import Foundation
import PARIndex
import Testing

/// A property test through the public API alone: sets and years generated from a seed, with
/// rule parameters, maxima, codes and values that are often wrong. Whatever is generated,
/// every initialiser throws a `Diagnostics` with codes or gives a value, and every year that
/// scores satisfies the invariants a council relies on (docs/SCORING.md): each leaf in
/// [0, maximum], fields adding up to the leaf total, the total within [0, maximum], the index
/// in [0, 100], ranks that agree with the exact index, and the totals-only ranking equal to
/// the full one. (The `api` fuzz target explores the same ground by mutation.)
struct GeneratedValuesTests {
  /// xorshift64*: small, seedable, the same sequence on every platform.
  struct Generator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
      state ^= state >> 12
      state ^= state << 25
      state ^= state >> 27
      return state &* 0x2545_F491_4F6C_DD1D
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    /// Quarters of a point from 0 to `quarters / 4`, or now and then a value far out of range.
    mutating func points(upTo quarters: Int = 40) -> FixedDecimal {
      if chance(5) { return FixedDecimal(exactlyMicros: Int64(bitPattern: next()) % 1_000_000_000_000_000) ?? .zero }
      return FixedDecimal(exactlyMicros: Int64(below(quarters + 1)) * 250_000)!
    }
  }

  /// Mostly a rule that works with `max` (as a criteria file would hold), now and then one
  /// with any parameters at all.
  func rule(_ random: inout Generator, max: FixedDecimal) -> Rule {
    let quarter = FixedDecimal(exactlyMicros: 250_000)!
    if random.chance(85) {
      switch random.below(7) {
      case 0: return .check
      case 1:
        return .choice([
          ChoiceOption(key: "m0", label: "Đạt", points: max),
          ChoiceOption(key: "m1", label: "Không đạt", points: .zero),
        ])
      case 2:
        return .tiers([
          Tier(threshold: FixedDecimal(exactly: 90)!, isStrict: false, points: max),
          Tier(threshold: FixedDecimal(exactly: 50)!, isStrict: random.chance(50), points: .zero),
        ])
      case 3:
        return .proportional(
          target: FixedDecimal(exactly: 80)!, zeroBelow: random.chance(50) ? FixedDecimal(exactly: 20)! : nil)
      case 4:
        return .deadline(due: CalendarDate(year: 2025, month: 3, day: 31)!, latePoints: .zero, lateUntil: nil)
      case 5: return .deduction(perItem: quarter, floor: .zero)
      default: return .manual(step: quarter)
      }
    }
    switch random.below(7) {
    case 0: return .check
    case 1:
      return .choice(
        (0..<random.below(4)).map {
          ChoiceOption(key: "m\($0 % 3)", label: "Mức \($0)", points: random.points(upTo: 8))
        })
    case 2:
      return .tiers(
        (0..<random.below(4)).map {
          Tier(
            threshold: FixedDecimal(exactly: 100 - 10 * $0)!, isStrict: random.chance(30),
            points: random.points(upTo: 8))
        })
    case 3:
      return .proportional(
        target: random.points(upTo: 400), zeroBelow: random.chance(50) ? random.points(upTo: 200) : nil)
    case 4:
      return .deadline(
        due: CalendarDate(year: 2025, month: 1 + random.below(12), day: 1 + random.below(28))!,
        latePoints: random.points(upTo: 4), lateUntil: nil)
    case 5:
      return .deduction(perItem: random.points(upTo: 2), floor: random.chance(80) ? .zero : random.points(upTo: 4))
    default: return .manual(step: random.chance(80) ? FixedDecimal(exactlyMicros: 250_000)! : random.points(upTo: 2))
    }
  }

  func set(_ random: inout Generator) -> (CriteriaSet?, [String]) {
    var codes: [String] = []
    var fields: [CriteriaNode] = []
    let fieldCount = 1 + random.below(3)
    for f in 1...fieldCount {
      let fieldMax = FixedDecimal(exactly: f == fieldCount ? 100 - 30 * (fieldCount - 1) : 30)!
      var leaves: [CriteriaNode] = []
      var left = fieldMax
      let count = 1 + random.below(4)
      for l in 1...count {
        let honest = l == count ? left : FixedDecimal(exactly: 1 + random.below(5))!
        let max = random.chance(10) ? random.points() : honest
        left = left.subtracting(max) ?? .zero
        let code = random.chance(5) ? ["1..1", "x.", " 2.1", "1.\u{200D}1"][random.below(4)] : "\(f).\(l)"
        do {
          leaves.append(
            try CriteriaNode(code: code, title: "Tiêu chí \(code)", maxPoints: max, rule: rule(&random, max: max)))
        } catch {
          codes += error.all.map(\.code)
        }
      }
      do {
        fields.append(try CriteriaNode(code: "\(f)", title: "Lĩnh vực \(f)", maxPoints: fieldMax, children: leaves))
      } catch {
        codes += error.all.map(\.code)
      }
    }
    let bands = [
      ClassificationBand(label: "Tốt", minIndex: FixedDecimal(exactly: random.chance(10) ? 120 : 80)!),
      ClassificationBand(label: "Khá", minIndex: FixedDecimal(exactly: 50)!),
      ClassificationBand(label: "Yếu", minIndex: .zero),
    ]
    do {
      let set = try CriteriaSet(
        id: "generated", title: "Bộ sinh ngẫu nhiên", level: .commune, year: 2025, status: .modelled, source: "test",
        evidencePolicy: .none, classification: bands,
        adjustmentCaps: random.chance(50)
          ? AdjustmentCaps(bonusCap: random.points(), penaltyCap: random.points()) : nil,
        items: fields)
      return (set, codes)
    } catch {
      return (nil, codes + error.all.map(\.code))
    }
  }

  /// A value of the kind the leaf's rule reads, as a unit would write it.
  func fitting(_ leaf: CriteriaNode, _ random: inout Generator) -> String {
    switch leaf.rule {
    case .choice(let options)? where !options.isEmpty: return options[random.below(options.count)].key
    case .tiers?, .proportional?: return ["100%", "97,5", "90", "72,5 %", "12"][random.below(5)]
    case .deadline?: return ["15/01/2025", "2025-06-30", "không", "31/12/2025"][random.below(4)]
    case .deduction?: return String(random.below(6))
    case .manual?: return ["0", "0,25", "1", "2,5"][random.below(4)]
    default: return random.chance(70) ? "có" : "không"
    }
  }

  func year(_ random: inout Generator, _ criteria: CriteriaSet) throws -> YearData? {
    let units = try (0..<(1 + random.below(6))).map { i in
      try AssessedUnit(id: "U\(i)", name: "Xã \(i)", group: random.chance(30) ? "phường" : "xã")
    }
    let values = ["có", "không", "m0", "m1", "m2", "95%", "72,5", "0,962", "15/01/2025", "3", "2,25", "N/A", "?"]
    var rows: [LeafEntry] = []
    for unit in units {
      for leaf in criteria.leaves where random.chance(85) {
        let claim: LeafEntry.Claim =
          random.chance(98)
          ? .value(random.chance(99) ? fitting(leaf, &random) : values[random.below(values.count)])
          : random.chance(50) ? .points(random.points(upTo: 8)) : .valueAndPoints("có", random.points(upTo: 8))
        do {
          rows.append(try LeafEntry(unitID: unit.id, code: leaf.code, claim: claim))
        } catch {
          #expect(error.all.map(\.code) == ["E-NUMBER-SIGNED"] || error.all.map(\.code) == ["E-NUMBER-TOO-LARGE"])
        }
      }
    }
    var adjustments: [Adjustment] = []
    if criteria.adjustmentCaps != nil || random.chance(10) {
      do {
        let kind: Adjustment.Kind = random.chance(50) ? .bonus : .penalty
        adjustments.append(try Adjustment(unitID: units[0].id, kind: kind, points: random.points()))
      } catch {
        #expect(error.all.map(\.code) == ["E-NUMBER-SIGNED"] || error.all.map(\.code) == ["E-NUMBER-TOO-LARGE"])
      }
    }
    do {
      return try YearData(units: units, assessment: rows, adjustments: adjustments)
    } catch {
      #expect(!error.all.isEmpty)
      return nil
    }
  }

  @Test(arguments: 1...300)
  func generatedValuesNeverTrapAndScoresKeepTheirInvariants(seed: UInt64) throws {
    var random = Generator(seed: seed)
    let (built, problems) = set(&random)
    #expect(problems.allSatisfy { $0.hasPrefix("E-") }, "\(problems)")
    guard let criteria = built else {
      #expect(!problems.isEmpty)
      return
    }
    guard let data = try year(&random, criteria) else { return }
    let results: YearResults
    do {
      results = try Assessment.run(criteria: criteria, data: data)
    } catch {
      // Errors, with the warnings found on the way.
      let codes = error.all.map(\.code)
      #expect(
        codes.contains { $0.hasPrefix("E-") } && codes.allSatisfy { $0.hasPrefix("E-") || $0.hasPrefix("W-") },
        "\(codes)")
      return
    }
    for group in results.groups {
      for (position, ranked) in group.units.enumerated() {
        let unit = ranked.score
        for leaf in unit.leaves {
          #expect(leaf.points >= .zero && leaf.points <= leaf.maxPoints, "seed \(seed) leaf \(leaf.code)")
        }
        #expect(unit.fieldPoints.reduce(FixedDecimal.zero) { $0.adding($1)! } == unit.leafTotal)
        #expect(unit.total >= .zero && unit.total <= unit.maxPoints)
        #expect(unit.index >= .zero && unit.index <= FixedDecimal.hundred)
        #expect(ranked.rank == 1 + group.units.filter { $0.score.exactIndex > unit.exactIndex }.count)
        if position > 0 { #expect(group.units[position - 1].score.exactIndex >= unit.exactIndex) }
        #expect(unit.classLabel == criteria.classify(roundedIndex: unit.index).label)
      }
    }
    let totals = try Assessment.rank(criteria: criteria, data: data)
    #expect(
      totals.rankedUnits.map { "\($0.score.unit.id) \($0.rank) \($0.score.total)" }
        == results.rankedUnits.map { "\($0.score.unit.id) \($0.rank) \($0.score.total)" })
  }
}

/// A criteria set written as its two tables and read back is the same set (compared by its
/// JSON, which writes every value), for every generated set that is valid; and the JSON that
/// `criteria import` writes decodes back to it.
struct GeneratedTablesRoundTrip {
  @Test(arguments: 1...300)
  func aGeneratedSetSurvivesItsTables(seed: UInt64) throws {
    var random = GeneratedValuesTests.Generator(seed: seed)
    guard let set = GeneratedValuesTests().set(&random).0 else { return }
    let json = CriteriaSetJSON.render(set)
    for dialect in [CSVWriter.Dialect.plain, .excel] {
      let (nodes, info) = CriteriaTableWriter.render(set, dialect: dialect)
      let read = try CriteriaTable.read(
        nodes: InputData(name: "t.csv", text: nodes), info: InputData(name: "t-set.csv", text: info))
      #expect(CriteriaSetJSON.render(read.set) == json)
      #expect(read.warnings.isEmpty)
    }
    let decoded = try CriteriaSetDecoder.decode(Array(json.utf8), file: "generated.json")
    #expect(CriteriaSetJSON.render(decoded) == json)
  }
}
