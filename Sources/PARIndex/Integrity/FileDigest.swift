/// A file's size and SHA-256, read in blocks: what a ``Manifest`` records and `verify` checks.
struct FileDigest: Sendable, Hashable {
  /// The number of bytes hashed.
  var size: Int
  /// The SHA-256, lowercase hexadecimal.
  var sha256: String

  /// The digest of `bytes`.
  init(_ bytes: [UInt8]) { (size, sha256) = (bytes.count, SHA256.hex(SHA256.hash(bytes))) }

  init(size: Int, sha256: String) { (self.size, self.sha256) = (size, sha256) }

  /// The digest of the regular file at `path`, read to its end 1 MiB at a time.
  /// - Returns: `nil` for a pipe or standard input, whose bytes cannot be read again.
  /// - Throws: ``Diagnostic`` when the file is missing or unreadable.
  static func of(path: String) throws(Diagnostic) -> FileDigest? {
    let file = try LineBlockFile(path: path)
    guard file.isRegular else { return nil }
    var hasher = SHA256()
    var offset = 0
    while true {
      let block = try file.read(at: offset, count: 1 << 20, pastSize: true)
      if block.isEmpty { break }
      block.withUnsafeBytes { hasher.update($0) }
      offset += block.count
    }
    return FileDigest(size: offset, sha256: SHA256.hex(hasher.finalize()))
  }
}
