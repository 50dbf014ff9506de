// Run with Fuzz/run.sh zip SECONDS (the library compiled with this file and Fuzz/Support).
// libFuzzer target for the ZIP reader and writer. Build and run (from the package root):
//   swiftc -sanitize=fuzzer,address -parse-as-library Sources/ZIPKit/*.swift Fuzz/zip.swift -o /tmp/fuzz-zip
//   (add -O for a faster run)
//   /tmp/fuzz-zip -max_total_time=300 corpus-zip
// Invariants: opening and reading arbitrary bytes never crashes or exceeds the limits; every
// entry is found by its name; a ZIPWriter archive of entries cut from the input reads back equal.

/// Small limits so hostile inputs are cheap.
let fuzzLimits = ZIPLimits(
  maxTotalUncompressedSize: 1 << 20, maxEntryUncompressedSize: 1 << 19, maxEntryCount: 64, maxNameLength: 256)

/// Opens `bytes` and reads every entry, checking sizes against the limits and declarations.
func fuzzRead(_ bytes: [UInt8]) {
  guard let archive = try? ZIPArchive(bytes: bytes, limits: fuzzLimits) else { return }
  precondition(archive.entries.count <= fuzzLimits.maxEntryCount, "entry limit")
  var total: UInt64 = 0
  for e in archive.entries {
    precondition(archive.entry(named: e.name) == e, "exact lookup")
    precondition(archive.entry(matching: e.name) == e, "tolerant lookup")
    precondition(e.nameBytes.count <= fuzzLimits.maxNameLength, "name limit")
    var n: UInt64 = 0
    do {
      try archive.stream(e) { piece in
        n += UInt64(piece.count)
        return true
      }
      precondition(n == e.uncompressedSize, "verified entry has the wrong size")
    } catch {
      precondition(n <= e.uncompressedSize, "entry produced more than declared")
    }
    total += n
  }
  precondition(total <= fuzzLimits.maxTotalUncompressedSize, "total limit")
}

/// Cuts the input into (name, data) entries, writes them with ZIPWriter and reads them back.
func fuzzRoundTrip(_ bytes: [UInt8]) {
  var writer = ZIPWriter()
  var entries: [(String, [UInt8])] = []
  var i = 0
  while i + 2 <= bytes.count && entries.count < 32 {
    let nameLength = Int(bytes[i] % 24)
    let dataLength = Int(bytes[i + 1]) * 7
    i += 2
    let name = String(decoding: bytes[i..<min(bytes.count, i + nameLength)], as: UTF8.self)
    i = min(bytes.count, i + nameLength)
    let data = Array(bytes[i..<min(bytes.count, i + dataLength)])
    i = min(bytes.count, i + dataLength)
    do {
      try writer.add(name, data)
      entries.append((name, data))
    } catch {
      precondition(error == .writerDuplicateName(name: name), "unexpected writer error \(error)")
    }
  }
  let archive: ZIPArchive
  do {
    archive = try ZIPArchive(bytes: writer.finish())
  } catch {
    preconditionFailure("writer output refused: \(error)")
  }
  precondition(archive.entries.count == entries.count, "entry count")
  for (e, (name, data)) in zip(archive.entries, entries) {
    precondition(e.name == name && archive.entry(named: name) == e, "name round trip")
    precondition((try? archive.contents(of: e)) == data, "data round trip")
  }
}

/// libFuzzer entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  fuzzRead(bytes)
  fuzzRoundTrip(bytes)
  return 0
}
