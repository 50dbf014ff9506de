import Foundation

/// Reading input files, with errors a secretary can act on.
public enum InputFile {
  /// Whether `path` exists and is a folder.
  public static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  /// Whether `path` exists (file or folder).
  public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  /// The whole file's bytes.
  /// - Throws: ``Diagnostic`` of kind `.notFound` when nothing is at `path`, `.invalid` when it is
  ///   a folder or cannot be read.
  public static func read(_ path: String) throws(Diagnostic) -> [UInt8] {
    try LineBlockFile(path: path).readAll()
  }

  /// `folder/name`, without a doubled slash.
  public static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }
}
