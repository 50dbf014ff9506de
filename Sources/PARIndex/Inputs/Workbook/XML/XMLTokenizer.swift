/// A strict, streaming (push) XML 1.0 + Namespaces tokenizer for untrusted SpreadsheetML parts.
///
/// Feed the input in chunks of any size with `feed(_:_:)`, then call `finish(_:)`. The events, and the error if
/// any, are the same however the input is split: a construct cut by a chunk boundary is parsed again from a
/// small carry buffer once more bytes arrive (re-tried only after the carry doubles, so the work stays linear).
/// Text runs, comments, processing instructions and CDATA sections are streamed and never buffered whole.
///
/// Checks well-formedness (tags, attributes, references, characters, UTF-8, one root) and namespace rules,
/// refuses DOCTYPE and non-UTF-8 input, and enforces `XMLLimits`. After an error the tokenizer is closed: every
/// later call throws the same error (or `.closed` after a handler error or `finish`).
///
/// Noncopyable: it owns manually managed buffers (freed in `deinit`), which keeps the per-element work free of
/// `Array` bookkeeping. `@unchecked Sendable` is sound because nothing else can reach those buffers.
/// Internal helpers are `mutating` even when they only read: a borrowed call would copy the whole struct.
struct XMLTokenizer: ~Copyable, @unchecked Sendable {
  /// Where the document is relative to its root element.
  enum Phase: UInt8, Sendable {
    /// Before the root element.
    case prolog
    /// Inside the root element.
    case content
    /// After the root element.
    case epilog
  }

  /// A construct whose body is being streamed (its opening was consumed).
  enum Construct: UInt8, Sendable {
    /// Between constructs.
    case none
    /// Inside `<!-- … -->`.
    case comment
    /// Inside `<?target … ?>`.
    case processingInstruction
    /// Inside `<![CDATA[ … ]]>`.
    case cdata
  }

  /// What `step` stopped for.
  enum Step {
    /// Needs more input; everything before `pos` is consumed.
    case needMore
    /// A start tag was parsed (attributes in `attributes`, name in `elementName`).
    case start
    /// A self-closing start tag was parsed.
    case selfClosing
    /// An end tag was parsed (name in `elementName`).
    case end
  }

  /// An element that is open, for end-tag matching and namespace scoping.
  struct OpenElement: Sendable, BitwiseCopyable {
    /// Resolved name, reported again by the end tag.
    var name: XMLName
    /// The raw qualified name packed as by `XMLNameTable.shortKey` when at most 8 bytes (else unused).
    var key: UInt64
    /// Start of the raw qualified name in `openNames` (names over 8 bytes only; shorter ones are in `key`).
    var qnameStart: Int
    /// Length of the raw qualified name.
    var qnameLength: Int
    /// `bindingUndo.count` before this element's namespace declarations.
    var bindingMark: Int
  }

  /// The limits in force.
  let limits: XMLLimits
  /// `ByteClass` bits of every byte value (owned; freed in `deinit`).
  let classes = ByteClass.makeTable()
  /// Interned names and prefix bindings.
  var names = XMLNameTable()

  /// Document phase.
  var phase = Phase.prolog
  /// Streamed construct in progress.
  var construct = Construct.none
  /// The only input offset where `<?xml` may start (0, or 3 after a BOM).
  var declarationOffset = 0

  /// Open elements, innermost last.
  var stack = RawBuffer<OpenElement>(capacity: 32)
  /// Raw qualified names of the open elements, back to back.
  var openNames = RawBuffer<UInt8>(capacity: 256)
  /// Undo log of prefix bindings: prefix id in the high 32 bits, previous namespace id in the low 32.
  var bindingUndo = RawBuffer<UInt64>(capacity: 16)

  /// Attributes of the start tag being parsed / reported.
  var attributes = RawBuffer<AttributeSlot>(capacity: 16)
  /// Decoded attribute values of the current start tag.
  var scratch = RawBuffer<UInt8>(capacity: 256)
  /// Keys for the duplicate-attribute check of large tags.
  var sortScratch: [UInt64] = []
  /// Name of the element just started or ended.
  var elementName = XMLName(namespace: 0, local: 0)
  /// Whether the start tag just parsed by `fastStartTag` was self-closing.
  var lastSelfClosing = false

  /// Text of the current run that had to be copied (decoded, or spread over buffers or around comments).
  var pendingText = RawBuffer<UInt8>(capacity: 256)
  /// Start of the not-yet-copied text of the current run in the current buffer.
  var candidateStart = 0
  /// End of the not-yet-copied text of the current run in the current buffer.
  var candidateEnd = 0

