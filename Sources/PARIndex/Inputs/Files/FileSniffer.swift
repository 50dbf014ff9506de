/// What a file's first bytes say it is, whatever its name: the containers that arrive named
/// `.csv` by mistake, so that the message names what the file really is.
enum FileSniffer {
  enum Container: Equatable {
    /// A ZIP archive: an Excel workbook (`.xlsx`), or an OpenDocument file when `openDocument`.
    case zip(openDocument: Bool)
    /// An OLE compound file: an Excel 97–2003 workbook, or a password-protected `.xlsx`.
    case ole
    case gzip
    case pdf
  }

  static func container(_ bytes: [UInt8]) -> Container? {
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
      // OpenDocument stores an uncompressed `mimetype` entry first, naming itself.
      let head = String(decoding: bytes.prefix(120), as: UTF8.self)
      return .zip(openDocument: head.contains("application/vnd.oasis.opendocument"))
    }
    if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole }
    if bytes.starts(with: [0x1F, 0x8B]) { return .gzip }
    if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
    return nil
  }

  /// Whether an OLE compound file is an encrypted OOXML workbook (its directory names the
  /// `EncryptedPackage` stream, in UTF-16) rather than an Excel 97–2003 workbook.
  static func oleIsEncryptedWorkbook(_ bytes: [UInt8]) -> Bool {
    let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    guard bytes.count >= name.count else { return false }
    return bytes.withUnsafeBufferPointer { buffer in
      var index = 0
      while index + name.count <= buffer.count {
        if buffer[index] == name[0] && buffer[index + 2] == name[2] && Array(buffer[index..<index + name.count]) == name
        {
          return true
        }
        index += 1
      }
      return false
    }
  }

  /// The message for a container found where text was expected.
  static func message(for container: Container) -> Message {
    switch container {
    case .zip(let openDocument): openDocument ? .unsupportedFileKind(.ods) : .looksWorkbook
    case .ole: .looksOLE
    case .gzip: .looksGzip
    case .pdf: .looksPDF
    }
  }
}
