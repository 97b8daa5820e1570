/// One reading a rule gives a quantity.
struct Decision: Sendable, Equatable {
  let kind: FactKind
  let metric: Metric
}

/// What a rule says about a quantity: facts (one per decision), or that it is not a fact.
enum Outcome {
  case facts([Decision], RuleID, why: Why)
  case refused(RuleID, why: Why)
}

/// Why a rule answered, formatted only when explained (`%1`, `%2` stand for the arguments): most
/// runs never read it, and formatting per number cost more than the rule.
struct Why: Sendable {
  let template: StaticString
  let a: String
  let b: String
  let c: String

  init(_ template: StaticString, _ a: String = "", _ b: String = "", _ c: String = "") {
    (self.template, self.a, self.b, self.c) = (template, a, b, c)
  }

  var text: String {
    "\(template)".replacingOccurrences(of: "%1", with: a).replacingOccurrences(of: "%2", with: b).replacingOccurrences(of: "%3", with: c)
  }
}

/// A named attribution rule: a pattern over the frame and a production that may abstain (nil).
/// Rules are tried in the order of ``Attributor/rules``; the first that answers wins.
protocol AttributionRule: Sendable {
  /// Static: a rule holds no state, and the attributor calls it through its type (a list of
  /// rule values copied each one before the call, for every number).
  static func apply(_ f: StatisticFrame) -> Outcome?
}

/// The precedence among the count cues of one stretch of text, one named step each.
enum CueRanking {
  typealias Occurrence = StatisticFrame.MetricOccurrence

  /// `totals`: where total markers (共, 累计) stand in the stretch.
  static func pick(_ all: [Occurrence], totals: [Int] = []) -> (metric: Metric, rule: RuleID, winner: Int)? {
    // The intake verb counts only where nothing else is named (受理涉法涉诉信访 → cases).
    let named = all.contains { !$0.value.isIntake }
    let cues = named ? all.filter { !$0.value.isIntake } : all
    guard let picked = rank(cues, totals: totals) else { return nil }
    let winner = named ? all.firstIndex { $0.range == cues[picked.winner].range }! : picked.winner
    return (picked.metric, picked.rule, winner)
  }

  private static func rank(_ cues: [Occurrence], totals: [Int]) -> (metric: Metric, rule: RuleID, winner: Int)? {
    guard let nearest = cues.indices.last else { return nil }
    let m = cues[nearest].value.metric
    if m == .collective { return (m, .cueBefore, nearest) }
    if m.isDestination, let c = cues.lastIndex(where: { $0.value.metric == .collective }) {
      return (.collective, .collectiveOverDestination, c)
    }
    if m.isGenericIntake, !cues[nearest].value.isWhole, let c = cues.lastIndex(where: { $0.value.metric.isSpecificChannel }) {
      // 本级共受理群众来信来访1768件: a total marker after the level makes the level the body that
      // received all of it, not a destination of some.
      let marked = cues[c].value.metric.isDestination && m == .received
        && totals.contains { $0 >= cues[c].range.upperBound && $0 < cues[nearest].range.lowerBound }
      if marked { return (m, .wholeAtLevel, nearest) }
      return (cues[c].value.metric, .specificOverTotal, c)
    }
    var first = nearest
    while first > 0, cues[first - 1].range.upperBound == cues[first].range.lowerBound { first -= 1 }
    // 办结息诉13起, 转派工单: a handling verb opening the compound names it (重复信访积案 stays key_cases).
    if first != nearest, let h = (first..<nearest).first(where: { cues[$0].value.metric.isHandling }) {
      return (cues[h].value.metric, .firstOutcome, h)
    }
    // 办结去年遗留的涉法涉诉信访案件4起: the outcome verb governs the object named after it.
    // 转办的信访事项11件: without an outcome verb, a referral verb governs a generic object the same
    // way (转交办理的群众来信16件 stays letters: the channel is named; 转交的工单 stays the whole
    // intake, facts.md §5 rule 13).
    if m.isObject,
      let o = cues[..<nearest].lastIndex(where: { $0.value.metric.isOutcome })
        ?? ((m == .received || m == .cases) && !cues[nearest].value.isWhole ? cues[..<nearest].lastIndex(where: { $0.value.metric == .referred }) : nil)
    {
      var k = o
      while k > 0, cues[k - 1].range.upperBound == cues[k].range.lowerBound { k -= 1 }
      return (cues[k].value.metric, .outcomeOverObject, k)
    }
    return (m, .cueBefore, nearest)
  }
}

