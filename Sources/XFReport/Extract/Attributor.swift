/// Gives each quantity its kind and metric: the first rule of ``rules`` that answers wins, then
/// the count adjustments of ``adjustments`` apply in order. Both lists are the precedence, in
/// one place.
struct Attributor {
  static let rules: [any AttributionRule.Type] = [
    RefuseBarePoints.self,
    RefuseIndefiniteOne.self,
    RefuseCaseload.self,
    TableCell.self,
    DistributePairwise.self,
    DistributeEach.self,
    DistributeZero.self,
    DistributeSame.self,
    ListPreviousPercent.self,
    ChangeRule.self,
    RefuseUnnamedRate.self,
    RateNamed.self,
    ShareRule.self,
    Restated.self,
    RefuseManner.self,
    ShareFallback.self,
    NamedPeople.self,
    PriorPeriodCount.self,
    PairSameMetric.self,
    BreakdownType.self,
    ChannelList.self,
    KindsListed.self,
    CueBefore.self,
    CueAfterUnit.self,
    ListPrevious.self,
    BreakdownTotal.self,
    BreakdownCategory.self,
    FallbackOther.self,
  ]

  static let adjustments: [any CountAdjustment.Type] = [LeaderReception.self, HeadCount.self, StaffCount.self, TimesCount.self]

  /// The outcome and the rules' trace (for `--explain`).
  func attribute(_ f: StatisticFrame) -> Outcome {
    for rule in Self.rules {
      guard let outcome = rule.apply(f) else { continue }
      return finish(outcome, f)
    }
    return .facts([Decision(kind: .count, metric: .other)], .fallbackOther, why: Why("no rule answered"))
  }

  /// The count adjustments applied to the first rule's outcome.
  private func finish(_ outcome: Outcome, _ f: StatisticFrame) -> Outcome {
    guard case .facts(var decisions, var id, var why) = outcome else { return outcome }
    for a in Self.adjustments {
      for k in decisions.indices where decisions[k].kind == .count {
        if let (m, rid, w) = a.adjust(decisions[k].metric, rule: id, f) {
          decisions[k] = Decision(kind: .count, metric: m)
          id = rid
          why = w
        }
      }
    }
    return .facts(decisions, id, why: why)
  }
}

/// A named correction of a count's metric after attribution; nil leaves it.
protocol CountAdjustment: Sendable {
  static func adjust(_ metric: Metric, rule: RuleID, _ f: StatisticFrame) -> (Metric, RuleID, Why)?
}

/// A head count of people (人, 名) under a visit cue counts who petitioned (上访的有120人), not
/// visits; and a persons count labelled by a petitioner category (农民39人, 198名职工联名) too.
/// People on counted visits (86批212人) stay visits (facts.md §5 rule 10).
struct HeadCount: CountAdjustment {
  static func adjust(_ metric: Metric, rule: RuleID, _ f: StatisticFrame) -> (Metric, RuleID, Why)? {
    guard f.q.unitClass == .persons, rule != .pairSameMetric, rule != .distributePairwise, rule != .distributeSame else { return nil }
    if metric.countsPetitionsNotPeople { return (.petitioners, .headCount, Why("people by head count under a cue of %1", metric.rawValue)) }
    if metric != .petitioners, metric != .collective, f.category?.hasPrefix("petitioner:") == true {
      return (.petitioners, .headCount, Why("a head count by kind of petitioner"))
    }
    if metric == .other || metric == .cases, f.categoryAfter?.hasPrefix("petitioner:") == true {
      return (.petitioners, .headCount, Why("a head count of the petitioners named after it"))
    }
    return nil
  }
}

/// People followed by a staff word (干部职工14名, 3名工作人员) are staff, not petitioners.
struct StaffCount: CountAdjustment {
  static func adjust(_ metric: Metric, rule: RuleID, _ f: StatisticFrame) -> (Metric, RuleID, Why)? {
    guard f.q.unitClass == .persons, metric != .other else { return nil }
    if f.staffAfter { return (.other, .refuseStaff, Why("a staff word after it")) }
    // 配备专职信访干部2名: a staff word right before it, outside a list of who petitions (农民39人，干部1人).
    if let last = f.qualifiers.last, last.value == .staff, last.range.upperBound == f.q.range.lowerBound, f.previousCount?.metric != .petitioners {
      return (.other, .refuseStaff, Why("a staff word right before it"))
    }
    return nil
  }
}

/// 次 (times) counts only arrivals (进京访3次); otherwise meetings, campaigns, receptions.
struct TimesCount: CountAdjustment {
  static func adjust(_ metric: Metric, rule: RuleID, _ f: StatisticFrame) -> (Metric, RuleID, Why)? {
    guard f.q.unitClass == .times, !metric.countsArrivals, metric != .other else { return nil }
    return (.other, .refuseTimes, Why("a count of times counts arrivals only"))
  }
}

/// A reception's 人次, 人 or 次 (领导接访33人次, 主要领导累计接访44次) counts the receptions, not
/// petitions (facts.md §5 rule 15); the cases it received (局长接访15起) stay visits.
struct LeaderReception: CountAdjustment {
  static func adjust(_ metric: Metric, rule: RuleID, _ f: StatisticFrame) -> (Metric, RuleID, Why)? {
    guard metric != .other, let c = f.countCues.last, c.value.isReception, c.value.metric == metric,
      f.q.unitClass == .persons || f.q.unitClass == .person_visits || f.q.unitClass == .times,
      f.qualifiers.contains(where: { $0.value == .staff && $0.range.lowerBound >= f.segment.lowerBound && $0.range.lowerBound < c.range.upperBound })
    else { return nil }
    return (.other, .refuseReception, Why("`%1` counts receptions", c.term))
  }
}

extension Metric {
  /// Metrics whose counts are petitions or cases: a head count (人, 名) under their cue counts the
  /// people who petition (上访的有120人, 信访案件当事人65人).
  var countsPetitionsNotPeople: Bool { self == .visits || self == .cases || self == .key_cases || self == .received }
}
