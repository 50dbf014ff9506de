import Foundation

/// Writing output files whole or not at all: the text goes to a temporary file in the same
/// folder, is flushed to disk, and replaces the target by an atomic rename. A reader never
/// sees a half-written report, and an existing file survives a crash or a kill mid-write.
///
/// - A symbolic link is followed: its target is replaced (the temporary sits beside the
///   target) and the link stays a link.
/// - A pipe or a character device (`/dev/null`, a FIFO) is written directly, with no
///   temporary and no rename; opening a FIFO waits for its reader, as for any program.
/// - The temporary is `.NAME.PID.partial`. Before writing, such files for the same NAME left by
///   runs that were killed are removed (see `removeStaleTemporaries(of:in:)`); nothing else.
public enum OutputFile {
  /// Why an output could not be written.
  public struct WriteError: Error, Sendable, CustomStringConvertible {
    /// The output path, as given.
    public var path: String
    /// Why it could not be written (the system's error text).
    public var reason: String
    /// `PATH: cannot write: REASON`.
    public var description: String { "\(path): cannot write: \(reason)" }
  }

  /// Writes `text` as UTF-8 to `path` atomically.
  public static func write(_ text: String, to path: String) throws(WriteError) {
    // From the string's own storage: a 250 MB JSON is not copied once more to be written.
    var text = text
    try text.withUTF8 { bytes in Result { () throws(WriteError) in try write(UnsafeRawBufferPointer(bytes), to: path) }
    }
    .get()
  }

  /// Writes `bytes` to `path` atomically (a pipe or a character device directly).
  public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
    try bytes.withUnsafeBytes { raw in Result { () throws(WriteError) in try write(raw, to: path) } }.get()
  }

  private static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(WriteError) {
    guard let target = destination(of: path) else {
      throw WriteError(path: path, reason: "too many levels of symbolic links")
    }
    switch SystemCalls.status(target)?.type {
    case nil, .regular?: try replace(target, with: bytes, path: path)
    case .pipe?, .characterDevice?: try writeDirectly(bytes, to: target, path: path)
    case .folder?: throw WriteError(path: path, reason: "it is a folder")
    default: throw WriteError(path: path, reason: "it is not a regular file, a pipe or a character device")
    }
  }

  /// Where writing `path` lands: an existing regular file by its real path (links resolved); a
  /// pipe or device as named (`/dev/stdout` may be a pipe with no path); else symbolic links
  /// followed to the file they name, which need not exist yet. `nil` for a loop of links.
  static func destination(of path: String) -> String? {
    if let status = SystemCalls.status(path) {
      return status.type == .regular ? SystemCalls.realPath(path) ?? path : path
    }
    var current = path
    for _ in 0..<40 {
      guard SystemCalls.status(current, followingLinks: false)?.type == .symbolicLink,
        let target = SystemCalls.linkTarget(current)
      else { return current }
      current = target.hasPrefix("/") ? target : InputFile.join(folder(of: current), target)
    }
    return nil
  }

  /// Removes the temporaries `.NAME.PID.partial` in `folder` that runs writing `name` left when
  /// they were killed: regular files named exactly so, PID a process id, and that process gone
  /// (`kill(PID, 0)` fails with `ESRCH`) or started after the file was last written (its id
  /// reused; known on Linux). A file of a run still writing is never touched, nor any other.
  /// Failures are ignored: the write goes on.
  static func removeStaleTemporaries(of name: String, in folder: String) {
    let prefix = Array(".\(name).".utf8)
    let suffix = Array(".partial".utf8)
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
      let bytes = Array(entry.utf8)
      guard bytes.count > prefix.count + suffix.count, bytes.starts(with: prefix),
        bytes.suffix(suffix.count).elementsEqual(suffix)
      else { continue }
      let digits = bytes[prefix.count..<(bytes.count - suffix.count)]
      guard digits.count <= 10, digits.first != UInt8(ascii: "0"), digits.allSatisfy({ (0x30...0x39).contains($0) }),
        let pid = Int32(String(decoding: digits, as: UTF8.self))
      else { continue }
      let file = InputFile.join(folder, entry)
      guard let status = SystemCalls.status(file, followingLinks: false), status.type == .regular else { continue }
      if !SystemCalls.processIsAlive(pid) {
        SystemCalls.removeFile(file)
      } else if let start = SystemCalls.processStart(pid), status.modified < start - clockMargin {
        SystemCalls.removeFile(file)
      }
    }
  }

  /// How much older than a process's start a file must be to be taken as another's: start times
  /// are known to about a second, and clocks get adjusted.
  private static let clockMargin = 5.0

  /// The folder of `path` (`.` for a bare name).
  private static func folder(of path: String) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    return folder.isEmpty ? "." : folder
  }

  /// The atomic write: a temporary beside `target`, flushed, renamed over it.
  private static func replace(_ target: String, with bytes: UnsafeRawBufferPointer, path: String) throws(WriteError) {
    let folder = folder(of: target)
    let name = (target as NSString).lastPathComponent
    removeStaleTemporaries(of: name, in: folder)
    let temporary = InputFile.join(folder, ".\(name).\(SystemCalls.processID).partial")
    let descriptor = try createTemporary(temporary, path: path)
    var failure = SystemCalls.writeAll(bytes, to: descriptor)
    failure = failure ?? SystemCalls.flushToDisk(descriptor)
    if let closing = SystemCalls.closeFile(descriptor), failure == nil { failure = closing }
    failure = failure ?? SystemCalls.replace(target, with: temporary)
    if let failure {
      SystemCalls.removeFile(temporary)
      throw WriteError(path: path, reason: failure.reason)
    }
  }

  /// Creates the temporary for this write only. It exists already only while another thread of
  /// this process writes the same file (a killed run's was removed): wait for that write to end.
  private static func createTemporary(_ temporary: String, path: String) throws(WriteError) -> SystemCalls.Descriptor {
    let deadline = ContinuousClock.now + .seconds(60)
    while true {
      switch SystemCalls.openForWriting(temporary, exclusive: true) {
      case .success(let descriptor): return descriptor
      case .failure(let failure) where failure.alreadyExists && ContinuousClock.now < deadline:
        Thread.sleep(forTimeInterval: 0.01)
      case .failure(let failure): throw WriteError(path: path, reason: failure.reason)
      }
    }
  }

  /// A pipe or a device: written as it is, nothing to rename.
  private static func writeDirectly(
    _ bytes: UnsafeRawBufferPointer, to target: String, path: String
  ) throws(WriteError) {
    let descriptor: SystemCalls.Descriptor
    switch SystemCalls.openForWriting(target, exclusive: false) {
    case .success(let opened): descriptor = opened
    case .failure(let failure): throw WriteError(path: path, reason: failure.reason)
    }
    var failure = SystemCalls.writeAll(bytes, to: descriptor)
    if let closing = SystemCalls.closeFile(descriptor), failure == nil { failure = closing }
    if let failure { throw WriteError(path: path, reason: failure.reason) }
  }
}