extension Metric {
  /// Cues that name the whole intake or visits in general, which a more specific cue of the
  /// same subject outranks (到省信访局信访量 → to_province, 群众到市走访 → to_city).
  var isGenericIntake: Bool { self == .received || self == .visits }
  /// Outcomes of handling, which govern the petitions named after them (办结…信访案件4起).
  var isOutcome: Bool { self == .resolved || self == .settled || self == .pending }
  /// What an outcome is done to: petitions, cases, referred or key cases.
  var isObject: Bool {
    switch self {
    case .received, .letters, .visits, .cases, .key_cases, .referred: true
    default: false
    }
  }
  /// The channels petitions come in by, which a list may sum (来信、来访及网上信访).
  var isListableChannel: Bool {
    switch self {
    case .letters, .visits, .calls, .online: true
    default: false
    }
  }
  /// Channels, destinations and forms more specific than the whole intake.
  var isSpecificChannel: Bool {
    switch self {
    case .to_beijing, .to_province, .to_city, .local, .leapfrog, .abnormal, .letters, .calls, .online, .repeat: true
    default: false
    }
  }
}

// MARK: - Refusals

/// 一 in a narrative is an article, not a count (一名上访人, 一起事件, 处理了一批案件), unless a
/// total word or 发生 stands right before it (共发生集访1起 is a count, rule 8).
struct RefuseIndefiniteOne: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    let q = f.q, s = f.s
    guard !q.isPercent, !q.isPoints, q.range.count == 1, f.markerTable.has(.indefiniteNumeral, s[q.range.lowerBound]) else { return nil }
    if f.markerTable.endsWith(.totalBefore, in: s, at: q.range.lowerBound) { return nil }
    // 进京访一批三人次: right after a cue and paired with the next number it is a count.
    if f.cues.last?.range.upperBound == q.range.lowerBound, f.nextStartsAtEnd { return nil }
    return .refused(.refuseIndefiniteOne, why: Why("a lone numeral before a measure word in a narrative: an indefinite article"))
  }
}

/// A count of a court's or procuratorate's whole caseload where nothing up to it names a petition
/// (全年各类案件收案8346件，结案7912件): not about petitions (facts.md §5 rule 1).
struct RefuseCaseload: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard f.inCaseload, !f.q.isPercent, !f.q.isPoints else { return nil }
    return .refused(.refuseCaseload, why: Why("a caseload word and no petition word before it in its sentence"))
  }
}

/// A percentage right after a 率 that no rate cue names (破案率n%, 转化率达100%): not about petitions.
struct RefuseUnnamedRate: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard f.q.isPercent, f.rateCues.isEmpty else { return nil }
    var i = f.q.range.lowerBound
    while i > f.segment.lowerBound, f.markerTable.has(.rateGap, f.s[i - 1]) { i -= 1 }
    guard i > f.segment.lowerBound, f.markerTable.has(.rateSuffix, f.s[i - 1]) else { return nil }
    return .refused(.refuseUnnamedRate, why: Why("a rate no rate cue names"))
  }
}

/// A bare percentage opening a clause (100%实行…) is a manner, not a share.
struct RefuseManner: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard f.q.isPercent, f.cues.isEmpty, f.previous.map({ !f.joinedToPrevious || !$0.isPercent }) ?? true,
      !f.s[f.segment].contains(where: { $0.isHan })
    else { return nil }
    return .refused(.refuseManner, why: Why("a percentage with no words before it in its clause"))
  }
}

/// 个百分点 with no change word is not a fact.
struct RefuseBarePoints: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard f.q.isPoints, f.direction == nil, !(f.joinedToPrevious && f.previous?.kind == .change) else { return nil }
    return .refused(.refuseBarePoints, why: Why("percentage points without a change word"))
  }
}

