import Foundation

/// Checks what one document states against itself: rates against their counts, parts against
/// totals, and figures that cannot be. Copies across documents are the ``DuplicateIndex``'s job.
public struct ConsistencyChecker: Sendable {
  /// Parts that fall short of their total by at most this fraction are reported; a list that
  /// falls further short is more likely incomplete (其中 names only some parts) than wrong.
  public var shortfallTolerance: Decimal = 0.05
  /// Words that narrow to a subset (其中, 含, 包括: markers.tsv role `scope_open`), and those that open and
  /// close a change from one figure to another (由 … 到: from-to.tsv), as scalars.
  let narrowing: [[Unicode.Scalar]]
  let changeFrom: [[Unicode.Scalar]]
  let changeTo: [[Unicode.Scalar]]

  public init(dictionaries: Dictionaries) {
    narrowing = dictionaries.markers.lexicon.values.filter { $0.value.contains(.scopeOpen) }.keys.sorted().map { Array($0.unicodeScalars) }
    changeFrom = dictionaries.changeFromWords.map { Array($0.unicodeScalars) }
    changeTo = dictionaries.changeToWords.map { Array($0.unicodeScalars) }
  }

  /// Metrics that split one whole without overlap, by channel or by level.
  static let partitions: [Set<Metric>] = [
    [.letters, .visits, .calls, .online],
    [.to_beijing, .to_province, .to_city, .local],
  ]

  public func check(_ doc: Document) -> [Finding] { check(doc, ArticleFacts.all(of: doc)) }

  /// `articles`: ``ArticleFacts/all(of:)`` of `doc`.
  func check(_ doc: Document, _ articles: [ArticleFacts]) -> [Finding] {
    var findings: [Finding] = []
    for article in articles {
      findings += impossibleValues(article, doc: doc)
      findings += rateMismatches(article.derivedRates, doc: doc)
      findings += changeMismatches(article, doc: doc)
      findings += batchesAndPersons(article, doc: doc)
      findings += partSums(article, doc: doc)
      findings += tableSums(article, doc: doc)
    }
    return findings
  }

  // MARK: rates

  /// `derived`: the rates derived from an article's counts.
  func rateMismatches(_ derived: [DerivedRate], doc: Document) -> [Finding] {
    derived.compactMap { d in
      guard let rate = d.stated, let stated = rate.value else { return nil }
      // The stated figure is rounded to the decimals it shows; more than half a unit of its
      // last digit off is a mismatch.
      let tolerance = Self.halfUnit(of: stated)
      guard abs(d.value - stated) > tolerance else { return nil }
      return Finding(
        rule: .rateMismatch, doc: doc.id, article: rate.article,
        message: "stated \(rate.metric.rawValue) \(FactWriter.number(stated))% but \(FactWriter.number(d.numerator.value!))/\(FactWriter.number(d.denominator.value!)) = \(FactWriter.number(d.value))%",
        metric: rate.metric,
        stated: stated, computed: d.value,
        figures: [
          figure("rate", rate, d.statedFact, doc), figure("numerator", d.numerator, d.numeratorFact, doc),
          figure("denominator", d.denominator, d.denominatorFact, doc),
        ],
        evidence: rate.evidence, span: cover([d.denominator.span, rate.span]))
    }
  }

  static func halfUnit(of d: Decimal) -> Decimal {
    let text = FactWriter.number(d)
    guard let dot = text.firstIndex(of: ".") else { return 0.5 }
    let decimals = text.distance(from: dot, to: text.endIndex) - 1
    // 5 × 10^-(decimals+1): Decimal division, ten times over, cost 100,000 instructions.
    return Decimal(sign: .plus, exponent: -(decimals + 1), significand: 5)
  }

  // MARK: changes

