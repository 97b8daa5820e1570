import Foundation
import Synchronization

/// Where `analyze` writes. Files are written into a staging folder inside the output folder
/// and renamed into place only when the run completes, so an interrupted or failed run leaves
/// the previous outputs as they were.
public final class OutputDirectory {
  public let url: URL
  public let staging: URL
  /// Names of the staged files; writers may finish on several threads at once.
  private let files = Mutex<[String]>([])

  public init(_ path: String) throws {
    let fm = FileManager.default
    url = URL(fileURLWithPath: path)
    var isDir: ObjCBool = false
    if fm.fileExists(atPath: path, isDirectory: &isDir) {
      guard isDir.boolValue else { throw OutputError.notADirectory(path) }
    } else {
      do { try fm.createDirectory(at: url, withIntermediateDirectories: true) } catch { throw OutputError.cannotCreate(path, "\(error.localizedDescription)") }
    }
    staging = url.appendingPathComponent("\(Self.stagingPrefix)\(getpid())")
    Self.removeStaleStaging(in: url)
    try? fm.removeItem(at: staging)
    do { try fm.createDirectory(at: staging, withIntermediateDirectories: false) } catch {
      throw OutputError.notWritable(path, "\(error.localizedDescription)")
    }
  }

  static let stagingPrefix = ".xfreport-staging-"

  /// Staging folders left by runs that were killed outright (SIGKILL, power loss).
  static func removeStaleStaging(in dir: URL) {
    let fm = FileManager.default
    for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasPrefix(stagingPrefix) {
      guard let pid = Int32(name.dropFirst(stagingPrefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
      try? fm.removeItem(at: dir.appendingPathComponent(name))
    }
  }

  /// On SIGINT or SIGTERM, drop the staging folder and exit (130 or 143), leaving the previous
  /// outputs as they were. For command-line use; the handlers stay for the process's life.
  public func discardOnSignals() {
    let path = staging.path
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler {
        try? FileManager.default.removeItem(atPath: path)
        _exit(128 + sig)
      }
      source.resume()
      Self.signalSources.append(source)
    }
  }
  nonisolated(unsafe) static var signalSources: [DispatchSourceSignal] = []

  /// A new file in the staging folder, to be moved to `name` by ``commit()``.
  public func create(_ name: String) throws -> OutputFile {
    files.withLock { $0.append(name) }
    return try OutputFile(staging.appendingPathComponent(name))
  }

  /// Path of a staged file (for writers that open files themselves, like SQLite).
  public func stagedPath(_ name: String) -> String {
    files.withLock { $0.append(name) }
    return staging.appendingPathComponent(name).path
  }

  /// Moves every staged file into place (each `rename(2)` is atomic) and removes the staging folder.
  public func commit() throws {
    for name in files.withLock({ $0 }) {
      let from = staging.appendingPathComponent(name).path
      let to = url.appendingPathComponent(name).path
      guard rename(from, to) == 0 else { throw OutputError.notWritable(to, String(cString: strerror(errno))) }
    }
    try? FileManager.default.removeItem(at: staging)
  }

  /// Drops what was staged; the previous outputs stay.
  public func discard() {
    try? FileManager.default.removeItem(at: staging)
  }
}

public enum OutputError: Error, CustomStringConvertible {
  case notADirectory(String)
  case cannotCreate(String, String)
  case notWritable(String, String)

  public var description: String {
    switch self {
    case .notADirectory(let p): "\(p) exists and is not a directory"
    case .cannotCreate(let p, let why): "cannot create output directory \(p): \(why)"
    case .notWritable(let p, let why): "cannot write \(p): \(why)"
    }
  }
}

/// A file written in large buffered chunks; every write error (a full disk) is thrown, not lost.
public final class OutputFile {
  public let url: URL
  private let handle: FileHandle
  private var buffer: [UInt8] = []

  init(_ url: URL) throws {
    self.url = url
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw OutputError.notWritable(url.path, String(cString: strerror(errno)))
    }
    handle = try FileHandle(forWritingTo: url)
    buffer.reserveCapacity(1 << 16)
  }

  public func write(_ s: String) throws {
    buffer.append(contentsOf: s.utf8)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func write(bytes: [UInt8]) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func flush() throws {
    guard !buffer.isEmpty else { return }
    do { try handle.write(contentsOf: buffer) } catch { throw OutputError.notWritable(url.path, "\(error.localizedDescription)") }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, syncs to disk (unless `sync` is false: a scratch file that is copied and deleted)
  /// and closes.
  public func close(sync: Bool = true) throws {
    try flush()
    do {
      if sync { try handle.synchronize() }
      try handle.close()
    } catch { throw OutputError.notWritable(url.path, "\(error.localizedDescription)") }
  }
}
