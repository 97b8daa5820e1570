/// The decoded text of a document: the coordinate system of every span xfreport publishes.
///
/// Offsets are Unicode code points (scalars) of the decoded source; a leading BOM is not
/// counted. For HTML the source is the markup; for DOCX it is the paragraph texts of
/// `word/document.xml` joined by newlines.
public struct SourceText: Sendable {
  public let scalars: [Unicode.Scalar]

  public init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }
  public init(_ string: String) { self.scalars = Array(string.unicodeScalars) }

  public var count: Int { scalars.count }

  /// The source text of a span (code points, end exclusive), clamped to the text.
  public func text(_ span: SourceSpan) -> String {
    let lo = max(0, min(span.start, count)), hi = max(lo, min(span.end, count))
    return ScalarUTF8.string(scalars[lo..<hi])
  }

  public var string: String { ScalarUTF8.string(scalars[...]) }
}

/// A half-open range `[start, end)` in Unicode code points of ``SourceText``.
public struct SourceSpan: Hashable, Sendable, Codable, CustomStringConvertible {
  public let start: Int
  public let end: Int

  public init(_ start: Int, _ end: Int) {
    precondition(start >= 0 && end >= start, "invalid span \(start)..<\(end)")
    self.start = start
    self.end = end
  }

  public var length: Int { end - start }
  public var description: String { "\(start)-\(end)" }

  public init(from decoder: Decoder) throws {
    var c = try decoder.unkeyedContainer()
    let s = try c.decode(Int.self), e = try c.decode(Int.self)
    guard s >= 0, e >= s else {
      throw DecodingError.dataCorruptedError(in: c, debugDescription: "invalid span [\(s), \(e)]")
    }
    self.init(s, e)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.unkeyedContainer()
    try c.encode(start)
    try c.encode(end)
  }
}