  /// `由上年的250件减少到今年的210件，…下降20%`: the percentage the two figures give.
  func changeMismatches(_ article: ArticleFacts, doc: Document) -> [Finding] {
    let s = doc.normalized.scalars
    let facts = article.facts
    var findings: [Finding] = []
    // Indices, not elements: a Fact is a large struct, and few are changes.
    for k in facts.indices where facts[k].kind == .change && facts[k].unit == "%" && facts[k].value != nil && !facts[k].placeholder && !facts[k].approx {
      let c = facts[k]
      // The two counts nearest before the change in its sentence: from A to B.
      let before = facts.indices[..<k].reversed().prefix { facts[$0].sentence == c.sentence }.filter { facts[$0].kind == .count }
      guard before.count >= 2 else { continue }
      let (ib, ia) = (before[0], before[1])
      let b = facts[ib], a = facts[ia]
      guard usable(a), usable(b), a.category == nil, b.category == nil, a.value! > 0,
        a.unitKey == b.unitKey
      else { continue }
      let lead = max(0, a.range.lowerBound - 8)..<a.range.lowerBound
      let between = a.range.gap(to: b.range)
      guard Self.containsAny(changeFrom, in: s, lead), between.count <= 16, Self.containsAny(changeTo, in: s, between) else { continue }
      let computed = RateDerivation.percent(b.value! - a.value!, of: a.value!)
      let stated = c.value!
      guard abs(computed - stated) > Self.halfUnit(of: stated) else { continue }
      findings.append(Finding(
        rule: .changeMismatch, doc: doc.id, article: c.article,
        message: "stated change \(FactWriter.number(stated))% but \(FactWriter.number(a.value!)) → \(FactWriter.number(b.value!)) is \(FactWriter.number(computed))%",
        metric: c.metric,
        stated: stated, computed: computed,
        figures: [figure("change", k, article, doc), figure("from", ia, article, doc), figure("to", ib, article, doc)],
        evidence: c.evidence, span: cover([a.span, c.span])))
    }
    return findings
  }

  // MARK: impossible values

  /// `集体访12批9人次`: every batch has at least one person.
  func batchesAndPersons(_ article: ArticleFacts, doc: Document) -> [Finding] {
    let facts = article.facts
    var findings: [Finding] = []
    for k in facts.indices.dropLast() where usable(facts[k]) && facts[k].unitClass == .batches {
      let f = facts[k], g = facts[k + 1]
      guard usable(g), g.sentence == f.sentence, g.metric == f.metric, g.range.lowerBound - f.range.upperBound <= 3,
        g.unitClass == .person_visits || g.unitClass == .persons, g.value! < f.value!
      else { continue }
      findings.append(Finding(
        rule: .impossibleValue, doc: doc.id, article: f.article,
        message: "\(f.metric.rawValue) \(FactWriter.number(f.value!))\(f.unit) but only \(FactWriter.number(g.value!))\(g.unit): fewer people than batches",
        metric: f.metric,
        stated: g.value, computed: nil, figures: [figure("batches", k, article, doc), figure("people", k + 1, article, doc)],
        evidence: f.evidence, span: cover([f.span, g.span])))
    }
    return findings
  }

  func impossibleValues(_ article: ArticleFacts, doc: Document) -> [Finding] {
    let facts = article.facts
    // Counts are never impossible: passed over before the Fact is copied.
    return facts.indices.compactMap { k in
      guard facts[k].kind != .count, let v = facts[k].value, !facts[k].placeholder else { return nil }
      let f = facts[k]
      let why: String
      switch f.kind {
      case .rate where f.bound != .max && v > 100: why = "a rate above 100%"
      case .share where f.bound != .max && v > 100: why = "a share above 100%"
      case .change where f.unit == "%" && v < -100: why = "a fall of more than 100%"
      default: return nil
      }
      return Finding(
        rule: .impossibleValue, doc: doc.id, article: f.article,
        message: "\(f.metric.rawValue) \(FactWriter.number(v))\(f.unit == "%" ? "%" : " " + f.unit): \(why)", metric: f.metric,
        stated: v, computed: nil, figures: [figure(f.kind.rawValue, k, article, doc)], evidence: f.evidence, span: f.span)
    }
  }

  // MARK: parts and totals

