import Testing

@testable import PARIndex

/// CRC-32 against known vectors, and incremental against one-shot.
@Suite struct CRC32Tests {
  /// Standard check values: "123456789", empty input, and a few classic strings.
  @Test func knownVectors() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum([UInt8]()) == 0)
    #expect(CRC32().value == 0)
    #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    #expect(CRC32.checksum([0]) == 0xD202_EF8D)
    #expect(CRC32.checksum([UInt8](repeating: 0xFF, count: 32)) == 0xFF6C_AB0B)
  }

  /// Feeding a buffer in pieces of any size gives the one-shot checksum.
  @Test func incrementalEqualsOneShot() {
    var rng = TestRandom(state: 42)
    let data = rng.bytes(10_007)
    let whole = CRC32.checksum(data)
    for step in [1, 3, 7, 8, 9, 64, 1000, 4096] {
      var crc = CRC32()
      var i = 0
      while i < data.count {
        let end = min(data.count, i + step)
        crc.update(Array(data[i..<end]))
        i = end
      }
      #expect(crc.value == whole, "step \(step)")
    }
  }

  /// Every length and start alignment matches a bit-by-bit reference (tail loop, unaligned loads).
  @Test func everyLengthAndAlignment() {
    // Slicing-by-8 has a tail loop and unaligned loads: compare with a bitwise reference.
    var rng = TestRandom(state: 7)
    let data = rng.bytes(80)
    for start in 0..<9 {
      for end in start...data.count {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data[start..<end] {
          c ^= UInt32(b)
          for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        #expect(CRC32.checksum(Array(data[start..<end])) == ~c)
      }
    }
  }
}
