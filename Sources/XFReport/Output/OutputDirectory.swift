import Foundation
import Synchronization

/// Where `analyze` writes, all or nothing. Each run writes into a run folder of its own,
/// `DIR/.xfreport/run-<id>/`; the files the user sees, `DIR/facts.jsonl` …, are symbolic links
/// to `.xfreport/current/<name>`, and `.xfreport/current` is a symbolic link to the run folder
/// in use. The commit switches `current` with one `rename(2)`, so every output changes at
/// once: a failure or a kill at any moment leaves the whole previous set or the whole new one.
///
/// `DIR/.xfreport/lock` is held with `flock(2)` for the life of the run: it, not a process id,
/// says whether a run is alive (process ids mean nothing in another PID namespace or on another
/// host), so a second run on the same folder fails at once and stale run folders are only
/// removed by the lock's holder. `DIR/.xfreport/marker` marks the folder as an output folder,
/// which input walks skip.
public final class OutputDirectory {
  public let url: URL
  /// The run folder this run writes into (switched in by ``commit()``).
  public let staging: URL
  /// Names of the staged files; writers may finish on several threads at once.
  private let files = Mutex<[String]>([])
  /// The lock's descriptor, -1 once released; the commit, discards and the signal handler
  /// take turns through this mutex.
  private let state: Mutex<State>
  /// Called before each step of the commit with its number and a description; a test throws
  /// ``CommitFault`` from it to fail (or to stop dead, as a kill would) at that step.
  var faultInjector: ((Int, String) throws -> Void)?

  struct State {
    var lockFD: Int32
    var finished = false
    /// Links made for names the previous run did not write: they dangle until the switch, and
    /// a run that does not commit removes them again.
    var newLinks: [String] = []
  }

  /// Test faults: `fail` is an error the commit recovers from, `crash` stops it dead.
  enum CommitFault: Error { case fail, crash }

  static let controlName = ".xfreport"
  static let markerName = "marker"
  static let currentName = "current"
  static let runPrefix = "run-"
  static let markerText = """
    This folder holds the outputs of `xfreport analyze`. The visible files are links into
    .xfreport/current/, which points to the run folder in use; xfreport skips a folder holding
    this marker when it reads inputs.

    """

