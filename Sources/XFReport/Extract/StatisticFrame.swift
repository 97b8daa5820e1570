/// What attribution decided about one quantity, kept so that later quantities of the sentence
/// can inherit from it (a list, a pair, a change of the count before).
struct Reading: Sendable {
  let quantity: Int
  let start: Int
  let end: Int
  let kind: FactKind
  let metric: Metric
  let unitClass: UnitLexicon.UnitClass?
  let isPercent: Bool
  let isGenericUnit: Bool
  let isTotal: Bool
  let direction: QualifierRole?
  let rule: RuleID
  /// The innermost parenthesis holding the quantity.
  let paren: Range<Int>?
  /// Stated inside a narrowing scope (其中, 含, a parenthesis): a part, not a total.
  let narrowed: Bool
  let sentence: Int
  let article: Int
}

/// The frame of one quantity: its clause, its own stretch of text (from the number before it in
/// the same scope, or the clause start, to the number), the cues and markers there, the
/// parenthesis holding it, and the readings before it in the sentence. Rules read only this.
/// A class: every rule of the list reads the same frame, and what they ask twice is kept.
final class StatisticFrame {
  typealias MetricOccurrence = CueLexicon<MetricCue>.Occurrence

  let s: [Unicode.Scalar]
  let quantity: Quantity
  let index: Int
  let sentenceIndex: Int
  let sentence: Range<Int>
  let article: Int
  let clause: Range<Int>
  /// The innermost parenthesis holding the number (its brackets included).
  let paren: Range<Int>?
  /// Where the number's own cues stand.
  let segment: Range<Int>
  /// Metric cues of the segment, without those inside a parenthesis that does not hold the number.
  let cues: [MetricOccurrence]
  /// Cues right after the measure word, before the next number and inside the same scope.
  let cuesAfter: [MetricOccurrence]
  /// Qualifiers from the clause start to the number.
  let qualifiers: ArraySlice<CueLexicon<QualifierRole>.Occurrence>
  /// Markers (其中, 分别, 均 …) from the clause start to the number.
  let markers: ArraySlice<CueLexicon<MarkerRoles>.Occurrence>
  /// The reading before this one in the sentence, in this number's scope (numbers inside a
  /// parenthesis that closed before it are skipped: they narrowed the number before them).
  let previous: Reading?
  /// The last readings of the sentence, in order: what a distributed list looks back over. A
  /// copy of a bounded suffix — holding the whole array would make each later append copy it.
  let recentReadings: [Reading]
  /// The last count before this number in the sentence, in this number's scope.
  let previousCount: Reading?
  /// A breakdown opener (从…来看, 具体为, 其中) earlier in the sentence.
  let inBreakdown: Bool
  /// A total marker (共, 合计, 累计) in the number's stretch.
  let totalMarked: Bool
  /// The number of numbers after the last distributor (分别, 均) of the clause, this one included,
  /// and how many follow joined to this one.
  let listPosition: Int
  let listLength: Int
  /// The breakdown category right before a count (涉及人民法院的37件, 农民39人).
  let category: String?
  /// A category starting right after the number (198名职工联名).
  let categoryAfter: String?
  /// A staff word right after the number (干部职工14名 reads 14名 then nothing; 3名工作人员).
  let staffAfter: Bool
  /// The last count of the article stated outside a narrowing scope, a few sentences back at most.
  let recentTotal: Reading?
  /// The next number starts where this quantity ends (一批三人次).
  let nextStartsAtEnd: Bool
  /// An issue or breakdown category is named in the stretch before a share word (土地征收和承包问题占45%,
  /// 涉及法院的信访占总数的71.3%).
  let issueBeforeShare: Bool
  /// For a number alone in a table cell: its row label and the table's header.
  let table: TableCellContext?
  /// The number's sentence, up to the end of its clause, speaks of a court's or procuratorate's
  /// caseload (收案, 审结, 各类案件) and names no petition (全年各类案件收案8346件，结案7912件).
  let inCaseload: Bool
  /// A caseload word stands in the clause before the number with no petition word after it
  /// (涉诉信访…，一审服判息诉率91.4%): a rate so named is about the caseload, whatever the sentence
  /// said before. Counts do not use it (受理涉诉信访23件，审结21件: 审结 counts the petitions).
  let caseloadNamesNumber: Bool
  /// Every metric cue of the document.
  let allMetrics: [MetricOccurrence]
  let markerTable: MarkerTable

