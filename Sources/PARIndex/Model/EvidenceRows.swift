/// The evidence documents of a year (tài liệu kiểm chứng), by unit and id.
///
/// Documents read from files are held dense: the packed documents (``EvidenceColumns``), one
/// table of entry numbers by (unit, id) (``DocumentIndex``) and, per unit, its entries (the
/// packed ones in file order, then any boxed), 4 bytes a document. A year of 330,000 documents
/// then needs no dictionary per unit (about 80 bytes a document). Documents built in code are held by unit id and id, as the
/// public API gives them.
struct EvidenceRows: Sendable {
  private enum Storage: Sendable {
    case keyed([String: [String: EvidenceDocument]])
    case dense(Dense)
  }

  /// Documents read from files: an entry ≥ 0 is a packed row of `columns`, an entry < 0 is
  /// `boxed[-1 - entry]` (a document too large to pack). `order[unitStarts[u]..<unitStarts[u + 1]]`
  /// are unit `u`'s entries. A class: each unit's ``UnitDocuments`` holds one reference, not six.
  final class Dense: Sendable, DocumentEntries {
    let columns: EvidenceColumns
    let boxed: [(document: EvidenceDocument, unit: Int)]
    let index: DocumentIndex
    let unitStarts: [Int32]
    let order: [Int32]
    /// Each unit's position, by id (the first, for an id listed twice).
    let unitPositions: [String: Int]

    init(
      columns: EvidenceColumns, boxed: [(document: EvidenceDocument, unit: Int)], index: DocumentIndex,
      unitStarts: [Int32], order: [Int32], unitPositions: [String: Int]
    ) {
      (self.columns, self.boxed, self.index) = (columns, boxed, index)
      (self.unitStarts, self.order, self.unitPositions) = (unitStarts, order, unitPositions)
    }

    func document(_ entry: Int32) -> EvidenceDocument {
      entry >= 0 ? EvidenceDocument(columns, row: Int(entry)) : boxed[Int(-1 - entry)].document
    }

    func unit(_ entry: Int32) -> Int { entry >= 0 ? columns.unit(Int(entry)) : boxed[Int(-1 - entry)].unit }

    func id(_ entry: Int32) -> String { entry >= 0 ? columns.id(Int(entry)) : boxed[Int(-1 - entry)].document.id }

    /// The unit's document `id`.
    func find(unit: Int, id: String) -> EvidenceDocument? { index.find(unit: unit, id: id, in: self).map(document) }

    /// The unit's document whose id has the bytes `key`, surely in NFC.
    func find(unit: Int, surelyNFC key: UnsafeBufferPointer<UInt8>) -> EvidenceDocument? {
      index.find(unit: unit, surelyNFC: key, in: self).map(document)
    }

    func entries(ofUnit unit: Int) -> ArraySlice<Int32> { order[Int(unitStarts[unit])..<Int(unitStarts[unit + 1])] }
  }

  private let storage: Storage

  /// Documents by unit id, then id.
  init(_ keyed: [String: [String: EvidenceDocument]] = [:]) { storage = .keyed(keyed) }

  /// Documents read from files, indexed by `index`; `unitIDs` are the units the entries'
  /// positions name.
  init(
    columns: EvidenceColumns, boxed: [(document: EvidenceDocument, unit: Int)], index: DocumentIndex,
    unitIDs: [String]
  ) {
    // Each unit's entries in file order, packed before boxed: positions past the packed rows are
    // the boxed documents, made entries (−1 − their index) once grouped.
    let packed = columns.count
    var (starts, order) = PackedStorage.groupedByUnit(count: packed + boxed.count, units: unitIDs.count) {
      $0 < packed ? columns.unit($0) : boxed[$0 - packed].unit
    }
    for slot in order.indices where order[slot] >= packed { order[slot] = -1 - (order[slot] - Int32(packed)) }
    storage = .dense(
      Dense(
        columns: columns, boxed: boxed, index: index, unitStarts: starts, order: order,
        unitPositions: PackedStorage.firstPositions(of: unitIDs)))
  }

  /// By unit id, then id, units with documents only; for documents read from files, built on
  /// each call.
  var byUnitID: [String: [String: EvidenceDocument]] {
    switch storage {
    case .keyed(let keyed): return keyed
    case .dense(let dense):
      var result: [String: [String: EvidenceDocument]] = [:]
      for (id, position) in dense.unitPositions {
        let documents = UnitDocuments(dense, unit: position).byID
        if !documents.isEmpty { result[id] = documents }
      }
      return result
    }
  }

  /// The unit's documents (none for an unknown unit).
  func documents(ofUnit id: String) -> UnitDocuments {
    switch storage {
    case .keyed(let keyed): return UnitDocuments(byID: keyed[id] ?? [:])
    case .dense(let dense):
      guard let position = dense.unitPositions[id] else { return UnitDocuments(byID: [:]) }
      return UnitDocuments(dense, unit: position)
    }
  }
}

/// One unit's evidence documents, as the scorer looks them up: by id.
struct UnitDocuments {
  private let dense: EvidenceRows.Dense?
  private let unit: Int
  private let keyed: [String: EvidenceDocument]

  init(byID: [String: EvidenceDocument]) { (dense, unit, keyed) = (nil, -1, byID) }

  init(_ dense: EvidenceRows.Dense, unit: Int) { (self.dense, self.unit, keyed) = (dense, unit, [:]) }

  /// The document with `id`, if the unit has one.
  subscript(id: String) -> EvidenceDocument? {
    guard let dense else { return keyed[id] }
    return dense.find(unit: unit, id: id)
  }

  /// The documents of the ids a row cites that the unit has, in the row's order.
  func documents(citedBy ids: CitedIDs) -> [EvidenceDocument] {
    var found: [EvidenceDocument] = []
    found.reserveCapacity(ids.count)
    ids.visit(
      bytes: { bytes in
        // A cited id of ASCII or Vietnamese letters (surely NFC) is looked up from its bytes;
        // any other as a string.
        if let dense, UTF8Text.isSurelyNFC(bytes) {
          if let document = dense.find(unit: unit, surelyNFC: bytes) { found.append(document) }
        } else if let document = self[String(decoding: bytes, as: UTF8.self)] {
          found.append(document)
        }
      },
      string: { id in
        if let document = self[id] { found.append(document) }
      })
    return found
  }

  /// Every document's id, in no promised order.
  var ids: [String] {
    guard let dense else { return Array(keyed.keys) }
    return dense.entries(ofUnit: unit).map(dense.id)
  }

  /// The documents by id.
  var byID: [String: EvidenceDocument] {
    guard let dense else { return keyed }
    let entries = dense.entries(ofUnit: unit)
    var documents: [String: EvidenceDocument] = [:]
    documents.reserveCapacity(entries.count)
    for entry in entries { documents[dense.id(entry)] = dense.document(entry) }
    return documents
  }
}
