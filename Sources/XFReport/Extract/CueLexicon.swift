/// A list of cue words with a value each (`metrics.tsv`, `categories.tsv`, `category-contexts.tsv`, `qualifiers.tsv`),
/// matched leftmost-longest on the normalized character stream, since many cues are phrases
/// (`受理群众来信来访`) rather than single tokens.
public struct CueLexicon<Value: Sendable & Hashable>: Sendable {
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

  /// One position of a leftmost-longest scan: a cue starting at `i` (if `i` is not inside the
  /// last one, which ends at `next`).
  @inline(__always)
  fileprivate func step(_ b: UnsafeBufferPointer<Unicode.Scalar>, at i: Int, next: inout Int, into result: inout [Occurrence]) {
    guard i >= next, let m = trie.scanMatch(b, at: i, limit: b.count) else { return }
    result.append(Occurrence(range: i..<(i + m.length), term: terms[m.id], value: termValues[m.id]))
    next = i + m.length
  }

  /// Appends where a cue starts, for every start in `range` (a cue may run on to `limit`),
  /// overlapping cues included: enough to ask whether a cue stands near a place.
  func starts(in s: [Unicode.Scalar], _ range: Range<Int>, limit: Int, into result: inout [Int]) {
    s.withUnsafeBufferPointer { b in
      for i in range where trie.scanMatch(b, at: i, limit: limit) != nil { result.append(i) }
    }
  }

  fileprivate var startSets: (firsts: BMPSet, pairs: BMPSet, singles: BMPSet) { trie.startSets }

  /// Length of the longest cue starting at `i` (0 if none).
  func matchLength(_ s: [Unicode.Scalar], at i: Int) -> Int {
    trie.longestMatch(s, at: i, limit: s.count)
  }

  /// Loads `term ⇥ value ⇥ …` rows; `parse` turns the other columns into a value (nil rejects
  /// the row with a message).
  static func load(files: [String], valueColumn: String, parse: (String, TSVReader, [String]) -> Value?) throws -> CueLexicon {
    var map: [String: Value] = [:]
    for f in files {
      let tsv = try TSVReader(path: f)
      for row in tsv.rows {
        guard let term = tsv.value("term", in: row.fields), let raw = tsv.value(valueColumn, in: row.fields) else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "needs term and \(valueColumn)")
        }
        guard let v = parse(raw, tsv, row.fields) else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "unknown \(valueColumn) `\(raw)`")
        }
        map[term] = v
      }
    }
    return CueLexicon(map)
  }
}

extension Dictionaries {
  /// The occurrences of the qualifier, metric and category cues, each as its lexicon's
  /// ``CueLexicon/occurrences(in:)`` finds them, in one pass: most positions start a cue of
  /// none of them, which the character there or the pair of characters there says.
  func cueOccurrences(in s: [Unicode.Scalar]) -> CueOccurrences {
    let (qualifiers, metrics, categories, markers) = (self.qualifiers, self.metrics, self.categories, self.markers.lexicon)
    var (firsts, pairs, singles) = qualifiers.startSets
    for sets in [metrics.startSets, categories.startSets, markers.startSets] {
      firsts.formUnion(sets.firsts)
      pairs.formUnion(sets.pairs)
      singles.formUnion(sets.singles)
    }
    var q: [CueLexicon<QualifierRole>.Occurrence] = []
    var m: [CueLexicon<MetricCue>.Occurrence] = []
    var c: [CueLexicon<String>.Occurrence] = []
    var k: [CueLexicon<MarkerRoles>.Occurrence] = []
    s.withUnsafeBufferPointer { b in
      firsts.withWords { firsts in
        pairs.withWords { pairs in
          singles.withWords { singles in
            @inline(__always) func has(_ w: UnsafePointer<UInt64>, _ v: UInt32) -> Bool { (w[Int(v >> 6)] >> UInt64(v & 63)) & 1 != 0 }
            var (nq, nm, nc, nk) = (0, 0, 0, 0)
            for i in b.indices {
              let v = b[i].value
              // The last position and scalars beyond the BMP take the general path.
              if v < 0x10000, i + 1 < b.count {
                guard has(firsts, v) else { continue }
                guard has(pairs, Trie.pairHash(v, b[i + 1].value) & 0xFFFF) || has(singles, v) else { continue }
              }
              qualifiers.step(b, at: i, next: &nq, into: &q)
              metrics.step(b, at: i, next: &nm, into: &m)
              categories.step(b, at: i, next: &nc, into: &c)
              markers.step(b, at: i, next: &nk, into: &k)
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

extension Array {
  /// The occurrences (sorted, non-overlapping, as ``CueLexicon/occurrences(in:)`` returns them)
  /// that lie wholly inside `range`, found by binary search rather than a scan of the document.
  func occurrences<V>(within range: Range<Int>) -> ArraySlice<Element> where Element == CueLexicon<V>.Occurrence {
    let lo = partitioningIndex { $0.range.lowerBound >= range.lowerBound }
    var hi = partitioningIndex { $0.range.lowerBound >= range.upperBound }
    while hi > lo, self[hi - 1].range.upperBound > range.upperBound { hi -= 1 }
    return self[lo..<hi]
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
}
