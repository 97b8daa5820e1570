/// A list of cue words with a value each (`metrics.tsv`, `categories.tsv`, `category-contexts.tsv`, `qualifiers.tsv`),
/// matched leftmost-longest on the normalized character stream, since many cues are phrases
/// (`受理群众来信来访`) rather than single tokens.
public final class CueLexicon<Value: Sendable & Hashable>: Sendable {
  public let values: [String: Value]
  private let terms: [String]
  /// `values` by trie id: a lookup per occurrence hashed its term.
  private let termValues: [Value]
  private let trie: Trie

  public init(_ values: [String: Value]) {
    self.values = values
    terms = values.keys.sorted()
    termValues = terms.map { values[$0]! }
    trie = Trie(terms: terms)
  }

  /// A cue found in a text: its range (normalized scalars) and value.
  public struct Occurrence: Sendable {
    public let range: Range<Int>
    public let term: String
    public let value: Value
  }

  /// Non-overlapping occurrences, leftmost-longest.
  public func occurrences(in s: [Unicode.Scalar]) -> [Occurrence] {
    var result: [Occurrence] = []
    // Unsafe buffer: this loop runs once per character.
    s.withUnsafeBufferPointer { b in
      var next = 0
      for i in b.indices { step(b, at: i, next: &next, into: &result) }
    }
    return result
  }

  /// Non-overlapping occurrences inside `range` of `s` (each ends by its end), leftmost-longest:
  /// for a few short stretches (a table's headers) rather than a whole document.
  func occurrences(in s: [Unicode.Scalar], _ range: Range<Int>) -> [Occurrence] {
    var result: [Occurrence] = []
    s.withUnsafeBufferPointer { b in
      var next = range.lowerBound
      for i in range where i >= next {
        if let m = trie.scanMatch(b, at: i, limit: range.upperBound) { append(id: m.id, range: i..<(i + m.length), next: &next, to: &result) }
      }
    }
    return result
  }

  /// One position of a leftmost-longest scan: a cue starting at `i` (if `i` is not inside the
  /// last one, which ends at `next`).
  @inline(__always)
  fileprivate func step(_ b: UnsafeBufferPointer<Unicode.Scalar>, at i: Int, next: inout Int, into result: inout [Occurrence]) {
    guard i >= next, let m = trie.scanMatch(b, at: i, limit: b.count) else { return }
    append(id: m.id, range: i..<(i + m.length), next: &next, to: &result)
  }

  /// The occurrence of term `id` at `range`, appended; the scan goes on after it.
  @inline(__always)
  fileprivate func append(id: Int, range: Range<Int>, next: inout Int, to result: inout [Occurrence]) {
    result.append(Occurrence(range: range, term: terms[id], value: termValues[id]))
    next = range.upperBound
  }

  /// The terms, in the order their ids number them.
  fileprivate var termList: [String] { terms }

  /// Appends where a cue starts, for every start in `range` (a cue may run on to `limit`),
  /// overlapping cues included: enough to ask whether a cue stands near a place.
  func starts(in s: [Unicode.Scalar], _ range: Range<Int>, limit: Int, into result: inout [Int]) {
    s.withUnsafeBufferPointer { b in
      for i in range where trie.scanMatch(b, at: i, limit: limit) != nil { result.append(i) }
    }
  }

  /// Whether a term whose value satisfies `accept` starts in `range` (and ends by `limit`).
  func contains(in s: [Unicode.Scalar], _ range: Range<Int>, limit: Int, where accept: (Value) -> Bool) -> Bool {
    s.withUnsafeBufferPointer { b in
      range.contains { i in trie.scanMatch(b, at: i, limit: limit).map { accept(termValues[$0.id]) } ?? false }
    }
  }

  /// Length of the longest cue starting at `i` (0 if none).
  func matchLength(_ s: [Unicode.Scalar], at i: Int) -> Int {
    trie.longestMatch(s, at: i, limit: s.count)
  }

