import Testing

@testable import PARIndex

/// Each `XMLLimits` bound, and hostile inputs that must fail fast with bounded memory.
@Suite struct LimitTests {
  /// Feeds `head`, then `count` bytes of `fill` in 64 KiB pieces (never holding the document), then finishes.
  /// Returns the error and the largest carry seen.
  func stream(
    limits: XMLLimits = XMLLimits(), head: String, fill: UInt8, count: Int, tail: String = ""
  ) -> (XMLError?, Int) {
    var tokenizer = XMLTokenizer(limits: limits)
    var maxCarry = 0
    let piece = [UInt8](repeating: fill, count: 64 * 1024)
    do throws(XMLError) {
      try tokenizer.feed(bytes: Array(head.utf8))
      var left = count
      while left > 0 {
        let n = min(left, piece.count)
        try tokenizer.feed(bytes: n == piece.count ? piece : Array(piece[0..<n]))
        maxCarry = max(maxCarry, tokenizer.carry.count, tokenizer.pendingText.count)
        left -= n
      }
      try tokenizer.feed(bytes: Array(tail.utf8))
      try tokenizer.finish { _ in }
      return (nil, maxCarry)
    } catch {
      return (error, maxCarry)
    }
  }

  /// The depth limit.
  @Test func depth() {
    var limits = XMLLimits()
    limits.maxDepth = 3
    #expect(errorOf("<a><b><c/></b></a>", limits: limits) == nil)
    #expect(errorOf("<a><b><c><d/></c></b></a>", limits: limits) == .limitExceeded(.depth, limit: 3, at: at(9)))
  }

  /// Million nested elements.
  @Test func millionNestedElements() {
    let (error, carry) = stream(head: "", fill: 0, count: 0, tail: String(repeating: "<a>", count: 1_000_000))
    #expect(error == .limitExceeded(.depth, limit: 256, at: at(768)))
    #expect(carry < 1 << 20)
  }

  /// Name length.
  @Test func nameLength() {
    var limits = XMLLimits()
    limits.maxNameLength = 4
    #expect(errorOf("<abcd/>", limits: limits) == nil)
    #expect(errorOf("<abcde/>", limits: limits) == .limitExceeded(.nameLength, limit: 4, at: at(1)))
    #expect(errorOf("<a bcdef='1'/>", limits: limits) == .limitExceeded(.nameLength, limit: 4, at: at(3)))
    #expect(errorOf("<a>&abcdefgh;</a>", limits: limits) == .limitExceeded(.nameLength, limit: 4, at: at(4)))
    #expect(errorOf("<a>&#0000000065;</a>", limits: limits) == .limitExceeded(.nameLength, limit: 4, at: at(3)))
    #expect(errorOf("<a/><?abcdefg?>", limits: limits) == .limitExceeded(.nameLength, limit: 4, at: at(6)))
  }

