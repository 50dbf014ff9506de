#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps byte strings to dense ids `0, 1, 2, …`, exactly (keys are compared byte for byte,
/// never only by hash), in one arena: no `String` per key.
///
/// Used to intern unit ids, questions, answers and respondents while streaming a survey of
/// millions of rows. - Complexity: O(key length) expected per lookup or insert.
struct ByteInterner: Sendable {
  private var arena: [UInt8] = []
  private var starts: [Int32] = []
  private var lengths: [Int32] = []
  /// Open addressing: 0 is empty, else the key's 32-bit hash (high half) and its id + 1 (low
  /// half). The hash rejects most other keys and places keys on growth without reading the
  /// arena, which a table of millions of respondents would miss in the cache.
  private var slots: [UInt64]
  private var mask: Int

  init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size *= 2 }
    slots = Array(repeating: 0, count: size)
    mask = size - 1
  }

  /// The number of keys.
  var count: Int { starts.count }

  /// The id of `key`, inserting it when new.
  mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int, inserted: Bool) {
    let hash = Self.hash(key)
    var slot = Int(hash) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      if UInt32(truncatingIfNeeded: entry >> 32) == hash, equals(Int(entry & 0xFFFF_FFFF) - 1, key) {
        return (Int(entry & 0xFFFF_FFFF) - 1, false)
      }
      slot = (slot + 1) & mask
    }
    let id = starts.count
    starts.append(Int32(arena.count))
    lengths.append(Int32(key.count))
    arena.append(contentsOf: key)
    slots[slot] = UInt64(hash) << 32 | UInt64(id + 1)
    if starts.count * 2 > slots.count { grow() }
    return (id, true)
  }

  /// The id of `key`, or `nil`.
  func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
    let hash = Self.hash(key)
    var slot = Int(hash) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { return nil }
      if UInt32(truncatingIfNeeded: entry >> 32) == hash, equals(Int(entry & 0xFFFF_FFFF) - 1, key) {
        return Int(entry & 0xFFFF_FFFF) - 1
      }
      slot = (slot + 1) & mask
    }
  }

  /// Interns the UTF-8 of `text`.
  @discardableResult
  mutating func intern(_ text: String) -> Int {
    var text = text
    return text.withUTF8 { intern($0).id }
  }

  /// The id of the UTF-8 of `text`, or `nil`.
  func find(_ text: String) -> Int? {
    var text = text
    return text.withUTF8 { find($0) }
  }

  /// The key of `id`.
  func key(_ id: Int) -> [UInt8] {
    let start = Int(starts[id])
    return Array(arena[start..<start + Int(lengths[id])])
  }

  private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    guard Int(lengths[id]) == key.count else { return false }
    let start = Int(starts[id])
    return arena.withUnsafeBufferPointer { arena in
      key.isEmpty || memcmp(arena.baseAddress! + start, key.baseAddress!, key.count) == 0
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    var larger = [UInt64](repeating: 0, count: size)
    let mask = size - 1
    for entry in slots where entry != 0 {
      var slot = Int(entry >> 32) & mask
      while larger[slot] != 0 { slot = (slot + 1) & mask }
      larger[slot] = entry
    }
    (slots, self.mask) = (larger, mask)
  }

  /// FNV-1a over the bytes, then a final mix so that the low bits spread.
  static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    hash ^= hash >> 29
    hash &*= 0xBF58_476D_1CE4_E5B9
    hash ^= hash >> 32
    return UInt32(truncatingIfNeeded: hash)
  }
}
