#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every unit's evidence documents by (unit position, id) in one open-addressing table of
/// entry numbers with their hashes, 8 bytes a slot at most three quarters full: about 11 bytes
/// a document, where a dictionary per unit (grown from empty, or reserved for a few dozen) took
/// about 80.
///
/// Keys are the ids' UTF-8 in NFC, so that two ids are the same key exactly when they are
/// equal as `String`s (canonical equivalence), as in a dictionary; and a cited id read from a
/// file (NFC already) is looked up from its bytes, with no `String` made for it. The table
/// keeps only entry numbers; the caller says whether an entry has a key.
struct DocumentIndex: Sendable {
  /// 0 for an empty slot, else the key's hash (high half, never 0) and the entry's bits.
  private var slots: [UInt64] = []
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

  /// The entry with `unit` and `id` (UTF-8 in NFC): `matches` says whether an entry has them.
  func find(unit: Int, id: UnsafeBufferPointer<UInt8>, matches: (Int32) -> Bool) -> Int32? {
    guard !slots.isEmpty else { return nil }
    let hash = Self.hash(unit, id)
    let mask = slots.count - 1
    var slot = Int(hash) & mask
    while slots[slot] != 0 {
      let entry = slots[slot]
      if UInt32(truncatingIfNeeded: entry >> 32) == hash, matches(Self.entry(entry)) { return Self.entry(entry) }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// Adds `entry`, whose key no entry has yet (``find(unit:id:matches:)`` said so).
  mutating func insert(_ entry: Int32, unit: Int, id: UnsafeBufferPointer<UInt8>) {
    reserve(1)
    let hash = Self.hash(unit, id)
    slots[freeSlot(for: hash)] = UInt64(hash) << 32 | UInt64(UInt32(bitPattern: entry))
    count += 1
  }

  /// Calls `body` with the UTF-8 of `id` in NFC, the key the table hashes.
  static func withKey<Result>(_ id: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    var key = id.nfc
    return key.withUTF8(body)
  }

  /// Whether `id`, held in NFC (as the table's owners keep their ids), is the key `bytes`.
  static func isKey(_ id: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var id = id
    return id.withUTF8 { held in
      held.count == bytes.count && (held.isEmpty || memcmp(held.baseAddress!, bytes.baseAddress!, held.count) == 0)
    }
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
