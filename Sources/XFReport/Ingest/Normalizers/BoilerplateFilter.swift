/// Drops lines of scraper residue and page furniture listed in `boilerplate.tsv`
/// (`一键复制全文保存为WORD`, `下载 打印 全屏 收藏` …). The line's text is removed; the line break stays.
struct BoilerplateFilter: Normalizer {
  let rules: [BoilerplateRule]
  /// Rules by the character that must be where they would match: the trimmed line's first
  /// character for `prefix` and `line` rules (a `line` rule compares without spaces, and a
  /// trimmed line starts with a non-space). Most lines and characters start no rule, which the
  /// `…Starts` bitmaps say without hashing (any character of the line for `contains` rules).
  private let prefixRules: [Unicode.Scalar: [Int]]
  private let lineRules: [Unicode.Scalar: [Int]]
  /// BMP scalars that start a prefix, line or contains rule.
  private let prefixStarts: BMPSet
  private let lineStarts: BMPSet
  private let containsStarts: BMPSet
  /// Whether an empty prefix rule drops every line.
  private let dropsEveryLine: Bool
  /// The patterns of the `contains` rules: one walk finds whether any occurs at a position.
  private let containsPatterns: Trie
  private let hasContainsRules: Bool

  init(rules: [BoilerplateRule]) {
    self.rules = rules
    var prefixRules: [Unicode.Scalar: [Int]] = [:], lineRules = prefixRules
    var prefixStarts = BMPSet(), lineStarts = BMPSet(), containsStarts = BMPSet()
    var dropsEveryLine = false
    for (k, r) in rules.enumerated() {
      // A pattern without a first character: an empty prefix matches any line; an empty
      // line or contains pattern never matches.
      switch r.match {
      case .prefix:
        guard let f = r.firstScalar else { dropsEveryLine = true; continue }
        prefixRules[f, default: []].append(k)
        prefixStarts.insert(f.value)
      case .line:
        guard let f = r.compactFirst else { continue }
        lineRules[f, default: []].append(k)
        lineStarts.insert(f.value)
      case .contains:
        guard let f = r.firstScalar else { continue }
        containsStarts.insert(f.value)
      }
    }
    self.prefixRules = prefixRules
    self.lineRules = lineRules
    self.prefixStarts = prefixStarts
    self.lineStarts = lineStarts
    self.containsStarts = containsStarts
    self.dropsEveryLine = dropsEveryLine
    let contains = rules.filter { $0.match == .contains && $0.firstScalar != nil }.map(\.pattern)
    containsPatterns = Trie(terms: contains)
    hasContainsRules = !contains.isEmpty
  }

  /// The rules of `byFirst` that may start with `c` (whose BMP first characters are `starts`).
  @inline(__always)
  private func candidates(_ c: Unicode.Scalar, _ starts: BMPSet, _ byFirst: [Unicode.Scalar: [Int]]) -> [Int]? {
    if c.value < 0x10000, !starts.contains(c) { return nil }
    return byFirst[c]
  }

  func normalize(_ text: consuming NormalizedText) -> NormalizedText {
    let drop = linesToDrop(text)
    guard !drop.isEmpty else { return text }
    return text.removing(drop)
  }

  private func linesToDrop(_ text: NormalizedText) -> [Range<Int>] {
    guard !rules.isEmpty else { return [] }
    let s = text.scalars
    var drop: [Range<Int>] = []
    var compact: [Unicode.Scalar] = []
    for line in text.lineRanges() where !line.isEmpty {
      var lo = line.lowerBound, hi = line.upperBound
      while lo < hi, s[lo].isWhitespaceLike { lo += 1 }
      while hi > lo, s[hi - 1].isWhitespaceLike { hi -= 1 }
      guard hi > lo, hi - lo <= 200 else { continue }
      let trimmed = s[lo..<hi]
      var hit = dropsEveryLine
      if !hit, let ks = candidates(s[lo], prefixStarts, prefixRules) {
        hit = ks.contains { rules[$0].matches(trimmed, compact: []) }
      }
      if !hit, let ks = candidates(s[lo], lineStarts, lineRules) {
        compact.removeAll(keepingCapacity: true)
        for c in trimmed where c != " " { compact.append(c) }
        hit = ks.contains { rules[$0].matches(trimmed, compact: compact) }
      }
      if !hit, hasContainsRules {
        hit = containsOccurs(s, lo..<hi)
      }
      if hit { drop.append(line) }
    }
    return drop
  }

  /// Whether a `contains` pattern occurs in `range` of `s`: a bit test for most characters
  /// (`containsStarts`), a walk of the patterns' trie where one may start.
  private func containsOccurs(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
    s.withUnsafeBufferPointer { buf in
      containsStarts.withWords { starts in
        for i in range {
          let v = buf[i].value
          if v < 0x10000, starts[Int(v >> 6)] & (1 << UInt64(v & 63)) == 0 { continue }
          if containsPatterns.match(buf, at: i, limit: range.upperBound) != nil { return true }
        }
        return false
      }
    }
  }
}

/// One line of `boilerplate.tsv`.
public struct BoilerplateRule: Sendable, Hashable {
  public enum Match: String, Sendable { case line, prefix, contains }
  public let pattern: String
  public let match: Match

  /// The folded pattern, and the same without spaces (a `line` rule ignores spacing).
  private let scalars: [Unicode.Scalar]
  private let compact: [Unicode.Scalar]
  var firstScalar: Unicode.Scalar? { scalars.first }
  var compactFirst: Unicode.Scalar? { compact.first }

  public init(pattern: String, match: Match) {
    // Lines are matched after width folding, so fold the pattern the same way (：→:).
    self.pattern = CharacterFolding.fold(pattern)
    self.match = match
    scalars = Array(self.pattern.unicodeScalars)
    compact = scalars.filter { $0 != " " }
  }

  func matches(_ line: ArraySlice<Unicode.Scalar>, compact lineCompact: [Unicode.Scalar]) -> Bool {
    switch match {
    case .line: return lineCompact == compact
    case .prefix: return line.starts(with: scalars)
    case .contains:
      guard let first = scalars.first, line.count >= scalars.count else { return false }
      var i = line.startIndex
      while i + scalars.count <= line.endIndex {
        if line[i] == first, line[i..<(i + scalars.count)].elementsEqual(scalars) { return true }
        i += 1
      }
      return false
    }
  }
}
