/// The last step: what attribution leaves open about a fact — the sign of a change, whether it
/// is a target, its period, its breakdown category and its evidence. It never changes the metric.
struct Qualification {
  let doc: Document
  let periods: PeriodFinder.Index
  let targets: [Range<Int>]
  let markers: MarkerTable

  init(doc: Document, occurrences: CueOccurrences, markers: MarkerTable, periodWords: PeriodWords) {
    self.doc = doc
    periods = PeriodFinder(words: periodWords).find(doc)
    targets = occurrences.qualifiers.filter { $0.value == .target }.map(\.range)
    self.markers = markers
  }

  func fact(
    _ q: Quantity, decision d: Decision, rule: RuleID, frame: StatisticFrame, direction: QualifierRole?, sentence: Sentence, sentenceIndex: Int
  ) -> Fact {
    var value = q.value
    if d.kind == .change, let v = value, direction == .decrease { value = -v }
    let evidence = evidenceRange(frame.clause, sentence: sentence.range, number: q.range.lowerBound..<q.end)
    return Fact(
      kind: d.kind, metric: d.metric, value: value, unit: q.unit, unitClass: q.unitClass, range: q.range, span: doc.sourceSpan(q.range),
      approx: q.approx, bound: q.bound, target: Self.hasRange(targets, within: sentence.range.lowerBound..<q.range.lowerBound),
      category: d.kind == .count ? frame.category : nil, placeholder: q.placeholder,
      evidence: doc.text(evidence), evidenceSpan: doc.sourceSpan(evidence), evidenceRange: evidence, rule: rule, article: sentence.article,
      period: periods.period(at: q.range.lowerBound, article: sentence.article, sentence: sentence.range), sentence: sentenceIndex)
  }

  /// Whether one of `ranges` (sorted, not overlapping) lies within `r`, by binary search: a
  /// scan per number would be quadratic in a long sentence.
  static func hasRange(_ ranges: [Range<Int>], within r: Range<Int>) -> Bool {
    let lo = ranges.partitioningIndex { $0.lowerBound >= r.lowerBound }
    return lo < ranges.count && ranges[lo].upperBound <= r.upperBound
  }

  /// The clause, with the one before it when it is very short (其中进京1批2人次 keeps 其中).
  /// Cut to this many characters either side of the number: a clause without punctuation can be a
  /// thousand characters long, and every fact of it would carry it all.
  static let maxEvidenceReach = 80

  private func evidenceRange(_ clause: Range<Int>, sentence: Range<Int>, number: Range<Int>) -> Range<Int> {
    let s = doc.normalized.scalars
    var lo = clause.lowerBound
    if clause.count < 8, lo > sentence.lowerBound {
      lo -= 1
      while lo > sentence.lowerBound, number.lowerBound - lo < Self.maxEvidenceReach, !FrameBuilder.clauseDelimiters.contains(s[lo - 1]) { lo -= 1 }
    }
    lo = max(lo, number.lowerBound - Self.maxEvidenceReach)
    return lo..<min(clause.upperBound, max(number.upperBound, number.upperBound + Self.maxEvidenceReach))
  }
}
