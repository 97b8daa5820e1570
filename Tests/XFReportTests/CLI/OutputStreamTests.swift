import Foundation
import Testing

/// A full disk or a closed pipe on standard output ends the run with a message and exit 1, never a
/// trap; standard error failing loses only the messages.
@Suite struct OutputStreamTests {
  /// Runs the binary through the shell, so that its streams can be /dev/full or a pipe that closes.
  func sh(_ script: String) throws -> (status: Int32, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", script]
    var env = ProcessInfo.processInfo.environment
    env["XF"] = CommandLineTests.binary.path
    env["CORPORA"] = Fixtures.corpora.path
    p.environment = env
    let err = Pipe()
    p.standardError = err
    try p.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test func aFullDiskOnStandardOutputIsAnError() throws {
    let r = try sh(#""$XF" extract "$CORPORA" > /dev/full"#)
    #expect(r.status == 1)
    #expect(r.stderr.contains("error: cannot write standard output: No space left on device"))
  }

  @Test func aClosedPipeIsAnError() throws {
    // The exit status of xfreport, not of head.
    let r = try sh(#"( "$XF" extract "$CORPORA"; echo "status $?" >&2 ) | head -c 10 > /dev/null"#)
    #expect(r.stderr.contains("error: cannot write standard output: Broken pipe"))
    #expect(r.stderr.contains("status 1"))
  }

  @Test func aFullStandardErrorLosesOnlyTheMessages() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("xf-stderr-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try sh(#""$XF" analyze "$CORPORA" --output ""# + out.path + #"" 2>/dev/full; echo "status $?" >&2"#)
    #expect(r.stderr.contains("status 0"))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("facts.jsonl").path))
  }

  @Test func jobsPastTheLimitAreAUsageError() throws {
    let r = try sh(#""$XF" extract --jobs 9223372036854775807 "$CORPORA/county-annual-2019.txt" > /dev/null"#)
    #expect(r.status == 64)
    #expect(r.stderr.contains("--jobs must be between 1 and 256"))
    let joined = try sh(#""$XF" extract -j1 "$CORPORA/county-annual-2019.txt" > /dev/null"#)
    #expect(joined.status == 0)
  }

  /// A FIFO named on the command line (bash's `<(…)`) is read like a file, under its own name.
  @Test func aNamedFIFOIsRead() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xf-fifo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("letters.txt").path
    #expect(mkfifo(fifo, 0o644) == 0)
    let out = dir.appendingPathComponent("facts.jsonl").path
    let r = try sh("printf '全年受理来信120件。' > '\(fifo)' & \"$XF\" extract '\(fifo)' > '\(out)'; echo \"status $?\" >&2")
    #expect(r.stderr.contains("status 0"))
    let facts = try String(contentsOfFile: out, encoding: .utf8)
    #expect(facts.contains(#""metric":"letters","value":120"#))
  }
}
