/// Measure words that follow a number (`units.tsv`): 件, 人次, 批次, 户 … with the class of
/// thing they count, as in facts.md §6. The one table of unit classes: extraction, checks,
/// totals, scoring and every writer ask it (or a fact's ``Fact/unitClass``, read from it).
public struct UnitLexicon: Sendable {
  /// The raw values are the class names of `units.tsv` and of every output (`unit_class`).
  public enum UnitClass: String, Sendable, CaseIterable {
    case items, batches, person_visits, persons, times, other
  }

  public let classes: [String: UnitClass]
  /// The units and their classes by trie id, so that a match needs no String built and hashed.
  private let units: [String]
  private let unitClasses: [UnitClass]
  private let trie: Trie

  public init(_ classes: [String: UnitClass]) {
    self.classes = classes
    units = Array(classes.keys)
    unitClasses = units.map { classes[$0]! }
    trie = Trie(terms: units)
  }

  static func load(files: [String]) throws -> UnitLexicon {
    var map: [String: UnitClass] = [:]
    for f in files {
      let tsv = try TSVReader(path: f)
      try tsv.require("unit")
      for row in tsv.rows {
        guard let unit = tsv.value("unit", in: row.fields) else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "missing unit")
        }
        let c = tsv.value("class", in: row.fields) ?? "other"
        guard let cls = UnitClass(rawValue: c) else {
          let known = UnitClass.allCases.map(\.rawValue).joined(separator: ", ")
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "unknown class `\(c)` (one of \(known))")
        }
        map[unit] = cls
      }
    }
    return UnitLexicon(map)
  }

  /// Length of the longest unit word at `i` (0 if none).
  func match(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Int {
    trie.longestMatch(s, at: i, limit: limit)
  }

  /// The longest unit word at `i`: its length, text and class.
  func unit(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> (length: Int, unit: String, cls: UnitClass)? {
    guard let m = trie.match(s, at: i, limit: limit) else { return nil }
    return (m.length, units[m.id], unitClasses[m.id])
  }

  public func unitClass(_ unit: String) -> UnitClass? { classes[unit] }

  /// What figures are grouped and compared by (totals, checks, scoring): the class of a petition
  /// measure word; for `%`, `pp`, a unit the table lacks or an `other` one, the unit itself
  /// (元 and 天 are both `other`, not alike).
  public static func unitKey(_ unit: String, class cls: UnitClass?) -> String {
    if let cls, cls != .other { return cls.rawValue }
    return unit
  }

  public func unitKey(_ unit: String) -> String { Self.unitKey(unit, class: unitClass(unit)) }
}

extension Fact {
  /// ``UnitLexicon/unitKey(_:class:)`` of the fact's unit, from the class it was extracted with.
  public var unitKey: String { UnitLexicon.unitKey(unit, class: unitClass) }
}
