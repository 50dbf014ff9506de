import Foundation

/// The files and folders a run reads, held by identity, so that an output can be refused
/// before the run starts when writing it would touch an input: the same file under another
/// name (a path with `..`, a symbolic or a hard link — the same device and inode), or a file
/// inside a folder the run reads.
///
/// ```swift
/// var inputs = InputFootprint()
/// inputs.add("criteria/commune-2025.json")
/// inputs.add("Examples/2025/communes")
/// inputs.conflict(for: "Examples/2025/communes/ranking.csv")  // .insideFolder("Examples/2025/communes")
/// ```
public struct InputFootprint: Sendable {
  /// Why an output is refused.
  public enum Conflict: Sendable, Hashable {
    /// The output is this input file.
    case sameFile(input: String)
    /// The output would be inside this input folder.
    case insideFolder(String)
  }

  private struct FileID: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
  }

  private struct Folder: Sendable {
    /// The path as given, for messages.
    var given: String
    /// Its `realpath`.
    var real: String
  }

  /// Each regular file read, with the first path it was found by.
  private var files: [FileID: String] = [:]
  private var folders: [Folder] = []

  /// An empty footprint: the run's inputs are added as they are read.
  public init() {}

  /// Adds an input: a file, or a folder with the files in it and in its sub-folders (a year
  /// folder and its per-unit folders), links followed. A path that does not exist (the run
  /// will say so), and `-` (standard input), add nothing.
  public mutating func add(_ path: String) {
    guard path != "-", let status = SystemCalls.status(path) else { return }
    if status.type == .folder { addFolder(path, levels: 2) } else { addFile(path, status) }
  }

  /// Why writing `output` would touch an input, or `nil` when it would not.
  public func conflict(for output: String) -> Conflict? {
    guard let target = OutputFile.destination(of: output) else { return nil }
    if let status = SystemCalls.status(target), status.type == .regular,
      let input = files[FileID(device: status.device, inode: status.inode)]
    {
      return .sameFile(input: input)
    }
    guard let real = Self.resolved(target) else { return nil }
    for folder in folders {
      let inside = folder.real.hasSuffix("/") ? folder.real : folder.real + "/"
      if real == folder.real || real.hasPrefix(inside) { return .insideFolder(folder.given) }
    }
    return nil
  }

  private mutating func addFile(_ path: String, _ status: SystemCalls.FileStatus) {
    guard status.type == .regular else { return }
    let id = FileID(device: status.device, inode: status.inode)
    if files[id] == nil { files[id] = path }
  }

  /// The folder, its files, and (while `levels` last) its sub-folders the same way.
  private mutating func addFolder(_ path: String, levels: Int) {
    guard let real = SystemCalls.realPath(path) else { return }
    folders.append(Folder(given: path, real: real))
    for name in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() {
      let child = InputFile.join(path, name)
      guard let status = SystemCalls.status(child) else { continue }
      if status.type != .folder {
        addFile(child, status)
      } else if levels > 1 {
        addFolder(child, levels: levels - 1)
      }
    }
  }

  /// `path` absolute, without links, `.` or `..`, also when its last components do not exist
  /// yet: the real path of the nearest folder that exists, and the rest.
  static func resolved(_ path: String) -> String? {
    var head = path.hasPrefix("/") ? path : InputFile.join(FileManager.default.currentDirectoryPath, path)
    var rest: [String] = []
    while true {
      if let real = SystemCalls.realPath(head) {
        return rest.reversed().reduce(real) { InputFile.join($0, $1) }
      }
      let parent = (head as NSString).deletingLastPathComponent
      guard !parent.isEmpty, parent != head else { return nil }
      rest.append((head as NSString).lastPathComponent)
      head = parent
    }
  }
}
