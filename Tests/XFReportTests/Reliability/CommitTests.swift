import Foundation
import Synchronization
import Testing
@testable import XFReport

/// The commit of `analyze`'s outputs is all or nothing, and the output folder's lock says who is
/// alive: a failure or a kill at any step of the commit leaves the whole previous set or the
/// whole new one, and a second run on the same folder fails without touching the first.
@Suite(.serialized) struct CommitTests {
  /// The previous set, the new run's files, and what a reader must then see: the new files plus
  /// the previous file of a format the new run did not write.
  static let previous: [String: String] = ["facts.jsonl": "old facts\n", "summary.csv": "old summary\r\n", "report.html": "<p>old</p>"]
  static let written: [String: String] = ["facts.jsonl": "new facts\n", "summary.csv": "new summary\r\n", "xfreport.sqlite": "new db"]
  static var expectedNew: [String: Data] {
    written.merging(["report.html": previous["report.html"]!]) { a, _ in a }.mapValues { Data($0.utf8) }
  }
  static var expectedOld: [String: Data] { previous.mapValues { Data($0.utf8) } }

  /// An output folder holding the previous set: written by a commit, or as plain files (an
  /// older version's outputs).
  func makePrevious(_ dir: URL, legacy: Bool) throws {
    try? FileManager.default.removeItem(at: dir)
    if legacy {
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      for (name, text) in Self.previous { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
      // And an unrelated file of the user's, which no run touches.
      try Data("mine".utf8).write(to: dir.appendingPathComponent("notes.txt"))
      return
    }
    let out = try OutputDirectory(dir.path)
    for (name, text) in Self.previous.sorted(by: { $0.key < $1.key }) {
      let f = try out.create(name)
      try f.write(text)
      try f.close()
    }
    try out.commit()
    try Data("mine".utf8).write(to: dir.appendingPathComponent("notes.txt"))
  }

  func stageNew(_ dir: URL) throws -> OutputDirectory {
    let out = try OutputDirectory(dir.path)
    for (name, text) in Self.written.sorted(by: { $0.key < $1.key }) {
      let f = try out.create(name)
      try f.write(text)
      try f.close()
    }
    return out
  }

  /// What a reader sees, without the user's own file.
  func visible(_ dir: URL) throws -> [String: Data] {
    var c = try XFReportProcess.contents(dir)
    #expect(c.removeValue(forKey: "notes.txt") == Data("mine".utf8), "the user's own file is kept")
    return c
  }

  /// Nothing left over: no run folder but the one in use (none before a first commit) and no
  /// link that leads nowhere.
  func expectTidy(_ dir: URL, _ label: String) throws {
    let current = try? FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent(".xfreport/current").path)
    #expect(XFReportProcess.runFolders(dir) == (current.map { [$0] } ?? []), "\(label): \(XFReportProcess.runFolders(dir))")
    let all = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }.sorted()
    #expect(all == (try XFReportProcess.visibleNames(dir)), "\(label): a dangling link is left: \(all)")
    let control = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(".xfreport").path)
    #expect(!control.contains { $0.hasPrefix(".tmp-") }, "\(label): \(control)")
  }

  @Test(arguments: [false, true], [false, true])
  func aFailureAtEveryStepOfTheCommitLeavesTheOldOrTheNewSet(legacy: Bool, crash: Bool) throws {
    let root = try XFReportProcess.tempDir("commit")
    defer { try? FileManager.default.removeItem(at: root) }
    let dir = root.appendingPathComponent("out")
    var steps: [String] = []
    var sawOld = 0, sawNew = 0
    for k in 0..<64 {
      try makePrevious(dir, legacy: legacy)
      let out = try stageNew(dir)
      var reached: String?
      var taken: [String] = []
      out.faultInjector = { n, what in
        taken.append(what)
        if n == k { reached = what; throw crash ? OutputDirectory.CommitFault.crash : OutputDirectory.CommitFault.fail }
      }
      var failure: Error?
      do { try out.commit() } catch { failure = error }
      let label = "legacy \(legacy), crash \(crash), step \(k) (\(reached ?? "none"))"
      // A fault while tidying up after the switch is no failure: the new set is in place.
      #expect(failure == nil || reached != nil, "\(label): \(String(describing: failure))")
      if failure == nil, reached != nil { #expect(try visible(dir) == Self.expectedNew, "\(label)") }
      steps = taken
      let seen = try visible(dir)
      if reached == nil {
        // Past the last step: the commit went through.
        #expect(seen == Self.expectedNew, "\(label)")
        try expectTidy(dir, label)
        break
      }
      #expect(seen == Self.expectedOld || seen == Self.expectedNew, "\(label): a mixed set \(seen.mapValues { String(decoding: $0, as: UTF8.self) })")
      if seen == Self.expectedOld { sawOld += 1 } else { sawNew += 1 }
      if !crash {
        // A failure before the switch is rolled back, one after it is the new set; both tidy.
        #expect(try XFReportProcess.contents(dir).keys.sorted() == (seen.keys.sorted() + ["notes.txt"]).sorted())
      }
      // The next run cleans up what a killed commit left, and the outputs stay as they were.
      let next = try OutputDirectory(dir.path)
      next.discard()
      #expect(try visible(dir) == seen, "\(label): the next run changed the outputs")
      try expectTidy(dir, label)
    }
    #expect(steps.count >= 6, "\(steps)")
    #expect(sawOld > 0 && sawNew > 0, "faults fell both before and after the switch (\(sawOld), \(sawNew)): \(steps)")
  }

  /// A run in progress holds the folder's lock; a second one on the same folder fails at once
  /// with who holds it, and leaves the first run's files alone (the process-id test it replaced
  /// deleted them when the first run lived in another PID namespace).
  @Test func aSecondRunOnTheSameFolderFailsAndLeavesTheFirstAlone() throws {
    let root = try XFReportProcess.tempDir("lock")
    defer { try? FileManager.default.removeItem(at: root) }
    let dir = root.appendingPathComponent("out")
    try makePrevious(dir, legacy: false)
    let first = try stageNew(dir)
    let results = Mutex<[String]>([])
    // From another thread, as another run of the same process would.
    let t = Thread {
      do { _ = try OutputDirectory(dir.path); results.withLock { $0.append("opened") } } catch {
        results.withLock { $0.append("\(error)") }
      }
    }
    t.start()
    while results.withLock({ $0.isEmpty }) { Thread.sleep(forTimeInterval: 0.01) }
    let message = results.withLock { $0[0] }
    #expect(message.contains("is in use by another xfreport analyze run (pid \(getpid()) on "), "\(message)")
    #expect(FileManager.default.fileExists(atPath: first.staging.path), "the first run's folder was removed")
    try first.commit()
    #expect(try visible(dir) == Self.expectedNew)
    // Released at the commit: the next run opens.
    let third = try OutputDirectory(dir.path)
    third.discard()
  }

  /// Two `analyze` processes on one folder: the second fails (exit 1) while the first goes on
  /// and commits.
  @Test func aSecondProcessFailsWhileTheFirstCommits() throws {
    let root = try XFReportProcess.tempDir("lock-process")
    defer { try? FileManager.default.removeItem(at: root) }
    let input = root.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    let report = try Data(contentsOf: Fixtures.corpora.appendingPathComponent("county-annual-2019.txt"))
    for k in 0..<800 { try report.write(to: input.appendingPathComponent(String(format: "%04d.txt", k))) }
    let out = root.appendingPathComponent("out")
    let p = Process()
    p.executableURL = CommandLineTests.binary
    p.arguments = ["analyze", input.path, "-o", out.path, "-q", "--format", "jsonl"]
    p.standardError = FileHandle.nullDevice
    try p.run()
    func locked() -> Bool {
      let fd = open(out.appendingPathComponent(".xfreport/lock").path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { return false }
      defer { close(fd) }
      if flock(fd, LOCK_SH | LOCK_NB) == 0 { flock(fd, LOCK_UN); return false }
      return true
    }
    let deadline = Date().addingTimeInterval(120)
    while !locked(), p.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    let second = try XFReportProcess.run(["analyze", Fixtures.corpora.path, "-o", out.path, "-q"])
    let stillRunning = p.isRunning
    p.waitUntilExit()
    #expect(stillRunning, "the first run ended before the second started; use more input")
    #expect(second.status == 1, "\(second.stderr)")
    #expect(second.stderr.contains("is in use by another xfreport analyze run (pid \(p.processIdentifier) on "), "\(second.stderr)")
    #expect(p.terminationStatus == 0)
    #expect(try XFReportProcess.visibleNames(out) == ["facts.jsonl"])
    #expect(XFReportProcess.runFolders(out).count == 1)
    let facts = try String(contentsOf: out.appendingPathComponent("facts.jsonl"), encoding: .utf8)
    #expect(facts.contains("\"doc\":\"0799.txt\""), "the first run's outputs are complete")
  }

  /// A run folder left by a run that died (no lock holder) is removed by the next run, whatever
  /// process id it names.
  @Test func aDeadRunsFolderIsRemovedByTheNextRun() throws {
    let root = try XFReportProcess.tempDir("stale")
    defer { try? FileManager.default.removeItem(at: root) }
    let dir = root.appendingPathComponent("out")
    try makePrevious(dir, legacy: false)
    let stale = dir.appendingPathComponent(".xfreport/run-\(getpid())-dead")
    try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
    try Data("half".utf8).write(to: stale.appendingPathComponent("facts.jsonl"))
    let next = try OutputDirectory(dir.path)
    #expect(!FileManager.default.fileExists(atPath: stale.path))
    next.discard()
    #expect(try visible(dir) == Self.expectedOld)
  }

  /// A folder of outputs (report/ beside report.html) written into a run folder.
  func stageFolder(_ dir: URL, _ files: [String: String]) throws -> OutputDirectory {
    let out = try OutputDirectory(dir.path)
    let page = try out.create("report.html")
    try page.write(files["report.html"]!)
    try page.close()
    let folder = try out.createFolder("report")
    for (name, text) in files.sorted(by: { $0.key < $1.key }) where name.hasPrefix("report/") {
      try Data(text.utf8).write(to: folder.appendingPathComponent(String(name.dropFirst("report/".count))))
    }
    return out
  }

  /// The folder is switched in with the files as one: at every step of the commit a reader sees
  /// the whole previous folder or the whole new one (a page gone from the new one gone too),
  /// never a mix, and report.html beside the folder of its own run.
  @Test(arguments: [false, true]) func aFolderIsCommittedWholeAtEveryStep(crash: Bool) throws {
    let root = try XFReportProcess.tempDir("commit-folder")
    defer { try? FileManager.default.removeItem(at: root) }
    let dir = root.appendingPathComponent("out")
    let old = ["report.html": "old", "report/doc-00001.html": "old 1", "report/doc-00002.html": "old 2"]
    let new = ["report.html": "new", "report/doc-00001.html": "new 1", "report/index-0001.html": "new index"]
    var sawOld = 0, sawNew = 0
    for k in 0..<64 {
      try? FileManager.default.removeItem(at: dir)
      try stageFolder(dir, old).commit()
      let out = try stageFolder(dir, new)
      var reached = false
      out.faultInjector = { n, _ in
        if n == k { reached = true; throw crash ? OutputDirectory.CommitFault.crash : OutputDirectory.CommitFault.fail }
      }
      try? out.commit()
      let seen = try XFReportProcess.contents(dir).mapValues { String(decoding: $0, as: UTF8.self) }
      #expect(seen == old || seen == new, "step \(k): a mixed set \(seen)")
      if seen == old { sawOld += 1 } else { sawNew += 1 }
      // The next run tidies up and changes nothing a reader sees.
      try OutputDirectory(dir.path).discard()
      #expect(try XFReportProcess.contents(dir).mapValues { String(decoding: $0, as: UTF8.self) } == seen)
      if !reached { break }
    }
    #expect(sawOld > 0 && sawNew > 0)
  }

  /// A run of other formats keeps the previous report folder whole (its files linked, not
  /// copied); a rerun replaces it whole; a failed run leaves it as it was; and a folder of the
  /// user's in the way is an error before anything is written.
  @Test func aReportFolderIsKeptReplacedOrLeftWhole() throws {
    let root = try XFReportProcess.tempDir("report-folder")
    defer { try? FileManager.default.removeItem(at: root) }
    let input = root.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    let report = try Data(contentsOf: Fixtures.corpora.appendingPathComponent("county-annual-2019.txt"))
    for k in 1...3 { try report.write(to: input.appendingPathComponent("\(k).txt")) }
    let out = root.appendingPathComponent("out")
    func analyze(_ formats: [AnalysisFormat], failing: Bool = false) throws {
      var run = AnalysisRun(pipeline: Fixtures.pipeline)
      run.formats = formats
      if failing { run.extraWriters = [{ _ in AnyAnalysisWriter(AnalysisWriterTests.FailingWriter(atTheEnd: false)) }] }
      _ = try run.run(InputCollector().collect([input.path]), output: out.path)
    }
    func pages() throws -> [String] { try XFReportProcess.contents(out).keys.filter { $0.hasPrefix("report/doc-") }.sorted() }
    try analyze([.html])
    #expect(try pages() == ["report/doc-00001.html", "report/doc-00002.html", "report/doc-00003.html"])
    let first = try XFReportProcess.contents(out)
    func inode() -> ino_t {
      var st = stat()
      return stat(out.appendingPathComponent("report/doc-00001.html").path, &st) == 0 ? st.st_ino : 0
    }
    let before = inode()

    try analyze([.csv])
    let kept = try XFReportProcess.contents(out)
    #expect(kept.filter { $0.key.hasPrefix("report") } == first, "report.html and report/ are carried over as they were")
    #expect(inode() == before, "a page carried over is linked, not copied")

    // More documents, then a failure half-way: the folder is the last committed one.
    try report.write(to: input.appendingPathComponent("4.txt"))
    #expect(throws: OutputError.self) { try analyze([.html], failing: true) }
    #expect(try XFReportProcess.contents(out) == kept)
    #expect(XFReportProcess.runFolders(out).count == 1)

    // Fewer documents: the rerun's folder replaces the old one, no page of it is left.
    for k in 2...4 { try FileManager.default.removeItem(at: input.appendingPathComponent("\(k).txt")) }
    try analyze([.html])
    #expect(try pages() == ["report/doc-00001.html"])

    // The user's own folder named report: refused at once.
    let mine = root.appendingPathComponent("mine")
    try FileManager.default.createDirectory(at: mine.appendingPathComponent("report"), withIntermediateDirectories: true)
    var run = AnalysisRun(pipeline: Fixtures.pipeline)
    run.formats = [.html]
    #expect(throws: OutputError.self) { try run.run(InputCollector().collect([input.path]), output: mine.path) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: mine.appendingPathComponent("report").path).isEmpty)
  }
}
