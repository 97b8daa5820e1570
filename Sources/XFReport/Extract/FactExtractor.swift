import Foundation

/// Turns quantities into facts: decides the kind (count, rate, share, change), the metric from
/// the cue words around the number, the breakdown category, target flag, period and evidence.
struct FactExtractor {
  let dictionaries: Dictionaries

  // Bitmaps, not Sets: clause bounds are found by testing character after character, and a
  // Set hashes each one.
  static let clauseDelimiters = BMPSet("，,；;。!?！？：:\n".unicodeScalars)
  static let categoryGlue = BMPSet("的类为有是".unicodeScalars)
  static let changeGap = BMPSet("了约近达".unicodeScalars)
  /// A clause is read at most this far either side of its number, so that a line without
  /// punctuation (megabytes of it) costs linear time and evidence stays short.
  static let maxClauseReach = 1000

  static func isSemicolon(_ c: Unicode.Scalar) -> Bool { c == "；" || c == ";" }

  func extract(_ doc: inout Document) {
    let s = doc.normalized.scalars
    let (qualifiers, metrics, categories) = dictionaries.cueOccurrences(in: s)
    let quantities = QuantityReader(dictionaries: dictionaries).read(doc, qualifiers: qualifiers)
    let periods = PeriodFinder().find(doc)
    let targets = qualifiers.filter { $0.value == .target }.map(\.range)

    var facts: [Fact] = []
    var sentenceIdx = 0
    var previous: (sentence: Int, metric: Metric, kind: FactKind, end: Int)? = nil
    for q in quantities {
      while sentenceIdx + 1 < doc.sentences.count, doc.sentences[sentenceIdx].range.upperBound <= q.range.lowerBound { sentenceIdx += 1 }
      guard sentenceIdx < doc.sentences.count else { break }
      let sentence = doc.sentences[sentenceIdx]
      guard q.countsPetitions || q.isPercent || q.isPoints else { continue }
      let clause = clauseRange(s, around: q.range, in: sentence.range)
      let sameSentencePrevious = previous.flatMap { $0.sentence == sentenceIdx ? $0 : nil }
      let windowStart = max(clause.lowerBound, sameSentencePrevious.map { $0.end <= q.range.lowerBound ? $0.end : clause.lowerBound } ?? clause.lowerBound)
      let window = windowStart..<q.range.lowerBound
      let windowCues = Array(metrics.occurrences(within: window))
      let windowQualifiers = qualifiers.occurrences(within: clause.lowerBound..<q.range.lowerBound)
      // The previous quantity's metric carries over in a list (其中进京1批2人次, 涉及法院的37件),
      // not into a clause that names something else (…；全年共发刑事案件n起).
      let inherited = sameSentencePrevious.flatMap { prev -> Metric? in
        let between = s[prev.end..<q.range.lowerBound]
        if between.contains(where: Self.isSemicolon) { return nil }
        let words = s[windowStart..<q.range.lowerBound].filter { $0.isHan }.count
        return prev.end >= clause.lowerBound || words <= 4 || s.hasWord(at: windowStart, "其中") ? prev.metric : nil
      }

      // Direction: 下降5%, 增加了12件, 减少约5% (but 下降到56件 is a count).
      var direction: QualifierRole? = nil
      if let last = windowQualifiers.last, last.value == .increase || last.value == .decrease,
        s[last.range.upperBound..<q.range.lowerBound].allSatisfy({ Self.changeGap.contains($0) })
      {
        direction = last.value
      }
      let target = Self.hasRange(targets, within: sentence.range.lowerBound..<q.range.lowerBound)

      var made: [(FactKind, Metric, String?)] = []
      // A change qualifies the quantity stated just before it in the sentence.
      let qualified = sameSentencePrevious.flatMap { prev in
        s[prev.end..<q.range.lowerBound].contains(where: Self.isSemicolon) ? nil : prev.metric
      }
      if direction != nil {
        let rateCue = windowCues.last { $0.value.isRate }?.value.metric
        let metric = q.isPoints ? (rateCue ?? qualified ?? countMetric(windowCues, after: [], inherited: nil)) : (qualified ?? rateCue ?? countMetric(windowCues, after: [], inherited: nil))
        made.append((.change, metric ?? .other, nil))
      } else if q.isPoints {
        continue
      } else if q.isPercent {
        if let share = windowQualifiers.last(where: { $0.value == .share }) {
          // The share of what: the subject before 占 (重复访占信访总量的…), else what follows 占
          // (占上访人数的75%), else the count just stated.
          let subject = windowCues.filter { $0.range.upperBound <= share.range.lowerBound && !$0.value.isRate }
          let between = windowCues.filter { $0.range.lowerBound >= share.range.upperBound && !$0.value.isRate }
          let metric = pick(subject) ?? between.last?.value.metric ?? qualified ?? countMetric(windowCues.filter { !$0.value.isRate }, after: [], inherited: nil)
          made.append((.share, metric ?? .other, nil))
        } else if windowCues.isEmpty, let prev = sameSentencePrevious, prev.kind == .share || prev.kind == .rate, prev.end >= clause.lowerBound {
          // 由上年的31.2%下降到15.4%: the same share or rate, stated again.
          made.append((prev.kind, prev.metric, nil))
        } else {
          let rates = rateCues(windowCues, s)
          if rates.isEmpty, namesUnknownRate(s, before: q.range.lowerBound, from: windowStart) {
            // 破案率n%, 转化率达100%: a rate, but not of petitions.
            continue
          } else if !rates.isEmpty {
            for r in rates { made.append((.rate, r, nil)) }
          } else {
            // A bare percentage opening a clause (100%实行…) is a manner, not a share.
            if windowCues.isEmpty, s[windowStart..<q.range.lowerBound].filter({ $0.isHan }).isEmpty { continue }
            let after = metrics.occurrences(within: q.end..<max(q.end, clause.upperBound)).filter { !$0.value.isRate }
            let metric = countMetric(windowCues.filter { !$0.value.isRate }, after: after, inherited: nil) ?? inherited
            made.append((.share, metric ?? .other, nil))
          }
        }
      } else {
        // 一 in a narrative is an article, not a count (一名上访人, 一起事件, 处理了一批案件).
        if isIndefiniteOne(q, s: s, windowCues: windowCues) { continue }
        let countCues = windowCues.filter { !$0.value.isRate }
        var after = metrics.occurrences(within: q.end..<max(q.end, clause.upperBound)).filter { $0.range.lowerBound <= q.end + 6 && !$0.value.isRate }
        // 个 counts anything: only a case noun right after it makes it a petition count (三个赔偿案件).
        let ge = q.unit == "个"
        if ge {
          after = after.filter { c in c.range.lowerBound <= q.end + 3 && !s[q.end..<c.range.lowerBound].contains { "“”\"「」的一".unicodeScalars.contains($0) } }
        }
        var metric = countMetric(ge ? [] : countCues, after: after, inherited: ge ? nil : inherited) ?? .other
        let category = categoryFor(q, categories: categories, s: s, windowStart: windowStart)
        if let c = category, c.hasPrefix("petitioner:"), q.unitClass == .persons, !countCues.contains(where: { $0.value.metric == .collective }) {
          metric = .petitioners
        }
        if q.unitClass == .persons, categories.occurrences(within: q.end..<s.count).prefix(1).contains(where: { $0.value.hasPrefix("petitioner:") && $0.range.lowerBound <= q.end + 1 }) {
          metric = .petitioners  // 198名职工联名…
        }
        if metric == .other, q.range.lowerBound > 0, s[q.range.lowerBound - 1] == "的", let recent = recentCount(before: sentenceIdx, facts: facts) {
          // A breakdown line (5年以上的6件, 一次的33件) under a total stated just before.
          metric = recent
        }
        if metric == .other, let c = category {
          // A breakdown line (涉及公安机关的6件) whose total was stated in an earlier sentence.
          metric = c.hasPrefix("petitioner:") || q.unitClass == .persons ? .petitioners : .cases
        }
        if q.unitClass == .persons, metric == .visits {
          metric = .petitioners  // a head count of people who petitioned (上访的有120人), not visits (人次)
        }
        if q.unitClass == .persons, qualifiers.occurrences(within: q.end..<s.count).prefix(1).contains(where: { $0.value == .staff && $0.range.lowerBound <= q.end + 2 }) {
          metric = .other
        }
        if q.unitClass == .times && !metric.countsArrivals { metric = .other }
        made.append((.count, metric, category))
      }
      let evidence = evidenceRange(s, clause: clause, sentence: sentence.range)
      for (kind, metric, category) in made {
        var value = q.value
        if kind == .change, let v = value, direction == .decrease { value = -v }
        facts.append(Fact(
          kind: kind, metric: metric, value: value, unit: q.unit, unitClass: q.unitClass, range: q.range, span: doc.sourceSpan(q.range),
          approx: q.approx, bound: q.bound, target: target, category: category, placeholder: q.placeholder,
          evidence: doc.text(evidence), evidenceSpan: doc.sourceSpan(evidence), evidenceRange: evidence, rule: metric == .other ? .fallbackOther : .cueBefore, article: sentence.article,
          period: periods.period(at: q.range.lowerBound, article: sentence.article, sentence: sentence.range), sentence: sentenceIdx))
      }
      if let first = made.first, first.1 != .other, first.0 != .change {
        previous = (sentenceIdx, first.1, first.0, q.end)
      } else if let p = previous, p.sentence == sentenceIdx {
        previous = (sentenceIdx, p.metric, p.kind, q.end)
      } else {
        previous = (sentenceIdx, .other, .count, q.end)
      }
    }
    doc.facts = facts
    doc.categoryMentions = CategoryCounter(dictionaries: dictionaries).count(doc, occurrences: categories)
  }

