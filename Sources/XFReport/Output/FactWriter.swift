import Foundation
import Synchronization

/// Writes facts in the interchange form of facts.md §1 (one JSON object per line, every key
/// present, `"value": null` for a placeholder), plus `rule`, `article`, `title`, `period`, and
/// after each article its category records (§7).
public struct FactWriter: Sendable {
  /// The checks of ``integer(_:)`` and ``fraction(_:)``, read once per writer: on Linux each
  /// read of a static `let` is a call (`swift_once`), twice per fact.
  private let wholeFast: Bool, fractionFast: Bool

  public init() {
    wholeFast = Self.integerFastPath
    fractionFast = Self.fractionFastPath
  }

  /// The document's records as UTF-8, appended to `buffer` (what the command line writes).
  public func write(_ doc: Document, to buffer: inout [UInt8]) {
    let name = doc.id
    let nameLiteral = JSONLiteral(name)
    buffer.reserveCapacity(buffer.count + doc.facts.count * 384 + 256)
    // Grouped by index, in place: grouping copies of the facts (a dictionary of arrays of
    // Fact) cost a tenth of the writer.
    let scratch = ByteScratch()
    doc.facts.withUnsafeBufferPointer { facts in
      let factRuns = ArticleRuns(facts.count) { facts[$0].article }
      let mentions = doc.categoryMentions
      let mentionRuns = ArticleRuns(mentions.count) { mentions[$0].article }
      for a in doc.articles {
        let title = JSONLiteral(a.title)
        for k in factRuns.positions(of: a.index) {
          appendLine(facts.baseAddress! + factRuns.element(k), doc: nameLiteral, title: title, ending: "}\n", scratch: scratch, to: &buffer)
        }
        let run = mentionRuns.positions(of: a.index)
        guard !run.isEmpty else { continue }
        let span = doc.sourceSpan(of: a)
        for k in run {
          let c = mentions[mentionRuns.element(k)]
          // As a JSONObjectWriter with keys doc, kind, category, mentions, span, article, title.
          let room = 256 + nameLiteral.bytes.count + JSONText.maxLiteralCount(c.category) + title.bytes.count
          scratch.append(to: &buffer, atMost: room) { o in
            o.put(Key.doc)
            o.put(nameLiteral.bytes)
            o.put(#","kind":"category","category":"# as StaticString)
            JSONText.appendString(c.category, to: &o)
            o.put(#","mentions":"# as StaticString)
            o.putDecimal(c.mentions)
            o.put(Key.span)
            o.putSpan(span)
            o.put(Key.article)
            o.putDecimal(a.index)
            o.put(Key.title)
            o.put(title.bytes)
            o.put("}\n" as StaticString)
          }
        }
      }
    }
  }

  /// One fact's record, as `extract` writes it.
  public func line(_ f: Fact, doc: String, title: String?) -> String {
    var buffer: [UInt8] = []
    buffer.reserveCapacity(384)
    withUnsafePointer(to: f) { appendLine($0, doc: JSONLiteral(doc), title: JSONLiteral(title), ending: "}", scratch: ByteScratch(), to: &buffer) }
    return String(decoding: buffer, as: UTF8.self)
  }

  /// The record's keys with their punctuation, as bytes: a fact line is mostly keys, and
  /// appending each key's pieces one by one cost more than the values.
  private enum Key {
    // Computed StaticStrings: constants in the binary, appended without a lazy global's check
    // and retain per key.
    static var doc: StaticString { #"{"doc":"# }
    static var kind: StaticString { #","kind":"# }
    static var metric: StaticString { #","metric":"# }
    static var value: StaticString { #","value":"# }
    static var unit: StaticString { #","unit":"# }
    static var span: StaticString { #","span":"# }
    static var approx: StaticString { #","approx":"# }
    static var bound: StaticString { #","bound":"# }
    static var target: StaticString { #","target":"# }
    static var category: StaticString { #","category":"# }
    static var placeholder: StaticString { #","placeholder":"# }
    static var text: StaticString { #","text":"# }
    static var rule: StaticString { #","rule":"# }
    static var article: StaticString { #","article":"# }
    static var title: StaticString { #","title":"# }
    static var period: StaticString { #","period":"# }
    static var evidenceSpan: StaticString { #","evidence_span":"# }
    static var duplicateOf: StaticString { #","duplicate_of":"# }
    static var page: StaticString { #","page":"# }
  }

  /// The same record as a ``JSONObjectWriter`` with these keys in this order would write,
  /// then `ending` (the closing brace, and for `extract` the newline).
  /// The fact is read through a pointer: passed by value, the whole struct was copied per fact.
  func appendLine(_ f: UnsafePointer<Fact>, doc: JSONLiteral, title: JSONLiteral, ending: StaticString, scratch: ByteScratch, to buffer: inout [UInt8]) {
    let values = FieldValues(f, self)
    scratch.append(to: &buffer, atMost: values.maxCount(doc: doc, title: title) + ending.utf8CodeUnitCount) { c in
      appendFields(f, values, doc: doc, title: title, to: &c)
      c.put(ending)
    }
  }

  /// The record of `analyze`'s facts.jsonl and documents.json: the same keys, then the evidence
  /// span and `duplicate_of` (the earlier passage or article it repeats, or null).
  /// Returns where the fields after `doc` begin and where `article` and `title` lie, so that
  /// documents.json can nest the same bytes without the keys its nesting already states.
  @discardableResult
  func appendAnalysisLine(_ f: UnsafePointer<Fact>, doc: JSONLiteral, title: JSONLiteral, duplicateOf: TextRef?, scratch: ByteScratch, to buffer: inout [UInt8]) -> FieldMarks {
    let values = FieldValues(f, self)
    let base = buffer.count
    let label = duplicateOf?.label
    let room = values.maxCount(doc: doc, title: title) + FieldValues.maxAnalysisCount + (label.map(JSONText.maxLiteralCount) ?? 0)
    var marks = scratch.append(to: &buffer, atMost: room) { c in
      let marks = appendFields(f, values, doc: doc, title: title, to: &c)
      c.put(Key.evidenceSpan)
      c.putSpan(f.pointee.evidenceSpan)
      c.put(Key.duplicateOf)
      if let label { JSONText.appendString(label, to: &c) } else { c.put("null" as StaticString) }
      c.put(UInt8(ascii: "}"))
      return marks
    }
    marks.afterDoc += base
    marks.articleAndTitle = (marks.articleAndTitle.lowerBound + base)..<(marks.articleAndTitle.upperBound + base)
    return marks
  }

  /// Byte offsets in a record: where the comma before `kind` is, and the range of
  /// `,"article":N,"title":T`.
  struct FieldMarks {
    var afterDoc = 0
    var articleAndTitle = 0..<0
  }

  /// What a fact's line holds besides its keys, read once: the room to make is summed from it.
  private struct FieldValues {
    let kind: String, metric: String, rule: String
    /// The value when it is a whole number of at most 18 digits (most counts).
    let whole: Int64?
    /// Else when it has one to six decimals (most rates and shares).
    let fraction: Fraction?
    /// Other values as Foundation formats them (cached by ``FactWriter/number(_:)``).
    let formatted: String?
    /// The longest the escaped strings (unit, category, text, period) can be.
    let stringsCount: Int

    init(_ f: UnsafePointer<Fact>, _ writer: FactWriter) {
      kind = f.pointee.kind.rawValue
      metric = f.pointee.metric.rawValue
      rule = f.pointee.rule.rawValue
      let value = f.pointee.value
      switch value.flatMap({ FactWriter.plain($0, whole: writer.wholeFast, fraction: writer.fractionFast) }) {
      case .whole(let n)?: (whole, fraction) = (n, nil)
      case .fraction(let f)?: (whole, fraction) = (nil, f)
      case nil: (whole, fraction) = (nil, nil)
      }
      formatted = whole == nil && fraction == nil ? value.map(FactWriter.number) : nil
      var strings = JSONText.maxLiteralCount(f.pointee.unit) + JSONText.maxLiteralCount(f.pointee.evidence)
      if let c = f.pointee.category { strings += JSONText.maxLiteralCount(c) }
      if let p = f.pointee.period?.label { strings += JSONText.maxLiteralCount(p) }
      stringsCount = strings
    }

    /// Keys, punctuation, booleans, `null`s and numbers at their longest (20 bytes; a span 43):
    /// some 350 bytes, with room to spare (``ByteScratch`` checks).
    static let fixedCount = 512
    /// `,"evidence_span":[…],"duplicate_of":null}` at their longest (83 bytes).
    static let maxAnalysisCount = 128

    /// The most bytes ``appendFields`` writes for this fact.
    func maxCount(doc: JSONLiteral, title: JSONLiteral) -> Int {
      Self.fixedCount + doc.bytes.count + title.bytes.count + kind.utf8.count + metric.utf8.count + rule.utf8.count
        + Fraction.maxCount + (formatted?.utf8.count ?? 0) + stringsCount
    }
  }

  /// The interchange form's keys, then `rule`, `article`, `title`, `period`, without the closing
  /// brace. Marks are offsets from the cursor's start.
  @discardableResult
  private func appendFields(_ f: UnsafePointer<Fact>, _ values: FieldValues, doc: JSONLiteral, title: JSONLiteral, to c: inout ByteCursor) -> FieldMarks {
    var marks = FieldMarks()
    // Ids (kind, metric, rule, bound) are ASCII letters, digits, `_`, `.` and `:`: nothing to escape.
    func id(_ v: String, to c: inout ByteCursor) {
      c.put(UInt8(ascii: "\""))
      c.put(v)
      c.put(UInt8(ascii: "\""))
    }
    func bool(_ v: Bool, to c: inout ByteCursor) { c.put(v ? "true" as StaticString : "false") }
    c.put(Key.doc)
    c.put(doc.bytes)
    marks.afterDoc = c.count
    c.put(Key.kind)
    id(values.kind, to: &c)
    c.put(Key.metric)
    id(values.metric, to: &c)
    c.put(Key.value)
    if let n = values.whole {
      c.putDecimal(Int(n))
    } else if let f = values.fraction {
      f.append(to: &c)
    } else if let s = values.formatted {
      c.put(s)
    } else {
      c.put("null" as StaticString)
    }
    c.put(Key.unit)
    JSONText.appendString(f.pointee.unit, to: &c)
    c.put(Key.span)
    c.putSpan(f.pointee.span)
    c.put(Key.approx)
    bool(f.pointee.approx, to: &c)
    c.put(Key.bound)
    if let b = f.pointee.bound { id(b.rawValue, to: &c) } else { c.put("null" as StaticString) }
    c.put(Key.target)
    bool(f.pointee.target, to: &c)
    c.put(Key.category)
    if let v = f.pointee.category { JSONText.appendString(v, to: &c) } else { c.put("null" as StaticString) }
    c.put(Key.placeholder)
    bool(f.pointee.placeholder, to: &c)
    c.put(Key.text)
    JSONText.appendString(f.pointee.evidence, to: &c)
    c.put(Key.rule)
    id(values.rule, to: &c)
    let articleStart = c.count
    c.put(Key.article)
    c.putDecimal(f.pointee.article)
    c.put(Key.title)
    c.put(title.bytes)
    marks.articleAndTitle = articleStart..<c.count
    c.put(Key.period)
    if let p = f.pointee.period?.label { JSONText.appendString(p, to: &c) } else { c.put("null" as StaticString) }
    c.put(Key.page)
    if let p = f.pointee.page { c.putDecimal(p) } else { c.put("null" as StaticString) }
    return marks
  }

  /// A decimal as a JSON number, never in exponent form and never a binary float.
  public static func number(_ d: Decimal) -> String {
    if let n = integer(d) { return String(n) }
    if let f = fraction(d) {
      var b: [UInt8] = []
      b.reserveCapacity(Fraction.maxCount)
      f.append(to: &b)
      return String(decoding: b, as: UTF8.self)
    }
    // Keyed by the value's bits, not by the Decimal: hashing a Decimal cost a third of
    // formatting one. Equal values with other bits get entries of their own.
    guard DecimalBits.fits else { return format(d) }
    let key = DecimalBits(d)
    return numberCache.withLock { cache in
      if let s = cache[key] { return s }
      let s = format(d)
      // Reports repeat the same few thousand values; Foundation's formatting is slow.
      if cache.count < 1 << 16 { cache[key] = s }
      return s
    }
  }

  /// The value when it is a whole number of at most 18 digits (most counts), read from the
  /// Decimal's 20-byte layout (swift-foundation on Linux: exponent in byte 0, length in the high
  /// nibble of byte 1 and the sign in its bit 3, then eight 16-bit mantissa words) so that
  /// Foundation's formatting is skipped. Off when the check on known values fails.
  static func integer(_ d: Decimal) -> Int64? {
    guard integerFastPath else { return nil }
    return rawInteger(d)
  }

  private static func rawInteger(_ d: Decimal) -> Int64? {
    if case .whole(let n)? = plain(d, whole: true, fraction: false) { return n }
    return nil
  }

  /// A value ``integer(_:)`` or ``fraction(_:)`` takes, read from the layout once.
  enum Plain {
    case whole(Int64)
    case fraction(Fraction)
  }

  /// The value as a whole number or a fraction, each when its check (`whole`, `fraction`) passed.
  @inline(__always)
  static func plain(_ d: Decimal, whole: Bool, fraction: Bool) -> Plain? {
    guard whole || fraction, DecimalBits.fits else { return nil }
    return withUnsafeBytes(of: d) { b -> Plain? in
      let head = b.loadUnaligned(as: UInt32.self)
      let exponent = Int(Int8(truncatingIfNeeded: head))
      let length = Int((head >> 12) & 0xF)
      let negative = (head >> 11) & 1 != 0
      if length == 0 { return negative || !whole ? nil : .whole(0) }  // NaN, or zero
      guard length <= 4 else { return nil }
      var v: UInt64 = 0
      for k in 0..<length { v |= UInt64(b.loadUnaligned(fromByteOffset: 4 + 2 * k, as: UInt16.self)) << (16 * UInt64(k)) }
      if exponent >= 0 {
        guard whole, exponent <= 18 else { return nil }
        for _ in 0..<exponent {
          let (p, overflow) = v.multipliedReportingOverflow(by: 10)
          guard !overflow else { return nil }
          v = p
        }
        guard v < 1_000_000_000_000_000_000 else { return nil }
        return .whole(negative ? -Int64(v) : Int64(v))
      }
      // A last zero would be a value Decimal keeps uncompacted: left to Foundation.
      guard fraction, exponent >= -6, v < 1_000_000_000_000_000_000, v % 10 != 0 else { return nil }
      return .fraction(Fraction(negative: negative, digits: v, scale: -exponent))
    }
  }

  /// The layout is read as expected on this platform (checked once on known values).
  private static let integerFastPath: Bool = {
    let probes: [(Decimal, Int64?)] = [
      (Decimal(2675), 2675), (Decimal(-6), -6), (Decimal(0), 0), (Decimal(sign: .plus, exponent: 3, significand: 12), 12000),
      (Decimal(string: "92.5")!, nil), (Decimal(1_000_000_007), 1_000_000_007),
    ]
    return probes.allSatisfy { rawInteger($0.0) == $0.1 }
  }()

  /// A value with one to six decimals, the last no zero (rates, shares: 92.5, -6.2, 0.05), as
  /// sign, digits and scale; written as Foundation writes it (rounding to six places leaves it
  /// as it is), without its formatting or the cache's lock and hash. Read from the layout as
  /// ``integer(_:)`` reads it; off when the check on known values fails.
  struct Fraction {
    let negative: Bool
    /// The digits without the point: 925 for 92.5.
    let digits: UInt64
    /// Decimals, 1 to 6.
    let scale: Int

    /// A sign, 18 digits, a point and five leading zeros.
    static let maxCount = 32

    func append<Sink: ByteSink>(to out: inout Sink) {
      var p: UInt64 = 1
      for _ in 0..<scale { p *= 10 }
      var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
      let count = Swift.withUnsafeMutableBytes(of: &text) { buf -> Int in
        // Written from the end: the decimals (leading zeros kept), the point, the whole part.
        var i = buf.count
        var f = digits % p, w = digits / p
        for _ in 0..<scale {
          i -= 1
          buf[i] = UInt8(ascii: "0") + UInt8(f % 10)
          f /= 10
        }
        i -= 1
        buf[i] = UInt8(ascii: ".")
        repeat {
          i -= 1
          buf[i] = UInt8(ascii: "0") + UInt8(w % 10)
          w /= 10
        } while w > 0
        if negative {
          i -= 1
          buf[i] = UInt8(ascii: "-")
        }
        UnsafeRawBufferPointer(rebasing: buf[i...]).withMemoryRebound(to: UInt8.self) { out.put($0) }
        return buf.count - i
      }
      assert(count <= Self.maxCount)
    }
  }

  static func fraction(_ d: Decimal) -> Fraction? {
    guard fractionFastPath else { return nil }
    return rawFraction(d)
  }

  private static func rawFraction(_ d: Decimal) -> Fraction? {
    if case .fraction(let f)? = plain(d, whole: false, fraction: true) { return f }
    return nil
  }

  /// The layout is read, and the digits written, as Foundation does (checked once on known values).
  private static let fractionFastPath: Bool = {
    let probes = ["92.5", "-6.2", "0.005", "-0.05", "0.000001", "81.25", "123456789012.123456", "999999999999.999999"]
    return integerFastPath && probes.allSatisfy { p in
      let d = Decimal(string: p)!
      guard let f = rawFraction(d) else { return false }
      var b: [UInt8] = []
      f.append(to: &b)
      return String(decoding: b, as: UTF8.self) == p && format(d) == p
    }
  }()

  static func format(_ d: Decimal) -> String {
    var v = d
    var r = Decimal()
    NSDecimalRound(&r, &v, 6, .plain)
    return "\(r)"
  }

  private static let numberCache = Mutex<[DecimalBits: String]>([:])

  /// The bytes of a Decimal (exponent, length and flags, mantissa), as a cheap hash key.
  private struct DecimalBits: Hashable {
    let low: UInt64, high: UInt64, rest: UInt32

    /// Whether a Decimal is the 20 bytes read here (else ``number(_:)`` does not cache).
    static let fits = MemoryLayout<Decimal>.size == 20

    init(_ d: Decimal) {
      (low, high, rest) = withUnsafeBytes(of: d) { b in
        (b.loadUnaligned(as: UInt64.self), b.loadUnaligned(fromByteOffset: 8, as: UInt64.self), b.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
      }
    }
  }

  /// An in-band error record for a document that could not be processed, so that a stream
  /// consumer (a Spark job) sees it in place of the document's facts.
  public func errorLine(doc: String, error: Error) -> String {
    var o = JSONObjectWriter()
    o.add("doc", doc)
    o.add("kind", "error")
    o.add("code", errorCode(error))
    o.add("message", "\(error)")
    return o.close()
  }
}

/// Positions of a document's facts (or category records) grouped by article, each group in
/// document order, found without copying the elements: sorted by article and position unless
/// already in that order (the usual case).
struct ArticleRuns {
  /// Positions in article order; nil when that is their own order.
  private let order: [Int]?
  /// The article of each position, in that order.
  private let articles: [Int]

  init(_ count: Int, article: (Int) -> Int) {
    let a = (0..<count).map(article)
    if zip(a, a.dropFirst()).allSatisfy({ $0 <= $1 }) {
      order = nil
      articles = a
    } else {
      let o = (0..<count).sorted { a[$0] != a[$1] ? a[$0] < a[$1] : $0 < $1 }
      order = o
      articles = o.map { a[$0] }
    }
  }

  /// The run of `article`'s elements: indices for ``element(_:)``.
  func positions(of article: Int) -> Range<Int> {
    func first(_ after: (Int) -> Bool) -> Int {
      var lo = 0, hi = articles.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if after(articles[mid]) { hi = mid } else { lo = mid + 1 }
      }
      return lo
    }
    return first { $0 >= article }..<first { $0 > article }
  }

  /// The position in the document of the `k`th element in article order.
  func element(_ k: Int) -> Int { order?[k] ?? k }
}

/// A string (or null) written once as a JSON literal: every fact of a document repeats its name,
/// and every fact of an article its title.
struct JSONLiteral {
  let bytes: [UInt8]

  init(_ s: String?) {
    var b: [UInt8] = []
    if let s { JSONText.appendString(s, to: &b) } else { b.append(contentsOf: "null".utf8) }
    bytes = b
  }
}
