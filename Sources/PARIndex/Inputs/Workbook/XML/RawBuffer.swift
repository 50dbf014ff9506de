/// A growable buffer of trivial values in manually managed memory. The hot paths append and index without
/// the uniqueness checks, retain/release and generic range replacement of `Array`. It has no ownership of its
/// own: the noncopyable `XMLTokenizer` that holds it calls `free()` in its `deinit`, and never copies it.
struct RawBuffer<Element: BitwiseCopyable> {
  /// Start of the storage (`capacity` elements, the first `count` initialized).
  private(set) var base: UnsafeMutablePointer<Element>
  /// Number of elements in use.
  var count = 0
  /// Allocated elements.
  private(set) var capacity: Int

  /// Allocates room for `capacity` elements.
  init(capacity: Int) {
    self.capacity = max(capacity, 1)
    base = .allocate(capacity: self.capacity)
  }

  /// Whether no element is in use.
  var isEmpty: Bool { count == 0 }

  /// The element at `i` (which must be below `count`).
  subscript(i: Int) -> Element {
    @inline(__always) get { base[i] }
    @inline(__always) nonmutating set { base[i] = newValue }
  }

  /// Appends one element.
  @inline(__always)
  mutating func append(_ element: Element) {
    if count == capacity { grow(count + 1) }
    base[count] = element
    count += 1
  }

  /// Appends `n` elements from `source`.
  @inline(__always)
  mutating func append(_ source: UnsafePointer<Element>, count n: Int) {
    if count + n > capacity { grow(count + n) }
    (base + count).update(from: source, count: n)
    count += n
  }

  /// Removes the last element and returns it (the buffer must not be empty).
  @inline(__always)
  mutating func removeLast() -> Element {
    count -= 1
    return base[count]
  }

  /// Grows the storage to hold at least `needed` elements (at least doubling).
  mutating func grow(_ needed: Int) {
    let newCapacity = max(needed, capacity * 2)
    let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  /// Drops the first `n` elements, moving the rest to the front.
  mutating func removeFirst(_ n: Int) {
    if n == 0 { return }
    base.update(from: base + n, count: count - n)
    count -= n
  }

  /// Shrinks a buffer that grew beyond `limit` elements back to `limit` (and empties it).
  mutating func reset(shrinkingTo limit: Int) {
    count = 0
    if capacity > limit {
      base.deallocate()
      capacity = limit
      base = .allocate(capacity: limit)
    }
  }

  /// Releases the storage; the buffer must not be used afterwards.
  func free() { base.deallocate() }

  /// The elements in use, as a buffer pointer.
  var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}
