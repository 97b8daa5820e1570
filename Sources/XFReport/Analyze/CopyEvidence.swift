import Foundation

/// What a text states that a copy of it states too: its figures and its periods. Reports written
/// from one template (the monthly reports of ten towns) share nearly all their wording, so text
/// similarity alone takes each for a copy of the first and drops its figures from the totals;
/// a copy repeats the figures and the period of its original.
struct CopyEvidence: Sendable {
  struct Figure: Hashable, Sendable {
    let kind: FactKind
    let metric: Metric
    let value: Decimal
  }

  /// The stated values (placeholders and figures too large to record have none).
  let figures: [Figure]
  /// ``Period/key`` of the periods stated.
  let periods: Set<String>

  enum Verdict: String, Equatable, Sendable {
    /// The same period (or none stated) and at least half of its figures among the original's:
    /// a copy; the figures that differ are copy conflicts.
    case copy
    /// Both state periods, and none in common: a report of another period from the same text.
    case otherPeriod = "other_period"
    /// Fewer than half of its figures among the original's: a report of its own, not a copy.
    case ownFigures = "own_figures"
  }

  init(figures: [Figure], periods: Set<String>) {
    self.figures = figures
    self.periods = periods
  }

  init(_ facts: some Sequence<Fact>) {
    var figures: [Figure] = [], periods: Set<String> = []
    for f in facts {
      if let v = f.value, !f.placeholder { figures.append(Figure(kind: f.kind, metric: f.metric, value: v)) }
      if let p = f.period { periods.insert(p.key) }
    }
    self.init(figures: figures, periods: periods)
  }

  /// Whether this text, found like `original`, is a copy of it.
  func judge(against original: CopyEvidence) -> Verdict {
    if !periods.isEmpty, !original.periods.isEmpty, periods.isDisjoint(with: original.periods) { return .otherPeriod }
    guard !figures.isEmpty, !original.figures.isEmpty else { return .copy }
    // Figures in common as multisets: 120件 twice in the copy needs it twice in the original.
    var pool: [Figure: Int] = [:]
    for f in original.figures { pool[f, default: 0] += 1 }
    var shared = 0
    for f in figures {
      guard let c = pool[f], c > 0 else { continue }
      pool[f] = c - 1
      shared += 1
    }
    return 2 * shared >= figures.count ? .copy : .ownFigures
  }
}
