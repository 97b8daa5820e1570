import Foundation
import Synchronization
import Testing
@testable import XFReport

/// The staged run hands documents to `serial` and `commit` in input order whatever the order in
/// which the workers finish, and stops cleanly when the caller throws.
@Suite struct BatchRunnerTests {
  static let items: [InputItem] = (0..<60).map { k in
    .document(RawDocument(name: "d\(k).txt", bytes: Array("第\(k)篇\n\n全年受理来信\(k + 1)件。\n".utf8)))
  }

  /// A few microseconds of work, different for each document, so that workers finish out of order.
  static func jitter(_ k: Int) { usleep(useconds_t((k * 7919) % 13) * 50) }

  static func index(_ outcome: BatchRunner.Outcome) -> Int {
    guard case .document(let doc) = outcome else { return -1 }
    return Int(doc.baseName.dropFirst().dropLast(4))!
  }

  @Test(arguments: [1, 2, 3]) func stepsRunInInputOrder(jobs: Int) throws {
    let runner = BatchRunner(pipeline: Fixtures.pipeline, jobs: jobs)
    var serialOrder: [Int] = []
    var commitOrder: [Int] = []
    let rendered = Mutex(0)
    try runner.run(
      Self.items,
      prepare: { outcome in
        let k = Self.index(outcome)
        Self.jitter(k)
        return k
      },
      serial: { k in
        serialOrder.append(k)
        return k
      },
      render: { k in
        Self.jitter(k + 1)
        rendered.withLock { $0 += 1 }
        return k
      },
      commit: { commitOrder.append($0) })
    #expect(serialOrder == Array(0..<60))
    #expect(commitOrder == Array(0..<60))
    #expect(rendered.withLock { $0 } == 60)
  }

  struct Stop: Error {}

  @Test func aThrowingCommitStopsTheRun() {
    let runner = BatchRunner(pipeline: Fixtures.pipeline, jobs: 2)
    var committed = 0
    #expect(throws: Stop.self) {
      try runner.run(Self.items, prepare: { Self.index($0) }, serial: { $0 }, render: { $0 }) { k in
        if k == 10 { throw Stop() }
        committed += 1
      }
    }
    #expect(committed == 10)
  }
}

/// Files a folder walk leaves out are counted by kind, never silently dropped.
@Suite struct SkippedFilesTests {
  @Test func aWalkCountsWhatItDoesNotRead() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xf-skip-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for name in ["a.txt", "b.docx", "sub/c.doc", "sub/d.xlsx", "sub/e.doc", "README.md", "noext", ".hidden.doc"] {
      try Data("来信5件".utf8).write(to: dir.appendingPathComponent(name))
    }
    var skipped = SkippedFiles()
    let items = InputCollector().collect([dir.path], skipped: &skipped)
    #expect(items.map { ($0.name as NSString).lastPathComponent } == ["a.txt", "b.docx", "noext"])
    #expect(skipped.byKind == [".doc": 2, ".xlsx": 1, "README": 1])
    #expect(skipped.summary == "skipped 4 files: 2 .doc, 1 .xlsx, 1 README")
    // A file named on the command line is read whatever its extension.
    var none = SkippedFiles()
    #expect(InputCollector().collect([dir.appendingPathComponent("sub/c.doc").path], skipped: &none).count == 1)
    #expect(none.summary == nil)
  }

  @Test func plurals() {
    #expect(Plural.count(1, "file") == "1 file")
    #expect(Plural.count(0, "file") == "0 files")
    #expect(Plural.count(3, "article") == "3 articles")
  }
}

/// A folder's own files come before its subfolders: the report at the top is the original of
/// its copies in other encodings and formats below.
@Suite struct WalkOrderTests {
  @Test func filesBeforeSubfolders() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xf-order-\(UUID().uuidString)")
    for sub in ["encodings", "zz"] { try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true) }
    defer { try? FileManager.default.removeItem(at: dir) }
    for name in ["encodings/report.gb18030.txt", "zz/a.txt", "report.txt", "b.txt"] { try Data("来信5件".utf8).write(to: dir.appendingPathComponent(name)) }
    let names = InputCollector().collect([dir.path]).map { String($0.name.dropFirst(dir.path.count + 1)) }
    #expect(names == ["b.txt", "report.txt", "encodings/report.gb18030.txt", "zz/a.txt"])
  }
}