// MARK: - Tables

/// A number alone in a cell of a flattened table: a count takes the metric its row label names
/// (电话 | 34859 |), else its column header's (转派工单), else the total the table breaks down; a
/// percentage after a count is that count's share, and one after a share is a change when the
/// header has comparison columns (同比, 环比).
struct TableCell: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard let t = f.table else { return nil }
    let headerCues = t.header.flatMap { f.allMetrics.occurrences(within: $0).filter { !$0.value.isRate } }
    if f.q.isPercent {
      guard let c = f.previousCount, c.metric != .other || t.previousIsNumber else { return nil }
      let afterShare = f.previous.map { $0.isPercent && $0.quantity != c.quantity } ?? false
      let kind: FactKind = afterShare && t.headerCompares ? .change : .share
      return .facts([Decision(kind: kind, metric: c.metric)], .tableCell, why: kind == .change ? Why("a comparison column of the row's count") : Why("the share column of the row's count"))
    }
    if let label = t.label, !t.labelInHeader {
      let cues = Array(f.allMetrics.occurrences(within: label).filter { !$0.value.isRate })
      if CueRanking.pick(cues)?.metric == .other {
        return .facts([Decision(kind: .count, metric: .other)], .tableCell, why: Why("row label names something other than petitions"))
      }
      if f.markerTable.has(.typeLabel, f.s[label.upperBound - 1]), let total = f.recentTotal, total.metric != .other {
        return .facts([Decision(kind: .count, metric: total.metric)], .tableCell, why: Why("a kind of petition under the %1 total", total.metric.rawValue))
      }
      if let pick = CueRanking.pick(cues) {
        return .facts([Decision(kind: .count, metric: pick.metric)], .tableCell, why: Why("row label `%1`", f.s[label].map(String.init).joined()))
      }
    }
    if let pick = CueRanking.pick(headerCues) {
      return .facts([Decision(kind: .count, metric: pick.metric)], .tableCell, why: Why("column header `%1`", headerCues[pick.winner].term))
    }
    if let total = f.recentTotal, total.metric != .other {
      return .facts([Decision(kind: .count, metric: total.metric)], .tableCell, why: Why("a line of the %1 total", total.metric.rawValue))
    }
    return .facts([Decision(kind: .count, metric: .other)], .fallbackOther, why: Why("a table cell no label names"))
  }
}

// MARK: - Distribution (facts.md §5 rules 2 and 11)

extension StatisticFrame {
  /// The kind a percentage or count reads as before its metric is known.
  var baseKind: FactKind {
    if direction != nil || q.isPoints { return .change }
    if let p = previous, joinedToPrevious, p.kind == .change, q.isPercent == p.isPercent { return .change }
    guard q.isPercent else { return .count }
    if hasShareMarker { return .share }
    if !rateCues.isEmpty { return .rate }
    if let p = previous, joinedToPrevious, p.isPercent { return p.kind }
    return .share
  }

  /// The reading stands in a parenthesis that closed before `p`: it narrowed the number before it.
  func closedBefore(_ r: Reading, _ p: Int) -> Bool {
    r.paren.map { $0.upperBound <= p } ?? false
  }

  /// 占 (or 占比, 所占比例 …) between the previous reading and the number.
  var hasShareMarker: Bool {
    let lo = previous.map { max($0.end, clause.lowerBound) } ?? clause.lowerBound
    return qualifiers.contains { $0.value == .share && $0.range.lowerBound >= lo }
  }

  /// The subject of a distributor: the cues between the reading before it and the distributor,
  /// of the kind the list needs (rate names for rates), one per metric in order.
  func distributedSubject(before d: Range<Int>, rates: Bool) -> [MetricOccurrence] {
    let earlier = recentReadings.last { $0.end <= d.lowerBound && $0.start >= clause.lowerBound && !closedBefore($0, d.lowerBound) }
    let lo = max(clause.lowerBound, earlier?.end ?? clause.lowerBound)
    guard lo <= d.lowerBound else { return [] }
    let cues = allMetrics.occurrences(within: lo..<d.lowerBound).filter { $0.value.isRate == rates }
    // The intake verb is no item of the list where something else is named (受理集体来访分别占…).
    return cues.contains { !$0.value.isIntake } ? cues.filter { !$0.value.isIntake } : cues
  }
}