  /// The metric a count's cue words name. Cues between the previous quantity and this one win;
  /// a collective-visit cue outranks a destination (到市集访 → collective); of adjacent outcome
  /// cues the first wins (办结息诉 → resolved); otherwise the nearest. Then cues right after the
  /// measure word (30多人赴省集访), then the previous quantity's metric in the sentence (其中…).
  private func countMetric(_ cues: [CueLexicon<MetricCue>.Occurrence], after: [CueLexicon<MetricCue>.Occurrence], inherited: Metric?) -> Metric? {
    if let m = pick(cues) { return m }
    if let m = pick(after) { return m }
    return inherited
  }

  private func pick<C: RandomAccessCollection>(_ cues: C) -> Metric? where C.Element == CueLexicon<MetricCue>.Occurrence, C.Index == Int {
    guard var chosen = cues.indices.last else { return nil }
    let nearest = cues[chosen].value.metric
    if nearest == .collective || (nearest.isDestination && cues.contains(where: { $0.value.metric == .collective })) { return .collective }
    while chosen > 0, cues[chosen - 1].range.upperBound == cues[chosen].range.lowerBound { chosen -= 1 }
    return cues[chosen].value.metric
  }

  /// Rate names before a percentage; several joined by 、 和 及 与 share the number
  /// (办结率、息访率均为100% is two rates).
  private func rateCues(_ cues: [CueLexicon<MetricCue>.Occurrence], _ s: [Unicode.Scalar]) -> [Metric] {
    guard let lastIdx = cues.lastIndex(where: { $0.value.isRate }) else { return [] }
    var result = [cues[lastIdx].value.metric]
    var k = lastIdx
    while k > 0, cues[k - 1].value.isRate {
      let gap = s[cues[k - 1].range.upperBound..<cues[k].range.lowerBound]
      guard !gap.isEmpty, gap.count <= 2, gap.allSatisfy({ "、和及与,".unicodeScalars.contains($0) }) else { break }
      result.insert(cues[k - 1].value.metric, at: 0)
      k -= 1
    }
    return result
  }

