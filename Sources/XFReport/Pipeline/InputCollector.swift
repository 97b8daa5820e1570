import Foundation

/// One input to read: a file path or standard input.
public enum InputItem: Sendable {
  case file(String)
  /// A file whose path is not UTF-8 (GBK names from Windows ZIPs), by its bytes; its name is
  /// their displayed form (``FileName/display(_:)``).
  case rawFile([UInt8])
  case standardInput
  /// A path that could not be used (missing, unreadable directory …) with the reason.
  case invalid(String, IngestError)
  /// A document already in memory (the benchmark, a library caller).
  case document(RawDocument)

  public var name: String {
    switch self {
    case .file(let p): p
    case .rawFile(let b): FileName.display(b)
    case .standardInput: "-"
    case .invalid(let p, _): p
    case .document(let d): d.name
    }
  }
}

/// Files a folder walk did not read because of their kind (`.doc`, `.xls`, images …), counted by
/// extension so that the analyst hears that their old Word files were not read.
public struct SkippedFiles: Sendable, Equatable {
  /// Lower-cased extension with its dot (`.doc`), or the file's kind (`README`).
  public private(set) var byKind: [String: Int] = [:]

  public init() {}

  public var total: Int { byKind.values.reduce(0, +) }

  mutating func add(_ kind: String) { byKind[kind, default: 0] += 1 }

  /// Most first, then by name: `9 .doc, 3 .pdf`.
  public var ranked: [(kind: String, count: Int)] {
    byKind.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
  }

  /// `skipped 12 files: 9 .doc, 3 .xls`, or nil when none was.
  public var summary: String? {
    guard total > 0 else { return nil }
    return "skipped \(Plural.count(total, "file")): " + ranked.map { "\($0.count) \($0.kind)" }.joined(separator: ", ")
  }
}

/// Expands the paths a user gives into documents: files as given, directories recursively in
/// a stable (sorted) order, `-` for standard input. Paths are bytes underneath: a name that is
/// not UTF-8 is read all the same and shown escaped (``FileName``).
public struct InputCollector: Sendable {
  /// Extensions read when walking a directory (files named on the command line are always read).
  public static let documentExtensions: Set<String> = ["txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx", "pdf", ""]

  /// Folders a walk does not enter: the run's own output folder (read back, its report.html
  /// would be analysed as a report). Folders holding an output marker are skipped anyway.
  public var outputFolders: [String]

  public init(outputFolders: [String] = []) { self.outputFolders = outputFolders }

  /// The file whose presence makes a folder an xfreport output folder (``OutputDirectory``).
  public static let outputMarker = "\(OutputDirectory.controlName)/\(OutputDirectory.markerName)"

  /// A path as bytes with its displayed form (the path as given when it is UTF-8).
  struct Path {
    let bytes: [UInt8]
    let shown: String
    var isUTF8: Bool { shown.utf8.elementsEqual(bytes) }
    var item: InputItem { isUTF8 ? .file(shown) : .rawFile(bytes) }

    func appending(_ name: [UInt8]) -> Path {
      if isUTF8, let n = String(validating: name, as: UTF8.self) {
        let s = (shown as NSString).appendingPathComponent(n)
        return Path(bytes: Array(s.utf8), shown: s)
      }
      let b = bytes.last == UInt8(ascii: "/") ? bytes + name : bytes + [UInt8(ascii: "/")] + name
      return Path(bytes: b, shown: FileName.display(b))
    }
  }

  public func collect(_ paths: [String]) -> [InputItem] {
    var skipped = SkippedFiles()
    return collect(paths, skipped: &skipped)
  }

  /// The inputs, and in `skipped` the files of folders that were not read for their kind.
  public func collect(_ paths: [String], skipped: inout SkippedFiles) -> [InputItem] {
    var result: [InputItem] = []
    let outputs = Set(outputFolders.compactMap { Self.realPath(FileName.bytes(of: $0)) })
    for p in paths {
      if p == "-" { result.append(.standardInput); continue }
      let path = Path(bytes: FileName.bytes(of: p), shown: p)
      var st = Glibc.stat()
      guard Self.status(path.bytes, &st) else {
        result.append(.invalid(p, .notFound(path: p)))
        continue
      }
      if st.st_mode & S_IFMT == S_IFDIR {
        var visited = Set<[UInt8]>()
        var ancestors = Set<[UInt8]>()
        walk(path, into: &result, visited: &visited, ancestors: &ancestors, named: true, outputs: outputs, skipped: &skipped)
      } else {
        result.append(path.item)
      }
    }
    return result
  }

