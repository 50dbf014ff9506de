import Testing

@testable import PARIndex

/// DEFLATE decoding of zlib-made fixtures and of hand-made malformed streams.
@Suite struct InflateTests {
  // MARK: Fixtures made by Python's zlib

  /// Each zlib-made stream decodes byte for byte, stops where zlib says it ends.
  @Test(arguments: ZIPFixtures.inflateCases)
  func fixtureDecodes(_ c: ZIPFixtures.InflateCase) throws {
    let input = ZIPFixtures.bytes(c.file)
    let expected = ZIPFixtures.expected(c)
    #expect(expected.count == c.size)
    #expect(CRC32.checksum(expected) == c.crc)
    let (output, consumed) = try inflateCollect(input)
    #expect(output == expected)
    #expect(consumed == c.consumed)
    #expect(try Inflate.inflate(input, outputLimit: c.size) == expected)
  }

  /// The output does not depend on how it is chunked for the sink.
  @Test(arguments: ZIPFixtures.inflateCases)
  func everyChunkSizeGivesTheSameBytes(_ c: ZIPFixtures.InflateCase) throws {
    let input = ZIPFixtures.bytes(c.file)
    let expected = ZIPFixtures.expected(c)
    var sizes = [258, 1000, 4096, 32_767, 32_768, 40_000, 65_536, 1 << 20]
    if c.size <= 40_000 { sizes += [1, 2, 7, 100] }
    for size in sizes {
      let (output, consumed) = try inflateCollect(input, chunkSize: size)
      #expect(output == expected, "chunk size \(size)")
      #expect(consumed == c.consumed, "chunk size \(size)")
    }
  }

  /// A limit equal to the output size passes; one byte less is refused.
  @Test(arguments: ZIPFixtures.inflateCases)
  func outputLimitIsExact(_ c: ZIPFixtures.InflateCase) throws {
    let input = ZIPFixtures.bytes(c.file)
    let expected = ZIPFixtures.expected(c)
    // An exact limit also sizes the output buffer to the output: check it with several chunk sizes.
    for size in [1_000, 32_768, 40_000, Inflate.chunkSize] {
      #expect(try inflateCollect(input, limit: c.size, chunkSize: size).output == expected, "chunk \(size)")
    }
    if c.size > 0 {
      #expect(inflateError(input, limit: c.size - 1) == .outputLimitExceeded(limit: c.size - 1))
      #expect(inflateError(input, limit: c.size / 2) == .outputLimitExceeded(limit: c.size / 2))
      #expect(inflateError(input, limit: 0) == .outputLimitExceeded(limit: 0))
    }
  }

  /// A sink returning false ends decoding without an error.
  @Test func stopsEarlyWhenTheSinkSaysSo() throws {
    let input = ZIPFixtures.bytes("text.l6.deflate")
    var pieces = 0
    var total = 0
    let result = try input.withRawBytes { (raw) throws(InflateError) in
      try Inflate.inflate(raw, outputLimit: 1 << 30, chunkSize: 10_000) { piece in
        pieces += 1
        total += piece.count
        return pieces < 3
      }
    }
    #expect(pieces == 3)
    #expect(result.producedOutput == total)
    #expect(total < 210_097)
  }

  /// Zero input bytes is a truncated stream, not an empty one.
  @Test func emptyInputIsTruncated() {
    #expect(inflateError([]) == .truncatedInput(offset: 0))
  }

  // MARK: Truncation

  /// Every strict prefix of a stream is reported as truncated, never a crash.
  @Test(arguments: ["trailing.deflate", "empty.deflate", "far.deflate", "text.fixed.deflate"])
  func truncationAtEveryOffsetIsAnError(_ name: String) {
    var input = ZIPFixtures.bytes(name)
    if name == "trailing.deflate" { input = Array(input.prefix(807)) }
    let stride = input.count > 5000 ? 97 : 1
    for cut in Swift.stride(from: 0, to: input.count, by: stride) {
      let error = inflateError(Array(input.prefix(cut)))
      guard case .truncatedInput = error else {
        Issue.record("cut at \(cut): \(String(describing: error))")
        continue
      }
    }
  }

  /// Stored blocks cut in the header or the data are truncated.
  @Test func truncatedStoredBlocks() {
    let input = ZIPFixtures.bytes("random.l0.deflate")
    for cut in [1, 3, 4, 5, 6, 100, 65_535, 65_540, input.count - 1] {
      #expect(inflateError(Array(input.prefix(cut))) == .truncatedInput(offset: cut), "cut \(cut)")
    }
  }