  /// A total followed by `其中` and parts of one partition in the same sentence (上访总量2675人次，
  /// 其中进京…2人次，赴省…1人次，到市567人次，本级接待2101人次), or a run of breakdown counts of one
  /// dimension (农民39人，职工3人，干部1人，无业人员7人) after the total they break down (51件).
  func partSums(_ article: ArticleFacts, doc: Document) -> [Finding] {
    let facts = article.facts
    var findings: [Finding] = []
    var k = 0
    while k < facts.count {
      if let (total, parts, next) = breakdown(startingAt: k, facts, doc: doc) {
        if let f = compare(total: total, parts: parts, article, doc: doc) { findings.append(f) }
        k = next
      } else {
        k += 1
      }
    }
    return findings
  }

  private func usable(_ f: Fact) -> Bool {
    f.kind == .count && f.value != nil && !f.placeholder && f.bound == nil && !f.target
  }

  /// Tries to read a breakdown whose total is `facts[k]`.
  private func breakdown(startingAt k: Int, _ facts: [Fact], doc: Document) -> (Int, [Int], Int)? {
    let total = facts[k]
    // A table's totals are checked on its grid (``tableSums``).
    guard usable(total), total.category == nil, total.metric != .other, total.cell == nil, k + 1 < facts.count, facts[k + 1].cell == nil else { return nil }
    let s = doc.normalized.scalars
    // A count after 其中 is itself a part (其中涉及土地…的29件，涉及拆迁…的14件), not a total.
    if k > 0, facts[k - 1].sentence == total.sentence,
      Self.containsAny(narrowing, in: s, facts[k - 1].range.gap(to: total.range))
    {
      return nil
    }
    // Category breakdown: a run of counts with categories of one dimension, after the total
    // in the same paragraph or the next one.
    // Category breakdown: its total counts petitions or cases coming in (a count of repeat visits
    // stated just before is not what a breakdown by agency or issue adds up to).
    if k + 1 < facts.count, total.metric.isIntake, let dim = Self.dimension(facts[k + 1].category) {
      let gap = s[total.range.gap(to: facts[k + 1].range)]
      if gap.count <= 200, gap.filter({ $0 == "\n" }).count <= 2 {
        var parts: [Int] = []
        var j = k + 1
        while j < facts.count, usable(facts[j]), Self.dimension(facts[j].category) == dim, facts[j].sentence == facts[k + 1].sentence {
          parts.append(j)
          j += 1
        }
        if parts.count >= 2, Set(parts.map { facts[$0].category! }).count == parts.count {
          return (k, parts, j)
        }
      }
    }
    // 其中 + one partition of metrics, same unit, same sentence.
    guard k + 1 < facts.count, facts[k + 1].sentence == total.sentence else { return nil }
    let between = total.range.gap(to: facts[k + 1].range)
    guard between.count <= 12, Self.containsAny(narrowing, in: s, between) else { return nil }
    guard let group = Self.partitions.first(where: { $0.contains(facts[k + 1].metric) }) else { return nil }
    var parts: [Int] = []
    var seen: Set<Metric> = []
    var j = k + 1
    while j < facts.count, facts[j].sentence == total.sentence {
      let f = facts[j]
      if f.unit != total.unit {
        // 进京1批2人次: the batch count goes with the next count of the same metric.
        if f.kind == .count, group.contains(f.metric) { j += 1; continue }
        break
      }
      guard usable(f), f.category == nil, group.contains(f.metric), !seen.contains(f.metric) else { break }
      seen.insert(f.metric)
      parts.append(j)
      j += 1
    }
    guard parts.count >= 2 else { return nil }
    return (k, parts, j)
  }

