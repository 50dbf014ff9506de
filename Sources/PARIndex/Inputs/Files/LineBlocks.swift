/// A file read in blocks of whole lines, for streaming a large CSV file without holding it:
/// memory stays at about one block per reader, however large the file.
///
/// Blocks end just after a line feed (LF), so a block never splits a line or a UTF-8
/// sequence (LF is never part of one). A line longer than the block size grows the block.
/// Immutable once open, and `pread` keeps no file position: readers on several threads may
/// share one.
///
/// Besides regular files, a named pipe (a FIFO, or `<(…)` in a shell) is read to its end,
/// waiting at most ``InputFile/pipeTimeLimit`` for somebody to open it for writing; `-` is
/// standard input. Devices and sockets are refused (`E-NOT-REGULAR`): reading one would never
/// end (`/dev/zero`, a terminal).
final class LineBlockFile: @unchecked Sendable {
  let path: String
  private let descriptor: SystemCalls.Descriptor
  /// The file's size in bytes when it was opened.
  let size: Int
  /// What the file was when it was opened: its size and time of last change.
  private let openedStatus: SystemCalls.FileStatus
  /// False for a pipe or standard input: its size is unknown until read.
  let isRegular: Bool
  /// A named pipe opened by its path, which reads as ended until a writer opens it.
  private let waitsForWriter: Bool

  /// Opens `path` for reading (`-`: standard input).
  /// - Throws: ``Diagnostic`` when it is missing, a folder, a device or unreadable.
  init(path: String) throws(Diagnostic) {
    let location = InputLocation(file: path)
    let opened: Result<SystemCalls.Descriptor, SystemCalls.Failure>
    if path == "-" {
      opened = SystemCalls.standardInput()
    } else {
      // Looked at before it is opened: opening a device can have effects of its own.
      guard let status = SystemCalls.status(path) else { throw Diagnostic(.fileNotFound, at: location) }
      guard status.type != .folder else { throw Diagnostic(.expectedFile, at: location) }
      guard status.type == .regular || status.type == .pipe else { throw Diagnostic(.notARegularFile, at: location) }
      opened = SystemCalls.openForReading(path)
    }
    let descriptor: SystemCalls.Descriptor
    switch opened {
    case .success(let opened): descriptor = opened
    case .failure(let failure): throw Diagnostic(.cannotRead(reason: failure.reason), at: location)
    }
    let status: SystemCalls.FileStatus
    switch SystemCalls.status(of: descriptor) {
    case .success(let found): status = found
    case .failure(let failure):
      SystemCalls.closeFile(descriptor)
      throw Diagnostic(.cannotRead(reason: failure.reason), at: location)
    }
    // Replaced by a device between the look and the opening.
    if path != "-" && status.type != .regular && status.type != .pipe {
      SystemCalls.closeFile(descriptor)
      throw Diagnostic(.notARegularFile, at: location)
    }
    (self.path, self.descriptor, self.size, openedStatus) = (path, descriptor, status.size, status)
    isRegular = status.type == .regular
    waitsForWriter = path != "-" && status.type == .pipe
  }

  /// Everything until the end: a regular file (to its end, should it have grown since it was
  /// opened or report no size, as some virtual files do), or a pipe.
  func readAll() throws(Diagnostic) -> [UInt8] {
    if isRegular {
      var bytes = try read(at: 0, count: size)
      while true {
        let more = try read(at: bytes.count, count: 1 << 16, pastSize: true)
        if more.isEmpty { return bytes }
        bytes.append(contentsOf: more)
      }
    }
    return try readStream()
  }

