/// Why a document could not be read. Each case has a stable code for scripts and error records.
public enum IngestError: Error, Equatable, Sendable, CustomStringConvertible {
  case notFound(path: String)
  case unreadable(path: String, reason: String)
  case empty
  case binary(kind: String)
  /// Over `limit` bytes (--max-input-bytes) when the limit is known.
  case tooLarge(bytes: Int, limit: Int? = nil)
  case lineTooLong(length: Int, limit: Int)
  case decodingFailed(encoding: String, reason: String)
  case invalidDOCX(reason: String)
  case invalidHTML(reason: String)
  /// Encrypted, damaged, without a text layer, or over --max-pdf-pages / --max-pdf-bytes.
  case invalidPDF(reason: String)

  public var code: String {
    switch self {
    case .notFound: "XF-I001"
    case .unreadable: "XF-I002"
    case .empty: "XF-I003"
    case .binary: "XF-I004"
    case .tooLarge, .lineTooLong: "XF-I005"
    case .decodingFailed: "XF-I006"
    case .invalidDOCX: "XF-I007"
    case .invalidHTML: "XF-I008"
    case .invalidPDF: "XF-I010"
    }
  }

  public var description: String {
    switch self {
    case .notFound(let p): "no such file or directory: \(p)"
    case .unreadable(let p, let r): "cannot read \(p): \(r)"
    case .empty: "the file is empty (no text)"
    case .binary(let k): "not a text document (looks like \(k))"
    case .tooLarge(let b, nil): "the file is too large (\(b) bytes)"
    case .tooLarge(let b, let limit?): "the file is too large (\(b) bytes; the limit is \(limit), see --max-input-bytes)"
    case .lineTooLong(let n, let limit): "a line of at least \(n) characters is longer than the limit of \(limit) (see --max-line-length)"
    case .decodingFailed(let e, let r): "cannot decode as \(e): \(r)"
    case .invalidDOCX(let r): "not a readable DOCX: \(r)"
    case .invalidHTML(let r): "cannot parse HTML: \(r)"
    case .invalidPDF(let r): "not a readable PDF: \(r)"
    }
  }
}

/// A problem that did not stop the document from being analysed (e.g. undecodable bytes).
public struct IngestWarning: Sendable, Equatable, CustomStringConvertible {
  public let code: String
  public let message: String
  public var description: String { "[\(code)] \(message)" }
}
