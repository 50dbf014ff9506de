/// CRC-32 as used by ZIP, gzip and PNG (IEEE 802.3, reflected polynomial 0xEDB88320).
///
/// Table-driven with slicing-by-16: sixteen bytes are folded per step through sixteen 256-entry
/// tables (16 KiB), which runs at several GB/s. The value is a plain struct, so a checksum can be built
/// incrementally with `update` over successive buffers and read at any point with `value`.
struct CRC32: Sendable, Equatable {
  /// The checksum of all bytes passed to `update` so far (0 for no bytes).
  private(set) var value: UInt32 = 0

  /// Starts an empty checksum.
  init() {}

  /// The sixteen slicing tables, stored one after another: `tables[k * 256 + b]`.
  /// Table 0 is the classic byte table; table k is the CRC of a byte followed by k zero bytes.
  static let tables: [UInt32] = {
    var t = [UInt32](repeating: 0, count: 16 * 256)
    for n in 0..<256 {
      var c = UInt32(n)
      for _ in 0..<8 {
        c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1)
      }
      t[n] = c
    }
    for n in 0..<256 {
      var c = t[n]
      for k in 1..<16 {
        c = t[Int(c & 0xFF)] ^ (c >> 8)
        t[k * 256 + n] = c
      }
    }
    return t
  }()

  /// Folds `buffer` into the checksum.
  mutating func update(_ buffer: UnsafeRawBufferPointer) {
    guard var p = buffer.baseAddress, buffer.count > 0 else { return }
    var n = buffer.count
    var c = ~value
    CRC32.tables.withUnsafeBufferPointer { tb in
      let t0 = tb.baseAddress!
      /// Table `k` applied to byte `i` of `word` (bytes numbered from the low end).
      @inline(__always) func f(_ k: Int, _ word: UInt64, _ i: UInt64) -> UInt32 {
        t0[k &* 256 &+ Int(truncatingIfNeeded: (word &>> (i &* 8)) & 0xFF)]
      }
      while n >= 16 {
        let a = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)) ^ UInt64(c)
        let b = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        // Bytes 4...15 do not depend on `c`: fold them first so only four lookups are on the critical path.
        let x = (f(7, b, 0) ^ f(6, b, 1)) ^ (f(5, b, 2) ^ f(4, b, 3))
        let y = (f(3, b, 4) ^ f(2, b, 5)) ^ (f(1, b, 6) ^ f(0, b, 7))
        let z = (f(11, a, 4) ^ f(10, a, 5)) ^ (f(9, a, 6) ^ f(8, a, 7))
        c = (x ^ y) ^ z ^ ((f(15, a, 0) ^ f(14, a, 1)) ^ (f(13, a, 2) ^ f(12, a, 3)))
        p += 16
        n &-= 16
      }
      while n > 0 {
        c = t0[Int((c ^ UInt32(p.load(as: UInt8.self))) & 0xFF)] ^ (c &>> 8)
        p += 1
        n &-= 1
      }
    }
    value = ~c
  }

  /// Folds the bytes of `bytes` into the checksum.
  mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// One-shot checksum of a buffer.
  static func checksum(_ buffer: UnsafeRawBufferPointer) -> UInt32 {
    var crc = CRC32()
    crc.update(buffer)
    return crc.value
  }

  /// One-shot checksum of a byte array.
  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }
}
