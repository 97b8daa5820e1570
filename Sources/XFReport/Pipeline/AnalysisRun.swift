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
  var extraWriters: [(OutputDirectory) throws -> AnalysisWriter] = []

  public init(pipeline: Pipeline) { self.pipeline = pipeline }

  /// What a run did, for the closing line and the exit code.
  public struct Outcome: Sendable {
    public let totals: CorpusTotals
    public let seconds: Double
  }

  /// Called after each input: its position, the number of inputs, and its analysis.
  public typealias Progress = (_ done: Int, _ total: Int, _ document: DocumentAnalysis) -> Void

  public func run(_ items: [InputItem], output: String, progress: Progress = { _, _, _ in }) throws -> Outcome {
    let started = Date()
    let out = try OutputDirectory(output)
    if discardOnSignals { out.discardOnSignals() }
    do {
      let writers = try makeWriters(out)
      var analyzer = Analyzer(dictionaries: pipeline.dictionaries, keepDuplicates: keepDuplicates)
      var done = 0
      try BatchRunner(pipeline: pipeline, jobs: jobs).run(items) { outcome in
        let analysis: DocumentAnalysis
        switch outcome {
        case .document(let doc): analysis = analyzer.analyze(doc)
        case .failure(let name, let error): analysis = analyzer.failed(name: name, error: error)
        }
        for w in writers { try w.write(analysis) }
        done += 1
        progress(done, items.count, analysis)
      }
      for w in writers { try w.finish(analyzer.totals) }
      try out.commit()
      return Outcome(totals: analyzer.totals, seconds: Date().timeIntervalSince(started))
    } catch {
      out.discard()
      throw error
    }
  }

  func makeWriters(_ out: OutputDirectory) throws -> [AnalysisWriter] {
    var writers: [AnalysisWriter] = []
    for f in formats {
      switch f {
      case .jsonl: writers.append(try FactsJSONLWriter(out))
      case .json: writers.append(try JSONAnalysisWriter(out))
      case .csv: writers.append(try CSVAnalysisWriter(out, style: csvStyle))
      case .sqlite: writers.append(try SQLiteAnalysisWriter(out))
      case .html: writers.append(try HTMLReportWriter(out, keepDuplicates: keepDuplicates))
      }
    }
    for make in extraWriters { writers.append(try make(out)) }
    return writers
  }
}
