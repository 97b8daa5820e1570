/// Why a quantity got its reading (or none): its frame, the cues considered, the winning rule.
/// Built only for `extract --explain`.
public struct FactExplanation: Sendable {
  public struct Candidate: Sendable {
    public let term: String
    public let metric: Metric
    public let isRate: Bool
    public let span: SourceSpan
    /// before (in the number's stretch) or after (right after the measure word).
    public let place: String
  }

  /// Index into ``Document/facts``; nil when the rule refused the number.
  public let fact: Int?
  public let number: String
  public let numberSpan: SourceSpan
  public let rule: RuleID
  public let why: String
  public let clause: String
  public let segment: String
  public let scope: String?
  public let previous: String?
  public let distributor: String?
  public let candidates: [Candidate]

  /// A table cell's reading: the number, its row as the clause, its headers as the segment.
  init(table rule: RuleID, why: String, headers: String, fact: Int, _ f: Fact, doc: Document) {
    self.fact = fact
    self.rule = rule
    self.why = why
    number = doc.text(f.range)
    numberSpan = f.span
    clause = f.evidence
    segment = headers
    scope = nil
    previous = nil
    distributor = nil
    candidates = []
  }

  /// The same explanation of the fact at another index.
  func renumbered(_ index: Int?) -> FactExplanation {
    FactExplanation(copy: self, fact: index)
  }

  private init(copy e: FactExplanation, fact: Int?) {
    self.fact = fact
    rule = e.rule
    why = e.why
    number = e.number
    numberSpan = e.numberSpan
    clause = e.clause
    segment = e.segment
    scope = e.scope
    previous = e.previous
    distributor = e.distributor
    candidates = e.candidates
  }

  init(frame f: StatisticFrame, rule: RuleID, why: Why, fact: Int?, doc: Document) {
    self.fact = fact
    self.rule = rule
    self.why = why.text
    number = doc.text(f.q.range.lowerBound..<f.q.end)
    numberSpan = doc.sourceSpan(f.q.range)
    clause = doc.text(f.clause)
    segment = doc.text(f.segment)
    scope = f.paren.map { doc.text($0) }
    previous = f.previous.map { "\(doc.text($0.start..<$0.end)) (\($0.kind.rawValue) \($0.metric.rawValue), \($0.rule.rawValue))" }
    distributor = f.distributor.map { "\($0.term) (item \(f.listPosition) of \(f.listLength))" }
    candidates = f.cues.map { Candidate(term: $0.term, metric: $0.value.metric, isRate: $0.value.isRate, span: doc.sourceSpan($0.range), place: "before") }
      + f.cuesAfter.map { Candidate(term: $0.term, metric: $0.value.metric, isRate: $0.value.isRate, span: doc.sourceSpan($0.range), place: "after") }
  }
}
