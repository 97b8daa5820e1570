/// Domain terms that ICU splits into single characters (`信访`, `息诉罢访`, `办结率`): the word
/// segmenter merges ICU tokens into the longest entry that matches.
///
/// Follows jieba's user-dictionary contract: a later file overrides an earlier one term by
/// term, and a weight of 0 means "never merge this term".
public struct DomainLexicon: Sendable {
  public struct Entry: Sendable, Hashable {
    public let term: String
    public let weight: Int
    public let tag: String?
  }

  /// Active entries (weight > 0), by term.
  public let entries: [String: Entry]
  private let trie: Trie

  public init(entries list: [Entry]) {
    var map: [String: Entry] = [:]
    for e in list { map[e.term] = e }
    entries = map.filter { $0.value.weight > 0 }
    trie = Trie(terms: entries.keys.sorted())
  }

  static func load(files: [String]) throws -> DomainLexicon {
    var list: [Entry] = []
    for f in files {
      let tsv = try TSVReader(path: f)
      // A lexicon may have a header `term weight tag`, or be headerless like jieba's
      // user dictionary: then the first row is an entry too.
      var rows = tsv.rows
      if tsv.header.first != "term" { rows.insert((0, tsv.header), at: 0) }
      for row in rows {
        let fields = row.fields
        let term = fields[0]
        guard !term.isEmpty else { throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "empty term") }
        var weight = 10
        if fields.count > 1, !fields[1].isEmpty {
          guard let w = Int(fields[1]), w >= 0 else {
            throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "weight `\(fields[1])` is not a non-negative integer")
          }
          weight = w
        }
        let tag = fields.count > 2 && !fields[2].isEmpty ? fields[2] : nil
        list.append(Entry(term: term, weight: weight, tag: tag))
      }
    }
    return DomainLexicon(entries: list)
  }

  public var count: Int { entries.count }

  /// Length (in scalars) of the longest active entry starting at `i`, not extending past `limit`.
  func longestMatch(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Int {
    trie.longestMatch(s, at: i, limit: limit)
  }

  public func entry(_ term: String) -> Entry? { entries[term] }
}

/// A character trie with the children of all nodes in one hash table keyed by (node, scalar).
/// Each term carries a payload index (its position in the list it was built from).
struct Trie: Sendable {
  private var edges: [UInt64: Int32] = [:]
  private var payload: [Int32] = [-1]
  /// Whether a BMP scalar can start a term: most positions are rejected without hashing.
  private var canStart = [Bool](repeating: false, count: 0x10000)
  private var startsOutsideBMP = false

  init(terms: [String]) {
    for (i, t) in terms.enumerated() {
      insert(t, id: Int32(i))
      if let f = t.unicodeScalars.first {
        if f.value < 0x10000 { canStart[Int(f.value)] = true } else { startsOutsideBMP = true }
      }
    }
  }

  private mutating func insert(_ term: String, id: Int32) {
    var node: Int32 = 0
    for s in term.unicodeScalars {
      let key = UInt64(node) << 32 | UInt64(s.value)
      if let next = edges[key] {
        node = next
      } else {
        let next = Int32(payload.count)
        payload.append(-1)
        edges[key] = next
        node = next
      }
    }
    payload[Int(node)] = id
  }

  func longestMatch(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Int {
    match(s, at: i, limit: limit)?.length ?? 0
  }

  /// The longest term starting at `i` (not past `limit`) and its payload index.
  func match(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> (length: Int, id: Int)? {
    guard i < limit else { return nil }
    let first = s[i].value
    if first < 0x10000 ? !canStart[Int(first)] : !startsOutsideBMP { return nil }
    var node: Int32 = 0
    var best: (Int, Int)? = nil
    var k = i
    while k < limit, let next = edges[UInt64(node) << 32 | UInt64(s[k].value)] {
      node = next
      k += 1
      let p = payload[Int(node)]
      if p >= 0 { best = (k - i, Int(p)) }
    }
    return best
  }
}