/// 分别 pairs a list of cues with the list of numbers after it, in order (来信、来访分别下降了12%和9%);
/// without a cue list it pairs shares with the counts just stated (1321件，553件，分别占70.5%与29.5%).
struct DistributePairwise: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard let d = f.distributor, d.value.contains(.distributePairwise), f.listLength >= 2, f.listPosition >= 1 else { return nil }
    let kind = f.listPosition == 1 ? f.baseKind : (f.previous?.kind ?? f.baseKind)
    let subject = f.distributedSubject(before: d.range, rates: kind == .rate)
    if subject.count == f.listLength {
      let c = subject[f.listPosition - 1]
      return .facts([Decision(kind: kind, metric: c.value.metric)], .distributePairwise, why: Why("item %1 of %2 pairs with `%3`", String(f.listPosition), String(f.listLength), c.term))
    }
    if subject.isEmpty, kind == .share {
      let counts = f.recentReadings.filter { $0.kind == .count && $0.end <= d.range.lowerBound && $0.metric != .other }
      if counts.count >= f.listLength {
        let r = counts[counts.count - f.listLength + f.listPosition - 1]
        return .facts([Decision(kind: kind, metric: r.metric)], .distributePairwise, why: Why("share %1 of %2 pairs with the count stated %3 before", String(f.listPosition), String(f.listLength), String(f.listLength - f.listPosition + 1)))
      }
    }
    return nil
  }
}

/// 分别 over units or one subject (批次、人次分别上升52.78%、45.34%): every number of the list
/// gets the subject's metric, or the metric of the count before it.
struct DistributeSame: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard let d = f.distributor, d.value.contains(.distributePairwise), f.listPosition >= 1 else { return nil }
    let kind = f.listPosition == 1 ? f.baseKind : (f.previous?.kind ?? f.baseKind)
    let subject = f.distributedSubject(before: d.range, rates: kind == .rate)
    if let m = CueRanking.pick(subject)?.metric {
      return .facts([Decision(kind: kind, metric: m)], .distributeSame, why: Why("the list's subject names one metric"))
    }
    let earlier = f.recentReadings.last { $0.end <= d.range.lowerBound && $0.metric != .other && $0.kind != .change && !f.closedBefore($0, d.range.lowerBound) }
    guard let e = earlier else { return nil }
    return .facts([Decision(kind: kind, metric: e.metric)], .distributeSame, why: Why("the list qualifies the %1 stated before it", e.kind.rawValue))
  }
}

/// 均 gives the one number after it to every cue of the list before it (办结率、息访率均为100%).
struct DistributeEach: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard let d = f.distributor, d.value.contains(.distributeEach), f.listLength == 1 else { return nil }
    let kind = f.baseKind
    let subject = f.distributedSubject(before: d.range, rates: kind == .rate)
    guard subject.count >= 2 else { return nil }
    return .facts(subject.map { Decision(kind: kind, metric: $0.value.metric) }, .distributeEach, why: Why("one number for %1 cues", String(subject.count)))
  }
}

/// A zero after a numeral that counts the list before it (越级访、异常访、群体访“三为零”) is
/// given to every cue of the list (facts.md §5 rule 11).
struct DistributeZero: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard f.q.statedZero, let n = f.q.zeroOfList else { return nil }
    let subject = f.distributedSubject(before: n, rates: false)
    guard subject.count >= 2 else { return nil }
    return .facts(subject.map { Decision(kind: .count, metric: $0.value.metric) }, .distributeZero, why: Why("zero for each of %1 cues", String(subject.count)))
  }
}

/// A percentage joined to the one before it (增加9%和37%, 占28.3%和65%) is read the same way.
struct ListPreviousPercent: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard f.q.isPercent || f.q.isPoints, let p = f.previous, p.isPercent == f.q.isPercent, f.joinedToPrevious, f.cues.isEmpty,
      p.kind != .count, f.direction == nil
    else { return nil }
    return .facts([Decision(kind: p.kind, metric: p.metric)], .listPrevious, why: Why("joined to the %1 before it", p.kind.rawValue))
  }
}

