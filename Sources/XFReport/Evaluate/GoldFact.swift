import Foundation

/// An expected fact read from a gold or expected-facts file: facts.md §1 form, where the
/// position is `offset` (the shared gold files) or the start of `span` (our Corpora files).
public struct GoldFact: Sendable {
  public let doc: String
  public let kind: FactKind
  public let metric: String
  public let value: Double?
  public let unit: String
  public let offset: Int
  public let placeholder: Bool
  public let category: String?
  public let quote: String
  /// The rule that should read it, where the expected facts say (`table` for a table's cell):
  /// what `eval --rule` keeps.
  public var rule: String? = nil

  /// Reads JSON Lines; category records and blank lines are skipped.
  public static func load(path: String) throws -> [GoldFact] {
    guard let data = FileManager.default.contents(atPath: path) else { throw EvaluationError.unreadable(path) }
    var result: [GoldFact] = []
    for (n, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard !trimmed.isEmpty else { continue }
      guard let obj = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
        throw EvaluationError.invalid(path, line: n + 1, reason: "not a JSON object")
      }
      guard let kindName = obj["kind"] as? String else { throw EvaluationError.invalid(path, line: n + 1, reason: "no kind") }
      guard let kind = FactKind(rawValue: kindName) else { continue }
      let offset = (obj["offset"] as? Int) ?? ((obj["span"] as? [Int])?.first)
      guard let doc = obj["doc"] as? String, let offset else {
        throw EvaluationError.invalid(path, line: n + 1, reason: "needs doc and offset or span")
      }
      result.append(GoldFact(
        doc: (doc as NSString).lastPathComponent, kind: kind, metric: obj["metric"] as? String ?? "other",
        value: (obj["value"] as? NSNumber)?.doubleValue, unit: obj["unit"] as? String ?? "", offset: offset,
        placeholder: obj["placeholder"] as? Bool ?? false, category: obj["category"] as? String,
        quote: (obj["quote"] as? String) ?? (obj["text"] as? String) ?? "", rule: obj["rule"] as? String))
    }
    return result
  }
}

public enum EvaluationError: Error, CustomStringConvertible {
  case unreadable(String)
  case invalid(String, line: Int, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let p): "cannot read \(p)"
    case .invalid(let p, let l, let r): "\(p):\(l): \(r)"
    }
  }
}