  /// Loads `term ⇥ value ⇥ …` rows; `parse` turns the other columns into a value (nil rejects
  /// the row with a message).
  /// `known` lists the values an unknown one is told of; `check` may refuse a row on other columns.
  static func load(
    files: [String], valueColumn: String, known: [String] = [], parse: (String, TSVReader, [String]) -> Value?,
    check: (TSVReader, (line: Int, fields: [String])) throws -> Void = { _, _ in }
  ) throws -> CueLexicon {
    var map: [String: Value] = [:]
    for f in files {
      let tsv = try TSVReader(path: f)
      try tsv.require("term", valueColumn)
      for row in tsv.rows {
        guard let term = tsv.value("term", in: row.fields), let raw = tsv.value(valueColumn, in: row.fields) else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "needs term and \(valueColumn)")
        }
        guard let v = parse(raw, tsv, row.fields) else {
          let list = known.isEmpty ? "" : " (one of \(known.joined(separator: ", ")))"
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "unknown \(valueColumn) `\(raw)`\(list)")
        }
        try check(tsv, row)
        map[term] = v
      }
    }
    return CueLexicon(map)
  }
}

extension Dictionaries {
  /// The occurrences of the qualifier, metric and category cues and of the markers, each as its
  /// lexicon's ``CueLexicon/occurrences(in:)`` finds them, in one pass over one trie of all their
  /// terms (``CueScanner``).
  func cueOccurrences(in s: [Unicode.Scalar]) -> CueOccurrences {
    cueScanner.occurrences(in: s, qualifiers: qualifiers, metrics: metrics, categories: categories, markers: markers.lexicon)
  }
}

/// The terms of the four lexicons a document is scanned for (qualifiers, metrics, categories,
/// markers) in one trie: most positions start a cue of none of them, which the character there or
/// the pair of characters there says, and a position that starts one is walked once, not once per
/// lexicon.
struct CueScanner: Sendable {
  private let trie: Trie
  /// For each term of the trie, its id in each lexicon (qualifiers, metrics, categories,
  /// markers), -1 where that lexicon lacks it.
  private let ids: [SIMD4<Int32>]

  init(qualifiers: CueLexicon<QualifierRole>, metrics: CueLexicon<MetricCue>, categories: CueLexicon<String>, markers: CueLexicon<MarkerRoles>) {
    var byTerm: [String: SIMD4<Int32>] = [:]
    for (lane, terms) in [qualifiers.termList, metrics.termList, categories.termList, markers.termList].enumerated() {
      for (id, t) in terms.enumerated() { byTerm[t, default: SIMD4(repeating: -1)][lane] = Int32(id) }
    }
    let terms = byTerm.keys.sorted()
    trie = Trie(terms: terms)
    ids = terms.map { byTerm[$0]! }
  }

  func occurrences(
    in s: [Unicode.Scalar], qualifiers: CueLexicon<QualifierRole>, metrics: CueLexicon<MetricCue>, categories: CueLexicon<String>,
    markers: CueLexicon<MarkerRoles>
  ) -> CueOccurrences {
    var q: [CueLexicon<QualifierRole>.Occurrence] = []
    var m: [CueLexicon<MetricCue>.Occurrence] = []
    var c: [CueLexicon<String>.Occurrence] = []
    var k: [CueLexicon<MarkerRoles>.Occurrence] = []
    // Room for a cue every few dozen characters (up to a bound: a long text grows them rarely
    // anyway), so that the lists of a short text seldom grow by copying.
    let room = min(s.count / 32, 1 << 16)
    q.reserveCapacity(room)
    m.reserveCapacity(room)
    c.reserveCapacity(room)
    k.reserveCapacity(room)
    // Where each lexicon's last occurrence ends: leftmost-longest within each lexicon.
    var next = SIMD4<Int>(repeating: 0)
    let (firsts, pairs, singles) = trie.startSets
    s.withUnsafeBufferPointer { b in
      firsts.withWords { firsts in
        pairs.withWords { pairs in
          singles.withWords { singles in
            @inline(__always) func bit(_ w: UnsafePointer<UInt64>, _ v: UInt32) -> UInt64 { (w[Int(v >> 6)] >> UInt64(v & 63)) & 1 }
            for i in b.indices {
              let v = b[i].value
              // Most positions start no term, which three bit tests say, combined without a branch
              // (a branch per test was mispredicted at almost every other character); the last
              // position and scalars beyond the BMP take the trie's own path.
              if v < 0x10000, i + 1 < b.count {
                let pair = Trie.pairHash(v, b[i + 1].value) & 0xFFFF
                guard bit(firsts, v) & (bit(pairs, pair) | bit(singles, v)) != 0 else { continue }
              }
              // The longest term of each lexicon starting at i.
              var length = SIMD4<Int32>(repeating: 0)
              var id = SIMD4<Int32>(repeating: -1)
              trie.forEachMatch(b, at: i, limit: b.count) { n, t in
                // The lexicons that hold the term take its length and id, in one select.
                let lanes = ids[t]
                let holds = lanes .>= 0
                length.replace(with: Int32(n), where: holds)
                id.replace(with: lanes, where: holds)
              }
              if id[0] >= 0, i >= next[0] { qualifiers.append(id: Int(id[0]), range: i..<(i + Int(length[0])), next: &next[0], to: &q) }
              if id[1] >= 0, i >= next[1] { metrics.append(id: Int(id[1]), range: i..<(i + Int(length[1])), next: &next[1], to: &m) }
              if id[2] >= 0, i >= next[2] { categories.append(id: Int(id[2]), range: i..<(i + Int(length[2])), next: &next[2], to: &c) }
              if id[3] >= 0, i >= next[3] { markers.append(id: Int(id[3]), range: i..<(i + Int(length[3])), next: &next[3], to: &k) }
            }
          }
        }
      }
    }
    return CueOccurrences(qualifiers: q, metrics: m, categories: c, markers: k)
  }
}

