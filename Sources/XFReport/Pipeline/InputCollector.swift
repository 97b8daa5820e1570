import Foundation

/// One input to read: a file path or standard input.
public enum InputItem: Sendable {
  case file(String)
  case standardInput
  /// A path that could not be used (missing, unreadable directory …) with the reason.
  case invalid(String, IngestError)
  /// A document already in memory (the benchmark, a library caller).
  case document(RawDocument)

  public var name: String {
    switch self {
    case .file(let p): p
    case .standardInput: "-"
    case .invalid(let p, _): p
    case .document(let d): d.name
    }
  }
}

/// Expands the paths a user gives into documents: files as given, directories recursively in
/// a stable (sorted) order, `-` for standard input.
public struct InputCollector: Sendable {
  /// Extensions read when walking a directory (files named on the command line are always read).
  public static let documentExtensions: Set<String> = ["txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx", ""]

  public init() {}

  public func collect(_ paths: [String]) -> [InputItem] {
    var result: [InputItem] = []
    let fm = FileManager.default
    for p in paths {
      if p == "-" { result.append(.standardInput); continue }
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
        result.append(.invalid(p, .notFound(path: p)))
        continue
      }
      if isDir.boolValue {
        var visited = Set<String>()
        walk(p, into: &result, visited: &visited)
      } else {
        result.append(.file(p))
      }
    }
    return result
  }

  private func walk(_ dir: String, into result: inout [InputItem], visited: inout Set<String>) {
    let fm = FileManager.default
    let real = (dir as NSString).resolvingSymlinksInPath
    guard visited.insert(real).inserted else { return }  // symlink loops
    guard let names = try? fm.contentsOfDirectory(atPath: dir) else {
      result.append(.invalid(dir, .unreadable(path: dir, reason: "cannot list directory")))
      return
    }
    for name in names.sorted() where !name.hasPrefix(".") {
      let path = (dir as NSString).appendingPathComponent(name)
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
      if isDir.boolValue {
        walk(path, into: &result, visited: &visited)
      } else if Self.documentExtensions.contains((name as NSString).pathExtension.lowercased()),
        !name.uppercased().hasPrefix("README")
      {
        result.append(.file(path))
      }
    }
  }

  /// Reads an input's bytes.
  public func read(_ item: InputItem) throws -> RawDocument {
    switch item {
    case .invalid(_, let e): throw e
    case .document(let d): return d
    case .standardInput:
      let data = FileHandle.standardInput.readDataToEndOfFile()
      return RawDocument(name: "-", bytes: [UInt8](data))
    case .file(let p):
      guard let h = FileHandle(forReadingAtPath: p) else {
        throw IngestError.unreadable(path: p, reason: FileManager.default.isReadableFile(atPath: p) ? "cannot open" : "permission denied")
      }
      defer { try? h.close() }
      do {
        let data = try h.readToEnd() ?? Data()
        return RawDocument(name: p, bytes: [UInt8](data))
      } catch {
        throw IngestError.unreadable(path: p, reason: "\(error)")
      }
    }
  }
}
