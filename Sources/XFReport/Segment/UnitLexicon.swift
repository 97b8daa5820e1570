/// Measure words that follow a number (`units.tsv`): 件, 人次, 批次, 户 … with the class of
/// thing they count, as in facts.md §6.
public struct UnitLexicon: Sendable {
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
      for row in tsv.rows {
        guard let unit = tsv.value("unit", in: row.fields) else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "missing unit")
        }
        let c = tsv.value("class", in: row.fields) ?? "other"
        guard let cls = UnitClass(rawValue: c) else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "unknown class `\(c)`")
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
}
