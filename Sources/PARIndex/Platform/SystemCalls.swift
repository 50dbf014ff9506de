import Foundation

// The few operating-system calls the library makes, in one place: files (open, read, write,
// fsync, rename, unlink, stat, realpath, readlink), processes (getpid, kill, start times) and
// the number of cores. POSIX systems (Glibc, Musl, Darwin) share one implementation; any
// other platform — or a build with `-Xswiftc -DPARINDEX_PORTABLE`, which
// `Scripts/check-portable.sh` compiles — gets a fallback made of Foundation alone.
#if !PARINDEX_PORTABLE && canImport(Glibc)
import Glibc
#elseif !PARINDEX_PORTABLE && canImport(Musl)
import Musl
#elseif !PARINDEX_PORTABLE && canImport(Darwin)
import Darwin
#endif

/// The operating system, as the library uses it. Every call either succeeds or says why not in
/// a ``Failure``; none keeps state between calls.
enum SystemCalls {
  /// Why a call failed.
  struct Failure: Error, Sendable, Equatable {
    /// The system's text for the error (`No space left on device`).
    var reason: String
    /// The file to create exists already.
    var alreadyExists = false
  }

  /// What a path names.
  enum FileType: Sendable, Equatable {
    case regular, folder, symbolicLink, pipe, characterDevice, blockDevice, socket, unknown
  }

  /// What `stat` says about a file.
  struct FileStatus: Sendable, Equatable {
    var type: FileType
    /// The device and inode numbers: two paths with the same pair are the same file.
    var device: UInt64
    var inode: UInt64
    var size: Int
    /// The last modification, in seconds since 1970.
    var modified: Double
  }

  /// How a read from a stream ended.
  enum StreamRead: Sendable, Equatable {
    /// This many bytes (0: the end of the stream, or a pipe nobody holds open for writing).
    case bytes(Int)
    /// A pipe held open by a writer that has not written yet.
    case wouldBlock
    case failed(Failure)
  }
}

#if !PARINDEX_PORTABLE && (canImport(Glibc) || canImport(Musl) || canImport(Darwin))
extension SystemCalls {
  /// An open file.
  struct Descriptor: Sendable {
    fileprivate let raw: Int32
  }

  /// The failure `errno` names.
  private static var lastFailure: Failure {
    let number = errno
    return Failure(reason: String(cString: strerror(number)), alreadyExists: number == EEXIST)
  }

  private static func status(_ raw: stat) -> FileStatus {
    let type: FileType
    switch raw.st_mode & S_IFMT {
    case S_IFREG: type = .regular
    case S_IFDIR: type = .folder
    case S_IFLNK: type = .symbolicLink
    case S_IFIFO: type = .pipe
    case S_IFCHR: type = .characterDevice
    case S_IFBLK: type = .blockDevice
    case S_IFSOCK: type = .socket
    default: type = .unknown
    }
    #if os(Linux)
    let modified = Double(raw.st_mtim.tv_sec) + Double(raw.st_mtim.tv_nsec) / 1e9
    #else
    let modified = Double(raw.st_mtimespec.tv_sec) + Double(raw.st_mtimespec.tv_nsec) / 1e9
    #endif
    return FileStatus(
      type: type, device: UInt64(raw.st_dev), inode: UInt64(raw.st_ino), size: Int(raw.st_size), modified: modified)
  }

  /// `stat` (or `lstat`, not following a final symbolic link); `nil` when nothing is there.
  static func status(_ path: String, followingLinks: Bool = true) -> FileStatus? {
    var raw = stat()
    guard (followingLinks ? stat(path, &raw) : lstat(path, &raw)) == 0 else { return nil }
    return status(raw)
  }

  /// `fstat`.
  static func status(of descriptor: Descriptor) -> Result<FileStatus, Failure> {
    var raw = stat()
    guard fstat(descriptor.raw, &raw) == 0 else { return .failure(lastFailure) }
    return .success(status(raw))
  }

  /// `realpath`: the absolute path without symbolic links, `.` or `..`; `nil` when the path
  /// does not exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// `readlink`: what a symbolic link points to, as written in the link.
  static func linkTarget(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: 4097)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else { return nil }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Opens a file for writing: a new file created for this write only (`exclusive`, mode
  /// 0644 before the umask), or an existing pipe or device as it is.
  static func openForWriting(_ path: String, exclusive: Bool) -> Result<Descriptor, Failure> {
    let flags = exclusive ? O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC : O_WRONLY | O_CLOEXEC
    let raw = open(path, flags, 0o644)
    return raw >= 0 ? .success(Descriptor(raw: raw)) : .failure(lastFailure)
  }

  /// Opens a file for reading; a named pipe opens at once, without waiting for a writer.
  static func openForReading(_ path: String) -> Result<Descriptor, Failure> {
    let raw = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    return raw >= 0 ? .success(Descriptor(raw: raw)) : .failure(lastFailure)
  }

  /// A descriptor of standard input of its own (`dup(0)`), read with blocking reads.
  static func standardInput() -> Result<Descriptor, Failure> {
    let raw = dup(0)
    return raw >= 0 ? .success(Descriptor(raw: raw)) : .failure(lastFailure)
  }

  /// Writes all of `bytes`, retrying interrupted and short writes.
  static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Descriptor) -> Failure? {
    var done = 0
    while done < bytes.count {
      let result = write(descriptor.raw, bytes.baseAddress! + done, bytes.count - done)
      if result < 0 {
        if errno == EINTR { continue }
        return lastFailure
      }
      done += result
    }
    return nil
  }