  init(
    s: [Unicode.Scalar],
    quantity: Quantity,
    index: Int,
    sentenceIndex: Int,
    sentence: Range<Int>,
    article: Int,
    clause: Range<Int>,
    paren: Range<Int>?,
    segment: Range<Int>,
    cues: [MetricOccurrence],
    cuesAfter: [MetricOccurrence],
    qualifiers: ArraySlice<CueLexicon<QualifierRole>.Occurrence>,
    markers: ArraySlice<CueLexicon<MarkerRoles>.Occurrence>,
    previous: Reading?,
    recentReadings: [Reading],
    previousCount: Reading?,
    inBreakdown: Bool,
    totalMarked: Bool,
    listPosition: Int,
    listLength: Int,
    category: String?,
    categoryAfter: String?,
    staffAfter: Bool,
    recentTotal: Reading?,
    nextStartsAtEnd: Bool,
    issueBeforeShare: Bool,
    table: TableCellContext?,
    inCaseload: Bool,
    caseloadNamesNumber: Bool = false,
    allMetrics: [MetricOccurrence],
    markerTable: MarkerTable
  ) {
    self.s = s
    self.quantity = quantity
    self.index = index
    self.sentenceIndex = sentenceIndex
    self.sentence = sentence
    self.article = article
    self.clause = clause
    self.paren = paren
    self.segment = segment
    self.cues = cues
    self.cuesAfter = cuesAfter
    self.qualifiers = qualifiers
    self.markers = markers
    self.previous = previous
    self.recentReadings = recentReadings
    self.previousCount = previousCount
    self.inBreakdown = inBreakdown
    self.totalMarked = totalMarked
    self.listPosition = listPosition
    self.listLength = listLength
    self.category = category
    self.inCaseload = inCaseload
    self.caseloadNamesNumber = caseloadNamesNumber
    self.categoryAfter = categoryAfter
    self.staffAfter = staffAfter
    self.recentTotal = recentTotal
    self.nextStartsAtEnd = nextStartsAtEnd
    self.issueBeforeShare = issueBeforeShare
    self.table = table
    self.allMetrics = allMetrics
    self.markerTable = markerTable
  }

  var q: Quantity { quantity }
  /// A measure word that counts anything (个): only a case noun right after it makes a petition count.
  var isGenericUnit: Bool {
    // Counting the unit's scalars walked the string per call: the first two say it.
    var u = q.unit.unicodeScalars.makeIterator()
    guard let first = u.next(), u.next() == nil else { return false }
    return markerTable.has(.genericUnit, first)
  }

  /// Count cues (not rate names) of the segment.
  lazy var countCues: [MetricOccurrence] = cues.filter { !$0.value.isRate }
  lazy var rateCues: [MetricOccurrence] = cues.filter { $0.value.isRate }

  /// The characters between the previous reading's end and this number.
  var gap: ArraySlice<Unicode.Scalar>? {
    guard let p = previous, p.end <= q.range.lowerBound else { return nil }
    return s[p.end..<q.range.lowerBound]
  }

  /// Joined to the previous number by nothing, spaces or a list joiner (86批212人, 9%和37%).
  /// Where total markers (共, 合计, 累计) stand before the number in its clause.
  lazy var totalMarkerStarts: [Int] = markers.filter { $0.value.contains(.totalMarker) }.map(\.range.lowerBound)

  /// Several rules ask, and the gap may be long: computed once, without a copy.
  lazy var joinedToPrevious: Bool = gap?.allSatisfy { $0 == " " || markerTable.has(.joiner, $0) } ?? false

  /// Two cues listed one after the other: one or two list joiners between them (来信、来访,
  /// 办结率和息诉率), as the rules that read lists of cues ask.
  func listed(_ a: MetricOccurrence, _ b: MetricOccurrence) -> Bool {
    let gap = a.range.upperBound..<b.range.lowerBound
    return !gap.isEmpty && gap.count <= 2 && markerTable.all(.joiner, s[gap])
  }

