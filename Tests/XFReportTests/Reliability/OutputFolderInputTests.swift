import Foundation
import Testing
@testable import XFReport

/// Where outputs go and what is read back: `--output ""` is refused, and an output folder inside
/// an input folder (this run's or any other, by its marker) is never read as input.
@Suite(.serialized) struct OutputFolderInputTests {
  static let report = "青河县信访局2020年工作总结\n全年共受理群众来信120件，来访316件次。\n"

  @Test func anEmptyOutputPathIsAUsageError() throws {
    let dir = try XFReportProcess.tempDir("empty-output")
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data(Self.report.utf8).write(to: dir.appendingPathComponent("a.txt"))
    let r = try XFReportProcess.shell("cd '\(dir.path)' && SWIFT_BACKTRACE=enable=no '\(CommandLineTests.binary.path)' analyze a.txt --output '' -q; echo \"status $?\"")
    #expect(r.output.contains("status 64"), "\(r.output)")
    #expect(r.output.contains("--output needs a directory"), "\(r.output)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.txt"], "nothing written into the current directory")
    #expect(throws: OutputError.self) { try OutputDirectory("") }
  }

  @Test func anOutputFolderInsideTheInputIsNotReadBack() throws {
    let dir = try XFReportProcess.tempDir("nested-output")
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("archive")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    try Data(Self.report.utf8).write(to: input.appendingPathComponent("a.txt"))
    let out = input.appendingPathComponent("out")
    // The second run finds the first run's report.html and facts in archive/out.
    for _ in 0..<2 {
      let r = try XFReportProcess.run(["analyze", input.path, "-o", out.path, "-q", "--format", "html", "jsonl", "json"])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stderr.isEmpty, "\(r.stderr)")
    }
    #expect(try XFReportProcess.factsByDoc(out).keys.sorted() == ["a.txt"])
    let documents = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("documents.json"))) as? [[String: Any]]
    #expect(documents?.compactMap { $0["doc"] as? String } == ["a.txt"])
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(".xfreport/marker").path))

    // Another run's output folder (known by its marker) in the archive is skipped too, and the
    // folder named itself is an error, not a silent empty run.
    let other = input.appendingPathComponent("older-results")
    #expect(try XFReportProcess.run(["analyze", input.appendingPathComponent("a.txt").path, "-o", other.path, "-q", "--format", "html"]).status == 0)
    let items = InputCollector(outputFolders: [out.path]).collect([input.path])
    #expect(items.map(\.name) == [input.appendingPathComponent("a.txt").path])
    let named = InputCollector().collect([other.path])
    guard case .invalid(_, let e) = try #require(named.first), named.count == 1 else { Issue.record("\(named)"); return }
    #expect(e.description.contains("is an xfreport output folder"), "\(e)")
    let same = InputCollector(outputFolders: [input.path]).collect([input.path])
    guard case .invalid(_, let e2) = try #require(same.first), same.count == 1 else { Issue.record("\(same)"); return }
    #expect(e2.description.contains("it is the output folder of this run"), "\(e2)")
    // A file named on the command line is read even inside an output folder.
    #expect(InputCollector().collect([other.appendingPathComponent("report.html").path]).map(\.name) == [other.appendingPathComponent("report.html").path])
  }
}
