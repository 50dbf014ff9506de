// Run with Fuzz/run.sh inflate SECONDS (the library compiled with this file and Fuzz/Support).
// libFuzzer target for the DEFLATE decoder. Build and run (from the package root):
//   swiftc -sanitize=fuzzer,address -parse-as-library Sources/ZIPKit/*.swift Fuzz/inflate.swift -o /tmp/fuzz-inflate
//   (add -O for a faster run)
//   /tmp/fuzz-inflate -max_total_time=300 corpus-inflate
// Invariants: no crash or hang; output never exceeds the limit; two chunk sizes give the same
// outcome and bytes; a successful decode succeeds again with its exact size as the limit and
// fails with one byte less.

/// What one decode produced: the bytes delivered and the result or error.
struct FuzzInflateRun: Equatable {
  var output: [UInt8] = []
  var consumed = -1
  var error: InflateError?
}

/// Decodes `input` with a limit and chunk size, collecting everything delivered.
func fuzzInflate(_ input: UnsafeRawBufferPointer, limit: Int, chunkSize: Int) -> FuzzInflateRun {
  var run = FuzzInflateRun()
  do {
    let r = try Inflate.inflate(input, outputLimit: limit, chunkSize: chunkSize) { piece in
      precondition(piece.count > 0 && piece.count < chunkSize + 258, "bad piece size")
      run.output.append(contentsOf: piece)
      return true
    }
    precondition(r.producedOutput == run.output.count, "produced count differs from delivered bytes")
    precondition(r.consumedInput > 0 && r.consumedInput <= input.count, "consumed out of range")
    run.consumed = r.consumedInput
  } catch {
    run.error = error
  }
  precondition(run.output.count <= limit, "output over the limit")
  return run
}

/// libFuzzer entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let input = UnsafeRawBufferPointer(start: data, count: size)
  let limit = 1 << 18
  let a = fuzzInflate(input, limit: limit, chunkSize: Inflate.chunkSize)
  let b = fuzzInflate(input, limit: limit, chunkSize: 3_000)
  precondition(a.error == b.error && a.consumed == b.consumed, "outcome depends on the chunk size")
  if a.error == nil {
    precondition(a.output == b.output, "bytes depend on the chunk size")
    let exact = fuzzInflate(input, limit: a.output.count, chunkSize: 4_096)
    precondition(exact == a, "exact limit changes the result")
    if !a.output.isEmpty {
      let less = fuzzInflate(input, limit: a.output.count - 1, chunkSize: 4_096)
      precondition(less.error == .outputLimitExceeded(limit: a.output.count - 1), "limit not enforced")
    }
  } else {
    // Bytes delivered before an error are a prefix of the same stream however it is chunked.
    let n = min(a.output.count, b.output.count)
    precondition(a.output.prefix(n) == b.output.prefix(n), "delivered bytes differ")
  }
  return 0
}