  /// A semicolon between the previous reading and this number: a new statement.
  var semicolonSincePrevious: Bool {
    guard let g = gap else { return false }
    return g.contains { $0 == "；" || $0 == ";" }
  }

  /// The previous reading stands in the same clause.
  var previousInClause: Bool { previous.map { $0.start >= clause.lowerBound } ?? false }

  /// A change word right before the number, only glue between (下降5%, 增加了12件, 减少约5%).
  lazy var direction: QualifierRole? = findDirection()

  private func findDirection() -> QualifierRole? {
    if let sign = q.sign { return sign }
    if let last = qualifiers.last, last.value == .increase || last.value == .decrease {
      var gap = s[last.range.upperBound..<q.range.lowerBound].filter { $0 != " " }[...]
      // 下降率为10.4%: a rate of change, then the glue of a rate.
      if let first = gap.first, markerTable.has(.rateSuffix, first) { gap = gap.dropFirst().drop { markerTable.has(.rateGap, $0) } }
      if markerTable.all(.changeGap, gap) { return last.value }
    }
    // 比上年同期多21件次: 少 / 多 right before the number, after a comparison.
    let p = q.range.lowerBound
    if p > 0, markerTable.has(.fewer, s[p - 1]) || markerTable.has(.more, s[p - 1]),
      qualifiers.contains(where: { $0.value == .compare }) || markers.contains(where: { $0.value.contains(.priorPeriod) })
    {
      return markerTable.has(.fewer, s[p - 1]) ? .decrease : .increase
    }
    // 比上年同期615件少120件: 少 / 多 right after a count.
    if let p = previous, p.kind == .count, p.end < q.range.lowerBound, q.range.lowerBound - p.end == 1 {
      let c = s[p.end]
      if markerTable.has(.fewer, c) { return .decrease }
      if markerTable.has(.more, c) { return .increase }
    }
    return nil
  }

  /// The last distributor (分别, 均) of the clause before the number, with its role.
  var distributor: CueLexicon<MarkerRoles>.Occurrence? {
    markers.last { !$0.value.intersection([.distributePairwise, .distributeEach]).isEmpty }
  }

  /// A narrowing scope holds the number: a parenthesis, or 其中 / 含 / 包括 earlier in the clause.
  var narrowed: Bool {
    paren != nil || markers.contains { $0.value.contains(.scopeOpen) }
  }

  /// A comparison or an earlier period named in the number's stretch (较去年同期的380件次).
  var comparesEarlierPeriod: Bool {
    let lo = previous.map { max($0.end, clause.lowerBound) } ?? clause.lowerBound
    guard lo <= q.range.lowerBound else { return false }
    let compare = qualifiers.contains { $0.value == .compare && $0.range.lowerBound >= lo }
    let prior = markers.contains { $0.value.contains(.priorPeriod) && $0.range.lowerBound >= lo }
    return compare || prior
  }

  /// Han characters in the segment.
  var segmentWords: Int { s[segment].reduce(0) { $0 + ($1.isHan ? 1 : 0) } }
}

/// Builds the frames of a document's quantities in text order.
struct FrameBuilder {
  static let clauseDelimiters = BMPSet("，,；;。!?！？：:\n".unicodeScalars)
  static let openers = BMPSet("(（".unicodeScalars)
  static let closers = BMPSet(")）".unicodeScalars)
  /// A clause is read at most this far either side of its number, so that a line without
  /// punctuation (megabytes of it) costs linear time and evidence stays short.
  static let maxClauseReach = 1000
  /// How far back through readings of closed parentheses the previous reading is looked for.
  static let maxSkippedReadings = 8
  /// Longest list a distributor is read over (a list is walked from each of its numbers).
  static let maxListLength = 32

  let s: [Unicode.Scalar]
  let occurrences: CueOccurrences
  let markers: MarkerTable
  /// Petition and complaint words (`category-contexts.tsv`), which keep a caseload about petitions.
  let contexts: CueLexicon<CategoryContext>
  let tables: FlatTableIndex
  /// Where each list's cues near the last frame started (see ``Swift/Array/starting(in:hint:)``).
  private var hints = (metrics: 0, markers: 0, qualifiers: 0, categories: 0)

