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

  let words: PeriodWords

  func find(_ doc: Document) -> Index {
    let s = doc.normalized.scalars
    var mentions: [Mention] = []
    // Articles are in text order: binary search (a scan per number is quadratic in a long document).
    func articleAt(_ p: Int) -> Int {
      let lo = doc.articles.partitioningIndex { $0.range.lowerBound > p }
      return lo > 0 ? doc.articles[lo - 1].index : 0
    }
    let w = words
    func text(_ t: [Unicode.Scalar]) -> String { String(String.UnicodeScalarView(t)) }
    for (k, m) in doc.numbers.enumerated() {
      let end = m.range.upperBound
      // The number's text only where it makes a mention: most numbers make none.
      // A year: 2019年, 20xx年 (not 5年 = five years).
      if !w.year.isEmpty, s.hasWord(at: end, w.year), m.range.count == 4, m.isPlaceholder || (m.value.map { $0 >= 1949 && $0 <= 2100 } ?? false) {
        var label = doc.text(m.range) + text(w.year)
        let after = end + w.year.count
        if let season = w.word(w.seasons, in: s, at: after) { label += text(season) }
        if let part = w.word(w.yearParts, in: s, at: after) { label += text(part) }
        mentions.append(Mention(position: m.range.lowerBound, article: articleAt(m.range.lowerBound), text: label))
        continue
      }
      // 1—4月份, 1-6月
      if end < s.count, w.rangeJoiners.contains(s[end]), k + 1 < doc.numbers.count, doc.numbers[k + 1].range.lowerBound == end + 1,
        let month = w.word(w.months, in: s, at: doc.numbers[k + 1].range.upperBound)
      {
        let monthEnd = doc.numbers[k + 1].range.upperBound + month.count
        var label = doc.text(m.range.lowerBound..<monthEnd)
        if let part = w.word(w.monthParts, in: s, at: monthEnd) { label += text(part) }
        mentions.append(Mention(position: m.range.lowerBound, article: articleAt(m.range.lowerBound), text: label))
        continue
      }
      // 截至7月底
      if let until = w.until.first(where: { m.range.lowerBound >= $0.count && s.hasWord(at: m.range.lowerBound - $0.count, $0) }),
        let month = w.word(w.months, in: s, at: end)
      {
        var label = text(w.until.first ?? until) + doc.text(m.range) + text(month)
        if end + month.count < s.count, w.monthEnds.contains(s[end + month.count]) { label.unicodeScalars.append(s[end + month.count]) }
        mentions.append(Mention(position: m.range.lowerBound, article: articleAt(m.range.lowerBound), text: label))
      }
    }
    // Seasons without a year (上半年, 一季度) where they stand alone: one pass for all of them
    // (none overlaps itself, so every occurrence counts), listed season by season as before.
    let standalone = w.standalone
    let firsts = BMPSet(standalone.compactMap(\.first))
    var found = [[Mention]](repeating: [], count: standalone.count)
    s.withUnsafeBufferPointer { b in
      firsts.withWords { firsts in
        guard let base = b.baseAddress else { return }
        for i in 0..<b.count {
          let c = base[i]
          guard c.value < 0x10000, (firsts[Int(c.value >> 6)] >> UInt64(c.value & 63)) & 1 != 0 else { continue }
          for (k, pattern) in standalone.enumerated() where pattern[0] == c && i + pattern.count <= b.count {
            guard b[i..<(i + pattern.count)].elementsEqual(pattern) else { continue }
            let afterYear = !w.year.isEmpty && i >= w.year.count && b[(i - w.year.count)..<i].elementsEqual(w.year)
            if !afterYear { found[k].append(Mention(position: i, article: articleAt(i), text: text(pattern))) }
          }
        }
      }
    }
    for f in found { mentions += f }
    mentions.sort { $0.position < $1.position }
    return Index(mentions: mentions)
  }
}