// MARK: - Changes

/// A change with a cue of its own (集体访同比下降12%), or a change of the rate or share stated
/// before it (办结率95%，提高2.5个百分点), or of the count stated before it.
struct ChangeRule: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard f.baseKind == .change else { return nil }
    if f.q.isPoints || f.q.isPercent, let r = f.rateCues.last, f.q.isPoints || f.countCues.isEmpty {
      return .facts([Decision(kind: .change, metric: r.value.metric)], .changeCue, why: Why("rate name `%1` before it", r.term))
    }
    if let pick = CueRanking.pick(f.countCues, totals: f.totalMarkerStarts) {
      return .facts([Decision(kind: .change, metric: pick.metric)], .changeCue, why: Why("cue `%1` before it", f.countCues[pick.winner].term))
    }
    if let p = f.previous, !f.semicolonSincePrevious, p.metric != .other {
      let rule: RuleID = p.kind == .rate || p.kind == .share ? .changeOfRate : .changeOfCount
      return .facts([Decision(kind: .change, metric: p.metric)], rule, why: Why("qualifies the %1 stated before it", p.kind.rawValue))
    }
    return .facts([Decision(kind: .change, metric: .other)], .fallbackOther, why: Why("a change of nothing named"))
  }
}

// MARK: - Rates and shares

/// A named rate: the rate names before the percentage, several joined by a list joiner sharing it.
struct RateNamed: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard f.q.isPercent, f.baseKind == .rate, let lastIdx = f.cues.lastIndex(where: { $0.value.isRate }) else { return nil }
    var metrics = [f.cues[lastIdx].value.metric]
    var k = lastIdx
    while k > 0, f.cues[k - 1].value.isRate {
      guard f.listed(f.cues[k - 1], f.cues[k]) else { break }
      metrics.insert(f.cues[k - 1].value.metric, at: 0)
      k -= 1
    }
    return .facts(metrics.map { Decision(kind: .rate, metric: $0) }, .rateNamed, why: Why("rate name `%1`", f.cues[lastIdx].term))
  }
}

/// A share: the part named before 占 (重复访占信访总量的12%), else the count just stated
/// (检举控告305件、占71%), else the whole named after 占 (占上访人数的75%).
struct ShareRule: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard f.q.isPercent, f.baseKind == .share, f.hasShareMarker,
      let share = f.qualifiers.last(where: { $0.value == .share })
    else { return nil }
    let counts = f.countCues
    let subject = counts.filter { $0.range.upperBound <= share.range.lowerBound }
    if let pick = CueRanking.pick(subject) {
      return .facts([Decision(kind: .share, metric: pick.metric)], .shareSubject, why: Why("`%1` before `%2`", subject[pick.winner].term, share.term))
    }
    // 网上信访412件，同比增长31.4%，占信访总量的16.3%: the count before the change, too.
    if let p = f.previous, !f.semicolonSincePrevious, p.kind == .count || p.kind == .change,
      let c = p.kind == .count ? p : f.previousCount, c.kind == .count, c.metric != .other
    {
      return .facts([Decision(kind: .share, metric: c.metric)], .shareOfCount, why: Why("share of the count stated before it"))
    }
    if let p = f.previous, !f.semicolonSincePrevious, p.kind == .share, p.metric != .other, f.previousInClause || f.joinedToPrevious {
      return .facts([Decision(kind: .share, metric: p.metric)], .listPrevious, why: Why("a share of the same breakdown as the one before it"))
    }
    // The share word may hold the whole (占上访人数): the whole cue overlaps it.
    if let whole = counts.last(where: { $0.range.upperBound > share.range.lowerBound }) {
      return .facts([Decision(kind: .share, metric: whole.value.metric)], .shareWhole, why: Why("the whole `%1` after `%2`", whole.term, share.term))
    }
    // 土地征收和承包问题占45%: a part named by its issue, of the total the text breaks down.
    if let t = f.recentTotal, t.metric != .other, f.issueBeforeShare {
      return .facts([Decision(kind: .share, metric: t.metric)], .breakdownTotal, why: Why("a part of the %1 total", t.metric.rawValue))
    }
    return .facts([Decision(kind: .share, metric: .other)], .fallbackOther, why: Why("a share of nothing named"))
  }
}