  /// The metric of the last count in the three sentences before `sentence`.
  private func recentCount(before sentence: Int, facts: [Fact]) -> Metric? {
    facts.last { $0.kind == .count && $0.metric != .other && $0.sentence >= sentence - 3 }?.metric
  }


  /// A percentage right after a 率 that no rate cue names (破案率, 转化率).
  private func namesUnknownRate(_ s: [Unicode.Scalar], before p: Int, from lo: Int) -> Bool {
    var i = p
    while i > lo, "达为是了到高约近".unicodeScalars.contains(s[i - 1]) { i -= 1 }
    return i > lo && s[i - 1] == "率"
  }

  /// A lone Chinese 一 before a measure word counts only right after a cue or 共/计/仅/只
  /// (集访一起 is rare; 一名上访人, 每一件, 一批案件 are narrative).
  private func isIndefiniteOne(_ q: Quantity, s: [Unicode.Scalar], windowCues: [CueLexicon<MetricCue>.Occurrence]) -> Bool {
    guard q.range.count == 1, s[q.range.lowerBound] == "一" else { return false }
    let p = q.range.lowerBound
    if p > 0, "共计仅只".unicodeScalars.contains(s[p - 1]) { return false }
    if p > 1, s[p - 2] == "发", s[p - 1] == "生" { return false }
    return true
  }

