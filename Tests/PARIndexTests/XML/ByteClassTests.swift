import Testing

@testable import PARIndex

/// The byte tables, the UTF-8 decoder and the line counter against straightforward definitions.
@Suite struct ByteClassTests {
  /// Tables match their definitions.
  @Test func tablesMatchTheirDefinitions() {
    let t = ByteClass.makeTable()
    defer { t.deallocate() }
    for i in 0..<256 {
      let c = UInt8(i)
      let ch = Character(Unicode.Scalar(c))
      let letter = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
      let nameStart = letter || ch == "_" || ch == ":"
      let name = nameStart || ch == "-" || ch == "." || (c >= 0x30 && c <= 0x39)
      let printable = c >= 0x20 && c < 0x80
      #expect((t[i] & ByteClass.nameBit != 0) == name, "\(i)")
      #expect((t[i] & ByteClass.nameStartBit != 0) == nameStart, "\(i)")
      #expect((t[i] & ByteClass.spaceBit != 0) == (c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D), "\(i)")
      #expect((t[i] & ByteClass.textBit != 0) == ((printable && !"<&]".contains(ch)) || c == 0x09 || c == 0x0A))
      #expect((t[i] & ByteClass.valueBit != 0) == (printable && !"<&\"'".contains(ch)), "\(i)")
      #expect((t[i] & ByteClass.commentBit != 0) == ((printable && ch != "-") || c == 9 || c == 10 || c == 13))
      #expect((t[i] & ByteClass.piBit != 0) == ((printable && ch != "?") || c == 9 || c == 10 || c == 13))
      #expect((t[i] & ByteClass.cdataBit != 0) == ((printable && ch != "]") || c == 9 || c == 10))
    }
  }

  /// Decoder agrees with the standard library.
  @Test func decoderAgreesWithTheStandardLibrary() {
    var rng = XMLTestRandom(seed: 42)
    var samples: [[UInt8]] = []
    for a in 0x80...0xFF { for b in 0...0xFF { samples.append([UInt8(a), UInt8(b)]) } }
    for _ in 0..<200_000 {
      let lead = UInt8(0xE0 + rng.next() % 0x20)
      samples.append([
        lead, UInt8(truncatingIfNeeded: rng.next()), UInt8(truncatingIfNeeded: rng.next()),
        UInt8(truncatingIfNeeded: rng.next()),
      ])
      samples.append([
        lead, UInt8(0x80 + rng.next() % 0x40), UInt8(0x80 + rng.next() % 0x40),
        UInt8(0x80 + rng.next() % 0x40),
      ])
    }
    for bytes in samples {
      bytes.withUnsafeBufferPointer { p in
        let step = decodeUTF8(p.baseAddress!, 0, p.count)
        var iterator = p.makeIterator()
        var decoder = UTF8()
        switch decoder.decode(&iterator) {
        case .scalarValue(let s):
          let length = String(s).utf8.count
          #expect(step.length == length && step.scalar == s.value, "\(bytes)")
        default:
          #expect(step.length == -1 || (step.length == 0 && p.count < 4), "\(bytes)")
        }
      }
    }
  }

  /// Incomplete sequences need more unless already invalid.
  @Test func incompleteSequencesNeedMoreUnlessAlreadyInvalid() {
    for (bytes, expected) in [
      ([0xE2, 0x82], 0), ([0xE2], 0), ([0xF0, 0x9F, 0x98], 0), ([0xE0, 0x80], -1),
      ([0xED, 0xA0], -1), ([0xF4, 0x90], -1), ([0xC2], 0),
    ] as [([UInt8], Int)] {
      bytes.withUnsafeBufferPointer { p in
        #expect(decodeUTF8(p.baseAddress!, 0, p.count).length == expected, "\(bytes)")
      }
    }
  }

  /// Line feed counting.
  @Test func lineFeedCounting() {
    var rng = XMLTestRandom(seed: 7)
    for length in [0, 1, 15, 16, 17, 100, 4_095, 4_096, 5_000, 70_000] {
      let bytes = (0..<length).map { _ in rng.next() % 3 == 0 ? UInt8(0x0A) : UInt8(truncatingIfNeeded: rng.next()) }
      let expected = bytes.filter { $0 == 0x0A }.count
      bytes.withUnsafeBufferPointer { p in
        #expect(countLineFeeds(p.baseAddress ?? UnsafePointer(bitPattern: 1)!, p.count) == expected)
      }
    }
    let allLF = [UInt8](repeating: 0x0A, count: 16 * 300 + 5)
    allLF.withUnsafeBufferPointer { #expect(countLineFeeds($0.baseAddress!, $0.count) == allLF.count) }
  }

  /// Name table grows and finds everything.
  @Test func nameTableGrowsAndFindsEverything() throws {
    var doc = "<r>"
    for i in 0..<3_000 { doc += "<n\(i) a\(i)='1' p:q\(i)='2' xmlns:p='urn:\(i % 7)' attr-medium\(i)='3'/>" }
    doc += "<a-very-long-element-name/></r>"
    let t = tokenize(doc)
    #expect(t.error == nil)
    #expect(t.events[1] == "<n0 a0=\"1\" {urn:0}q0=\"2\" attr-medium0=\"3\"/>")
    #expect(t.events[t.events.count - 5] == "<n2999 a2999=\"1\" {urn:3}q2999=\"2\" attr-medium2999=\"3\"/>")
    #expect(t.events[t.events.count - 3] == "<a-very-long-element-name/>")
    // Each name now hits the cache.
    #expect(tokenize(doc + doc).error == .multipleRootElements(at: at(doc.utf8.count)))
  }
}