  // MARK: Malformed streams

  /// Block type 3 is refused.
  @Test func reservedBlockType() {
    var w = BitWriter()
    w.header(final: true, type: 3)
    #expect(inflateError(w.finish()) == .invalidBlockType(offset: 0))
  }

  /// A stored block whose NLEN is not ~LEN is refused.
  @Test func storedLengthMismatch() {
    var w = BitWriter()
    w.header(final: true, type: 0)
    w.alignedBytes([5, 0, 5, 0, 1, 2, 3, 4, 5])
    #expect(inflateError(w.finish()) == .storedLengthMismatch(offset: 1))
  }

  /// A stored block after a Huffman block realigns to the byte boundary correctly.
  @Test func storedBlockAfterFixedBlock() throws {
    // A stored block that starts mid-byte, after bits left in the bit buffer by a Huffman block.
    var w = BitWriter()
    w.header(final: false, type: 1)
    for b in Array("abc".utf8) { w.fixedSymbol(Int(b)) }
    w.fixedSymbol(256)
    w.header(final: true, type: 0)
    w.alignedBytes([3, 0, 0xFC, 0xFF, 0x78, 0x79, 0x7A])
    #expect(try inflateCollect(w.finish()).output == Array("abcxyz".utf8))
  }

  /// Fixed-code symbols 286 and 287 are invalid.
  @Test func invalidLiteralLengthSymbol() {
    for symbol in [286, 287] {
      var w = BitWriter()
      w.header(final: true, type: 1)
      w.fixedSymbol(65)
      w.fixedSymbol(symbol)
      w.fixedSymbol(256)
      guard case .invalidCode(.literalLength, _) = inflateError(w.finish()) else {
        Issue.record("symbol \(symbol) accepted")
        continue
      }
    }
  }

  /// Fixed-code distance symbols 30 and 31 are invalid.
  @Test func invalidDistanceSymbol() {
    for symbol in [30, 31] {
      var w = BitWriter()
      w.header(final: true, type: 1)
      w.fixedSymbol(65)
      w.fixedSymbol(257)
      w.code(symbol, 5)
      w.fixedSymbol(256)
      guard case .invalidCode(.distance, _) = inflateError(w.finish() + [0, 0, 0, 0, 0, 0, 0, 0]) else {
        Issue.record("distance symbol \(symbol) accepted")
        continue
      }
    }
  }

  /// A match reaching before the first output byte is refused (slow and fast paths).
  @Test func distanceTooFarBack() {
    var w = BitWriter()
    w.header(final: true, type: 1)
    w.fixedSymbol(65)
    w.fixedMatch(length: 3, distance: 2)
    w.fixedSymbol(256)
    guard case .distanceTooFar(distance: 2, available: 1, _) = inflateError(w.finish()) else {
      Issue.record("distance too far accepted")
      return
    }
    // The same with enough input for the fast loop.
    var v = BitWriter()
    v.header(final: true, type: 1)
    for _ in 0..<100 { v.fixedSymbol(65) }
    v.fixedMatch(length: 10, distance: 101)
    v.fixedSymbol(256)
    guard
      case .distanceTooFar(distance: 101, available: 100, _) = inflateError(
        v.finish() + [UInt8](repeating: 0, count: 16))
    else {
      Issue.record("distance too far accepted (fast loop)")
      return
    }
  }

  /// Distance 32768 into a preceding stored block works for any chunk size.
  @Test func distanceOfTheWholeWindowAcrossStreams() throws {
    // Distance 32768 right after exactly 32768 bytes of output is fine.
    var w = BitWriter()
    w.header(final: false, type: 0)
    var rng = TestRandom(state: 99)
    let head = rng.bytes(32_768)
    w.alignedBytes([0x00, 0x80, 0xFF, 0x7F] + head)
    w.header(final: true, type: 1)
    w.fixedMatch(length: 258, distance: 32_768)
    w.fixedSymbol(256)
    for size in [1, 300, Inflate.chunkSize] {
      let out = try inflateCollect(w.finish(), chunkSize: size).output
      #expect(out == head + head.prefix(258), "chunk \(size)")
    }
  }

