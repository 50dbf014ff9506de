/// Ranking (xếp hạng) inside groups (DESIGN §3).
///
/// Units are compared by their **exact** index (total / maximum, by cross-multiplication),
/// not by the rounded one, so two units shown with the same 2-decimal index can hold
/// different ranks. Units with equal exact indices share a rank and the next rank skips
/// ("1, 2, 2, 4"); within a shared rank they are listed by unit id (text order).
public enum Ranking {
  /// One group's units in rank order.
  public struct Group: Sendable, Hashable {
    public var name: String
    public var units: [UnitScore]
  }

  /// Sets each unit's rank within its group and returns the groups in order of first
  /// appearance in `units`, each sorted by rank then unit id.
  public static func rank(_ units: [UnitScore]) -> [Group] {
    var order: [String] = []
    var members: [String: [UnitScore]] = [:]
    for unit in units {
      if members[unit.unit.group] == nil { order.append(unit.unit.group) }
      members[unit.unit.group, default: []].append(unit)
    }
    return order.map { name in
      var sorted = members[name]!.sorted {
        $0.exactIndex != $1.exactIndex ? $0.exactIndex > $1.exactIndex : $0.unit.id < $1.unit.id
      }
      for position in sorted.indices {
        let tiesAbove = position > 0 && sorted[position].exactIndex == sorted[position - 1].exactIndex
        sorted[position].rank = tiesAbove ? sorted[position - 1].rank : position + 1
      }
      return Group(name: name, units: sorted)
    }
  }
}