  /// Unconsumed input from earlier chunks (an incomplete construct).
  var carry = RawBuffer<UInt8>(capacity: 1024)
  /// Input offset of `carry[0]`.
  var carryOffset = 0
  /// Carry size at which parsing the carry is tried again.
  var nextAttempt = 0
  /// Input bytes accepted so far.
  var fed = 0
  /// LF bytes in the consumed input, for line numbers.
  var lines = 0
  /// Input offset of byte 0 of the buffer being parsed.
  var bufferOffset = 0
  /// Whether the buffer being parsed ends the input.
  var isFinal = false
  /// The error that closed the tokenizer, if any.
  var terminal: XMLError?

  /// Creates a tokenizer for one document.
  init(limits: XMLLimits = XMLLimits()) {
    self.limits = limits
  }

  /// Frees the buffers.
  deinit {
    classes.deallocate()
    names.free()
    stack.free()
    openNames.free()
    bindingUndo.free()
    attributes.free()
    scratch.free()
    pendingText.free()
    carry.free()
  }

  // MARK: Names

  /// The `XMLName` of a namespace URI and local name, interned now so that matching elements and attributes of
  /// the document get the same ids (ask once up front, e.g. for `(XMLNamespace.spreadsheetML, "c")`).
  /// Use `""` for attributes without a prefix. Not counted against `maxNameTableBytes`.
  mutating func name(namespace: String, local: String) -> XMLName {
    XMLName(namespace: names.namespaces.intern(namespace), local: names.locals.intern(local))
  }

  /// The namespace URI of an interned name (for messages and debugging).
  func namespaceURI(of name: XMLName) -> String { names.namespaces.string(name.namespace) }

  /// The local name of an interned name (for messages and debugging).
  func localName(of name: XMLName) -> String { names.locals.string(name.local) }

  /// Number of elements open now.
  var depth: Int { stack.count }

  /// Input bytes accepted so far.
  var bytesFed: Int { fed }

  // MARK: Feeding

  /// Tokenizes the next chunk of input, calling `handler` for each complete event. The event's bytes are valid
  /// only during the call. A handler error stops the tokenizer and is rethrown as is.
  mutating func feed<E: XMLErrorConvertible>(
    _ chunk: UnsafeRawBufferPointer, _ handler: (XMLEvent) throws(E) -> Void
  ) throws(E) {
    if let error = terminal { throw E(xmlError: error) }
    guard let raw = chunk.baseAddress, chunk.count > 0 else { return }
    let base = raw.assumingMemoryBound(to: UInt8.self)
    let room = limits.maxInputSize - fed
    let count = min(chunk.count, max(room, 0))
    try feedBytes(base, count, handler)
    if chunk.count > count {
      // Emit whatever the allowed prefix completes, so the events do not depend on the chunking.
      if !carry.isEmpty {
        nextAttempt = carry.count
        try feedBytes(base, 0, handler)
      }
      let lineFeeds = countLineFeeds(carry.base, carry.count)
      let error = XMLError.limitExceeded(
        .inputSize, limit: limits.maxInputSize,
        at: XMLPosition(offset: fed, line: 1 + lines + lineFeeds))
      terminal = error
      throw E(xmlError: error)
    }
  }

  /// Tokenizes the next chunk with a handler that does not throw.
  mutating func feed(_ chunk: UnsafeRawBufferPointer, _ handler: (XMLEvent) -> Void) throws(XMLError) {
    try feed(chunk) { (event: XMLEvent) throws(XMLError) in handler(event) }
  }

  /// Ends the input: reports the events still held back and checks that the document is complete. The
  /// tokenizer is closed afterwards.
  mutating func finish<E: XMLErrorConvertible>(_ handler: (XMLEvent) throws(E) -> Void) throws(E) {
    if let error = terminal { throw E(xmlError: error) }
    if !carry.isEmpty {
      _ = try runCarry(final: true, handler)
      carry.count = 0
    } else if construct != .none {
      let what: XMLConstruct =
        switch construct {
        case .comment: .comment
        case .processingInstruction: .processingInstruction
        default: .cdataSection
        }
      try fail(.unexpectedEndOfInput(what, at: endPosition()), E.self)
    }
    switch phase {
    case .prolog: try fail(.noRootElement(at: endPosition()), E.self)
    case .content:
      let name = openName(stack[stack.count - 1])
      try fail(.unclosedElement(name, at: endPosition()), E.self)
    case .epilog: break
    }
    terminal = .closed
  }

  /// Ends the input with a handler that does not throw.
  mutating func finish(_ handler: (XMLEvent) -> Void) throws(XMLError) {
    try finish { (event: XMLEvent) throws(XMLError) in handler(event) }
  }

  /// Records `error` as terminal and throws it as `E`.
  mutating func fail<E: XMLErrorConvertible>(_ error: XMLError, _: E.Type) throws(E) -> Never {
    terminal = error
    throw E(xmlError: error)
  }

  /// The position just past all input fed so far (everything consumed).
  mutating func endPosition() -> XMLPosition { XMLPosition(offset: fed, line: 1 + lines) }