  /// HLIT above 286 or HDIST above 30 is refused.
  @Test func tooManySymbols() {
    var w = BitWriter()
    w.header(final: true, type: 2)
    w.bits(29, 5)  // 286 literal/length codes: allowed
    w.bits(30, 5)  // 31 distance codes: not allowed
    w.bits(0, 4)
    w.bits(0, 32)
    #expect(inflateError(w.finish()) == .tooManySymbols(literalLength: 286, distance: 31, offset: 0))
    var v = BitWriter()
    v.header(final: true, type: 2)
    v.bits(30, 5)  // 287
    v.bits(0, 5)
    v.bits(0, 36)
    #expect(inflateError(v.finish()) == .tooManySymbols(literalLength: 287, distance: 1, offset: 0))
  }

  /// Literal/length lengths of a complete code with 258 symbols (0...253, 256, 257 all 8 bits).
  static let completeLiteralLengths: [(Int, Int)] = lengths(8, 254) + lengths(0, 2) + lengths(8, 2)

  /// Over-subscribed code-length code lengths are refused.
  @Test func overSubscribedCodeLengthCode() {
    var w = BitWriter()
    w.header(final: true, type: 2)
    w.dynamicHeader(nlit: 257, ndist: 1, lengths: [], clLengths: [Int](repeating: 1, count: 19))
    guard case .overSubscribedCode(.codeLengths, _) = inflateError(w.finish()) else {
      Issue.record("over-subscribed code-length code accepted")
      return
    }
  }

  /// An incomplete code-length code is refused.
  @Test func incompleteCodeLengthCode() {
    var cl = [Int](repeating: 0, count: 19)
    cl[8] = 1
    var w = BitWriter()
    w.header(final: true, type: 2)
    w.dynamicHeader(nlit: 257, ndist: 1, lengths: [], clLengths: cl)
    guard case .incompleteCode(.codeLengths, _) = inflateError(w.finish()) else {
      Issue.record("incomplete code-length code accepted")
      return
    }
  }

  /// Over-subscribed literal/length lengths are refused.
  @Test func overSubscribedLiteralLengthCode() {
    var w = BitWriter()
    w.header(final: true, type: 2)
    w.dynamicHeader(nlit: 257, ndist: 1, lengths: lengths(8, 257) + [(1, 0)])
    guard case .overSubscribedCode(.literalLength, _) = inflateError(w.finish()) else {
      Issue.record("over-subscribed literal/length code accepted")
      return
    }
  }

  /// Incomplete literal/length lengths are refused.
  @Test func incompleteLiteralLengthCode() {
    var w = BitWriter()
    w.header(final: true, type: 2)
    w.dynamicHeader(nlit: 257, ndist: 1, lengths: lengths(9, 257) + [(1, 0)])
    guard case .incompleteCode(.literalLength, _) = inflateError(w.finish()) else {
      Issue.record("incomplete literal/length code accepted")
      return
    }
  }

  /// Over-subscribed distance lengths are refused.
  @Test func overSubscribedDistanceCode() {
    var w = BitWriter()
    w.header(final: true, type: 2)
    w.dynamicHeader(nlit: 258, ndist: 3, lengths: Self.completeLiteralLengths + lengths(1, 3))
    guard case .overSubscribedCode(.distance, _) = inflateError(w.finish()) else {
      Issue.record("over-subscribed distance code accepted")
      return
    }
  }

  /// Incomplete distance lengths (other than one 1-bit code) are refused.
  @Test func incompleteDistanceCode() {
    var w = BitWriter()
    w.header(final: true, type: 2)
    w.dynamicHeader(nlit: 258, ndist: 2, lengths: Self.completeLiteralLengths + lengths(2, 2))
    guard case .incompleteCode(.distance, _) = inflateError(w.finish()) else {
      Issue.record("incomplete distance code accepted")
      return
    }
  }

  /// The incomplete codes zlib accepts are accepted: one 1-bit distance code, or none.
  @Test func singleDistanceCodeAndNoDistanceCodesAreAllowed() throws {
    // One distance code of one bit (as zlib allows): "ab" then a match at distance 1.
    var w = BitWriter()
    w.header(final: true, type: 2)
    // Literal/length: 0...253, 256, 257 at 8 bits, codes in symbol order: 'a' = 97, 257 = 255.
    w.dynamicHeader(nlit: 258, ndist: 1, lengths: Self.completeLiteralLengths + [(1, 0)])
    w.code(97, 8)
    w.code(255, 8)  // length 3
    w.bits(0, 1)  // distance code 0: distance 1
    w.code(254, 8)  // end of block
    #expect(try inflateCollect(w.finish()).output == Array("aaaa".utf8))
    // No distance codes at all: literals only; a match is then an invalid distance code.
    var v = BitWriter()
    v.header(final: true, type: 2)
    v.dynamicHeader(nlit: 258, ndist: 1, lengths: Self.completeLiteralLengths + [(0, 0)])
    v.code(97, 8)
    v.code(254, 8)
    #expect(try inflateCollect(v.finish()).output == Array("a".utf8))
    var u = BitWriter()
    u.header(final: true, type: 2)
    u.dynamicHeader(nlit: 258, ndist: 1, lengths: Self.completeLiteralLengths + [(0, 0)])
    u.code(97, 8)
    u.code(255, 8)
    u.code(254, 8)
    guard case .invalidCode(.distance, _) = inflateError(u.finish()) else {
      Issue.record("match without distance codes accepted")
      return
    }
  }

