/// What a marker of `markers.tsv` does in a statistic frame. A term may have several.
public struct MarkerRoles: OptionSet, Sendable, Hashable {
  public let rawValue: UInt64
  public init(rawValue: UInt64) { self.rawValue = rawValue }

  public static let scopeOpen = MarkerRoles(rawValue: 1 << 0)
  public static let distributePairwise = MarkerRoles(rawValue: 1 << 1)
  public static let distributeEach = MarkerRoles(rawValue: 1 << 2)
  public static let fewer = MarkerRoles(rawValue: 1 << 3)
  public static let more = MarkerRoles(rawValue: 1 << 4)
  public static let joiner = MarkerRoles(rawValue: 1 << 5)
  public static let changeGap = MarkerRoles(rawValue: 1 << 6)
  public static let rateGap = MarkerRoles(rawValue: 1 << 7)
  public static let shareGap = MarkerRoles(rawValue: 1 << 8)
  public static let categoryGlue = MarkerRoles(rawValue: 1 << 9)
  public static let breakdownLabel = MarkerRoles(rawValue: 1 << 10)
  public static let tableCell = MarkerRoles(rawValue: 1 << 11)
  public static let priorPeriod = MarkerRoles(rawValue: 1 << 12)
  public static let totalBefore = MarkerRoles(rawValue: 1 << 13)
  public static let rateSuffix = MarkerRoles(rawValue: 1 << 14)
  public static let genericUnit = MarkerRoles(rawValue: 1 << 15)
  public static let genericUnitBlocker = MarkerRoles(rawValue: 1 << 16)
  public static let listEnd = MarkerRoles(rawValue: 1 << 17)
  public static let typeLabel = MarkerRoles(rawValue: 1 << 18)
  public static let breakdownIntro = MarkerRoles(rawValue: 1 << 19)
  public static let totalMarker = MarkerRoles(rawValue: 1 << 20)
  public static let ordinalBefore = MarkerRoles(rawValue: 1 << 21)
  public static let pointsUnit = MarkerRoles(rawValue: 1 << 22)
  public static let tenthsUnit = MarkerRoles(rawValue: 1 << 23)
  public static let tenthsBlocker = MarkerRoles(rawValue: 1 << 24)
  public static let rangeJoiner = MarkerRoles(rawValue: 1 << 25)
  public static let labelMark = MarkerRoles(rawValue: 1 << 26)
  public static let indefiniteNumeral = MarkerRoles(rawValue: 1 << 27)
  public static let topicIntro = MarkerRoles(rawValue: 1 << 28)
  public static let signPlus = MarkerRoles(rawValue: 1 << 29)
  public static let signMinus = MarkerRoles(rawValue: 1 << 30)
  public static let targetReach = MarkerRoles(rawValue: 1 << 31)
  public static let caseload = MarkerRoles(rawValue: 1 << 32)
  public static let zeroCopula = MarkerRoles(rawValue: 1 << 33)

  static let names: [(String, MarkerRoles)] = [
    ("scope_open", .scopeOpen), ("distribute_pairwise", .distributePairwise), ("distribute_each", .distributeEach),
    ("fewer", .fewer), ("more", .more), ("joiner", .joiner), ("change_gap", .changeGap), ("rate_gap", .rateGap),
    ("share_gap", .shareGap), ("category_glue", .categoryGlue), ("breakdown_label", .breakdownLabel),
    ("table_cell", .tableCell), ("prior_period", .priorPeriod), ("total_before", .totalBefore), ("rate_suffix", .rateSuffix),
    ("generic_unit", .genericUnit), ("generic_unit_blocker", .genericUnitBlocker), ("list_end", .listEnd), ("type_label", .typeLabel),
    ("breakdown_intro", .breakdownIntro), ("total_marker", .totalMarker),
    ("ordinal_before", .ordinalBefore), ("points_unit", .pointsUnit), ("tenths_unit", .tenthsUnit), ("tenths_blocker", .tenthsBlocker),
    ("range_joiner", .rangeJoiner), ("label_mark", .labelMark), ("indefinite_numeral", .indefiniteNumeral), ("topic_intro", .topicIntro), ("sign_plus", .signPlus), ("sign_minus", .signMinus),
    ("target_reach", .targetReach), ("caseload", .caseload), ("zero_copula", .zeroCopula),
  ]

  /// Roles found as words in the text (the others are read character by character).
  static let scanned: MarkerRoles = [
    .scopeOpen, .distributePairwise, .distributeEach, .fewer, .more, .priorPeriod, .breakdownIntro, .totalMarker, .topicIntro, .caseload,
  ]
}

