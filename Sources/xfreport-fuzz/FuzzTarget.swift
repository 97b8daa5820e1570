// xfreport-fuzz: runs ingest → segment → extract → analyze over arbitrary bytes and stops
// the process on a broken invariant (Document.checkInvariants). Built with
// `-sanitize=fuzzer -D XF_FUZZ` (Scripts/fuzz.sh) it is a libFuzzer target; built plainly it
// replays the files given as arguments (crash inputs, regression fixtures).
//
// The first input byte selects how the rest is read: bits 0-2 the format (auto, text,
// markdown, html, docx), bit 3 forces GB18030, bit 4 names the file .html instead of .txt.

import Foundation
import XFReport

enum FuzzHarness {
  nonisolated(unsafe) static var pipelines: [Int: Pipeline] = [:]
  static let dictionaries: Dictionaries = {
    do { return try Dictionaries.load() } catch { fatalError("xfreport-fuzz: \(error)") }
  }()

  /// Runs one input; returns the broken invariants (empty when all hold or the input was refused).
  static func run(_ data: [UInt8]) -> [String] {
    guard let selector = data.first, let raw = FuzzInput.document(data) else { return [] }
    let key = FuzzInput.key(selector)
    let pipeline = pipelines[key] ?? Pipeline(dictionaries: dictionaries, options: FuzzInput.options(selector))
    pipelines[key] = pipeline
    let doc: Document
    do {
      doc = try pipeline.process(raw)
    } catch {
      _ = errorCode(error)
      _ = "\(error)"
      return []
    }
    var violations = doc.checkInvariants()
    var analyzer = Analyzer(dictionaries: dictionaries)
    if analyzer.analyze(doc).failure != nil { violations.append("analysis of a processed document failed") }
    return violations
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let violations = FuzzHarness.run(bytes)
  if !violations.isEmpty {
    FileHandle.standardError.write(Data(("invariant broken:\n" + violations.prefix(10).joined(separator: "\n") + "\n").utf8))
    abort()
  }
  return 0
}

#if XF_FUZZ
// libFuzzer's own `main` cannot be used: SwiftPM points `main` at this module's entry point.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main struct Fuzz {
  static func main() {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
  }
}
#else
@main struct Replay {
  static func main() {
    var failed = 0
    for path in CommandLine.arguments.dropFirst() {
      guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("\(path): cannot read\n".utf8))
        failed += 1
        continue
      }
      let violations = FuzzHarness.run([UInt8](data))
      if violations.isEmpty { print("\(path): ok") } else {
        failed += 1
        print("\(path): " + violations.joined(separator: "; "))
      }
    }
    exit(failed == 0 ? 0 : 1)
  }
}
#endif
