/// What a token is, from ICU's word-break rule status (ranges: none 0–99, number 100–199,
/// letter 200–299, kana 300–399, ideographic 400–499) and xfreport's own recognisers.
public enum TokenKind: String, Sendable, Codable, CaseIterable {
  case ideographic, letter, kana, number, placeholder, punctuation, whitespace, symbol

  static func fromICU(status: Int32, text: ArraySlice<Unicode.Scalar>) -> TokenKind {
    fromStatus(status) ?? classify(text)
  }

  /// The kind ICU's rule status says, if it says one.
  @inline(__always)
  static func fromStatus(_ status: Int32) -> TokenKind? {
    switch status {
    case 100..<200: .number
    case 200..<300: .letter
    case 300..<400: .kana
    case 400..<500: .ideographic
    default: nil
    }
  }

  /// The kind of a segment ICU gives no word status: all whitespace, else any Han, else all
  /// punctuation, else a symbol.
  static func classify<C: Collection<Unicode.Scalar>>(_ text: C) -> TokenKind {
    // Mostly one character (，。、 a space): no loop.
    if text.count == 1, let c = text.first {
      return c.isWhitespaceLike ? .whitespace : c.isHan ? .ideographic : c.isPunctuation ? .punctuation : .symbol
    }
    var white = true, han = false, punctuation = true
    for c in text {
      if white, !c.isWhitespaceLike { white = false }
      if c.isHan { han = true }
      if punctuation, !c.isPunctuation { punctuation = false }
    }
    return white ? .whitespace : han ? .ideographic : punctuation ? .punctuation : .symbol
  }

  /// Whether the token is a word-like unit (not punctuation or whitespace).
  public var isWordLike: Bool { self != .punctuation && self != .whitespace && self != .symbol }
}

/// Where a token's boundaries came from.
public enum TokenOrigin: Sendable, Hashable {
  /// An ICU word segment as ICU made it.
  case icu
  /// Part of an ICU segment that a lexicon entry or number cut.
  case icuSplit
  /// A lexicon entry that merged (or cut) ICU segments; `pieces` is how many ICU segments or
  /// parts of segments it covers.
  case lexicon(term: String, pieces: Int)
  /// A number, quantity or blanked figure recognised on the character stream.
  case number(pieces: Int)
}

/// A token: a range of the normalized text, its kind and origin.
///
/// `range` is in scalars of ``NormalizedText``; use ``Document/sourceSpan(of:)`` for the
/// span in code points of ``SourceText``.
///
/// Stored compactly (24 bytes, where the plain fields took 56): a document holds one per word,
/// and their memory competes with ICU's dictionary for the cache. Offsets fit in Int32 as
/// ICU's do; a lexicon token refers to its term's ``LexiconTerm`` (one reference, shared).
public struct Token: Sendable, Hashable {
  private let lower: Int32
  private let upper: Int32
  public let kind: TokenKind
  /// The case of ``origin`` (see ``OriginCase``), its piece count and, for a lexicon entry, its term.
  private let originCase: OriginCase
  private let pieces: Int32
  private let term: LexiconTerm?

  private enum OriginCase: UInt8 { case icu, icuSplit, lexicon, number }

  init(range: Range<Int>, kind: TokenKind, origin: TokenOrigin) {
    lower = Int32(range.lowerBound)
    upper = Int32(range.upperBound)
    self.kind = kind
    switch origin {
    case .icu: (originCase, pieces, term) = (.icu, 0, nil)
    case .icuSplit: (originCase, pieces, term) = (.icuSplit, 0, nil)
    case .lexicon(let t, let p): (originCase, pieces, term) = (.lexicon, Int32(p), LexiconTerm(t))
    case .number(let p): (originCase, pieces, term) = (.number, Int32(p), nil)
    }
  }

  /// An ICU segment, or the part of one a number or lexicon entry cut (`split`).
  init(icu range: Range<Int>, kind: TokenKind, split: Bool) {
    lower = Int32(range.lowerBound)
    upper = Int32(range.upperBound)
    self.kind = kind
    originCase = split ? .icuSplit : .icu
    pieces = 0
    term = nil
  }

  init(lexicon range: Range<Int>, term: LexiconTerm, pieces: Int) {
    lower = Int32(range.lowerBound)
    upper = Int32(range.upperBound)
    kind = .ideographic
    originCase = .lexicon
    self.pieces = Int32(pieces)
    self.term = term
  }

  init(number range: Range<Int>, placeholder: Bool, pieces: Int) {
    lower = Int32(range.lowerBound)
    upper = Int32(range.upperBound)
    kind = placeholder ? .placeholder : .number
    originCase = .number
    self.pieces = Int32(pieces)
    term = nil
  }

  public var range: Range<Int> { Int(lower)..<Int(upper) }

  public var origin: TokenOrigin {
    switch originCase {
    case .icu: .icu
    case .icuSplit: .icuSplit
    case .lexicon: .lexicon(term: term?.text ?? "", pieces: Int(pieces))
    case .number: .number(pieces: Int(pieces))
    }
  }
}

/// A lexicon entry's term, shared by reference by the tokens it makes (8 bytes in a Token
/// where a String takes 16).
final class LexiconTerm: Sendable, Hashable {
  let text: String

  init(_ text: String) { self.text = text }

  static func == (a: LexiconTerm, b: LexiconTerm) -> Bool { a.text == b.text }
  func hash(into h: inout Hasher) { h.combine(text) }
}

extension Unicode.GeneralCategory {
  var isPunctuation: Bool {
    switch self {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
      .finalPunctuation, .otherPunctuation:
      true
    default: false
    }
  }
}

extension Unicode.Scalar {
  /// General category P* (`properties.generalCategory.isPunctuation`, by table in the BMP).
  var isPunctuation: Bool {
    value < 0x10000 ? bmpPunctuation.contains(value) : properties.generalCategory.isPunctuation
  }
}

/// General category P* of every BMP scalar, read once from the runtime's Unicode tables: a
/// property lookup per punctuation token cost more than the token. The blocks of Han, Hangul
/// syllables and private use (letters or Co, never punctuation) are skipped, which is most of
/// the cost of building the set at startup.
private let bmpPunctuation: BMPSet = {
  let letterBlocks: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xD800...0xF8FF]
  var set = BMPSet()
  var v: UInt32 = 0
  while v < 0x10000 {
    if let block = letterBlocks.first(where: { $0.contains(v) }) {
      v = block.upperBound + 1
      continue
    }
    if let c = Unicode.Scalar(v), c.properties.generalCategory.isPunctuation { set.insert(v) }
    v += 1
  }
  return set
}()
