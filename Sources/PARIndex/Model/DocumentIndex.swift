#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every unit's evidence documents by (unit position, id) in one open-addressing table of
/// entry numbers with their hashes, 8 bytes a slot at most three quarters full (11 to 21 bytes
/// a document), where a dictionary per unit (grown from empty, or reserved for a few dozen) took
/// about 80.
///
/// Ids are found as a dictionary keyed by `String` finds them (canonical equivalence). An id
/// surely in NFC (``UTF8Text/isSurelyNFC(_:)``: ASCII, Vietnamese, the Latin letters below
/// U+0300) is keyed by its bytes, where equal strings are equal bytes; a cited id read from a
/// file is then looked up with no `String` made for it. Any other id (a combining mark, another
/// script, a mark newer than Foundation's normalisation knows) is kept in a dictionary by
/// `String`, per unit: there `==` decides, whatever the bytes. The table keeps only entry
/// numbers; their owner (``DocumentEntries``) says which unit and id an entry has.
struct DocumentIndex: Sendable {
  /// 0 for an empty slot, else the key's hash (high half, never 0) and the entry's bits.
  private var slots: [UInt64] = []
  /// The ids not surely in NFC, by unit, then id.
  private var others: [Int: [String: Int32]] = [:]
  /// The number of entries.
  private(set) var count = 0

  /// Makes room for `more` entries beyond those held, growing now rather than as they come.
  mutating func reserve(_ more: Int) {
    let needed = count + more
    guard needed > slots.count / 4 * 3 else { return }
    var size = 16
    while needed > size / 4 * 3 { size *= 2 }
    let old = slots
    slots = [UInt64](repeating: 0, count: size)
    for slot in old where slot != 0 { slots[freeSlot(for: UInt32(truncatingIfNeeded: slot >> 32))] = slot }
  }

  /// The entry of the unit's document `id` among `entries`.
  func find(unit: Int, id: String, in entries: some DocumentEntries) -> Int32? {
    var id = id
    if id.withUTF8(UTF8Text.isSurelyNFC) { return id.withUTF8 { find(unit: unit, surelyNFC: $0, in: entries) } }
    if let entry = others[unit]?[id] { return entry }
    // An id built in code in another form of a table key (`Te` + U+0301 for `Té`).
    var composed = id.nfc
    return composed.withUTF8 { UTF8Text.isSurelyNFC($0) ? findInTable(unit: unit, $0, entries) : nil }
  }

  /// The entry of the unit's document whose id has these bytes, surely in NFC, among `entries`.
  func find(unit: Int, surelyNFC id: UnsafeBufferPointer<UInt8>, in entries: some DocumentEntries) -> Int32? {
    if let entry = findInTable(unit: unit, id, entries) { return entry }
    guard !others.isEmpty, let unitOthers = others[unit] else { return nil }
    return unitOthers[String(decoding: id, as: UTF8.self)]
  }

  /// Adds `entry` for the unit's document `id`, which no entry has yet (``find(unit:id:in:)``
  /// said so).
  mutating func insert(_ entry: Int32, unit: Int, id: String) {
    var id = id
    guard id.withUTF8(UTF8Text.isSurelyNFC) else {
      others[unit, default: [:]][id] = entry
      count += 1
      return
    }
    reserve(1)
    let hash = id.withUTF8 { Self.hash(unit, $0) }
    slots[freeSlot(for: hash)] = UInt64(hash) << 32 | UInt64(UInt32(bitPattern: entry))
    count += 1
  }

  // The owner of the entries is passed as a generic argument, borrowed: a closure reading it
  // copied the whole owner into its context on every call.
  private func findInTable(unit: Int, _ id: UnsafeBufferPointer<UInt8>, _ entries: some DocumentEntries) -> Int32? {
    guard !slots.isEmpty else { return nil }
    let hash = Self.hash(unit, id)
    let mask = slots.count - 1
    var slot = Int(hash) & mask
    while slots[slot] != 0 {
      let entry = slots[slot]
      if UInt32(truncatingIfNeeded: entry >> 32) == hash, entries.has(Self.entry(entry), unit: unit, id: id) {
        return Self.entry(entry)
      }
      slot = (slot + 1) & mask
    }
    return nil
  }

  private static func entry(_ slot: UInt64) -> Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: slot)) }

  private func freeSlot(for hash: UInt32) -> Int {
    let mask = slots.count - 1
    var slot = Int(hash) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    return slot
  }

  /// The key's bytes hashed with its unit; never 0 (an empty slot).
  private static func hash(_ unit: Int, _ id: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var bytes = ByteInterner.hash(id)
    bytes ^= UInt32(truncatingIfNeeded: unit) &* 0x9E37_79B9
    bytes ^= bytes >> 15
    bytes &*= 0x2C1B_3C6D
    bytes ^= bytes >> 12
    return bytes | 0x8000_0000
  }
}

/// What numbers the documents a ``DocumentIndex`` keys: says which unit and id an entry has.
protocol DocumentEntries {
  /// The position of the unit whose document `entry` is.
  func unit(_ entry: Int32) -> Int
  /// The id of document `entry`, as held (in NFC when it is surely so).
  func id(_ entry: Int32) -> String
}

extension DocumentEntries {
  /// Whether `entry` is the document of `unit` whose id has exactly the bytes `id`.
  func has(_ entry: Int32, unit: Int, id bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard self.unit(entry) == unit else { return false }
    var id = id(entry)
    return id.withUTF8 { held in
      held.count == bytes.count && (held.isEmpty || memcmp(held.baseAddress!, bytes.baseAddress!, held.count) == 0)
    }
  }
}
