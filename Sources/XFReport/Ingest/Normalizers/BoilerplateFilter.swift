/// Drops lines of scraper residue and page furniture listed in `boilerplate.tsv`
/// (`一键复制全文保存为WORD`, `下载 打印 全屏 收藏` …). The line's text is removed; the line break stays.
struct BoilerplateFilter: Normalizer {
  let rules: [BoilerplateRule]

  func normalize(_ text: NormalizedText) -> NormalizedText {
    guard !rules.isEmpty else { return text }
    let s = text.scalars
    var drop: [Range<Int>] = []
    var compact: [Unicode.Scalar] = []
    for line in text.lineRanges() where !line.isEmpty {
      var lo = line.lowerBound, hi = line.upperBound
      while lo < hi, s[lo].isWhitespaceLike { lo += 1 }
      while hi > lo, s[hi - 1].isWhitespaceLike { hi -= 1 }
      guard hi > lo, hi - lo <= 200 else { continue }
      compact.removeAll(keepingCapacity: true)
      for c in s[lo..<hi] where c != " " { compact.append(c) }
      if rules.contains(where: { $0.matches(s[lo..<hi], compact: compact) }) { drop.append(line) }
    }
    guard !drop.isEmpty else { return text }
    var b = NormalizedTextBuilder(input: text)
    var i = 0
    for r in drop {
      b.copy(i..<r.lowerBound)
      i = r.upperBound
    }
    b.copy(i..<s.count)
    return b.build()
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