  /// `fsync`: the file's bytes are on the disk.
  static func flushToDisk(_ descriptor: Descriptor) -> Failure? {
    fsync(descriptor.raw) == 0 ? nil : lastFailure
  }

  /// `close`.
  @discardableResult static func closeFile(_ descriptor: Descriptor) -> Failure? {
    close(descriptor.raw) == 0 ? nil : lastFailure
  }

  /// `read`: whatever a stream holds now, up to the buffer's size.
  static func readSome(_ descriptor: Descriptor, into buffer: UnsafeMutableRawBufferPointer) -> StreamRead {
    while true {
      let count = read(descriptor.raw, buffer.baseAddress!, buffer.count)
      if count >= 0 { return .bytes(count) }
      if errno == EINTR { continue }
      return errno == EAGAIN || errno == EWOULDBLOCK ? .wouldBlock : .failed(lastFailure)
    }
  }

  /// `pread`: up to the buffer's size from `offset` (fewer only at the end of the file).
  static func readAt(
    _ descriptor: Descriptor, into buffer: UnsafeMutableRawBufferPointer, offset: Int
  ) -> Result<Int, Failure> {
    var done = 0
    while done < buffer.count {
      let result = pread(descriptor.raw, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
      if result < 0 {
        if errno == EINTR { continue }
        return .failure(lastFailure)
      }
      if result == 0 { break }
      done += result
    }
    return .success(done)
  }

  /// `poll`: waits until the stream can be read (data, or its writer gone), at most
  /// `milliseconds` (`nil`: as long as it takes). False when the time ran out.
  static func waitForInput(_ descriptor: Descriptor, milliseconds: Int?) -> Bool {
    var request = pollfd(fd: descriptor.raw, events: Int16(POLLIN), revents: 0)
    while true {
      let result = poll(&request, 1, Int32(clamping: milliseconds ?? -1))
      if result < 0 && errno == EINTR { continue }
      return result != 0
    }
  }

  /// `rename`: `source` replaces `target` in one step.
  static func replace(_ target: String, with source: String) -> Failure? {
    rename(source, target) == 0 ? nil : lastFailure
  }

  /// `unlink`.
  @discardableResult static func removeFile(_ path: String) -> Bool { unlink(path) == 0 }

  /// `getpid`.
  static var processID: Int32 { getpid() }

  /// Whether a process has this id: `kill(pid, 0)` does not fail with `ESRCH`.
  static func processIsAlive(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno != ESRCH
  }

  /// When the process with this id started, in seconds since 1970, from `/proc` (rounded
  /// down to the second the system booted in); `nil` where that is not known (not Linux).
  static func processStart(_ pid: Int32) -> Double? {
    #if os(Linux)
    // /proc/PID/stat: the 22nd field, after the command name in parentheses, is the start
    // in clock ticks since boot; /proc/stat's `btime` is the boot, in seconds since 1970.
    guard let stat = smallFile("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")"),
      let system = smallFile("/proc/stat")
    else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 19, let ticks = Double(fields[19]),
      let line = system.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
      let boot = Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
    else { return nil }
    return boot + ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    #else
    return nil
    #endif
  }

  /// The number of cores online.
  static var coreCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

  /// A small file of text read to its end (the files of `/proc` say they are empty).
  private static func smallFile(_ path: String) -> String? {
    guard case .success(let descriptor) = openForReading(path) else { return nil }
    defer { closeFile(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while bytes.count < 1 << 20 {
      let read = chunk.withUnsafeMutableBytes { readSome(descriptor, into: $0) }
      guard case .bytes(let count) = read, count > 0 else { break }
      bytes += chunk[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
#else
// The Foundation fallback: the same calls, as near as Foundation comes.
extension SystemCalls {
  /// An open file: a handle, and the path for reads at an offset (a fresh handle each, since
  /// readers on several threads share one file).
  struct Descriptor: @unchecked Sendable {
    fileprivate let handle: FileHandle
    fileprivate let path: String?
  }

  private static func failure(_ error: any Error) -> Failure { Failure(reason: error.localizedDescription) }

  static func status(_ path: String, followingLinks: Bool = true) -> FileStatus? {
    let manager = FileManager.default
    var path = path
    if followingLinks {
      for _ in 0..<40 {
        guard let target = try? manager.destinationOfSymbolicLink(atPath: path) else { break }
        path =
          target.hasPrefix("/")
          ? target
          : ((path as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent(target)
      }
    }
    guard let attributes = try? manager.attributesOfItem(atPath: path) else { return nil }
    let type: FileType
    switch attributes[.type] as? FileAttributeType {
    case .typeRegular?: type = .regular
    case .typeDirectory?: type = .folder
    case .typeSymbolicLink?: type = followingLinks ? .unknown : .symbolicLink
    case .typeCharacterSpecial?: type = .characterDevice
    case .typeBlockSpecial?: type = .blockDevice
    case .typeSocket?: type = .socket
    default: type = .unknown
    }
    return FileStatus(
      type: type, device: (attributes[.systemNumber] as? NSNumber)?.uint64Value ?? 0,
      inode: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0,
      size: (attributes[.size] as? NSNumber)?.intValue ?? 0,
      modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
  }

  static func status(of descriptor: Descriptor) -> Result<FileStatus, Failure> {
    guard let path = descriptor.path, let status = status(path) else {
      return .failure(Failure(reason: "unknown file"))
    }
    return .success(status)
  }

  static func realPath(_ path: String) -> String? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    return URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
  }

  static func linkTarget(_ path: String) -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: path)
  }

  static func openForWriting(_ path: String, exclusive: Bool) -> Result<Descriptor, Failure> {
    if exclusive {
      // Not atomic here: a check, then the creation.
      if FileManager.default.fileExists(atPath: path) {
        return .failure(Failure(reason: "the file exists", alreadyExists: true))
      }
      guard FileManager.default.createFile(atPath: path, contents: nil) else {
        return .failure(Failure(reason: "the file cannot be created"))
      }
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      return .failure(Failure(reason: "the file cannot be opened"))
    }
    return .success(Descriptor(handle: handle, path: path))
  }

  static func openForReading(_ path: String) -> Result<Descriptor, Failure> {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      return .failure(Failure(reason: "the file cannot be opened"))
    }
    return .success(Descriptor(handle: handle, path: path))
  }

  static func standardInput() -> Result<Descriptor, Failure> {
    .success(Descriptor(handle: .standardInput, path: nil))
  }

  static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Descriptor) -> Failure? {
    do { try descriptor.handle.write(contentsOf: Data(bytes)) } catch { return failure(error) }
    return nil
  }

  static func flushToDisk(_ descriptor: Descriptor) -> Failure? {
    do { try descriptor.handle.synchronize() } catch { return failure(error) }
    return nil
  }

  @discardableResult static func closeFile(_ descriptor: Descriptor) -> Failure? {
    do { try descriptor.handle.close() } catch { return failure(error) }
    return nil
  }

  static func readSome(_ descriptor: Descriptor, into buffer: UnsafeMutableRawBufferPointer) -> StreamRead {
    do {
      let data = try descriptor.handle.read(upToCount: buffer.count) ?? Data()
      data.copyBytes(to: buffer)
      return .bytes(data.count)
    } catch {
      return .failed(failure(error))
    }
  }

  static func readAt(
    _ descriptor: Descriptor, into buffer: UnsafeMutableRawBufferPointer, offset: Int
  ) -> Result<Int, Failure> {
    guard let path = descriptor.path, let handle = FileHandle(forReadingAtPath: path) else {
      return .failure(Failure(reason: "the file cannot be read at an offset"))
    }
    defer { try? handle.close() }
    do {
      try handle.seek(toOffset: UInt64(offset))
      var done = 0
      while done < buffer.count {
        guard let data = try handle.read(upToCount: buffer.count - done), !data.isEmpty else { break }
        data.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
        done += data.count
      }
      return .success(done)
    } catch {
      return .failure(failure(error))
    }
  }

  /// No waiting without `poll`: the fallback never opens a pipe by its name.
  static func waitForInput(_ descriptor: Descriptor, milliseconds: Int?) -> Bool { true }

  static func replace(_ target: String, with source: String) -> Failure? {
    let manager = FileManager.default
    do {
      if manager.fileExists(atPath: target) {
        // Foundation moves nothing over a file, but its atomic write renames one over it
        // (`replaceItemAt` loses the target on Linux).
        try Data(contentsOf: URL(fileURLWithPath: source)).write(to: URL(fileURLWithPath: target), options: .atomic)
        try manager.removeItem(atPath: source)
      } else {
        try manager.moveItem(atPath: source, toPath: target)
      }
    } catch {
      return failure(error)
    }
    return nil
  }

  @discardableResult static func removeFile(_ path: String) -> Bool {
    (try? FileManager.default.removeItem(atPath: path)) != nil
  }

  static var processID: Int32 { ProcessInfo.processInfo.processIdentifier }

  /// Unknown without `kill`: taken as alive, so that nothing of a running process is removed.
  static func processIsAlive(_ pid: Int32) -> Bool { true }

  static func processStart(_ pid: Int32) -> Double? { nil }

  static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
#endif