/// The same share or rate stated again (由上年的31.2%下降到15.4%).
struct Restated: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard f.q.isPercent, f.cues.isEmpty, let p = f.previous, p.kind == .share || p.kind == .rate, f.previousInClause else { return nil }
    return .facts([Decision(kind: p.kind, metric: p.metric)], .restated, why: Why("no cue: the %1 before it, stated again", p.kind.rawValue))
  }
}

/// Any other percentage is a share of what its clause names, or of the count before it.
struct ShareFallback: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard f.q.isPercent else { return nil }
    if let pick = CueRanking.pick(f.countCues, totals: f.totalMarkerStarts) {
      return .facts([Decision(kind: .share, metric: pick.metric)], .shareSubject, why: Why("cue `%1` before it", f.countCues[pick.winner].term))
    }
    if let c = f.cuesAfter.first {
      return .facts([Decision(kind: .share, metric: c.value.metric)], .cueAfterUnit, why: Why("cue `%1` after it", c.term))
    }
    if let p = f.previous, !f.semicolonSincePrevious, p.metric != .other {
      return .facts([Decision(kind: .share, metric: p.metric)], .shareOfCount, why: Why("share of the %1 before it", p.kind.rawValue))
    }
    return .facts([Decision(kind: .share, metric: .other)], .fallbackOther, why: Why("a share of nothing named"))
  }
}

// MARK: - Counts

/// A count stated for an earlier period takes the metric of the count it is compared with
/// (较去年同期的380件次, 比上年同期298件), facts.md §5 rule 12.
struct PriorPeriodCount: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard !f.q.isPercent, f.countCues.isEmpty, f.comparesEarlierPeriod, let p = f.previous, p.metric != .other, !f.semicolonSincePrevious,
      p.kind == .count || p.kind == .change, p.isGenericUnit == f.isGenericUnit
    else { return nil }
    return .facts([Decision(kind: .count, metric: p.metric)], .priorPeriodCount, why: Why("the earlier period's figure of the %1 before it", p.metric.rawValue))
  }
}

/// The second number of a pair takes the first one's metric: 86批212人 (people on those visits,
/// facts.md §5 rule 10), 973批次2935人次, 6件16人.
struct PairSameMetric: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard !f.q.isPercent, let p = f.previous, p.kind == .count, f.countCues.isEmpty, let g = f.gap, g.allSatisfy({ $0 == " " }),
      p.unitClass != f.q.unitClass
    else { return nil }
    return .facts([Decision(kind: .count, metric: p.metric)], .pairSameMetric, why: Why("pairs with the count right before it"))
  }
}

/// The count cues before the number, ranked by ``CueRanking``.
struct CueBefore: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    // 个 counts anything: only a cue right before the number (线索3624个) or a case noun right
    // after it (三个赔偿案件) makes it a petition count.
    guard !f.q.isPercent, let pick = CueRanking.pick(f.countCues, totals: f.totalMarkerStarts) else { return nil }
    if f.isGenericUnit, f.countCues.last?.range.upperBound != f.q.range.lowerBound { return nil }
    // 不服刑事判决的2件: a cue of something else inside a breakdown label; the breakdown decides.
    if pick.metric == .other, f.category != nil { return nil }
    return .facts([Decision(kind: .count, metric: pick.metric)], pick.rule, why: Why("cue `%1` before it", f.countCues[pick.winner].term))
  }
}

