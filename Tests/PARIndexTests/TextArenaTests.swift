import Testing

@testable import PARIndex

/// The packed rows' texts (``TextArena``): every record reads back as written, whichever chunk
/// it landed in, and a record never straddles two chunks.
@Suite struct TextArenaTests {
  @Test func recordsReadBackAcrossChunks() {
    var arena = TextArena()
    var random = CodecRandom(seed: 31)
    let words = ["", "có", "Không", "Quyết định số 12/QĐ-UBND", String(repeating: "ghi chú dài ", count: 300)]
    var written: [(place: UInt32, texts: [String])] = []
    var total = 0
    // About 3.5 MiB: four chunks, records of up to 40 KB ending near each chunk's end.
    while total < 7 * TextArena.chunkSize / 2 {
      let texts = (0..<Int(random.next() % 4) + 1).map { _ in words[Int(random.next() % UInt64(words.count))] }
      let bytes = texts.reduce(0) { $0 + $1.utf8.count }
      guard let place = arena.startRecord(bytes: bytes) else {
        Issue.record("the arena refused a record at \(total) bytes")
        return
      }
      // The record ends inside the chunk it starts in.
      #expect(Int(place) % TextArena.chunkSize + bytes <= TextArena.chunkSize)
      arena.appendRecord(count: bytes) { record in
        for text in texts { record.write(text) }
      }
      written.append((place, texts))
      total += bytes
    }
    #expect(Int(written.last!.place) / TextArena.chunkSize >= 3)
    for frozen in [arena, arena.fitted()] {
      for (place, texts) in written {
        var offset = Int(place)
        for text in texts {
          #expect(frozen.text(offset, text.utf8.count) == text)
          if let first = text.utf8.first { #expect(frozen.byte(offset) == first) }
          offset += text.utf8.count
        }
      }
    }
  }

  @Test func aRecordAsLargeAsAChunkTakesOneOfItsOwn() {
    var arena = TextArena()
    #expect(arena.startRecord(bytes: 3) == 0)
    arena.appendRecord(count: 3) { $0.write("abc") }
    let whole = String(repeating: "x", count: TextArena.chunkSize)
    let place = arena.startRecord(bytes: TextArena.chunkSize)
    #expect(place == UInt32(TextArena.chunkSize))
    arena.appendRecord(count: whole.utf8.count) { $0.write(whole) }
    // A full chunk takes nothing more, not even an empty record (its end would be the place of
    // the chunk after it, which may not exist): that opens the next chunk, where a byte follows.
    for _ in 0..<2 {
      let empty = arena.startRecord(bytes: 0)
      #expect(empty == UInt32(2 * TextArena.chunkSize))
      #expect(arena.text(Int(empty ?? 0), 0).isEmpty)
    }
    #expect(arena.startRecord(bytes: 1) == UInt32(2 * TextArena.chunkSize))
    arena.appendRecord(count: 1) { $0.write(UInt8(ascii: "y")) }
    #expect(arena.text(0, 3) == "abc" && arena.text(TextArena.chunkSize, TextArena.chunkSize) == whole)
    #expect(arena.text(2 * TextArena.chunkSize, 1) == "y")
  }
}
