/// Finds the body a report speaks for (XX县信访局) in its title or a short line at its top: a
/// name ending in a suffix of `bodies.tsv`, read back over a place name (one that holds 省, 市,
/// 县, 区, 镇, 乡 … or a blanked XX).
struct ReportingBody: Sendable {
  /// The suffixes, longest first, as scalars: compared at every place of the top lines.
  let suffixes: [[Unicode.Scalar]]
  static let maxName = 12
  static let lines = 3
  /// Longer lines are prose, where a body named is usually not the reporting one.
  static let maxLine = 30

  static let placeMarkers: Set<Unicode.Scalar> = ["省", "市", "县", "区", "镇", "乡", "州", "旗", "村", "盟", "X", "x", "×"]
  /// Words that end a name read backwards: 全市法院 (all courts of the city) names no body.
  static let stops: Set<Unicode.Scalar> = [
    "年", "的", "在", "对", "向", "和", "与", "及", "于", "是", "为", "了", "月", "日", "度", "全", "各", "本", "我", "们", "现", "将",
    "最", "新", "该", "此", "有", "关", "篇", "等",
  ]

  init(suffixes: [String]) {
    self.suffixes = suffixes.map { Array($0.unicodeScalars) }
  }

  static func isNameScalar(_ u: Unicode.Scalar) -> Bool {
    u.properties.isIdeographic || "Xx×*".unicodeScalars.contains(u)
  }

  /// `lines`: the text's ``NormalizedText/lineRanges()``.
  func find(in text: NormalizedText, lines: [Range<Int>], article: Article) -> String? {
    let s = text.scalars
    var seen = 0
    let first = lines.partitioningIndex { $0.lowerBound >= article.range.lowerBound }
    for line in lines[first...] {
      guard line.lowerBound < article.range.upperBound, seen < Self.lines else { break }
      if line.isEmpty { continue }
      seen += 1
      guard line.count <= Self.maxLine else { continue }
      var i = line.lowerBound
      while i < line.upperBound {
        guard let suffix = suffixes.first(where: { s.hasWord(at: i, $0) }) else {
          i += 1
          continue
        }
        let end = i + suffix.count
        var start = i
        while start > line.lowerBound, i - start < Self.maxName, Self.isNameScalar(s[start - 1]), !Self.stops.contains(s[start - 1]) {
          start -= 1
        }
        if i - start >= 2, s[start..<i].contains(where: { Self.placeMarkers.contains($0) }) {
          return text.string(start..<end)
        }
        i = end
      }
    }
    return nil
  }
}
