import Foundation

/// Turns quantities into facts, as a chain of named steps: quantities (``QuantityReader``) →
/// statistic frames (``FrameBuilder``) → attribution (``Attributor``: kind and metric by
/// ordered named rules) → qualification (``Qualification``: sign, target, period, evidence).
struct FactExtractor {
  let dictionaries: Dictionaries
  /// Keep each fact's frame and rule trace (``Document/explanations``).
  var explain = false
  // The steps that hold only dictionaries, built once per run: each copy of the dictionaries
  // retains every table they hold, and a short document paid that several times.
  private let quantityReader: QuantityReader
  private let tableReader: TableReader
  private let categoryCounter: CategoryCounter

  init(dictionaries: Dictionaries, explain: Bool = false) {
    (self.dictionaries, self.explain) = (dictionaries, explain)
    quantityReader = QuantityReader(dictionaries: dictionaries)
    tableReader = TableReader(dictionaries: dictionaries)
    categoryCounter = CategoryCounter(dictionaries: dictionaries)
  }

  /// How many sentences back a breakdown line looks for its total (an analysis paragraph may
  /// break one total down over several paragraphs).
  static let totalReach = 30

  private static let unitClasses = UnitLexicon.UnitClass.allCases

  func extract(_ doc: inout Document) {
    let s = doc.normalized.scalars
    let occurrences = dictionaries.cueOccurrences(in: s)
    let quantities = quantityReader.read(doc, qualifiers: occurrences.qualifiers)
    let tables = quantities.contains { $0.tableCell } ? FlatTableIndex(s, lines: doc.normalized.lineRanges(), markers: dictionaries.markers) : FlatTableIndex(tables: [])
    var builder = FrameBuilder(s: s, occurrences: occurrences, markers: dictionaries.markers, contexts: dictionaries.categoryContexts, tables: tables)
    let qualification = Qualification(doc: doc, occurrences: occurrences, markers: dictionaries.markers, periodWords: dictionaries.periods)
    let attributor = Attributor()
    // Table cells are read by their headers, not as prose: no fact is counted twice.
    let table = doc.tables.isEmpty ? TableReader.Read() : tableReader.read(doc, occurrences: occurrences, periods: qualification.periods)
    func inTable(_ p: Int) -> Bool {
      let k = table.covered.partitioningIndex { $0.upperBound > p }
      return k < table.covered.count && table.covered[k].contains(p)
    }

    // Room for every quantity: growing copied facts and readings, which are large, several times.
    var facts: [Fact] = []
    facts.reserveCapacity(quantities.count)
    var explanations: [FactExplanation] = []
    var readings: [Reading] = []
    readings.reserveCapacity(quantities.count)
    var sentenceStart = 0
    var sentenceIdx = 0
    // The last total count of each unit class: a breakdown in 件 breaks down a total in 件.
    // By the class's position among the cases: a dictionary hashed the class for every number.
    var totals = [Reading?](repeating: nil, count: Self.unitClasses.count)
    func slot(_ c: UnitLexicon.UnitClass) -> Int { Self.unitClasses.firstIndex(of: c)! }
    let sentences = doc.sentences
    var lastTotal: Reading? = nil
    var lastEvidence: Qualification.EvidenceCache = nil
    for (k, q) in quantities.enumerated() {
      if !table.covered.isEmpty, inTable(q.range.lowerBound) { continue }
      while sentenceIdx + 1 < sentences.count, sentences[sentenceIdx].range.upperBound <= q.range.lowerBound {
        sentenceIdx += 1
      }
      guard sentenceIdx < sentences.count else { break }
      if let last = readings.last, last.sentence != sentenceIdx {
        // The cells of one flattened table are read as one statement, line after line.
        let sameTable = q.tableCell && quantities[last.quantity].tableCell
          && tables.cell(at: last.start).map { $0.table.range } == tables.cell(at: q.range.lowerBound).map { $0.table.range }
        if !sameTable { sentenceStart = readings.count }
      }
      let sentence = sentences[sentenceIdx]
      guard q.countsPetitions || q.isPercent || q.isPoints || q.tableCell || q.statedZero else { continue }
      // A percentage's total is the last total of any class.
      let recentTotal = (q.unitClass.map { totals[slot($0)] } ?? lastTotal).flatMap { t in
        t.article == sentence.article && sentenceIdx - t.sentence <= Self.totalReach ? t : nil
      }
      let frame = builder.frame(
        for: k, of: quantities, sentenceIndex: sentenceIdx, sentence: sentence, readings: readings[sentenceStart...], recentTotal: recentTotal)
      let outcome = attributor.attribute(frame)
      guard case .facts(let decisions, let rule, let why) = outcome else {
        if explain, case .refused(let rule, let why) = outcome {
          explanations.append(FactExplanation(frame: frame, rule: rule, why: why, fact: nil, doc: doc))
        }
        continue
      }
      let direction = frame.direction ?? (decisions.first?.kind == .change && frame.joinedToPrevious ? frame.previous?.direction : nil)
      for d in decisions {
        let fact = qualification.fact(
          q, decision: d, rule: rule, frame: frame, direction: direction, sentence: sentence, sentenceIndex: sentenceIdx, evidenceCache: &lastEvidence)
        if explain { explanations.append(FactExplanation(frame: frame, rule: rule, why: why, fact: facts.count, doc: doc)) }
        facts.append(fact)
      }
      let first = decisions[0]
      let reading = Reading(
        quantity: k, start: q.range.lowerBound, end: q.end, kind: first.kind, metric: first.metric, unitClass: q.unitClass,
        isPercent: q.isPercent || q.isPoints, isGenericUnit: frame.isGenericUnit,
        isTotal: first.kind == .count && first.metric.isIntake && (first.metric == .received || frame.totalMarked), direction: first.kind == .change ? direction : nil, rule: rule, paren: frame.paren,
        narrowed: frame.narrowed, sentence: sentenceIdx, article: sentence.article)
      readings.append(reading)
      if reading.isTotal, !frame.narrowed {
        if let c = q.unitClass { totals[slot(c)] = reading }
        lastTotal = reading
      }
    }
    if !table.facts.isEmpty { (facts, explanations) = merge(facts, explanations, table, doc: doc) }
    doc.facts = facts
    doc.articlePeriods = qualification.periods.headings
    var tooLarge: [Range<Int>] = []
    for f in facts where f.tooLarge && tooLarge.last != f.range { tooLarge.append(f.range) }
    if !tooLarge.isEmpty {
      doc.warnings.append(doc.numberWarning(code: "XF-W003", tooLarge, "too large to record (10^18 or more), value left empty"))
    }
    doc.explanations = explanations
    doc.categoryMentions = categoryCounter.count(doc, occurrences: occurrences.categories)
  }
}

