import Foundation

/// A consistency problem in what a report states, with every figure involved and its span.
public struct Finding: Sendable {
  public enum Rule: String, Sendable, CaseIterable {
    /// A stated rate differs from the one its counts give (息诉13起 of 16, 息诉率82%).
    case rateMismatch = "rate_mismatch"
    /// A stated change that differs from the one its two figures give (由250件减少到210件，下降20%).
    case changeMismatch = "change_mismatch"
    /// Parts that do not add up to their stated total (39+3+1+7 against 51).
    case partsSum = "parts_sum"
    /// A figure that cannot be: a rate or share above 100%, a fall of more than 100%, fewer
    /// person-visits than batches (12批9人次).
    case impossibleValue = "impossible_value"
    /// Two copies of one passage state the same figure differently.
    case copyConflict = "copy_conflict"
  }

  /// One number a finding rests on.
  public struct Figure: Sendable {
    public let role: String
    public let value: Decimal
    public let unit: String
    public let doc: String
    public let span: SourceSpan
    /// Index of its fact in ``DocumentAnalysis/facts`` of the finding's document; nil for a
    /// figure of another document (the original of a copy). Kept, not re-found by span: two
    /// rates stated by one `100%` share a span.
    public let fact: Int?
  }

  public let rule: Rule
  public let doc: String
  public let article: Int
  /// In English, for CSV, JSON and SQLite; the HTML report words it in Chinese from the fields.
  public let message: String
  /// The metric of the checked figure (nil for a sum of parts of several metrics).
  public var metric: Metric? = nil
  /// The figure as stated and as the other figures give it (nil where the rule has none).
  public let stated: Decimal?
  public let computed: Decimal?
  public let figures: [Figure]
  /// The sentence or clause that states the checked figure.
  public let evidence: String
  public let span: SourceSpan
  /// For a copy conflict: where the original stands.
  public var original: TextRef? = nil
}
