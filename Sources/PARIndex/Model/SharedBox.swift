/// A value kept in one heap box and copied on write: copying the owner costs one reference
/// count however many fields the value has. Equality and hashing are the value's.
struct SharedBox<Value: Sendable & Hashable>: @unchecked Sendable, Hashable {
  // Unchecked: the box is only mutated through `value`'s modify, after making it unique.
  private final class Box {
    var value: Value
    init(_ value: Value) { self.value = value }
  }

  private var box: Box

  init(_ value: Value) { box = Box(value) }

  var value: Value {
    get { box.value }
    _modify {
      if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
      yield &box.value
    }
  }

  static func == (lhs: SharedBox, rhs: SharedBox) -> Bool { lhs.box === rhs.box || lhs.box.value == rhs.box.value }

  func hash(into hasher: inout Hasher) { hasher.combine(box.value) }
}
