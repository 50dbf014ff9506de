/// A unit with its rank (xếp hạng) in its group: only ``Ranking`` makes one.
@dynamicMemberLookup
public struct Ranked<Score: ScoredUnit>: Sendable {
  /// The unit's score (its totals, and its leaves for a ``UnitScore``).
  public let score: Score
  /// 1 for the first; units with equal exact indices share a rank and the next skips.
  public let rank: Int

  /// The score's members (`ranked.total`, `ranked.unit.name`, `ranked.leaves`).
  public subscript<Value>(dynamicMember member: KeyPath<Score, Value>) -> Value { score[keyPath: member] }
}

extension Ranked: Equatable where Score: Equatable {}
extension Ranked: Hashable where Score: Hashable {}

/// Ranking (xếp hạng) inside groups.
///
/// Units are compared by their **exact** index (total / maximum, by cross-multiplication),
/// not by the rounded one, so two units shown with the same 2-decimal index can hold
/// different ranks. Units with equal exact indices share a rank and the next rank skips
/// ("1, 2, 2, 4"); within a shared rank they are listed by unit id (text order).
public enum Ranking {
  /// One group's (khối) units in rank order.
  public struct Group<Score: ScoredUnit>: Sendable {
    /// The group's name, as the units file writes it.
    public let name: String
    /// The group's units, by rank then unit id.
    public let units: [Ranked<Score>]
  }

  /// Ranks each unit within its group and returns the groups in order of first appearance in
  /// `units`, each sorted by rank then unit id.
  public static func rank<Score: ScoredUnit>(_ units: [Score]) -> [Group<Score>] {
    var order: [String] = []
    var members: [String: [Score]] = [:]
    for unit in units {
      let group = unit.totals.unit.group
      if members[group] == nil { order.append(group) }
      members[group, default: []].append(unit)
    }
    return order.map { name in
      let sorted = members[name]!.sorted {
        $0.totals.exactIndex != $1.totals.exactIndex
          ? $0.totals.exactIndex > $1.totals.exactIndex : $0.totals.unit.id < $1.totals.unit.id
      }
      var ranked: [Ranked<Score>] = []
      ranked.reserveCapacity(sorted.count)
      for (position, unit) in sorted.enumerated() {
        let tiesAbove = position > 0 && unit.totals.exactIndex == sorted[position - 1].totals.exactIndex
        ranked.append(Ranked(score: unit, rank: tiesAbove ? ranked[position - 1].rank : position + 1))
      }
      return Group(name: name, units: ranked)
    }
  }
}

extension Ranking.Group: Equatable where Score: Equatable {}
extension Ranking.Group: Hashable where Score: Hashable {}