  /// Positions of opening brackets, ascending: most numbers have none before them within reach,
  /// which a binary search says without walking back.
  let openers: [Int]

  init(s: [Unicode.Scalar], occurrences: CueOccurrences, markers: MarkerTable, contexts: CueLexicon<CategoryContext>, tables: FlatTableIndex) {
    (self.s, self.occurrences, self.markers, self.contexts, self.tables) = (s, occurrences, markers, contexts, tables)
    var openers: [Int] = []
    // One pass over every character, sixteen at a time: brackets are rare.
    let ascii = SIMD16<UInt32>(repeating: ("(" as Unicode.Scalar).value), wide = SIMD16<UInt32>(repeating: ("（" as Unicode.Scalar).value)
    s.withUnsafeBufferPointer { b in
      var i = 0
      while i < b.count {
        i = ScalarScan.firstIndex(b, from: i, to: b.count, hits: { ($0 .== ascii) .| ($0 .== wide) }, hit: { Self.openers.contains($0) })
        guard i < b.count else { break }
        openers.append(i)
        i += 1
      }
    }
    self.openers = openers
    intros = occurrences.markers.filter { $0.value.contains(.breakdownIntro) }.map(\.range.lowerBound)
    caseloads = occurrences.markers.filter { $0.value.contains(.caseload) }.map(\.range.lowerBound)
  }

  /// Starts of caseload words (收案, 审结), ascending.
  let caseloads: [Int]

  /// Starts of breakdown openers (从…来看, 具体为), ascending.
  let intros: [Int]

  /// A breakdown opener starts in `r`, by binary search.
  func hasIntro(in r: Range<Int>) -> Bool {
    let k = intros.partitioningIndex { $0 >= r.lowerBound }
    return k < intros.count && intros[k] < r.upperBound
  }

  func clauseRange(around r: Range<Int>, in sentence: Range<Int>) -> Range<Int> {
    var lo = r.lowerBound
    let floor = max(sentence.lowerBound, r.lowerBound - Self.maxClauseReach)
    while lo > floor, !Self.clauseDelimiters.contains(s[lo - 1]) { lo -= 1 }
    var hi = r.upperBound
    let ceiling = min(sentence.upperBound, r.upperBound + Self.maxClauseReach)
    while hi < ceiling, !Self.clauseDelimiters.contains(s[hi]) { hi += 1 }
    return lo..<hi
  }

  /// The innermost parenthesis around `r` within `clause` bounds of reach, found by walking
  /// out from the number (bounded by the clause reach).
  func paren(around r: Range<Int>, in sentence: Range<Int>) -> Range<Int>? {
    let floor = max(sentence.lowerBound, r.lowerBound - 200)
    let k = openers.partitioningIndex { $0 >= floor }
    guard k < openers.count, openers[k] < r.lowerBound else { return nil }
    var depth = 0
    var lo = r.lowerBound
    var open: Int? = nil
    while lo > floor {
      lo -= 1
      let c = s[lo]
      if Self.closers.contains(c) { depth += 1 } else if Self.openers.contains(c) {
        if depth == 0 { open = lo; break }
        depth -= 1
      }
    }
    guard let o = open else { return nil }
    depth = 0
    var hi = r.upperBound
    let ceiling = min(sentence.upperBound, r.upperBound + 200)
    while hi < ceiling {
      let c = s[hi]
      if Self.openers.contains(c) { depth += 1 } else if Self.closers.contains(c) {
        if depth == 0 { return o..<(hi + 1) }
        depth -= 1
      }
      hi += 1
    }
    // Unclosed: the scope runs to the clause's end.
    return o..<ceiling
  }

