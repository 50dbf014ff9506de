import Testing

@testable import PARIndex

/// SHA-256 against FIPS 180-4 / NIST CAVP examples, streaming against one-shot, and hashlib-generated digests.
@Suite struct SHA256Tests {
  /// The 448-bit two-block example of FIPS 180-4.
  static let message448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"

  /// The 896-bit example of FIPS 180-4 (from the SHA-512 examples, used for SHA-256 in NIST's test vectors).
  static let message896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

  /// The hex digest of `text`'s UTF-8 bytes in one call.
  func hexDigest(_ text: String) -> String { SHA256.hex(SHA256.hash(Array(text.utf8))) }

  /// The FIPS 180-4 / NIST examples: "abc", the empty message, the 448-bit and the 896-bit messages.
  @Test func nistExamples() {
    #expect(hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(hexDigest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(hexDigest(Self.message448) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(hexDigest(Self.message896) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
  }

  /// The NIST example of one million "a", in one call and streamed in pieces of awkward sizes.
  @Test func oneMillionA() {
    let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(SHA256.hex(SHA256.hash(message)) == expected)
    // Also streamed in awkward piece sizes, so partial blocks are carried across many calls.
    for pieceSize in [1, 7, 63, 64, 65, 1000, 4096 + 3] {
      var hasher = SHA256()
      var start = 0
      while start < message.count {
        let end = min(start + pieceSize, message.count)
        message[start..<end].withUnsafeBytes { hasher.update($0) }
        start = end
      }
      #expect(SHA256.hex(hasher.finalize()) == expected, "piece size \(pieceSize)")
    }
  }

  /// A digest is 32 bytes, and a fresh hasher finalises to the digest of the empty message.
  @Test func digestIs32Bytes() {
    #expect(SHA256.hash([]).count == 32)
    #expect(SHA256().finalize() == SHA256.hash([]))
  }

  /// Two updates split at every possible point give the one-shot digest.
  @Test func everySplitPointEqualsOneShot() {
    var random = CodecRandom(seed: 256)
    let messages: [[UInt8]] = [
      Array("abc".utf8), Array(Self.message448.utf8), Array(Self.message896.utf8), random.bytes(200), [],
    ]
    for message in messages {
      let expected = SHA256.hash(message)
      for split in 0...message.count {
        var hasher = SHA256()
        hasher.update(Array(message[..<split]))
        hasher.update(Array(message[split...]))
        #expect(hasher.finalize() == expected, "length \(message.count), split at \(split)")
      }
    }
  }

  /// Three updates split at every pair of points give the one-shot digest.
  @Test func everyPairOfSplitPointsEqualsOneShot() {
    var random = CodecRandom(seed: 3)
    let message = random.bytes(130)
    let expected = SHA256.hash(message)
    for first in 0...message.count {
      for second in first...message.count {
        var hasher = SHA256()
        hasher.update(Array(message[..<first]))
        hasher.update(Array(message[first..<second]))
        hasher.update(Array(message[second...]))
        #expect(hasher.finalize() == expected, "splits at \(first) and \(second)")
      }
    }
  }

  /// Splits around the 4 KiB pieces in which `update` feeds the compression function give the one-shot digest.
  @Test func splitsAroundInternalChunksEqualOneShot() {
    var random = CodecRandom(seed: 4096)
    let message = random.bytes(3 * 4096 + 100)
    let expected = SHA256.hash(message)
    for split in [1, 63, 64, 65, 4031, 4095, 4096, 4097, 4160, 8191, 8192, 8193, 12288, 12289, message.count - 1] {
      var hasher = SHA256()
      hasher.update(Array(message[..<split]))
      hasher.update(Array(message[split...]))
      #expect(hasher.finalize() == expected, "split at \(split)")
    }
  }

  /// One byte per update gives the one-shot digest.
  @Test func byteAtATime() {
    var random = CodecRandom(seed: 7)
    let message = random.bytes(1000)
    var hasher = SHA256()
    for byte in message { hasher.update([byte]) }
    #expect(hasher.finalize() == SHA256.hash(message))
  }

  /// `finalize()` can be called on a prefix and hashing continued.
  @Test func finalizeLeavesTheHasherUsable() {
    var hasher = SHA256()
    hasher.update(Array("ab".utf8))
    #expect(SHA256.hex(hasher.finalize()) == hexDigest("ab"))
    hasher.update(Array("c".utf8))
    #expect(SHA256.hex(hasher.finalize()) == hexDigest("abc"))
    #expect(hasher.finalize() == hasher.finalize())
  }

  /// Input at any alignment hashes the same (the block loads are unaligned).
  @Test func unalignedInput() {
    var random = CodecRandom(seed: 11)
    let message = random.bytes(1024 + 8)
    for shift in 0..<8 {
      let slice = Array(message[shift..<(shift + 1024)])
      let direct = message.withUnsafeBytes { SHA256.hash(UnsafeRawBufferPointer(rebasing: $0[shift..<(shift + 1024)])) }
      #expect(direct == SHA256.hash(slice), "shift \(shift)")
    }
  }

  /// Digests of pseudo-random messages of 0…300 bytes agree with Python's hashlib (fixture).
  @Test func hashlibDigestsOfRandomMessages() throws {
    let lines = try CodecFixture.lines("sha256-random.txt")
    #expect(lines.count >= 400)
    for line in lines {
      let fields = line.split(separator: " ", omittingEmptySubsequences: false)
      try #require(fields.count == 3, "malformed line \(line)")
      let message = try #require(bytes(fromHex: fields[1]))
      #expect(message.count == Int(fields[0]))
      #expect(SHA256.hex(SHA256.hash(message)) == String(fields[2]), "length \(message.count)")
    }
  }

  /// The hex helper writes two lowercase digits per byte.
  @Test func hexIsLowercaseTwoDigitsPerByte() {
    #expect(SHA256.hex([]) == "")
    #expect(SHA256.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
  }
}