/// The markers of `markers.tsv`: words found by a scan of the text (其中, 分别, 均为 …) and single
/// characters tested in place (the glue between a cue and its number).
public final class MarkerTable: Sendable {
  public let lexicon: CueLexicon<MarkerRoles>
  /// Single-character terms of each role, for tests in place: one flat bitmap of 1024 words
  /// (the BMP) per role bit, as these tests run for characters of every clause and a nested
  /// array cost a retain per test.
  private let single: [UInt64]

  /// Terms of each role by the role's bit, longest first, for tests in place (an array: a
  /// dictionary hashed the role at every test).
  private let words: [[[Unicode.Scalar]]]

  public init(_ rows: [(String, MarkerRoles)]) {
    var scanned: [String: MarkerRoles] = [:]
    var sets: [UInt64: BMPSet] = [:]
    var words: [UInt64: [[Unicode.Scalar]]] = [:]
    for (term, role) in rows {
      for (_, r) in MarkerRoles.names where role.contains(r) { words[r.rawValue, default: []].append(Array(term.unicodeScalars)) }
      if !role.intersection(MarkerRoles.scanned).isEmpty { scanned[term, default: []].formUnion(role.intersection(MarkerRoles.scanned)) }
      if term.unicodeScalars.count == 1 {
        for (_, r) in MarkerRoles.names where role.contains(r) {
          sets[r.rawValue, default: BMPSet()].insert(term.unicodeScalars.first!.value)
        }
      }
    }
    lexicon = CueLexicon(scanned)
    self.words = (0..<64).map { bit in (words[UInt64(1) << UInt64(bit)] ?? []).sorted { $0.count > $1.count } }
    var flat = [UInt64](repeating: 0, count: 64 * 1024)
    for (bit, set) in sets {
      let base = bit.trailingZeroBitCount * 1024
      set.withWords { w in for k in 0..<1024 { flat[base + k] = w[k] } }
    }
    single = flat
  }

  /// Whether `c` is a one-character marker of `role`.
  @inline(__always)
  func has(_ role: MarkerRoles, _ c: Unicode.Scalar) -> Bool {
    let v = c.value
    return v < 0x10000 && single[role.rawValue.trailingZeroBitCount &* 1024 &+ Int(v >> 6)] & (1 << UInt64(v & 63)) != 0
  }

  /// The direction an explicit sign gives a change (+ up, − down).
  func signDirection(_ c: Unicode.Scalar) -> QualifierRole? {
    has(.signMinus, c) ? .decrease : has(.signPlus, c) ? .increase : nil
  }

  /// Whether a term of `role` ends right at `p`.
  func endsWith(_ role: MarkerRoles, in s: [Unicode.Scalar], at p: Int) -> Bool {
    words[role.rawValue.trailingZeroBitCount].contains { p >= $0.count && s.hasWord(at: p - $0.count, $0) }
  }

  /// The length of the longest term of `role` at `i`, if one stands there.
  func longest(_ role: MarkerRoles, in s: [Unicode.Scalar], at i: Int) -> Int? {
    words[role.rawValue.trailingZeroBitCount].first { s.hasWord(at: i, $0) }?.count
  }

  /// Whether a term of `role` starts in `range` of `s` (and ends by `s`'s end).
  func occurs(_ role: MarkerRoles, in s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
    let terms = words[role.rawValue.trailingZeroBitCount]
    guard !terms.isEmpty else { return false }
    return range.contains { i in terms.contains { s.hasWord(at: i, $0) } }
  }

  /// Whether every character of `s` is a one-character marker of `role` (true when empty).
  func all<C: Collection>(_ role: MarkerRoles, _ s: C) -> Bool where C.Element == Unicode.Scalar {
    s.allSatisfy { has(role, $0) }
  }

  static func load(files: [String]) throws -> MarkerTable {
    var rows: [(String, MarkerRoles)] = []
    for f in files {
      let tsv = try TSVReader(path: f)
      try tsv.require("term", "role")
      for row in tsv.rows {
        guard let term = tsv.value("term", in: row.fields), !term.isEmpty, let raw = tsv.value("role", in: row.fields) else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "needs term and role")
        }
        guard let role = MarkerRoles.names.first(where: { $0.0 == raw })?.1 else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "unknown role `\(raw)`")
        }
        rows.append((term, role))
      }
    }
    return MarkerTable(rows)
  }
}