  /// A pipe or standard input, to its end. A named pipe nobody holds open for writing reads
  /// as ended: until a writer shows up (writes, closes, or holds it open), wait, at most the
  /// time limit.
  private func readStream() throws(Diagnostic) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var writerSeen = !waitsForWriter
    let limit = InputFile.pipeTimeLimit
    let deadline = ContinuousClock.now + .seconds(limit)
    while true {
      switch chunk.withUnsafeMutableBytes({ SystemCalls.readSome(descriptor, into: $0) }) {
      case .bytes(let count) where count > 0:
        bytes.append(contentsOf: chunk[..<count])
        writerSeen = true
      case .bytes:
        if writerSeen { return bytes }
        let left = deadline - .now
        guard left > .zero else { throw Diagnostic(.pipeTimedOut(seconds: limit), at: InputLocation(file: path)) }
        if SystemCalls.waitForInput(descriptor, milliseconds: Int(left / .milliseconds(1)) + 1) { writerSeen = true }
      case .wouldBlock:
        // A writer holds the pipe open: its data will come, however long it takes.
        writerSeen = true
        _ = SystemCalls.waitForInput(descriptor, milliseconds: nil)
      case .failed(let failure):
        throw Diagnostic(.cannotRead(reason: failure.reason), at: InputLocation(file: path))
      }
    }
  }

  deinit { SystemCalls.closeFile(descriptor) }

  /// Whether the file still has the size and time of last change it had when it was opened:
  /// a file read twice (checked, then read in blocks) must be the same file both times.
  var isUnchanged: Bool {
    guard case .success(let now) = SystemCalls.status(of: descriptor) else { return false }
    return now.size == openedStatus.size && now.modified == openedStatus.modified
  }

  /// Up to `count` bytes from `offset` (fewer at the end of the file; with `pastSize`, the
  /// end as it is now rather than the size at opening).
  func read(at offset: Int, count: Int, pastSize: Bool = false) throws(Diagnostic) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: max(0, pastSize ? count : min(count, size - offset)))
    let filled = bytes.withUnsafeMutableBytes { buffer in
      Result { () throws(Diagnostic) in try fill(buffer, from: offset) }
    }
    bytes.removeLast(bytes.count - (try filled.get()))
    return bytes
  }

  /// The offset just after the first LF at or after `offset`, or the file's size.
  func lineStart(atOrAfter offset: Int) throws(Diagnostic) -> Int {
    guard offset > 0 else { return 0 }
    var position = offset - 1
    while position < size {
      let window = try read(at: position, count: 4096)
      if window.isEmpty { break }
      if let feed = window.firstIndex(of: 0x0A) { return position + feed + 1 }
      position += window.count
    }
    return size
  }

  /// Calls `body` with consecutive blocks of `range`, each holding whole lines (the last
  /// may end without a LF at the end of the range), and the file offset of its first byte.
  /// `range` must start at the beginning of a line. `body` returns false to stop early.
  func forEachBlock(
    of range: Range<Int>, blockSize: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Bool
  ) throws(Diagnostic) {
    try forEachBlock(of: range, blockSize: blockSize) { (block, offset, _) throws(Diagnostic) in
      body(block, offset) ? block.count : nil
    }
  }

  /// As above, for a reader that may stop inside a block (at a record that runs on, such as a
  /// quoted field holding a line break): `body` also learns whether the block is the last, and
  /// returns how many of its bytes it used (`nil` to stop). The rest starts the next block,
  /// which is grown when nothing of a whole block could be used.
  func forEachBlock(
    of range: Range<Int>, blockSize: Int,
    _ body: (UnsafeBufferPointer<UInt8>, Int, Bool) throws(Diagnostic) -> Int?
  ) throws(Diagnostic) {
    var capacity = max(blockSize, 1)
    var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    defer { buffer.deallocate() }
    var carried = 0  // bytes not yet used, kept at the front of the buffer
    var offset = range.lowerBound  // the file offset of the next byte to read
    while true {
      if carried == capacity {
        // One line (or record) fills the whole block: grow it.
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity * 2, alignment: 16)
        larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[..<carried]))
        buffer.deallocate()
        (buffer, capacity) = (larger, capacity * 2)
      }
      let wanted = min(capacity - carried, range.upperBound - offset)
      let filled = try fill(UnsafeMutableRawBufferPointer(rebasing: buffer[carried..<carried + wanted]), from: offset)
      let blockStart = offset - carried
      offset += filled
      let available = carried + filled
      let bytes = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: available)
      if offset >= range.upperBound || filled == 0 {
        if available > 0 { _ = try body(bytes, blockStart, true) }
        return
      }
      guard let lastFeed = bytes.lastIndex(of: 0x0A) else {
        carried = available
        continue
      }
      guard let used = try body(UnsafeBufferPointer(rebasing: bytes[...lastFeed]), blockStart, false) else { return }
      carried = available - used
      if carried > 0 && used > 0 {
        buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + used, byteCount: carried)
      }
    }
  }

  /// Fills `buffer` from `offset` with `pread`, retrying short reads; returns the bytes read
  /// (fewer than asked only at the end of the file).
  private func fill(_ buffer: UnsafeMutableRawBufferPointer, from offset: Int) throws(Diagnostic) -> Int {
    switch SystemCalls.readAt(descriptor, into: buffer, offset: offset) {
    case .success(let count): return count
    case .failure(let failure): throw Diagnostic(.cannotRead(reason: failure.reason), at: InputLocation(file: path))
    }
  }
}