  /// Parses `count` new bytes at `base`: first completes the carried construct by appending bytes to the carry
  /// (geometrically, so long constructs are re-parsed O(log n) times), then parses the rest in place and keeps
  /// the unconsumed tail as the new carry.
  mutating func feedBytes<E: XMLErrorConvertible>(
    _ base: UnsafePointer<UInt8>, _ count: Int, _ handler: (XMLEvent) throws(E) -> Void
  ) throws(E) {
    let chunkOffset = fed
    fed += count
    var i = 0
    if !carry.isEmpty {
      // Invariant: carry == (own bytes from earlier chunks) + chunk[0..<i].
      var own = carry.count
      while true {
        let want = nextAttempt - carry.count
        if want > 0 {
          let take = min(want, count - i)
          carry.append(base + i, count: take)
          i += take
          if carry.count < nextAttempt { return }
        }
        let used = try runCarry(final: false, handler)
        if used >= own {
          i = used - own
          carry.reset(shrinkingTo: 1 << 16)
          break
        }
        carry.removeFirst(used)
        carryOffset += used
        own -= used
        nextAttempt = growth(carry.count)
        if i == count { return }
      }
    }
    let used = try run(base + i, count - i, offset: chunkOffset + i, final: false, handler)
    let tail = count - i - used
    if tail > 0 {
      carry.append(base + i + used, count: tail)
      carryOffset = chunkOffset + i + used
      nextAttempt = growth(tail)
    }
  }

  /// Carry size for the next attempt after one failed with `size` bytes: double it (at least +64 bytes), but
  /// never beyond what any construct may need (then the attempt must succeed or fail).
  mutating func growth(_ size: Int) -> Int {
    let cap = max(limits.maxTagLength, limits.maxNameLength + 16) + 1
    return max(size + 1, min(max(size * 2, size + 64), cap))
  }

  /// Parses the carry buffer in place; returns the bytes consumed.
  mutating func runCarry<E: XMLErrorConvertible>(
    final: Bool, _ handler: (XMLEvent) throws(E) -> Void
  ) throws(E) -> Int {
    // `run` never touches `carry`, so its storage stays put while being parsed.
    try run(carry.base, carry.count, offset: carryOffset, final: final, handler)
  }

  /// Parses `b[0..<end]`, reporting events, until it needs more input; returns the bytes consumed. Inside the
  /// root element a fast loop handles plain text, short matching end tags and `fastStartTag` shapes; anything
  /// else (and every error) goes through `step`.
  mutating func run<E: XMLErrorConvertible>(
    _ b: UnsafePointer<UInt8>, _ end: Int, offset: Int, final: Bool, _ handler: (XMLEvent) throws(E) -> Void
  ) throws(E) -> Int {
    bufferOffset = offset
    isFinal = final
    // The last `<` of the buffer: scans that start before it stop at a `<` without bounds checks.
    var stop = end &- 1
    while stop >= 0 && b[stop] != 0x3C { stop &-= 1 }
    var pos = 0
    while true {
      fast: while construct == .none && phase == .content && pos < stop {
        let c = b[pos]
        if c != 0x3C {
          // Plain text ending at `<`, starting a new run: it stays in the buffer.
          guard
            pendingText.isEmpty && candidateEnd == candidateStart
              && classes[Int(c)] & ByteClass.textBit != 0
          else { break fast }
          let cls = classes
          var q = pos &+ 1
          while cls[Int(b[q])] & ByteClass.textBit != 0 { q &+= 1 }
          guard b[q] == 0x3C && q &- pos <= limits.maxTextLength else { break fast }
          candidateStart = pos
          candidateEnd = q
          pos = q
          continue
        }
        if b[pos &+ 1] == 0x2F {
          // `</name>` closing an element whose name has at most 8 bytes.
          guard stack.count > 0 else { break fast }
          let top = stack[stack.count &- 1]
          let length = top.qnameLength
          guard
            length <= 8 && end &- pos > length &+ 2 && b[pos &+ 2 &+ length] == 0x3E
              && packedKey(b, pos &+ 2, length, end) == top.key && length &+ 3 <= limits.maxTagLength
          else { break fast }
          pos &+= length &+ 3
          if candidateEnd > candidateStart || !pendingText.isEmpty { try emitText(b, handler) }
          closeElement(top)
          do throws(E) { try handler(.endElement(elementName)) } catch {
            terminal = .closed
            throw error
          }
          continue
        }
        let next = fastStartTag(b, pos, end, stop: stop)
        if next < 0 { break fast }
        pos = next
        try emitStart(b, selfClosing: lastSelfClosing, handler)
      }
      let step: Step
      do {
        step = try self.step(b, &pos, end)
      } catch {
        terminal = error
        throw E(xmlError: error)
      }
      switch step {
      case .needMore:
        spillCandidate(b)
        lines += countLineFeeds(b, pos)
        return pos
      case .start: try emitStart(b, selfClosing: false, handler)
      case .selfClosing: try emitStart(b, selfClosing: true, handler)
      case .end:
        if candidateEnd > candidateStart || !pendingText.isEmpty { try emitText(b, handler) }
        do throws(E) { try handler(.endElement(elementName)) } catch {
          terminal = .closed
          throw error
        }
      }
    }
  }

