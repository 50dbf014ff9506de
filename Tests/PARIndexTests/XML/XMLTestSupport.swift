import Foundation
import Testing

@testable import PARIndex

/// A tokenizer run rendered as comparable strings: one per event, plus the error that ended it, if any.
struct Transcript: Equatable, CustomStringConvertible {
  /// `<{ns}local a="v"…>` / `<{ns}local …/>` / `</{ns}local>` / `"text"` per event.
  var events: [String] = []
  /// The error that stopped the run.
  var error: XMLError?

  /// Events, then the error.
  var description: String { (events + (error.map { ["ERROR \($0)"] } ?? [])).joined(separator: "\n") }
}

/// An event copied out of the handler (names still as ids, bytes as strings).
enum RecordedEvent {
  /// A start tag.
  case start(XMLName, [(XMLName, String)], Bool)
  /// An end tag.
  case end(XMLName)
  /// Text.
  case text(String)

  /// Copies an event.
  init(_ event: XMLEvent) {
    switch event {
    case .startElement(let e): self = .start(e.name, e.attributes.map { ($0.name, $0.value.string) }, e.isSelfClosing)
    case .endElement(let n): self = .end(n)
    case .text(let t): self = .text(t.string)
    }
  }

  /// Renders with names spelled out (`{uri}local`, no braces for no namespace).
  func render(_ tokenizer: borrowing XMLTokenizer) -> String {
    /// `{uri}local`, or `local` without a namespace.
    func name(_ n: XMLName) -> String {
      let uri = tokenizer.namespaceURI(of: n)
      return (uri.isEmpty ? "" : "{\(uri)}") + tokenizer.localName(of: n)
    }
    switch self {
    case .start(let n, let attributes, let selfClosing):
      var s = "<" + name(n)
      for (a, v) in attributes { s += " \(name(a))=\"\(v)\"" }
      return s + (selfClosing ? "/>" : ">")
    case .end(let n): return "</\(name(n))>"
    case .text(let t): return "\"\(t)\""
    }
  }
}

/// Tokenizes `bytes` fed in chunks whose sizes cycle through `chunks` (empty: one chunk).
func tokenize(_ bytes: [UInt8], chunks: [Int] = [], limits: XMLLimits = XMLLimits()) -> Transcript {
  var tokenizer = XMLTokenizer(limits: limits)
  var recorded: [RecordedEvent] = []
  var transcript = Transcript()
  bytes.withUnsafeBytes { whole in
    do throws(XMLError) {
      var offset = 0
      var k = 0
      while offset < whole.count {
        let size = chunks.isEmpty ? whole.count : max(1, chunks[k % chunks.count])
        k += 1
        let end = min(whole.count, offset + size)
        try tokenizer.feed(UnsafeRawBufferPointer(rebasing: whole[offset..<end])) { recorded.append(RecordedEvent($0)) }
        offset = end
      }
      try tokenizer.finish { recorded.append(RecordedEvent($0)) }
    } catch {
      transcript.error = error
    }
  }
  transcript.events = recorded.map { $0.render(tokenizer) }
  return transcript
}

/// Tokenizes a string.
func tokenize(_ text: String, chunks: [Int] = [], limits: XMLLimits = XMLLimits()) -> Transcript {
  tokenize(Array(text.utf8), chunks: chunks, limits: limits)
}

/// Tokenizes `bytes` split once at every offset (and fed one byte at a time) and checks each run gives
/// exactly the transcript of the whole-input run; returns that transcript.
@discardableResult
func checkSplits(
  _ bytes: [UInt8], limits: XMLLimits = XMLLimits(), sourceLocation: SourceLocation = #_sourceLocation
) -> Transcript {
  let whole = tokenize(bytes, limits: limits)
  for split in 1..<max(bytes.count, 1) {
    let t = tokenize(bytes, chunks: [split, bytes.count], limits: limits)
    if t != whole {
      Issue.record("split at \(split) differs:\n\(t)\nvs whole:\n\(whole)", sourceLocation: sourceLocation)
      return whole
    }
  }
  for chunk in [1, 2, 3, 7] {
    let t = tokenize(bytes, chunks: [chunk], limits: limits)
    if t != whole {
      Issue.record("chunks of \(chunk) differ:\n\(t)\nvs whole:\n\(whole)", sourceLocation: sourceLocation)
      return whole
    }
  }
  return whole
}

/// `checkSplits` for a string.
@discardableResult
func checkSplits(
  _ text: String, limits: XMLLimits = XMLLimits(), sourceLocation: SourceLocation = #_sourceLocation
) -> Transcript {
  checkSplits(Array(text.utf8), limits: limits, sourceLocation: sourceLocation)
}

/// The error of tokenizing `text` (whole and at every split, which must agree).
func errorOf(
  _ text: String, limits: XMLLimits = XMLLimits(), sourceLocation: SourceLocation = #_sourceLocation
) -> XMLError? {
  checkSplits(text, limits: limits, sourceLocation: sourceLocation).error
}

/// The error of tokenizing `bytes` (whole and at every split, which must agree).
func errorOf(
  _ bytes: [UInt8], limits: XMLLimits = XMLLimits(), sourceLocation: SourceLocation = #_sourceLocation
) -> XMLError? {
  checkSplits(bytes, limits: limits, sourceLocation: sourceLocation).error
}

/// Shorthand for a position.
func at(_ offset: Int, line: Int = 1) -> XMLPosition { XMLPosition(offset: offset, line: line) }

/// Loads a fixture file's bytes.
func fixture(_ name: String) throws -> [UInt8] {
  let url = URL(fileURLWithPath: Repository.fixtures + "/XML/" + name)
  return Array(try Data(contentsOf: url))
}

/// The SpreadsheetML main namespace in braces, for expected transcripts.
let mainNamespace = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

extension XMLTokenizer {
  /// Feeds an array (a test helper: `Array.withUnsafeBytes` does not rethrow typed errors).
  mutating func feed(bytes: [UInt8], _ handler: (XMLEvent) -> Void = { _ in }) throws(XMLError) {
    var failure: XMLError?
    bytes.withUnsafeBytes { raw in
      do throws(XMLError) { try self.feed(raw, handler) } catch { failure = error }
    }
    if let failure { throw failure }
  }
}