  /// A breakdown category right before the number: 涉及人民法院的37件, 农民39人, 不服民事判决的16件.
  private func categoryFor(_ q: Quantity, categories: [CueLexicon<String>.Occurrence], s: [Unicode.Scalar], windowStart: Int) -> String? {
    guard let c = categories.occurrences(within: windowStart..<q.range.lowerBound).last else { return nil }
    let gap = s[c.range.upperBound..<q.range.lowerBound]
    guard gap.count <= 3, gap.allSatisfy({ Self.categoryGlue.contains($0) || $0 == "人" || $0 == "员" }) else { return nil }
    // An issue category labels a count only as a breakdown line (土地类15件, 涉及拆迁的8件).
    if !isBreakdown(c.value), !gap.contains(where: { "的类".unicodeScalars.contains($0) }) { return nil }
    return c.value
  }

  private func clauseRange(_ s: [Unicode.Scalar], around r: Range<Int>, in sentence: Range<Int>) -> Range<Int> {
    var lo = r.lowerBound
    let floor = max(sentence.lowerBound, r.lowerBound - Self.maxClauseReach)
    while lo > floor, !Self.clauseDelimiters.contains(s[lo - 1]) { lo -= 1 }
    var hi = r.upperBound
    let ceiling = min(sentence.upperBound, r.upperBound + Self.maxClauseReach)
    while hi < ceiling, !Self.clauseDelimiters.contains(s[hi]) { hi += 1 }
    return lo..<hi
  }

  /// Whether one of `ranges` (sorted, not overlapping) lies within `r`, by binary search: a
  /// scan per number would be quadratic in a long sentence.
  static func hasRange(_ ranges: [Range<Int>], within r: Range<Int>) -> Bool {
    let lo = ranges.partitioningIndex { $0.lowerBound >= r.lowerBound }
    return lo < ranges.count && ranges[lo].upperBound <= r.upperBound
  }

  /// The clause, with the one before it when it is very short (其中进京1批2人次 keeps 其中).
  private func evidenceRange(_ s: [Unicode.Scalar], clause: Range<Int>, sentence: Range<Int>) -> Range<Int> {
    var lo = clause.lowerBound
    if clause.count < 8, lo > sentence.lowerBound {
      lo -= 1
      while lo > sentence.lowerBound, !Self.clauseDelimiters.contains(s[lo - 1]) { lo -= 1 }
    }
    return lo..<clause.upperBound
  }
}

/// A breakdown id of facts.md §4.2 (`agency:court`), not an issue category: ids are ASCII, and
/// a byte scan costs a fraction of Foundation's substring search.
func isBreakdown(_ category: String) -> Bool {
  category.utf8.contains(UInt8(ascii: ":"))
}