  public init(_ path: String) throws {
    guard !path.isEmpty else { throw OutputError.emptyPath }
    url = URL(fileURLWithPath: path)
    var st = stat()
    if stat(path, &st) == 0 {
      guard st.st_mode & S_IFMT == S_IFDIR else { throw OutputError.notADirectory(path) }
    } else if errno == ENOENT {
      let e = Self.makeDirectories(path)
      if e != 0 { throw OutputError.cannotCreate(path, Self.words(e)) }
    } else {
      throw OutputError.cannotCreate(path, Self.words(errno))
    }
    let control = url.appendingPathComponent(Self.controlName).path
    if mkdir(control, 0o755) != 0, errno != EEXIST { throw OutputError.notWritable(path, Self.words(errno)) }
    let lockPath = control + "/lock"
    let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw OutputError.notWritable(lockPath, Self.words(errno)) }
    var r: Int32
    repeat { r = flock(fd, LOCK_EX | LOCK_NB) } while r != 0 && errno == EINTR
    if r != 0 {
      let e = errno
      let holder = (try? String(contentsOfFile: lockPath, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
      close(fd)
      if e == EWOULDBLOCK { throw OutputError.busy(path, holder) }
      throw OutputError.notWritable(lockPath, Self.words(e))
    }
    // Who holds it, for the message of a run that finds it taken; the lock itself is the proof.
    var host = [CChar](repeating: 0, count: 256)
    gethostname(&host, host.count - 1)
    let who = "pid \(getpid()) on \(String(cString: host))\n"
    _ = ftruncate(fd, 0)
    _ = who.withCString { pwrite(fd, $0, strlen($0), 0) }
    state = Mutex(State(lockFD: fd))
    staging = URL(fileURLWithPath: control).appendingPathComponent("\(Self.runPrefix)\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))")
    do {
      let marker = control + "/" + Self.markerName
      if access(marker, F_OK) != 0 {
        try Self.writeAtomically(Data(Self.markerText.utf8), to: marker)
      }
      Self.removeStale(in: url)
      guard mkdir(staging.path, 0o755) == 0 else { throw OutputError.notWritable(path, Self.words(errno)) }
    } catch {
      releaseLock()
      throw error
    }
  }

  deinit { releaseLock() }

  private func releaseLock() {
    state.withLock { s in
      if s.lockFD >= 0 { close(s.lockFD) }
      s.lockFD = -1
    }
  }

  /// What earlier runs left behind: run folders that are not in use (a killed run's), the
  /// temporary links of an unfinished commit, and the staging folders of older versions. Only
  /// the holder of the lock calls this, so nothing here belongs to a live run.
  static func removeStale(in dir: URL) {
    let fm = FileManager.default
    let control = dir.appendingPathComponent(controlName)
    let inUse = currentRun(in: dir)
    for name in (try? fm.contentsOfDirectory(atPath: control.path)) ?? [] where name.hasPrefix(runPrefix) || name.hasPrefix(".tmp-") {
      if name == inUse { continue }
      try? fm.removeItem(at: control.appendingPathComponent(name))
    }
    // Links of a killed run's new names, left dangling.
    for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where !name.hasPrefix(".") {
      let p = dir.appendingPathComponent(name).path
      if let t = try? fm.destinationOfSymbolicLink(atPath: p), t.hasPrefix("\(controlName)/\(currentName)/"), access(p, F_OK) != 0 { unlink(p) }
    }
    // Versions before the lock staged in `.xfreport-staging-<pid>` and ran no lock; a process
    // id is all they give.
    let legacy = ".xfreport-staging-"
    for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasPrefix(legacy) {
      guard let pid = Int32(name.dropFirst(legacy.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
      try? fm.removeItem(at: dir.appendingPathComponent(name))
    }
  }

  /// The name of the run folder `.xfreport/current` points to, if it exists.
  static func currentRun(in dir: URL) -> String? {
    let control = dir.appendingPathComponent(controlName).path
    guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: control + "/" + currentName),
      !target.contains("/"), target.hasPrefix(runPrefix)
    else { return nil }
    var st = stat()
    guard stat(control + "/" + target, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else { return nil }
    return target
  }

  /// On SIGINT or SIGTERM, drop the run folder and exit (130 or 143), leaving the previous
  /// outputs as they were. For command-line use; the handlers stay for the process's life.
  public func discardOnSignals() {
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler { [self] in
        // Waits for a commit under way: it ends with the whole new set or none of it.
        state.withLock { s in
          if !s.finished { removeUncommitted(&s) }
          _exit(128 + sig)
        }
      }
      source.resume()
      Self.signalSources.append(source)
    }
  }
  nonisolated(unsafe) static var signalSources: [DispatchSourceSignal] = []

  /// A new file in the run folder, to appear as `name` at ``commit()``.
  public func create(_ name: String) throws -> OutputFile {
    files.withLock { $0.append(name) }
    return try OutputFile(staging.appendingPathComponent(name))
  }

  /// A new folder in the run folder, to appear as `name` at ``commit()`` with all it holds: the
  /// link is to the folder, so it is switched in with the files, never half written.
  public func createFolder(_ name: String) throws -> URL {
    var st = stat()
    let visible = url.appendingPathComponent(name).path
    // Found now rather than at the commit, after all the work.
    if lstat(visible, &st) == 0, st.st_mode & S_IFMT == S_IFDIR {
      throw OutputError.notWritable(visible, "a folder of that name is in the way of the output folder")
    }
    files.withLock { $0.append(name) }
    let folder = staging.appendingPathComponent(name)
    guard mkdir(folder.path, 0o755) == 0 else { throw OutputError.notWritable(folder.path, Self.words(errno)) }
    return folder
  }

  /// Path of a staged file (for writers that open files themselves, like SQLite).
  public func stagedPath(_ name: String) -> String {
    files.withLock { $0.append(name) }
    return staging.appendingPathComponent(name).path
  }

  /// Makes the staged files the outputs, all at once, and releases the lock. Files of the
  /// previous run that this one did not write (another `--format`) are kept.
  public func commit() throws {
    let names = files.withLock { $0 }
    try state.withLock { s in
      guard !s.finished else { return }
      var step = 0
      func at(_ what: String) throws {
        try faultInjector?(step, what)
        step += 1
      }
      do {
        try switchIn(names, &s, at)
      } catch CommitFault.crash {
        // As a kill would: nothing cleaned up, only the lock goes (the process is gone).
        s.finished = true
        if s.lockFD >= 0 { close(s.lockFD) }
        s.lockFD = -1
        throw CommitFault.crash
      } catch {
        removeUncommitted(&s)
        throw error
      }
      s.finished = true
      if s.lockFD >= 0 { close(s.lockFD) }
      s.lockFD = -1
    }
  }

  private func switchIn(_ names: [String], _ s: inout State, _ at: (String) throws -> Void) throws {
    let control = url.appendingPathComponent(Self.controlName)
    let run = staging.lastPathComponent
    // A previous set to keep visible while the links are made: the run folder in use, or a new
    // one holding the regular files an older version (or a failed migration) left.
    var old = Self.currentRun(in: url)
    if old == nil {
      let legacy = "\(Self.runPrefix)\(getpid())-previous"
      try at("create \(legacy)")
      let p = control.appendingPathComponent(legacy).path
      if mkdir(p, 0o755) != 0, errno != EEXIST { throw OutputError.notWritable(p, Self.words(errno)) }
      try at("point current at \(legacy)")
      try replaceLink(control.appendingPathComponent(Self.currentName).path, target: legacy)
      old = legacy
    }
    let previous = control.appendingPathComponent(old!)
    for name in names {
      let visible = url.appendingPathComponent(name).path
      let target = "\(Self.controlName)/\(Self.currentName)/\(name)"
      var st = stat()
      if lstat(visible, &st) == 0 {
        switch st.st_mode & S_IFMT {
        case S_IFLNK:
          if (try? FileManager.default.destinationOfSymbolicLink(atPath: visible)) == target { continue }
        case S_IFREG:
          // A plain file (an older version's output): the previous set gets it, by a hard link,
          // before the link replaces it, so what is visible does not change.
          try at("keep \(name) in the previous set")
          try linkOrCopy(visible, to: previous.appendingPathComponent(name).path)
        case S_IFDIR:
          throw OutputError.notWritable(visible, "a directory is in the way of the output file")
        default: break
        }
      } else {
        s.newLinks.append(visible)
      }
      try at("link \(name)")
      try replaceLink(visible, target: target)
    }
    // Outputs of the previous run that this one did not write come along unchanged.
    let written = Set(names)
    for name in (try? FileManager.default.contentsOfDirectory(atPath: previous.path)) ?? [] where !written.contains(name) {
      try at("carry \(name) over")
      try linkOrCopy(previous.appendingPathComponent(name).path, to: staging.appendingPathComponent(name).path)
    }
    try at("sync \(run)")
    try Self.syncDirectory(staging.path)
    try at("switch current to \(run)")
    try replaceLink(control.appendingPathComponent(Self.currentName).path, target: run)
    // Committed. What follows only tidies up; a failure there is left to the next run.
    s.newLinks = []
    func tidy(_ what: String, _ op: () throws -> Void) throws {
      do {
        try at(what)
        try op()
      } catch CommitFault.crash { throw CommitFault.crash } catch {}
    }
    try tidy("sync .xfreport") { try Self.syncDirectory(control.path) }
    try tidy("remove \(old!)") { try FileManager.default.removeItem(at: previous) }
  }

  /// Drops the run folder and the links that only it would have filled; the previous outputs stay.
  private func removeUncommitted(_ s: inout State) {
    try? FileManager.default.removeItem(at: staging)
    for link in s.newLinks where access(link, F_OK) != 0 { unlink(link) }
    s.newLinks = []
    s.finished = true
    if s.lockFD >= 0 { close(s.lockFD) }
    s.lockFD = -1
  }

  /// Drops what was staged and releases the lock; the previous outputs stay.
  public func discard() {
    state.withLock { s in
      guard !s.finished else { return }
      removeUncommitted(&s)
    }
  }

  /// `path` becomes a symbolic link to `target`, atomically (a new link renamed over it).
  private func replaceLink(_ path: String, target: String) throws {
    let tmp = url.appendingPathComponent(Self.controlName).appendingPathComponent(".tmp-\(UUID().uuidString)").path
    unlink(tmp)
    guard symlink(target, tmp) == 0 else {
      let e = errno
      if e == EPERM || e == EOPNOTSUPP || e == ENOSYS {
        throw OutputError.notWritable(path, "\(Self.words(e)): xfreport needs symbolic links in the output folder to replace its outputs all at once")
      }
      throw OutputError.notWritable(path, Self.words(e))
    }
    guard rename(tmp, path) == 0 else {
      let e = errno
      unlink(tmp)
      throw OutputError.notWritable(path, Self.words(e))
    }
  }

  /// A hard link (no copy of the bytes), or a copy where the file system has no hard links; a
  /// folder is made anew and its files linked one by one (folders have no hard links).
  private func linkOrCopy(_ from: String, to: String) throws {
    var st = stat()
    if lstat(from, &st) == 0, st.st_mode & S_IFMT == S_IFDIR {
      try? FileManager.default.removeItem(atPath: to)
      guard mkdir(to, 0o755) == 0 else { throw OutputError.notWritable(to, Self.words(errno)) }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: from)) ?? []
      for name in names.sorted() { try linkOrCopy(from + "/" + name, to: to + "/" + name) }
      try Self.syncDirectory(to)
      return
    }
    unlink(to)
    if link(from, to) == 0 { return }
    let e = errno
    guard e == EPERM || e == EOPNOTSUPP || e == EXDEV || e == EMLINK else { throw OutputError.notWritable(to, Self.words(e)) }
    do { try FileManager.default.copyItem(atPath: from, toPath: to) } catch { throw OutputError.notWritable(to, describe(error)) }
  }

