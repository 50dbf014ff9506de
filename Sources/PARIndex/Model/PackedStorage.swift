/// What the packed rows share (``LeafRowColumns``, ``EvidenceColumns``) besides their texts
/// (``TextArena``): tables by index, storage sized from an estimate.
enum PackedStorage {
  /// Makes room in `array` for `count` more elements: exactly when it is empty (a first
  /// file), else at least doubling it (per-unit files, each a few rows, must not each copy it).
  static func reserve<Element>(_ count: Int, in array: inout [Element]) {
    let needed = array.count + count
    guard needed > array.capacity else { return }
    array.reserveCapacity(array.isEmpty ? needed : max(needed, 2 * array.capacity))
  }

  /// `array`, copied to its size when it has much room to spare (arrays double as they grow,
  /// and room is reserved from an estimate). Copied into room reserved for it: `Array(array[...])`
  /// would give back the same storage, as a slice of the whole array shares it.
  static func fitted<Element>(_ array: [Element]) -> [Element] {
    guard array.capacity > array.count + array.count / 8 + 16 else { return array }
    var copy: [Element] = []
    copy.reserveCapacity(array.count)
    copy.append(contentsOf: array)
    return copy
  }

  /// Entries `0..<count` grouped by unit, stably (a counting sort): `order[starts[u]..<starts[u + 1]]`
  /// are unit `u`'s, in their order. `unit` gives an entry's unit, below `units`.
  static func groupedByUnit(count: Int, units: Int, unit: (Int) -> Int) -> (starts: [Int32], order: [Int32]) {
    var starts = [Int32](repeating: 0, count: units + 1)
    for entry in 0..<count { starts[unit(entry) + 1] += 1 }
    for position in starts.indices.dropFirst() { starts[position] += starts[position - 1] }
    var next = starts
    var order = [Int32](repeating: 0, count: count)
    for entry in 0..<count {
      let position = unit(entry)
      order[Int(next[position])] = Int32(entry)
      next[position] += 1
    }
    return (starts, order)
  }

  /// Each unit's position by id: the first, for an id listed twice (possible through the
  /// per-file API).
  static func firstPositions(of unitIDs: [String]) -> [String: Int] {
    var positions: [String: Int] = [:]
    positions.reserveCapacity(unitIDs.count)
    for (position, id) in unitIDs.enumerated() where positions[id] == nil { positions[id] = position }
    return positions
  }

  /// Where a packed row is: its table by index, its line.
  static func origin(_ tables: [TableOrigin], _ table: some BinaryInteger, _ line: Int32) -> RowOrigin {
    RowOrigin(table: tables[Int(table)], line: Int(line))
  }

  /// The index of `table` in `tables`, added when new; rows of one file come together, so the
  /// last is almost always it. `nil` past 2³¹ tables.
  static func tableIndex(of table: TableOrigin, in tables: inout [TableOrigin]) -> Int32? {
    if let last = tables.last, last === table { return Int32(exactly: tables.count - 1) }
    if let index = tables.lastIndex(where: { $0 === table }) { return Int32(exactly: index) }
    guard let next = Int32(exactly: tables.count) else { return nil }
    tables.append(table)
    return next
  }
}

extension CalendarDate {
  /// A date packed as year × 512 + month × 32 + day (0: none), as the packed rows keep it.
  init?(packed: Int32) {
    guard packed != 0 else { return nil }
    self.init(year: Int(packed / 512), month: Int(packed / 32 % 16), day: Int(packed % 32))
  }

  /// The date packed as year × 512 + month × 32 + day.
  var packed: Int32 { Int32(year * 512 + month * 32 + day) }
}
