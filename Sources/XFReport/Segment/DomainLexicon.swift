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
  /// The active terms, sorted; a trie match's id indexes this list.
  private let terms: [LexiconTerm]
  private let trie: Trie

  public init(entries list: [Entry]) {
    var map: [String: Entry] = [:]
    for e in list { map[e.term] = e }
    entries = map.filter { $0.value.weight > 0 }
    let sorted = entries.keys.sorted()
    terms = sorted.map(LexiconTerm.init)
    trie = Trie(terms: sorted)
  }

  static func load(files: [String]) throws -> DomainLexicon {
    var list: [Entry] = []
    for f in files {
      let tsv = try TSVReader(path: f)
      // A lexicon may have a header `term weight tag`, or be headerless like jieba's
      // user dictionary: then the first row is an entry too.
      var rows = tsv.rows
      let headerless = tsv.header.first != "term"
      if headerless { rows.insert((tsv.headerLine, tsv.header), at: 0) }
      for row in rows {
        let fields = row.fields
        let term = fields[0]
        guard !term.isEmpty else { throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "empty term") }
        var weight = 10
        if fields.count > 1, !fields[1].isEmpty {
          guard let w = Int(fields[1]), w >= 0 else {
            let hint = headerless && row.line == tsv.headerLine ? " (a header row starts with the column `term`)" : ""
            throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "weight `\(fields[1])` is not a non-negative integer\(hint)")
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

  /// The longest active entry starting at `i` if it is two scalars or longer (shorter ones
  /// merge nothing): its length and an id for ``term(_:)``.
  @inline(__always)
  func longMatch<S: ScalarBuffer>(_ s: S, at i: Int, limit: Int) -> (length: Int, id: Int)? {
    trie.longMatch(s, at: i, limit: limit)
  }

  /// The term of a match id (the lexicon's own: none is built per match).
  func term(_ id: Int) -> LexiconTerm { terms[id] }

  public func entry(_ term: String) -> Entry? { entries[term] }
}

/// A character trie over scalars. The root's children are a ``BMPMap`` by first scalar (most
/// positions of a text start no term and cost a bit test); deeper nodes keep their children in
/// one flat array, sorted by scalar, searched linearly (they have few). Each term carries a
/// payload index (its position in the list it was built from; a later duplicate wins).
struct Trie: Sendable {
  /// Node reached from the root by each scalar.
  private var root: BMPMap<Int32>
  private var rootOutsideBMP: [UInt32: Int32] = [:]
  /// Children of node k are `childKeys/childNodes[childStart[k]..<childStart[k + 1]]`.
  private var childStart: [Int32] = []
  private var childKeys: [UInt32] = []
  private var childNodes: [Int32] = []
  private var payload: [Int32] = []
  /// Hashes of the first two scalars of every term of two or more: a position whose pair is
  /// not here starts no such term, which one bit test says (see ``longMatch(_:at:limit:)``).
  private var pairs = BMPSet()
  /// Terms of one (BMP) scalar: where no pair starts a term, only these can match.
  private var singles = BMPSet()

  @inline(__always)
  static func pairHash(_ a: UInt32, _ b: UInt32) -> UInt32 {
    (a &* 0x9E37_79B1 &+ b &* 0x85EB_CA6B) >> 16
  }

  init(terms: [String]) {
    for t in terms {
      var it = t.unicodeScalars.makeIterator()
      if let a = it.next() {
        if let b = it.next() { pairs.insert(Self.pairHash(a.value, b.value)) } else { singles.insert(a.value) }
      }
    }
    // Build with per-node dictionaries, then flatten.
    var edges: [[UInt32: Int32]] = [[:]]
    var ids: [Int32] = [-1]
    for (i, t) in terms.enumerated() {
      var node = 0
      for s in t.unicodeScalars {
        if let next = edges[node][s.value] {
          node = Int(next)
        } else {
          let next = Int32(edges.count)
          edges.append([:])
          ids.append(-1)
          edges[node][s.value] = next
          node = Int(next)
        }
      }
      ids[node] = Int32(i)
    }
    payload = ids
    root = BMPMap(edges[0].filter { $0.key < 0x10000 }.map { ($0.key, $0.value) })
    for (key, node) in edges[0] where key >= 0x10000 { rootOutsideBMP[key] = node }
    childStart.reserveCapacity(edges.count + 1)
    for k in edges.indices {
      childStart.append(Int32(childKeys.count))
      guard k != 0 else { continue }
      for (key, node) in edges[k].sorted(by: { $0.key < $1.key }) {
        childKeys.append(key)
        childNodes.append(node)
      }
    }
    childStart.append(Int32(childKeys.count))
  }

  @inline(__always)
  func longestMatch<S: ScalarBuffer>(_ s: S, at i: Int, limit: Int) -> Int {
    match(s, at: i, limit: limit)?.length ?? 0
  }

  /// The longest term starting at `i` (not past `limit`) if it is two scalars or longer: what
  /// a segmenter merges. Most positions are rejected by their pair without walking the trie.
  @inline(__always)
  func longMatch<S: ScalarBuffer>(_ s: S, at i: Int, limit: Int) -> (length: Int, id: Int)? {
    guard i + 1 < limit, pairs.contains(Self.pairHash(s[i].value, s[i + 1].value)),
      let m = match(s, at: i, limit: limit), m.length >= 2
    else { return nil }
    return m
  }

  /// The BMP scalars that start a term, the hashes of the first two scalars of the terms of two
  /// or more, and the terms of one BMP scalar: a position whose pair is in neither starts no term.
  var startSets: (firsts: BMPSet, pairs: BMPSet, singles: BMPSet) { (root.keySet, pairs, singles) }

  /// As ``match(_:at:limit:)``, for a scan that tries every position of a text: the pair of
  /// scalars at `i` rules out most walks before the root's node is looked up.
  @inline(__always)
  func scanMatch(_ s: UnsafeBufferPointer<Unicode.Scalar>, at i: Int, limit: Int) -> (length: Int, id: Int)? {
    let first = s[i].value
    if first < 0x10000, i + 1 < limit, !pairs.contains(Self.pairHash(first, s[i + 1].value)) {
      guard singles.contains(first), let node = root[first] else { return nil }
      return (1, Int(payload[Int(node)]))
    }
    return match(s, at: i, limit: limit)
  }

  /// Calls `body` with the length and payload index of every term that starts at `i` (not past
  /// `limit`), shortest first.
  @inline(__always)
  func forEachMatch(_ s: UnsafeBufferPointer<Unicode.Scalar>, at i: Int, limit: Int, _ body: (Int, Int) -> Void) {
    guard i < limit else { return }
    let first = s[i].value
    guard let node = first < 0x10000 ? root[first] : rootOutsideBMP[first] else { return }
    walk(s, from: Int(node), at: i, limit: limit, body)
  }

  /// The longest term starting at `i` (not past `limit`) and its payload index.
  @inline(__always)
  func match<S: ScalarBuffer>(_ s: S, at i: Int, limit: Int) -> (length: Int, id: Int)? {
    guard i < limit else { return nil }
    // Inlined: the root's bitmap answers for most positions, without a call.
    let first = s[i].value
    guard let node = first < 0x10000 ? root[first] : rootOutsideBMP[first] else { return nil }
    return walk(s, from: Int(node), at: i, limit: limit)
  }

  /// The longest term through `node`, the child of the root for `s[i]`.
  private func walk<S: ScalarBuffer>(_ s: S, from node: Int, at i: Int, limit: Int) -> (length: Int, id: Int)? {
    var best: (length: Int, id: Int)? = nil
    walk(s, from: node, at: i, limit: limit) { best = ($0, $1) }
    return best
  }

  /// Every term through `node` (the child of the root for `s[i]`), shortest first.
  @inline(__always)
  private func walk<S: ScalarBuffer>(_ s: S, from node: Int, at i: Int, limit: Int, _ body: (Int, Int) -> Void) {
    var node = node
    var k = i + 1
    while true {
      let p = payload[node]
      if p >= 0 { body(k - i, Int(p)) }
      guard k < limit else { return }
      let key = s[k].value
      var c = Int(childStart[node])
      var end = Int(childStart[node + 1])
      // A node under a common first character has dozens of children: halve before the walk.
      while end - c > 8 {
        let mid = c + (end - c) / 2
        if childKeys[mid] < key { c = mid + 1 } else { end = mid + 1 }
      }
      while c < end, childKeys[c] < key { c += 1 }
      guard c < end, childKeys[c] == key else { return }
      node = Int(childNodes[c])
      k += 1
    }
  }
}
