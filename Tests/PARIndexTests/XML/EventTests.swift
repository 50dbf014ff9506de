import Testing

@testable import PARIndex

/// Every event kind, attribute syntax, references, CDATA, text joining and the prolog/epilog constructs.
/// Every document goes through `checkSplits`, so each is also fed split at every offset and in small chunks.
@Suite struct EventTests {
  /// Start text end.
  @Test func startTextEnd() {
    let t = checkSplits(#"<a x="1" y='2'>hi</a>"#)
    #expect(t.events == [#"<a x="1" y="2">"#, #""hi""#, "</a>"])
    #expect(t.error == nil)
  }

  /// Self closing is followed by end.
  @Test func selfClosingIsFollowedByEnd() {
    let t = checkSplits("<a><b/><c x='1'/></a>")
    #expect(t.events == ["<a>", "<b/>", "</b>", #"<c x="1"/>"#, "</c>", "</a>"])
  }

  /// Whitespace around equals and in tags.
  @Test func whitespaceAroundEqualsAndInTags() {
    let t = checkSplits("<a  x = \"1\"\n\ty\t=\t'2'  ></a\n>")
    #expect(t.events == [#"<a x="1" y="2">"#, "</a>"])
    #expect(t.error == nil)
  }

  /// Quotes inside values.
  @Test func quotesInsideValues() {
    let t = checkSplits(#"<a x="it's" y='say "hi"'/>"#)
    #expect(t.events == [#"<a x="it's" y="say "hi""/>"#, "</a>"])
  }

  /// Predefined and numeric references.
  @Test func predefinedAndNumericReferences() {
    let t = checkSplits(#"<a t="&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;">&lt;x&gt; &amp; &#233;&#xe9;</a>"#)
    #expect(t.events == [#"<a t="<>&"'AB😀">"#, "\"<x> & éé\"", "</a>"])
  }

  /// Attribute value normalization.
  @Test func attributeValueNormalization() {
    // TAB, LF, CR and CR LF become one space each; character references keep their character.
    let t = checkSplits("<a v=\"x\ty\nz\r\nw\rv&#x9;&#10;&#13;\"/>")
    #expect(t.events == ["<a v=\"x y z w v\t\n\r\"/>", "</a>"])
  }

  /// Line ends in text are normalized.
  @Test func lineEndsInTextAreNormalized() {
    let t = checkSplits("<a>1\r\n2\r3\n<![CDATA[4\r\n5\r]]></a>")
    #expect(t.events == ["<a>", "\"1\n2\n3\n4\n5\n\"", "</a>"])
  }

  /// CDATA is text, joined with its neighbours.
  @Test func cdataIsTextJoinedWithNeighbours() {
    let t = checkSplits("<a>x<![CDATA[<b>&amp;]]]]>y</a>")
    #expect(t.events == ["<a>", "\"x<b>&amp;]]y\"", "</a>"])
    #expect(checkSplits("<a><![CDATA[]]></a>").events == ["<a>", "</a>"])
  }

  /// Text is joined across comments and processing instructions.
  @Test func textIsJoinedAcrossCommentsAndProcessingInstructions() {
    let t = checkSplits("<a>x<!--c-->y<?p d?>z<!---->&amp;</a>")
    #expect(t.events == ["<a>", "\"xyz&\"", "</a>"])
  }

  /// Whitespace inside root is reported.
  @Test func whitespaceInsideRootIsReported() {
    let t = checkSplits("<a> <b/>\n</a>")
    #expect(t.events == ["<a>", "\" \"", "<b/>", "</b>", "\"\n\"", "</a>"])
  }

  /// Brackets that are not CDATA end.
  @Test func bracketsThatAreNotCDATAEnd() {
    #expect(checkSplits("<a>]] ]>]</a>").events == ["<a>", "\"]] ]>]\"", "</a>"])
  }

  /// Prolog and epilog constructs are skipped.
  @Test func prologAndEpilogConstructsAreSkipped() {
    let doc = """
      <?xml version="1.0" encoding="utf-8" standalone='no' ?>
      <!-- comment --><?pi some data?>
      <a><!-- in body --><?pi?></a>
      <!-- after --><?pi x?>\n\t
      """
    let t = checkSplits(doc)
    #expect(t.events == ["<a>", "</a>"])
    #expect(t.error == nil)
  }

  /// XML declaration variants are accepted.
  @Test func xmlDeclarationVariants() {
    for decl in [
      #"<?xml version="1.0"?>"#, #"<?xml version='1.1' encoding='UTF-8'?>"#,
      #"<?xml version = "1.0" standalone = "yes" ?>"#, #"<?xml version="1.0" encoding="Utf-8" standalone="no"?>"#,
    ] {
      #expect(checkSplits(decl + "<a/>").error == nil, "\(decl)")
    }
  }

  /// Byte order mark at start.
  @Test func byteOrderMarkAtStart() {
    let t = checkSplits([0xEF, 0xBB, 0xBF] + Array(#"<?xml version="1.0"?><a>&#xFEFF;</a>"#.utf8))
    #expect(t.events == ["<a>", "\"\u{FEFF}\"", "</a>"])
    #expect(checkSplits([0xEF, 0xBB, 0xBF] + Array("<a/>".utf8)).error == nil)
    // A U+FEFF later is an ordinary character: text inside the root, an error outside.
    #expect(checkSplits("<a>\u{FEFF}</a>").events == ["<a>", "\"\u{FEFF}\"", "</a>"])
    #expect(errorOf("<a/>\u{FEFF}") == .textOutsideRoot(at: at(4)))
  }

  /// Non-ASCII names and text.
  @Test func nonASCIINamesAndText() {
    let t = checkSplits("<名前 属性=\"値\" é-x.1='ü'>テキスト Tỷ lệ</名前>")
    #expect(t.events == ["<名前 属性=\"値\" é-x.1=\"ü\">", "\"テキスト Tỷ lệ\"", "</名前>"])
  }

  /// Long names and many attributes.
  @Test func longNamesAndManyAttributes() {
    let name = String(repeating: "n", count: 40)
    var doc = "<\(name)"
    for i in 0..<40 { doc += " a\(i)='\(i)'" }
    doc += "></\(name)>"
    let t = checkSplits(doc)
    #expect(t.error == nil)
    #expect(t.events.count == 2)
    #expect(t.events[0].hasPrefix("<\(name) a0=\"0\" a1=\"1\""))
  }

  /// Bytes helpers and attribute lookup.
  @Test func bytesHelpersAndAttributeLookup() throws {
    var tokenizer = XMLTokenizer()
    let s = tokenizer.name(namespace: "", local: "s")
    let t = tokenizer.name(namespace: "", local: "t")
    let missing = tokenizer.name(namespace: "", local: "zz")
    var checks: [Bool] = []
    let doc = Array(#"<c s="42" t="inlineStr" u="4x"/>"#.utf8)
    try doc.withUnsafeBytes { raw in
      try tokenizer.feed(raw) { event in
        guard case .startElement(let e) = event else { return }
        checks.append(e.attributes[s]?.decimalInteger == 42)
        checks.append(e.attributes[t]?.equals("inlineStr") == true)
        checks.append(e.attributes[t]?.equals("inline") == false)
        checks.append(e.attributes[missing] == nil)
        checks.append(e.attributes[2].value.decimalInteger == nil)
        checks.append(e.attributes.count == 3 && e.isSelfClosing)
      }
    }
    try tokenizer.finish { _ in }
    #expect(checks == [true, true, true, true, true, true])
  }

  /// Known names match document names.
  @Test func knownNamesMatchDocumentNames() throws {
    var tokenizer = XMLTokenizer()
    let c = tokenizer.name(namespace: XMLNamespace.spreadsheetML, local: "c")
    let r = tokenizer.name(namespace: "", local: "r")
    var seen: [XMLName] = []
    let doc = Array(#"<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="A1"/>"#.utf8)
    try doc.withUnsafeBytes { raw in
      try tokenizer.feed(raw) { event in
        if case .startElement(let e) = event {
          seen.append(e.name)
          seen.append(contentsOf: e.attributes.map(\.name))
        }
      }
    }
    try tokenizer.finish { _ in }
    #expect(seen == [c, r])
    #expect(tokenizer.localName(of: c) == "c")
    #expect(tokenizer.namespaceURI(of: c) == XMLNamespace.spreadsheetML)
  }

  /// Handler errors propagate and close the tokenizer.
  @Test func handlerErrorsPropagateAndCloseTheTokenizer() {
    /// A handler's own error type, carrying tokenizer errors too.
    enum Stop: Error, XMLErrorConvertible {
      /// The handler stops the run.
      case stop
      /// A tokenizer error.
      case xml(XMLError)
      /// Wraps a tokenizer error.
      init(xmlError: XMLError) { self = .xml(xmlError) }
    }
    var tokenizer = XMLTokenizer()
    let doc = Array("<a><b/></a>".utf8)
    var count = 0
    doc.withUnsafeBytes { raw in
      do throws(Stop) {
        try tokenizer.feed(raw) { (_: XMLEvent) throws(Stop) in
          count += 1
          if count == 2 { throw .stop }
        }
        Issue.record("no error")
      } catch {
        if case .stop = error {} else { Issue.record("wrong error \(error)") }
      }
      #expect(throws: XMLError.closed) { try tokenizer.feed(raw) { _ in } }
    }
    #expect(count == 2)
  }

  /// Feeding after finish or error is refused.
  @Test func feedingAfterFinishOrErrorIsRefused() throws {
    var tokenizer = XMLTokenizer()
    let doc = Array("<a/>".utf8)
    try doc.withUnsafeBytes { raw in try tokenizer.feed(raw) { _ in } }
    try tokenizer.finish { _ in }
    #expect(throws: XMLError.closed) { try tokenizer.feed(bytes: doc) }
    var bad = XMLTokenizer()
    let broken = Array("<a></b>".utf8)
    broken.withUnsafeBytes { raw in
      let expected = XMLError.mismatchedEndTag(expected: "a", found: "b", at: at(3))
      #expect(throws: expected) { try bad.feed(raw) { _ in } }
      #expect(throws: expected) { try bad.feed(raw) { _ in } }
      #expect(throws: expected) { try bad.finish { _ in } }
    }
  }

  /// Empty chunks are ignored.
  @Test func emptyChunksAreIgnored() throws {
    var tokenizer = XMLTokenizer()
    var events = 0
    try tokenizer.feed(UnsafeRawBufferPointer(start: nil, count: 0)) { _ in events += 1 }
    let doc = Array("<a/>".utf8)
    try doc.withUnsafeBytes { raw in try tokenizer.feed(raw) { _ in events += 1 } }
    try tokenizer.finish { _ in events += 1 }
    #expect(events == 2)
    #expect(tokenizer.bytesFed == 4)
  }
}
