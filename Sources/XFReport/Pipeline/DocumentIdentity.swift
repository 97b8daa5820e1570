import Foundation

/// How a document is named in every output (`doc`): its path relative to the folder that all
/// the run's files share, so that `a/report.txt` and `b/report.txt` are two documents (by base
/// name they were one, and a copy was reported as a copy of itself). One file alone, or the
/// files of one folder, keep their plain names. Standard input is `-`; a document given in
/// memory or on a JSON line keeps the id it was given.
public struct DocumentIdentity: Sendable {
  /// Path components of the shared folder.
  let root: [Substring]

  public init(_ items: [InputItem]) {
    var common: [Substring]? = nil
    for item in items {
      let path: String
      switch item {
      case .file(let p): path = p
      case .rawFile(let b): path = FileName.display(b)
      // A path that could not be used (missing, unreadable) does not move the root: outside
      // it, an input is named by its base name.
      case .invalid, .standardInput, .document: continue
      }
      let dir = Array(Self.components(path).dropLast())
      if let c = common {
        common = Array(zip(c, dir).prefix { $0 == $1 }.map(\.0))
      } else {
        common = dir
      }
    }
    root = common ?? []
  }

  /// `./a//b.txt` → a, b.txt; a leading `/` is a component of its own.
  static func components(_ path: String) -> [Substring] {
    var parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    if path.hasPrefix("/") { parts.insert("/", at: 0) }
    return parts
  }

  /// The id of the input named `name` (a path, `-`, or a given id).
  public func id(of item: InputItem) -> String {
    switch item {
    case .standardInput: return "-"
    case .document(let d): return d.id
    default:
      let parts = Self.components(item.name)
      guard parts.count > root.count, parts.starts(with: root) else { return RawDocument.baseName(of: item.name) }
      // Inputs that share no folder (or only `/`) keep their whole path.
      if root.isEmpty || root == ["/"] {
        return parts.first == "/" ? "/" + parts.dropFirst().joined(separator: "/") : parts.joined(separator: "/")
      }
      return parts.dropFirst(root.count).joined(separator: "/")
    }
  }
}
