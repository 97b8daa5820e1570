/// A reporting period as a value: its year (nil where the text does not say, or blanks it: 20xx),
/// its part of the year, and the words that stated it. Totals group by year and part, so that a
/// half-year report of 2022 is not summed with one of 2023.
public struct Period: Sendable, Hashable {
  public enum Part: Sendable, Hashable {
    case year
    case half(Int)
    case quarter(Int)
    /// The first n quarters (前三季度).
    case quarters(Int)
    case month(Int)
    /// A run of months, first and last (1—5月, 截至7月 = 1…7).
    case months(Int, Int)

    /// The part as a code: `year`, `H1`, `Q2`, `Q1-Q3`, `M05`, `M01-M05`.
    public var code: String {
      func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
      switch self {
      case .year: return "year"
      case .half(let h): return "H\(h)"
      case .quarter(let q): return "Q\(q)"
      case .quarters(let n): return "Q1-Q\(n)"
      case .month(let m): return "M\(two(m))"
      case .months(let a, let b): return "M\(two(a))-M\(two(b))"
      }
    }

    /// Reads a code of ``code``'s form (`periods.tsv` gives one for each season word).
    public init?(code: String) {
      let c = Array(code.utf8)
      func int(_ s: ArraySlice<UInt8>) -> Int? { Int(String(decoding: s, as: UTF8.self)) }
      switch code {
      case "year": self = .year
      case _ where c.count == 2 && c[0] == UInt8(ascii: "H"): guard let h = int(c[1...]), (1...2).contains(h) else { return nil }; self = .half(h)
      case _ where c.count == 2 && c[0] == UInt8(ascii: "Q"): guard let q = int(c[1...]), (1...4).contains(q) else { return nil }; self = .quarter(q)
      case _ where code.hasPrefix("Q1-Q") && c.count == 5: guard let n = int(c[4...]), (2...4).contains(n) else { return nil }; self = .quarters(n)
      default: return nil
      }
    }
  }

  public var year: Int? { didSet { label = Self.label(year: year, text: text) } }
  public var part: Part
  /// The words as the text states them (2023年, 上半年, 1—5月份).
  public var text: String { didSet { label = Self.label(year: year, text: text) } }
  /// What outputs print: the stated words, with the year of the report before a part stated
  /// without one (上半年 in a report of 2023 → 2023年上半年). Stored: every fact's record prints it.
  public private(set) var label: String

  public init(year: Int?, part: Part, text: String) {
    self.year = year
    self.part = part
    self.text = text
    label = Self.label(year: year, text: text)
  }

  private static func label(year: Int?, text: String) -> String {
    guard let y = year, !text.hasPrefix(String(y)) else { return text }
    return "\(y)年" + text
  }

  /// The period as totals group it, by year and part: `2023`, `2023-H1`, `2023-M01-M05`;
  /// `unknown` (`unknown-H1`) where no year is stated or it is blanked (20xx年).
  public var key: String {
    let p = part == .year ? "" : part.code
    guard let y = year else { return p.isEmpty ? "unknown" : "unknown-\(p)" }
    return p.isEmpty ? String(y) : "\(y)-\(p)"
  }
}