extension FactExtractor {
  /// Prose and table facts in text order, explanations renumbered.
  func merge(_ prose: [Fact], _ proseWhy: [FactExplanation], _ table: TableReader.Read, doc: Document) -> ([Fact], [FactExplanation]) {
    var order = prose.indices.map { (prose[$0].range.lowerBound, 0, $0) } + table.facts.indices.map { (table.facts[$0].range.lowerBound, 1, $0) }
    order.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    var facts: [Fact] = []
    facts.reserveCapacity(order.count)
    var newIndex: [[Int]] = [Array(repeating: 0, count: prose.count), Array(repeating: 0, count: table.facts.count)]
    for (_, side, k) in order {
      newIndex[side][k] = facts.count
      facts.append(side == 0 ? prose[k] : table.facts[k])
    }
    guard explain else { return (facts, []) }
    var why = proseWhy.map { $0.renumbered($0.fact.map { newIndex[0][$0] }) }
    for e in table.explanations {
      let f = table.facts[e.fact]
      why.append(FactExplanation(table: e.rule, why: e.why, headers: e.headers, fact: newIndex[1][e.fact], f, doc: doc))
    }
    return (facts, why)
  }
}

/// A breakdown id of facts.md §4.2 (`agency:court`), not an issue category: ids are ASCII, and
/// a byte scan costs a fraction of Foundation's substring search.
func isBreakdown(_ category: String) -> Bool {
  category.utf8.contains(UInt8(ascii: ":"))
}