  static func syncDirectory(_ path: String) throws {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw OutputError.notWritable(path, words(errno)) }
    defer { close(fd) }
    guard fsync(fd) == 0 || errno == EINVAL else { throw OutputError.notWritable(path, words(errno)) }
  }

  static func writeAtomically(_ data: Data, to path: String) throws {
    let tmp = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(".tmp-\(getpid())")
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw OutputError.notWritable(path, words(errno)) }
    let n = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    let e = errno
    close(fd)
    guard n == data.count else { unlink(tmp); throw OutputError.notWritable(path, words(n < 0 ? e : ENOSPC)) }
    guard rename(tmp, path) == 0 else { let e = errno; unlink(tmp); throw OutputError.notWritable(path, words(e)) }
  }

  /// `mkdir -p`: 0, or the errno of the failure.
  static func makeDirectories(_ path: String) -> Int32 {
    if mkdir(path, 0o755) == 0 { return 0 }
    let e = errno
    if e == EEXIST {
      var st = stat()
      return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR ? 0 : ENOTDIR
    }
    let parent = (path as NSString).deletingLastPathComponent
    guard e == ENOENT, !parent.isEmpty, parent != path else { return e }
    let p = makeDirectories(parent)
    if p != 0 { return p }
    return mkdir(path, 0o755) == 0 || errno == EEXIST ? 0 : errno
  }

  static func words(_ e: Int32) -> String { String(cString: strerror(e)) }
}

public enum OutputError: Error, CustomStringConvertible {
  case notADirectory(String)
  case cannotCreate(String, String)
  case notWritable(String, String)
  case emptyPath
  /// Another run holds the folder's lock; the second value says who (pid and host), if known.
  case busy(String, String)

  public var description: String {
    switch self {
    case .notADirectory(let p): "\(p) exists and is not a directory"
    case .cannotCreate(let p, let why): "cannot create output directory \(p): \(why)"
    case .notWritable(let p, let why): "cannot write \(p): \(why)"
    case .emptyPath: "the output directory is an empty path (give a folder name; . for the current folder)"
    case .busy(let p, let who):
      "\(p) is in use by another xfreport analyze run\(who.isEmpty ? "" : " (\(who))"); wait for it to finish or choose another --output"
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
    do { try handle.write(contentsOf: buffer) } catch { throw OutputError.notWritable(url.path, describe(error)) }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, syncs to disk (unless `sync` is false: a scratch file that is copied and deleted)
  /// and closes.
  public func close(sync: Bool = true) throws {
    try flush()
    do {
      if sync { try handle.synchronize() }
      try handle.close()
    } catch { throw OutputError.notWritable(url.path, describe(error)) }
  }
}