  /// Attribute count.
  @Test func attributeCount() {
    var limits = XMLLimits()
    limits.maxAttributes = 2
    #expect(errorOf("<a x='1' y='2'/>", limits: limits) == nil)
    #expect(errorOf("<a x='1' y='2' z='3'/>", limits: limits) == .limitExceeded(.attributeCount, limit: 2, at: at(15)))
    #expect(
      errorOf("<a xmlns='u' x='1' z='3'/>", limits: limits)
        == .limitExceeded(.attributeCount, limit: 2, at: at(19)))
  }

  /// Many attributes use the sorted duplicate check.
  @Test func manyAttributesUseTheSortedDuplicateCheck() {
    var doc = "<a"
    for i in 0..<40 { doc += " a\(i)='1'" }
    #expect(errorOf(doc + " a7='2'/>") == .duplicateAttribute("a7", at: at(doc.utf8.count + 1)))
    #expect(errorOf(doc + "/>") == nil)
  }

  /// Attribute value length.
  @Test func attributeValueLength() {
    var limits = XMLLimits()
    limits.maxAttributeValueLength = 3
    #expect(errorOf("<a x='abc'/>", limits: limits) == nil)
    #expect(errorOf("<a x='abcd'/>", limits: limits) == .limitExceeded(.attributeValueLength, limit: 3, at: at(6)))
    #expect(
      errorOf("<a x='&amp;&amp;&amp;&amp;'/>", limits: limits)
        == .limitExceeded(.attributeValueLength, limit: 3, at: at(6)))
    #expect(errorOf("<a x='&amp;&amp;&amp;'/>", limits: limits) == nil)
  }

  /// Huge attribute value fails early.
  @Test func hugeAttributeValueFailsEarly() {
    let (error, carry) = stream(head: "<a x='", fill: 0x61, count: 100 << 20)
    #expect(error == .limitExceeded(.attributeValueLength, limit: 1 << 20, at: at(6)))
    #expect(carry < 4 << 20)
  }

  /// Text length.
  @Test func textLength() {
    var limits = XMLLimits()
    limits.maxTextLength = 5
    #expect(errorOf("<a>abcde</a>", limits: limits) == nil)
    #expect(errorOf("<a>abcdef</a>", limits: limits) == .limitExceeded(.textLength, limit: 5, at: at(8)))
    #expect(
      errorOf("<a>ab<!-- -->cd<![CDATA[ef]]></a>", limits: limits)
        == .limitExceeded(.textLength, limit: 5, at: at(25)))
    #expect(errorOf("<a>abcd&amp;&amp;</a>", limits: limits) == .limitExceeded(.textLength, limit: 5, at: at(12)))
    #expect(errorOf("<a>abc<b/>abc</a>", limits: limits) == nil)
  }

  /// Huge text fails early.
  @Test func hugeTextFailsEarly() {
    let (error, carry) = stream(head: "<a>", fill: 0x61, count: 50 << 20)
    #expect(error == .limitExceeded(.textLength, limit: 1 << 20, at: at(3 + 1 << 20)))
    #expect(carry <= 1 << 20)
  }

  /// Tag length.
  @Test func tagLength() {
    var limits = XMLLimits()
    limits.maxTagLength = 10
    #expect(errorOf("<a x='12'>", limits: limits) == .unclosedElement("a", at: at(10)))
    #expect(errorOf("<a x='123'></a>", limits: limits) == .limitExceeded(.tagLength, limit: 10, at: at(0)))
    #expect(errorOf("<a/><?xml version='1.0'?>", limits: limits) == .syntax(.misplacedXMLDeclaration, at: at(4)))
  }

  /// Whitespace flood in tag fails early.
  @Test func whitespaceFloodInTagFailsEarly() {
    let (error, carry) = stream(head: "<a", fill: 0x20, count: 50 << 20)
    #expect(error == .limitExceeded(.tagLength, limit: 4 << 20, at: at(0)))
    #expect(carry < 9 << 20)
  }

  /// Unterminated comment streams in bounded memory.
  @Test func unterminatedCommentStreamsInBoundedMemory() {
    let (error, carry) = stream(head: "<a/><!--", fill: 0x78, count: 50 << 20)
    #expect(error == .unexpectedEndOfInput(.comment, at: at(8 + 50 << 20)))
    #expect(carry < 1024)
  }

  /// Unterminated CDATA hits the text limit.
  @Test func unterminatedCDATAHitsTheTextLimit() {
    let (error, _) = stream(head: "<a><![CDATA[", fill: 0x78, count: 20 << 20)
    #expect(error == .limitExceeded(.textLength, limit: 1 << 20, at: at(12 + 1 << 20)))
  }

  /// Input size.
  @Test func inputSize() {
    var limits = XMLLimits()
    limits.maxInputSize = 10
    #expect(errorOf("<a>01</a>", limits: limits) == nil)
    let t = checkSplits("<a>0</a><!-- 0123 -->", limits: limits)
    #expect(t.error == .limitExceeded(.inputSize, limit: 10, at: at(10)))
    #expect(t.events == ["<a>", "\"0\"", "</a>"])
  }

  /// Name table size.
  @Test func nameTableSize() {
    var limits = XMLLimits()
    limits.maxNameTableBytes = 30
    #expect(errorOf("<a><b/><c/></a>", limits: limits) == nil)
    var doc = "<r>"
    for i in 0..<10 { doc += "<e\(i)/>" }
    #expect(errorOf(doc + "</r>", limits: limits) == .limitExceeded(.nameTableSize, limit: 30, at: at(34)))
    #expect(
      errorOf("<a xmlns:p='urn:a-very-long-namespace-uri-indeed'/>", limits: limits)
        == .limitExceeded(.nameTableSize, limit: 30, at: at(3)))
  }

  /// Limit names are distinct.
  @Test func limitNamesAreDistinct() {
    #expect(Set(XMLLimit.allCases.map(\.rawValue)).count == XMLLimit.allCases.count)
  }
}
