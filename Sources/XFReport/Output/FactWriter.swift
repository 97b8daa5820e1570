import Foundation
import Synchronization

/// Writes facts in the interchange form of facts.md §1 (one JSON object per line, every key
/// present, `"value": null` for a placeholder), plus `rule`, `article`, `title`, `period`, and
/// after each article its category records (§7).
public struct FactWriter: Sendable {
  public init() {}

  /// The document's records as UTF-8, appended to `buffer` (what the command line writes).
  public func write(_ doc: Document, to buffer: inout [UInt8]) {
    var byArticle: [Int: [Fact]] = [:]
    for f in doc.facts { byArticle[f.article, default: []].append(f) }
    var mentions: [Int: [CategoryMention]] = [:]
    for c in doc.categoryMentions { mentions[c.article, default: []].append(c) }
    let name = doc.id
    let nameLiteral = JSONLiteral(name)
    buffer.reserveCapacity(buffer.count + doc.facts.count * 384 + 256)
    for a in doc.articles {
      let title = JSONLiteral(a.title)
      for f in byArticle[a.index] ?? [] {
        appendLine(f, doc: nameLiteral, title: title, to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
      }
      let span = doc.sourceSpan(of: a)
      for c in mentions[a.index] ?? [] {
        JSONObjectWriter.write(into: &buffer) { o in
          o.add("doc", name)
          o.add("kind", "category")
          o.add("category", c.category)
          o.add("mentions", c.mentions)
          o.add("span", span: span)
          o.add("article", a.index)
          o.add("title", a.title)
        }
        buffer.append(UInt8(ascii: "\n"))
      }
    }
  }

  /// One fact's record, as `extract` writes it.
  public func line(_ f: Fact, doc: String, title: String?) -> String {
    var buffer: [UInt8] = []
    buffer.reserveCapacity(384)
    appendLine(f, doc: JSONLiteral(doc), title: JSONLiteral(title), to: &buffer)
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

  /// The same record as a ``JSONObjectWriter`` with these keys in this order would write.
  func appendLine(_ f: Fact, doc: JSONLiteral, title: JSONLiteral, to buffer: inout [UInt8]) {
    appendFields(f, doc: doc, title: title, to: &buffer)
    buffer.append(UInt8(ascii: "}"))
  }

  /// The record of `analyze`'s facts.jsonl and documents.json: the same keys, then the evidence
  /// span and `duplicate_of` (the earlier passage or article it repeats, or null).
  /// Returns where the fields after `doc` begin and where `article` and `title` lie, so that
  /// documents.json can nest the same bytes without the keys its nesting already states.
  @discardableResult
  func appendAnalysisLine(_ f: Fact, doc: JSONLiteral, title: JSONLiteral, duplicateOf: TextRef?, to buffer: inout [UInt8]) -> FieldMarks {
    let marks = appendFields(f, doc: doc, title: title, to: &buffer)
    buffer.appendUTF8(Key.evidenceSpan)
    buffer.appendSpan(f.evidenceSpan)
    buffer.appendUTF8(Key.duplicateOf)
    if let d = duplicateOf { JSONText.appendString(d.label, to: &buffer) } else { buffer.appendUTF8("null") }
    buffer.append(UInt8(ascii: "}"))
    return marks
  }

  /// Byte offsets in a record: where the comma before `kind` is, and the range of
  /// `,"article":N,"title":T`.
  struct FieldMarks {
    var afterDoc = 0
    var articleAndTitle = 0..<0
  }

  /// The interchange form's keys, then `rule`, `article`, `title`, `period`, without the closing brace.
  @discardableResult
  private func appendFields(_ f: Fact, doc: JSONLiteral, title: JSONLiteral, to buffer: inout [UInt8]) -> FieldMarks {
    var marks = FieldMarks()
    func string(_ v: String?) {
      if let v { JSONText.appendString(v, to: &buffer) } else { buffer.appendUTF8("null" as StaticString) }
    }
    func bool(_ v: Bool) { if v { buffer.appendUTF8("true" as StaticString) } else { buffer.appendUTF8("false" as StaticString) } }
    // Ids (kind, metric, rule, bound) are ASCII letters, digits, `_`, `.` and `:`: nothing to escape.
    func id(_ v: String) {
      buffer.append(UInt8(ascii: "\""))
      buffer.appendUTF8(v)
      buffer.append(UInt8(ascii: "\""))
    }
    buffer.appendUTF8(Key.doc)
    buffer.append(contentsOf: doc.bytes)
    marks.afterDoc = buffer.count
    buffer.appendUTF8(Key.kind)
    id(f.kind.rawValue)
    buffer.appendUTF8(Key.metric)
    id(f.metric.rawValue)
    buffer.appendUTF8(Key.value)
    if let v = f.value {
      if let n = Self.integer(v) { buffer.appendDecimal(Int(n)) } else { buffer.appendUTF8(Self.number(v)) }
    } else {
      buffer.appendUTF8("null" as StaticString)
    }
    buffer.appendUTF8(Key.unit)
    string(f.unit)
    buffer.appendUTF8(Key.span)
    buffer.appendSpan(f.span)
    buffer.appendUTF8(Key.approx)
    bool(f.approx)
    buffer.appendUTF8(Key.bound)
    if let b = f.bound { id(b.rawValue) } else { buffer.appendUTF8("null" as StaticString) }
    buffer.appendUTF8(Key.target)
    bool(f.target)
    buffer.appendUTF8(Key.category)
    string(f.category)
    buffer.appendUTF8(Key.placeholder)
    bool(f.placeholder)
    buffer.appendUTF8(Key.text)
    string(f.evidence)
    buffer.appendUTF8(Key.rule)
    id(f.rule.rawValue)
    let articleStart = buffer.count
    buffer.appendUTF8(Key.article)
    buffer.appendDecimal(f.article)
    buffer.appendUTF8(Key.title)
    buffer.append(contentsOf: title.bytes)
    marks.articleAndTitle = articleStart..<buffer.count
    buffer.appendUTF8(Key.period)
    string(f.period?.label)
    buffer.appendUTF8(Key.page)
    if let p = f.page { buffer.appendDecimal(p) } else { buffer.appendUTF8("null" as StaticString) }
    return marks
  }

  /// A decimal as a JSON number, never in exponent form and never a binary float.
  public static func number(_ d: Decimal) -> String {
    if let n = integer(d) { return String(n) }
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
    guard DecimalBits.fits else { return nil }
    return withUnsafeBytes(of: d) { b -> Int64? in
      let head = b.loadUnaligned(as: UInt32.self)
      let exponent = Int(Int8(truncatingIfNeeded: head))
      let length = Int((head >> 12) & 0xF)
      let negative = (head >> 11) & 1 != 0
      if length == 0 { return negative ? nil : 0 }  // NaN, or zero
      guard exponent >= 0, exponent <= 18, length <= 4 else { return nil }
      var v: UInt64 = 0
      for k in 0..<length { v |= UInt64(b.loadUnaligned(fromByteOffset: 4 + 2 * k, as: UInt16.self)) << (16 * UInt64(k)) }
      for _ in 0..<exponent {
        let (p, overflow) = v.multipliedReportingOverflow(by: 10)
        guard !overflow else { return nil }
        v = p
      }
      guard v < 1_000_000_000_000_000_000 else { return nil }
      return negative ? -Int64(v) : Int64(v)
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
