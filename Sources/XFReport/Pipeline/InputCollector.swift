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

  /// Folders a walk does not enter: the run's own output folder (read back, its report.html
  /// would be analysed as a report). Folders holding an output marker are skipped anyway.
  public var outputFolders: [String]

  public init(outputFolders: [String] = []) { self.outputFolders = outputFolders }

  /// The file whose presence makes a folder an xfreport output folder (``OutputDirectory``).
  public static let outputMarker = "\(OutputDirectory.controlName)/\(OutputDirectory.markerName)"

  public func collect(_ paths: [String]) -> [InputItem] {
    var result: [InputItem] = []
    let fm = FileManager.default
    let outputs = Set(outputFolders.compactMap(Self.realPath))
    for p in paths {
      if p == "-" { result.append(.standardInput); continue }
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
        result.append(.invalid(p, .notFound(path: p)))
        continue
      }
      if isDir.boolValue {
        var visited = Set<String>()
        var ancestors = Set<String>()
        walk(p, into: &result, visited: &visited, ancestors: &ancestors, named: true, outputs: outputs)
      } else {
        result.append(.file(p))
      }
    }
    return result
  }

  /// A directory reached twice through symbolic links is read once; one that links back to a
  /// directory it is inside of (a loop) is an error for that link.
  private func walk(
    _ dir: String, into result: inout [InputItem], visited: inout Set<String>, ancestors: inout Set<String>, named: Bool, outputs: Set<String>
  ) {
    let fm = FileManager.default
    // realpath(3): Foundation's resolvingSymlinksInPath drops the `..` of a link to `..`, so a
    // loop through one was never seen and the walk went on until paths got too long.
    guard let resolved = realpath(dir, nil) else {
      result.append(.invalid(dir, .unreadable(path: dir, reason: String(cString: strerror(errno)))))
      return
    }
    let real = String(cString: resolved)
    free(resolved)
    if ancestors.contains(real) {
      result.append(.invalid(dir, .unreadable(path: dir, reason: "a symbolic link loop (back to \(real))")))
      return
    }
    // An output folder inside an input folder is skipped; named itself, it is an error, so
    // that a run over it does not silently read nothing.
    if outputs.contains(real) || access((dir as NSString).appendingPathComponent(Self.outputMarker), F_OK) == 0 {
      if named {
        let why = outputs.contains(real) ? "it is the output folder of this run" : "it is an xfreport output folder (it holds \(Self.outputMarker))"
        result.append(.invalid(dir, .unreadable(path: dir, reason: "\(why); not read as input")))
      }
      return
    }
    guard visited.insert(real).inserted else { return }
    ancestors.insert(real)
    defer { ancestors.remove(real) }
    guard let names = try? fm.contentsOfDirectory(atPath: dir) else {
      result.append(.invalid(dir, .unreadable(path: dir, reason: "cannot list directory")))
      return
    }
    for name in names.sorted() where !name.hasPrefix(".") {
      let path = (dir as NSString).appendingPathComponent(name)
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
        // A dangling or looping symbolic link: reported, not silently skipped.
        if Self.documentExtensions.contains((name as NSString).pathExtension.lowercased()) {
          result.append(.invalid(path, .notFound(path: path + " (a broken symbolic link)")))
        }
        continue
      }
      if isDir.boolValue {
        walk(path, into: &result, visited: &visited, ancestors: &ancestors, named: false, outputs: outputs)
      } else if Self.documentExtensions.contains((name as NSString).pathExtension.lowercased()),
        !name.uppercased().hasPrefix("README")
      {
        result.append(.file(path))
      }
    }
  }

  static func realPath(_ path: String) -> String? {
    guard let r = realpath(path, nil) else { return nil }
    defer { free(r) }
    return String(cString: r)
  }

  /// Reads an input's bytes, refusing more than `maxBytes` before reading them. Only regular
  /// files are read: a FIFO, socket or device would block or never end.
  public func read(_ item: InputItem, maxBytes: Int = Int.max) throws -> RawDocument {
    switch item {
    case .invalid(_, let e): throw e
    case .document(let d): return d
    case .standardInput:
      return RawDocument(name: "-", bytes: try Self.readAll(STDIN_FILENO, path: "-", maxBytes: maxBytes))
    case .file(let p):
      // O_NONBLOCK: opening a FIFO must not wait for a writer.
      let fd = open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
      guard fd >= 0 else {
        let e = errno
        if e == ENOENT { throw IngestError.notFound(path: p) }
        throw IngestError.unreadable(path: p, reason: String(cString: strerror(e)))
      }
      defer { close(fd) }
      var st = stat()
      guard fstat(fd, &st) == 0 else { throw IngestError.unreadable(path: p, reason: String(cString: strerror(errno))) }
      let type = st.st_mode & S_IFMT
      guard type == S_IFREG else {
        let kind = type == S_IFIFO ? "a FIFO" : type == S_IFSOCK ? "a socket" : type == S_IFDIR ? "a directory" : "a device"
        throw IngestError.unreadable(path: p, reason: "not a regular file (\(kind))")
      }
      if Int(st.st_size) > maxBytes { throw IngestError.tooLarge(bytes: Int(st.st_size), limit: maxBytes) }
      return RawDocument(name: p, bytes: try Self.readAll(fd, path: p, maxBytes: maxBytes))
    }
  }

  /// Reads to the end, or throws once more than `maxBytes` came (a file that grows, a pipe).
  static func readAll(_ fd: Int32, path: String, maxBytes: Int) throws -> [UInt8] {
    var bytes: [UInt8] = []
    // Uninitialised: zeroing a 1 MB chunk per file cost more than reading a short report.
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { chunk.deallocate() }
    while true {
      let n = Glibc.read(fd, chunk.baseAddress, chunk.count)
      if n == 0 { return bytes }
      if n < 0 {
        if errno == EINTR { continue }
        if errno == EAGAIN {  // standard input opened non-blocking by someone else
          var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
          _ = poll(&p, 1, -1)
          continue
        }
        throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno)))
      }
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
      if bytes.count > maxBytes { throw IngestError.tooLarge(bytes: bytes.count, limit: maxBytes) }
    }
  }
}
