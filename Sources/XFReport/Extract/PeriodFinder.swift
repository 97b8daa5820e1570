/// Reporting periods stated in the text (`2019年`, `20xx年`, `上半年`, `1—4月份`, `截至7月`),
/// so that each fact can say which period it belongs to.
struct PeriodFinder {
  struct Mention {
    let position: Int
    let article: Int
    let text: String
  }

  struct Index {
    let mentions: [Mention]

    /// The period stated last before `position` in the same sentence, else in the same article.
    /// Mentions are sorted by position and their articles rise with it: a binary search, then
    /// back over the (rare) mentions of a later article.
    func period(at position: Int, article: Int, sentence: Range<Int>) -> String? {
      var i = mentions.partitioningIndex { $0.position > position } - 1
      while i >= 0 {
        if mentions[i].article == article { return mentions[i].text }
        if mentions[i].article < article { return nil }
        i -= 1
      }
      return nil
    }
  }

  static let seasons = ["上半年", "下半年", "一季度", "二季度", "三季度", "四季度", "第一季度", "第二季度", "第三季度", "第四季度", "前三季度", "全年"]

  static let standalone: [(text: String, scalars: [Unicode.Scalar])] = ["上半年", "下半年", "一季度", "前三季度"].map { ($0, Array($0.unicodeScalars)) }
  static let standaloneFirsts = BMPSet(standalone.map { $0.scalars[0] })

  func find(_ doc: Document) -> Index {
    let s = doc.normalized.scalars
    var mentions: [Mention] = []
    // Articles are in text order: binary search (a scan per number is quadratic in a long document).
    func articleAt(_ p: Int) -> Int {
      let lo = doc.articles.partitioningIndex { $0.range.lowerBound > p }
      return lo > 0 ? doc.articles[lo - 1].index : 0
    }
    for (k, m) in doc.numbers.enumerated() {
      let end = m.range.upperBound
      // The number's text only where it makes a mention: most numbers make none.
      // A year: 2019年, 20xx年 (not 5年 = five years).
      if end < s.count, s[end] == "年", m.range.count == 4, m.isPlaceholder || (m.value.map { $0 >= 1949 && $0 <= 2100 } ?? false) {
        var label = doc.text(m.range) + "年"
        for season in Self.seasons where s.hasWord(at: end + 1, season) { label += season; break }
        if s.hasWord(at: end + 1, "度") { label += "度" }
        mentions.append(Mention(position: m.range.lowerBound, article: articleAt(m.range.lowerBound), text: label))
        continue
      }
      // 1—4月份, 1-6月
      if end < s.count, "—–-~至到".unicodeScalars.contains(s[end]), k + 1 < doc.numbers.count, doc.numbers[k + 1].range.lowerBound == end + 1,
        doc.numbers[k + 1].range.upperBound < s.count, s[doc.numbers[k + 1].range.upperBound] == "月"
      {
        var label = doc.text(m.range.lowerBound..<(doc.numbers[k + 1].range.upperBound + 1))
        if s.hasWord(at: doc.numbers[k + 1].range.upperBound + 1, "份") { label += "份" }
        mentions.append(Mention(position: m.range.lowerBound, article: articleAt(m.range.lowerBound), text: label))
        continue
      }
      // 截至7月底
      if m.range.lowerBound >= 2, s[m.range.lowerBound - 2] == "截", s.hasWord(at: m.range.lowerBound - 2, "截至") || s.hasWord(at: m.range.lowerBound - 2, "截止"), end < s.count, s[end] == "月" {
        var label = "截至" + doc.text(m.range) + "月"
        if end + 1 < s.count, "底末".unicodeScalars.contains(s[end + 1]) { label.unicodeScalars.append(s[end + 1]) }
        mentions.append(Mention(position: m.range.lowerBound, article: articleAt(m.range.lowerBound), text: label))
      }
    }
    // Seasons without a year (上半年, 一季度) where they stand alone: one pass for all of them
    // (none overlaps itself, so every occurrence counts), listed season by season as before.
    let standalone = Self.standalone
    var found = [[Mention]](repeating: [], count: standalone.count)
    s.withUnsafeBufferPointer { b in
      Self.standaloneFirsts.withWords { firsts in
        guard let base = b.baseAddress else { return }
        for i in 0..<b.count {
          let c = base[i]
          guard c.value < 0x10000, (firsts[Int(c.value >> 6)] >> UInt64(c.value & 63)) & 1 != 0 else { continue }
          for (k, pattern) in standalone.enumerated() where pattern.scalars[0] == c && i + pattern.scalars.count <= b.count {
            if !(i > 0 && b[i - 1] == "年"), b[i..<(i + pattern.scalars.count)].elementsEqual(pattern.scalars) {
              found[k].append(Mention(position: i, article: articleAt(i), text: pattern.text))
            }
          }
        }
      }
    }
    for f in found { mentions += f }
    mentions.sort { $0.position < $1.position }
    return Index(mentions: mentions)
  }
}