  /// A directory reached twice through symbolic links is read once; one that links back to a
  /// directory it is inside of (a loop) is an error for that link.
  private func walk(
    _ dir: Path, into result: inout [InputItem], visited: inout Set<[UInt8]>, ancestors: inout Set<[UInt8]>, named: Bool, outputs: Set<[UInt8]>,
    skipped: inout SkippedFiles
  ) {
    // realpath(3): Foundation's resolvingSymlinksInPath drops the `..` of a link to `..`, so a
    // loop through one was never seen and the walk went on until paths got too long.
    guard let real = Self.realPath(dir.bytes) else {
      result.append(.invalid(dir.shown, .unreadable(path: dir.shown, reason: String(cString: strerror(errno)))))
      return
    }
    if ancestors.contains(real) {
      result.append(.invalid(dir.shown, .unreadable(path: dir.shown, reason: "a symbolic link loop (back to \(FileName.display(real)))")))
      return
    }
    // An output folder inside an input folder is skipped; named itself, it is an error, so
    // that a run over it does not silently read nothing.
    if outputs.contains(real) || FileName.withCPath(dir.appending(Array(Self.outputMarker.utf8)).bytes, { access($0, F_OK) }) == 0 {
      if named {
        let why = outputs.contains(real) ? "it is the output folder of this run" : "it is an xfreport output folder (it holds \(Self.outputMarker))"
        result.append(.invalid(dir.shown, .unreadable(path: dir.shown, reason: "\(why); not read as input")))
      }
      return
    }
    guard visited.insert(real).inserted else { return }
    ancestors.insert(real)
    defer { ancestors.remove(real) }
    guard let names = Self.list(dir.bytes) else {
      result.append(.invalid(dir.shown, .unreadable(path: dir.shown, reason: "cannot list directory")))
      return
    }
    // Sorted by the names as shown (the order of UTF-8 names is that of String comparison), a
    // folder's own files before its subfolders: an archive keeps its reports at the top and
    // copies (other encodings, formats) below, and the first of two copies is the original.
    let entries = names.filter { $0.first != UInt8(ascii: ".") }.map { (FileName.display($0), $0) }.sorted { $0.0 < $1.0 }
    var statuses: [(name: String, path: Path, st: Glibc.stat?)] = entries.map { name, raw in
      let path = dir.appending(raw)
      var st = Glibc.stat()
      return (name, path, Self.status(path.bytes, &st) ? st : nil)
    }
    let isFolder = { (e: (name: String, path: Path, st: Glibc.stat?)) in e.st.map { $0.st_mode & S_IFMT == S_IFDIR } ?? false }
    statuses = statuses.filter { !isFolder($0) } + statuses.filter(isFolder)
    for (name, path, status) in statuses {
      let isDocument = Self.documentExtensions.contains((name as NSString).pathExtension.lowercased())
      guard let st = status else {
        // A dangling or looping symbolic link: reported, not silently skipped.
        if isDocument { result.append(.invalid(path.shown, .notFound(path: path.shown + " (a broken symbolic link)"))) }
        continue
      }
      let type = st.st_mode & S_IFMT
      if type == S_IFDIR {
        walk(path, into: &result, visited: &visited, ancestors: &ancestors, named: false, outputs: outputs, skipped: &skipped)
      } else if type == S_IFREG, !isDocument {
        skipped.add("." + (name as NSString).pathExtension.lowercased())
      } else if type == S_IFREG, name.uppercased().hasPrefix("README") {
        // An archive's own notes, not a report.
        skipped.add("README")
      } else if isDocument {
        // Only regular files from a folder: a FIFO would block the walk, a device never end.
        if type == S_IFREG {
          result.append(path.item)
        } else {
          result.append(.invalid(path.shown, .unreadable(path: path.shown, reason: "not a regular file (\(Self.kind(type)))")))
        }
      }
    }
  }

