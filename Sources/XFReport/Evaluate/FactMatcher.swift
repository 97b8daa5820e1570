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
/// the same unit class. Facts with metric `other` are left out.
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
  }

  public static func unitClass(_ u: String) -> String {
    // Totals and checks ask for every fact. A unit of the table, byte for byte, is found
    // without hashing a String (Han text hashes in its normalized form) or trimming.
    if let bytes = PackedUnit(u), let c = packedClasses.first(where: { $0.unit == bytes }) { return c.unitClass }
    // Trim only when there is something to trim.
    let scalars = u.unicodeScalars
    let trim = scalars.first.map(isWhitespace) == true || scalars.last.map(isWhitespace) == true
    let t = trim ? u.trimmingCharacters(in: .whitespaces) : u
    return unitClasses[t] ?? t
  }

  /// `CharacterSet.whitespaces` (tab, the space separators and, in this Foundation, U+200B),
  /// without Foundation's lookup: it cost more than the rest of the call.
  static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
    s.value < 0x80 ? s.value == 0x20 || s.value == 0x09 : s.value == 0x200B || s.properties.generalCategory == .spaceSeparator
  }

  private static let unitClasses: [String: String] = {
    var classes: [String: String] = [:]
    for (names, c) in [
      (["件", "件次", "起", "案", "案次", "宗", "个", "封", "条"], "items"), (["批", "批次"], "batches"), (["人次"], "person-visits"),
      (["人", "名", "位", "户"], "persons"), (["次"], "times"), (["%", "％"], "%"), (["pp", "个百分点", "百分点"], "pp"),
    ] {
      for n in names { classes[n] = c }
    }
    return classes
  }()

  private static let packedClasses: [(unit: PackedUnit, unitClass: String)] = unitClasses.map { (PackedUnit($0.key)!, $0.value) }

  /// The UTF-8 of a unit name of at most 16 bytes, as two words and a length.
  private struct PackedUnit: Equatable {
    var low: UInt64 = 0, high: UInt64 = 0, count = 0

    init?(_ s: String) {
      for b in s.utf8 {
        guard count < 16 else { return nil }
        if count < 8 { low |= UInt64(b) << (8 * count) } else { high |= UInt64(b) << (8 * (count - 8)) }
        count += 1
      }
    }
  }

  static func near(_ span: SourceSpan, _ offset: Int) -> Bool {
    (span.start <= offset && offset < max(span.end, span.start + 1)) || abs(span.start - offset) <= 2
  }

  public static func score(gold: [GoldFact], run allRun: [RunFact]) -> Report {
    var report = Report()
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
        guard unitClass(f.unit) == unitClass(g.unit) else { continue }
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