  mutating func frame(
    for index: Int, of quantities: [Quantity], sentenceIndex: Int, sentence: Sentence, readings: ArraySlice<Reading>, recentTotal: Reading?
  ) -> StatisticFrame {
    let q = quantities[index]
    let clause = clauseRange(around: q.range, in: sentence.range)
    let paren = paren(around: q.range, in: sentence.range)
    // The previous reading (and count) in this number's scope.
    var previous: Reading? = nil
    var previousCount: Reading? = nil
    var skipped = 0
    for r in readings.reversed() {
      if let p = r.paren, p.upperBound <= q.range.lowerBound, paren.map({ !$0.contains(p.lowerBound) }) ?? true {
        skipped += 1
        if skipped > Self.maxSkippedReadings { break }
        continue
      }
      if previous == nil { previous = r }
      if r.kind == .count { previousCount = r; break }
      skipped += 1
      if skipped > Self.maxSkippedReadings { break }
    }
    let last = readings.last
    var lo = clause.lowerBound
    if let l = last, l.end <= q.range.lowerBound { lo = max(lo, l.end) }
    if let p = paren { lo = max(lo, p.lowerBound + 1) }
    let segment = lo..<q.range.lowerBound
    // Every stretch read below lies between the clause's start and a few characters past the
    // quantity: the cues there are found once per list, and each stretch searches only them.
    let near = clause.lowerBound..<min(s.count, max(clause.lowerBound, q.end + 12))
    let metrics = occurrences.metrics
    let metricsNear = metrics.starting(in: near, hint: &hints.metrics)
    let markersNear = occurrences.markers.starting(in: near, hint: &hints.markers)
    let qualifiersNear = occurrences.qualifiers.starting(in: near, hint: &hints.qualifiers)
    let categoriesNear = occurrences.categories.starting(in: near, hint: &hints.categories)
    var cues = Array(metricsNear.occurrences(within: segment))
    if paren == nil {
      cues.removeAll { c in
        // A cue inside a parenthesis that closed before the number belongs to the parenthesis.
        if let p = self.paren(around: c.range, in: sentence.range), p.upperBound <= q.range.lowerBound { return true }
        return false
      }
    }
    // After the measure word: up to six characters, not into the next number or across a bracket.
    var afterEnd = min(clause.upperBound, q.end + 6)
    if index + 1 < quantities.count { afterEnd = min(afterEnd, max(q.end, quantities[index + 1].range.lowerBound)) }
    if let p = paren { afterEnd = min(afterEnd, max(q.end, p.upperBound - 1)) }
    var k = q.end
    while k < afterEnd {
      if Self.openers.contains(s[k]) || Self.closers.contains(s[k]) { afterEnd = k; break }
      k += 1
    }
    let cuesAfter = q.end < afterEnd ? Array(metricsNear.occurrences(within: q.end..<afterEnd).filter { !$0.value.isRate }) : []
    let before = clause.lowerBound..<q.range.lowerBound
    let markers = markersNear.occurrences(within: before)
    // The list after a distributor: numbers of the clause after it, joined by list joiners.
    var position = 0, length = 0
    if let d = markers.last(where: { !$0.value.intersection([.distributePairwise, .distributeEach]).isEmpty }) {
      // The list is the chain of joined numbers that starts right after the distributor.
      var first = index
      while first > 0, index - first < Self.maxListLength, quantities[first - 1].range.lowerBound >= d.range.upperBound,
        joined(quantities[first - 1].end, quantities[first].range.lowerBound)
      {
        first -= 1
      }
      let opensList = first == 0 || quantities[first - 1].range.lowerBound < d.range.upperBound
      position = opensList ? index - first + 1 : 0
      var end = index
      while end + 1 < quantities.count, end - index < Self.maxListLength, quantities[end + 1].range.upperBound <= clause.upperBound,
        joined(quantities[end].end, quantities[end + 1].range.lowerBound)
      {
        end += 1
      }
      length = position > 0 ? end - first + 1 : 0
    }
    return StatisticFrame(
      s: s, quantity: q, index: index, sentenceIndex: sentenceIndex, sentence: sentence.range, article: sentence.article,
      clause: clause, paren: paren, segment: segment, cues: cues, cuesAfter: cuesAfter,
      qualifiers: qualifiersNear.occurrences(within: before), markers: markers, previous: previous,
      // Only distribution rules look back over the sentence: no copy where no distributor stands.
      recentReadings: markers.contains { !$0.value.intersection([.distributePairwise, .distributeEach]).isEmpty }
        ? Array(readings.suffix(Self.maxListLength * 2)) : [],
      previousCount: previousCount,
      inBreakdown: hasIntro(in: max(sentence.range.lowerBound, q.range.lowerBound - Self.maxClauseReach)..<q.range.lowerBound),
      totalMarked: markersNear.occurrences(within: segment).contains { $0.value.contains(.totalMarker) },
      listPosition: position, listLength: length,
      category: q.isPercent || q.isPoints ? nil : categoryFor(q, windowStart: segment.lowerBound, near: categoriesNear),
      categoryAfter: categoriesNear.occurrences(within: q.end..<min(s.count, q.end + 8)).first.flatMap { $0.range.lowerBound <= q.end + 1 ? $0.value : nil },
      staffAfter: qualifiersNear.occurrences(within: q.end..<min(s.count, q.end + 12)).first.map {
        $0.value == .staff && $0.range.lowerBound <= q.end + 2 && !s[q.end..<$0.range.lowerBound].contains { Self.clauseDelimiters.contains($0) }
      } ?? false,
      recentTotal: recentTotal,
      nextStartsAtEnd: index + 1 < quantities.count && quantities[index + 1].range.lowerBound == q.end && quantities[index + 1].countsPetitions,
      issueBeforeShare: !categoriesNear.occurrences(within: segment).isEmpty
        && qualifiersNear.occurrences(within: segment).contains { $0.value == .share },
      table: q.tableCell ? tables.cell(at: q.range.lowerBound).map { TableCellContext(table: $0.table, cell: $0.cell, s: s, qualifiers: occurrences.qualifiers) } : nil,
      inCaseload: inCaseload(clause: clause, sentence: sentence.range),
      caseloadNamesNumber: caseloadNames(q.range.lowerBound, clause: clause),
      allMetrics: metrics, markerTable: self.markers)
  }