  static func kind(_ type: mode_t) -> String {
    type == S_IFIFO ? "a FIFO" : type == S_IFSOCK ? "a socket" : type == S_IFDIR ? "a directory" : type == S_IFBLK ? "a block device" : "a device"
  }

  static func status(_ path: [UInt8], _ st: inout Glibc.stat) -> Bool {
    FileName.withCPath(path) { fstatat(AT_FDCWD, $0, &st, 0) } == 0
  }

  static func realPath(_ path: String) -> String? {
    realPath(Array(path.utf8)).map { FileName.display($0) }
  }

  static func realPath(_ path: [UInt8]) -> [UInt8]? {
    guard let r = FileName.withCPath(path, { realpath($0, nil) }) else { return nil }
    defer { free(r) }
    return Array(UnsafeBufferPointer(start: UnsafeRawPointer(r).assumingMemoryBound(to: UInt8.self), count: strlen(r)))
  }

  /// The names in a directory, as bytes (Foundation's listing cannot hold a name that is not UTF-8).
  static func list(_ path: [UInt8]) -> [[UInt8]]? {
    guard let d = FileName.withCPath(path, { opendir($0) }) else { return nil }
    defer { closedir(d) }
    var names: [[UInt8]] = []
    while true {
      errno = 0
      guard let e = readdir(d) else { return errno == 0 ? names : nil }
      let name = withUnsafeBytes(of: e.pointee.d_name) { b in Array(b.prefix { $0 != 0 }) }
      if name == [0x2E] || name == [0x2E, 0x2E] { continue }
      names.append(name)
    }
  }

  /// Reads an input's bytes, refusing more than `maxBytes` before reading them. A file named
  /// on the command line is read whatever it is — a FIFO or `<(…)` too, to its end — but a
  /// folder's files must be regular (the walk says so).
  public func read(_ item: InputItem, maxBytes: Int = Int.max) throws -> RawDocument {
    switch item {
    case .invalid(_, let e): throw e
    case .document(let d): return d
    case .standardInput:
      return RawDocument(name: "-", bytes: try Self.readAll(STDIN_FILENO, path: "-", maxBytes: maxBytes))
    case .file(let p):
      return RawDocument(name: p, bytes: try Self.readFile(Array(p.utf8), shown: p, maxBytes: maxBytes))
    case .rawFile(let b):
      let shown = FileName.display(b)
      return RawDocument(name: shown, bytes: try Self.readFile(b, shown: shown, maxBytes: maxBytes))
    }
  }

  static func readFile(_ path: [UInt8], shown p: String, maxBytes: Int) throws -> [UInt8] {
    // A FIFO (bash's `<(…)`) is opened once, blocking, as `cat` would: it then waits for its
    // writer and ends when the writer closes. Opened twice, a writer that came and went between
    // the two opens left its bytes in the first and the second waited for ever.
    var probe = Glibc.stat()
    let pipeLike = FileName.withCPath(path) { stat($0, &probe) } == 0 && [S_IFIFO, S_IFCHR].contains(probe.st_mode & S_IFMT)
    // O_NONBLOCK otherwise: a FIFO put in the file's place meanwhile must not wait for a writer.
    let fd = FileName.withCPath(path) { open($0, O_RDONLY | O_CLOEXEC | (pipeLike ? 0 : O_NONBLOCK)) }
    guard fd >= 0 else {
      let e = errno
      if e == ENOENT { throw IngestError.notFound(path: p) }
      throw IngestError.unreadable(path: p, reason: String(cString: strerror(e)))
    }
    defer { close(fd) }
    var st = Glibc.stat()
    guard fstat(fd, &st) == 0 else { throw IngestError.unreadable(path: p, reason: String(cString: strerror(errno))) }
    let type = st.st_mode & S_IFMT
    switch type {
    case S_IFREG:
      if Int(st.st_size) > maxBytes { throw IngestError.tooLarge(bytes: Int(st.st_size), limit: maxBytes) }
    case S_IFIFO, S_IFCHR:
      guard pipeLike else { throw IngestError.unreadable(path: p, reason: "replaced by a \(kind(type)) while being opened") }
    default:
      throw IngestError.unreadable(path: p, reason: "not a regular file (\(kind(type)))")
    }
    return try readAll(fd, path: p, maxBytes: maxBytes)
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
