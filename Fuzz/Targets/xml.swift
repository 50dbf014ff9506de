// Run with Fuzz/run.sh xml SECONDS (the library compiled with this file and Fuzz/Support).
// libFuzzer entry point for XMLTokenizer: tokenizes the input whole and in chunkings derived from it, with the
// default limits or small ones (also derived from it), and traps unless every run gives the same events and
// the same error. Build (from the package root):
//   swiftc -sanitize=fuzzer,address -parse-as-library -O Sources/XMLKit/*.swift Fuzz/xml.swift -o /tmp/fuzz-xml

/// One run's events rendered with names spelled out, then the error if any.
struct FuzzTranscript: Equatable {
  /// Rendered events.
  var events: [String] = []
  /// The error that stopped the run.
  var error: XMLError?
}

/// An event copied out of the handler, names still as ids.
enum FuzzEvent {
  /// Start tag: name, attributes (name, value), self-closing.
  case start(XMLName, [(XMLName, [UInt8])], Bool)
  /// End tag.
  case end(XMLName)
  /// Text bytes.
  case text([UInt8])
}

/// Tokenizes `input` in pieces whose sizes come from `sizes` (cycled; empty: whole).
func fuzzRun(_ input: UnsafeRawBufferPointer, sizes: [Int], limits: XMLLimits) -> FuzzTranscript {
  var tokenizer = XMLTokenizer(limits: limits)
  var recorded: [FuzzEvent] = []
  var transcript = FuzzTranscript()
  let handler = { (event: XMLEvent) in
    switch event {
    case .startElement(let e):
      recorded.append(.start(e.name, e.attributes.map { ($0.name, Array($0.value.buffer)) }, e.isSelfClosing))
    case .endElement(let n): recorded.append(.end(n))
    case .text(let t):
      if t.isEmpty { fatalError("empty text event") }
      recorded.append(.text(Array(t.buffer)))
    }
  }
  do throws(XMLError) {
    var offset = 0
    var k = 0
    while offset < input.count {
      let size = sizes.isEmpty ? input.count : sizes[k % sizes.count]
      k += 1
      let end = min(input.count, offset + size)
      try tokenizer.feed(UnsafeRawBufferPointer(rebasing: input[offset..<end]), handler)
      offset = end
    }
    try tokenizer.finish(handler)
  } catch {
    transcript.error = error
  }
  /// `{uri}local`.
  func name(_ n: XMLName) -> String { "{\(tokenizer.namespaceURI(of: n))}\(tokenizer.localName(of: n))" }
  for event in recorded {
    switch event {
    case .start(let n, let attributes, let selfClosing):
      // Text must be valid UTF-8: decoding must not need repairs.
      var s = "<" + name(n) + (selfClosing ? "/" : "")
      for (a, v) in attributes {
        guard let value = String(validating: v, as: UTF8.self) else { fatalError("invalid UTF-8 value") }
        s += " \(name(a))=\(value)"
      }
      transcript.events.append(s)
    case .end(let n): transcript.events.append("</" + name(n))
    case .text(let t):
      guard let text = String(validating: t, as: UTF8.self) else { fatalError("invalid UTF-8 text") }
      transcript.events.append("\"" + text)
    }
  }
  return transcript
}

/// Chunk sizes derived from the input's bytes (FNV hash as seed), mostly small, sometimes large.
func fuzzSizes(_ input: UnsafeRawBufferPointer, salt: UInt64) -> [Int] {
  var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ salt
  for b in input { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
  var sizes: [Int] = []
  for _ in 0..<7 {
    h = h &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    let r = Int(truncatingIfNeeded: h >> 33)
    sizes.append(r % 8 == 0 ? 1 + r % 4096 : 1 + r % 13)
  }
  return sizes
}

/// The libFuzzer entry point: traps if the whole-input run and the chunked runs disagree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let input = UnsafeRawBufferPointer(start: data, count: size)
  var limits = XMLLimits()
  if size > 0 && data[0] & 1 == 1 {
    // Small limits, so every limit is reached and must be reached the same way under any chunking.
    limits = XMLLimits(
      maxDepth: 6, maxNameLength: 12, maxAttributes: 4, maxAttributeValueLength: 24,
      maxTextLength: 40, maxTagLength: 96, maxInputSize: 4_000, maxNameTableBytes: 200)
  }
  let whole = fuzzRun(input, sizes: [], limits: limits)
  let runs = [
    fuzzRun(input, sizes: [1], limits: limits), fuzzRun(input, sizes: fuzzSizes(input, salt: 1), limits: limits),
    fuzzRun(input, sizes: fuzzSizes(input, salt: 2), limits: limits),
  ]
  for run in runs where run != whole {
    print("MISMATCH\nwhole: \(whole)\nchunked: \(run)")
    fatalError("whole and chunked runs differ")
  }
  return 0
}
