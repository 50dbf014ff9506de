import Foundation
import Testing

@testable import PARIndex

/// Windows-1258 decoding: every byte against Python's codec, the undefined bytes, and real Vietnamese text.
@Suite struct Windows1258Tests {
  /// The bytes Python's `cp1258` codec refuses to decode.
  static let undefinedBytes: Set<UInt8> = [0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D, 0x9E]

  /// Foundation's NFC, as the library will pass it.
  static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }

  /// The expectation of every byte from `cp1258-bytes.txt`: its UTF-8, or nil where Python raises.
  static func expectations() throws -> [UInt8: [UInt8]?] {
    var table = [UInt8: [UInt8]?]()
    for line in try CodecFixture.lines("cp1258-bytes.txt") {
      let fields = line.split(separator: " ")
      try #require(fields.count == 2, "malformed line \(line)")
      let byte = try #require(UInt8(fields[0], radix: 16))
      if fields[1] == "undefined" {
        table[byte] = .some(nil)
      } else {
        let utf8: [UInt8] = try #require(bytes(fromHex: fields[1]))
        table[byte] = utf8
      }
    }
    return table
  }

  /// Each of the 256 bytes decodes as Python's `cp1258` codec does (fixture), or fails where it raises.
  @Test func everyByteMatchesPython() throws {
    let table = try Self.expectations()
    #expect(table.count == 256)
    for byte in 0...255 {
      let byte = UInt8(byte)
      let expected = try #require(table[byte])
      if let expected {
        let decoded = try Windows1258.decode([byte])
        #expect(decoded.utf8 == expected, "byte \(byte)")
        #expect(Windows1258.scalar(for: byte).map { Array(String($0).utf8) } == expected)
      } else {
        #expect(throws: Windows1258Error.undefinedByte(byte, offset: 0), "byte \(byte)") {
          try Windows1258.decode([byte])
        }
        #expect(Windows1258.scalar(for: byte) == nil)
      }
    }
  }

  /// The undefined bytes are exactly 0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D, 0x9E.
  @Test func undefinedBytesAreExactlyTheNineThatPythonRejects() throws {
    let table = try Self.expectations()
    let undefined = Set(table.compactMap { byte, expected in expected == nil ? byte : nil })
    #expect(undefined == Self.undefinedBytes)
  }

  /// The error names the first undefined byte and its offset, wherever it is.
  @Test func undefinedByteErrorNamesTheFirstOffset() {
    // Offsets inside and after an eight-byte ASCII run exercise both paths of the loop.
    for prefixLength in [0, 1, 7, 8, 9, 16, 23] {
      for byte in Self.undefinedBytes {
        let input = Array(repeating: UInt8(ascii: "x"), count: prefixLength) + [0xE2, byte, 0x41, 0x81]
        #expect(throws: Windows1258Error.undefinedByte(byte, offset: prefixLength + 1)) {
          try Windows1258.decode(input)
        }
        #expect(throws: Windows1258Error.undefinedByte(byte, offset: prefixLength + 1)) {
          try Windows1258.decode(input, normalizingWith: Self.nfc)
        }
      }
    }
    #expect(Windows1258Error.undefinedByte(0x8A, offset: 12).description.contains("0x8A"))
    #expect(Windows1258Error.undefinedByte(0x8A, offset: 12).description.contains("12"))
  }

  /// Vietnamese text encoded by Python the way Windows does decodes, after NFC, to the original.
  @Test func vietnameseTextDecodesToTheOriginalNFC() throws {
    let encoded = try CodecFixture.bytes("vietnamese.cp1258")
    let expected = try CodecFixture.bytes("vietnamese-nfc.txt")
    let raw = try Windows1258.decode(encoded)
    #expect(raw.containsCombiningMarks)
    #expect(raw.utf8 != expected, "the raw decoding still has combining marks")
    #expect(String(decoding: raw.utf8, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    #expect(try Windows1258.decode(encoded, normalizingWith: Self.nfc) == expected)
    let text = String(decoding: expected, as: UTF8.self)
    #expect(text.hasPrefix("Ủy ban nhân dân xã Tân Phú; Tỷ lệ hồ sơ giải quyết đúng hạn; Kế hoạch cải cách"))
  }

  /// Each of the five combining tone marks sets the flag and composes under NFC.
  @Test func eachToneMarkFlagsNormalisation() throws {
    for mark: UInt8 in [0xCC, 0xEC, 0xDE, 0xD2, 0xF2] {
      let decoded = try Windows1258.decode([0x61, mark])
      #expect(decoded.containsCombiningMarks, "mark \(mark)")
      let normalised = String(decoding: try Windows1258.decode([0x61, mark], normalizingWith: Self.nfc), as: UTF8.self)
      #expect(normalised.unicodeScalars.count == 1, "a + mark \(mark) composes to one precomposed letter")
    }
    // ơ + dot below + … : composition onto a letter that is itself precomposed in the code page.
    #expect(try Windows1258.decode([0x4C, 0xF5, 0xF2, 0x69], normalizingWith: Self.nfc) == Array("Lợi".utf8))
  }

  /// Text without combining marks is already NFC, so the normaliser is not called.
  @Test func textWithoutMarksSkipsTheNormaliser() throws {
    var calls = 0
    let counting: (String) -> String = { text in
      calls += 1
      return text.precomposedStringWithCanonicalMapping
    }
    // "Phú Đông ₫" with precomposed ú, Đ, ô: already NFC.
    let input: [UInt8] = [0x50, 0x68, 0xFA, 0x20, 0xD0, 0xF4, 0x6E, 0x67, 0x20, 0xFE]
    #expect(try Windows1258.decode(input, normalizingWith: counting) == Array("Phú Đông ₫".utf8))
    #expect(calls == 0)
    let ascii = Array("plain ASCII, 2025".utf8)
    #expect(try Windows1258.decode(ascii, normalizingWith: counting) == ascii)
    #expect(calls == 0)
    _ = try Windows1258.decode([0x61, 0xEC], normalizingWith: counting)
    #expect(calls == 1)
  }

  /// Empty input decodes to empty output.
  @Test func emptyInput() throws {
    #expect(try Windows1258.decode([]) == Windows1258.Decoded(utf8: [], containsCombiningMarks: false))
    #expect(try Windows1258.decode([], normalizingWith: Self.nfc) == [])
  }

  /// A long mix of ASCII runs and high bytes decodes as byte-by-byte table look-ups do.
  @Test func longMixedInputEqualsByteByByteDecoding() throws {
    var random = CodecRandom(seed: 1258)
    var input = [UInt8]()
    // Runs of ASCII of every length up to 20 between defined high bytes, so both loop paths alternate a lot.
    while input.count < 20_000 {
      input += (0..<Int.random(in: 0...20, using: &random)).map { _ in UInt8.random(in: 0...0x7F, using: &random) }
      var byte: UInt8
      repeat { byte = UInt8.random(in: 0x80...0xFF, using: &random) } while Self.undefinedBytes.contains(byte)
      input.append(byte)
    }
    var expected = [UInt8]()
    for byte in input { expected += Array(String(try #require(Windows1258.scalar(for: byte))).utf8) }
    #expect(try Windows1258.decode(input).utf8 == expected)
  }
}
