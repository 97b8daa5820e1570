import Foundation

/// Precision, recall and F1 from true positives and the sizes of both sides.
public struct PRFScore: Sendable {
  public var truePositives = 0
  public var run = 0
  public var gold = 0

  public init() {}

  public var precision: Double { run == 0 ? 0 : Double(truePositives) / Double(run) }
  public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
  public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

/// Scores facts against expected facts the way `score_facts.py` does (facts.md §6): a run fact
/// pairs with at most one gold fact of the same document and kind whose offset its span contains
/// (or starts within two code points of), with the same value (both null for a placeholder) and
/// the same unit class (units.tsv). Facts with metric `other` are left out.
public struct FactMatcher {
  public struct RunFact: Sendable {
    public let doc: String
    public let fact: Fact

    public init(doc: String, fact: Fact) {
      self.doc = doc
      self.fact = fact
    }
  }

  public struct Report: Sendable {
    public var byKind: [FactKind: PRFScore] = [:]
    public var all = PRFScore()
    public var metricCorrect = 0
    public var pairs = 0
    /// Gold placeholders that the run turned into a number.
    public var invented: [(GoldFact, RunFact)] = []
    public var missed: [GoldFact] = []
    public var extra: [RunFact] = []
    public var mislabelled: [(GoldFact, RunFact)] = []

    public var metricAccuracy: Double { pairs == 0 ? 0 : Double(metricCorrect) / Double(pairs) }

    /// All kinds, a pair counting only where the metric agrees too (score_facts.py's `labelled`).
    public var labelled: PRFScore {
      var s = all
      s.truePositives = metricCorrect
      return s
    }
  }

  /// The key a gold unit is compared by, as score_facts.py reads it: folded (個 → 个, ％ → %)
  /// with the pipeline's traditional table, parenthesised parts dropped (件(人)次 → 件次, (件)批 →
  /// 批), then looked up in units.tsv (``UnitLexicon/unitKey(_:class:)``).
  public static func goldUnitKey(_ unit: String, dictionaries: Dictionaries) -> String {
    let folded = CharacterFolding(preset: dictionaries.hanFolding).normalize(NormalizedText(identity: SourceText(unit))).string
    var plain = ""
    var depth = 0
    for c in folded {
      if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) } else if depth == 0 { plain.append(c) }
    }
    plain = plain.trimmingCharacters(in: .whitespaces)
    // Percent and percentage points are the number grammar's, not measure words of the table.
    switch plain {
    case "%": return "%"
    case "pp", "个百分点", "百分点": return "pp"
    default: return dictionaries.units.unitKey(plain)
    }
  }

  static func near(_ span: SourceSpan, _ offset: Int) -> Bool {
    (span.start <= offset && offset < max(span.end, span.start + 1)) || abs(span.start - offset) <= 2
  }

  /// `dictionaries`: those of the run, whose units.tsv classes the gold units.
  public static func score(gold: [GoldFact], run allRun: [RunFact], dictionaries: Dictionaries) -> Report {
    var report = Report()
    // A few distinct units: each read once.
    var goldKeys: [String: String] = [:]
    for g in gold where goldKeys[g.unit] == nil { goldKeys[g.unit] = goldUnitKey(g.unit, dictionaries: dictionaries) }
    let run = allRun.filter { $0.fact.metric != .other }
    var byKey: [String: [Int]] = [:]
    for (i, r) in run.enumerated() { byKey["\(r.doc)\u{0}\(r.fact.kind.rawValue)", default: []].append(i) }
    var used = Set<Int>()
    for g in gold.sorted(by: { ($0.doc, $0.offset) < ($1.doc, $1.offset) }) {
      var best: (Int, Int)? = nil
      for i in byKey["\(g.doc)\u{0}\(g.kind.rawValue)"] ?? [] where !used.contains(i) {
        let f = run[i].fact
        guard near(f.span, g.offset) else { continue }
        let v = f.value.map { NSDecimalNumber(decimal: $0).doubleValue }
        guard (v == nil && g.value == nil) || (v != nil && g.value != nil && abs(v! - g.value!) < 1e-6) else { continue }
        guard f.unitKey == goldKeys[g.unit] else { continue }
        let d = abs(f.span.start - g.offset)
        if best == nil || d < best!.0 { best = (d, i) }
      }
      if let (_, i) = best {
        used.insert(i)
        report.pairs += 1
        report.byKind[g.kind, default: PRFScore()].truePositives += 1
        report.all.truePositives += 1
        if run[i].fact.metric.rawValue == g.metric { report.metricCorrect += 1 } else { report.mislabelled.append((g, run[i])) }
      } else {
        report.missed.append(g)
      }
    }
    for g in gold {
      report.byKind[g.kind, default: PRFScore()].gold += 1
      report.all.gold += 1
    }
    for (i, r) in run.enumerated() {
      report.byKind[r.fact.kind, default: PRFScore()].run += 1
      report.all.run += 1
      if !used.contains(i) { report.extra.append(r) }
    }
    for g in gold where g.placeholder {
      for r in allRun where r.doc == g.doc && r.fact.value != nil && near(r.fact.span, g.offset) {
        report.invented.append((g, r))
      }
    }
    return report
  }
}
