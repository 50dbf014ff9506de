import Foundation

/// Reading input files, with errors a secretary can act on.
public enum InputFile {
  /// How long, in seconds, reading a named pipe (a FIFO) waits for somebody to open it for
  /// writing before it gives up with `E-PIPE-TIMEOUT`, so that a pipe nobody writes to never
  /// hangs a run. Once a writer holds the pipe open, its data are awaited however long they
  /// take. 10 unless bound for a piece of work (`InputFile.$pipeTimeLimit.withValue(2) { … }`;
  /// the command line binds `PARINDEX_PIPE_TIMEOUT`); the threads the library starts inherit it.
  @TaskLocal public static var pipeTimeLimit: Int = 10

  /// Whether `path` exists and is a folder.
  public static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  /// Whether `path` exists (file or folder).
  public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  /// The whole file's bytes: a regular file, a named pipe (see ``pipeTimeLimit``), or
  /// standard input for `-`.
  /// - Throws: ``Diagnostic`` of kind `.notFound` when nothing is at `path`, `.invalid` when it is
  ///   a folder, a device or a socket (`E-NOT-REGULAR`), or cannot be read.
  public static func read(_ path: String) throws(Diagnostic) -> [UInt8] {
    try LineBlockFile(path: path).readAll()
  }

  /// `folder/name`, without a doubled slash.
  public static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }
}
