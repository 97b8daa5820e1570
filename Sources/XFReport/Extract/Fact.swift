import Foundation

/// The four kinds of facts.md §2.
public enum FactKind: String, Sendable, CaseIterable, Codable {
  case count, rate, share, change
}

/// One statistic a report states, with its provenance (facts.md §1).
///
/// `span` is in code points of ``SourceText``; `range` is the same in ``NormalizedText``.
public struct Fact: Sendable {
  public let kind: FactKind
  public let metric: Metric
  /// nil for a placeholder. Changes carry their sign.
  public let value: Decimal?
  public let unit: String
  /// The class of `unit` (units.tsv); nil for `%` and `pp`.
  public let unitClass: UnitLexicon.UnitClass?
  public let range: Range<Int>
  public let span: SourceSpan
  public let approx: Bool
  public let bound: Quantity.Bound?
  public let target: Bool
  public let category: String?
  public let placeholder: Bool
  /// The clause that states it (normalized text).
  public let evidence: String
  public let evidenceSpan: SourceSpan
  /// `evidence` as a range of ``NormalizedText`` scalars.
  public let evidenceRange: Range<Int>
  /// The named rule that decided the metric (and kind).
  public let rule: RuleID
  public let article: Int
  public let period: Period?
  /// Index into ``Document/sentences``.
  public let sentence: Int
  /// Stated where a court's or procuratorate's caseload is spoken of and no petition is named
  /// (一审服判息诉率93.2%): a fact of the spec, but not the report's petition statistic, so never
  /// a key figure where another candidate stands.
  public var aboutCaseload = false
  /// The 1-based PDF page of `span`'s start; nil for other formats.
  public internal(set) var page: Int? = nil
  /// A number too large to record: `value` is nil though it is no placeholder (a warning says so).
  public var tooLarge = false
  /// Read from a table's cell (``TableReader``): where it stands on the grid.
  public internal(set) var cell: TableCellRef? = nil
}

/// How often an article discusses an issue category (facts.md §7).
public struct CategoryMention: Sendable {
  public let article: Int
  public let category: String
  public let mentions: Int
}