  /// See ``StatisticFrame/inCaseload``: petition and complaint words of `category-contexts.tsv`
  /// name a petition.
  /// Read at most ``maxClauseReach`` back, so that a long sentence costs linear time.
  private func inCaseload(clause: Range<Int>, sentence: Range<Int>) -> Bool {
    let span = max(sentence.lowerBound, clause.upperBound - Self.maxClauseReach)..<clause.upperBound
    let k = caseloads.partitioningIndex { $0 >= span.lowerBound }
    guard k < caseloads.count, caseloads[k] < span.upperBound else { return false }
    return !contexts.contains(in: s, span, limit: clause.upperBound) { $0 == .petition || $0 == .complaint }
  }

  /// See ``StatisticFrame/caseloadNamesNumber``.
  private func caseloadNames(_ number: Int, clause: Range<Int>) -> Bool {
    let k = caseloads.partitioningIndex { $0 >= clause.lowerBound }
    guard k < caseloads.count, caseloads[k] < number else { return false }
    var last = k
    while last + 1 < caseloads.count, caseloads[last + 1] < number { last += 1 }
    return !contexts.contains(in: s, caseloads[last]..<number, limit: number) { $0 == .petition || $0 == .complaint }
  }

  /// A breakdown category right before the number: 涉及人民法院的37件, 农民39人, 不服民事判决的16件.
  private func categoryFor(_ q: Quantity, windowStart: Int, near: ArraySlice<CueLexicon<String>.Occurrence>) -> String? {
    guard let c = near.occurrences(within: windowStart..<q.range.lowerBound).last else { return nil }
    let gap = s[c.range.upperBound..<q.range.lowerBound]
    guard gap.count <= 3, gap.allSatisfy({ markers.has(.categoryGlue, $0) }) else { return nil }
    // An issue category labels a count only as a breakdown line (土地类15件, 涉及拆迁的8件).
    if !isBreakdown(c.value), !gap.contains(where: { markers.has(.breakdownLabel, $0) }) { return nil }
    return c.value
  }

  /// Only spaces and list joiners between two positions, and at most one change word
  /// (下降12.4%、下降9.0%和上升20.6%: each item with its own direction).
  private func joined(_ a: Int, _ b: Int) -> Bool {
    guard a <= b, b - a <= 8 else { return false }
    let rest = s[a..<b].filter { $0 != " " && !markers.has(.joiner, $0) }
    guard !rest.isEmpty else { return true }
    let words = occurrences.qualifiers.occurrences(within: a..<b).filter { $0.value == .increase || $0.value == .decrease }
    return words.count == 1 && rest.elementsEqual(s[words[words.startIndex].range])
  }
}