/// The cue occurrences of a document, each list sorted and non-overlapping.
struct CueOccurrences {
  let qualifiers: [CueLexicon<QualifierRole>.Occurrence]
  let metrics: [CueLexicon<MetricCue>.Occurrence]
  let categories: [CueLexicon<String>.Occurrence]
  let markers: [CueLexicon<MarkerRoles>.Occurrence]
}

extension ArraySlice {
  /// The occurrences (sorted, non-overlapping, as ``CueLexicon/occurrences(in:)`` returns them)
  /// that lie wholly inside `range`, found by binary search rather than a scan of the document.
  func occurrences<V>(within range: Range<Int>) -> ArraySlice<Element> where Element == CueLexicon<V>.Occurrence {
    let (lo, hi) = startBounds(range)
    var end = hi
    withUnsafeBufferPointer { b in
      while end > lo, b[end - 1].range.upperBound > range.upperBound { end -= 1 }
    }
    return self[(startIndex + lo)..<(startIndex + end)]
  }

  /// The occurrences that start in `range`.
  func starting<V>(in range: Range<Int>) -> ArraySlice<Element> where Element == CueLexicon<V>.Occurrence {
    let (lo, hi) = startBounds(range)
    return self[(startIndex + lo)..<(startIndex + hi)]
  }

  /// Offsets of the first occurrence starting at or after each bound of `range`. Through the
  /// buffer: a search by element copied each occurrence it looked at, its term's string retained.
  private func startBounds<V>(_ range: Range<Int>) -> (Int, Int) where Element == CueLexicon<V>.Occurrence {
    withUnsafeBufferPointer { b in
      func first(from: Int, atOrAfter p: Int) -> Int {
        var lo = from, hi = b.count
        while lo < hi {
          let mid = lo + (hi - lo) / 2
          if b[mid].range.lowerBound >= p { hi = mid } else { lo = mid + 1 }
        }
        return lo
      }
      let lo = first(from: 0, atOrAfter: range.lowerBound)
      return (lo, first(from: lo, atOrAfter: range.upperBound))
    }
  }
}