/// Channels named one after the other with only a list joiner between them, the number right
/// after the last, count their sum: 来信来访及网上信访120件, 来信、来电和网上留言共86件 → received.
/// A distributor (分别, 均) pairs them instead; its rules come first.
struct ChannelList: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    let cues = f.countCues
    guard !f.q.isPercent, cues.count >= 2 else { return nil }
    let last = cues[cues.count - 1], before = cues[cues.count - 2]
    guard last.value.metric.isListableChannel, before.value.metric.isListableChannel || before.value.metric == .received,
      last.value.metric != before.value.metric, f.listed(before, last), f.q.range.lowerBound >= last.range.upperBound
    else { return nil }
    // Nothing between the last channel and the number but a total word (共, 合计).
    let gap = f.q.range.lowerBound - last.range.upperBound
    guard gap == 0 || (gap <= 3 && f.totalMarkerStarts.contains(last.range.upperBound)) else { return nil }
    return .facts([Decision(kind: .count, metric: .received)], .channelList, why: Why("channels `%1` and `%2` listed together: their sum", before.term, last.term))
  }
}

/// Kinds of petitions listed and closed by 等 name the whole they belong to, not the last kind:
/// 受理群众控告、申诉、举报等信访986件次, 受理来信、来访、网上投诉等各类诉求 → received.
struct KindsListed: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    let cues = f.countCues
    guard !f.q.isPercent, let first = cues.first, f.q.range.lowerBound > first.range.upperBound else { return nil }
    // The 等 that closes the list: after a cue, before the number.
    let stretch = first.range.upperBound..<f.q.range.lowerBound
    guard let close = stretch.last(where: { f.markerTable.has(.listEnd, f.s[$0]) }) else { return nil }
    let listed = cues.filter { $0.range.upperBound <= close }
    guard let lastListed = listed.last, listed.contains(where: { $0.value.metric != .received && $0.value.metric != .other }),
      // A list: a joiner among its items, and the last item (a cue or a word) right before 等,
      // not a quoted title or a bracket away (“…”、“…”等3个专题 lists topics, not petitions).
      (first.range.lowerBound..<close).contains(where: { f.markerTable.has(.joiner, f.s[$0]) }),
      close - lastListed.range.upperBound <= 4,
      !(lastListed.range.upperBound..<close).contains(where: { (i: Int) -> Bool in
        let c: Unicode.Scalar = f.s[i]
        switch c.properties.generalCategory {
        case .otherPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .dashPunctuation:
          return !f.markerTable.has(.joiner, c)
        default: return false
        }
      }),
      // What follows 等 names the whole (信访, 信访举报, 诉求) or nothing.
      cues.allSatisfy({ $0.range.lowerBound < close || $0.value.metric == .received })
    else { return nil }
    return .facts([Decision(kind: .count, metric: .received)], .kindsListed, why: Why("kinds listed up to `%1` and closed by 等: the whole", lastListed.term))
  }
}

/// A cue right after the measure word (5批集体访, 30多人赴省集访, 三个赔偿案件).
struct CueAfterUnit: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard !f.q.isPercent else { return nil }
    var after = f.cuesAfter
    if f.isGenericUnit {
      after = after.filter { c in c.range.lowerBound <= f.q.end + 3 && !f.s[f.q.end..<c.range.lowerBound].contains { f.markerTable.has(.genericUnitBlocker, $0) } }
    }
    guard let first = after.first else { return nil }
    // Adjacent cues after it rank as before it (30多人赴省集访 → collective).
    var run = [first]
    for c in after.dropFirst() where c.range.lowerBound == run.last!.range.upperBound { run.append(c) }
    let m = CueRanking.pick(run)?.metric ?? first.value.metric
    return .facts([Decision(kind: .count, metric: m)], .cueAfterUnit, why: Why("cue `%1` after it", first.term))
  }
}

/// A number in a list without a cue of its own takes the previous number's metric (其中进京1批2人次，
/// 赴省1批1人次), not across a semicolon or into a clause that names something else.
struct ListPrevious: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard !f.q.isPercent, let p = f.previous else { return nil }
    // Items of a list of counts with their shares (检举控告305件、占71%；批评建议15件、占3%).
    if p.kind == .share, let c = f.previousCount, c.end <= p.start, c.metric != .other, p.rule == .shareOfCount, f.countCues.isEmpty,
      c.isGenericUnit == f.isGenericUnit
    {
      return .facts([Decision(kind: .count, metric: c.metric)], .listPrevious, why: Why("an item of a list of counts with their shares"))
    }
    guard p.metric != .other, p.kind == .count || p.kind == .change, !f.semicolonSincePrevious, p.isGenericUnit == f.isGenericUnit else { return nil }
    guard f.previousInClause || f.segmentWords <= 4 || f.markers.contains(where: { $0.value.contains(.scopeOpen) && $0.range.lowerBound >= f.segment.lowerBound }) else { return nil }
    return .facts([Decision(kind: .count, metric: p.metric)], .listPrevious, why: Why("a list after the %1 count before it", p.metric.rawValue))
  }
}

