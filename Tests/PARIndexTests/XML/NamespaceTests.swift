import Testing

@testable import PARIndex

/// Namespace declarations, scoping and resolution of element and attribute prefixes.
@Suite struct NamespaceTests {
  /// Default namespace applies to elements not attributes.
  @Test func defaultNamespaceAppliesToElementsNotAttributes() {
    let t = checkSplits(#"<a xmlns="urn:x"><b c="1"/></a>"#)
    #expect(t.events == ["<{urn:x}a>", #"<{urn:x}b c="1"/>"#, "</{urn:x}b>", "</{urn:x}a>"])
  }

  /// Prefixed elements and attributes.
  @Test func prefixedElementsAndAttributes() {
    let t = checkSplits(#"<p:a xmlns:p="urn:p" p:x="1" y="2"/>"#)
    #expect(t.events == [#"<{urn:p}a {urn:p}x="1" y="2"/>"#, "</{urn:p}a>"])
  }

  /// Declaration after use in same tag.
  @Test func declarationAfterUseInSameTag() {
    let t = checkSplits(#"<p:a p:x="1" xmlns:p="urn:p"/>"#)
    #expect(t.events == [#"<{urn:p}a {urn:p}x="1"/>"#, "</{urn:p}a>"])
  }

  /// Redeclared in child and restored.
  @Test func redeclaredInChildAndRestored() {
    let t = checkSplits(#"<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"><p:c/></p:b><p:d/><e xmlns="urn:3"/><f/></p:a>"#)
    #expect(
      t.events == [
        "<{urn:1}a>", "<{urn:2}b>", "<{urn:2}c/>", "</{urn:2}c>", "</{urn:2}b>", "<{urn:1}d/>", "</{urn:1}d>",
        "<{urn:3}e/>", "</{urn:3}e>", "<f/>", "</f>", "</{urn:1}a>",
      ])
  }

  /// Self closing declarations are scoped.
  @Test func selfClosingDeclarationsAreScoped() {
    let t = checkSplits(#"<r><a xmlns:p="urn:p" p:x="1"/><p:b/></r>"#)
    #expect(t.error == .undeclaredPrefix("p", at: at(32)))
    #expect(t.events.prefix(3) == ["<r>", #"<a {urn:p}x="1"/>"#, "</a>"])
  }

  /// Default namespace can be undeclared.
  @Test func defaultNamespaceCanBeUndeclared() {
    let t = checkSplits(#"<a xmlns="urn:x"><b xmlns=""><c/></b></a>"#)
    #expect(t.events == ["<{urn:x}a>", "<b>", "<c/>", "</c>", "</b>", "</{urn:x}a>"])
  }

  /// Prefix and default spellings resolve to the same name.
  @Test func prefixAndDefaultSpellingsResolveToTheSameName() {
    let t = checkSplits(
      #"<x:worksheet xmlns:x="\#(mainNamespace)" xmlns="\#(mainNamespace)"><x:c r="A1"/><c r="A1"/></x:worksheet>"#)
    #expect(t.events[1] == t.events[3])
    #expect(t.events[1] == "<{\(mainNamespace)}c r=\"A1\"/>")
  }

  /// Xml prefix is always bound.
  @Test func xmlPrefixIsAlwaysBound() {
    let t = checkSplits(#"<t xml:space="preserve" xmlns:xml="http://www.w3.org/XML/1998/namespace"> a </t>"#)
    #expect(t.events == [#"<t {http://www.w3.org/XML/1998/namespace}space="preserve">"#, "\" a \"", "</t>"])
  }

  /// Declarations are not reported as attributes.
  @Test func declarationsAreNotReportedAsAttributes() {
    let t = checkSplits(#"<a xmlns="urn:d" xmlns:p="urn:p" x="1"/>"#)
    #expect(t.events == [#"<{urn:d}a x="1"/>"#, "</{urn:d}a>"])
  }

  /// Declared namespace URIs are decoded.
  @Test func declaredURIsAreDecoded() {
    let t = checkSplits(#"<p:a xmlns:p="urn:a&amp;b"/>"#)
    #expect(t.events == ["<{urn:a&b}a/>", "</{urn:a&b}a>"])
  }

  /// Undeclared prefixes.
  @Test func undeclaredPrefixes() {
    #expect(errorOf("<p:a/>") == .undeclaredPrefix("p", at: at(1)))
    #expect(errorOf(#"<a p:x="1"/>"#) == .undeclaredPrefix("p", at: at(3)))
    #expect(errorOf(#"<a xmlns:p="urn:p"/><!-- --><b/>"#) == .multipleRootElements(at: at(28)))
  }

  /// Forbidden declarations.
  @Test func forbiddenDeclarations() {
    #expect(errorOf(#"<a xmlns:p=""/>"#) == .invalidNamespaceDeclaration(prefix: "p", uri: "", at: at(3)))
    #expect(errorOf(#"<a xmlns:xml="urn:x"/>"#) == .invalidNamespaceDeclaration(prefix: "xml", uri: "urn:x", at: at(3)))
    #expect(
      errorOf(#"<a xmlns:xmlns="urn:x"/>"#)
        == .invalidNamespaceDeclaration(prefix: "xmlns", uri: "urn:x", at: at(3)))
    let xmlURI = "http://www.w3.org/XML/1998/namespace"
    #expect(errorOf(#"<a xmlns:p="\#(xmlURI)"/>"#) == .invalidNamespaceDeclaration(prefix: "p", uri: xmlURI, at: at(3)))
    #expect(errorOf(#"<a xmlns="\#(xmlURI)"/>"#) == .invalidNamespaceDeclaration(prefix: "", uri: xmlURI, at: at(3)))
    let xmlnsURI = "http://www.w3.org/2000/xmlns/"
    #expect(
      errorOf(#"<a xmlns:p="\#(xmlnsURI)"/>"#)
        == .invalidNamespaceDeclaration(prefix: "p", uri: xmlnsURI, at: at(3)))
  }

  /// Invalid qualified names.
  @Test func invalidQualifiedNames() {
    #expect(errorOf("<a:b:c/>") == .invalidQualifiedName("a:b:c", at: at(1)))
    #expect(errorOf("<:a/>") == .invalidQualifiedName(":a", at: at(1)))
    #expect(errorOf("<a:/>") == .invalidQualifiedName("a:", at: at(1)))
    #expect(errorOf("<a:1/>") == .invalidQualifiedName("a:1", at: at(1)))
    #expect(errorOf(#"<xmlns:a xmlns:a="urn:a"/>"#) == .invalidQualifiedName("xmlns:a", at: at(1)))
    #expect(errorOf(#"<a b:c:d="1"/>"#) == .invalidQualifiedName("b:c:d", at: at(3)))
  }

  /// Duplicates after resolution.
  @Test func duplicatesAfterResolution() {
    #expect(errorOf(#"<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>"#) == .duplicateAttribute("q:x", at: at(35)))
    #expect(errorOf(#"<a xmlns:p="u" xmlns:p="u"/>"#) == .duplicateAttribute("xmlns:p", at: at(15)))
    #expect(errorOf(#"<a xmlns="u" xmlns="v"/>"#) == .duplicateAttribute("xmlns", at: at(13)))
    // Same local name in different namespaces is fine.
    #expect(errorOf(#"<a xmlns:p="u" x="1" p:x="2"/>"#) == nil)
  }

  /// Element named xmlns is allowed.
  @Test func elementNamedXmlnsIsAllowed() {
    #expect(checkSplits("<xmlns/>").events == ["<xmlns/>", "</xmlns>"])
  }
}
