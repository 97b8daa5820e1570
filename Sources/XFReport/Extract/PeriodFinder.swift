/// Reporting periods stated in the text (`2019年`, `20xx年`, `2023年上半年`, `2023年5月`, `1—4月份`,
/// `截至7月`), so that each fact can say which period it belongs to.
import Foundation

struct PeriodFinder {
  struct Mention {
    let position: Int
    let article: Int
    let period: Period
    /// The year is blanked (20xx年): it takes no other year.
    var yearBlanked = false
  }

  /// How far into an article its heading reaches: the title and the first lines (at most this
  /// many characters), where a report states its own period.
  static let headingLines = 3
  static let headingReach = 300

  struct Index {
    let mentions: [Mention]
    /// The period each article states in its heading, by article index.
    let headings: [Int: Period]

    /// The period the sentence states before `position`; else the article's own (its
    /// heading's). A period mentioned in passing in another sentence (仅一季度就…) is no period of
    /// later figures. A part stated without a year takes the article's year.
    func period(at position: Int, article: Int, sentence: Range<Int>) -> Period? {
      // By the positions alone: a search of the mentions copied each one it read, its text retained.
      let i = positions.partitioningIndex { $0 >= position } - 1
      guard i >= 0, mentions[i].position >= sentence.lowerBound, mentions[i].article == article else { return heading(article) }
      var own = mentions[i].period
      if own.year == nil, !mentions[i].yearBlanked { own.year = heading(article)?.year }
      return own
    }

    /// `headings` by article index: asked once per fact, and an array costs no hashing.
    private let byArticle: [Period?]
    /// The mentions' positions, ascending.
    private let positions: [Int]

    private func heading(_ article: Int) -> Period? { article >= 0 && article < byArticle.count ? byArticle[article] : nil }