  /// A table's totals row (合计) against the rows above it, column by column, and a totals
  /// column against the cells before it, row by row, in one unit class: a table lists all its
  /// parts, so a sum short of its total is reported too. Subtotals (小计) are left out.
  func tableSums(_ article: ArticleFacts, doc: Document) -> [Finding] {
    let facts = article.facts
    var findings: [Finding] = []
    var byTable: [Int: [Int]] = [:]
    for k in facts.indices where facts[k].cell != nil && usable(facts[k]) && !facts[k].cell!.subtotal { byTable[facts[k].cell!.table, default: []].append(k) }
    for t in byTable.keys.sorted() {
      let ks = byTable[t]!
      func check(_ totals: [Int], _ partOf: (Fact, Fact) -> Bool) {
        for k in totals {
          let total = facts[k]
          let parts = ks.filter { j in j != k && partOf(facts[j], total) && facts[j].unitKey == total.unitKey }
          guard parts.count >= 2, let f = compare(total: k, parts: parts, article, doc: doc, exact: true) else { continue }
          findings.append(f)
        }
      }
      check(ks.filter { facts[$0].cell!.totalRow && !facts[$0].cell!.totalColumn }) { p, total in
        p.cell!.column == total.cell!.column && !p.cell!.totalRow
      }
      check(ks.filter { facts[$0].cell!.totalColumn && !facts[$0].cell!.totalRow }) { p, total in
        p.cell!.row == total.cell!.row && !p.cell!.totalColumn
      }
    }
    return findings
  }

  /// Whether one of `words` lies wholly within `range` of `s`.
  private static func containsAny(_ words: [[Unicode.Scalar]], in s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
    words.contains { word in
      let n = word.count
      return n > 0 && range.count >= n && (range.lowerBound...(range.upperBound - n)).contains { s.hasWord(at: $0, word) }
    }
  }

  /// The breakdown dimension of a category id (`petitioner`, `agency`, `request`), or `issue`
  /// for the issue categories.
  static func dimension(_ category: String?) -> String? {
    guard let c = category else { return nil }
    if let colon = c.firstIndex(of: ":") { return String(c[..<colon]) }
    return "issue"
  }

  /// `total`, `parts`: indices into the article's facts.
  /// `exact`: every part is listed (a table), so a shortfall is reported however large.
  private func compare(total k: Int, parts indices: [Int], _ article: ArticleFacts, doc: Document, exact: Bool = false) -> Finding? {
    let total = article.facts[k], parts = indices.map { article.facts[$0] }
    let sum = parts.reduce(Decimal(0)) { $0 + $1.value! }
    let whole = total.value!
    guard sum != whole, !total.approx, !parts.contains(where: \.approx) else { return nil }
    // Short by more than the tolerance: probably a partial list, not an error.
    if !exact, sum < whole, whole - sum > whole * shortfallTolerance { return nil }
    let terms = parts.map { FactWriter.number($0.value!) }.joined(separator: "+")
    let message = "parts \(terms) = \(FactWriter.number(sum)) against the stated total \(FactWriter.number(whole))\(total.unit)"
    return Finding(
      rule: .partsSum, doc: doc.id, article: total.article, message: message, metric: total.metric,
      stated: whole, computed: sum,
      figures: [figure("total", k, article, doc)] + indices.map { figure("part", $0, article, doc) },
      evidence: parts[0].evidence, span: cover([total.span] + parts.map(\.span)))
  }

  // MARK: helpers

  /// `fact`: the index of `f` in ``Document/facts``.
  func figure(_ role: String, _ f: Fact, _ fact: Int?, _ doc: Document) -> Finding.Figure {
    Finding.Figure(role: role, value: f.value ?? 0, unit: f.unit, doc: doc.id, span: f.span, fact: fact)
  }

  /// The figure of the article's fact `k`.
  func figure(_ role: String, _ k: Int, _ article: ArticleFacts, _ doc: Document) -> Finding.Figure {
    figure(role, article.facts[k], article.indices[k], doc)
  }

  func cover(_ spans: [SourceSpan]) -> SourceSpan {
    SourceSpan(spans.map(\.start).min() ?? 0, spans.map(\.end).max() ?? 0)
  }
}

extension Range where Bound == Int {
  /// The text between this range and a later one; empty where they overlap, as the facts that one
  /// number gives several cues do (进京访、赴省访均为零: two facts, one span).
  func gap(to later: Range<Int>) -> Range<Int> { upperBound..<Swift.max(upperBound, later.lowerBound) }
}
