import ArgumentParser
import Foundation
import XFReport

/// Messages for people go to standard error; standard output carries only data.
enum Diagnostics {
  static func error(_ message: String, file: String? = nil, code: String? = nil) {
    write("error", message, file: file, code: code)
  }

  static func warning(_ message: String, file: String? = nil, code: String? = nil) {
    write("warning", message, file: file, code: code)
  }

  private static func write(_ level: String, _ message: String, file: String?, code: String?) {
    var line = ""
    if let file { line += "\(file): " }
    line += "\(level): "
    if let code { line += "[\(code)] " }
    line += message + "\n"
    StandardStreams.error(line)
  }

  static func report(_ doc: Document) {
    for w in doc.warnings { warning(w.message, file: doc.name, code: w.code) }
  }

  static func report(failure name: String, _ error: Error) {
    Diagnostics.error("\(error)", file: name, code: errorCode(error))
  }
}

/// Buffered standard output, flushed per document so that pipelines see records as they come.
struct StandardOutput {
  private var buffer: [UInt8] = []

  mutating func write(bytes: [UInt8]) {
    buffer += bytes
    if buffer.count >= 1 << 16 { flush() }
  }

  /// Ends the run with exit 1 (and says so) when standard output cannot be written.
  mutating func flush() {
    guard !buffer.isEmpty else { return }
    StandardStreams.output(buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}

/// The loop every streaming subcommand runs: process each input, write what `render` makes of
/// it to standard output (flushed per document), report failures, and exit 2 if any input failed.
/// `render` runs on the worker threads; what reaches standard error and standard output keeps
/// the input order.
func streamDocuments(
  _ pipeline: Pipeline, through stage: Pipeline.Stage, paths: [String], jobs: Int, render: @escaping @Sendable (Document) -> [UInt8]
) throws {
  var out = StandardOutput()
  var failed = 0
  var skipped = SkippedFiles()
  let items = InputCollector().collect(paths, skipped: &skipped)
  // Said first: a long run's reader should know at once that their .doc files are not read.
  if let s = skipped.summary { StandardStreams.error("note: \(s) (from folders only .txt, .md, .html, .docx, .pdf and files without an extension are read; name a file to read it)\n") }
  BatchRunner(pipeline: pipeline, through: stage, jobs: jobs).run(
    items,
    prepare: { outcome -> (BatchRunner.Outcome, [UInt8]) in
      guard case .document(let doc) = outcome else { return (outcome, []) }
      return (outcome, render(doc))
    },
    serial: { $0 },
    render: { $0 },
    commit: { outcome, bytes in
      switch outcome {
      case .document(let doc):
        Diagnostics.report(doc)
        out.write(bytes: bytes)
        out.flush()
      case .failure(let name, let error, _):
        failed += 1
        Diagnostics.report(failure: name, error)
      }
    })
  out.flush()
  if failed > 0 { throw ExitCode(2) }
}
