import Foundation

/// A rate worked out from two counts an article states: `办结息诉13起，息诉率82%` after
/// `来信16件次` gives 13/16.
public struct DerivedRate: Sendable {
  public let metric: Metric
  public let value: Decimal
  public let numerator: Fact
  public let denominator: Fact
  /// The stated rate this derivation sits next to, if any.
  public let stated: Fact?
  /// Indices of `numerator`, `denominator` and `stated` in ``Document/facts``.
  public let numeratorFact: Int
  public let denominatorFact: Int
  public let statedFact: Int?
}

/// Finds the counts a rate is made of. The numerator is the outcome count stated just before
/// the rate in the same sentence; the denominator is the nearest earlier count of what came in,
/// in the same paragraph, with a unit of the same class and a value no smaller (so that the
/// parts of a breakdown, `上年转来6起，今年初访10起`, are passed over).
struct RateDerivation {
  /// Outcome metrics each rate can be computed from.
  static let numerators: [Metric: Set<Metric>] = [
    .resolution_rate: [.resolved],
    .closure_rate: [.resolved],
    .settlement_rate: [.settled, .resolved],
  ]
  static let outcomes: Set<Metric> = [.resolved, .settled, .pending]
  /// How far back (code points of normalized text) a denominator may stand.
  static let reach = 160

  let doc: Document

  /// Rates derived next to each stated rate of the article, where both counts are found;
  /// `indices`: those of `facts` in ``Document/facts``.
  func derive(article facts: [Fact], indices: [Int]) -> [DerivedRate] {
    var result: [DerivedRate] = []
    // Indices, not elements: a Fact is a large struct, and few are rates.
    for k in facts.indices where facts[k].kind == .rate && !facts[k].placeholder && !facts[k].target {
      let rate = facts[k]
      guard let wanted = Self.numerators[rate.metric] else { continue }
      guard let n = numerator(before: k, in: facts, wanted: wanted) else { continue }
      // 息诉率 may be of the cases concluded (办结1342件 … 息诉罢访1197件，息诉率89.2%) rather
      // than of those taken in: when both are stated, take the one the stated rate agrees with.
      var candidates: [Int] = []
      if let d = denominator(before: n, in: facts, metrics: nil) { candidates.append(d) }
      if rate.metric == .settlement_rate, facts[n].metric == .settled,
        let d = denominator(before: n, in: facts, metrics: [.resolved])
      {
        candidates.append(d)
      }
      let nv = facts[n].value!
      let options = candidates.map { (d: $0, value: Self.percent(nv, of: facts[$0].value!)) }
      guard let first = options.first else { continue }
      let best = rate.value.flatMap { stated in options.min { abs($0.value - stated) < abs($1.value - stated) } } ?? first
      result.append(DerivedRate(
        metric: rate.metric, value: best.value, numerator: facts[n], denominator: facts[best.d], stated: rate,
        numeratorFact: indices[n], denominatorFact: indices[best.d], statedFact: indices[k]))
    }
    return result
  }

  static func percent(_ part: Decimal, of whole: Decimal) -> Decimal {
    var v = part * 100 / whole
    var r = Decimal()
    NSDecimalRound(&r, &v, 2, .plain)
    return r
  }

  private func usable(_ f: Fact) -> Bool {
    f.kind == .count && f.value != nil && !f.placeholder && !f.approx && f.bound == nil && !f.target && f.value! > 0
  }

  private func numerator(before k: Int, in facts: [Fact], wanted: Set<Metric>) -> Int? {
    var i = k - 1
    while i >= 0, facts[i].sentence == facts[k].sentence {
      if facts[i].kind == .count {
        return usable(facts[i]) && wanted.contains(facts[i].metric) && facts[i].category == nil ? i : nil
      }
      i -= 1
    }
    return nil
  }

  /// The nearest earlier count of what came in (or, with `metrics`, of one of those metrics).
  private func denominator(before n: Int, in facts: [Fact], metrics: Set<Metric>?) -> Int? {
    let num = facts[n]
    let s = doc.normalized.scalars
    var i = n - 1
    while i >= 0 {
      let f = facts[i]
      if num.range.lowerBound - f.range.upperBound > Self.reach { return nil }
      // Same paragraph only.
      if s[f.range.gap(to: num.range)].contains("\n") { return nil }
      let wantedMetric = metrics.map { $0.contains(f.metric) } ?? (!Self.outcomes.contains(f.metric) && f.metric != .other)
      if usable(f), wantedMetric, f.category == nil,
        f.unitKey == num.unitKey, f.value! >= num.value!
      {
        return i
      }
      i -= 1
    }
    return nil
  }
}