  /// Code-length symbol 16 first is refused.
  @Test func repeatWithNoPreviousLength() {
    var w = BitWriter()
    w.header(final: true, type: 2)
    w.dynamicHeader(nlit: 257, ndist: 1, clSymbols: Array(0...14) + [16], lengths: [(16, 0)])
    guard case .repeatWithoutPrevious = inflateError(w.finish()) else {
      Issue.record("repeat with no previous accepted")
      return
    }
  }

  /// A code-length repeat beyond HLIT + HDIST is refused.
  @Test func repeatPastTheEnd() {
    var w = BitWriter()
    w.header(final: true, type: 2)
    w.dynamicHeader(nlit: 257, ndist: 1, clSymbols: Array(0...14) + [18], lengths: [(18, 127), (18, 127)])
    guard case .codeLengthsOverflow = inflateError(w.finish()) else {
      Issue.record("code length overflow accepted")
      return
    }
  }

  /// A dynamic block without an end-of-block code is refused.
  @Test func missingEndOfBlockCode() {
    var w = BitWriter()
    w.header(final: true, type: 2)
    w.dynamicHeader(nlit: 257, ndist: 1, lengths: lengths(8, 256) + [(0, 0), (1, 0)])
    guard case .missingEndOfBlock = inflateError(w.finish()) else {
      Issue.record("missing end-of-block accepted")
      return
    }
  }

  /// The unused half of a single-code table is an invalid code; the used half works.
  @Test func bitPatternWithNoCode() throws {
    // Literal/length code of a single one-bit code (end of block, code 0): bit 1 is no code.
    var w = BitWriter()
    w.header(final: true, type: 2)
    w.dynamicHeader(nlit: 257, ndist: 1, lengths: lengths(0, 256) + [(1, 0), (0, 0)])
    w.bits(1, 1)
    guard case .invalidCode(.literalLength, _) = inflateError(w.finish() + [0xFF, 0xFF]) else {
      Issue.record("unused bit pattern accepted")
      return
    }
    var v = BitWriter()
    v.header(final: true, type: 2)
    v.dynamicHeader(nlit: 257, ndist: 1, lengths: lengths(0, 256) + [(1, 0), (0, 0)])
    v.bits(0, 1)
    #expect(try inflateCollect(v.finish()).output == [])
  }

  /// Many empty blocks cost time linear in the input and produce nothing.
  @Test func longRunOfEmptyStoredBlocksTerminates() throws {
    // 100,000 empty stored blocks then a final one: no hang, no output.
    var input: [UInt8] = []
    for _ in 0..<100_000 { input += [0x00, 0x00, 0x00, 0xFF, 0xFF] }
    input += [0x01, 0x00, 0x00, 0xFF, 0xFF]
    #expect(try inflateCollect(input).output == [])
  }

  /// Every error has a short English description.
  @Test func errorDescriptionsAreShortEnglish() {
    let errors: [InflateError] = [
      .invalidBlockType(offset: 1), .storedLengthMismatch(offset: 2),
      .tooManySymbols(literalLength: 1, distance: 2, offset: 3),
      .overSubscribedCode(.distance, offset: 4), .incompleteCode(.codeLengths, offset: 5),
      .repeatWithoutPrevious(offset: 6),
      .codeLengthsOverflow(offset: 7), .missingEndOfBlock(offset: 8), .invalidCode(.literalLength, offset: 9),
      .distanceTooFar(distance: 10, available: 5, offset: 11), .truncatedInput(offset: 12),
      .outputLimitExceeded(limit: 13),
    ]
    for e in errors {
      #expect(e.description.hasPrefix("deflate: "))
      #expect(e.description.count < 120)
    }
  }
}
