#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file read in blocks of whole lines, for streaming a large CSV file without holding it:
/// memory stays at about one block per reader, however large the file.
///
/// Blocks end just after a line feed (LF), so a block never splits a line or a UTF-8
/// sequence (LF is never part of one). A line longer than the block size grows the block.
/// Immutable once open, and `pread` keeps no file position: readers on several threads may
/// share one.
final class LineBlockFile: @unchecked Sendable {
  let path: String
  private let descriptor: Int32
  /// The file's size in bytes when it was opened.
  let size: Int

  /// Opens `path` for reading.
  /// - Throws: ``Diagnostic`` when it is missing, a folder or unreadable.
  init(path: String) throws(Diagnostic) {
    guard InputFile.exists(path) else { throw Diagnostic(.fileNotFound, at: InputLocation(file: path)) }
    guard !InputFile.isFolder(path) else { throw Diagnostic(.expectedFile, at: InputLocation(file: path)) }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw Diagnostic(.cannotRead(reason: String(cString: strerror(errno))), at: InputLocation(file: path)) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      close(descriptor)
      throw Diagnostic(.cannotRead(reason: String(cString: strerror(errno))), at: InputLocation(file: path))
    }
    (self.path, self.descriptor, self.size) = (path, descriptor, Int(status.st_size))
    isRegular = (status.st_mode & S_IFMT) == S_IFREG
  }

  /// False for a pipe or a device (`<(…)` in a shell): its size is unknown until read.
  let isRegular: Bool

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
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Diagnostic(.cannotRead(reason: String(cString: strerror(errno))), at: InputLocation(file: path))
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[..<count])
    }
  }

  deinit { close(descriptor) }

  /// Up to `count` bytes from `offset` (fewer at the end of the file; with `pastSize`, the
  /// end as it is now rather than the size at opening).
  func read(at offset: Int, count: Int, pastSize: Bool = false) throws(Diagnostic) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: max(0, pastSize ? count : min(count, size - offset)))
    let filled = bytes.withUnsafeMutableBytes { buffer in Result { () throws(Diagnostic) in try fill(buffer, from: offset) } }
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
    var capacity = max(blockSize, 1)
    var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    defer { buffer.deallocate() }
    var carried = 0  // bytes of an unfinished line kept at the front of the buffer
    var offset = range.lowerBound  // the file offset of the next byte to read
    while true {
      if carried == capacity {
        // One line fills the whole block: grow it.
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
        if available > 0 { _ = body(bytes, blockStart) }
        return
      }
      guard let lastFeed = bytes.lastIndex(of: 0x0A) else {
        carried = available
        continue
      }
      if !body(UnsafeBufferPointer(rebasing: bytes[...lastFeed]), blockStart) { return }
      carried = available - lastFeed - 1
      if carried > 0 {
        buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + lastFeed + 1, byteCount: carried)
      }
    }
  }

  private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.read(descriptor, buffer, count)
    #else
      Darwin.read(descriptor, buffer, count)
    #endif
  }

  /// Fills `buffer` from `offset` with `pread`, retrying short reads; returns the bytes read
  /// (fewer than asked only at the end of the file).
  private func fill(_ buffer: UnsafeMutableRawBufferPointer, from offset: Int) throws(Diagnostic) -> Int {
    var done = 0
    while done < buffer.count {
      let result = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
      if result < 0 {
        if errno == EINTR { continue }
        throw Diagnostic(.cannotRead(reason: String(cString: strerror(errno))), at: InputLocation(file: path))
      }
      if result == 0 { break }
      done += result
    }
    return done
  }
}
