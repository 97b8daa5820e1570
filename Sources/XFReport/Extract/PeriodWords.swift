/// The words of `periods.tsv`: what follows a year or a month, seasons, range joiners.
public struct PeriodWords: Sendable {
  public var year: [Unicode.Scalar] = []
  /// Longest first, so that 第一季度 is tried before 一季度.
  public var seasons: [[Unicode.Scalar]] = []
  public var yearParts: [[Unicode.Scalar]] = []
  public var standalone: [[Unicode.Scalar]] = [] { didSet { standaloneFirsts = BMPSet(standalone.compactMap(\.first)) } }
  /// The first characters of `standalone`, kept rather than built per document.
  private(set) var standaloneFirsts = BMPSet()
  public var months: [[Unicode.Scalar]] = []
  public var monthParts: [[Unicode.Scalar]] = []
  public var until: [[Unicode.Scalar]] = []
  /// The part of the year each season and standalone word names (the `part` column: H1, Q1, Q1-Q3, year).
  public var parts: [[Unicode.Scalar]: Period.Part] = [:]
  var monthEnds = BMPSet()
  var rangeJoiners = BMPSet()

  public init() {}

  static func load(files: [String]) throws -> PeriodWords {
    var w = PeriodWords()
    for f in files {
      let tsv = try TSVReader(path: f)
      try tsv.require("term", "role")
      for row in tsv.rows {
        guard let term = tsv.value("term", in: row.fields), !term.isEmpty, let role = tsv.value("role", in: row.fields) else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "needs term and role")
        }
        let t = Array(term.unicodeScalars)
        if role == "season" || role == "standalone" {
          guard let code = tsv.value("part", in: row.fields), let part = Period.Part(code: code) else {
            throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "a \(role) needs a part (year, H1, H2, Q1…Q4, Q1-Q2, Q1-Q3)")
          }
          w.parts[t] = part
        }
        switch role {
        case "year": w.year = t
        case "season": w.seasons.append(t)
        case "year_part": w.yearParts.append(t)
        case "standalone": w.standalone.append(t)
        case "month": w.months.append(t)
        case "month_part": w.monthParts.append(t)
        case "until": w.until.append(t)
        case "month_end", "range_joiner":
          guard t.count == 1 else { throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "\(role) must be one character") }
          if role == "month_end" { w.monthEnds.insert(t[0].value) } else { w.rangeJoiners.insert(t[0].value) }
        default: throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "unknown role `\(role)`")
        }
      }
    }
    w.seasons.sort { $0.count > $1.count }
    return w
  }

  /// The first of `words` at `i`, if any.
  func word(_ words: [[Unicode.Scalar]], in s: [Unicode.Scalar], at i: Int) -> [Unicode.Scalar]? {
    words.first { s.hasWord(at: i, $0) }
  }
}