    init(mentions: [Mention], headings: [Int: Period]) {
      (self.mentions, self.headings) = (mentions, headings)
      positions = mentions.map(\.position)
      var byArticle = [Period?](repeating: nil, count: (headings.keys.max() ?? -1) + 1)
      for (k, p) in headings { byArticle[k] = p }
      self.byArticle = byArticle
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
    func int(_ m: NumberMatch) -> Int? {
      guard !m.isPlaceholder, let v = m.value, v >= 1, v <= 12 else { return nil }
      let n = NSDecimalNumber(decimal: v).intValue
      return Decimal(n) == v ? n : nil
    }
    let numbers = doc.numbers
    /// The months at number `k` (5月, 1—5月), where a month word follows: their part and end.
    func months(at k: Int) -> (part: Period.Part, end: Int)? {
      guard k < numbers.count, let a = int(numbers[k]) else { return nil }
      let end = numbers[k].range.upperBound
      if let month = w.word(w.months, in: s, at: end) { return (.month(a), end + month.count) }
      guard end < s.count, w.rangeJoiners.contains(s[end]), k + 1 < numbers.count, numbers[k + 1].range.lowerBound == end + 1,
        let b = int(numbers[k + 1]), b > a, let month = w.word(w.months, in: s, at: numbers[k + 1].range.upperBound)
      else { return nil }
      return (.months(a, b), numbers[k + 1].range.upperBound + month.count)
    }
    var k = 0
    while k < numbers.count {
      let m = numbers[k]
      defer { k += 1 }
      let end = m.range.upperBound
      // The number's text only where it makes a mention: most numbers make none.
      // A year: 2019年, 20xx年 (not 5年 = five years), then a season or months.
      if !w.year.isEmpty, s.hasWord(at: end, w.year), m.range.count == 4, m.isPlaceholder || (m.value.map { $0 >= 1949 && $0 <= 2100 } ?? false) {
        let year = m.isPlaceholder ? nil : m.value.map { NSDecimalNumber(decimal: $0).intValue }
        var stop = end + w.year.count
        var part = Period.Part.year
        if let season = w.word(w.seasons, in: s, at: stop) {
          part = w.parts[season] ?? .year
          stop += season.count
        }
        if let yearPart = w.word(w.yearParts, in: s, at: stop) {
          stop += yearPart.count
          if part == .year, let season = w.word(w.seasons, in: s, at: stop) {
            part = w.parts[season] ?? .year
            stop += season.count
          }
        }
        if part == .year, k + 1 < numbers.count, numbers[k + 1].range.lowerBound == stop, let (p, e) = months(at: k + 1) {
          part = p
          stop = e
          if let monthPart = w.word(w.monthParts, in: s, at: stop) { stop += monthPart.count }
          // The month numbers are read: a range holds two.
          if case .months = p { k += 2 } else { k += 1 }
        }
        mentions.append(
          Mention(
            position: m.range.lowerBound, article: articleAt(m.range.lowerBound), period: Period(year: year, part: part, text: doc.text(m.range.lowerBound..<stop)),
            yearBlanked: m.isPlaceholder))
        continue
      }
      // 1—4月份, 1-6月
      if end < s.count, w.rangeJoiners.contains(s[end]), let (p, e) = months(at: k), case .months = p {
        var stop = e
        if let part = w.word(w.monthParts, in: s, at: stop) { stop += part.count }
        mentions.append(Mention(position: m.range.lowerBound, article: articleAt(m.range.lowerBound), period: Period(year: nil, part: p, text: doc.text(m.range.lowerBound..<stop))))
        k += 1
        continue
      }
      // 截至7月底
      if let until = w.until.first(where: { m.range.lowerBound >= $0.count && s.hasWord(at: m.range.lowerBound - $0.count, $0) }),
        let month = w.word(w.months, in: s, at: end), let n = int(m)
      {
        var label = text(w.until.first ?? until) + doc.text(m.range) + text(month)
        if end + month.count < s.count, w.monthEnds.contains(s[end + month.count]) { label.unicodeScalars.append(s[end + month.count]) }
        mentions.append(Mention(position: m.range.lowerBound, article: articleAt(m.range.lowerBound), period: Period(year: nil, part: .months(1, n), text: label)))
      }
    }
    // Seasons without a year (上半年, 一季度) where they stand alone: one pass for all of them
    // (none overlaps itself, so every occurrence counts), listed season by season as before.
    let standalone = w.standalone
    let firsts = w.standaloneFirsts
    var found = [[Mention]](repeating: [], count: standalone.count)
    s.withUnsafeBufferPointer { b in
      firsts.withWords { firsts in
        guard let base = b.baseAddress else { return }
        for i in 0..<b.count {
          let c = base[i]
          guard c.value < 0x10000, (firsts[Int(c.value >> 6)] >> UInt64(c.value & 63)) & 1 != 0 else { continue }
          // The second character rules out most (一 and 上 open many words): checked before the whole.
          for (k, pattern) in standalone.enumerated() where pattern[0] == c && i + pattern.count <= b.count && (pattern.count < 2 || pattern[1] == base[i + 1]) {
            guard b[i..<(i + pattern.count)].elementsEqual(pattern) else { continue }
            let afterYear = !w.year.isEmpty && i >= w.year.count && b[(i - w.year.count)..<i].elementsEqual(w.year)
            if !afterYear {
              found[k].append(Mention(position: i, article: articleAt(i), period: Period(year: nil, part: w.parts[pattern] ?? .year, text: text(pattern))))
            }
          }
        }
      }
    }
    for f in found { mentions += f }
    mentions.sort { $0.position < $1.position }
    return Index(mentions: mentions, headings: headings(doc, mentions))
  }

  /// Each article's own period: the first stated in its heading, with the first year stated
  /// there where that one names none (上半年信访工作总结 over 2023年…).
  private func headings(_ doc: Document, _ mentions: [Mention]) -> [Int: Period] {
    let s = doc.normalized.scalars
    var result: [Int: Period] = [:]
    for a in doc.articles {
      var end = a.range.lowerBound
      var lines = 0
      let limit = min(a.range.upperBound, a.range.lowerBound + Self.headingReach)
      while end < limit, lines < Self.headingLines {
        if s[end] == "\n", end > a.range.lowerBound, s[end - 1] != "\n" { lines += 1 }
        end += 1
      }
      let lo = mentions.partitioningIndex { $0.position >= a.range.lowerBound }
      let hi = mentions.partitioningIndex { $0.position >= end }
      guard lo < hi else { continue }
      var p = mentions[lo].period
      if p.year == nil, !mentions[lo].yearBlanked, let y = mentions[lo..<hi].first(where: { $0.period.year != nil })?.period.year { p.year = y }
      result[a.index] = p
    }
    return result
  }
}