  /// Reports the pending text run (if any), then the start tag just parsed (and its end if self-closing).
  @inline(__always)
  mutating func emitStart<E: XMLErrorConvertible>(
    _ b: UnsafePointer<UInt8>, selfClosing: Bool, _ handler: (XMLEvent) throws(E) -> Void
  ) throws(E) {
    if candidateEnd > candidateStart || !pendingText.isEmpty { try emitText(b, handler) }
    do throws(E) {
      let attrs = XMLAttributes(slots: attributes.buffer, input: b, scratch: scratch.base)
      try handler(.startElement(XMLStartElement(name: elementName, attributes: attrs, isSelfClosing: selfClosing)))
      if selfClosing { try handler(.endElement(elementName)) }
    } catch {
      terminal = .closed
      throw error
    }
  }

  /// Reports the pending text run and starts a new one.
  @inline(__always)
  mutating func emitText<E: XMLErrorConvertible>(
    _ b: UnsafePointer<UInt8>, _ handler: (XMLEvent) throws(E) -> Void
  ) throws(E) {
    do throws(E) {
      if pendingText.isEmpty {
        let text = UnsafeBufferPointer(start: b + candidateStart, count: candidateEnd - candidateStart)
        candidateStart = 0
        candidateEnd = 0
        try handler(.text(XMLBytes(buffer: text)))
      } else {
        try handler(.text(XMLBytes(buffer: pendingText.buffer)))
        pendingText.reset(shrinkingTo: 1 << 16)
      }
    } catch {
      terminal = .closed
      throw error
    }
  }

  // MARK: Text run bookkeeping

  /// Decoded length of the current text run.
  var textLength: Int { mutating get { pendingText.count + candidateEnd - candidateStart } }

  /// Adds raw bytes `b[s..<e]` (already checked, needing no decoding) to the text run, without copying when
  /// they extend the in-buffer candidate.
  @inline(__always)
  mutating func appendRaw(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int) {
    if pendingText.isEmpty {
      if candidateEnd == candidateStart {
        candidateStart = s
        candidateEnd = e
        return
      }
      if candidateEnd == s {
        candidateEnd = e
        return
      }
      spillCandidate(b)
    }
    pendingText.append(b + s, count: e - s)
  }

  /// Adds a decoded scalar (from a reference or a line-end) to the text run, checking the text limit.
  mutating func appendScalar(_ scalar: UInt32, _ b: UnsafePointer<UInt8>, at p: Int) throws(XMLError) {
    spillCandidate(b)
    appendUTF8(scalar, to: &pendingText)
    if pendingText.count > limits.maxTextLength {
      throw .limitExceeded(.textLength, limit: limits.maxTextLength, at: position(b, p))
    }
  }

  /// Copies the in-buffer candidate into `pendingText` (before the buffer goes away, or before a gap).
  @inline(__always)
  mutating func spillCandidate(_ b: UnsafePointer<UInt8>) {
    if candidateEnd > candidateStart {
      pendingText.append(b + candidateStart, count: candidateEnd - candidateStart)
    }
    candidateStart = 0
    candidateEnd = 0
  }

  // MARK: Positions

  /// The position of `b[p]` in the buffer being parsed.
  mutating func position(_ b: UnsafePointer<UInt8>, _ p: Int) -> XMLPosition {
    XMLPosition(offset: bufferOffset + p, line: 1 + lines + countLineFeeds(b, p))
  }

  /// The bytes `b[s..<e]` as a `String` (error messages only).
  mutating func string(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: b + s, count: e - s), as: UTF8.self)
  }

  /// In final mode an incomplete construct is an error; otherwise the step waits for more input.
  @inline(__always)
  mutating func incomplete(_ what: XMLConstruct, _ b: UnsafePointer<UInt8>, _ end: Int) throws(XMLError) -> Step {
    if isFinal { throw .unexpectedEndOfInput(what, at: position(b, end)) }
    return .needMore
  }

  /// A tag parser ran out of bytes: the tag is too long if it was given its whole `maxTagLength` window.
  mutating func ranOut(
    _ what: XMLConstruct, windowFull: Bool, _ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int
  ) throws(XMLError) -> Step {
    if windowFull { throw .limitExceeded(.tagLength, limit: limits.maxTagLength, at: position(b, start)) }
    return try incomplete(what, b, end)
  }
}
