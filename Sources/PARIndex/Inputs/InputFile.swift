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
  /// - Throws: ``InputError`` of kind `.notFound` when nothing is at `path`, `.invalid` when it is
  ///   a folder or cannot be read.
  public static func read(_ path: String) throws(InputError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw InputError(.notFound, file: path, message: "no such file")
    }
    if isDirectory.boolValue {
      throw InputError(file: path, message: "this is a folder; expected a file")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw InputError(file: path, message: "the file cannot be read (check its permissions)")
    }
    defer { try? handle.close() }
    do {
      return [UInt8](try handle.readToEnd() ?? Data())
    } catch {
      throw InputError(file: path, message: "the file cannot be read: \(error.localizedDescription)")
    }
  }

  /// `folder/name`, without a doubled slash.
  public static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }
}
