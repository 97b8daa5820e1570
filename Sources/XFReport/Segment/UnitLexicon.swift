/// Measure words that follow a number (`units.tsv`): 件, 人次, 批次, 户 … with the class of
/// thing they count, as in facts.md §6.
public struct UnitLexicon: Sendable {
  public enum UnitClass: String, Sendable, CaseIterable {
    case items, batches, person_visits, persons, times, other
  }

  public let classes: [String: UnitClass]
  private let trie: Trie

  public init(_ classes: [String: UnitClass]) {
    self.classes = classes
    trie = Trie(terms: Array(classes.keys))
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

  public func unitClass(_ unit: String) -> UnitClass? { classes[unit] }
}
