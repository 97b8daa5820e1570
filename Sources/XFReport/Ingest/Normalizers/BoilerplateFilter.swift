/// Drops lines of scraper residue and page furniture listed in `boilerplate.tsv`
/// (`一键复制全文保存为WORD`, `下载 打印 全屏 收藏` …). The line's text is removed; the line break stays.
struct BoilerplateFilter: Normalizer {
  let rules: [BoilerplateRule]

  func normalize(_ text: NormalizedText) -> NormalizedText {
    guard !rules.isEmpty else { return text }
    let s = text.scalars
    var drop: [Range<Int>] = []
    for line in text.lineRanges() where !line.isEmpty {
      var lo = line.lowerBound, hi = line.upperBound
      while lo < hi, s[lo].isWhitespaceLike { lo += 1 }
      while hi > lo, s[hi - 1].isWhitespaceLike { hi -= 1 }
      guard hi > lo, hi - lo <= 200 else { continue }
      let trimmed = text.string(lo..<hi)
      if rules.contains(where: { $0.matches(trimmed) }) { drop.append(line) }
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

  public init(pattern: String, match: Match) {
    // Lines are matched after width folding, so fold the pattern the same way (：→:).
    self.pattern = CharacterFolding.fold(pattern)
    self.match = match
  }

  func matches(_ trimmedLine: String) -> Bool {
    switch match {
    case .line: trimmedLine == pattern || trimmedLine.replacingOccurrences(of: " ", with: "") == pattern.replacingOccurrences(of: " ", with: "")
    case .prefix: trimmedLine.hasPrefix(pattern)
    case .contains: trimmedLine.contains(pattern)
    }
  }
}
