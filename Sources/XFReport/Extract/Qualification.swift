/// The last step: what attribution leaves open about a fact — the sign of a change, whether it
/// is a target, its period, its breakdown category and its evidence. It never changes the metric.
struct Qualification {
  let doc: Document
  let periods: PeriodFinder.Index
  let targets: [Range<Int>]
  /// Requirement words (要求), a target only with a reaching verb (``QualifierRole/requirement``).
  let requirements: [Range<Int>]
  let markers: MarkerTable

  init(doc: Document, occurrences: CueOccurrences, markers: MarkerTable, periodWords: PeriodWords) {
    self.doc = doc
    periods = PeriodFinder(words: periodWords).find(doc)
    targets = occurrences.qualifiers.filter { $0.value == .target }.map(\.range)
    requirements = occurrences.qualifiers.filter { $0.value == .requirement }.map(\.range)
    self.markers = markers
  }

  /// The last evidence made, with its range: the numbers of one clause share it, and a string
  /// built per fact cost more than the rest of its qualification.
  typealias EvidenceCache = (range: Range<Int>, text: String)?

  func fact(
    _ q: Quantity, decision d: Decision, rule: RuleID, frame: StatisticFrame, direction: QualifierRole?, sentence: Sentence, sentenceIndex: Int,
    evidenceCache: inout EvidenceCache
  ) -> Fact {
    var value = q.value
    if d.kind == .change, let v = value, direction == .decrease { value = -v }
    let evidence = evidenceRange(frame.clause, sentence: sentence.range, number: q.range.lowerBound..<q.end)
    let text: String
    if let c = evidenceCache, c.range == evidence { text = c.text } else {
      text = doc.text(evidence)
      evidenceCache = (evidence, text)
    }
    var fact = Fact(
      kind: d.kind, metric: d.metric, value: value, unit: q.unit, unitClass: q.unitClass, range: q.range, span: doc.sourceSpan(q.range),
      approx: q.approx, bound: q.bound, target: isTarget(q, clause: frame.clause, sentence: sentence.range),
      category: d.kind == .count ? frame.category : nil, placeholder: q.placeholder,
      evidence: text, evidenceSpan: doc.sourceSpan(evidence), evidenceRange: evidence, rule: rule, article: sentence.article,
      period: periods.period(at: q.range.lowerBound, article: sentence.article, sentence: sentence.range), sentence: sentenceIndex)
    fact.aboutCaseload = frame.inCaseload || (d.kind == .rate && frame.caseloadNamesNumber)
    fact.tooLarge = q.tooLarge || (value == nil && !q.placeholder)
    return fact
  }

  /// A target word before the number in its sentence (确保…, 力争…), or a requirement word there
  /// with a reaching verb before the number in its clause (要求各乡镇…办结率达到95%以上).
  private func isTarget(_ q: Quantity, clause: Range<Int>, sentence: Range<Int>) -> Bool {
    let before = sentence.lowerBound..<q.range.lowerBound
    if Self.hasRange(targets, within: before) { return true }
    guard let r = Self.lastRange(requirements, within: before) else { return false }
    return markers.occurs(.targetReach, in: doc.normalized.scalars, max(r.upperBound, clause.lowerBound)..<q.range.lowerBound)
  }

  /// The last of `ranges` (sorted, not overlapping) that lies within `r`.
  static func lastRange(_ ranges: [Range<Int>], within r: Range<Int>) -> Range<Int>? {
    var k = ranges.partitioningIndex { $0.lowerBound >= r.upperBound } - 1
    // Not overlapping: at most one starts inside `r` and runs past its end.
    if k >= 0, ranges[k].upperBound > r.upperBound { k -= 1 }
    return k >= 0 && ranges[k].lowerBound >= r.lowerBound ? ranges[k] : nil
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
