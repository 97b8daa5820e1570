import Foundation

/// Reads one document per line, `{"id": …, "text": …}`, the form distributed engines pipe
/// through a command (Spark's `RDD.pipe`, Hadoop Streaming). A line that is not such an object
/// yields a failure for that line only.
public struct JSONLDocumentReader {
  public init() {}

  public enum LineError: Error, CustomStringConvertible {
    case notJSON(line: Int)
    case noText(line: Int)

    public var description: String {
      switch self {
      case .notJSON(let n): "line \(n) is not a JSON object"
      case .noText(let n): "line \(n) has no string \"text\""
      }
    }
  }

  /// The document of one line, named by its `id` (a string or number), else `line N`.
  public func document(line: String, number: Int) -> Result<RawDocument, Error> {
    guard let data = line.data(using: .utf8),
      let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    else { return .failure(LineError.notJSON(line: number)) }
    let name: String
    switch object["id"] {
    case let s as String: name = s
    case let n as NSNumber: name = n.stringValue
    default: name = "line \(number)"
    }
    guard let text = object["text"] as? String else { return .failure(NamedError(name: name, error: LineError.noText(line: number))) }
    return .success(RawDocument(name: name, bytes: Array(text.utf8)))
  }

  /// An error that knows which document it belongs to.
  public struct NamedError: Error, CustomStringConvertible {
    public let name: String
    public let error: Error
    public var description: String { "\(error)" }
  }
}