/// A breakdown line (民生类743件, 5年以上的6件) takes the metric of the total it breaks down:
/// the last count of the article stated outside a narrowing scope, a few sentences back at most.
struct BreakdownTotal: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    let p = f.q.range.lowerBound
    guard !f.q.isPercent, p > 0, let t = f.recentTotal, t.metric != .other else { return nil }
    guard f.markerTable.has(.breakdownLabel, f.s[p - 1]) || (f.inBreakdown && f.countCues.isEmpty) else { return nil }
    // 共发刑事案件n起，破案n起: a list that goes on about something else is not a breakdown line.
    if let prev = f.previous, prev.metric == .other, prev.kind == .count, !f.semicolonSincePrevious, f.previousInClause || f.segmentWords <= 4 {
      return nil
    }
    return .facts([Decision(kind: .count, metric: t.metric)], .breakdownTotal, why: Why("a line of the breakdown of the %1 total", t.metric.rawValue))
  }
}

/// A line labelled by a kind of petition (求决类10件, 邻里纠纷类267件) breaks the total down, even
/// where its label holds a cue word: the petitions are about disputes, they are not disputes.
struct BreakdownType: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    let p = f.q.range.lowerBound
    guard !f.q.isPercent, p > 0, let t = f.recentTotal ?? f.previousCount, t.metric != .other else { return nil }
    // 涉及土地承包和宅基地纠纷的29件, 上访次数在十次以上的五件: a topic or a bucket closed by 的 is a label too.
    let inSegment = { (r: Range<Int>) in r.lowerBound >= f.segment.lowerBound }
    let topic = f.markerTable.has(.labelMark, f.s[p - 1])
      && (f.markers.contains { $0.value.contains(.topicIntro) && inSegment($0.range) }
        || f.qualifiers.contains { ($0.value == .bound_min || $0.value == .bound_max) && inSegment($0.range) })
    guard f.markerTable.has(.typeLabel, f.s[p - 1]) || topic else { return nil }
    // 咨询类19651件: a kind that is not a petition stays what its cue says.
    if CueRanking.pick(f.countCues, totals: f.totalMarkerStarts)?.metric == .other { return nil }
    return .facts([Decision(kind: .count, metric: t.metric)], .breakdownTotal, why: Why("a kind of petition under the %1 total", t.metric.rawValue))
  }
}

/// A breakdown by agency, petitioner or request whose total stood in an earlier sentence
/// (涉及公安机关的6件 → cases; 农民39人 → petitioners).
struct BreakdownCategory: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    guard !f.q.isPercent, let c = f.category else { return nil }
    let metric: Metric = c.hasPrefix("petitioner:") && f.q.unitClass == .persons ? .petitioners : (f.recentTotal?.metric ?? .cases)
    return .facts([Decision(kind: .count, metric: metric)], .breakdownCategory, why: Why("breakdown by %1", c))
  }
}

/// People listed by name and closed by 等 (魏某、唐某等3人, 等五位重点信访人员) are petitioners by head count.
struct NamedPeople: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    let p = f.q.range.lowerBound
    guard f.q.unitClass == .persons, p > 0, f.markerTable.has(.listEnd, f.s[p - 1]) else { return nil }
    return .facts([Decision(kind: .count, metric: .petitioners)], .namedPeople, why: Why("people listed by name, closed by `%1`", String(f.s[p - 1])))
  }
}

/// No rule named a metric.
struct FallbackOther: AttributionRule {
  static func apply(_ f: StatisticFrame) -> Outcome? {
    .facts([Decision(kind: f.q.isPercent ? .share : .count, metric: .other)], .fallbackOther, why: Why("no cue, list or total to take a metric from"))
  }
}
