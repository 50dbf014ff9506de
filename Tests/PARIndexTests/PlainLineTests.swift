import Testing

@testable import PARIndex

/// The survey's fast path (``PlainLine``) may take a line only when the splitter would give the
/// same fields, and must hand every other line back. Checked against ``CSVSplitter`` on lines
/// made of the bytes that matter (separators, quotes, line ends, spaces, a letter above ASCII),
/// and, through the whole reader, against the general reader on files built from them.
@Suite struct PlainLineTests {
  /// Bytes the scanner must tell apart, weighted towards plain text.
  static let alphabet: [[UInt8]] = [
    Array("U1".utf8), Array("S2".utf8), Array("5".utf8), Array("ND0001".utf8), [0x2C], [0x2C], [0x2C], [0x3B], [0x22],
    [0x20], [0x09], [0x0D], [0x0A], Array("é".utf8), [0xC2, 0xA0], Array("0,5".utf8),
  ]

  /// A deterministic generator (the tests must not depend on the run).
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  @Test func aPlainLineHasTheSplittersFieldsAndEveryOtherLineIsHandedBack() {
    var generator = Generator(state: 2025)
    var plainSeen = 0
    var handedBack = 0
    for _ in 0..<20_000 {
      var bytes: [UInt8] = []
      for _ in 0..<(1 + generator.next(12)) { bytes += Self.alphabet[generator.next(Self.alphabet.count)] }
      if generator.next(2) == 0 { bytes += [0x0A] + Array("U1,R1".utf8) }
      let width = 1 + generator.next(6)
      let wanted = (0..<width).filter { _ in generator.next(3) > 0 }
      let plain = PlainLine(width: width, wanted: wanted)
      defer { plain.release() }
      bytes.withUnsafeBufferPointer { buffer in
        var spans: [CSVSplitter.Span] = []
        var line = 0
        let split = CSVSplitter.split(
          buffer, from: 0, to: buffer.count, separator: 0x2C, mode: .singleLine, into: &spans, line: &line)
        guard let (fields, next) = plain.scan(buffer, from: 0, to: buffer.count, separator: 0x2C) else {
          handedBack += 1
          return
        }
        plainSeen += 1
        let text = String(decoding: bytes, as: UTF8.self).debugDescription
        guard case .record(let splitNext) = split else {
          Issue.record("taken as plain, the splitter stops: \(text)")
          return
        }
        #expect(next == splitNext, "\(text)")
        #expect(line == 1, "a plain line ends with its line break: \(text)")
        #expect(fields == spans.count && fields <= width, "\(text)")
        for (field, span) in spans.enumerated() {
          #expect(!span.escaped, "\(text)")
          if wanted.contains(field) { #expect(!span.high, "a wanted field above ASCII: \(text)") }
          let start = field == 0 ? 0 : plain.ends[field - 1] + 1
          #expect(start == span.start && plain.ends[field] == span.end, "field \(field) of \(text)")
          let expected = Array(buffer[span.start..<span.end])
          let edgesAreSpaces = expected.first.map(ASCII.isSpace) == true || expected.last.map(ASCII.isSpace) == true
          let read = plain.bytes(buffer, lineStart: 0, fields: fields, field: field)
          #expect((read == nil) == edgesAreSpaces, "spaces around field \(field) of \(text)")
          if let read { #expect(Array(read) == expected, "field \(field) of \(text)") }
        }
        #expect(plain.bytes(buffer, lineStart: 0, fields: fields, field: fields)?.isEmpty == true)
      }
    }
    // Both kinds were met, many times.
    #expect(plainSeen > 1000 && handedBack > 1000)
  }

  @Test func aLineFarLongerThanAWordAndALineEndingInCRLF() {
    let line = Array("U00001,ND0000000001,S12,5,1,5,a-very-long-note-column-here\r\nU2".utf8)
    let plain = PlainLine(width: 7, wanted: [0, 1, 2, 3, 4])
    defer { plain.release() }
    line.withUnsafeBufferPointer { buffer in
      let scanned = plain.scan(buffer, from: 0, to: buffer.count, separator: 0x2C)
      #expect(scanned?.fields == 7)
      #expect(scanned?.next == line.count - 2)
      #expect(plain.bytes(buffer, lineStart: 0, fields: 7, field: 1).map { Array($0) } == Array("ND0000000001".utf8))
      // Seven fields do not fit a header of six.
      let narrow = PlainLine(width: 6, wanted: [0])
      defer { narrow.release() }
      #expect(narrow.scan(buffer, from: 0, to: buffer.count, separator: 0x2C) == nil)
      // The last line has no line feed: the splitter takes it.
      #expect(plain.scan(buffer, from: line.count - 2, to: buffer.count, separator: 0x2C) == nil)
    }
  }

  @Test func aVietnameseNoteInAColumnNotReadKeepsTheLinePlain() {
    let line = Array("U1,R1,S1,5,,Ghi chú: đạt\n".utf8)
    line.withUnsafeBufferPointer { buffer in
      let reading = PlainLine(width: 6, wanted: [0, 1, 2, 3, 4])
      defer { reading.release() }
      #expect(reading.scan(buffer, from: 0, to: buffer.count, separator: 0x2C)?.fields == 6)
      let readingTheNote = PlainLine(width: 6, wanted: [0, 5])
      defer { readingTheNote.release() }
      #expect(readingTheNote.scan(buffer, from: 0, to: buffer.count, separator: 0x2C) == nil)
    }
  }

  /// Whole files of such lines: every way of reading agrees with the general reader.
  @Test func filesOfHostileLinesReadAsTheGeneralReaderReadsThem() throws {
    var generator = Generator(state: 14)
    let pieces = [
      "A,R1,S1,5,", "B,R2,S2,4,1,5", "P,R3,S1,3,", " A,R4,S1,5,", "A ,R5,S2,2,", "A,R6 ,S1,1,", "A,R7,S1 ,5,",
      "A,R8,S2, 4,", "A,R9,S1,5, ", "A,R10,S1,5,,", "A,R11,S2,9,", "X,R12,S1,5,", ",R13,S1,5,", "A,,S1,5,",
      "unit_id,respondent_id,question,answer,weight", "A,Ré,S1,5,", "A\u{00A0},R14,S1,5,", "A,R15,S1,5,\"1,5\"",
      "A,R16,S1,5,0", "A,R17,S1,5,abc", "", "  ", "A;R18;S1;5;", "A,R1,S1,4,",
    ]
    for _ in 0..<40 {
      var lines = ["unit_id,respondent_id,question,answer,weight"]
      for _ in 0..<(1 + generator.next(30)) { lines.append(pieces[generator.next(pieces.count)]) }
      let end = generator.next(2) == 0 ? "\n" : "\r\n"
      try SurveyStreamingTests.expectSameEverywhere(Array((lines.joined(separator: end) + end).utf8))
    }
  }
}
