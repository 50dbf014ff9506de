/// Every unit's evidence documents by (unit position, id) in one open-addressing table of
/// entry numbers, 4 bytes a slot at most three quarters full: about 6 bytes a document, where a
/// dictionary per unit (grown from empty, or reserved for a few dozen) took about 80.
///
/// The table keeps only entry numbers; the caller says which (unit, id) an entry has, so that
/// ids are never stored twice. Lookups are by `String` equality, as a dictionary's.
struct DocumentIndex: Sendable {
  /// An entry number per slot, or ``empty``.
  private var slots: [Int32] = []
  /// The number of entries.
  private(set) var count = 0

  private static let empty = Int32.min

  /// Makes room for `more` entries beyond those held, rehashing now rather than as they come.
  /// `key` gives an entry's (unit, id).
  mutating func reserve(_ more: Int, key: (Int32) -> (unit: Int, id: String)) {
    let needed = count + more
    guard needed > slots.count / 4 * 3 else { return }
    var size = 16
    while needed > size / 4 * 3 { size *= 2 }
    let old = slots
    slots = [Int32](repeating: Self.empty, count: size)
    for entry in old where entry != Self.empty {
      let (unit, id) = key(entry)
      slots[freeSlot(for: Self.hash(unit, id))] = entry
    }
  }

  /// The entry with `unit` and `id`: `matches` says whether an entry has them.
  func find(unit: Int, id: String, matches: (Int32) -> Bool) -> Int32? {
    guard !slots.isEmpty else { return nil }
    let mask = slots.count - 1
    var slot = Self.hash(unit, id) & mask
    while slots[slot] != Self.empty {
      if matches(slots[slot]) { return slots[slot] }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// Adds `entry`, whose (unit, id) no entry has yet (``find(unit:id:matches:)`` said so);
  /// `key` gives an entry's (unit, id) when the table grows.
  mutating func insert(_ entry: Int32, unit: Int, id: String, key: (Int32) -> (unit: Int, id: String)) {
    precondition(entry != Self.empty, "Int32.min is the empty slot")
    reserve(1, key: key)
    slots[freeSlot(for: Self.hash(unit, id))] = entry
    count += 1
  }

  private func freeSlot(for hash: Int) -> Int {
    let mask = slots.count - 1
    var slot = hash & mask
    while slots[slot] != Self.empty { slot = (slot + 1) & mask }
    return slot
  }

  private static func hash(_ unit: Int, _ id: String) -> Int {
    var hasher = Hasher()
    hasher.combine(unit)
    hasher.combine(id)
    return hasher.finalize()
  }
}
