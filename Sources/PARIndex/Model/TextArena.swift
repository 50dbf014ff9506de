/// The texts of packed rows (``LeafRowColumns``, ``EvidenceColumns``), in chunks of 1 MiB.
///
/// It grows without copying what it holds: one array that doubles holds its old and its new
/// storage at once while it grows, and again while it is copied to its size (50 MB at a time
/// for the large year's 18 MB of assessment texts). A record's texts never straddle two
/// chunks, so a row keeps one start and adds its texts' lengths to it.
///
/// A place is `chunk << 20 | offset` in 32 bits: 4,096 chunks, 4 GiB, as one array indexed by
/// `UInt32` held.
struct TextArena: Sendable {
  /// The bytes of a chunk, and the most one record may take.
  static let chunkSize = 1 << chunkBits
  private static let chunkBits = 20
  private static let maximumChunks = 1 << (32 - chunkBits)

  /// The chunks before the last, full.
  private var full: [[UInt8]] = []
  /// The last chunk, which records are appended to.
  private var last: [UInt8] = []

  /// Opens a record of `bytes` bytes (at most ``chunkSize``) and gives its place, in a new
  /// chunk when the last one lacks the room; `nil` when the arena is full (4 GiB).
  mutating func startRecord(bytes: Int) -> UInt32? {
    precondition(bytes <= Self.chunkSize, "a record larger than a chunk")
    // A full chunk takes nothing more, not even an empty record: its end is the next chunk's place.
    if last.count < Self.chunkSize, last.count + bytes <= Self.chunkSize {
      return UInt32(full.count << Self.chunkBits | last.count)
    }
    guard full.count + 1 < Self.maximumChunks else { return nil }
    // Grown as an array grows, up to a chunk: a small file's arena stays small.
    full.append(last)
    last = []
    return UInt32(full.count << Self.chunkBits)
  }

  /// Appends the open record's `count` bytes, which `write` fills through a ``RecordWriter``:
  /// made in scratch room and appended at once, one append for a row however many texts it has.
  mutating func appendRecord(count: Int, _ write: (inout RecordWriter) -> Void) {
    guard count > 0 else { return }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { scratch in
      var writer = RecordWriter(scratch)
      write(&writer)
      precondition(writer.written == count, "a record's texts are not the bytes it was opened for")
      // Room made here rather than by the append's doubling, which would give a chunk up to
      // twice the bytes it may hold.
      if last.count + count > last.capacity {
        last.reserveCapacity(min(max(last.count + count, 2 * last.capacity), Self.chunkSize))
      }
      last.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<count]))
    }
  }

  /// Writes a record's texts into its scratch room, in order.
  struct RecordWriter {
    private let room: UnsafeMutableBufferPointer<UInt8>
    /// The bytes written so far.
    private(set) var written = 0

    fileprivate init(_ room: UnsafeMutableBufferPointer<UInt8>) { self.room = room }

    /// Writes `text`'s UTF-8.
    mutating func write(_ text: String) {
      guard !text.isEmpty else { return }
      var text = text
      text.withUTF8 { bytes in
        precondition(written + bytes.count <= room.count, "a record's texts overflow its room")
        (room.baseAddress! + written).update(from: bytes.baseAddress!, count: bytes.count)
        written += bytes.count
      }
    }

    /// Writes one byte.
    mutating func write(_ byte: UInt8) {
      precondition(written < room.count, "a record's texts overflow its room")
      room[written] = byte
      written += 1
    }
  }

  /// The arena with its last chunk copied to its size, as the rows are frozen.
  func fitted() -> TextArena {
    var arena = self
    arena.last = PackedStorage.fitted(last)
    return arena
  }

  /// The text of `length` bytes at `place`.
  func text(_ place: Int, _ length: Int) -> String {
    // A buffer, not a slice of one: a slice takes the generic path, ten times slower.
    withBytes(place, length) { String(decoding: $0, as: UTF8.self) }
  }

  /// Calls `body` with the `length` bytes at `place`.
  func withBytes<Result>(_ place: Int, _ length: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    let start = place & (Self.chunkSize - 1)
    func read(_ chunk: UnsafeBufferPointer<UInt8>) -> Result {
      body(UnsafeBufferPointer(rebasing: chunk[start..<start + length]))
    }
    let chunk = place >> Self.chunkBits
    return chunk == full.count ? last.withUnsafeBufferPointer(read) : full[chunk].withUnsafeBufferPointer(read)
  }

  /// The byte at `place`.
  func byte(_ place: Int) -> UInt8 {
    let (chunk, offset) = (place >> Self.chunkBits, place & (Self.chunkSize - 1))
    return chunk == full.count ? last[offset] : full[chunk][offset]
  }
}
