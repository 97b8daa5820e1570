import Foundation
import Testing

/// Outputs are whole or untouched: reruns are byte-identical, a signal, a read-only folder or a
/// full disk leaves the previous outputs as they were.
@Suite(.serialized) struct OutputSafetyTests {
  static var sharedCorpus: URL { Fixtures.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus") }

  @Test func rerunsAreByteIdentical() throws {
    let dir = try XFReportProcess.tempDir("rerun")
    defer { try? FileManager.default.removeItem(at: dir) }
    var inputs = [Fixtures.corpora.path]
    if FileManager.default.fileExists(atPath: Self.sharedCorpus.path) { inputs.append(Self.sharedCorpus.path) }
    let formats = ["--format", "jsonl", "json", "csv"]
    let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
    #expect(try XFReportProcess.run(["analyze"] + inputs + ["-o", a.path, "-q", "-j", "2"] + formats).status == 0)
    #expect(try XFReportProcess.run(["analyze"] + inputs + ["-o", b.path, "-q", "-j", "1"] + formats).status == 0)
    let first = try XFReportProcess.contents(a), second = try XFReportProcess.contents(b)
    #expect(first.count == 11, "\(first.keys.sorted())")
    #expect(first.keys.sorted() == second.keys.sorted())
    for (name, data) in first { #expect(second[name] == data, "\(name) differs between runs") }
    // A third run into the same folder replaces the files with the same bytes.
    #expect(try XFReportProcess.run(["analyze"] + inputs + ["-o", a.path, "-q"] + formats).status == 0)
    #expect(try XFReportProcess.contents(a) == first)
  }

  @Test(arguments: [SIGINT, SIGTERM]) func aSignalKeepsThePreviousOutputs(_ signal: Int32) throws {
    let dir = try XFReportProcess.tempDir("signal-\(signal)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    let report = try Data(contentsOf: Fixtures.corpora.appendingPathComponent("county-annual-2019.txt"))
    try report.write(to: input.appendingPathComponent("0000.txt"))
    let out = dir.appendingPathComponent("out")
    #expect(try XFReportProcess.run(["analyze", input.path, "-o", out.path, "-q"]).status == 0)
    let before = try XFReportProcess.contents(out)
    for k in 1...1500 { try report.write(to: input.appendingPathComponent(String(format: "%04d.txt", k))) }
    let p = Process()
    p.executableURL = CommandLineTests.binary
    p.arguments = ["analyze", input.path, "-o", out.path, "-q"]
    try p.run()
    // Signal once the run is staging outputs (its handlers are set then): a fixed delay raced a
    // slow start under AddressSanitizer, and a SIGTERM ignored by the parent is inherited.
    let deadline = Date().addingTimeInterval(60)
    func staging() -> Bool { XFReportProcess.runFolders(out).count > 1 }
    while !staging(), p.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    Thread.sleep(forTimeInterval: 0.3)
    kill(p.processIdentifier, signal)
    p.waitUntilExit()
    #expect(p.terminationStatus == 128 + signal)
    #expect(try XFReportProcess.contents(out) == before)
    #expect(XFReportProcess.runFolders(out).count == 1, "the interrupted run's folder is gone")
  }

  /// Mounts need root and a private mount namespace (`unshare -m`); elsewhere these are skipped.
  static let canMount: Bool = {
    guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
    return (try? XFReportProcess.shell("unshare -m --propagation private sh -c 'mount -t tmpfs -o size=64k tmpfs /mnt'").status) == 0
  }()

  /// Runs `analyze` into a 64 KB tmpfs (private to the script): first a small run that fits, then
  /// `step` (shell) and a second run; prints the second run's status and whether the first
  /// run's outputs are unchanged.
  func mountedRun(_ dir: URL, step: String, second: [String]) throws -> (status: Int32, output: String) {
    let bin = CommandLineTests.binary.path
    let small = Fixtures.corpora.appendingPathComponent("fullwidth-digits.txt").path
    let mnt = dir.appendingPathComponent("mnt").path
    try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
    let quoted = second.map { "'\($0)'" }.joined(separator: " ")
    let script = """
      set -u
      mount -t tmpfs -o size=64k tmpfs '\(mnt)' || exit 90
      export SWIFT_BACKTRACE=enable=no
      '\(bin)' analyze '\(small)' -o '\(mnt)/out' -q --format jsonl json || exit 91
      (cd '\(mnt)/out' && cat facts.jsonl documents.json | md5sum) > '\(dir.path)/before'
      \(step)
      '\(bin)' analyze \(quoted) -o '\(mnt)/out' -q --format jsonl json csv
      echo "status $?"
      (cd '\(mnt)/out' && cat facts.jsonl documents.json | md5sum) > '\(dir.path)/after'
      cmp -s '\(dir.path)/before' '\(dir.path)/after' && echo "previous outputs intact"
      ls -a '\(mnt)/out/.xfreport' | grep -c '^run-' | sed 's/^/run folders /'
      """
    return try XFReportProcess.shell("unshare -m --propagation private sh -s <<'XFEOF'\n\(script)\nXFEOF")
  }

  @Test(.enabled(if: OutputSafetyTests.canMount, "needs root and unshare -m to mount a tmpfs"))
  func fullDiskIsAnErrorAndKeepsThePreviousOutputs() throws {
    let dir = try XFReportProcess.tempDir("full")
    defer { try? FileManager.default.removeItem(at: dir) }
    // The whole Corpora folder's outputs do not fit in 64 KB.
    let r = try mountedRun(dir, step: "", second: [Fixtures.corpora.path])
    #expect(r.output.contains("status 1"), "\(r.output)")
    #expect(r.output.contains("cannot write") && r.output.contains("No space left on device"), "\(r.output)")
    #expect(r.output.contains("previous outputs intact"), "\(r.output)")
    #expect(r.output.contains("run folders 1"), "\(r.output)")
  }

  @Test(.enabled(if: OutputSafetyTests.canMount, "needs root and unshare -m to mount a tmpfs"))
  func readOnlyOutputIsAnErrorAndKeepsThePreviousOutputs() throws {
    let dir = try XFReportProcess.tempDir("ro")
    defer { try? FileManager.default.removeItem(at: dir) }
    let mnt = dir.appendingPathComponent("mnt").path
    let r = try mountedRun(dir, step: "mount -o remount,ro '\(mnt)'", second: [Fixtures.corpora.appendingPathComponent("township-collection.txt").path])
    #expect(r.output.contains("status 1"), "\(r.output)")
    #expect(r.output.contains("cannot write") && r.output.contains("Read-only file system"), "\(r.output)")
    #expect(r.output.contains("previous outputs intact"), "\(r.output)")
  }
}
