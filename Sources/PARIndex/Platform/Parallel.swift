import Dispatch

/// Runs independent pieces of work on the machine's cores and returns their results in order.
///
/// Results never depend on how many cores there are: each piece computes its own value and
/// the caller combines them in index order.
enum Parallel {
  /// The number of pieces worth splitting work into on this machine.
  static var width: Int { max(1, min(SystemCalls.coreCount, 8)) }

  /// The most pieces a caller may ask for: more only costs memory and scheduling.
  static let maximumPieces = 64

  /// A number of threads asked for through the API, within 1…``maximumPieces``.
  static func clamped(_ threads: Int?) -> Int? { threads.map { min(max(1, $0), maximumPieces) } }

  /// `body(0) … body(count − 1)`, concurrently.
  static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    guard count > 1 else { return count == 1 ? [body(0)] : [] }
    let slots = ResultSlots<T>(count)
    let context = CallerContext()
    withoutActuallyEscaping(body) { body in
      let sendable = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: count) { index in
        context.apply { slots.set(index, sendable.value(index)) }
      }
    }
    return slots.values
  }

  /// Two different pieces of work, concurrently (or one after the other).
  static func both<A, B>(concurrently: Bool = true, _ first: () -> A, _ second: () -> B) -> (A, B) {
    if !concurrently { return (first(), second()) }
    var a: A?
    var b: B?
    let context = CallerContext()
    withoutActuallyEscaping(first) { first in
      withoutActuallyEscaping(second) { second in
        let pieces = UncheckedSendable((first, second))
        let results = UncheckedSendable(ResultPair<A, B>())
        DispatchQueue.concurrentPerform(iterations: 2) { index in
          context.apply {
            if index == 0 { results.value.first = pieces.value.0() } else { results.value.second = pieces.value.1() }
          }
        }
        a = results.value.first
        b = results.value.second
      }
    }
    return (a!, b!)
  }
}

/// Each slot is written by exactly one piece of work and read after all have finished.
private final class ResultSlots<T>: @unchecked Sendable {
  private let storage: UnsafeMutableBufferPointer<T?>
  init(_ count: Int) {
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil)
  }
  deinit {
    storage.deinitialize()
    storage.deallocate()
  }
  /// Distinct indices from distinct threads touch distinct memory: no shared array buffer.
  func set(_ index: Int, _ value: T) { storage[index] = value }
  var values: [T] { storage.map { $0! } }
}

private final class ResultPair<A, B> {
  var first: A?
  var second: B?
}

struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

/// What a piece of work inherits from the thread that started it: task-local values (the
/// time limit on pipes) do not cross onto Dispatch's threads by themselves.
private struct CallerContext: Sendable {
  let pipeTimeLimit = InputFile.pipeTimeLimit

  func apply(_ body: () -> Void) {
    InputFile.$pipeTimeLimit.withValue(pipeTimeLimit) { body() }
  }
}