extension Array {
  /// As ``Swift/ArraySlice/starting(in:)``, searched from `hint` (where the last search of a
  /// stretch a little before this one started), which it updates: the frames of a document ask
  /// in text order, and a walk of a few steps replaces two searches of the whole list.
  func starting<V>(in range: Range<Int>, hint: inout Int) -> ArraySlice<Element> where Element == CueLexicon<V>.Occurrence {
    let bounds: (Int, Int)? = withUnsafeBufferPointer { b in
      @inline(__always) func isBound(_ k: Int, _ p: Int) -> Bool {
        (k == 0 || b[k - 1].range.lowerBound < p) && (k == b.count || b[k].range.lowerBound >= p)
      }
      var lo = Swift.min(Swift.max(hint, 0), b.count)
      var steps = 0
      while lo < b.count, b[lo].range.lowerBound < range.lowerBound, steps < 16 { lo += 1; steps += 1 }
      while lo > 0, b[lo - 1].range.lowerBound >= range.lowerBound, steps < 16 { lo -= 1; steps += 1 }
      guard isBound(lo, range.lowerBound) else { return nil }
      var hi = lo
      while hi < b.count, b[hi].range.lowerBound < range.upperBound, hi - lo < 32 { hi += 1 }
      guard isBound(hi, range.upperBound) else { return nil }
      return (lo, hi)
    }
    guard let (lo, hi) = bounds else {
      let found = starting(in: range)
      hint = found.startIndex
      return found
    }
    hint = lo
    return self[lo..<hi]
  }

  /// As ``Swift/ArraySlice/occurrences(within:)``.
  func occurrences<V>(within range: Range<Int>) -> ArraySlice<Element> where Element == CueLexicon<V>.Occurrence {
    self[...].occurrences(within: range)
  }

  /// As ``Swift/ArraySlice/starting(in:)``.
  func starting<V>(in range: Range<Int>) -> ArraySlice<Element> where Element == CueLexicon<V>.Occurrence {
    self[...].starting(in: range)
  }
}

/// What a metric cue says: the metric id (facts.md §3) and whether it names a count or a rate.
public struct MetricCue: Sendable, Hashable {
  public let metric: Metric
  public let isRate: Bool
  /// A reception (接访): its 人次, 人 and 次 count the receptions, not petitioners (facts.md §5 rule 15).
  public var isReception = false
  /// The intake verb (受理): it names the metric only where no other cue does.
  public var isIntake = false
  /// The whole intake of a channel (受理诉求, 工单): not outranked by the channel's name before it.
  public var isWhole = false

  /// The values of metrics.tsv's `kind` column (empty: a count).
  static let kinds = ["count", "rate", "reception", "intake", "whole"]
}

/// Metric ids of facts.md §3.
public enum Metric: String, Sendable, Hashable, CaseIterable, Codable {
  case received, letters, visits, calls, online, collective, `repeat`, to_beijing, to_province, to_city, local, leapfrog
  case abnormal, referred, key_cases, cases, resolved, settled, pending, petitioners, disputes
  case resolution_rate, closure_rate, settlement_rate, reply_rate, mediation_rate, satisfaction_rate, other_rate
  case other

  /// What a total that breakdowns break down counts: petitions or cases coming in, by any channel
  /// (a breakdown by issue is never one of concluded or key cases).
  var isIntake: Bool {
    switch self {
    case .received, .letters, .visits, .calls, .online, .cases, .collective, .to_beijing, .to_province, .to_city, .local: true
    default: false
    }
  }

  /// Handling verbs, which name a compound they open (办结息诉, 转派工单): of adjacent cues the first wins.
  var isHandling: Bool { self == .resolved || self == .settled || self == .pending || self == .referred }

  /// Metrics that count visits or petitions coming in, the only ones a count in 次 (times) can have.
  var countsArrivals: Bool {
    switch self {
    case .received, .letters, .visits, .calls, .online, .collective, .repeat, .to_beijing, .to_province, .to_city, .local,
      .leapfrog, .abnormal:
      true
    default: false
    }
  }

  /// Destinations and channels, which a collective-visit cue next to them outranks (到市集访 → collective).
  var isDestination: Bool { [.to_beijing, .to_province, .to_city, .local, .leapfrog].contains(self) }
}

/// What a qualifier word does to a number near it (`qualifiers.tsv`).
public enum QualifierRole: String, Sendable, Hashable, CaseIterable {
  case approx, bound_min, bound_max, target, increase, decrease, compare, share, staff
  /// A requirement word (要求): a target only where a reaching verb (`target_reach` of
  /// `markers.tsv`: 达到, 不低于 …) stands before the number in its clause (要求…办结率达到95%);
  /// 要求执行的23件 is a kind of request, 对照活动要求 a reference.
  case requirement
  /// A negated occurrence (未发生, 没有出现): a size bound after it in its clause is a threshold
  /// of what did not happen (未发生50人以上集体访), not a figure.
  case negation
}
