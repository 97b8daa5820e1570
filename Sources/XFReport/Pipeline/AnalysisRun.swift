import Foundation

/// `analyze` from inputs to output files: each input goes through the pipeline and the
/// ``Analyzer`` in order, every writer gets it as it finishes, and the outputs move into place
/// only when all is written.
public struct AnalysisRun {
  public var formats: [AnalysisFormat] = AnalysisFormat.defaults
  public var csvStyle = CSVTable.Style()
  public var keepDuplicates = false
  /// Documents processed at once; outputs do not depend on it.
  public var jobs = 1
  /// Drop the staged outputs and exit on SIGINT/SIGTERM (the command line sets it).
  public var discardOnSignals = false
  public let pipeline: Pipeline
  /// More writers beside those of `formats` (tests use it to fail a run half-way).
  var extraWriters: [(OutputDirectory) throws -> AnyAnalysisWriter] = []

  public init(pipeline: Pipeline) { self.pipeline = pipeline }

  /// What a run did, for the closing line and the exit code.
  public struct Outcome: Sendable {
    public let totals: CorpusTotals
    public let seconds: Double
  }

  /// Called after each input: its position, the number of inputs, and its analysis.
  public typealias Progress = (_ done: Int, _ total: Int, _ document: DocumentAnalysis) -> Void

  /// `skipped`: the files the input walk left out, reported in corpus.json and SQLite.
  public func run(_ items: [InputItem], output: String, skipped: SkippedFiles = SkippedFiles(), progress: Progress = { _, _, _ in }) throws -> Outcome {
    let started = Date()
    let out = try OutputDirectory(output)
    if discardOnSignals { out.discardOnSignals() }
    do {
      let writers = try makeWriters(out)
      let renders = writers.map(\.render)
      var analyzer = Analyzer(dictionaries: pipeline.dictionaries, keepDuplicates: keepDuplicates)
      let preparer = analyzer.preparer
      var done = 0
      // Checks, summaries and sketches, then every writer's rendering, run on the workers; only
      // the duplicate index, the totals and the appends to the files wait for input order.
      try BatchRunner(pipeline: pipeline, jobs: jobs).run(
        items,
        prepare: { outcome in
          switch outcome {
          case .document(let doc): preparer.prepare(doc)
          case .failure(let name, let error, let id): preparer.failed(name: name, id: id, error: error)
          }
        },
        serial: { analyzer.analyze($0) },
        render: { analysis in
          let shared = SharedRendering(analysis)
          return Rendered(analysis: analysis, chunks: renders.map { $0(analysis, shared) })
        },
        commit: { rendered in
          for (w, chunk) in zip(writers, rendered.chunks) { try w.append(chunk) }
          done += 1
          progress(done, items.count, rendered.analysis)
        })
      var totals = analyzer.totals
      totals.skippedFiles = skipped
      try finish(writers, totals)
      try out.commit()
      return Outcome(totals: totals, seconds: Date().timeIntervalSince(started))
    } catch {
      out.discard()
      throw error
    }
  }

  /// Writers finish at once when there are jobs for it: SQLite's indexes, the HTML report's
  /// index and findings pages and the totals tables are separate files, and the slowest of them was a tenth of
  /// a two-job run spent on one thread. The first error in writer order is thrown.
  private func finish(_ writers: [AnyAnalysisWriter], _ totals: CorpusTotals) throws {
    guard jobs > 1, writers.count > 1 else {
      for w in writers { try w.finish(totals) }
      return
    }
    // Each writer touches only its own files (and the output folder's locked list of them).
    // The longest first (SQLite builds its indexes, the HTML report writes its pages), so
    // that the others fit beside them.
    func rank(_ i: Int) -> Int {
      switch format(ofWriter: i) {
      case .sqlite: 0
      case .html, .xlsx: 1
      default: 2
      }
    }
    let order = writers.indices.sorted { (rank($0), $0) < (rank($1), $1) }
    let shared = FinishingWriters(writers)
    DispatchQueue.concurrentPerform(iterations: writers.count) { n in
      let i = order[n]
      do { try shared.writers[i].finish(totals) } catch { shared.failed(i, error) }
    }
    if let error = shared.firstError { throw error }
  }

  /// The format of the writer at `i` of ``makeWriters(_:)`` (nil for an extra writer).
  private func format(ofWriter i: Int) -> AnalysisFormat? { i < formats.count ? formats[i] : nil }

  private final class FinishingWriters: @unchecked Sendable {
    let writers: [AnyAnalysisWriter]
    private let lock = NSLock()
    private var errors: [(Int, Error)] = []

    init(_ writers: [AnyAnalysisWriter]) { self.writers = writers }

    func failed(_ i: Int, _ error: Error) {
      lock.lock()
      errors.append((i, error))
      lock.unlock()
    }

    var firstError: Error? { errors.min { $0.0 < $1.0 }?.1 }
  }

  /// A document with its writers' chunks, in the writers' order.
  private struct Rendered: Sendable {
    let analysis: DocumentAnalysis
    let chunks: [any Sendable]
  }

  func makeWriters(_ out: OutputDirectory) throws -> [AnyAnalysisWriter] {
    var writers: [AnyAnalysisWriter] = []
    for f in formats {
      switch f {
      case .jsonl: writers.append(AnyAnalysisWriter(try FactsJSONLWriter(out)))
      case .json: writers.append(AnyAnalysisWriter(try JSONAnalysisWriter(out)))
      case .csv: writers.append(AnyAnalysisWriter(try CSVAnalysisWriter(out, style: csvStyle)))
      case .sqlite: writers.append(AnyAnalysisWriter(try SQLiteAnalysisWriter(out)))
      case .html: writers.append(AnyAnalysisWriter(try HTMLReportWriter(out, keepDuplicates: keepDuplicates)))
      case .xlsx: writers.append(AnyAnalysisWriter(try XLSXAnalysisWriter(out)))
      }
    }
    for make in extraWriters { writers.append(try make(out)) }
    return writers
  }
}
